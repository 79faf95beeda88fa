# ANeTT – common tasks. `make run` sets up and starts the app; `make test` runs all tests.
VENV ?= .venv
PYTHON ?= python3
ANETT = $(VENV)/bin/anett
STAMP = $(VENV)/.installed-stamp

.PHONY: run test lint format bench messages messages-lenient clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(ANETT) setup
	$(ANETT) demo
	$(ANETT) serve 127.0.0.1:8000

test: $(STAMP)
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench scripts
	$(VENV)/bin/ruff format --check src tests bench scripts

format: $(STAMP)
	$(VENV)/bin/ruff format src tests bench
	$(VENV)/bin/ruff check --fix src tests bench

bench: $(STAMP)
	$(VENV)/bin/python bench/run.py --companies 100000

messages: $(STAMP)
	cd src/anett && ../../$(ANETT) makemessages -l de -l en --no-obsolete
	$(VENV)/bin/python scripts/fill_po.py
	cd src/anett && ../../$(ANETT) compilemessages

# For parallel work: waits for a lock and tolerates texts that have no German yet.
messages-lenient: $(STAMP)
	flock /tmp/anett-messages.lock sh -c 'cd src/anett && ../../$(ANETT) makemessages -l de -l en --no-obsolete >/dev/null && cd ../.. && ($(VENV)/bin/python scripts/fill_po.py || true) && cd src/anett && ../../$(ANETT) compilemessages >/dev/null'

clean:
	rm -rf $(VENV) var
