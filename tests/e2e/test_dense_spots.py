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


# Stacks whose counts change from day to day: at each point k, one event on each day d with (d + k) % 4 != 0.
STACK_DAYS = [f"2020-11-{day:02d}" for day in range(5, 13)]
STACK_POINTS = [(39.5 + 0.35 * (k // 3), 46.3 + 0.45 * (k % 3)) for k in range(6)]

BADGES = """() => [...document.querySelectorAll('.cm-spot')].map((e) => [
  e.dataset.spotCount, e.getAttribute('aria-label'), e.textContent, e.style.transform,
]).sort()"""

# Marks each badge's element with its count: after a step, a marked element showing another count was reused.
MARK = "() => document.querySelectorAll('.cm-spot').forEach((e) => { e.dataset.seen = e.dataset.spotCount; })"
REUSED = """() => [...document.querySelectorAll('.cm-spot[data-seen]')]
  .filter((e) => e.dataset.seen !== e.dataset.spotCount).length"""


def stacked_map_url(page, date):
    return map_url(page, date, lat="39.8", lng="46.8", zoom="8", window="3")


def test_badges_after_slider_steps_are_those_of_a_fresh_map(page, demo):
    from tests.helpers import factories

    for d, date in enumerate(STACK_DAYS):
        for k, (lat, lon) in enumerate(STACK_POINTS):
            if (d + k) % 4:
                factories.event(demo, date=date, lat=lat, lon=lon)
    fresh = {}
    for date in STACK_DAYS[2:]:
        page.goto(stacked_map_url(page, date))
        wait_rendered(page, date)
        fresh[date] = page.evaluate(BADGES)
    assert len({repr(badges) for badges in fresh.values()}) > 1  # the counts change: the test can fail

    page.goto(stacked_map_url(page, STACK_DAYS[2]))
    wait_rendered(page, STACK_DAYS[2])
    page.evaluate(MARK)
    reused = 0
    page.locator(".cm-range").focus()
    for date in STACK_DAYS[3:]:
        page.keyboard.press("ArrowRight")
        wait_rendered(page, date)
        assert page.evaluate(BADGES) == fresh[date], date
        reused += page.evaluate(REUSED)
        page.evaluate(MARK)
    assert reused > 0

    # A reused badge fans out its new spot's events.
    page.locator(".cm-range").blur()
    badge = page.locator(".cm-spot").first
    count = int(badge.get_attribute("data-spot-count"))
    badge.click()
    expect(page.locator("path[data-spot-event]")).to_have_count(count)
    assert page.log.page_errors == []
