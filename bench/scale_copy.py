"""A 10x copy of the benchmark data for the 1M-event paging figure (bench/bench_paging.py).

    PGHOST=var/run python bench/scale_copy.py [--factor 9]

Makes the database conflictmap_bench1m from conflictmap_bench (CREATE DATABASE ... TEMPLATE:
`make bench` must have generated the 100k data; the source must have no other connection),
then copies the synthetic conflict's events `factor` more times (the same dates, places
and parties; ids shifted by n x 1,000,000) with their claims (ids shifted by n x 10,000,000),
so 100,000 events become 1,000,000 with ~1.4M claims. Rows are copied with INSERT ... SELECT
under session_replication_role = replica (no history triggers, no foreign-key checks: the
copies reference rows that exist), then the tables are analysed. Not part of `make bench`:
about 2 minutes on the shared machine and a few GB of disk.

    DB_NAME=conflictmap_bench1m DEBUG=0 ALLOW_INSECURE_SECRET_KEY=1 python bench/bench_paging.py
"""

import argparse
import os
import time

import psycopg

SOURCE, TARGET = "conflictmap_bench", "conflictmap_bench1m"


def columns(cursor, table):
    cursor.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position", [table]
    )
    return [row[0] for row in cursor.fetchall()]


def data_version(host, dbname):
    """The synthetic conflict's (description, published events) in `dbname`, or None."""
    try:
        with psycopg.connect(host=host, user="postgres", dbname=dbname) as conn:
            row = conn.execute(
                "SELECT c.description, (SELECT count(*) FROM geodata_event e WHERE e.conflict_id = c.id"
                " AND e.state = 'published') FROM geodata_conflict c WHERE c.slug = 'bench-synthetic'").fetchone()
    except psycopg.OperationalError:  # no such database
        return None
    return row


def is_current(host, factor):
    source, target = data_version(host, SOURCE), data_version(host, TARGET)
    return bool(source and target and source[0] == target[0] and target[1] == source[1] * (factor + 1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=9, help="copies added (9: 100k -> 1M events)")
    parser.add_argument("--if-needed", action="store_true",
                        help="keep the copy if it holds the source's data version with the events expected")
    args = parser.parse_args()
    host = os.environ.get("PGHOST", os.path.abspath("var/run"))
    if args.if_needed and is_current(host, args.factor):
        print(f"{TARGET} is current: kept")
        return
    with psycopg.connect(host=host, user="postgres", dbname="postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {TARGET}")
        admin.execute(f"CREATE DATABASE {TARGET} TEMPLATE {SOURCE}")
    started = time.perf_counter()
    with psycopg.connect(host=host, user="postgres", dbname=TARGET, autocommit=True) as conn:
        cursor = conn.cursor()
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET statement_timeout = 0")
        cursor.execute("SELECT id FROM geodata_conflict WHERE slug = 'bench-synthetic'")
        (conflict,) = cursor.fetchone()
        event_columns = columns(cursor, "geodata_event")
        shifted = {
            "id": "id + g * 1000000",
            "external_id": "CASE WHEN external_id = '' THEN '' ELSE external_id || '-c' || g END",
        }
        cursor.execute(
            f"INSERT INTO geodata_event ({', '.join(event_columns)}) OVERRIDING SYSTEM VALUE "
            f"SELECT {', '.join(shifted.get(c, c) for c in event_columns)} FROM geodata_event, "
            "generate_series(1, %s) g WHERE conflict_id = %s AND id < 1000000",
            [args.factor, conflict],
        )
        print(f"events copied: {cursor.rowcount}", flush=True)
        claim_columns = columns(cursor, "geodata_claim")
        shifted = {"id": "c.id + g * 10000000", "event_id": "c.event_id + g * 1000000"}
        cursor.execute(
            f"INSERT INTO geodata_claim ({', '.join(claim_columns)}) OVERRIDING SYSTEM VALUE "
            f"SELECT {', '.join(shifted.get(c, 'c.' + c) for c in claim_columns)} FROM geodata_claim c "
            "JOIN geodata_event e ON e.id = c.event_id, generate_series(1, %s) g "
            "WHERE e.conflict_id = %s AND e.id < 1000000",
            [args.factor, conflict],
        )
        print(f"claims copied: {cursor.rowcount}", flush=True)
        # The ids were given (OVERRIDING SYSTEM VALUE): move the identities past them, or the next
        # insert (an import benchmarked on the copy) collides with a copied row.
        for table in ("geodata_event", "geodata_claim"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        cursor.execute("VACUUM (ANALYZE) geodata_event")
        cursor.execute("VACUUM (ANALYZE) geodata_claim")
    print(f"{TARGET} ready in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
