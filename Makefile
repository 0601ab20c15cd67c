# Set-up and everyday commands. `make test` and `make site` work on a machine that has only
# Python: the first run creates .venv and installs everything (and Debian's chromium for tests).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SIZE ?= real
# The portal to build: its data package, its Markdown and where the site goes (relative paths
# are relative to this folder), e.g. `make site DATA=../tinh-x/data CONTENT=../tinh-x/content`.
DATA ?= data
CONTENT ?= content
OUTPUT ?= output
PORTAL = --data "$(DATA)" --content "$(CONTENT)" --output "$(OUTPUT)"
# `make site ACCEPT_REMOVALS=1`: a year or agencies taken off the site on purpose
ACCEPT_REMOVALS ?=

.PHONY: site serve test bench lint clean browser golden messages

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/python -m plugins.build $(PORTAL) $(if $(ACCEPT_REMOVALS),--accept-removals)

serve: $(STAMP)
	$(BIN)/python -m plugins.serve $(PORTAL)

browser:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2 -q

bench: $(STAMP)
	$(BIN)/python bench/run.py --size $(SIZE)

# The English catalog: every message of the code and templates (babel.cfg) into
# parindex/locale/en/LC_MESSAGES/messages.po, new ones empty, to translate (tests/test_i18n.py).
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k t --no-location --sort-output --omit-header \
	  -o .cache/messages.pot .
	$(BIN)/pybabel update -l en -i .cache/messages.pot -d parindex/locale --no-wrap \
	  --no-fuzzy-matching --ignore-obsolete

golden: $(STAMP)
	$(BIN)/python -m tests.golden_site

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf output .output-* .build-tmp .cache
