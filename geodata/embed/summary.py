"""The embed's text summary: who controls which place on the date, the latest reports, the credits.

It is the embed's fallback content (readers without JavaScript, screen readers,
search engines) and it is built from the same public querysets as the map, in a
fixed number of queries and a bounded size whatever the amount of data: places
are counted per controlling party and only the most important are named (the
constants below; issue 13: <= 60 KB and <= 150 ms at 5,000 places). Nothing here is
stated as plain fact: every control record and report carries its claims, each
attributed ("according to CLAIMANT, reported by OUTLET on DATE").
"""

import dataclasses
import datetime
import logging

from django.contrib.gis.db.models.functions import Area
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch

from ..choices import ControlStatus
from ..filtersets import EventFilterSet
from ..public import (
    public_alternate_names,
    public_claims,
    public_control_changes,
    public_events,
    public_parties,
    public_sources,
    public_territory_versions,
)
from .territory_summary import territory_at

logger = logging.getLogger("geodata.embed")

LATEST_EVENTS = 10
# What the summary names, whatever the amount of data (issue 13: <= 60 KB at 5,000 places).
PLACES_PER_PARTY = 5  # most recently changed hands, per controlling party
LARGEST_PER_PARTY = 3  # largest by area (places that have one), per controlling party
CLAIMS_PER_RECORD = 3  # claims shown under a place or a report; the others are counted
OUTLETS_SHOWN = 12  # outlets named in the credits; the others are counted
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
    more_claims: int = 0


@dataclasses.dataclass
class PartyControl:
    party: object
    count: int  # places the party controls on the date
    rows: list  # the ControlRows shown, most recent change first
    more: int  # places counted but not named


def _claims():
    return public_claims().select_related(*_CLAIM_RELATED).order_by("id")


def filter_events(conflict, params, start, end):
    """Public events of the conflict from `start` to `end` with the embed's filters (type, party, status).

    The filters go through the EventFilterSet the API uses, so both mean the same. The params
    were already checked by EmbedForm (geodata/embed/forms.py); should the FilterSet still refuse something, the
    embed shows the unfiltered events and logs it (never an error page in an article).
    """
    if params.nothing_chosen:
        return public_events().none()
    filterset = EventFilterSet(params.filter_data(conflict, start, end), queryset=public_events())
    if filterset.is_valid():
        return filterset.qs
    logger.warning("embed %s: filters refused (%s); showing all events", conflict.slug, filterset.errors.as_text())
    return public_events().filter(conflict=conflict).between(start, end)


def _current_changes(conflict, date):
    """The public control change in force on `date` for each place of the conflict (one row per place)."""
    return (
        public_control_changes()
        .filter(conflict=conflict, date__lte=date)
        .order_by("place_id", "-date", "-id")
        .distinct("place_id")
    )


def _ranked(conflict, date, per_party, largest):
    """({party id: places it controls}, ids of the changes to name), in one statement.

    The window functions run over the DISTINCT ON rows themselves (a subquery in FROM, which the
    ORM cannot write): half the time of filtering the table by `pk IN (DISTINCT ON …)` and
    windowing the join. The inner SQL is the public queryset's own, so what counts as public
    still comes from geodata/public.py.
    """
    current = _current_changes(conflict, date).annotate(area_size=Area("place__area"))
    sql, params = current.values("id", "party_id", "date", "area_size").query.sql_with_params()
    ranked = f"""
        SELECT id, party_id, party_count FROM (
            SELECT id, party_id, area_size,
                   count(*) OVER (PARTITION BY party_id) AS party_count,
                   row_number() OVER (PARTITION BY party_id ORDER BY date DESC, id DESC) AS recent_rank,
                   row_number() OVER (PARTITION BY party_id ORDER BY area_size DESC NULLS LAST, date DESC, id DESC)
                       AS area_rank
              FROM ({sql}) AS current_changes
        ) AS ranked
         WHERE recent_rank <= %s OR (area_rank <= %s AND area_size IS NOT NULL)
    """
    with connection.cursor() as cursor:
        cursor.execute(ranked, [*params, per_party, largest])
        rows = cursor.fetchall()
    return {party_id: count for _, party_id, count in rows}, [change_id for change_id, _, _ in rows]


def control_at(conflict, date, per_party=PLACES_PER_PARTY, largest=LARGEST_PER_PARTY):
    """Who controls how many places of the conflict on `date`, by party, with the most important places.

    Bounded whatever the number of places: one PartyControl per party (most places first) with its
    count, its `largest` places by area (those with an area) and its `per_party` most recently
    changed hands, each a ControlRow with the public claims behind it. Counting and ranking
    run in PostgreSQL (DISTINCT ON over the control changes, window functions), so the cost
    follows the number of control changes, not of rows rendered.
    """
    counts, change_ids = _ranked(conflict, date, per_party, largest)
    if not change_ids:
        return []
    shown = list(
        public_control_changes()
        .filter(pk__in=change_ids)
        .select_related("place")
        .defer("place__point", "place__area", "place__geometry_note")  # the summary shows names only
        .prefetch_related(Prefetch("place__alternate_names", queryset=public_alternate_names()))
        .order_by("-date", "-id")
    )
    parties = public_parties().in_bulk(counts)
    corrected = dict(public_control_changes().filter(pk__in=change_ids).corrected().values_list("pk", "corrected_at"))
    claims = {}
    for claim in _claims().filter(control_change_id__in=change_ids):
        claims.setdefault(claim.control_change_id, []).append(claim)
    labels = dict(ControlStatus.choices)
    rows = {}
    for change in shown:
        change_claims = claims.get(change.pk, [])
        rows.setdefault(change.party_id, []).append(
            ControlRow(
                place=change.place,
                party=parties[change.party_id],
                since=change.date,
                status=change.status,
                status_label=labels.get(change.status, change.status),
                claims=change_claims[:CLAIMS_PER_RECORD],
                corrected_at=corrected.get(change.pk),
                more_claims=max(0, len(change_claims) - CLAIMS_PER_RECORD),
            )
        )
    order = sorted(counts, key=lambda party_id: (-counts[party_id], parties[party_id].name))
    return [
        PartyControl(
            party=parties[party_id],
            count=counts[party_id],
            rows=rows.get(party_id, []),
            more=counts[party_id] - len(rows.get(party_id, [])),
        )
        for party_id in order
    ]


def latest_events(conflict, params, limit=LATEST_EVENTS):
    """The reports the map shows: the `window` days up to the date shown, filters applied, latest first."""
    events = filter_events(conflict, params, params.window_start, params.date)
    if "verification" not in events.query.annotations:
        events = events.with_verification(claims=public_claims())
    latest = list(
        events.with_corrected_at()
        .select_related("place", "perpetrator", "target")
        .prefetch_related(
            Prefetch("place__alternate_names", queryset=public_alternate_names()),
            Prefetch("claims", queryset=_claims(), to_attr="public_claims"),
        )
        .order_by("-date", "-id")[:limit]
    )
    for event in latest:
        event.more_claims = max(0, len(event.public_claims) - CLAIMS_PER_RECORD)
        event.public_claims = event.public_claims[:CLAIMS_PER_RECORD]
    return latest


def outlets(conflict, params):
    """Outlets behind the public claims the embed can show (events in the slider range, control up to its end,
    and the territory up to its end when its layer is shown).

    All of them, alphabetically: the template names the first OUTLETS_SHOWN and counts the rest.
    """
    events = filter_events(conflict, params, params.start, params.end)
    changes = public_control_changes().filter(conflict=conflict, date__lte=params.end)
    territory = public_territory_versions().filter(series__conflict=conflict, valid_from__lte=params.end)
    if "territory" not in params.layers:
        territory = territory.none()
    # EXISTS per source (a few thousand at most, each an index probe to its first matching
    # claim) rather than an IN over every claim of the range: 88 ms -> a few ms at 100,000 events.
    claims = public_claims().filter(
        Exists(events.filter(pk=OuterRef("event_id"))) | Exists(changes.filter(pk=OuterRef("control_change_id")))
        | Exists(territory.filter(pk=OuterRef("territory_version_id")))
    )
    return list(
        public_sources()
        .filter(Exists(claims.filter(source=OuterRef("pk"))))
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
        **_outlets_shown(outlets(conflict, params)),
    }


def _outlets_shown(names):
    return {"outlets": names[:OUTLETS_SHOWN], "more_outlets": max(0, len(names) - OUTLETS_SHOWN)}
