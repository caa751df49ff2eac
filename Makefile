# Cosmo: `make demo` runs the main job, `make test` runs the whole test suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
QUERY  ?= 보습이 잘되는 크림

.PHONY: install install-dev demo search index test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

# torch first: its CPU wheel lies on disk here; otherwise sentence-transformers pulls a CUDA build.
$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e ".[dev,local]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

index: install
	$(BIN)/python -m engine index

search: install
	$(BIN)/python -m engine search "$(QUERY)"

demo: install
	$(BIN)/python -m engine demo

test: install-dev
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var .pytest_cache
