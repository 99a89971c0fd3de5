"""{% js_catalog %}: the browser's catalogue for the active language (geodata/templatetags/js_i18n.py)."""

import json
import re
from pathlib import Path

from django.conf import settings
from django.template import Context, Template
from django.utils import translation


def rendered(lang):
    with translation.override(lang):
        html = Template("{% load js_i18n %}{% js_catalog %}").render(Context())
    match = re.fullmatch(r'<script id="cm-i18n" type="application/json">(.*)</script>', html, re.S)
    assert match, html
    return json.loads(match.group(1))


def test_english_has_no_catalogue_and_every_language_is_listed():
    data = rendered("en")
    assert data["lang"] == "en" and data["catalog"] == {}
    assert [code for code, _name in data["languages"]] == ["en", "hy", "az", "ru"]


def test_a_language_gets_our_djangojs_messages_only_with_its_plural_forms():
    data = rendered("ru")
    catalog = data["catalog"]
    assert data["lang"] == "ru"
    assert catalog["Legend"] == "Условные обозначения"
    assert len(catalog["%(n)s place found"]) == 4  # one, few, many, other
    assert catalog["status word\x04claimed"] == "заявлено"
    # Not the admin's own JavaScript catalogue (django.contrib.admin's djangojs domain).
    assert "Available %s" not in catalog and "Now" not in catalog
    assert len(catalog) < 400


def test_the_element_cannot_be_closed_from_inside_and_keeps_text_as_text():
    with translation.override("hy"):
        html = Template("{% load js_i18n %}{% js_catalog %}").render(Context())
    assert "Պայմանական նշաններ" in html  # UTF-8, not \\u escapes
    assert html.count("</script>") == 1 and "<" not in html[len('<script id="cm-i18n" type="application/json">'):-9]


def test_the_scripts_default_languages_are_the_settings():
    source = (Path(settings.BASE_DIR) / "static/js/i18n/languages.js").read_text()
    listed = re.findall(r"\['(\w+)', '([^']+)'\]", source)
    assert listed == [(code, str(name)) for code, name in settings.LANGUAGES]
