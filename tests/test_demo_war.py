"""The whole 2020 war as demo data (geodata/demo_war.py), loaded through the ACLED importer."""

import datetime

import pytest
from django.core.management import call_command

from geodata import demo_war
from geodata.models import AlternateName, Claim, ControlChange, Event, ImportedRow, Place

pytestmark = pytest.mark.django_db
WAR_PLACES = ["stepanakert", "shusha", "hadrut", "madagiz", "jabrayil", "fuzuli", "zangilan", "gubadli", "lachin",
              "kalbajar", "aghdam", "martakert", "martuni", "talish", "tartar", "barda", "ganja", "goris"]


def counts():
    return [m.objects.count() for m in (Event, Claim, ControlChange, Place, AlternateName, ImportedRow)]


def controller(place, day):
    change = ControlChange.objects.published().effective().in_force_at(datetime.date.fromisoformat(day)) \
        .filter(place__slug=place).first()
    return change.party.slug if change else None


def test_it_loads_the_war_through_the_importer_and_the_seed_stays(war):
    assert war.start_date == datetime.date(2020, 9, 27) and war.end_date == datetime.date(2020, 12, 1)
    assert "demonstration set" in war.description
    events = Event.objects.published().filter(conflict=war)
    assert events.count() >= 150 and events.filter(external_id__startswith="NK2020-DEMO-").count() == 5
    imported = ImportedRow.objects.filter(conflict=war)
    assert imported.count() == events.count() - 5  # every other event came through the importer
    assert events.filter(date__gt="2020-11-10").exists() and events.filter(date="2020-09-27").exists()


def test_it_has_every_place_with_names_in_four_languages(war):
    assert Place.objects.count() >= 30
    for slug in WAR_PLACES:
        place = Place.objects.get(slug=slug)
        languages = set(place.alternate_names.values_list("language", flat=True))
        assert {"hy", "ru"} <= languages, slug
        assert "az" in languages or place.name in ("Hadrut", "Naftalan", "Goranboy", "Horadiz"), slug
    assert Place.objects.get(slug="shusha").display_name == "Shusha (Shushi)"
    assert Place.objects.get(slug="lachin").display_name == "Lachin (Berdzor)"


def test_control_follows_the_war_and_the_handovers(war):
    assert controller("shusha", "2020-11-07") == "nk-authorities"
    assert controller("shusha", "2020-11-08") == "azerbaijan"
    assert controller("jabrayil", "2020-10-03") == "nk-authorities"
    assert controller("jabrayil", "2020-10-04") == "azerbaijan"
    for place, day in (("aghdam", "2020-11-20"), ("kalbajar", "2020-11-25"), ("lachin", "2020-12-01")):
        before = (datetime.date.fromisoformat(day) - datetime.timedelta(days=1)).isoformat()
        assert controller(place, before) == "nk-authorities" and controller(place, day) == "azerbaijan", place
    assert controller("stepanakert", "2020-12-01") == "nk-authorities"
    assert controller("ganja", "2020-10-10") == "azerbaijan"


def test_claims_and_denials_are_attributed(war):
    shusha = ControlChange.objects.get(place__slug="shusha", date="2020-11-08")
    stances = sorted(shusha.claims.values_list("claimant_party__slug", "stance"))
    assert stances == [("azerbaijan", "asserts"), ("nk-authorities", "asserts"), ("nk-authorities", "denies")]
    assert ControlChange.objects.with_status().get(pk=shusha.pk).status == "disputed"  # asserted and denied
    aircraft = Event.objects.get(conflict=war, description__contains="Turkish F-16")
    assert {(c.claimant_party.slug if c.claimant_party else c.claimant_name, c.stance) for c in aircraft.claims.all()} \
        == {("armenia", "asserts"), ("Reuters", "denies"), ("azerbaijan", "denies")}
    # never attributed to ACLED: the demo is ours, cited to the outlets that carried each claim
    assert not Claim.objects.filter(claimant_name="ACLED").exists()
    assert all(c.source.url.startswith("http") for c in Claim.objects.filter(event__conflict=war))


def test_it_has_dated_reports_and_weekly_ones_beside_them(war):
    events = Event.objects.published().filter(conflict=war)
    assert events.count() == 158  # the seed's 5 and the 153 rows of nk2020_events.csv
    # a claim and its denial: the pipeline in Yevlakh district (6 October)
    pipeline = events.get(place__slug="yevlakh", date="2020-10-06")
    assert sorted(pipeline.claims.values_list("claimant_name", "stance")) \
        == [("Ministry of Defence", "denies"), ("Reuters", "asserts")]
    assert events.get(place__slug="tartar", date="2020-10-15").claims.get().killed_combatants == 4
    # a report whose day is not known is dated to the week (ACLED time precision 2), never to an invented day
    weekly = events.filter(time_precision=2)
    assert weekly.count() >= 80 and all("Dated to the week" in e.description for e in weekly)
    assert not events.filter(time_precision=1, description__contains="Dated to the week").exists()
    assert set(events.values_list("place__slug", flat=True)) >= {"aghdam", "beylagan", "aghjabadi", "khojaly", "yevlakh"}


def test_it_is_idempotent(war, capsys):
    before = counts()
    call_command("load_demo")
    demo_war.load()
    assert counts() == before
    assert "0 events added" in capsys.readouterr().out
