"""A territory version that ends (valid_until): in force up to the day before its end, then nothing."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from geodata.api import schema_territory
from geodata.models import Conflict, TerritoryVersion
from tests.helpers import territory as t
from tests.helpers.api import check_shape, get
from tests.helpers.users import editor

pytestmark = pytest.mark.django_db

D = datetime.date


def in_force(date, conflict):
    return list(TerritoryVersion.objects.published().in_force_at(date, conflict))


@pytest.fixture
def ending(world):
    """Alpha's held area from 1 October, ending on 10 October; a later version from 15 October."""
    held = t.series(world.conflict, world.alpha, slug="alpha")
    first = t.version(held, "2020-10-01", t.box(46.0, 39.0, 46.1, 39.1), valid_until=D(2020, 10, 10))
    return {"world": world, "held": held, "first": first}


def test_a_version_is_in_force_up_to_the_day_before_its_end_and_not_on_it(ending):
    conflict, first = ending["world"].conflict, ending["first"]
    assert in_force("2020-10-01", conflict) == [first]
    assert in_force("2020-10-09", conflict) == [first]  # the last day it holds
    assert in_force("2020-10-10", conflict) == []  # the day of its end
    assert in_force("2020-11-30", conflict) == []  # and after: it does not come back


def test_an_ended_version_never_lets_an_older_one_show_again_and_the_next_one_starts(ending):
    held, conflict = ending["held"], ending["world"].conflict
    older = t.version(held, "2020-09-28", t.box(46.0, 39.0, 46.05, 39.1))
    later = t.version(held, "2020-10-15", t.box(46.0, 39.0, 46.2, 39.1))
    assert in_force("2020-09-30", conflict) == [older]
    assert in_force("2020-10-12", conflict) == []  # not the older version, though it has no end
    assert in_force("2020-10-15", conflict) == [later]


def test_an_unpublished_end_does_not_end_the_published_version(ending):
    # The end is a field of the version: a draft of the series (with or without an end) changes nothing.
    held, conflict = ending["held"], ending["world"].conflict
    t.version(held, "2020-10-05", t.box(46.0, 39.0, 46.1, 39.1), valid_until=D(2020, 10, 6), state="draft")
    assert in_force("2020-10-07", conflict) == [ending["first"]]


def test_the_database_refuses_an_end_on_or_before_the_start(ending):
    first = ending["first"]
    for until in (first.valid_from, first.valid_from - datetime.timedelta(days=1)):
        with pytest.raises(IntegrityError, match="territoryversion_ends_after_start"), transaction.atomic():
            TerritoryVersion.objects.filter(pk=first.pk).update(valid_until=until)


def test_the_changes_and_the_front_line_respect_the_end(ending):
    world = ending["world"]
    bravo = t.series(world.conflict, world.bravo)
    t.version(bravo, "2020-10-01", t.box(46.1, 39.0, 46.2, 39.1))
    versions = TerritoryVersion.objects.published()

    assert len(versions.front_line_at("2020-10-09", world.conflict)) == 1
    assert versions.front_line_at("2020-10-10", world.conflict) == []
    (change,) = versions.changes_between("2020-10-09", "2020-10-10", world.conflict)
    assert change.party_id == world.alpha.pk and change.gained is None
    assert change.lost_km2 == pytest.approx(t.box_km2(46.0, 39.0, 46.1, 39.1), rel=1e-3)


def test_the_api_gives_the_end_and_drops_the_ended_version(api_client, ending):
    slug = ending["world"].conflict.slug
    body = get(api_client, "/api/territory/", conflict=slug, date="2020-10-09")[1]
    check_shape(body, schema_territory.TERRITORY)
    assert [f["properties"]["valid_until"] for f in body["features"]] == ["2020-10-10"]
    assert get(api_client, "/api/territory/", conflict=slug, date="2020-10-10")[1]["features"] == []


def test_the_admin_edits_the_end_and_refuses_one_before_the_start(ending):
    client = Client()
    client.force_login(editor())
    draft = t.version(ending["held"], "2020-10-20", t.box(46.0, 39.0, 46.1, 39.1), state="draft")
    url = f"/admin/geodata/territoryversion/{draft.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="valid_until"' in page
    data = {"series": draft.series_id, "valid_from": "2020-10-20", "date_precision": 1, "geometry": draft.geometry.geojson,
            "geometry_note": "", "version": draft.version, "claims-TOTAL_FORMS": "0", "claims-INITIAL_FORMS": "0",
            "claims-MIN_NUM_FORMS": "0", "claims-MAX_NUM_FORMS": "1000"}
    refused = client.post(url, {**data, "valid_until": "2020-10-20"})
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["valid_until"] == ["A version must end after the day it starts."]
    saved = client.post(url, {**data, "valid_until": "2020-10-25"})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.valid_until == D(2020, 10, 25)


def test_the_demo_claim_on_hadrut_ends_when_hadrut_is_counted_as_held(demo):
    conflict = Conflict.objects.get(slug="nagorno-karabakh-2020")
    claim = TerritoryVersion.objects.get(series__conflict=conflict, series__slug="az-claim-hadrut")
    held = TerritoryVersion.objects.get(series__conflict=conflict, series__slug="az-taken", valid_from=claim.valid_until)
    assert claim.valid_until == D(2020, 10, 17) == held.valid_from
    assert "It ends on 17 October" in claim.geometry_note
    slugs = {v.series.slug for v in in_force("2020-10-16", conflict)}
    assert "az-claim-hadrut" in slugs
    assert "az-claim-hadrut" not in {v.series.slug for v in in_force("2020-10-17", conflict)}
