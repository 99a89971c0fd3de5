"""The configuration the map page hands to its JavaScript (through json_script).

Only what the browser needs to start: the conflict, its parties, the
vocabularies for filters and the legend, and where to fetch the data. The
data itself (state at a date, events, control changes) comes from the API.
"""

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext

from .choices import PLACE_THIN_BELOW, SUB_EVENT_TYPE_LABELS, SUB_EVENT_TYPES, ControlStatus, EventType, Verification
from .exports.views import LICENCE
from .placenames import current_language
from .public import public_parties, public_territory_versions

API_ROOT = "/api/"


def _extent(conflict):
    if conflict.extent is None:
        return None
    return list(conflict.extent.extent)  # (minlon, minlat, maxlon, maxlat)


def conflict_config(conflict):
    """The conflict as the API's /api/conflicts/<slug>/ describes it."""
    return {
        "slug": conflict.slug,
        "name": conflict.name,
        "description": conflict.description,
        "start_date": conflict.start_date.isoformat(),
        "end_date": conflict.end_date.isoformat() if conflict.end_date else None,
        "extent": _extent(conflict),
        "parties": [
            {"slug": p.slug, "name": p.name, "short_name": p.short_name, "kind": p.kind, "color": p.color}
            for p in public_parties().filter(pk__in=conflict.parties.values("pk")).order_by("name")
        ],
    }


def _has_territory(conflict):
    return public_territory_versions().filter(series__conflict=conflict).exists()


def map_config(conflict):
    return {
        "conflict": conflict_config(conflict),
        # The page's language: ApiClient asks the API for place labels in it (docs/place-names.md).
        "lang": current_language(),
        "api": {
            "places": f"{API_ROOT}places/",
            "events": f"{API_ROOT}events/",
            # What the map draws (columns of arrays); the full record from events/<id>/ in a popup.
            "eventsCompact": f"{API_ROOT}events/compact/",
            "controlChanges": f"{API_ROOT}control-changes/",
            "placeSearch": f"{API_ROOT}places/search/",
            # None for a conflict with no published territory: no layer, no legend entry, no request per
            # day for an empty answer. Publishing its first version bumps the data version, so the
            # page (cached per version) comes back with the layer.
            "territory": f"{API_ROOT}territory/" if _has_territory(conflict) else None,
            "placeChanges": f"{API_ROOT}places/changes/",
        },
        # Below this zoom the map asks for its places with its zoom: thinned by the server.
        "placesThinBelow": PLACE_THIN_BELOW,
        # Popups and the timeline link "Corrected on DATE" to the conflict's corrections log.
        "correctionsUrl": reverse("conflict-corrections", args=[conflict.slug]),
        "basemapUrl": static("vendor/world-atlas/countries-50m.json"),
        # An empty MAP_TILE_URL means "offline": only the Natural Earth basemap.
        "tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        "eventTypes": [
            {"value": t.value, "label": t.label,
             "subTypes": [s for s, parent in SUB_EVENT_TYPES.items() if parent == t]}
            for t in EventType
        ],
        # Labels are lazy translations: json_script writes them in the request's language.
        "subTypeLabels": dict(SUB_EVENT_TYPE_LABELS),
        # The map's "Download" control (static/js/map/DownloadControl.js) adds the date window to these.
        "exports": {
            "urls": {fmt: reverse("export", args=[conflict.slug, fmt]) for fmt in ("csv", "geojson", "gpkg")},
            "licence": gettext(LICENCE),
        },
        "verification": [{"value": v.value, "label": v.label} for v in Verification],
        "controlStatuses": [{"value": s.value, "label": s.label} for s in ControlStatus],
        # The zooms the map allows; a URL's zoom= is rounded and clamped into them (urlstate.js, as the embed).
        "zoom": {"min": settings.LEAFLET_CONFIG["MIN_ZOOM"], "max": settings.LEAFLET_CONFIG["MAX_ZOOM"]},
        # The interface languages a URL's lang= may name (conflictmap/locale.py).
        "languages": [code for code, _name in settings.LANGUAGES],
    }
