"""The timeline builds its entries in batches (static/js/map/TimelinePanel.js): the first 50 on
each date change, the next ones when the "Show N more items" button at the end is clicked or
scrolled into view, or when an item further down is highlighted (a map click on its event)."""

import pytest
from playwright.sync_api import expect

from geodata.models import Conflict
from tests.helpers import factories as f
from tests.helpers.browser import map_url, wait_rendered

pytestmark = pytest.mark.django_db(transaction=True)

BATCH = 50  # TimelinePanel's batchSize


def entries(page):
    return page.locator(".cm-timeline-list button.cm-item")


def test_it_builds_the_first_batch_then_more_on_demand(page):
    conflict = Conflict.objects.get(slug="nagorno-karabakh-2020")
    for i in range(130):  # a busy week: many more entries than one batch
        f.event(conflict, f"2020-11-{4 + i % 6:02d}", lat=39.8 + i / 1000, lon=46.7)
    page.goto(map_url(page, "2020-11-10", window="90"))
    wait_rendered(page, "2020-11-10")
    summary = page.inner_text(".cm-timeline-summary")
    more = page.locator("button.cm-timeline-more")
    # The panel is scrolled to the top: only the first batch is built.
    assert entries(page).count() == BATCH, summary
    expect(more).to_be_visible()
    assert more.inner_text().startswith("Show ") and more.inner_text().endswith(" more items")
    left = int(more.inner_text().split()[1])
    # A click from the page, without scrolling: Playwright's click scrolls the button into view first,
    # which alone brings further batches, and may bring them all (the button then goes before the click).
    more.dispatch_event("click")
    page.wait_for_function(f"() => document.querySelectorAll('.cm-timeline-list button.cm-item').length >= {2 * BATCH}")
    # Scrolling to the end builds the rest, batch by batch, until the button is gone.
    for _ in range(20):
        if not more.is_visible():
            break
        more.scroll_into_view_if_needed()
        page.wait_for_timeout(100)
    expect(more).to_be_hidden()
    assert entries(page).count() == BATCH + left
    # A date change starts again from the first batch (with the panel scrolled back to its top: at the
    # end, the button would be in view and bring the next batch at once).
    page.locator(".cm-timeline-summary").scroll_into_view_if_needed()
    page.click('button[aria-label="Previous day"]')
    wait_rendered(page, "2020-11-09")
    assert entries(page).count() == BATCH
    assert page.log.page_errors == [] and page.log.console_errors == []
