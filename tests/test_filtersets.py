"""The FilterSets on their own, as the HTML views will use them (no API in between)."""

import datetime

import pytest
from django.http import QueryDict

from geodata.filtersets import EventFilterSet, PlaceFilterSet, default_date
from geodata.models import Event, Place
from tests.helpers import factories as f

pytestmark = pytest.mark.django_db


def test_it_filters_a_queryset_without_the_api():
    c = f.conflict()
    kept = f.event(c, "2020-10-02", sub_event_type="Armed clash")
    f.event(c, "2020-10-02")
    f.event(c, "2020-10-09", sub_event_type="Armed clash")
    filterset = EventFilterSet(
        QueryDict(f"conflict={c.slug}&end=2020-10-05&type=Battles"), queryset=Event.objects.all()
    )
    assert filterset.is_valid()
    assert list(filterset.qs) == [kept]


def test_it_reads_repeated_and_comma_separated_values_alike():
    c = f.conflict()
    data = QueryDict(f"conflict={c.slug}&type=Battles,Riots&type=Grenade&status=claimed")
    filterset = EventFilterSet(data, queryset=Event.objects.all())
    assert filterset.is_valid(), filterset.errors
    assert filterset.form.cleaned_data["type"] == ["Battles", "Riots", "Grenade"]


def test_it_is_invalid_with_messages_rather_than_raising():
    filterset = EventFilterSet(QueryDict("conflict=nope&bbox=1,2,3,nan"), queryset=Event.objects.all())
    assert not filterset.is_valid()
    assert set(filterset.errors) == {"conflict", "bbox"}


def test_it_annotates_places_with_the_state_at_the_date():
    c, a = f.conflict(), f.party()
    p = f.place()
    f.change(p, c, a, "2020-10-01")
    filterset = PlaceFilterSet(QueryDict(f"conflict={c.slug}&date=2020-10-02"), queryset=Place.objects.all())
    assert filterset.is_valid()
    assert [(row.pk, row.controller_id) for row in filterset.qs] == [(p.pk, a.pk)]


def test_default_date_is_today_clipped_to_the_conflict():
    c = f.conflict(start_date=datetime.date(2020, 9, 27), end_date=datetime.date(2020, 11, 10))
    assert default_date(c, today=datetime.date(2020, 10, 3)) == datetime.date(2020, 10, 3)
    assert default_date(c, today=datetime.date(2020, 1, 1)) == c.start_date
    assert default_date(c, today=datetime.date(2024, 1, 1)) == c.end_date
    open_ended = f.conflict(start_date=datetime.date(2020, 9, 27))
    assert default_date(open_ended, today=datetime.date(2024, 1, 1)) == datetime.date(2024, 1, 1)
