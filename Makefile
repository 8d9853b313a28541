# Two commands do everything on a fresh Debian machine: `make all` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
BRIEFING := $(BIN)/briefing
SETUP := $(VENV)/.setup-done
# axe-core for the browser tests, from npm (tests/browser/package-lock.json pins it).
AXE := tests/browser/node_modules/axe-core/axe.min.js

.PHONY: all setup build pdf docx html pack pack-desk-day strings test test-slow test-all wheel check-installed fuzz lint format bench import-score schema reference-docx clean

all: build

# System packages (as root), the virtual environment and the pinned Python packages.
$(SETUP): pyproject.toml constraints.txt scripts/system-packages.txt
	scripts/install-system-packages
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,dask,serve]'
	touch $@

$(AXE): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
	touch $@

setup: $(SETUP) $(AXE)

# Every note in every shipped locale and the pseudo-locale, in all three formats.
build: $(SETUP)
	$(BRIEFING) build --locale all

pdf docx html: $(SETUP)
	$(BRIEFING) $@

# Today's briefing pack of the bundled content: output/packs/<date>/ (see README).
pack: $(SETUP)
	$(BRIEFING) pack

# The sample desk day (the seed and two fictional interviews, tests/fixtures/desk-day/):
# its books, index pages and digest material, in output/packs-desk-day/.
pack-desk-day: $(SETUP)
	$(BRIEFING) --project tests/fixtures/desk-day pack --out $(CURDIR)/output/packs-desk-day

# Refresh the string table after changing templates or content, then check it.
strings: $(SETUP)
	$(BRIEFING) strings update
	$(BRIEFING) strings check
	$(BRIEFING) strings status

# `make test` runs every test not marked slow (a few minutes on 2 cores); the slow ones
# (real PDF renders, LibreOffice, Chromium, killed subprocesses) run in test-slow; CI runs both.
test: $(SETUP) $(AXE)
	$(BIN)/pytest -m "not slow"

test-slow: $(SETUP) $(AXE)
	$(BIN)/pytest -m slow

test-all: $(SETUP) $(AXE)
	$(BIN)/pytest

# The wheel a desk installs (README: Installing the tool for a desk). build/ goes first:
# setuptools would otherwise package modules an earlier build left there.
wheel: $(SETUP)
	rm -rf build
	$(BIN)/python -m pip wheel -q --no-deps -w output/dist .

# The tool as a desk installs it: the wheel in a fresh virtual environment outside this
# checkout, `briefing init` in an empty folder, an overridden CSS file and interface string,
# then build, pack and verify there (scripts/check-installed-tool; about two minutes).
check-installed: $(SETUP)
	scripts/check-installed-tool

# The longer fuzzing run of the hostile-input tests (about 10 minutes; see tests/hostile/strategies.py).
fuzz: $(SETUP)
	HYPOTHESIS_PROFILE=fuzz FUZZ_SCALE=$${FUZZ_SCALE:-30} $(BIN)/pytest tests/hostile -k "fuzz or any_text"

# Style, the import layers and cycles (pyproject's [tool.importlinter]), types ([tool.mypy]),
# the committed schema and the catalogs.
lint: $(SETUP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(BRIEFING) schema --check
	$(BRIEFING) strings check

format: $(SETUP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(SETUP)
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_distributed.py
	$(BIN)/python scripts/bench_serve.py
	$(BIN)/python scripts/bench_book.py

# How `briefing import` reads every sample of tests/fixtures/import/: the score table.
import-score: $(SETUP)
	$(BIN)/python scripts/import_score.py

# Regenerate derived files that are committed.
schema: $(SETUP)
	$(BRIEFING) schema

reference-docx: $(SETUP)
	$(BIN)/python scripts/make_reference_docx.py

clean:
	rm -rf output .pytest_cache .ruff_cache .bench .hypothesis test-artifacts
