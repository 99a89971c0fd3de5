"""The `lang` parameter of the endpoints that name places (docs/place-names.md).

LanguageMiddleware (conflictmap/locale.py) has already activated the request's language: a known
`?lang=`, else Accept-Language, else English; it ignores an unknown `?lang=`. The API refuses one
instead, with a 400 like any other bad parameter, so a client never gets labels in a language it
did not ask for.
"""

from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter

from ..placenames import LANGUAGES, current_language


def language_errors(query):
    """{"lang": [message]} for an empty or unknown `lang` in the QueryDict `query`, else {}."""
    values = query.getlist("lang")
    bad = [value for value in values if value not in LANGUAGES]
    if not bad:
        return {}
    if any(not value.strip() for value in bad):
        return {"lang": [gettext("lang is empty: give a value or leave the parameter out.")]}
    message = gettext("Unknown language %(value)s: use one of %(choices)s.")
    return {"lang": [message % {"value": repr(bad[0][:20]), "choices": ", ".join(LANGUAGES)}]}


def request_language(request):
    """The language place labels are given in (after language_errors found none)."""
    values = request.GET.getlist("lang")
    return values[-1] if values else current_language()


def language_parameter():
    return OpenApiParameter(
        "lang",
        {"type": "string", "enum": list(LANGUAGES)},
        description="The language of each place's `label` (docs/place-names.md). Without it, the request's "
        "Accept-Language, then English. Every place also carries `names`, its name in each language.",
    )
