"""The journalist's map in real Chromium, against the demo data (tests/conftest.py `demo`)."""

import datetime
import os
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.helpers.browser import map_url, serious_violations, wait_rendered

pytestmark = pytest.mark.django_db(transaction=True)

EPOCH = datetime.date(1970, 1, 1)
AZ_BLUE = "#0072b2"
NK_ORANGE = "#e69f00"


def day_number(iso):
    return (datetime.date.fromisoformat(iso) - EPOCH).days


def madagiz(page):
    return page.eval_on_selector(
        'path[data-place="madagiz"]',
        "e => ({controller: e.dataset.controller, status: e.dataset.status, fill: e.getAttribute('fill'),"
        " dash: e.getAttribute('stroke-dasharray')})",
    )


def control_items(page):
    return page.locator("button.cm-item--change .cm-item-title").all_inner_texts()


def query(page):
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def assert_clean(page):
    assert page.log.page_errors == []
    assert page.log.console_errors == []
    assert page.log.outside_requests == []


def test_it_loads_with_no_console_errors_and_no_request_outside_the_test_server(page):
    page.goto(map_url(page, "2020-10-03"))
    wait_rendered(page, "2020-10-03")
    # The offline basemap (Natural Earth countries) is drawn on its own canvas under the tiles.
    page.wait_for_selector(".leaflet-cm-basemap-pane canvas")
    assert page.locator("path[data-place]").count() == 2
    assert page.locator(".leaflet-tile").count() == 0  # tiles are off in tests
    assert "Natural Earth" in page.inner_text(".leaflet-control-attribution")
    assert_clean(page)


def test_it_changes_madagiz_controller_on_the_map_and_in_the_timeline(page):
    page.goto(map_url(page, "2020-10-02"))
    wait_rendered(page, "2020-10-02")
    assert madagiz(page) == {"controller": "nk-authorities", "status": "confirmed", "fill": NK_ORANGE, "dash": None}
    assert "Madagiz (Sugovushan): held by Azerbaijan" not in control_items(page)
    assert "Madagiz (Sugovushan): held by NK authorities" in control_items(page)

    page.locator(".cm-range").fill(str(day_number("2020-10-03")))
    wait_rendered(page, "2020-10-03")
    assert madagiz(page) == {"controller": "azerbaijan", "status": "claimed", "fill": AZ_BLUE, "dash": "5 3"}
    first = page.locator(".cm-timeline-list > h3").first
    assert first.inner_text() == "3 October 2020"
    assert control_items(page)[0] == "Madagiz (Sugovushan): held by Azerbaijan"
    assert "according to Ilham Aliyev" in page.locator("button.cm-item--change").first.inner_text()
    assert "3 October 2020" in page.inner_text(".cm-timeline-summary")
    assert_clean(page)


def test_it_moves_the_slider_by_keyboard(page):
    page.goto(map_url(page, "2020-10-02"))
    wait_rendered(page, "2020-10-02")
    slider = page.locator(".cm-range")
    slider.focus()
    for key, date, label in [
        ("ArrowRight", "2020-10-03", "3 October 2020"),
        ("PageUp", "2020-10-10", "10 October 2020"),
        ("PageDown", "2020-10-03", "3 October 2020"),
        ("ArrowLeft", "2020-10-02", "2 October 2020"),
        ("Home", "2020-09-27", "27 September 2020"),
        ("End", "2020-12-01", "1 December 2020"),
        ("ArrowUp", "2020-12-01", "1 December 2020"),  # clamped at the end
    ]:
        page.keyboard.press(key)
        wait_rendered(page, date)
        assert slider.get_attribute("aria-valuetext") == label
        assert page.input_value(".cm-date") == date
        assert query(page)["date"] == date
    assert_clean(page)


def test_it_round_trips_the_url(page):
    page.goto(map_url(page, "2020-10-03", lat="40.1", lng="46.8", zoom="10", types="Battles"))
    wait_rendered(page, "2020-10-03")
    # The app rewrites the URL from the map's actual view: it kept the link's centre and zoom.
    assert query(page) == {"date": "2020-10-03", "lat": "40.1000", "lng": "46.8000", "zoom": "10", "types": "Battles"}
    assert "Armed clash" in page.locator("button.cm-item--event").first.inner_text()
    assert page.locator("button.cm-item--event").count() == 2  # both demo battles
    assert page.is_checked('input[name="types"][value="Battles"]')
    assert not page.is_checked('input[name="types"][value="Explosions/Remote violence"]')

    page.click("text=Filters")
    page.check('input[name="types"][value="Explosions/Remote violence"]')
    wait_rendered(page, "2020-10-03")
    page.wait_for_function("() => location.search.includes('types=Battles,Explosions')")
    assert page.locator("button.cm-item--event").count() == 4
    page.click('button[aria-label="Next day"]')
    wait_rendered(page, "2020-10-04")
    page.click(".leaflet-control-zoom-in")
    page.wait_for_function("() => location.search.includes('zoom=11')")
    before_reload = query(page)
    assert before_reload["date"] == "2020-10-04" and before_reload["types"] == "Battles,Explosions/Remote violence"

    page.reload()
    wait_rendered(page, "2020-10-04")
    assert query(page) == before_reload
    assert page.input_value(".cm-date") == "2020-10-04"
    assert page.is_checked('input[name="types"][value="Explosions/Remote violence"]')

    page.go_back()  # before "next day": 3 October, same filters
    wait_rendered(page, "2020-10-03")
    assert query(page)["date"] == "2020-10-03"
    assert page.input_value(".cm-date") == "2020-10-03"
    page.go_back()  # before the filter change: Battles only
    page.wait_for_function("() => !location.search.includes('Explosions')")
    wait_rendered(page, "2020-10-03")
    assert not page.is_checked('input[name="types"][value="Explosions/Remote violence"]')
    assert page.locator("button.cm-item--event").count() == 2
    page.go_forward()
    page.wait_for_function("() => location.search.includes('Explosions')")
    wait_rendered(page, "2020-10-03")
    assert page.locator("button.cm-item--event").count() == 4
    assert_clean(page)


def test_it_opens_the_popup_when_a_timeline_item_is_clicked_and_back(page):
    page.goto(map_url(page, "2020-10-03"))
    wait_rendered(page, "2020-10-03")
    # A place's popup, opened on the map, highlights its control change in the timeline.
    page.locator('path[data-place="madagiz"]').click(force=True)
    page.wait_for_selector(".leaflet-popup-content [data-place='madagiz']")
    text = page.inner_text(".leaflet-popup-content")
    assert "Sugovushan" in text and "Մատաղիս" in text
    assert "Controlled by Azerbaijan since 3 October 2020: claimed, not confirmed." in text
    assert "Ilham Aliyev" in text
    current = page.locator("button[aria-current='true']")
    assert current.count() == 1
    assert "Madagiz (Sugovushan): held by Azerbaijan" in current.inner_text()
    page.click(".leaflet-popup-close-button")
    assert page.locator("button[aria-current='true']").count() == 0

    # Clicking a timeline item pans the map and opens the item's popup.
    item = page.locator("button.cm-item--event", has_text="Disrupted weapons use")
    item.click()
    popup = page.locator(".leaflet-popup-content:has(.cm-popup--event)")  # the place popup may still be fading out
    popup.wait_for()
    text = popup.inner_text()
    assert "Disrupted weapons use" in text
    assert "Asserted by (1)" in text and "Denied by (1)" in text
    assert "Shushan Stepanian" in text and "VOA News" in text
    link = popup.locator("a", has_text="VOA News").first
    assert link.get_attribute("rel") == "noopener nofollow"
    assert link.get_attribute("href") == "https://www.voanews.com/"
    assert item.get_attribute("aria-current") == "true"
    assert query(page)["zoom"] == "10"
    assert_clean(page)


def test_it_shows_casualty_figures_per_claimant(page):
    page.goto(map_url(page, "2020-10-03"))
    wait_rendered(page, "2020-10-03")
    page.locator("button.cm-item--event", has_text="Armed clash").click()
    text = page.locator(".leaflet-popup-content:has(.cm-popup--event)").inner_text()
    assert "about 3,000 combatants killed (Azerbaijan casualties)" in text
    assert "at least 150 combatants killed (NK authorities casualties)" in text


def test_it_finds_a_place_by_an_alternate_name(page):
    page.goto(map_url(page, "2020-10-03"))
    wait_rendered(page, "2020-10-03")
    page.fill(".cm-search input", "Mataghis")
    page.wait_for_selector(".cm-search-result")  # the search is answered by the server now
    result = page.locator(".cm-search-result")
    assert result.count() == 1
    assert "Madagiz" in result.inner_text()
    result.click()
    page.wait_for_selector(".leaflet-popup-content [data-place='madagiz']")
    page.fill(".cm-search input", "khankendi")
    page.locator(".cm-search-result").first.click()
    page.wait_for_selector(".leaflet-popup-content [data-place='stepanakert']")
    assert_clean(page)


def test_it_has_no_serious_or_critical_accessibility_violations(page):
    page.goto(map_url(page, "2020-10-03"))
    wait_rendered(page, "2020-10-03")
    page.click("text=Filters")
    assert serious_violations(page) == []


def test_it_writes_the_screenshot(page, tmp_path):
    # 8 November: Shusha taken, the southern districts behind the Azerbaijani line, Hadrut's denied claim hatched.
    page.goto(map_url(page, "2020-11-08", lat="39.75", lng="46.55", zoom="8"))
    wait_rendered(page, "2020-11-08")
    page.wait_for_selector(".leaflet-cm-basemap-pane canvas")
    page.wait_for_selector("path[data-territory]")
    page.wait_for_timeout(300)  # let the basemap canvas paint
    shot = tmp_path / "screenshot.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    target = os.environ.get("SCREENSHOT_PATH")  # `make screenshot` sets docs/screenshot.png
    if target:
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, target)


def test_it_says_when_a_record_was_corrected_with_a_link_to_the_log(page):
    from geodata.models import ControlChange, Correction, Event

    change = ControlChange.objects.published().filter(place__slug="madagiz").order_by("date").last()
    event = Event.objects.published().get(sub_event_type="Disrupted weapons use")
    on_change = Correction.log(change, "Date precision corrected.")
    Correction.log(event.claims.published().first(), "Claim summary reworded.")  # via a claim
    day = f"{on_change.date.day} {on_change.date:%B %Y}"
    log_url = "/conflicts/nagorno-karabakh-2020/corrections/"

    page.goto(map_url(page, "2020-10-03"))
    wait_rendered(page, "2020-10-03")
    page.locator('path[data-place="madagiz"]').click(force=True)
    link = page.locator(".leaflet-popup-content [data-place='madagiz'] .cm-corrected a")
    assert link.inner_text() == f"Corrected on {day}"
    assert link.get_attribute("href") == log_url
    page.click(".leaflet-popup-close-button")
    # Stepanakert was never corrected: no note
    page.locator('path[data-place="stepanakert"]').click(force=True)
    page.wait_for_selector(".leaflet-popup-content [data-place='stepanakert']")
    assert page.locator(".leaflet-popup-content [data-place='stepanakert'] .cm-corrected").count() == 0
    page.click(".leaflet-popup-close-button")

    # the timeline: a note beside the corrected change and the corrected event only
    notes = page.locator(".cm-timeline-items .cm-corrected a")
    assert notes.all_inner_texts() == [f"Corrected on {day}"] * 2
    assert {notes.nth(i).get_attribute("href") for i in range(2)} == {log_url}
    item = page.locator("li", has=page.locator("button.cm-item--event", has_text="Disrupted weapons use"))
    assert item.locator(".cm-corrected").count() == 1
    item.locator("button").click()
    popup = page.locator(".leaflet-popup-content:has(.cm-popup--event)")
    popup.wait_for()
    assert popup.locator(".cm-corrected a").inner_text() == f"Corrected on {day}"
    assert_clean(page)
