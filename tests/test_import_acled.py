"""The ACLED importer: manage.py import_acled (geodata/importers/acled.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from geodata.editorial import State
from geodata.models import (
    ActorMapping,
    AlternateName,
    Claim,
    Conflict,
    ControlChange,
    Event,
    Party,
    Place,
)
from tests.helpers.acled import AM, AZ, COLUMNS, row, write

pytestmark = pytest.mark.django_db

@pytest.fixture
def conflict():
    return Conflict.objects.create(slug="nk", name="NK", start_date="2020-09-27")


@pytest.fixture
def azerbaijan():
    party = Party.objects.create(name="Azerbaijan", short_name="AZ", slug="az", kind="state_forces", color="#0000ff")
    ActorMapping.objects.create(actor=AZ, party=party)
    return party


def counts():
    return (Event.objects.count(), Claim.objects.count(), ControlChange.objects.count(),
            Place.objects.count(), Party.objects.count())


def test_it_imports_events_in_review_with_the_user_claim_and_figure(tmp_path, conflict, capsys):
    user = get_user_model().objects.create_user("ed")
    call_command("import_acled", write(tmp_path, [row()]), conflict="nk", user="ed")
    event = Event.objects.get(external_id="AZE1")
    assert event.state == State.IN_REVIEW and event.created_by == user
    assert event.description == "Shelling of the town." and str(event.date) == "2020-10-03"
    claim = event.claims.get()
    assert claim.claimant_name == "ACLED" and claim.killed_combatants == 2
    assert claim.source.outlet == "Azerbaijan Ministry of Defence"
    out = capsys.readouterr().out
    assert "1 created" in out and f"new party: {AM}" in out and "new place: Tartar" in out


def test_it_publishes_with_publish(tmp_path, conflict):
    call_command("import_acled", write(tmp_path, [row()]), conflict="nk", publish=True)
    assert Event.objects.published().count() == 1 and Claim.objects.published().count() == 1


def test_it_reimports_without_changes_and_updates_a_newer_row_with_history(tmp_path, conflict):
    path = write(tmp_path, [row()])
    call_command("import_acled", path, conflict="nk")
    before = counts()
    call_command("import_acled", path, conflict="nk")
    assert counts() == before
    event = Event.objects.get()
    version = event.version
    call_command("import_acled", write(tmp_path, [row(notes="Revised.", timestamp="1602000500")], name="b.csv"),
                 conflict="nk")
    event.refresh_from_db()
    assert event.description == "Revised." and event.version > version
    labels = list(event.history_events.order_by("pgh_id").values_list("pgh_label", flat=True))
    assert labels == ["insert", "update"]
    assert event.history_events.order_by("pgh_id").last().description == "Revised."
    assert counts() == before


def test_it_maps_actors_and_matches_places_ignoring_case_and_accents(tmp_path, conflict, azerbaijan):
    place = Place.objects.create(name="Shusha", slug="shusha", kind="town", point="POINT(46.75 39.76)")
    AlternateName.objects.create(place=place, name="Şuşa", language="az")
    call_command("import_acled", write(tmp_path, [row(actor1=AZ, location="suşa")]), conflict="nk")
    event = Event.objects.get()
    assert event.perpetrator == azerbaijan and event.place == place


def test_it_creates_a_party_with_its_kind_from_the_inter_code(tmp_path, conflict):
    call_command("import_acled", write(tmp_path, [row(actor1="Some Rebels", inter1="2")]), conflict="nk")
    party = Party.objects.get(name="Some Rebels")
    assert party.kind == "non_state_group"
    assert ActorMapping.objects.get(actor="Some Rebels").party == party


def test_it_turns_territory_sub_events_into_control_changes(tmp_path, conflict, azerbaijan):
    rows = [row(event_id_cnty="AZE2", event_type="Battles", sub_event_type="Government regains territory",
                actor1=AZ, location="Hadrut", fatalities="0")]
    call_command("import_acled", write(tmp_path, rows), conflict="nk")
    change = ControlChange.objects.get()
    assert change.party == azerbaijan and change.place.name == "Hadrut"
    assert change.claims.get().claimant_name == "ACLED"


def test_it_refuses_the_whole_file_and_lists_every_bad_row(tmp_path, conflict, azerbaijan):
    territory = {"event_type": "Battles", "sub_event_type": "Government regains territory", "actor1": AZ,
                 "location": "Hadrut"}
    rows = [
        row(event_id_cnty="OK1"),
        row(event_id_cnty="B2", event_date="2020-10-03"),
        row(event_id_cnty="B3", sub_event_type="Meteor strike"),
        row(event_id_cnty="B4", latitude="95"),
        row(event_id_cnty="B5", event_type="Battles"),
    ]
    before = counts()
    with pytest.raises(CommandError) as caught:
        call_command("import_acled", write(tmp_path, rows), conflict="nk")
    message = str(caught.value)
    for line, reason in [(3, "bad event_date"), (4, "unknown sub_event_type"), (5, "coordinates out of range"),
                         (6, "sub_event_type")]:
        assert f"line {line}: {reason}" in message
    assert "line 2" not in message
    assert counts() == before
    # A control change to the party already in control, as the last row: nothing written either.
    rows = [row(event_id_cnty="T1", **territory), row(event_id_cnty="T2", event_date="04 October 2020", **territory)]
    with pytest.raises(CommandError, match="line 3: control change of Hadrut"):
        call_command("import_acled", write(tmp_path, rows, name="t.csv"), conflict="nk")
    assert counts() == before


def test_it_names_a_missing_required_column(tmp_path, conflict):
    columns = [c for c in COLUMNS if c != "latitude"]
    with pytest.raises(CommandError, match="missing required column: latitude"):
        call_command("import_acled", write(tmp_path, [row()], columns=columns), conflict="nk")


def test_it_writes_nothing_in_a_dry_run_and_creates_a_conflict(tmp_path, capsys):
    call_command("import_acled", write(tmp_path, [row()]), conflict="new-war", create_conflict=True, dry_run=True)
    assert "Dry run, nothing written:\n1 created" in capsys.readouterr().out
    assert not Conflict.objects.filter(slug="new-war").exists() and Event.objects.count() == 0
    call_command("import_acled", write(tmp_path, [row()]), conflict="new-war", create_conflict=True)
    assert str(Conflict.objects.get(slug="new-war").start_date) == "2020-10-03"


def test_it_reports_rows_deleted_upstream_and_keeps_their_events(tmp_path, conflict, capsys):
    call_command("import_acled", write(tmp_path, [row(), row(event_id_cnty="AZE2")]), conflict="nk")
    capsys.readouterr()
    call_command("import_acled", write(tmp_path, [row()], name="later.csv"), conflict="nk")
    out = capsys.readouterr().out
    assert "1 event imported earlier is not in this file" in out and "AZE2" in out
    assert Event.objects.filter(external_id="AZE2").exists()  # never deleted silently


def test_it_suggests_a_similar_place_by_trigram_without_applying_it(tmp_path, conflict, capsys):
    Place.objects.create(name="Stepanakert", slug="stepanakert", kind="town", point="POINT(46.75 39.82)")
    call_command("import_acled", write(tmp_path, [row(location="Stepanakrt")]), conflict="nk")
    out = capsys.readouterr().out
    assert "new place: Stepanakrt" in out and "  did you mean “Stepanakert” for “Stepanakrt”?" in out
    assert Event.objects.get().place.name == "Stepanakrt"  # a suggestion, not applied
    assert Place.objects.count() == 2


def test_it_reports_bad_precisions_and_short_rows_by_line(tmp_path, conflict):
    path = write(tmp_path, [row(), row(event_id_cnty="B2", time_precision="week"), row(event_id_cnty="OK3")])
    with open(path, "a") as handle:  # a row cut short after its first fields, then a blank line (no row)
        handle.write("B4,03 October 2020,1\n\n")
    before = counts()
    with pytest.raises(CommandError) as caught:
        call_command("import_acled", path, conflict="nk")
    message = str(caught.value)
    assert "line 3: time_precision and geo_precision must be whole numbers" in message
    assert "line 5: " in message and "line 2" not in message and "line 4" not in message
    assert counts() == before
