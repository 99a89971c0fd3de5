# Thin wrapper: the logic lives in scripts/setup.sh and scripts/pg.sh.
#   make setup   system packages, .venv, static/vendor, local PostGIS, migrate, demo data
#   make run     setup, then the development server on 127.0.0.1:$(PORT) (DEBUG=1)
#   make test    setup, then the whole test suite (extra pytest options: PYTEST_ARGS=...)
#   make stop    stop this checkout's local PostgreSQL (var/pgdata)
#   make screenshot  docs/screenshot.png of the map (demo data, 2020-10-03), via the browser tests
# Set DATABASE_URL to use another PostgreSQL/PostGIS server instead of the local one.

SHELL := /bin/bash
PORT ?= 8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := setup
.PHONY: setup run test stop screenshot

setup:
	@bash scripts/setup.sh

run: setup
	@bash scripts/setup.sh check-port $(PORT)
	DEBUG=1 .venv/bin/python manage.py runserver 127.0.0.1:$(PORT)

test: setup
	DEBUG=0 ALLOW_INSECURE_SECRET_KEY=1 .venv/bin/python -m pytest $(PYTEST_ARGS)

stop:
	@bash scripts/pg.sh stop

# docs/screenshot.png: the map with the demo data at 2020-10-03, taken by the browser test suite.
screenshot: setup
	SCREENSHOT_PATH=docs/screenshot.png DEBUG=0 ALLOW_INSECURE_SECRET_KEY=1 .venv/bin/python -m pytest tests/e2e/test_map.py -k screenshot -q
