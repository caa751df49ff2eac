# Cosmo: `make demo` runs the main job (the browser playground), `make test` runs the whole test suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
QUERY  ?= 보습이 잘되는 크림

PORT   ?= 8080

.PHONY: install install-dev demo page cluster search index test browser-deps cluster-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

# torch first, and its CPU build: left to itself, sentence-transformers pulls the multi-GB CUDA
# build from PyPI. The CPU build's own version ("+cpu") is asked for first: pip takes it from a
# wheel it finds locally (a wheel cache, find-links) with the dependencies from the usual index,
# and PyPI, which holds no "+cpu" build, refuses it at once; then torch alone comes from
# PyTorch's CPU index.
TORCH         ?= torch==2.13.0
TORCH_CPU_URL ?= https://download.pytorch.org/whl/cpu
$(VENV)/.installed-dev: pyproject.toml constraints.txt $(VENV)/.installed
	$(BIN)/pip install --quiet "$(TORCH)+cpu" 2>/dev/null \
	  || $(BIN)/pip install --quiet --index-url $(TORCH_CPU_URL) "$(TORCH)"
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev,local,app]"
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

index: install
	$(BIN)/python -m engine index

search: install
	$(BIN)/python -m engine search "$(QUERY)"

demo: install
	$(BIN)/python -m playground --port $(PORT)

# The seed's Streamlit search page on the engine's Python API (apps/search_page.py).
page: install
	$(BIN)/pip install --quiet -c constraints.txt -e ".[app]"
	$(BIN)/python -m streamlit run apps/search_page.py --server.headless=true --browser.gatherUsageStats=false

# The same web chat served by 3 webhook replicas behind haproxy, sharing redis-server (docs/deploy.md).
cluster: install cluster-deps
	$(BIN)/python -m deploy.local_cluster --port $(PORT)

# Debian's Chromium drives the playground's browser test; Nanum renders Korean in its screenshots.
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum fonts-noto-color-emoji >/dev/null; \
		else echo "chromium not installed: the browser test will be skipped"; fi; \
	fi

# Debian's redis-server and haproxy: the shared state and the load balancer of several replicas.
cluster-deps:
	@if ! command -v redis-server >/dev/null 2>&1 || ! command -v haproxy >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server haproxy >/dev/null; \
		else echo "redis-server or haproxy not installed: the cluster tests will be skipped"; fi; \
	fi

test: install-dev browser-deps cluster-deps
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) var .pytest_cache
