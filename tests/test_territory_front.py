"""The front line: where two parties' held areas in force at a date meet, computed in SQL, served by the API."""

import pytest

from geodata.api import schema_territory
from geodata.models import Conflict, TerritoryVersion
from tests.helpers import territory as t
from tests.helpers.api import check_shape, get

pytestmark = pytest.mark.django_db


def fronts(date, conflict):
    return TerritoryVersion.objects.published().front_line_at(date, conflict)


@pytest.fixture
def two_sides(world):
    """Alpha holds 46.0–46.1 E, Bravo 46.1–46.2 E (39.0–39.1 N) from 1 October: they share the 46.1 E meridian."""
    alpha = t.series(world.conflict, world.alpha, slug="alpha")
    bravo = t.series(world.conflict, world.bravo, slug="bravo")
    t.version(alpha, "2020-10-01", t.box(46.0, 39.0, 46.1, 39.1))
    t.version(bravo, "2020-10-01", t.box(46.1, 39.0, 46.2, 39.1))
    return {"world": world, "alpha": alpha, "bravo": bravo}


def test_two_areas_sharing_an_edge_give_that_edge_as_one_line_with_its_length(two_sides):
    world = two_sides["world"]
    (line,) = fronts("2020-10-01", world.conflict)

    assert (line.party_a, line.party_b) == tuple(sorted((world.alpha.pk, world.bravo.pk)))
    assert line.geometry.geom_type == "MultiLineString" and len(line.geometry) == 1
    xs, ys = zip(*line.geometry[0].coords, strict=True)
    assert min(xs) == pytest.approx(46.1, abs=1e-6) and max(xs) == pytest.approx(46.1, abs=1e-6)
    assert (min(ys), max(ys)) == pytest.approx((39.0, 39.1), abs=1e-6)
    assert line.length_km == pytest.approx(t.meridian_km(39.0, 39.1), rel=1e-4)


def test_only_the_stretch_the_areas_share_is_the_line(two_sides):
    world = two_sides["world"]
    t.version(two_sides["bravo"], "2020-10-05", t.box(46.1, 39.05, 46.2, 39.3))  # meets Alpha on 39.05–39.1 only

    (line,) = fronts("2020-10-05", world.conflict)

    assert line.geometry.extent == pytest.approx((46.1, 39.05, 46.1, 39.1), abs=1e-6)
    assert line.length_km == pytest.approx(t.meridian_km(39.05, 39.1), rel=1e-4)
    assert fronts("2020-10-04", world.conflict)[0].length_km == pytest.approx(t.meridian_km(39.0, 39.1), rel=1e-4)


def test_there_is_no_line_with_one_party_only_or_areas_that_do_not_meet(world):
    alpha_west = t.series(world.conflict, world.alpha)
    alpha_east = t.series(world.conflict, world.alpha)
    t.version(alpha_west, "2020-10-01", t.box(46.0, 39.0, 46.1, 39.1))
    t.version(alpha_east, "2020-10-01", t.box(46.1, 39.0, 46.2, 39.1))  # Alpha's own two areas: no front
    assert fronts("2020-10-01", world.conflict) == []

    bravo = t.series(world.conflict, world.bravo)
    t.version(bravo, "2020-10-02", t.box(46.3, 39.0, 46.4, 39.1))  # apart
    assert fronts("2020-10-02", world.conflict) == []
    t.version(bravo, "2020-10-03", t.box(46.2, 39.1, 46.3, 39.2))  # touches Alpha at one corner only
    assert fronts("2020-10-03", world.conflict) == []


def test_only_published_held_areas_make_a_line(two_sides):
    world = two_sides["world"]
    bravo, alpha = two_sides["bravo"], two_sides["alpha"]
    t.version(bravo, "2020-10-03", t.box(46.1, 39.0, 46.2, 39.05), state="draft")
    t.version(bravo, "2020-10-04", t.box(46.3, 39.0, 46.4, 39.1), state="withdrawn")
    claimed = t.series(world.conflict, world.bravo, kind="claimed_advance")
    t.version(claimed, "2020-10-04", t.box(46.1, 39.1, 46.2, 39.2))  # a claim holds nothing: no line along it

    (line,) = fronts("2020-10-05", world.conflict)  # the draft and the withdrawn version are ignored
    assert line.geometry.extent == pytest.approx((46.1, 39.0, 46.1, 39.1), abs=1e-6)
    assert line.length_km == pytest.approx(t.meridian_km(39.0, 39.1), rel=1e-4)
    assert fronts("2020-09-30", world.conflict) == []  # before the first versions
    # Counting unpublished versions (as the editors' overlap check does), the draft of 3 October shortens it.
    (draft_line,) = TerritoryVersion.objects.all().front_line_at("2020-10-03", world.conflict)
    assert draft_line.geometry.extent == pytest.approx((46.1, 39.0, 46.1, 39.05), abs=1e-6)
    assert alpha.versions.count() == 1


def test_the_api_serves_the_line_after_the_areas_simplified_as_one_line(api_client, two_sides):
    world = two_sides["world"]
    for params in ({}, {"zoom": 6}, {"simplify": 0.01}):
        body = get(api_client, "/api/territory/", conflict=world.conflict.slug, date="2020-10-01", **params)[1]
        check_shape(body, schema_territory.TERRITORY)
        assert [f["properties"]["kind"] for f in body["features"]] == ["held", "held", "front_line"]
        front = body["features"][-1]
        assert front["id"] == f"front-{min(world.alpha.pk, world.bravo.pk)}-{max(world.alpha.pk, world.bravo.pk)}"
        assert front["geometry"]["type"] == "MultiLineString" and len(front["geometry"]["coordinates"]) == 1
        assert {p["slug"] for p in front["properties"]["parties"]} == {world.alpha.slug, world.bravo.slug}
        # The length is the full-resolution line's, whatever the simplification.
        assert front["properties"]["length_km"] == pytest.approx(t.meridian_km(39.0, 39.1), rel=1e-4)


def test_the_demo_has_a_front_line_around_shusha_on_8_november(demo):
    conflict = Conflict.objects.get(slug="nagorno-karabakh-2020")
    (line,) = fronts("2020-11-08", conflict)
    assert 100 < line.length_km < 400
    assert line.geometry.extent[0] < 46.75 < line.geometry.extent[2]  # Shusha's longitude is on the line's span
    assert fronts("2020-09-27", conflict) == []  # before the first advance Azerbaijan holds nothing recorded
