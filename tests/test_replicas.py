"""Read replicas against a real streaming replica of the local cluster (tests/helpers/replica.py).

A gunicorn server (scripts/serve.sh) with DATABASE_REPLICA_URLS pointing at the replica. While
the replica's WAL replay is paused, a conflict created on the primary is missing from the public
API and pages (they are served by the replica) but present in the admin (primary: editors read
their own writes; the login's writes go there too, the replica would refuse them). When replay
resumes it appears publicly; when the replica goes down, public reads fall back to the primary.
"""

import http.cookiejar
import json
import os
import re
import time
import urllib.parse
import urllib.request

import pytest

from tests.helpers import factories as f
from tests.helpers.replica import PORT, Replica
from tests.helpers.servers import Server, database_url, wait_for_log

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="the replica tests start a streaming replica of the local cluster (var/pgdata); DATABASE_URL points elsewhere",
)


@pytest.fixture(scope="module")
def primary(django_db_setup, django_db_blocker):
    from django.db import connection

    with django_db_blocker.unblock():
        return dict(connection.settings_dict)


@pytest.fixture(scope="module")
def replica(primary):
    running = Replica().start()
    try:
        running.wait_streaming()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def server(primary, replica, tmp_path_factory):
    replica_url = database_url({**primary, "HOST": str(replica.run_dir), "PORT": PORT})
    env = {"DATABASE_URL": database_url(primary), "DATABASE_REPLICA_URLS": replica_url, "DB_CONN_MAX_AGE": "60"}
    with Server(env, tmp_path_factory.mktemp("replica") / "gunicorn.log") as running:
        yield running


def eventually(check, timeout=30):
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.3)
    return True


def public_slugs(server):
    status, _, body = server.get("/api/conflicts/?page_size=100")
    assert status == 200, body[:300]
    data = json.loads(body)
    return {c["slug"] for c in data.get("results", data)}


def staff_session(server):
    """Logs into the admin through the server (its writes: session, last_login, axes log)."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from django.contrib.auth.models import User

    # The server hashes with the production hashers, not the test suite's MD5.
    User.objects.create(username="replica-admin", is_staff=True, is_superuser=True,
                        password=PBKDF2PasswordHasher().encode("long-enough-pass", "replicasalt42"))
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    login = server.url + "/admin/login/"
    page = opener.open(login, timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "replica-admin",
                                   "password": "long-enough-pass", "next": "/admin/"}).encode()
    response = opener.open(urllib.request.Request(login, data=form, headers={"Referer": login}), timeout=10)
    assert response.url.endswith("/admin/"), response.read()[:500]
    return opener


def test_it_serves_public_reads_from_the_replica_and_the_admin_from_the_primary(transactional_db, server, replica, primary):
    first = f.conflict(slug="replicated-conflict", name="Replicated conflict")
    assert eventually(lambda: first.slug in public_slugs(server)), "the replica never showed the committed conflict"

    replica.sql("SELECT pg_wal_replay_pause()")
    try:
        assert eventually(lambda: replica.sql("SELECT pg_get_wal_replay_pause_state()") == "paused")
        second = f.conflict(slug="written-during-pause", name="Written during the pause")
        opener = staff_session(server)
        time.sleep(1)  # ample time for a running replica to have replayed it: replay is paused
        # Public API, map page and GeoJSON (raw SQL) are the replica's: not there yet.
        assert second.slug not in public_slugs(server)
        assert server.get(f"/conflicts/{second.slug}/")[0] == 404
        assert server.get(f"/api/places/?conflict={second.slug}")[0] != 200
        # The admin reads the primary: the editor sees the write at once.
        changelist = opener.open(server.url + "/admin/geodata/conflict/", timeout=10).read().decode()
        assert "Written during the pause" in changelist
    finally:
        replica.sql("SELECT pg_wal_replay_resume()")
    assert eventually(lambda: "written-during-pause" in public_slugs(server))
    assert server.get("/conflicts/written-during-pause/")[0] == 200
    assert server.get("/api/places/?conflict=written-during-pause")[0] == 200


def test_it_falls_back_to_the_primary_when_the_replica_is_down(transactional_db, server, replica):
    assert server.get("/api/conflicts/")[0] == 200  # the workers hold replica connections now
    replica.down()
    fresh = f.conflict(slug="after-replica-crash", name="After the replica crashed")
    statuses = [server.get("/api/conflicts/")[0] for _ in range(8)] + [server.get(f"/conflicts/{fresh.slug}/")[0]]
    assert statuses == [200] * 9
    assert fresh.slug in public_slugs(server)  # from the primary
    wait_for_log(server, "replica unreachable")
    assert server.get("/readyz")[0] == 200
