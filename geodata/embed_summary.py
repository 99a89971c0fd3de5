"""The embed's text summary: who controls which place on the date, the latest reports, the credits.

It is the embed's fallback content (readers without JavaScript, screen readers,
search engines) and it is built from the same state-at-date querysets as the
map, in a fixed number of queries whatever the amount of data. Nothing here is
stated as plain fact: every control record and report carries its claims, each
attributed ("according to CLAIMANT, reported by OUTLET on DATE").
"""

import dataclasses

from django.db.models import Prefetch, Q

from .choices import ControlStatus
from .models import AlternateName, Claim, Event, Party, Place, Source

LATEST_EVENTS = 10
_CLAIM_RELATED = ("source", "claimant_party", "casualties_of")


@dataclasses.dataclass
class ControlRow:
    place: Place
    party: Party
    since: object
    status: str
    status_label: str
    claims: list


def _claims_prefetch(path):
    return Prefetch(path, queryset=Claim.objects.select_related(*_CLAIM_RELATED).order_by("id"))


def filter_events(events, params):
    """The embed's event filters (type, party, status), with /api/events/ semantics."""
    if params.types:
        events = events.filter(event_type__in=params.types)
    if params.parties:
        events = events.filter(Q(perpetrator__slug__in=params.parties) | Q(target__slug__in=params.parties))
    if params.statuses:
        events = events.with_verification().filter(verification__in=params.statuses)
    return events


def control_at(conflict, date):
    """Places of the conflict with a controller on `date`, with the claims behind that record."""
    places = list(
        Place.objects.in_conflict(conflict)
        .with_controller_at(date, conflict)
        .filter(controller_id__isnull=False)
        .prefetch_related(Prefetch("alternate_names", queryset=AlternateName.objects.all()))
        .order_by("name")
    )
    parties = Party.objects.in_bulk({p.controller_id for p in places})
    claims = {}
    for claim in Claim.objects.filter(control_change_id__in=[p.control_change_id for p in places]).select_related(
        *_CLAIM_RELATED
    ).order_by("id"):
        claims.setdefault(claim.control_change_id, []).append(claim)
    labels = dict(ControlStatus.choices)
    return [
        ControlRow(
            place=p,
            party=parties[p.controller_id],
            since=p.controller_since,
            status=p.control_status,
            status_label=labels.get(p.control_status, p.control_status),
            claims=claims.get(p.control_change_id, []),
        )
        for p in places
    ]


def latest_events(conflict, params, limit=LATEST_EVENTS):
    """The reports the map shows: the `window` days up to the date shown, filters applied, latest first."""
    events = filter_events(Event.objects.filter(conflict=conflict).between(params.window_start, params.date), params)
    return list(
        events.with_verification()
        .select_related("place", "perpetrator", "target")
        .prefetch_related("place__alternate_names", _claims_prefetch("claims"))
        .order_by("-date", "-id")[:limit]
    )


def outlets(conflict, params):
    """Outlets behind the claims the embed can show (events in the slider range, control up to its end)."""
    events = filter_events(Event.objects.filter(conflict=conflict).between(params.start, params.end), params)
    return list(
        Source.objects.filter(
            Q(claims__event__in=events.values("pk"))
            | Q(claims__control_change__conflict=conflict, claims__control_change__date__lte=params.end)
        )
        .order_by("outlet")
        .values_list("outlet", flat=True)
        .distinct()
    )


def build(conflict, params):
    """Everything the embed template shows, keyed for the template."""
    return {
        "control": control_at(conflict, params.date) if "places" in params.layers else None,
        "events": latest_events(conflict, params) if "events" in params.layers else None,
        "outlets": outlets(conflict, params),
    }
