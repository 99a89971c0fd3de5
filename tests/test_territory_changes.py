"""Territory changes: a version against the previous published one, and the change between two dates."""

import pytest

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
