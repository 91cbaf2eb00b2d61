# Clausier — the front door. `make run` serves the demo, `make test` runs the whole suite.
VENV ?= .venv
PYTHON ?= python3.11
BIN := $(VENV)/bin
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: venv run demo serve worker test test-fast quality fix messages bench clean

$(BIN)/clausier: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

venv: $(BIN)/clausier

# Set up (venv, migrations, demo data) and serve on http://127.0.0.1:8000 with the task worker.
run: venv
	DEBUG=True $(BIN)/clausier migrate --noinput
	DEBUG=True $(BIN)/clausier demo
	@echo ""
	@echo "  Clausier : http://127.0.0.1:8000/"
	@echo "  Comptes de démonstration (mot de passe : clausier-demo) :"
	@echo "    acheteur, facilitateur, entreprise, structure, observateur, admin"
	@echo ""
	@trap 'kill 0' INT TERM EXIT; \
	  DEBUG=True $(BIN)/clausier db_worker & \
	  DEBUG=True $(BIN)/clausier runserver 127.0.0.1:8000

demo: venv
	DEBUG=True $(BIN)/clausier migrate --noinput
	DEBUG=True $(BIN)/clausier demo

# The whole suite. DATABASE_URL=postgres://postgres@127.0.0.1:5432/test runs it on PostgreSQL.
test: venv
	$(BIN)/pytest -n 2 --dist loadfile -m "not browser and not transactional"
	$(BIN)/pytest -m "browser or transactional"

quality: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/clausier check
	$(BIN)/clausier makemigrations --check --dry-run

fix: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: venv
	DEBUG=True $(BIN)/clausier makemessages -l en --ignore=.venv --ignore=tests --ignore=staticfiles
	DEBUG=True $(BIN)/clausier compilemessages -l en --ignore=.venv

# Benchmarks (DESIGN.md section 7) on generated data; size them with BENCH_ARGS="--decp 300000"
# and SEARCH_ARGS="--notices 1000000" (the search corpus stays in the configured database).
bench: venv
	$(BIN)/python -m bench.ingest $(BENCH_ARGS)
	$(BIN)/python -m bench.search $(SEARCH_ARGS)
	$(BIN)/python -m bench.reports

clean:
	rm -rf $(VENV) var staticfiles
