"""OpenAPI schemas of the JSON that PostgreSQL builds (geojson.py).

No serializer describes those responses, so their shape is written out here;
tests/test_api.py checks real responses against it.
"""

from ..placenames import LANGUAGES


def obj(properties, nullable=False, required=None):
    schema = {"type": "object", "properties": properties, "required": required or list(properties)}
    if nullable:
        schema["nullable"] = True
    return schema


STRING = {"type": "string"}
DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {"type": "string", "format": "date", "nullable": True}
INT = {"type": "integer"}
CORRECTED_AT = {
    "type": "string",
    "format": "date-time",
    "nullable": True,
    "description": "When the record or one of its claims was last corrected (see /conflicts/<slug>/corrections/); "
    "null if never.",
}
CONTROL_STATUS = {
    "type": "string",
    "enum": ["unsourced", "claimed", "denied", "disputed", "confirmed"],
    "description": "Derived from the public claims, as an event's verification; confirmed by an editor",
}
PRECISION = {"type": "integer", "enum": [1, 2, 3], "description": "1 exact day, 2 within a week, 3 within a month"}

EXTENT = {
    "type": "array",
    "items": {"type": "number"},
    "minItems": 4,
    "maxItems": 4,
    "nullable": True,
    "description": "[minlon, minlat, maxlon, maxlat]",
}

POINT = obj(
    {
        "type": {"type": "string", "enum": ["Point"]},
        "coordinates": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
    }
)

PLACE_NAMES = {
    "display_name": {"type": "string", "description": "The English label (as `label` with lang=en)."},
    "label": {"type": "string", "description": "The place's name in the language asked for (`lang` or "
              "Accept-Language), then the other side's name in brackets where it differs (docs/place-names.md)."},
    "names": obj(dict.fromkeys(LANGUAGES, STRING)),  # the primary name in each language
}

PARTY_REF = obj({"slug": STRING, "short_name": STRING}, nullable=True)
PARTY_COLOURED = obj({"slug": STRING, "short_name": STRING, "color": STRING}, nullable=True)

FIGURE = {"type": "integer", "minimum": 0}
CLAIM = obj(
    {
        "id": INT,
        "stance": {"type": "string", "enum": ["asserts", "denies"]},
        "claimant": {"type": "string", "description": "Display string: 'Name, Role (Party)'"},
        "claimant_party": PARTY_REF,
        "claimant_name": STRING,
        "claimant_role": STRING,
        "claimed_on": NULLABLE_DATE,
        "summary": STRING,
        "source": obj({"outlet": STRING, "title": STRING, "url": STRING, "published_on": DATE}),
        "figures": {
            "type": "object",
            "description": "Only the figures the claim gives.",
            "properties": {
                "killed_civilians": FIGURE,
                "killed_combatants": FIGURE,
                "wounded_civilians": FIGURE,
                "wounded_combatants": FIGURE,
            },
            "additionalProperties": False,
        },
        "figure_qualifier": {"type": "string", "enum": ["exact", "about", "at_least", "at_most"]},
        "casualties_of": PARTY_REF,
    }
)
CLAIMS = {"type": "array", "items": CLAIM}


def feature(properties):
    return obj(
        {"type": {"type": "string", "enum": ["Feature"]}, "id": INT, "geometry": POINT, "properties": properties}
    )


PLACE_PROPERTIES = obj(
    {
        "slug": STRING,
        "name": STRING,
        **PLACE_NAMES,
        "kind": STRING,
        "alternate_names": {
            "type": "array",
            "items": obj({"name": STRING, "language": STRING, "used_by": STRING,
                          "role": {"type": "string", "enum": ["primary", "bracket", "other"]}}),
        },
        "control": obj(
            {
                "party": obj({"slug": STRING, "short_name": STRING, "name": STRING, "color": STRING}),
                "since": DATE,
                "date_precision": PRECISION,
                "status": CONTROL_STATUS,
                "change_id": INT,
                "corrected_at": CORRECTED_AT,
                "claims": CLAIMS,
            },
            nullable=True,
        ),
    }
)

PLACES = obj(
    {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "date": {**DATE, "description": "The date whose state is shown."},
        "features": {"type": "array", "items": feature(PLACE_PROPERTIES)},
    }
)

EVENT_PROPERTIES = obj(
    {
        "date": DATE,
        "time_precision": PRECISION,
        "event_type": STRING,
        "sub_event_type": STRING,
        "geo_precision": {"type": "integer", "enum": [1, 2, 3]},
        "place": obj({"slug": STRING, **PLACE_NAMES}, nullable=True),
        "perpetrator": PARTY_COLOURED,
        "target": PARTY_COLOURED,
        "civilian_targeting": {"type": "boolean"},
        "description": STRING,
        "verification": {"type": "string", "enum": ["unsourced", "claimed", "denied", "disputed", "confirmed"]},
        "corrected_at": CORRECTED_AT,
        "claims": CLAIMS,
    }
)

PAGE_LINKS = {
    "count": {"type": "integer", "minimum": 0,
              "description": "Rows matching the filters: exact up to API_EXACT_COUNT, else PostgreSQL's estimate."},
    "count_is_estimate": {"type": "boolean", "description": "true when `count` is the planner's estimate."},
    "next": {"type": "string", "format": "uri", "nullable": True,
             "description": "The next (older) page: a `cursor` link, or null on the last page."},
    "previous": {"type": "string", "format": "uri", "nullable": True,
                 "description": "The previous (newer) page, or null on the first."},
}

EVENTS = obj(
    {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        **PAGE_LINKS,
        "features": {"type": "array", "items": feature(EVENT_PROPERTIES)},
    }
)

def _column(items, description):
    return {"type": "array", "items": items, "description": description}


COMPACT_EVENTS = obj(
    {
        "count": {"type": "integer", "minimum": 0, "description": "Events in the answer (every array's length)."},
        "columns": {"type": "array", "items": STRING, "description": "The names of the column arrays below, in order."},
        "id": _column(INT, "Event id: its full record is /api/events/<id>/."),
        "lon": _column({"type": "number"}, "Longitude, WGS 84, 5 decimals."),
        "lat": _column({"type": "number"}, "Latitude, WGS 84, 5 decimals."),
        "date": _column(DATE, "Day of the event."),
        "type": _column(STRING, "ACLED event type."),
        "sub_type": _column({"type": "string", "nullable": True}, "ACLED sub-event type."),
        "perpetrator": _column({"type": "string", "nullable": True}, "Slug of the party reported as carrying it out."),
        "target": _column({"type": "string", "nullable": True}, "Slug of the party reported as targeted."),
        "status": _column({"type": "string", "enum": CONTROL_STATUS["enum"]}, "Verification status, as in /api/events/."),
        "corrected_at": _column(CORRECTED_AT, "Latest public correction, or null."),
        "label": _column({"type": "string", "nullable": True}, "Display name of the event's place, or null."),
    }
)

CONTROL_CHANGE = obj(
    {
        "id": INT,
        "place": obj({"slug": STRING, **PLACE_NAMES, "lon": {"type": "number"}, "lat": {"type": "number"}}),
        "party": obj({"slug": STRING, "short_name": STRING, "color": STRING}),
        "date": DATE,
        "until": {**NULLABLE_DATE, "description": "When the place's next public change takes over; null if none"},
        "date_precision": PRECISION,
        "status": CONTROL_STATUS,
        "note": STRING,
        "confirmation_note": {"type": "string", "nullable": True, "description": "How an editor confirmed it (confirmed changes only)"},
        "corrected_at": CORRECTED_AT,
        "claims": CLAIMS,
    }
)

CONTROL_CHANGES = obj({**PAGE_LINKS, "results": {"type": "array", "items": CONTROL_CHANGE}})

EVENT_FEATURE = feature(EVENT_PROPERTIES)

PLACE_SEARCH = obj(
    {
        "results": {
            "type": "array",
            "items": obj(
                {
                    "slug": STRING,
                    "name": STRING,
                    **PLACE_NAMES,
                    "matched": {"type": "string", "description": "The name (canonical or alternate) that matched best."},
                    "score": {"type": "number", "description": "1 prefix, 0.9 contained, else trigram similarity."},
                    "point": POINT,
                }
            ),
        }
    }
)


# --------------------------------------------------------------------------- errors (docs/api.md, Errors)

DETAIL = obj({"detail": {"type": "string", "description": "What went wrong, in English."}})
VALIDATION_ERRORS = {
    "type": "object",
    "description": "One entry per bad parameter (all of them at once): the parameter's name and its messages.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}, "minItems": 1},
    "minProperties": 1,
}
# A path the API does not have, or a URI the HTTP server refuses (gunicorn: request line over 4094 bytes),
# never reach a view: their bodies are the server's.
URI_TOO_LONG = {"description": "Request-URI too long (answered by the HTTP server, before the application)."}


def error_responses(media_types=("application/json",), not_found=True):
    """The error statuses every operation can answer, each with its body."""
    def body(schema, description):
        from drf_spectacular.utils import OpenApiResponse

        return OpenApiResponse(response=schema, description=description)

    responses = {}
    for media_type in media_types:
        responses[(400, media_type)] = body(VALIDATION_ERRORS, "A bad parameter: a message per bad parameter.")
        if not_found:
            responses[(404, media_type)] = body(DETAIL, "No such (published) record, or a page past the last.")
    responses[(406, "application/json")] = body(DETAIL, "The Accept header names no type the API serves.")
    responses[414] = body(None, URI_TOO_LONG["description"])
    return responses
