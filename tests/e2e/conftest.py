"""Browser tests: Playwright for Python driving Debian's chromium against the live server.

Every request that is not for the live server is aborted and recorded, and the
tests assert that none was attempted. The tile layer is switched off
(MAP_TILE_URL empty = offline basemap only), so the page must work without it.
Helpers (map_url, wait_rendered, offline_page, login) are in tests/helpers/browser.py.
"""

import pytest

from tests.helpers.browser import PageLog

# `browser` (one Chromium for the run) and DJANGO_ALLOW_ASYNC_UNSAFE (Playwright's event loop in the
# test thread) are in tests/conftest.py: tests/test_faults.py drives the browser too.


@pytest.fixture
def plain_static(unhashed_static, settings):
    # Tests run with DEBUG=0 but without collectstatic: resolve static URLs without the manifest.
    settings.MAP_TILE_URL = ""


@pytest.fixture
def color_scheme():
    """The page's prefers-color-scheme. A module or test sets another by parametrizing it:
    pytest.mark.parametrize("color_scheme", ["light", "dark"]) (tests/e2e/test_axe_pages.py)."""
    return "light"  # what Chromium reports without an emulated scheme


@pytest.fixture
def page(browser, live_server, demo, plain_static, color_scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme=color_scheme)
    log = PageLog()

    def route(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            log.outside_requests.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: m.type == "error" and log.console_errors.append(m.text))
    page.on("pageerror", lambda e: log.page_errors.append(str(e)))
    page.log = log
    page.live_url = live_server.url
    yield page
    context.close()
