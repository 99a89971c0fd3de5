"""What a reader sees of a page, data aside: for the checks that no English is left in a translated page
(tests/test_translations.py, tests/test_admin_i18n.py)."""

import html.parser

from django.apps import apps
from django.db import models

VISIBLE_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "data-title")


class VisibleText(html.parser.HTMLParser):
    """The text a reader sees or hears: text nodes outside script and style, labels in attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style"):
            self.hidden += 1
        self.parts.extend(attrs[name] for name in VISIBLE_ATTRIBUTES if attrs.get(name))
        if tag == "meta" and attrs.get("name") == "description":
            self.parts.append(attrs.get("content") or "")
        if tag == "input" and attrs.get("type") == "submit":
            self.parts.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(body):
    parser = VisibleText()
    parser.feed(body)
    return "\n".join(parser.parts)


def data_strings():
    """Every text value of the database (names, descriptions, summaries, outlets...): data, not interface."""
    values = set()
    for model in apps.get_app_config("geodata").get_models():
        # Codes (choices, language tags, slugs) are not text a reader sees, and a tag like "en"
        # would cut every English word that contains it.
        fields = [f.name for f in model._meta.fields if isinstance(f, models.CharField | models.TextField)
                  and not f.choices and f.name not in ("language", "slug")]
        if fields:
            for row in model._base_manager.values_list(*fields):
                values.update(str(v) for v in row if v)
    return sorted(values, key=len, reverse=True)


def without_data(text, data):
    for value in data:
        text = text.replace(value, " ")
    return text
