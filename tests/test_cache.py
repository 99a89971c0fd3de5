"""The public data version (geodata/models/dataversion.py): which writes bump it, whatever wrote them.

The HTTP side (ETags, 304s, the server cache, compression) is in test_cache_http.py.
"""

import datetime

import pytest
from django.contrib.gis.geos import MultiPolygon, Polygon
from django.db import connection

from geodata.models import (
    AlternateName,
    Correction,
    DataVersion,
    Event,
    Party,
    Place,
    Source,
    TerritorySeries,
    TerritoryVersion,
)
from geodata.public import public_data_stamp
from tests.helpers import factories as f
from tests.helpers.users import editor, reviewer

pytestmark = pytest.mark.django_db


def version(conflict):
    return DataVersion.objects.get(conflict=conflict).version


class Watch:
    """The versions of the given conflicts now; .bumped() says which ones moved since."""

    def __init__(self, *conflicts):
        self.conflicts = conflicts
        self.before = {c.pk: version(c) for c in conflicts}

    def bumped(self):
        return [c for c in self.conflicts if version(c) != self.before[c.pk]]


@pytest.fixture
def two(world):
    """The world's conflict with a published event at its place, and another conflict."""
    other = f.conflict()
    event = f.event(world.conflict, place=world.place)
    return world, other, event


def test_it_gives_every_new_conflict_a_version_row(db):
    conflict = f.conflict()
    row = DataVersion.objects.get(conflict=conflict)
    assert row.version == 1
    assert public_data_stamp(conflict.slug) == row.stamp


def test_it_bumps_only_the_conflict_whose_published_event_changed(two):
    world, other, event = two
    watch = Watch(world.conflict, other)
    event.description = "Corrected description"
    event.save()
    assert watch.bumped() == [world.conflict]


def test_it_bumps_on_publish_and_withdrawal_but_not_on_draft_edits(world):
    author, boss = editor(), reviewer()
    event = f.event(world.conflict, state="draft", created_by=author)
    watch = Watch(world.conflict)
    event.description = "still a draft"
    event.save()
    event.submit(author)
    assert watch.bumped() == []  # nothing public changed: the caches stay warm
    event.publish(boss)
    assert watch.bumped() == [world.conflict]
    published = version(world.conflict)
    event.withdraw(boss, "Could not be confirmed.")
    assert version(world.conflict) > published


def test_it_bumps_on_a_correction_note(two):
    world, _, event = two
    watch = Watch(world.conflict)
    Correction.log(event, "The date was wrong.")
    assert watch.bumped() == [world.conflict]


def test_it_bumps_on_a_bulk_update_and_on_raw_sql(two):
    world, other, event = two
    f.event(world.conflict)
    watch = Watch(world.conflict, other)
    assert Event.objects.filter(conflict=world.conflict).update(description="bulk") == 2
    assert watch.bumped() == [world.conflict]
    after_bulk = version(world.conflict)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE geodata_event SET description = 'raw' WHERE id = %s", [event.pk])
    assert version(world.conflict) == after_bulk + 1  # one statement, one bump (statement-level trigger)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM geodata_claim WHERE event_id = %s", [event.pk])
        cursor.execute("DELETE FROM geodata_event WHERE id = %s", [event.pk])
    assert version(world.conflict) == after_bulk + 2
    assert version(other) == 1


def test_it_bumps_on_control_changes_and_their_claims(world):
    watch = Watch(world.conflict)
    change = f.change(world.place, world.conflict, world.alpha, "2020-09-27")
    assert watch.bumped() == [world.conflict]
    before = version(world.conflict)
    f.claim(change, world.alpha)
    assert version(world.conflict) == before + 1
    f.claim(change, world.alpha, state="draft")  # a draft claim is not public
    assert version(world.conflict) == before + 1


def test_it_bumps_on_claims_of_events(two):
    world, other, event = two
    watch = Watch(world.conflict, other)
    claim = f.claim(event, world.alpha)
    assert watch.bumped() == [world.conflict]
    before = version(world.conflict)
    claim.summary = "Corrected claim"
    claim.save()
    assert version(world.conflict) == before + 1


def test_it_bumps_on_territory_versions_and_series(world):
    watch = Watch(world.conflict)
    series = TerritorySeries.objects.create(
        conflict=world.conflict, name="Held by Alpha", slug="alpha-held", kind="held", party=world.alpha
    )
    assert watch.bumped() == [world.conflict]
    before = version(world.conflict)
    square = MultiPolygon(Polygon.from_bbox((46.0, 40.0, 46.5, 40.5)), srid=4326)
    draft = TerritoryVersion.objects.create(series=series, valid_from=datetime.date(2020, 10, 1), geometry=square)
    assert version(world.conflict) == before  # a draft
    TerritoryVersion.objects.filter(pk=draft.pk).update(state="published")
    assert version(world.conflict) == before + 1


def test_it_bumps_the_conflicts_that_name_a_place_when_it_or_its_names_change(two):
    world, other, _ = two
    unrelated = f.place("Nowhere")
    watch = Watch(world.conflict, other)
    Place.objects.filter(pk=unrelated.pk).update(name="Still nowhere")
    assert watch.bumped() == []  # no public page shows a place that no record names
    Place.objects.filter(pk=world.place.pk).update(name="Renamed village")
    assert watch.bumped() == [world.conflict]
    before = version(world.conflict)
    AlternateName.objects.create(place=world.place, name="Köy", language="az")
    assert version(world.conflict) == before + 1


def test_it_bumps_every_conflict_when_a_party_changes(two):
    world, other, _ = two
    watch = Watch(world.conflict, other)
    Party.objects.create(name="Newcomers", short_name="New", slug="newcomers", kind="state_forces", color="#000000")
    assert watch.bumped() == []  # named by nothing yet
    Party.objects.filter(pk=world.alpha.pk).update(short_name="A.")
    assert sorted(c.pk for c in watch.bumped()) == sorted([world.conflict.pk, other.pk])


def test_it_bumps_the_conflicts_whose_published_claims_cite_a_source_that_changes(two):
    world, other, event = two
    cited = f.source()
    f.claim(event, world.alpha, source=cited)
    watch = Watch(world.conflict, other)
    uncited = f.source()
    Source.objects.filter(pk=uncited.pk).update(outlet="Nobody cites it")
    assert watch.bumped() == []
    Source.objects.filter(pk=cited.pk).update(outlet="Renamed Wire")
    assert watch.bumped() == [world.conflict]


def test_it_bumps_a_conflict_that_is_edited_and_drops_the_row_with_it(two):
    world, other, _ = two
    watch = Watch(world.conflict, other)
    other.name = "Renamed conflict"
    other.save()
    assert watch.bumped() == [other]
    world.conflict.delete()  # events, changes and the version row go with it, no FK error
    assert not DataVersion.objects.filter(conflict_id=world.conflict.pk).exists()


def test_it_stamps_with_the_version_and_its_time_so_a_recreated_conflict_never_reuses_a_key(db):
    first = f.conflict(slug="again")
    stamp = public_data_stamp("again")
    first.delete()
    second = f.conflict(slug="again")  # as in a recreated or restored database: the counter starts again
    assert version(second) == 1
    assert public_data_stamp("again") != stamp  # changed_at tells them apart
    assert public_data_stamp("no-such-conflict") is None


def test_the_stamp_of_all_conflicts_moves_with_any_of_them_and_with_a_new_one(two):
    world, other, _ = two
    everything = public_data_stamp()
    f.event(other)
    assert public_data_stamp() != everything
    everything = public_data_stamp()
    f.conflict()
    assert public_data_stamp() != everything
