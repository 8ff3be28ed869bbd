"""The build pipeline: staging, all-or-nothing install, edit protection, error messages, the PDF."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT, load_tool

builder = load_tool("build_notebook")
outputs = load_tool("outputs")

HEADINGS = [
    "Problem 1", "1(a)", "1(b)", "Problem 2", "2(a)", "2(b)", "2(c)", "2(d)", "2(e)", "2(f)",
    "Appendix A", "Appendix B", "Appendix C", "References",
]  # fmt: skip


def _run(*args, **kwargs):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, **kwargs)


# ----------------------------------------------------------------------------- the notebook build
def test_a_raising_cell_fails_the_build_shows_the_error_and_stages_nothing(tmp_path):
    source = tmp_path / "bad.py"
    source.write_text('# %%\nx = 1\n\n# %%\nraise RuntimeError("boom from cell two")\n')
    result = _run(sys.executable, ROOT / "tools/build_notebook.py", source, tmp_path / "stage")
    assert result.returncode != 0
    assert (
        "boom from cell two" in result.stderr and "nothing in the tree was changed" in result.stderr
    )
    assert "Traceback (most recent call last)" not in result.stderr.split("boom")[0]
    assert not (tmp_path / "stage" / "hw3.ipynb").exists()


def test_ctrl_c_during_the_build_prints_one_line_and_stages_nothing(tmp_path):
    source = tmp_path / "slow.py"
    source.write_text("# %%\nimport time\ntime.sleep(60)\n")
    process = subprocess.Popen(
        [sys.executable, ROOT / "tools/build_notebook.py", source, tmp_path / "stage"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    time.sleep(6)  # the kernel is up and running the cell
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
    out, err = process.communicate(timeout=60)
    assert process.returncode != 0
    lines = [line for line in (out + err).splitlines() if line.strip()]
    assert lines == ["interrupted: nothing in the tree was changed"], lines
    assert not (tmp_path / "stage" / "hw3.ipynb").exists()


def test_the_kernel_connection_file_is_removed_after_the_run(tmp_path):
    source = tmp_path / "nb.py"
    source.write_text("# %%\nx = 1\n")
    before = set(Path(tempfile.gettempdir()).glob("*.json")) | set(
        Path(tempfile.gettempdir()).glob("hw3-kernel-*")
    )
    nb = builder.notebook_from_source(source)
    builder.execute(nb, tmp_path)
    after = set(Path(tempfile.gettempdir()).glob("*.json")) | set(
        Path(tempfile.gettempdir()).glob("hw3-kernel-*")
    )
    assert after <= before, after - before


def test_prints_split_by_a_slow_computation_are_saved_as_one_output(tmp_path):
    source = tmp_path / "s.py"
    source.write_text('# %%\nimport time\nprint("a", flush=True)\ntime.sleep(0.5)\nprint("b")\n')
    nb = builder.notebook_from_source(source)
    builder.execute(nb, tmp_path)
    (cell,) = builder.finalize(nb).cells
    assert [(o.output_type, o.text) for o in cell.outputs] == [("stream", "a\nb\n")]


def test_the_build_reports_each_section_with_its_elapsed_time_as_it_starts(tmp_path):
    """The line of a section is printed while the section runs, not when the build is done."""
    flag = tmp_path / "go-on"
    source = tmp_path / "nb.py"
    source.write_text(
        "# %% [markdown]\n# # First section\n\n# %%\nimport os, time\nt0 = time.time()\n\n"
        "# %% [markdown]\n# ## Second section\n\n"
        f"# %%\nwhile not os.path.exists({str(flag)!r}) and time.time() < t0 + 30:\n"
        "    time.sleep(0.05)\n\n# %% [markdown]\n# ### a subsection: no line of its own\n"
    )
    process = subprocess.Popen(
        [sys.executable, ROOT / "tools/build_notebook.py", source, tmp_path / "stage"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines = [process.stdout.readline(), process.stdout.readline()]
    flag.touch()  # the second section can only end now
    rest, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert re.fullmatch(r"\s*\d+\.\d s  First section\n", lines[0]), lines
    assert re.fullmatch(r"\s*\d+\.\d s  Second section\n", lines[1]), lines
    assert rest.startswith("executed ") and "subsection" not in rest


def test_setup_says_what_it_installs_and_lets_pip_report_progress(tmp_path):
    """With a stand-in interpreter whose venv's pip only records how it was called."""
    log = tmp_path / "pip-args"
    fake_venv_python = (
        f'#!/bin/sh\n[ "$2" = pip ] && echo "$@" > {log} && echo Collecting numpy\nexit 0\n'
    )
    fake = tmp_path / "python3"
    fake.write_text(
        '#!/bin/sh\nif [ "$1 $2" = "-m venv" ]; then mkdir -p "$3/bin"; '
        f"printf '%s' '{fake_venv_python}' > \"$3/bin/python\"; chmod +x \"$3/bin/python\"; exit 0; fi\n"
        f'exec {sys.executable} "$@"\n'
    )
    fake.chmod(0o755)
    result = _run("make", "-C", ROOT, "setup", f"PYTHON={fake}", f"VENV={tmp_path / 'venv'}")
    assert result.returncode == 0, result.stderr
    packages = sum(
        1 for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line
    )
    said = result.stdout.split("Collecting numpy")[0]
    assert f"{packages} pinned packages" in said  # announced before pip runs
    assert "Collecting numpy" in result.stdout  # pip's own lines reach the terminal
    assert not {"-q", "--quiet"} & set(log.read_text().split())


# ----------------------------------------------------------------------------- edits and installs
def _tree(tmp_path, cells=("x = 1",)):
    """A source and a notebook with the same cells, in ``tmp_path``."""
    source = tmp_path / "hw3.py"
    source.write_text("".join(f"# %%\n{c}\n\n" for c in cells))
    notebook = tmp_path / "hw3.ipynb"
    nbformat.write(builder.notebook_from_source(source), notebook)
    return source, notebook


def test_a_touched_but_unedited_notebook_may_be_replaced(tmp_path):
    source, notebook = _tree(tmp_path)
    os.utime(source, (1, 1))  # the notebook is much newer than its source: not an edit
    assert outputs.unsaved_edits(notebook, source) is None


def test_an_edit_of_hw3_py_is_newer_than_the_installed_notebook(tmp_path):
    source, notebook = _tree(tmp_path)
    record = outputs.record_path(tmp_path)
    record.parent.mkdir()
    record.write_text(json.dumps({"hw3.ipynb": outputs._sha(notebook.read_bytes())}))
    source.write_text("# %%\nx = 2  # edited in hw3.py\n")
    assert outputs.unsaved_edits(notebook, source) is None


def test_edits_made_in_the_notebook_are_refused_naming_the_first_edited_cell(tmp_path):
    """The cell is named by its section and by a line only it has, not by an index or by a
    first line that other cells share."""
    source = tmp_path / "hw3.py"
    source.write_text(
        "# %% [markdown]\n# # Section A\n\n# %%\nimport numpy as np\nx = 1\n\n"
        "# %% [markdown]\n# ## Section B\n\n# %%\nimport numpy as np\ny = 2\n\n"
        "# %%\nimport numpy as np\nz = 3\n"
    )
    notebook = tmp_path / "hw3.ipynb"
    nb = builder.notebook_from_source(source)
    nb.cells[3].source = "import numpy as np\ny = 3  # edited in Jupyter"
    nbformat.write(nb, notebook)
    message = outputs.unsaved_edits(notebook, source)
    assert message and "'Section B'" in message and "'y = 3  # edited in Jupyter'" in message
    assert "Section A" not in message and "import numpy" not in message
    assert "jupytext --to py:percent" in message and "git checkout" in message


def _stage(tmp_path, number="1.234"):
    stage = tmp_path / "stage"
    (stage / "figures").mkdir(parents=True)
    source = tmp_path / "hw3.py"
    source.write_text("# %%\nprint(1)\n")
    nb = builder.notebook_from_source(source)
    nb.cells[0].outputs = [
        nbformat.v4.new_output("stream", name="stdout", text=f"value {number}\n")
    ]
    nbformat.write(nb, stage / "hw3.ipynb")
    (stage / "hw3.pdf").write_bytes(b"%PDF fake")
    (stage / "figures" / "f.pdf").write_bytes(b"pdf bytes")
    (stage / "figures" / "f.png").write_bytes(b"png bytes")
    return stage


def test_compare_names_a_stale_printed_number_and_what_to_run(tmp_path):
    root = tmp_path / "tree"
    root.mkdir()
    (root / "hw3.py").write_text("# %%\nprint(1)\n")
    outputs.install(_stage(tmp_path / "a"), root)
    assert outputs.differences(_stage(tmp_path / "a2"), root) == []
    found = outputs.differences(_stage(tmp_path / "b", number="1.235"), root)
    assert found == ["hw3.ipynb: the outputs of cell 0 differ"]
    stage_c = _stage(tmp_path / "c")
    (stage_c / "figures" / "f.png").write_bytes(b"other png")
    assert outputs.differences(stage_c, root) == ["figures/f.png: other bytes"]


def _committed_tree(tmp_path):
    """A git checkout in ``tmp_path/tree`` whose committed outputs are those of a staged build."""
    root = tmp_path / "tree"
    root.mkdir()
    (root / "hw3.py").write_text("# %%\nprint(1)\n")
    outputs.install(_stage(tmp_path / "a"), root)
    git = ["git", "-C", root, "-c", "user.name=t", "-c", "user.email=t@t"]
    for args in (["init", "-q"], ["add", "hw3.py", "hw3.ipynb", "figures", "writeup"]):
        _run(*git, *args, check=True)
    _run(*git, "commit", "-qm", "outputs", check=True)
    return root


def test_compare_tells_a_notebook_resaved_by_jupyter_in_one_line(tmp_path):
    root = _committed_tree(tmp_path)
    stage = _stage(tmp_path / "b")  # the build reproduces the committed outputs
    nb = nbformat.read(root / "hw3.ipynb", as_version=4)
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    nbformat.write(nb, root / "hw3.ipynb")
    message = outputs.report(stage, root)
    assert len(message.splitlines()) == 1 and "metadata only" in message
    assert "git checkout hw3.ipynb" in message and "make pdf" not in message
    # a Jupyter with another jupytext re-saves hw3.py with its version in the header
    (root / "hw3.py").write_text(
        "# ---\n# jupyter:\n#   jupytext:\n#     x: 1\n# ---\n\n# %%\nprint(1)\n"
    )
    message = outputs.report(stage, root)
    assert len(message.splitlines()) == 1 and "git checkout hw3.ipynb hw3.py" in message
    (root / "hw3.py").write_text("# %%\nprint(2)  # an edit: never to be discarded\n")
    assert "git checkout hw3.ipynb`" in outputs.report(stage, root)
    _run("git", "-C", root, "checkout", "hw3.py", check=True)
    nb.cells[0].outputs[0].text = "value 9.999\n"  # the cell was run again in Jupyter
    nbformat.write(nb, root / "hw3.ipynb")
    message = outputs.report(stage, root)
    assert len(message.splitlines()) == 1 and "outputs of cell 0" in message
    assert "metadata only" not in message and "git checkout hw3.ipynb`" in message


def test_compare_asks_for_a_rebuild_when_the_code_changed_the_notebook(tmp_path):
    root = _committed_tree(tmp_path)
    stage = _stage(tmp_path / "b")
    nb = nbformat.read(stage / "hw3.ipynb", as_version=4)
    nb.metadata["title"] = "a new title in hw3.py's header"  # metadata the code changed
    nbformat.write(nb, stage / "hw3.ipynb")
    message = outputs.report(stage, root)
    assert "hw3.ipynb: its metadata differs" in message and "Run `make pdf`" in message
    assert outputs.report(_stage(tmp_path / "c"), root) is None


def test_install_replaces_every_output_and_removes_obsolete_figures(tmp_path):
    root = tmp_path / "tree"
    (root / "figures").mkdir(parents=True)
    (root / "hw3.py").write_text("# %%\nprint(1)\n")
    (root / "figures" / "old.png").write_bytes(b"gone")
    stage = _stage(tmp_path)
    outputs.install(stage, root)
    assert sorted(p.name for p in (root / "figures").iterdir()) == ["f.pdf", "f.png"]
    assert (root / "writeup/hw3.pdf").read_bytes() == b"%PDF fake"
    assert not list(root.rglob(".*.partial"))
    assert outputs.differences(stage, root) == []


def test_install_refuses_to_overwrite_notebook_edits_and_changes_nothing(tmp_path):
    root = tmp_path / "tree"
    root.mkdir()
    (root / "hw3.py").write_text("# %%\nprint(1)\n")
    nb = builder.notebook_from_source(root / "hw3.py")
    nb.cells[0].source = "print(2)  # edited in Jupyter"
    nbformat.write(nb, root / "hw3.ipynb")
    before = (root / "hw3.ipynb").read_bytes()
    with pytest.raises(SystemExit, match="cell edits"):
        outputs.install(_stage(tmp_path), root)
    assert (root / "hw3.ipynb").read_bytes() == before and not (root / "writeup").exists()


# ----------------------------------------------------------------------------- make and its errors
def test_missing_xelatex_gives_the_install_command(tmp_path):
    result = _run("/bin/bash", ROOT / "tools/xelatex-strict", "x.tex", env={"PATH": str(tmp_path)})
    assert result.returncode != 0
    assert "apt-get install --no-install-recommends texlive-xetex" in result.stderr


def test_missing_tex_as_non_root_names_the_command_and_installs_nothing(tmp_path):
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "id").write_text("#!/bin/sh\necho 1000\n")
    (fake / "id").chmod(0o755)
    os.symlink(shutil.which("grep"), fake / "grep")
    result = _run("/bin/bash", ROOT / "tools/ensure_sysdeps.sh", env={"PATH": str(fake)})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    packages = (ROOT / "tools/apt-packages").read_text().split()
    assert (
        len(lines) == 1
        and f"sudo apt-get install --no-install-recommends {' '.join(packages)}" in lines[0]
    )


def test_the_readme_names_the_same_packages_as_the_installer():
    packages = (ROOT / "tools/apt-packages").read_text().split()
    readme = (ROOT / "README.md").read_text()
    assert f"sudo apt-get install --no-install-recommends {' '.join(packages)}" in readme


def test_an_unsupported_python_gets_one_line_naming_the_versions_that_work(tmp_path):
    fake = tmp_path / "python3"  # this interpreter, claiming to be Python 3.9
    fake.write_text(
        f"#!/bin/sh\nexec {sys.executable} -c \"import sys; sys.version_info = (3, 9, 1, 'final', 0); "
        "exec(compile(sys.argv[1], '<make>', 'exec'))\" \"$2\"\n"
    )
    fake.chmod(0o755)
    result = _run("make", "-s", "-C", ROOT, "setup", f"PYTHON={fake}", f"VENV={tmp_path / 'venv'}")
    assert result.returncode != 0 and not (tmp_path / "venv").exists()
    lines = [line for line in result.stderr.splitlines() if not line.startswith("make")]
    assert (
        len(lines) == 1 and "is Python 3.9; this build works with Python 3.11 3.12 3.13" in lines[0]
    )


def test_make_without_venv_support_says_so(tmp_path):
    fake = tmp_path / "python3"
    # a Python that passes the version check but has no venv module
    fake.write_text(
        f'#!/bin/sh\ncase "$2" in *ensurepip*) exit 1;; esac\nexec {sys.executable} "$@"\n'
    )
    fake.chmod(0o755)
    result = _run("make", "-C", ROOT, "setup", f"PYTHON={fake}", f"VENV={tmp_path / 'venv'}")
    assert result.returncode != 0
    assert "-m venv' is not available" in result.stderr
    assert not (tmp_path / "venv").exists()


def test_make_help_lists_every_target():
    result = _run("make", "-C", ROOT, "-s", "help")
    assert result.returncode == 0
    phony = (
        re.search(r"^\.PHONY: (.*)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
        .group(1)
        .split()
    )
    for target in phony:
        assert re.search(rf"make {target}\s", result.stdout), target


def test_make_help_aligns_every_description():
    lines = _run("make", "-C", ROOT, "-s", "help").stdout.splitlines()
    starts = {re.match(r"  make \S+\s+", line).end() for line in lines}
    assert len(lines) > 5 and len(starts) == 1, lines


def test_make_clean_removes_jupyter_checkpoints_and_keeps_sources_and_outputs(tmp_path):
    kept = [
        "hw3.py", "hw3.ipynb", "hw3/common.py", "tests/test_x.py", "tools/t.py", "benchmarks/b.py",
        "figures/f.pdf", "writeup/hw3.pdf", ".venv/lib/.ipynb_checkpoints/kept",
    ]  # fmt: skip
    removed = [
        ".ipynb_checkpoints/hw3-checkpoint.ipynb", "hw3/.ipynb_checkpoints/common-checkpoint.py",
        "build/stage/hw3.pdf", "hw3/__pycache__/common.cpython-311.pyc", "hw3-submission.zip",
    ]  # fmt: skip
    for rel in kept + removed:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x")
    shutil.copy(ROOT / "Makefile", tmp_path)
    shutil.copy(ROOT / "hw3.py", tmp_path)  # the Makefile reads the date from its header
    result = _run("make", "-s", "clean", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert all((tmp_path / rel).is_file() for rel in kept)
    assert not [rel for rel in removed if (tmp_path / rel).exists()]
    assert not (tmp_path / ".ipynb_checkpoints").exists()
    assert not (tmp_path / "hw3/.ipynb_checkpoints").exists()


def test_build_refuses_to_guess_a_date_when_the_header_has_none(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    source = (ROOT / "hw3.py").read_text()
    (tmp_path / "hw3.py").write_text(re.sub(r"(?m)^#   date: .*\n", "", source))
    result = _run("make", "-n", "pdf", cwd=tmp_path)
    assert result.returncode != 0
    assert "no '#   date: ...' line" in result.stderr


# ----------------------------------------------------------------------------- the PDF
@pytest.fixture(scope="module")
def pdf_pages():
    text = _run("pdftotext", "-layout", ROOT / "writeup/hw3.pdf", "-").stdout
    return text.split("\f")[:-1]


def test_pdf_has_title_metadata_and_every_heading_in_order(pdf_pages):
    info = _run("pdfinfo", ROOT / "writeup/hw3.pdf").stdout
    assert re.search(r"^Title:\s+Homework 3: Mathematics of Deep Learning", info, re.MULTILINE)
    title = " ".join(pdf_pages[0].split())
    assert "reference solution" in title and re.search(r"\d{1,2} \w+ \d{4}", title)
    body, position = "\n".join(pdf_pages[1:]), 0
    for heading in HEADINGS:  # each heading starts a line, in order
        match = re.compile(rf"^\s*{re.escape(heading)}(?=[: ]|$)", re.MULTILINE).search(
            body, position
        )
        assert match, f"heading {heading!r} missing (or out of order) in writeup/hw3.pdf"
        position = match.end()


def test_the_solution_proper_fits_in_eighteen_pages(pdf_pages):
    """Everything before Appendix A, title page and table of contents included."""
    first = next(
        i
        for i, page in enumerate(pdf_pages)
        if re.search(r"^\s*Appendix A:", page, re.MULTILINE) and i > 0
    )
    assert first <= 18, f"Appendix A starts on page {first + 1}"


def test_no_page_is_more_than_a_third_blank(tmp_path):
    """Rendered pages: the text block of every page but the last is at least two thirds full."""
    from PIL import Image

    _run("pdftoppm", "-r", "30", "-gray", "-png", ROOT / "writeup/hw3.pdf", tmp_path / "p")
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) > 10
    for path in pages[:-1]:
        image = Image.open(path).convert("L")
        w, h = image.size
        pixels = image.load()
        top, bottom = int(0.08 * h), int(0.88 * h)  # the text block, above the page number
        rows = [y for y in range(top, bottom) if any(pixels[x, y] < 200 for x in range(0, w, 2))]
        last = max(rows) if rows else top
        assert (bottom - last) / (bottom - top) <= 1 / 3, f"{path.name} is more than a third blank"


def test_pdf_figures_are_vectors():
    nb = nbformat.read(ROOT / "hw3.ipynb", as_version=4)
    figures = [
        o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})
    ]
    # nbconvert's LaTeX exporter prefers application/pdf over image/png: figures go in as vectors
    assert figures and all("application/pdf" in o["data"] for o in figures)
