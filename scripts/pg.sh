#!/usr/bin/env bash
# Project-local PostgreSQL/PostGIS cluster under var/ (data var/pgdata, unix
# socket in var/run, log var/log/postgresql.log). It listens on NO TCP port, so
# several checkouts can run side by side: each one has its own socket directory.
#
#   scripts/pg.sh start    initdb if needed, start if not running, wait until
#                          ready, create the database and the postgis extension
#   scripts/pg.sh stop     stop this checkout's cluster (fine if not running)
#   scripts/pg.sh status   say whether this checkout's cluster is running
#
# initdb/pg_ctl refuse to run as root, so they run as the `postgres` OS user
# (runuser when root, sudo -u postgres otherwise), on directories it owns.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
VAR="$ROOT/var"
PGDATA="$VAR/pgdata"
RUN_DIR="$VAR/run"
LOG_DIR="$VAR/log"
LOG_FILE="$LOG_DIR/postgresql.log"
PG_OS_USER=postgres
PGPORT_LOCAL=5432          # only names the socket file; no TCP listener
DB_NAME="${DB_NAME:-conflictmap}"

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a command as the postgres OS user, from / (it may not be able to read our cwd).
as_pg() {
    if [ "$(id -un)" = "$PG_OS_USER" ]; then
        (cd / && "$@")
    elif is_root; then
        (cd / && runuser -u "$PG_OS_USER" -- "$@")
    elif command -v sudo >/dev/null 2>&1; then
        (cd / && sudo -u "$PG_OS_USER" -- "$@")
    else
        die "need to run '$1' as the '$PG_OS_USER' user, but this is not root and sudo is missing. Run 'make setup' as root or install sudo."
    fi
}

# Run a command as root (for creating directories owned by postgres).
as_root() {
    if is_root; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo -- "$@"
    else die "need root to run: $* (run as root or install sudo)"
    fi
}

owner_of() { stat -c '%U' "$1"; }

# Pick the PostgreSQL binaries: those matching an existing cluster, else the newest.
find_pgbin() {
    local bin
    if [ -f "$PGDATA/PG_VERSION" ]; then
        local major
        major="$(cat "$PGDATA/PG_VERSION")"
        bin="/usr/lib/postgresql/$major/bin"
        [ -x "$bin/pg_ctl" ] || die "var/pgdata was created by PostgreSQL $major but $bin/pg_ctl is missing. Install postgresql-$major (and postgresql-$major-postgis-3), or remove $PGDATA to start afresh (deletes local data)."
        PGBIN="$bin"; return
    fi
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -z "$bin" ] || [ ! -x "$bin/pg_ctl" ] || [ ! -x "$bin/initdb" ]; then
        if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
            bin="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
        else
            die "no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin and PATH). Install them: apt-get install postgresql postgresql-<MAJOR>-postgis-3 (or run 'make setup' as root / with sudo)."
        fi
    fi
    PGBIN="$bin"
}

pg_running() {
    [ -f "$PGDATA/PG_VERSION" ] || return 1
    as_pg "$PGBIN/pg_ctl" status -D "$PGDATA" >/dev/null 2>&1
}

# The postgres user must be able to traverse every ancestor of var/ (a checkout
# in a `mktemp -d` directory, mode 700, is the usual culprit).
ensure_traversable() {
    as_pg test -x "$VAR" 2>/dev/null && return 0
    local d path="" blocked=()
    IFS='/' read -r -a parts <<< "${VAR#/}"
    for d in "${parts[@]}"; do
        path="$path/$d"
        as_pg test -x "$path" 2>/dev/null && continue
        if is_root; then
            say "the '$PG_OS_USER' user cannot traverse $path: adding the search bit (chmod o+x $path)"
            chmod o+x "$path"
            as_pg test -x "$path" 2>/dev/null \
                || die "the '$PG_OS_USER' user still cannot traverse $path after chmod o+x; check its ACLs/mount options, or set DATABASE_URL to use another PostgreSQL/PostGIS server."
        elif [ "${#blocked[@]}" -eq 0 ] || [[ "$(stat -c %A "$path")" != *[xt] ]]; then
            # Below the first blocked directory test -x fails anyway: list only
            # those that visibly lack the search bit for others.
            blocked+=("$path")
        fi
    done
    [ "${#blocked[@]}" -eq 0 ] && return 0
    die "the '$PG_OS_USER' user cannot traverse: ${blocked[*]}. The local database lives under $VAR and runs as '$PG_OS_USER'. Fix with: chmod o+x ${blocked[*]}   (or set DATABASE_URL to use another PostgreSQL/PostGIS server)"
}

# Create a directory owned by postgres (or fix ownership of run/log dirs).
ensure_pg_dir() {
    local dir="$1" mode="$2" owner
    if [ ! -d "$dir" ]; then
        as_root install -d -o "$PG_OS_USER" -g "$(id -gn "$PG_OS_USER")" -m "$mode" "$dir"
        return
    fi
    owner="$(owner_of "$dir")"
    if [ "$owner" != "$PG_OS_USER" ]; then
        as_root chown "$PG_OS_USER:$(id -gn "$PG_OS_USER")" "$dir"
        as_root chmod "$mode" "$dir"
    fi
}

# Settings regenerated at every start, so a moved checkout still gets its own socket dir.
write_local_conf() {
    local esc="${RUN_DIR//\'/\'\'}"
    printf '%s\n' \
        "# Written by scripts/pg.sh at every start; do not edit." \
        "listen_addresses = ''" \
        "unix_socket_directories = '$esc'" \
        "port = $PGPORT_LOCAL" \
        "# Streaming replicas (the replica tests, docs/deployment.md): PostgreSQL's defaults, stated." \
        "wal_level = replica" \
        "max_wal_senders = 10" \
        | as_pg tee "$PGDATA/conflictmap.conf" >/dev/null
}

init_cluster() {
    if [ -e "$PGDATA" ]; then
        local owner
        owner="$(owner_of "$PGDATA")"
        [ "$owner" = "$PG_OS_USER" ] || die "$PGDATA is owned by '$owner', not '$PG_OS_USER'. Fix with: chown -R $PG_OS_USER: $PGDATA   (or remove it to start afresh: rm -rf $PGDATA, which deletes the local data)"
        [ -f "$PGDATA/PG_VERSION" ] && return 0
        [ -z "$(ls -A "$PGDATA" 2>/dev/null)" ] || die "$PGDATA exists but is not a PostgreSQL data directory. Remove it (rm -rf $PGDATA) and re-run."
    else
        ensure_pg_dir "$PGDATA" 700
    fi
    local locale=C
    if locale -a 2>/dev/null | grep -qiE '^c\.utf-?8$'; then locale=C.UTF-8; fi
    say "initialising local PostgreSQL cluster in var/pgdata (locale $locale)"
    as_pg "$PGBIN/initdb" -D "$PGDATA" --auth=trust --username=postgres -E UTF8 --locale="$locale" >"$VAR/initdb.log" 2>&1 \
        || { cat "$VAR/initdb.log" >&2; die "initdb failed (output above, also in var/initdb.log)."; }
    printf '\n# Project-local settings (socket directory, no TCP):\ninclude_if_exists = '\''conflictmap.conf'\''\n' \
        | as_pg tee -a "$PGDATA/postgresql.conf" >/dev/null
}

psql_local() {
    PGOPTIONS="-c client_min_messages=warning" "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$RUN_DIR" -p "$PGPORT_LOCAL" -U postgres "$@"
}

cmd_start() {
    find_pgbin
    local sock="$RUN_DIR/.s.PGSQL.$PGPORT_LOCAL" socklen
    socklen="$(printf '%s' "$sock" | wc -c)"
    if [ "$socklen" -gt 100 ]; then
        die "the unix socket path would be $socklen bytes, over the 100-byte limit: $sock. Move the checkout to a shorter path, or set DATABASE_URL to use another PostgreSQL/PostGIS server."
    fi
    if ! getent passwd "$PG_OS_USER" >/dev/null; then
        die "there is no '$PG_OS_USER' OS user (it comes with the postgresql package). Install postgresql, or set DATABASE_URL."
    fi
    mkdir -p "$VAR"
    ensure_traversable
    init_cluster
    ensure_pg_dir "$RUN_DIR" 755
    ensure_pg_dir "$LOG_DIR" 755
    if pg_running; then
        say "local PostgreSQL already running (socket $RUN_DIR)"
    else
        write_local_conf
        say "starting local PostgreSQL (socket $RUN_DIR, no TCP port; log var/log/postgresql.log)"
        if ! as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$LOG_FILE" -w -t 60 start >/dev/null; then
            echo "---- last lines of $LOG_FILE ----" >&2
            tail -n 30 "$LOG_FILE" >&2 || true
            die "PostgreSQL failed to start (log above). Fix the cause, or remove var/pgdata to start afresh (deletes local data)."
        fi
    fi
    local i
    for i in $(seq 1 60); do
        "$PGBIN/pg_isready" -q -h "$RUN_DIR" -p "$PGPORT_LOCAL" -U postgres -d postgres && break
        [ "$i" -eq 60 ] && { tail -n 30 "$LOG_FILE" >&2 || true; die "PostgreSQL did not become ready within 30 s (log above)."; }
        sleep 0.5
    done
    if [ "$(psql_local -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '${DB_NAME//\'/\'\'}'")" != 1 ]; then
        say "creating database $DB_NAME"
        "$PGBIN/createdb" -h "$RUN_DIR" -p "$PGPORT_LOCAL" -U postgres "$DB_NAME"
    fi
    if [ "$(psql_local -d "$DB_NAME" -tAc "SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'")" = 0 ]; then
        die "the PostGIS extension is not available for PostgreSQL in $PGBIN. Install postgresql-$(basename "$(dirname "$PGBIN")")-postgis-3."
    fi
    psql_local -d "$DB_NAME" -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
}

cmd_stop() {
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
        say "no local PostgreSQL cluster in var/pgdata; nothing to stop"
        return 0
    fi
    find_pgbin
    if pg_running; then
        say "stopping local PostgreSQL (var/pgdata)"
        as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 60 stop >/dev/null
    else
        say "local PostgreSQL is not running"
    fi
}

cmd_status() {
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
        echo "no local cluster (var/pgdata)"; return 3
    fi
    find_pgbin
    if pg_running; then echo "running (socket $RUN_DIR, database $DB_NAME)"; else echo "stopped"; return 3; fi
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
