"""The embed honours zoom without center (issue 11, item 8): the zoom is kept, around the
conflict's extent's centre, instead of being dropped by fitting the extent. The map page applies
the shared view-state rule (tests/fixtures/view_state_cases.json) with its real configuration."""

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.helpers.browser import map_url, wait_rendered

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_embed_honours_a_zoom_without_a_centre(page):
    for zoom in ("11", "6"):
        page.goto(f"{page.live_url}/embed/nagorno-karabakh-2020/?date=2020-10-03&zoom={zoom}")
        page.wait_for_selector('#embed-map[data-rendered-date="2020-10-03"]')
        assert page.locator("#embed-map .leaflet-control-zoom-in").count() == 1
        scale = page.eval_on_selector("#embed-map .leaflet-map-pane .leaflet-proxy", "e => e.style.transform")
        # Leaflet scales its zoom proxy by 2^(zoom - 1): 1024 at zoom 11, 32 at zoom 6.
        assert f"scale({2 ** (int(zoom) - 1)})" in scale, scale
    assert page.log.page_errors == [] and page.log.console_errors == []


def test_the_map_page_clamps_its_address_and_keeps_the_language(page):
    """zoom=23 is the map's highest zoom (18), a date before the war its first day, and lang stays in
    the address the map writes back (a shared link opens in the language it was shared in)."""
    page.goto(map_url(page, "2019-01-01", lat="39.8", lng="46.75", zoom="23", lang="ru", types="Battles,Nonsense"))
    wait_rendered(page, "2020-09-27")
    page.wait_for_function("() => new URLSearchParams(location.search).get('zoom') === '18'")
    query = parse_qs(urlsplit(page.url).query)
    assert (query["date"], query["zoom"], query["lang"], query["types"]) == (["2020-09-27"], ["18"], ["ru"], ["Battles"])
    assert page.eval_on_selector("html", "e => e.lang") == "ru"
    assert page.log.page_errors == [] and page.log.console_errors == []
