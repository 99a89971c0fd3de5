"""Synthetic data for `make bench`: one conflict of its own, two years long.

    python -m bench.generate            create it (replacing an earlier run's)
    python -m bench.generate --clean    remove it

100,000 events (about 1.5 claims each), 5,000 places (with alternate names),
20,000 control changes (one claim each) over 2022-2023, written with COPY.
Everything it creates is recognisable (conflict slug `bench-synthetic`, slugs
starting `bench-`, sources at https://bench.invalid/) and removed before a new
run, so it is idempotent and can share a database with real data; `make bench`
puts it in a database of its own (conflictmap_bench). It never runs against
the test database (pytest creates and drops that one itself).
"""

import argparse
import datetime
import hashlib
import os
import random
import sys
import time

SLUG = "bench-synthetic"
# Stored in the conflict's description: any change to this file (row counts,
# columns, states, the seed...) makes `make bench` regenerate the data.
VERSION = "bench-data " + hashlib.sha256(open(__file__, "rb").read()).hexdigest()[:16]
START = datetime.date(2022, 1, 1)
DAYS = 730
EXTENT = (22.0, 44.0, 40.0, 52.5)  # minlon, minlat, maxlon, maxlat
N_EVENTS, N_PLACES, N_CHANGES, N_SOURCES = 100_000, 5_000, 20_000, 1_000
PARTIES = [("bench-red", "Red forces", "#d55e00"), ("bench-blue", "Blue forces", "#0072b2"),
           ("bench-green", "Green militia", "#009e73"), ("bench-grey", "Grey authorities", "#999999")]


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")
    import django

    django.setup()


def clean(cursor):
    cursor.execute("SELECT id FROM geodata_conflict WHERE slug = %s", [SLUG])
    row = cursor.fetchone()
    if row:
        cid = row[0]
        cursor.execute(
            "DELETE FROM geodata_claim WHERE event_id IN (SELECT id FROM geodata_event WHERE conflict_id = %s) "
            "OR control_change_id IN (SELECT id FROM geodata_controlchange WHERE conflict_id = %s)",
            [cid, cid],
        )
        cursor.execute("DELETE FROM geodata_event WHERE conflict_id = %s", [cid])
        cursor.execute("DELETE FROM geodata_controlchange WHERE conflict_id = %s", [cid])
        cursor.execute("DELETE FROM geodata_conflict_parties WHERE conflict_id = %s", [cid])
        # The data version the server keeps per conflict (made on the first cached request).
        cursor.execute("DELETE FROM geodata_dataversion WHERE conflict_id = %s", [cid])
        cursor.execute("DELETE FROM geodata_conflict WHERE id = %s", [cid])
    cursor.execute(
        "DELETE FROM geodata_alternatename WHERE place_id IN "
        "(SELECT id FROM geodata_place WHERE slug LIKE 'bench-place-%%')"
    )
    cursor.execute("DELETE FROM geodata_place WHERE slug LIKE 'bench-place-%%'")
    cursor.execute("DELETE FROM geodata_source WHERE url LIKE 'https://bench.invalid/%%'")


def bulk_load_settings(cursor):
    """Settings for this transaction only (SET LOCAL / SET CONSTRAINTS end with it).

    statement_timeout: every connection runs with the production timeout
    (settings.DB_STATEMENT_TIMEOUT_MS, 15 s by default), and loading 250k rows
    that fire the pghistory triggers may take longer on a busy machine. SET
    LOCAL ends with the transaction, so the requests that `make bench` measures
    afterwards on the same (persistent) connection run with production settings.

    SET CONSTRAINTS ALL IMMEDIATE: our foreign keys are DEFERRABLE INITIALLY
    DEFERRED (Django's default); deferred, every row's checks are queued to the
    commit, and with the history rows the triggers insert PostgreSQL's handling
    of that queue grows quadratically (measured: 2k/4k/8k events took
    0.33/0.92/3.2 s deferred, 0.12/0.26/0.51 s immediate; 100k deferred did not
    finish in 6 minutes). Checked per statement, the load is linear.
    """
    cursor.execute("SET LOCAL statement_timeout = 0")
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def reserve_ids(cursor, table, n):
    cursor.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)", [n])
    return [row[0] for row in cursor.fetchall()]


def copy(cursor, table, columns, rows):
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as out:
        for row in rows:
            out.write_row(row)


def generate(seed=2020):
    from django.db import connection, transaction

    from geodata.choices import SUB_EVENT_TYPES
    from geodata.models import Conflict, Party

    rng = random.Random(seed)
    minlon, minlat, maxlon, maxlat = EXTENT

    def point():
        return rng.uniform(minlon, maxlon), rng.uniform(minlat, maxlat)

    def ewkt(x, y):
        return f"SRID=4326;POINT({x:.6f} {y:.6f})"

    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the psycopg cursor, for COPY
        bulk_load_settings(wrapper)
        clean(wrapper)
        from django.contrib.gis.geos import Polygon

        parties = []
        for slug, name, color in PARTIES:
            party, _ = Party.objects.get_or_create(
                slug=slug, defaults=dict(name=name, short_name=name.split()[0], kind="state_forces", color=color)
            )
            parties.append(party.pk)
        extent = Polygon.from_bbox(EXTENT)
        extent.srid = 4326
        conflict = Conflict.objects.create(
            slug=SLUG, name="Synthetic benchmark war", description=f"Generated by bench/generate.py ({VERSION}).",
            start_date=START, end_date=START + datetime.timedelta(days=DAYS - 1), extent=extent,
        )
        conflict.parties.set(parties)

        source_ids = reserve_ids(cursor, "geodata_source", N_SOURCES)
        copy(cursor, "geodata_source", ["id", "outlet", "title", "url", "published_on"], (
            (sid, f"Outlet {i % 40}", f"Report {i}", f"https://bench.invalid/{i}",
             START + datetime.timedelta(days=rng.randrange(DAYS)))
            for i, sid in enumerate(source_ids)
        ))

        place_ids = reserve_ids(cursor, "geodata_place", N_PLACES)
        place_points = {pid: point() for pid in place_ids}
        copy(cursor, "geodata_place", ["id", "name", "slug", "kind", "point", "geometry_note"], (
            (pid, f"Place {i}", f"bench-place-{i}", rng.choice(["city", "town", "village"]),
             ewkt(*place_points[pid]), "")
            for i, pid in enumerate(place_ids)
        ))
        copy(cursor, "geodata_alternatename", ["place_id", "name", "language", "used_by", "role"], (
            row for i, pid in enumerate(place_ids) for row in (
                (pid, f"Alt {i}", "en", "Blue authorities", "bracket" if i % 3 == 0 else "other"),
                (pid, f"Другое {i}", "ru", "Red authorities", "primary"),
            )
        ))

        # Four changes per place, each to a different party than the one before
        # (the database trigger refuses a change that does not change hands).
        change_rows = []
        for pid in place_ids:
            days = sorted(rng.sample(range(DAYS), N_CHANGES // N_PLACES))
            party = rng.choice(parties)
            for day in days:
                party = rng.choice([p for p in parties if p != party])
                change_rows.append((pid, conflict.pk, party, START + datetime.timedelta(days=day),
                                    rng.choice([1, 1, 1, 2, 3]), *rng.choice([(False, ""), (True, "Bench: seen")]), "",
                                    "published", False))
        change_ids = reserve_ids(cursor, "geodata_controlchange", len(change_rows))
        copy(cursor, "geodata_controlchange",
             ["id", "place_id", "conflict_id", "party_id", "date", "date_precision", "confirmed", "confirmation_note", "note",
              "state", "retracted"],
             ((cid, *row) for cid, row in zip(change_ids, change_rows, strict=True)))

        sub_types = list(SUB_EVENT_TYPES)
        event_ids = reserve_ids(cursor, "geodata_event", N_EVENTS)
        event_rows = []
        for eid in event_ids:
            sub = rng.choice(sub_types)
            place = rng.choice(place_ids) if rng.random() < 0.6 else None
            x, y = place_points[place] if place else point()
            confirmed = rng.random() < 0.05
            event_rows.append((
                eid, conflict.pk, "", SUB_EVENT_TYPES[sub], sub, START + datetime.timedelta(days=rng.randrange(DAYS)),
                1, ewkt(x, y), rng.choice([1, 2, 3]), place, rng.choice(parties), rng.choice(parties + [None]),
                rng.random() < 0.2, f"Synthetic event {eid}: {sub.lower()} reported.", confirmed,
                "Seen by our reporter." if confirmed else "", "published",
            ))
        copy(cursor, "geodata_event", [
            "id", "conflict_id", "external_id", "event_type", "sub_event_type", "date", "time_precision", "point",
            "geo_precision", "place_id", "perpetrator_id", "target_id", "civilian_targeting", "description",
            "confirmed", "confirmation_note", "state",
        ], event_rows)

        def claim(event_id, change_id, claimant):
            figures = [rng.randrange(50) if rng.random() < 0.3 else None for _ in range(4)]
            return (event_id, change_id, claimant, rng.choice(["", "Spokesperson"]), "", rng.choice(source_ids),
                    "denies" if rng.random() < 0.15 else "asserts",
                    START + datetime.timedelta(days=rng.randrange(DAYS)), "Somebody says so.",
                    *figures, rng.choice(["exact", "about", "at_least"]), rng.choice(parties + [None]), "published")

        copy(cursor, "geodata_claim", [
            "event_id", "control_change_id", "claimant_party_id", "claimant_name", "claimant_role", "source_id",
            "stance", "claimed_on", "summary", "killed_civilians", "killed_combatants", "wounded_civilians",
            "wounded_combatants", "figure_qualifier", "casualties_of_id", "state",
        ], (
            *(claim(eid, None, rng.choice(parties)) for eid in event_ids for _ in range(rng.choice([0, 1, 1, 2, 3]))),
            *(claim(None, cid, rng.choice(parties)) for cid in change_ids),
        ))
    # VACUUM (it cannot run in a transaction, so no SET LOCAL here) sets the
    # visibility map, as autovacuum would in production before long: without it
    # no index-only scan is possible on freshly loaded tables. RESET returns to
    # the connection's production statement_timeout.
    with connection.cursor() as cursor:
        try:
            cursor.execute("SET statement_timeout = 0")
            for table in ("geodata_event", "geodata_claim", "geodata_controlchange", "geodata_place",
                          "geodata_alternatename", "geodata_source"):
                cursor.execute(f"VACUUM (ANALYZE) {table}")
        finally:
            cursor.execute("RESET statement_timeout")
    return time.perf_counter() - started


def generated_conflict(say_skipped=True):
    """The generator's conflict, at this VERSION, of any size (bench/scale_copy.py copies it up); else None,
    saying the benchmark is skipped."""
    from geodata.models import Conflict

    conflict = Conflict.objects.filter(slug=SLUG).first()
    if conflict is not None and VERSION in conflict.description:
        return conflict
    if say_skipped:
        print("no current benchmark data (bench/run.py generates it first); skipped")
    return None


# `make bench SCALE=1m` measures bench/scale_copy.py's 10x copy of the data in a database of its own.
SCALES = {"": 1, "100k": 1, "1m": 10}


def scale():
    """The events' multiple of N_EVENTS the SCALE environment variable asks for (1 or 10)."""
    value = os.environ.get("SCALE", "").lower()
    if value not in SCALES:
        sys.exit(f"SCALE={value!r}: expected one of {', '.join(repr(k) for k in SCALES if k)} (or unset)")
    return SCALES[value]


def is_current(events=N_EVENTS):
    from geodata.models import Event

    conflict = generated_conflict(say_skipped=False)
    # Published only: the public API (and so the benchmark) sees nothing else.
    return bool(conflict and Event.objects.published().filter(conflict=conflict).count() == events)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", action="store_true", help="remove the synthetic data and exit")
    parser.add_argument("--if-needed", action="store_true", help="keep the data if it is current")
    args = parser.parse_args(argv)
    setup_django()
    from django.conf import settings
    from django.db import connection, transaction

    print(f"database: {settings.DATABASES['default'].get('NAME')}", file=sys.stderr)
    if args.clean:
        with transaction.atomic(), connection.cursor() as cursor:
            bulk_load_settings(cursor)
            clean(cursor)
        print("removed the synthetic benchmark data")
        return 0
    if args.if_needed and is_current():
        print("the synthetic data is current: kept")
        return 0
    seconds = generate()
    print(f"generated {N_EVENTS} events, {N_PLACES} places, {N_CHANGES} control changes in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
