"""The browser's texts in Armenian, Azerbaijani and Russian, in real Chromium (issue 14).

What JavaScript draws (controls, legend, slider, timeline, popups) is checked against the djangojs
catalogue: no English fragment of any of its messages may be left in those parts of the page in
another language. Left out of the check: data (descriptions, claim quotes, outlet, claimant and series
names: the editors' text, marked .cm-data or in their own elements) and the labels the server hands
the map in its configuration (event types, statuses, parties: the server's catalogue, tested with it).
"""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.helpers.browser import map_url, popup_shown, serious_violations, wait_rendered

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ["hy", "az", "ru"]
# November in each language, as Intl writes a long date (the slider's label, the timeline's headings).
NOVEMBER = {"hy": "նոյեմբերի", "az": "noyabr", "ru": "ноября"}
DAY = "2020-11-08"
# The parts of the page JavaScript writes, minus the editors' own text in them.
RENDERED_TEXT = """() => {
  const parts = [...document.querySelectorAll(
    '.leaflet-control-container, .cm-timeline, .leaflet-popup-content')];
  const rendered = parts.map((part) => {
    const copy = part.cloneNode(true);
    for (const data of copy.querySelectorAll('q, .cm-data, .cm-claimant, .cm-claim a, .cm-territory-note,'
        + ' .cm-names span[lang], .leaflet-control-attribution a')) data.remove();
    // The language switcher names each language in itself: "English" is its own name, not a message.
    for (const option of copy.querySelectorAll('.cm-language option')) option.remove();
    // Text node by text node: words of two elements side by side stay apart.
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
    const texts = [];
    while (walker.nextNode()) texts.push(walker.currentNode.nodeValue);
    return texts.join('\\n');
  }).join('\\n');
  // The server's labels (map configuration): its own catalogue's business.
  const config = JSON.parse(document.getElementById('map-config').textContent);
  const served = [
    ...config.eventTypes.flatMap((t) => [t.label, t.value]),
    ...config.verification.map((v) => v.label),
    ...config.controlStatuses.map((s) => s.label),
    ...config.conflict.parties.flatMap((p) => [p.name, p.short_name]),
  ].filter(Boolean).sort((a, b) => b.length - a.length);
  return served.reduce((text, label) => text.split(label).join(' '), rendered);
}"""


def po_strings(lang, keys):
    r"""The msgids (keys "msgid", "msgid_plural") or msgstrs (r"msgstr(\[\d\])?") of a djangojs catalogue."""
    text = (ROOT / "locale" / lang / "LC_MESSAGES" / "djangojs.po").read_text()
    found = []
    for block in text.split("\n\n")[1:]:
        for match in re.finditer(rf'^(?:{keys}) "(.*)"((?:\n".*")*)', block, re.M):
            found.append(match.group(1) + "".join(re.findall(r'"(.*)"', match.group(2))))
    return found


def msgid_fragments(lang):
    """The English words of every djangojs message: the parts between its %(name)s placeholders.

    A fragment counts when it is two words or more, or one word of six letters or more (short single
    words such as "red" or "star" would match names in the data), and when the language's own
    translations do not use it too (Azerbaijani writes "Status" as English does).
    """
    msgids = po_strings(lang, "msgid|msgid_plural")
    translations = "\n".join(po_strings(lang, r"msgstr(?:\[\d\])?"))
    fragments = set()
    for msgid in msgids:
        for part in re.split(r"%\(\w+\)s", msgid):
            part = part.strip(" .,:;()—·-")
            words = re.findall(r"[A-Za-z]+", part)
            if len(words) >= 2 or (len(words) == 1 and len(words[0]) >= 6 and part == words[0]):
                fragments.add(part)
    fragments = {f for f in fragments if not re.search(rf"(?<![A-Za-z]){re.escape(f)}(?![A-Za-z])", translations)}
    assert len(fragments) > 120, "the catalogue was read"
    return fragments


def english_left(text, lang):
    fragments = msgid_fragments(lang)
    return sorted(f for f in fragments if re.search(rf"(?<![A-Za-z]){re.escape(f)}(?![A-Za-z])", text))


def open_change_popup(page):
    """A place's popup from the timeline; its control history arrives after it opens (a second request)."""
    page.locator("button.cm-item--change").first.click()
    page.wait_for_selector(".leaflet-popup-content .cm-popup--place")
    page.wait_for_selector(".leaflet-popup-content .cm-history-list, .leaflet-popup-content .cm-history .cm-error")
    popup_shown(page)


def assert_clean(page):
    assert page.log.page_errors == []
    assert page.log.console_errors == []
    assert page.log.outside_requests == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_map_page_has_no_english_left_in_what_javascript_draws(page, lang):
    page.goto(map_url(page, DAY, lang=lang))
    wait_rendered(page, DAY)
    assert page.get_attribute("html", "lang") == lang
    page.click(".cm-filters summary")  # the filters' texts are in the page only once opened
    legend = page.locator(".cm-legend")
    if legend.get_attribute("open") is None:
        page.click(".cm-legend summary")
    assert NOVEMBER[lang] in page.inner_text(".cm-day-label")
    assert NOVEMBER[lang] in page.inner_text(".cm-timeline-summary")
    open_change_popup(page)
    text = page.evaluate(RENDERED_TEXT)
    assert english_left(text, lang) == [], text
    # An event's popup too, and the territory's (fetched with the day; its popup opens from the timeline).
    page.keyboard.press("Escape")
    page.locator("button.cm-item--event").first.click()
    page.wait_for_selector(".leaflet-popup-content .cm-popup--event")
    assert english_left(page.evaluate(RENDERED_TEXT), lang) == []
    territory = page.locator("button.cm-item--territory")
    if territory.count():
        territory.first.click()
        page.wait_for_selector(".leaflet-popup-content .cm-popup--territory")
        assert english_left(page.evaluate(RENDERED_TEXT), lang) == []
    assert_clean(page)


def test_the_check_finds_english_in_an_english_page(page):
    # The same check on the English page finds the messages: it would catch one left untranslated.
    page.goto(map_url(page, DAY, lang="en"))
    wait_rendered(page, DAY)
    open_change_popup(page)
    left = english_left(page.evaluate(RENDERED_TEXT), "ru")
    assert {"Legend", "Filters", "Control history up to this date"} <= set(left)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_embed_has_no_english_left_in_what_javascript_draws(page, settings, lang):
    settings.EMBED_LANGUAGES = ["en", "hy", "az", "ru"]
    page.goto(f"{page.live_url}/embed/nagorno-karabakh-2020/?date={DAY}&lang={lang}&controls=slider,timeline")
    expect(page.locator("#embed-map")).to_have_attribute("data-rendered-date", DAY)
    assert page.get_attribute("html", "lang") == lang
    assert NOVEMBER[lang] in page.inner_text(".cm-day-label")
    assert NOVEMBER[lang] in page.inner_text("#embed-date")
    page.click(".cm-legend summary")
    open_change_popup(page)
    text = page.evaluate(RENDERED_TEXT)
    assert english_left(text, lang) == [], text
    assert_clean(page)


def query(page):
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query).items()}


def test_the_language_is_kept_in_the_address_and_the_switcher_keeps_the_view(page):
    page.goto(map_url(page, "2020-10-03", lang="ru", zoom="9", lat="40.2", lng="46.7"))
    wait_rendered(page, "2020-10-03")
    assert query(page)["lang"] == "ru"
    page.click(".cm-slider button.cm-step >> nth=1")  # the next day: the address is rewritten
    wait_rendered(page, "2020-10-04")
    assert query(page)["lang"] == "ru" and query(page)["date"] == "2020-10-04"
    page.select_option(".cm-language select", "az")
    page.wait_for_function("() => document.documentElement.lang === 'az'")
    wait_rendered(page, "2020-10-04")
    after = query(page)
    assert after["lang"] == "az" and after["date"] == "2020-10-04" and after["zoom"] == "9"
    assert page.get_attribute(".cm-language select option[value=hy]", "lang") == "hy"
    assert page.inner_text(".cm-language label") == "Dil"
    assert_clean(page)


def test_the_api_is_asked_in_the_page_language(page):
    asked = []
    page.on("request", lambda request: "/api/" in request.url and asked.append(request.url))
    page.goto(map_url(page, "2020-10-03", lang="hy"))
    wait_rendered(page, "2020-10-03")
    assert asked and all("lang=hy" in url for url in asked if "/api/" in url and "basemap" not in url), asked


def test_accept_language_chooses_the_language_and_the_address_keeps_it(browser, live_server, demo, plain_static):
    context = browser.new_context(locale="hy", viewport={"width": 1280, "height": 800})
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(live_server.url) else r.abort())
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/conflicts/nagorno-karabakh-2020/?date=2020-10-03")
        page.wait_for_selector('#map[data-rendered-date="2020-10-03"]:not([aria-busy])')
        assert page.get_attribute("html", "lang") == "hy"
        assert page.inner_text(".cm-legend summary") == "Պայմանական նշաններ"
        page.wait_for_function("() => location.search.includes('lang=hy')")
    finally:
        context.close()


def test_the_builder_offers_the_language_and_the_snippet_carries_it(page, settings):
    settings.EMBED_LANGUAGES = ["en", "hy", "az", "ru"]
    page.goto(map_url(page, "2020-10-03", lang="ru"))
    wait_rendered(page, "2020-10-03")
    page.click("#embed-button")
    assert page.input_value("select[name=lang]") == "ru"
    assert "lang=ru" in page.input_value(".eb-code")
    page.select_option("select[name=lang]", "hy")
    code = page.input_value(".eb-code")
    assert "lang=hy" in code and "lang=ru" not in code
    preview = page.frame_locator(".eb-preview")
    expect(preview.locator("html")).to_have_attribute("lang", "hy")
    page.select_option("select[name=lang]", "en")
    assert "lang=" not in page.input_value(".eb-code")  # English is the embed's default


def test_armenian_has_no_serious_accessibility_violations(page):
    page.goto(map_url(page, "2020-10-03", lang="hy"))
    wait_rendered(page, "2020-10-03")
    page.click(".cm-filters summary")
    open_change_popup(page)
    assert serious_violations(page) == []
    # The Armenian font comes from our server.
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Armenian\"', 'Հայերեն')")
    assert_clean(page)
