"""State-at-a-date logic. It all runs in the database.

A place's controller at date D is the party of its latest non-retracted
ControlChange with date <= D; two changes on the same day are ordered by
their id (the one recorded later wins). The subqueries below use the
(place, conflict, date) index.
"""

import datetime

from django.db import models
from django.db.models import Case, Exists, F, Min, OuterRef, Q, Subquery, Value, When

from .choices import ControlStatus, Stance, Verification


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


class ControlChangeQuerySet(models.QuerySet):
    def effective(self):
        """Changes that count: everything but retracted ones."""
        return self.exclude(status=ControlStatus.RETRACTED)

    def in_force_at(self, date, conflict=None):
        """Changes that are, or were, in force on or before `date`, latest first."""
        qs = self.effective().filter(date__lte=_as_date(date))
        if conflict is not None:
            qs = qs.filter(conflict=conflict)
        return qs.order_by("-date", "-id")

    def timeline(self):
        return self.order_by("date", "id")


class PlaceQuerySet(models.QuerySet):
    def with_controller_at(self, date, conflict=None, changes=None):
        """Annotate each place with who controlled it on `date`.

        Adds `control_change_id`, `controller_id`, `controller_since`,
        `control_status` and `control_date_precision`; all are None for a
        place with no record on or before that date. `changes` restricts the
        control changes considered (the public API passes its public ones).
        Only the annotations a query selects are computed: `.values("id",
        "control_change_id")` costs one index lookup per place.
        """
        from .models import ControlChange

        changes = ControlChange.objects.all() if changes is None else changes
        current = changes.in_force_at(date, conflict).filter(place=OuterRef("pk"))
        return self.annotate(
            control_change_id=Subquery(current.values("id")[:1]),
            controller_id=Subquery(current.values("party_id")[:1]),
            controller_since=Subquery(current.values("date")[:1]),
            control_status=Subquery(current.values("status")[:1]),
            control_date_precision=Subquery(current.values("date_precision")[:1]),
        )

    def in_conflict(self, conflict):
        """Places that appear in a conflict through a control record or an event."""
        from .models import ControlChange, Event

        return self.filter(
            Exists(ControlChange.objects.filter(place=OuterRef("pk"), conflict=conflict))
            | Exists(Event.objects.filter(place=OuterRef("pk"), conflict=conflict))
        )

    def search(self, text):
        """Match the canonical name or any alternate name, case- and accent-insensitively."""
        from .models import AlternateName

        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(name__unaccent__icontains=text)
            | Exists(
                AlternateName.objects.filter(place=OuterRef("pk"), name__unaccent__icontains=text)
            )
        )


class EventQuerySet(models.QuerySet):
    def between(self, start, end):
        """Events dated from `start` to `end`, both days included."""
        start, end = _as_date(start), _as_date(end)
        if start > end:
            raise ValueError(f"start {start} is after end {end}")
        return self.filter(date__gte=start, date__lte=end)

    def with_verification(self, claims=None):
        """Annotate `verification` from the claims: never stored, so it can't go stale.

        confirmed  an editor confirmed the event (with a note)
        disputed   at least one claim asserts it and at least one denies it
        claimed    only assertions
        denied     only denials
        unsourced  no claims yet
        """
        from .models import Claim

        claims = Claim.objects.all() if claims is None else claims  # the API passes its public claims
        asserted = Exists(claims.filter(event=OuterRef("pk"), stance=Stance.ASSERTS))
        denied = Exists(claims.filter(event=OuterRef("pk"), stance=Stance.DENIES))
        return self.annotate(
            verification=Case(
                When(confirmed=True, then=Value(Verification.CONFIRMED)),
                When(asserted & denied, then=Value(Verification.DISPUTED)),
                When(asserted, then=Value(Verification.CLAIMED)),
                When(denied, then=Value(Verification.DENIED)),
                default=Value(Verification.UNSOURCED),
                output_field=models.CharField(),
            )
        )


class ClaimQuerySet(models.QuerySet):
    FIGURES = ("killed_civilians", "killed_combatants", "wounded_civilians", "wounded_combatants")

    def conservative_figures(self):
        """ACLED-style conservative figures: per victim group, the lowest figure any asserting claim gives.

        Figures are never summed across claims (two claimants reporting the same
        dead would be double-counted). Returns one row per `casualties_of` party
        (None when the claim does not say whose casualties), each with the lowest
        asserted figure per category; a category nobody gave a figure for is None.
        """
        rows = (
            self.filter(stance=Stance.ASSERTS)
            .values("casualties_of")
            .annotate(**{f"lowest_{name}": Min(F(name)) for name in self.FIGURES})
            .order_by("casualties_of")
        )
        result = []
        for row in rows:
            figures = {name: row[f"lowest_{name}"] for name in self.FIGURES}
            if any(value is not None for value in figures.values()):
                result.append({"casualties_of": row["casualties_of"], **figures})
        return result
