"""The territory layer in real Chromium: on the map and in the embed, against the demo's territory."""

import datetime

import pytest

from tests.helpers.browser import map_url, popup_shown, serious_violations, wait_rendered

pytestmark = pytest.mark.django_db(transaction=True)

EPOCH = datetime.date(1970, 1, 1)
SHUSHA = {"lat": "39.76", "lng": "46.75", "zoom": "10"}  # the map centred on Shusha
EMBED = "/embed/nagorno-karabakh-2020/"

# Counts the territory's paths after every DOM change, so a test can tell whether there was a moment with
# none drawn (a flicker) between two days.
WATCH = """() => {
  window.__territoryCounts = [];
  const count = () => document.querySelectorAll('path[data-territory]').length;
  new MutationObserver(() => window.__territoryCounts.push(count()))
    .observe(document.body, {childList: true, subtree: true, attributes: true});
}"""


def day_number(iso):
    return (datetime.date.fromisoformat(iso) - EPOCH).days


def centre(page, selector):
    box = page.locator(selector).bounding_box()
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def area_at(page, selector):
    """What the territory layer draws at the centre of the map: {party, kind, series} of the topmost area."""
    x, y = centre(page, selector)
    return page.evaluate(
        """([x, y]) => {
          const path = document.elementFromPoint(x, y)?.closest('path[data-territory]');
          return path ? {party: path.dataset.party, kind: path.dataset.kind, series: path.dataset.series,
                         fill: path.getAttribute('fill'), validFrom: path.dataset.validFrom} : null;
        }""",
        [x, y],
    )


def open_legend(page):
    # The map page opens its legend on a wide screen; an embed starts with it folded.
    if not page.evaluate("document.querySelector('.cm-legend').open"):
        page.locator(".cm-legend summary").click()


def assert_clean(page):
    assert page.log.page_errors == []
    assert page.log.console_errors == []
    assert page.log.outside_requests == []


def test_the_slider_moves_shusha_from_the_nk_area_to_azerbaijans_without_flicker(page):
    page.goto(map_url(page, "2020-11-07", **SHUSHA))
    wait_rendered(page, "2020-11-07")
    page.wait_for_selector("path[data-territory]")
    before = area_at(page, "#map")
    assert before == {"party": "nk-authorities", "kind": "held", "series": "nk-held", "fill": "#e69f00",
                      "validFrom": "2020-10-25"}
    # NK-held, taken by Azerbaijan, the front line between them (Hadrut's claim ended on 17 October).
    assert page.locator("path[data-territory]").count() == 3

    page.evaluate(WATCH)
    page.locator(".cm-range").fill(str(day_number("2020-11-08")))
    wait_rendered(page, "2020-11-08")
    after = area_at(page, "#map")
    assert after == {"party": "azerbaijan", "kind": "held", "series": "az-taken", "fill": "#0072b2",
                     "validFrom": "2020-11-08"}
    counts = page.evaluate("window.__territoryCounts")
    assert counts and min(counts) >= 3, counts  # the new areas were drawn before the old ones went

    # The timeline lists the day's territory changes among the control changes.
    titles = page.locator("button.cm-item--territory .cm-item-title").all_inner_texts()
    assert "Taken by Azerbaijan since 27 September" in titles, titles
    items = page.locator("button.cm-item--territory").all_inner_texts()
    assert any("Held by NK authorities" in i and "576 km² lost" in i for i in items), items
    assert "territory change" in page.inner_text(".cm-timeline-summary")
    assert_clean(page)


def test_a_popup_on_an_area_shows_whose_since_when_and_its_claims(page):
    page.goto(map_url(page, "2020-11-08", **SHUSHA))
    wait_rendered(page, "2020-11-08")
    page.wait_for_selector("path[data-territory]")
    page.mouse.click(*centre(page, "#map"))
    popup = page.locator(".cm-popup--territory")
    popup.wait_for()
    text = popup.inner_text()
    assert "Held by Azerbaijan" in text
    assert "Since 8 November 2020" in text and "4,400 km²" in text
    assert "Since the previous version (25 October 2020): 576 km² gained, 0 km² lost." in text
    assert "Disputed: asserted and denied" in text
    assert "Asserted by (2)" in text and "Ilham Aliyev, President of Azerbaijan" in text
    assert "Denied by (1)" in text and "Artsrun Hovhannisyan" in text
    assert "Approximation drawn by conflictmap from public reporting" in text
    assert popup.locator("a[href^='https://www.unian.info/']").count() == 1
    assert_clean(page)


def test_a_timeline_item_opens_its_area_and_the_legend_and_credits_explain_the_fills(page):
    page.goto(map_url(page, "2020-10-09", window="3"))
    wait_rendered(page, "2020-10-09")
    page.locator("button.cm-item--territory", has_text="Claimed advance of Azerbaijan").click()
    popup = page.locator(".cm-popup--territory")
    popup.wait_for()
    assert "Hadrut: Azerbaijan's claim of 9 October" in popup.inner_text()
    assert "Denied by (2)" in popup.inner_text()
    hatch = page.locator('path[data-kind="claimed_advance"]')
    assert hatch.get_attribute("fill").startswith("url(#cm-territory-")
    assert hatch.get_attribute("stroke-dasharray") == "6 4"

    open_legend(page)
    legend = page.inner_text(".cm-legend")
    assert "Held by Azerbaijan" in legend and "Held by NK authorities" in legend
    assert "Claimed advance, hatched" in legend and "Contested, or held by two parties at once" in legend
    assert "approximate areas drawn by conflictmap" in page.inner_text(".leaflet-control-attribution")
    assert_clean(page)


def test_the_embed_follows_its_slider_and_can_switch_the_territory_off(page):
    url = f"{page.live_url}{EMBED}?date=2020-11-07&center=39.76,46.75&zoom=10"
    page.goto(url)
    page.wait_for_selector('#embed-map[data-rendered-date="2020-11-07"] path[data-territory]')
    assert area_at(page, "#embed-map")["party"] == "nk-authorities"
    page.evaluate(WATCH)
    page.locator(".cm-range").fill(str(day_number("2020-11-08")))
    page.wait_for_selector('#embed-map[data-rendered-date="2020-11-08"]')
    assert area_at(page, "#embed-map")["party"] == "azerbaijan"
    assert min(page.evaluate("window.__territoryCounts")) >= 3

    page.goto(f"{url}&layers=places,events")
    page.wait_for_selector('#embed-map[data-rendered-date="2020-11-07"]')
    page.wait_for_selector("path[data-place]")
    assert page.locator("path[data-territory]").count() == 0
    assert_clean(page)


FRONT = 'path[data-kind="front_line"]'


def test_the_front_line_is_drawn_as_a_line_above_the_areas_on_the_map_and_in_the_embed(page):
    page.goto(map_url(page, "2020-11-08", **SHUSHA))
    wait_rendered(page, "2020-11-08")
    page.wait_for_selector(FRONT)
    line = page.locator(FRONT)
    assert line.count() == 1
    assert line.get_attribute("data-party") == "azerbaijan nk-authorities"
    assert line.get_attribute("fill") == "none" and line.get_attribute("stroke-width") == "3"
    # Last in the pane's SVG: painted above every fill.
    last = page.evaluate("[...document.querySelectorAll('path[data-territory]')].at(-1).dataset.kind")
    assert last == "front_line"
    assert line.bounding_box()["width"] > 50  # a line across the map, not a dot

    open_legend(page)
    assert "Front line: where two parties’ held areas meet" in page.inner_text(".cm-legend")

    page.goto(f"{page.live_url}{EMBED}?date=2020-11-08&center=39.76,46.75&zoom=10")
    page.wait_for_selector(f'#embed-map[data-rendered-date="2020-11-08"] {FRONT}')
    assert page.locator(FRONT).count() == 1
    page.goto(f"{page.live_url}{EMBED}?date=2020-09-27&center=39.76,46.75&zoom=10")
    page.wait_for_selector('#embed-map[data-rendered-date="2020-09-27"] path[data-territory]')
    assert page.locator(FRONT).count() == 0  # nothing taken yet: no front recorded
    assert_clean(page)


def test_it_has_no_serious_or_critical_accessibility_violations_with_the_territory(page):
    page.goto(map_url(page, "2020-11-08", **SHUSHA))
    wait_rendered(page, "2020-11-08")
    open_legend(page)
    page.mouse.click(*centre(page, "#map"))
    page.locator(".cm-popup--territory").wait_for()
    popup_shown(page)
    for url in (None, f"{page.live_url}{EMBED}?date=2020-11-08&center=39.76,46.75&zoom=10&controls=slider,timeline"):
        if url:
            page.goto(url)
            page.wait_for_selector('#embed-map[data-rendered-date="2020-11-08"] path[data-territory]')
        assert serious_violations(page) == [], url
    assert_clean(page)
