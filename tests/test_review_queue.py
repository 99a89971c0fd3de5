"""Reviewers get a queue (issue 11, item 10): the admin index lists what waits for review, oldest
first, one click to each; editors see neither the queue nor the actions only reviewers may use."""

import datetime
import re

import pytest
from django.utils import timezone

from geodata.models import ControlChange, Event
from tests.helpers import factories as f
from tests.helpers import users

pytestmark = pytest.mark.django_db


def submitted(record, by, days_ago):
    record.submit(by)
    type(record).objects.filter(pk=record.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=days_ago))
    return record


def queue_links(html):
    section = html.split('class="module cm-review-queue"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<a href="([^"]+)">', section)


def test_reviewers_see_what_waits_oldest_first_with_one_link_each(client, world):
    editor, reviewer = users.editor(), users.reviewer()
    newer_event = submitted(f.event(world.conflict, state="draft", description="Newer"), editor, days_ago=1)
    change = submitted(f.change(world.place, world.conflict, world.alpha, "2020-10-01", state="draft"), editor, 5)
    older_event = submitted(f.event(world.conflict, state="draft", description="Older"), editor, days_ago=3)
    claim = submitted(f.claim(f.event(world.conflict), state="draft", summary="Waiting claim"), reviewer, 2)
    f.event(world.conflict, state="draft", description="Still a draft")
    f.event(world.conflict, description="Already published")

    client.force_login(reviewer)
    html = client.get("/admin/").content.decode()
    assert "Waiting for review (4)" in html
    assert queue_links(html) == [
        f"/admin/geodata/controlchange/{change.pk}/change/",
        f"/admin/geodata/event/{older_event.pk}/change/",
        f"/admin/geodata/claim/{claim.pk}/change/",
        f"/admin/geodata/event/{newer_event.pk}/change/",
    ]
    assert "(you: another reviewer must publish it)" in html  # the reviewer's own claim
    for link in queue_links(html):
        assert client.get(link).status_code == 200
    assert "Still a draft" not in html and "Already published" not in html


def test_an_empty_queue_says_so(client, world):
    client.force_login(users.reviewer())
    html = client.get("/admin/").content.decode()
    assert "Waiting for review (0)" in html and "Nothing waits for review." in html


def test_editors_see_no_queue_and_no_reviewer_actions(client, world):
    editor = users.editor()
    submitted(f.event(world.conflict, state="draft"), editor, days_ago=1)
    client.force_login(editor)
    assert "cm-review-queue" not in client.get("/admin/").content.decode()
    for url in ("/admin/geodata/event/", "/admin/geodata/controlchange/", "/admin/geodata/claim/"):
        actions = set(client.get(url).context["action_form"].fields["action"].choices)
        names = {name for name, _ in actions}
        assert "submit_for_review" in names
        assert not names & {"publish", "send_back", "withdraw"}, url

    client.force_login(users.reviewer())
    names = {name for name, _ in client.get("/admin/geodata/event/").context["action_form"].fields["action"].choices}
    assert {"submit_for_review", "publish", "send_back", "withdraw"} <= names
    assert Event.objects.filter(state="in_review").count() == 1 and not ControlChange.objects.exists()
