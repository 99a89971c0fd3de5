"""The map's lean events: GET /api/events/compact/ (docs/api.md, Compact events).

What the map and the embed draw and list, nothing more: per event its id, point, date, type,
perpetrator, target (the party filter), status, correction date and one short label (the
place's label in the request's language), as columns of arrays in one JSON object. Keys are written once instead
of once per event, and the claims, sources, figures and descriptions, most of a feature's
bytes, are left to /api/events/<id>/, fetched when a popup opens. The GeoJSON API keeps its
full records for data users.

Same parameters and visibility as /api/events/ (EventFilterSet over public_events()), built by
PostgreSQL in one statement like the rest of the API (geojson.py), oldest first.
"""

import functools

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError

from ..filtersets import EventFilterSet
from ..placenames import label_sql
from ..public import public_events
from . import geojson
from . import schema as api_schema
from .language import language_parameter, request_language
from .openapi import filter_parameters
from .views import PublicView, validated

# (name, SQL expression of the value as JSON text), in the order of the response's members.
COLUMNS = [
    ("id", "e.id::text"),
    # 5 decimals: about a metre, more than any event's location precision.
    ("lon", "round(ST_X(e.point)::numeric, 5)::text"),
    ("lat", "round(ST_Y(e.point)::numeric, 5)::text"),
    ("date", "'\"' || to_char(e.date, 'YYYY-MM-DD') || '\"'"),
    ("type", geojson._j("e.event_type")),
    ("sub_type", geojson._j("nullif(e.sub_event_type, '')")),
    ("perpetrator", geojson._j("pp.slug")),
    ("target", geojson._j("pt.slug")),
    ("status", f"'\"' || {geojson.verification_sql('e.confirmed')} || '\"'"),
    ("corrected_at", geojson._j("ca.corrected_at")),
    # The place's label in the request's language (docs/place-names.md); {language} is filled per request.
    ("label", "CASE WHEN pl.id IS NULL THEN 'null' ELSE {label} END"),
]
NAMES = [name for name, _ in COLUMNS]


@functools.cache
def _flags_sql():
    """LEFT JOIN LATERAL `cl`: whether any public claim of `e` asserts / denies it, for the status.

    The same claims as the full API's claims pass (geojson.add_event_claims) without building
    their JSON: the compact answer shows the status, not the claims."""
    text, params = geojson._claims_of_public_sql()
    return (
        "LEFT JOIN LATERAL (SELECT bool_or(c.stance = 'asserts') AS asserted, "
        f"bool_or(c.stance = 'denies') AS denied FROM ({text}) c WHERE c.event_id = e.id) cl ON true ",
        params,
    )


def compact_sql(filtered, limit, language="en"):
    """(count, one JSON text per column) of `filtered` public events, oldest first, at most `limit` + 1
    rows (one more than allowed, so the caller can tell the limit was passed)."""
    rows = filtered.order_by("date", "id").values(*geojson.EVENT_COLUMNS)[: limit + 1]
    order = "ORDER BY e.date, e.id"
    label = geojson._j(label_sql("pl", language))
    aggregates = ", ".join(
        f"coalesce('[' || string_agg({expr.replace('{label}', label)}, ',' {order}) || ']', '[]')" for _, expr in COLUMNS
    )
    sql = geojson.SQL(f"SELECT count(*), {aggregates} FROM (")
    sql.add_query(rows)
    sql.add(
        ") e LEFT JOIN geodata_place pl ON pl.id = e.place_id "
        "LEFT JOIN geodata_party pp ON pp.id = e.perpetrator_id "
        "LEFT JOIN geodata_party pt ON pt.id = e.target_id "
    )
    sql.add(*_flags_sql())
    geojson.add_event_corrected(sql, "e.id")
    return sql


def compact_body(count, columns):
    """The response's bytes: {"count": n, "columns": [...names], "<name>": [...], ...}, columns unparsed."""
    names = ",".join(f'"{name}"' for name in NAMES)
    parts = [f'{{"count":{count},"columns":[{names}]'.encode()]
    for name, values in zip(NAMES, columns, strict=True):
        parts += [f',"{name}":'.encode(), values]
    parts.append(b"}")
    return b"".join(parts)


@extend_schema(
    summary="Events for drawing: columns of arrays, oldest first (not paginated)",
    parameters=[*filter_parameters(EventFilterSet), language_parameter()],
    responses={200: api_schema.COMPACT_EVENTS, **api_schema.error_responses(not_found=False)},
)
class CompactEvents(PublicView):
    """The events of a conflict matching the filters, oldest first, with only what a map draws: one
    array per column, the i-th entry of every array describing the i-th event. Not paginated; more
    than API_COMPACT_LIMIT events is a 400 (narrow the window). The full record of an event (claims,
    sources, figures, description) is /api/events/<id>/."""

    filterset_class = EventFilterSet

    def get_queryset(self):
        return public_events()

    def get(self, request):
        filterset, _ = validated(request, EventFilterSet, self.get_queryset(), paginated=False, language=True)
        limit = settings.API_COMPACT_LIMIT
        count, *columns = geojson.fetch_bytes(compact_sql(filterset.qs, limit, request_language(request)))
        if count > limit:
            raise ValidationError(
                {"end": [gettext("More than %(limit)s events match: narrow the dates (start, end) or the filters.")
                         % {"limit": limit}]}
            )
        return HttpResponse(compact_body(count, columns), content_type="application/json")
