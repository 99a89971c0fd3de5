"""The territory endpoints' GeoJSON, built by PostgreSQL in one statement per request (as geojson.py).

Which versions are in force, which is the previous one, the changes between two dates and the
overlaps all come from the public querysets (public.py → TerritoryVersionQuerySet), compiled to
SQL and embedded here; this module only shapes the JSON. Claims and the status derived from
them are the same definitions as for events (geojson._CLAIM_TEXT, geojson.verification_sql).

Simplification (a zoom or a tolerance) happens in SQL with ST_SimplifyPreserveTopology: each
polygon stays valid, but two neighbours are simplified independently, so at low zooms their shared
edge may open a hairline gap (ST_CoverageSimplify, which would keep it shared, needs PostGIS 3.6).
Areas in km² are always those of the full-resolution geometry.
"""

import math

from ..public import public_territory_in_force, public_territory_versions
from .geojson import SQL, _j, _obj, _party_text, add_event_claims, verification_sql

PARTY_FIELDS = ("slug", "short_name", "name", "color")  # as a place's controlling party in /api/places/
FULL_DIGITS = 9  # ST_AsGeoJSON's own default: every stored digit that matters


def digits_for(tolerance):
    """Decimal digits worth writing for a simplification tolerance (a tenth of it), full precision without."""
    if tolerance is None:
        return FULL_DIGITS
    return max(1, min(FULL_DIGITS, math.ceil(-math.log10(tolerance)) + 1))


def _geometry(sql, expr, tolerance):
    """Append the GeoJSON text of `expr`, simplified to `tolerance` degrees if given, rings per RFC 7946."""
    if tolerance is None:
        return sql.add(f"ST_AsGeoJSON(ST_ForcePolygonCCW({expr}), {FULL_DIGITS})")
    return sql.add(
        f"ST_AsGeoJSON(ST_ForcePolygonCCW(ST_Multi(ST_SimplifyPreserveTopology({expr}, %s))), {digits_for(tolerance)})",
        [tolerance],
    )


def _line_geometry(sql, expr, tolerance):
    """Append the GeoJSON text of the lines `expr`, simplified to `tolerance` degrees if given.

    The front line is simplified after it is computed (not computed from simplified areas), so it stays
    one line; ST_Simplify keeps a short piece rather than letting it collapse (preserveCollapsed).
    """
    if tolerance is None:
        return sql.add(f"ST_AsGeoJSON({expr}, {FULL_DIGITS})")
    return sql.add(f"ST_AsGeoJSON(ST_Multi(ST_Simplify({expr}, %s, true)), {digits_for(tolerance)})", [tolerance])


def _km2(expr):
    return f"round(({expr})::numeric, 3)"


def territory_sql(conflict, date, tolerance=None):
    """Features JSON text: the published version in force of every series at `date`, the overlaps, the front lines."""
    in_force = public_territory_in_force(date, conflict).values("id", "previous_id")
    sql = SQL("SELECT coalesce('[' || string_agg(f.feature, ',' ORDER BY f.k, f.o) || ']', '[]') FROM (")
    sql.add("SELECT 0 AS k, tv.id AS o, ('{\"type\":\"Feature\",\"id\":' || tv.id || ',\"geometry\":' || ")
    _geometry(sql, "tv.geometry", tolerance)
    properties = _obj(
        ("series", _j("s.slug")),
        ("series_name", _j("s.name")),
        ("kind", _j("s.kind")),
        ("party", _party_text("pa", *PARTY_FIELDS)),
        ("valid_from", _j("tv.valid_from")),
        ("valid_until", _j("tv.valid_until")),
        ("date_precision", _j("tv.date_precision")),
        # No editor confirms a version (there is no such field): the status comes from its claims alone.
        ("status", "'\"' || " + verification_sql("false") + " || '\"'"),
        ("claims", "cl.claims"),
        ("area_km2", _j(_km2("a.area_km2"))),
        ("change", _obj(
            ("previous_valid_from", _j("pv.valid_from")),
            # km² of the differences from those of the intersection: one ST_Intersection instead of two
            # ST_Difference per version, equal to TerritoryVersion.change_from_previous() up to rounding.
            ("gained_km2", _j(_km2("CASE WHEN pv.id IS NULL THEN a.area_km2 ELSE greatest(0, a.area_km2 - a.kept_km2) END"))),
            ("lost_km2", _j(_km2("CASE WHEN pv.id IS NULL THEN 0 ELSE greatest(0, a.previous_km2 - a.kept_km2) END"))),
        )),
        ("geometry_note", _j("tv.geometry_note")),
    )
    sql.add(f" || ',\"properties\":' || {properties} || '}}') AS feature FROM (")
    sql.add_query(in_force)
    sql.add(
        ") r JOIN geodata_territoryversion tv ON tv.id = r.id "
        "JOIN geodata_territoryseries s ON s.id = tv.series_id "
        "LEFT JOIN geodata_party pa ON pa.id = s.party_id "
        "LEFT JOIN geodata_territoryversion pv ON pv.id = r.previous_id "
        # The versions' own km² are stored (TerritoryVersion.area_km2); what the two share is computed here,
        # once per version (OFFSET 0: inlined, it would be computed for gained and again for lost).
        "CROSS JOIN LATERAL (SELECT tv.area_km2, pv.area_km2 AS previous_km2, "
        "ST_Area(ST_Intersection(tv.geometry, pv.geometry)::geography) / 1e6 AS kept_km2 OFFSET 0) a "
    )
    add_event_claims(sql, fk="territory_version_id", outer="tv.id")
    # Overlaps of two parties' held areas: shown to the public as contested.
    sql.add("UNION ALL SELECT 1, row_number() OVER (ORDER BY o.party_a, o.party_b), ('{\"type\":\"Feature\",\"id\":' ")
    sql.add("|| to_json('overlap-' || o.party_a || '-' || o.party_b)::text || ',\"geometry\":' || ")
    _geometry(sql, "o.geometry", tolerance)
    overlap = _obj(
        ("kind", "'\"overlap\"'"),
        ("parties", f"'[' || {_party_text('pa', *PARTY_FIELDS)} || ',' || {_party_text('pb', *PARTY_FIELDS)} || ']'"),
        ("area_km2", _j(_km2("o.area_km2"))),
    )
    sql.add(f" || ',\"properties\":' || {overlap} || '}}') FROM (")
    sql.add(*public_territory_versions().overlaps_at_sql(date, conflict))
    sql.add(") o JOIN geodata_party pa ON pa.id = o.party_a JOIN geodata_party pb ON pb.id = o.party_b ")
    # The front line between two parties' held areas, drawn as a line above the fills.
    sql.add("UNION ALL SELECT 2, row_number() OVER (ORDER BY l.party_a, l.party_b), ('{\"type\":\"Feature\",\"id\":' ")
    sql.add("|| to_json('front-' || l.party_a || '-' || l.party_b)::text || ',\"geometry\":' || ")
    _line_geometry(sql, "l.geometry", tolerance)
    front = _obj(
        ("kind", "'\"front_line\"'"),
        ("parties", f"'[' || {_party_text('pa', *PARTY_FIELDS)} || ',' || {_party_text('pb', *PARTY_FIELDS)} || ']'"),
        ("length_km", _j("round(l.length_km::numeric, 3)")),
    )
    sql.add(f" || ',\"properties\":' || {front} || '}}') FROM (")
    sql.add(*public_territory_versions().front_line_at_sql(date, conflict))
    sql.add(") l JOIN geodata_party pa ON pa.id = l.party_a JOIN geodata_party pb ON pb.id = l.party_b) f")
    return sql


def changes_sql(conflict, start, end, tolerance=None):
    """Features JSON text: per party, the area gained and the area lost from the state at `start` to `end`."""
    sql = SQL("SELECT coalesce('[' || string_agg(f.feature, ',' ORDER BY f.party_id, f.k) || ']', '[]') FROM (")
    sql.add("SELECT c.party_id, k.k, ('{\"type\":\"Feature\",\"geometry\":' || ")
    _geometry(sql, "k.g", tolerance)
    properties = _obj(
        ("party", _party_text("pa", *PARTY_FIELDS)),
        ("change", _j("k.change")),
        ("area_km2", _j(_km2("k.km2"))),
    )
    sql.add(f" || ',\"properties\":' || {properties} || '}}') AS feature FROM (")
    sql.add(*public_territory_versions().changes_between_sql(start, end, conflict))
    sql.add(
        ") c JOIN geodata_party pa ON pa.id = c.party_id "
        "CROSS JOIN LATERAL (VALUES (0, 'gained', c.gained, c.gained_km2), (1, 'lost', c.lost, c.lost_km2)) "
        "AS k(k, change, g, km2) WHERE k.g IS NOT NULL) f"
    )
    return sql
