# Build and check the Homework 3 writeup. `make pdf` (default) and `make test`; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := pdf
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
BUILD  := build

# Reproducible outputs: every date in the PDF comes from the `date` in hw3.py's header (the one place
# that also holds the title and author), never from the clock; Python hashing is fixed too.
DATE := $(shell sed -n 's/^\#   date: *//p' hw3.py)
ifeq ($(strip $(DATE)),)
$(error hw3.py has no '#   date: ...' line in its header: the build takes its dates from there)
endif
export SOURCE_DATE_EPOCH := $(shell date -u -d '$(DATE) 12:00' +%s 2>/dev/null)
ifeq ($(SOURCE_DATE_EPOCH),)
$(error cannot read the date '$(DATE)' in hw3.py's header (write it like '27 November 2026'))
endif
export FORCE_SOURCE_DATE := 1
export PYTHONHASHSEED := 0
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# One BLAS thread: the order of floating-point sums, and so every printed digit, does not depend on
# how the work was split between cores.
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
export MKL_NUM_THREADS := 1

PACKAGE := $(wildcard hw3/*.py)

# A stamp says its outputs are current; one whose outputs were deleted says nothing.
ifeq ($(wildcard figures/*.pdf),)
$(shell rm -f $(BUILD)/notebook.stamp)
endif
ifeq ($(wildcard hw3.ipynb),)
$(shell rm -f $(BUILD)/notebook.stamp)
endif

.PHONY: pdf notebook figures test lint bench setup sysdeps clean distclean lab kernel

pdf: writeup/hw3.pdf                 ## execute the notebook if needed, then writeup/hw3.pdf

notebook: $(BUILD)/notebook.stamp    ## execute hw3.ipynb top to bottom in a fresh kernel, in place

figures: $(BUILD)/notebook.stamp     ## figures/*.pdf|png are written while the notebook executes

setup: $(VENV)/.installed            ## the virtual environment with the pinned requirements

sysdeps:                             ## xelatex, pandoc, pdftotext, DejaVu fonts (apt-get when root)
	@tools/ensure_sysdeps.sh

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { echo "error: '$(PYTHON) -m venv' is not available; install it with: sudo apt-get install python3-venv" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --quiet --disable-pip-version-check -r requirements.txt
	@# the notebook's kernel (and anything run from the venv) imports hw3 from this checkout
	$(BIN)/python -c 'import sysconfig, os; open(os.path.join(sysconfig.get_paths()["purelib"], "hw3-checkout.pth"), "w").write(os.getcwd() + "\n")'
	@touch $@

$(BUILD)/notebook.stamp: hw3.py $(wildcard hw3.ipynb) $(PACKAGE) tools/build_notebook.py $(VENV)/.installed
	@mkdir -p $(BUILD)
	$(BIN)/python tools/build_notebook.py hw3.py hw3.ipynb
	@touch $@

# writeup/hw3.pdf is committed, so after a clone it is newer than everything; the notebook stamp
# (absent after a clone) is what makes the first `make pdf` rebuild it.
writeup/hw3.pdf: $(BUILD)/notebook.stamp templates/hw3.tex.j2 tools/xelatex-strict | sysdeps
	@mkdir -p writeup
	$(BIN)/jupyter nbconvert --log-level=ERROR --to pdf --template-file templates/hw3.tex.j2 \
	  --PDFExporter.latex_command='["$(CURDIR)/tools/xelatex-strict", "{filename}", "-quiet"]' \
	  --output-dir writeup --output hw3 hw3.ipynb
	@touch $@

test: pdf lint                       ## unit tests, fresh-kernel run of the notebook, PDF checks
	$(BIN)/python -m pytest

lint: $(VENV)/.installed             ## ruff on the package, tests, tools and the notebook source
	$(BIN)/ruff check hw3 tests tools benchmarks hw3.py
	$(BIN)/ruff format --check hw3 tests tools benchmarks hw3.py

bench: $(VENV)/.installed            ## timing tables of 2(e) and 2(f) (not part of the tests)
	$(BIN)/python benchmarks/bench_sparse_recovery.py
	$(BIN)/python benchmarks/bench_matrix_completion.py

lab: $(VENV)/.installed              ## open the notebook in JupyterLab (kernel: this venv)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) hw3.ipynb

kernel: $(VENV)/.installed           ## register the venv as a Jupyter kernel "hw3" for other Jupyters
	$(BIN)/python -m ipykernel install --user --name hw3 --display-name "Python (hw3)"

clean:                               ## build products only: stamps, caches (never sources or committed outputs)
	rm -rf $(BUILD) .pytest_cache .ruff_cache
	find hw3 tests tools benchmarks -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean                     ## also the virtual environment
	rm -rf $(VENV)
