"""The backup drill (scripts/dbbackup.py, `make backup` / `make restore`) against the real cluster.

The demo conflict is committed to the test database (transactional_db: flushed afterwards),
backed up, restored into a new database and verified by the script itself (row counts,
migrate --check, public pages); the test then checks the restored data on its own.
"""

import json
import subprocess
import sys

import psycopg
import pytest

from tests.helpers.servers import ROOT, database_url

SCRIPT = str(ROOT / "scripts" / "dbbackup.py")


@pytest.fixture
def source(transactional_db):
    from django.db import connection

    from geodata import demo

    demo.load()
    return dict(connection.settings_dict)


def admin_connection(db):
    return psycopg.connect(
        dbname="postgres", user=db["USER"] or "postgres", password=db["PASSWORD"] or None,
        host=str(db["HOST"]) if db["HOST"] else None, port=db["PORT"] or None, autocommit=True,
    )


def run(db, *args, **env):
    full_env = {"DATABASE_URL": database_url(db), "PATH": "/usr/bin:/bin", **env}
    return subprocess.run([sys.executable, SCRIPT, *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=300)


def test_it_backs_up_and_restores_into_a_new_verified_database(source, tmp_path):
    backup = run(source, "backup", BACKUP_DIR=str(tmp_path))
    assert backup.returncode == 0, backup.stderr
    dump = tmp_path / backup.stdout.strip().rsplit("/", 1)[-1]
    checksum = dump.with_name(dump.name + ".sha256").read_text()
    assert checksum.split() == [checksum.split()[0], dump.name] and len(checksum.split()[0]) == 64
    counts = json.loads(dump.with_name(dump.name.removesuffix(".dump") + ".counts.json").read_text())
    assert counts["database"] == source["NAME"] and counts["tables"]["public.geodata_event"] > 0

    target = f"{source['NAME']}_drill"
    try:
        restore = run(source, "restore", str(dump), RESTORE_DB=target)
        assert restore.returncode == 0, restore.stderr
        for step in ("checksum ok", "row counts ok", "migrations ok", "public pages ok", f"restore verified: {target}"):
            assert step in restore.stderr
        # Independently of the script: the restored database has the source's published conflict and events.
        with psycopg.connect(**{**conninfo(source), "dbname": target}) as restored:
            assert restored.execute("SELECT slug FROM geodata_conflict").fetchall() == [("nagorno-karabakh-2020",)]
            assert restored.execute("SELECT count(*) FROM geodata_event").fetchone()[0] == counts["tables"]["public.geodata_event"]
        # Never over an existing database.
        again = run(source, "restore", str(dump), RESTORE_DB=target)
        assert again.returncode == 1 and "already exists" in again.stderr
    finally:
        with admin_connection(source) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')


def test_it_refuses_a_corrupted_backup_before_creating_anything(source, tmp_path):
    backup = run(source, "backup", BACKUP_DIR=str(tmp_path))
    assert backup.returncode == 0, backup.stderr
    dump = tmp_path / backup.stdout.strip().rsplit("/", 1)[-1]
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    target = f"{source['NAME']}_corrupt"
    restore = run(source, "restore", str(dump), RESTORE_DB=target)
    assert restore.returncode == 1 and "checksum mismatch" in restore.stderr
    with admin_connection(source) as admin:
        assert admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target]).fetchone() is None


def conninfo(db):
    return {"user": db["USER"] or "postgres", "password": db["PASSWORD"] or None,
            "host": str(db["HOST"]) if db["HOST"] else None, "port": db["PORT"] or None}
