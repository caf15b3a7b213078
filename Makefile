# ogpstats — `make help` lists the targets.
# Every target sets itself up: a virtual environment in .venv with ogpstats installed.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The inputs of data/processed/: every workbook and export in data/raw/ (README.md there is not one).
RAW_DATA := $(sort $(wildcard data/raw/*.xlsx data/raw/*.xlsm data/raw/*.xls data/raw/*.ods data/raw/*.csv))

.DEFAULT_GOAL := help
.PHONY: help setup reports lint test sample-data screenshot benchmarks lab clean

help: ## Show this help
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(STAMP) ## Create .venv and install ogpstats with its dependencies

reports: $(STAMP) ## Regenerate the reports in reports/ and the tidy tables in data/processed/ from data/raw/
	$(BIN)/ogpstats report --period latest --data data/raw --out reports
	$(BIN)/ogpstats tidy $(RAW_DATA) --out data/processed

lint: $(STAMP) ## Check style (ruff, notebooks included), types (mypy) and the size limits
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python scripts/check_sizes.py

# -n auto: one pytest-xdist worker per core, a test file per worker (its module fixtures built once);
# the shared report runs of reports_support are built once per test run, not once per worker.
test: $(STAMP) lint ## Lint, then run the test suite on every core (installs Debian's chromium for the browser tests when root)
	@scripts/ensure_chromium.sh
	$(BIN)/python -m pytest -n auto --dist loadfile

sample-data: $(STAMP) ## Rebuild the illustrative sample workbooks in data/raw/
	$(BIN)/python scripts/make_sample_data.py data/raw

screenshot: $(STAMP) ## Regenerate docs/img/report_nap_en.png (the README's screenshot) in headless Chromium
	@scripts/ensure_chromium.sh
	$(BIN)/python scripts/screenshot.py docs/img/report_nap_en.png

benchmarks: $(STAMP) ## Run the speed and memory benchmarks
	@for b in $(filter-out benchmarks/common.py benchmarks/history.py,$(wildcard benchmarks/*.py)); do \
	  echo "== $$b"; $(BIN)/python $$b; done

lab: $(STAMP) ## Open JupyterLab in notebooks/ with the ogpstats kernel (dashboard: exploratory/dashboard.ipynb)
	$(BIN)/python -c "from ogpstats.reports.kernel import ensure_kernelspec; ensure_kernelspec()"
	cd notebooks && $(abspath $(BIN))/jupyter lab $$([ "$$(id -u)" = 0 ] && echo --allow-root)

clean: ## Remove the virtual environment and generated reports
	rm -rf $(VENV) reports/*/ reports/.tidy-cache reports/index.html data/processed/*.csv data/processed/*.parquet
