"""Figure style and deterministic export, shared by every section of the notebook.

Every figure of the notebook goes through :func:`save_figure`, which writes
``figures/NAME.pdf`` (vector) and ``figures/NAME.png`` byte-identically on every run:
the PDF carries no creation date and the PNG no timestamp.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib as mpl

#: Where :func:`save_figure` writes; override with the environment variable ``HW3_FIGURES_DIR``.
DEFAULT_FIGURES_DIR = Path(__file__).resolve().parent.parent / "figures"

#: Style shared by all figures: readable in the PDF at text width.
STYLE = {
    "figure.dpi": 110,
    "savefig.dpi": 200,
    "savefig.bbox": "tight",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 8.5,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "pdf.fonttype": 42,  # embed TrueType: selectable text in the PDF
    "svg.hashsalt": "hw3",
}

# Savefig metadata that removes everything time- or machine-dependent.
_METADATA = {"pdf": {"CreationDate": None, "Producer": None}, "png": {"Software": None}}


def figures_dir() -> Path:
    """The directory figures are exported to (created if missing)."""
    path = Path(os.environ.get("HW3_FIGURES_DIR", DEFAULT_FIGURES_DIR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def use_style() -> None:
    """Apply :data:`STYLE` to matplotlib's global rcParams."""
    mpl.rcParams.update(STYLE)


def setup_notebook() -> None:
    """Style plus inline output as PNG (for the browser) and PDF (vector, for the LaTeX writeup).

    The inline PDF gets no creation date, so re-executing the notebook does not change it.
    """
    use_style()
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    set_matplotlib_formats("png", "pdf", metadata=_METADATA["pdf"])


def save_figure(fig, name: str) -> tuple[Path, Path]:
    """Write ``fig`` to ``figures/<name>.pdf`` and ``figures/<name>.png``; return both paths.

    ``name`` is a stable descriptive stem such as ``"sparse_recovery_paths"`` (no extension,
    no directory). Output is deterministic: same figure, same bytes.
    """
    if not name or "/" in name or "." in name:
        raise ValueError(f"figure name must be a bare stem like 'lasso_path', got {name!r}")
    out = figures_dir()
    paths = []
    for ext in ("pdf", "png"):
        path = out / f"{name}.{ext}"
        fig.savefig(path, format=ext, metadata=_METADATA[ext])
        paths.append(path)
    return tuple(paths)


#: One color per method, used by every figure so that a method looks the same throughout.
METHOD_COLORS = {
    "gd": "C0",  # gradient descent (any problem)
    "lasso": "C1",  # Lasso path / Lasso solution
    "min_l1": "C3",  # minimum l1-norm interpolator (LP)
    "min_l2": "C2",  # minimum l2-norm interpolator (pseudo-inverse)
    "min_nuclear": "C3",  # minimum nuclear-norm completion (SDP): the l1 analogue
    "min_rank": "C4",  # minimum-rank completion
    "truth": "k",  # ground truth x* or Y
    "theory": "0.4",  # a theoretical prediction (dashed)
}
