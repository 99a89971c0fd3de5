"""Rules written both in Python (the models) and in SQL (the API's JSON): one test each, every case.

Display name, claimant and a claim's JSON are built by PostgreSQL for the API
(geodata/api/geojson.py) and by the models for the admin, pages and embeds. The
verification status has its own test in test_geojson.py.
"""

import datetime
import itertools
import json

import pytest
from django.contrib.gis.geos import Point
from django.test import Client

from geodata.models import AlternateName, Claim, Conflict, ControlChange, Event, Party, Place, Source

pytestmark = pytest.mark.django_db
DAY = datetime.date(2020, 10, 3)


def api(url, **params):
    response = Client(HTTP_HOST="localhost").get(url, params)
    assert response.status_code == 200, response.content[:500]
    return json.loads(response.content)


@pytest.fixture
def war():
    conflict = Conflict.objects.create(slug="rules", name="Rules", start_date=datetime.date(2020, 9, 27))
    party = Party.objects.create(name="Azerbaijan", short_name="AZ", slug="az", kind="state_forces", color="#123456")
    source = Source.objects.create(outlet="Wire", title="Report", url="https://example.org/r", published_on=DAY)
    return conflict, party, source


# Alternate names: (name, language, in_label). Label order is language, then name.
NAME_CASES = [
    [],
    [("Khankendi", "az", False)],
    [("Khankendi", "az", True)],
    [("Xankəndi", "az", True), ("Ստեփանակերտ", "hy", True)],
    [("Ստեփանակերտ", "hy", True), ("Xankəndi", "az", True), ("Khankendi", "az", True)],
    [("Zeta", "en", True), ("Alpha", "en", False), ("Beta", "en", True)],
    [("Alpha", "hy", True), ("Zulu", "az", True)],  # language order differs from name order
]


def test_it_writes_the_display_name_in_sql_as_the_model_does(war):
    conflict, party, _ = war
    places = []
    for i, names in enumerate(NAME_CASES):
        place = Place.objects.create(name=f"Place {i}", slug=f"p{i}", kind="town", point=Point(46, 40, srid=4326))
        for name, language, in_label in names:
            AlternateName.objects.create(place=place, name=name, language=language, in_label=in_label)
        ControlChange.objects.create(place=place, conflict=conflict, party=party, date=DAY, state="published")
        places.append(place)
    expected = {p.slug: Place.objects.get(pk=p.pk).display_name for p in places}
    assert len(set(expected.values())) == len(NAME_CASES)  # the cases differ

    body = api("/api/places/", conflict=conflict.slug, date=DAY.isoformat())
    assert {f["properties"]["slug"]: f["properties"]["display_name"] for f in body["features"]} == expected
    body = api("/api/control-changes/", conflict=conflict.slug)
    assert {c["place"]["slug"]: c["place"]["display_name"] for c in body["results"]} == expected


# Who claims: every combination of party, person and role, including a person or role that
# already names the party (then the party is not repeated).
PARTIES = [False, True]
PERSONS = ["", "Jane Doe", "AZ spokesman"]
ROLES = ["", "Ministry of Defence", "Ministry of Defence of AZ"]


def test_it_writes_the_claimant_and_the_claim_in_sql_as_the_model_does(war):
    conflict, party, source = war
    place = Place.objects.create(name="Here", slug="here", kind="town", point=Point(46, 40, srid=4326))
    event = Event.objects.create(
        conflict=conflict, date=DAY, point=Point(46, 40, srid=4326), place=place, state="published",
        sub_event_type="Shelling/artillery/missile attack", description="Shelling",
    )
    change = ControlChange.objects.create(place=place, conflict=conflict, party=party, date=DAY, state="published")
    for target in (event, change):
        for with_party, person, role in itertools.product(PARTIES, PERSONS, ROLES):
            if not (with_party or person):
                continue  # refused by the claim_has_claimant CHECK
            Claim.objects.create(
                **{"event" if target is event else "control_change": target}, source=source, state="published",
                claimant_party=party if with_party else None, claimant_name=person, claimant_role=role,
                summary=f"{with_party}/{person}/{role}", killed_civilians=2 if role else None,
            )

    def expected(target):
        return [claim.claimant for claim in target.claims.order_by("id")]

    events = api("/api/events/", conflict=conflict.slug)
    event_claims = events["features"][0]["properties"]["claims"]
    assert [c["claimant"] for c in event_claims] == expected(event)
    assert len(set(expected(event))) >= 8  # the combinations give different strings

    changes = api("/api/control-changes/", conflict=conflict.slug)
    change_claims = changes["results"][0]["claims"]
    assert [c["claimant"] for c in change_claims] == expected(change)
    places = api("/api/places/", conflict=conflict.slug, date=DAY.isoformat())
    assert places["features"][0]["properties"]["control"]["claims"] == change_claims

    # One JSON for a claim wherever it appears: the same keys and values for the same claim data.
    def comparable(claim):
        return {k: v for k, v in claim.items() if k != "id"}

    assert [comparable(c) for c in event_claims] == [comparable(c) for c in change_claims]
    assert event_claims[0].keys() == {
        "id", "stance", "claimant", "claimant_party", "claimant_name", "claimant_role", "claimed_on", "summary",
        "source", "figures", "figure_qualifier", "casualties_of",
    }
