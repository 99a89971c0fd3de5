"""The public corrections log.

Every change to a published record and every withdrawal carries a public note
(the admin form refuses the save without one). The label it keeps of the record
is written by geodata/editorial/corrections.py.
"""

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..editorial.corrections import conflict_of, neutral_label
from ..editorial.states import State
from .dataversion import conflict_rows_triggers


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """Corrections of records that are, or were, public; never of drafts or records in review."""
        hidden = [State.DRAFT, State.IN_REVIEW]
        return self.exclude(
            Q(event__state__in=hidden) | Q(control_change__state__in=hidden) | Q(claim__state__in=hidden)
            # a claim's correction stays hidden while its event or control change is not public
            | Q(claim__event__state__in=hidden) | Q(claim__control_change__state__in=hidden)
            | Q(territory_version__state__in=hidden) | Q(claim__territory_version__state__in=hidden)
        )

    def for_conflict(self, conflict):
        return self.filter(conflict=conflict)

    def latest_date_for(self, field):
        """A subquery giving the latest correction date of the outer row through `field`."""
        return Subquery(
            self.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(latest=Max("date")).values(
                "latest"
            )[:1]
        )


def corrected_records(queryset, field):
    """Rows of `queryset` corrected themselves or through one of their claims, with `corrected_at`.

    Starts from the corrections log, so its cost follows the number of corrections, not of
    records: the API LEFT JOINs it to a page of events or control changes.
    """
    log = Correction.objects.public()
    return queryset.filter(
        Q(pk__in=log.values(field)) | Q(pk__in=log.filter(claim__isnull=False).values(f"claim__{field}"))
    ).with_corrected_at()


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTED = "corrected", pgettext_lazy("correction kind", "corrected")
        WITHDRAWN = "withdrawn", pgettext_lazy("correction kind", "withdrawn")

    conflict = models.ForeignKey("geodata.Conflict", on_delete=models.CASCADE, related_name="corrections",
                                 verbose_name=_("conflict"))
    event = models.ForeignKey(
        "geodata.Event", on_delete=models.SET_NULL, null=True, blank=True, related_name="corrections",
        verbose_name=_("event"),
    )
    control_change = models.ForeignKey(
        "geodata.ControlChange", on_delete=models.SET_NULL, null=True, blank=True, related_name="corrections",
        verbose_name=_("control change"),
    )
    claim = models.ForeignKey(
        "geodata.Claim", on_delete=models.SET_NULL, null=True, blank=True, related_name="corrections",
        verbose_name=_("claim"),
    )
    territory_version = models.ForeignKey(
        "geodata.TerritoryVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="corrections",
        verbose_name=_("territory version"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CORRECTED)
    date = models.DateTimeField(_("date"), default=timezone.now, db_index=True)
    record_label = models.CharField(
        _("record"), max_length=300, help_text=_("Neutral description of the record when corrected.")
    )
    note = models.TextField(_("note"), help_text=_("Public: what was corrected and why."))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("created by"),
    )

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["-date", "-id"]
        triggers = conflict_rows_triggers()
        constraints = [
            models.CheckConstraint(
                # At most one record (all become NULL if the record is later deleted).
                condition=~(Q(event__isnull=False) & Q(control_change__isnull=False))
                & ~(Q(event__isnull=False) & Q(claim__isnull=False))
                & ~(Q(control_change__isnull=False) & Q(claim__isnull=False))
                & ~(Q(territory_version__isnull=False) & (
                    Q(event__isnull=False) | Q(control_change__isnull=False) | Q(claim__isnull=False))),
                name="correction_one_record",
            ),
            models.CheckConstraint(condition=~Q(note=""), name="correction_has_note"),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.kind}: {self.record_label}"

    @classmethod
    def log(cls, record, note, user=None, kind=Kind.CORRECTED):
        note = (note or "").strip()
        if not note:
            raise ValueError("a correction needs a public note")
        fields = {
            "event": "event", "controlchange": "control_change", "claim": "claim",
            "territoryversion": "territory_version",
        }
        return cls.objects.create(
            conflict_id=conflict_of(record),
            kind=kind,
            note=note,
            record_label=neutral_label(record),
            created_by=user if user is not None and user.pk else None,
            **{fields[record._meta.model_name]: record},
        )
