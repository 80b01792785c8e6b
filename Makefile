# Citizen Score: `make run` serves the game, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 3
export FLASK_APP := app

TEST_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: run test test-postgres lint security unit browser bench migrate clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

migrate: $(VENV)/.installed
	$(BIN)/flask db upgrade
	$(BIN)/flask init-game

# HOST=0.0.0.0 serves the classroom network: the join links and QR codes then name this
# machine's address there (FLASK_PUBLIC_URL, when set, wins).
run: migrate
	@public="$${FLASK_PUBLIC_URL:-$$($(BIN)/flask public-url --host $(HOST) --port $(PORT))}"; \
	printf "\n  Students join at %s/join\n\n" "$$public"; \
	$(BIN)/flask setup-link --base "$$public"; \
	FLASK_PUBLIC_URL="$$public" exec $(BIN)/gunicorn --workers $(WORKERS) --bind $(HOST):$(PORT) \
		--config app/serving.py --access-logfile - 'app:create_app()'

# The Nu HTML Checker validates the pages the browser tests open (it needs Java); without npm
# or Java that check is skipped, and the test summary says so.
VNU_VERSION := 26.9.27
VNU_JAR := $(VENV)/vnu/node_modules/vnu-jar/build/dist/vnu.jar

$(VNU_JAR): | $(BIN)/activate
	@if command -v npm >/dev/null; then \
	  npm install --silent --no-save --no-package-lock --no-audit --no-fund \
	    --prefix $(VENV)/vnu vnu-jar@$(VNU_VERSION) \
	  || echo "vnu-jar could not be installed: the HTML check will be skipped."; \
	else echo "npm not found: the HTML check will be skipped (apt-get install npm)."; fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

unit: $(VENV)/.installed-test
	$(BIN)/pytest tests/unit tests/integration

browser: $(VENV)/.installed-test | $(VNU_JAR)
	$(BIN)/pytest tests/browser

security: $(VENV)/.installed-test
	$(BIN)/bandit -q -r app -ll
	$(BIN)/python .ci/audit.py

test: lint security $(VENV)/.installed-test | $(VNU_JAR)
	$(BIN)/pytest

test-postgres: $(VENV)/.installed-test | $(VNU_JAR)
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(BIN)/pytest

$(VENV)/.installed-bench: $(VENV)/.installed-test pyproject.toml
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	touch $@

# The benchmark saturates the server with wrk (a load generator in C, far lighter than the
# server): installed from Debian when missing, as CI installs Chromium.
bench: $(VENV)/.installed-bench
	@command -v wrk >/dev/null || { echo "Installing wrk for the benchmark..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
	  || { echo "wrk could not be installed: apt-get install wrk, then make bench."; exit 1; }; }
	WORKERS=$(WORKERS) $(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis test-output
