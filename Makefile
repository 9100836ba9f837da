# One-command set-up: `make run` and `make test` create .venv when missing and
# install the project (editable, with the test extra) before doing their job.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench package clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/sesaku-desk

test: $(STAMP)
	$(BIN)/ruff check desktop tests benchmarks packaging
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -n auto --maxprocesses=4

# The one-folder bundle in dist/sesaku-desk, then its smoke test (packaging/README.md).
package: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[package]"
	$(BIN)/python packaging/build.py

# Every benchmark, one table (docs/benchmarks.md); BENCH_ARGS=--quick for a short run.
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python -m benchmarks.run_all $(BENCH_ARGS)

clean-venv:
	rm -rf $(VENV)
