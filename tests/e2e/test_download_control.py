"""The map page's Download control (static/js/map/DownloadControl.js) in Chromium, on the whole war.

Its links carry the map's date window; following one downloads the published events of that window;
the control opens and is followed by keyboard; on a phone its links are thumb-sized and on screen.
"""

import csv
import datetime
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from geodata.public import public_events
from tests.helpers.browser import map_url, wait_rendered

pytestmark = pytest.mark.django_db(transaction=True)

EPOCH = datetime.date(1970, 1, 1)


@pytest.fixture
def war_page(page, war):
    return page


def links(page):
    return {a.get_attribute("data-format"): a.get_attribute("href") for a in page.locator(".cm-download-link").all()}


def window_of(href):
    query = parse_qs(urlsplit(href).query)
    return query["start"][0], query["end"][0]


def ids_in(conflict, start, end):
    return {e.external_id or f"CM{e.pk}" for e in public_events().filter(conflict=conflict, date__range=(start, end))}


def test_the_links_carry_the_window_and_download_its_rows(war_page, war):
    page = war_page
    page.goto(map_url(page, "2020-10-10", window="5"))
    wait_rendered(page, "2020-10-10")
    page.locator(".cm-download summary").click()
    hrefs = links(page)
    assert set(hrefs) == {"csv", "geojson", "gpkg"}
    assert all(window_of(h) == ("2020-10-06", "2020-10-10") for h in hrefs.values())
    assert urlsplit(hrefs["csv"]).path == "/exports/nagorno-karabakh-2020.csv"
    assert page.inner_text(".cm-download-range") == "Published events from 6 October 2020 to 10 October 2020"
    assert "Licence: CC BY 4.0" in page.inner_text(".cm-download-licence")

    with page.expect_download() as info:
        page.locator('.cm-download-link[data-format="csv"]').click()
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    expected = ids_in(war, datetime.date(2020, 10, 6), datetime.date(2020, 10, 10))
    assert len(expected) >= 5  # the war has events in that window: the test can fail
    assert {r["event_id_cnty"] for r in rows} == expected
    assert info.value.suggested_filename == "nagorno-karabakh-2020.csv"

    # The slider moves the window; the links follow without a reload.
    page.locator(".cm-range").fill(str((datetime.date(2020, 11, 9) - EPOCH).days))
    wait_rendered(page, "2020-11-09")
    href = links(page)["geojson"]
    assert window_of(href) == ("2020-11-05", "2020-11-09")
    body = json.loads(page.request.get(page.live_url + href).body())
    assert {f["properties"]["event_id_cnty"] for f in body["features"]} \
        == ids_in(war, datetime.date(2020, 11, 5), datetime.date(2020, 11, 9))
    assert body["licence"].startswith("Published records")
    assert page.log.page_errors == [] and page.log.console_errors == [] and page.log.outside_requests == []


def test_it_works_by_keyboard(war_page):
    page = war_page
    page.goto(map_url(page, "2020-10-03"))
    wait_rendered(page, "2020-10-03")
    summary = page.locator(".cm-download summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator(".cm-download").get_attribute("open") is not None
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.format")
    assert focused == "csv"
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "nagorno-karabakh-2020.csv"


def test_it_fits_a_phone(browser, live_server, war, plain_static):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(live_server.url) else r.abort())
    page = context.new_page()
    page.live_url = live_server.url
    try:
        page.goto(map_url(page, "2020-10-03"))
        wait_rendered(page, "2020-10-03")
        page.locator(".cm-download summary").tap()
        for link in page.locator(".cm-download-link").all():
            box = link.bounding_box()
            assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 390
        panel = page.locator(".cm-download").bounding_box()
        assert panel["x"] >= 0 and panel["x"] + panel["width"] <= 390
    finally:
        context.close()
