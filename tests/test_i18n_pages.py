"""Every page in every language (docs/i18n.md): chosen by ?lang= or Accept-Language, with the right
<html lang> and Content-Language, translated text, and dates and numbers in the language's own format."""

import datetime
import json
import logging

import pytest
from django.conf import settings
from django.utils import formats, translation

from tests.helpers.embed import EMBED

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unhashed_static")]

# One phrase of each page, in each language, as the catalogue (locale/*/LC_MESSAGES/django.po) has it.
PAGES = {
    "/": {"en": "Conflicts", "hy": "Հակամարտություններ", "az": "Münaqişələr", "ru": "Конфликты"},
    "/conflicts/nagorno-karabakh-2020/": {"en": "Skip to content", "hy": "Անցնել բովանդակությանը",
                                          "az": "Məzmuna keç", "ru": "Перейти к содержимому"},
    EMBED: {"en": "Open the full map", "hy": "Բացել ամբողջական քարտեզը", "az": "Tam xəritəni aç",
            "ru": "Открыть полную карту"},
    "/corrections/": {"en": "Corrections", "hy": "Ուղղումներ", "az": "Düzəlişlər", "ru": "Исправления"},
    "/ogc/?f=html": {"en": "This document as JSON", "hy": "Այս փաստաթուղթը JSON ձևաչափով",
                     "az": "Bu sənəd JSON formatında", "ru": "Этот документ в формате JSON"},
}
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def with_query(url, query):
    return url + ("&" if "?" in url else "?") + query


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("url", PAGES)
def test_each_page_speaks_the_language_of_lang_and_of_accept_language(client, demo, url, lang):
    for response in (client.get(with_query(url, f"lang={lang}")), client.get(url, HTTP_ACCEPT_LANGUAGE=lang)):
        body = response.content.decode()
        assert response.status_code == 200
        assert response["Content-Language"] == lang
        assert f'<html lang="{lang}"' in body
        assert PAGES[url][lang] in body
        if lang != "en":
            assert PAGES[url]["en"] not in body


def test_lang_wins_over_accept_language_and_an_unknown_one_is_ignored(client, demo):
    assert client.get("/?lang=az", HTTP_ACCEPT_LANGUAGE="ru")["Content-Language"] == "az"
    assert client.get("/?lang=xx", HTTP_ACCEPT_LANGUAGE="ru")["Content-Language"] == "ru"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Content-Language"] == "en"


@pytest.mark.parametrize(
    ("lang", "heading", "date", "area"),
    [
        ("en", "Text summary for 8 November 2020", "since 8 November 2020", "about 4,400 km²"),
        ("ru", "Текстовая сводка на 8 ноября 2020 г.", "с <time datetime=\"2020-11-08\">8 ноября 2020 г.</time>",
         "около 4\xa0400 км²"),
        ("hy", "Տեքստային ամփոփում՝ 8 նոյեմբերի 2020 թ.", "սկսած <time datetime=\"2020-11-08\">8 նոյեմբերի 2020 թ.</time>",
         "մոտ 4\xa0400 կմ²"),
        ("az", "8 noyabr 2020 üçün mətn xülasəsi", "<time datetime=\"2020-11-08\">8 noyabr 2020</time> tarixindən",
         "təxminən 4\xa0400 km²"),
    ],
)
def test_the_embed_summary_is_in_the_language_with_its_dates_and_numbers(client, demo, lang, heading, date, area):
    body = client.get(EMBED + f"?date=2020-11-08&lang={lang}").content.decode()
    assert heading in body
    assert date in body or date in body.replace('<time datetime="2020-11-08">', "").replace("</time>", "")
    assert area in body
    options = json.loads(body.split('id="embed-options" type="application/json">')[1].split("</script>")[0])
    assert options["lang"] == lang


def test_the_embed_lowercases_a_status_by_the_language_s_rules(client, demo):
    body = client.get(EMBED + "?date=2020-10-20&lang=az").content.decode()
    assert "(bəyan edilib)" in body or "(iddia edilib)" in body
    assert "i̇" not in body  # "İ".lower() in Python: i + combining dot


def test_the_embed_follows_accept_language_without_lang_and_falls_back_on_an_unknown_lang(client, demo, caplog):
    hy = client.get(EMBED, HTTP_ACCEPT_LANGUAGE="hy")
    assert '<html lang="hy"' in hy.content.decode() and hy["Content-Language"] == "hy"
    with caplog.at_level(logging.WARNING, logger="geodata.embed"):
        unknown = client.get(EMBED + "?lang=xx", HTTP_ACCEPT_LANGUAGE="ru")
    assert unknown.status_code == 200  # an embed never shows an error page (geodata/embed/params.py)
    assert '<html lang="ru"' in unknown.content.decode()
    assert "lang='xx' is not an available language; using ru" in caplog.text


def test_the_embed_links_the_full_map_in_its_language(client, demo):
    body = client.get(EMBED + "?date=2020-11-08&lang=ru").content.decode()
    assert "/conflicts/nagorno-karabakh-2020/?date=2020-11-08&amp;lang=ru" in body
    english = client.get(EMBED + "?date=2020-11-08").content.decode()
    assert "/conflicts/nagorno-karabakh-2020/?date=2020-11-08\"" in english


def test_oembed_titles_are_in_the_language_of_the_url_or_of_the_request(client, demo):
    url = "http://testserver/embed/nagorno-karabakh-2020/?date=2020-10-03"
    assert client.get("/oembed", {"url": url + "&lang=ru"}).json()["title"] == (
        "Карта: Nagorno-Karabakh war, 2020, 3 октября 2020 г.")
    data = client.get("/oembed", {"url": url}, HTTP_ACCEPT_LANGUAGE="hy").json()
    assert data["title"] == "Քարտեզ. Nagorno-Karabakh war, 2020, 3 հոկտեմբերի 2020 թ."
    assert "lang=" not in data["html"]  # no lang in the URL: the embed speaks each reader's language
    assert "lang=ru" in client.get("/oembed", {"url": url + "&lang=ru"}).json()["html"]
    error = client.get("/oembed", {"url": ""}, HTTP_ACCEPT_LANGUAGE="az")
    assert error.status_code == 400 and "url parametri mütləqdir" in error.json()["detail"]


def test_api_errors_are_in_the_language_asked_for(api_client, demo):
    english = api_client.get("/api/events/", {"conflict": "no-such-war"}).json()
    russian = api_client.get("/api/events/", {"conflict": "no-such-war"}, HTTP_ACCEPT_LANGUAGE="ru").json()
    assert english["conflict"] == ["No conflict with that slug."]
    assert russian["conflict"] == ["Нет конфликта с таким slug."]
    bbox = api_client.get("/api/events/", {"conflict": demo.slug, "bbox": "1,2,3", "lang": "hy"}).json()
    assert bbox["bbox"] == ["bbox-ին անհրաժեշտ է ուղիղ 4 թիվ (minlon,minlat,maxlon,maxlat), ստացվել է 3։"]


def test_ogc_json_titles_follow_the_language_too(api_client, demo):
    assert api_client.get("/ogc/collections", {"f": "json"}, HTTP_ACCEPT_LANGUAGE="ru").json()["title"] == "Коллекции"
    assert api_client.get("/ogc/collections", {"f": "json"}).json()["title"] == "Collections"


@pytest.mark.parametrize(
    ("lang", "date", "number"),
    [("en", "2 November 2020", "12,345.5"), ("hy", "2 նոյեմբերի 2020 թ.", "12\xa0345,5"),
     ("az", "2 noyabr 2020", "12\xa0345,5"), ("ru", "2 ноября 2020 г.", "12\xa0345,5")],
)
def test_dates_and_numbers_use_the_language_s_formats(lang, date, number):
    """conflictmap/formats/: Django has none for hy, and our house style for en is "2 November 2020"."""
    with translation.override(lang):
        assert formats.date_format(datetime.date(2020, 11, 2)) == date
        assert formats.number_format(12345.5, 1, force_grouping=True) == number
