"""Territory changes: a version against the previous published one, and the change between two dates."""

import pytest

from geodata.models import TerritoryVersion
from tests.helpers import territory as t

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(world):
    return t.series(world.conflict, world.alpha)


def test_it_gives_the_area_gained_and_lost_since_the_previous_published_version(held):
    first = t.version(held, "2020-10-01", t.box(46.0, 39.0, 46.1, 39.1))
    t.version(held, "2020-10-05", t.box(46.0, 39.0, 46.2, 39.1), state="draft")  # not the previous: a draft
    t.version(held, "2020-10-06", t.box(46.0, 39.0, 46.3, 39.1), state="withdrawn")  # nor a withdrawn one
    moved = t.version(held, "2020-10-10", t.box(46.05, 39.0, 46.15, 39.1), state="draft")

    change = moved.change_from_previous()

    assert change.previous == first
    assert change.gained.extent == pytest.approx((46.1, 39.0, 46.15, 39.1))
    assert change.lost.extent == pytest.approx((46.0, 39.0, 46.05, 39.1))
    assert change.gained_km2 == pytest.approx(t.box_km2(46.1, 39.0, 46.15, 39.1), rel=1e-3)
    assert change.lost_km2 == pytest.approx(t.box_km2(46.0, 39.0, 46.05, 39.1), rel=1e-3)


def test_it_compares_an_unsaved_edit_and_reports_nothing_lost(held):
    t.version(held, "2020-10-01", t.box(46.0, 39.0, 46.1, 39.1))
    edit = held.versions.model(series=held, valid_from="2020-10-02", geometry=t.box(46.0, 39.0, 46.1, 39.2))

    change = edit.change_from_previous()

    assert change.lost is None and change.lost_km2 == 0.0
    assert change.gained_km2 == pytest.approx(t.box_km2(46.0, 39.1, 46.1, 39.2), rel=1e-3)


def test_it_counts_all_of_a_first_version_as_gained(held):
    first = t.version(held, "2020-10-01", t.box(46.0, 39.0, 46.1, 39.1))

    change = first.change_from_previous()

    assert change.previous is None and change.lost is None
    assert change.gained_km2 == pytest.approx(t.box_km2(46.0, 39.0, 46.1, 39.1), rel=1e-3)


def test_it_gives_the_change_between_two_dates_per_party(world, held):
    bravo = t.series(world.conflict, world.bravo)
    other_alpha = t.series(world.conflict, world.alpha)
    t.version(held, "2020-10-01", t.box(46.0, 39.0, 46.1, 39.1))
    t.version(other_alpha, "2020-10-01", t.box(46.0, 39.1, 46.1, 39.2))  # Alpha's two series are one area
    t.version(bravo, "2020-10-01", t.box(46.1, 39.0, 46.3, 39.2))
    t.version(held, "2020-10-10", t.box(46.0, 39.0, 46.2, 39.1))  # Alpha takes 46.1–46.2 × 39.0–39.1
    t.version(bravo, "2020-10-10", t.box(46.2, 39.0, 46.3, 39.2).union(t.box(46.1, 39.1, 46.2, 39.2)))
    t.version(held, "2020-10-12", t.box(46.0, 39.0, 46.3, 39.1), state="withdrawn")  # ignored
    t.version(t.series(world.conflict, world.bravo, kind="claimed_advance"), "2020-10-10",
              t.box(46.0, 39.0, 46.1, 39.1))  # a claim, not held: not counted


    changes = {c.party_id: c for c in TerritoryVersion.objects.published().changes_between(
        "2020-10-05", "2020-10-20", world.conflict)}

    strip = t.box_km2(46.1, 39.0, 46.2, 39.1)
    assert set(changes) == {world.alpha.pk, world.bravo.pk}
    assert changes[world.alpha.pk].gained_km2 == pytest.approx(strip, rel=1e-3)
    assert changes[world.alpha.pk].lost is None and changes[world.alpha.pk].lost_km2 == 0
    assert changes[world.bravo.pk].lost_km2 == pytest.approx(strip, rel=1e-3)
    assert changes[world.bravo.pk].lost.extent == pytest.approx((46.1, 39.0, 46.2, 39.1))
    assert changes[world.bravo.pk].gained is None
    assert TerritoryVersion.objects.published().changes_between("2020-10-11", "2020-10-20", world.conflict) == []


def test_it_counts_a_party_that_appears_or_disappears_between_the_dates(world, held):
    t.version(held, "2020-10-10", t.box(46.0, 39.0, 46.1, 39.1))

    (change,) = TerritoryVersion.objects.published().changes_between("2020-09-30", "2020-10-10", world.conflict)
    assert change.party_id == world.alpha.pk
    assert change.gained_km2 == pytest.approx(t.box_km2(46.0, 39.0, 46.1, 39.1), rel=1e-3)
    with pytest.raises(ValueError, match="after end"):
        TerritoryVersion.objects.published().changes_between("2020-10-10", "2020-10-01", world.conflict)


def test_it_finds_where_two_parties_held_areas_overlap(world, held):

    bravo = t.series(world.conflict, world.bravo)
    t.version(held, "2020-10-01", t.box(46.0, 39.0, 46.2, 39.1))
    t.version(bravo, "2020-10-01", t.box(46.2, 39.0, 46.3, 39.1))  # shares an edge only: no overlap
    t.version(bravo, "2020-10-05", t.box(46.15, 39.0, 46.3, 39.1))
    t.version(t.series(world.conflict, kind="contested"), "2020-10-05", t.box(46.0, 39.0, 46.3, 39.1))  # not held

    assert TerritoryVersion.objects.published().overlaps_at("2020-10-04", world.conflict) == []
    (overlap,) = TerritoryVersion.objects.published().overlaps_at("2020-10-05", world.conflict)
    assert {overlap.party_a, overlap.party_b} == {world.alpha.pk, world.bravo.pk}
    assert overlap.geometry.extent == pytest.approx((46.15, 39.0, 46.2, 39.1))
    assert overlap.area_km2 == pytest.approx(t.box_km2(46.15, 39.0, 46.2, 39.1), rel=1e-3)


def test_it_counts_an_overlap_once_where_a_party_has_overlapping_series(world, held):
    t.version(held, "2020-10-01", t.box(46.0, 39.0, 46.2, 39.1))
    t.version(t.series(world.conflict, world.alpha), "2020-10-01", t.box(46.1, 39.0, 46.3, 39.1))
    t.version(t.series(world.conflict, world.bravo), "2020-10-01", t.box(46.15, 39.0, 46.25, 39.1))

    (overlap,) = TerritoryVersion.objects.published().overlaps_at("2020-10-01", world.conflict)
    assert overlap.geometry.extent == pytest.approx((46.15, 39.0, 46.25, 39.1))
    assert overlap.area_km2 == pytest.approx(t.box_km2(46.15, 39.0, 46.25, 39.1), rel=1e-3)
