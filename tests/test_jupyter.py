"""The notebook in Jupyter: opening and saving it changes nothing, and `make lab` / `make kernel`
work without a usable HOME.

What JupyterLab does on opening a notebook (checked by hand in a browser, see README): it copies
the kernel's ``language_info`` and the kernel spec into the notebook's metadata, and marks the
notebook modified unless they are already there; an autosave then writes it back through
jupytext's contents manager, which drops ``text_representation`` and re-writes the paired hw3.py.
"""

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
import urllib.request
from pathlib import Path

import jupytext
import nbformat
import psutil
import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

from tests.conftest import ROOT

# the variables a kernel of `make lab` or `make kernel` gets from the Makefile
BUILD_ENV = {
    "IPYTHONDIR": str(ROOT / "build" / "ipython"),
    "NUMBA_CACHE_DIR": str(ROOT / "build" / "cache" / "numba"),
}


def _make(*args, env=None, **kwargs):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    return subprocess.run(
        ["make", "-s", "-C", str(ROOT), *args],
        capture_output=True, text=True, env={**clean, **(env or {})}, **kwargs,
    )  # fmt: skip


@pytest.fixture(scope="module")
def lab_kernel_info(tmp_path_factory):
    """kernel_info of the kernel `make lab` starts: the venv's "python3" kernel spec (not a
    user's), with IPYTHONDIR holding tools/ipython_kernel_config.py as the Makefile installs it."""
    ipythondir = tmp_path_factory.mktemp("ipython")
    (ipythondir / "profile_default").mkdir()
    shutil.copy(ROOT / "tools/ipython_kernel_config.py", ipythondir / "profile_default")
    specs = KernelSpecManager(user_kernel_dir=str(tmp_path_factory.mktemp("kernels")))
    spec = specs.get_kernel_spec("python3")
    env = {**os.environ, "IPYTHONDIR": str(ipythondir)}
    km = KernelManager(kernel_name="python3", kernel_spec_manager=specs)
    km.start_kernel(env=env)
    kc = km.client()
    try:
        kc.start_channels()
        kc.wait_for_ready(timeout=60)
        reply = kc.kernel_info(reply=True, timeout=60)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        km.cleanup_resources()
    return reply["content"], spec


def test_the_notebook_holds_the_language_info_and_kernel_spec_jupyterlab_would_write(
    lab_kernel_info,
):
    """So opening it in `make lab` does not mark it modified (JupyterLab compares them deeply)."""
    content, spec = lab_kernel_info
    metadata = nbformat.read(ROOT / "hw3.ipynb", as_version=4).metadata
    assert metadata["language_info"] == content["language_info"]
    # what JupyterLab writes for the kernel it starts
    lab_kernelspec = {"name": "python3", "display_name": spec.display_name, "language": "python"}
    assert metadata["kernelspec"] == lab_kernelspec, (
        "hw3.ipynb names another kernel than make lab starts: was the kernel changed in Jupyter? "
        "(git checkout hw3.ipynb hw3.py)"
    )


def test_a_save_from_jupyterlab_writes_hw3_ipynb_and_hw3_py_byte_for_byte_as_committed(
    tmp_path, lab_kernel_info
):
    """jupytext's contents manager (as `make lab` runs it) opens the pair and saves it back with
    the metadata JupyterLab sets: neither file changes."""
    content, spec = lab_kernel_info
    for name in ("hw3.ipynb", "hw3.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    manager = jupytext.TextFileContentsManager(root_dir=str(tmp_path))
    model = manager.get("hw3.ipynb")
    nb = json.loads(json.dumps(model["content"]))  # what travels to the browser
    nb["metadata"]["language_info"] = content["language_info"]
    nb["metadata"]["kernelspec"] = {
        "name": "python3", "display_name": spec.display_name, "language": "python",
    }  # fmt: skip
    manager.save({"type": "notebook", "format": "json", "content": nb}, "hw3.ipynb")
    for name in ("hw3.ipynb", "hw3.py"):
        assert (tmp_path / name).read_bytes() == (ROOT / name).read_bytes(), name


def test_generated_prose_cells_are_collapsed_in_jupyter_and_paired_with_hw3_py():
    """The cells that generate prose (say) or show a listing are collapsed in JupyterLab; the
    other code cells (experiments, figures, tables) stay open, to be edited and re-run. The PDF
    hides the input of every code cell (tag remove_input)."""
    for nb in (nbformat.read(ROOT / "hw3.ipynb", as_version=4), jupytext.read(ROOT / "hw3.py")):
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert all("remove_input" in c.metadata.get("tags", []) for c in code)
        prose = [c for c in code if "say(" in c.source or "listing(" in c.source]
        assert len(prose) > 20
        hidden = [c for c in nb.cells if c.metadata.get("jupyter", {}).get("source_hidden")]
        assert hidden == prose


# ----------------------------------------------------------------------------- make kernel
def _new_tmp_kernel_dirs(before):
    return set(Path(tempfile.gettempdir()).glob("tmp*_kernels")) - before


def test_make_kernel_registers_the_build_environment_and_leaves_no_temporary_directory(tmp_path):
    before = set(Path(tempfile.gettempdir()).glob("tmp*_kernels"))
    result = _make("kernel", env={"HOME": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    spec = json.loads((tmp_path / ".local/share/jupyter/kernels/hw3/kernel.json").read_text())
    assert spec["display_name"] == "Python (hw3)"
    assert {k: spec["env"][k] for k in BUILD_ENV} == BUILD_ENV  # numba's cache: the build's
    assert not _new_tmp_kernel_dirs(before)


def test_make_kernel_without_a_usable_home_registers_under_build_and_says_where():
    before = set(Path(tempfile.gettempdir()).glob("tmp*_kernels"))
    result = _make("kernel", env={"HOME": "/dev/null"})  # not a directory, even for root
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and result.stdout.count("\n") == 1
    assert (ROOT / "build/jupyter/share/jupyter/kernels/hw3/kernel.json").is_file()
    assert f"JUPYTER_PATH={ROOT / 'build/jupyter/share/jupyter'}" in result.stdout
    assert not _new_tmp_kernel_dirs(before)


# ----------------------------------------------------------------------------- make lab
def test_make_lab_serves_the_notebook_without_a_usable_home(tmp_path):
    """`make lab` with HOME=/dev/null (not a directory, even for root) starts, serves hw3.ipynb
    through jupytext, and gives its kernels the build's environment; the pair is not rewritten."""
    before = {name: (ROOT / name).read_bytes() for name in ("hw3.ipynb", "hw3.py")}
    clean = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env = {**clean, "HOME": "/dev/null", "BROWSER": "true"}  # BROWSER: open no browser
    log = tmp_path / "lab.log"
    with open(log, "w") as out:
        make = subprocess.Popen(
            ["make", "-s", "-C", str(ROOT), "lab"],
            stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True,
        )  # fmt: skip
    try:
        url = None
        for _ in range(120):
            match = re.search(r"(http://127\.0\.0\.1:\d+/)lab\S*\?token=(\w+)", log.read_text())
            if match:
                url = match.groups()
                break
            time.sleep(0.5)
        assert url, log.read_text()
        base, token = url
        request = urllib.request.Request(
            base + "api/contents/hw3.ipynb", headers={"Authorization": f"token {token}"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            model = json.load(response)
        assert model["type"] == "notebook" and model["content"]["cells"]
        server = next(
            p
            for p in psutil.Process(make.pid).children(recursive=True)
            if "jupyterlab" in " ".join(p.cmdline())
        )
        server_env = server.environ()
        assert {k: server_env.get(k) for k in BUILD_ENV} == BUILD_ENV  # its kernels inherit it
    finally:
        os.killpg(make.pid, signal.SIGTERM)
        make.wait(timeout=60)
    text = log.read_text()
    assert "Traceback" not in text, text
    assert {name: (ROOT / name).read_bytes() for name in before} == before


def test_the_compiled_step_is_compiled_once_for_all_kernels_and_anew_after_an_edit(tmp_path):
    """numba caches gd_run in NUMBA_CACHE_DIR (which the kernels above get): a second kernel
    (here a second process) loads it instead of compiling it again. gd_run inlines
    hw3/common.py, which numba's cache does not watch: after an edit there, it is compiled anew."""
    shutil.copytree(ROOT / "hw3", tmp_path / "hw3", ignore=shutil.ignore_patterns("__pycache__"))
    code = (
        "from hw3.experiments.matrix_completion import triangle\n"
        "from hw3.matrix_completion import gd_run\n"
        "triangle.uncached()\n"
        "print(sum(gd_run.stats.cache_hits.values()), sum(gd_run.stats.cache_misses.values()))\n"
    )
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp_path / "numba"), "PYTHONPATH": str(tmp_path)}

    def run():
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
        )
        assert out.returncode == 0, out.stderr
        return tuple(map(int, out.stdout.split()))

    (_, misses1), (hits2, misses2) = run(), run()
    assert misses1 > 0 and hits2 > 0 and misses2 == 0
    common = tmp_path / "hw3" / "common.py"
    common.write_text(common.read_text().replace("RISE_ATOL = 1e-26", "RISE_ATOL = 2e-26"))
    assert run()[1] > 0  # the edited tolerance is compiled in, not loaded from the old cache
