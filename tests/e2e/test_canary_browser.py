"""The canary in Chromium: no hidden record reaches the rendered map or embed.

With `unpublished_markers` (tests/conftest.py, tests/helpers/canary.py) seeded, the map and the embed are loaded
at the hidden records' dates with a window covering them; every place popup and every
timeline item (which opens the event or place popup) is opened, and after each the
whole rendered DOM (text and attributes) is searched for the markers and figures.
The HTTP part over every public URL is tests/test_canary.py.
"""

import pytest

from tests.helpers.browser import POPUP_READY, map_url
from tests.helpers.canary import DATES, leaks

pytestmark = pytest.mark.django_db(transaction=True)


def wait_map(page, selector, date):
    page.wait_for_selector(f'{selector}[data-rendered-date="{date}"]:not([aria-busy])')


def open_everything(page, data, where, reload):
    """Open every place popup and every timeline item; return how many popups were checked.

    `reload()` loads the page afresh before each place (a popup pans the map to fit, which
    may push the next marker out of view) and each timeline item (a past item moves the map to
    its date).
    """
    checked = 0

    def check(what):
        nonlocal checked
        html = page.content() + page.inner_text("body")
        assert leaks(data, html) == [], (where, what)
        checked += 1

    check("page")
    for slug in page.eval_on_selector_all("path[data-place]", "els => els.map(e => e.dataset.place)"):
        reload()
        page.locator(f'path[data-place="{slug}"]').click(force=True)
        page.wait_for_selector(f".leaflet-popup-content [data-place='{slug}']")
        check(f"place {slug}")
    items = page.locator(".cm-timeline-items button.cm-item")
    reload()
    for index in range(items.count()):
        # Afresh each time: a past item moves the map to its own date, which redraws the timeline.
        reload()
        item = items.nth(index)
        text = item.inner_text()[:60]
        item.click()
        page.wait_for_selector(POPUP_READY)
        check(f"timeline item {index}: {text}")
    return checked


def test_it_never_renders_a_hidden_record_on_the_map(page, unpublished_markers):
    data = unpublished_markers
    for date in DATES:
        def load(date=date):
            page.goto(map_url(page, date, window="30"))
            wait_map(page, "#map", date)

        load()
        # the page is not empty: the published places and events of the window are drawn and listed
        assert page.locator("path[data-place]").count() == 2
        assert page.locator(".cm-timeline-items button.cm-item--event").count() >= 1
        checked = open_everything(page, data, f"map {date}", load)
        assert checked >= 5
        page.fill(".cm-search input", "Stepanakert")
        assert leaks(data, page.content()) == []
    assert page.log.page_errors == [] and page.log.console_errors == [] and page.log.outside_requests == []


@pytest.mark.parametrize("extra", ["controls=slider,timeline&window=30", "controls=timeline&window=90&party=azerbaijan"])
def test_it_never_renders_a_hidden_record_in_the_embed(page, unpublished_markers, extra):
    data = unpublished_markers
    for date in DATES:
        def load(date=date):
            page.goto(f"{page.live_url}/embed/{data['conflict'].slug}/?date={date}&{extra}")
            wait_map(page, "#embed-map", date)
            page.evaluate("document.getElementById('embed-details').open = true")  # the text summary too

        load()
        assert page.locator("path[data-place]").count() == 2
        open_everything(page, data, f"embed {date} {extra}", load)
    assert page.log.page_errors == [] and page.log.console_errors == [] and page.log.outside_requests == []
