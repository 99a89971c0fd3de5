"""Zooming in sharpens the territory: the map fetches it again simplified for the new zoom, alone (not the
events; the places only for another thinning level), and zooming back out keeps the finer drawing (ConflictMap._sharpenTerritory)."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import map_url, wait_rendered

pytestmark = pytest.mark.django_db(transaction=True)


def territory_zooms(requests):
    return [parse_qs(urlsplit(url).query).get("zoom", [None])[0] for url in requests if "/api/territory/" in url]


def test_it_fetches_the_territory_again_only_when_zooming_in(page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(map_url(page, "2020-11-08", lat="39.76", lng="46.75", zoom="8"))
    wait_rendered(page, "2020-11-08")
    expect(page.locator("path[data-territory]").first).to_be_attached()
    assert territory_zooms(requests) == ["8"]
    shapes_at_8 = page.locator("path[data-territory]").first.get_attribute("d")
    events_fetched = sum("/api/events/compact/" in url for url in requests)
    assert events_fetched >= 1

    page.locator(".leaflet-control-zoom-in").click()
    expect(page).to_have_url(re.compile("zoom=9"))
    page.locator(".leaflet-control-zoom-in").click()
    expect(page).to_have_url(re.compile("zoom=10"))
    page.wait_for_load_state("networkidle")
    zooms = territory_zooms(requests)
    assert zooms[0] == "8" and zooms[-1] == "10" and set(zooms) <= {"8", "9", "10"}
    # The events of the day were not fetched again; the places once per thinning level (below zoom 10
    # they are asked for with the map's zoom, from 10 up all of them: PlaceQuerySet.thinned).
    assert sum("/api/events/compact/" in url for url in requests) == events_fetched
    place_zooms = [parse_qs(urlsplit(url).query).get("zoom", [None])[0] for url in requests if "/api/places/?" in url]
    assert place_zooms == ["8", "9", None]
    assert page.locator("path[data-territory]").first.get_attribute("d") != shapes_at_8

    fetched = len(zooms)
    page.locator(".leaflet-control-zoom-out").click()
    expect(page).to_have_url(re.compile("zoom=9"))
    page.wait_for_load_state("networkidle")
    assert len(territory_zooms(requests)) == fetched
