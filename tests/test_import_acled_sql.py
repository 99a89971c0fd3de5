"""The importer's set-based write (geodata/importers/acled_sql.py): the rows COPY and INSERT ... SELECT write
are the rows the models would have written, valid by the models' own checks, with their history."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from geodata.editorial import State
from geodata.importers.acled import import_file
from geodata.models import Claim, Conflict, Event, ImportedRow
from tests.helpers.acled import AM, COLUMNS, row, write

pytestmark = pytest.mark.django_db


def history(table, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pgh_label FROM {table} WHERE pgh_obj_id = %s", [pk])
        return [label for (label,) in cursor.fetchall()]


def rows():
    return [
        row(),
        row(event_id_cnty="AZE2", event_date="05 October 2020", notes="", fatalities="0", actor2="", inter2="",
            time_precision="2", geo_precision="3", latitude="39.52", longitude="46.99", location="Hadrut",
            event_type="Battles", sub_event_type="Armed clash", civilian_targeting="Civilian targeting"),
    ]


def test_new_rows_are_whole_valid_records_with_history(tmp_path):
    Conflict.objects.create(slug="nk", name="NK", start_date="2020-09-27")
    editor = get_user_model().objects.create_user("ed")
    before = datetime.datetime.now(datetime.UTC)
    report = import_file(write(tmp_path, rows(), COLUMNS), "nk", user=editor)
    assert report.created == 2
    first, second = Event.objects.order_by("id")
    assert [first.external_id, second.external_id] == ["AZE1", "AZE2"]  # file order
    for event in (first, second):
        event.full_clean()  # every field and constraint as the model checks them
        assert (event.version, event.confirmed, event.confirmation_note, event.review_comment) == (1, False, "", "")
        assert event.state == State.IN_REVIEW and event.created_by == editor and event.submitted_by == editor
        assert event.submitted_at >= before and event.created_at >= before and event.reviewed_at is None
        assert history("geodata_eventhistory", event.pk) == ["insert"]
        assert ImportedRow.objects.get(event=event).external_id == event.external_id
    assert (first.point.x, first.point.y, first.point.srid) == (46.93, 40.34, 4326)
    assert first.perpetrator.name == AM and first.target.name == "Civilians (Azerbaijan)"
    assert second.target is None and second.civilian_targeting and second.place.name == "Hadrut"
    assert (second.time_precision, second.geo_precision, second.event_type) == (2, 3, "Battles")
    assert second.description == "Armed clash at Hadrut."  # no notes: the importer's sentence
    assert ImportedRow.objects.get(event=first).timestamp == 1602000000

    one, two = (e.claims.get() for e in (first, second))
    for claim in (one, two):
        claim.full_clean()
        assert (claim.stance, claim.figure_qualifier, claim.claimed_on, claim.version) == ("asserts", "exact", None, 1)
        assert claim.claimant_name == "ACLED" and claim.claimant_role == "coding source"
        assert claim.state == State.IN_REVIEW and claim.created_by == editor
        assert claim.source.outlet == "Azerbaijan Ministry of Defence"
        assert history("geodata_claimhistory", claim.pk) == ["insert"]
    assert one.killed_combatants == 2 and one.killed_civilians is None
    assert two.killed_combatants is None  # 0 in the file: no figure, not a claim of none killed
    assert one.summary == "Shelling of the town." and two.summary == "Armed clash at Hadrut."


def test_two_imports_in_one_transaction_and_no_staging_table_left(tmp_path):
    reviewer = get_user_model().objects.create_user("rev")
    import_file(write(tmp_path, rows()[:1], COLUMNS), "war-a", user=reviewer, publish=True, create_conflict=True)
    import_file(write(tmp_path, rows()[1:], COLUMNS, name="b.csv"), "war-b", create_conflict=True, publish=True)
    assert Event.objects.published().count() == 2 and Claim.objects.published().count() == 2
    assert Event.objects.get(external_id="AZE1").reviewed_by == reviewer
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('pg_temp.acled_stage')")
        assert cursor.fetchone() == (None,)
    # The imports wrote their history set-based with the insert triggers held off: in the same transaction
    # after them, a record saved the ordinary way gets its history from the trigger again.
    event = Event.objects.get(external_id="AZE1")
    event.pk, event.external_id = None, "LATER"
    event.save()
    assert history("geodata_eventhistory", event.pk) == ["insert"]
