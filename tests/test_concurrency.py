"""No lost updates: two editors open the same record, both save; the second is refused."""

import html
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.db.models import signals
from django.test import Client
from django.utils import translation

from geodata.editorial import StaleRecord
from geodata.models import Claim, Event, Place
from tests.helpers import factories as f
from tests.helpers.adminforms import form_data
from tests.helpers.users import editor, reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture
def editors():
    """Two editors, each logged in with a test client of their own: editors.alice and editors.bob."""
    alice, bob = Client(), Client()
    alice.force_login(editor())
    bob.force_login(editor())
    return SimpleNamespace(alice=alice, bob=bob)


def change_url(obj):
    return f"/admin/geodata/{obj._meta.model_name}/{obj.pk}/change/"


def test_it_refuses_the_second_of_two_saves_and_keeps_the_first(editors):
    c = f.conflict()
    e = f.event(c, state="draft", description="Shelling reported")
    alice_form = form_data(editors.alice.get(change_url(e)))
    bob_form = form_data(editors.bob.get(change_url(e)))
    assert alice_form["version"] == bob_form["version"] == "1"

    alice_form["description"] = "Shelling of the market reported"
    response = editors.alice.post(change_url(e), alice_form)
    assert response.status_code == 302, response.content.decode()[:3000]

    bob_form["description"] = "Artillery fire reported"
    response = editors.bob.post(change_url(e), bob_form)
    assert response.status_code == 200  # the form again, with the error
    page = response.content.decode()
    assert "Not saved" in page and "changed by user" in page
    assert "Shelling of the market reported" in page  # what changed meanwhile is shown
    e.refresh_from_db()
    assert e.description == "Shelling of the market reported"
    assert e.version == 2


def test_it_refuses_a_stale_inline_claim(editors):
    c = f.conflict()
    e = f.event(c, state="draft")
    claim = f.claim(e, f.party(), state="draft", summary="Original summary")
    alice_form = form_data(editors.alice.get(change_url(e)))
    bob_form = form_data(editors.bob.get(change_url(e)))
    prefix = next(k for k, v in alice_form.items() if k.endswith("-id") and v == str(claim.pk))[: -len("-id")]
    alice_form[f"{prefix}-summary"] = "Alice's summary"
    assert editors.alice.post(change_url(e), alice_form).status_code == 302
    bob_form[f"{prefix}-summary"] = "Bob's summary"
    response = editors.bob.post(change_url(e), bob_form)
    assert response.status_code == 200
    assert "Not saved" in response.content.decode()
    claim.refresh_from_db()
    assert claim.summary == "Alice's summary"


def test_it_refuses_a_stale_place(editors):
    p = f.place("Madagiz")
    alice_form = form_data(editors.alice.get(change_url(p)))
    bob_form = form_data(editors.bob.get(change_url(p)))
    alice_form["name"] = "Madagiz (Sugovushan)"
    assert editors.alice.post(change_url(p), alice_form).status_code == 302
    bob_form["name"] = "Mataghis"
    response = editors.bob.post(change_url(p), bob_form)
    assert "Not saved" in response.content.decode()
    p.refresh_from_db()
    assert p.name == "Madagiz (Sugovushan)"


def test_a_bulk_update_makes_open_forms_stale(editors):
    c = f.conflict()
    e = f.event(c, state="draft")
    form = form_data(editors.alice.get(change_url(e)))
    Event.objects.filter(pk=e.pk).update(description="Changed by a script")
    form["description"] = "Alice's version"
    assert "Not saved" in editors.alice.post(change_url(e), form).content.decode()
    assert Event.objects.get(pk=e.pk).description == "Changed by a script"


def test_model_save_from_a_stale_copy_raises():
    c = f.conflict()
    e = f.event(c)
    first, second = Event.objects.get(pk=e.pk), Event.objects.get(pk=e.pk)
    first.description = "first"
    first.save()
    second.description = "second"
    with pytest.raises(StaleRecord), transaction.atomic():
        second.save()
    assert Event.objects.get(pk=e.pk).description == "first"
    first.description = "first, again"
    first.save()  # the copy that saved last knows the new version
    assert Event.objects.get(pk=e.pk).version == 3


def test_the_refusal_of_a_stale_copy_is_written_in_the_readers_language():
    e = f.event(f.conflict())
    first, second = Event.objects.get(pk=e.pk), Event.objects.get(pk=e.pk)
    first.save()
    with pytest.raises(StaleRecord) as caught, transaction.atomic():
        second.save()
    with translation.override("en"):
        assert str(caught.value) == (f"Not saved: this event (ID {e.pk}) was changed or deleted by someone else since "
                                     "version 1 was loaded. Reload the page and apply your change again.")
    with translation.override("ru"):
        assert str(caught.value).startswith(f"Не сохранено: эту запись (событие, ID {e.pk}) кто-то другой изменил")
    with translation.override("hy"):
        assert str(caught.value).startswith(f"Չի պահպանվել. այս գրառումը (իրադարձություն, ID {e.pk})")


@pytest.fixture
def a_write_landing_before_the_save():
    """Another editor's write to the event, committed between the admin's check of the form and its save: the
    race the form's lock cannot see when the form's check is skipped or passed (a real UPDATE, version bumped)."""
    landed = []

    def write_first(sender, instance, **kwargs):
        if instance.pk and not landed:
            landed.append(instance.pk)
            Event.objects.filter(pk=instance.pk).update(description="Bob's description")

    signals.pre_save.connect(write_first, sender=Event)
    yield landed
    signals.pre_save.disconnect(write_first, sender=Event)


def test_a_save_that_loses_the_race_is_explained_in_armenian_and_writes_nothing(editors,
                                                                                 a_write_landing_before_the_save):
    e = f.event(f.conflict(), state="draft", description="Shelling reported")
    form = form_data(editors.alice.get(change_url(e)))
    form["description"] = "Alice's description"
    response = editors.alice.post(change_url(e) + "?lang=hy", form)
    assert a_write_landing_before_the_save == [e.pk]
    assert response.status_code == 302 and response["Location"] == change_url(e) + "?lang=hy"
    page = html.unescape(editors.alice.get(response["Location"]).content.decode())
    assert f"Չի պահպանվել. այս գրառումը (իրադարձություն, ID {e.pk}) փոխել կամ ջնջել է մեկ ուրիշը" in page
    assert "Not saved" not in page and "someone else" not in page
    e.refresh_from_db()
    # The admin's transaction rolled back, the write that raced it included (it ran inside it here).
    assert (e.description, e.version) == ("Shelling reported", 1)


def test_an_action_refuses_rows_changed_since_the_list_was_shown(client):
    rev = reviewer()
    client.force_login(rev)
    c = f.conflict()
    e = f.event(c, state="in_review", created_by=editor())
    changelist = client.get("/admin/geodata/event/")
    assert f'name="_seen_version_{e.pk}" value="1"' in changelist.content.decode()
    Event.objects.filter(pk=e.pk).update(description="Edited after the list was loaded")
    response = client.post(
        "/admin/geodata/event/",
        {"action": "publish", "_selected_action": [e.pk], f"_seen_version_{e.pk}": "1", "index": 0},
        follow=True,
    )
    assert "Nothing was changed" in response.content.decode()
    assert Event.objects.get(pk=e.pk).state == "in_review"
    response = client.post(
        "/admin/geodata/event/",
        {"action": "publish", "_selected_action": [e.pk], f"_seen_version_{e.pk}": "2", "index": 0},
        follow=True,
    )
    assert Event.objects.get(pk=e.pk).state == "published", response.content.decode()[-3000:]


def test_an_action_refuses_rows_not_on_the_page(client):
    client.force_login(reviewer())
    e = f.event(f.conflict(), state="in_review", created_by=editor())
    client.post("/admin/geodata/event/", {"action": "publish", "_selected_action": [e.pk], "index": 0})
    assert Event.objects.get(pk=e.pk).state == "in_review"
    assert Claim.objects.count() == 0 and Place.objects.count() == 0
