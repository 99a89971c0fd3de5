"""The embed's text summary: who controls which place on the date, the latest reports, the credits.

It is the embed's fallback content (readers without JavaScript, screen readers,
search engines) and it is built from the same state-at-date querysets as the
map, in a fixed number of queries whatever the amount of data. Nothing here is
stated as plain fact: every control record and report carries its claims, each
attributed ("according to CLAIMANT, reported by OUTLET on DATE").
"""

import dataclasses
import datetime
import logging

from django.db.models import Prefetch, Q

from ..choices import ControlStatus
from ..filtersets import EventFilterSet
from ..public import (
    public_alternate_names,
    public_claims,
    public_control_changes,
    public_events,
    public_parties,
    public_places,
    public_sources,
    public_territory_versions,
)
from .territory_summary import territory_at

logger = logging.getLogger("geodata.embed")

LATEST_EVENTS = 10
_CLAIM_RELATED = ("source", "claimant_party", "casualties_of")


@dataclasses.dataclass
class ControlRow:
    place: object  # a Place, from public_places()
    party: object  # a Party, from public_parties()
    since: object
    status: str
    status_label: str
    claims: list
    corrected_at: datetime.datetime | None = None


def _claims():
    return public_claims().select_related(*_CLAIM_RELATED).order_by("id")


def filter_events(conflict, params, start, end):
    """Public events of the conflict from `start` to `end` with the embed's filters (type, party, status).

    The filters go through the EventFilterSet the API uses, so both mean the same. The params
    were already checked by EmbedForm (geodata/embed/forms.py); should the FilterSet still refuse something, the
    embed shows the unfiltered events and logs it (never an error page in an article).
    """
    filterset = EventFilterSet(params.filter_data(conflict, start, end), queryset=public_events())
    if filterset.is_valid():
        return filterset.qs
    logger.warning("embed %s: filters refused (%s); showing all events", conflict.slug, filterset.errors.as_text())
    return public_events().filter(conflict=conflict).between(start, end)


def control_at(conflict, date):
    """Places of the conflict with a controller on `date`, with the public claims behind that record."""
    changes = public_control_changes()
    places = list(
        public_places()
        .in_conflict(conflict)
        .with_controller_at(date, conflict, changes=changes)
        .filter(controller_id__isnull=False)
        .prefetch_related(Prefetch("alternate_names", queryset=public_alternate_names()))
        .order_by("name")
    )
    change_ids = [p.control_change_id for p in places]
    parties = public_parties().in_bulk({p.controller_id for p in places})
    corrected = dict(changes.filter(pk__in=change_ids).corrected().values_list("pk", "corrected_at"))
    claims = {}
    for claim in _claims().filter(control_change_id__in=change_ids):
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
            corrected_at=corrected.get(p.control_change_id),
        )
        for p in places
    ]


def latest_events(conflict, params, limit=LATEST_EVENTS):
    """The reports the map shows: the `window` days up to the date shown, filters applied, latest first."""
    events = filter_events(conflict, params, params.window_start, params.date)
    if "verification" not in events.query.annotations:
        events = events.with_verification(claims=public_claims())
    return list(
        events.with_corrected_at()
        .select_related("place", "perpetrator", "target")
        .prefetch_related(
            Prefetch("place__alternate_names", queryset=public_alternate_names()),
            Prefetch("claims", queryset=_claims(), to_attr="public_claims"),
        )
        .order_by("-date", "-id")[:limit]
    )


def outlets(conflict, params):
    """Outlets behind the public claims the embed can show (events in the slider range, control up to its end,
    and the territory up to its end when its layer is shown)."""
    events = filter_events(conflict, params, params.start, params.end)
    changes = public_control_changes().filter(conflict=conflict, date__lte=params.end)
    territory = public_territory_versions().filter(series__conflict=conflict, valid_from__lte=params.end)
    if "territory" not in params.layers:
        territory = territory.none()
    claims = public_claims().filter(
        Q(event__in=events.values("pk")) | Q(control_change__in=changes.values("pk"))
        | Q(territory_version__in=territory.values("pk"))
    )
    return list(
        public_sources()
        .filter(pk__in=claims.values("source_id"))
        .order_by("outlet")
        .values_list("outlet", flat=True)
        .distinct()
    )


def build(conflict, params):
    """Everything the embed template shows, keyed for the template."""
    return {
        "control": control_at(conflict, params.date) if "places" in params.layers else None,
        "events": latest_events(conflict, params) if "events" in params.layers else None,
        "territory": territory_at(conflict, params.date) if "territory" in params.layers else None,
        "outlets": outlets(conflict, params),
    }
