# Two commands on a fresh machine (Python >= 3.11):  make site  ·  make test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLES := $(sort $(dir $(wildcard examples/*/site_config.yml)))
PORT ?= 8000
# Material 9.8 prints an end-of-life banner on every build; the README documents it.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve build check examples test test-fast lint clean bench bench-portal screenshots lighthouse engines

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## site: build the default site into site/ and print where to open it
site: build
	@echo "Built into $(CURDIR)/site/ (publish that folder on any web server). Preview: 'make serve', then http://127.0.0.1:$(PORT)/"

# Debian packages the build needs (WeasyPrint's Pango and HarfBuzz for the PDF reports); installed like the tests' ones.
BUILD_DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libthai0

build: $(STAMP)
	@sh tools/debian_packages.sh $(BUILD_DEBIAN_PACKAGES)
	$(BIN)/itasite build -f site_config.yml --strict

## serve: preview with live reload (also on YAML edits)
serve: $(STAMP)
	@sh tools/debian_packages.sh $(BUILD_DEBIAN_PACKAGES)
	$(BIN)/mkdocs serve -f site_config.yml --livereload -a 127.0.0.1:$(PORT)

## check: report every problem in content/ (CI uses --strict)
check: $(STAMP)
	$(BIN)/itasite check -f site_config.yml --strict

## examples: build every example into examples/<name>/site/
examples: $(STAMP)
	@sh tools/debian_packages.sh $(BUILD_DEBIAN_PACKAGES)
	@set -e; for ex in $(EXAMPLES); do echo "== $$ex"; (cd $$ex && $(CURDIR)/$(BIN)/itasite build --strict -q); done

## test: the whole test suite (unit, golden, end-to-end builds, browser tests in Debian's chromium), in parallel on 2
## processes (pytest-xdist; a module's tests stay in one process, so its module fixtures are built once; the modules in
## the order tests/conftest.py gives, longest first, not xdist's by number of tests), 15 slowest printed
# Debian packages the tests drive; installed before any test runs (as root or with sudo -n), else one command to run.
# chromium: the browser tests; libatomic1: Playwright's own driver needs it; nodejs: the search worker's tests.
TEST_DEBIAN_PACKAGES := chromium libatomic1 nodejs
# engines: the engine tests (tests/test_engines_*.py) build with each engine's venv; made here, before the 2 workers start.
test: $(STAMP) engines
	@sh tools/debian_packages.sh $(BUILD_DEBIAN_PACKAGES) $(TEST_DEBIAN_PACKAGES)
	$(BIN)/python -m pytest -n 2 --dist loadfile --no-loadscope-reorder

## test-fast: the unit and golden tests (no browser, no whole-site build, no subprocess), under a minute
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not e2e and not browser and not slow" -n 2

## bench: build-time and search benchmark (issues 3, 7); one line per figure. BENCH_SIZES=default,500 for a short run
## bench.preview: itasite serve on each engine and plain mkdocs serve, start and per-edit latency (issue 23)
BENCH_SIZES ?= default,500,2000,5000
PREVIEW_SIZES ?= default,2000
bench: $(STAMP) engines
	@sh tools/debian_packages.sh $(BUILD_DEBIAN_PACKAGES) $(TEST_DEBIAN_PACKAGES)
	$(BIN)/python -m compileall -q generator  # as an installed package would be: no module compiled per run
	$(BIN)/python -m bench.run --sizes $(BENCH_SIZES)
	$(BIN)/python -m bench.preview --sizes $(PREVIEW_SIZES)
	$(BIN)/python -m bench.portal --orgs 100,500 --cache $(PORTAL_CACHE)
	@echo "The portal at 8,304 organisations (portal_8304.*): make bench-portal (about half an hour; README: Performance)"

## bench-portal: the portal over 100, 500 and 8,304 synthetic organisations x 8 years (issue 24): build wall and CPU
## seconds, peak memory, pages. Apart from bench: the 8,304 build takes minutes, and its cache (written once, reused)
## about 16 minutes and 12.7 GB. PORTAL_CACHE=/path reuses a bench.synthetic_portal folder written before
PORTAL_SIZES ?= 100,500,8304
PORTAL_CACHE ?= /tmp/itasite-bench-portal-cache
bench-portal: $(STAMP)
	@sh tools/debian_packages.sh $(BUILD_DEBIAN_PACKAGES)
	$(BIN)/python -m compileall -q generator
	$(BIN)/python -m bench.portal --orgs $(PORTAL_SIZES) --cache $(PORTAL_CACHE)

## screenshots: the README's PNGs of the default site, taken by headless chromium (docs/screenshots/)
screenshots: $(STAMP)
	@sh tools/debian_packages.sh $(BUILD_DEBIAN_PACKAGES) chromium libatomic1
	$(BIN)/python -m tools.screenshots

## lighthouse: Lighthouse 12 (mobile, simulated throttling) on the built default site with Debian's chromium, median of
## 3 runs per page; one `name: value` line per figure; exit 1 below the targets. Not part of make test (minutes)
LIGHTHOUSE := tools/node/node_modules/lighthouse/cli/index.js
$(LIGHTHOUSE): tools/node/package.json tools/node/package-lock.json
	@sh tools/debian_packages.sh chromium nodejs npm
	npm ci --prefix tools/node --no-audit --no-fund
	touch $(LIGHTHOUSE)

lighthouse: build $(LIGHTHOUSE)
	$(BIN)/python -m tools.lighthouse

## engines: each site engine in its own venv (.engines/<name>/: the project and the engine's pinned packages, from
## PyPI; remade when the pins or pyproject.toml change), for `itasite build --engine` and the engines browser test
ENGINES ?= mkdocs properdocs zensical
engines: $(STAMP)
	$(BIN)/python -m tools.engines $(ENGINES)

## lint: ruff over the code, the tests, the benchmark and the tools; mypy --strict over the package
lint: $(STAMP)
	$(BIN)/ruff check generator tests bench tools
	$(BIN)/mypy generator

clean:
	rm -rf site site.tmp-* site.old-* examples/*/site .pytest_cache
