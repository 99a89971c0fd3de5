"""Dark mode (issue 11, item 6): the map page follows prefers-color-scheme and the embed's dark
theme darkens the land too; both pass axe-core's colour-contrast rule in Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.helpers.browser import POPUP_READY, map_url, popup_shown, wait_rendered

pytestmark = pytest.mark.django_db(transaction=True)
EMBED = "/embed/nagorno-karabakh-2020/?date=2020-10-03&controls=slider,timeline"


@pytest.fixture
def dark(browser, live_server, demo, plain_static):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(live_server.url) else r.abort())
    page = context.new_page()
    page.live_url = live_server.url
    yield page
    context.close()


def contrast_violations(page):
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["color-contrast"]}})
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]]


def land_pixel(page, selector):
    """The colour of the basemap canvas at a point inside Azerbaijan (land, not sea)."""
    return page.evaluate(
        """s => { const map = document.querySelector(s);
        const canvas = map.querySelector('.leaflet-cm-basemap-pane canvas');
        const r = canvas.getBoundingClientRect(), m = map.getBoundingClientRect();
        const ctx = canvas.getContext('2d'); const scale = canvas.width / r.width;
        const p = ctx.getImageData((m.x + m.width / 2 - r.x) * scale, (m.y + m.height / 2 - r.y) * scale, 1, 1).data;
        return [p[0], p[1], p[2]]; }""",
        selector,
    )


def test_the_map_page_is_dark_and_readable_in_dark_mode(dark):
    page = dark
    page.goto(map_url(page, "2020-10-03", lat="40.2", lng="47.5", zoom="8"))
    wait_rendered(page, "2020-10-03")
    page.wait_for_selector(".leaflet-cm-basemap-pane canvas")
    background = page.evaluate("getComputedStyle(document.querySelector('.timeline-panel')).backgroundColor")
    assert background == "rgb(21, 24, 28)"
    assert max(land_pixel(page, "#map")) < 80  # the land is dark too, not a light patch
    page.click("text=Filters")
    page.click("text=Legend")
    page.locator("button.cm-item--event").first.click()
    page.wait_for_selector(POPUP_READY)
    popup_shown(page)
    assert contrast_violations(page) == []


def test_the_embeds_dark_theme_covers_the_land_and_passes_contrast(dark):
    page = dark
    page.goto(f"{page.live_url}{EMBED}&theme=dark&center=40.2,47.5&zoom=8")
    page.wait_for_selector('#embed-map[data-rendered-date="2020-10-03"]')
    page.wait_for_selector("#embed-map .leaflet-cm-basemap-pane canvas")
    assert max(land_pixel(page, "#embed-map")) < 80
    assert contrast_violations(page) == []


def test_light_mode_keeps_the_light_land(browser, live_server, demo, plain_static):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(live_server.url) else r.abort())
    page = context.new_page()
    page.live_url = live_server.url
    page.goto(map_url(page, "2020-10-03", lat="40.2", lng="47.5", zoom="8"))
    wait_rendered(page, "2020-10-03")
    page.wait_for_selector(".leaflet-cm-basemap-pane canvas")
    assert min(land_pixel(page, "#map")) > 200
    assert contrast_violations(page) == []
    context.close()
