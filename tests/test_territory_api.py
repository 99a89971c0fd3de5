"""/api/territory/ and /api/territory/changes/: the state at a date, changes, overlaps, simplification, 400s."""

import gzip
import json
import math

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon

from geodata.api import schema_territory
from geodata.models import TerritoryVersion
from tests.helpers import factories as f
from tests.helpers import territory as t
from tests.helpers.api import check_shape, get

pytestmark = pytest.mark.django_db


@pytest.fixture
def land(world):
    """Alpha's held series (moves east on 10-10), Bravo's, a contested strip, a claimed advance."""
    alpha = t.series(world.conflict, world.alpha, name="Alpha north", slug="alpha-north")
    bravo = t.series(world.conflict, world.bravo, name="Bravo", slug="bravo")
    first = t.version(alpha, "2020-10-01", t.box(46.0, 39.0, 46.1, 39.1), geometry_note="Drawn by us.")
    moved = t.version(alpha, "2020-10-10", t.box(46.05, 39.0, 46.15, 39.1))
    t.version(alpha, "2020-10-12", t.box(46.0, 39.0, 46.5, 39.1), state="withdrawn")
    t.version(alpha, "2020-10-13", t.box(46.0, 39.0, 46.6, 39.1), state="draft")
    t.version(bravo, "2020-10-01", t.box(46.2, 39.0, 46.4, 39.1))
    t.version(t.series(world.conflict, kind="contested", slug="grey"), "2020-10-02", t.box(46.1, 39.1, 46.2, 39.2))
    return {"world": world, "alpha": alpha, "bravo": bravo, "first": first, "moved": moved}


def territory(client, conflict, expect=200, **params):
    return get(client, "/api/territory/", expect, conflict=conflict.slug, **params)[1]


def by_series(body):
    return {f_["properties"].get("series", f_["properties"]["kind"]): f_ for f_ in body["features"]}


def test_it_gives_the_published_state_at_a_date_with_its_edges(api_client, land):
    conflict = land["world"].conflict
    assert territory(api_client, conflict, date="2020-09-30")["features"] == []  # before the first version
    assert set(by_series(territory(api_client, conflict, date="2020-10-01"))) == {"alpha-north", "bravo"}
    day_before = by_series(territory(api_client, conflict, date="2020-10-09"))
    assert day_before["alpha-north"]["id"] == land["first"].pk
    on_the_day = by_series(territory(api_client, conflict, date="2020-10-10"))
    assert on_the_day["alpha-north"]["id"] == land["moved"].pk
    later = territory(api_client, conflict, date="2020-10-20")  # withdrawn and draft versions ignored
    assert by_series(later)["alpha-north"]["id"] == land["moved"].pk
    assert later["date"] == "2020-10-20" and later["simplify"] is None
    check_shape(later, schema_territory.TERRITORY)


def test_it_describes_each_version_with_its_claims_status_area_and_change(api_client, land):
    alpha = land["world"].alpha
    f.claim(land["moved"], claimant_party=alpha, summary="We advanced")
    f.claim(land["moved"], claimant_party=land["world"].bravo, stance="denies", summary="They did not")
    f.claim(land["moved"], claimant_party=alpha, summary="HIDDEN draft claim", state="draft")

    body = territory(api_client, land["world"].conflict, date="2020-10-10")
    check_shape(body, schema_territory.TERRITORY)
    props = by_series(body)["alpha-north"]["properties"]
    assert props["series_name"] == "Alpha north" and props["kind"] == "held"
    assert props["party"] == {"slug": alpha.slug, "short_name": alpha.short_name, "name": alpha.name,
                              "color": alpha.color}
    assert props["valid_from"] == "2020-10-10" and props["date_precision"] == 1
    assert props["status"] == "disputed"
    assert [c["summary"] for c in props["claims"]] == ["We advanced", "They did not"]
    assert props["area_km2"] == pytest.approx(t.box_km2(46.05, 39.0, 46.15, 39.1), rel=1e-3)
    expected = land["moved"].change_from_previous()
    assert props["change"] == {
        "previous_valid_from": "2020-10-01",
        "gained_km2": pytest.approx(expected.gained_km2, abs=2e-3),
        "lost_km2": pytest.approx(expected.lost_km2, abs=2e-3),
    }
    assert props["change"]["gained_km2"] == pytest.approx(t.box_km2(46.1, 39.0, 46.15, 39.1), rel=1e-3)
    first = by_series(territory(api_client, land["world"].conflict, date="2020-10-01"))["alpha-north"]
    assert first["properties"]["geometry_note"].startswith("Drawn by us.")
    assert first["properties"]["status"] == "unsourced" and first["properties"]["claims"] == []
    assert first["properties"]["change"]["previous_valid_from"] is None
    assert first["properties"]["change"]["gained_km2"] == first["properties"]["area_km2"]
    grey = by_series(territory(api_client, land["world"].conflict, date="2020-10-02"))["grey"]
    assert grey["properties"]["kind"] == "contested" and grey["properties"]["party"] is None


def test_it_writes_rfc7946_geometry_at_full_resolution(api_client, land):
    feature = by_series(territory(api_client, land["world"].conflict, date="2020-10-10"))["alpha-north"]
    geometry = feature["geometry"]
    assert geometry["type"] == "MultiPolygon"
    assert MultiPolygon(*(Polygon(*rings) for rings in geometry["coordinates"])).equals_exact(
        land["moved"].geometry, 1e-9
    )
    ring = geometry["coordinates"][0][0]
    signed = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))
    assert signed > 0  # exterior ring counter-clockwise (right-hand rule)


def test_it_adds_an_overlap_feature_for_two_parties_held_areas(api_client, land):
    world = land["world"]
    t.version(land["bravo"], "2020-10-11", t.box(46.12, 39.0, 46.4, 39.1))  # into Alpha's 46.05–46.15
    body = territory(api_client, world.conflict, date="2020-10-11")
    check_shape(body, schema_territory.TERRITORY)
    (overlap,) = [f_ for f_ in body["features"] if f_["properties"]["kind"] == "overlap"]
    # After the versions, before the front line (where the two areas meet, their overlap's edges among it).
    assert [f_["properties"]["kind"] for f_ in body["features"]][-2:] == ["overlap", "front_line"]
    assert {p["slug"] for p in overlap["properties"]["parties"]} == {world.alpha.slug, world.bravo.slug}
    assert overlap["properties"]["area_km2"] == pytest.approx(t.box_km2(46.12, 39.0, 46.15, 39.1), rel=1e-3)
    assert overlap["id"] == f"overlap-{min(world.alpha.pk, world.bravo.pk)}-{max(world.alpha.pk, world.bravo.pk)}"
    assert [f_ for f_ in territory(api_client, world.conflict, date="2020-10-10")["features"]
            if f_["properties"]["kind"] == "overlap"] == []


def wiggly(lon, lat, radius, vertices):
    """A star-ish polygon with `vertices` points (a stand-in for a hand-drawn, detailed front line)."""
    points = []
    for i in range(vertices):
        angle = 2 * math.pi * i / vertices
        r = radius * (1 + 0.05 * math.sin(37 * angle) + 0.02 * math.sin(211 * angle))
        points.append((lon + r * math.cos(angle), lat + r * math.sin(angle)))
    return MultiPolygon(Polygon([*points, points[0]], srid=4326), srid=4326)


def test_it_simplifies_for_a_zoom_or_a_tolerance_and_keeps_the_full_area(api_client, world):
    series = t.series(world.conflict, world.alpha)
    t.version(series, "2020-10-01", wiggly(46.5, 39.5, 0.3, 2000))

    def fetch(**params):
        response, body = get(api_client, "/api/territory/", conflict=world.conflict.slug, date="2020-10-01", **params)
        return len(gzip.compress(response.content)), body

    full_bytes, full = fetch()
    z6_bytes, z6 = fetch(zoom=6)
    z10_bytes, z10 = fetch(zoom=10)
    tol_bytes, tol = fetch(simplify="0.05")
    assert z6_bytes < z10_bytes < full_bytes and tol_bytes < z6_bytes
    assert len(z6["features"][0]["geometry"]["coordinates"][0][0]) < 2000 / 4
    assert z6["simplify"] == pytest.approx(360 / (256 * 2**6)) and tol["simplify"] == 0.05
    for body in (full, z6, z10, tol):  # areas are of the full-resolution geometry
        check_shape(body, schema_territory.TERRITORY)
        assert body["features"][0]["properties"]["area_km2"] == full["features"][0]["properties"]["area_km2"]


@pytest.mark.parametrize(
    "url,params,field,message",
    [
        ("/api/territory/", {"conflict": ""}, "conflict", "required"),
        ("/api/territory/", {"conflict": "nope"}, "conflict", "No conflict"),
        ("/api/territory/", {"date": "2020-10-1"}, "date", "YYYY-MM-DD"),
        ("/api/territory/", {"zoom": "19"}, "zoom", "less than or equal to 18"),
        ("/api/territory/", {"zoom": "-1"}, "zoom", "greater than or equal to 0"),
        ("/api/territory/", {"zoom": "6.5"}, "zoom", "whole number"),
        ("/api/territory/", {"zoom": "far"}, "zoom", "number"),
        ("/api/territory/", {"simplify": "0"}, "simplify", "greater than 0"),
        ("/api/territory/", {"simplify": "5"}, "simplify", "at most"),
        ("/api/territory/", {"simplify": "NaN"}, "simplify", "number"),
        ("/api/territory/", {"zoom": "6", "simplify": "0.01"}, "simplify", "not both"),
        ("/api/territory/changes/", {"start": "2020-10-01"}, "end", "required"),
        ("/api/territory/changes/", {"end": "2020-10-01"}, "start", "required"),
        ("/api/territory/changes/", {"start": "2020-10-05", "end": "2020-10-01"}, "end", "before start"),
        ("/api/territory/changes/", {"start": "1 Oct", "end": "2020-10-01"}, "start", "YYYY-MM-DD"),
        ("/api/territory/changes/", {"start": "2020-10-01", "end": "2020-10-05", "zoom": "99"}, "zoom", "18"),
    ],
)
def test_it_refuses_bad_territory_parameters_with_a_message(api_client, world, url, params, field, message):
    if "conflict" not in params:
        params = {"conflict": world.conflict.slug, **params}
    _, body = get(api_client, url, expect=400, **params)
    assert list(body) == [field]
    assert message in " ".join(body[field])


def test_it_gives_the_area_gained_and_lost_per_party_between_two_dates(api_client, land):
    world = land["world"]
    t.version(land["bravo"], "2020-10-10", t.box(46.15, 39.0, 46.4, 39.1))  # Bravo takes what Alpha left
    _, body = get(api_client, "/api/territory/changes/", conflict=world.conflict.slug, start="2020-10-05",
                  end="2020-10-31")
    check_shape(body, schema_territory.TERRITORY_CHANGES)
    assert (body["start"], body["end"]) == ("2020-10-05", "2020-10-31")
    got = {(f_["properties"]["party"]["slug"], f_["properties"]["change"]): f_ for f_ in body["features"]}
    assert set(got) == {(world.alpha.slug, "gained"), (world.alpha.slug, "lost"), (world.bravo.slug, "gained")}
    assert got[(world.alpha.slug, "gained")]["properties"]["area_km2"] == pytest.approx(
        t.box_km2(46.1, 39.0, 46.15, 39.1), rel=1e-3)
    assert got[(world.alpha.slug, "lost")]["properties"]["area_km2"] == pytest.approx(
        t.box_km2(46.0, 39.0, 46.05, 39.1), rel=1e-3)
    assert got[(world.bravo.slug, "gained")]["properties"]["area_km2"] == pytest.approx(
        t.box_km2(46.15, 39.0, 46.2, 39.1), rel=1e-3)
    # the same figures as the queryset the API embeds
    rows = {c.party_id: c for c in TerritoryVersion.objects.published().changes_between(
        "2020-10-05", "2020-10-31", world.conflict)}
    assert got[(world.bravo.slug, "gained")]["properties"]["area_km2"] == pytest.approx(
        rows[world.bravo.pk].gained_km2, abs=1e-3)
    _, none = get(api_client, "/api/territory/changes/", conflict=world.conflict.slug, start="2020-10-11",
                  end="2020-10-31")
    assert none["features"] == []


def test_it_documents_both_endpoints_in_the_openapi_schema(api_client):
    schema = json.loads(api_client.get("/api/schema/", {"format": "json"}).content)
    for path in ("/api/territory/", "/api/territory/changes/"):
        operation = schema["paths"][path]["get"]
        names = {p["name"]: p for p in operation["parameters"]}
        assert {"conflict", "zoom", "simplify"} <= set(names)
        assert names["zoom"]["schema"]["type"] == "integer"
        assert "application/geo+json" in operation["responses"]["200"]["content"]
    assert {"date"} <= {p["name"] for p in schema["paths"]["/api/territory/"]["get"]["parameters"]}
