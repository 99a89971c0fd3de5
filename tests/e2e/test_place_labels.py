"""Place names on the map never overlap: the ones that fit are shown, the rest as the reader zooms in
(static/js/map/labels.js, PlaceLayer._declutter)."""

import re

from playwright.sync_api import expect

from tests.helpers.browser import map_url, wait_rendered

SHOWN = ".leaflet-tooltip.cm-place-label:not(.cm-place-label--hidden)"
BOXES = """(selector) => [...document.querySelectorAll(selector)].map((element) => {
  const r = element.getBoundingClientRect();
  return {text: element.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom};
})"""


def overlapping(boxes):
    return [
        (a["text"], b["text"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]
    ]


def shown_names(page):
    return page.evaluate(BOXES, SHOWN)


def test_it_shows_no_two_overlapping_names_and_more_names_when_zoomed_in(page, war):
    page.goto(map_url(page, "2020-11-08", lat=39.8, lng=46.75, zoom=8))
    wait_rendered(page, "2020-11-08")
    expect(page.locator(".cm-place-label--hidden").first).to_be_attached()
    far = shown_names(page)
    assert far and overlapping(far) == []
    # Stepanakert (a city) keeps its name; Shusha's, right beside it, waits for a closer zoom.
    texts = " ".join(box["text"] for box in far)
    assert "Stepanakert" in texts and "Shusha" not in texts

    page.goto(map_url(page, "2020-11-08", lat=39.78, lng=46.75, zoom=12))
    wait_rendered(page, "2020-11-08")
    expect(page.locator(SHOWN, has_text="Shusha")).to_be_visible()
    near = shown_names(page)
    assert overlapping(near) == []
    assert "Stepanakert" in " ".join(box["text"] for box in near)


def test_it_places_the_names_again_after_a_zoom(page, war):
    page.goto(map_url(page, "2020-11-08", lat=39.78, lng=46.75, zoom=12))
    wait_rendered(page, "2020-11-08")
    expect(page.locator(SHOWN, has_text="Shusha")).to_be_visible()
    for zoom in (11, 10, 9, 8):
        page.locator(".leaflet-control-zoom-out").click()
        expect(page).to_have_url(re.compile(f"zoom={zoom}"))
    expect(page.locator(SHOWN, has_text="Shusha")).to_have_count(0)
    assert overlapping(shown_names(page)) == []
