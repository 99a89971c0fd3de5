"""The task worker (`manage.py db_worker`) as a subprocess against the test database, for live tests."""

import contextlib
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def worker_env():
    """The environment of a process that uses the test database the test run created."""
    env = {**os.environ, "DEBUG": "0", "ALLOW_INSECURE_SECRET_KEY": "1",
           "DJANGO_SETTINGS_MODULE": "conflictmap.settings"}
    name = connection.settings_dict["NAME"]
    if env.get("DATABASE_URL"):
        parts = urlsplit(env["DATABASE_URL"])
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
    else:
        env["DB_NAME"] = name
    return env


@contextlib.contextmanager
def running_worker():
    """A db_worker polling every 0.2 s for the duration of the block; stopped (and reaped) after it."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT, env=worker_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def commit_elsewhere(sql, params):
    """Runs and commits `sql` on a connection of its own: another user's write, seen by a running import."""
    with connection.get_new_connection(connection.get_connection_params()) as other:
        other.execute(sql, params)
        other.commit()
