"""Draft -> in review -> published -> withdrawn, and what the public querysets let through."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from geodata.models import Claim, ControlChange, Correction, Event, Place
from tests.helpers import factories as f
from tests.helpers.users import editor, reviewer

pytestmark = pytest.mark.django_db


def test_it_shows_only_published_records_in_published(world):
    shown = {state: f.event(world.conflict, state=state) for state in ("draft", "in_review", "published", "withdrawn")}
    assert list(Event.objects.published()) == [shown["published"]]
    changes = {
        state: f.change(world.place, world.conflict, party, date, state=state)
        for state, party, date in [("published", world.alpha, "2020-09-27"), ("draft", world.bravo, "2020-10-01"),
                                   ("in_review", world.alpha, "2020-10-02"), ("withdrawn", world.bravo, "2020-10-03")]
    }
    assert list(ControlChange.objects.published()) == [changes["published"]]


def test_a_claim_is_public_only_if_its_parent_is(world):
    public = f.event(world.conflict)
    hidden = f.event(world.conflict, state="draft")
    shown = f.claim(public, world.alpha)
    f.claim(public, world.alpha, state="in_review")
    f.claim(hidden, world.alpha)  # published claim on a draft event
    withdrawn_change = f.change(world.place, world.conflict, world.alpha, "2020-09-27", state="withdrawn")
    f.claim(withdrawn_change, world.alpha)
    assert list(Claim.objects.published()) == [shown]


def test_state_at_date_ignores_unpublished_control_changes(world):
    for state in ("draft", "in_review", "withdrawn"):
        place = f.place()
        f.change(place, world.conflict, world.alpha, "2020-09-27")
        f.change(place, world.conflict, world.bravo, "2020-10-03", state=state)
        assert Place.objects.with_controller_at("2020-10-05", world.conflict).get(pk=place.pk).controller_id == world.alpha.pk
        # the editors' preview sees drafts and records in review, never withdrawn ones
        preview = Place.objects.with_controller_at("2020-10-05", world.conflict, published_only=False).get(pk=place.pk)
        assert preview.controller_id == (world.alpha.pk if state == "withdrawn" else world.bravo.pk)


def test_places_are_in_a_conflict_only_through_published_records(world):
    f.change(world.place, world.conflict, world.alpha, "2020-09-27", state="draft")
    assert list(Place.objects.in_conflict(world.conflict)) == []
    assert list(Place.objects.in_conflict(world.conflict, published_only=False)) == [world.place]


def test_verification_counts_only_published_claims(world):
    e = f.event(world.conflict)
    f.claim(e, world.alpha)
    f.claim(e, world.bravo, stance="denies", state="draft")
    assert Event.objects.with_verification().get(pk=e.pk).verification == "claimed"
    assert Event.objects.with_verification(published_only=False).get(pk=e.pk).verification == "disputed"


def test_an_editor_submits_and_a_reviewer_publishes_with_the_claims(world):
    ed, rev = editor(), reviewer()
    e = f.event(world.conflict, state="draft", created_by=ed)
    claim = f.claim(e, world.alpha, state="draft", created_by=ed)
    e.submit(ed)
    claim.refresh_from_db()
    assert (e.state, claim.state, e.submitted_by) == ("in_review", "in_review", ed)
    with pytest.raises(PermissionDenied):
        e.publish(ed)  # editors never publish
    e.publish(rev)
    claim.refresh_from_db()
    assert (e.state, claim.state, e.reviewed_by) == ("published", "published", rev)
    assert list(Claim.objects.published()) == [claim]


def test_a_reviewer_cannot_publish_own_work_unless_allowed(world, settings):
    rev = reviewer()
    e = f.event(world.conflict, state="draft", created_by=rev)
    e.submit(rev)
    settings.ALLOW_SELF_PUBLISH = False
    with pytest.raises(PermissionDenied, match="another reviewer"):
        e.publish(rev)
    e.publish(reviewer())
    assert e.state == "published"


def test_self_publish_setting_lets_a_reviewer_publish_own_work(world, settings):
    rev = reviewer()
    e = f.event(world.conflict, state="draft", created_by=rev)
    e.submit(rev)
    settings.ALLOW_SELF_PUBLISH = True
    e.publish(rev)
    assert Event.objects.published().get() == e
    settings.ALLOW_SELF_PUBLISH = True
    ed = editor()
    other = f.event(world.conflict, state="draft", created_by=ed)
    other.submit(ed)
    with pytest.raises(PermissionDenied):
        other.publish(ed)  # the setting never lets a non-reviewer publish


def test_send_back_needs_a_comment_and_returns_to_draft(world):
    ed, rev = editor(), reviewer()
    e = f.event(world.conflict, state="draft", created_by=ed)
    e.submit(ed)
    with pytest.raises(ValidationError, match="comment"):
        e.send_back(rev, "  ")
    e.send_back(rev, "Which outlet reported this?")
    e.refresh_from_db()
    assert (e.state, e.review_comment) == ("draft", "Which outlet reported this?")


def test_withdraw_needs_a_public_note_and_logs_a_correction(world):
    rev = reviewer()
    e = f.event(world.conflict)
    with pytest.raises(ValidationError, match="public note"):
        e.withdraw(rev, "")
    e.withdraw(rev, "The report was retracted by the outlet.")
    assert not Event.objects.published().exists()
    correction = Correction.objects.get()
    assert (correction.event, correction.kind, correction.conflict) == (e, "withdrawn", world.conflict)
    assert e.corrected_at == correction.date


def test_transitions_refuse_the_wrong_starting_state(world):
    rev = reviewer()
    e = f.event(world.conflict, state="draft")
    with pytest.raises(ValidationError, match="in review"):
        e.publish(rev)
    with pytest.raises(ValidationError, match="published"):
        e.withdraw(rev, "note")


def action(client, name, *records, note=""):
    return client.post(
        f"/admin/geodata/{records[0]._meta.model_name}/",
        {"action": name, "_selected_action": [r.pk for r in records], "index": 0, "note": note,
         **{f"_seen_version_{r.pk}": r.version for r in records}},
        follow=True,
    ).content.decode()


def test_the_admin_actions_run_the_workflow(client, world):
    ed, rev = editor(), reviewer()
    e = f.event(world.conflict, state="draft", created_by=ed)
    change = f.change(world.place, world.conflict, world.alpha, "2020-09-27", state="draft", created_by=ed)
    client.force_login(ed)
    assert "submitted for review" in action(client, "submit_for_review", e)
    assert "submitted for review" in action(client, "submit_for_review", change)
    e.refresh_from_db()
    # Editors are not offered the reviewers' actions (tests/test_review_queue.py); a forged POST changes nothing.
    action(client, "publish", e)
    e.refresh_from_db()
    assert e.state == "in_review"
    client.force_login(rev)
    assert "a comment is required" in action(client, "send_back", e)
    assert "sent back" in action(client, "send_back", e, note="Add a second source.")
    e.refresh_from_db()
    assert (e.state, e.review_comment, e.reviewed_by) == ("draft", "Add a second source.", rev)
    change.refresh_from_db()
    assert "published" in action(client, "publish", change)
    assert ControlChange.objects.published().get() == change


def test_a_reviewer_action_on_own_work_changes_nothing(client, world):
    rev = reviewer()
    own = f.event(world.conflict, state="in_review", created_by=rev)
    other = f.event(world.conflict, state="in_review", created_by=editor())
    client.force_login(rev)
    page = action(client, "publish", own, other)
    assert "Nothing was changed" in page and "another reviewer" in page
    assert set(Event.objects.values_list("state", flat=True)) == {"in_review"}  # all or nothing


def test_the_state_filter_lists_each_state(client, world):
    for state in ("draft", "in_review", "published", "withdrawn"):
        f.event(world.conflict, state=state, description=f"Event that is {state}")
    client.force_login(reviewer())
    for state in ("draft", "in_review", "published", "withdrawn"):
        page = client.get(f"/admin/geodata/event/?state__exact={state}").content.decode()
        assert f"Event that is {state}" in page
        assert sum(f"Event that is {s}" in page for s in ("draft", "in_review", "published", "withdrawn")) == 1
