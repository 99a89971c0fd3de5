"""Long Russian and Armenian texts keep the map's layout: on a 360×740 phone and a desktop, the
controls, the legend and the slider neither overlap one another nor leave the map (bounding boxes).
Also writes the README's screenshots of the map in Armenian and in Azerbaijani (docs/)."""

import os
import shutil
from pathlib import Path

import pytest

from tests.helpers.browser import map_url, wait_rendered

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

# Every control of the map that holds text, by name, and the map's own box.
BOXES = """() => {
  const map = document.getElementById('map').getBoundingClientRect();
  const named = {
    search: '.cm-search', language: '.cm-language', filters: '.cm-filters', slider: '.cm-slider',
    legend: '.cm-legend', download: '.cm-download', zoom: '.leaflet-control-zoom',
  };
  const boxes = {};
  for (const [name, selector] of Object.entries(named)) {
    const element = document.querySelector(selector);
    if (!element || !element.getClientRects().length) continue;
    const r = element.getBoundingClientRect();
    if (r.width && r.height) boxes[name] = {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
  }
  // A control's text wider than its box spills out (a long word that cannot wrap).
  const spilling = [...document.querySelectorAll('.leaflet-control *')]
    .filter((e) => e.getClientRects().length && !e.closest('details:not([open]) > :not(summary)')
      && getComputedStyle(e).overflow === 'visible'
      && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 && !['svg', 'path'].includes(e.localName))
    .map((e) => `${e.localName}.${e.className}`);
  return {map: {left: map.left, top: map.top, right: map.right, bottom: map.bottom}, boxes, spilling};
}"""


def overlap(a, b):
    return a["left"] < b["right"] - 1 and b["left"] < a["right"] - 1 and a["top"] < b["bottom"] - 1 and b["top"] < a["bottom"] - 1


def check_layout(page):
    layout = page.evaluate(BOXES)
    boxes, area = layout["boxes"], layout["map"]
    assert {"language", "slider", "legend", "filters", "download"} <= set(boxes), boxes
    names = sorted(boxes)
    overlapping = [(a, b) for i, a in enumerate(names) for b in names[i + 1 :] if overlap(boxes[a], boxes[b])]
    outside = [
        name for name, box in boxes.items()
        if box["left"] < area["left"] - 1 or box["right"] > area["right"] + 1
        or box["top"] < area["top"] - 1 or box["bottom"] > area["bottom"] + 1
    ]
    assert overlapping == [], (overlapping, boxes)
    assert outside == [], (outside, boxes, area)
    assert layout["spilling"] == []


@pytest.fixture
def sized_page(browser, live_server, demo, plain_static, request):
    def make(viewport, lang):
        # A phone is a touch screen, as in tests/e2e/test_phone.py.
        phone = viewport["width"] < 800
        context = browser.new_context(viewport=viewport, has_touch=phone, is_mobile=phone, locale=lang)
        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(live_server.url) else r.abort())
        request.addfinalizer(context.close)
        page = context.new_page()
        page.live_url = live_server.url
        return page

    return make


@pytest.mark.parametrize("lang", ["ru", "hy"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_controls_legend_and_slider_keep_apart_and_inside_the_map(sized_page, viewport, lang):
    page = sized_page(viewport, lang)
    page.goto(map_url(page, "2020-11-08", lang=lang))
    wait_rendered(page, "2020-11-08")
    page.wait_for_selector(".cm-download")  # the last of the lazily loaded controls
    if os.environ.get("LAYOUT_SHOTS"):
        page.screenshot(path=f"{os.environ['LAYOUT_SHOTS']}/layout-{lang}-{viewport['width']}.png")
    check_layout(page)
    # The legend open (closed by default on a phone), with its longest texts.
    if page.get_attribute(".cm-legend", "open") is None:
        page.click(".cm-legend summary")
    if os.environ.get("LAYOUT_SHOTS"):
        page.screenshot(path=f"{os.environ['LAYOUT_SHOTS']}/layout-{lang}-{viewport['width']}-legend.png")
    check_layout(page)


@pytest.mark.parametrize("lang", ["hy", "az"])
def test_it_writes_the_readme_screenshots(sized_page, tmp_path, lang):
    # 8 November, as docs/screenshot.png: Shusha taken, the territory on both sides of the line.
    page = sized_page(DESKTOP, lang)
    page.goto(map_url(page, "2020-11-08", lat="39.75", lng="46.55", zoom="8", lang=lang))
    wait_rendered(page, "2020-11-08")
    page.wait_for_selector("path.cm-territory")
    page.evaluate("document.fonts.ready")
    shot = tmp_path / f"screenshot-{lang}.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    target = os.environ.get("SCREENSHOT_DIR")  # `make screenshot` sets docs/
    if target:
        shutil.copy(shot, Path(target) / shot.name)
