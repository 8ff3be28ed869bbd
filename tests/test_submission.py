"""The submission zip (`make zip`): what it holds, the same bytes from every build, and that the
notebook runs from the unzipped folder alone and gives the committed outputs."""

from __future__ import annotations

import ast
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from tests.conftest import ROOT, load_tool

make_zip = load_tool("make_zip")
builder = load_tool("build_notebook")
EPOCH = 1796126400  # any fixed time; make zip takes SOURCE_DATE_EPOCH from hw3.py's header


@pytest.fixture(scope="module")
def submission(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("zip") / "hw3-submission.zip"
    make_zip.write_zip(out, EPOCH)
    return out


def _tracked(*folders) -> set[str]:
    listed = subprocess.run(
        ["git", "-C", ROOT, "ls-files", "--", *folders], capture_output=True, text=True, check=True
    )
    return set(listed.stdout.split())


def test_the_zip_holds_the_pdf_notebook_source_package_figures_requirements_and_readme(
    submission,
):
    with zipfile.ZipFile(submission) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    expected = {"hw3.pdf", "hw3.ipynb", "hw3.py", "requirements.txt", "README.md"}
    expected |= {p for p in _tracked("hw3", "figures", "results") if not p.endswith(".pyc")}
    assert set(names) == {f"hw3-submission/{name}" for name in expected}
    assert names == sorted(names) and not [n for n in names if "__pycache__" in n]
    assert {i.date_time for i in infos} == {(2026, 12, 1, 12, 0, 0)}
    assert {stat.S_IMODE(i.external_attr >> 16) for i in infos} == {0o644}
    with zipfile.ZipFile(submission) as archive:
        assert archive.read("hw3-submission/hw3.pdf") == (ROOT / "writeup/hw3.pdf").read_bytes()
        assert b"pip install -r requirements.txt" in archive.read("hw3-submission/README.md")


def test_the_zip_has_the_same_bytes_whatever_the_files_times_modes_and_leftovers(
    submission, tmp_path
):
    """Built again from a copy of the tree with other times, other modes, a __pycache__ and
    Jupyter checkpoints: the same bytes."""
    copy = tmp_path / "tree"
    for rel in {*make_zip.FILES.values(), *make_zip.FOLDERS, *make_zip.OPTIONAL_FOLDERS}:
        source = ROOT / rel
        if source.is_dir():
            shutil.copytree(source, copy / rel, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, copy / rel)
    for path in copy.rglob("*"):
        os.utime(path, (2_000_000_000, 2_000_000_000))
        if path.is_file():
            path.chmod(0o600)
    (copy / "hw3/__pycache__").mkdir()
    (copy / "hw3/__pycache__/common.cpython-311.pyc").write_bytes(b"stale")
    (copy / ".ipynb_checkpoints").mkdir()
    (copy / "hw3/.ipynb_checkpoints").mkdir()
    (copy / "hw3/.ipynb_checkpoints/common-checkpoint.py").write_text("old")
    again = tmp_path / "again.zip"
    make_zip.write_zip(again, EPOCH, root=copy)
    assert again.read_bytes() == submission.read_bytes()
    make_zip.write_zip(again, EPOCH)
    assert again.read_bytes() == submission.read_bytes()


_PROBE = """
import sys
print(sorted({m.__file__ for n, m in sys.modules.items() if n == "hw3" or n.startswith("hw3.")}))
print(sys.path)
"""


def test_the_unzipped_notebook_runs_on_its_own_and_gives_the_committed_outputs(
    submission, tmp_path
):
    """In an empty folder, with this venv's pinned packages: every hw3 module comes from the
    unzipped copy, although the venv's .pth file also puts the checkout on sys.path; the executed
    notebook is byte for byte the committed one, and its figures are the committed figures."""
    here = tmp_path / "unzipped"
    with zipfile.ZipFile(submission) as archive:
        archive.extractall(here)
    folder = here / "hw3-submission"
    nb = nbformat.read(folder / "hw3.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_PROBE))
    figures = tmp_path / "figures"
    env = {"HW3_FIGURES_DIR": str(figures), "NUMBA_CACHE_DIR": str(tmp_path / "numba")}
    builder.execute(nb, folder, env)
    probe = nb.cells.pop()
    modules, path = (ast.literal_eval(line) for line in probe.outputs[0].text.splitlines())
    assert len(modules) > 5 and all(Path(m).is_relative_to(folder) for m in modules), modules
    assert str(ROOT) in path  # the checkout was importable too: the unzipped copy won
    nb = builder.finalize(nb)
    assert nbformat.writes(nb) + "\n" == (ROOT / "hw3.ipynb").read_text()
    made = {p.name: p.read_bytes() for p in figures.iterdir()}
    assert made == {p.name: p.read_bytes() for p in (ROOT / "figures").iterdir()}


def test_make_zip_needs_source_date_epoch(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    result = subprocess.run(
        [sys.executable, ROOT / "tools/make_zip.py", tmp_path / "x.zip"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert result.returncode != 0 and "SOURCE_DATE_EPOCH" in result.stderr
    assert not list(tmp_path.iterdir())
