"""Changing or withdrawing a published record needs a public note; the corrections pages list them."""

import datetime

import pytest

from geodata.models import Correction, Event
from tests.helpers import factories as f
from tests.helpers.adminforms import form_data
from tests.helpers.users import editor, reviewer

pytestmark = pytest.mark.django_db


def change_url(obj):
    return f"/admin/geodata/{obj._meta.model_name}/{obj.pk}/change/"


def test_changing_a_published_record_needs_a_note(client):
    client.force_login(reviewer())
    e = f.event(f.conflict(), description="Three rockets")
    data = form_data(client.get(change_url(e)))
    data["description"] = "Two rockets"
    page = client.post(change_url(e), data).content.decode()
    assert "say what you corrected and why" in page
    assert Event.objects.get(pk=e.pk).description == "Three rockets"
    data["correction_note"] = "The count of rockets was wrong in our first report."
    assert client.post(change_url(e), data).status_code == 302
    e.refresh_from_db()
    assert e.description == "Two rockets" and e.state == "published"
    correction = Correction.objects.get()
    assert (correction.event, correction.kind, correction.note) == (
        e, "corrected", "The count of rockets was wrong in our first report.")
    assert Event.objects.with_corrected_at().get(pk=e.pk).corrected_at == correction.date


def test_an_editor_cannot_change_a_published_record(client):
    client.force_login(editor())
    e = f.event(f.conflict(), description="Three rockets")
    data = form_data(client.get(change_url(e)))
    data.update(description="Two rockets", correction_note="fix")
    assert "only a reviewer can change it" in client.post(change_url(e), data).content.decode()
    assert Event.objects.get(pk=e.pk).description == "Three rockets"


def test_a_corrected_claim_dates_its_event(client):
    client.force_login(reviewer())
    e = f.event(f.conflict())
    claim = f.claim(e, f.party(), summary="19 dead")
    data = form_data(client.get(change_url(e)))
    prefix = next(k for k, v in data.items() if k.endswith("-id") and v == str(claim.pk))[: -len("-id")]
    data[f"{prefix}-summary"] = "18 dead"
    assert "say what you corrected" in client.post(change_url(e), data).content.decode()
    data[f"{prefix}-correction_note"] = "The toll was 18, not 19."
    assert client.post(change_url(e), data).status_code == 302
    correction = Correction.objects.get()
    assert correction.claim == claim
    assert Event.objects.with_corrected_at().get(pk=e.pk).corrected_at == correction.date
    assert claim.corrected_at == correction.date


def test_withdraw_action_needs_a_note(client):
    client.force_login(reviewer())
    e = f.event(f.conflict())
    post = {"action": "withdraw", "_selected_action": [e.pk], f"_seen_version_{e.pk}": e.version, "index": 0}
    page = client.post("/admin/geodata/event/", post, follow=True).content.decode()
    assert "public note is required" in page
    assert Event.objects.get(pk=e.pk).state == "published"
    client.post("/admin/geodata/event/", {**post, "note": "Duplicate of another report."})
    assert Event.objects.get(pk=e.pk).state == "withdrawn"
    assert Correction.objects.get().kind == "withdrawn"


def test_the_pages_list_corrections_with_dates_escaped():
    from django.test import Client

    c1, c2 = f.conflict(slug="first"), f.conflict(slug="second")
    rev = reviewer()
    e1, e2 = f.event(c1), f.event(c2)
    e1.withdraw(rev, "Withdrawn: <script>alert(1)</script> was a hoax")
    Correction.log(e2, "Location corrected.", rev)
    Correction.objects.filter(event=e1).update(date=datetime.datetime(2020, 10, 5, 12, 0, tzinfo=datetime.UTC))
    client = Client()
    page = client.get("/corrections/").content.decode()
    assert "5 October 2020" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert "Location corrected." in page
    one = client.get("/conflicts/second/corrections/").content.decode()
    assert "Location corrected." in one and "hoax" not in one
    assert client.get("/conflicts/nope/corrections/").status_code == 404


def test_the_pages_never_show_corrections_of_unpublished_records():
    from django.test import Client

    e = f.event(f.conflict(slug="c"))
    Correction.log(e, "Visible note", reviewer())
    Event.objects.filter(pk=e.pk).update(state="draft")  # e.g. a data fix outside the workflow
    assert "Visible note" not in Client().get("/corrections/").content.decode()
