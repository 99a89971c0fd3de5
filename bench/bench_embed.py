"""Embed budget: bytes the embed of the demo conflict transfers (gzipped), and Lighthouse.

    python bench/bench_embed.py        (run by `make bench` through bench/run.py)

Starts `scripts/serve.sh` (gunicorn, DEBUG off, collectstatic's minified and compressed files: what
readers get) on a free port against the development database
(DB_NAME=conflictmap, where `make setup` loads the demo conflict), loads
/embed/nagorno-karabakh-2020/ in Debian's Chromium (every other host blocked,
tiles off), records every response, and counts each body as it would travel
gzip-compressed (gzip -6, what whitenoise's compressed files and a proxy send).
Budgets (issue 4): JS + CSS <= 100 KB gzipped, initial data <= 250 KB gzipped.

Then runs Lighthouse 12.2.3 (an npm devDependency, `npx --no-install lighthouse`,
performance category only, Debian Chromium headless, every network feature off) on
the same embed and prints its performance score with the metrics behind it; if it
cannot run, prints why. The server is the production one (as `make serve`), behind no CDN.

First, on the synthetic benchmark conflict (bench/generate.py: 5,000 places,
100,000 events; `make bench` puts it in BENCH_DB), the server side of the embed
in-process (django.test.Client, full middleware stack, DEBUG off): bytes of the
HTML and server time per request with the server cache off (every request
renders), one new date each, against the targets of issue 13 (<= 60 KB, <= 150
ms p50), then the same with the cache warm and a conditional request (304).
"""

import datetime
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: bench.generate, bench.servers, conflictmap

from bench import servers  # noqa: E402
from bench.servers import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

HTML_BUDGET = 60 * 1024
SERVER_MS_BUDGET = 150
SERVER_ROUNDS = 15
SLUG = "nagorno-karabakh-2020"
JS_CSS_BUDGET = 100 * 1024
DATA_BUDGET = 250 * 1024


def start_server(port):
    """scripts/serve.sh (gunicorn, collectstatic's minified, hashed and compressed files): what readers get."""
    env = {"DB_NAME": os.environ.get("EMBED_BENCH_DB", "conflictmap"), "MAP_TILE_URL": "", "WEB_CONCURRENCY": "2",
           "SERVE_TASK_WORKER": "0"}
    (ROOT / "var" / "log").mkdir(parents=True, exist_ok=True)
    log = open(ROOT / "var" / "log" / "bench_embed.log", "w")
    return servers.start_server(port, log, env), f"http://127.0.0.1:{port}/embed/{SLUG}/"


def kind(url, content_type):
    if content_type.startswith(("application/javascript", "text/javascript", "text/css")) or url.endswith((".js", ".css")):
        return "js+css"
    if "/embed/" in url and content_type.startswith("text/html"):
        return "html"
    return "data"


def measure(url):
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 700, "height": 900})
        origin = url.split("/embed/")[0]
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort())

        def on_response(response):
            try:
                body = response.body()
            except Exception:  # redirects and aborted requests have none
                return
            content_type = response.headers.get("content-type", "")
            rows.append((kind(response.url, content_type), response.url[len(origin):], len(body),
                         len(gzip.compress(body, 6))))

        page.on("response", on_response)
        page.goto(url)
        page.wait_for_selector("#embed-map[data-rendered-date]:not([aria-busy])", timeout=20000)
        page.wait_for_load_state("networkidle")
        browser.close()
    return rows


def lighthouse(url):
    npx = shutil.which("npx")
    if not npx:
        return "not run: npx is not installed"
    probe = subprocess.run([npx, "--no-install", "lighthouse", "--version"], cwd=ROOT, capture_output=True,
                           text=True, timeout=120)
    if probe.returncode != 0 or not probe.stdout.strip().startswith("12."):
        return ("not run: lighthouse 12.2.3 is not installed in node_modules (`npx --no-install lighthouse "
                f"--version` said {(probe.stdout or probe.stderr).strip()[-200:]!r}); it is a devDependency in "
                "package.json: run `make setup` (npm ci)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        result = subprocess.run(
            [npx, "--no-install", "lighthouse", url, "--only-categories=performance", "--output=json",
             f"--output-path={out}", "--quiet", "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS),
             "--max-wait-for-load=30000"],
            cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "CHROME_PATH": CHROMIUM},
        )
        if result.returncode != 0 or not out.exists():
            return f"not run: lighthouse failed: {(result.stderr or result.stdout).strip()[-400:]}"
        report = json.loads(out.read_text())
        score = report["categories"]["performance"]["score"]
        if score is None:
            return "no score (Lighthouse returned null)"
        audits = report["audits"]
        metrics = ", ".join(
            f"{label} {audits[key]['displayValue']}" for key, label in (
                ("first-contentful-paint", "FCP"), ("largest-contentful-paint", "LCP"),
                ("total-blocking-time", "TBT"), ("cumulative-layout-shift", "CLS"), ("speed-index", "SI"))
            if key in audits and audits[key].get("displayValue")
        )
        return f"{round(score * 100)} / 100 (lighthouse {report.get('lighthouseVersion')}, {metrics})"


def _backend_pid(connection):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _cpu_ms(pid):
    """CPU time (user + system) of a local process so far, from /proc; None if it is not readable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def server_side():
    """(ok, lines): the embed of the synthetic conflict rendered in-process, against its budgets."""
    from bench.generate import SLUG, is_current, setup_django

    setup_django()
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    if settings.DEBUG:
        return True, ["  server side: not run (DEBUG is on; `make bench` runs with DEBUG=0)"]
    if not is_current():
        return True, [f"  server side: not run (no benchmark data in {settings.DATABASES['default']['NAME']}; "
                      "`make bench` generates it)"]
    from django.db import connection

    client = Client(HTTP_HOST="localhost", HTTP_ACCEPT_ENCODING="gzip")
    dates = [datetime.date(2023, 1, 1) + datetime.timedelta(days=9 * i) for i in range(SERVER_ROUNDS + 2)]
    times, sizes, gzipped = [], [], []
    app_cpu = db_cpu = 0.0
    with override_settings(PUBLIC_CACHE_TIMEOUT=0):  # every request renders
        for i, day in enumerate(dates):
            if i == 2:
                backend = _backend_pid(connection)
                cpu_started, db_started = time.process_time(), _cpu_ms(backend)
            started = time.perf_counter()
            response = client.get(f"/embed/{SLUG}/?date={day}")
            elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, response.status_code
            if i >= 2:  # the first two warm the connection and the template loader
                times.append(elapsed)
                gzipped.append(len(response.content))
                sizes.append(len(gzip.decompress(response.content)))
        app_cpu = (time.process_time() - cpu_started) * 1000 / len(times)
        db_after = _cpu_ms(backend)
        db_cpu = None if db_after is None or db_started is None else (db_after - db_started) / len(times)
    url = f"/embed/{SLUG}/?date={dates[0]}"
    client.get(url)
    hit_times, not_modified_times = [], []
    for _ in range(SERVER_ROUNDS):
        started = time.perf_counter()
        response = client.get(url)
        hit_times.append((time.perf_counter() - started) * 1000)
        assert response["X-Public-Cache"] == "hit"
        started = time.perf_counter()
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
        not_modified_times.append((time.perf_counter() - started) * 1000)
    size, p50 = max(sizes), statistics.median(times)
    ok = size <= HTML_BUDGET and p50 <= SERVER_MS_BUDGET
    return ok, [
        f"\nembed of {SLUG} (5,000 places, 100,000 events), server side, {len(times)} dates, in-process:",
        f"  html     {size / 1024:7.1f} KB  (largest; gzipped {max(gzipped) / 1024:.1f} KB)  budget 60 KB  "
        f"ratio {size / HTML_BUDGET:.2f}  {'OK' if size <= HTML_BUDGET else 'MISSED'}",
        f"  uncached p50 {p50:6.1f} ms  (max {max(times):.1f} ms)  budget 150 ms  ratio {p50 / SERVER_MS_BUDGET:.2f}  "
        f"{'OK' if p50 <= SERVER_MS_BUDGET else 'MISSED'}",
        f"  uncached CPU time per request: app {app_cpu:.1f} ms + database "
        + (f"{db_cpu:.1f} ms" if db_cpu is not None else "(not measured: database not local)")
        + " (what the server time would be on an idle machine)",
        f"  cached   p50 {statistics.median(hit_times):6.1f} ms   304 p50 {statistics.median(not_modified_times):6.1f} ms",
        # Server time is wall-clock time: on a shared machine it grows with the others' load.
        f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs during the run",
    ]


def main():
    server_ok, lines = server_side()
    print("\n".join(lines), flush=True)
    port = free_port()
    server, url = start_server(port)
    try:
        rows = measure(url + "?date=2020-10-03")
        totals = {}
        print(f"\nembed ({url}?date=2020-10-03): transferred bytes, gzipped")
        for group, path, raw, gz in sorted(rows):
            totals[group] = totals.get(group, 0) + gz
            print(f"  {group:7} {gz / 1024:7.1f} KB  (raw {raw / 1024:7.1f} KB)  {path[:90]}")
        js_css, data = totals.get("js+css", 0), totals.get("data", 0)
        print(f"  html     {totals.get('html', 0) / 1024:7.1f} KB")
        print(f"  js+css   {js_css / 1024:7.1f} KB  budget 100 KB  ratio {js_css / JS_CSS_BUDGET:.2f}  "
              f"{'OK' if js_css <= JS_CSS_BUDGET else 'MISSED'}")
        print(f"  data     {data / 1024:7.1f} KB  budget 250 KB  ratio {data / DATA_BUDGET:.2f}  "
              f"{'OK' if data <= DATA_BUDGET else 'MISSED'}")
        print(f"  lighthouse performance: {lighthouse(url + '?date=2020-10-03')}")
        return 0 if server_ok and js_css <= JS_CSS_BUDGET and data <= DATA_BUDGET else 1
    finally:
        servers.stop_server(server)


if __name__ == "__main__":
    sys.exit(main())
