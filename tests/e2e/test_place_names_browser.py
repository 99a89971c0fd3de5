"""Place names in the reader's language on the map (docs/place-names.md): with ?lang=ru the labels, the
search results, the popup and the timeline name Stepanakert "Степанакерт (Ханкенди)"."""

from playwright.sync_api import expect

from tests.helpers.browser import map_url, wait_rendered

SHOWN = ".leaflet-tooltip.cm-place-label:not(.cm-place-label--hidden)"
RU = "Степанакерт (Ханкенди)"


def test_the_map_in_russian_labels_places_in_russian_with_the_other_name_in_brackets(page, war):
    page.goto(map_url(page, "2020-11-08", lat=39.8, lng=46.75, zoom=12, lang="ru"))
    wait_rendered(page, "2020-11-08")
    expect(page.locator(SHOWN, has_text=RU)).to_be_visible()
    expect(page.locator(SHOWN, has_text="Шуша (Шуши)")).to_be_visible()
    assert not page.locator(SHOWN, has_text="Stepanakert").count()

    # Found by its Armenian name, shown by its Russian label, its popup titled the same.
    page.fill(".cm-search input", "Ստեփանակերտ")
    page.wait_for_function(
        "() => document.querySelector('.cm-search-result') && /Ханкенди/.test(document.querySelector('.cm-search-result').textContent)"
    )
    page.locator(".cm-search-result").first.click()
    expect(page.locator(".leaflet-popup-content [data-place='stepanakert'] h3")).to_have_text(RU)


def test_the_map_in_azerbaijani_and_in_english(page, war):
    page.goto(map_url(page, "2020-11-08", lat=39.8, lng=46.75, zoom=12, lang="az"))
    wait_rendered(page, "2020-11-08")
    expect(page.locator(SHOWN, has_text="Xankəndi (Stepanakert)")).to_be_visible()
    page.goto(map_url(page, "2020-11-08", lat=39.8, lng=46.75, zoom=12))
    wait_rendered(page, "2020-11-08")
    expect(page.locator(SHOWN, has_text="Stepanakert (Khankendi)")).to_be_visible()
