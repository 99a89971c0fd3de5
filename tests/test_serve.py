"""`make serve`: gunicorn with deploy/gunicorn.conf.py, DEBUG off, hashed and compressed static files.

A real server process (scripts/serve.sh, the script `make serve` runs) on a loopback port, against
the test database; bounded by the helper's timeouts.
"""

import gzip
import json
import re

import pytest

from tests.helpers.servers import Server, database_url, wait_for_log


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.db import connection

    with django_db_blocker.unblock():
        url = database_url(connection.settings_dict)
    log = tmp_path_factory.mktemp("serve") / "gunicorn.log"
    with Server({"DATABASE_URL": url}, log) as running:
        yield running


def test_it_serves_a_page_with_debug_off(server):
    status, headers, body = server.get("/")
    assert status == 200, server.output()
    assert headers["Content-Type"].startswith("text/html")
    # DEBUG off: an unknown URL is the plain 404, not Django's technical page.
    status, _, body404 = server.get("/no-such-page/")
    assert status == 404
    assert b"URLconf" not in body404 and b"Traceback" not in body404


def test_it_serves_hashed_compressed_static_files(server):
    _, _, body = server.get("/")
    match = re.search(rb'href="(/static/css/site\.([0-9a-f]{12})\.css)"', body)
    assert match, body[:2000]
    status, headers, css = server.get(match.group(1).decode(), headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"] and "max-age=315360000" in headers["Cache-Control"]
    assert b"{" in gzip.decompress(css)
    # The unhashed copy is there too, but with a short max-age (it may change at the next deploy).
    status, headers, _ = server.get("/static/css/site.css")
    assert "immutable" not in (headers.get("Cache-Control") or "")


def test_it_logs_access_as_json(server):
    server.get("/?probe=access-log")
    lines = wait_for_log(server, "probe=access-log")
    entry = json.loads(lines[-1])
    assert entry["method"] == "GET" and entry["path"] == "/" and entry["status"] == 200
    assert entry["duration_ms"] >= 0
