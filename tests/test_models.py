"""What must never be stored: each rule holds in model validation and in the database."""

import datetime

import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from geodata.models import Claim, ControlChange, Event, Party, Place, Source
from tests.helpers import factories as f

pytestmark = pytest.mark.django_db


def raw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def bowtie():
    # Self-intersecting ring: invalid as a polygon.
    return MultiPolygon(Polygon(((0, 0), (1, 1), (1, 0), (0, 1), (0, 0))), srid=4326)


def test_it_repairs_an_invalid_area_and_says_so():
    place = f.place(area=bowtie())
    place.refresh_from_db()
    assert place.area.valid
    assert "Self-intersection" in place.geometry_note
    assert place.area.geom_type == "MultiPolygon"


def test_the_database_refuses_an_invalid_area():
    place = f.place()
    with pytest.raises(IntegrityError, match="place_area_valid"):
        raw(
            "UPDATE geodata_place SET area = ST_GeomFromText(%s, 4326) WHERE id = %s",
            ["MULTIPOLYGON(((0 0,1 1,1 0,0 1,0 0)))", place.pk],
        )


@pytest.mark.parametrize("lon,lat", [(181, 40), (46, 91), (-180.5, 0), (float("nan"), 10)])
def test_it_refuses_coordinates_out_of_range(lon, lat):
    place = Place(name="X", slug="x", kind="town", point=Point(lon, lat, srid=4326))
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "out of range" in str(error.value)
    with pytest.raises(IntegrityError, match="place_point_in_range"):
        raw(
            "INSERT INTO geodata_place (name, slug, kind, point, geometry_note) "
            "VALUES ('X', 'x', 'town', ST_SetSRID(ST_MakePoint(%s, %s), 4326), '')",
            [lon, lat],
        )


def test_the_database_refuses_an_event_out_of_range():
    c = f.conflict()
    e = f.event(c)
    with pytest.raises(IntegrityError, match="event_point_in_range"):
        raw("UPDATE geodata_event SET point = ST_SetSRID(ST_MakePoint(200, 0), 4326) WHERE id = %s", [e.pk])


def test_it_refuses_a_control_change_to_the_party_already_in_control():
    c, a, p = f.conflict(), f.party(), f.place()
    f.change(p, c, a, "2020-09-27")
    duplicate = ControlChange(place=p, conflict=c, party=a, date=datetime.date(2020, 10, 1))
    with pytest.raises(ValidationError, match="already controls"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError, match="already controls"), transaction.atomic():
        duplicate.save()


def test_it_refuses_a_change_that_duplicates_the_next_one():
    c, a, b, p = f.conflict(), f.party(), f.party(), f.place()
    f.change(p, c, a, "2020-09-27")
    f.change(p, c, b, "2020-10-05")
    early = ControlChange(place=p, conflict=c, party=b, date=datetime.date(2020, 10, 1))
    with pytest.raises(ValidationError, match="next recorded change"):
        early.full_clean()
    with pytest.raises(IntegrityError, match="next change"), transaction.atomic():
        early.save()


def test_a_retracted_change_does_not_count_as_control():
    c, a, b, p = f.conflict(), f.party(), f.party(), f.place()
    f.change(p, c, a, "2020-09-27")
    f.change(p, c, b, "2020-10-01", retracted=True)
    # b never really took it, so a change to b on 10-03 is a real change
    f.change(p, c, b, "2020-10-03")
    assert ControlChange.objects.filter(place=p).count() == 3


def test_it_refuses_a_claim_attached_to_nothing():
    s = f.source()
    claim = Claim(claimant_name="Someone", source=s, summary="x")
    with pytest.raises(ValidationError, match="exactly one event or control change"):
        claim.full_clean()
    with pytest.raises(IntegrityError, match="claim_attached_to_one_record"), transaction.atomic():
        claim.save()


def test_it_refuses_a_claim_attached_to_two_records():
    c, a, p = f.conflict(), f.party(), f.place()
    claim = Claim(
        event=f.event(c), control_change=f.change(p, c, a, "2020-09-27"),
        claimant_name="Someone", source=f.source(), summary="x",
    )
    with pytest.raises(IntegrityError, match="claim_attached_to_one_record"), transaction.atomic():
        claim.save()


def test_it_refuses_a_claim_without_claimant():
    e = f.event(f.conflict())
    claim = Claim(event=e, source=f.source(), summary="x")
    with pytest.raises(ValidationError, match="Say who makes the claim"):
        claim.full_clean()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/a", "data:text/html,hi", "//example.org"])
def test_it_refuses_a_source_url_with_another_scheme(url):
    source = Source(outlet="X", title="Y", url=url, published_on=datetime.date(2020, 10, 3))
    with pytest.raises(ValidationError) as error:
        source.full_clean()
    assert "url" in error.value.message_dict
    with pytest.raises(IntegrityError, match="source_url_http"), transaction.atomic():
        source.save()


@pytest.mark.parametrize("color", ["red", "#12345", "#1234567", "#ggg000", ""])
def test_it_refuses_a_bad_party_colour(color):
    party = Party(name="P", short_name="P", slug="p", kind="state_forces", color=color)
    with pytest.raises(ValidationError):
        party.full_clean()
    if len(color) == 7:
        with pytest.raises(IntegrityError, match="party_color_hex"), transaction.atomic():
            party.save()


def test_it_refuses_a_sub_event_type_from_another_event_type():
    e = f.event(f.conflict(), sub_event_type="Armed clash")
    assert e.event_type == "Battles"
    with pytest.raises(IntegrityError, match="event_sub_type_matches_type"):
        raw("UPDATE geodata_event SET event_type = 'Protests' WHERE id = %s", [e.pk])


def test_it_requires_a_note_to_confirm_an_event():
    e = f.event(f.conflict())
    e.confirmed = True
    with pytest.raises(ValidationError, match="how the event was confirmed"):
        e.full_clean()
    with pytest.raises(IntegrityError, match="event_confirmation_has_note"), transaction.atomic():
        e.save()


def test_it_refuses_a_conflict_ending_before_it_starts():
    with pytest.raises(IntegrityError, match="conflict_end_after_start"), transaction.atomic():
        f.conflict(start_date=datetime.date(2020, 9, 27), end_date=datetime.date(2020, 9, 1))


def test_display_name_shows_the_labelled_alternates_only():
    p = f.place("Stepanakert")
    p.alternate_names.create(name="Khankendi", language="en", role="bracket")
    p.alternate_names.create(name="Ստեփանակերտ", language="hy")
    assert p.display_name == "Stepanakert (Khankendi)"


def test_it_refuses_a_bad_language_code():
    p = f.place()
    alt = p.alternate_names.model(place=p, name="X", language="not a code")
    with pytest.raises(ValidationError, match="language code"):
        alt.full_clean()


def test_claimant_reads_as_person_role_and_party():
    a = f.party("Azerbaijan (state forces)", short_name="Azerbaijan")
    e = f.event(f.conflict())
    c = f.claim(e, a, claimant_name="Ilham Aliyev", claimant_role="President")
    assert c.claimant == "Ilham Aliyev, President (Azerbaijan)"
    assert Event.objects.get(pk=e.pk).verification_status == "claimed"


def test_claimant_does_not_repeat_a_party_the_role_already_names():
    a = f.party("Azerbaijan (state forces)", short_name="Azerbaijan")
    c = f.claim(f.event(f.conflict()), a, claimant_name="Ilham Aliyev", claimant_role="President of Azerbaijan")
    assert c.claimant == "Ilham Aliyev, President of Azerbaijan"
    aide = f.claim(c.event, a, claimant_name="Hikmet Hajiyev", claimant_role="Presidential aide")
    assert aide.claimant == "Hikmet Hajiyev, Presidential aide (Azerbaijan)"
