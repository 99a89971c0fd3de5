"""ACLED import speed: our importer vs loading the same CSV into PostGIS with ogr2ogr; export of 100k events.

    python -m bench.bench_import        (run by `make bench` through bench/run.py)

Writes a synthetic ACLED CSV (BENCH_IMPORT_ROWS rows, default 100,000; `make bench SCALE=1m` adds a
1,000,000-row file) with the codebook's columns: 700 locations, 6 actors, 4 sources, two years of dates.
Then, interleaved round by round (BENCH_IMPORT_ROUNDS, default 3) so a noisy neighbour slows both:

- ours: `import_file(..., dry_run=True)`: every row validated and every event, claim, source, place and
  imported-row record written in one transaction (with the database's triggers and history), then rolled
  back, so each round starts from the same database;
- ogr2ogr: `ogr2ogr -f PostgreSQL` of the same file into a scratch table (COPY, point geometry from
  longitude/latitude, one table, no validation), dropped afterwards.

Target (issue 10): ours <= 3x ogr2ogr. Prints medians and the ratio. Also times the CSV and GeoJSON exports
of the benchmark conflict (bench/generate.py: 100,000 events) through Django's stack (BENCH_IMPORT_EXPORT=0
skips them). BENCH_IMPORT_ROWS takes several sizes, comma-separated.
"""

import csv
import datetime
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import SLUG as BENCH_SLUG
from bench.generate import setup_django

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
ACTORS = [("Military Forces of Azerbaijan (2003-)", "1"), ("Military Forces of Armenia (2018-)", "1"),
          ("Military Forces of Nagorno-Karabakh", "1"), ("Civilians (Azerbaijan)", "7"),
          ("Civilians (Armenia)", "7"), ("Unidentified Armed Group (Azerbaijan)", "3")]
TYPES = [("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         ("Explosions/Remote violence", "Air/drone strike"), ("Battles", "Armed clash"),
         ("Violence against civilians", "Attack"), ("Strategic developments", "Looting/property destruction")]
SOURCES = ["Azerbaijan Ministry of Defence", "Armenia Ministry of Defence", "Reuters", "RFE/RL"]
SCRATCH = "bench_import_ogr"
TARGET = 3.0


def write_csv(path, rows, seed=7):
    rng = random.Random(seed)
    start = datetime.date(2021, 1, 1)
    locations = [(f"Benchtown {n}", 39 + rng.random() * 2, 45 + rng.random() * 3) for n in range(700)]
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for n in range(rows):
            (actor1, inter1), (actor2, inter2) = rng.sample(ACTORS, 2)
            event_type, sub = rng.choice(TYPES)
            name, lat, lon = rng.choice(locations)
            day = start + datetime.timedelta(days=rng.randrange(730))
            writer.writerow([
                f"BEN{n}", day.strftime("%d %B %Y"), day.year, 1, "Political violence", event_type, sub,
                actor1, "", inter1, actor2, "", inter2, 17, "", 31, "Caucasus", "Azerbaijan", "Region", "", "",
                name, f"{lat:.4f}", f"{lon:.4f}", 1, rng.choice(SOURCES), "National",
                f"Synthetic benchmark row {n}.", rng.choice([0, 0, 0, 1, 2, 5]), "", 1600000000 + n,
            ])


def pg_dsn():
    from django.conf import settings
    db = settings.DATABASES["default"]
    parts = [f"dbname={db['NAME']}"]
    for key, name in (("HOST", "host"), ("PORT", "port"), ("USER", "user"), ("PASSWORD", "password")):
        if db.get(key):
            parts.append(f"{name}={db[key]}")
    return "PG:" + " ".join(parts)


def ogr2ogr(path):
    subprocess.run(
        ["ogr2ogr", "-f", "PostgreSQL", pg_dsn(), str(path), "-nln", SCRATCH, "-overwrite", "-a_srs", "EPSG:4326",
         "-oo", "X_POSSIBLE_NAMES=longitude", "-oo", "Y_POSSIBLE_NAMES=latitude", "-oo", "KEEP_GEOM_COLUMNS=NO",
         "-lco", "GEOMETRY_NAME=point", "--config", "PG_USE_COPY", "YES"],
        check=True, capture_output=True, timeout=3600,
    )


def timed(fn):
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def compare(rows, rounds, tmp):
    from django.db import connection

    from geodata.importers.acled import import_file

    path = Path(tmp) / f"acled-{rows}.csv"
    write_csv(path, rows)
    slug = "bench-import"
    ours, theirs, report = [], [], None
    for _ in range(rounds):
        started = time.perf_counter()
        report = import_file(str(path), slug, publish=True, create_conflict=True, dry_run=True)
        ours.append(time.perf_counter() - started)
        theirs.append(timed(lambda: ogr2ogr(path)))
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {SCRATCH}")
    ours_p50, theirs_p50 = statistics.median(ours), statistics.median(theirs)
    ratio = ours_p50 / theirs_p50
    print(f"  {rows:>9,} rows: ours p50 {ours_p50:7.1f} s ({rows / ours_p50:,.0f} rows/s, {report.created:,} events)"
          f" | ogr2ogr p50 {theirs_p50:6.1f} s | ratio {ratio:.2f}x "
          f"(target <= {TARGET:.0f}x: {'OK' if ratio <= TARGET else 'MISSED'})", flush=True)


def export_time(rounds, fmt):
    from django.test import Client

    from geodata.public import public_conflicts

    if not public_conflicts().filter(slug=BENCH_SLUG).exists():
        print("  export: no benchmark conflict (bench/generate.py has not run): skipped")
        return
    from django.test.utils import override_settings

    client = Client(HTTP_HOST="localhost")
    times, size = [], 0
    # The server's cache off: an export is cached by data version, and every round after the first
    # timed the cache (0.1 s for 100,000 events), not the export.
    with override_settings(PUBLIC_CACHE_TIMEOUT=0):
        for _ in range(rounds):
            started = time.perf_counter()
            response = client.get(f"/exports/{BENCH_SLUG}.{fmt}")
            body = b"".join(response.streaming_content) if response.streaming else response.content
            times.append(time.perf_counter() - started)
            size = len(body)
    count = body.count(b"\n") - 1 if fmt == "csv" else body.count(b'"Feature"')
    print(f"  export /exports/{BENCH_SLUG}.{fmt} (server cache off): p50 {statistics.median(times):.1f} s, "
          f"{size / 1e6:.1f} MB, "
          f"{count:,} events", flush=True)


def main():
    setup_django()
    from django.conf import settings

    if settings.DEBUG:
        sys.exit("Run the benchmarks with DEBUG=0.")
    # BENCH_IMPORT_ROWS: one size or several, comma-separated (e.g. 5000,20000,100000).
    rows = [int(n) for n in os.environ.get("BENCH_IMPORT_ROWS", "100000").split(",")]
    rounds = int(os.environ.get("BENCH_IMPORT_ROUNDS", 3))
    sizes = rows + ([1_000_000] if os.environ.get("SCALE") == "1m" else [])
    print(f"ACLED import vs ogr2ogr (interleaved, {rounds} rounds; database {settings.DATABASES['default']['NAME']})")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            compare(size, rounds if size <= 100_000 else 1, tmp)
    if os.environ.get("SCALE") == "1m":  # the export figure is at 100,000 events: `make bench`
        print("exports: timed by `make bench` on the 100,000-event data, not on the 1M copy")
    elif os.environ.get("BENCH_IMPORT_EXPORT", "1") != "0":
        for fmt in ("csv", "geojson"):
            export_time(rounds, fmt)


if __name__ == "__main__":
    main()
