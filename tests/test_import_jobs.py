"""The admin's ACLED upload: a job run by the task worker, with progress, cancel and all-or-nothing writes."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from geodata.importers import jobs
from geodata.models import Conflict, Event, ImportJob
from tests.helpers import acled, factories, users
from tests.helpers.worker import commit_elsewhere


def csv_bytes(tmp_path, rows):
    with open(acled.write(tmp_path, rows), "rb") as handle:
        return handle.read()


def rows(n, **values):
    return [acled.row(event_id_cnty=f"AZE{i}", **values) for i in range(n)]


def admin_client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_it_queues_an_uploaded_file_and_shows_its_page(tmp_path, django_capture_on_commit_callbacks):
    factories.conflict(slug="nk")
    editor = users.editor()
    client = admin_client(editor)
    page = client.get("/admin/geodata/importjob/add/")
    assert page.status_code == 200 and b'name="publish"' not in page.content  # editors never publish
    upload = SimpleUploadedFile("acled.csv", csv_bytes(tmp_path, rows(3)), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/geodata/importjob/add/", {"file": upload, "conflict": "nk", "publish": "on"})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/admin/geodata/importjob/{job.pk}/change/")
    assert job.user == editor and not job.publish and job.status == "queued"
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # enqueued for the worker
    page = client.get(response["Location"]).content.decode()
    assert "import-progress" in page and "Cancel the import" in page
    status = client.get(f"/admin/geodata/importjob/{job.pk}/status/").json()
    assert status["status"] == "queued" and status["finished"] is False


@pytest.mark.django_db
def test_it_refuses_a_bad_upload_with_form_errors(tmp_path):
    client = admin_client(users.reviewer())
    assert b'name="publish"' in client.get("/admin/geodata/importjob/add/").content
    upload = SimpleUploadedFile("acled.xlsx", b"not a csv")
    page = client.post("/admin/geodata/importjob/add/", {"file": upload, "conflict": "nowhere"}).content.decode()
    assert "Upload a .csv file" in page and "No conflict with that slug" in page
    assert not ImportJob.objects.exists()


def plain_user():
    # Transactional tests start from an emptied database: no editors' groups to join.
    return User.objects.create_user(f"importer{User.objects.count()}")


def make_job(tmp_path, user, n=3, **fields):
    return ImportJob.objects.create(conflict_slug="nk", file_name="acled.csv", content=csv_bytes(tmp_path, rows(n)),
                                    user=user, **fields)


@pytest.mark.django_db(transaction=True)
def test_the_worker_imports_the_job_with_progress(tmp_path):
    factories.conflict(slug="nk")
    job = make_job(tmp_path, plain_user(), n=4500, publish=True)
    jobs.run_import_job.enqueue(job.pk)
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == "done", job.report
    assert job.processed == job.total == 4500 and job.percent == 100
    assert "4500 created" in job.report
    assert Event.objects.published().count() == 4500


@pytest.mark.django_db(transaction=True)
def test_a_bad_file_fails_with_every_bad_line_and_writes_nothing(tmp_path):
    factories.conflict(slug="nk")
    bad = rows(2) + [acled.row(event_id_cnty="X1", event_date="yesterday"), acled.row(event_id_cnty="X2", latitude="99")]
    job = ImportJob.objects.create(conflict_slug="nk", file_name="bad.csv", content=csv_bytes(tmp_path, bad),
                                   user=plain_user())
    jobs.run_import_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "line 4: bad event_date" in job.report and "line 5: coordinates" in job.report
    assert not Event.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_cancelling_a_running_import_writes_nothing(tmp_path, monkeypatch):
    factories.conflict(slug="nk")
    job = make_job(tmp_path, plain_user(), n=6000)
    real = jobs.SideChannel.progress

    def cancel_after_the_first_batch(self, phase, done, total):
        if phase == "writing events" and done > 0:
            # As the Cancel button does, from another connection: committed while the import runs.
            commit_elsewhere("UPDATE geodata_importjob SET cancel_requested = true WHERE id = %s", [self.job_id])
        return real(self, phase, done, total)

    monkeypatch.setattr(jobs.SideChannel, "progress", cancel_after_the_first_batch)
    jobs.run_import_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == "cancelled" and "nothing written" in job.report
    assert 0 < job.processed < 6000  # it was stopped part-way
    assert not Event.objects.exists() and Conflict.objects.count() == 1


@pytest.mark.django_db
def test_a_cancel_request_before_it_starts_skips_it(tmp_path):
    factories.conflict(slug="nk")
    editor = users.editor()
    job = make_job(tmp_path, editor)
    response = admin_client(editor).post(f"/admin/geodata/importjob/{job.pk}/cancel/")
    assert response.status_code == 302
    jobs.run_import_job.call(job.pk)
    job.refresh_from_db()
    assert job.status == "cancelled" and not Event.objects.exists()
    other = users.editor()
    assert admin_client(other).post(f"/admin/geodata/importjob/{job.pk}/cancel/").status_code == 403


@pytest.mark.django_db
def test_the_command_line_shows_a_progress_bar(tmp_path, capsys):
    factories.conflict(slug="nk")
    call_command("import_acled", acled.write(tmp_path, rows(3)), conflict="nk", progress=True)
    err = capsys.readouterr().err
    assert "checking rows" in err and "100% [##############################] 3/3" in err
