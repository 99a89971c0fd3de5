"""/embed/<slug>/: framing, no cookies, fallback summary, parameters, caching."""

import html
import re

import pytest
from django.contrib.auth.models import User

from tests.helpers import factories as f
from tests.helpers.embed import EMBED

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("unhashed_static")]


def text(response):
    """The page as a reader hears it: tags dropped, whitespace collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", response.content.decode())))


def summary(response):
    """Only the text summary (the page also carries the map's vocabularies as JSON)."""
    body = response.content.decode()
    start = body.index('id="embed-summary"')
    return text(type("R", (), {"content": body[start:body.index("</details>", start)].encode()}))


def test_it_may_be_framed_by_any_origin_by_default(client, demo):
    response = client.get(EMBED)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    assert "'none'" not in response["Content-Security-Policy"].split("frame-ancestors")[1].split(";")[0]


def test_it_takes_frame_ancestors_from_the_setting(client, demo, settings):
    settings.EMBED_FRAME_ANCESTORS = ["https://news.example", "https://*.example.org"]
    policy = client.get(EMBED)["Content-Security-Policy"]
    assert "frame-ancestors https://news.example https://*.example.org" in policy


def test_it_keeps_every_other_page_unframeable(client, demo):
    for url in ("/admin/login/", "/oembed?url=http://testserver" + EMBED, "/no-such-page/"):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], url


def test_it_keeps_the_strict_policy_for_scripts_and_styles(client, demo):
    policy = client.get(EMBED)["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    body = client.get(EMBED).content.decode()
    assert "style=" not in body
    # No inline script at all (no import map: the map modules import the minified Leaflet module directly).
    inline = re.findall(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>(.*?)</script>", body, re.S)
    assert inline == []
    assert "unsafe-inline" not in policy


def test_it_sets_no_cookies_and_is_the_same_for_an_editor(client, demo):
    anonymous = client.get(EMBED + "?date=2020-10-03")
    assert not anonymous.cookies
    editor = User.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    logged_in = client.get(EMBED + "?date=2020-10-03")
    assert not logged_in.cookies
    assert "Cookie" not in logged_in.get("Vary", "")
    assert logged_in.content == anonymous.content
    assert logged_in["ETag"] == anonymous["ETag"]


def test_it_summarises_control_at_the_date_with_attribution(client, demo):
    before = text(client.get(EMBED + "?date=2020-10-02"))
    assert "Madagiz (Sugovushan): NK authorities, since 27 September 2020 (confirmed)" in before
    after = text(client.get(EMBED + "?date=2020-10-03"))
    assert "Madagiz (Sugovushan): Azerbaijan, since 3 October 2020 (claimed)" in after
    assert (
        "according to Ilham Aliyev, President of Azerbaijan, reported by VOA News on 3 October 2020"
        in after
    )
    assert "Stepanakert (Khankendi): NK authorities" in after


def test_it_lists_the_latest_reports_up_to_the_date_with_attribution(client, demo):
    page = text(client.get(EMBED + "?date=2020-10-03"))
    assert "Latest reports" in page
    assert "Shelling/artillery/missile attack, Stepanakert (Khankendi) (claimed)" in page
    assert "Disrupted weapons use (disputed)" in page
    assert "Denied: Azerbaijan's defence ministry said none of its planes had been shot down" in page
    assert "according to Shushan Stepanian, Spokesperson, Armenian Ministry of Defence, reported by VOA News" in page
    earlier = text(client.get(EMBED + "?date=2020-10-02"))
    assert "No reports in this period." in earlier


def test_it_credits_the_outlets_and_links_the_full_map(client, demo):
    other = f.source(outlet="Example Wire")
    from geodata.models import Claim, Event

    event = Event.objects.get(external_id="NK2020-DEMO-1")
    Claim.objects.create(
        event=event, claimant_name="A witness", source=other, summary="Saw the flag.", state="published"
    )
    # an outlet cited only by a draft claim is not credited (nor is the draft shown)
    Claim.objects.create(event=event, claimant_name="Draft", source=f.source(outlet="Draft Wire"), summary="x")
    response = client.get(EMBED + "?date=2020-10-03&layers=places,events")  # the territory's outlets: see below
    assert "Sources: Example Wire, VOA News." in text(response)
    assert "Draft Wire" not in text(response)
    assert 'href="http://testserver/conflicts/nagorno-karabakh-2020/?date=2020-10-03"' in response.content.decode()


def test_it_applies_the_filters_to_the_summary(client, demo):
    page = summary(client.get(EMBED + "?date=2020-10-03&status=disputed"))
    assert "Disrupted weapons use" in page
    assert "Armed clash" not in page
    page = summary(client.get(EMBED + "?date=2020-10-03&type=Battles&party=nk-authorities"))
    assert "Armed clash" in page and "Government regains territory" in page
    assert "Disrupted weapons use" not in page
    page = summary(client.get(EMBED + "?date=2020-10-03&layers=events"))
    assert "Who controls which place" not in page


@pytest.mark.parametrize(
    "query, problem",
    [
        ("date=2020-13-45", "date='2020-13-45' is not a date"),
        ("start=2020-10-05&end=2020-10-01", "start 2020-10-05 is after end 2020-10-01"),
        ("center=91,0", "center='91,0' is not LAT,LON"),
        ("center=nonsense", "center='nonsense' is not LAT,LON"),
        ("window=a week", "window='a week' is not a number of days"),
        ("type=Armed clash", "type: unknown value(s) 'Armed clash' ignored"),
        ("zoom=abc", "zoom='abc' is not a number"),
        ("layers=satellite", "layers: unknown value(s) 'satellite' ignored"),
        ("controls=joystick", "controls: unknown value(s) 'joystick' ignored"),
        ("type=Picnic", "type: unknown value(s) 'Picnic' ignored"),
        ("party=martians", "party: unknown value(s) 'martians' ignored"),
        ("status=rumoured", "status: unknown value(s) 'rumoured' ignored"),
        ("theme=neon", "theme='neon' is not one of light, dark, auto"),
        ("lang=xx", "lang='xx' is not an available language"),
        ("utm_source=news", "unknown parameter 'utm_source' ignored"),
    ],
)
def test_it_falls_back_to_defaults_on_bad_parameters_and_logs_them(client, demo, caplog, query, problem):
    default = client.get(EMBED)
    with caplog.at_level("WARNING", logger="geodata.embed"):
        response = client.get(f"{EMBED}?{query}")
    assert response.status_code == 200
    assert any(problem in record.getMessage() for record in caplog.records), caplog.text
    assert all(record.levelname == "WARNING" for record in caplog.records if record.name == "geodata.embed")
    # Everything fell back: the page is the default page.
    assert response.content == default.content


def test_it_clamps_a_date_outside_the_conflict_and_logs_it(client, demo, caplog):
    with caplog.at_level("WARNING", logger="geodata.embed"):
        response = client.get(f"{EMBED}?date=1999-01-01")
    assert response.status_code == 200
    assert 'datetime="2020-09-27" id="embed-date"' in response.content.decode()
    assert any("date=1999-01-01 is outside 2020-09-27.." in r.getMessage() for r in caplog.records), caplog.text


def test_type_none_shows_no_reports_as_the_maps_unticked_filter_does(client, demo):
    everything = client.get(f"{EMBED}?date=2020-10-03").content.decode()
    nothing = client.get(f"{EMBED}?date=2020-10-03&type=none").content.decode()
    assert 'class="embed-events"' in everything and "No reports in this period." not in everything
    assert 'class="embed-events"' not in nothing and "No reports in this period." in nothing


def test_it_passes_good_parameters_to_the_map_options(client, demo):
    import json

    response = client.get(
        EMBED + "?date=2020-10-03&start=2020-10-01&end=2020-10-20&center=40.1,46.8&zoom=9"
        "&layers=events&type=Battles,Explosions/Remote%20violence&window=30&party=azerbaijan&status=claimed"
        "&controls=none&theme=dark&lang=en"
    )
    body = response.content.decode()
    options = json.loads(re.search(r'<script id="embed-options" type="application/json">(.*?)</script>', body).group(1))
    assert options == {
        "date": "2020-10-03", "start": "2020-10-01", "end": "2020-10-20", "window": 30, "center": [40.1, 46.8], "zoom": 9,
        "layers": ["events"], "filters": {"type": ["Battles", "Explosions/Remote violence"], "party": ["azerbaijan"],
                                          "status": ["claimed"]},
        "controls": [], "theme": "dark", "lang": "en", "slug": "nagorno-karabakh-2020",
        "name": "Nagorno-Karabakh war, 2020",
    }
    assert '<html lang="en" data-theme="dark">' in body


def test_it_answers_404_for_an_unknown_conflict(client, db):
    assert client.get("/embed/no-such-war/").status_code == 404


def test_it_sends_cache_headers_and_answers_conditional_requests_with_304(client, demo):
    response = client.get(EMBED + "?date=2020-10-03")
    assert response["Cache-Control"] == "public, max-age=300, stale-while-revalidate=30, stale-if-error=86400"
    etag = response["ETag"]
    # The conflict's data version, then a digest of the request (geodata/httpcache.py).
    assert re.fullmatch(r'W/"\d+\.[0-9a-z]+-[0-9a-f]{32}"', etag)
    again = client.get(EMBED + "?date=2020-10-03", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    # Another date is another page; a change in the data changes the ETag.
    assert client.get(EMBED + "?date=2020-10-02", HTTP_IF_NONE_MATCH=etag).status_code == 200
    from geodata.models import Claim

    Claim.objects.filter(control_change__place__slug="madagiz").update(summary="Corrected summary.")
    changed = client.get(EMBED + "?date=2020-10-03", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_it_is_compressed_for_clients_that_accept_gzip(client, demo):
    response = client.get(EMBED, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    etag = response["ETag"]
    assert client.get(EMBED, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_it_announces_its_oembed_endpoint(client, demo):
    body = client.get(EMBED + "?date=2020-10-03").content.decode()
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', body)
    assert link
    href = link.group(1).replace("&amp;", "&")
    data = client.get(href).json()
    assert data["type"] == "rich"
    assert "/embed/nagorno-karabakh-2020/?date=2020-10-03" in data["html"]


def test_it_says_when_a_record_was_corrected(client, demo):
    from geodata.models import ControlChange, Correction, Event

    change = ControlChange.objects.published().filter(place__slug="madagiz").order_by("date").last()
    correction = Correction.log(change, "Date precision corrected.")
    Correction.log(Event.objects.published().get(sub_event_type="Disrupted weapons use"), "Wording.")
    html = client.get(EMBED + "?date=2020-10-03").content.decode()
    day = f"{correction.date.day} {correction.date:%B %Y}"
    assert html.count("Corrected on <time") == 2
    assert f'<a href="http://testserver/conflicts/nagorno-karabakh-2020/corrections/" target="_blank" rel="noopener">Corrected on <time datetime="{correction.date.isoformat()}">{day}</time></a>' in html
