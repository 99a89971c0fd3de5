"""Fixtures for every test. Helpers (plain functions, constants) are in tests/helpers/."""

import os

import pytest
from playwright.sync_api import sync_playwright

from tests.helpers import canary, xss
from tests.helpers import world as world_helpers
from tests.helpers.browser import CHROMIUM_ARGS

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse ORM calls from it (live_server tests in tests/e2e).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole run, started by the first test that asks: Playwright's sync API
    allows one driver per process (tests/e2e/, and tests/test_faults.py's embed in an outage)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def english_to_start_with():
    """Every test starts in English: a test that activates another language (translation.override
    aside) would otherwise leave it active for the tests after it in the same thread."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def empty_public_cache():
    """Every test starts with an empty server cache (settings_test: one in-process LocMemCache)."""
    from django.core.cache import caches

    caches["default"].clear()


@pytest.fixture
def demo(db):
    """The demo conflict, loaded through the same code path as `make run`."""
    from geodata import demo as demo_module
    from geodata.models import Conflict

    demo_module.load()
    return Conflict.objects.get(slug=demo_module.SLUG)


@pytest.fixture
def war(db):
    """The demo conflict with the whole war (geodata/demo_war.py, what `make run` loads): the seed article's
    records plus the demonstration set imported through the ACLED importer."""
    from geodata import demo_war
    from geodata.models import Conflict

    demo_war.load()
    return Conflict.objects.get(slug="nagorno-karabakh-2020")


@pytest.fixture
def world(db):
    """A conflict, two parties and a place (tests.helpers.world.World: conflict, alpha, bravo, place)."""
    return world_helpers.world()


@pytest.fixture
def api_client():
    """A test client whose requests carry Host: localhost (the public API tests)."""
    from django.test import Client

    return Client(HTTP_HOST="localhost")


@pytest.fixture
def unhashed_static(settings):
    """Templates use {% static %}; tests run without collectstatic, so no manifest to look names up in."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


# --- Editorial integrity fixtures (issue 5) ------------------------------------------------
# Used by the canary test over every public URL and by the XSS corpus tests.


@pytest.fixture
def unpublished_markers(demo):
    """Hidden records on top of the demo, each carrying unique markers: see tests.helpers.canary.seed_hidden_records."""
    return canary.seed_hidden_records(demo)


@pytest.fixture(name="xss_payloads")
def xss_payloads_fixture():
    """The XSS corpus: text payloads (and tests.helpers.xss.XSS_URLS for URL fields)."""
    return list(xss.XSS_PAYLOADS)
