# Kapstok: `make demo` runs the demo site, `make test` runs every test. See docs/ci.md.
#
# Python packages come from uv.lock (into .venv), front-end packages from package-lock.json (into
# node_modules). Both installs leave a stamp inside the folder they fill, so a second `make` is
# instant, a changed lock file installs again, and deleting the folder starts afresh.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv from PATH, or the copy `make install` puts in Python's own site-packages.
UV := $(or $(shell command -v uv 2>/dev/null),python3 -m uv)
VENV := .venv
PYTHON := $(VENV)/bin/python
MANAGE := $(PYTHON) manage.py
PORT ?= 8000
# The public address in links that leave the site (mails, calendar files, QR codes): the demo's
# own port unless given (`make demo PORT=8101`, or SITE_URL=... for another host name).
SITE_URL ?= http://127.0.0.1:$(PORT)
PYTEST_ARGS ?=
# pytest-xdist workers for `make test` (one per core here; 0 runs everything in one process).
# The browser tests all go to one worker (conftest.py), the rest are shared out.
TEST_WORKERS ?= 2

# Commands that need settings but no real secret (checks, tests, benchmarks).
DEV_ENV := KAPSTOK_ALLOW_INSECURE_KEY=true SITE_URL="$(SITE_URL)"
# The benchmark app (benchmarks) is left out of INSTALLED_APPS unless this is set.
BENCH_ENV := $(DEV_ENV) KAPSTOK_BENCH=true
# The demo: production settings (DEBUG off, manifest static files) on loopback over plain http.
DEMO_ENV = KAPSTOK_DEMO=true HTTPS=false DEBUG=false ALLOWED_HOSTS=127.0.0.1,localhost \
	SITE_URL="$(SITE_URL)" SECRET_KEY="$$(cat var/secret_key)"
DEMO_PASSWORD := kapstok-demo
DEMO_LOGINS := pos lead-a lead-e member-a gemeente-a gemeente-e partner-c branche researcher oprichter admin

.PHONY: help install demo test lint bench messages clean system-packages

help:
	@echo "make install   install Python (uv) and front-end (npm) packages from the lock files"
	@echo "make demo      demo site with fictitious data at http://127.0.0.1:$(PORT)/ (PORT=...)"
	@echo "make test      migration check and the whole test suite, browser tests included"
	@echo "               (DATABASE_URL=postgres://... for PostgreSQL, PYTEST_ARGS=... for pytest)"
	@echo "make lint      ruff check, ruff format --check, djhtml --check"
	@echo "make bench     run the benchmarks and write BENCHMARKS.md"
	@echo "make messages  update the English catalogue from the code and compile it (docs/translations.md)"

install: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: pyproject.toml uv.lock
	@command -v uv >/dev/null || python3 -m uv --version >/dev/null 2>&1 \
		|| python3 -m pip install --quiet uv \
		|| python3 -m pip install --quiet --break-system-packages uv
	$(UV) sync --frozen
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

var/secret_key:
	@mkdir -p var
	@umask 077 && python3 -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	@echo "Generated a secret key for the demo in $@ (never commit it)."

# The recipe lines are silent so the secret key's command line is not echoed; each step says itself.
demo: install var/secret_key
	@echo "==> database (var/, or DATABASE_URL if set)"
	@$(DEMO_ENV) $(MANAGE) migrate --noinput
	@echo "==> municipalities and branches of sport"
	@$(DEMO_ENV) $(MANAGE) load_municipalities
	@echo "==> demo data"
	@$(DEMO_ENV) $(MANAGE) seed_demo
	@echo "==> static files"
	@$(DEMO_ENV) $(MANAGE) collectstatic --noinput --verbosity 0
	@echo
	@echo "Kapstok demo: http://127.0.0.1:$(PORT)/   (all offices, entrepreneurs and people are fictitious)"
	@echo "Log in with password '$(DEMO_PASSWORD)' as:"
	@for login in $(DEMO_LOGINS); do echo "  $$login@demo.invalid"; done
	@echo "Stop with Ctrl+C."
	@echo
	@$(DEMO_ENV) exec $(VENV)/bin/gunicorn kapstok.wsgi --bind 127.0.0.1:$(PORT) \
		--workers 2 --access-logfile -

# Chromium and the other Debian packages the tests need: installed when run as root; otherwise
# the browser tests are skipped and pytest's last line says how many and what to run.
system-packages:
	@bash scripts/system-packages.sh

test: system-packages install
	$(DEV_ENV) $(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: install
	@status=0; \
	$(VENV)/bin/ruff check . || status=1; \
	$(VENV)/bin/ruff format --check . || status=1; \
	$(VENV)/bin/djhtml --check kapstok/templates || status=1; \
	exit $$status

bench: install
	$(BENCH_ENV) $(MANAGE) bench

# The English catalogue: collect the Dutch msgids from the code (makemessages), then compile the .po
# into the .mo that is committed. Needs Debian's gettext. Locations are file names without line
# numbers, and a run that only changes POT-Creation-Date keeps the old file, so an unchanged
# catalogue gives no diff. See docs/translations.md.
PO_EN := kapstok/locale/en/LC_MESSAGES/django.po
MAKEMESSAGES_ARGS := --locale=en --no-obsolete --add-location=file --ignore=.venv \
	--ignore=node_modules --ignore=var --ignore=staticfiles --ignore=test-artifacts

messages: install
	@cp -p $(PO_EN) $(PO_EN).before
	$(DEV_ENV) $(MANAGE) makemessages $(MAKEMESSAGES_ARGS)
	@if diff -q -I '^"POT-Creation-Date: ' $(PO_EN).before $(PO_EN) >/dev/null; then \
		mv $(PO_EN).before $(PO_EN); \
	else \
		rm -f $(PO_EN).before; \
	fi
	$(DEV_ENV) $(MANAGE) compilemessages --ignore=.venv --ignore=node_modules
	@msgfmt --statistics --output-file=/dev/null $(PO_EN)

clean:
	rm -rf staticfiles test-artifacts

# Checks by tools nobody here wrote (docs/security.md), against a running server at AUDIT_URL
# (start `make demo` in another terminal first): schemathesis on the API, Debian's wapiti on the
# site (loopback only), and axe-core on every page type through the browser tests. Reports go to
# var/audit/. Every tool runs even when an earlier one finds something; the exit status says
# whether any did.
AUDIT_URL ?= http://127.0.0.1:$(PORT)
.PHONY: audit
audit: install
	@mkdir -p var/audit; status=0; \
	echo "==> schemathesis $(AUDIT_URL)/api/v1/openapi.json"; \
	$(VENV)/bin/schemathesis run $(AUDIT_URL)/api/v1/openapi.json --checks all \
		--max-examples 50 --report junit --report-dir var/audit || status=1; \
	echo "==> wapiti $(AUDIT_URL)/"; \
	if command -v wapiti >/dev/null; then \
		wapiti -u $(AUDIT_URL)/ --scope folder -m "all,-ssrf,-wapp,-nikto,-buster,-brute_login_form" \
			--max-scan-time 300 --max-attack-time 60 --flush-session \
			-f txt -o var/audit/wapiti.txt && cat var/audit/wapiti.txt || status=1; \
	else echo "wapiti is missing: apt-get install wapiti"; status=1; fi; \
	echo "==> axe-core (browser tests)"; \
	$(VENV)/bin/pytest -q kapstok/browser_tests/test_accessibility.py || status=1; \
	exit $$status
