"""Dark mode (issue 11, item 6): the map page follows prefers-color-scheme and the embed's dark
theme darkens the land too; both pass axe-core's colour-contrast rule in Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.helpers.browser import POPUP_READY, map_url, popup_shown, wait_rendered

pytestmark = pytest.mark.django_db(transaction=True)
# Chromium emulates prefers-color-scheme: dark (the `page` fixture, tests/e2e/conftest.py; light without it).
dark = pytest.mark.parametrize("color_scheme", ["dark"])
EMBED = "/embed/nagorno-karabakh-2020/?date=2020-10-03&controls=slider,timeline"


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


@dark
def test_the_map_page_is_dark_and_readable_in_dark_mode(page):
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


@dark
def test_the_embeds_dark_theme_covers_the_land_and_passes_contrast(page):
    page.goto(f"{page.live_url}{EMBED}&theme=dark&center=40.2,47.5&zoom=8")
    page.wait_for_selector('#embed-map[data-rendered-date="2020-10-03"]')
    page.wait_for_selector("#embed-map .leaflet-cm-basemap-pane canvas")
    assert max(land_pixel(page, "#embed-map")) < 80
    assert contrast_violations(page) == []


def test_light_mode_keeps_the_light_land(page):
    page.goto(map_url(page, "2020-10-03", lat="40.2", lng="47.5", zoom="8"))
    wait_rendered(page, "2020-10-03")
    page.wait_for_selector(".leaflet-cm-basemap-pane canvas")
    assert min(land_pixel(page, "#map")) > 200
    assert contrast_violations(page) == []
