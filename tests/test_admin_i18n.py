"""The admin in the editor's language (docs/i18n.md): model and field labels, help texts, fieldsets,
columns, actions and their messages follow Accept-Language (or ?lang=), as the public pages do."""

import html

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.utils import translation

from geodata.models import ControlChange, Event, Place
from tests.helpers import factories as f
from tests.helpers import territory_edit as t
from tests.helpers.users import editor

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
