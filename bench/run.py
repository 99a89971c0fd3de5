"""`make bench`: API latency, measured side by side in one run, with ratios.

    python -m bench.run [--rounds N] [--regenerate] [--api-only]

(a) /api/events/ for a one-month window over the whole extent, ours vs the same
    page through a plain drf-gis GeoFeatureModelSerializer endpoint (bench/drfgis.py);
(b) ours vs the raw SQL it runs, timed on a bare cursor;
(c) /api/places/?date= (5,000 places at a date), ours vs its raw SQL.

Requests go through Django's full stack in-process (django.test.Client: URL
routing, middleware, DRF, our view), so the HTTP server and network are left
out of both sides alike. The variants are interleaved round by round, so a
noisy neighbour on the shared CPU slows all of them, not one.

Then every bench/bench_*.py script found is run with the same environment
(the hook for other benchmarks, e.g. the browser redraw one).

With SCALE=1m (`make bench SCALE=1m`: the database is bench/scale_copy.py's 10x copy, 1,000,000 events),
the same in-process figures, then only the scripts that measure something that grows with the events
(SCALE_SCRIPTS); the copy is never regenerated here.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import EXTENT, N_CHANGES, N_EVENTS, N_PLACES, SLUG, generate, is_current, scale, setup_django

MONTH = ("2023-03-01", "2023-03-31")
STATE_DATE = "2023-06-15"
# What `make bench SCALE=1m` runs on the 1M copy: the rest (the demo's page weight and embed, the territory
# series, the synthetic browser redraw, the load test) does not depend on the number of events stored.
SCALE_SCRIPTS = ["bench_import.py", "bench_mapload.py", "bench_paging.py", "bench_payload.py", "bench_tiles.py"]


def timed(fn):
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def measure(variants, rounds, warmup=2):
    """p50 in ms of each variant, interleaved round by round."""
    for _ in range(warmup):
        for fn in variants.values():
            fn()
    times = {name: [] for name in variants}
    for _ in range(rounds):
        for name, fn in variants.items():
            times[name].append(timed(fn))
    return {name: statistics.median(values) for name, values in times.items()}


def verdict(ok):
    return "OK" if ok else "MISSED"


def main(argv=None):
    parser = argparse.ArgumentParser(description="API benchmarks")
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", 15)))
    parser.add_argument("--regenerate", action="store_true", help="rebuild the synthetic data first")
    parser.add_argument("--api-only", action="store_true", help="(a)-(c) only, not the bench_*.py scripts")
    args = parser.parse_args(argv)

    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client
    from django.test.utils import override_settings

    from geodata.api import geojson
    from geodata.filtersets import EventFilterSet, PlaceFilterSet
    from geodata.public import public_events, public_places

    if settings.DEBUG:
        sys.exit("Run the benchmarks with DEBUG=0 (DEBUG records every query and slows everything down).")
    print(f"database: {settings.DATABASES['default'].get('NAME')}")
    factor = scale()
    n_events = N_EVENTS * factor
    if factor != 1:  # the copy is made by bench/scale_copy.py, never regenerated here
        if not is_current(n_events):
            sys.exit(f"no current {n_events:,}-event copy here: `make bench SCALE=1m` makes it (bench/scale_copy.py)")
    elif is_current(N_EVENTS * 10):  # regenerating would shrink the 1M copy
        sys.exit("this database holds the 1,000,000-event copy: run it with SCALE=1m (`make bench SCALE=1m`)")
    elif args.regenerate or not is_current():
        print("generating synthetic data (once; kept for later runs)...", flush=True)
        seconds = generate()
        print(f"  done in {seconds:.1f} s")
    with connection.cursor() as cursor:
        # The generator lifts the timeout for its own transaction only (SET LOCAL):
        # what is measured runs with the production settings.
        cursor.execute("SHOW statement_timeout")
        print(f"statement_timeout for the measured requests: {cursor.fetchone()[0]} "
              f"(settings DB_STATEMENT_TIMEOUT_MS={settings.DB_STATEMENT_TIMEOUT_MS})")
    print(f"data: {n_events} events, {N_PLACES} places, {N_CHANGES} control changes (conflict {SLUG}), "
          f"{args.rounds} rounds, p50 shown\n")

    page_size = settings.API_MAX_PAGE_SIZE
    bbox = ",".join(str(n) for n in EXTENT)
    event_query = f"conflict={SLUG}&start={MONTH[0]}&end={MONTH[1]}&bbox={bbox}&page_size={page_size}"
    place_query = f"conflict={SLUG}&date={STATE_DATE}"
    client = Client(HTTP_HOST="localhost")

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return response

    def raw(sql):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(sql.text, sql.params)
                return cursor.fetchone()

        return run

    events = EventFilterSet(QueryDict(event_query), queryset=public_events())
    assert events.is_valid(), events.errors
    events_sql = geojson.events_sql(events.qs, 0, page_size)
    places = PlaceFilterSet(QueryDict(place_query), queryset=public_places())
    assert places.is_valid(), places.errors
    places_sql = geojson.places_sql(places.qs)

    # PUBLIC_CACHE_TIMEOUT=0: the server cache off (geodata/httpcache.py), so every request is
    # rendered and the comparison with drf-gis and raw SQL stays what it measures.
    with override_settings(ROOT_URLCONF="bench.urls", PUBLIC_CACHE_TIMEOUT=0):
        import json

        ours_body = json.loads(get(f"/api/events/?{event_query}").content)
        theirs_body = json.loads(get(f"/bench/drf-gis/events/?{event_query}").content)
        same = [f["id"] for f in ours_body["features"]] == [f["id"] for f in theirs_body["features"]]
        # Past API_EXACT_COUNT rows (the 1M copy) our count is the planner's estimate, and says so.
        estimated = ours_body.get("count_is_estimate", False)
        assert same and (estimated or ours_body["count"] == theirs_body["count"]), "the two endpoints disagree"
        n_features = len(ours_body["features"])
        n_claims = sum(len(f["properties"]["claims"]) for f in ours_body["features"])

        events_p50 = measure({
            "ours": lambda: get(f"/api/events/?{event_query}"),
            "drf-gis": lambda: get(f"/bench/drf-gis/events/?{event_query}"),
            "raw SQL": raw(events_sql),
        }, args.rounds)
        places_body = json.loads(get(f"/api/places/?{place_query}").content)
        places_p50 = measure({
            "ours": lambda: get(f"/api/places/?{place_query}"),
            "raw SQL": raw(places_sql),
        }, args.rounds * 2)

    a = events_p50["drf-gis"] / events_p50["ours"]
    b = events_p50["ours"] / events_p50["raw SQL"]
    c = places_p50["ours"] / places_p50["raw SQL"]
    print(f"(a) GET /api/events/ {MONTH[0]}..{MONTH[1]}, whole extent: {ours_body['count']} events in the window, "
          f"page of {n_features} features with {n_claims} claims")
    print(f"    ours (JSON built in PostGIS)     p50 {events_p50['ours']:8.1f} ms")
    print(f"    plain drf-gis serializer         p50 {events_p50['drf-gis']:8.1f} ms")
    print(f"    drf-gis / ours                   {a:8.1f}x   target >= 10x   {verdict(a >= 10)}")
    print("(b) the same request vs its raw SQL on a bare cursor")
    print(f"    raw SQL                          p50 {events_p50['raw SQL']:8.1f} ms")
    print(f"    ours / raw SQL                   {b:8.2f}x   target <= 1.3x  {verdict(b <= 1.3)}")
    print(f"(c) GET /api/places/?date={STATE_DATE}: state of {len(places_body['features'])} places")
    print(f"    ours                             p50 {places_p50['ours']:8.1f} ms")
    print(f"    raw SQL                          p50 {places_p50['raw SQL']:8.1f} ms")
    print(f"    ours / raw SQL                   {c:8.2f}x   target <= 1.3x  {verdict(c <= 1.3)}")
    sys.stdout.flush()

    status = 0
    scripts = [] if args.api_only else sorted(Path(__file__).parent.glob("bench_*.py"))
    if factor != 1:
        scripts = [script for script in scripts if script.name in SCALE_SCRIPTS]
    for script in scripts:
        print(f"\n== {script.name}", flush=True)
        status |= subprocess.call([sys.executable, str(script)], env=os.environ.copy())
    return status


if __name__ == "__main__":
    sys.exit(main())
