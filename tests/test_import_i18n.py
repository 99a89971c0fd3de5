"""An import's report in the reader's language (docs/i18n.md): the worker stores messages, the page renders them."""

import html

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import translation

from geodata.importers import jobs
from geodata.importers.messages import MESSAGES, Message, render
from geodata.models import Event, ImportJob
from tests.helpers import acled, factories
from tests.helpers.worker import commit_elsewhere


def csv_bytes(tmp_path, rows, name="acled.csv"):
    with open(acled.write(tmp_path, rows, name=name), "rb") as handle:
        return handle.read()


def job_of(tmp_path, user, rows, name="acled.csv"):
    return ImportJob.objects.create(conflict_slug="nk", file_name=name, content=csv_bytes(tmp_path, rows, name),
                                    user=user)


def chief():
    # Transactional tests start from an emptied database, without the editors' groups: a superuser reads the pages.
    return User.objects.create_superuser(f"chief{User.objects.count()}", "chief@example.org", "a long enough password")


def page(user, url):
    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response


BAD_ROWS = [acled.row(event_id_cnty="AZE1"), acled.row(event_id_cnty="X1", event_date="yesterday"),
            acled.row(event_id_cnty="X2", latitude="99")]


@pytest.mark.django_db(transaction=True)
def test_it_shows_a_refused_imports_reasons_in_the_language_of_whoever_reads_it(tmp_path):
    factories.conflict(slug="nk")
    editor = chief()
    job = job_of(tmp_path, editor, BAD_ROWS)
    with translation.override("hy"):  # the language the worker happens to run in changes nothing
        jobs.run_import_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and job.report_lines[1] == {
        "code": "bad_date", "values": {"line": 3, "value": "yesterday"}}

    url = f"/admin/geodata/importjob/{job.pk}/change/"
    russian = html.unescape(page(editor, url + "?lang=ru").content.decode())
    assert "Импорт отклонён, ничего не записано:\nстрока 3: неверная дата event_date «yesterday»" in russian
    assert "строка 4: координаты вне допустимого диапазона (99.0, 46.93)" in russian
    assert "bad event_date" not in russian and "nothing written" not in russian
    # The page's script polls the status in the page's language.
    status_url = f"/admin/geodata/importjob/{job.pk}/status/?lang=ru"
    assert f'data-status-url="{status_url}"' in russian
    status = page(editor, status_url).json()
    assert status["report"].startswith("Импорт отклонён") and status["status_display"] == "сбой (ничего не записано)"

    english = html.unescape(page(editor, url).content.decode())
    assert "Import refused, nothing written:\nline 3: bad event_date “yesterday”" in english
    armenian = page(editor, f"/admin/geodata/importjob/{job.pk}/status/?lang=hy").json()
    assert "տող 3. սխալ event_date՝ «yesterday»" in armenian["report"]


@pytest.mark.django_db(transaction=True)
def test_it_shows_a_finished_imports_summary_and_phase_in_azerbaijani(tmp_path):
    factories.conflict(slug="nk")
    editor = chief()
    job = job_of(tmp_path, editor, [acled.row(event_id_cnty=f"AZE{i}") for i in range(3)])
    jobs.run_import_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == "done" and job.phase == "writing claims"
    status = page(editor, f"/admin/geodata/importjob/{job.pk}/status/?lang=az").json()
    assert status["phase"] == "iddiaların yazılması"
    assert status["report"].startswith("yaradılıb: 3, yenilənib: 0, dəyişməyib: 0, nəzarət dəyişiklikləri: 0\n")
    assert "uyğunlaşdırılmamış aktor, yeni tərəf: Military Forces of Armenia (2018-)" in status["report"]
    assert "created" not in status["report"]


@pytest.mark.django_db(transaction=True)
def test_an_import_that_loses_a_race_with_an_editor_fails_and_says_so_in_russian(tmp_path, monkeypatch):
    factories.conflict(slug="nk")
    editor = chief()
    first = job_of(tmp_path, editor, [acled.row(event_id_cnty="AZE1")])
    jobs.run_import_job.call(first.pk)
    event = Event.objects.get(external_id="AZE1")
    newer = job_of(tmp_path, editor, [acled.row(event_id_cnty="AZE1", timestamp="1700000000", notes="Updated upstream.")],
                   name="later.csv")
    real = jobs.SideChannel.progress

    def an_editor_saves_the_event_meanwhile(self, phase, done, total):
        if phase == "writing claims":  # after the import read the event, before it updates it
            commit_elsewhere("UPDATE geodata_event SET description = 'Edited meanwhile' WHERE id = %s", [event.pk])
        return real(self, phase, done, total)

    monkeypatch.setattr(jobs.SideChannel, "progress", an_editor_saves_the_event_meanwhile)
    jobs.run_import_job.call(newer.pk)
    newer.refresh_from_db()
    assert newer.status == "failed"
    status = page(editor, f"/admin/geodata/importjob/{newer.pk}/status/?lang=ru").json()
    assert status["report"] == (f"Ничего не записано: запись (событие) с ID {event.pk} изменил кто-то другой, пока шёл "
                                "импорт. Запустите импорт снова.")
    event.refresh_from_db()
    assert event.description == "Edited meanwhile"  # the editor's change stands


@pytest.mark.parametrize(("count", "russian"), [
    (1, "1 ранее импортированное событие отсутствует"), (3, "3 ранее импортированных события отсутствуют"),
    (5, "5 ранее импортированных событий отсутствуют"), (21, "21 ранее импортированное событие отсутствует"),
])
def test_it_counts_the_events_missing_upstream_with_russian_plurals(count, russian):
    message = Message("missing_upstream", {"count": count, "ids": "AZE2"})
    with translation.override("ru"):
        assert str(message).startswith(russian)
    with translation.override("en"):
        assert str(message).startswith(f"{count} event{'s' if count > 1 else ''} imported earlier")


class AnyValues(dict):
    """Every placeholder of a message gets 2 (a count, a line, a name alike)."""

    def __missing__(self, key):
        return 2


def test_every_message_is_translated():
    """compilemessages' msgfmt --check-format checks the placeholders; this, that no message stays English."""
    for code, text in MESSAGES.items():
        with translation.override("en"):
            english = str(text % AnyValues())
        for lang in ("hy", "az", "ru"):
            with translation.override(lang):
                assert str(text % AnyValues()) != english, (code, lang)
    with pytest.raises(ValueError):
        Message("no such message")


def test_a_report_written_before_the_messages_is_shown_as_it_was():
    lines = [{"text": "3 created, 0 updated"}, Message("new_place", {"name": "Tartar"}).as_json()]
    with translation.override("ru"):
        assert render(lines) == "3 created, 0 updated\nнераспознанное место, новый населённый пункт: Tartar"


@pytest.mark.django_db
def test_the_command_line_writes_in_the_sites_language(tmp_path, capsys):
    """As `manage.py` runs it: no language activated, so gettext answers in settings.LANGUAGE_CODE."""
    factories.conflict(slug="nk")
    active = translation.get_language()
    translation.deactivate()
    try:
        with override_settings(LANGUAGE_CODE="ru"):
            call_command("import_acled", acled.write(tmp_path, [acled.row()]), conflict="nk", dry_run=True)
    finally:
        translation.activate(active)
    assert capsys.readouterr().out.startswith("Пробный запуск, ничего не записано:\nсоздано: 1, обновлено: 0")
