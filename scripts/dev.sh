#!/usr/bin/env bash
# `make run`: the development server and, beside it, the task worker that runs background jobs (the admin's
# ACLED uploads). Both stop together (Ctrl-C). The worker's output goes to var/log/worker.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PORT="${1:-8000}"
export DEBUG=1
mkdir -p var/log
.venv/bin/python manage.py db_worker --interval 1 >> var/log/worker.log 2>&1 &
worker=$!
trap 'kill "$worker" 2>/dev/null || true; wait "$worker" 2>/dev/null || true' EXIT INT TERM
echo "==> task worker started (pid $worker, log var/log/worker.log)"
.venv/bin/python manage.py runserver "127.0.0.1:$PORT"
