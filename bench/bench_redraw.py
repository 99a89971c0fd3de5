"""Browser redraw benchmark: one slider step with 20,000 events in the window.

    python bench/bench_redraw.py [--steps N] [--events-per-day N] [--places N]

Runs the real map app (static/js/map/) in headless Chromium (Playwright, Debian's
chromium) on a page served from this checkout; the API's answers for a synthetic
conflict (seeded random, 4 months) are generated here and fulfilled through
Playwright's routing, so no database or network is involved. Every day is first
visited once (to load and cache the data, as a journalist scrubbing the slider
would), then each step is timed from the state change to the redrawn canvas
(including its rasterisation: the canvas is read back). Prints p50/p95 and the
ratio to the 16 ms budget (one frame at 60 Hz).
"""

import argparse
import datetime
import functools
import http.server
import json
import random
import statistics
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 16.0
START = datetime.date(2021, 1, 1)
END = datetime.date(2021, 4, 30)
WINDOW_DAYS = 30
SUB_TYPES = [
    ("Armed clash", "Battles"), ("Shelling/artillery/missile attack", "Explosions/Remote violence"),
    ("Air/drone strike", "Explosions/Remote violence"), ("Attack", "Violence against civilians"),
    ("Looting/property destruction", "Strategic developments"), ("Peaceful protest", "Protests"),
    ("Mob violence", "Riots"),
]
PARTIES = [
    {"slug": "red", "name": "Red forces", "short_name": "Red", "kind": "state_forces", "color": "#d55e00"},
    {"slug": "blue", "name": "Blue forces", "short_name": "Blue", "kind": "state_forces", "color": "#0072b2"},
    {"slug": "amber", "name": "Amber authority", "short_name": "Amber", "kind": "de_facto_authority", "color": "#e69f00"},
]
EXTENT = [30.0, 45.0, 40.0, 52.0]
VERIFICATION = ["claimed", "confirmed", "disputed", "denied", "unsourced"]


def config():
    return {
        "conflict": {"slug": "bench", "name": "Benchmark conflict", "description": "", "start_date": START.isoformat(),
                     "end_date": END.isoformat(), "extent": EXTENT, "parties": PARTIES},
        "api": {"places": "/api/places/", "events": "/api/events/", "eventsCompact": "/api/events/compact/",
                "controlChanges": "/api/control-changes/"},
        "basemapUrl": "/static/vendor/world-atlas/countries-110m.json",
        "tiles": {"url": "", "attribution": ""},
        "eventTypes": [{"value": t, "label": t, "subTypes": []} for t in dict.fromkeys(t for _, t in SUB_TYPES)],
        "verification": [{"value": v, "label": v} for v in VERIFICATION],
        "controlStatuses": [{"value": s, "label": s} for s in ("claimed", "confirmed", "disputed")],
        "windowDays": WINDOW_DAYS,
    }


class Synthetic:
    def __init__(self, events_per_day, n_places):
        rng = random.Random(20201003)
        self.events = {}
        next_id = 1
        day = START
        while day <= END:
            batch = []
            for _ in range(events_per_day):
                sub, parent = rng.choice(SUB_TYPES)
                lon = rng.uniform(EXTENT[0] + 1, EXTENT[2] - 1)
                lat = rng.uniform(EXTENT[1] + 0.5, EXTENT[3] - 0.5)
                perpetrator = rng.choice(PARTIES)
                batch.append({
                    "type": "Feature", "id": next_id, "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {"date": day.isoformat(), "time_precision": 1, "event_type": parent,
                                   "sub_event_type": sub, "geo_precision": 1, "place": None,
                                   "perpetrator": {k: perpetrator[k] for k in ("slug", "short_name", "color")},
                                   "target": None, "civilian_targeting": False,
                                   "description": f"Synthetic event {next_id}",
                                   "verification": rng.choice(VERIFICATION), "claims": []},
                })
                next_id += 1
            self.events[day] = batch
            day += datetime.timedelta(days=1)
        self.places = [(f"p{i}", rng.uniform(EXTENT[0] + 1, EXTENT[2] - 1), rng.uniform(EXTENT[1] + 0.5, EXTENT[3] - 0.5),
                        rng.randrange(len(PARTIES)), rng.randrange(120)) for i in range(n_places)]

    def events_between(self, start, end):
        features = []
        day = start
        while day <= end:
            features.extend(self.events.get(day, []))
            day += datetime.timedelta(days=1)
        return {"type": "FeatureCollection", "count": len(features), "next": None, "previous": None,
                "features": features}

    def compact_between(self, start, end):
        """The same events as /api/events/compact/ gives them: columns of arrays (geodata/api/compact.py)."""
        features = self.events_between(start, end)["features"]
        features.sort(key=lambda f: (f["properties"]["date"], f["id"]))
        columns = {name: [] for name in ("id", "lon", "lat", "date", "type", "sub_type", "perpetrator", "target",
                                         "status", "corrected_at", "label")}
        for f in features:
            p = f["properties"]
            lon, lat = f["geometry"]["coordinates"]
            for name, value in (("id", f["id"]), ("lon", round(lon, 5)), ("lat", round(lat, 5)), ("date", p["date"]),
                                ("type", p["event_type"]), ("sub_type", p["sub_event_type"]),
                                ("perpetrator", p["perpetrator"]["slug"]), ("target", None),
                                ("status", p["verification"]), ("corrected_at", None), ("label", None)):
                columns[name].append(value)
        return {"count": len(features), "columns": list(columns), **columns}

    def places_at(self, date):
        n = (date - START).days
        features = []
        for i, (slug, lon, lat, party, flip) in enumerate(self.places):
            # Each place changes hands once, on its own day: a few change per slider step.
            p = PARTIES[(party + (1 if n >= flip else 0)) % len(PARTIES)]
            features.append({
                "type": "Feature", "id": i + 1, "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {"slug": slug, "name": slug, "display_name": slug, "kind": "village", "alternate_names": [],
                               "control": {"party": p, "since": date.isoformat(), "date_precision": 1,
                                           "status": "confirmed" if n < flip else "claimed",
                                           "change_id": i * 2 + (1 if n >= flip else 0), "claims": []}},
            })
        return {"type": "FeatureCollection", "features": features}


def serve_checkout():
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(ROOT))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


PROFILE = None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--events-per-day", type=int, default=667)  # x 30 days = 20,010 in the window
    parser.add_argument("--places", type=int, default=5000)
    args = parser.parse_args()
    if not (ROOT / "static/vendor/leaflet/leaflet.esm.min.js").exists():
        print("static/vendor/ is missing: run `make setup` first.", file=sys.stderr)
        return 2

    data = Synthetic(args.events_per_day, args.places)
    server = serve_checkout()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    def api(route):
        url = urlsplit(route.request.url)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/bench-config.json":
            body = config()
        elif url.path == "/api/events/compact/":
            body = data.compact_between(datetime.date.fromisoformat(q["start"]), datetime.date.fromisoformat(q["end"]))
        elif url.path == "/api/events/":
            body = data.events_between(datetime.date.fromisoformat(q["start"]), datetime.date.fromisoformat(q["end"]))
        elif url.path == "/api/places/":
            body = data.places_at(datetime.date.fromisoformat(q["date"]))
        elif url.path == "/api/control-changes/":
            body = {"count": 0, "next": None, "previous": None, "results": []}
        else:
            return route.abort()
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    first = (START - datetime.date(1970, 1, 1)).days + WINDOW_DAYS + 10
    days = list(range(first, first + args.steps))
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync", "--disable-quic"])
        for label, timeline in (("map (places + events canvas)", "0"), ("map + timeline panel", "1")):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            errors = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.route(lambda url: not url.startswith(base) or "/api/" in url or url.endswith("/bench-config.json"), api)
            page.goto(f"{base}/bench/fixtures/redraw.html?timeline={timeline}")
            page.wait_for_function("() => window.conflictmapBench && document.querySelector('#map[data-rendered-date]')",
                                   timeout=120000)
            # Warm-up: visit every day once so its data is loaded and cached, ending on the day before the
            # first measured one, so the first measured step is one day forward like the others (it used
            # to be the jump back from the last warm-up day to the first).
            warmup = [*days, days[0] - 1]
            page.evaluate("async (days) => { for (const d of days) await window.conflictmapBench.step(d); }", warmup)
            timings = page.evaluate(
                "async (days) => { const out = []; for (const d of days) out.push(await window.conflictmapBench.step(d)); return out; }",
                days)
            if PROFILE:
                print(page.evaluate(PROFILE, days))
            if errors:
                print("page errors:", errors, file=sys.stderr)
                return 1
            results[label] = timings
            page.close()
        browser.close()
    server.shutdown()

    print(f"One slider step (next day), {args.steps} steps, {args.places} places, "
          f"window {WINDOW_DAYS} days, headless Chromium (software rendering)")
    for label, timings in results.items():
        ms = [t["ms"] for t in timings]
        events = min(t["events"] for t in timings)
        p50, p95 = statistics.median(ms), percentile(ms, 95)
        print(f"    {label:34s} events in window >= {events:6d}   p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
    map_ms = [t["ms"] for t in results["map (places + events canvas)"]]
    p95 = percentile(map_ms, 95)
    verdict = "ok" if p95 <= BUDGET_MS else "MISSED"
    print(f"    map redraw p95 / {BUDGET_MS:.0f} ms budget     {p95 / BUDGET_MS:8.2f}x   target <= 1x   {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
