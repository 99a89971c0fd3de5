"""The admin takes coordinates (issue 11, item 9), the server side: the configuration the map
widgets' module reads, a place's point for prefilling an event, and dates outside the conflict."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError

from geodata.models import ControlChange, Event, Place
from tests.helpers import factories as f
from tests.helpers import users

pytestmark = pytest.mark.django_db


def management(prefix):
    return {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}


def event_data(conflict, date):
    return {
        "conflict": conflict.pk, "external_id": "", "sub_event_type": "Air/drone strike", "date": date,
        "time_precision": 1, "point": json.dumps({"type": "Point", "coordinates": [46.75, 39.81]}),
        "geo_precision": 1, "place": "", "perpetrator": "", "target": "", "description": "Out of range",
        "confirmation_note": "", **management("claims"),
    }


@pytest.mark.parametrize("url", ["/admin/geodata/event/add/", "/admin/geodata/place/add/"])
def test_the_map_pages_carry_the_coordinates_module_and_its_configuration(client, demo, url):
    client.force_login(users.editor())
    html = client.get(url).content.decode()
    assert 'type="module" src="/static/js/admin/coordinates.js"' in html
    assert '<script id="cm-admin-map" type="application/json">' in html
    assert "vendor/world-atlas/countries-50m.json" in html and "/admin/geodata/place/{id}/point/" in html


def test_it_gives_a_places_point_to_editors_only(client, demo):
    madagiz = Place.objects.get(slug="madagiz")
    assert client.get(f"/admin/geodata/place/{madagiz.pk}/point/").status_code == 302  # to the login page
    client.force_login(users.editor())
    body = json.loads(client.get(f"/admin/geodata/place/{madagiz.pk}/point/").content)
    assert body == {"id": madagiz.pk, "lat": pytest.approx(40.3314), "lon": pytest.approx(46.7294)}
    assert client.get("/admin/geodata/place/999999/point/").status_code == 404


@pytest.mark.parametrize("date", ["2020-09-26", "2020-12-02"])
def test_it_refuses_an_event_dated_outside_its_conflict_with_a_message(client, demo, date):
    client.force_login(users.editor())
    response = client.post("/admin/geodata/event/add/", event_data(demo, date))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["date"]
    assert errors == [f"{date} is outside {demo.name} (2020-09-27 to 2020-12-01): check the date, "
                      "or the conflict's start and end."]
    assert not Event.objects.filter(description="Out of range").exists()
    assert client.post("/admin/geodata/event/add/", event_data(demo, "2020-12-01")).status_code == 302  # last day


def test_it_refuses_a_control_change_dated_before_its_conflict(world):
    change = ControlChange(place=world.place, conflict=world.conflict, party=world.alpha,
                           date=datetime.date(2020, 9, 1))
    with pytest.raises(ValidationError) as error:
        change.full_clean()
    assert "is outside" in error.value.message_dict["date"][0]
    ongoing = f.conflict(end_date=None)
    later = ControlChange(place=world.place, conflict=ongoing, party=world.alpha, date=datetime.date(2030, 1, 1))
    later.full_clean()  # an ongoing conflict has no end to be after
