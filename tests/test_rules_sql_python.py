"""Rules written both in Python (the models) and in SQL (the API's JSON): one test each, every case.

Place labels in every language (geodata/placenames.py and the SQL function of migration 0013),
claimant and a claim's JSON are built by PostgreSQL for the API (geodata/api/geojson.py), the
tiles and the exports, and in Python for the admin, pages, search and embeds. The
verification status has its own test in test_geojson.py.
"""

import datetime
import itertools
import json

import pytest
from django.contrib.gis.geos import Point
from django.test import Client

from geodata import demo, demo_war
from geodata.models import AlternateName, Claim, Conflict, ControlChange, Event, Party, Place, Source
from geodata.placenames import LANGUAGES, PlaceLabel, label, name_in
from geodata.placenames import names as names_of

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


# Alternate names: (name, language, role). Brackets in code-point order; one equal to the primary is left out.
NAME_CASES = [
    [],
    [("Khankendi", "en", "other")],
    [("Khankendi", "en", "bracket")],
    [("Xankəndi", "az", "primary"), ("Stepanakert", "az", "bracket"),
     ("Ստեփանակերտ", "hy", "primary"), ("Խանքենդի", "hy", "bracket"), ("Ханкенди", "ru", "bracket")],
    [("Zeta", "en", "bracket"), ("Alpha", "en", "other"), ("Beta", "en", "bracket")],
    [("Ωmega", "ru", "bracket"), ("alpha", "ru", "bracket"), ("Zulu", "ru", "bracket")],  # Z < a < Ω
    [("Place 6", "en", "bracket"), ("Six", "az", "primary"), ("Six", "az-Latn", "bracket")],  # equal; other tag
    [("Seven", "en", "primary"), ("Sept", "en", "bracket"), ("Sept", "ru", "other")],
]


def test_it_writes_the_display_name_and_labels_in_sql_as_the_model_does(war):
    conflict, party, _ = war
    places = []
    for i, names in enumerate(NAME_CASES):
        place = Place.objects.create(name=f"Place {i}", slug=f"p{i}", kind="town", point=Point(46, 40, srid=4326))
        for name, language, role in names:
            AlternateName.objects.create(place=place, name=name, language=language, role=role)
        ControlChange.objects.create(place=place, conflict=conflict, party=party, date=DAY, state="published")
        Event.objects.create(conflict=conflict, date=DAY, point=place.point, place=place, state="published",
                             sub_event_type="Shelling/artillery/missile attack", description=f"At {i}")
        places.append(place)
    fresh = Place.objects.prefetch_related("alternate_names").filter(pk__in=[p.pk for p in places])
    expected_en = {p.slug: p.display_name for p in fresh}
    assert len(set(expected_en.values())) == len(NAME_CASES)  # the cases differ
    for language in LANGUAGES:
        expected = {p.slug: label(p, language) for p in fresh}
        names = {p.slug: {code: name_in(p, code) for code in LANGUAGES} for p in fresh}
        assert dict(Place.objects.annotate(l=PlaceLabel(language)).filter(pk__in=[p.pk for p in places])
                    .values_list("slug", "l")) == expected
        body = api("/api/places/", conflict=conflict.slug, date=DAY.isoformat(), lang=language)
        assert {f["properties"]["slug"]: f["properties"]["label"] for f in body["features"]} == expected
        assert {f["properties"]["slug"]: f["properties"]["names"] for f in body["features"]} == names
        assert {f["properties"]["slug"]: f["properties"]["display_name"] for f in body["features"]} == expected_en
        body = api("/api/control-changes/", conflict=conflict.slug, lang=language)
        assert {c["place"]["slug"]: c["place"]["label"] for c in body["results"]} == expected
        body = api("/api/events/", conflict=conflict.slug, lang=language)
        assert {f["properties"]["place"]["slug"]: f["properties"]["place"]["label"] for f in body["features"]} == expected
    assert expected_en["p3"] == "Place 3" and label(fresh.get(slug="p3"), "hy") == "Ստեփանակերտ (Խանքենդի)"
    assert label(fresh.get(slug="p5"), "ru") == "Place 5 (Zulu / alpha / Ωmega)"
    assert label(fresh.get(slug="p6"), "en") == "Place 6" and label(fresh.get(slug="p6"), "az") == "Six"
    assert label(fresh.get(slug="p7"), "en") == "Seven (Sept)" and label(fresh.get(slug="p7"), "ru") == "Place 7"


def test_the_label_rule_agrees_in_sql_and_python_on_every_demo_place_in_every_language(db):
    demo_war.load()
    places = list(Place.objects.prefetch_related("alternate_names").order_by("slug"))
    assert len(places) >= 32
    for language in LANGUAGES:
        sql = dict(Place.objects.annotate(l=PlaceLabel(language)).values_list("slug", "l"))
        python = {p.slug: label(p, language) for p in places}
        assert sql == python, language
        body = api("/api/places/", conflict=demo.SLUG, lang=language)
        features = {f["properties"]["slug"]: f["properties"] for f in body["features"]}
        assert len(features) >= 32
        assert {slug: p["label"] for slug, p in features.items()} == {slug: python[slug] for slug in features}
        assert {slug: p["names"] for slug, p in features.items()} == {p.slug: names_of(p) for p in places if p.slug in features}
    assert label(Place.objects.get(slug="stepanakert"), "ru") == "Степанакерт (Ханкенди)"


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
