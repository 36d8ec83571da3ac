# Two commands: `make site` builds the sample site with its PDFs, `make test` runs every test.
# Both set up what they need first: Debian packages (via apt when run as root), a virtual
# environment in .venv, and the Python packages from pyproject.toml.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

# What the PDFs need: CJK fonts for every role, Pango, and HarfBuzz's subsetter
# (without libharfbuzz-subset0 WeasyPrint falls back to fontTools, about 35x slower).
SITE_DEBS := fontconfig fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai fonts-arphic-ukai \
             libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
# What the tests need on top: poppler's PDF tools and a real browser.
# LibreOffice converts .docx/.xlsx attachments for print; optional for a site (the build warns without
# it), installed for the tests, which print an .xlsx attachment in place.
TEST_DEBS := poppler-utils chromium libreoffice-writer-nogui libreoffice-calc-nogui

.PHONY: site test serve bench fuzz clean system-site system-test venv import-report axe

site: system-site venv
	$(BIN)/bulletin build

# Two processes, each taking whole test files (their module fixtures are built once): 6 min 5 s on a
# 2-core machine from a fresh clone at 3a62741; one process took 10 min at fab53b4.
# `.venv/bin/python -m pytest tests/x.py` runs in one process.
test: system-test venv axe
	$(BIN)/python -m pytest -n 2 --dist loadfile

serve: system-site venv
	$(BIN)/bulletin serve

# the two ratio targets with five pairs: their medians moved by 5-10% between three-pair runs
bench: system-site venv
	$(BIN)/python benchmarks/bench_site.py --pairs 5
	$(BIN)/python benchmarks/bench_print.py --pairs 5
	$(BIN)/python benchmarks/bench_search.py
	$(BIN)/python benchmarks/bench_serve.py
	$(BIN)/python benchmarks/bench_rebuild.py
	$(BIN)/python benchmarks/import_scaling.py

# the long fuzz run (make test runs 80 fixed examples per property; 40 for the importer's)
fuzz: venv
	BULLETIN_FUZZ_EXAMPLES=5000 $(BIN)/python -m pytest tests/test_fuzz.py \
		tests/test_import.py::test_any_text_imports_or_is_refused_cleanly tests/test_import_pdf_layout.py \
		-p no:cacheprovider

# axe-core for the accessibility tests: the pinned release from the npm registry, integrity-checked,
# unpacked into .cache/ (tests/axe.py says which release).
axe: venv
	$(BIN)/python tests/axe.py

# the legacy-import corpus: retention, fields right/wrong/missing, noise kept (benchmarks/import_report.py)
import-report: system-test venv
	$(BIN)/python benchmarks/import_report.py

system-site:
	@$(SHELL) scripts/ensure-debs.sh $(SITE_DEBS)

system-test:
	@$(SHELL) scripts/ensure-debs.sh $(SITE_DEBS) $(TEST_DEBS)

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

clean:
	rm -rf site print .cache
