"""One view state for the map page, the embed and oEmbed (issue 11, item 8): a map-page URL's
centre, zoom, window, event types, parties and statuses survive oEmbed into the embed."""

from urllib.parse import parse_qs, urlsplit

import pytest

from geodata.embed import params as embed_params

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
