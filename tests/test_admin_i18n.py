"""The admin in the editor's language (docs/i18n.md): model and field labels, help texts, fieldsets,
columns, actions and their messages follow Accept-Language (or ?lang=), as the public pages do."""

import html
import json
import re
from pathlib import Path

import django
import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.utils import translation

from conflictmap import django_catalogue
from geodata.models import Conflict, ControlChange, Event, ImportJob, Place
from tests.helpers import factories as f
from tests.helpers import pofile
from tests.helpers import territory_edit as t
from tests.helpers.adminforms import form_data
from tests.helpers.users import editor
from tests.helpers.visible import data_strings, visible_text, without_data

pytestmark = pytest.mark.django_db

# Written the same in every language: a term of the trade (slug) and an acronym; and a word a language shares.
SAME_EVERYWHERE = {"slug", "URL"}
SAME_IN = {"az": {"status"}}


def login(user):
    client = Client()
    client.force_login(user)
    return client


def page(client, url, lang):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    assert response["Content-Language"] == lang
    return html.unescape(response.content.decode())


def editable_fields(model):
    return [field for field in model._meta.get_fields()
            if not field.auto_created and (field.concrete or isinstance(field, models.ManyToManyField))]


def geodata_admin_models():
    return [model for model in admin.site._registry if model._meta.app_label == "geodata"]


def test_it_shows_the_place_form_in_russian(demo):
    place = Place.objects.get(slug="madagiz")
    url = f"/admin/geodata/place/{place.pk}/change/"
    client = login(editor())
    russian = page(client, url, "ru")
    for text in ("Каноническое название", "Название, чаще всего используемое в международных англоязычных материалах.",
                 "Местоположение", "Контроль во времени", "Примечание о геометрии", "Другие названия",
                 "Кто использует", "Изменить населённый пункт"):
        assert text in russian, text
    for english in ("Canonical name", "The name most used in international English-language reporting.",
                    "Control over time", "Geometry note", "Used by", "Change place"):
        assert english not in russian, english
    assert "Canonical name" in page(client, url, "en")


def test_it_shows_the_territory_version_form_in_russian(world):
    series = t.series(world.conflict, world.alpha, name="Alpha held")
    version = t.version(series, "2020-10-01")
    url = f"/admin/geodata/territoryversion/{version.pk}/change/"
    client = login(editor())
    russian = page(client, url, "ru")
    for text in ("Действует с", "Заканчивается", "Точность даты", "Редакционный процесс",
                 "Необязательно: первый день, когда эта версия больше не действует",
                 "Сравнение с предыдущей версией и другими сторонами", "…или загрузите территорию из файла",
                 "Кем создано", "Сторона-заявитель", "Данные о потерях"):
        assert text in russian, text
    for english in ("Valid from", "Ends on", "Date precision", "Editorial workflow",
                    "Optional: the first day this version no longer holds", "Claimant party",
                    "…or upload the area from a file"):
        assert english not in russian, english
    english = page(client, url, "en")
    assert "Valid from" in english and "Ends on" in english and "Optional: the first day" in english


def test_it_titles_the_columns_filters_and_actions_of_a_list_in_armenian(world):
    f.change(world.place, world.conflict, world.alpha, "2020-09-27", state="draft")
    armenian = page(login(editor()), "/admin/geodata/controlchange/", "hy")
    for text in ("Ամսաթվի ճշգրտություն", "Կարգավիճակ (ըստ պնդումների)", "Չեղարկված",
                 "Ուղարկել ընտրվածները ստուգման", "Մեկնաբանություն / հրապարակային նշում՝"):
        assert text in armenian, text
    for english in ("Date precision", "Status (from the claims)", "Submit selected for review", "Comment / public note"):
        assert english not in armenian, english


def test_it_shows_a_list_in_the_language_of_lang_and_keeps_it_in_the_lists_links(world):
    f.change(world.place, world.conflict, world.alpha, "2020-09-27", state="draft")
    f.change(world.place, world.conflict, world.bravo, "2020-10-01", state="draft")
    response = login(editor()).get("/admin/geodata/controlchange/", {"lang": "ru", "o": "1"})
    assert response.status_code == 200 and response["Content-Language"] == "ru"  # not a redirect to ?e=1
    body = html.unescape(response.content.decode())
    assert "Точность даты" in body and "Date precision" not in body
    assert "lang=ru" in body  # the sorting and filter links keep the language


def test_it_reports_an_action_in_azerbaijani(world):
    change = f.change(world.place, world.conflict, world.alpha, "2020-09-27", state="draft")
    client = login(editor())
    response = client.post(
        "/admin/geodata/controlchange/",
        {"action": "submit_for_review", "index": 0, "_selected_action": [change.pk],
         f"_seen_version_{change.pk}": change.version},
        follow=True, HTTP_ACCEPT_LANGUAGE="az",
    )
    body = html.unescape(response.content.decode())
    assert "Yoxlamaya göndərildi (Nəzarət dəyişiklikləri): 1." in body
    assert "submitted for review" not in body
    change.refresh_from_db()
    assert change.state == "in_review"


@pytest.mark.parametrize("lang", ["hy", "az", "ru"])
def test_it_translates_every_label_and_help_text_an_editor_sees(lang):
    """A field without its own verbose_name gets one derived from its name, which no catalogue translates."""
    untranslated = []
    for model in geodata_admin_models():
        texts = [("model", model._meta.verbose_name), ("models", model._meta.verbose_name_plural)]
        for field in editable_fields(model):
            texts.append((field.name, field.verbose_name))
            if field.help_text:
                texts.append((f"{field.name} help", field.help_text))
        for what, text in texts:
            with translation.override("en"):
                english = str(text)
            with translation.override(lang):
                translated = str(text)
            if translated == english and english not in SAME_EVERYWHERE | SAME_IN.get(lang, set()):
                untranslated.append(f"{model._meta.model_name}.{what}: {english}")
    assert untranslated == []


def test_it_would_report_a_derived_label():
    field = models.CharField(max_length=10)
    field.set_attributes_from_name("claimant_nickname")
    with translation.override("ru"):
        assert str(field.verbose_name) == "claimant nickname"  # derived, so the check above would report it


def test_it_names_models_and_fields_in_the_language():
    with translation.override("ru"):
        assert str(ControlChange._meta.verbose_name_plural) == "смены контроля"
    with translation.override("az"):
        assert str(Place._meta.get_field("name").verbose_name) == "kanonik ad"


def test_it_shows_sub_event_types_and_the_history_in_russian(demo):
    event = Event.objects.filter(sub_event_type="Armed clash").first()
    client = login(editor())
    russian = page(client, f"/admin/geodata/event/{event.pk}/change/", "ru")
    assert '<option value="Armed clash" selected>Вооружённое столкновение</option>' in russian
    assert "Подтип события" in russian and "Sub-event type" not in russian
    history = page(client, f"/admin/geodata/event/{event.pk}/history/", "ru")
    assert "<td>создание</td>" in history and "<td>insert</td>" not in history
    assert "<td>insert</td>" in page(client, f"/admin/geodata/event/{event.pk}/history/", "en")
    assert "Данные о конфликтах" in page(client, "/admin/", "ru")


def test_it_explains_a_refused_upload_in_russian(world):
    series = t.series(world.conflict, world.alpha, name="Alpha held")
    upload = SimpleUploadedFile("area.shp", b"not really a shapefile")
    data = {"series": series.pk, "valid_from": "2020-10-04", "date_precision": 1, "geometry": "", "geometry_note": "",
            "claims-TOTAL_FORMS": "0", "claims-INITIAL_FORMS": "0", "upload": upload}
    response = login(editor()).post("/admin/geodata/territoryversion/add/", data, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["upload"] == [
        "Shapefile состоит из нескольких файлов: упакуйте .shp вместе с .shx, .dbf и .prj в zip-архив и загрузите .zip."]


# --- Django's own admin messages that its Armenian catalogue lacks (conflictmap/django_catalogue.py) ------------

# Cut at placeholders ({name}, %(obj)s, %s) and tags: the English a page would show around the values.
DJANGO_PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}|<[^>]+>")


def covered_english():
    """Each English piece of the Django messages we translate, and the message it comes from."""
    pieces = {}
    for text in django_catalogue.TEXTS:
        for piece in DJANGO_PLACEHOLDER.split(text):
            piece = piece.strip(" .,:;()–-“”")
            if re.search(r"[A-Za-z]{4}", piece):  # not a bare "The" cut off a sentence
                pieces[piece] = text
    return pieces


def admin_pages(lang):
    """The visible text of what an editor meets in the admin, in `lang` (the browser's Accept-Language): the index,
    a change list with its filters, actions and paging, change and add forms, a save's message, a delete
    confirmation, a history, a missing record, the login, logout and password change pages."""
    headers = {"HTTP_ACCEPT_LANGUAGE": lang}
    chief = User.objects.create_superuser(f"chief-{lang}", "chief@example.org", "a long enough password")
    client = login(chief)
    event = Event.objects.first()
    draft = f.event(Conflict.objects.first(), state="draft", created_by=chief)
    # Named like the demo's data: what the page shows of it is taken out as data, and a short name would cut words.
    job = ImportJob.objects.create(conflict_slug=event.conflict.slug, file_name=f"{event.conflict.slug}.csv",
                                   content=b"", user=chief)
    responses = [client.get(url, **headers) for url in (
        "/admin/", "/admin/geodata/event/", "/admin/geodata/event/?state__exact=draft&p=2",
        f"/admin/geodata/event/{event.pk}/change/", "/admin/geodata/event/add/",
        f"/admin/geodata/conflict/{event.conflict_id}/change/", f"/admin/geodata/event/{draft.pk}/delete/",
        f"/admin/geodata/importjob/{job.pk}/history/", "/admin/password_change/",
    )]
    place = Place.objects.first()
    url = f"/admin/geodata/place/{place.pk}/change/"
    responses.append(client.post(url, form_data(client.get(url, **headers)), follow=True, **headers))  # saved
    responses.append(client.get("/admin/geodata/event/999999/change/", follow=True, **headers))  # gone
    responses.append(client.post("/admin/logout/", **headers))
    responses.append(Client().get("/admin/login/", **headers))
    data = data_strings()
    texts = []
    for response in responses:
        assert response.status_code == 200, response.request["PATH_INFO"]
        assert response["Content-Language"] == lang
        texts.append((response.request["PATH_INFO"], without_data(visible_text(response.content.decode()), data)))
    return texts


def english_shown(texts, pieces):
    found = {}
    for path, text in texts:
        for piece, message in pieces.items():
            if re.search(rf"(?<![A-Za-z]){re.escape(piece)}(?![A-Za-z])", text):
                found.setdefault(message, path)
    return found


@pytest.mark.usefixtures("unhashed_static")
@pytest.mark.parametrize("lang", ["hy", "az", "ru"])
def test_the_admin_shows_none_of_djangos_messages_that_we_translate_in_english(demo, lang):
    assert english_shown(admin_pages(lang), covered_english()) == {}


@pytest.mark.usefixtures("unhashed_static")
def test_the_admin_pages_checked_show_those_messages_in_english(demo):
    """The check above can fail: in English, the same pages show them (and Django's hy catalogue lacks them all)."""
    shown = english_shown(admin_pages("en"), covered_english())
    assert {"Recent actions", "Skip to main content", "Model name", "Toggle theme (current theme: auto)",
            "Show counts", "Clear all filters", "Toggle navigation", "Start typing to filter…", "Yes, I’m sure",
            "Select all objects on this page for an action", "The {name} “{obj}” was changed successfully.",
            "%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?",
            "This object doesn’t have a change history. It probably wasn’t added via this admin site.",
            "Thanks for spending some quality time with the web site today.",
            "Please enter your old password, for security’s sake, and then enter your new password twice so we can "
            "verify you typed it in correctly."} <= set(shown)
    hy = django_hy_catalogue()
    assert not [text for text in django_catalogue.TEXTS if hy.get(text)]


def django_hy_catalogue(*parts):
    parts = parts or ("contrib/admin", "contrib/auth", "conf")
    translated = {}
    for part in parts:
        path = Path(django.__file__).parent / part / "locale" / "hy" / "LC_MESSAGES" / "django.po"
        if "djangojs" in part:
            path = Path(django.__file__).parent / "contrib/admin/locale/hy/LC_MESSAGES/djangojs.po"
        _, entries = pofile.parse(path)
        translated.update({e.msgid: e.msgstr for e in entries if e.translated and e.msgstr != e.msgid})
    return translated


def js_texts():
    source = (Path(django_catalogue.__file__).with_suffix(".js")).read_text(encoding="utf-8")
    texts = [m[1].replace("\\'", "'") for m in re.finditer(r"(?:gettext_noop|ngettext_lazy)\('((?:[^'\\]|\\.)*)'", source)]
    assert len(texts) >= 10
    return texts


@pytest.mark.parametrize("lang", ["hy", "az", "ru"])
def test_the_admins_javascript_catalogue_has_djangos_widget_texts(lang):
    """The filter_horizontal widget and the actions bar read the admin's catalogue (admin/jsi18n/): ours over Django's."""
    body = login(editor()).get("/admin/jsi18n/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", body, re.S)[1])
    for text in js_texts():
        translated = catalog.get(text)
        assert translated, (lang, text)
        assert all(form and form != text for form in (translated if isinstance(translated, list) else [translated]))
    assert not [text for text in js_texts() if django_hy_catalogue("djangojs").get(text)]
