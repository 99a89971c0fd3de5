"""State-at-a-date logic. It all runs in the database.

A place's controller at date D is the party of its latest non-retracted
ControlChange with date <= D; two changes on the same day are ordered by
their id (the one recorded later wins). The subqueries below use the
(place, conflict, date) index.
"""

import datetime

from django.db import models
from django.contrib.postgres.aggregates import BoolOr
from django.db.models import Case, Exists, ExpressionWrapper, F, Min, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest

from .choices import ControlStatus, Stance, Verification
from .editorial import State

PUBLISHED = State.PUBLISHED


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def _corrected(queryset, field):
    """Rows of `queryset` corrected themselves or through one of their claims, with `corrected_at`.

    Starts from the corrections log, so its cost follows the number of corrections, not of
    records: the API LEFT JOINs it to a page of events or control changes.
    """
    from .corrections import Correction

    log = Correction.objects.public()
    return queryset.filter(
        Q(pk__in=log.values(field)) | Q(pk__in=log.filter(claim__isnull=False).values(f"claim__{field}"))
    ).with_corrected_at()


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: published records only (never draft, in review or withdrawn)."""
        return self.filter(state=PUBLISHED)

    def in_state(self, state):
        return self.filter(state=state)


class ControlChangeQuerySet(PublishableQuerySet):
    def effective(self):
        """Changes that count: everything but retracted and withdrawn ones."""
        return self.exclude(status=ControlStatus.RETRACTED).exclude(state=State.WITHDRAWN)

    def with_corrected_at(self):
        """Annotate `corrected_at`: the latest correction of the change or of one of its claims."""
        from .corrections import Correction

        return self.annotate(
            corrected_at=Greatest(
                Correction.objects.public().latest_date_for("control_change"),
                Correction.objects.public().filter(claim__isnull=False).latest_date_for("claim__control_change"),
            )
        )

    def corrected(self):
        """Only the changes with a public correction (few), annotated with `corrected_at`."""
        return _corrected(self, "control_change")

    def in_force_at(self, date, conflict=None):
        """Changes that are, or were, in force on or before `date`, latest first."""
        qs = self.effective().filter(date__lte=_as_date(date))
        if conflict is not None:
            qs = qs.filter(conflict=conflict)
        return qs.order_by("-date", "-id")

    def timeline(self):
        return self.order_by("date", "id")


class PlaceQuerySet(models.QuerySet):
    def with_controller_at(self, date, conflict=None, changes=None, published_only=True):
        """Annotate each place with who controlled it on `date`.

        Adds `control_change_id`, `controller_id`, `controller_since`,
        `control_status` and `control_date_precision`; all are None for a
        place with no record on or before that date. `changes` restricts the
        control changes considered (the public API passes its public ones);
        without it only published changes count, unless `published_only=False`
        (the editors' preview in the admin).
        Only the annotations a query selects are computed: `.values("id",
        "control_change_id")` costs one index lookup per place.
        """
        from .models import ControlChange

        if changes is None:
            changes = ControlChange.objects.published() if published_only else ControlChange.objects.all()
        current = changes.in_force_at(date, conflict).filter(place=OuterRef("pk"))
        return self.annotate(
            control_change_id=Subquery(current.values("id")[:1]),
            controller_id=Subquery(current.values("party_id")[:1]),
            controller_since=Subquery(current.values("date")[:1]),
            control_status=Subquery(current.values("status")[:1]),
            control_date_precision=Subquery(current.values("date_precision")[:1]),
        )

    def in_conflict(self, conflict, published_only=True):
        """Places that appear in a conflict through a (published) control record or event."""
        from .models import ControlChange, Event

        changes, events = ControlChange.objects.all(), Event.objects.all()
        if published_only:
            changes, events = changes.published(), events.published()
        return self.filter(
            Exists(changes.filter(place=OuterRef("pk"), conflict=conflict))
            | Exists(events.filter(place=OuterRef("pk"), conflict=conflict))
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


class EventQuerySet(PublishableQuerySet):
    def with_corrected_at(self):
        """Annotate `corrected_at`: the latest correction of the event or of one of its claims."""
        from .corrections import Correction

        return self.annotate(
            corrected_at=Greatest(
                Correction.objects.public().latest_date_for("event"),
                Correction.objects.public().filter(claim__isnull=False).latest_date_for("claim__event"),
            )
        )

    def corrected(self):
        """Only the events with a public correction (few), annotated with `corrected_at`."""
        return _corrected(self, "event")

    def between(self, start, end):
        """Events dated from `start` to `end`, both days included."""
        start, end = _as_date(start), _as_date(end)
        if start > end:
            raise ValueError(f"start {start} is after end {end}")
        return self.filter(date__gte=start, date__lte=end)

    def with_verification(self, claims=None, published_only=True):
        """Annotate `verification` from the claims: never stored, so it can't go stale.

        confirmed  an editor confirmed the event (with a note)
        disputed   at least one claim asserts it and at least one denies it
        claimed    only assertions
        denied     only denials
        unsourced  no claims yet

        Only published claims count unless `published_only=False` (editors' view).
        """
        from .models import Claim

        if claims is None:  # the API passes its public claims; the admin all of them
            claims = Claim.objects.filter(state=PUBLISHED) if published_only else Claim.objects.all()
        # One correlated aggregate per event over the (event, stance) index, rather than
        # EXISTS tests that the planner may turn into hashed scans of the whole claim table.
        from_claims = (
            claims.filter(event=OuterRef("pk"))
            .order_by()
            .values("event")
            .annotate(
                asserted=BoolOr(ExpressionWrapper(Q(stance=Stance.ASSERTS), output_field=models.BooleanField())),
                denied=BoolOr(ExpressionWrapper(Q(stance=Stance.DENIES), output_field=models.BooleanField())),
            )
            .annotate(
                status=Case(
                    When(asserted=True, denied=True, then=Value(Verification.DISPUTED)),
                    When(asserted=True, then=Value(Verification.CLAIMED)),
                    When(denied=True, then=Value(Verification.DENIED)),
                    default=Value(Verification.UNSOURCED),
                    output_field=models.CharField(),
                )
            )
            .values("status")
        )
        return self.annotate(
            verification=Case(
                When(confirmed=True, then=Value(Verification.CONFIRMED)),
                default=Coalesce(Subquery(from_claims), Value(Verification.UNSOURCED)),
                output_field=models.CharField(),
            )
        )


class ClaimQuerySet(PublishableQuerySet):
    FIGURES = ("killed_civilians", "killed_combatants", "wounded_civilians", "wounded_combatants")

    def published(self):
        """Published claims whose event or control change is published too."""
        return self.filter(state=PUBLISHED).filter(
            Q(event__state=PUBLISHED) | Q(control_change__state=PUBLISHED)
        )

    def with_corrected_at(self):
        from .corrections import Correction

        return self.annotate(corrected_at=Correction.objects.public().latest_date_for("claim"))

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
