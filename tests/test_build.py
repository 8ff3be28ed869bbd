"""The build pipeline: fresh-kernel execution, reproducibility, error reporting, and the PDF.

The notebook test executes hw3.py in a fresh kernel (writing figures to a temporary directory) and
requires it to reproduce the committed notebook's outputs and the committed figures byte for byte.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT

HEADINGS = [
    "Problem 1",
    "1(a)",
    "1(b)",
    "Problem 2",
    "2(a)",
    "2(b)",
    "2(c)",
    "2(d)",
    "2(e)",
    "2(f)",
]


def _load_builder():
    spec = importlib.util.spec_from_file_location(
        "build_notebook", ROOT / "tools/build_notebook.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


builder = _load_builder()


def _outputs(nb):
    """Every code cell's outputs, as (cell source, outputs) pairs."""
    return [(c.source, c.outputs) for c in nb.cells if c.cell_type == "code"]


@pytest.fixture(scope="module")
def fresh_run(tmp_path_factory):
    """hw3.py executed top to bottom in a fresh kernel, figures going to a temporary directory."""
    figures = tmp_path_factory.mktemp("figures")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HW3_FIGURES_DIR", str(figures))  # the kernel inherits the environment
        nb = builder.notebook_from_source(
            ROOT / "hw3.py", tmp_path_factory.mktemp("nb") / "x.ipynb"
        )
        builder.execute(nb, ROOT)
    builder.coalesce_streams(nb)
    return nb, figures


def test_notebook_runs_in_fresh_kernel_without_errors_or_warnings(fresh_run):
    nb, _ = fresh_run
    outputs = [o for _, outs in _outputs(nb) for o in outs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert builder.stderr_outputs(nb) == []
    counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))


def test_committed_notebook_has_the_fresh_outputs(fresh_run):
    """The committed hw3.ipynb is exactly what the code produces now (deterministic, not stale)."""
    nb, _ = fresh_run
    committed = nbformat.read(ROOT / "hw3.ipynb", as_version=4)
    assert [s for s, _ in _outputs(committed)] == [s for s, _ in _outputs(nb)], (
        "run `make notebook`"
    )
    for (source, fresh), (_, old) in zip(_outputs(nb), _outputs(committed), strict=True):
        assert fresh == old, f"outputs differ for cell:\n{source[:200]}"


def test_figures_are_byte_identical_on_rebuild(fresh_run):
    _, figures = fresh_run
    fresh = sorted(p.name for p in figures.iterdir())
    committed = sorted(p.name for p in (ROOT / "figures").iterdir() if p.suffix in {".pdf", ".png"})
    assert fresh == committed
    for name in fresh:
        assert (figures / name).read_bytes() == (ROOT / "figures" / name).read_bytes(), name
    stems = {Path(n).stem for n in fresh}
    assert all({f"{s}.pdf", f"{s}.png"} <= set(fresh) for s in stems), "each figure as PDF and PNG"


def test_a_raising_cell_fails_the_build_and_shows_the_error(tmp_path):
    source = tmp_path / "bad.py"
    source.write_text('# %%\nx = 1\n\n# %%\nraise RuntimeError("boom from cell two")\n')
    target = tmp_path / "bad.ipynb"
    result = subprocess.run(
        [sys.executable, ROOT / "tools/build_notebook.py", source, target],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "boom from cell two" in result.stderr
    assert not target.exists()


def test_edits_made_in_the_ipynb_are_never_overwritten(tmp_path):
    source = tmp_path / "nb.py"
    source.write_text("# %%\nx = 1\n")
    target = tmp_path / "nb.ipynb"
    nb = builder.notebook_from_source(source, target)
    nb.cells[0].source = "x = 2  # edited in Jupyter"
    nbformat.write(nb, target)
    os.utime(source, (1, 1))  # the notebook is newer than its source
    result = subprocess.run(
        [sys.executable, ROOT / "tools/build_notebook.py", source, target],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "jupytext --to py:percent" in result.stderr
    assert "edited in Jupyter" in target.read_text()


def test_missing_xelatex_gives_the_install_command(tmp_path):
    result = subprocess.run(
        ["/bin/bash", ROOT / "tools/xelatex-strict", "x.tex"],
        capture_output=True,
        text=True,
        env={"PATH": str(tmp_path)},
    )
    assert result.returncode != 0
    assert "apt-get install --no-install-recommends texlive-xetex" in result.stderr


def test_missing_tex_as_non_root_names_the_command_and_installs_nothing(tmp_path):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "id").write_text("#!/bin/sh\necho 1000\n")
    (fake / "id").chmod(0o755)
    for tool in ("grep",):
        os.symlink(shutil.which(tool), fake / tool)
    result = subprocess.run(
        ["/bin/bash", ROOT / "tools/ensure_sysdeps.sh"],
        capture_output=True,
        text=True,
        env={"PATH": str(fake)},
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert (
        len(lines) == 1 and "sudo apt-get install --no-install-recommends texlive-xetex" in lines[0]
    )


def test_make_without_venv_support_says_so(tmp_path):
    fake_python = tmp_path / "python3"
    fake_python.write_text("#!/bin/sh\nexit 1\n")
    fake_python.chmod(0o755)
    result = subprocess.run(
        ["make", "-C", ROOT, "setup", f"PYTHON={fake_python}", f"VENV={tmp_path / 'venv'}"],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "-m venv' is not available" in result.stderr
    assert not (tmp_path / "venv").exists()


@pytest.fixture(scope="module")
def pdf_pages():
    pdf = ROOT / "writeup/hw3.pdf"
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def test_pdf_has_title_page_and_every_heading_in_order(pdf_pages):
    title = " ".join(pdf_pages[0].split())
    assert "Homework 3: Mathematics of Deep Learning" in title
    assert "reference solution" in title, "the author"
    assert re.search(r"\d{1,2} \w+ \d{4}", title), "a date on the title page"
    body, position = "\n".join(pdf_pages[1:]), 0
    for heading in HEADINGS:  # each heading starts a line, in the assignment's order
        match = re.compile(rf"^\s*{re.escape(heading)}[: ]", re.MULTILINE).search(body, position)
        assert match, f"heading {heading!r} missing (or out of order) in writeup/hw3.pdf"
        position = match.end()


def test_pdf_page_count_and_vector_figures(pdf_pages):
    assert 10 <= len(pdf_pages) <= 60, len(pdf_pages)
    nb = nbformat.read(ROOT / "hw3.ipynb", as_version=4)
    figures = [
        o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    # nbconvert's LaTeX exporter prefers application/pdf over image/png: figures go in as vectors.
    assert figures and all("application/pdf" in o["data"] for o in figures), "vector figure outputs"


def test_prints_split_by_a_slow_computation_are_saved_as_one_output(tmp_path):
    source = tmp_path / "s.py"
    source.write_text('# %%\nimport time\nprint("a", flush=True)\ntime.sleep(0.5)\nprint("b")\n')
    target = tmp_path / "s.ipynb"
    subprocess.run([sys.executable, ROOT / "tools/build_notebook.py", source, target], check=True)
    (cell,) = nbformat.read(target, as_version=4).cells
    assert [(o.output_type, o.text) for o in cell.outputs] == [("stream", "a\nb\n")]


def test_build_refuses_to_guess_a_date_when_the_header_has_none(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    source = (ROOT / "hw3.py").read_text()
    (tmp_path / "hw3.py").write_text(re.sub(r"(?m)^#   date: .*\n", "", source))
    result = subprocess.run(["make", "-n", "pdf"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0
    assert "no '#   date: ...' line" in result.stderr
