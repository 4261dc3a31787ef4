# The commands a therapist needs. `make` alone lists them.
# Variables follow Pelican's own Makefile conventions and can be overridden:
#   make devserver PORT=8080

PYTHON_BOOT ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY ?= $(VENV)/bin/python
PELICAN ?= $(VENV)/bin/pelican
PELICANOPTS ?=

BASEDIR = $(CURDIR)
# Empty: pelicanconf.py's PATH decides (content/ after `make setup`, the sample before).
INPUTDIR ?=
OUTPUTDIR = $(BASEDIR)/output
CONFFILE = $(BASEDIR)/pelicanconf.py
PUBLISHCONF = $(BASEDIR)/publishconf.py

PORT ?= 8000
SERVER ?= 127.0.0.1

# Publishing settings (docs/publishing.md), e.g. make publish DEPLOY=s3 S3_BUCKET=...,
# and ALLOW_SAMPLE=1 (publish the demonstration site on purpose, docs/setup.md): make
# hands every variable given on its command line to the tools in their environment, so
# no name is listed here (tools/deploy.py's targets list theirs; an empty one counts as
# unset there, and publishconf.py's value is used).

# Any error Pelican logs (a misspelled plugin, a template error, an unreadable post)
# fails the build. (html, regenerate and devserver run tools/build.py, which always does
# and shows the problems in one block, without a traceback.)
FATAL = --fatal errors

# The virtual environment is (re)built only when a requirements file changes. Building
# and publishing need requirements.txt alone; the test tools (requirements-dev.txt) are
# installed by `make test` and the browser targets only.
STAMP = $(VENV)/.installed
DEV_STAMP = $(VENV)/.installed-dev
PIP_INSTALL = $(PY) -m pip install --quiet --disable-pip-version-check

.DEFAULT_GOAL := help
.PHONY: help setup html clean regenerate serve devserver publish rollback check test bench \
        bench-preview bench-scan stress-publish score-scan \
        lighthouse screenshots newpost newpage venv dev-venv

help:
	@echo 'Commands for your practice website'
	@echo ''
	@echo '  make setup        make the site your practice'"'"'s own (asks a few questions)'
	@echo '  make html         build the preview site into output/ (sets up .venv first time)'
	@echo '  make devserver    preview at http://$(SERVER):$(PORT)/, rebuilt when you save'
	@echo '  make serve        serve output/ at http://$(SERVER):$(PORT)/ without rebuilding'
	@echo '  make regenerate   rebuild whenever a file changes, without serving'
	@echo '  make newpost TITLE="..."   start a new blog post (saved as a draft)'
	@echo '  make newpage TITLE="..."   start a new page'
	@echo '      (LANG=fr: in French; TRANSLATES=<address>: a translation of that post or page)'
	@echo '  make check        build the live site and run the pre-publish checks'
	@echo '  make publish      build, check, and upload the live site (see docs/publishing.md)'
	@echo '  make rollback     make the previous upload live again (rsync hosts)'
	@echo '  make clean        delete output/ and the build cache'
	@echo '  make test         run the test suite'
	@echo '  make bench        measure build speed (N=2000 posts by default; PHOTOS=20 for photos)'
	@echo '  make bench-preview  make devserver on N=2000 posts: seconds from a save to its page'
	@echo '  make bench-scan   confidentiality scan: recall, false alarms, time per 1,000 posts'
	@echo '  make stress-publish  publish 20 times (N=...) during preview rebuilds; 0 drafts?'
	@echo '  make score-scan   confidentiality scan on labelled posts (DIRS=...; the dev set by default)'
	@echo '  make lighthouse   Lighthouse scores for key pages (needs Chromium and npm)'
	@echo '  make screenshots  save screenshots of key pages into docs/screenshots/'
	@echo ''
	@echo 'Settings: PORT=$(PORT) SERVER=$(SERVER) OUTPUTDIR=$(OUTPUTDIR)'

$(STAMP): requirements.txt
	@test -x $(PY) || $(PYTHON_BOOT) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	@touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt requirements-s3.txt
	$(PIP_INSTALL) -r requirements-dev.txt
	@touch $(DEV_STAMP)

venv: $(STAMP)
dev-venv: $(DEV_STAMP)

# Asks in plain words, or reads the answers from a file: make setup ANSWERS=answers.toml
setup: $(STAMP)
	$(PY) -m tools.practice_setup $(if $(ANSWERS),--answers "$(ANSWERS)")

html: $(STAMP)
	$(PY) -m tools.build $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

clean:
	rm -rf $(OUTPUTDIR) $(dir $(OUTPUTDIR)).$(notdir $(OUTPUTDIR)).releases .cache

regenerate: $(STAMP)
	$(PY) -m tools.build -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

serve: $(STAMP)
	$(PY) -m tools.build -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) -b $(SERVER) $(PELICANOPTS)

devserver: $(STAMP)
	$(PY) -m tools.build -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -p $(PORT) -b $(SERVER) $(PELICANOPTS)

check: $(STAMP)
	$(PY) -m tools.check

publish: $(STAMP)
	$(PY) -m tools.publish

rollback: $(STAMP)
	$(PY) -m tools.deploy --rollback

# Two workers on a 2-core machine; the browser tests keep to one worker (conftest.py), so
# Chromium starts and the site is crawled once. TEST_WORKERS=0 runs everything in one
# process.
TEST_WORKERS ?= 2
test: $(DEV_STAMP)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTESTOPTS)

bench: $(STAMP)
	$(PY) -m tools.bench $(if $(N),--posts $(N)) $(if $(PHOTOS),--photos $(PHOTOS))

bench-preview: $(STAMP)
	$(PY) -m tools.bench --preview 5 $(if $(N),--posts $(N))

bench-scan: $(STAMP)
	$(PY) -m tools.bench_scan $(if $(N),--posts $(N))

# Outside the test suite: each try is a full publish (to a local git repository).
stress-publish: $(STAMP)
	$(PY) -m tools.stress_publish $(if $(N),--tries $(N))

# Recall and false alarms with 95% intervals on labelled folders (tools/score_scan.py).
SCAN_DEV = plugins/confidentiality/tests/dev
DIRS ?= $(SCAN_DEV)/en $(SCAN_DEV)/fr $(SCAN_DEV)/es $(SCAN_DEV)/spent-heldout/en \
        $(SCAN_DEV)/spent-heldout/fr $(SCAN_DEV)/spent-heldout/es
score-scan: $(STAMP)
	$(PY) -m tools.score_scan $(DIRS)

lighthouse: $(DEV_STAMP)
	$(PY) -m tools.lighthouse

screenshots: $(DEV_STAMP)
	$(PY) -m tools.screenshots

# make would expand $(...) in TITLE (running a $(shell ...) in it) when it exports the
# variable to the recipe. So TITLE is not exported; $(value TITLE) is the text as typed,
# passed in single quotes (each ' in it written as '"'"'): quotes, $ and backticks reach
# the tool as typed, and nothing in a title runs.
# A line break in a title becomes a space (a recipe line cannot hold one; the tool would
# join the lines anyway).
unexport TITLE
define NEWLINE


endef
QUOTED_TITLE = '$(subst $(NEWLINE), ,$(subst ','"'"',$(value TITLE)))'
# LANG=fr and TRANSLATES=<slug or file>, quoted the same way. LANG is also the shell's
# locale variable, which make sees too: only a LANG given on make's command line counts,
# and it is not handed on as a locale (`fr` is none: Pelican would warn).
unexport TRANSLATES
NEW_ENV = $(if $(filter command line,$(origin LANG)),env -u LANG)
QUOTED = '$(subst $(NEWLINE), ,$(subst ','"'"',$(value $(1))))'
NEW_OPTIONS = $(if $(filter command line,$(origin LANG)),--lang=$(call QUOTED,LANG)) \
              $(if $(value TRANSLATES),--translates=$(call QUOTED,TRANSLATES))

newpost: $(STAMP)
	@$(NEW_ENV) $(PY) -m tools.newcontent post $(QUOTED_TITLE) $(NEW_OPTIONS)

newpage: $(STAMP)
	@$(NEW_ENV) $(PY) -m tools.newcontent page $(QUOTED_TITLE) $(NEW_OPTIONS)
