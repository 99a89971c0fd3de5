"""OGC API Features (Part 1: Core) at /ogc/ (geodata/ogc/): documents, items, filters, paging, errors."""

import datetime
from urllib.parse import urlsplit

import pytest

from geodata.models import Event
from tests.helpers import factories as f

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.content[:300])
    return response


def links(document, rel):
    return [link["href"] for link in document["links"] if link["rel"] == rel]


def follow(client, url):
    """Every feature of an items URL, following `next` links; also the number of pages."""
    features, pages = [], 0
    while url:
        split = urlsplit(url)
        document = get(client, f"{split.path}?{split.query}").json()
        features += document["features"]
        pages += 1
        url = (links(document, "next") or [None])[0]
    return features, pages


def test_it_serves_the_landing_page_conformance_and_collections(api_client, demo):
    landing = get(api_client, "/ogc/").json()
    assert links(landing, "conformance") and links(landing, "data")
    conformance = get(api_client, "/ogc/conformance").json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conformance
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conformance
    collections = get(api_client, "/ogc/collections").json()["collections"]
    assert [c["id"] for c in collections] == ["events", "places", "control-changes", "territory"]
    events = collections[0]
    assert events["extent"]["temporal"]["interval"] == [["2020-10-03", "2020-10-03"]]
    west, south, east, north = events["extent"]["spatial"]["bbox"][0]
    assert 46 < west <= east < 47.5 and 39 < south <= north < 41
    assert any(link["rel"] == "items" and link["type"] == "application/geo+json" for link in events["links"])


def test_it_serves_items_as_geojson_with_the_api_properties(api_client, demo):
    response = get(api_client, "/ogc/collections/events/items")
    assert response["Content-Type"] == "application/geo+json"
    document = response.json()
    assert document["type"] == "FeatureCollection"
    assert document["numberMatched"] == document["numberReturned"] == 5
    api = api_client.get("/api/events/", {"conflict": demo.slug}).json()["features"]
    assert document["features"] == api  # the same features as the API, newest first
    places = get(api_client, "/ogc/collections/places/items", conflict=demo.slug, datetime="2020-10-03").json()
    by_slug = {p["properties"]["slug"]: p for p in places["features"]}
    assert by_slug["stepanakert"]["properties"]["control"]["party"]["slug"] == "nk-authorities"
    changes = get(api_client, "/ogc/collections/control-changes/items").json()["features"]
    assert changes and all(c["geometry"]["type"] == "Point" and "date" in c["properties"] for c in changes)


def test_it_serves_one_item_and_answers_404_json_for_unknown_ones(api_client, demo):
    event = Event.objects.published().first()
    feature = get(api_client, f"/ogc/collections/events/items/{event.pk}").json()
    assert feature["id"] == event.pk and feature["type"] == "Feature"
    for url in ("/ogc/collections/events/items/999999999", "/ogc/collections/events/items/abc",
                "/ogc/collections/events/items/99999999999999999999", "/ogc/collections/nothing/items",
                "/ogc/collections/nothing"):
        response = api_client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json" and response.json()["code"] == "NotFound"


@pytest.fixture
def dated(world):
    """Twelve events, two per day from 1 to 6 October, west to east."""
    events = []
    for day in range(1, 7):
        for n in range(2):
            events.append(f.event(world.conflict, date=f"2020-10-{day:02d}", lon=45 + day / 10 + n / 100, lat=40))
    return events


def test_it_filters_by_datetime_instant_and_interval(api_client, dated):
    def dates(**params):
        document = get(api_client, "/ogc/collections/events/items", **params).json()
        return sorted({feat["properties"]["date"] for feat in document["features"]})

    assert dates(datetime="2020-10-02") == ["2020-10-02"]
    assert dates(datetime="2020-10-02T15:00:00Z") == ["2020-10-02"]
    assert dates(datetime="2020-10-02/2020-10-04") == ["2020-10-02", "2020-10-03", "2020-10-04"]
    assert dates(datetime="../2020-10-02") == ["2020-10-01", "2020-10-02"]
    assert dates(datetime="2020-10-05/..") == ["2020-10-05", "2020-10-06"]


def test_it_filters_by_bbox(api_client, dated):
    document = get(api_client, "/ogc/collections/events/items", bbox="45.25,39,45.45,41").json()
    assert sorted(feat["properties"]["date"] for feat in document["features"]) == ["2020-10-03"] * 2 + ["2020-10-04"] * 2


def test_it_pages_with_next_links_every_row_exactly_once_even_with_inserts(api_client, dated, world):
    first = get(api_client, "/ogc/collections/events/items", limit=5).json()
    assert first["numberReturned"] == 5 and first["numberMatched"] == 12
    # Inserted between pages, newer than the cursor: never shown on a later page, nothing skipped.
    f.event(world.conflict, date="2020-10-07")
    rest, pages = follow(api_client, links(first, "next")[0])
    seen = [feat["id"] for feat in first["features"] + rest]
    assert pages == 2 and sorted(seen) == sorted(e.pk for e in dated)
    places, pages = follow(api_client, "/ogc/collections/places/items?limit=1")
    assert pages == len(places) >= 1 and len({p["id"] for p in places}) == len(places)


@pytest.mark.parametrize("params, field", [
    ({"limit": "0"}, "limit"), ({"limit": "100001"}, "limit"), ({"limit": "ten"}, "limit"),
    ({"bbox": "1,2,3"}, "bbox"), ({"bbox": "a,b,c,d"}, "bbox"),
    ({"datetime": "yesterday"}, "datetime"), ({"datetime": "2020-10-05/2020-10-01"}, "datetime"),
    ({"datetime": "../.."}, "datetime"), ({"datetime": "2020-10-01/2020-10-02/2020-10-03"}, "datetime"),
    ({"cursor": "not-ours"}, "cursor"), ({"cursor": "WyIyMDIwIiwgLTFd"}, "cursor"),
    ({"conflict": "no-such-war"}, "conflict"), ({"f": "xml"}, "f"),
])
def test_it_answers_400_json_naming_each_bad_parameter(api_client, demo, params, field):
    response = api_client.get("/ogc/collections/events/items", params)
    assert response.status_code == 400
    assert response.json()["code"] == "InvalidParameterValue" and field in response.json()["errors"]


def test_it_serves_html_to_browsers_and_with_f_html(api_client, demo):
    for url, params, text in (("/ogc/", {}, "OGC API"), ("/ogc/collections", {}, "Control changes"),
                              ("/ogc/collections/events/items", {}, "Verification"),
                              ("/ogc/collections/places/items", {"f": "html"}, "Stepanakert")):
        response = api_client.get(url, params, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
        assert response.status_code == 200 and response["Content-Type"].startswith("text/html"), url
        assert text in response.content.decode()
    event = Event.objects.published().first()
    page = get(api_client, f"/ogc/collections/events/items/{event.pk}", f="html").content.decode()
    assert event.description[:30] in page and "claim" in page


def test_it_titles_collections_and_links_in_the_language_of_the_request(api_client, demo):
    """What QGIS or a browser shows a person (titles, descriptions, link titles) follows ?lang= and
    Accept-Language, as the rest of the API does; ids, rel values and keys stay as they are."""
    russian = get(api_client, "/ogc/collections", lang="ru").json()
    events = next(c for c in russian["collections"] if c["id"] == "events")
    assert events["title"] == "События" and events["description"].startswith("Опубликованные сообщения об обстрелах")
    assert [(link["rel"], link["title"]) for link in events["links"]] == [
        ("self", "События"), ("items", "События (GeoJSON)"), ("items", "События (HTML)")]
    landing = api_client.get("/ogc/", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert {link["rel"]: link["title"] for link in landing["links"]}["conformance"] == "Классы соответствия"
    items = get(api_client, "/ogc/collections/control-changes/items", limit=1, lang="az").json()
    assert items["title"] == "Nəzarət dəyişiklikləri"
    assert [link["title"] for link in items["links"] if link["rel"] == "next"] == ["Növbəti səhifə"]
    english = get(api_client, "/ogc/collections/events").json()
    assert english["title"] == "Events" and english["links"][0]["title"] == "This document as JSON"


def test_it_uses_the_date_for_places_control_state(api_client, world):
    f.change(world.place, world.conflict, world.alpha, datetime.date(2020, 10, 1))
    f.change(world.place, world.conflict, world.bravo, datetime.date(2020, 10, 5))
    def controller(day):
        document = get(api_client, "/ogc/collections/places/items", conflict=world.conflict.slug, datetime=day).json()
        return document["features"][0]["properties"]["control"]["party"]["slug"]
    assert controller("2020-10-02") == world.alpha.slug
    assert controller("2020-10-01/2020-10-06") == world.bravo.slug


def test_it_serves_the_territory_in_force_on_a_date(api_client, demo):
    def areas(day):
        document = get(api_client, "/ogc/collections/territory/items", conflict=demo.slug, datetime=day).json()
        return {f["properties"]["series"]: f for f in document["features"]}, document

    before, _ = areas("2020-11-07")
    after, document = areas("2020-11-08")
    api = api_client.get("/api/territory/", {"conflict": demo.slug, "date": "2020-11-08"}).json()["features"]
    assert sorted(after) == sorted(f["properties"]["series"] for f in api if f["properties"]["kind"] not in ("overlap", "front_line"))
    assert document["numberMatched"] == len(after) and before != after  # Shusha changed hands
    changed = [s for s in after if after[s]["id"] != before.get(s, {}).get("id")]
    version = after[changed[0]]
    assert version["properties"]["valid_from"] == "2020-11-08" and version["geometry"]["type"] == "MultiPolygon"
    # an item is served as on its own first day, even when a later version has replaced it
    old = before[changed[0]]
    item = get(api_client, f"/ogc/collections/territory/items/{old['id']}").json()
    assert item["id"] == old["id"] and item["properties"]["valid_from"] == old["properties"]["valid_from"]
