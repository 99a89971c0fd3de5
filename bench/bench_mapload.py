"""The map as a journalist uses it, in Chromium through gunicorn: first load, new-day steps, play, heap.

    python bench/bench_mapload.py [--steps N] [--play-days N] [--loads N]
        (run by `make bench` on the 100k data and by `make bench SCALE=1m` on the 1M copy)

Starts `scripts/serve.sh` (gunicorn, DEBUG=0, hashed and compressed static files through WhiteNoise) on a
free loopback port against the benchmark database (DB_NAME), with the server's cache off
(PUBLIC_CACHE_TIMEOUT=0: every answer is computed, as for a day nobody has asked for yet), and opens the
synthetic conflict's map page in Debian's Chromium, every other host blocked (no tiles). Measured:

- first load with an empty cache, 7-day window, at the conflict's last day: time from navigation to the map
  drawn (the map's `data-rendered-date` set and `aria-busy` gone, then one frame), bytes transferred (headers
  and bodies as sent, Playwright's Request.sizes()), API requests; `--loads` fresh contexts, median;
- new-day steps: the "next day" button pressed `--steps` times from a day 60 days before the end (each day
  new to the page), the time from the click to that day drawn, p50/p95, including the network; first
  `--warm-steps` steps of another page on earlier days, so the server's connections are open and its
  statements prepared, as on a server in use (answers are not cached: those days are never measured);
- play at 8 days/s for `--play-days` days from a fresh page: the days drawn of the days played, the rate
  reached (the slider waits for a day to be drawn, so a slow server slows the play), bytes moved, and the JS
  heap afterwards (CDP Runtime.getHeapUsage, after a forced garbage collection and before it).

Targets (issue 12, at 1M events): first load <= 2 s and <= 2 MB, new-day step <= 100 ms p95, every day drawn
at 8 days/s, heap <= 150 MB.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: bench.servers

from bench.generate import SLUG, generated_conflict, setup_django  # noqa: E402
from bench.servers import CHROMIUM, CHROMIUM_ARGS, free_port, start_server, stop_server  # noqa: E402

TARGET_LOAD_MS, TARGET_LOAD_BYTES, TARGET_STEP_P95_MS, TARGET_HEAP_MB = 2000, 2_000_000, 100, 150
PLAY_SPEED = 8
WINDOW_DAYS = 7
# Records, in the page, when the map finished drawing a date (one frame after its redraw, so layout and
# paint are inside) and when the user clicked: both on performance.now()'s clock.
PAGE_PROBE = """
window.__bench = {drawn: [], clicks: []};
document.addEventListener('click', (e) => window.__bench.clicks.push(e.timeStamp), true);
new MutationObserver(() => {
  const map = document.getElementById('map');
  if (!map || !map.dataset.renderedDate || map.hasAttribute('aria-busy')) return;
  const date = map.dataset.renderedDate;
  const drawn = window.__bench.drawn;
  if (drawn.length && drawn[drawn.length - 1].date === date) return;
  drawn.push({date, t: null});
  const entry = drawn[drawn.length - 1];
  requestAnimationFrame(() => { entry.t = performance.now(); });
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-rendered-date', 'aria-busy']});
"""
DRAWN = "(date) => window.__bench.drawn.some((d) => d.date === date && d.t !== null)"


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def verdict(ok):
    return "OK" if ok else "MISSED"


class Traffic:
    """Bytes and API requests of a page's responses, as Chromium reports them."""

    def __init__(self, page):
        self.responses = []
        page.on("requestfinished", lambda request: self.responses.append(request))

    def mark(self):
        return len(self.responses)

    def since(self, mark=0):
        requests = self.responses[mark:]
        total = 0
        for request in requests:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        return total, sum(1 for r in requests if "/api/" in r.url)


def new_page(browser, origin):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort())
    context.add_init_script(PAGE_PROBE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, Traffic(page), errors


def first_load(browser, url, origin):
    context, page, traffic, errors = new_page(browser, origin)
    page.goto(url)
    page.wait_for_function("() => window.__bench.drawn.some((d) => d.t !== null)", timeout=120000)
    ms = page.evaluate("() => window.__bench.drawn.find((d) => d.t !== null).t")
    page.wait_for_load_state("networkidle")
    sent, api = traffic.since()
    context.close()
    if errors:
        sys.exit(f"page errors: {errors}")
    return ms, sent, api


def steps(browser, url, origin, start, count):
    context, page, traffic, errors = new_page(browser, origin)
    page.goto(url)
    page.wait_for_function(DRAWN, arg=start.isoformat(), timeout=120000)
    page.wait_for_load_state("networkidle")
    mark = traffic.mark()
    times = []
    button = page.locator(".cm-slider .cm-step").nth(1)  # next day
    for n in range(1, count + 1):
        day = (start + datetime.timedelta(days=n)).isoformat()
        clicks = page.evaluate("() => window.__bench.clicks.length")
        button.click()
        page.wait_for_function(DRAWN, arg=day, timeout=60000)
        times.append(page.evaluate(
            "([day, n]) => window.__bench.drawn.find((d) => d.date === day).t - window.__bench.clicks[n]",
            [day, clicks]))
    sent, api = traffic.since(mark)
    # Where a step's time goes: each API path's time in the browser (request to last byte), median.
    durations = page.evaluate(
        "(since) => performance.getEntriesByType('resource').filter((r) => r.startTime >= since"
        " && r.name.includes('/api/')).map((r) => [new URL(r.name).pathname, r.duration])",
        page.evaluate("() => window.__bench.clicks[0]"))
    by_path = {}
    for path, ms in durations:
        by_path.setdefault(path, []).append(ms)
    context.close()
    if errors:
        sys.exit(f"page errors: {errors}")
    return times, sent, api, {path: (len(v), statistics.median(v)) for path, v in by_path.items()}


def play(browser, url, origin, start, days):
    context, page, traffic, errors = new_page(browser, origin)
    cdp = context.new_cdp_session(page)
    page.goto(url)
    page.wait_for_function(DRAWN, arg=start.isoformat(), timeout=120000)
    page.wait_for_load_state("networkidle")
    mark = traffic.mark()
    last = (start + datetime.timedelta(days=days)).isoformat()
    page.locator(".cm-slider .cm-speed").select_option(str(PLAY_SPEED))
    started = time.perf_counter()
    page.locator(".cm-slider .cm-play").click()
    # Stopped when the slider shows the last day played (it waits for each day drawn: at most 1 s a day here).
    page.wait_for_function("(last) => document.querySelector('.cm-slider .cm-date').value >= last", arg=last,
                           timeout=days * 1000)
    seconds = time.perf_counter() - started
    page.locator(".cm-slider .cm-play").click()
    page.wait_for_selector("#map:not([aria-busy])", timeout=60000)
    page.wait_for_load_state("networkidle")
    played = {(start + datetime.timedelta(days=n)).isoformat() for n in range(1, days + 1)}
    drawn = set(page.evaluate("() => window.__bench.drawn.map((d) => d.date)")) & played
    stopped_at = page.evaluate("() => document.querySelector('.cm-slider .cm-date').value")
    heap_before_gc = cdp.send("Runtime.getHeapUsage")["usedSize"]
    cdp.send("HeapProfiler.collectGarbage")
    heap = cdp.send("Runtime.getHeapUsage")["usedSize"]
    sent, api = traffic.since(mark)
    context.close()
    if errors:
        sys.exit(f"page errors: {errors}")
    return {"played": len(played), "drawn": len(drawn), "stopped_at": stopped_at, "bytes": sent, "api": api,
            "rate": days / seconds,
            "heap": heap, "heap_before_gc": heap_before_gc}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=3, help="first loads, each in a fresh browser context")
    parser.add_argument("--steps", type=int, default=20, help="new-day steps")
    parser.add_argument("--play-days", type=int, default=30, help="days played at 8 days/s")
    parser.add_argument("--warm-steps", type=int, default=16,
                        help="steps of another page on other days before the measured ones (0: a cold server)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    setup_django()
    from django.conf import settings

    from geodata.models import Event

    conflict = generated_conflict()
    if conflict is None:
        return 0
    events = Event.objects.published().filter(conflict=conflict).count()
    database = settings.DATABASES["default"].get("NAME")
    end = conflict.end_date
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    page_url = f"{origin}/conflicts/{SLUG}/"
    step_start = end - datetime.timedelta(days=60)
    play_start = end - datetime.timedelta(days=args.play_days + 10)
    (ROOT / "var" / "log").mkdir(parents=True, exist_ok=True)
    print(f"\nthe map in Chromium through scripts/serve.sh (gunicorn, 2 workers, server cache off) on {origin}, "
          f"database {database}: {events:,} published events; load average {os.getloadavg()[0]:.1f}")
    server_env = {"WEB_CONCURRENCY": "2", "SERVE_TASK_WORKER": "0", "MAP_TILE_URL": "", "PUBLIC_CACHE_TIMEOUT": "0",
                  "DB_NAME": database}
    with open(ROOT / "var" / "log" / "bench_mapload.log", "w") as log:
        server = start_server(port, log, server_env)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                loads = [first_load(browser, f"{page_url}?window={WINDOW_DAYS}", origin) for _ in range(args.loads)]
                if args.warm_steps:
                    # A server in use: its workers' database connections open and the step's statements
                    # prepared (geodata/api/statements.py), as after its first minutes of traffic. Other
                    # days, and the cache is off: no answer of the measured steps is computed beforehand.
                    warm_start = step_start - datetime.timedelta(days=args.warm_steps + 30)
                    steps(browser, f"{page_url}?date={warm_start.isoformat()}&window={WINDOW_DAYS}", origin, warm_start,
                          args.warm_steps)
                step_times, step_bytes, step_api, step_paths = steps(
                    browser, f"{page_url}?date={step_start.isoformat()}&window={WINDOW_DAYS}", origin, step_start,
                    args.steps)
                played = play(browser, f"{page_url}?date={play_start.isoformat()}&window={WINDOW_DAYS}", origin,
                              play_start, args.play_days)
                browser.close()
        finally:
            stop_server(server)

    load_ms = statistics.median(ms for ms, _, _ in loads)
    load_bytes = statistics.median(sent for _, sent, _ in loads)
    print(f"  first load, {WINDOW_DAYS}-day window at {end}: median {load_ms:,.0f} ms "
          f"(each: {', '.join(f'{ms:,.0f}' for ms, _, _ in loads)}), {load_bytes / 1e6:.2f} MB, "
          f"{loads[0][2]} API requests; target <= {TARGET_LOAD_MS:,} ms {verdict(load_ms <= TARGET_LOAD_MS)}, "
          f"<= {TARGET_LOAD_BYTES / 1e6:.0f} MB {verdict(load_bytes <= TARGET_LOAD_BYTES)}")
    p50, p95 = statistics.median(step_times), percentile(step_times, 95)
    server = f"after {args.warm_steps} steps of another page" if args.warm_steps else "cold server"
    print(f"  new-day step ({args.steps} steps from {step_start}, {server}): p50 {p50:,.0f} ms, p95 {p95:,.0f} ms, max "
          f"{max(step_times):,.0f} ms; {step_bytes / 1e6:.2f} MB in {step_api} API requests in all; "
          f"target p95 <= {TARGET_STEP_P95_MS} ms {verdict(p95 <= TARGET_STEP_P95_MS)}")
    print("    its API requests (count, median time in the browser): " + "; ".join(
        f"{path} {n} x {ms:,.0f} ms" for path, (n, ms) in sorted(step_paths.items())))
    heap_mb, heap_before_mb = played["heap"] / 1e6, played["heap_before_gc"] / 1e6
    print(f"  play at {PLAY_SPEED} days/s from {play_start}: {played['drawn']} of {played['played']} days drawn "
          f"(stopped at {played['stopped_at']}) at {played['rate']:.1f} days/s, {played['bytes'] / 1e6:.2f} MB in "
          f"{played['api']} API requests; "
          f"target every day at {PLAY_SPEED} days/s "
          f"{verdict(played['drawn'] == played['played'] and played['rate'] >= 0.95 * PLAY_SPEED)}")
    print(f"  JS heap after the play: {heap_mb:.1f} MB after a forced GC ({heap_before_mb:.1f} MB before it); "
          f"target <= {TARGET_HEAP_MB} MB {verdict(heap_mb <= TARGET_HEAP_MB)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
