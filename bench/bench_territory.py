"""Territory benchmark: the state at a date and /api/territory/ on synthetic series, vs their raw SQL.

    python bench/bench_territory.py [--rounds N] [--regenerate]   (run by `make bench` through bench/run.py)

Data (generated once into the bench database, regenerated when this file changes): one conflict of its own
(`bench-territory`), BENCH_TERRITORY_SERIES series (default 50: held, claimed-advance and contested, four
parties) × BENCH_TERRITORY_DAYS daily versions (default 365) of BENCH_TERRITORY_VERTICES-vertex polygons
(default 2,000) whose fronts move from day to day and overlap their neighbours'; about one version in twelve
is a draft or withdrawn, every published version has a claim, one in five also a denial. Lower the variables
to scale the data down on a slow machine (the figures printed say which scale was used).

Measured, interleaved round by round (bench/run.py `measure`), p50 in ms:
(a) the state-at-date queryset (public_territory_in_force, model instances with their geometry) vs the
    equivalent hand-written SQL fetched on a bare cursor;
(b) GET /api/territory/?date= through Django's full stack vs the SQL statement it runs, on a bare cursor;
(c) GET /api/territory/changes/ over a month, the same way;
and the response bytes, raw and gzipped (gzip -6), at full resolution and at zoom 6 and 10.
"""

import argparse
import datetime
import gzip
import hashlib
import inspect
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import PARTIES, bulk_load_settings, copy, reserve_ids, setup_django
from bench.run import measure, verdict

SLUG = "bench-territory"
SOURCE_URL = "https://bench-territory.invalid/"
SERIES = int(os.environ.get("BENCH_TERRITORY_SERIES", 50))
DAYS = int(os.environ.get("BENCH_TERRITORY_DAYS", 365))
VERTICES = int(os.environ.get("BENCH_TERRITORY_VERTICES", 2000))
START = datetime.date(2022, 1, 1)
STATE_DATE = START + datetime.timedelta(days=DAYS * 2 // 3)
CHANGES = (STATE_DATE - datetime.timedelta(days=min(30, DAYS * 2 // 3)), STATE_DATE)

# The hand-written equivalent of public_territory_in_force(): the published version in force of every series
# of the conflict (latest valid_from <= the date), each with the id of the published version before it.
RAW_STATE_SQL = """
SELECT v.*, (SELECT p.id FROM geodata_territoryversion p
              WHERE p.series_id = v.series_id AND p.state = 'published' AND p.valid_from < v.valid_from
              ORDER BY p.valid_from DESC LIMIT 1) AS previous_id
  FROM geodata_territoryseries s
  CROSS JOIN LATERAL (SELECT * FROM geodata_territoryversion c
                       WHERE c.series_id = s.id AND c.state = 'published' AND c.valid_from <= %s
                       ORDER BY c.valid_from DESC LIMIT 1) v
 WHERE s.conflict_id = %s
 ORDER BY v.series_id
"""


def is_current(cursor):
    cursor.execute("SELECT description FROM geodata_conflict WHERE slug = %s", [SLUG])
    row = cursor.fetchone()
    return bool(row) and row[0].endswith(f"({VERSION}).")


def clean(cursor):
    cursor.execute("SELECT id FROM geodata_conflict WHERE slug = %s", [SLUG])
    row = cursor.fetchone()
    if row:
        versions = ("SELECT v.id FROM geodata_territoryversion v JOIN geodata_territoryseries s ON s.id = v.series_id "
                    "WHERE s.conflict_id = %s")
        cursor.execute(f"DELETE FROM geodata_claim WHERE territory_version_id IN ({versions})", [row[0]])
        cursor.execute(f"DELETE FROM geodata_territoryversion WHERE id IN ({versions})", [row[0]])
        cursor.execute("DELETE FROM geodata_territoryseries WHERE conflict_id = %s", [row[0]])
        cursor.execute("DELETE FROM geodata_conflict_parties WHERE conflict_id = %s", [row[0]])
        cursor.execute("DELETE FROM geodata_conflict WHERE id = %s", [row[0]])
    cursor.execute("DELETE FROM geodata_source WHERE url LIKE %s", [SOURCE_URL + "%"])


def polygons(index, rng_phase):
    """Hex EWKB of the series' DAYS daily MultiPolygons: a star-shaped front around its grid cell's centre
    (so always a valid, counter-clockwise ring) that breathes over the year and reaches into its neighbours."""
    import numpy as np
    import shapely

    cx, cy = 40.5 + index % 10, 40.5 + index // 10
    theta = np.linspace(0, 2 * np.pi, VERTICES, endpoint=False)
    days = np.arange(DAYS)[:, None]
    radius = 0.42 + 0.1 * np.sin(2 * np.pi * days / 365 + rng_phase)
    r = radius * (1 + 0.03 * np.sin(37 * theta + 0.05 * days) + 0.015 * np.sin(211 * theta + index))
    coords = np.stack([cx + r * np.cos(theta), cy + r * np.sin(theta)], axis=-1).round(6)
    coords = np.concatenate([coords, coords[:, :1]], axis=1)  # close the rings
    rings = shapely.polygons(coords)
    multi = shapely.multipolygons(rings, indices=np.arange(DAYS))
    return shapely.to_wkb(shapely.set_srid(multi, 4326), hex=True, include_srid=True)


def generate():
    from django.db import connection, transaction

    from geodata.models import Conflict, Party

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor
        bulk_load_settings(wrapper)
        clean(wrapper)
        parties = [
            Party.objects.get_or_create(
                slug=slug, defaults=dict(name=name, short_name=name.split()[0], kind="state_forces", color=color)
            )[0].pk
            for slug, name, color in PARTIES
        ]
        conflict = Conflict.objects.create(
            slug=SLUG, name="Synthetic territory war", start_date=START,
            end_date=START + datetime.timedelta(days=DAYS - 1),
            description=f"Generated by bench/bench_territory.py ({VERSION}).",
        )
        conflict.parties.set(parties)
        source_ids = reserve_ids(cursor, "geodata_source", 100)
        copy(cursor, "geodata_source", ["id", "outlet", "title", "url", "published_on"], (
            (sid, f"Outlet {i % 10}", f"Front report {i}", f"{SOURCE_URL}{i}", START) for i, sid in enumerate(source_ids)
        ))
        series_ids = reserve_ids(cursor, "geodata_territoryseries", SERIES)
        kinds = ["contested" if i % 10 == 9 else "claimed_advance" if i % 10 == 8 else "held" for i in range(SERIES)]
        copy(cursor, "geodata_territoryseries", ["id", "conflict_id", "name", "slug", "kind", "party_id"], (
            (sid, conflict.pk, f"Front {i}", f"bench-front-{i}", kinds[i], None if kinds[i] == "contested"
             else parties[i % len(parties)])
            for i, sid in enumerate(series_ids)
        ))
        n_versions, claim_rows = 0, []
        for i, sid in enumerate(series_ids):  # one COPY per series: a year of polygons is ~1 GB of hex
            ids = reserve_ids(cursor, "geodata_territoryversion", DAYS)
            version_rows = []
            for day, (vid, wkb) in enumerate(zip(ids, polygons(i, i * 0.7), strict=True)):
                state = "draft" if (day + i) % 17 == 5 else "withdrawn" if (day + i) % 23 == 7 else "published"
                version_rows.append((vid, sid, START + datetime.timedelta(days=day), 1, wkb,
                                     "Synthetic front line.", state))
                if state == "published":
                    claimant = parties[(i + day) % len(parties)]
                    source = source_ids[(i * DAYS + day) % len(source_ids)]
                    claim_rows.append((vid, claimant, source, "asserts", f"Front {i} on day {day}"))
                    if day % 5 == 0:
                        claim_rows.append((vid, parties[(i + day + 1) % len(parties)], source, "denies", "Denied"))
            copy(cursor, "geodata_territoryversion",
                 ["id", "series_id", "valid_from", "date_precision", "geometry", "geometry_note", "state"],
                 version_rows)
            n_versions += len(version_rows)
        copy(cursor, "geodata_claim", [
            "territory_version_id", "claimant_party_id", "source_id", "stance", "summary", "claimant_name",
            "claimant_role", "figure_qualifier", "state",
        ], ((*row, "", "", "exact", "published") for row in claim_rows))
    with connection.cursor() as cursor:
        for table in ("geodata_territoryversion", "geodata_territoryseries", "geodata_claim"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    return time.perf_counter() - started, n_versions, len(claim_rows)


# Stored in the conflict's description: a change to the generator (or to the scale) regenerates the data;
# a change to the measurements does not.
_GENERATOR = hashlib.sha256((inspect.getsource(polygons) + inspect.getsource(generate)).encode()).hexdigest()[:16]
VERSION = f"bench-territory {_GENERATOR} {SERIES}x{DAYS}x{VERTICES}"


def main(argv=None):
    parser = argparse.ArgumentParser(description="territory benchmark")
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", 15)))
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args(argv)

    setup_django()
    from django.conf import settings
    from django.contrib.gis.geos.prototypes.io import wkb_r
    from django.db import connection
    from django.test import Client

    from geodata.api import territory_geojson
    from geodata.public import public_conflicts, public_territory_in_force

    if settings.DEBUG:
        sys.exit("Run the benchmarks with DEBUG=0 (DEBUG records every query and slows everything down).")
    with connection.cursor() as cursor:
        current = is_current(cursor)
    if args.regenerate or not current:
        print(f"generating {SERIES} series x {DAYS} daily versions of {VERTICES}-vertex polygons...", flush=True)
        seconds, n_versions, n_claims = generate()
        print(f"  {n_versions} versions, {n_claims} claims in {seconds:.1f} s")
    conflict = public_conflicts().get(slug=SLUG)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), pg_size_pretty(sum(pg_column_size(geometry))) FROM geodata_territoryversion v "
                       "JOIN geodata_territoryseries s ON s.id = v.series_id WHERE s.conflict_id = %s", [conflict.pk])
        count, size = cursor.fetchone()
    print(f"data: {SERIES} series x {DAYS} days = {count} versions of {VERTICES}-vertex polygons "
          f"({size} of geometry), conflict {SLUG}; {args.rounds} rounds, p50 shown\n")

    client = Client(HTTP_HOST="localhost")

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return response

    def raw(text, params):
        def run():
            with connection.cursor() as cursor:
                cursor.execute(text, params)
                return cursor.fetchall()

        return run

    state_url = f"/api/territory/?conflict={SLUG}&date={STATE_DATE}"
    changes_url = f"/api/territory/changes/?conflict={SLUG}&start={CHANGES[0]}&end={CHANGES[1]}"
    ours_rows = list(public_territory_in_force(STATE_DATE, conflict))
    raw_rows = raw(RAW_STATE_SQL, [STATE_DATE, conflict.pk])()
    assert [(v.pk, v.previous_id) for v in ours_rows] == [(r[0], r[-1]) for r in raw_rows], "the two disagree"
    state_sql = territory_geojson.territory_sql(conflict, STATE_DATE)
    changes_sql = territory_geojson.changes_sql(conflict, *CHANGES)

    with connection.cursor() as cursor:
        cursor.execute(RAW_STATE_SQL, [STATE_DATE, conflict.pk])
        geometry_column = [column.name for column in cursor.description].index("geometry")

    read = wkb_r().read  # the reader Django's PostGIS converter uses (GEOSGeometry(str) goes through regexes)

    def raw_with_geos():
        # The raw rows plus what any Python consumer of the geometry pays: GEOS objects from the hex EWKB.
        return [read(row[geometry_column].encode()) for row in raw(RAW_STATE_SQL, [STATE_DATE, conflict.pk])()]

    state_p50 = measure({
        "queryset": lambda: list(public_territory_in_force(STATE_DATE, conflict)),
        "raw SQL": raw(RAW_STATE_SQL, [STATE_DATE, conflict.pk]),
        "raw SQL + GEOS": raw_with_geos,
        "queryset .values()": lambda: list(public_territory_in_force(STATE_DATE, conflict).values("id", "previous_id")),
    }, args.rounds * 2)
    api_p50 = measure({
        "ours": lambda: get(state_url),
        "raw SQL": raw(state_sql.text, state_sql.params),
        "ours zoom 6": lambda: get(state_url + "&zoom=6"),
    }, args.rounds)
    changes_p50 = measure({
        "ours": lambda: get(changes_url),
        "raw SQL": raw(changes_sql.text, changes_sql.params),
    }, max(3, args.rounds // 3))

    sizes = {}
    for label, query in (("full resolution", ""), ("zoom 10", "&zoom=10"), ("zoom 6", "&zoom=6")):
        body = get(state_url + query).content
        sizes[label] = (len(body), len(gzip.compress(body, 6)))
    features = get(state_url).json()["features"]
    overlaps = sum(1 for f in features if f["properties"]["kind"] == "overlap")

    a = state_p50["queryset"] / state_p50["raw SQL"]
    b = api_p50["ours"] / api_p50["raw SQL"]
    c = changes_p50["ours"] / changes_p50["raw SQL"]
    print(f"(a) state at {STATE_DATE}: public_territory_in_force() -> {len(ours_rows)} versions (model instances)")
    print(f"    queryset                         p50 {state_p50['queryset']:8.1f} ms")
    print(f"    raw SQL (bare cursor)            p50 {state_p50['raw SQL']:8.1f} ms")
    print(f"    queryset / raw SQL               {a:8.2f}x   target <= 1.3x  {verdict(a <= 1.3)}")
    print(f"    raw SQL + GEOS geometries        p50 {state_p50['raw SQL + GEOS']:8.1f} ms   queryset / it "
          f"{state_p50['queryset'] / state_p50['raw SQL + GEOS']:.2f}x")
    print(f"    queryset .values('id', 'previous_id') (what the API embeds) p50 {state_p50['queryset .values()']:.1f} ms")
    print(f"(b) GET /api/territory/?date={STATE_DATE}: {len(features) - overlaps} versions + {overlaps} overlaps")
    print(f"    ours                             p50 {api_p50['ours']:8.1f} ms")
    print(f"    raw SQL (the same statement)     p50 {api_p50['raw SQL']:8.1f} ms")
    print(f"    ours / raw SQL                   {b:8.2f}x   target <= 1.3x  {verdict(b <= 1.3)}")
    print(f"    ours at zoom=6                   p50 {api_p50['ours zoom 6']:8.1f} ms")
    print(f"(c) GET /api/territory/changes/ {CHANGES[0]}..{CHANGES[1]}")
    print(f"    ours                             p50 {changes_p50['ours']:8.1f} ms")
    print(f"    raw SQL (the same statement)     p50 {changes_p50['raw SQL']:8.1f} ms")
    print(f"    ours / raw SQL                   {c:8.2f}x   target <= 1.3x  {verdict(c <= 1.3)}")
    print("(d) /api/territory/ response size")
    for label, (raw_bytes, gz) in sizes.items():
        print(f"    {label:16} {gz / 1024:9.1f} KB gzipped  (raw {raw_bytes / 1024:9.1f} KB)")
    return 0 if a <= 1.3 and b <= 1.3 and c <= 1.3 else 1


if __name__ == "__main__":
    sys.exit(main())
