"""/tiles/<conflict>/<z>/<x>/<y>.mvt: a conflict's events and places as a Mapbox Vector Tile.

The parameters are the API's, validated by the same FilterSets (EventFilterSet for the
events layer: start, end, type, party, status, bbox; PlaceFilterSet for the places
layer: date, defaulting to `end`, and q; `lang` for the places' labels); a bad one is answered with HTTP 400 and a JSON
object of messages per parameter, like the API. `layers=events` or `layers=places`
asks for one layer. The answer carries an ETag made from the data version and the
request, and Cache-Control; a matching If-None-Match gets 304 before any tile is built.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ..api.language import language_errors, request_language
from ..filtersets import EventFilterSet, PlaceFilterSet
from ..public import public_events, public_places
from . import mvt
from .version import data_version, version_sql

MVT = "application/vnd.mapbox-vector-tile"
LAYERS = ("events", "places")
# Browsers and proxies may reuse a tile for a minute without asking; after that the ETag
# makes the check cheap (304 with no tile built).
CACHE_CONTROL = "public, max-age=60"


def bad_request(errors):
    return JsonResponse({name: [str(m) for m in messages] for name, messages in errors.items()}, status=400)


def _layers(request):
    raw = request.GET.get("layers")
    if raw is None:
        return list(LAYERS), None
    names = [name.strip() for name in raw.split(",") if name.strip()]
    unknown = [name for name in names if name not in LAYERS]
    if unknown or not names:
        return None, _("layers must be events, places or both (comma-separated), got %(value)s.") % {"value": repr(raw)}
    return [name for name in LAYERS if name in names], None


def _etag(version, conflict, request, z, x, y):
    query = sorted((key, value) for key in request.GET for value in request.GET.getlist(key))
    # The labels' language may come from Accept-Language, which is not in the query.
    language = request_language(request)
    digest = hashlib.sha256(repr((version, conflict, z, x, y, query, language)).encode()).hexdigest()[:32]
    return quote_etag(digest)


def _filtersets(request, conflict, layers):
    """{layer: FilterSet} of the layers asked for, bound to the query string and the conflict."""
    data = request.GET.copy()
    data["conflict"] = conflict
    filtersets = {}
    if "events" in layers:
        filtersets["events"] = EventFilterSet(data, queryset=public_events(), request=request)
    if "places" in layers:
        place_data = data.copy()
        if not place_data.get("date") and data.get("end"):
            place_data["date"] = data["end"]  # the places' state at the window's last day
        filtersets["places"] = PlaceFilterSet(place_data, queryset=public_places(), request=request)
    return filtersets


@require_safe
def tile(request, conflict, z, x, y):
    errors = language_errors(request.GET)  # `lang`: the language of the places' `name` (their label)
    if z > mvt.MAX_ZOOM:
        errors["z"] = [_("z must be between 0 and %(max)d.") % {"max": mvt.MAX_ZOOM}]
    elif x >= 2**z or y >= 2**z:
        errors["x"] = [_("x and y must be between 0 and %(max)d at zoom %(zoom)d.") % {"max": 2**z - 1, "zoom": z}]
    layers, layer_error = _layers(request)
    if layer_error:
        errors["layers"] = [layer_error]
    filtersets = _filtersets(request, conflict, layers or LAYERS)
    for filterset in filtersets.values():
        if not filterset.is_valid():
            errors.update(filterset.errors)
    if "conflict" in errors:  # the conflict is part of the path: an unknown one is not found
        return JsonResponse({"detail": _("No conflict with that slug.")}, status=404)
    if errors:
        return bad_request(errors)
    conflict_obj = next(iter(filtersets.values())).form.cleaned_data["conflict"]

    asked = request.headers.get("If-None-Match")
    seconds = settings.TILE_CACHE_SECONDS
    version = None
    if asked or seconds:
        # The version alone first: a 304, or a tile already built for it, costs no tile.
        version = data_version(conflict_obj)
        etag = _etag(version, conflict, request, z, x, y)
        if asked and (etag in parse_etags(asked) or asked.strip() == "*"):
            response = HttpResponseNotModified()
            response["ETag"] = etag
            response["Cache-Control"] = CACHE_CONTROL
            return response
        body = cache.get(f"tile:{etag}") if seconds else None
        if body is not None:
            return _tile_response(body, etag)
    # Otherwise (without the cache) the version and the tile in one statement.
    sql = mvt.tile_sql(
        {name: filterset.qs for name, filterset in filtersets.items()}, z, x, y,
        version_sql=None if version is not None else version_sql(conflict_obj), language=request_language(request),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql.text, sql.params)
        row = cursor.fetchone()
    if version is None:
        version, body = row[0], bytes(row[1])
    else:
        body = bytes(row[0])
    etag = _etag(version, conflict, request, z, x, y)
    if seconds:
        # Keyed by the ETag, which holds the data version: a change of the data makes a new key,
        # so a stale tile is never served; old keys expire.
        cache.set(f"tile:{etag}", body, seconds)
    return _tile_response(body, etag)


def _tile_response(body, etag):
    response = HttpResponse(body, content_type=MVT)
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    return response
