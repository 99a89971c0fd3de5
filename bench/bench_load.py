"""Load and fault benchmark: locust headless against `make serve` (scripts/serve.sh) on the bench data.

    .venv/bin/python bench/bench_load.py     (run by `make bench` through bench/run.py)

Phases of the article-traffic mix (bench/locustfile.py), LOAD_USERS (50) users, loopback only, a
gunicorn of 3 workers (the issue's set-up) on port 8109:
0. capacity: the mix with no pause between a user's requests, first against a server with its cache
   off (PUBLIC_CACHE_TIMEOUT=0: every answer computed), then with it on: req/s of each and the ratio
   (target: cached >= 20x uncached, 0 errors);
1. steady: readers pausing 0.5-1.5 s between requests: req/s, p50/p95/p99 and errors (target: 0 errors,
   p99 <= 1 s);
2. PostgreSQL stopped (scripts/pg.sh stop) LOAD_PG_DOWN seconds during the run, then started:
   errors while it is down, every one a 503 with Retry-After, none after it is back, no app restart;
   skipped with DATABASE_URL (not our cluster to stop);
3. one worker killed (SIGKILL) during the run: failed requests (target: at most one).
"""

import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: bench.servers

from bench.servers import port_is_free, start_server, stop_server  # noqa: E402

PORT = int(os.environ.get("LOAD_PORT", "8109"))
USERS = int(os.environ.get("LOAD_USERS", "50"))
SECONDS = int(os.environ.get("LOAD_SECONDS", "30"))
PG_DOWN = float(os.environ.get("LOAD_PG_DOWN", "10"))
URL = f"http://127.0.0.1:{PORT}"


def start(log, wait=0, **env):
    # `wait`: seconds to let a server just stopped let go of the port (its workers finish their requests).
    deadline = time.time() + wait
    while not port_is_free(PORT) and time.time() < deadline:
        time.sleep(0.5)
    if not port_is_free(PORT):
        sys.exit(f"port {PORT} is taken (LOAD_PORT to choose another)")
    return start_server(PORT, log, {"WEB_CONCURRENCY": "3", "DB_CONN_MAX_AGE": "60", **env})


def workers(server):
    found = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in found]


def run_locust(name, workdir, during=None, think=True):
    """One headless locust run; `during(started_at)` runs alongside it; `think=False`: no pause between a
    user's requests (what the server can serve, not what readers ask). Returns its figures."""
    prefix = workdir / name
    failures = workdir / f"{name}-failures.jsonl"
    env = {**os.environ, "LOAD_FAILURES_PATH": str(failures), "LOAD_THINK": "1" if think else "0"}
    locust = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
         "-u", str(USERS), "-r", str(USERS), "-t", f"{SECONDS}s", "--host", URL, "--csv", str(prefix),
         "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    started = time.time()
    marks = during(started) if during else {}
    _, err = locust.communicate(timeout=SECONDS + 120)
    if locust.returncode:
        sys.exit(f"locust failed: {err[-2000:]}")
    with open(f"{prefix}_stats.csv") as f:
        total = next(row for row in csv.DictReader(f) if row["Name"] == "Aggregated")
    outcomes = [json.loads(line) for line in failures.read_text().splitlines()] if failures.exists() else []
    failed = [o for o in outcomes if not o["ok"]]
    return {
        "requests": int(total["Request Count"]), "failures": int(total["Failure Count"]),
        "rps": float(total["Requests/s"]), "p50": float(total["50%"]), "p95": float(total["95%"]),
        "p99": float(total["99%"]), "failed": failed, "outcomes": outcomes, **marks,
    }


def line(name, r):
    return (f"  {name:<20} {r['rps']:7.1f} req/s  p50 {r['p50']:7.0f} ms  p95 {r['p95']:7.0f} ms  "
            f"p99 {r['p99']:7.0f} ms  {r['failures']} errors / {r['requests']}")


def main():
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    log = open(workdir / "server.log", "wb")
    print(f"\nload/fault benchmark: {USERS} users, {SECONDS} s a phase, gunicorn 3 workers on {URL} "
          f"(logs in {workdir})", flush=True)
    # Capacity without and with the server's cache, the same mix with no pause between requests: the
    # uncached server computes every answer (PUBLIC_CACHE_TIMEOUT=0), as for dates nobody asked for yet.
    server = start(log, PUBLIC_CACHE_TIMEOUT="0")
    try:
        uncached = run_locust("capacity-uncached", workdir, think=False)
        print(line("capacity, uncached", uncached), flush=True)
    finally:
        stop_server(server)
    server = start(log, wait=90)
    try:
        cached = run_locust("capacity-cached", workdir, think=False)
        print(line("capacity, cached", cached), flush=True)
        ratio = cached["rps"] / uncached["rps"] if uncached["rps"] else float("inf")
        ok = ratio >= 20 and not cached["failures"] and not uncached["failures"]
        print(f"  target: cached >= 20x uncached req/s, 0 errors: {ratio:.1f}x {'OK' if ok else 'MISSED'}")
        steady = run_locust("steady", workdir)
        print(line("steady (readers)", steady), flush=True)
        ok = steady["failures"] == 0 and steady["p99"] <= 1000
        print(f"  target: 0 errors, p99 <= 1000 ms at {USERS} users: {'OK' if ok else 'MISSED'}")

        if os.environ.get("DATABASE_URL"):
            print("  PostgreSQL restart: skipped (DATABASE_URL is not this checkout's cluster)")
        else:
            def restart(started):
                time.sleep(SECONDS / 3)
                down = time.time()
                subprocess.run(["bash", "scripts/pg.sh", "stop"], cwd=ROOT, check=True, capture_output=True)
                time.sleep(PG_DOWN)
                subprocess.run(["bash", "scripts/pg.sh", "start"], cwd=ROOT, check=True, capture_output=True,
                               env={**os.environ, "DB_NAME": os.environ.get("DB_NAME", "conflictmap")})
                return {"down": down, "up": time.time()}

            r = run_locust("pg-restart", workdir, restart)
            print(line("PostgreSQL restart", r))
            # A request in flight when it came back may still end in error: 1 s of grace.
            late = [f for f in r["failed"] if f["t"] > r["up"] + 1 or f["t"] < r["down"]]
            non_503 = [f for f in r["failed"] if f["status"] != 503 or not f["retry_after"]]
            statuses = sorted({f["status"] for f in r["failed"]})
            recovered = sum(1 for o in r["outcomes"] if o["ok"] and o["t"] > r["up"])
            print(f"    down {r['up'] - r['down']:.1f} s; errors {len(r['failed'])} (statuses {statuses}), "
                  f"outside the outage {len(late)}, not a 503 with Retry-After {len(non_503)}; "
                  f"{recovered} successful requests after it was back, server not restarted")
            ok = not late and not non_503 and recovered > 0
            print(f"  target: errors only while down, every one a 503, recovery without restart: {'OK' if ok else 'MISSED'}")

        def kill_worker(started):
            time.sleep(SECONDS / 3)
            victim = workers(server)[0]
            os.kill(victim, signal.SIGKILL)
            return {"killed": victim}

        r = run_locust("worker-kill", workdir, kill_worker)
        print(line("one worker killed", r))
        print(f"  target: at most one failed request: {len(r['failed'])} failed "
              f"(statuses {sorted({f['status'] for f in r['failed']})}): {'OK' if len(r['failed']) <= 1 else 'MISSED'}")
    finally:
        stop_server(server)
        log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
