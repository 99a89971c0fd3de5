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
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: bench.servers

from bench.servers import CHROMIUM, CHROMIUM_ARGS, free_port, start_server, stop_server  # noqa: E402

SLUG = "nagorno-karabakh-2020"
TOTAL_BUDGET = 350 * 1024
JS_CSS_BUDGET = 120 * 1024
LANGUAGES = ["en", "hy", "az", "ru"]
# The development database, where the set-up loads the demo war; no tiles (offline basemap only).
SERVER_ENV = {"WEB_CONCURRENCY": "2", "SERVE_TASK_WORKER": "0",
              "DB_NAME": os.environ.get("PAGEWEIGHT_DB", "conflictmap"), "MAP_TILE_URL": ""}


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
        server = start_server(port, log, SERVER_ENV)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
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
