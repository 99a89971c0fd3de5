"""The map's search box asks the server's forgiving search and opens the chosen place's popup."""

import pytest

from tests.helpers.browser import map_url, wait_rendered


@pytest.mark.parametrize("typed", ["Xankendi", "stepanakrt", "STEPANAKERT"])
def test_it_opens_the_popup_of_a_place_found_in_another_spelling(page, typed):
    page.goto(map_url(page, "2020-10-03"))
    wait_rendered(page, "2020-10-03")
    page.fill(".cm-search input", typed)
    # The answer arrives from the server: wait for it (the list and its status) rather than read mid-update.
    page.wait_for_function(
        "() => /found/.test(document.querySelector('.cm-search [role=status]').textContent)"
        " && document.querySelector('.cm-search-result')"
    )
    first = page.locator(".cm-search-result").first
    assert "Stepanakert" in first.inner_text()
    first.click()
    page.wait_for_selector(".leaflet-popup-content [data-place='stepanakert']")
    assert "Stepanakert" in page.inner_text(".leaflet-popup-content")


def test_it_says_when_nothing_matches(page):
    page.goto(map_url(page, "2020-10-03"))
    wait_rendered(page, "2020-10-03")
    page.fill(".cm-search input", "Baku")
    page.wait_for_function("() => document.querySelector('.cm-search [role=status]').textContent === '0 places found'")
    assert page.locator(".cm-search-result").count() == 0
