# The two commands of the README: `make site` and `make test`. Both set everything up
# on a fresh Debian machine first (system packages, then a .venv with cxdsl in it).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Graphviz and an Arabic-capable font for diagrams, Chromium for the site's browser tests,
# git for cxdsl diff, npm for the SARIF validator the tests run.
SYSTEM_PACKAGES := graphviz fonts-noto-core chromium git

.PHONY: site test setup system-packages lint typecheck unit bench clean

site: setup
	$(BIN)/cxdsl build .

test: setup tools/node_modules/.installed lint typecheck unit

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

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

tools/node_modules/.installed: tools/package.json
	cd tools && npm install --no-audit --no-fund --loglevel=error
	touch $@

lint:
	$(BIN)/ruff format --check cxdsl tests benchmarks
	$(BIN)/ruff check cxdsl tests benchmarks

typecheck:
	$(BIN)/mypy

unit:
	$(BIN)/pytest

.PHONY: bench-check bench-render bench-site

bench: bench-check bench-render bench-site

bench-check: setup
	$(BIN)/python benchmarks/bench_check.py

bench-render: setup
	$(BIN)/python benchmarks/bench_render.py

bench-site: setup
	$(BIN)/python benchmarks/bench_site.py

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache benchmarks/out tools/node_modules
