# crmlab: two commands to get going, `make lab` and `make test`.
PYTHON ?= python3
comma  := ,

.PHONY: lab test install exercises data bench e2e clean

# $(call environment,FOLDER,EXTRAS): FOLDER/bin/python, and FOLDER/.installed once crmlab
# and its EXTRAS are installed there (again whenever pyproject.toml changes).
define environment
$(1)/bin/python:
	$(PYTHON) -m venv $(1)

$(1)/.installed: pyproject.toml | $(1)/bin/python
	$(1)/bin/python -m pip install --quiet --upgrade pip
	$(1)/bin/python -m pip install --quiet -e '.[$(2)]'
	touch $(1)/.installed
endef

# .venv: the students' environment (make lab, make test).
# .venv-arrow: the same plus pyarrow, where pandas keeps text in Arrow, as for Anaconda users,
#   and crmlab takes its Arrow paths; make test runs the suite there too (browser tests once).
# .venv-bench: the peer libraries of the benchmarks (pyarrow among them), kept apart so that
#   .venv stays as the students have it (see benchmarks/README.md).
$(eval $(call environment,.venv,test))
$(eval $(call environment,.venv-arrow,test$(comma)arrow))
$(eval $(call environment,.venv-bench,bench))
BIN   := .venv/bin
STAMP := .venv/.installed

install: $(STAMP)

# JupyterLab refuses to run as root unless told; a root shell (a container, a lab image) is told.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks $(ROOT_FLAG)

test: $(STAMP) .venv-arrow/.installed
	$(BIN)/python -m pytest
	.venv-arrow/bin/python -m pytest --ignore=tests/e2e --ignore=tests/test_grading_attacks.py

# JupyterLab in headless Chromium: every chapter notebook run, read and clicked (skips without a browser)
e2e: $(STAMP)
	$(BIN)/python -m pytest tests/e2e -v

exercises: $(STAMP)
	$(BIN)/crmlab exercises

data: $(STAMP)
	$(BIN)/python scripts/make_data.py

# Benchmarks (never part of `make test`): BENCH_ARGS="--only rfm --sizes 5M --big" etc.
bench: .venv-bench/.installed
	.venv-bench/bin/python benchmarks/run.py $(BENCH_ARGS)

clean:
	rm -rf .venv .venv-arrow .venv-bench build dist *.egg-info
