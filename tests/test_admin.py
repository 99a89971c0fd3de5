"""The editor admin: lists, add and change pages load and save, including map widget data."""

import json

import pytest
from django.contrib.auth.models import Group, User

from geodata.models import ControlChange, Event, Place
from tests.helpers import factories as f

pytestmark = pytest.mark.django_db

MODELS = ["conflict", "party", "place", "source", "controlchange", "event"]


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", password="x-very-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return user


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def geojson_point(lon, lat):
    # What django-leaflet's widget puts in the hidden field when the editor clicks the map.
    return json.dumps({"type": "Point", "coordinates": [lon, lat]})


@pytest.mark.parametrize("model", MODELS)
def test_it_lists_and_opens_the_add_page(client, editor, demo, model):
    assert client.get(f"/admin/geodata/{model}/").status_code == 200
    assert client.get(f"/admin/geodata/{model}/add/").status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_it_opens_change_pages(client, editor, demo, model):
    from django.apps import apps

    obj = apps.get_model("geodata", model).objects.first()
    response = client.get(f"/admin/geodata/{model}/{obj.pk}/change/")
    assert response.status_code == 200


def test_the_place_page_shows_the_control_timeline(client, editor, demo):
    madagiz = Place.objects.get(slug="madagiz")
    html = client.get(f"/admin/geodata/place/{madagiz.pk}/change/").content.decode()
    assert "2020-10-03" in html and "Ilham Aliyev" in html
    assert "Nagorno-Karabakh authorities" in html


def test_it_searches_places_by_any_name(client, editor, demo):
    response = client.get("/admin/geodata/place/", {"q": "Sugovushan"})
    assert [p.slug for p in response.context["cl"].result_list] == ["madagiz"]
    response = client.get("/admin/geodata/place/", {"q": "Ստեփանակերտ"})
    assert [p.slug for p in response.context["cl"].result_list] == ["stepanakert"]


def test_it_filters_events_by_verification(client, editor, demo):
    response = client.get("/admin/geodata/event/", {"verification": "disputed"})
    assert response.status_code == 200
    assert list(response.context["cl"].queryset.values_list("external_id", flat=True)) == ["NK2020-DEMO-4"]


def test_it_adds_a_place_with_map_widget_data_and_alternate_names(client, editor):
    data = {
        "name": "Hadrut", "slug": "hadrut", "kind": "town",
        "point": geojson_point(46.9, 39.52), "area": "",
        **inline_management("alternate_names", total=1),
        "alternate_names-0-name": "Hadrut", "alternate_names-0-language": "az",
        "alternate_names-0-role": "primary", "alternate_names-0-used_by": "Azerbaijani government",
    }
    response = client.post("/admin/geodata/place/add/", data)
    assert response.status_code == 302, response.context["adminform"].errors if response.context else response
    place = Place.objects.get(slug="hadrut")
    assert (round(place.point.x, 2), round(place.point.y, 2)) == (46.9, 39.52)
    name = place.alternate_names.get()
    assert (name.language, name.role) == ("az", "primary")  # both edited in the inline (docs/place-names.md)


def test_it_shows_a_form_error_for_coordinates_out_of_range(client, editor):
    data = {"name": "Nowhere", "slug": "nowhere", "kind": "town", "point": geojson_point(46.9, 95),
            **inline_management("alternate_names")}
    response = client.post("/admin/geodata/place/add/", data)
    assert response.status_code == 200
    assert "out of range" in str(response.context["adminform"].errors)
    assert not Place.objects.filter(slug="nowhere").exists()


def test_it_repairs_an_invalid_drawn_area_and_shows_the_note(client, editor):
    bowtie = {"type": "MultiPolygon", "coordinates": [[[[46, 40], [47, 41], [47, 40], [46, 41], [46, 40]]]]}
    data = {"name": "Bow", "slug": "bow", "kind": "region", "point": geojson_point(46.5, 40.5),
            "area": json.dumps(bowtie), **inline_management("alternate_names")}
    assert client.post("/admin/geodata/place/add/", data).status_code == 302
    place = Place.objects.get(slug="bow")
    assert place.area.valid
    html = client.get(f"/admin/geodata/place/{place.pk}/change/").content.decode()
    assert "repaired automatically" in html


def control_change_data(place, conflict, party, date, claims=()):
    data = {"place": place.pk, "conflict": conflict.pk, "party": party.pk, "date": date,
            "date_precision": 1, "note": "", "confirmation_note": "",
            **inline_management("claims", total=len(claims))}
    for i, claim in enumerate(claims):
        data.update({f"claims-{i}-{key}": value for key, value in claim.items()})
        data.setdefault(f"claims-{i}-stance", "asserts")
        data.setdefault(f"claims-{i}-figure_qualifier", "exact")
    return data


def test_it_saves_a_control_change_with_its_claim(client, editor, demo):
    stepanakert = Place.objects.get(slug="stepanakert")
    az = demo.parties.get(slug="azerbaijan")
    source = f.source()
    data = control_change_data(stepanakert, demo, az, "2020-11-10", [
        {"claimant_party": az.pk, "claimant_name": "Someone", "source": source.pk, "summary": "Says it was taken"},
    ])
    response = client.post("/admin/geodata/controlchange/add/", data)
    assert response.status_code == 302
    change = ControlChange.objects.get(place=stepanakert, date="2020-11-10")
    assert change.claims.get().summary == "Says it was taken"


def test_it_refuses_a_control_change_to_the_current_controller_with_a_form_error(client, editor, demo):
    stepanakert = Place.objects.get(slug="stepanakert")
    nk = demo.parties.get(slug="nk-authorities")
    response = client.post("/admin/geodata/controlchange/add/", control_change_data(stepanakert, demo, nk, "2020-10-05"))
    assert response.status_code == 200
    assert "already controls" in str(response.context["adminform"].form.non_field_errors())
    assert ControlChange.objects.filter(place=stepanakert).count() == 1


def test_it_refuses_a_claim_without_claimant_and_saves_nothing(client, editor, demo):
    stepanakert = Place.objects.get(slug="stepanakert")
    az = demo.parties.get(slug="azerbaijan")
    data = control_change_data(stepanakert, demo, az, "2020-11-10", [
        {"source": f.source().pk, "summary": "Nobody said this"},
    ])
    response = client.post("/admin/geodata/controlchange/add/", data)
    assert response.status_code == 200
    assert "Say who makes the claim" in response.content.decode()
    assert not ControlChange.objects.filter(date="2020-11-10").exists()


def test_it_adds_an_event_with_claims(client, editor, demo):
    am = demo.parties.get(slug="armenia")
    data = {
        "conflict": demo.pk, "external_id": "", "sub_event_type": "Air/drone strike",
        "date": "2020-10-04", "time_precision": 1, "point": geojson_point(46.75, 39.81), "geo_precision": 1,
        "place": "", "perpetrator": "", "target": am.pk, "description": "Drone strike reported",
        "confirmation_note": "",
        **inline_management("claims", total=1),
        "claims-0-claimant_party": am.pk, "claims-0-source": f.source().pk, "claims-0-stance": "asserts",
        "claims-0-summary": "Says a drone struck", "claims-0-figure_qualifier": "exact",
        "claims-0-killed_civilians": "2",
    }
    response = client.post("/admin/geodata/event/add/", data)
    assert response.status_code == 302
    # A new event and its claims are drafts: the editors' view counts the draft claim.
    event = Event.objects.with_verification(published_only=False).get(description="Drone strike reported")
    assert event.event_type == "Explosions/Remote violence"
    assert event.verification == "claimed"
    assert (event.state, event.claims.get().state, event.created_by) == ("draft", "draft", editor)
    assert event.claims.get().killed_civilians == 2


def test_it_requires_a_note_to_confirm_an_event_in_the_form(client, editor, demo):
    event = Event.objects.get(external_id="NK2020-DEMO-2")
    data = {
        "conflict": demo.pk, "external_id": event.external_id, "sub_event_type": event.sub_event_type,
        "date": "2020-10-03", "time_precision": 1, "point": geojson_point(event.point.x, event.point.y),
        "geo_precision": 1, "place": event.place_id or "", "perpetrator": event.perpetrator_id or "",
        "target": event.target_id or "", "description": event.description, "confirmed": "on",
        "confirmation_note": "", **inline_management("claims", total=0, initial=0),
    }
    response = client.post(f"/admin/geodata/event/{event.pk}/change/", data)
    assert response.status_code == 200
    assert "how the event was confirmed" in response.content.decode()


def test_anonymous_users_are_sent_to_login(client, db):
    response = client.get("/admin/geodata/event/")
    assert response.status_code == 302 and "/admin/login/" in response.url
