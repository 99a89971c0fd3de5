"""The grid PlaceQuerySet.thinned and kept_among rank places in (issue 12, item 5)."""

from django.contrib.gis.db import models
from django.db.models import Case, F, FloatField, Func, Value, When
from django.db.models.functions import Coalesce

from ..choices import PLACE_KIND_RANK, PLACE_THIN_BELOW, PLACE_THIN_CELL_PX

# PlaceQuerySet.thinned: below this zoom one place per grid cell of THIN_CELL_PX screen pixels
# (Leaflet's 256-pixel tiles), so the events under them stay visible (issue 12, item 5).
THIN_BELOW = PLACE_THIN_BELOW
THIN_CELL_PX = PLACE_THIN_CELL_PX
_MERCATOR_HALF = 20037508.342789244  # half the Web Mercator world's width, metres


def _thin_cell_m(zoom):
    return 2 * _MERCATOR_HALF * THIN_CELL_PX / (256 * 2**zoom)


def thin_cell(point, zoom):
    """(column, row) of a point's cell in PlaceQuerySet.thinned's grid at `zoom`."""
    cell_m = _thin_cell_m(zoom)
    merc = Func(point, 3857, function="ST_Transform", output_field=models.PointField(srid=3857))
    row = Func((Value(_MERCATOR_HALF) - Func(merc, function="ST_Y", output_field=FloatField())) / Value(cell_m),
               function="floor", output_field=FloatField())
    column = Func((Func(merc, function="ST_X", output_field=FloatField()) + Value(_MERCATOR_HALF)) / Value(cell_m),
                  function="floor", output_field=FloatField())
    return column, row


def thin_rank(kind):
    return Case(*(When(**{kind: k}, then=Value(r)) for k, r in PLACE_KIND_RANK.items()),
                default=Value(len(PLACE_KIND_RANK)))


def thin_size(area):
    return Coalesce(Func(F(area), function="ST_Area", output_field=FloatField()), Value(0.0))


def thin_cell_bounds(column, row, zoom):
    """The bounds in degrees of the cell (column, row) at `zoom` (a Mercator rectangle maps onto a
    longitude/latitude one), a centimetre wider so that rounding never drops a place on an edge:
    for the spatial index; the exact test is the cell's number."""
    cell_m = _thin_cell_m(zoom)
    envelope = Func(Value(-_MERCATOR_HALF) + column * Value(cell_m),
                    Value(_MERCATOR_HALF) - (row + Value(1.0)) * Value(cell_m),
                    Value(-_MERCATOR_HALF) + (column + Value(1.0)) * Value(cell_m),
                    Value(_MERCATOR_HALF) - row * Value(cell_m),
                    Value(3857), function="ST_MakeEnvelope", output_field=models.PolygonField(srid=3857))
    degrees = Func(envelope, Value(4326), function="ST_Transform", output_field=models.PolygonField(srid=4326))
    return Func(degrees, Value(1e-7), function="ST_Expand", output_field=models.PolygonField(srid=4326))
