# credibly — two commands: `make run` and `make test` (see README).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DATA ?= ../shared/data
# Every install goes through the pinned versions in constraints.txt (`make lock` refreshes them).
PIP := $(BIN)/pip install -q -c constraints.txt
SOURCES := credibly features models scoring tests bench scripts notebooks

.PHONY: run test bench install dev lint typecheck eval-signals train evaluate lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) -e .
	touch $@

$(VENV)/.dev: $(VENV)/.installed
	$(PIP) -e '.[dev]'
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev

## Score the bundled example articles with the shipped model and print a readable summary.
run: install
	$(BIN)/credibly score scoring/examples/examples.jsonl scoring/examples/press-release.html --format table

## Install dev extras, check formatting, lint and types, then run the whole test suite
## (corpus-backed tests skip without ../shared/data).
test: dev lint typecheck
	$(BIN)/python -m pytest

## ruff: formatting and the rule set in pyproject.toml (line length included).
lint: dev
	$(BIN)/ruff format --check $(SOURCES)
	$(BIN)/ruff check $(SOURCES)

## mypy on the installed credibly namespace.
typecheck: dev
	$(BIN)/python scripts/typecheck.py

## Benchmarks (results in bench/results/): scoring vs textstat on the same texts, batch with 1 and
## 2 processes (text and HTML paths), and a bounded loopback load test of the HTTP API (latency, and
## throughput under 8 and 16 clients against in-process scoring of the same articles).
bench: dev
	$(BIN)/python -m bench.bench_score --data $(DATA)
	$(BIN)/python -m bench.bench_batch --data $(DATA)
	$(BIN)/python -m bench.bench_api --data $(DATA)

## Refit the shipped model on ../shared/data (deterministic: reproduces the committed artifact).
train: dev
	$(BIN)/credibly train --data $(DATA)

## Source-disjoint evaluation report with baselines (models/reports/evaluation.md + PNGs).
evaluate: dev
	$(BIN)/credibly evaluate --data $(DATA)

## Measure each signal family against its reference corpus (needs ../shared/data).
eval-signals: install
	$(BIN)/python -m credibly.models.signal_eval.attribution --data $(DATA)
	$(BIN)/python -m credibly.models.signal_eval.dated --data $(DATA)
	$(BIN)/python -m credibly.models.signal_eval.hedging --data $(DATA)
	$(BIN)/python -m credibly.models.signal_eval.consistency --data $(DATA)
	$(BIN)/python -m credibly.models.signal_eval.style --data $(DATA)
	$(BIN)/python -m credibly.models.signal_eval.fluency --data $(DATA)

## Re-resolve every dependency to its newest allowed version and pin the result in constraints.txt.
lock:
	rm -rf build/lock-venv
	$(PYTHON) -m venv build/lock-venv
	build/lock-venv/bin/pip install -q --upgrade pip
	build/lock-venv/bin/pip install -q '.[dev]'
	{ echo "# Pinned versions for make run / make test / CI (pip install -c constraints.txt ...)."; \
	  echo "# Regenerate deliberately with \`make lock\` after changing dependencies in pyproject.toml."; \
	  build/lock-venv/bin/pip freeze --exclude credibly; } > constraints.txt
	rm -rf build/lock-venv

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache
