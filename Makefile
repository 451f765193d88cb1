# Two commands do everything on a fresh machine: `make serve` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
HOST := 127.0.0.1:8000

.PHONY: setup validate build serve test bench system-deps node-deps clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -e '.[test,zensical]'
	@rm -f $(VENV)/.installed-*
	@touch $@

validate: setup
	$(PY) -m generator validate

build: setup
	$(PY) -m generator build --out site

serve: build
	$(PY) -m mkdocs serve --dev-addr $(HOST)

# What the browser, PDF and font tests need from Debian, installed only when missing.
system-deps:
	@if ! command -v chromium >/dev/null || ! command -v pdffonts >/dev/null || ! fc-list | grep -qi 'Noto Sans CJK'; then \
		echo "installing chromium, fonts-noto-cjk, poppler-utils"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null; \
	fi

# Node tools the tests use (package.json, pinned in package-lock.json): the GIFT parser the quiz tests
# check the Moodle export with, and scorm-again, the SCORM 1.2 run-time the SCORM tests launch packages in.
node-deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package-lock.json
	@command -v npm >/dev/null || { echo "installing nodejs, npm"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --silent

test: setup system-deps node-deps
	$(PY) -m pytest -n auto -q

bench: setup
	$(PY) -m generator.bench

clean:
	rm -rf site .site.staging .site.old build .bench
