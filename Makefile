# credibly — two commands: `make run` and `make test` (see README).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DATA ?= ../shared/data

.PHONY: run test bench install dev lint eval-signals train evaluate clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.dev: $(VENV)/.installed
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev

## Score the bundled example articles with the shipped model and print a readable summary.
run: install
	$(BIN)/credibly score scoring/examples/examples.jsonl scoring/examples/press-release.html --format table

## Install dev extras and run the whole test suite (corpus-backed tests skip without ../shared/data).
test: dev
	$(BIN)/python -m pytest

## Benchmarks (results in bench/results/): scoring vs textstat on the same texts, batch with 1 and
## 2 processes (text and HTML paths), and a bounded loopback load test of the HTTP API.
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
	$(BIN)/python -m credibly.models.signal_eval.hedging --data $(DATA)
	$(BIN)/python -m credibly.models.signal_eval.consistency --data $(DATA)
	$(BIN)/python -m credibly.models.signal_eval.style --data $(DATA)

lint: dev
	$(BIN)/ruff check features models scoring tests bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
