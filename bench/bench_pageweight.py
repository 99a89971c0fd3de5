"""Page weight of the map page (issue 11, item 7), measured through the production server.

    python bench/bench_pageweight.py        (run by `make bench` through bench/run.py)

Starts `scripts/serve.sh` (gunicorn, DEBUG=0, collectstatic's hashed and compressed files through
WhiteNoise: what `make serve` runs) on a free loopback port against the development database
(PAGEWEIGHT_DB, default `conflictmap`, where the set-up loads the demo war), opens the map page of the demo
conflict in Debian's Chromium with an empty cache (every other host blocked, tiles off), and adds up what
travelled: each response's headers and its body as sent (gzip where the server compressed it), as Chromium
reports them (Playwright's Request.sizes()). Budgets: the first load <= 350 KB transferred, JS + CSS <= 120 KB
compressed. Then the same page in each interface language (`?lang=`), where fonts for other scripts may load.
Prints the budget lines first, then the ten largest responses.
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
SLUG = "nagorno-karabakh-2020"
TOTAL_BUDGET = 350 * 1024
JS_CSS_BUDGET = 120 * 1024
LANGUAGES = ["en", "hy", "az", "ru"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port, log):
    env = {**os.environ, "PORT": str(port), "WEB_CONCURRENCY": "2", "SERVE_TASK_WORKER": "0",
           "DB_NAME": os.environ.get("PAGEWEIGHT_DB", "conflictmap"), "MAP_TILE_URL": ""}
    env.pop("SECRET_KEY", None)
    server = subprocess.Popen(["bash", "scripts/serve.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                              start_new_session=True)
    deadline = time.monotonic() + 600  # includes a first collectstatic
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
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def kind(url, content_type):
    if content_type.startswith(("application/javascript", "text/javascript", "text/css")) or url.endswith((".js", ".css")):
        return "js+css"
    if content_type.startswith(("font/", "application/font")) or url.endswith((".woff2", ".woff")):
        return "font"
    if content_type.startswith("text/html"):
        return "html"
    return "data"


def load(browser, origin, url):
    """[(kind, path, transferred bytes, encoding)] of one first load with an empty cache."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort())
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url)
    page.wait_for_selector("#map[data-rendered-date]:not([aria-busy])", timeout=30000)
    page.wait_for_load_state("networkidle")
    rows = []
    for response in responses:
        sizes = response.request.sizes()
        sent = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        rows.append((kind(response.url, response.headers.get("content-type", "")), response.url[len(origin):], sent,
                     response.headers.get("content-encoding", "-")))
    context.close()
    return rows


def report(language, rows):
    total = sum(r[2] for r in rows)
    js_css = sum(r[2] for r in rows if r[0] == "js+css")
    fonts = sum(r[2] for r in rows if r[0] == "font")
    verdict = "ok" if total <= TOTAL_BUDGET and js_css <= JS_CSS_BUDGET else "OVER BUDGET"
    print(f"  lang={language}: {total / 1024:.1f} KB in {len(rows)} responses (target <= {TOTAL_BUDGET // 1024} KB); "
          f"JS+CSS {js_css / 1024:.1f} KB (target <= {JS_CSS_BUDGET // 1024} KB); fonts {fonts / 1024:.1f} KB: "
          f"{verdict}")
    return total, js_css


def main():
    from playwright.sync_api import sync_playwright

    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    (ROOT / "var" / "log").mkdir(parents=True, exist_ok=True)
    print(f"\nmap page weight, first load with an empty cache, through scripts/serve.sh (gunicorn) on {origin}:")
    with open(ROOT / "var" / "log" / "bench_pageweight.log", "w") as log:
        server = start_server(port, log)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                results = {}
                for language in LANGUAGES:
                    query = "" if language == "en" else f"?lang={language}"
                    results[language] = load(browser, origin, f"{origin}/conflicts/{SLUG}/{query}")
                browser.close()
        finally:
            stop_server(server)
    for language, rows in results.items():
        report(language, rows)
    print("  largest responses (lang=en): " + "; ".join(
        f"{path.split('?')[0][-48:]} {sent / 1024:.1f} KB {encoding}"
        for _kind, path, sent, encoding in sorted(results["en"], key=lambda r: -r[2])[:10]))


if __name__ == "__main__":
    main()
