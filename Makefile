# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: demo test lint docs install browsers lock clean

## install: the venv with the tested set of packages (requirements.lock: the dependencies
## and the test and dask extras), then dateline itself without touching them
$(BIN)/dateline: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check
	touch $(BIN)/dateline

install: $(BIN)/dateline

## lock: after changing pyproject.toml's dependencies and installing them, record the
## installed versions of everything that dateline[test,dask] needs, and nothing else
lock:
	$(BIN)/pip freeze --exclude-editable > $(VENV)/installed.txt
	$(BIN)/pip install --quiet --dry-run --ignore-installed -c $(VENV)/installed.txt \
		--report $(VENV)/lock-report.json -e '.[test,dask]'
	$(BIN)/python -c 'import json, sys; report = json.load(open(sys.argv[1])); \
		pins = [p["metadata"]["name"] + "==" + p["metadata"]["version"] for p in report["install"]]; \
		print("# The tested set, written by make lock, installed by make install.", \
		      *sorted((pin for pin in pins if not pin.startswith("dateline==")), key=str.lower), sep="\n")' \
		$(VENV)/lock-report.json > requirements.lock

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

## test: set up (the venv, and Chromium where it can be installed), lint and type-check
## (make lint), then run the whole test suite
test: install browsers lint
	$(BIN)/python -m pytest

## lint: ruff's checks and its formatting over the code, tests, benchmarks and docs scripts,
## then mypy over the package
## (their rules are in pyproject.toml); part of make test
lint: install
	$(BIN)/ruff check src tests bench docs
	$(BIN)/ruff format --check src tests bench docs
	$(BIN)/mypy

## docs: rewrite the generated parts of README.md and docs/*.md (figures from
## bench/results/*.json, the CLI reference); make test fails while they are stale
docs: install
	$(BIN)/python docs/generate.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache .hypothesis .ruff_cache .mypy_cache
