"""The map's first load, in bytes and server time: GeoJSON events (before) vs compact events (after).

    python bench/bench_payload.py      (run by `make bench` through bench/run.py, after the data exists)
    DB_NAME=conflictmap_bench1m ... python bench/bench_payload.py    (the 1M copy, bench/scale_copy.py)

On the synthetic conflict of bench/generate.py, through Django's full stack in-process (server
cache off, like bench/run.py), the API requests the map page makes for its opening view (the
conflict's last day, a 7-day window), in the way static/js/map/ApiClient.js makes them: the
events in fixed 32-day chunks (epoch days // 32), before as every page of /api/events/ (1,000
features a page), after as one /api/events/compact/ per chunk; plus the places at the date and
the timeline's control changes, the same in both. Bytes as sent uncompressed and gzip -6 (what
WhiteNoise and a proxy send). Targets (issue 12, at 1M events): first load <= 2 MB.
"""

import datetime
import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import SLUG, generated_conflict, setup_django

ROUNDS = int(os.environ.get("BENCH_ROUNDS", 5))
CHUNK_DAYS = 32  # static/js/map/ApiClient.js
WINDOW_DAYS = 7
EPOCH = datetime.date(1970, 1, 1)
TARGET_BYTES = 2_000_000


def chunk_windows(day, window_days):
    """(start, end) of each 32-day chunk the map fetches for the window ending on `day`."""
    first = (day - datetime.timedelta(days=window_days - 1) - EPOCH).days // CHUNK_DAYS
    last = (day - EPOCH).days // CHUNK_DAYS
    for index in range(first, last + 1):
        start = EPOCH + datetime.timedelta(days=index * CHUNK_DAYS)
        yield start, start + datetime.timedelta(days=CHUNK_DAYS - 1)


def main():
    setup_django()
    from django.conf import settings
    from django.test import Client

    conflict = generated_conflict()
    if conflict is None:
        return 0
    settings.PUBLIC_CACHE_TIMEOUT = 0  # every request computed, none from the server cache
    client = Client(HTTP_HOST="localhost")
    day = conflict.end_date

    def fetch(url):
        started = time.perf_counter()
        response = client.get(url)
        ms = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return body, ms

    def geojson_chunk(start, end):
        bodies, url = [], f"/api/events/?conflict={SLUG}&start={start}&end={end}&page_size=1000"
        while url:
            body, _ = fetch(url)
            bodies.append(body)
            url = json.loads(body)["next"]
        return bodies

    common = [f"/api/places/?conflict={SLUG}&date={day}",
              f"/api/control-changes/?conflict={SLUG}&until={day}&page_size=200"]
    chunks = list(chunk_windows(day, WINDOW_DAYS))
    variants = {
        "before (GeoJSON /api/events/, all pages)": lambda: [b for s, e in chunks for b in geojson_chunk(s, e)],
        "after (/api/events/compact/)": lambda: [fetch(f"/api/events/compact/?conflict={SLUG}&start={s}&end={e}")[0]
                                                 for s, e in chunks],
    }
    common_bodies = [fetch(url)[0] for url in common]
    results = {}
    for _ in range(ROUNDS):  # interleaved rounds
        for label, load in variants.items():
            started = time.perf_counter()
            bodies = load()
            results.setdefault(label, {"ms": [], "bodies": bodies})["ms"].append((time.perf_counter() - started) * 1000)

    def size(bodies):
        return sum(len(b) for b in bodies), sum(len(gzip.compress(b, 6)) for b in bodies)

    common_raw, common_gz = size(common_bodies)
    events = sum(json.loads(b)["count"] for b in results["after (/api/events/compact/)"]["bodies"])
    print(f"Map first load, {SLUG}, {day} with a {WINDOW_DAYS}-day window: {len(chunks)} chunk(s) of "
          f"{CHUNK_DAYS} days, {events} events; places + control changes {common_raw / 1e6:.2f} MB "
          f"({common_gz / 1e6:.2f} MB gzipped) in both; {ROUNDS} rounds, p50 server time, in-process")
    before = None
    for label, result in results.items():
        raw, gz = size(result["bodies"])
        total_gz = gz + common_gz
        verdict = "OK" if total_gz <= TARGET_BYTES else "MISSED"
        ratio = "" if before is None else f"   {before[0] / raw:5.1f}x fewer bytes ({before[1] / gz:4.1f}x gzipped)"
        print(f"    {label:42s} {len(result['bodies']):3d} requests  events {raw / 1e6:6.2f} MB "
              f"({gz / 1e6:5.2f} MB gzipped)  p50 {statistics.median(result['ms']):7.1f} ms  "
              f"first load {total_gz / 1e6:5.2f} MB gzipped, target <= {TARGET_BYTES / 1e6:.0f} MB {verdict}{ratio}")
        before = before or (raw, gz)
    # Places (issue 12, item 5): below zoom 10 the map asks for them with its zoom, thinned by the server.
    for zoom in (6, 8, None):
        url = f"/api/places/?conflict={SLUG}&date={day}" + (f"&zoom={zoom}" if zoom is not None else "")
        times, body = [], b""
        for _ in range(ROUNDS):
            body, ms = fetch(url)
            times.append(ms)
        raw, gz = size([body])
        what = f"zoom {zoom} (thinned)" if zoom is not None else "every place (zoom >= 10)"
        print(f"    /api/places/ {what:26s} {len(json.loads(body)['features']):5d} places  {raw / 1e6:6.2f} MB "
              f"({gz / 1e6:5.2f} MB gzipped)  p50 {statistics.median(times):7.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
