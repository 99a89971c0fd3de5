"""Browser redraw benchmark: one slider step with 20,000 events in the window, without and with territory.

    python bench/bench_redraw.py [--steps N] [--events-per-day N] [--places N] [--runs N]

Runs the real map app (static/js/map/) in headless Chromium (Playwright, Debian's
chromium) on a page served from this checkout; the API's answers for a synthetic
conflict (seeded random, 4 months) are generated here and fulfilled through
Playwright's routing, so no database or network is involved. Every day is first
visited once (to load and cache the data, as a journalist scrubbing the slider
would), then each step is timed from the state change to the redrawn canvas
(including its rasterisation: the canvas is read back). Prints p50/p95 and the
ratio to the 16 ms budget (one frame at 60 Hz).

With the territory layer on (issue 9 item 8, same budget), /api/territory/ is answered too: two parties'
held areas on either side of a wiggly front of FRONT_VERTICES vertices that moves every day (so every step
brings new versions, the layer's worst case), a claimed advance, a contested strip, STATIC_SERIES areas
that never change, and the front line. The step then also forces the territory pane's style and layout
(getBoundingClientRect), so its SVG work is inside the time (its paint, as the places', is not).
The variants run interleaved, `--runs` times each; the figures are medians over the runs.
"""

import argparse
import datetime
import functools
import http.server
import json
import math
import random
import statistics
import sys
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: bench.servers

from bench.servers import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

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


FRONT_VERTICES = 500  # per front edge, as /api/territory/ sends it simplified for zoom 6 (~2,000 at full resolution)
STATIC_SERIES = 10


def config(territory=False):
    api = {"places": "/api/places/", "events": "/api/events/", "eventsCompact": "/api/events/compact/",
           "controlChanges": "/api/control-changes/"}
    if territory:
        api["territory"] = "/api/territory/"
    return {
        "conflict": {"slug": "bench", "name": "Benchmark conflict", "description": "", "start_date": START.isoformat(),
                     "end_date": END.isoformat(), "extent": EXTENT, "parties": PARTIES},
        "api": api,
        "basemapUrl": "/static/vendor/world-atlas/countries-110m.json",
        "tiles": {"url": "", "attribution": ""},
        "eventTypes": [{"value": t, "label": t, "subTypes": []} for t in dict.fromkeys(t for _, t in SUB_TYPES)],
        "verification": [{"value": v, "label": v} for v in VERIFICATION],
        "controlStatuses": [{"value": s, "label": s} for s in ("claimed", "confirmed", "disputed")],
        "zoom": {"min": 2, "max": 18},  # as geodata/mapconfig.py gives the map page
        "languages": ["en"],
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


def _party(p):
    return {k: p[k] for k in ("slug", "short_name", "name", "color")}


def _ring(points):
    return [[round(x, 5), round(y, 5)] for x, y in [*points, points[0]]]


def _version(fid, series, kind, party, valid_from, ring):
    return {"type": "Feature", "id": fid, "geometry": {"type": "MultiPolygon", "coordinates": [[ring]]},
            "properties": {"series": series, "series_name": series, "kind": kind, "party": party and _party(party),
                           "valid_from": valid_from, "valid_until": None, "date_precision": 1, "status": "claimed",
                           "claims": [], "area_km2": 1000.0,
                           "change": {"previous_valid_from": None, "gained_km2": 0, "lost_km2": 0},
                           "geometry_note": ""}}


class SyntheticTerritory:
    """Two held areas meeting along a front that moves east every day, plus areas that never change."""

    west, east, south, north = 31.0, 39.0, 46.0, 51.0

    def front(self, n):
        lats = [self.south + (self.north - self.south) * i / (FRONT_VERTICES - 1) for i in range(FRONT_VERTICES)]
        base = 34.0 + 0.02 * n
        return [(base + 0.3 * math.sin(lat * 7.0 + n * 0.1) + 0.05 * math.sin(lat * 53.0), lat) for lat in lats]

    def at(self, date):
        n = (date - START).days
        front = self.front(n)
        day = date.isoformat()
        red, blue = PARTIES[0], PARTIES[1]
        features = [
            _version(1_000_000 + 2 * n, "red-held", "held", red, day,
                     _ring([(self.west, self.south), *front, (self.west, self.north)][::-1])),
            _version(1_000_001 + 2 * n, "blue-held", "held", blue, day,
                     _ring([(self.east, self.south), (self.east, self.north), *front[::-1]][::-1])),
            _version(10, "red-claim", "claimed_advance", red, START.isoformat(),
                     _ring([(36.5, 48.0), (37.5, 48.0), (37.5, 49.0), (36.5, 49.0)])),
            _version(11, "grey", "contested", None, START.isoformat(),
                     _ring([(38.0, 46.5), (38.6, 46.5), (38.6, 50.5), (38.0, 50.5)])),
        ]
        for i in range(STATIC_SERIES):  # small static areas, 64 vertices each
            cx, cy = 31.5 + 0.7 * i, 51.5
            circle = [(cx + 0.25 * math.cos(a * math.pi / 32), cy + 0.2 * math.sin(a * math.pi / 32)) for a in range(64)]
            features.append(_version(100 + i, f"static-{i}", "held", PARTIES[i % 3], START.isoformat(), _ring(circle)))
        features.append({"type": "Feature", "id": "front-1-2",
                         "geometry": {"type": "MultiLineString", "coordinates": [[[round(x, 5), round(y, 5)] for x, y in front]]},
                         "properties": {"kind": "front_line", "parties": [_party(red), _party(blue)], "length_km": 560.0}})
        return {"type": "FeatureCollection", "date": day, "simplify": 0.0219726562, "features": features}


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


def open_bench_page(browser, base, query, api):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.route(lambda url: not url.startswith(base) or "/api/" in url or "/bench-config.json" in url, api)
    page.goto(f"{base}/bench/fixtures/redraw.html?{query}")
    page.wait_for_function(
        "() => window.conflictmapBench && document.querySelector('#map[data-rendered-date]')", timeout=120000)
    return page


def fresh_snapshot(browser, base, query, api, day):
    """What a new page shows for `day`, reached in one jump from the page's first day (drawn whole)."""
    page = open_bench_page(browser, base, query, api)
    page.evaluate("(day) => window.conflictmapBench.step(day)", day)
    snapshot = page.evaluate("() => window.conflictmapBench.snapshot()")
    page.close()
    return snapshot


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # 30 days and their answers fit the map's cache (ApiClient.js CACHE_LIMIT): the measured steps redraw
    # from memory; more steps than fit and each one fetches again (counted and printed below).
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--events-per-day", type=int, default=667)  # x 30 days = 20,010 in the window
    parser.add_argument("--places", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3, help="interleaved runs of each variant (medians reported)")
    args = parser.parse_args()
    if not (ROOT / "static/vendor/leaflet/leaflet.esm.min.js").exists():
        print("static/vendor/ is missing: run `make setup` first.", file=sys.stderr)
        return 2

    data = Synthetic(args.events_per_day, args.places)
    territory = SyntheticTerritory()
    server = serve_checkout()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    answered = [0]  # API requests answered: none is expected during the measured steps

    def api(route):
        answered[0] += 1
        url = urlsplit(route.request.url)
        q = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/bench-config.json":
            body = config(territory=q.get("territory") == "1")
        elif url.path == "/api/territory/":
            body = territory.at(datetime.date.fromisoformat(q["date"]))
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
    results, fetched, same = {}, {}, {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        variants = (("map (places + events canvas)", "timeline=0"), ("map + territory layer", "timeline=0&territory=1"),
                    ("map + timeline panel", "timeline=1"))
        for _run in range(args.runs):
            for label, query in variants:  # interleaved: a neighbour's load falls on every variant alike
                page = open_bench_page(browser, base, query, api)
                errors = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                # Warm-up: visit every day once so its data is loaded and cached.
                page.evaluate("async (days) => { for (const d of days) await window.conflictmapBench.step(d); }", days)
                before = answered[0]
                timings = page.evaluate(
                    "async (days) => { const out = []; for (const d of days) out.push(await window.conflictmapBench.step(d)); return out; }",
                    days)
                if PROFILE:
                    print(page.evaluate(PROFILE, days))
                if errors:
                    print("page errors:", errors, file=sys.stderr)
                    return 1
                results.setdefault(label, []).append(timings)
                fetched.setdefault(label, []).append(answered[0] - before)
                if _run == 0:
                    same[label] = page.evaluate("() => window.conflictmapBench.snapshot()") == fresh_snapshot(
                        browser, base, query, api, days[-1])
                page.close()
        browser.close()
    server.shutdown()

    print(f"One slider step (next day), {args.steps} steps, {args.places} places, window {WINDOW_DAYS} days, "
          f"headless Chromium (software rendering); {args.runs} interleaved runs, medians over the runs")
    p95s = {}
    for label, runs in results.items():
        events = min(t["events"] for timings in runs for t in timings)
        p50 = statistics.median(statistics.median([t["ms"] for t in timings]) for timings in runs)
        per_run = [percentile([t["ms"] for t in timings], 95) for timings in runs]
        p95s[label] = statistics.median(per_run)
        extra = ""
        if runs[0][0].get("territory") is not None:
            own = [t["territoryMs"] for timings in runs for t in timings]
            extra = (f"   territory paths {runs[0][0]['territory']}; the layer's own share p50 "
                     f"{statistics.median(own):.1f} ms, p95 {percentile(own, 95):.1f} ms")
        print(f"    {label:34s} events in window >= {events:6d}   p50 {p50:6.1f} ms   p95 {p95s[label]:6.1f} ms"
              f"   (p95 per run: {', '.join(f'{v:.1f}' for v in per_run)}){extra}")
        print(f"    {'':34s} API requests during the measured steps: {', '.join(map(str, fetched[label]))} per run"
              " (0: every step redrawn from the cached data)")
    for label, equal in same.items():
        print(f"    {label:34s} drawing after the steps = a fresh map's of the last day: {'yes' if equal else 'NO'}")
    for label in ("map (places + events canvas)", "map + territory layer"):
        p95 = p95s[label]
        verdict = "ok" if p95 <= BUDGET_MS else "MISSED"
        print(f"    {label + ' p95':40s} / {BUDGET_MS:.0f} ms budget {p95 / BUDGET_MS:8.2f}x   target <= 1x   {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
