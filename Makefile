# Service Improvement Lab: everything a fresh machine with python3 and make needs.
#   make lab    open the course in JupyterLab
#   make test   run every check (ruff, mypy, pytest: unit, notebooks, browser)

PYTHON ?= python3
VENV := .venv
TOOLS := .tools
UV := $(TOOLS)/bin/uv
STAMP := $(VENV)/.synced

export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never

.PHONY: env lab voila test lint typecheck pytest bench lock schema clean help

help:
	@echo "make lab    open the course in JupyterLab (00-start-here)"
	@echo "make test   run every check: ruff, mypy on toolkit/, pytest"
	@echo "make voila  serve the lessons as apps with the code hidden"
	@echo "make bench  run the performance benchmarks"

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check "uv>=0.4,<1"

$(STAMP): $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --python $(PYTHON)
	@touch $(STAMP)

env: $(STAMP)

lab: env
	$(VENV)/bin/smlab lab $(ARGS)

voila: env
	$(VENV)/bin/smlab lab --voila $(ARGS)

lint: env
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: env
	$(VENV)/bin/mypy

pytest: env
	$(VENV)/bin/python -m pytest $(PYTEST_ARGS)

test: lint typecheck pytest

bench: env
	$(VENV)/bin/python -m benchmarks $(ARGS)

lock: $(UV)
	$(UV) lock --python $(PYTHON)

clean:
	rm -rf $(VENV) $(TOOLS) build dist test-artifacts
