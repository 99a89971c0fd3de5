"""The HTML pages: the conflict list and the map page (its configuration and its CSP)."""

import datetime
import json
import re

import pytest
from django.core.exceptions import ImproperlyConfigured

from conflictmap.settings import tile_origin
from tests.helpers import factories as f

# DEBUG=0 without collectstatic: resolve static URLs without the manifest.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unhashed_static")]


def map_config(response):
    match = re.search(r'<script id="map-config" type="application/json">(.*?)</script>', response.content.decode(), re.S)
    assert match, "the map page must carry its configuration in a json_script element"
    return json.loads(match.group(1))


def test_it_lists_the_conflicts_with_links_to_their_maps(client, demo):
    other = f.conflict(name="Another <b>war</b>")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/conflicts/nagorno-karabakh-2020/"' in html
    assert "Nagorno-Karabakh war, 2020" in html
    assert f'href="/conflicts/{other.slug}/"' in html
    assert "Another &lt;b&gt;war&lt;/b&gt;" in html  # escaped


def test_it_says_so_when_there_are_no_conflicts(client):
    assert "No conflicts have been published yet." in client.get("/").content.decode()


def test_it_serves_the_map_page_with_its_configuration(client, demo, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    response = client.get("/conflicts/nagorno-karabakh-2020/")
    assert response.status_code == 200
    config = map_config(response)
    assert config["conflict"]["slug"] == "nagorno-karabakh-2020"
    assert config["conflict"]["start_date"] == "2020-09-27"
    assert config["conflict"]["end_date"] == "2020-12-01"
    assert config["conflict"]["extent"] == [45.4, 38.8, 47.6, 40.6]
    assert {p["slug"] for p in config["conflict"]["parties"]} == {"azerbaijan", "armenia", "nk-authorities"}
    assert config["api"] == {"places": "/api/places/", "events": "/api/events/", "controlChanges": "/api/control-changes/",
        "placeSearch": "/api/places/search/", "territory": "/api/territory/",
        "placeChanges": "/api/places/changes/", "eventsCompact": "/api/events/compact/"}
    assert config["placesThinBelow"] == 10
    assert config["tiles"]["url"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert config["basemapUrl"].endswith("vendor/world-atlas/countries-50m.json")
    assert "Battles" in [t["value"] for t in config["eventTypes"]]
    assert "retracted" not in [s["value"] for s in config["controlStatuses"]]


def test_it_escapes_user_text_in_the_configuration(client):
    conflict = f.conflict(name="</script><script>alert(1)</script>")
    html = client.get(f"/conflicts/{conflict.slug}/").content.decode()
    assert "<script>alert(1)" not in html
    assert map_config(client.get(f"/conflicts/{conflict.slug}/"))["conflict"]["name"] == conflict.name


def test_it_has_no_inline_script_or_style_and_sends_a_strict_csp(client, demo):
    response = client.get("/conflicts/nagorno-karabakh-2020/")
    html = response.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert 'src="' in tag or 'type="application/json"' in tag, tag
    assert " style=" not in html and "<style" not in html
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp and "connect-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_it_answers_404_for_an_unknown_conflict(client):
    assert client.get("/conflicts/no-such-war/").status_code == 404


def test_it_allows_only_the_tile_host_for_images():
    assert tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == "https://tile.openstreetmap.org"
    assert tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
    assert tile_origin("") is None
    with pytest.raises(ImproperlyConfigured):
        tile_origin("javascript:alert(1)")


def test_it_asks_for_territory_only_where_the_conflict_has_some_published(client):
    from tests.helpers import territory as t

    conflict = f.conflict()
    url = f"/conflicts/{conflict.slug}/"
    assert map_config(client.get(url))["api"]["territory"] is None
    area = t.series(conflict, party=f.party())
    t.version(area, conflict.start_date, t.box(46.0, 39.0, 46.5, 39.5), state="review")
    assert map_config(client.get(url))["api"]["territory"] is None
    t.version(area, conflict.start_date + datetime.timedelta(days=1), t.box(46.0, 39.0, 46.6, 39.5))
    assert map_config(client.get(url))["api"]["territory"] == "/api/territory/"
