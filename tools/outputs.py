"""The committed outputs of the build: compare the staged ones with the tree, or install them.

The build writes everything into a staging directory first (``build/stage``: ``hw3.ipynb``,
``figures/``, ``hw3.pdf``). This script

- ``compare STAGE``: exits 1, naming every difference, if the tree's committed outputs
  (``hw3.ipynb``, ``figures/*.pdf|png``, ``writeup/hw3.pdf``) are not byte for byte the staged
  ones, i.e. not what the code produces (``make test`` runs this before the unit tests); a
  ``hw3.ipynb`` merely re-saved from Jupyter gets one line saying so (see :func:`report`);
- ``install STAGE``: moves the staged outputs into the tree, all of them or (on an error or
  Ctrl-C before the first file is replaced) none; it first refuses to overwrite a ``hw3.ipynb``
  that holds cell edits made in Jupyter (see :func:`unsaved_edits`).

Usage: python tools/outputs.py {compare,install} STAGE_DIR
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Where the install records what it wrote into the tree (the edit check compares with it).


def record_path(root: Path) -> Path:
    """Where ``install`` records the notebook it wrote into the tree ``root``."""
    return root / "build" / "installed.json"


FIGURE_SUFFIXES = (".pdf", ".png")


def staged_outputs(stage: Path) -> dict[str, Path]:
    """Tree path (relative to the repository root) -> staged file, for every output."""
    pairs = {"hw3.ipynb": stage / "hw3.ipynb", "writeup/hw3.pdf": stage / "hw3.pdf"}
    for path in sorted((stage / "figures").glob("*")):
        if path.suffix in FIGURE_SUFFIXES:
            pairs[f"figures/{path.name}"] = path
    missing = [str(p) for p in pairs.values() if not p.is_file()]
    if missing or not any(k.startswith("figures/") for k in pairs):
        raise SystemExit(f"error: the staged build in {stage} is incomplete: run `make stage`")
    return pairs


def tree_figures(root: Path) -> set[str]:
    return {
        f"figures/{p.name}"
        for p in (root / "figures").glob("*")
        if p.suffix in FIGURE_SUFFIXES and p.is_file()
    }


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def heading(cell_type: str, source: str) -> str | None:
    """The title of a section heading cell (a Markdown cell starting with ``# `` or ``## ``)."""
    first = source.lstrip().split("\n", 1)[0]
    if cell_type == "markdown" and first.startswith(("# ", "## ")):
        return first.lstrip("#").strip()
    return None


def _cells(nb: dict) -> list[tuple[str, str]]:
    """(type, source) of every cell: what a user edits."""
    return [(c["cell_type"], "".join(c["source"]).strip()) for c in nb.get("cells", [])]


def _without_metadata(cell: dict) -> dict:
    return {k: v for k, v in cell.items() if k != "metadata"}


def _notebook_differences(fresh: bytes, committed: bytes) -> str:
    """Which cells of two notebooks differ (in source or outputs), for the error message."""
    try:
        a, b = json.loads(fresh), json.loads(committed)
    except ValueError:
        return "not a readable notebook"
    if _cells(a) != _cells(b):
        return "its cells are not those of hw3.py"
    pairs = list(enumerate(zip(a["cells"], b["cells"], strict=True)))
    changed = [i for i, (x, y) in pairs if _without_metadata(x) != _without_metadata(y)]
    if not changed:
        return "its metadata differs"
    shown = ", ".join(str(i) for i in changed[:8]) + (", ..." if len(changed) > 8 else "")
    return f"the outputs of cell {shown} differ"


def differences(stage: Path, root: Path = ROOT) -> list[str]:
    """Every way the tree's outputs differ from the staged ones (empty: they are identical)."""
    pairs = staged_outputs(stage)
    found = []
    for rel, staged in pairs.items():
        target = root / rel
        if not target.is_file():
            found.append(f"{rel} is missing")
            continue
        new, old = staged.read_bytes(), target.read_bytes()
        if new != old:
            detail = _notebook_differences(new, old) if rel.endswith(".ipynb") else "other bytes"
            found.append(f"{rel}: {detail}")
    found += [
        f"{rel} is not produced by the code" for rel in sorted(tree_figures(root) - set(pairs))
    ]
    return found


def report(stage: Path, root: Path = ROOT) -> str | None:
    """What ``compare`` says: None if the tree's outputs are the staged ones, else the error.

    When the build reproduces the committed ``hw3.ipynb`` and only the tree's copy differs, the
    copy was saved from Jupyter (its metadata, or the outputs of cells run there): the message
    is one line, telling to restore it, rather than to rebuild and commit.
    """
    found = differences(stage, root)
    if not found:
        return None
    committed = _git_head_blob(root, "hw3.ipynb")
    staged = staged_outputs(stage)["hw3.ipynb"].read_bytes()
    if len(found) == 1 and found[0].startswith("hw3.ipynb: ") and committed == staged:
        detail = found[0].removeprefix("hw3.ipynb: ")
        what = "in its metadata only" if detail == "its metadata differs" else f"({detail})"
        # a Jupyter with another jupytext re-saves the pair with its version in hw3.py's header
        header = _header_only_change(root / "hw3.py")
        if detail != "its cells are not those of hw3.py":
            return (
                f"error: hw3.ipynb differs from the committed one {what}"
                + (", hw3.py in its header only" if header else "")
                + ", as when Jupyter saves them; the build reproduces the committed notebook: "
                + f"restore {'them' if header else 'it'} with "
                + f"`git checkout hw3.ipynb{' hw3.py' if header else ''}`"
            )
    return (
        "error: the committed outputs are not what the code produces:\n  "
        + "\n  ".join(found)
        + "\nRun `make pdf` and commit hw3.ipynb, figures/ and writeup/hw3.pdf "
        "together with the change that caused this."
    )


def _header_only_change(source: Path) -> bool:
    """Whether ``source`` (hw3.py) differs from its committed version in the header only."""
    committed = _git_head_blob(source.parent, source.name)
    if committed is None or committed == source.read_bytes():
        return False
    import jupytext

    def cells(text):
        return [
            (c.cell_type, c.source, c.metadata) for c in jupytext.reads(text, "py:percent").cells
        ]

    return cells(committed.decode()) == cells(source.read_text())


def _git_head_blob(root: Path, rel: str) -> bytes | None:
    """The committed version of ``rel`` (None outside a git checkout or if it is not tracked)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(root), "show", f"HEAD:{rel}"],
            capture_output=True,
            check=False,
        )
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def unsaved_edits(notebook: Path, source: Path) -> str | None:
    """Why installing over ``notebook`` would lose cell edits, or None if it would not.

    ``notebook`` may be replaced when its cells are those of ``source`` (no edits of its own),
    or when it is byte for byte what the build last installed (``build/installed.json``) or what
    git has committed: then whatever differs in ``source`` is newer. Otherwise it holds cell
    edits made in Jupyter; the message names the first cell that differs from ``source``.
    Modification times play no part (a ``touch`` is not an edit).
    """
    if not notebook.is_file():
        return None
    data = notebook.read_bytes()
    import jupytext  # only needed here; keeps `compare` free of third-party imports

    try:
        tree_cells = _cells(json.loads(data))
    except ValueError:
        tree_cells = None
    source_cells = [(c.cell_type, c.source.strip()) for c in jupytext.read(source).cells]
    if tree_cells == source_cells:
        return None
    record = record_path(notebook.parent)
    if record.is_file() and json.loads(record.read_text()).get("hw3.ipynb") == _sha(data):
        return None
    if _git_head_blob(notebook.parent.resolve(), notebook.name) == data:
        return None
    if tree_cells is None:
        where = f"{notebook} is not a readable notebook"
    else:
        first = next(
            (i for i, (a, b) in enumerate(zip(tree_cells, source_cells, strict=False)) if a != b),
            min(len(tree_cells), len(source_cells)),
        )
        if first < len(tree_cells):
            where = f"{notebook} has cell edits that {source} lacks, the first {_where(tree_cells, first)}"
        else:
            where = f"{notebook} lacks cells of {source}, the first {_where(source_cells, first)}"
    return (
        f"{where}. Keep them with '.venv/bin/python -m jupytext --to py:percent {notebook} "
        f"-o {source}' (this rewrites {source}: check first with 'git diff {source}' that it "
        f"holds no edits of its own), or discard them with 'git checkout {notebook}'; then run "
        "make again."
    )


def _where(cells: list[tuple[str, str]], index: int) -> str:
    """Cell ``index`` of ``cells`` as a reader finds it: the section it is in (the nearest heading
    at or above it) and its first line that no other cell has."""
    section = next(
        (t for kind, text in reversed(cells[: index + 1]) if (t := heading(kind, text))),
        "(before the first heading)",
    )
    lines = [line.strip() for line in cells[index][1].splitlines() if line.strip()]
    elsewhere = {
        line.strip()
        for i, (_, text) in enumerate(cells)
        if i != index
        for line in text.splitlines()
    }
    line = next((line for line in lines if line not in elsewhere), lines[0] if lines else "")
    return f"in section {section!r}, at the cell with the line {line[:70]!r}"


@contextlib.contextmanager
def signals_deferred():
    """Hold SIGINT and SIGTERM until the block is done (the install is a few renames); yields
    the list of signals received meanwhile."""
    received: list[int] = []
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    for s in previous:
        signal.signal(s, lambda signum, frame: received.append(signum))
    try:
        yield received
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def install(stage: Path, root: Path = ROOT) -> list[str]:
    """Move the staged outputs into the tree; return the tree paths that changed."""
    pairs = staged_outputs(stage)
    problem = unsaved_edits(root / "hw3.ipynb", root / "hw3.py")
    if problem:
        raise SystemExit(f"error: {problem}")
    changed = [rel for rel, staged in pairs.items() if not _same(staged, root / rel)]
    obsolete = sorted(tree_figures(root) - set(pairs))
    # Copy everything next to its target first; the renames that follow cannot fail halfway.
    partial = {}
    try:
        for rel in changed:
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.partial")
            tmp.write_bytes(pairs[rel].read_bytes())
            partial[rel] = tmp
        with signals_deferred() as received:
            for rel, tmp in partial.items():
                os.replace(tmp, root / rel)
            partial.clear()
            for rel in obsolete:
                (root / rel).unlink()
            record = record_path(root)
            record.parent.mkdir(parents=True, exist_ok=True)
            record.write_text(json.dumps({"hw3.ipynb": _sha((root / "hw3.ipynb").read_bytes())}))
    finally:
        for tmp in partial.values():
            tmp.unlink(missing_ok=True)
    if received:
        sys.exit("interrupted after the install had completed: the tree holds the new outputs")
    return changed + [f"{rel} (removed)" for rel in obsolete]


def _same(a: Path, b: Path) -> bool:
    return b.is_file() and a.read_bytes() == b.read_bytes()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("compare", "install"))
    parser.add_argument("stage", type=Path)
    args = parser.parse_args()
    try:
        if args.action == "compare":
            problem = report(args.stage)
            if problem:
                sys.exit(problem)
            print("committed outputs match the build: hw3.ipynb, figures/, writeup/hw3.pdf")
        else:
            changed = install(args.stage)
            print("installed " + (", ".join(changed) if changed else "nothing (all up to date)"))
    except KeyboardInterrupt:
        sys.exit("interrupted: nothing in the tree was changed")


if __name__ == "__main__":
    main()
