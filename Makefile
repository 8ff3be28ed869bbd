# Build and check the Homework 3 writeup. `make pdf` (default) and `make test`; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := pdf
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Every tool runs as `$(PY) -m ...`: the venv's console scripts carry the checkout's absolute
# path in their shebang line and stop working when the checkout is moved.
PY     := $(BIN)/python
BUILD  := build
STAGE  := $(BUILD)/stage
# Python versions the build is tested with (README: "Which Python").
SUPPORTED_PYTHONS := 3.11 3.12 3.13

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
# One BLAS thread: the order of floating-point sums does not depend on how the work was split
# between cores. (It still depends on the CPU's kernels: the notebook never prints digits at the
# rounding level, so its outputs do not.)
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
# Caches and configuration live under build/, never in $HOME (which may not even exist), so no
# user setting (an IPython startup file, a matplotlib style) can change what the build produces.
export XDG_CACHE_HOME := $(CURDIR)/$(BUILD)/cache
export MPLCONFIGDIR := $(CURDIR)/$(BUILD)/cache/matplotlib
# numba's compiled kernels (hw3.matrix_completion.gd_run) are cached here, not next to the source.
export NUMBA_CACHE_DIR := $(CURDIR)/$(BUILD)/cache/numba
export IPYTHONDIR := $(CURDIR)/$(BUILD)/ipython
export JUPYTER_RUNTIME_DIR := $(CURDIR)/$(BUILD)/jupyter/runtime
export TEXMFVAR := $(CURDIR)/$(BUILD)/cache/texmf-var
# Jupyter's configuration and data directories (lab settings and workspaces, the notebook trust
# database, user kernels) too: the build, `make lab` and `make kernel` never need HOME.
ISOLATED := JUPYTER_CONFIG_DIR=$(CURDIR)/$(BUILD)/jupyter/config JUPYTER_DATA_DIR=$(CURDIR)/$(BUILD)/jupyter/data
# Every kernel started with IPYTHONDIR=build/ipython (the build's, make lab's, make kernel's) loads
# this configuration: it reports the notebook's language_info as the build records it.
KERNEL_CONFIG := $(IPYTHONDIR)/profile_default/ipython_kernel_config.py

PACKAGE := $(wildcard hw3/*.py hw3/*/*.py)
RESULTS := results/sweep.npz
KERNEL_ENV := PYTHONHASHSEED OPENBLAS_NUM_THREADS OMP_NUM_THREADS MKL_NUM_THREADS \
  SOURCE_DATE_EPOCH FORCE_SOURCE_DATE PYDEVD_DISABLE_FILE_VALIDATION MPLCONFIGDIR IPYTHONDIR \
  NUMBA_CACHE_DIR

# The venv imports hw3 from the checkout through a .pth file; after a `mv` of the checkout it
# points to the old place, so it is rewritten whenever it is stale.
PTH := $(wildcard $(VENV)/lib/python3*/site-packages/hw3-checkout.pth)
ifneq ($(PTH),)
ifneq ($(shell cat $(PTH)),$(CURDIR))
$(shell echo '$(CURDIR)' > $(PTH))
endif
endif

# The tree's outputs are prerequisites of the install, so that a deleted or edited output is
# noticed; a figure the stage has and the tree lacks forces the install too.
TREE_OUTPUTS := $(wildcard hw3.ipynb writeup/hw3.pdf figures/*.pdf figures/*.png)
STAGED_FIGURES := $(notdir $(wildcard $(STAGE)/figures/*))
ifneq ($(sort $(STAGED_FIGURES)),$(sort $(notdir $(wildcard figures/*.pdf figures/*.png))))
$(shell rm -f $(BUILD)/installed.stamp)
endif
ifneq ($(words $(wildcard hw3.ipynb writeup/hw3.pdf)),2)
$(shell rm -f $(BUILD)/installed.stamp)
endif

.PHONY: pdf stage test zip lint bench results setup sysdeps clean distclean lab kernel help

pdf: $(BUILD)/installed.stamp        ## build into build/stage, then move hw3.ipynb, figures/, writeup/hw3.pdf into place

stage: $(STAGE)/hw3.pdf              ## execute the notebook and build the PDF in build/stage only (the tree is not touched)

test: $(STAGE)/hw3.pdf lint          ## the committed outputs must be what the code produces; then ruff and pytest
	$(PY) tools/outputs.py compare $(STAGE)
	$(PY) -m pytest

zip: hw3-submission.zip              ## the submission: PDF, notebook and source, package, figures, results, requirements, README

help:                                ## this list
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z]+):[^#]*## */\1\t/' | \
	  awk -F '\t' '{ name[NR] = $$1; text[NR] = $$2; if (length($$1) > w) w = length($$1) } \
	    END { for (i = 1; i <= NR; i++) printf "  make %-*s  %s\n", w, name[i], text[i] }'

setup: $(VENV)/.installed            ## the virtual environment with the pinned requirements

sysdeps:                             ## xelatex, pandoc, pdftotext, DejaVu fonts (apt-get when root)
	@tools/ensure_sysdeps.sh

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: no '$(PYTHON)' found; this build needs Python $(SUPPORTED_PYTHONS) (make PYTHON=/path/to/python3.11)" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; v = "%d.%d" % sys.version_info[:2]; ok = v in "$(SUPPORTED_PYTHONS)".split(); ok or print(f"error: {sys.executable} is Python {v}; this build works with Python $(SUPPORTED_PYTHONS) (make PYTHON=/path/to/python3.11)", file=sys.stderr); sys.exit(not ok)'
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || { echo "error: '$(PYTHON) -m venv' is not available; install it with: sudo apt-get install python3-venv" >&2; exit 1; }
	@echo "setting up $(VENV): $$(grep -c '==' requirements.txt) pinned packages from requirements.txt (about a minute the first time)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --progress-bar off --disable-pip-version-check -r requirements.txt
	@# the notebook's kernel (and anything run from the venv) imports hw3 from this checkout
	@$(PY) -c 'import sysconfig, os; open(os.path.join(sysconfig.get_paths()["purelib"], "hw3-checkout.pth"), "w").write(os.getcwd() + "\n")'
	@touch $@

# The notebook is executed into build/stage (figures in build/stage/figures); the system programs
# the PDF needs are checked first, so a missing TeX is reported before a 25-second run.
$(STAGE)/notebook.stamp: hw3.py $(PACKAGE) $(RESULTS) tools/build_notebook.py tools/outputs.py $(KERNEL_CONFIG) $(VENV)/.installed | sysdeps
	@rm -f $@
	@mkdir -p $(STAGE) $(MPLCONFIGDIR) $(IPYTHONDIR) $(JUPYTER_RUNTIME_DIR)
	$(ISOLATED) $(PY) tools/build_notebook.py hw3.py $(STAGE) --tree-notebook hw3.ipynb
	@touch $@

$(STAGE)/hw3.pdf: $(STAGE)/notebook.stamp templates/hw3.tex.j2 tools/xelatex-strict
	@rm -f $@
	$(ISOLATED) $(PY) -m nbconvert --log-level=ERROR --to pdf --no-prompt --template-file templates/hw3.tex.j2 \
	  --TagRemovePreprocessor.enabled=True --TagRemovePreprocessor.remove_input_tags=remove_input \
	  --PDFExporter.latex_command='["$(CURDIR)/tools/xelatex-strict", "{filename}", "-quiet"]' \
	  --output-dir $(STAGE) --output hw3 $(STAGE)/hw3.ipynb

$(BUILD)/installed.stamp: $(STAGE)/hw3.pdf $(TREE_OUTPUTS)
	$(PY) tools/outputs.py install $(STAGE)
	@touch $@

# The same bytes on every build (tools/make_zip.py); git-ignored.
hw3-submission.zip: $(BUILD)/installed.stamp tools/make_zip.py templates/submission-README.md \
  requirements.txt $(shell find results -type f 2>/dev/null)
	$(PY) tools/make_zip.py $@

lint: $(VENV)/.installed             ## ruff on the package, tests, tools, benchmarks and the notebook source
	$(PY) -m ruff check hw3 tests tools benchmarks hw3.py
	$(PY) -m ruff format --check hw3 tests tools benchmarks hw3.py

results: $(VENV)/.installed          ## recompute results/ (the 2(f) sweep, about 20 minutes); run make pdf after it
	$(PY) tools/make_results.py

bench: $(VENV)/.installed            ## timing tables of 2(e) and 2(f) (not part of the tests)
	$(PY) benchmarks/bench_sparse_recovery.py
	$(PY) benchmarks/bench_matrix_completion.py

$(KERNEL_CONFIG): tools/ipython_kernel_config.py
	@mkdir -p $(@D)
	cp $< $@

# JupyterLab with this venv's kernel and its settings in build/ (tools/lab-settings: no autosave, so
# that running cells changes no tracked file until you save).
lab: $(VENV)/.installed $(KERNEL_CONFIG) ## open the notebook in JupyterLab (kernel: this venv; saves only when you save)
	@mkdir -p $(MPLCONFIGDIR) $(IPYTHONDIR) $(JUPYTER_RUNTIME_DIR)
	$(ISOLATED) $(PY) -m jupyterlab --LabApp.app_settings_dir=$(CURDIR)/tools/lab-settings \
	  $(if $(filter 0,$(shell id -u)),--allow-root) hw3.ipynb

kernel: $(VENV)/.installed $(KERNEL_CONFIG) ## register the venv, with the build's environment, as the Jupyter kernel "hw3"
	@$(PY) tools/register_kernel.py $(foreach v,$(KERNEL_ENV),'$(v)=$($(v))')

clean:                               ## build products only: build/, caches, Jupyter checkpoints (never sources or committed outputs)
	rm -rf $(BUILD) .pytest_cache .ruff_cache hw3-submission.zip
	find hw3 tests tools benchmarks -name __pycache__ -type d -prune -exec rm -rf {} +
	find . -path ./$(VENV) -prune -o -path ./.git -prune -o -name .ipynb_checkpoints -type d -prune -exec rm -rf {} +

distclean: clean                     ## also the virtual environment
	rm -rf $(VENV)
	@echo "(a kernel registered by 'make kernel' stays; remove it with: jupyter kernelspec remove hw3)"
