"""Backups of the database and the restore drill (`make backup`, `make restore FILE=...`).

    .venv/bin/python scripts/dbbackup.py backup            # into BACKUP_DIR (default var/backups/)
    .venv/bin/python scripts/dbbackup.py restore FILE       # into a NEW database, then verified

The database is the one the settings use (DATABASE_URL, or the local cluster's DB_NAME).
A backup is three files with one stem: `<stem>.dump` (pg_dump custom format), `<stem>.dump.sha256`
(sha256sum's format) and `<stem>.counts.json` (the exact row count of every table, counted
in the very snapshot pg_dump dumps, via pg_export_snapshot, so they agree even under writes).

A restore verifies the checksum first, restores into a database that must not exist yet
(RESTORE_DB, default `<source>_restore_<UTC time>`), then checks it: the row count of every
table against the backup's counts, `manage.py migrate --check`, and the public pages and the
API rendered from it. It never touches the source database. Exit 0 only if all of it passes.
"""

import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")
# The script only reads the connection settings; it needs no SECRET_KEY.
os.environ.setdefault("ALLOW_INSECURE_SECRET_KEY", "1")


class Failure(Exception):
    pass


def say(message):
    print(f"==> {message}", file=sys.stderr, flush=True)


def db_settings():
    import django
    from django.conf import settings

    django.setup()
    return dict(settings.DATABASES["default"])


def libpq_env(db, name=None):
    """PG* variables for pg_dump/pg_restore/psycopg from Django's connection settings."""
    env = dict(os.environ)
    for var, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    env["PGDATABASE"] = name or db["NAME"]
    return env


def connect(db, name=None, **kwargs):
    import psycopg

    return psycopg.connect(
        dbname=name or db["NAME"], user=db.get("USER") or None, password=db.get("PASSWORD") or None,
        host=str(db["HOST"]) if db.get("HOST") else None, port=db.get("PORT") or None, **kwargs,
    )


def pg_tool(name, connection):
    """The client matching the server's major version when installed (Debian's layout), else PATH's."""
    major = connection.info.server_version // 10000
    candidate = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        raise Failure(f"{name} not found: install the PostgreSQL {major} client (apt-get install postgresql-client-{major})")
    return found


def row_counts(cursor):
    cursor.execute(
        "SELECT schemaname, tablename FROM pg_tables"
        " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
    )
    counts = {}
    for schema, table in cursor.fetchall():
        cursor.execute(f'SELECT count(*) FROM "{schema}"."{table}"')
        counts[f"{schema}.{table}"] = cursor.fetchone()[0]
    return counts


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup():
    db = db_settings()
    directory = Path(os.environ.get("BACKUP_DIR") or ROOT / "var" / "backups")
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    stem = directory / f"{db['NAME']}-{stamp}"
    dump = stem.with_name(stem.name + ".dump")
    partial = dump.with_name(dump.name + ".partial")
    # One repeatable-read transaction holds the snapshot while pg_dump dumps it and we count it.
    with connect(db) as connection:
        connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        say(f"pg_dump -Fc {db['NAME']} -> {dump}")
        result = subprocess.run(
            [pg_tool("pg_dump", connection), "-Fc", "--snapshot", snapshot, "-f", str(partial)],
            env=libpq_env(db), stderr=subprocess.PIPE, text=True,
        )
        if result.returncode:
            partial.unlink(missing_ok=True)
            raise Failure(f"pg_dump failed ({result.returncode}): {result.stderr.strip()}")
        with connection.cursor() as cursor:
            counts = row_counts(cursor)
        connection.rollback()
    partial.rename(dump)
    dump.with_name(dump.name + ".sha256").write_text(f"{sha256(dump)}  {dump.name}\n")
    stem.with_name(stem.name + ".counts.json").write_text(
        json.dumps({"database": db["NAME"], "taken_at": stamp, "tables": counts}, indent=1, sort_keys=True) + "\n"
    )
    say(f"done: {dump} ({dump.stat().st_size} bytes, {len(counts)} tables, checksum and counts beside it)")
    print(dump)


def database_url(db, name):
    user = urllib.parse.quote(db.get("USER") or "postgres", safe="")
    password = db.get("PASSWORD") or ""
    auth = user + (":" + urllib.parse.quote(password, safe="") if password else "")
    host = urllib.parse.quote(str(db.get("HOST") or ""), safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgis://{auth}@{host}{port}/{urllib.parse.quote(name)}"


def restore(path):
    dump = Path(path)
    if not dump.is_file():
        raise Failure(f"{dump}: no such file")
    checksum_file = dump.with_name(dump.name + ".sha256")
    counts_file = dump.with_name(dump.name.removesuffix(".dump") + ".counts.json")
    for needed in (checksum_file, counts_file):
        if not needed.is_file():
            raise Failure(f"{needed} is missing: a backup is the .dump with its .sha256 and .counts.json")
    expected = checksum_file.read_text().split()[0]
    actual = sha256(dump)
    if actual != expected:
        raise Failure(f"checksum mismatch for {dump}: {actual}, but {checksum_file.name} says {expected}")
    say(f"checksum ok ({actual})")
    source = json.loads(counts_file.read_text())
    db = db_settings()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S")
    target = os.environ.get("RESTORE_DB") or f"{source['database']}_restore_{stamp}"
    with connect(db, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target]).fetchone():
            raise Failure(f"database {target} already exists: a restore goes into a new database (set RESTORE_DB)")
        say(f"creating database {target}")
        connection.execute(f'CREATE DATABASE "{target}" TEMPLATE template0')
        restore_bin = pg_tool("pg_restore", connection)
    say(f"pg_restore {dump.name} -> {target}")
    result = subprocess.run(
        [restore_bin, "--no-owner", "--no-privileges", "--exit-on-error", "-d", target, str(dump)],
        env=libpq_env(db, target), stderr=subprocess.PIPE, text=True,
    )
    if result.returncode:
        raise Failure(f"pg_restore failed ({result.returncode}) into {target} (left for inspection): {result.stderr.strip()}")
    with connect(db, target) as connection, connection.cursor() as cursor:
        restored = row_counts(cursor)
    differences = {
        table: (source["tables"].get(table), restored.get(table))
        for table in sorted(set(source["tables"]) | set(restored))
        if source["tables"].get(table) != restored.get(table)
    }
    if differences:
        raise Failure(f"row counts differ in {target} (table: backup, restored): {differences}")
    say(f"row counts ok ({len(restored)} tables, {sum(restored.values())} rows)")
    env = {**os.environ, "DATABASE_URL": database_url(db, target), "DEBUG": "0", "STATIC_MANIFEST": "0", "LOG_LEVEL": "WARNING"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    check = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check", "--plan"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    if check.returncode:
        raise Failure(f"migrate --check: {target} has unapplied migrations:\n{check.stdout}")
    say("migrations ok (migrate --check)")
    pages = subprocess.run(
        [sys.executable, __file__, "render-public"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    if pages.returncode:
        raise Failure(f"public pages from {target} failed:\n{pages.stdout}")
    say(pages.stdout.strip())
    say(f"restore verified: {target}")
    print(target)


def render_public():
    """Run in a child process pointed at the restored database: its public pages and API answer."""
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    host = next((h for h in settings.ALLOWED_HOSTS if h not in ("*",) and not h.startswith(".")), "localhost")
    client = Client(HTTP_HOST=host)
    conflicts = client.get("/api/conflicts/", secure=True)
    if conflicts.status_code != 200:
        raise Failure(f"/api/conflicts/ answered {conflicts.status_code}")
    data = conflicts.json()
    slugs = [c["slug"] for c in (data.get("results", data) if isinstance(data, dict) else data)]
    paths = ["/"] + [f"/conflicts/{slug}/" for slug in slugs]
    for path in paths:
        response = client.get(path, secure=True)
        if response.status_code != 200:
            raise Failure(f"{path} answered {response.status_code}")
    listing = client.get("/", secure=True).content.decode()
    missing = [slug for slug in slugs if slug not in listing]
    if missing:
        raise Failure(f"the conflict list does not show {missing}")
    print(f"public pages ok: /api/conflicts/ ({len(slugs)} published conflicts), {', '.join(paths)}")


def main(argv):
    try:
        if argv[:1] == ["backup"] and len(argv) == 1:
            backup()
        elif argv[:1] == ["restore"] and len(argv) == 2 and argv[1]:
            restore(argv[1])
        elif argv == ["render-public"]:
            render_public()
        else:
            print("usage: dbbackup.py backup | restore FILE.dump", file=sys.stderr)
            return 2
    except Failure as failure:
        print(f"ERROR: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
