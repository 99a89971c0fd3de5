"""The admin takes coordinates, in Chromium under the strict CSP (issue 11, item 9): latitude and
longitude beside the map widget in sync both ways, one click places the marker, the borders
basemap under the (here unreachable) tiles, an event's point prefilled from its place."""

import json

import pytest

from tests.helpers.browser import login, offline_page

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a long enough password"


@pytest.fixture
def admin_page(live_server, browser, django_user_model, demo, plain_static):
    django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    page, problems = offline_page(browser, live_server)
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    login(page, live_server, "chief", PASSWORD)
    page.problems = problems
    yield page
    page.close()


def point(page):
    text = page.input_value("#id_point")
    return json.loads(text)["coordinates"] if text.strip() else None


def test_typed_coordinates_move_the_marker_and_a_click_fills_them_in(admin_page, live_server):
    page = admin_page
    page.goto(f"{live_server.url}/admin/geodata/event/add/")
    page.wait_for_selector("#id_point-map.leaflet-container")
    page.wait_for_selector("#id_point-map[data-basemap='drawn']")  # the borders, with no tile server
    assert point(page) is None
    page.fill("#id_point-lat", "40.3314")
    page.fill("#id_point-lon", "46.7294")
    assert point(page) == [46.7294, 40.3314]
    assert page.locator("#id_point-map .leaflet-marker-icon").count() == 1

    page.fill("#id_point-lat", "95")
    assert "Latitude: must be between -90 and 90." in page.inner_text(".cm-coordinates-message")
    assert point(page) == [46.7294, 40.3314]  # an out-of-range value moves nothing

    box = page.locator("#id_point-map").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.6)  # one click, no tool first
    clicked = point(page)
    assert clicked != [46.7294, 40.3314]
    assert page.input_value("#id_point-lat") == str(clicked[1])
    assert page.input_value("#id_point-lon") == str(clicked[0])
    assert page.locator("#id_point-map .leaflet-marker-icon").count() == 1
    assert page.evaluate("window.__csp") == []
    assert [p for p in page.problems if "net::ERR_FAILED" not in p] == []


def test_an_events_point_is_prefilled_from_its_place(admin_page, live_server, demo):
    page = admin_page
    page.goto(f"{live_server.url}/admin/geodata/event/add/")
    page.wait_for_selector("#id_point-map.leaflet-container")
    page.click("#id_place + .select2 .select2-selection")
    page.fill(".select2-search__field", "Madagiz")
    page.click(".select2-results__option >> text=Madagiz")
    page.wait_for_selector(".cm-coordinates-message:has-text('from the place')")  # wait_for_function: CSP, no eval
    assert point(page) == [46.7294, 40.3314]
    assert page.input_value("#id_point-lat") == "40.3314"
    assert "from the place" in page.inner_text(".cm-coordinates-message")
    assert page.evaluate("window.__csp") == []
