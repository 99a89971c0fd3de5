"""Attacks and other incidents, ACLED-compatible, each tied to the claims made about it."""

from django.contrib.gis.db import models
from django.contrib.postgres.indexes import GistIndex
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.db.models.functions import Greatest
from django.utils.translation import gettext_lazy as _

from ..choices import (
    SUB_EVENT_TYPE_CHOICES,
    SUB_EVENT_TYPES,
    DatePrecision,
    EventType,
    GeoPrecision,
)
from ..editorial import EditorialRecord, PublishableQuerySet, State, bump_version_trigger
from ..editorial.history import tracked
from .claimstatus import status_from_claims
from .correction import Correction, corrected_records
from .dataversion import published_rows_triggers
from .dates import as_date, within_conflict
from .place import Place
from .reference import Conflict, Party
from .validators import validate_lonlat

PUBLISHED = State.PUBLISHED


class EventQuerySet(PublishableQuerySet):
    def with_corrected_at(self):
        """Annotate `corrected_at`: the latest correction of the event or of one of its claims."""
        return self.annotate(
            corrected_at=Greatest(
                Correction.objects.public().latest_date_for("event"),
                Correction.objects.public().filter(claim__isnull=False).latest_date_for("claim__event"),
            )
        )

    def corrected(self):
        """Only the events with a public correction (few), annotated with `corrected_at`."""
        return corrected_records(self, "event")

    def between(self, start, end):
        """Events dated from `start` to `end`, both days included."""
        start, end = as_date(start), as_date(end)
        if start > end:
            raise ValueError(f"start {start} is after end {end}")
        return self.filter(date__gte=start, date__lte=end)

    def with_verification(self, claims=None, published_only=True):
        """Annotate `verification` from the claims (the rule is in claimstatus.py).

        Only published claims count unless `published_only=False` (editors' view).
        """
        if claims is None:  # the API passes its public claims; the admin all of them
            claims = self.model.claims.field.model.objects  # Claim, reached through the relation
            claims = claims.filter(state=PUBLISHED) if published_only else claims.all()
        return self.annotate(verification=status_from_claims(claims, "event"))




@tracked("EventHistory")
class Event(EditorialRecord):
    """An attack or incident report, ACLED-compatible."""

    # No index of its own: event_conflict_date (conflict, date) and the external ids' unique index both
    # start with the conflict, and a third index on it cost every insert (an import writes 100,000).
    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="events", verbose_name=_("conflict"),
                                 db_index=False)
    external_id = models.CharField(
        _("external ID"), max_length=60, blank=True, help_text=_("Stable identifier, e.g. an ACLED event_id_cnty.")
    )
    event_type = models.CharField(_("event type"), max_length=40, choices=EventType.choices, editable=False)
    sub_event_type = models.CharField(_("sub-event type"), max_length=60, choices=SUB_EVENT_TYPE_CHOICES)
    date = models.DateField(_("date"))
    time_precision = models.PositiveSmallIntegerField(
        _("date precision"), choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    point = models.PointField(_("point"), srid=4326)
    geo_precision = models.PositiveSmallIntegerField(
        _("location precision"), choices=GeoPrecision.choices, default=GeoPrecision.TOWN
    )
    place = models.ForeignKey(Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
                              verbose_name=_("place"))
    perpetrator = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="events_as_perpetrator",
        verbose_name=_("perpetrator"),
    )
    target = models.ForeignKey(
        Party, on_delete=models.PROTECT, null=True, blank=True, related_name="events_as_target",
        verbose_name=_("target"),
    )
    civilian_targeting = models.BooleanField(_("civilian targeting"), default=False)
    description = models.TextField(_("description"), help_text=_("Plain text."))
    confirmed = models.BooleanField(
        _("confirmed"), default=False, help_text=_("An editor has confirmed the event independently of the claims.")
    )
    confirmation_note = models.TextField(
        _("confirmation note"), blank=True, help_text=_("Required when confirmed: how it was confirmed.")
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["conflict", "date"], name="event_conflict_date"),
            # The public API's query: published events of a conflict in a date range,
            # newest first, within a bbox. Partial (published only) and covering the
            # point, so the page's count is an index-only scan (see docs/benchmarks.md).
            models.Index(
                fields=["conflict", "date"], include=["point"], condition=Q(state=State.PUBLISHED),
                name="event_published_conflict_date",
            ),
            # The vector tiles' query at zoom >= 8 (geodata/tiles/mvt.py): published events of a
            # conflict in a date range inside a tile. One GiST over the point, the date and the
            # conflict (btree_gist) finds exactly them; the two indexes above could only be
            # ANDed (a month of 1M events is ~42,000 index entries for ~350 in a z8 tile), 10x
            # slower. At low zooms, where a tile holds much of the month, the planner keeps the
            # index-only scan of event_published_conflict_date (docs/tiles.md).
            GistIndex(
                fields=["point", "date", "conflict"], condition=Q(state=State.PUBLISHED),
                name="event_published_tile",
            ),
        ]
        triggers = [bump_version_trigger(), *published_rows_triggers()]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed=False) | ~Q(confirmation_note=""),
                name="event_confirmation_has_note",
                violation_error_message=_("Say how the event was confirmed."),
            ),
            models.CheckConstraint(
                condition=Q(
                    *[
                        Q(sub_event_type=sub, event_type=parent)
                        for sub, parent in SUB_EVENT_TYPES.items()
                    ],
                    _connector=Q.OR,
                ),
                name="event_sub_type_matches_type",
                violation_error_message=_("That sub-event type does not belong to that event type."),
            ),
            models.UniqueConstraint(
                fields=["conflict", "external_id"],
                condition=~Q(external_id=""),
                name="event_external_id_unique",
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.sub_event_type}: {self.description[:60]}"

    def save(self, *args, **kwargs):
        self.event_type = SUB_EVENT_TYPES.get(self.sub_event_type, self.event_type)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.event_type = SUB_EVENT_TYPES.get(self.sub_event_type, "")
        try:
            validate_lonlat(self.point)
        except ValidationError as error:
            raise ValidationError({"point": error.messages}) from None
        if self.confirmed and not self.confirmation_note.strip():
            raise ValidationError({"confirmation_note": _("Say how the event was confirmed.")})
        within_conflict(self)

    @property
    def verification_status(self):
        annotated = getattr(self, "verification", None)
        if annotated is not None:
            return annotated
        return Event.objects.with_verification().get(pk=self.pk).verification

    def conservative_figures(self):
        return self.claims.conservative_figures()
