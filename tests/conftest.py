"""Shared fixtures: the repository root, and one fresh-kernel run of the notebook per session.

``notebook_run`` executes hw3.py top to bottom in a fresh kernel (figures to a temporary
directory), takes every experiment result the notebook holds out of the kernel (pickled), then
re-runs every section once more, in reverse order, in the same kernel. The claim, table and
figure tests use those results: they are the very objects the notebook shows.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_tool(name: str):
    """A module of tools/ (not a package) by file name, e.g. ``load_tool("build_notebook")``."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sections(nb) -> list[list[int]]:
    """The notebook's sections: from one level-1 or level-2 heading to the next, as lists of
    code-cell indices (cells before the first heading form a section of their own)."""
    out = [[]]
    for index, cell in enumerate(nb.cells):
        first = cell.source.lstrip().split("\n", 1)[0]
        if cell.cell_type == "markdown" and (first.startswith("# ") or first.startswith("## ")):
            out.append([])
        elif cell.cell_type == "code":
            out[-1].append(index)
    return [s for s in out if s]


@dataclass
class NotebookRun:
    nb: object  # the executed notebook (first run)
    first_outputs: dict  # code-cell index -> outputs of the first run
    first_figures: dict  # figure file name -> bytes after the first run
    rerun_outputs: dict  # code-cell index -> outputs when its section was re-run
    rerun_figures: dict  # figure file name -> bytes after all re-runs
    results: dict  # notebook variable name -> experiment result
    sections: list


_DUMP = """
import pickle as _p
from hw3.experiments import Result as _R
with open({path!r}, "wb") as _f:
    _p.dump({{_k: _v for _k, _v in dict(globals()).items() if isinstance(_v, _R)}}, _f)
"""


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def notebook_run(tmp_path_factory) -> NotebookRun:
    import copy

    import nbformat

    builder = load_tool("build_notebook")
    figures = tmp_path_factory.mktemp("figures")
    dump = tmp_path_factory.mktemp("results") / "results.pkl"
    nb = builder.notebook_from_source(ROOT / "hw3.py")
    parts = sections(nb)
    env = {"HW3_FIGURES_DIR": str(figures)}
    with builder.kernel_session(nb, ROOT, env) as client:
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        first = {
            i: copy.deepcopy(c.outputs) for i, c in enumerate(nb.cells) if c.cell_type == "code"
        }
        first_figures = {p.name: p.read_bytes() for p in sorted(figures.iterdir())}
        nb.cells.append(nbformat.v4.new_code_cell(_DUMP.format(path=str(dump))))
        client.execute_cell(nb.cells[-1], len(nb.cells) - 1)
        nb.cells.pop()
        rerun = {}
        for section in reversed(parts):
            for index in section:
                cell = copy.deepcopy(nb.cells[index])
                client.execute_cell(cell, index)
                rerun[index] = cell.outputs
        rerun_figures = {p.name: p.read_bytes() for p in sorted(figures.iterdir())}
    for index, outputs in first.items():
        nb.cells[index].outputs = outputs
    with open(dump, "rb") as f:
        results = pickle.load(f)
    os.remove(dump)
    return NotebookRun(nb, first, first_figures, rerun, rerun_figures, results, parts)


@pytest.fixture(scope="session")
def results(notebook_run) -> dict:
    """The notebook's experiment results, by the notebook's variable names."""
    return notebook_run.results
