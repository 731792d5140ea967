# The two commands of the README: `make site` and `make test`. Both set everything up
# on a fresh Debian machine first (system packages, then a .venv with cxdsl in it).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Graphviz and an Arabic-capable font for diagrams, Chromium for the site's browser tests,
# git for cxdsl diff, npm for the SARIF validator the tests run.
SYSTEM_PACKAGES := graphviz fonts-noto-core chromium git poppler-utils

# Python dependencies come from requirements-dev.lock (every version pinned, with hashes),
# regenerated from pyproject.toml by `make lock`; requirements.lock is the runtime subset.
LOCK := requirements-dev.lock
RUNTIME_LOCK := requirements.lock
# --universal: one lock for Linux, macOS and Windows; 3.11 is the oldest Python supported.
UV_COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.11 \
	--generate-hashes --custom-compile-command "make lock" pyproject.toml

.PHONY: site test test-fast setup system-packages lint typecheck unit lock lock-check bench clean

site: setup
	$(BIN)/cxdsl build .

test: setup tools/node_modules/.installed lint typecheck lock-check unit

# pytest on every core (pytest-xdist): each test file runs whole on one worker (loadfile),
# so a module's fixtures (a built site, a browser) are made once; tests/conftest.py shares
# the session's wheel, installs and pre-commit home between workers. A plain
# `.venv/bin/pytest tests/x.py` runs in one process, as before.
PYTEST_PARALLEL := -n auto --dist loadfile

# Without Chromium, npm or the slow site builds: pytest -m "not browser and not npm and not slow"
test-fast: $(VENV)/.installed
	$(BIN)/pytest $(PYTEST_PARALLEL) -m "not browser and not npm and not slow"

setup: system-packages $(VENV)/.installed

system-packages:
	@missing=""; \
	for pkg in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "install ok installed" \
	    || missing="$$missing $$pkg"; \
	done; \
	$(PYTHON) -c "import venv, ensurepip" 2>/dev/null || missing="$$missing python3-venv"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing system packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(VENV)/.installed: pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --require-hashes -r $(LOCK)
	$(BIN)/pip install -q --no-deps -e .
	touch $@

# Keeps the versions already pinned (uv prefers them); `make lock LOCK_ARGS=--upgrade`
# moves everything to the newest versions pyproject.toml allows.
lock: $(VENV)/.installed
	$(UV_COMPILE) $(LOCK_ARGS) --extra dev -o $(LOCK)
	$(UV_COMPILE) $(LOCK_ARGS) -o $(RUNTIME_LOCK)

# The locks are what `make lock` would write now: pyproject.toml and the locks agree.
lock-check: $(VENV)/.installed
	@tmp=$$(mktemp -d) && cp $(LOCK) $(RUNTIME_LOCK) $$tmp/ && \
	$(UV_COMPILE) --extra dev -o $$tmp/$(LOCK) && $(UV_COMPILE) -o $$tmp/$(RUNTIME_LOCK) && \
	diff -u $(LOCK) $$tmp/$(LOCK) && diff -u $(RUNTIME_LOCK) $$tmp/$(RUNTIME_LOCK); \
	status=$$?; rm -rf $$tmp; \
	[ $$status -eq 0 ] || echo "the lock files are out of date: run make lock"; exit $$status

tools/node_modules/.installed: tools/package.json
	cd tools && npm install --no-audit --no-fund --loglevel=error
	touch $@

lint:
	$(BIN)/ruff format --check cxdsl tests benchmarks tools
	$(BIN)/ruff check cxdsl tests benchmarks tools

typecheck:
	$(BIN)/mypy

unit:
	$(BIN)/pytest $(PYTEST_PARALLEL)

.PHONY: bench-check bench-render bench-site bench-results

bench: bench-check bench-render bench-site bench-results

bench-check: setup
	$(BIN)/python benchmarks/bench_check.py

bench-render: setup
	$(BIN)/python benchmarks/bench_render.py

bench-site: setup
	$(BIN)/python benchmarks/bench_site.py

# 10 million survey responses and 50 million events (generated once into benchmarks/out/).
bench-results: setup
	$(BIN)/python benchmarks/bench_results.py

# The README's rule table, from the rule catalogue (tests/test_readme_rules.py checks it).
.PHONY: rules-doc
rules-doc: $(VENV)/.installed
	$(BIN)/python -m cxdsl.rules.catalogue_doc README.md

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache benchmarks/out tools/node_modules
