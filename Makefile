# Thin wrapper: the logic lives in scripts/setup.sh and scripts/pg.sh.
#   make setup   system packages, .venv, static/vendor, local PostGIS, migrate, demo data
#   make run     setup, then the development server on 127.0.0.1:$(PORT) (DEBUG=1) and the task worker
#   make backup  pg_dump -Fc + checksum + row counts into BACKUP_DIR (default var/backups/)
#   make restore FILE=...  restore a backup into a NEW database and verify it (docs/deployment.md#backups)
#   make serve   setup, then the production server (gunicorn, DEBUG=0, collected static) on 127.0.0.1:$(PORT)
#   make test    setup, then the whole test suite (extra pytest options: PYTEST_ARGS=...)
#   make stop    stop this checkout's local PostgreSQL (var/pgdata)
#   make manage ARGS="..."  manage.py with the development settings, e.g. ARGS="create_editor alice"
#   make bench   API benchmarks on synthetic data in its own database (BENCH_DB), prints ratios
#   make screenshot  docs/screenshot.png (and screenshot-hy.png, -az.png) of the map (demo data and territory, 2020-11-08), via the browser tests
#   make lock    recompile requirements/*.txt (hashed pins) from requirements/*.in (LOCK_ARGS=--upgrade ...)
# Set DATABASE_URL to use another PostgreSQL/PostGIS server instead of the local one.

SHELL := /bin/bash
PORT ?= 8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := setup
.PHONY: setup run test lint test-js stop manage bench bench-clean screenshot lock serve backup restore

setup:
	@bash scripts/setup.sh

run: setup
	@bash scripts/setup.sh check-port $(PORT)
	@bash scripts/dev.sh $(PORT)

# gunicorn with deploy/gunicorn.conf.py after collectstatic (docs/deployment.md#serving).
serve: setup
	@bash scripts/setup.sh check-port $(PORT)
	PORT=$(PORT) bash scripts/serve.sh

# Backups (scripts/dbbackup.py): the settings' database; with the local cluster, make sure it runs.
backup:
	@if [ -z "$$DATABASE_URL" ]; then bash scripts/pg.sh start >/dev/null; fi
	.venv/bin/python scripts/dbbackup.py backup

restore:
	@[ -n "$(FILE)" ] || { echo "usage: make restore FILE=var/backups/NAME.dump" >&2; exit 2; }
	@if [ -z "$$DATABASE_URL" ]; then bash scripts/pg.sh start >/dev/null; fi
	.venv/bin/python scripts/dbbackup.py restore "$(FILE)"

test: setup lint test-js
	DEBUG=0 ALLOW_INSECURE_SECRET_KEY=1 .venv/bin/python -m pytest $(PYTEST_ARGS)

# Python lint (ruff), the import-linter contracts and makemigrations --check, also run by `make test`.
lint: setup
	@bash scripts/lint.sh

# The front-end's lint (biome) and unit tests (node --test tests/js/), also run by `make test`.
test-js: setup
	npm run --silent lint && npm run --silent test

stop:
	@bash scripts/pg.sh stop

# The development settings (DEBUG=1: a development SECRET_KEY) against the local database.
ARGS ?= help
manage: setup
	DEBUG=1 .venv/bin/python manage.py $(ARGS)

# Benchmarks use a database of their own in the local cluster (never the dev or
# test database); with DATABASE_URL set they use that database, confined to the
# synthetic conflict (`make bench-clean` removes it). Persistent connections
# (DB_CONN_MAX_AGE) as in production. bench/run.py also runs any
# bench/bench_*.py script it finds.
# `make bench SCALE=1m`: the same on a 10x copy (1,000,000 events) in BENCH_DB_1M, made from BENCH_DB by
# bench/scale_copy.py when missing or stale (a few minutes, a few GB), local cluster only (docs/benchmarks.md).
BENCH_DB ?= conflictmap_bench
BENCH_DB_1M ?= conflictmap_bench1m
BENCH_ENV = DB_NAME=$(BENCH_DB) DEBUG=0 ALLOW_INSECURE_SECRET_KEY=1 DB_CONN_MAX_AGE=60
# Migrations of the benchmark databases may build an index over 1M rows: no statement timeout for them.
BENCH_MIGRATE = DB_STATEMENT_TIMEOUT_MS=0 .venv/bin/python manage.py migrate -v 0

bench: setup
	@case "$(SCALE)" in ""|100k|1m) ;; *) echo "SCALE=$(SCALE): expected 1m (or nothing)" >&2; exit 2;; esac
	@if [ -z "$$DATABASE_URL" ]; then DB_NAME=$(BENCH_DB) bash scripts/pg.sh start; fi
	@$(BENCH_ENV) $(BENCH_MIGRATE)
	@if [ "$(SCALE)" = 1m ]; then \
	  if [ -n "$$DATABASE_URL" ]; then echo "SCALE=1m needs the local cluster (unset DATABASE_URL)" >&2; exit 2; fi; \
	  $(BENCH_ENV) SCALE= .venv/bin/python -m bench.generate --if-needed && \
	  .venv/bin/python bench/scale_copy.py --if-needed && \
	  DB_NAME=$(BENCH_DB_1M) DEBUG=0 ALLOW_INSECURE_SECRET_KEY=1 $(BENCH_MIGRATE) && \
	  $(BENCH_ENV) DB_NAME=$(BENCH_DB_1M) SCALE=1m .venv/bin/python -m bench.run; \
	else $(BENCH_ENV) .venv/bin/python -m bench.run; fi

bench-clean:
	$(BENCH_ENV) .venv/bin/python -m bench.generate --clean

# docs/screenshot.png: the map with the demo data and its territory at 2020-11-08, taken by the browser test suite.
screenshot: setup
	SCREENSHOT_PATH=docs/screenshot.png DEBUG=0 ALLOW_INSECURE_SECRET_KEY=1 .venv/bin/python -m pytest tests/e2e/test_map.py tests/e2e/test_phone.py -k "screenshot or phone" -q
	SCREENSHOT_DIR=docs DEBUG=0 ALLOW_INSECURE_SECRET_KEY=1 .venv/bin/python -m pytest tests/e2e/test_i18n_layout.py -k screenshots -q

# Python dependencies: requirements/{base,test,dev}.in are edited by hand; each .txt is
# the hashed lock compiled from it, in that order (test.in is constrained by base.txt and
# dev.in by test.txt, so the three agree). Existing pins are kept unless asked:
#   make lock LOCK_ARGS="--upgrade-package django"   or   make lock LOCK_ARGS=--upgrade
# pip-tools lives in its own venv under var/ (never in .venv, never in the lock files).
PIP_TOOLS := var/pip-tools/bin
LOCK_ARGS ?=

lock:
	@[ -x $(PIP_TOOLS)/pip-compile ] || { python3 -m venv var/pip-tools && $(PIP_TOOLS)/pip install -q pip-tools==7.6.2; }
	@for group in base test dev; do \
		echo "==> requirements/$$group.txt"; \
		CUSTOM_COMPILE_COMMAND="make lock" $(PIP_TOOLS)/pip-compile -q --generate-hashes --allow-unsafe \
			--strip-extras --no-emit-index-url --no-emit-find-links $(LOCK_ARGS) requirements/$$group.in || exit 1; \
	done
