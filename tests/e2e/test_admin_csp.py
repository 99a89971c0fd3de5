"""The admin's map widget works under the strict CSP, in real Chromium, with no violation reported."""

import pytest

from tests.helpers import factories as f
from tests.helpers.browser import login, offline_page


@pytest.mark.django_db(transaction=True)
def test_it_renders_the_place_map_widget_without_csp_violations(live_server, browser, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "a long enough password")
    place = f.place("Madagiz", lat=40.3314, lon=46.7294)
    page, problems = offline_page(browser, live_server)
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    login(page, live_server, "chief", "a long enough password")
    response = page.goto(f"{live_server.url}/admin/geodata/place/{place.pk}/change/")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.wait_for_selector("#id_point-map.leaflet-container")
    page.wait_for_selector("#id_point-map .leaflet-marker-icon")  # the place's point drawn by the widget
    page.wait_for_selector("#id_point-map .leaflet-draw-toolbar")  # the editing tools loaded
    page.wait_for_load_state("networkidle")
    tile_errors = [p for p in problems if "net::ERR_FAILED" in p]  # the aborted tile requests
    assert page.evaluate("window.__csp") == []
    assert [p for p in problems if p not in tile_errors] == []

    # The listener and the policy really work: an inline style attribute is refused and reported.
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<div style=\"color: red\">x</div>')")
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.__csp")[0].startswith("style-src")

    page.fill("#id_name", "Madagiz (Sugovushan)")
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/geodata/place/")
    assert page.evaluate("window.__csp") == []  # the changelist too
    place.refresh_from_db()
    assert place.name == "Madagiz (Sugovushan)" and place.version == 2
