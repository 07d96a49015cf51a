# Two commands set up everything on a machine with only python3 and make:
#   make run   - create .venv if missing, install, start an interview
#   make test  - create .venv, install the test extras, lint, type-check, test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make run` saves transcripts where every other way of starting the program
# looks for them (INTERVIEWER_TRANSCRIPTS, else ~/.local/share/...): one
# default, so `make run ARGS=transcripts` and `.venv/bin/interviewer
# transcripts` list the same sessions.

.PHONY: run test lint typecheck pytest bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/interviewer $(ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

pytest: $(VENV)/.installed-test
	$(BIN)/pytest

test: lint typecheck pytest

bench: $(VENV)/.installed
	$(BIN)/python bench/offline_grading.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/llm_prompt_size.py
	$(BIN)/python bench/llm_stream_latency.py
	$(BIN)/python bench/history.py
	$(BIN)/python bench/robustness.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache
