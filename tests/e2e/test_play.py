"""Play in real Chromium: every day played is drawn, however slow the server."""

import datetime
import time

import pytest

from tests.helpers.browser import map_url, wait_rendered

pytestmark = pytest.mark.django_db(transaction=True)

START = datetime.date(2020, 10, 1)
DAYS = 6
# The dates the map finished drawing, in order (the map's data-rendered-date, once aria-busy is gone).
RENDERED_PROBE = """
window.__rendered = [];
new MutationObserver(() => {
  const map = document.getElementById('map');
  if (!map || !map.dataset.renderedDate || map.hasAttribute('aria-busy')) return;
  const last = window.__rendered[window.__rendered.length - 1];
  if (last !== map.dataset.renderedDate) window.__rendered.push(map.dataset.renderedDate);
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-rendered-date', 'aria-busy']});
"""


def test_it_draws_every_day_played_when_the_server_is_slower_than_the_speed(page):
    page.add_init_script(RENDERED_PROBE)

    def slow(route):
        time.sleep(0.3)  # each answer takes longer than a day lasts at 8 days/s (125 ms)
        route.continue_()

    page.goto(map_url(page, START.isoformat()))
    wait_rendered(page, START.isoformat())
    page.route("**/api/**", slow)
    page.select_option(".cm-speed", "8")
    page.click(".cm-play")
    last = (START + datetime.timedelta(days=DAYS)).isoformat()
    page.wait_for_function("(last) => document.querySelector('.cm-date').value >= last", arg=last, timeout=60_000)
    page.click(".cm-play")  # pause
    page.wait_for_selector("#map:not([aria-busy])")
    stopped = datetime.date.fromisoformat(page.input_value(".cm-date"))
    wait_rendered(page, stopped.isoformat())
    played = [(START + datetime.timedelta(days=n)).isoformat() for n in range((stopped - START).days + 1)]
    assert page.evaluate("() => window.__rendered") == played
    assert page.get_attribute(".cm-play", "aria-pressed") == "false"
    assert page.log.page_errors == [] and page.log.console_errors == []
