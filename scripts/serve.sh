#!/usr/bin/env bash
# `make serve`: the production server (gunicorn, deploy/gunicorn.conf.py) with DEBUG off
# and the static files collected, hashed and compressed (WhiteNoise's manifest storage).
#
# Environment: PORT (default 8000), everything deploy/gunicorn.conf.py and
# conflictmap/settings.py read. Without SECRET_KEY this is a local trial: the
# insecure development key and plain http (ALLOW_INSECURE_SECRET_KEY=1), but still
# the collected static files, so what is served is what production serves.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$ROOT"
export DEBUG=0 STATIC_MANIFEST=1
if [ -z "${SECRET_KEY:-}" ]; then
    echo "==> SECRET_KEY is not set: local trial (insecure key, http only); set SECRET_KEY for production" >&2
    export ALLOW_INSECURE_SECRET_KEY=1
fi
# collectstatic compresses every file again on each run (minutes on a busy machine): skip it
# when neither the static sources, the pinned packages (their static files), nor the minifying storage changed.
stamp="$( { find static geodata/static -type f -printf '%P %s %T@\n' 2>/dev/null | sort; cat requirements/base.txt package-lock.json conflictmap/staticstorage.py; echo "minify=${MINIFY_STATIC:-1}"; } | sha256sum | cut -d' ' -f1)"
if [ -f var/static/staticfiles.json ] && [ "$(cat var/static/.collected 2>/dev/null)" = "$stamp" ]; then
    echo "==> static files unchanged since the last collectstatic (var/static)" >&2
else
    echo "==> collectstatic (hashed, compressed) into var/static" >&2
    .venv/bin/python manage.py collectstatic --noinput -v 0
    printf '%s\n' "$stamp" > var/static/.collected
fi
# The task worker (the admin's ACLED uploads) beside the web server, unless the deployment runs it as a
# service of its own (SERVE_TASK_WORKER=0). Stopped with the server: both are in this process group.
if [ "${SERVE_TASK_WORKER:-1}" != 0 ]; then
    mkdir -p var/log
    .venv/bin/python manage.py db_worker >> var/log/worker.log 2>&1 &
    worker=$!
    trap 'kill "$worker" 2>/dev/null || true' EXIT
    echo "==> task worker started (pid $worker, log var/log/worker.log)" >&2
    .venv/bin/gunicorn -c deploy/gunicorn.conf.py
else
    exec .venv/bin/gunicorn -c deploy/gunicorn.conf.py
fi
