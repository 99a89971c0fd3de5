"""The one rule that turns claims into a status, for events and control changes alike.

confirmed  an editor confirmed the record (with a note saying how)
disputed   at least one claim asserts it and at least one denies it
claimed    only assertions
denied     only denials
unsourced  no claims yet

Written once, as SQL (a correlated aggregate per record), so it is never stored
and cannot go stale or contradict the claims. Event.with_verification and
ControlChange.with_status both call it; the API's hand-built SQL reads the
annotation (control changes) or is compared with it case by case (events,
tests/test_geojson.py).
"""

from django.contrib.gis.db import models
from django.contrib.postgres.aggregates import BoolOr
from django.db.models import Case, ExpressionWrapper, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from ..choices import Stance, Verification


def status_from_claims(claims, fk):
    """An expression giving the status of the outer record from `claims` whose `fk` points at it.

    The outer model needs a boolean `confirmed` field. One correlated aggregate per record
    over the (record, stance) columns, rather than EXISTS tests that the planner may turn
    into hashed scans of the whole claim table.
    """
    from_claims = (
        claims.filter(**{fk: OuterRef("pk")})
        .order_by()
        .values(fk)
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
    return Case(
        When(confirmed=True, then=Value(Verification.CONFIRMED)),
        default=Coalesce(Subquery(from_claims), Value(Verification.UNSOURCED)),
        output_field=models.CharField(),
    )
