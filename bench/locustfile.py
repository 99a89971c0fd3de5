"""The article-traffic mix for bench/bench_load.py: readers of an article with an embedded map.

Most requests are the embed at a few popular dates (the article's own and the days around it),
then the API pages the map fetches (places at a date, one month of events), and the conflict
list. Every request, with its outcome and status (0: no HTTP answer), goes as one JSON line to
LOAD_FAILURES_PATH with its time, so the benchmark can tell when errors happened.
"""

import json
import os
import time

from locust import HttpUser, between, events, task

SLUG = "bench-synthetic"
POPULAR_DATES = ["2023-03-15", "2023-03-16", "2023-06-15"]
_failures = open(os.environ["LOAD_FAILURES_PATH"], "a") if os.environ.get("LOAD_FAILURES_PATH") else None


@events.request.add_listener
def record(request_type, name, response_time, response_length, response=None, exception=None, **kwargs):
    if _failures:
        status = getattr(response, "status_code", 0) or 0
        _failures.write(json.dumps({"t": time.time(), "ok": exception is None, "status": status, "name": name,
                                    "retry_after": bool(response is not None and response.headers.get("Retry-After"))}) + "\n")
        _failures.flush()


class Reader(HttpUser):
    # A reader's pause between requests; LOAD_THINK=0 for no pause (the servers' capacity, bench_load.py).
    wait_time = between(0.5, 1.5) if os.environ.get("LOAD_THINK", "1") != "0" else between(0, 0)

    def on_start(self):
        self.client.headers["Accept-Encoding"] = "gzip"

    def get(self, path, name):
        self.client.get(path, name=name, timeout=30)

    @task(4)
    def embed(self):
        date = POPULAR_DATES[int(time.time() * 1000) % len(POPULAR_DATES)]
        self.get(f"/embed/{SLUG}/?date={date}", "embed")

    @task(3)
    def places(self):
        self.get(f"/api/places/?conflict={SLUG}&date=2023-03-15", "api places")

    @task(2)
    def events_page(self):
        self.get(f"/api/events/?conflict={SLUG}&start=2023-03-01&end=2023-03-31&page_size=100", "api events")

    @task(1)
    def conflicts(self):
        self.get("/api/conflicts/", "api conflicts")
