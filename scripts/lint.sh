#!/usr/bin/env bash
# Static checks run by `make test` (and so by CI): Python lint, the public-data boundary,
# migrations in step with the models. The JavaScript checks are `npm run lint` / `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV_BIN=.venv/bin
echo "==> ruff (Python lint)"
"$VENV_BIN/ruff" check .
echo "==> import-linter (public code reads data only through geodata.public)"
DEBUG=1 "$VENV_BIN/lint-imports" --no-cache
echo "==> makemigrations --check (models and migrations agree)"
DEBUG=1 "$VENV_BIN/python" manage.py makemigrations --check --dry-run
