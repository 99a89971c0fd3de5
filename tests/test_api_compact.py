"""GET /api/events/compact/ (geodata/api/compact.py): the map's lean events, as columns of arrays.

Its records must be those of /api/events/ with the same parameters (the same events, the same
values), oldest first; bad parameters get the same 400s; the canary (tests/test_canary.py) checks
it never shows a hidden record."""

import json

import pytest

from geodata.api import schema as api_schema
from tests.helpers import factories as f
from tests.helpers.api import NK, check_shape, get
from tests.helpers.compact import from_features, rows

pytestmark = pytest.mark.django_db

URL = "/api/events/compact/"




def assert_same_as_geojson(api_client, **params):
    _, full = get(api_client, "/api/events/", page_size=1000, **params)
    assert full["next"] is None
    _, body = get(api_client, URL, **params)
    check_shape(body, api_schema.COMPACT_EVENTS)
    assert rows(body) == from_features(full["features"]), params
    return body


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"start": "2020-10-01", "end": "2020-10-05"},
        {"start": "2020-10-03", "end": "2020-10-03"},
        {"type": "Battles"},
        {"type": "Shelling/artillery/missile attack,Disrupted weapons use"},
        {"party": "armenia"},
        {"status": "disputed"},
        {"status": "claimed,unsourced", "party": "azerbaijan", "start": "2020-10-01"},
        {"bbox": "46,39,47.5,40.5"},
        {"start": "2031-01-01"},
    ],
)
def test_it_holds_the_events_of_the_geojson_api_with_the_same_filters(api_client, demo, params):
    assert_same_as_geojson(api_client, conflict=NK, **params)


def test_it_gives_the_status_target_correction_and_label_of_each_event(api_client):
    c = f.conflict()
    a, b = f.party(slug="alpha"), f.party(slug="bravo")
    place = f.place(name="Somewhere")
    disputed = f.event(c, "2020-10-01", lat=40.123456, lon=46.654321, perpetrator=a, target=b, place=place)
    f.claim(disputed, a)
    f.claim(disputed, b, stance="denies")
    bare = f.event(c, "2020-10-02", lat=39.5, lon=45.5)
    body = assert_same_as_geojson(api_client, conflict=c.slug)
    first, second = rows(body)
    assert (first["id"], first["status"], first["perpetrator"], first["target"]) == (disputed.pk, "disputed", "alpha", "bravo")
    assert (first["lon"], first["lat"], first["label"]) == (46.65432, 40.12346, "Somewhere")
    assert (second["id"], second["status"], second["perpetrator"], second["label"]) == (bare.pk, "unsourced", None, None)


def test_it_is_much_smaller_than_the_geojson_of_the_same_events(api_client, demo):
    full = api_client.get("/api/events/", {"conflict": NK, "page_size": 1000}).content
    lean = api_client.get(URL, {"conflict": NK}).content
    assert len(json.loads(lean)["id"]) == len(json.loads(full)["features"]) >= 5
    assert len(lean) * 4 < len(full)


@pytest.mark.parametrize(
    ("query", "bad"),
    [
        ({"conflict": NK, "start": "2020-10-0x"}, "start"),
        ({"conflict": NK, "start": "2020-10-05", "end": "2020-10-01"}, "end"),
        ({"conflict": "nowhere"}, "conflict"),
        ({"conflict": NK, "type": "Parade"}, "type"),
        ({"conflict": NK, "status": "rumoured"}, "status"),
        ({"conflict": NK, "bbox": "1,2,3"}, "bbox"),
        ({"conflict": NK, "party": ""}, "party"),
    ],
)
def test_it_refuses_bad_parameters_with_a_400_naming_them(api_client, demo, query, bad):
    _, body = get(api_client, URL, expect=400, **query)
    assert bad in body and body[bad]


def test_it_refuses_more_events_than_its_limit(api_client, settings):
    c = f.conflict()
    for day in ("2020-10-01", "2020-10-02", "2020-10-02"):
        f.event(c, day)
    settings.API_COMPACT_LIMIT = 2
    _, body = get(api_client, URL, expect=400, conflict=c.slug)
    assert "More than 2 events match" in body["end"][0]
    _, body = get(api_client, URL, conflict=c.slug, start="2020-10-02")  # exactly the limit is allowed
    assert body["count"] == 2


def test_it_is_in_the_openapi_schema_with_its_parameters_and_400(api_client):
    schema = json.loads(api_client.get("/api/schema/", {"format": "json"}).content)
    operation = schema["paths"][URL]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"conflict", "start", "end", "bbox", "type", "party", "status", "lang"}
    assert {"200", "400"} <= set(operation["responses"])


def test_it_is_cached_and_etagged_like_the_other_public_answers(api_client, demo):
    first = api_client.get(URL, {"conflict": NK})
    assert first.has_header("ETag") and "public" in first["Cache-Control"]
    again = api_client.get(URL, {"conflict": NK}, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_it_labels_places_in_the_language_asked_for(api_client, war):
    _, body = get(api_client, URL, conflict=war.slug, lang="ru")
    assert "Степанакерт (Ханкенди)" in body["label"]
    _, body = get(api_client, URL, conflict=war.slug)
    assert "Stepanakert (Khankendi)" in body["label"] and "Степанакерт (Ханкенди)" not in body["label"]
    get(api_client, URL, expect=400, conflict=war.slug, lang="xx")
