"""The canary: hidden records (draft, in review, withdrawn) never reach any public URL.

tests/conftest.py `unpublished_markers` (tests/helpers/canary.py) seeds hidden events, control changes and claims
whose every free-text field carries a unique marker string and whose figures are unique
numbers. This test walks every public page, embed, oEmbed answer and API endpoint with
dates and filters that cover the hidden records, and fetches each hidden record by id
(404). The browser part (rendered DOM, popups, timeline) is tests/e2e/test_canary_browser.py.
"""

import itertools
from urllib.parse import urlencode

import pytest
from django.test import Client

from geodata.models import Claim, Correction, Event
from tests.helpers.canary import DATES, leaks, tile_leaks
from tests.helpers.tiles import decode
from tests.helpers.tiles import url as tile_url

pytestmark = pytest.mark.django_db

HOST = "localhost"


def with_hidden_corrections(data):
    """Corrections logged on hidden records (and on a published claim of a hidden event) stay hidden."""
    draft = Event.objects.get(pk=data["ids"]["event"][0])
    in_review = Event.objects.get(pk=data["ids"]["event"][1])
    claim_on_hidden = Claim.objects.filter(event=in_review, state="published").first()
    for record, kind in ((draft, "draft"), (claim_on_hidden, "claimonhidden")):
        note = f"CANARYcorrection{kind}{record.pk}"
        Correction.log(record, note)
        data["markers"].append(note)
    return data


def embed_queries():
    """Embed parameters covering the hidden records: dates, ranges, layers, filters, controls."""
    variants = [
        {},
        {"layers": "places"}, {"layers": "events"}, {"layers": "places,events"}, {"layers": "territory"},
        {"controls": "slider,timeline"}, {"controls": "none"}, {"controls": "timeline"},
        {"type": "Explosions/Remote violence"}, {"party": "azerbaijan"}, {"party": "nk-authorities"},
        {"status": "confirmed"}, {"status": "claimed,disputed,denied,unsourced"},
        {"window": "90"}, {"theme": "dark", "lang": "en"},
        {"type": "Battles", "party": "azerbaijan", "status": "confirmed", "controls": "slider,timeline"},
    ]
    for date, extra in itertools.product(DATES, variants):
        yield {"date": date, **extra}
        yield {"date": date, "start": "2020-10-01", "end": "2020-10-31", **extra}


def public_urls(slug, host=HOST):
    pages = ["/", f"/conflicts/{slug}/", f"/conflicts/{slug}/corrections/", "/corrections/",
             "/api/docs/", "/api/schema/", "/api/schema/?format=json", "/healthz", "/readyz"]
    pages += [f"/conflicts/{slug}/?{urlencode({'date': d})}" for d in DATES]
    embeds = [f"/embed/{slug}/?{urlencode(q)}" for q in embed_queries()]
    oembeds = []
    for path in [f"/conflicts/{slug}/?date={d}" for d in DATES] + embeds[:12]:
        oembeds.append("/oembed?" + urlencode({"url": f"http://{host}{path}"}))
        oembeds.append("/oembed?" + urlencode({"url": f"http://{host}{path}", "maxwidth": 400, "format": "json"}))
    api = ["/api/conflicts/", f"/api/conflicts/{slug}/"]
    for d in DATES:
        api += [
            f"/api/places/?conflict={slug}&date={d}",
            f"/api/places/?conflict={slug}&date={d}&q=Stepanakert",
            f"/api/places/?conflict={slug}&date={d}&q=khankendi",
            f"/api/events/?conflict={slug}&start={d}&end={d}",
            f"/api/events/compact/?conflict={slug}&start={d}&end={d}",
            f"/api/control-changes/?conflict={slug}&until={d}",
            f"/api/control-changes/?conflict={slug}&until={d}&place=stepanakert",
            f"/api/territory/?conflict={slug}&date={d}",
            f"/api/territory/?conflict={slug}&date={d}&zoom=6",
            f"/api/territory/changes/?conflict={slug}&start=2020-09-27&end={d}",
            f"/api/territory/changes/?conflict={slug}&start={d}&end=2020-11-30&simplify=0.01",
            f"/api/places/changes/?conflict={slug}&from=2020-10-01&to={d}",
            f"/api/places/changes/?conflict={slug}&from={d}&to=2020-09-27",
        ]
    api += [
        f"/api/places/?conflict={slug}",
        f"/api/events/?conflict={slug}",
        f"/api/events/?conflict={slug}&start=2020-09-27&end=2020-11-10&page_size=500",
        f"/api/events/?conflict={slug}&start=2020-10-01&end=2020-10-31&type=Explosions/Remote violence",
        f"/api/events/?conflict={slug}&start=2020-10-01&end=2020-10-31&type=Air/drone strike",
        f"/api/events/?conflict={slug}&party=azerbaijan",
        f"/api/events/?conflict={slug}&party=nk-authorities,azerbaijan",
        f"/api/events/?conflict={slug}&status=confirmed",
        f"/api/events/?conflict={slug}&status=claimed,disputed,denied,unsourced",
        f"/api/events/?conflict={slug}&bbox=46,39,47.5,40.5",
        f"/api/events/compact/?conflict={slug}",
        f"/api/events/compact/?conflict={slug}&start=2020-09-27&end=2020-11-10",
        f"/api/events/compact/?conflict={slug}&party=azerbaijan",
        f"/api/events/compact/?conflict={slug}&status=confirmed",
        f"/api/events/compact/?conflict={slug}&status=claimed,disputed,denied,unsourced",
        f"/api/events/compact/?conflict={slug}&type=Explosions/Remote violence&bbox=46,39,47.5,40.5",
        f"/api/control-changes/?conflict={slug}",
        f"/api/control-changes/?conflict={slug}&place=stepanakert",
        f"/api/control-changes/?conflict={slug}&page_size=500",
        f"/api/territory/?conflict={slug}",
        f"/api/territory/changes/?conflict={slug}&start=2020-09-27&end=2020-12-31",
    ]
    ogc = ["/ogc/", "/ogc/conformance", "/ogc/collections", "/ogc/?f=html", "/ogc/collections?f=html"]
    for collection in ("events", "places", "control-changes"):
        ogc += [f"/ogc/collections/{collection}", f"/ogc/collections/{collection}/items?limit=1000",
                f"/ogc/collections/{collection}/items?f=html&limit=1000",
                f"/ogc/collections/{collection}/items?conflict={slug}&bbox=46,39,47.5,40.5"]
        ogc += [f"/ogc/collections/{collection}/items?conflict={slug}&datetime={d}" for d in DATES]
        ogc += [f"/ogc/collections/{collection}/items?datetime=2020-09-27/..&limit=1000"]
    return pages + embeds + oembeds + api + ogc


def test_it_never_shows_a_hidden_record_on_any_public_url(unpublished_markers):
    data = with_hidden_corrections(unpublished_markers)
    slug = data["conflict"].slug
    client = Client(HTTP_HOST=HOST)
    urls = public_urls(slug)
    assert len(urls) > 150
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        body = b"".join(response.streaming_content if response.streaming else [response.content])
        assert leaks(data, body.decode()) == [], url


def test_the_compact_events_never_hold_a_hidden_event_nor_count_a_hidden_claim(unpublished_markers):
    """The compact answer has no free text for a marker to leak through: check its ids instead, and its
    statuses against the full API's (a hidden claim denying a public event must not make it disputed)."""
    from tests.helpers.compact import from_features, rows

    data = unpublished_markers
    slug = data["conflict"].slug
    client = Client(HTTP_HOST=HOST)
    hidden = set(data["ids"]["event"])
    seen = set()
    queries = [{}, {"status": "disputed,denied"}, {"party": "azerbaijan"}]
    queries += [{"start": d, "end": d} for d in DATES]
    for query in queries:
        params = {"conflict": slug, **query}
        body = client.get("/api/events/compact/", params).json()
        full = client.get("/api/events/", {**params, "page_size": 1000}).json()
        assert not hidden & set(body["id"]), query
        assert rows(body) == from_features(full["features"]), query
        seen |= set(body["id"])
    assert seen  # the published events are there


def test_it_answers_404_for_every_hidden_record_by_id(unpublished_markers):
    data = unpublished_markers
    client = Client(HTTP_HOST=HOST)
    assert len(data["ids"]["event"]) == 3 and len(data["ids"]["controlchange"]) == 3
    for kind, path in (("event", "/api/events/"), ("controlchange", "/api/control-changes/")):
        for pk in data["ids"][kind]:
            response = client.get(f"{path}{pk}/")
            assert response.status_code == 404, (kind, pk)
            assert leaks(data, response.content.decode()) == []
        for pk in data["ids"][kind]:
            collection = "events" if kind == "event" else "control-changes"
            response = client.get(f"/ogc/collections/{collection}/items/{pk}")
            assert response.status_code == 404, (kind, pk)
            assert leaks(data, response.content.decode()) == []
    # the published records next to them are served, with none of their hidden claims
    public_event = Event.objects.published().get(external_id="NK2020-DEMO-2")
    response = client.get(f"/api/events/{public_event.pk}/")
    assert response.status_code == 200 and leaks(data, response.content.decode()) == []


def test_it_still_shows_the_public_data_next_to_the_hidden_records(unpublished_markers):
    """The canary would pass trivially on empty answers: the public records are really there."""
    slug = unpublished_markers["conflict"].slug
    client = Client(HTTP_HOST=HOST)
    events = client.get(f"/api/events/?conflict={slug}").json()
    assert events["count"] == 5  # the five published demo events, none of the three hidden ones
    assert "Rockets fired toward Stepanakert" in str(events)
    embed = client.get(f"/embed/{slug}/?date=2020-10-22&window=90").content.decode()
    assert "Stepanakert" in embed and "Madagiz" in embed and "VOA News" in embed
    assert "according to" in embed
    places = client.get(f"/api/places/?conflict={slug}&date=2020-10-22").json()
    control = {f["properties"]["slug"]: f["properties"]["control"] for f in places["features"]}
    assert control["stepanakert"]["party"]["slug"] == "nk-authorities"  # not the hidden changes of 20-22 Oct
    assert control["stepanakert"]["since"] == "2020-09-27"
    for date in DATES:  # the public version stays in force over the hidden ones, with no overlap shown
        territory = client.get(f"/api/territory/?conflict={slug}&date={date}").json()["features"]
        canary = [f for f in territory if f["properties"].get("series") == "canary-held"]
        assert [f["id"] for f in canary] == [unpublished_markers["public_territory_version"]]
        # A leaked hidden version would overlap the public canary box by ~47 km²; the demo's own areas
        # may touch along the front with slivers well under 1 km².
        assert not [f for f in territory if f["properties"]["kind"] == "overlap" and f["properties"]["area_km2"] > 1]
        assert "canary-hidden" not in str(territory)
        assert "canary-ended" not in str(territory)  # ended on 15 October
    before_its_end = client.get(f"/api/territory/?conflict={slug}&date=2020-10-14").json()["features"]
    assert [f["properties"]["valid_until"] for f in before_its_end
            if f["properties"].get("series") == "canary-ended"] == ["2020-10-15"]


def test_it_never_puts_a_hidden_record_in_a_vector_tile(unpublished_markers):
    """Tiles are binary: decoded, no hidden event id, marker or figure, no hidden event counted in a
    low-zoom cell, and Stepanakert's state ignores the hidden control changes."""
    data = unpublished_markers
    slug = data["conflict"].slug
    client = Client(HTTP_HOST=HOST)
    stepanakert = (46.7519, 39.8153)
    variants = [{}, {"type": "Air/drone strike"}, {"status": "confirmed"}, {"party": "azerbaijan"}]
    variants += [{"date": d} for d in DATES] + [{"start": d, "end": d} for d in DATES]
    checked = 0
    for z in (2, 4, 6, 8, 10, 12, 14):
        for params in variants:
            response = client.get(tile_url(slug, z, *stepanakert, **params))
            assert response.status_code == 200, (z, params, response.content[:300])
            assert tile_leaks(data, response.content) == [], (z, params)
            layers = decode(response.content)
            events = client.get(f"/api/events/?{urlencode({'conflict': slug, 'page_size': 500, **params})}")
            public = {feat["id"] for feat in events.json()["features"]} if events.status_code == 200 else None
            tiled = layers.get("events", [])
            if z < 8 and public is not None:
                # every public event of the demo is in this one tile at these zooms
                assert sum(cell["properties"]["count"] for cell in tiled) == len(public), (z, params)
            elif public is not None:
                assert {feat["id"] for feat in tiled} <= public, (z, params)
            for place in layers.get("places", []):
                if place["properties"]["slug"] == "stepanakert":
                    assert place["properties"]["controller"] == "nk-authorities", (z, params)
                    assert place["properties"]["since"] == "2020-09-27", (z, params)
                    checked += 1
    assert checked >= len(variants) * 4  # Stepanakert was really drawn, thinned or not
