# Two commands matter on a fresh machine:
#   make figures   set up .venv, run the study, write figures/
#   make test      set up .venv, run every test
# and two for the notebooks:
#   make lab           JupyterLab on notebooks/ (the .py files open as notebooks)
#   make test-browser  run every notebook in JupyterLab in headless Chromium
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup figures test test-fast test-browser lab bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test,notebooks,bench,dask]"
	touch $(STAMP)

# JupyterLab opens the notebooks' .py files as notebooks, starts the kernel, fetches no news.
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
$(LAB_SETTINGS): etc/jupyterlab-overrides.json $(STAMP)
	mkdir -p $(dir $@)
	cp $< $@

LAB_HOST ?= 127.0.0.1
LAB_PORT ?= 8888
# --allow-root: containers often run as root; --no-browser: open the printed URL yourself.
lab: $(STAMP) $(LAB_SETTINGS)
	$(BIN)/jupyter lab --no-browser --allow-root --ip=$(LAB_HOST) --port=$(LAB_PORT) \
		--ServerApp.root_dir=notebooks

CHROMIUM ?= /usr/bin/chromium
BROWSER_STAMP := $(VENV)/.browser
$(BROWSER_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[browser]"
	touch $@

# Chromium from Debian's packages; Playwright drives it (its own browser download is never used).
test-browser: $(BROWSER_STAMP) $(LAB_SETTINGS)
	test -x $(CHROMIUM) || (apt-get update && apt-get install -y chromium)
	FRAMING_BROWSER_TEST=1 CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest tests/test_browser.py -v -s

figures: $(STAMP)
	$(BIN)/framing figures --study corpus/study.yaml -o figures

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
