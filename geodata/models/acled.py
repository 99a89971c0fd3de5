"""What the ACLED importer needs to remember: actor → party mappings and each imported row's timestamp."""

from django.conf import settings
from django.contrib.gis.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..choices import ImportPhase
from ..importers.messages import render
from .event import Event
from .reference import Conflict, Party


class ActorMapping(models.Model):
    """An ACLED actor name (e.g. 'Military Forces of Azerbaijan (2003-)') and the party it stands for."""

    actor = models.CharField(_("ACLED actor"), max_length=300, unique=True)
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="actor_mappings", verbose_name=_("party"))

    class Meta:
        verbose_name = _("actor mapping")
        verbose_name_plural = _("actor mappings")
        ordering = ["actor"]

    def __str__(self):
        return f"{self.actor} → {self.party}"


class ImportedRow(models.Model):
    """The upstream row an event came from: its ACLED id and `timestamp`, to tell updated rows from unchanged ones."""

    # No index of its own: importedrow_unique (conflict, external_id) serves the conflict's lookups.
    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="+", verbose_name=_("conflict"),
                                 db_index=False)
    external_id = models.CharField(_("external ID"), max_length=60)
    timestamp = models.BigIntegerField(_("ACLED timestamp"))
    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="imported_row", verbose_name=_("event"))

    class Meta:
        verbose_name = _("imported row")
        verbose_name_plural = _("imported rows")
        constraints = [
            models.UniqueConstraint(fields=["conflict", "external_id"], name="importedrow_unique"),
        ]


class ImportJob(models.Model):
    """An ACLED file uploaded in the admin, imported in the background by the task worker.

    The file is kept in the row (an import is a few MB at most), so the worker needs no shared disk.
    `processed`/`total` are written by the worker from outside the import's transaction, so the page
    shows progress while the import itself still commits all or nothing.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", pgettext_lazy("import status", "queued")
        RUNNING = "running", pgettext_lazy("import status", "running")
        DONE = "done", pgettext_lazy("import status", "done")
        FAILED = "failed", pgettext_lazy("import status", "failed (nothing written)")
        CANCELLED = "cancelled", pgettext_lazy("import status", "cancelled (nothing written)")

    conflict_slug = models.SlugField(_("conflict slug"), max_length=100)
    create_conflict = models.BooleanField(_("create the conflict"), default=False)
    publish = models.BooleanField(_("publish"), default=False)
    dry_run = models.BooleanField(_("dry run"), default=False)
    file_name = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("user"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    phase = models.CharField(_("phase"), max_length=40, blank=True, choices=ImportPhase.choices)
    processed = models.PositiveIntegerField(_("rows processed"), default=0)
    total = models.PositiveIntegerField(_("rows in total"), default=0)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    # The report as messages (geodata/importers/messages.py), rendered in each reader's language: the worker
    # that writes it has no reader's language to write it in.
    report_lines = models.JSONField(_("report"), default=list, blank=True,
                                    help_text=_("What the import found, line by line."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("ACLED import")
        verbose_name_plural = _("ACLED imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.file_name} → {self.conflict_slug} ({self.get_status_display()})"

    @property
    def report(self):
        """The report as text, in the active language."""
        return render(self.report_lines)

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED)

    @property
    def percent(self):
        return 100 if self.status == self.Status.DONE else (100 * self.processed // self.total if self.total else 0)
