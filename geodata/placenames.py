"""Place names in the reader's language under the neutral policy (docs/place-names.md).

The label of a place in language L: its primary name in L (the canonical, English name when
it has none in L), then " (…)" with its bracket names in L (the other side's name), those
that differ from the primary, in code-point order, joined by " / ". In English that is the
display name the map always showed: "Stepanakert (Khankendi)"; in Russian
"Степанакерт (Ханкенди)", in Azerbaijani "Xankəndi (Stepanakert)", in Armenian
"Ստեփանակերտ (Խանքենդի)".

The same rule is the SQL function geodata_place_label(id, name, language), and `names` is
geodata_place_names(id, name, languages) (migration 0014_place_name_roles); the API, the vector
tiles and the exports call them, and tests/test_rules_sql_python.py compares them with this module
on crafted cases and on every demo place in every language.
This module does not import the models (the public packages may import it).
"""

from django.conf import settings
from django.db.models import F, Func, TextField, Value
from django.utils import translation

from .choices import NameRole

# The languages a place has names and a label in: the interface's languages.
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT = settings.LANGUAGE_CODE


def current_language():
    """The request's language (LanguageMiddleware activated it), as one of LANGUAGES."""
    language = (translation.get_language() or DEFAULT).split("-")[0]
    return language if language in LANGUAGES else DEFAULT


def _alternates(place):
    return list(place.alternate_names.all())  # prefetched by the callers that list many places


def name_in(place, language, alternates=None):
    """The place's primary name in `language`, else its canonical name."""
    alternates = _alternates(place) if alternates is None else alternates
    for alt in alternates:
        if alt.language == language and alt.role == NameRole.PRIMARY:
            return alt.name
    return place.name


def label(place, language, alternates=None):
    """The label of `place` in `language` (the rule above)."""
    alternates = _alternates(place) if alternates is None else alternates
    primary = name_in(place, language, alternates)
    brackets = sorted(
        alt.name for alt in alternates
        if alt.language == language and alt.role == NameRole.BRACKET and alt.name != primary
    )
    return f"{primary} ({' / '.join(brackets)})" if brackets else primary


def names(place):
    """{language: primary name} for every language of LANGUAGES."""
    alternates = _alternates(place)
    return {language: name_in(place, language, alternates) for language in LANGUAGES}


# ---------------------------------------------------------------------------------------- SQL

def language_literal(language):
    """`language` as an SQL string literal; only the known codes, so nothing else reaches SQL."""
    if language not in LANGUAGES:
        raise ValueError(f"Unknown language {language!r}.")
    return f"'{language}'"


def label_sql(place, language):
    """SQL of the label of the place row `place` (an alias of geodata_place) in `language`."""
    return f"geodata_place_label({place}.id, {place}.name, {language_literal(language)})"


def names_sql(place):
    """SQL of the json object {language: primary name} of the place row `place`, in LANGUAGES order."""
    codes = ", ".join(language_literal(code) for code in LANGUAGES)
    return f"geodata_place_names({place}.id, {place}.name, ARRAY[{codes}])"


class PlaceLabel(Func):
    """The label in `language` as a queryset annotation: Place.objects.annotate(label=PlaceLabel("ru"))."""

    function = "geodata_place_label"
    output_field = TextField()

    def __init__(self, language, pk="pk", name="name"):
        language_literal(language)
        super().__init__(F(pk), F(name), Value(language))

