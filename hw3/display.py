"""How the notebook shows things: tables (:func:`show_table`), figures (:func:`show_figure`),
prose generated from results (:func:`say`) and code listings (:func:`listing`), each in a form
for Jupyter and one for the PDF, byte-identical from run to run (no dates, no object ids)."""

from __future__ import annotations

import base64
import html
import inspect
import io
import math
import os
import re
import textwrap
from pathlib import Path

import matplotlib as mpl
import matplotlib.lines as mlines
import matplotlib.text as mtext
import numpy as np
import pandas as pd
from IPython.display import Code, Markdown, display

#: Where :func:`show_figure` writes unless ``HW3_FIGURES_DIR`` says otherwise (the build does): a
#: git-ignored folder, so that re-running a cell in Jupyter changes no tracked file.
DEFAULT_FIGURES_DIR = Path(__file__).resolve().parent.parent / "build" / "figures-interactive"

#: Text width of the PDF in inches (letter paper, 0.8 in margins): figures are made this wide.
TEXT_WIDTH = 6.9

#: Style shared by all figures: readable in the PDF at text width.
STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.pad_inches": 0.03,
    "font.size": 9,
    "axes.titlesize": 9.5,
    "axes.labelsize": 9,
    "legend.fontsize": 8,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "pdf.fonttype": 3,  # Type 3 glyphs: subsetting TrueType (42) costs half a second a figure
}

# Savefig metadata that removes everything time- or machine-dependent.
_METADATA = {"pdf": {"CreationDate": None, "Producer": None}, "png": {"Software": None}}


#: Decorator: build the figure under :data:`STYLE` (no global state to set up first).
styled = mpl.rc_context(STYLE)


def figures_dir() -> Path:
    """The directory figures are exported to (created if missing)."""
    path = Path(os.environ.get("HW3_FIGURES_DIR", DEFAULT_FIGURES_DIR))
    path.mkdir(parents=True, exist_ok=True)
    return path


#: Every plotted coordinate is rounded to this many significant digits before rendering: the PDF
#: stores coordinates to ten decimals, so rounding noise in the data (which differs between CPUs)
#: would otherwise change its bytes. Data that are noisier than this are rounded coarser (or cut
#: at a floor) by the figure that plots them.
PLOT_DIGITS = 6


def round_outward(value: float, decimals: int, up: bool) -> float:
    """``value`` rounded to ``decimals`` decimals up (``up``) or down: a printed bound that the
    value itself satisfies, e.g. ``|z| <= round_outward(|z|, 2, up=True)``."""
    scaled = value * 10**decimals
    return (math.ceil(scaled) if up else math.floor(scaled)) / 10**decimals


def round_significant(values, digits: int) -> np.ndarray:
    """``values`` rounded to ``digits`` significant digits (zeros, NaN and inf unchanged)."""
    v = np.asarray(values, dtype=float)
    ok = np.isfinite(v) & (v != 0)
    scale = 10.0 ** (digits - 1 - np.floor(np.log10(np.abs(np.where(ok, v, 1.0)))))
    return np.where(ok, np.round(v * scale) / scale, v)


def _round_plotted_data(fig) -> None:
    """Round the data of every line and the position of every text, then let autoscaled axes
    recompute their limits from the rounded data (limits set by hand stay)."""
    for line in fig.findobj(mlines.Line2D):
        x, y = line.get_data(orig=True)
        if np.size(x) and np.issubdtype(np.asarray(x).dtype, np.number):
            line.set_data(round_significant(x, PLOT_DIGITS), round_significant(y, PLOT_DIGITS))
    numeric = lambda xy: all(isinstance(v, int | float | np.number) for v in xy)  # noqa: E731
    for text in fig.findobj(mtext.Text):  # labels placed at data positions
        if numeric(text.get_position()):
            text.set_position(tuple(round_significant(text.get_position(), PLOT_DIGITS)))
        if isinstance(text, mtext.Annotation) and numeric(text.xy):
            text.xy = tuple(round_significant(text.xy, PLOT_DIGITS))
    for ax in fig.axes:
        if ax.get_autoscalex_on() or ax.get_autoscaley_on():
            ax.relim()
            ax.autoscale_view()


def render_figure(fig) -> dict[str, bytes]:
    """The figure as PDF and PNG bytes, without dates or software tags, its plotted data rounded
    to :data:`PLOT_DIGITS` significant digits; the tight bounding box comes from one layout pass
    that rasterizes nothing, so that each format is drawn once."""
    _round_plotted_data(fig)
    out = {}
    with mpl.rc_context(STYLE):
        fig.draw_without_rendering()
        bbox = fig.get_tightbbox(fig.canvas.get_renderer()).padded(STYLE["savefig.pad_inches"])
        for ext in ("pdf", "png"):
            buffer = io.BytesIO()
            fig.savefig(buffer, format=ext, metadata=_METADATA[ext], bbox_inches=bbox)
            out[ext] = buffer.getvalue()
    return out


def show_figure(fig, name: str) -> None:
    """Write ``fig`` to ``<name>.pdf`` and ``.png`` in :func:`figures_dir` and show these bytes
    inline (PNG for the browser, the vector PDF for nbconvert's LaTeX); close it."""
    import matplotlib.pyplot as plt

    data = render_figure(fig)
    for ext, blob in data.items():
        (figures_dir() / f"{name}.{ext}").write_bytes(blob)
    width = int(round(fig.get_figwidth() * 100))
    plt.close(fig)
    png, pdf = (base64.b64encode(data[ext]).decode() for ext in ("png", "pdf"))
    bundle = {"image/png": png, "application/pdf": pdf, "text/plain": f"<figure {name}>"}
    display(bundle, metadata={"image/png": {"width": width}}, raw=True)


# ----------------------------------------------------------------------------- tables
_LATEX_SPECIAL = str.maketrans(
    {c: "\\" + c for c in "&%$#_{}"}
    | {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
)


def latex_escape(text: str) -> str:
    """Escape LaTeX's special characters, except inside ``$...$`` (math is kept as math)."""
    parts = re.split(r"(\$[^$]*\$)", str(text))
    return "".join(
        p if len(p) > 1 and p[0] == p[-1] == "$" else p.translate(_LATEX_SPECIAL) for p in parts
    )


class Table:
    """A DataFrame shown as HTML, booktabs LaTeX and plain text. ``formats`` maps a column to a
    format string such as ``"{:.3f}"`` or to a function; other columns use ``str``, and NaN shows
    as an en dash. Numeric columns are right-aligned in LaTeX."""

    def __init__(self, df: pd.DataFrame, formats: dict | None = None):
        def cell(value, fmt):
            if isinstance(value, float) and np.isnan(value):
                return "–"
            return fmt.format(value) if isinstance(fmt, str) else fmt(value)

        formats = formats or {}
        self.cells = pd.DataFrame({c: [cell(v, formats.get(c) or str) for v in df[c]] for c in df})
        self.align = "".join("r" if pd.api.types.is_numeric_dtype(df[c]) else "l" for c in df)

    def _repr_html_(self) -> str:
        def row(tag, values):
            cells = "".join(f"<{tag}>{html.escape(str(v))}</{tag}>" for v in values)
            return f"<tr>{cells}</tr>"

        body = "".join(row("td", values) for values in self.cells.itertuples(index=False))
        head = row("th", self.cells.columns)
        return f'<table class="hw3"><thead>{head}</thead><tbody>{body}</tbody></table>'

    def _repr_latex_(self) -> str:
        cells = self.cells.map(latex_escape).rename(columns=latex_escape)
        tabular = cells.to_latex(index=False, column_format=self.align)  # booktabs rules
        return r"\begin{center}\small" + "\n" + tabular + r"\end{center}"

    def __repr__(self) -> str:
        return self.cells.to_string(index=False)


def show_table(df: pd.DataFrame, formats: dict | None = None) -> None:
    """Display ``df`` as a :class:`Table` (see there)."""
    display(Table(df, formats))


# ----------------------------------------------------------------------------- prose, listings
def say(text: str) -> None:
    """Show ``text`` (Markdown, math allowed) as ordinary prose; used for sentences generated
    from results, in cells whose input the PDF hides (tag ``remove_input``)."""
    display(Markdown(textwrap.dedent(text).strip()))


def listing(*functions, docstring: bool = False) -> None:
    """Show the source of ``functions`` (highlighted), by default without their docstrings."""
    display(Code("\n\n".join(source_of(f, docstring) for f in functions), language="python"))


def source_of(func, docstring: bool = False) -> str:
    """The source of ``func``; without its docstring unless ``docstring``."""
    source = textwrap.dedent(inspect.getsource(func))
    if docstring or not func.__doc__:
        return source.rstrip()
    return re.sub(r'\n(\s+)(r?)"""(.|\n)*?"""\n', "\n", source, count=1).rstrip()


# ----------------------------------------------------------------------------- number formats
def sci(value: float, digits: int = 1) -> str:
    """``3.4e-05 -> '3.4e-5'`` (short scientific notation for prose and tables)."""
    mantissa, exponent = f"{value:.{digits}e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def tex_sci(value: float, digits: int = 1) -> str:
    """``3.4e-05 -> '3.4\\cdot 10^{-5}'``, ``1e-18 -> '10^{-18}'`` (with ``digits=0``), for prose in
    math mode."""
    mantissa, exponent = sci(value, digits).split("e")
    return ("" if digits == 0 and mantissa == "1" else f"{mantissa}\\cdot ") + f"10^{{{exponent}}}"


def tex_alpha(e: int) -> str:
    """The alpha 10^-e of a sweep, in math mode: ``0 -> '1'``, ``15 -> '10^{-15}'``."""
    return "1" if e == 0 else f"10^{{-{int(e)}}}"


def ordinal(k: int) -> str:
    """``1 -> '1st'``, ``12 -> '12th'``, ``23 -> '23rd'``."""
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def leading(n: int) -> str:
    """The first ``n`` entries of an order, as prose: ``4 -> 'the first 4'``, ``1 -> 'only the
    first'``, ``0 -> 'not even the first'``."""
    return {0: "not even the first", 1: "only the first"}.get(n, f"the first {n}")


def coordinates(indices) -> str:
    """0-based indices as the prose names them (from 1): ``[2] -> 'coordinate 3'``,
    ``[2, 4] -> 'coordinates 3 and 5'``."""
    return f"coordinate{'s' if len(indices) > 1 else ''} {join_words([i + 1 for i in indices])}"


def join_words(items, last: str = "and") -> str:
    """``[1, 2, 3] -> '1, 2 and 3'``."""
    *rest, end = [str(i) for i in items] or [""]
    return f"{', '.join(rest)} {last} {end}" if rest else end
