"""The public API: shapes, filters, bad parameters, OpenAPI schema and docs."""

import datetime
import json
from types import SimpleNamespace

import pytest
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema

from geodata.api import schema as api_schema
from geodata.models import Claim, Place
from tests.helpers import factories as f
from tests.helpers.api import NK, check_shape, get

pytestmark = pytest.mark.django_db

# --------------------------------------------------------------------------- conflicts


def test_it_lists_conflicts_with_extent_and_parties(api_client, demo):
    _, body = get(api_client, "/api/conflicts/")
    assert body["count"] == 1 and body["next"] is None and body["previous"] is None
    (conflict,) = body["results"]
    assert conflict["slug"] == NK
    assert conflict["start_date"] == "2020-09-27" and conflict["end_date"] == "2020-12-01"
    assert conflict["extent"] == [45.4, 38.8, 47.6, 40.6]
    assert {p["slug"] for p in conflict["parties"]} == {"azerbaijan", "armenia", "nk-authorities"}
    assert set(conflict["parties"][0]) == {"slug", "name", "short_name", "kind", "color"}


def test_it_shows_one_conflict_and_404s_an_unknown_one(api_client, demo):
    _, body = get(api_client, f"/api/conflicts/{NK}/")
    assert body["name"] == "Nagorno-Karabakh war, 2020"
    get(api_client, "/api/conflicts/no-such-war/", expect=404)


def test_it_gives_a_null_extent_when_none_is_set(api_client):
    f.conflict(slug="no-extent")
    _, body = get(api_client, "/api/conflicts/no-extent/")
    assert body["extent"] is None


def test_it_paginates_conflicts_strictly(api_client, settings):
    settings.API_MAX_PAGE_SIZE = 2
    for _ in range(3):
        f.conflict()
    _, body = get(api_client, "/api/conflicts/", page_size=2)
    assert body["count"] == 3 and len(body["results"]) == 2 and "page=2" in body["next"]
    _, body = get(api_client, "/api/conflicts/", page_size=3, expect=400)
    assert body == {"page_size": ["page_size must be at most 2."]}


# --------------------------------------------------------------------------- places


def places_by_slug(body):
    return {feature["properties"]["slug"]: feature for feature in body["features"]}


def test_it_changes_madagiz_controller_on_3_october(api_client, demo):
    _, before = get(api_client, "/api/places/", conflict=NK, date="2020-10-02")
    _, after = get(api_client, "/api/places/", conflict=NK, date="2020-10-03")
    assert before["date"] == "2020-10-02"
    old = places_by_slug(before)["madagiz"]["properties"]["control"]
    new = places_by_slug(after)["madagiz"]["properties"]["control"]
    assert old["party"]["slug"] == "nk-authorities" and old["status"] == "confirmed" and old["claims"] == []
    assert new["party"] == {"slug": "azerbaijan", "short_name": "Azerbaijan",
                            "name": "Azerbaijan (state forces)", "color": "#0072b2"}
    assert new["since"] == "2020-10-03" and new["status"] == "claimed" and new["date_precision"] == 1
    (claim,) = new["claims"]
    assert claim["claimant"] == "Ilham Aliyev, President of Azerbaijan"
    assert claim["source"]["outlet"] == "VOA News"
    check_shape(after, api_schema.PLACES)


def test_it_gives_place_names_and_geometry(api_client, demo):
    _, body = get(api_client, "/api/places/", conflict=NK, date="2020-10-03")
    feature = places_by_slug(body)["stepanakert"]
    place = Place.objects.get(slug="stepanakert")
    assert feature["id"] == place.pk
    assert feature["geometry"] == {"type": "Point", "coordinates": [46.7519, 39.8153]}
    assert feature["properties"]["display_name"] == place.display_name == "Stepanakert (Khankendi)"
    names = feature["properties"]["alternate_names"]
    assert names[0] == {"name": "Xankəndi", "language": "az", "role": "primary", "used_by": "Azerbaijani government"}
    assert names[1] == {"name": "Khankendi", "language": "en", "role": "bracket", "used_by": "Azerbaijani government"}
    assert {n["name"] for n in names} == {"Khankendi", "Xankəndi", "Ստեփանակերտ"}


def test_it_shows_no_controller_before_the_first_change(api_client, demo):
    _, body = get(api_client, "/api/places/", conflict=NK, date="2020-09-01")
    assert all(feature["properties"]["control"] is None for feature in body["features"])
    assert len(body["features"]) == 2


def test_it_defaults_the_place_date_to_today_clipped_to_the_conflict(api_client, demo):
    _, body = get(api_client, "/api/places/", conflict=NK)
    assert body["date"] == "2020-12-01"  # the demo (war and handovers) ended before today
    c = f.conflict(start_date=datetime.date.today() + datetime.timedelta(days=30))
    _, body = get(api_client, "/api/places/", conflict=c.slug)
    assert body["date"] == c.start_date.isoformat() and body["features"] == []


def test_it_finds_places_by_any_name(api_client, demo):
    _, body = get(api_client, "/api/places/", conflict=NK, q="khank")
    assert list(places_by_slug(body)) == ["stepanakert"]
    _, body = get(api_client, "/api/places/", conflict=NK, q="Մատաղիս")
    assert list(places_by_slug(body)) == ["madagiz"]


def test_it_lists_only_places_of_the_conflict(api_client, demo):
    other = f.conflict()
    p = f.place("Elsewhere")
    f.change(p, other, f.party(), "2020-10-01")
    _, body = get(api_client, "/api/places/", conflict=NK, date="2020-10-03")
    assert set(places_by_slug(body)) == {"stepanakert", "madagiz"}
    _, body = get(api_client, "/api/places/", conflict=other.slug, date="2020-10-03")
    assert set(places_by_slug(body)) == {p.slug}


def test_it_ignores_retracted_changes_for_control(api_client):
    c, a, b = f.conflict(), f.party(), f.party()
    p = f.place()
    f.change(p, c, a, "2020-09-27")
    f.change(p, c, b, "2020-10-01", retracted=True)
    _, body = get(api_client, "/api/places/", conflict=c.slug, date="2020-10-05")
    assert body["features"][0]["properties"]["control"]["party"]["slug"] == a.slug


# --------------------------------------------------------------------------- events


def test_it_lists_demo_events_newest_first_with_claims(api_client, demo):
    response, body = get(api_client, "/api/events/", conflict=NK)
    assert response["Content-Type"] == "application/geo+json"
    assert body["type"] == "FeatureCollection" and body["count"] == 5
    ids = [feature["id"] for feature in body["features"]]
    assert ids == sorted(ids, reverse=True)
    check_shape(body, api_schema.EVENTS)
    shelling = next(x for x in body["features"] if x["properties"]["civilian_targeting"])["properties"]
    assert shelling["place"] is None and shelling["geo_precision"] == 3
    assert shelling["perpetrator"] == {"slug": "armenia", "short_name": "Armenia", "color": "#d55e00"}
    figures = [claim["figures"] for claim in shelling["claims"]]
    assert figures == [{}, {"killed_civilians": 19, "wounded_civilians": 55}]
    assert shelling["claims"][1]["casualties_of"] == {"slug": "azerbaijan", "short_name": "Azerbaijan"}
    taken = next(x for x in body["features"] if x["properties"]["sub_event_type"] == "Government regains territory")
    assert taken["properties"]["place"] == {
        "slug": "madagiz", "display_name": "Madagiz (Sugovushan)", "label": "Madagiz (Sugovushan)",
        "names": {"en": "Madagiz", "hy": "Մատաղիս", "az": "Suqovuşan", "ru": "Madagiz"},  # the seed has no ru name
    }
    assert taken["properties"]["event_type"] == "Battles"
    statuses = {x["properties"]["verification"] for x in body["features"]}
    assert statuses == {"claimed", "disputed"}


def test_it_writes_the_claimant_like_the_model_does(api_client):
    c = f.conflict()
    party = f.party("Alpha Forces", short_name="Alpha")
    e = f.event(c)
    f.claim(e, party)
    f.claim(e, party, claimant_name="Jane Doe")
    f.claim(e, party, claimant_role="Ministry of Defence")
    f.claim(e, None, claimant_name="A witness", claimant_role="resident")
    _, body = get(api_client, "/api/events/", conflict=c.slug)
    got = [claim["claimant"] for claim in body["features"][0]["properties"]["claims"]]
    assert got == [claim.claimant for claim in Claim.objects.filter(event=e).order_by("id")]
    assert got == ["Alpha Forces", "Jane Doe (Alpha)", "Ministry of Defence (Alpha)", "A witness, resident"]


@pytest.fixture
def events():
    """Four events in one conflict (events.conflict), by day: events.by_day["sep30"] ... ["oct03"]."""
    c = f.conflict()
    a, b, other = f.party(slug="alpha"), f.party(slug="bravo"), f.party(slug="other")
    made = {
        "sep30": f.event(c, "2020-09-30", lat=40.0, lon=46.0, perpetrator=a, target=b),
        "oct01": f.event(c, "2020-10-01", lat=40.5, lon=46.5, perpetrator=b, target=a,
                         sub_event_type="Armed clash"),
        "oct02": f.event(c, "2020-10-02", lat=41.0, lon=47.0, sub_event_type="Air/drone strike"),
        "oct03": f.event(c, "2020-10-03", lat=39.0, lon=45.0, perpetrator=other,
                         sub_event_type="Peaceful protest"),
    }
    f.claim(made["oct01"], a)
    f.claim(made["oct01"], b, stance="denies")
    f.claim(made["oct02"], a)
    f.claim(made["sep30"], b, stance="denies")
    f.event(f.conflict(), "2020-10-01")  # another conflict: never listed
    return SimpleNamespace(conflict=c, by_day=made)


def event_ids(api_client, conflict, **params):
    _, body = get(api_client, "/api/events/", conflict=conflict.slug, **params)
    assert body["count"] == len(body["features"])
    return {feature["id"] for feature in body["features"]}


def ids(events, *names):
    return {events.by_day[name].pk for name in names}


def test_it_filters_events_by_dates_both_ends_included(api_client, events):
    assert event_ids(api_client, events.conflict) == ids(events, "sep30", "oct01", "oct02", "oct03")
    assert event_ids(api_client, events.conflict, start="2020-10-01", end="2020-10-02") == ids(events, "oct01", "oct02")
    assert event_ids(api_client, events.conflict, start="2020-10-02") == ids(events, "oct02", "oct03")
    assert event_ids(api_client, events.conflict, end="2020-09-30") == ids(events, "sep30")


def test_it_filters_events_by_bbox(api_client, events):
    assert event_ids(api_client, events.conflict, bbox="45.9,39.9,46.6,40.6") == ids(events, "sep30", "oct01")
    assert event_ids(api_client, events.conflict, bbox="46,40,46,40") == ids(events, "sep30")  # edges are included
    assert event_ids(api_client, events.conflict, bbox="-180,-90,180,90") == ids(events, "sep30", "oct01", "oct02", "oct03")


def test_it_filters_events_by_type_or_sub_type(api_client, events):
    assert event_ids(api_client, events.conflict, type="Battles") == ids(events, "oct01")
    assert event_ids(api_client, events.conflict, type="Air/drone strike") == ids(events, "oct02")
    assert event_ids(api_client, events.conflict, type="Battles,Protests") == ids(events, "oct01", "oct03")
    assert event_ids(api_client, events.conflict, type=["Armed clash", "Explosions/Remote violence"]) == ids(
        events, "sep30", "oct01", "oct02"
    )


def test_it_filters_events_by_party_as_perpetrator_or_target(api_client, events):
    assert event_ids(api_client, events.conflict, party="alpha") == ids(events, "sep30", "oct01")
    assert event_ids(api_client, events.conflict, party="other") == ids(events, "oct03")


def test_it_filters_events_by_verification_status(api_client, events):
    assert event_ids(api_client, events.conflict, status="disputed") == ids(events, "oct01")
    assert event_ids(api_client, events.conflict, status="claimed,denied") == ids(events, "oct02", "sep30")
    assert event_ids(api_client, events.conflict, status="unsourced") == ids(events, "oct03")
    _, body = get(api_client, "/api/events/", conflict=events.conflict.slug, status="disputed")
    assert body["features"][0]["properties"]["verification"] == "disputed"


def test_it_combines_event_filters(api_client, events):
    assert event_ids(api_client, events.conflict, party="alpha", status="denied", start="2020-09-01") == ids(events, "sep30")


def test_it_pages_events(api_client, events):
    _, first = get(api_client, "/api/events/", conflict=events.conflict.slug, page_size=3)
    assert first["count"] == 4 and len(first["features"]) == 3 and first["previous"] is None
    assert [x["id"] for x in first["features"]] == [events.by_day[n].pk for n in ("oct03", "oct02", "oct01")]
    second = json.loads(api_client.get(first["next"]).content)
    assert [x["id"] for x in second["features"]] == [events.by_day["sep30"].pk]
    assert second["next"] is None and "page=" not in second["previous"]
    _, body = get(api_client, "/api/events/", conflict=events.conflict.slug, page_size=3, page=3, expect=404)
    assert "past the last page" in body["detail"]


def test_it_defaults_and_caps_the_page_size(api_client, events, settings):
    settings.API_PAGE_SIZE = 2
    settings.API_MAX_PAGE_SIZE = 3
    _, body = get(api_client, "/api/events/", conflict=events.conflict.slug)
    assert len(body["features"]) == 2
    _, body = get(api_client, "/api/events/", conflict=events.conflict.slug, page_size=3)
    assert len(body["features"]) == 3
    _, body = get(api_client, "/api/events/", conflict=events.conflict.slug, page_size=4, expect=400)
    assert body == {"page_size": ["page_size must be at most 3."]}


def test_it_returns_an_empty_collection_for_no_match(api_client, events):
    _, body = get(api_client, "/api/events/", conflict=events.conflict.slug, start="2021-01-01")
    assert body == {"type": "FeatureCollection", "count": 0, "count_is_estimate": False, "next": None,
                    "previous": None, "features": []}


# --------------------------------------------------------------------------- control changes


def test_it_lists_control_changes_newest_first(api_client, demo):
    _, body = get(api_client, "/api/control-changes/", conflict=NK)
    check_shape(body, api_schema.CONTROL_CHANGES)
    assert body["count"] == 3
    first = body["results"][0]
    assert first["place"] == {"slug": "madagiz", "display_name": "Madagiz (Sugovushan)",
                              "label": "Madagiz (Sugovushan)",
                              "names": {"en": "Madagiz", "hy": "Մատաղիս", "az": "Suqovuşan", "ru": "Madagiz"},
                              "lon": 46.7294, "lat": 40.3314}
    assert first["party"]["slug"] == "azerbaijan" and first["date"] == "2020-10-03"
    assert first["claims"][0]["claimant_name"] == "Ilham Aliyev"
    assert [r["date"] for r in body["results"]] == ["2020-10-03", "2020-09-27", "2020-09-27"]


def test_it_filters_control_changes_by_place_and_until(api_client, demo):
    _, body = get(api_client, "/api/control-changes/", conflict=NK, place="madagiz")
    assert [r["party"]["slug"] for r in body["results"]] == ["azerbaijan", "nk-authorities"]
    _, body = get(api_client, "/api/control-changes/", conflict=NK, place="madagiz", until="2020-10-02")
    assert [r["party"]["slug"] for r in body["results"]] == ["nk-authorities"]


def test_it_filters_control_changes_since_a_day(api_client, demo):
    _, body = get(api_client, "/api/control-changes/", conflict=NK, since="2020-09-28", until="2020-10-03")
    assert [r["date"] for r in body["results"]] == ["2020-10-03"] and body["count"] == 1
    _, body = get(api_client, "/api/control-changes/", conflict=NK, since="2020-09-27")
    assert body["count"] == 3
    response = api_client.get("/api/control-changes/", {"conflict": NK, "since": "2020-13-01"})
    assert response.status_code == 400 and "since" in response.json()


def test_it_does_not_list_retracted_changes_or_other_conflicts(api_client):
    c, a, b = f.conflict(), f.party(), f.party()
    p = f.place()
    kept = f.change(p, c, a, "2020-09-27")
    f.change(p, c, b, "2020-10-01", retracted=True)
    f.change(p, f.conflict(), b, "2020-10-01")
    _, body = get(api_client, "/api/control-changes/", conflict=c.slug)
    assert [r["id"] for r in body["results"]] == [kept.pk]


# --------------------------------------------------------------------------- by id, corrected_at


def test_it_serves_one_event_by_id_as_in_the_collection(api_client, demo):
    _, collection = get(api_client, "/api/events/", conflict=NK)
    for feature in collection["features"]:
        response, body = get(api_client, f"/api/events/{feature['id']}/")
        assert response["Content-Type"] == "application/geo+json"
        check_shape(body, api_schema.EVENT_FEATURE)
        assert body == feature


def test_it_serves_one_control_change_by_id_as_in_the_list(api_client, demo):
    _, listing = get(api_client, "/api/control-changes/", conflict=NK)
    for item in listing["results"]:
        _, body = get(api_client, f"/api/control-changes/{item['id']}/")
        check_shape(body, api_schema.CONTROL_CHANGE)
        assert body == item


@pytest.mark.parametrize("state", ["draft", "in_review", "withdrawn"])
def test_it_answers_404_by_id_for_records_the_public_may_not_see(api_client, state):
    c, a, b = f.conflict(), f.party(), f.party()
    p = f.place()
    event = f.event(c)
    change = f.change(p, c, a, "2020-09-27")
    retracted = f.change(p, c, b, "2020-10-01", retracted=True)
    get(api_client, f"/api/events/{event.pk}/")
    get(api_client, f"/api/control-changes/{change.pk}/")
    type(event).objects.filter(pk=event.pk).update(state=state)
    type(change).objects.filter(pk=change.pk).update(state=state)
    _, body = get(api_client, f"/api/events/{event.pk}/", expect=404)
    assert body == {"detail": "No published event with that id."}
    get(api_client, f"/api/control-changes/{change.pk}/", expect=404)
    get(api_client, f"/api/control-changes/{retracted.pk}/", expect=404)  # never listed either


def test_it_answers_404_for_unknown_ids(api_client, db):
    for url in ("/api/events/", "/api/control-changes/"):
        get(api_client, f"{url}987654321/", expect=404)
        get(api_client, f"{url}99999999999999999999999/", expect=404)  # past bigint: still a plain 404
        assert api_client.get(f"{url}abc/").status_code == 404


def test_it_gives_corrected_at_for_corrected_records_and_their_claims(api_client, demo):
    from geodata.models import ControlChange, Correction, Event

    event = Event.objects.published().get(external_id="NK2020-DEMO-1")
    change = ControlChange.objects.published().filter(place__slug="madagiz").order_by("date").last()
    _, body = get(api_client, f"/api/events/{event.pk}/")
    assert body["properties"]["corrected_at"] is None
    first = Correction.log(event, "Casualty figure corrected.")
    later = Correction.log(event.claims.published().first(), "Claim summary reworded.")
    on_change = Correction.log(change, "Date precision corrected.")
    _, body = get(api_client, f"/api/events/{event.pk}/")
    assert first.date <= later.date
    assert datetime.datetime.fromisoformat(body["properties"]["corrected_at"]) == later.date  # the latest
    _, collection = get(api_client, "/api/events/", conflict=NK)
    corrected = {x["id"]: x["properties"]["corrected_at"] for x in collection["features"]}
    assert corrected[event.pk] is not None and sum(v is not None for v in corrected.values()) == 1
    check_shape(collection, api_schema.EVENTS)
    _, changes = get(api_client, "/api/control-changes/", conflict=NK)
    by_id = {r["id"]: r["corrected_at"] for r in changes["results"]}
    assert datetime.datetime.fromisoformat(by_id[change.pk]) == on_change.date
    assert sum(v is not None for v in by_id.values()) == 1
    _, places = get(api_client, "/api/places/", conflict=NK, date="2020-10-05")
    control = {x["properties"]["slug"]: x["properties"]["control"] for x in places["features"]}
    assert datetime.datetime.fromisoformat(control["madagiz"]["corrected_at"]) == on_change.date
    assert control["stepanakert"]["corrected_at"] is None
    check_shape(places, api_schema.PLACES)


# --------------------------------------------------------------------------- schema and docs


def test_it_serves_a_valid_openapi_3_schema(api_client):
    response = api_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")
    assert {"/api/conflicts/", "/api/conflicts/{slug}/", "/api/places/", "/api/events/",
            "/api/control-changes/", "/api/events/{id}/", "/api/control-changes/{id}/"} <= set(schema["paths"])
    names = {p["name"] for p in schema["paths"]["/api/events/"]["get"]["parameters"]}
    assert names == {"conflict", "start", "end", "bbox", "type", "party", "status", "page", "page_size", "cursor", "lang"}
    assert "application/geo+json" in schema["paths"]["/api/events/"]["get"]["responses"]["200"]["content"]


def test_it_serves_the_docs_from_our_own_static_files(api_client):
    response = api_client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style>" not in html and "<script>" not in html  # strict CSP: nothing inline
    for needed in ("swagger-ui-bundle.js", "swagger-ui.css"):
        url = next(part.split('"')[0] for part in html.split('"/static/')[1:] if needed in part.split('"')[0])
        assert finders.find(url), url
    assert "cdn" not in html.lower() and "https://" not in html
    script = api_client.get("/api/docs/", {"script": ""})
    assert script.status_code == 200 and "/api/schema/" in script.content.decode()
