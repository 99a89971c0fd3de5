"""History is written by triggers: admin saves, queryset.update(), bulk_create/bulk_update; revert restores."""

import pytest

from geodata.models import Claim, Event, Place
from tests.helpers import factories as f
from tests.helpers.adminforms import form_data
from tests.helpers.users import editor, reviewer

pytestmark = pytest.mark.django_db


def labels_and_versions(obj):
    return list(obj.history_events.order_by("pgh_id").values_list("pgh_label", "version"))


def test_it_records_an_admin_save_with_who_did_it(client):
    alice = editor()
    client.force_login(alice)
    e = f.event(f.conflict(), state="draft", description="First wording")
    url = f"/admin/geodata/event/{e.pk}/change/"
    data = form_data(client.get(url))
    data["description"] = "Second wording"
    assert client.post(url, data).status_code == 302
    last = e.history_events.order_by("pgh_id").last()
    assert (last.pgh_label, last.description, last.version) == ("update", "Second wording", 2)
    assert last.pgh_context.metadata["user"] == alice.pk
    assert last.pgh_context.metadata["url"] == url
    history = client.get(f"/admin/geodata/event/{e.pk}/history/").content.decode()
    assert "First wording" in history and "Second wording" in history and alice.username in history


def test_it_records_queryset_update():
    e = f.event(f.conflict(), description="Before")
    Event.objects.filter(pk=e.pk).update(description="After a bulk fix")
    assert labels_and_versions(e) == [("insert", 1), ("update", 2)]
    assert e.history_events.order_by("pgh_id").last().description == "After a bulk fix"


def test_it_records_bulk_create_and_bulk_update():
    c = f.conflict()
    src, party = f.source(), f.party()
    event = f.event(c)
    made = Claim.objects.bulk_create([
        Claim(event=event, claimant_party=party, source=src, summary=f"Claim {n}") for n in range(3)
    ])
    for claim in made:
        claim.summary += " (edited)"
    Claim.objects.bulk_update(made, ["summary"])
    for claim in made:
        rows = list(claim.history_events.order_by("pgh_id").values_list("pgh_label", "summary", "version"))
        assert rows == [("insert", rows[0][1], 1), ("update", rows[0][1] + " (edited)", 2)]


def test_it_records_deletes():
    p = f.place()
    pk = p.pk
    p.delete()
    assert Place.pgh_event_model.objects.filter(pgh_obj_id=pk).order_by("pgh_id").last().pgh_label == "delete"


def test_revert_restores_the_old_content_as_a_new_version(client):
    alice = editor()
    client.force_login(alice)
    e = f.event(f.conflict(), state="draft", description="Original", civilian_targeting=False)
    Event.objects.filter(pk=e.pk).update(description="Vandalised", civilian_targeting=True)
    original = e.history_events.get(version=1)
    url = f"/admin/geodata/event/{e.pk}/history/{original.pgh_id}/revert/"
    page = client.get(url).content.decode()
    assert "Vandalised" in page and "Original" in page
    response = client.post(url, {"version": 2})
    assert response.status_code == 302, response.content.decode()[-2000:]
    e.refresh_from_db()
    assert (e.description, e.civilian_targeting, e.version, e.state) == ("Original", False, 3, "draft")
    assert labels_and_versions(e)[-1] == ("update", 3)


def test_revert_of_a_published_record_needs_a_reviewer_and_a_note(client):
    e = f.event(f.conflict(), description="Original")
    Event.objects.filter(pk=e.pk).update(description="Changed")
    url = f"/admin/geodata/event/{e.pk}/history/{e.history_events.get(version=1).pgh_id}/revert/"
    client.force_login(editor())
    assert "Only a reviewer" in client.post(url, {"version": 2, "correction_note": "x"}).content.decode()
    client.force_login(reviewer())
    assert "correction note is required" in client.post(url, {"version": 2}).content.decode()
    assert client.post(url, {"version": 2, "correction_note": "Restored the original wording."}).status_code == 302
    e.refresh_from_db()
    assert e.description == "Original"
    assert e.corrections.get().note == "Restored the original wording."


def test_revert_refuses_a_stale_version(client):
    client.force_login(editor())
    e = f.event(f.conflict(), state="draft", description="Original")
    Event.objects.filter(pk=e.pk).update(description="Changed")
    url = f"/admin/geodata/event/{e.pk}/history/{e.history_events.get(version=1).pgh_id}/revert/"
    Event.objects.filter(pk=e.pk).update(description="Changed again")
    assert "Not saved" in client.post(url, {"version": 2}).content.decode()
    assert Event.objects.get(pk=e.pk).description == "Changed again"
