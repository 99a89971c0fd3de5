"""Events drawn on top of one another (issue 11, item 5): a count at the spot, which fans them out, each
symbol opening its own event (static/js/map/DenseSpotLayer.js)."""

from playwright.sync_api import expect

from tests.helpers.browser import map_url, popup_shown, wait_rendered


def test_it_counts_stacked_events_and_fans_them_out_at_every_zoom(page):
    # 3 October 2020: three of the seed article's events share the front's point (no precise location).
    page.goto(map_url(page, "2020-10-03", lat="39.9", lng="46.9", zoom="7"))
    wait_rendered(page, "2020-10-03")
    spot = page.locator('.cm-spot[data-spot-count="3"]')
    expect(spot).to_have_count(1)
    expect(spot).to_have_attribute("aria-label", "3 events at this spot: show them side by side")
    spot.click()
    fanned = page.locator("path[data-spot-event]")
    expect(fanned).to_have_count(3)
    ids = {fanned.nth(i).get_attribute("data-spot-event") for i in range(3)}
    assert len(ids) == 3

    fanned.nth(1).click()
    popup_shown(page)
    opened = page.locator(".leaflet-popup-content [data-event]").get_attribute("data-event")
    assert opened in ids

    # Still one spot when zoomed far in: the events share one point.
    page.goto(map_url(page, "2020-10-03", lat="39.9", lng="46.9", zoom="13"))
    wait_rendered(page, "2020-10-03")
    expect(page.locator('.cm-spot[data-spot-count="3"]')).to_have_count(1)
    assert page.log.page_errors == []


def test_it_opens_the_fan_from_the_keyboard(page):
    page.goto(map_url(page, "2020-10-03", lat="39.9", lng="46.9", zoom="7"))
    wait_rendered(page, "2020-10-03")
    spot = page.locator('.cm-spot[data-spot-count="3"]')
    spot.focus()
    page.keyboard.press("Enter")
    expect(page.locator("path[data-spot-event]")).to_have_count(3)
