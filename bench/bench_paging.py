"""Deepest page of /api/events/ (issue 12): keyset cursor vs the OFFSET it replaces.

    python bench/bench_paging.py       (run by `make bench` through bench/run.py, after the data exists)
    DB_NAME=conflictmap_bench1m ... python bench/bench_paging.py    (on the 1M copy, bench/scale_copy.py)

On the synthetic conflict of bench/generate.py (all its events, no date window: the deepest
list there is), through Django's full stack in-process like bench/run.py: the first page and
the last page reached by its cursor (the cursor the previous page's `next` link carries, built
here from the row before the last page), each with `count` as the response gives it (exact up
to API_EXACT_COUNT rows, else the planner's estimate); and for comparison the last page by
OFFSET with an exact count(*), the statement the API ran before (geojson.events_sql). Target
(issue 12, at 1M events): any page <= 200 ms server time.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import SLUG, generated_conflict, setup_django

ROUNDS = int(os.environ.get("BENCH_ROUNDS", 15))
TARGET_MS = 200


def p50(fn, rounds=ROUNDS, warmup=2):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main():
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.http import QueryDict
    from django.test import Client

    from geodata.api import geojson, paging
    from geodata.filtersets import EventFilterSet
    from geodata.public import public_events

    # The generator's data, or a scaled copy of it (bench/scale_copy.py: 1M events).
    conflict = generated_conflict()
    if conflict is None:
        return 0
    size = settings.API_MAX_PAGE_SIZE
    query = f"conflict={SLUG}&page_size={size}"
    filtered = EventFilterSet(QueryDict(query), queryset=public_events())
    assert filtered.is_valid(), filtered.errors
    events = filtered.qs
    total = events.count()
    pages = -(-total // size)
    # The row just before the last page: the last page's cursor points after it.
    anchor = events.order_by("-date", "-id").values_list("date", "id")[(pages - 1) * size - 1]
    cursor = paging.encode_cursor(*anchor, paging.FORWARD)
    client = Client(HTTP_HOST="localhost")

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return response

    import json

    last = json.loads(get(f"/api/events/?{query}&cursor={cursor}").content)
    assert last["next"] is None and len(last["features"]) == total - (pages - 1) * size
    offset_sql = geojson.events_sql(events, (pages - 1) * size, size)

    def offset_page():
        with connection.cursor() as c:
            c.execute(offset_sql.text, offset_sql.params)
            c.fetchone()

    first_ms = p50(lambda: get(f"/api/events/?{query}"))
    last_ms = p50(lambda: get(f"/api/events/?{query}&cursor={cursor}"))
    offset_ms = p50(offset_page)
    verdict = "OK" if max(first_ms, last_ms) <= TARGET_MS else "MISSED"
    print(f"GET /api/events/?conflict={SLUG}&page_size={size}: {total} events, {pages} pages "
          f"(count {last['count']}, estimate: {str(last['count_is_estimate']).lower()}; "
          f"API_EXACT_COUNT={settings.API_EXACT_COUNT}), {ROUNDS} rounds, p50")
    print(f"    first page                       p50 {first_ms:8.1f} ms")
    print(f"    deepest page, by cursor          p50 {last_ms:8.1f} ms   target <= {TARGET_MS} ms  {verdict}")
    print(f"    deepest page, OFFSET + count(*)  p50 {offset_ms:8.1f} ms   (raw SQL of the former statement)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
