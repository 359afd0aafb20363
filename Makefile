# Kormo: the two commands of the README, and a few helpers.
#
#   make run    install (venv + Debian fonts), compile the translations, migrate, load the demo
#               data, serve on :8000 with the background worker (e-mails) beside it
#   make test   install what the tests need (venv with .[test], Debian packages), run
#               scripts/test-all: lint, then pytest on SQLite and on PostgreSQL
#   make lint   ruff + import-linter + mypy (the type checker) only
#   make clean  caches and build leftovers (keeps .venv and the demo database)
#   make distclean  also removes .venv and the demo database in data/

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

export DJANGO_SETTINGS_MODULE := kormo.project.settings
export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Debian packages. Only the missing ones are installed (scripts/ensure-deb-packages: dpkg-query,
# then one `apt-get update` + `apt-get install`, as root or through password-less sudo).
# Add to these lists when a feature needs a new system package.
RUN_DEB_PACKAGES := fonts-noto-core gettext
TEST_DEB_PACKAGES := postgresql poppler-utils chromium chromium-driver libreoffice-writer-nogui \
	$(RUN_DEB_PACKAGES)

# Stamps inside the venv: a new or changed pyproject.toml (or a missing venv) reinstalls.
RUN_STAMP := $(VENV)/.kormo-installed-run
TEST_STAMP := $(VENV)/.kormo-installed-test

.PHONY: help run test lint clean distclean deb-run deb-test venv messages

help:
	@echo "make run    - install, migrate, load the demo data and serve on http://$(HOST):$(PORT)/"
	@echo "make test   - install the test tools and run every check (scripts/test-all)"
	@echo "make lint   - ruff, import-linter and mypy only"
	@echo "make clean  - remove caches and build leftovers (make distclean: also .venv, demo DB)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(RUN_STAMP)

venv: $(RUN_STAMP)

deb-run:
	bash scripts/ensure-deb-packages --warn-only $(RUN_DEB_PACKAGES)

deb-test:
	bash scripts/ensure-deb-packages $(TEST_DEB_PACKAGES)

# The page translations: src/kormo/locale/*/LC_MESSAGES/django.po → .mo (git-ignored; msgfmt
# comes from Debian's gettext). Run from the package folder so .venv is not searched.
messages: $(RUN_STAMP)
	cd src/kormo && ../../$(BIN)/python -m django compilemessages --verbosity 0 \
		|| echo "warning: could not compile the translations (install Debian's gettext)" >&2

run: deb-run $(RUN_STAMP) messages
	$(BIN)/python -m django migrate --noinput
	$(BIN)/python -m django kormo_load_demo
	@echo
	@echo "  Kormo demo: http://$(HOST):$(PORT)/"
	@echo "  logins (password kormo-demo): demo (superuser), admin, dg-supervisor,"
	@echo "  rangpur-focal, rangpur-head, dinajpur-focal, dinajpur-head, pirgacha-focal,"
	@echo "  pirgacha-head, kaliganj-focal"
	@echo
	@echo "  (Ctrl-C stops the server and the background worker that sends e-mails)"
	KORMO_DEBUG=1 $(BIN)/kormo worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	KORMO_DEBUG=1 $(BIN)/python -m django runserver $(HOST):$(PORT) --noreload

test: deb-test $(TEST_STAMP) messages
	bash scripts/test-all

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

clean:
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache .import_linter_cache .hypothesis build dist \
		src/*.egg-info test-artifacts
	find src/kormo/locale -name '*.mo' -delete

distclean: clean
	rm -rf $(VENV) data/kormo.sqlite3 data/media data/static
