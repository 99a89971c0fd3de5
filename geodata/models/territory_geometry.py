"""Territory geometry helpers: cleaning an editor's polygon, km² on the ellipsoid, and the result rows.

Split from territory.py (the models and their queryset), which imports everything from here.
"""

import dataclasses
from typing import TYPE_CHECKING

import shapely
from django.contrib.gis.db import models
from django.contrib.gis.geos import GEOSGeometry
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .territory import TerritoryVersion

# Polygons (or polygon parts) smaller than this, in square degrees (~1 ha at 40° N), are slivers.
SLIVER_AREA = 1e-6


def clean_geometry(geom):
    """Return (cleaned MultiPolygon, note): make_valid, no slivers or duplicate vertices, RFC 7946 orientation."""
    shape = shapely.from_wkb(bytes(geom.wkb))
    notes = []
    if not shape.is_valid:
        notes.append(f"made valid (it was invalid: {shapely.is_valid_reason(shape)})")
        shape = shapely.make_valid(shape)
    parts = [p for p in shapely.get_parts(shape) if p.geom_type in ("Polygon", "MultiPolygon")]
    polygons = [q for p in parts for q in shapely.get_parts(p)]
    kept = [p for p in polygons if p.area >= SLIVER_AREA]
    if len(kept) < len(polygons):
        notes.append(f"{len(polygons) - len(kept)} sliver(s) removed")
    if not kept:
        raise ValidationError(_("The geometry has no polygon of a usable size."))
    multi = shapely.MultiPolygon(kept)
    deduped = shapely.remove_repeated_points(multi)
    if shapely.get_num_coordinates(deduped) < shapely.get_num_coordinates(multi):
        notes.append("duplicate vertices removed")
    # RFC 7946: exterior rings counter-clockwise, holes clockwise.
    oriented = shapely.MultiPolygon([shapely.geometry.polygon.orient(p, 1.0) for p in shapely.get_parts(deduped)])
    if not oriented.equals_exact(deduped, 0):
        notes.append("rings re-oriented (right-hand rule)")
    cleaned = GEOSGeometry(memoryview(shapely.to_wkb(oriented)), srid=4326)
    return cleaned, ("Geometry repaired automatically: " + "; ".join(notes) + ".") if notes else ""


class AreaKm2(models.Func):
    """Area in km² on the WGS 84 ellipsoid (ST_Area of the geography), not in square degrees."""

    template = "ST_Area(%(expressions)s::geography) / 1e6"
    output_field = models.FloatField()


def area_km2(geometry):
    """The km² of one geometry on the ellipsoid, computed by PostGIS (the same formula as AreaKm2)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT ST_Area(ST_GeomFromEWKB(%s)::geography) / 1e6", [bytes(geometry.ewkb)])
        return cursor.fetchone()[0]


class Polygons(models.Func):
    """The polygonal part of a geometry as a MultiPolygon (a difference can yield a collection or be empty)."""

    template = "ST_Multi(ST_CollectionExtract(%(expressions)s, 3))"
    output_field = models.MultiPolygonField(srid=4326)


@dataclasses.dataclass(frozen=True)
class TerritoryChange:
    """What a version changes against the previous published version of its series.

    With no previous version, all of the version's area is gained (the series held nothing before).
    `gained` / `lost` are None when nothing was gained / lost; the km² are then 0.
    """

    previous: "TerritoryVersion | None"
    gained: GEOSGeometry | None
    lost: GEOSGeometry | None
    gained_km2: float
    lost_km2: float


@dataclasses.dataclass(frozen=True)
class PartyChange:
    party_id: int
    gained: GEOSGeometry | None
    lost: GEOSGeometry | None
    gained_km2: float
    lost_km2: float


@dataclasses.dataclass(frozen=True)
class FrontLine:
    party_a: int
    party_b: int
    geometry: GEOSGeometry
    length_km: float


@dataclasses.dataclass(frozen=True)
class Overlap:
    party_a: int
    party_b: int
    geometry: GEOSGeometry
    area_km2: float
