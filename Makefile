# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: demo test install install-test browsers clean

$(BIN)/dateline: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/dateline

install: $(BIN)/dateline

## demo: set up, ingest the bundled demo corpus, print the India–Japan timeline
demo: install
	$(BIN)/dateline ingest examples/india-japan --db $(DEMO_DB) --quiet
	$(BIN)/dateline timeline "India Japan" --db $(DEMO_DB)

## test: set up (incl. the browser for web tests) and run the whole test suite
test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .hypothesis
