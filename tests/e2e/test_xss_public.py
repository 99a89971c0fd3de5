"""The XSS corpus never runs on the public pages: map (popups, timeline, search), embed, lists.

Every text field and URL of *published* records carries the corpus of tests/helpers/xss.py
(its `seed_xss`, as in test_admin_xss.py: place and alternate names, party names, conflict name and
description, event descriptions, claim summaries, claimant names and roles, source
outlets, titles and http(s) URLs that pass validation, correction notes). Every popup and
timeline item is opened and the search box is used. Any dialog, page error, console
error, CSP violation, element created by a payload ([data-xss], img[onerror], svg[onload],
a javascript: link, a script that is not ours) fails the test.
"""

import datetime

import pytest

from tests.helpers.browser import POPUP_READY
from tests.helpers.xss import XSS_DATE, XSS_URLS, seed_xss

pytestmark = pytest.mark.django_db(transaction=True)

DAY = (XSS_DATE + datetime.timedelta(days=2)).isoformat()  # the published control change (seed), events of XSS_DATE in the window

CREATED_BY_PAYLOADS = ", ".join([
    "[data-xss]", "img[onerror]", "svg[onload]", "[onmouseover]", "[ontoggle]", "details[open][data-xss]",
    'a[href^="javascript:"]', 'iframe[src^="javascript:"]', "iframe:not(.eb-preview)", "style[data-xss]",
])

FOREIGN_SCRIPTS = r"""() => [...document.scripts]
  .filter(s => !(s.type === 'application/json' || s.type === 'importmap'
                 || (s.src && new URL(s.src).origin === location.origin
                     && /^\/(static\/|api\/docs\/$)/.test(new URL(s.src).pathname))))
  .map(s => s.outerHTML.slice(0, 120))"""


@pytest.fixture
def hostile(page):
    seeded = seed_xss(None)
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page.dialogs = dialogs
    return seeded.conflict


def assert_inert(page, where):
    assert page.dialogs == [], (where, page.dialogs)
    assert page.evaluate("window.__xss") is None, where
    assert page.query_selector_all(CREATED_BY_PAYLOADS) == [], (where, page.eval_on_selector_all(
        CREATED_BY_PAYLOADS, "els => els.map(e => e.outerHTML.slice(0, 120))"))
    assert page.evaluate(FOREIGN_SCRIPTS) == [], where
    assert page.evaluate("window.__csp") == [], (where, page.evaluate("window.__csp"))
    assert page.log.page_errors == [], where
    assert page.log.console_errors == [], (where, page.log.console_errors)
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
        assert href.startswith(("http://", "https://")), (where, href)


def open_everything(page, load, where, links=None):
    """Every place popup, every timeline item (event and place popups); returns the popup texts.

    `links`, if given, collects the href of every claim's source link in those popups, read while the
    popup is open (after a later pan or search the popup may be redrawn or closed).
    """
    texts = []

    def collect_links():
        if links is not None:
            links.extend(page.eval_on_selector_all(".leaflet-popup-content .cm-claim a", "els => els.map(e => e.href)"))

    load()
    for slug in page.eval_on_selector_all("path[data-place]", "els => els.map(e => e.dataset.place)"):
        load()  # a popup pans the map: start afresh for each marker
        page.locator(f'path[data-place="{slug}"]').click(force=True)
        page.wait_for_selector(f".leaflet-popup-content [data-place='{slug}']")
        texts.append(page.inner_text(".leaflet-popup-content"))
        collect_links()
        page.locator(".leaflet-popup-content").hover()
        assert_inert(page, f"{where}: place popup {slug}")
    items = page.locator(".cm-timeline-items button.cm-item")
    assert items.count() >= 2, where  # the published event and control change
    for index in range(items.count()):
        items.nth(index).click()
        page.wait_for_selector(POPUP_READY)
        texts.append(page.inner_text(".leaflet-popup-content"))
        collect_links()
        assert_inert(page, f"{where}: timeline item {index}")
    return texts


def test_the_corpus_never_runs_on_the_map(page, hostile):
    url = f"{page.live_url}/conflicts/{hostile.slug}/?date={DAY}"

    def load():
        page.goto(url)
        page.wait_for_selector(f'#map[data-rendered-date="{DAY}"]:not([aria-busy])')

    links = []
    texts = open_everything(page, load, "map", links)
    # the payloads are there, as text: the test did show them
    assert any("<script data-xss>" in text for text in texts)
    assert any("onerror" in text for text in texts)
    for probe in ("script", "img", "svg", "javascript"):
        page.fill(".cm-search input", probe)
        page.wait_for_timeout(100)
        assert_inert(page, f"search {probe}")
    page.fill(".cm-search input", "data-xss")
    # The hostile names are found, as text (waited for: the search asks the server after a pause).
    page.wait_for_selector(".cm-search-result")
    page.locator(".cm-search-result").first.click()
    assert_inert(page, "search result")
    # the source links are real https links with the payload percent-encoded, never markup
    assert links and all(link.startswith("https://example.org/") for link in links)
    assert page.log.outside_requests == []


@pytest.mark.parametrize("controls", ["slider,timeline", "timeline"])
def test_the_corpus_never_runs_in_the_embed(page, hostile, controls):
    url = f"{page.live_url}/embed/{hostile.slug}/?date={DAY}&controls={controls}"

    def load():
        page.goto(url)
        page.wait_for_selector(f'#embed-map[data-rendered-date="{DAY}"]:not([aria-busy])')
        page.evaluate("document.getElementById('embed-details').open = true")

    load()
    summary = page.inner_text("#embed-summary")
    assert "<script data-xss>" in summary  # the server-rendered summary shows them as text
    assert_inert(page, "embed summary")
    open_everything(page, load, f"embed {controls}")
    assert page.log.outside_requests == []


def test_the_corpus_never_runs_on_the_lists_and_corrections_pages(page, hostile):
    for path in ("/", f"/conflicts/{hostile.slug}/corrections/", "/corrections/", "/api/docs/"):
        response = page.goto(page.live_url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert_inert(page, path)
    page.goto(page.live_url + "/")
    assert "<script data-xss>" in page.inner_text("main")
    assert XSS_URLS  # the URL payloads are in the seed's sources (see tests.helpers.xss.seed_xss)
