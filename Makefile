# Two commands set everything up on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build build-zensical check test test-fast lint test-tools test-tools-fast bench clean

# The site's pinned dependencies, then our own package `plansite` (editable,
# so edits under scripts/plansite take effect without reinstalling).
$(VENV)/.site-installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.site-installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

check: $(VENV)/.site-installed
	$(PY) scripts/build_tables.py --check

serve: check
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

# One process: check and generate the docs tree (build/), build it, finish
# it (search index, results script, completeness), and swap it in only when
# all of that succeeded, so a failed build leaves the previous site folder
# exactly as it was (scripts/build_site.py).
build: $(VENV)/.site-installed
	$(PY) scripts/build_site.py

# The same sources built by Zensical (Material's successor) into site-zensical/.
build-zensical: $(VENV)/.site-installed
	$(PY) scripts/build_site.py --engine zensical

# Debian's Chromium, CJK fonts and nodejs: installed when root with apt-get,
# else one sentence saying what to install, before any test runs.
# test-fast needs only nodejs (the search engine's unit tests).
test-tools:
	@sh scripts/ensure-test-tools.sh

test-tools-fast:
	@sh scripts/ensure-test-tools.sh nodejs

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .

# The tests run in one process per core (pytest-xdist), each test file whole
# in one of them (its module fixtures made once); the session's two builds
# are made once for all of them (tests/conftest.py).
PYTEST_PARALLEL := -n auto --dist loadfile --no-loadscope-reorder

# Everything that needs no browser: the quick loop while changing code.
test-fast: $(VENV)/.dev-installed test-tools-fast check
	$(PY) -m pytest -q -m "not browser" $(PYTEST_PARALLEL)

test: $(VENV)/.dev-installed test-tools lint check
	$(PY) -m pytest $(PYTEST_PARALLEL)

bench: $(VENV)/.dev-installed
	$(PY) bench/run.py

clean:
	rm -rf site site-zensical build .site-prev .site-zensical-prev .pytest_cache
