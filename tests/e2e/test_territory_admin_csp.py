"""The territory version pages in real Chromium under the strict CSP: map widget, previous-version layers, copy and edit."""

import pytest

from tests.helpers import factories as f
from tests.helpers import territory_edit as t
from tests.helpers.browser import login, offline_page

CSP_LISTENER = (
    "window.__csp = []; document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
)


def no_problems(page, problems):
    tile_errors = [p for p in problems if "net::ERR_FAILED" in p]  # the aborted tile requests
    assert page.evaluate("window.__csp") == []
    assert [p for p in problems if p not in tile_errors] == []


@pytest.mark.django_db(transaction=True)
def test_it_renders_the_territory_pages_and_copies_a_version_without_csp_violations(
    live_server, browser, django_user_model
):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "a long enough password")
    series = t.series(f.conflict(), f.party("Alpha"), name="Alpha held")
    first = t.version(series, "2020-10-01", t.square(46.9, 39.5), state="published")
    second = t.version(series, "2020-10-09", t.square(46.95, 39.5))
    page, problems = offline_page(browser, live_server)
    page.add_init_script(CSP_LISTENER)
    login(page, live_server, "chief", "a long enough password")

    response = page.goto(f"{live_server.url}/admin/geodata/territoryversion/add/")
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    page.wait_for_selector("#id_geometry-map .leaflet-draw-toolbar")  # the drawing tools loaded
    assert page.is_visible("input[type=file][name=upload]")
    page.wait_for_load_state("networkidle")
    no_problems(page, problems)

    page.goto(f"{live_server.url}/admin/geodata/territoryversion/{second.pk}/change/")
    page.wait_for_selector("#id_geometry-map.leaflet-container")
    # The version itself (editable) and the previous version, gained and lost areas (read-only layers).
    page.wait_for_selector("#id_geometry-map path.cm-territory-previous", state="attached")
    assert page.locator("#id_geometry-map path.cm-territory-gained").count() == 1
    assert page.locator("#id_geometry-map path.cm-territory-lost").count() == 1
    assert "Previous version, from 2020-10-01" in page.inner_text(".cm-territory-legend")
    # The layers' look comes from the stylesheet (no inline style): the dashed edge is applied.
    dash = page.eval_on_selector("path.cm-territory-previous", "p => getComputedStyle(p).strokeDasharray")
    assert dash not in ("", "none")
    page.wait_for_load_state("networkidle")
    no_problems(page, problems)

    page.click("text=Start a new version from this one")
    page.wait_for_selector("#id_geometry-map .leaflet-interactive")  # the copied area, drawn for editing
    assert page.input_value("#id_series") == str(series.pk)
    page.fill("#id_valid_from", "2020-10-09")
    page.click("input[name=_save]")
    assert "must differ from the version it was copied from" in page.inner_text(".errorlist")
    page.fill("#id_valid_from", "2020-10-15")
    page.click("input[name=_save]")
    page.wait_for_url(f"{live_server.url}/admin/geodata/territoryversion/")
    no_problems(page, problems)
    copy = series.versions.get(valid_from="2020-10-15")
    assert copy.geometry.equals_exact(second.geometry, 1e-6) and copy.state == "draft"
    assert first.pk != copy.pk


@pytest.mark.django_db(transaction=True)
def test_the_add_form_shows_the_previous_version_and_km2_before_the_first_save(live_server, browser, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "a long enough password")
    series = t.series(f.conflict(), f.party("Alpha"), name="Alpha held")
    t.version(series, "2020-10-01", t.square(46.9, 39.5), state="published")
    moved = t.version(series, "2020-10-09", t.square(46.95, 39.5))  # a draft: not the previous version
    page, problems = offline_page(browser, live_server)
    page.add_init_script(CSP_LISTENER)
    login(page, live_server, "chief", "a long enough password")

    page.goto(f"{live_server.url}/admin/geodata/territoryversion/add/?copy_from={moved.pk}")
    page.wait_for_selector("#id_geometry-map .leaflet-interactive")
    preview = page.locator("#territory-preview")
    assert "Draw the area" in preview.inner_text()  # no date yet: nothing asked
    page.fill("#id_valid_from", "2020-10-15")
    page.locator("#id_valid_from").dispatch_event("change")
    page.wait_for_selector("#territory-preview a")
    text = preview.inner_text()
    assert "Previous published version: from 2020-10-01" in text
    # A 0.05° × 0.1° strip at 39.5° N gained in the east and one lost in the west: 47.7 km² each.
    assert "47.7 km² gained, 47.7 km² lost" in text, text
    page.wait_for_selector("#id_geometry-map path.cm-territory-gained", state="attached")
    assert page.locator("#id_geometry-map path.cm-territory-lost").count() == 1
    assert series.versions.count() == 2  # nothing saved
    page.wait_for_load_state("networkidle")
    no_problems(page, problems)
