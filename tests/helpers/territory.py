"""Builders for territory tests: boxes, series, versions, and an independent km² formula."""

import datetime
import itertools
import math

from django.contrib.gis.geos import MultiPolygon, Polygon

from geodata.models import TerritorySeries, TerritoryVersion

_seq = itertools.count(1)


def box(lon0, lat0, lon1, lat1):
    """A lon/lat rectangle as a MultiPolygon (exterior counter-clockwise, as stored)."""
    ring = ((lon0, lat0), (lon1, lat0), (lon1, lat1), (lon0, lat1), (lon0, lat0))
    return MultiPolygon(Polygon(ring, srid=4326), srid=4326)


def series(conflict, party=None, kind="held", **kwargs):
    n = next(_seq)
    return TerritorySeries.objects.create(
        conflict=conflict, party=party, kind=kind,
        name=kwargs.pop("name", f"Series {n}"), slug=kwargs.pop("slug", f"series-{n}"), **kwargs
    )


def version(of, day, geometry, **kwargs):
    """A version of series `of`, published unless state=... is given."""
    kwargs.setdefault("state", "published")
    if isinstance(day, str):
        day = datetime.date.fromisoformat(day)
    if isinstance(geometry, Polygon):
        geometry = MultiPolygon(geometry, srid=4326)
    return TerritoryVersion.objects.create(series=of, valid_from=day, geometry=geometry, **kwargs)


def box_km2(lon0, lat0, lon1, lat1):
    """Area of a lon/lat rectangle on the WGS 84 ellipsoid, in km², from the authalic-latitude
    formula (independent of PostGIS, so the SQL figures are checked against something else)."""
    a, f = 6378137.0, 1 / 298.257223563
    e = math.sqrt(f * (2 - f))
    b = a * (1 - f)

    def q(lat):
        s = math.sin(math.radians(lat))
        return s / (1 - e * e * s * s) + math.log((1 + e * s) / (1 - e * s)) / (2 * e)

    return math.radians(lon1 - lon0) * b * b / 2 * (q(lat1) - q(lat0)) / 1e6


def meridian_km(lat0, lat1):
    """Length of a meridian arc between two latitudes on the WGS 84 ellipsoid, in km, by numerical
    integration of the meridional radius of curvature (independent of PostGIS's ST_Length)."""
    a, f = 6378137.0, 1 / 298.257223563
    e2 = f * (2 - f)
    steps = 1000
    h = math.radians(lat1 - lat0) / steps
    total = 0.0
    for i in range(steps):  # midpoint rule: exact to far below a metre over a tenth of a degree
        phi = math.radians(lat0) + (i + 0.5) * h
        total += a * (1 - e2) / (1 - e2 * math.sin(phi) ** 2) ** 1.5 * h
    return total / 1e3
