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

## browsers: Debian's Chromium and Knight Lab's TimelineJS (npm) for the browser tests
## (they skip, saying why, without them)
browsers:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
			|| echo "make: could not install chromium: browser tests will skip"; \
	else echo "make: no /usr/bin/chromium (apt-get install chromium as root): browser tests will skip"; fi
	@if [ -d tests/web/timelinejs/node_modules/@knight-lab/timelinejs ]; then :; \
	elif command -v npm >/dev/null; then \
		npm install --prefix tests/web/timelinejs --no-audit --no-fund --silent >/dev/null \
			|| echo "make: could not install TimelineJS: its browser test will skip"; \
	else echo "make: no npm: the TimelineJS browser test will skip"; fi

## test: set up (the venv, and Chromium where it can be installed) and run the whole test suite
test: install browsers
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .hypothesis
