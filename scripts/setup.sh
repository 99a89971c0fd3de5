#!/usr/bin/env bash
# Shared set-up for `make run` / `make test` / `make setup`. Idempotent: a
# re-run with nothing changed does no network access and takes seconds.
#
#   scripts/setup.sh               full set-up (see steps below)
#   scripts/setup.sh check-port N  fail with a clear message if 127.0.0.1:N is taken
#
# Steps: 1. system packages (apt-get, only when missing)
#        2. .venv + pip install -r requirements/dev.txt (base + test + dev tools,
#           hashed pins; only when a requirements/*.txt changed)
#        3. npm ci (only when package-lock.json changed) + copy into static/vendor/
#        4. database: project-local PostGIS cluster under var/ (scripts/pg.sh),
#           or, when DATABASE_URL is set, just a connectivity check
#        5. manage.py migrate + load_demo
#
# Environment: PYTHON (interpreter for creating .venv, default python3),
#              DATABASE_URL (use that server instead of the local cluster),
#              LOAD_DEMO=0 (do not load the demo conflict).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"
VPY="$VENV/bin/python"

say() { printf '==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }
sha() { sha256sum "$1" | cut -d' ' -f1; }

# --------------------------------------------------------------------------
# check-port: used by `make run` before starting runserver.
# --------------------------------------------------------------------------
check_port() {
    local port="$1"
    [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] \
        || die "PORT must be a number between 1 and 65535, got '$port'."
    "$VPY" - "$port" <<'EOF'
import socket, sys
port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # ignore TIME_WAIT leftovers
try:
    s.bind(("127.0.0.1", port))
except OSError as exc:
    sys.exit(
        f"ERROR: port {port} on 127.0.0.1 is already in use ({exc.strerror}).\n"
        f"       See what holds it with: ss -ltnp 'sport = :{port}'\n"
        f"       Stop it, or use another port: make run PORT={port + 1}"
    )
finally:
    s.close()
EOF
}

# --------------------------------------------------------------------------
# 1. System packages
# --------------------------------------------------------------------------
pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }

APT_UPDATED=0
apt_install() {
    [ "$#" -gt 0 ] || return 0
    local runner=()
    if is_root; then
        runner=()
    elif command -v sudo >/dev/null 2>&1; then
        runner=(sudo)
    else
        die "missing system packages: $*. Install them as root (apt-get install $*) or install sudo, then re-run."
    fi
    command -v apt-get >/dev/null 2>&1 || die "missing system packages: $*. apt-get is not available: install them with your package manager, then re-run."
    say "installing system packages: $*"
    if [ "$APT_UPDATED" -eq 0 ]; then
        "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
        APT_UPDATED=1
    fi
    "${runner[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

pg_major() {
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin/postgres 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$d" ] && basename "$(dirname "$(dirname "$d")")"
}

system_packages() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        say "not a Debian/Ubuntu system: skipping the package check. Make sure PostgreSQL with PostGIS 3, GDAL/GEOS/PROJ, python3 venv, node+npm, chromium and DejaVu fonts are installed."
        return 0
    fi
    local os_id="" need=()
    os_id="$(. /etc/os-release 2>/dev/null && echo "${ID:-}")" || true

    [ -n "$(pg_major)" ] || need+=(postgresql)
    local p
    # gettext: compilemessages (the .mo catalogues are built here, not committed) and makemessages.
    for p in gdal-bin python3-venv fonts-dejavu-core gettext; do
        pkg_installed "$p" || need+=("$p")
    done
    command -v node >/dev/null 2>&1 || pkg_installed nodejs || need+=(nodejs)
    command -v npm >/dev/null 2>&1 || need+=(npm)
    if ! pkg_installed chromium && ! pkg_installed chromium-browser \
        && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
        if [ "$os_id" = ubuntu ]; then need+=(chromium-browser); else need+=(chromium); fi
    fi
    apt_install "${need[@]}"

    # PostGIS must match the installed server's major version (known only now).
    local major
    major="$(pg_major)"
    [ -n "$major" ] || die "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin after installing 'postgresql'. Install a PostgreSQL server package, then re-run."
    pkg_installed "postgresql-$major-postgis-3" || apt_install "postgresql-$major-postgis-3"
}

# --------------------------------------------------------------------------
# 2. Python virtualenv
# --------------------------------------------------------------------------
python_env() {
    if [ ! -x "$VPY" ] || ! "$VPY" -c 'import sys' >/dev/null 2>&1; then
        command -v "$PYTHON" >/dev/null 2>&1 || die "'$PYTHON' not found. Install python3 (3.11+), or set PYTHON=/path/to/python3."
        "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
            || die "$PYTHON is $("$PYTHON" -V 2>&1); 3.11 or newer is needed. Set PYTHON=/path/to/python3.11+."
        say "creating .venv with $("$PYTHON" -V 2>&1)"
        rm -rf "$VENV"
        "$PYTHON" -m venv "$VENV" || die "could not create .venv (on Debian/Ubuntu install python3-venv)."
    fi
    local want have=""
    # dev.txt = base.txt (production) + test.txt + dev tools; stamp on all three locks.
    want="$(cat requirements/*.txt | sha256sum | cut -d' ' -f1)"
    [ -f "$VENV/.requirements.sha256" ] && have="$(cat "$VENV/.requirements.sha256")"
    if [ "$want" != "$have" ]; then
        say "installing Python packages (requirements/*.txt changed)"
        "$VPY" -m pip install --disable-pip-version-check -q --require-hashes -r requirements/dev.txt
        echo "$want" > "$VENV/.requirements.sha256"
    fi
}

# --------------------------------------------------------------------------
# 3. Front-end packages -> static/vendor/
# --------------------------------------------------------------------------
VENDOR_LAYOUT=3   # bump when the list of copied files changes

pkg_field() { node -p "require('./node_modules/$1/package.json').$2"; }

copy_vendor() {
    local tmp="static/vendor.tmp.$$"
    rm -rf "$tmp"
    mkdir -p "$tmp/leaflet" "$tmp/topojson-client" "$tmp/world-atlas" "$tmp/noto-sans-armenian"
    cp -R node_modules/leaflet/dist/. "$tmp/leaflet/"
    cp node_modules/leaflet/LICENSE "$tmp/leaflet/LICENSE"
    # Leaflet as a minified ES module (static/js/map/leaflet.js imports it): its minified UMD
    # build with `exports`/`module` declared, so the bundle takes its CommonJS branch, and a
    # default export; noConflict() takes back the window.L the bundle sets.
    {
        printf 'const exports = {}, module = {}; '
        grep -v '^//# sourceMappingURL=' node_modules/leaflet/dist/leaflet.js
        printf 'export default exports.noConflict();\n//# sourceMappingURL=leaflet.js.map\n'
    } > "$tmp/leaflet/leaflet.esm.min.js"
    cp node_modules/topojson-client/dist/topojson-client.min.js "$tmp/topojson-client/"
    cp node_modules/topojson-client/LICENSE "$tmp/topojson-client/LICENSE"
    cp node_modules/world-atlas/countries-50m.json node_modules/world-atlas/countries-110m.json "$tmp/world-atlas/"
    cp node_modules/world-atlas/LICENSE "$tmp/world-atlas/LICENSE"
    # Armenian script without a request elsewhere (static/css/fonts.css): the armenian and latin
    # subsets, regular and bold, woff2 only (every browser we support reads it).
    local font=node_modules/@fontsource/noto-sans-armenian
    local subset weight
    for subset in armenian latin; do
        for weight in 400 700; do
            cp "$font/files/noto-sans-armenian-$subset-$weight-normal.woff2" "$tmp/noto-sans-armenian/"
        done
    done
    cp "$font/LICENSE" "$tmp/noto-sans-armenian/LICENSE"
    {
        echo "Third-party front-end files, copied from node_modules/ by scripts/setup.sh."
        echo "Generated; do not edit (static/vendor/ is git-ignored). Each package's licence"
        echo "file is copied alongside its files."
        echo
        local p
        local dir
        for p in leaflet topojson-client world-atlas @fontsource/noto-sans-armenian; do
            dir="${p#@fontsource/}"
            printf '%s %s\n  licence: %s, see %s/LICENSE\n  source:  %s\n' \
                "$p" "$(pkg_field "$p" version)" "$(pkg_field "$p" license)" "$dir" \
                "$(node -p "(p => (p.repository && (p.repository.url || p.repository)) || p.homepage || '')(require('./node_modules/$p/package.json'))")"
        done
        echo
        echo "world-atlas: the country shapes are derived from Natural Earth (public domain),"
        echo "  https://www.naturalearthdata.com/about/terms-of-use/"
    } > "$tmp/LICENSES"
    rm -rf static/vendor
    mv "$tmp" static/vendor
}

frontend() {
    command -v npm >/dev/null 2>&1 || die "npm not found. Install nodejs and npm, then re-run."
    local want have=""
    want="$(sha package-lock.json)"
    [ -f node_modules/.conflictmap-lock.sha256 ] && have="$(cat node_modules/.conflictmap-lock.sha256)"
    if [ "$want" != "$have" ]; then
        say "installing front-end packages (npm ci; package-lock.json changed)"
        npm ci --no-audit --no-fund --loglevel=error
        echo "$want" > node_modules/.conflictmap-lock.sha256
    fi
    # var/static is STATIC_ROOT (collectstatic output); WhiteNoise warns if it is missing.
    mkdir -p static var/static
    have=""
    [ -f static/vendor/.stamp ] && have="$(cat static/vendor/.stamp)"
    if [ "$have" != "$VENDOR_LAYOUT $want" ]; then
        say "copying front-end files into static/vendor/"
        copy_vendor
        echo "$VENDOR_LAYOUT $want" > static/vendor/.stamp
    fi
}

# --------------------------------------------------------------------------
# 4./5. Database and Django
# --------------------------------------------------------------------------
manage() {
    # Settings refuse to load without SECRET_KEY unless DEBUG or this flag is set.
    ALLOW_INSECURE_SECRET_KEY="${ALLOW_INSECURE_SECRET_KEY:-1}" "$VPY" manage.py "$@"
}

database() {
    if [ -n "${DATABASE_URL:-}" ]; then
        say "DATABASE_URL is set: using that server (no local cluster); checking the connection"
        ALLOW_INSECURE_SECRET_KEY="${ALLOW_INSECURE_SECRET_KEY:-1}" DJANGO_SETTINGS_MODULE=conflictmap.settings \
            "$VPY" -c '
import sys, django
django.setup()
from django.db import connection
try:
    connection.ensure_connection()
except Exception as exc:
    sys.exit(f"ERROR: cannot connect to DATABASE_URL: {exc}\n       Check DATABASE_URL, or unset it to use the project-local cluster.")
' || exit 1
    else
        bash "$ROOT/scripts/pg.sh" start
    fi
}

# The migrations were squashed into 0001_initial + 0002_database_rules before any production
# database existed: a database migrated with the old set (0003..0006 recorded) would be left
# without the triggers the new 0001 declares, so it is refused with what to do.
refuse_pre_squash_database() {
    local old
    old="$(manage shell -c "from django.db import connection
names = connection.introspection.table_names()
if 'django_migrations' in names:
    with connection.cursor() as c:
        c.execute(\"SELECT count(*) FROM django_migrations WHERE app = 'geodata' AND name IN ('0003_editors_group', '0006_event_published_index')\")
        print(c.fetchone()[0])
else:
    print(0)" 2>/dev/null | tail -1)"
    if [ "${old:-0}" != 0 ]; then
        die "this database was migrated before the migrations were squashed (issue 8). Recreate it: 'make stop && rm -rf var/pgdata && make setup' for the local cluster, or drop and recreate the DATABASE_URL database."
    fi
}

# The interface's translations: locale/*/LC_MESSAGES/*.po are the sources (committed), the .mo
# files Django reads are compiled here whenever a .po is newer than its .mo (docs/i18n.md).
translations() {
    local po stale=0
    for po in "$ROOT"/locale/*/LC_MESSAGES/*.po; do
        [ -e "$po" ] || continue
        [ "$po" -nt "${po%.po}.mo" ] && stale=1
    done
    if [ "$stale" = 1 ]; then
        say "compiling translations"
        (cd "$ROOT" && manage compilemessages --ignore=.venv --ignore=node_modules >/dev/null)
    fi
}

django_setup() {
    translations
    refuse_pre_squash_database
    say "applying migrations"
    manage migrate --noinput
    # LOAD_DEMO=0 skips the demo conflict (a production database).
    if [ "${LOAD_DEMO:-1}" = 0 ]; then
        say "LOAD_DEMO=0: not loading the demo data"
    else
        say "loading demo data"
        manage load_demo
    fi
}

main() {
    local t0=$SECONDS
    system_packages
    python_env
    frontend
    database
    django_setup
    say "set-up done in $((SECONDS - t0)) s"
}

case "${1:-}" in
    "") main ;;
    check-port) check_port "${2:?usage: $0 check-port PORT}" ;;
    *) echo "usage: $0 [check-port PORT]" >&2; exit 2 ;;
esac
