"""What the benchmarks that run a real server and a browser share: a free port, the production server
(scripts/serve.sh: gunicorn, collectstatic, DEBUG=0) in its own process group, and Chromium's arguments.

Imported by bench/bench_embed.py, bench_load.py and bench_pageweight.py, which run as scripts
(bench/run.py calls `python bench/bench_x.py`), so each puts the repository root on sys.path first.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
# Headless and quiet: no background traffic (update checks, sync) to count or wait for.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


def free_port():
    """A loopback port nobody listens on now (the kernel's choice)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port):
    with socket.socket() as s:
        # As a server binds (gunicorn sets it): connections of a server just stopped, in TIME_WAIT, do
        # not make the port taken; a listening socket still does.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def start_server(port, log, env=None, timeout=600):
    """scripts/serve.sh on 127.0.0.1:`port`, its output to the open file `log`, once /readyz answers 200.

    `env` is added to this process's environment (SECRET_KEY is dropped: serve.sh makes a local one).
    Exits the benchmark with a message if the server dies or is not ready within `timeout` seconds
    (which includes a first collectstatic).
    """
    full_env = {**os.environ, "PORT": str(port), **(env or {})}
    full_env.pop("SECRET_KEY", None)
    server = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=ROOT, env=full_env, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server exited ({server.returncode}); see {log.name}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as response:
                if response.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    sys.exit("the server did not become ready")


def stop_server(server):
    """Stops the whole process group: bash's exec made gunicorn its leader, the workers follow."""
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
