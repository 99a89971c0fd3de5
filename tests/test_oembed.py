"""/oembed: the oEmbed 1.0 provider for our map and embed URLs."""

import json
import re

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unhashed_static")]

MAP = "http://testserver/conflicts/nagorno-karabakh-2020/"
EMBED = "http://testserver/embed/nagorno-karabakh-2020/"


def oembed(client, **params):
    return client.get("/oembed", params)


def test_it_returns_a_rich_oembed_for_a_map_url(client, demo):
    response = oembed(client, url=MAP + "?date=2020-10-03&zoom=9&center=40.1,46.8&type=Battles", format="json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["type"] == "rich"
    assert data["version"] == "1.0"
    assert data["title"] == "Map: Nagorno-Karabakh war, 2020, 3 October 2020"
    assert data["provider_name"] == "conflictmap"
    assert data["provider_url"] == "http://testserver/"
    assert data["cache_age"] == 300
    assert (data["width"], data["height"]) == (640, 600)
    src = re.search(r'<iframe src="([^"]+)"', data["html"]).group(1).replace("&amp;", "&")
    assert src == EMBED + "?date=2020-10-03&center=40.10000,46.80000&zoom=9&type=Battles"
    assert 'width="640" height="600"' in data["html"]
    assert '<script src="http://testserver/static/embed.js" async></script>' in data["html"]
    # The iframe it points at is a working embed.
    assert client.get(src.replace("http://testserver", "")).status_code == 200


def test_it_accepts_embed_urls_too(client, demo):
    data = oembed(client, url=EMBED + "?theme=dark").json()
    assert f'src="{EMBED}?theme=dark"' in data["html"]


def test_it_honours_maxwidth_and_maxheight(client, demo):
    data = oembed(client, url=MAP, maxwidth="400", maxheight="300").json()
    assert (data["width"], data["height"]) == (400, 300)
    assert 'width="400" height="300"' in data["html"]
    bigger = oembed(client, url=MAP, maxwidth="2000").json()
    assert bigger["width"] == 640


@pytest.mark.parametrize(
    "url",
    [
        "http://elsewhere.example/conflicts/nagorno-karabakh-2020/",
        "https://evil.example/embed/nagorno-karabakh-2020/?x=http://testserver/",
        "http://testserver/admin/",
        "http://testserver/conflicts/no-such-war/",
        "http://testserver/embed/no-such-war/",
        "javascript:alert(1)",
        "ftp://testserver/conflicts/nagorno-karabakh-2020/",
    ],
)
def test_it_answers_404_for_urls_that_are_not_ours(client, demo, url):
    response = oembed(client, url=url)
    assert response.status_code == 404
    assert response.json()["detail"]


def test_it_answers_501_for_xml(client, demo):
    response = oembed(client, url=MAP, format="xml")
    assert response.status_code == 501
    assert "json" in response.json()["detail"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({}, "url parameter is required"),
        ({"url": MAP, "maxwidth": "wide"}, "maxwidth must be a positive whole number"),
        ({"url": MAP, "maxwidth": "0"}, "maxwidth must be a positive whole number"),
        ({"url": MAP, "maxheight": "12.5"}, "maxheight must be a positive whole number"),
    ],
)
def test_it_answers_400_for_bad_parameters(client, demo, params, message):
    response = oembed(client, **params)
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_it_escapes_the_title_in_the_html(client, demo):
    demo.name = 'War "of" <names>'
    demo.save()
    html = oembed(client, url=MAP).json()["html"]
    assert 'title="Map: War &quot;of&quot; &lt;names&gt;' in html
