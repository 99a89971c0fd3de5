"""State at a date, computed in the database: the edges."""

import datetime

import pytest

from geodata.models import Event, Place
from tests.helpers import factories as f

pytestmark = pytest.mark.django_db


def controller(place, date, conflict=None):
    return Place.objects.with_controller_at(date, conflict).get(pk=place.pk)


def test_it_is_uncontrolled_before_the_first_record(world):
    f.change(world.place, world.conflict, world.alpha, "2020-09-27")
    row = controller(world.place, "2020-09-26")
    assert row.controller_id is None
    assert row.control_change_id is None


def test_it_changes_hands_on_the_day_of_the_change(world):
    f.change(world.place, world.conflict, world.alpha, "2020-09-27")
    taken = f.change(world.place, world.conflict, world.bravo, "2020-10-03")
    f.claim(taken, world.bravo)
    assert controller(world.place, "2020-10-02").controller_id == world.alpha.pk
    row = controller(world.place, "2020-10-03")
    assert row.controller_id == world.bravo.pk
    assert row.control_change_id == taken.pk
    assert row.controller_since == datetime.date(2020, 10, 3)
    assert row.control_status == "claimed"


def test_it_takes_the_later_recorded_of_two_changes_on_one_day(world):
    f.change(world.place, world.conflict, world.alpha, "2020-09-27")
    f.change(world.place, world.conflict, world.bravo, "2020-10-03")
    back = f.change(world.place, world.conflict, world.alpha, "2020-10-03")
    assert controller(world.place, "2020-10-03").control_change_id == back.pk
    assert controller(world.place, "2020-10-03").controller_id == world.alpha.pk


def test_it_ignores_retracted_changes(world):
    f.change(world.place, world.conflict, world.alpha, "2020-09-27")
    f.change(world.place, world.conflict, world.bravo, "2020-10-03", retracted=True)
    assert controller(world.place, "2020-10-05").controller_id == world.alpha.pk


def test_it_accepts_a_date_object_and_a_string(world):
    f.change(world.place, world.conflict, world.alpha, "2020-09-27")
    assert controller(world.place, datetime.date(2020, 9, 27)).controller_id == world.alpha.pk
    assert controller(world.place, datetime.datetime(2020, 9, 27, 23, 0)).controller_id == world.alpha.pk


def test_it_scopes_control_to_a_conflict(world):
    other = f.conflict()
    f.change(world.place, world.conflict, world.alpha, "2020-09-27")
    f.change(world.place, other, world.bravo, "2020-09-28")
    assert controller(world.place, "2020-10-01", world.conflict).controller_id == world.alpha.pk
    assert controller(world.place, "2020-10-01", other).controller_id == world.bravo.pk


def test_it_answers_for_many_places_in_one_query(world, django_assert_num_queries):
    q = f.place("Other")
    f.change(world.place, world.conflict, world.alpha, "2020-09-27")
    f.change(q, world.conflict, world.bravo, "2020-09-27")
    with django_assert_num_queries(1):
        rows = {row.pk: row.controller_id for row in Place.objects.with_controller_at("2020-10-01", world.conflict)}
    assert rows == {world.place.pk: world.alpha.pk, q.pk: world.bravo.pk}


def test_it_lists_places_in_a_conflict(world):
    f.place("Elsewhere")
    f.change(world.place, world.conflict, world.alpha, "2020-09-27")
    assert list(Place.objects.in_conflict(world.conflict)) == [world.place]


def test_events_between_includes_both_ends():
    c = f.conflict()
    first = f.event(c, "2020-10-01")
    last = f.event(c, "2020-10-03")
    f.event(c, "2020-10-04")
    f.event(c, "2020-09-30")
    assert set(Event.objects.between("2020-10-01", "2020-10-03")) == {first, last}


def test_events_between_refuses_start_after_end():
    with pytest.raises(ValueError, match="after"):
        Event.objects.between("2020-10-05", "2020-10-01")


def test_verification_follows_the_claims():
    c = f.conflict()
    a, b = f.party(), f.party()
    unsourced = f.event(c)
    claimed = f.event(c)
    f.claim(claimed, a)
    disputed = f.event(c)
    f.claim(disputed, a)
    f.claim(disputed, b, stance="denies")
    denied = f.event(c)
    f.claim(denied, b, stance="denies")
    confirmed = f.event(c, confirmed=True, confirmation_note="Seen by our reporter")
    f.claim(confirmed, a)
    f.claim(confirmed, b, stance="denies")
    status = dict(Event.objects.with_verification().values_list("pk", "verification"))
    assert status == {
        unsourced.pk: "unsourced",
        claimed.pk: "claimed",
        disputed.pk: "disputed",
        denied.pk: "denied",
        confirmed.pk: "confirmed",
    }


def test_conservative_figures_take_the_lowest_per_victim_group_and_never_sum():
    c = f.conflict()
    a, b = f.party(), f.party()
    e = f.event(c)
    f.claim(e, a, killed_combatants=3000, casualties_of=b)
    f.claim(e, a, killed_combatants=2300, casualties_of=b, wounded_combatants=10)
    f.claim(e, b, killed_combatants=150, casualties_of=a)
    f.claim(e, b, stance="denies", killed_combatants=1, casualties_of=b)
    rows = {row["casualties_of"]: row for row in e.conservative_figures()}
    assert rows[b.pk]["killed_combatants"] == 2300
    assert rows[b.pk]["wounded_combatants"] == 10
    assert rows[a.pk]["killed_combatants"] == 150
    assert rows[a.pk]["killed_civilians"] is None


def test_search_finds_a_place_by_any_name():
    p = f.place("Stepanakert")
    p.alternate_names.create(name="Khankendi", language="az-Latn")
    p.alternate_names.create(name="Ստեփանակերտ", language="hy")
    f.place("Madagiz")
    assert list(Place.objects.search("khank")) == [p]
    assert list(Place.objects.search("Ստեփան")) == [p]
    assert list(Place.objects.search("stepan")) == [p]
