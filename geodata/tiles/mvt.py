"""The SQL of one vector tile, built by PostGIS (ST_AsMVT, ST_AsMVTGeom, ST_TileEnvelope).

Which rows a tile shows comes from the FilterSets' querysets (published data only,
through geodata.public), compiled to SQL and embedded here, exactly as the GeoJSON of
the API is built (geodata/api/geojson.py); nothing here re-states a visibility rule.

Below AGGREGATE_BELOW the events layer is a density picture: one feature per grid
cell (CELLS x CELLS cells a tile) with the number of events in it, so a zoom-4 tile of
100,000 events is a few hundred counted cells rather than thousands of points cut off
at a feature limit. The cell of an event, and at higher zooms its point, are computed
with the Web Mercator formulas in plain arithmetic (_mercator), cheaper per row than
ST_Transform; at low zooms only the cells' centres go through ST_AsMVTGeom. Below
THIN_BELOW the places layer keeps the most important place of each PLACE_CELLS x
PLACE_CELLS cell (see PLACE_RANK) and says how many it hides, so place symbols no
longer cover the events at low zooms.

A layer's rows come as a Rows: its queryset, compiled to SQL once per set of columns and
kept with it, so the tiles of one parameter set (geodata/tiles/prepared.py) share one
compilation instead of running the ORM's compiler for every tile.
"""

import functools

from ..api.geojson import SQL
from ..choices import place_rank_sql
from ..placenames import label_sql
from ..public import public_claims_of_public_records

EXTENT = 4096  # MVT units across a tile
BUFFER = 64  # points this close outside the tile are kept, so symbols on an edge are not cut
AGGREGATE_BELOW = 8  # events are counted per cell at zooms < 8
CELLS = 64  # event grid: 64 x 64 cells a tile (64 units, 8 px on a 512-px tile)
THIN_BELOW = 10  # places are thinned at zooms < 10
PLACE_CELLS = 16  # place grid: 16 x 16 cells a tile, one place each
MAX_ZOOM = 22

# Most important first: cities, then regions, towns, villages, sites; a larger area first.
PLACE_RANK = place_rank_sql("p")  # one definition with PlaceQuerySet.thinned (geodata/choices.py)
_R = 6378137.0  # the Web Mercator sphere's radius, metres
_HALF = 20037508.342789244  # half the Web Mercator world's width, metres


class Rows:
    """A layer's filtered queryset, compiled to (SQL text, params) once per column set."""

    def __init__(self, queryset):
        self.queryset = queryset.order_by()
        self._compiled = {}

    def sql(self, *fields):
        compiled = self._compiled.get(fields)
        if compiled is None:
            text, params = self.queryset.values(*fields).query.sql_with_params()
            compiled = self._compiled[fields] = (text, tuple(params))
        return compiled


def _envelope(z, x, y, margin=0.0):
    """The tile's envelope (EPSG:3857) as SQL text with its parameters."""
    if margin:
        return "ST_TileEnvelope(%s, %s, %s, margin => %s)", [z, x, y, margin]
    return "ST_TileEnvelope(%s, %s, %s)", [z, x, y]


def _in_tile(alias, z, x, y, margin):
    env, params = _envelope(z, x, y, margin)
    # Tile envelopes are axis-aligned in both projections, so the transformed envelope is
    # exact; && on the 4326 point uses its GiST index.
    return f"{alias}.point && ST_Transform({env}, 4326)", params


def _mercator(alias):
    """SQL of the Web Mercator (EPSG:3857) x and y, in metres, of `alias`.point (EPSG:4326).

    The spherical Mercator formulas that define EPSG:3857, in plain arithmetic: about half the
    cost per point of ST_Transform (which goes through PROJ), and the same coordinates to far
    below the 4096-unit grid a tile is snapped to. The latitude is clamped to the grid's edge
    (±85.0511°); no tile reaches beyond it.
    """
    lat = f"radians(greatest(-85.0511, least(85.0511, ST_Y({alias}.point))))"
    return f"(radians(ST_X({alias}.point)) * {_R})", f"({_R} * ln(tan(pi() / 4 + {lat} / 2)))"


def _mercator_point(alias):
    mx, my = _mercator(alias)
    return f"ST_SetSRID(ST_MakePoint({mx}, {my}), 3857)"


def _cell(alias, z, x, y, cells):
    """SQL of the cell index (0..cells²-1) of a 4326 point inside tile z/x/y."""
    scale = 2**z * cells / (2 * _HALF)  # cells per metre
    mx, my = _mercator(alias)
    ix = f"least({cells - 1}, greatest(0, floor(({mx} + {_HALF}) * {scale}) - {x * cells}))::int"
    iy = f"least({cells - 1}, greatest(0, floor(({_HALF} - {my}) * {scale}) - {y * cells}))::int"
    return f"({iy} * {cells} + {ix})"


def _cell_centre(cell, z, x, y, cells):
    """SQL of the EPSG:3857 point at the centre of `cell` (an SQL int expression)."""
    size = 2 * _HALF / 2**z / cells
    xmin = -_HALF + x * cells * size
    ymax = _HALF - y * cells * size
    return (
        f"ST_SetSRID(ST_MakePoint({xmin} + (mod({cell}, {cells}) + 0.5) * {size}, "
        f"{ymax} - ({cell} / {cells} + 0.5) * {size}), 3857)"
    )


def events_sql(events, z, x, y):
    """The `events` layer of `events` (Rows of a filtered public_events() queryset) in tile z/x/y."""
    env, env_params = _envelope(z, x, y)
    if z < AGGREGATE_BELOW:
        rows = events.sql("point", "date")
        where, where_params = _in_tile("e", z, x, y, 0.0)
        cell = _cell("e", z, x, y, CELLS)
        sql = SQL(
            f"(SELECT coalesce(ST_AsMVT(t, 'events', {EXTENT}, 'geom'), ''::bytea) FROM ("
            "SELECT g.count, g.first, g.last, "
            f"ST_AsMVTGeom({_cell_centre('g.cell', z, x, y, CELLS)}, {env}, {EXTENT}, 0, false) AS geom FROM ("
            f"SELECT {cell} AS cell, count(*)::int AS count, min(e.date)::text AS first, "
            "max(e.date)::text AS last FROM (",
            env_params,
        )
        sql.add(*rows)
        sql.add(f") e WHERE {where} GROUP BY 1) g) t)", where_params)
        return sql
    rows = events.sql("id", "point", "date", "event_type", "sub_event_type", "perpetrator_id", "confirmed")
    where, where_params = _in_tile("e", z, x, y, BUFFER / EXTENT)
    sql = SQL(
        f"(SELECT coalesce(ST_AsMVT(t, 'events', {EXTENT}, 'geom', 'id'), ''::bytea) FROM ("
        "SELECT e.id, e.date::text AS date, e.event_type AS type, e.sub_event_type AS sub_type, "
        f"pp.slug AS perpetrator, {VERIFICATION} AS status, "
        f"ST_AsMVTGeom({_mercator_point('e')}, {env}, {EXTENT}, {BUFFER}, true) AS geom FROM (",
        env_params,
    )
    sql.add(*rows)
    sql.add(") e LEFT JOIN geodata_party pp ON pp.id = e.perpetrator_id "
            "LEFT JOIN LATERAL (SELECT bool_or(c.stance = 'asserts') AS asserted, "
            "bool_or(c.stance = 'denies') AS denied FROM (")
    sql.add(*_claims_sql())
    sql.add(f") c WHERE c.event_id = e.id) cl ON true WHERE {where}) t)", where_params)
    return sql


# EventQuerySet.with_verification in SQL, from one pass over the event's public claims (`cl`),
# as the API's GeoJSON does; tests/test_tiles.py checks the two agree on every status.
VERIFICATION = (
    "CASE WHEN e.confirmed THEN 'confirmed' "
    "WHEN cl.asserted AND cl.denied THEN 'disputed' WHEN cl.asserted THEN 'claimed' "
    "WHEN cl.denied THEN 'denied' ELSE 'unsourced' END"
)


@functools.cache
def _claims_sql():
    """The public claims of public events, compiled once: the events joined to it are public
    already (they come from public_events()), so a claim of theirs is public when published."""
    text, params = public_claims_of_public_records().order_by().query.sql_with_params()
    return text, tuple(params)


def places_sql(places, z, x, y, language="en"):
    """The `places` layer of `places` (Rows of PlaceFilterSet's queryset, with the controller at its date); each
    place's `name` is its label in `language` (geodata/placenames.py)."""
    env, env_params = _envelope(z, x, y)
    where, where_params = _in_tile("p", z, x, y, BUFFER / EXTENT)
    sql = SQL(
        f"(SELECT coalesce(ST_AsMVT(t, 'places', {EXTENT}, 'geom', 'id'), ''::bytea) FROM ("
        f"SELECT p.id, p.slug, {label_sql('p', language)} AS name, p.kind, pa.slug AS controller, "
        "k.control_status AS status, k.controller_since::text AS since, k.hidden, "
        f"ST_AsMVTGeom({_mercator_point('p')}, {env}, {EXTENT}, {BUFFER}, true) AS geom FROM (",
        env_params,
    )
    # First the places kept in the tile (thinned at low zooms), from their ids alone; only
    # then the controller of those few: the join with the second subquery is flattened, so its
    # controller lookups run once per place kept (not per place of the conflict), and OFFSET 0
    # keeps them from being evaluated again in the joins above.
    sql.add("SELECT k.id, k.hidden, r.controller_id, r.control_status, r.controller_since FROM (")
    if z < THIN_BELOW:
        cell = _cell("p", z, x, y, PLACE_CELLS)
        sql.add(
            "SELECT (array_agg(s.id ORDER BY s.rank, s.size DESC, s.id))[1] AS id, count(*)::int - 1 AS hidden "
            f"FROM (SELECT p.id, {cell} AS cell, {PLACE_RANK} AS rank, coalesce(ST_Area(p.area), 0) AS size FROM ("
        )
        sql.add(*places.sql("id"))
        sql.add(f") c JOIN geodata_place p ON p.id = c.id WHERE {where}) s GROUP BY s.cell", where_params)
    else:
        sql.add("SELECT p.id, 0 AS hidden FROM (")
        sql.add(*places.sql("id"))
        sql.add(f") c JOIN geodata_place p ON p.id = c.id WHERE {where}", where_params)
    sql.add(") k JOIN (")
    sql.add(*places.sql("id", "controller_id", "control_status", "controller_since"))
    sql.add(
        ") r ON r.id = k.id OFFSET 0) k JOIN geodata_place p ON p.id = k.id "
        "LEFT JOIN geodata_party pa ON pa.id = k.controller_id) t)"
    )
    return sql


def tile_sql(layers, z, x, y, version_sql="", language="en"):
    """One statement answering the tile: `version_sql` (SQL text of leading columns, e.g. the data
    version, in the same round trip) when given, then its layers' MVT bytes, concatenated (a valid MVT).

    `layers` maps "events" / "places" to the Rows of their filtered querysets.
    """
    sql = SQL("SELECT " + (f"{version_sql}, " if version_sql else ""))
    for i, (name, rows) in enumerate(layers.items()):
        if i:
            sql.add(" || ")
        part = places_sql(rows, z, x, y, language) if name == "places" else events_sql(rows, z, x, y)
        sql.add(part.text, part.params)
    return sql
