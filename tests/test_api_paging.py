"""Keyset paging of the API lists (cursor, next/previous links), bounded counts, JSON 404s (docs/api.md)."""

import datetime
import json

import pytest
from django.core.cache import caches

from geodata.api import paging
from tests.helpers import factories as f
from tests.helpers.api import get

DAY = datetime.date(2020, 10, 1)


def follow(client, url):
    return json.loads(client.get(url).content)


@pytest.fixture
def many(db):
    """A conflict with 12 published events over 5 days (several on one day: ties broken by id),
    one draft and one on another conflict (never listed)."""
    c = f.conflict()
    events = [f.event(c, DAY + datetime.timedelta(days=n % 5)) for n in range(12)]
    f.event(c, DAY, state="draft")
    f.event(f.conflict(), DAY)
    return c, events


def newest_first(events):
    return [e.pk for e in sorted(events, key=lambda e: (e.date, e.pk), reverse=True)]


def test_it_pages_by_cursor_in_date_and_id_order(api_client, many):
    conflict, events = many
    _, body = get(api_client, "/api/events/", conflict=conflict.slug, page_size=5)
    assert body["count"] == 12 and body["count_is_estimate"] is False and body["previous"] is None
    seen, pages = [x["id"] for x in body["features"]], [body]
    while body["next"]:
        assert "cursor=" in body["next"] and "page=" not in body["next"]
        body = follow(api_client, body["next"])
        pages.append(body)
        seen += [x["id"] for x in body["features"]]
    assert seen == newest_first(events) and len(pages) == 3
    # And back again through the previous links: the same pages, in reverse.
    for earlier in reversed(pages[:-1]):
        body = follow(api_client, body["previous"])
        assert [x["id"] for x in body["features"]] == [x["id"] for x in earlier["features"]]
    assert body["previous"] is None


def test_it_returns_every_row_exactly_once_under_concurrent_inserts(api_client, many):
    conflict, events = many
    _, body = get(api_client, "/api/events/", conflict=conflict.slug, page_size=4)
    seen = [x["id"] for x in body["features"]]
    older = []
    while body["next"]:
        # Between two page fetches, others publish: a newer event, one on the boundary row's own
        # day (a higher id, so before the boundary: not on a later page), and an older one.
        last = body["features"][-1]["properties"]["date"]
        f.event(conflict, "2020-12-31")
        f.event(conflict, last)
        older.append(f.event(conflict, "2020-01-01"))
        body = follow(api_client, body["next"])
        seen += [x["id"] for x in body["features"]]
    assert len(seen) == len(set(seen))  # nothing twice (OFFSET repeated rows when rows were inserted above)
    assert set(newest_first(events)) <= set(seen)  # nothing skipped
    assert {e.pk for e in older} <= set(seen)  # older rows inserted meanwhile are reached, once


def test_it_pages_control_changes_by_cursor(api_client, world):
    parties = [world.alpha, world.bravo]  # alternating: a party cannot take a place it holds
    changes = [f.change(world.place, world.conflict, parties[n % 2], DAY + datetime.timedelta(days=n))
               for n in range(5)]
    _, body = get(api_client, "/api/control-changes/", conflict=world.conflict.slug, page_size=2)
    seen = [x["id"] for x in body["results"]]
    while body["next"]:
        body = follow(api_client, body["next"])
        seen += [x["id"] for x in body["results"]]
    assert seen == [c.pk for c in reversed(changes)]


def test_it_keeps_shallow_pages_by_number_and_links_onward_by_cursor(api_client, many, settings):
    conflict, events = many
    _, body = get(api_client, "/api/events/", conflict=conflict.slug, page_size=5, page=2)
    assert [x["id"] for x in body["features"]] == newest_first(events)[5:10]
    assert "cursor=" in body["next"] and "page=" not in body["previous"]
    assert [x["id"] for x in follow(api_client, body["next"])["features"]] == newest_first(events)[10:]
    settings.API_MAX_OFFSET = 5
    caches["default"].clear()  # the same URL's answer was cached under the old setting
    _, body = get(api_client, "/api/events/", conflict=conflict.slug, page_size=5, page=2, expect=400)
    assert "follow the next links" in body["page"][0]


@pytest.mark.parametrize("cursor", [
    "nonsense!", "e30", paging.encode_cursor(DAY, 1, "n")[:-2] + "xx", "WyIyMDIwLTEwLTAzIiwtMSwibiJd",
    "WyJ4IiwxLCJuIl0", "WyIyMDIwLTEwLTAzIiwxLCJ6Il0", "x" * 201,
])
def test_it_refuses_a_bad_cursor_with_a_400(api_client, many, cursor):
    conflict, _ = many
    _, body = get(api_client, "/api/events/", conflict=conflict.slug, cursor=cursor, expect=400)
    assert set(body) == {"cursor"}


def test_it_refuses_cursor_with_page_and_empty_values(api_client, many):
    conflict, _ = many
    cursor = paging.encode_cursor(DAY, 1, "n")
    _, body = get(api_client, "/api/events/", conflict=conflict.slug, cursor=cursor, page=2, expect=400)
    assert "not both" in body["cursor"][0]
    for name in ("page_size", "page", "cursor", "start"):
        _, body = get(api_client, "/api/events/", conflict=conflict.slug, expect=400, **{name: ""})
        assert "is empty" in body[name][0]


def test_it_estimates_counts_beyond_the_exact_limit_and_says_so(api_client, many, settings):
    conflict, _ = many
    settings.API_EXACT_COUNT = 5
    _, body = get(api_client, "/api/events/", conflict=conflict.slug, page_size=2)
    assert body["count_is_estimate"] is True and body["count"] >= 6 and len(body["features"]) == 2
    _, body = get(api_client, "/api/events/", conflict=conflict.slug, start="2020-10-05")
    assert body["count_is_estimate"] is False and body["count"] == 2  # few rows: counted exactly


def test_it_answers_json_404s_for_any_api_path(api_client, db):
    for url in ("/api/events/abc/", "/api/events/-1/", "/api/nothing/", "/api/control-changes/1.5/"):
        response = api_client.get(url)
        assert response.status_code == 404 and response["Content-Type"] == "application/json", url
        assert "detail" in response.json()
    response = api_client.get("/api/events/99999999999999999999/")
    assert response.status_code == 404 and "detail" in response.json()
    response = api_client.get("/api/conflicts?page_size=2")  # the slash is still added
    assert response.status_code == 301 and response["Location"] == "/api/conflicts/?page_size=2"
