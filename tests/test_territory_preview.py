"""The add form's preview: the previous version and km² gained and lost before the first save."""

import json

import pytest
from django.test import Client

from geodata.models import TerritoryVersion
from tests.helpers import territory as t
from tests.helpers.users import editor

pytestmark = pytest.mark.django_db

PREVIEW = "/admin/geodata/territoryversion/preview/"


@pytest.fixture
def alice():
    client = Client()
    client.force_login(editor())
    return client


@pytest.fixture
def held(world):
    series = t.series(world.conflict, world.alpha)
    t.version(series, "2020-10-01", t.box(46.0, 39.0, 46.1, 39.1))
    t.version(series, "2020-10-03", t.box(46.0, 39.0, 46.3, 39.1), state="draft")  # not the previous: a draft
    return series


def test_the_add_form_has_the_preview_box_and_its_script(alice, held):
    page = alice.get("/admin/geodata/territoryversion/add/").content.decode()
    assert f'id="territory-preview" data-url="{PREVIEW}"' in page
    assert 'type="module"' in page and "js/admin/territory_preview.js" in page


def test_it_gives_the_previous_published_version_and_the_km2_of_the_drawn_area_without_saving(alice, held):
    drawn = t.box(46.05, 39.0, 46.15, 39.1)
    response = alice.post(PREVIEW, {"series": held.pk, "valid_from": "2020-10-05", "geometry": drawn.geojson})
    assert response.status_code == 200, response.content
    body = response.json()
    first = held.versions.get(valid_from="2020-10-01")
    assert body["previous"] == {"valid_from": "2020-10-01",
                                "url": f"/admin/geodata/territoryversion/{first.pk}/change/"}
    assert body["gained_km2"] == pytest.approx(t.box_km2(46.1, 39.0, 46.15, 39.1), abs=0.1)
    assert body["lost_km2"] == pytest.approx(t.box_km2(46.0, 39.0, 46.05, 39.1), abs=0.1)
    assert [f["properties"]["role"] for f in body["features"]["features"]] == ["previous", "gained", "lost"]
    assert TerritoryVersion.objects.count() == 2  # nothing stored


def test_a_first_version_counts_all_of_its_area_as_new_and_a_repair_is_reported(alice, world):
    series = t.series(world.conflict, world.bravo)
    ring = ((46.0, 39.0), (46.0, 39.1), (46.1, 39.1), (46.1, 39.0), (46.0, 39.0))  # clockwise: re-oriented
    geometry = json.dumps({"type": "Polygon", "coordinates": [[list(p) for p in ring]]})
    body = alice.post(PREVIEW, {"series": series.pk, "valid_from": "2020-10-05", "geometry": geometry}).json()
    assert body["previous"] is None and body["lost_km2"] == 0
    assert body["gained_km2"] == pytest.approx(t.box_km2(46.0, 39.0, 46.1, 39.1), abs=0.1)
    assert "re-oriented" in body["note"]


@pytest.mark.parametrize("change, message", [
    ({"series": ""}, "Choose the series first."),
    ({"valid_from": "5 October"}, "Give the version's date (YYYY-MM-DD) first."),
    ({"geometry": "not geojson"}, "Draw the area on the map first."),
])
def test_bad_input_is_a_400_with_a_message(alice, held, change, message):
    data = {"series": held.pk, "valid_from": "2020-10-05", "geometry": t.box(46.0, 39.0, 46.1, 39.1).geojson, **change}
    response = alice.post(PREVIEW, data)
    assert response.status_code == 400 and response.json() == {"error": message}


def test_it_needs_a_logged_in_editor_and_a_post(held):
    anonymous = Client().post(PREVIEW, {"series": held.pk})
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    client = Client()
    client.force_login(editor())
    assert client.get(PREVIEW).status_code == 405
