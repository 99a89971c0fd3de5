"""Real servers for the operations tests: gunicorn through scripts/serve.sh, on a loopback port.

Ports 8101-8109 are this suite's (docs/testing.md); each server gets the first free one.
"""

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    """A port the kernel picks from its ephemeral range: parallel test runs on one machine don't collide."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(settings_dict):
    """A DATABASE_URL (dj-database-url syntax) for a Django connection's settings; a socket dir as host."""
    user = urllib.parse.quote(settings_dict.get("USER") or "postgres", safe="")
    password = settings_dict.get("PASSWORD") or ""
    auth = user + (":" + urllib.parse.quote(password, safe="") if password else "")
    host = urllib.parse.quote(str(settings_dict.get("HOST") or ""), safe="")
    port = settings_dict.get("PORT") or ""
    return f"postgis://{auth}@{host}{':' + str(port) if port else ''}/{urllib.parse.quote(settings_dict['NAME'])}"


def fetch(url, headers=None, timeout=30):
    """(status, headers, body) for a GET; HTTP errors are answers too, not exceptions."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class Server:
    """`scripts/serve.sh` (collectstatic + gunicorn) in its own process group, its output in a log file."""

    def __init__(self, env, log_path, workers=2):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_path)
        full_env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY")}
        full_env.update({"PORT": str(self.port), "WEB_CONCURRENCY": str(workers), "GUNICORN_THREADS": "2"})
        full_env.update(env)
        self.env = full_env
        self.process = None

    def start(self, timeout=420):  # a first collectstatic on a busy machine takes minutes
        self.log = open(self.log_path, "wb")  # closed in stop()
        self.process = subprocess.Popen(
            ["bash", str(ROOT / "scripts" / "serve.sh")],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.output()}")
            # Our own gunicorn's word, not just an open port: during a slow collectstatic another
            # process may take the port, and a connection would then reach that server instead.
            if f"Listening at: {self.url} " in self.output():
                with contextlib.suppress(OSError):
                    with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                        return self
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"server not listening on {self.port} within {timeout} s:\n{self.output()}")

    def output(self):
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def get(self, path, **kwargs):
        return fetch(self.url + path, **kwargs)

    def stop(self):
        if self.process and self.process.poll() is None:
            # The whole group: bash's exec made gunicorn the leader, its workers follow it.
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def wait_for_log(server, text, timeout=10):
    """The server's log lines containing text, waiting for them (gunicorn logs after the response)."""
    deadline = time.monotonic() + timeout
    while True:
        lines = [line for line in server.output().splitlines() if text in line]
        if lines or time.monotonic() > deadline:
            assert lines, f"{text!r} not in the log:\n{server.output()}"
            return lines
        time.sleep(0.2)
