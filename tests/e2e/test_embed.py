"""The embed in real Chromium, framed by an article page on another origin.

The article page is served by a tiny http.server on its own port (another origin
than the live server), with the snippet our oEmbed endpoint hands out. Every
request that goes neither to the live server nor to the article server is aborted.
"""

import http.server
import re
import threading
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import serious_violations

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("unhashed_static")]

# `browser` (Debian Chromium, one per session) comes from tests/e2e/conftest.py, `unhashed_static` from tests/conftest.py.


class ArticleServer:
    """Serves one HTML page (the article) from 127.0.0.1 on a free port."""

    def __init__(self):
        self.html = b""
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path.split("?")[0] != "/article.html":
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(server.html)))
                self.end_headers()
                self.wfile.write(server.html)

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def article():
    server = ArticleServer()
    yield server
    server.stop()


def live_origin(live_server):
    # Use "localhost" for our site so it differs from the article's 127.0.0.1 by host as well as port.
    return live_server.url.replace("127.0.0.1", "localhost")


@pytest.fixture
def page(browser, live_server, article, settings):
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"]
    settings.MAP_TILE_URL = ""  # offline: the embed draws its own Natural Earth basemap
    allowed = {urlsplit(live_origin(live_server)).netloc, urlsplit(article.origin).netloc}
    context = browser.new_context()
    blocked = []

    def route(route):
        if urlsplit(route.request.url).netloc in allowed:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.blocked = blocked
    yield page
    context.close()


def snippet(client, origin, url):
    response = client.get("/oembed", {"url": url, "format": "json"}, HTTP_HOST=urlsplit(origin).netloc)
    assert response.status_code == 200, response.content
    return response.json()["html"]


def publish_article(article, html):
    article.html = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>An article</title></head>"
        "<body><h1>News article</h1><p>Text before the map.</p>"
        f"{html}<p id='after'>Text after the map.</p></body></html>"
    ).encode()
    return article.origin + "/article.html"


def test_it_resizes_to_its_content_on_an_article_from_another_origin(page, live_server, article, client, demo):
    origin = live_origin(live_server)
    html = snippet(client, origin, f"{origin}/conflicts/nagorno-karabakh-2020/?date=2020-10-03")
    assert 'height="600"' in html
    page.goto(publish_article(article, html))
    frame_element = page.locator("iframe[data-conflictmap-embed]")
    frame = page.frame_locator("iframe[data-conflictmap-embed]")
    expect(frame.locator("h1")).to_have_text("Nagorno-Karabakh war, 2020")
    content_height = frame.locator("#embed").evaluate("e => Math.ceil(e.getBoundingClientRect().height)")
    assert content_height != 600  # so that resizing is visible
    expect(frame_element).to_have_attribute("height", str(content_height))
    box = frame_element.bounding_box()
    assert abs(box["height"] - content_height) <= 1
    # The iframe shows all of its content: no scrolling inside it.
    scroll = frame.locator("html").evaluate("e => e.scrollHeight - e.clientHeight")
    assert scroll <= 1
    assert page.errors == []


def test_its_slider_works_inside_the_iframe(page, live_server, article, client, demo):
    origin = live_origin(live_server)
    html = snippet(client, origin, f"{origin}/conflicts/nagorno-karabakh-2020/?date=2020-10-02")
    page.goto(publish_article(article, html))
    frame = page.frame_locator("iframe[data-conflictmap-embed]")
    embed_map = frame.locator("#embed-map")
    expect(embed_map).to_have_attribute("data-rendered-date", "2020-10-02")
    # On 2 October the NK authorities hold Madagiz; the slider moves the map to 3 October.
    frame.locator(".cm-range").focus()
    frame.locator(".cm-range").press("ArrowRight")
    expect(embed_map).to_have_attribute("data-rendered-date", "2020-10-03")
    expect(frame.locator("#embed-date")).to_have_text("3 October 2020")
    # The map fetched the state on the new date from the API of its own origin.
    places = frame.locator("#embed-map").evaluate("e => e.getAttribute('aria-busy')")
    assert places is None
    assert page.errors == [], page.errors
    assert page.blocked == [], page.blocked


def test_it_locks_the_date_without_the_slider(page, live_server, demo):
    page.goto(f"{live_origin(live_server)}/embed/nagorno-karabakh-2020/?date=2020-10-03&controls=timeline&theme=dark")
    expect(page.locator("#embed-map")).to_have_attribute("data-rendered-date", "2020-10-03")
    assert page.locator(".cm-range").count() == 0
    expect(page.locator("#embed-timeline")).to_be_visible()
    assert page.locator("html").get_attribute("data-theme") == "dark"
    assert page.errors == [], page.errors


def test_the_builder_snippet_reproduces_the_view(page, live_server, article, demo):
    origin = live_origin(live_server)
    page.goto(f"{origin}/conflicts/nagorno-karabakh-2020/?date=2020-10-03&lat=40.2&lng=46.7&zoom=9&types=Battles")
    page.click("#embed-button")
    page.select_option("select[name=mode]", "locked")
    page.select_option("select[name=theme]", "dark")
    code = page.input_value(".eb-code")
    assert "date=2020-10-03&amp;center=40.2000,46.7000&amp;zoom=9&amp;type=Battles&amp;controls=none&amp;theme=dark" in code
    preview = page.frame_locator(".eb-preview")
    expect(preview.locator("#embed-map")).to_have_attribute("data-rendered-date", "2020-10-03")
    page.errors.clear()  # the map page's own checks live in tests/e2e
    # The copied snippet works on an article from another origin and shows the same view.
    page.goto(publish_article(article, code))
    frame = page.frame_locator("iframe[data-conflictmap-embed]")
    expect(frame.locator("#embed-map")).to_have_attribute("data-rendered-date", "2020-10-03")
    assert frame.locator(".cm-range").count() == 0
    assert frame.locator("html").get_attribute("data-theme") == "dark"
    expect(page.locator("iframe")).not_to_have_attribute("height", "600")
    assert page.errors == [], page.errors


def test_it_keeps_its_height_attribute_without_the_loader(page, live_server, article, client, demo):
    origin = live_origin(live_server)
    html = snippet(client, origin, f"{origin}/embed/nagorno-karabakh-2020/")
    bare = re.sub(r"<script[^>]*></script>", "", html)
    page.goto(publish_article(article, bare))
    frame = page.frame_locator("iframe")
    expect(frame.locator("h1")).to_have_text("Nagorno-Karabakh war, 2020")
    page.wait_for_timeout(300)  # give a (wrongly) resizing script the time to act
    assert page.locator("iframe").get_attribute("height") == "600"
    assert page.errors == []


def test_it_ignores_resize_messages_from_other_frames(page, live_server, article, client, demo):
    origin = live_origin(live_server)
    html = snippet(client, origin, f"{origin}/embed/nagorno-karabakh-2020/")
    page.goto(publish_article(article, html))
    frame = page.frame_locator("iframe[data-conflictmap-embed]")
    expect(frame.locator("h1")).to_be_visible()
    expect(page.locator("iframe")).not_to_have_attribute("height", "600")
    height = page.locator("iframe").get_attribute("height")
    # The article page itself (another origin than the iframe's src) cannot resize it.
    page.evaluate("window.postMessage({type: 'conflictmap:resize', id: 'x', height: 5}, '*')")
    page.wait_for_timeout(200)
    assert page.locator("iframe").get_attribute("height") == height


def test_it_is_refused_as_a_frame_everywhere_but_the_embed(page, live_server, article, demo):
    origin = live_origin(live_server)
    page.goto(publish_article(article, (
        f'<iframe id="admin" src="{origin}/admin/login/" title="admin"></iframe>'
        f'<iframe id="embed" src="{origin}/embed/nagorno-karabakh-2020/" title="map"></iframe>'
    )))
    expect(page.frame_locator("#embed").locator("h1")).to_have_text("Nagorno-Karabakh war, 2020")
    admin = page.locator("#admin").element_handle().content_frame()
    assert admin.evaluate("document.title") != "Log in | Django site admin"
    assert admin.url.startswith("chrome-error://")
    page.errors.clear()  # Chromium logs the refused frame as a console error, as it should


def test_it_has_no_serious_accessibility_violations(page, live_server, demo):
    for theme in ("light", "dark"):
        page.goto(f"{live_origin(live_server)}/embed/nagorno-karabakh-2020/?date=2020-10-03&theme={theme}")
        expect(page.locator("h1")).to_be_visible()
        assert serious_violations(page) == []
        assert page.errors == []
