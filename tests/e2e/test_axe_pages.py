"""axe-core on every page type, in light and in dark mode (issue 11, item 11): no serious or critical violation.

The public pages (the conflict list, the map with a popup open, the embed, the corrections log, the OGC API's
HTML pages) and the admin pages editors and reviewers work in (the index with the review queue, change lists,
the change and add forms of places, events, control changes and territory versions, the ACLED upload), each
under prefers-color-scheme light and dark. One test per scheme and side walks all its pages, so the demo data
is loaded once per test, and the failure lists every page's violations at once.
"""

import pytest

from geodata.models import ControlChange, Event, Place, TerritoryVersion
from tests.helpers.browser import POPUP_READY, login, popup_shown, serious_violations

# Every test in each scheme: the `page` fixture (tests/e2e/conftest.py) emulates it.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.parametrize("color_scheme", ["light", "dark"])]
SLUG = "nagorno-karabakh-2020"
PASSWORD = "a long enough password"


def open_map_popup(page):
    page.wait_for_selector('#map[data-rendered-date="2020-10-03"]:not([aria-busy])')
    page.locator("button.cm-item--event").first.click()
    page.wait_for_selector(POPUP_READY)
    popup_shown(page)


def open_embed(page):
    page.wait_for_selector('#embed-map[data-rendered-date="2020-10-03"]')


PUBLIC = [
    ("conflict list", "/", None),
    ("map page with a popup", f"/conflicts/{SLUG}/?date=2020-10-03", open_map_popup),
    ("embed", f"/embed/{SLUG}/?date=2020-10-03&controls=slider,timeline,legend", open_embed),
    ("corrections", "/corrections/", None),
    ("OGC landing", "/ogc/?f=html", None),
    ("OGC collections", "/ogc/collections?f=html", None),
    ("OGC items", "/ogc/collections/events/items?f=html&limit=5", None),
]


def test_every_public_page_type_passes_axe(page):
    found = {}
    for name, path, ready in PUBLIC:
        response = page.goto(page.live_url + path)
        assert response.status == 200, (name, response.status)
        if ready:
            ready(page)
        found[name] = serious_violations(page)
    failing = {name: v for name, v in found.items() if v}
    assert failing == {}, "\n".join(f"{name}: {v}" for name, v in failing.items())


def test_every_admin_page_type_passes_axe(page, live_server, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    login(page, live_server, "chief", PASSWORD)
    event, place = Event.objects.first(), Place.objects.first()
    change, version = ControlChange.objects.first(), TerritoryVersion.objects.first()
    pages = {
        "index and review queue": "/admin/",
        "event list": "/admin/geodata/event/",
        "event form": f"/admin/geodata/event/{event.pk}/change/",
        "event add": "/admin/geodata/event/add/",
        "place form": f"/admin/geodata/place/{place.pk}/change/",
        "control change form": f"/admin/geodata/controlchange/{change.pk}/change/",
        "control change add": "/admin/geodata/controlchange/add/",
        "territory version form": f"/admin/geodata/territoryversion/{version.pk}/change/",
        "ACLED upload": "/admin/geodata/importjob/add/",
    }
    found = {}
    for name, path in pages.items():
        response = page.goto(page.live_url + path)
        assert response.status == 200, (name, response.status)
        page.wait_for_load_state("load")
        found[name] = serious_violations(page)
    failing = {name: v for name, v in found.items() if v}
    assert failing == {}, "\n".join(f"{name}: {v}" for name, v in failing.items())
