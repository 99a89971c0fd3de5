"""Helpers for the browser tests (Playwright for Python driving Debian's chromium)."""

from urllib.parse import urlencode

from axe_playwright_python.sync_playwright import Axe

# Debian's chromium (Playwright cannot download its own browsers here); no background
# network traffic, so the tests' "no request outside the test server" check is exact.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-sync", "--disable-quic",
]


class PageLog:
    """What the `page` fixture (tests/e2e/conftest.py) records: errors and requests outside the live server."""

    def __init__(self):
        self.console_errors = []
        self.page_errors = []
        self.outside_requests = []


def offline_page(browser, live_server):
    """A page that can reach only the live server: tile and any other requests are aborted.

    Returns (page, problems): console errors, page errors and dialogs are appended to `problems`.
    """
    page = browser.new_page()
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(live_server.url) else route.abort(),
    )
    problems = []
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    return page, problems


def login(page, live_server, username, password):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")


def map_url(page, date=None, **params):
    """The demo conflict's map page on the live server of the `page` fixture."""
    query = {"date": date, **params} if date else params
    return f"{page.live_url}/conflicts/nagorno-karabakh-2020/" + (f"?{urlencode(query)}" if query else "")


# An open popup whose content is final: an event's popup first shows a loading state
# (.cm-popup--loading) while its full record is fetched (static/js/map/MapPopups.js, openEvent).
POPUP_READY = ".leaflet-popup-content:not(:has(.cm-popup--loading))"


def wait_rendered(page, date):
    page.wait_for_selector(f'#map[data-rendered-date="{date}"]:not([aria-busy])')


def popup_shown(page):
    """Wait until Leaflet's popup has faded in: axe-core measures text mid-fade as blended into the map."""
    from playwright.sync_api import expect

    expect(page.locator(".leaflet-popup").last).to_have_css("opacity", "1")


def serious_violations(page):
    """axe-core's serious and critical violations on the page: (rule, impact, first targets)."""
    results = Axe().run(page)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
