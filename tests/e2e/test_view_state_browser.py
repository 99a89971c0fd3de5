"""The embed honours zoom without center (issue 11, item 8): the zoom is kept, around the
conflict's extent's centre, instead of being dropped by fitting the extent."""

import pytest

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
