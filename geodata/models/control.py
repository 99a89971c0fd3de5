"""Control of places over time: dated changes, each with its claims.

A place's controller at date D is the party of its latest effective
ControlChange with date <= D; two changes on the same day are ordered by their
id (the one recorded later wins). The subqueries use the (place, conflict, date)
index.
"""

import pgtrigger
from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Greatest
from django.utils.translation import gettext_lazy as _

from ..choices import DatePrecision
from ..editorial import EditorialRecord, PublishableQuerySet, State, bump_version_trigger
from ..editorial.history import tracked
from .claimstatus import status_from_claims
from .correction import Correction, corrected_records
from .dataversion import published_rows_triggers
from .dates import as_date, within_conflict
from .place import Place
from .reference import Conflict, Party

# A control change must actually change hands: the database refuses an effective change whose
# party already controls the place at that date (the previous effective change has the same
# party) or that duplicates the next effective change. ControlChange.clean() says the same in a
# form error; this is the backstop for imports, scripts and bulk writes.
_EFFECTIVE = "NOT retracted AND state <> 'withdrawn'"
CHANGES_HANDS = pgtrigger.Trigger(
    name="changes_hands",
    when=pgtrigger.Before,
    operation=pgtrigger.Insert | pgtrigger.Update,
    declare=[("prev_party", "bigint"), ("next_party", "bigint")],
    func=f"""
    IF NEW.retracted OR NEW.state = 'withdrawn' THEN
        RETURN NEW;
    END IF;
    SELECT party_id INTO prev_party FROM geodata_controlchange
     WHERE place_id = NEW.place_id AND conflict_id = NEW.conflict_id AND {_EFFECTIVE} AND id <> NEW.id
       AND (date < NEW.date OR (date = NEW.date AND id < NEW.id))
     ORDER BY date DESC, id DESC LIMIT 1;
    IF prev_party = NEW.party_id THEN
        RAISE EXCEPTION 'control change refused: party % already controls place % on %',
            NEW.party_id, NEW.place_id, NEW.date
            USING ERRCODE = 'check_violation', CONSTRAINT = 'controlchange_changes_hands';
    END IF;
    SELECT party_id INTO next_party FROM geodata_controlchange
     WHERE place_id = NEW.place_id AND conflict_id = NEW.conflict_id AND {_EFFECTIVE} AND id <> NEW.id
       AND (date > NEW.date OR (date = NEW.date AND id > NEW.id))
     ORDER BY date, id LIMIT 1;
    IF next_party = NEW.party_id THEN
        RAISE EXCEPTION 'control change refused: the next change of place % already gives it to party %',
            NEW.place_id, NEW.party_id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'controlchange_changes_hands';
    END IF;
    RETURN NEW;
    """,
)


class ControlChangeQuerySet(PublishableQuerySet):
    def effective(self):
        """Changes that count: everything but retracted and withdrawn ones."""
        return self.exclude(retracted=True).exclude(state=State.WITHDRAWN)

    def with_status(self, claims=None, published_only=True):
        """Annotate `status` from the claims, as an event's verification (claimstatus.py).

        A change asserted by one side is claimed, asserted and denied is disputed,
        an editor's confirmation (with its note) is confirmed. Only published
        claims count unless `published_only=False` (editors' view) or `claims` says.
        """
        if claims is None:
            claims = self.model.claims.field.model.objects  # Claim, reached through the relation
            claims = claims.filter(state=State.PUBLISHED) if published_only else claims.all()
        return self.annotate(status=status_from_claims(claims, "control_change"))

    def with_corrected_at(self):
        """Annotate `corrected_at`: the latest correction of the change or of one of its claims."""
        return self.annotate(
            corrected_at=Greatest(
                Correction.objects.public().latest_date_for("control_change"),
                Correction.objects.public().filter(claim__isnull=False).latest_date_for("claim__control_change"),
            )
        )

    def corrected(self):
        """Only the changes with a public correction (few), annotated with `corrected_at`."""
        return corrected_records(self, "control_change")

    def in_force_at(self, date, conflict=None):
        """Changes that are, or were, in force on or before `date`, latest first."""
        qs = self.effective().filter(date__lte=as_date(date))
        if conflict is not None:
            qs = qs.filter(conflict=conflict)
        return qs.order_by("-date", "-id")

    def with_until(self, changes=None):
        """Annotate `until`: the date the next change of the same place in the same conflict
        takes over (None while it is the latest), so a place's history reads "from … to …".

        `changes` are the changes that can take over (the public API passes its public ones,
        so a draft never ends a public period); by default every effective change.
        """
        changes = self.model.objects.effective() if changes is None else changes
        successor = (
            changes.filter(place=OuterRef("place"), conflict=OuterRef("conflict"))
            .filter(Q(date__gt=OuterRef("date")) | Q(date=OuterRef("date"), id__gt=OuterRef("id")))
            .order_by("date", "id")
            .values("date")[:1]
        )
        return self.annotate(until=Subquery(successor))

    def timeline(self):
        return self.order_by("date", "id")

@tracked("ControlChangeHistory")
class ControlChange(EditorialRecord):
    """From `date` on, `party` controls `place` (until the next change)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="control_changes", verbose_name=_("place"))
    conflict = models.ForeignKey(Conflict, on_delete=models.CASCADE, related_name="control_changes",
                                 verbose_name=_("conflict"))
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="control_changes", verbose_name=_("party"))
    date = models.DateField(_("date"))
    date_precision = models.PositiveSmallIntegerField(
        _("date precision"), choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    note = models.TextField(_("note"), blank=True)
    # No stored status: it follows the claims (with_status); an editor can only confirm, saying how.
    confirmed = models.BooleanField(
        _("confirmed"), default=False, help_text=_("An editor has confirmed the change independently of the claims.")
    )
    confirmation_note = models.TextField(
        _("confirmation note"), blank=True, help_text=_("Required when confirmed: how it was confirmed.")
    )
    retracted = models.BooleanField(
        _("retracted"), default=False,
        help_text=_("Recorded in error or withdrawn by its sources: it never counts for control."),
    )

    objects = ControlChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("control change")
        verbose_name_plural = _("control changes")
        ordering = ["place", "date", "id"]
        indexes = [
            models.Index(fields=["place", "conflict", "date"], name="controlchange_place_date"),
            # A conflict's changes in a date range: the timeline's list and its steps (?since=&until=).
            models.Index(fields=["conflict", "date"], name="controlchange_conflict_date"),
        ]
        triggers = [bump_version_trigger(), CHANGES_HANDS, *published_rows_triggers()]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed=False) | ~Q(confirmation_note=""),
                name="controlchange_confirmation_has_note",
                violation_error_message=_("Say how the change of control was confirmed."),
            ),
        ]

    def __str__(self):
        return f"{self.place.name}: {self.party.short_name} from {self.date:%Y-%m-%d}"

    def neighbours(self):
        """The effective changes just before and just after this one in the place's timeline."""
        others = ControlChange.objects.effective().filter(place_id=self.place_id, conflict_id=self.conflict_id)
        if self.pk:
            others = others.exclude(pk=self.pk)
        earlier = others.filter(date__lte=self.date) if self.pk is None else others.filter(
            Q(date__lt=self.date) | Q(date=self.date, id__lt=self.pk)
        )
        later = others.filter(date__gt=self.date) if self.pk is None else others.filter(
            Q(date__gt=self.date) | Q(date=self.date, id__gt=self.pk)
        )
        return earlier.order_by("-date", "-id").first(), later.order_by("date", "id").first()

    def clean(self):
        super().clean()
        if self.confirmed and not self.confirmation_note.strip():
            raise ValidationError({"confirmation_note": _("Say how the change of control was confirmed.")})
        within_conflict(self)
        if not (self.place_id and self.conflict_id and self.party_id and self.date):
            return
        if self.retracted or self.state == State.WITHDRAWN:
            return
        before, after = self.neighbours()
        if before is not None and before.party_id == self.party_id:
            raise ValidationError(
                _("%(party)s already controls %(place)s on %(date)s (since %(since)s). Record a change only when "
                  "control changes hands.") % {"party": self.party, "place": self.place.name,
                                               "date": f"{self.date:%Y-%m-%d}", "since": f"{before.date:%Y-%m-%d}"}
            )
        if after is not None and after.party_id == self.party_id:
            raise ValidationError(
                _("The next recorded change (%(date)s) already gives %(place)s to %(party)s; change that record "
                  "instead of adding this one.") % {"date": f"{after.date:%Y-%m-%d}", "place": self.place.name,
                                                    "party": self.party}
            )

    @property
    def is_effective(self):
        return not self.retracted and self.state != State.WITHDRAWN

    @property
    def control_status(self):
        """The status the claims give (editors' view: every claim counts), unless annotated."""
        annotated = getattr(self, "status", None)
        if annotated is not None:
            return annotated
        if self.pk is None:
            return None
        return ControlChange.objects.with_status(published_only=False).get(pk=self.pk).status
