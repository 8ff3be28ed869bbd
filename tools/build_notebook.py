"""Make hw3.ipynb from hw3.py and execute it top to bottom in a fresh kernel, in place.

``hw3.py`` (jupytext percent format) is the source of the notebook's cells. This script
1. refuses to overwrite cell edits made in hw3.ipynb that hw3.py lacks (nothing the user wrote is
   ever lost: it says how to keep them);
2. writes the cells of hw3.py into hw3.ipynb with deterministic cell ids;
3. executes every cell in a fresh kernel (nbclient, no per-cell timestamps), failing with the
   cell's error on any exception, and failing on any stderr output (warnings do not ship);
4. writes the executed notebook back, so the committed notebook always carries current outputs.

Usage: python tools/build_notebook.py SOURCE.py NOTEBOOK.ipynb
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from pathlib import Path

import jupytext
import nbformat
from ipykernel.kernelspec import RESOURCES, get_kernel_dict
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

TIMEOUT_PER_CELL = 600  # seconds
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


class BuildError(Exception):
    """The notebook cannot be built; the message says why and what to do."""


class ThisPythonKernelSpecs(KernelSpecManager):
    """Resolve every kernel name to an IPython kernel of *this* interpreter (the venv's).

    A user-level or system-wide "python3" kernelspec (conda, another venv) must not be picked up:
    the notebook needs this environment's pinned packages and its ``hw3`` import path.
    """

    def get_kernel_spec(self, kernel_name):
        return KernelSpec(resource_dir=RESOURCES, **get_kernel_dict())


def cell_signature(nb) -> list[tuple[str, str]]:
    """(type, source) of every cell: what a user edits."""
    return [(c.cell_type, c.source.strip()) for c in nb.cells]


def with_deterministic_ids(nb):
    """Give each cell an id derived from its type and source (stable across rebuilds)."""
    seen: dict[str, int] = {}
    for cell in nb.cells:
        digest = hashlib.sha1(f"{cell.cell_type}\0{cell.source}".encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        cell.id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
    return nb


def notebook_from_source(source: Path, target: Path):
    """The notebook whose cells are those of ``source``; refuse if ``target`` holds newer edits."""
    nb = jupytext.read(source)
    if target.exists():
        old = nbformat.read(target, as_version=4)
        if (
            cell_signature(old) != cell_signature(nb)
            and target.stat().st_mtime > source.stat().st_mtime
        ):
            raise BuildError(
                f"{target} has cell edits that {source} (the source) lacks. Keep them with "
                f"'.venv/bin/jupytext --to py:percent {target} -o {source}' (this rewrites {source}: "
                f"check first with 'git diff {source}' that it holds no edits of its own), or "
                f"discard them with 'git checkout {target}'; then run make again."
            )
    nb.nbformat, nb.nbformat_minor = 4, 5
    return with_deterministic_ids(nb)


def execute(nb, workdir: Path) -> float:
    """Run every cell in a fresh kernel; return the wall time in seconds."""
    manager = KernelManager(kernel_name="python3", kernel_spec_manager=ThisPythonKernelSpecs())
    client = NotebookClient(
        nb,
        km=manager,
        timeout=TIMEOUT_PER_CELL,
        record_timing=False,
        resources={"metadata": {"path": str(workdir)}},
        # the kernel's own log (e.g. its notice about TCP without encryption on loopback) is noise
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    start = time.perf_counter()
    try:
        client.execute()
    except CellExecutionError as err:
        message = ANSI_ESCAPE.sub("", str(err))
        raise BuildError(f"a notebook cell raised; nothing was written.\n{message}") from None
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("notebook", type=Path)
    args = parser.parse_args()
    try:
        nb = notebook_from_source(args.source, args.notebook)
        seconds = execute(nb, args.notebook.resolve().parent)
    except BuildError as err:
        sys.exit(f"error: {err}")
    coalesce_streams(nb)
    problems = stderr_outputs(nb)
    if problems:
        sys.exit("error: the notebook wrote to stderr (warnings):\n" + "\n".join(problems))
    # The kernel reports its Python patch version: machine-specific, and noise in every diff.
    nb.metadata.get("language_info", {}).pop("version", None)
    nbformat.write(nb, args.notebook)
    print(f"executed {args.notebook} in {seconds:.1f} s")


if __name__ == "__main__":
    main()
