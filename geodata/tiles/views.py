"""/tiles/<conflict>/<z>/<x>/<y>.mvt: a conflict's events and places as a Mapbox Vector Tile.

The parameters are the API's, validated by the same FilterSets (EventFilterSet for the
events layer: start, end, type, party, status, bbox; PlaceFilterSet for the places
layer: date, defaulting to `end`, and q; `lang` for the places' labels); a bad one is
answered with HTTP 400 and a JSON object of messages per parameter, like the API.
`layers=events` or `layers=places` asks for one layer. The answer carries an ETag made
from the conflict's data version and the request, and Cache-Control; a matching
If-None-Match gets 304 before any tile is built.

A parameter set is validated once per process and kept (prepared.py); after that a
tile costs one statement, which returns the data version with the tile so that a
kept set is never used past a change of the data it depends on (docs/tiles.md).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ..api.geojson import SQL, fetch
from ..api.language import language_errors
from . import mvt, prepared
from .version import version_of, version_sql

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


def _request_errors(request, z, x, y):
    """(errors, layers) of what is checked without the database: `lang`, z/x/y, `layers`."""
    errors = language_errors(request.GET)  # `lang`: the language of the places' `name` (their label)
    if z > mvt.MAX_ZOOM:
        errors["z"] = [_("z must be between 0 and %(max)d.") % {"max": mvt.MAX_ZOOM}]
    elif x >= 2**z or y >= 2**z:
        errors["x"] = [_("x and y must be between 0 and %(max)d at zoom %(zoom)d.") % {"max": 2**z - 1, "zoom": z}]
    layers, layer_error = _layers(request)
    if layer_error:
        errors["layers"] = [layer_error]
    return errors, layers or LAYERS


def _etag(entry, stamp, z, x, y):
    digest = hashlib.sha256(repr((stamp, entry.etag_parts, z, x, y)).encode()).hexdigest()[:32]
    return quote_etag(digest)


def _stamp(entry):
    """The conflict's data version now (one primary-key lookup)."""
    return version_of(*fetch(SQL(f"SELECT {version_sql(entry.conflict_id)}")))


@require_safe
def tile(request, conflict, z, x, y):
    errors, layers = _request_errors(request, z, x, y)
    request_key = prepared.key(request, conflict)
    # The parameters as validated and compiled for an earlier tile (geodata/tiles/prepared.py), if any:
    # trusted only while the data version is the one they were prepared under (checked below).
    entry = None if errors else prepared.cached(request_key)
    if entry is None:
        entry, response = _prepare(request, conflict, layers, errors, request_key)
        if response is not None:
            return response

    asked = request.headers.get("If-None-Match")
    seconds = settings.TILE_CACHE_SECONDS
    if asked or seconds:
        # The version alone first: a 304, or a tile already built for it, costs no tile.
        stamp = _stamp(entry)
        if stamp != entry.stamp:
            entry, response = _prepare(request, conflict, layers, {}, request_key)
            if response is not None:
                return response
            stamp = entry.stamp
        etag = _etag(entry, stamp, z, x, y)
        if asked and (etag in parse_etags(asked) or asked.strip() == "*"):
            response = HttpResponseNotModified()
            response["ETag"] = etag
            response["Cache-Control"] = CACHE_CONTROL
            return response
        body = cache.get(f"tile:{etag}") if seconds else None
        if body is not None:
            return _tile_response(body, etag)
    # The version and the tile in one statement. A version other than the one the parameters
    # were prepared under means the conflict or a party may have changed since: prepare them
    # again (that may find the conflict gone: 404) and build the tile anew, once.
    for attempt in (1, 2):
        sql = mvt.tile_sql(entry.layers, z, x, y, version_sql=version_sql(entry.conflict_id), language=entry.language)
        version, changed_at, body = fetch(sql)
        stamp = version_of(version, changed_at)
        if stamp == entry.stamp or attempt == 2:
            break
        entry, response = _prepare(request, conflict, layers, {}, request_key)
        if response is not None:
            return response
    body = bytes(body)
    etag = _etag(entry, stamp, z, x, y)
    if seconds:
        # Keyed by the ETag, which holds the data version: a change of the data makes a new key,
        # so a stale tile is never served; old keys expire.
        cache.set(f"tile:{etag}", body, seconds)
    return _tile_response(body, etag)


def _prepare(request, conflict, layers, errors, request_key):
    """(Prepared, None), or (None, the 400 or 404 answer) for bad parameters or an unknown conflict."""
    prepared.forget(request_key)
    entry, errors = prepared.prepare(request, conflict, layers, errors, request_key)
    if entry is not None:
        return entry, None
    if "conflict" in errors:  # the conflict is part of the path: an unknown one is not found
        return None, JsonResponse({"detail": _("No conflict with that slug.")}, status=404)
    return None, bad_request(errors)


def _tile_response(body, etag):
    response = HttpResponse(body, content_type=MVT)
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    return response
