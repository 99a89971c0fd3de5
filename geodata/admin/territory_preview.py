"""The add form's preview of a territory version before its first save (issue 9 item 3).

The version page shows the previous published version and the km² gained and lost once the version is
saved (TerritoryVersionAdmin.previous_version). On the add form there is nothing saved yet: the admin
script static/js/admin/territory_preview.js posts the drawn area, the series and the date here, and this
view answers what the page would show, from the same TerritoryVersion.change_from_previous() on an
unsaved version (so one rule, PostGIS ST_Difference and ST_Area on the geography). Nothing is stored.
"""

import datetime
import json

from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ..models import TerritorySeries, TerritoryVersion
from ..models.territory import clean_geometry


def change_features(change):
    """The read-only map layers of a change: the previous area, the gained and the lost parts (GeoJSON)."""
    previous = change.previous
    layers = [
        _feature(previous.geometry if previous else None, "previous",
                 _("Previous version, from %(date)s") % {"date": f"{previous.valid_from:%Y-%m-%d}"} if previous else ""),
        _feature(change.gained, "gained", _("Gained: %(km2)s km²") % {"km2": f"{change.gained_km2:,.1f}"}),
        _feature(change.lost, "lost", _("Lost: %(km2)s km²") % {"km2": f"{change.lost_km2:,.1f}"}),
    ]
    return {"type": "FeatureCollection", "features": [x for x in layers if x]}


def _feature(geometry, role, label):
    if geometry is None:
        return None
    return {"type": "Feature", "geometry": json.loads(geometry.geojson), "properties": {"role": role, "label": label}}


def _bad(message):
    return JsonResponse({"error": message}, status=400)


def preview_view(model_admin, request):
    """POST series, valid_from, geometry (GeoJSON) -> {previous, gained_km2, lost_km2, features, note}."""
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        return JsonResponse({"error": _("Not allowed.")}, status=403)
    series_pk = request.POST.get("series", "")
    series = TerritorySeries.objects.filter(pk=series_pk).first() if series_pk.isdigit() else None
    if series is None:
        return _bad(_("Choose the series first."))
    try:
        day = datetime.date.fromisoformat(request.POST.get("valid_from", ""))
    except ValueError:
        return _bad(_("Give the version's date (YYYY-MM-DD) first."))
    try:
        geometry = GEOSGeometry(request.POST.get("geometry", ""), srid=4326)
        geometry, note = clean_geometry(geometry)
    except (GEOSException, ValueError, TypeError):
        return _bad(_("Draw the area on the map first."))
    except ValidationError as error:
        return _bad(" ".join(error.messages))
    exclude = request.POST.get("version_id", "")
    unsaved = TerritoryVersion(series=series, valid_from=day, geometry=geometry,
                               pk=int(exclude) if exclude.isdigit() else None)
    change = unsaved.change_from_previous()
    previous = change.previous
    return JsonResponse({
        "previous": previous and {
            "valid_from": previous.valid_from.isoformat(),
            "url": reverse("admin:geodata_territoryversion_change", args=[previous.pk]),
        },
        "gained_km2": round(change.gained_km2, 1),
        "lost_km2": round(change.lost_km2, 1),
        "features": change_features(change),
        "note": note,
    })

