"""The notebook as a document: it runs cleanly, every section can be re-run, prose types no results."""

from __future__ import annotations

import ast
import builtins
import re

import jupytext
import nbformat
import pytest

from tests.conftest import ROOT, load_tool


def _strip(outputs):
    """Outputs without execution counts (a re-run numbers its cells anew)."""
    return [{k: v for k, v in out.items() if k != "execution_count"} for out in outputs]


def test_notebook_runs_in_a_fresh_kernel_without_errors_or_warnings(notebook_run):
    outputs = [o for outs in notebook_run.first_outputs.values() for o in outs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]


def test_every_section_rerun_in_reverse_order_prints_what_it_printed_first(notebook_run):
    assert len(notebook_run.sections) >= 12
    for index, outputs in notebook_run.first_outputs.items():
        again = notebook_run.rerun_outputs[index]
        source = notebook_run.nb.cells[index].source
        assert _strip(again) == _strip(outputs), f"a re-run changes the output of:\n{source[:300]}"


def test_every_section_rerun_rewrites_its_figures_byte_identically(notebook_run):
    assert notebook_run.first_figures, "the notebook writes figures"
    assert notebook_run.rerun_figures == notebook_run.first_figures


def test_a_fresh_run_reproduces_the_staged_notebook(notebook_run):
    """Two executions (the build's and this one) give the same outputs: nothing depends on timing."""
    staged = ROOT / "build" / "stage" / "hw3.ipynb"
    if not staged.is_file():
        pytest.skip("no staged build (run `make stage`)")
    built = nbformat.read(staged, as_version=4)
    fresh = load_tool("build_notebook").coalesce_streams(notebook_run.nb)
    pairs = zip(built.cells, fresh.cells, strict=True)
    for a, b in pairs:
        if a.cell_type == "code":
            assert _strip(a.outputs) == _strip(b.outputs), a.source[:200]


def _names(tree) -> tuple[set[str], set[str]]:
    """(names a piece of code binds, names it reads)."""
    bound, used = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (used if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
    return bound, used


def test_each_cell_binds_every_name_it_reads_given_the_setup_cell():
    """After a kernel restart and the setup cell (imports only), any code cell runs on its own:
    it calls the experiments it uses (memoized) and reads no name another cell binds."""
    nb = jupytext.read(ROOT / "hw3.py")
    code = [c for c in nb.cells if c.cell_type == "code"]
    setup, *rest = code
    setup_bound, setup_used = _names(ast.parse(setup.source))
    assert setup_used <= setup_bound | set(dir(builtins))
    assert all(
        isinstance(node, ast.Import | ast.ImportFrom) for node in ast.parse(setup.source).body
    )
    problems = []
    for cell in rest:
        tree = ast.parse(cell.source)
        if any(isinstance(node, ast.Import | ast.ImportFrom) for node in ast.walk(tree)):
            problems.append(f"imports outside the setup cell:\n{cell.source[:120]}")
        bound, used = _names(tree)
        missing = used - bound - setup_bound - set(dir(builtins))
        if missing:
            problems.append(f"{sorted(missing)} in:\n{cell.source[:120]}")
    assert not problems, "\n".join(problems)


def _markdown_cells():
    return [c.source for c in jupytext.read(ROOT / "hw3.py").cells if c.cell_type == "markdown"]


def test_prose_types_at_most_ten_decimal_numbers():
    """Numbers the prose quotes are generated from results; typed decimals are design constants."""
    text = "\n".join(_markdown_cells())
    decimals = re.findall(r"(?<![\w.])\d+\.\d+(?![\w.])", text)
    assert len(decimals) <= 10, decimals


def test_prose_never_points_at_printed_output():
    text = "\n".join(_markdown_cells()).lower()
    for phrase in ("printed above", "printed below", "as printed", "the value printed"):
        assert phrase not in text


def test_source_is_in_the_form_jupytext_writes():
    """A save from JupyterLab (jupytext pairing) rewrites hw3.py into exactly this text."""
    source = (ROOT / "hw3.py").read_text()
    assert jupytext.writes(jupytext.read(ROOT / "hw3.py"), fmt="py:percent") == source
    committed = nbformat.read(ROOT / "hw3.ipynb", as_version=4)
    assert jupytext.writes(committed, fmt="py:percent") == source


def test_code_cells_are_short():
    """Gallery style: a cell open in Jupyter (not the setup cell, not generated prose) calls an
    experiment and shows its table or figure in a few lines."""
    nb = jupytext.read(ROOT / "hw3.py")
    code = [c for c in nb.cells if c.cell_type == "code"][1:]
    long = [
        c.source[:80]
        for c in code
        if not c.metadata.get("jupyter", {}).get("source_hidden") and len(c.source.splitlines()) > 5
    ]
    assert not long, long
