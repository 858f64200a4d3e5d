# Impact Partnership — everything a fresh clone needs. Python 3.11, make and git are enough.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= config.settings.dev
# The address every emailed link starts with (and the Wagtail Site record's host and port): where `make run` serves.
setup run: export SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run demo demo-remove test test-two-machines bench-two-machines install setup lint format messages bench lighthouse thai-coverage relevance ci migration-roundtrip clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	@# WeasyPrint (the report PDFs) draws text with Pango; Debian's package brings libthai for Thai line breaks.
	@ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || { command -v apt-get >/dev/null 2>&1 && { apt-get update -qq || true; } && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 >/dev/null; } || echo "Install Pango (Debian: libpango-1.0-0 libpangoft2-1.0-0) for the report PDFs"
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_initial_content
	$(PY) manage.py refreeze_results
	$(PY) manage.py rebuild_search_index --if-empty
	$(PY) manage.py ensure_local_admin

run: setup
	PORT=$(PORT) PY=$(PY) bash site/deploy/run-local.sh

# Fictional sample organisations, assessors, reports and funders (refused in production settings), then run.
demo: setup
	$(PY) manage.py demo_data
	PORT=$(PORT) PY=$(PY) bash site/deploy/run-local.sh

demo-remove: install
	$(PY) manage.py demo_data --remove

test: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -n 2 --dist loadfile -m "not serial and not two_machines" $(PYTEST_ARGS)
	@# Tests with real concurrent transactions flush the database: they run alone, after the rest.
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -m "serial and not two_machines" $(PYTEST_ARGS)

# Two machines (web + worker each) sharing PostgreSQL, Redis and an S3 server: needs DATABASE_URL=postgres://...
# and REDIS_URL=redis://... (.ci/run's PostgreSQL stage runs it).
test-two-machines: install
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest -m two_machines -s $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: install
	$(PY) manage.py makemessages -l th --ignore=.venv --ignore=var --ignore=tests --ignore=templates/wagtailadmin --no-obsolete --no-wrap
	@# locale/admin/ (our Thai for Wagtail's and Django's admin strings, including the Wagtail templates copied
	@# under templates/wagtailadmin/) is edited by hand, never by makemessages.
	msgfmt --check -o /dev/null locale/admin/th/LC_MESSAGES/django.po
	msgfmt --check -o /dev/null locale/admin/th/LC_MESSAGES/djangojs.po
	$(PY) manage.py compilemessages --ignore=.venv

bench: setup
	$(PY) bench/run_all.py

# Lighthouse scores (mobile) of home, a directory, a creator's page and a report, on a local gunicorn (bench/package.json).
lighthouse: install
	cd bench && npm ci --no-audit --no-fund
	$(PY) bench/lighthouse_bench.py

# Requests per second of one vs two web processes and the delete-on-request -> 404 delay (PostgreSQL + Redis).
bench-two-machines: install
	$(PY) bench/two_machines_bench.py

# Model moves between apps (#20) keep every row: QUICK benchmark data, migrate back before the moves and forward
# again on a fresh database (SQLite under var/bench/; BENCH_DATABASE_URL=postgres://... for an empty PostgreSQL one).
migration-roundtrip: install
	rm -f var/bench/roundtrip.sqlite3 var/bench/roundtrip.sqlite3-wal var/bench/roundtrip.sqlite3-shm
	DJANGO_SETTINGS_MODULE=config.settings.bench $(PY) bench/migration_roundtrip.py

thai-coverage: install
	$(PY) bench/thai_admin_coverage.py

relevance: install
	$(PY) bench/search_relevance.py

clean:
	rm -rf var/test-media var/test-private-media var/test-quarantine var/test-purge-ledger var/test-backups .pytest_cache
