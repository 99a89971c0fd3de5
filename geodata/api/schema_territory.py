"""OpenAPI schemas of the territory endpoints' GeoJSON (territory_geojson.py); checked by tests/test_territory_api.py."""

from .schema import CLAIMS, DATE, INT, NULLABLE_DATE, PRECISION, STRING, obj

NUMBER = {"type": "number"}
KM2 = {"type": "number", "description": "km² on the WGS 84 ellipsoid (ST_Area of the geography), of the full-resolution geometry."}
PARTY = obj({"slug": STRING, "short_name": STRING, "name": STRING, "color": STRING})
POSITIONS = {"type": "array", "items": {"type": "array", "items": {"type": "array", "items": NUMBER}}}
MULTIPOLYGON = obj(
    {
        "type": {"type": "string", "enum": ["MultiPolygon"]},
        "coordinates": {"type": "array", "items": POSITIONS},
    }
)

VERSION_PROPERTIES = obj(
    {
        "series": {**STRING, "description": "The series' slug."},
        "series_name": STRING,
        "kind": {"type": "string", "enum": ["held", "claimed_advance", "contested"]},
        "party": {**PARTY, "nullable": True, "description": "null for a contested area."},
        "valid_from": DATE,
        "valid_until": {
            **NULLABLE_DATE, "description": "The first day the version no longer holds (it is not in force on that "
            "day); null: it holds until the next version of its series.",
        },
        "date_precision": PRECISION,
        "status": {
            "type": "string", "enum": ["unsourced", "claimed", "denied", "disputed"],
            "description": "Derived from the version's public claims by the rule of an event's verification.",
        },
        "claims": CLAIMS,
        "area_km2": KM2,
        "change": obj(
            {
                "previous_valid_from": {
                    **NULLABLE_DATE, "description": "The previous published version of the series; null for the first "
                    "(all of its area then counts as gained).",
                },
                "gained_km2": KM2,
                "lost_km2": KM2,
            }
        ),
        "geometry_note": {**STRING, "description": "How the geometry was drawn, and any automatic repair."},
    }
)

MULTILINESTRING = obj(
    {
        "type": {"type": "string", "enum": ["MultiLineString"]},
        "coordinates": POSITIONS,  # lines of positions
    }
)

FRONT_LINE_PROPERTIES = obj(
    {
        "kind": {"type": "string", "enum": ["front_line"]},
        "parties": {"type": "array", "items": PARTY, "minItems": 2, "maxItems": 2,
                    "description": "The two parties whose held areas meet along the line."},
        "length_km": {"type": "number", "description": "km on the WGS 84 ellipsoid, of the full-resolution line."},
    }
)

OVERLAP_PROPERTIES = obj(
    {
        "kind": {"type": "string", "enum": ["overlap"]},
        "parties": {"type": "array", "items": PARTY, "minItems": 2, "maxItems": 2},
        "area_km2": KM2,
    }
)

TERRITORY_FEATURE = {
    "oneOf": [
        obj({"type": {"type": "string", "enum": ["Feature"]}, "id": INT, "geometry": MULTIPOLYGON,
             "properties": VERSION_PROPERTIES}),
        obj({"type": {"type": "string", "enum": ["Feature"]}, "id": {**STRING, "description": "overlap-<party>-<party>"},
             "geometry": MULTIPOLYGON, "properties": OVERLAP_PROPERTIES}),
        obj({"type": {"type": "string", "enum": ["Feature"]}, "id": {**STRING, "description": "front-<party>-<party>"},
             "geometry": MULTILINESTRING, "properties": FRONT_LINE_PROPERTIES}),
    ]
}

TOLERANCE = {"type": "number", "nullable": True, "description": "The simplification tolerance applied, in degrees; "
             "null for full resolution."}

TERRITORY = obj(
    {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "date": {**DATE, "description": "The date whose state is shown."},
        "simplify": TOLERANCE,
        "features": {"type": "array", "items": TERRITORY_FEATURE},
    }
)

CHANGE_FEATURE = obj(
    {
        "type": {"type": "string", "enum": ["Feature"]},
        "geometry": MULTIPOLYGON,
        "properties": obj(
            {"party": PARTY, "change": {"type": "string", "enum": ["gained", "lost"]}, "area_km2": KM2}
        ),
    }
)

TERRITORY_CHANGES = obj(
    {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "start": DATE,
        "end": DATE,
        "simplify": TOLERANCE,
        "features": {"type": "array", "items": CHANGE_FEATURE},
    }
)
