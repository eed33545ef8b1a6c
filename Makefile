# crmlab: two commands to get going, `make lab` and `make test`.
PYTHON ?= python3
comma  := ,

.PHONY: lab lab-all test install exercises data bench bench-scale e2e clean handouts present

# $(call environment,FOLDER,EXTRAS): FOLDER/bin/python, and FOLDER/.installed once crmlab
# and its EXTRAS are installed there (again whenever pyproject.toml changes), editable, with
# crmlab's Jupyter settings copied in (an editable install skips pyproject's data-files).
# PYTHONWARNINGS=ignore: setuptools' notes on editable installs are English and read like errors.
define environment
$(1)/bin/python:
	$(PYTHON) -m venv $(1)

$(1)/.installed: pyproject.toml $(wildcard jupyter/*/*.json jupyter/*/*/*.json jupyter/*/*/*/*.json jupyter/labextensions/*/static/*.js) | $(1)/bin/python
	$(1)/bin/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS=ignore $(1)/bin/python -m pip install --quiet -e '.$(if $(2),[$(2)])'
	$(1)/bin/python scripts/install_jupyter_settings.py
	touch $(1)/.installed
endef

# .venv: the students' environment: `make lab` installs the runtime only (JupyterLab in Chinese,
#   pandas, matplotlib, ipywidgets: about 520 MB); `make test` and `make install` add the test
#   extra (pytest, nbval, playwright, ...) into the same .venv (.venv/.installed-test).
# .venv-arrow: the same plus pyarrow, where pandas keeps text in Arrow, as for Anaconda users,
#   and crmlab takes its Arrow paths; make test runs the suite there too (browser tests once).
# .venv-spark: pyspark, for the one test that runs crmlab's SQL text on Spark SQL (tests/spark).
# .venv-bench: the peer libraries of the benchmarks (pyarrow among them), kept apart so that
#   .venv stays as the students have it (see benchmarks/README.md).
$(eval $(call environment,.venv,))
$(eval $(call environment,.venv-arrow,test$(comma)arrow))
$(eval $(call environment,.venv-bench,bench))
$(eval $(call environment,.venv-spark,spark))
BIN   := .venv/bin
STAMP := .venv/.installed
TEST_STAMP := .venv/.installed-test

$(TEST_STAMP): $(STAMP)
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(TEST_STAMP)

install: $(TEST_STAMP)

# JupyterLab refuses to run as root unless told; a root shell (a container, a lab image) is told.
ROOT_FLAG := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)

# JupyterLab on the whole workbook, opened on the start page (开始学习.md); the installed
# server settings (jupyter/server/jupyter_server_config.json) hide the developer folders from the file browser.
lab: $(STAMP)
	$(BIN)/jupyter lab 开始学习.md $(ROOT_FLAG)

# The same with every folder shown (solutions/, crmlab/, tests/ ...), for instructors.
lab-all: $(STAMP)
	$(BIN)/jupyter lab 开始学习.md $(ROOT_FLAG) --ContentsManager.hide_globs=__pycache__ --ContentsManager.hide_globs='*.pyc'

test: $(TEST_STAMP) .venv-arrow/.installed .venv-spark/.installed
	$(BIN)/python -m pytest
	.venv-arrow/bin/python -m pytest --ignore=tests/e2e
	.venv-spark/bin/python -m pytest -o addopts="-p no:cacheprovider" tests/spark

# JupyterLab in headless Chromium: every chapter notebook run, read and clicked (skips without a browser)
e2e: $(TEST_STAMP)
	$(BIN)/python -m pytest tests/e2e -v

exercises: $(STAMP)
	$(BIN)/crmlab exercises

data: $(STAMP)
	$(BIN)/python scripts/make_data.py

# Every chapter and exercise as an offline HTML page and an A4 PDF, with an index: handouts/index.html
handouts: $(STAMP)
	$(BIN)/crmlab handouts --out handouts

# One chapter as an app on the projector (code hidden, explorers live): make present CHAPTER=3
CHAPTER ?= 3
present: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[present]'
	$(BIN)/crmlab present $(CHAPTER)

# Benchmarks (never part of `make test`): BENCH_ARGS="--only rfm --sizes 5M --big" etc.
bench: .venv-bench/.installed
	.venv-bench/bin/python benchmarks/run.py $(BENCH_ARGS)

# RFM from parquet by crmlab (pandas), crmlab.rfm_sql (DuckDB) and polars: time and peak memory
# (10^7 rows; SCALE_ARGS="--rows 100M" for 10^8, about 15 minutes with the file made once).
bench-scale: .venv-bench/.installed
	.venv-bench/bin/python benchmarks/bench_scale.py $(SCALE_ARGS)

clean:
	rm -rf .venv .venv-arrow .venv-bench .venv-spark build dist *.egg-info
