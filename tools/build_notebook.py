"""Execute hw3.py as a notebook in a fresh kernel, into a staging directory (never into the tree).

``hw3.py`` (jupytext percent format) is the source of the notebook's cells. This script

1. refuses to go on if ``hw3.ipynb`` in the tree holds cell edits that a later install would
   overwrite (see :func:`tools.outputs.unsaved_edits`), before any work is done;
2. makes the notebook from ``hw3.py`` with cell ids derived from the cells' content;
3. executes every cell in a fresh kernel of this interpreter (nbclient, no timestamps), with the
   figures going to ``STAGE/figures`` (a fresh, empty directory);
4. fails on any cell error and on any stderr output (warnings do not ship), and otherwise writes
   the executed notebook to ``STAGE/hw3.ipynb``.

Nothing in the tree is written: ``tools/outputs.py install`` moves the staged outputs into place
once the PDF has been built too. An interrupted or failed run prints one line (plus the failing
cell's own error) and leaves the tree as it was.

Usage: python tools/build_notebook.py SOURCE.py STAGE_DIR [--tree-notebook hw3.ipynb]
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import jupytext
import nbformat
from ipykernel.kernelspec import RESOURCES, get_kernel_dict
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager
from jupytext.jupytext import drop_text_representation_metadata
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

sys.path.insert(0, str(Path(__file__).resolve().parent))
import outputs  # noqa: E402  (tools/outputs.py, next to this file)

TIMEOUT_PER_CELL = 600  # seconds
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
UNCHANGED = "nothing in the tree was changed"


class BuildError(Exception):
    """The notebook cannot be built; the message says why and what to do."""


class ThisPythonKernelSpecs(KernelSpecManager):
    """Resolve every kernel name to an IPython kernel of *this* interpreter (the venv's).

    A user-level or system-wide "python3" kernelspec (conda, another venv) must not be picked up:
    the notebook needs this environment's pinned packages and its ``hw3`` import path.
    """

    def get_kernel_spec(self, kernel_name):
        return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())


class ThisPythonKernelManager(KernelManager):
    """A kernel manager whose kernel is always this interpreter's IPython kernel."""

    def __init__(self, **kwargs):
        kwargs.setdefault("kernel_spec_manager", ThisPythonKernelSpecs())
        super().__init__(**kwargs)


def with_deterministic_ids(nb):
    """Give each cell an id derived from its type and source (stable across rebuilds)."""
    seen: dict[str, int] = {}
    for cell in nb.cells:
        digest = hashlib.sha1(f"{cell.cell_type}\0{cell.source}".encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        cell.id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
    return nb


def notebook_from_source(source: Path):
    """The notebook whose cells are those of ``source`` (nbformat 4.5, deterministic ids)."""
    nb = jupytext.read(source)
    nb.nbformat, nb.nbformat_minor = 4, 5
    return with_deterministic_ids(nb)


@contextlib.contextmanager
def kernel_session(nb, workdir: Path, env: dict[str, str] | None = None):
    """A started kernel for ``nb`` (an nbclient client in its ``setup_kernel`` context).

    The kernel's connection file (which holds the HMAC key) lives in a private temporary
    directory that is removed, with the kernel, when the context ends, however it ends.
    ``env`` adds environment variables for the kernel.
    """
    runtime = Path(tempfile.mkdtemp(prefix="hw3-kernel-"))
    kernel_env = {**os.environ, **(env or {})}
    client = NotebookClient(
        nb,
        kernel_name="python3",
        kernel_manager_class=ThisPythonKernelManager,
        timeout=TIMEOUT_PER_CELL,
        record_timing=False,
        resources={"metadata": {"path": str(workdir)}},
        # the kernel's own log (e.g. its notice about TCP without encryption on loopback) is noise
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    client.km = client.create_kernel_manager()
    client.km.connection_file = str(runtime / "kernel.json")
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        with client.setup_kernel(env=kernel_env):
            # The kernel runs in a session of its own (jupyter_client starts it so), so Ctrl-C
            # does not reach it: stop it at once ourselves instead of waiting for its cell.
            for s in previous:
                signal.signal(s, lambda signum, frame: _stop(client, runtime))
            yield client
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        with contextlib.suppress(Exception):
            if client.km is not None and client.km.has_kernel:
                client.km.shutdown_kernel(now=True)
        with contextlib.suppress(Exception):
            if client.km is not None:
                client.km.cleanup_resources()
        shutil.rmtree(runtime, ignore_errors=True)


def _stop(client, runtime: Path):
    """On Ctrl-C or SIGTERM: kill the kernel's process group, remove its connection file, say
    so in one line and exit at once (the stage is left incomplete; the tree was never touched)."""
    process = getattr(getattr(client.km, "provisioner", None), "process", None)
    if process is not None:
        with contextlib.suppress(OSError):
            os.killpg(process.pid, signal.SIGKILL)
    shutil.rmtree(runtime, ignore_errors=True)
    print(f"interrupted: {UNCHANGED}", file=sys.stderr, flush=True)
    os._exit(130)


def execute(nb, workdir: Path, env: dict[str, str] | None = None, progress=None) -> float:
    """Run every cell of ``nb`` in a fresh kernel, in place; return the wall time in seconds.

    ``progress``, if given, is called with one line at the start of every section (a level-1 or
    level-2 heading): the time elapsed so far and the heading.
    """
    start = time.perf_counter()
    try:
        with kernel_session(nb, workdir, env) as client:
            # what JupyterLab copies from the kernel into the notebook when it connects
            reply = client.wait_for_reply(client.kc.kernel_info())
            nb.metadata["language_info"] = reply["content"]["language_info"]
            for index, cell in enumerate(nb.cells):
                title = outputs.heading(cell.cell_type, cell.source)
                if progress is not None and title is not None:
                    progress(f"{time.perf_counter() - start:6.1f} s  {title}")
                client.execute_cell(cell, index)
    except CellExecutionError as err:
        message = ANSI_ESCAPE.sub("", str(err))
        raise BuildError(f"a notebook cell raised; {UNCHANGED}.\n{message}") from None
    return time.perf_counter() - start


def coalesce_streams(nb):
    """Merge consecutive stream outputs of a cell (stdout with stdout, stderr with stderr).

    How the kernel chunks a cell's prints depends on timing (a print before a slow computation
    may arrive as its own message); merging makes the saved notebook independent of it.
    """
    for cell in nb.cells:
        merged = []
        for out in cell.get("outputs", []):
            last = merged[-1] if merged else None
            if (
                out.get("output_type") == "stream"
                and last is not None
                and last.get("output_type") == "stream"
                and last.get("name") == out.get("name")
            ):
                last["text"] += out["text"]
            else:
                merged.append(out)
        if cell.cell_type == "code":
            cell.outputs = merged
    return nb


def stderr_outputs(nb) -> list[str]:
    """Text written to stderr by any cell (warnings): must be empty in a committed notebook."""
    found = []
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                found.append(f"cell {index}: {out['text'].strip()}")
    return found


def finalize(nb):
    """Make the executed notebook independent of timing and of the machine's Python patch level,
    with the metadata a save from JupyterLab (jupytext pairing, a kernel of ``make lab``) writes.
    """
    coalesce_streams(nb)
    problems = stderr_outputs(nb)
    if problems:
        raise BuildError(
            f"the notebook wrote to stderr (warnings); {UNCHANGED}:\n" + "\n".join(problems)
        )
    # tools/ipython_kernel_config.py has the kernel leave the version out; a kernel without it
    # (tools/build_notebook.py run outside make) still gives the same notebook
    nb.metadata.get("language_info", {}).pop("version", None)
    # jupytext keeps text_representation in hw3.py's header only and drops it from the .ipynb
    return drop_text_representation_metadata(nb)


def build(source: Path, stage: Path, tree_notebook: Path | None, progress=None) -> float:
    """Execute ``source`` into ``stage`` (``stage/hw3.ipynb``, ``stage/figures/``); ``progress``
    as for :func:`execute`."""
    if tree_notebook is not None:
        problem = outputs.unsaved_edits(tree_notebook, source)
        if problem:
            raise BuildError(problem)
    nb = notebook_from_source(source)
    figures = stage / "figures"
    shutil.rmtree(figures, ignore_errors=True)
    figures.mkdir(parents=True)
    env = {"HW3_FIGURES_DIR": str(figures)}
    seconds = execute(nb, source.resolve().parent, env, progress)
    nb = finalize(nb)
    target = stage / "hw3.ipynb"
    partial = target.with_suffix(".ipynb.partial")
    nbformat.write(nb, partial)
    os.replace(partial, target)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("stage", type=Path)
    parser.add_argument("--tree-notebook", type=Path, default=None)
    args = parser.parse_args()
    try:
        seconds = build(
            args.source, args.stage, args.tree_notebook, lambda line: print(line, flush=True)
        )
    except BuildError as err:
        sys.exit(f"error: {err}")
    except KeyboardInterrupt:
        sys.exit(f"interrupted: {UNCHANGED}")
    print(f"executed {args.source} into {args.stage / 'hw3.ipynb'} in {seconds:.1f} s")


if __name__ == "__main__":
    main()
