"""Build the submission zip (``make zip``): what the assignment asks for, "a zip file containing a
single PDF writeup along with your code and figures", the code as a notebook.

``hw3-submission/`` in the zip holds ``hw3.pdf`` (``writeup/hw3.pdf``), the executed ``hw3.ipynb``
and its source ``hw3.py``, the package ``hw3/``, ``figures/``, ``results/`` (if the tree has it),
``requirements.txt`` and a ``README.md`` saying how to run it (``templates/submission-README.md``);
the folders keep the tree's layout, so the notebook runs there as in the checkout.

The same files give the same bytes: entries sorted by name, every entry dated
``SOURCE_DATE_EPOCH`` (the Makefile derives it from hw3.py's header), mode 0644, deflated at level
9; no ``__pycache__``, no hidden files or folders (``.ipynb_checkpoints``). The zip is written next
to its target and renamed into place, so a failed run leaves no partial zip.

Usage: SOURCE_DATE_EPOCH=... python tools/make_zip.py OUT.zip [--root DIR]
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = "hw3-submission"
#: path in the zip (under FOLDER) -> path in the tree
FILES = {
    "hw3.pdf": "writeup/hw3.pdf",
    "hw3.ipynb": "hw3.ipynb",
    "hw3.py": "hw3.py",
    "requirements.txt": "requirements.txt",
    "README.md": "templates/submission-README.md",
}
#: folders taken whole, under the same name
FOLDERS = ("hw3", "figures")
OPTIONAL_FOLDERS = ("results",)
DOS_EPOCH = 315532800  # 1980-01-01: the earliest time a zip entry can carry


def _skipped(rel: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in rel.parts)


def contents(root: Path = ROOT) -> dict[str, Path]:
    """Name in the zip -> file in the tree, sorted by name."""
    found = {f"{FOLDER}/{name}": root / rel for name, rel in FILES.items()}
    missing = [str(path) for path in found.values() if not path.is_file()]
    for folder in FOLDERS + OPTIONAL_FOLDERS:
        base = root / folder
        if not base.is_dir():
            if folder not in OPTIONAL_FOLDERS:
                missing.append(str(base))
            continue
        for path in base.rglob("*"):
            rel = path.relative_to(root)
            if path.is_file() and not _skipped(rel) and path.suffix != ".pyc":
                found[f"{FOLDER}/{rel.as_posix()}"] = path
    if missing:
        raise SystemExit(f"error: cannot build the zip, missing: {', '.join(missing)}")
    return dict(sorted(found.items()))


def write_zip(out: Path, epoch: int, root: Path = ROOT) -> dict[str, Path]:
    """Write the submission zip to ``out``; return what went into it."""
    date_time = time.gmtime(max(epoch, DOS_EPOCH))[:6]
    entries = contents(root)
    partial = out.with_name(f".{out.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w") as archive:
            for name, path in entries.items():
                info = zipfile.ZipInfo(name, date_time)
                info.create_system = 3  # Unix, so that the mode below is read
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes(), compresslevel=9)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not (epoch or "").isdigit():
        sys.exit("error: SOURCE_DATE_EPOCH is not set (make zip sets it from hw3.py's header)")
    entries = write_zip(args.out, int(epoch), args.root)
    size = args.out.stat().st_size / 1e6
    print(f"wrote {args.out}: {len(entries)} files in {FOLDER}/, {size:.1f} MB")


if __name__ == "__main__":
    main()
