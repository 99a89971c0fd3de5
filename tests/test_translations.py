"""The translations are complete (docs/i18n.md): every message of the interface has a translation in
every language, none fuzzy, and the pages rendered in hy, az and ru show no English of our catalogue.

The completeness check runs makemessages afresh, in a copy of the sources, so a string marked for
translation but never added to the .po files fails here, as does a .po left untranslated or fuzzy.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from tests.helpers import pofile
from tests.helpers.embed import EMBED
from tests.helpers.visible import data_strings, visible_text, without_data

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = [code for code, _name in django_settings.LANGUAGES if code != django_settings.LANGUAGE_CODE]
# What makemessages reads (the project's Python, templates and JavaScript) and the catalogues themselves.
SOURCES = ("conflictmap", "geodata", "templates", "static", "locale")
SKIP = shutil.ignore_patterns("vendor", "__pycache__", "*.mo", "*.pyc")
# The Plural-Forms the browser's catalogue relies on: ru's forms are Intl's one, few, many, other in order.
PLURAL_FORMS = {
    "hy": "nplurals=2; plural=(n != 1);",
    "az": "nplurals=2; plural=(n != 1);",
    "ru": "nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<12 || n%100>14) ? 1 : "
    "n%10==0 || (n%10>=5 && n%10<=9) || (n%100>=11 && n%100<=14)? 2 : 3);",
}


def domains():
    """django always; djangojs once the browser's catalogue exists (static/js/i18n/)."""
    found = ["django"]
    if any((ROOT / "locale" / lang / "LC_MESSAGES" / "djangojs.po").exists() for lang in LANGUAGES):
        found.append("djangojs")
    return found


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory):
    """locale/ as makemessages would leave it now: run in a copy of the sources, never in the worktree."""
    copy = tmp_path_factory.mktemp("i18n") / "src"
    for name in SOURCES:
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, copy / name, ignore=SKIP)
    here = os.getcwd()
    old_paths = django_settings.LOCALE_PATHS
    django_settings.LOCALE_PATHS = [copy / "locale"]
    try:
        os.chdir(copy)
        for domain in domains():
            call_command("makemessages", locale=LANGUAGES, domain=domain, verbosity=0,
                         ignore_patterns=["static/vendor/*", "node_modules/*", ".venv/*", "var/*"])
    finally:
        os.chdir(here)
        django_settings.LOCALE_PATHS = old_paths
    return copy / "locale"


@pytest.mark.parametrize("domain", domains())
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(fresh_catalogues, lang, domain):
    path = fresh_catalogues / lang / "LC_MESSAGES" / f"{domain}.po"
    assert path.exists(), f"no {domain} catalogue for {lang}: run makemessages -l {lang}"
    header, entries = pofile.parse(path)
    assert entries, f"{path} is empty"
    untranslated = [e.msgid for e in entries if not e.translated]
    fuzzy = [e.msgid for e in entries if e.fuzzy]
    assert not untranslated, f"{lang}/{domain}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{lang}/{domain}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    assert header.get("Plural-Forms") == PLURAL_FORMS[lang]
    forms = int(re.search(r"nplurals=(\d+)", PLURAL_FORMS[lang])[1])
    assert all(len(e.plural_forms) == forms for e in entries if e.msgid_plural is not None)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_committed_catalogues_are_up_to_date(fresh_catalogues, lang):
    """Nothing is in the fresh catalogue that the committed one lacks (makemessages was run and committed)."""
    for domain in domains():
        _, fresh = pofile.parse(fresh_catalogues / lang / "LC_MESSAGES" / f"{domain}.po")
        _, committed = pofile.parse(ROOT / "locale" / lang / "LC_MESSAGES" / f"{domain}.po")
        missing = {(e.msgctxt, e.msgid) for e in fresh} - {(e.msgctxt, e.msgid) for e in committed}
        assert not missing, f"{lang}/{domain}: run makemessages and translate {sorted(missing, key=str)[:5]}"


def test_the_checker_reports_an_untranslated_or_fuzzy_entry(tmp_path):
    """The completeness check can fail: the reader sees an empty msgstr, an empty plural form, a fuzzy flag."""
    po = tmp_path / "django.po"
    po.write_text('msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
                  'msgid "Empty"\nmsgstr ""\n\n#, fuzzy\nmsgid "Guess"\nmsgstr "Догадка"\n\n'
                  'msgid "%(n)s place"\nmsgid_plural "%(n)s places"\nmsgstr[0] "x"\nmsgstr[1] ""\n\n'
                  'msgid ""\n"Done"\nmsgstr "Готово"\n', encoding="utf-8")
    _, entries = pofile.parse(po)
    assert [(e.msgid, e.translated, e.fuzzy) for e in entries] == [
        ("Empty", False, False), ("Guess", True, True), ("%(n)s place", False, False), ("Done", True, False)]


# --- No English left in the pages rendered in another language --------------------------------------

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|<[^>]+>")
WORD = re.compile(r"[A-Za-z]{2,}")
def english_fragments(lang):
    """Pieces of English of the django catalogue that a page in `lang` must not show.

    A msgid is cut at its placeholders and tags; a piece that the translation keeps as it is (names of
    formats, "OGC API", QGIS menu paths) is not English to remove.
    """
    _, entries = pofile.parse(ROOT / "locale" / lang / "LC_MESSAGES" / "django.po")
    fragments = set()
    for entry in entries:
        translated = " ".join(entry.translations)
        for source in filter(None, (entry.msgid, entry.msgid_plural)):
            for piece in PLACEHOLDER.split(source):
                piece = piece.strip(" .,:;()–-·")
                if WORD.search(piece) and piece not in translated:
                    fragments.add(piece)
    return fragments


def leftovers(text, fragments):
    found = []
    for fragment in fragments:
        if re.search(rf"(?<![A-Za-z]){re.escape(fragment)}(?![A-Za-z])", text):
            found.append(fragment)
    return sorted(found)


PAGES = ("/", "/conflicts/{slug}/", EMBED, EMBED + "?date=2020-11-08", "/corrections/",
         "/conflicts/{slug}/corrections/", "/ogc/?f=html", "/ogc/collections?f=html",
         "/ogc/collections/events/items?f=html&limit=5")


@pytest.mark.django_db
@pytest.mark.usefixtures("unhashed_static")
@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_in_another_language_show_no_english_of_the_catalogue(client, demo, lang):
    data, fragments = data_strings(), english_fragments(lang)
    assert {"Open the full map", "Who controls which place", "Skip to content"} <= fragments
    for page in PAGES:
        url = page.format(slug=demo.slug)
        url += ("&" if "?" in url else "?") + f"lang={lang}"
        response = client.get(url)
        assert response.status_code == 200, url
        text = without_data(visible_text(response.content.decode()), data)
        assert leftovers(text, fragments) == [], f"{url}: English left in the {lang} page"


@pytest.mark.django_db
@pytest.mark.usefixtures("unhashed_static")
def test_the_english_check_finds_english(client, demo):
    """The same check on the English page finds the catalogue's English (so it can fail)."""
    body = client.get(EMBED).content.decode()
    found = leftovers(without_data(visible_text(body), data_strings()), english_fragments("ru"))
    assert {"Open the full map", "Who controls which place", "Latest reports"} <= set(found)


# --- No user-facing text in a template outside the translation tags -----------------------------------

TEMPLATE_DIRS = (ROOT / "templates", ROOT / "geodata" / "templates")
# Written the same in every language: the product's name.
UNTRANSLATED_WORDS = {"conflictmap"}
VISIBLE_ATTRIBUTE = re.compile(r'\s(?:title|aria-label|alt|placeholder|value|data-title)="([^"]*)"|'
                               r'<meta name="description" content="([^"]*)"')
# Blocks whose text is markup, not prose (a class name).
MARKUP_BLOCKS = ("body_class",)


def text_outside_translation(source):
    """The visible text of a template that no {% translate %} or {% blocktranslate %} covers.

    Template variables and tags become a separator: what is left is literal text of the template.
    """
    from django.template.base import Lexer, TokenType

    parts, inside = [], 0
    for token in Lexer(source).tokenize():
        words = token.contents.split() if token.token_type == TokenType.BLOCK else []
        command = words[0] if words else ""
        if command in ("blocktranslate", "blocktrans", "comment") or words[:2] in (["block", b] for b in MARKUP_BLOCKS):
            inside += 1
        elif command in ("endblocktranslate", "endblocktrans", "endcomment") or (inside and command == "endblock"):
            inside -= 1
        elif token.token_type == TokenType.TEXT and not inside:
            parts.append(token.contents)
        else:
            parts.append("\x00")
    markup = re.sub(r"<(script|style)\b.*?</\1>|<!--.*?-->", " ", "".join(parts), flags=re.S)
    visible = [value for pair in VISIBLE_ATTRIBUTE.findall(markup) for value in pair]
    visible.append(re.sub(r"<[^>]*>", " ", markup))
    text = re.sub(r"&\w+;|&#\d+;", " ", " ".join(visible))
    return sorted({w for w in WORD.findall(text) if w not in UNTRANSLATED_WORDS})


def test_templates_have_no_text_outside_the_translation_tags():
    templates = [path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html")]
    assert len(templates) > 20
    untranslated = {str(p.relative_to(ROOT)): words for p in templates
                    if (words := text_outside_translation(p.read_text(encoding="utf-8")))}
    assert untranslated == {}


def test_the_template_check_finds_text_outside_the_tags():
    assert text_outside_translation('<p>Hello {{ name }}</p><a title="Open it">{% translate "x" %}</a>') == [
        "Hello", "Open", "it"]
    assert text_outside_translation('{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}<b>{{ x }}</b>') == []
