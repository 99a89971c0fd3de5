"""`{% js_catalog %}`: the browser's translations for the active language, as a json_script element.

{"lang": "hy", "catalog": {msgid: text or [plural forms]}, "languages": [[code, name], ...]}:
the languages (settings.LANGUAGES, each named in itself) are the map's language switcher's.

The front-end modules translate through static/js/i18n/i18n.js, which the page's entry module
fills from this element (id "cm-i18n") before it builds anything: no inline script (strict CSP)
and no extra request. Only our own djangojs domain (locale/*/LC_MESSAGES/djangojs.po) is read, not
every installed app's (the admin's JavaScript catalogue alone is larger than ours), so the
element stays small (about 17 KB in Armenian or Russian, before gzip).
"""

from functools import lru_cache

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.html import json_script
from django.utils.translation.trans_real import DjangoTranslation
from django.views.i18n import JavaScriptCatalog

register = template.Library()

ELEMENT_ID = "cm-i18n"


class _TextEncoder(DjangoJSONEncoder):
    """UTF-8 text as is, not as \\u escapes: an Armenian or Russian catalogue is a third the size.

    json_script still escapes <, > and & (the element cannot be closed from inside).
    """

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


@lru_cache(maxsize=16)
def catalog_for(language):
    """{msgid: translation or [plural forms]} of the djangojs domain in `language` ({} in English).

    Cached per process: the .mo files change only with a deploy (scripts/setup.sh compiles them).
    """
    view = JavaScriptCatalog()
    view.translation = DjangoTranslation(
        language, domain="djangojs", localedirs=[str(path) for path in settings.LOCALE_PATHS]
    )
    # Untranslated entries (an empty msgstr) are left out: the browser shows the msgid for them.
    return {key: value for key, value in view.get_catalog().items() if value and value != [""] * len(value)}


@register.simple_tag
def js_catalog():
    language = translation.get_language() or settings.LANGUAGE_CODE
    code = translation.get_supported_language_variant(language)
    languages = [[lang, str(name)] for lang, name in settings.LANGUAGES]
    data = {"lang": code, "catalog": catalog_for(code), "languages": languages}
    return json_script(data, ELEMENT_ID, encoder=_TextEncoder)
