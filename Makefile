# The two commands a newcomer needs:
#   make run    set everything up and serve the app on http://127.0.0.1:8000 (SQLite, seed data)
#   make test   set everything up and run the checks and the whole test suite,
#               on SQLite and on PostgreSQL
PYTHON ?= python
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/postgres
# The suite runs in this many processes (pytest-xdist); 0 runs it in make's own.
WORKERS ?= 2

.PHONY: run test setup setup-dev data lint check test-sqlite test-postgres postgres browser fixtures screenshots bench-search-1m

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or newer is needed (found " + sys.version.split()[0] + ").")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.app: requirements/app.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/app.txt
	touch $@

$(VENV)/.dev: requirements/dev.txt requirements/app.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $@ $(VENV)/.app

setup: $(VENV)/.app

setup-dev: $(VENV)/.dev

data: setup
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddata summits progress commitments

run: data
	$(BIN)/python manage.py runserver 127.0.0.1:8000

fixtures: setup
	$(BIN)/python manage.py build_fixtures

# Headless Chromium for the browser tests, from Debian's packages.
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && exit 0; sleep 1; done; echo "PostgreSQL did not start"; exit 1

lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .

check: setup-dev
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py build_fixtures --check

test-sqlite: setup-dev browser
	$(BIN)/python -m pytest -n $(WORKERS)

test-postgres: setup-dev browser postgres
	DATABASE_URL=$(PG_URL) $(BIN)/python -m pytest -n $(WORKERS)

test: lint check test-sqlite test-postgres

# Run the browser tests and keep their screenshots in docs/.
screenshots: setup-dev browser
	SCREENSHOT_DIR=docs $(BIN)/python -m pytest -q -m browser

# Search on a million paragraphs, on PostgreSQL (not part of `make test`): builds the
# database PG_1M_URL the first time (about twenty minutes), then times the search pages.
PG_1M_URL ?= postgres://postgres@127.0.0.1:5432/tracker_1m
bench-search-1m: setup postgres
	$(BIN)/python bench/million.py --database $(PG_1M_URL)
