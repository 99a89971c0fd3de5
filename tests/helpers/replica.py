"""A real PostgreSQL streaming replica of this checkout's local cluster, for tests/test_replicas.py.

pg_basebackup -R copies var/pgdata into var/replica/data (standby.signal and
primary_conninfo written by -R), the copy gets its own unix socket directory
(var/replica/run) and socket port 5433 (no TCP), and pg_ctl starts it as the postgres
OS user, as scripts/pg.sh runs the primary. stop() removes it all.
"""

import os
import shutil
import subprocess
import time
from pathlib import Path

from tests.helpers.servers import ROOT

VAR = ROOT / "var"
PRIMARY_SOCKET = VAR / "run"
PORT = 5433


def pgbin():
    major = (VAR / "pgdata" / "PG_VERSION").read_text().strip()
    return Path(f"/usr/lib/postgresql/{major}/bin")


def as_postgres(*args, check=True, timeout=120, input=None):
    """Run a command as the postgres OS user (runuser as root, sudo otherwise), from /."""
    if os.environ.get("USER") == "postgres":
        prefix = []
    elif os.getuid() == 0:
        prefix = ["runuser", "-u", "postgres", "--"]
    else:
        prefix = ["sudo", "-u", "postgres", "--"]
    return subprocess.run(
        [*prefix, *map(str, args)], cwd="/", check=check, capture_output=True, text=True, timeout=timeout, input=input,
    )


class Replica:
    def __init__(self):
        self.base = VAR / "replica"
        self.data = self.base / "data"
        self.run_dir = self.base / "run"
        self.log = self.base / "postgresql.log"

    def start(self):
        self.stop()
        self.base.mkdir()
        if os.getuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
        as_postgres("mkdir", "-m", "700", self.data)
        as_postgres("mkdir", self.run_dir)
        as_postgres(pgbin() / "pg_basebackup", "-h", PRIMARY_SOCKET, "-p", 5432, "-U", "postgres",
                    "-D", self.data, "-R", "-X", "stream", "-c", "fast")
        # The copy has the primary's conflictmap.conf: its own socket directory and port instead.
        conf = f"listen_addresses = ''\nunix_socket_directories = '{self.run_dir}'\nport = {PORT}\nhot_standby = on\n"
        as_postgres("tee", self.data / "conflictmap.conf", input=conf)
        self.ctl("start", "-l", self.log, "-w", "-t", "60")
        return self

    def ctl(self, action, *args):
        result = as_postgres(pgbin() / "pg_ctl", "-D", self.data, *args, action, check=False)
        if result.returncode:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"pg_ctl {action} failed: {result.stderr}\n{log[-3000:]}")

    def sql(self, query, dbname="postgres"):
        result = subprocess.run(
            [pgbin() / "psql", "-X", "-At", "-h", self.run_dir, "-p", str(PORT), "-U", "postgres", "-d", dbname, "-c", query],
            capture_output=True, text=True, check=True, timeout=30,
        )
        return result.stdout.strip()

    def down(self):
        """Stop it hard (as a crash would), keeping its data."""
        self.ctl("stop", "-m", "immediate", "-w")

    def wait_streaming(self, timeout=60):
        deadline = time.monotonic() + timeout
        while self.sql("SELECT pg_is_in_recovery()") != "t" or not self.sql("SELECT status FROM pg_stat_wal_receiver"):
            if time.monotonic() > deadline:
                raise RuntimeError("replica not streaming")
            time.sleep(0.3)

    def stop(self):
        if (self.data / "PG_VERSION").exists():
            as_postgres(pgbin() / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", check=False)
        if self.base.exists():
            as_postgres("rm", "-rf", self.data, self.run_dir, check=False)
            shutil.rmtree(self.base)
