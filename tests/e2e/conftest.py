"""Browser tests: Playwright for Python driving Debian's chromium against the live server.

Every request that is not for the live server is aborted and recorded, and the
tests assert that none was attempted. The tile layer is switched off
(MAP_TILE_URL empty = offline basemap only), so the page must work without it.
"""

import pytest


@pytest.fixture
def plain_static(settings):
    # Tests run with DEBUG=0 but without collectstatic: resolve static URLs without the manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MAP_TILE_URL = ""


class PageLog:
    def __init__(self):
        self.console_errors = []
        self.page_errors = []
        self.outside_requests = []


@pytest.fixture
def page(browser, live_server, demo, plain_static):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
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


def map_url(page, date=None, **params):
    from urllib.parse import urlencode

    query = {"date": date, **params} if date else params
    return f"{page.live_url}/conflicts/nagorno-karabakh-2020/" + (f"?{urlencode(query)}" if query else "")


def wait_rendered(page, date):
    page.wait_for_selector(f'#map[data-rendered-date="{date}"]:not([aria-busy])')
