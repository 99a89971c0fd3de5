"""Public responses cached by data version (geodata/httpcache.py): ETags, 304s, the server cache, gzip.

What bumps the version is in test_cache.py.
"""

import gzip
import json
import shutil
import socket
import subprocess
import time

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings

from conflictmap.caches import caches_from_url
from geodata.httpcache import cache_key
from tests.helpers import factories as f
from tests.helpers.users import editor, reviewer

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/15"


def locmem():
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "http-tests"}}


def file_cache(directory):
    return caches_from_url(f"file://{directory}", None)


@pytest.fixture
def war(world):
    """The world's conflict with one published event, and its events API URL."""
    f.event(world.conflict, description="First report")
    return world.conflict, f"/api/events/?conflict={world.conflict.slug}"


def publish_event(conflict, description):
    author, boss = editor(), reviewer()
    event = f.event(conflict, state="draft", description=description, created_by=author)
    event.submit(author)
    event.publish(boss)
    return event


def descriptions(response):
    return [feature["properties"]["description"] for feature in json.loads(response.content)["features"]]


@pytest.mark.parametrize(
    "url, max_age",
    [
        ("/api/events/?conflict=nagorno-karabakh-2020", 60),
        ("/api/places/?conflict=nagorno-karabakh-2020&date=2020-10-03", 60),
        ("/api/conflicts/", 60),
        ("/", 60),
        ("/conflicts/nagorno-karabakh-2020/", 60),
        ("/corrections/", 60),
        ("/exports/nagorno-karabakh-2020.csv", 60),
        ("/embed/nagorno-karabakh-2020/?date=2020-10-03", 300),
    ],
)
def test_it_sends_a_version_etag_cdn_headers_and_answers_304_with_no_body(client, demo, url, max_age):
    response = client.get(url)
    assert response.status_code == 200
    # Last good copies: the embed's, and the API answers its map loads (geodata/api/urls.py map_data).
    stale_if_error = ", stale-if-error=86400" if url.startswith(("/embed/", "/api/places/")) else ""
    assert response["Cache-Control"] == f"public, max-age={max_age}, stale-while-revalidate=30{stale_if_error}"
    etag = response["ETag"]
    assert etag.startswith('W/"')
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert again["Cache-Control"] == response["Cache-Control"]
    # A CDN or browser may send back the strong form of the tag, or a list.
    assert client.get(url, HTTP_IF_NONE_MATCH=f'"x", {etag.removeprefix("W/")}').status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='W/"something-else"').status_code == 200


@pytest.mark.parametrize("backend", ["locmem", "file"])
def test_a_publish_is_served_on_the_very_next_request_with_a_new_etag(client, war, backend, tmp_path):
    conflict, url = war
    with override_settings(CACHES=locmem() if backend == "locmem" else file_cache(tmp_path / "cache")):
        first = client.get(url)
        assert first["X-Public-Cache"] == "miss"
        cached = client.get(url)
        assert cached["X-Public-Cache"] == "hit"
        assert cached.content == first.content and cached["ETag"] == first["ETag"]

        publish_event(conflict, "Breaking report")

        # Well within max-age (60 s) and the server cache's timeout (an hour): the new data at once.
        after = client.get(url)
        assert after["X-Public-Cache"] == "miss"
        assert "Breaking report" in descriptions(after)
        assert after["ETag"] != first["ETag"]
        # A client (or CDN) revalidating its old copy gets the new one, not a 304.
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
        assert client.get(url)["X-Public-Cache"] == "hit"


def test_a_withdrawal_and_a_raw_sql_change_are_served_at_once_too(client, war):
    from django.db import connection

    conflict, url = war
    event = publish_event(conflict, "To be withdrawn")
    assert "To be withdrawn" in descriptions(client.get(url))
    event.withdraw(reviewer(), "Could not be confirmed.")
    assert "To be withdrawn" not in descriptions(client.get(url))
    with connection.cursor() as cursor:
        cursor.execute("UPDATE geodata_event SET description = 'Fixed by hand' WHERE state = 'published'")
    assert descriptions(client.get(url)) == ["Fixed by hand"]


def test_a_change_in_another_conflict_keeps_this_one_cached(client, war):
    _, url = war
    client.get(url)
    f.event(f.conflict(), description="Elsewhere")
    assert client.get(url)["X-Public-Cache"] == "hit"


def test_the_key_holds_the_version_the_path_the_parameters_and_the_vary_headers():
    rf = RequestFactory()
    key = cache_key(rf.get("/api/events/?conflict=a&page=2"), "7.abc", ("Accept",))
    assert key.startswith("public:7.abc:")
    assert cache_key(rf.get("/api/events/?page=2&conflict=a"), "7.abc", ("Accept",)) == key  # order-free
    assert cache_key(rf.get("/api/events/?conflict=a&page=2"), "8.abd", ("Accept",)) != key
    assert cache_key(rf.get("/api/events/?conflict=a&page=3"), "7.abc", ("Accept",)) != key
    assert cache_key(rf.get("/api/control-changes/?conflict=a&page=2"), "7.abc", ("Accept",)) != key
    assert cache_key(rf.get("/api/events/?conflict=a&page=2", HTTP_ACCEPT="text/html"), "7.abc", ("Accept",)) != key
    assert cache_key(rf.get("/api/events/?conflict=a&page=2", HTTP_HOST="localhost"), "7.abc", ("Accept",)) != key
    with override_settings(PUBLIC_CACHE_RELEASE="next-release"):  # a deployment with new templates
        assert cache_key(rf.get("/api/events/?conflict=a&page=2"), "7.abc", ("Accept",)) != key


def test_the_api_keeps_json_and_the_browsable_api_apart(client, war):
    _, url = war
    as_json = client.get(url, HTTP_ACCEPT="application/json")
    as_html = client.get(url, HTTP_ACCEPT="text/html")
    assert as_json["Content-Type"] == "application/json" or as_json["Content-Type"].startswith("application/")
    assert as_html["ETag"] != as_json["ETag"]
    assert "Accept" in as_json["Vary"]
    assert client.get(url, HTTP_ACCEPT="application/json").content == as_json.content


def test_it_caches_no_error_and_nothing_for_an_unknown_conflict(client, war):
    _, url = war
    bad = client.get(url + "&page_size=0")
    assert bad.status_code == 400
    assert "public" not in bad.get("Cache-Control", "")
    assert not bad.has_header("ETag")
    unknown = client.get("/embed/no-such-war/")
    assert unknown.status_code == 404
    assert not unknown.has_header("ETag")


def test_it_compresses_public_api_answers_cached_or_not(client, demo):
    url = "/api/places/?conflict=nagorno-karabakh-2020&date=2020-10-03"
    plain = client.get(url)
    for _ in range(2):  # the miss and the hit
        zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert zipped["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in zipped["Vary"]
        assert gzip.decompress(zipped.content) == plain.content
    # Not through the cache: the middleware compresses it (here a static file served from the finders).
    script = client.get("/static/js/map/ConflictMap.js", HTTP_ACCEPT_ENCODING="gzip")
    assert script.status_code == 200 and script["Content-Encoding"] == "gzip"
    # The schema is a DRF view with session authentication, so it varies on the cookie: left alone.
    schema = client.get("/api/schema/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Cookie" in schema["Vary"] and not schema.has_header("Content-Encoding")


def test_it_never_compresses_the_admin(client, db):
    login = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert login.status_code == 200 and not login.has_header("Content-Encoding")
    client.force_login(reviewer(), backend="django.contrib.auth.backends.ModelBackend")
    for url in ("/admin/", "/admin/geodata/event/"):
        page = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert page.status_code == 200
        assert not page.has_header("Content-Encoding"), url
        assert "public" not in page.get("Cache-Control", "")


def test_a_cache_server_that_is_down_is_bypassed(client, war):
    _, url = war
    down = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    with override_settings(CACHES=down):
        response = client.get(url)
    assert response.status_code == 200
    assert descriptions(response) == ["First report"]


@pytest.fixture
def redis_url(tmp_path):
    """CACHE_URL for a Redis: 127.0.0.1:6379 db 15 when reachable, else a redis-server of our own on a socket."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            yield REDIS_URL
            return
    except OSError:
        pass
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("no Redis at 127.0.0.1:6379 and no redis-server binary to start one")
    path = tmp_path / "redis.sock"
    server = subprocess.Popen(
        [binary, "--port", "0", "--unixsocket", str(path), "--save", "", "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            if path.exists():
                break
            time.sleep(0.05)
        else:
            pytest.skip("redis-server did not start")
        yield f"unix://{path}?db=15"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_it_works_with_the_redis_backend(client, war, redis_url):
    conflict, url = war
    caches = caches_from_url(redis_url, None)
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    with override_settings(CACHES=caches):
        from django.core.cache import cache

        cache.clear()
        assert client.get(url)["X-Public-Cache"] == "miss"
        assert client.get(url)["X-Public-Cache"] == "hit"
        publish_event(conflict, "Via Redis")
        after = client.get(url)
        assert after["X-Public-Cache"] == "miss" and "Via Redis" in descriptions(after)
        cache.clear()


def test_cache_url_picks_the_backend_and_refuses_what_it_cannot_use(tmp_path):
    default = caches_from_url("", tmp_path / "var-cache")["default"]
    assert default["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert default["LOCATION"] == str(tmp_path / "var-cache")
    redis = caches_from_url("redis://cache.internal:6379/2", None)["default"]
    assert redis == {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://cache.internal:6379/2"}
    assert caches_from_url("locmem://", None)["default"]["BACKEND"].endswith("LocMemCache")
    # The development server (DEBUG, no CACHE_URL) keeps no server cache: edits show at once.
    assert caches_from_url("", tmp_path, debug=True)["default"]["BACKEND"].endswith("DummyCache")
    assert caches_from_url("locmem://", None, debug=True)["default"]["BACKEND"].endswith("LocMemCache")
    for bad in ("memcached://127.0.0.1:11211", "file://relative/dir", "redis://", "127.0.0.1:6379"):
        with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
            caches_from_url(bad, None)


def test_a_zero_timeout_turns_the_server_cache_off_but_keeps_etags(client, war):
    _, url = war
    with override_settings(PUBLIC_CACHE_TIMEOUT=0):
        first = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        second = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert first["X-Public-Cache"] == second["X-Public-Cache"] == "miss"
        assert second["Content-Encoding"] == "gzip"  # by the middleware this time
        assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_if_none_match_star_gets_the_answer_not_a_304(client, war):
    _, url = war
    assert client.get(url, HTTP_IF_NONE_MATCH="*").status_code == 200
    assert client.get(url + "&page_size=0", HTTP_IF_NONE_MATCH="*").status_code == 400


def test_the_code_release_follows_the_templates(tmp_path):
    from conflictmap.caches import code_release

    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>old</p>")
    before = code_release(tmp_path)
    assert code_release(tmp_path) == before
    page.write_text("<p>new</p>")
    assert code_release(tmp_path) != before
