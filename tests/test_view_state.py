"""One view state for the map page, the embed and oEmbed (issue 11, item 8): a map-page URL's
centre, zoom, window, event types, parties and statuses survive oEmbed into the embed, and the
embed's parser reads every case of tests/fixtures/view_state_cases.json as the map page's
(static/js/map/urlstate.js, tests/js/urlstate.test.js) does."""

import datetime
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import QueryDict

from geodata.choices import EventType, Verification
from geodata.embed import params as embed_params
from geodata.embed.forms import DEFAULT_WINDOW, MAX_WINDOW
from tests.helpers import factories as f

pytestmark = pytest.mark.django_db
MAP = "http://localhost/conflicts/nagorno-karabakh-2020/"


def embed_query(html):
    src = html.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    return parse_qs(urlsplit(src).query)


def test_oembed_keeps_the_whole_view_of_a_map_page_url(api_client, demo):
    url = (MAP + "?date=2020-10-05&lat=40.1&lng=46.8&zoom=10&window=14"
           "&types=Battles,Explosions/Remote%20violence&parties=azerbaijan&status=claimed,disputed")
    response = api_client.get("/oembed", {"url": url})
    assert response.status_code == 200, response.content[:300]
    body = response.json()
    assert embed_query(body["html"]) == {
        "date": ["2020-10-05"], "window": ["14"], "center": ["40.10000,46.80000"], "zoom": ["10"],
        "type": ["Battles", "Explosions/Remote violence"], "party": ["azerbaijan"],
        "status": ["claimed", "disputed"],
    }


def test_the_embeds_own_names_win_and_bad_map_page_values_fall_back(demo):
    params = embed_params.parse({"center": "39.8,46.7", "lat": "1", "lng": "2", "types": "Battles",
                                 "type": "Protests"}, demo, log=False)
    assert params.center == (39.8, 46.7) and params.types == ("Protests",)
    half = embed_params.parse({"lat": "40.1"}, demo, log=False)  # no longitude: fit the extent
    assert half.center is None and any("center=" in p for p in half.problems)
    unknown = embed_params.parse({"parties": "nobody"}, demo, log=False)
    assert unknown.parties == () and any("party" in p for p in unknown.problems)


def test_the_same_view_reads_the_same_in_either_dialect(demo):
    embed = embed_params.parse({"center": "40.1,46.8", "zoom": "9", "type": "Battles", "party": "armenia"}, demo,
                               log=False)
    page = embed_params.parse({"lat": "40.1", "lng": "46.8", "zoom": "9", "types": "Battles",
                               "parties": "armenia"}, demo, log=False)
    assert embed == page


# --- One parser: the cases static/js/map/urlstate.js runs too (tests/js/urlstate.test.js) ----------

SHARED = json.loads((Path(__file__).parent / "fixtures" / "view_state_cases.json").read_text())


@pytest.fixture
def shared_conflict(settings):
    limits = SHARED["limits"]
    settings.LEAFLET_CONFIG = {**settings.LEAFLET_CONFIG, "MIN_ZOOM": limits["minZoom"], "MAX_ZOOM": limits["maxZoom"]}
    settings.EMBED_LANGUAGES = limits["languages"]
    conflict = f.conflict(start_date=datetime.date.fromisoformat(limits["start"]),
                          end_date=datetime.date.fromisoformat(limits["end"]))
    conflict.parties.set([f.party(slug=slug) for slug in limits["parties"]])
    return conflict


def as_shared(params):
    return {
        "date": params.date.isoformat(), "center": list(params.center) if params.center else None,
        "zoom": params.zoom, "window": params.window, "types": list(params.types), "parties": list(params.parties),
        "statuses": list(params.statuses), "lang": params.lang,
    }


def expected_state(case):
    expected = {**SHARED["defaults"], **case["expected"]}
    # lang null = not chosen: the embed's default language (the map page's: Accept-Language).
    return {**expected, "lang": expected["lang"] or SHARED["limits"]["languages"][0]}


def test_the_shared_cases_name_the_real_vocabularies():
    assert SHARED["limits"]["types"] == [value for value, _label in EventType.choices]
    assert sorted(SHARED["limits"]["statuses"]) == sorted(value for value, _label in Verification.choices)
    assert SHARED["limits"]["maxWindow"] == MAX_WINDOW and SHARED["defaults"]["window"] == DEFAULT_WINDOW


@pytest.mark.parametrize("case", SHARED["cases"], ids=[case["name"] for case in SHARED["cases"]])
def test_the_embed_reads_a_map_page_query_as_the_map_page_does(shared_conflict, case):
    params = embed_params.parse(QueryDict(case["query"].removeprefix("?")), shared_conflict, log=False)
    assert as_shared(params) == expected_state(case)


@pytest.mark.parametrize("case", SHARED["cases"], ids=[case["name"] for case in SHARED["cases"]])
def test_oembed_keeps_what_the_shared_parser_read(api_client, shared_conflict, case):
    """oEmbed goes through the same parser: its embed URL reads back as the same state."""
    url = f"http://localhost/conflicts/{shared_conflict.slug}/{case['query']}"
    response = api_client.get("/oembed", {"url": url})
    assert response.status_code == 200, response.content[:300]
    src = response.json()["html"].split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    params = embed_params.parse(QueryDict(urlsplit(src).query), shared_conflict, log=False)
    assert as_shared(params) == expected_state(case)
