"""A place's control history through the API (issue 11, item 2): each change says when the next
public change took over (`until`), computed in SQL by ControlChangeQuerySet.with_until."""

import pytest

from geodata.models import ControlChange
from tests.helpers import factories as f
from tests.helpers.api import get

pytestmark = pytest.mark.django_db


def history(client, world, until, place=None):
    _, body = get(client, "/api/control-changes/", conflict=world.conflict.slug,
                  place=(place or world.place).slug, until=until)
    return [(row["party"]["slug"], row["date"], row["until"], row["status"]) for row in reversed(body["results"])]


def test_it_says_from_when_to_when_each_side_held_the_place(api_client, world):
    a, b = world.alpha.slug, world.bravo.slug
    f.change(world.place, world.conflict, world.alpha, "2020-09-27")
    taken = f.change(world.place, world.conflict, world.bravo, "2020-10-03")
    f.claim(taken, world.bravo)
    f.claim(taken, world.alpha, stance="denies")
    f.change(world.place, world.conflict, world.alpha, "2020-10-10", confirmed=True, confirmation_note="Seen")
    elsewhere = f.place()
    f.change(elsewhere, world.conflict, world.bravo, "2020-09-30")  # another place does not end a period
    assert history(api_client, world, "2020-10-12") == [
        (a, "2020-09-27", "2020-10-03", "unsourced"),
        (b, "2020-10-03", "2020-10-10", "disputed"),
        (a, "2020-10-10", None, "confirmed"),
    ]
    # Up to an earlier date: the changes after it are not listed; `until` still tells when the
    # period shown ended (the map's popup reads a period ending after its date as still running).
    assert history(api_client, world, "2020-10-05") == [
        (a, "2020-09-27", "2020-10-03", "unsourced"),
        (b, "2020-10-03", "2020-10-10", "disputed"),
    ]


def test_a_hidden_or_retracted_change_never_ends_a_public_period(api_client, world):
    f.change(world.place, world.conflict, world.alpha, "2020-09-27")
    f.change(world.place, world.conflict, world.bravo, "2020-10-03", state="draft")
    f.change(world.place, world.conflict, world.bravo, "2020-10-05", retracted=True)
    assert history(api_client, world, "2020-10-12") == [(world.alpha.slug, "2020-09-27", None, "unsourced")]
    # The editors' queryset (every effective change) does see the draft take over.
    first = ControlChange.objects.with_until().get(date="2020-09-27")
    assert str(first.until) == "2020-10-03"


def test_two_changes_on_one_day_end_in_the_order_they_were_recorded(api_client, world):
    f.change(world.place, world.conflict, world.alpha, "2020-09-27")
    f.change(world.place, world.conflict, world.bravo, "2020-10-03")
    f.change(world.place, world.conflict, world.alpha, "2020-10-03")
    assert [row[2] for row in history(api_client, world, "2020-10-03")] == ["2020-10-03", "2020-10-03", None]
