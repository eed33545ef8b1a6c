# crmlab: two commands to get going, `make lab` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: lab test install exercises data bench e2e clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# JupyterLab refuses to run as root unless told; a root shell (a container, a lab image) is told.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks $(ROOT_FLAG)

# The same suite once more with pyarrow installed, where pandas keeps text in Arrow (as for
# Anaconda users, and crmlab takes its Arrow paths); the browser tests need to run only once.
ARROW_VENV  := .venv-arrow
ARROW_STAMP := $(ARROW_VENV)/.installed

$(ARROW_VENV)/bin/python:
	$(PYTHON) -m venv $(ARROW_VENV)

$(ARROW_STAMP): pyproject.toml | $(ARROW_VENV)/bin/python
	$(ARROW_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(ARROW_VENV)/bin/python -m pip install --quiet -e '.[test,arrow]'
	touch $(ARROW_STAMP)

test: $(STAMP) $(ARROW_STAMP)
	$(BIN)/python -m pytest
	$(ARROW_VENV)/bin/python -m pytest --ignore=tests/e2e

# JupyterLab in headless Chromium: every chapter notebook run, read and clicked (skips without a browser)
e2e: $(STAMP)
	$(BIN)/python -m pytest tests/e2e -v

exercises: $(STAMP)
	$(BIN)/crmlab exercises

data: $(STAMP)
	$(BIN)/python scripts/make_data.py

# Benchmarks (never part of `make test`): BENCH_ARGS="--only rfm --sizes 5M --big" etc.
# They run in .venv-bench with the peer libraries of the `bench` extra (pyarrow among them),
# so the teaching .venv stays as the students have it (see benchmarks/README.md).
BENCH_VENV  := .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

$(BENCH_VENV)/bin/python:
	$(PYTHON) -m venv $(BENCH_VENV)

$(BENCH_STAMP): pyproject.toml | $(BENCH_VENV)/bin/python
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e '.[bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(ARROW_VENV) $(BENCH_VENV) build dist *.egg-info
