# Two commands matter: `make demo` and `make test`. Both build .venv from .python-version.
SHELL := /bin/bash
PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_SETTINGS := config.settings.dev
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test bench bench-scale loadtest lint format messages chromium axe clean help

help:
	@echo "make demo   - set up and serve the demo on http://$(HOST):$(PORT) (SQLite)"
	@echo "make test   - set up and run the whole test suite (SQLITE; DATABASE_URL for PostgreSQL)"
	@echo "make bench  - run the benchmarks in tests/bench on generated data"
	@echo "make bench-scale - the tracker at 20k/100k/265k on PostgreSQL and 50k on SQLite"
	@echo "make lint   - ruff check and ruff format --check"
	@echo "make loadtest - locust against gunicorn for 60 s, on PostgreSQL and on SQLite (tests/load/run.py)"

# Find the interpreter named in .python-version: pyenv's, then python3.13 on PATH.
PYTHON_BIN := $(shell \
	if command -v pyenv >/dev/null 2>&1 && pyenv prefix $(PYTHON_VERSION) >/dev/null 2>&1; then \
		echo "$$(pyenv prefix $(PYTHON_VERSION))/bin/python"; \
	elif command -v python$(PYTHON_VERSION) >/dev/null 2>&1; then \
		command -v python$(PYTHON_VERSION); \
	fi)

$(PY):
	@if [ -z "$(PYTHON_BIN)" ]; then \
		echo "Python $(PYTHON_VERSION) not found: install it with pyenv ('pyenv install $(PYTHON_VERSION)')." >&2; exit 1; fi
	$(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

messages: $(STAMP)
	$(PY) manage.py compilemessages --ignore=.venv --settings=$(DEV_SETTINGS) -v0

# Links in the demo's e-mails and the site's own address follow where it is served.
DEMO_URL := $(or $(WAGTAILADMIN_BASE_URL),http://$(HOST):$(PORT))
DEMO_ENV := DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) WAGTAILADMIN_BASE_URL=$(DEMO_URL)

demo: $(STAMP) messages
	$(DEMO_ENV) $(PY) manage.py migrate --no-input -v0
	$(DEMO_ENV) $(PY) manage.py seed_demo
	@echo "Public site: $(DEMO_URL)/en/  Portal: $(DEMO_URL)/portal/  Back office: $(DEMO_URL)/admin/"
	$(DEMO_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

chromium:
	@bash scripts/ensure_chromium.sh

# axe-core for the accessibility browser test (tests/e2e/test_accessibility.py); the only npm
# package, pinned in package-lock.json. The site itself has no JavaScript build step.
AXE := node_modules/axe-core/axe.min.js

$(AXE): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
		echo "npm is missing: install Node.js (the accessibility test needs axe-core from npm)." >&2; exit 1; }
	npm ci --no-audit --no-fund
	touch $(AXE)

axe: $(AXE)

test: $(STAMP) messages chromium $(AXE)
	$(PY) manage.py makemigrations --check --dry-run --settings=config.settings.test -v1
	$(PY) -m pytest tests --ignore=tests/bench $(PYTEST_ARGS)

bench: $(STAMP) messages
	$(PY) -m pytest tests/bench -m bench -s -q $(PYTEST_ARGS)

# The tracker's curve (tests/bench/bench_scale.py): PostgreSQL at 20,000, 100,000 and 265,000
# recommendations (started with pg_ctlcluster when it is not running), then SQLite at 50,000.
BENCH_PG_URL ?= postgres://postgres@127.0.0.1:5432/monitoring

bench-scale: $(STAMP) messages
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	DATABASE_URL=$(BENCH_PG_URL) $(PY) -m pytest tests/bench/bench_scale.py -m bench -s -q $(PYTEST_ARGS)
	$(PY) -m pytest tests/bench/bench_scale.py -m bench -s -q $(PYTEST_ARGS)

LOAD_STAMP := $(VENV)/.installed-load

$(LOAD_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e ".[dev,load]"
	touch $(LOAD_STAMP)

# PostgreSQL (127.0.0.1:5432, started with pg_ctlcluster when it is not running), then the demo's
# SQLite; LOAD_ENGINES=sqlite runs one of them.
loadtest: $(LOAD_STAMP) messages
	$(PY) tests/load/run.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 var tests/e2e/artifacts node_modules
