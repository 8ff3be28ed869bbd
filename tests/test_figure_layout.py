"""No figure prints a label over another label, over a line or over a marker.

Each figure of the notebook is drawn from the notebook's own results and every text placed in
its axes (direct labels, annotations) is checked against every other text (including tick
labels, axis labels and titles), every visible part of every line (a line clipped to its axes
counts only inside them), every marker and every leader (the thin line from a label to what it
names) but its own.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from hw3 import figures  # noqa: E402

FIGURES = {
    "sparse_paths": lambda r: figures.sparse_paths(r["run"]),
    "init_scale": lambda r: figures.init_scale(r["scale"], r["run"], r["cont"]),
    "time_alignment": lambda r: figures.time_alignment(r["run"], r["align"]),
    "alpha_sweep": lambda r: figures.alpha_sweep(r["sweep"]),
    "triangle": lambda r: figures.triangle(r["tri"]),
    "convergence_rate": lambda r: figures.convergence_rate(r["check_2c"]),
}


def collisions(fig) -> list[str]:
    """Every pair (placed text, other text/line/marker) whose drawn extents meet."""
    fig.draw_without_rendering()
    renderer = fig.canvas.get_renderer()
    placed = [
        (t, Text.get_window_extent(t, renderer))  # the text alone, without its leader
        for ax in fig.axes
        for t in ax.texts
        if t.get_visible() and t.get_text().strip()
    ]
    fixed = [
        t.get_window_extent(renderer)
        for ax in fig.axes
        for t in (ax.title, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(),
                  *ax.get_yticklabels())
        if t.get_visible() and t.get_text().strip()
    ]  # fmt: skip
    found = []
    for n, (text, box) in enumerate(placed):
        name = repr(text.get_text().strip())
        found += [
            f"{name} on {other.get_text()!r}" for other, b in placed[n + 1 :] if box.overlaps(b)
        ]
        found += [f"{name} on an axis label" for b in fixed if box.overlaps(b)]
        for ax in fig.axes:
            inside = Bbox.intersection(box, ax.get_window_extent(renderer))
            for line in ax.lines:
                part = inside if line.get_clip_on() else box
                path = line.get_transform().transform_path(line.get_path())
                if line.get_visible() and part is not None and path.intersects_bbox(part, False):
                    found.append(f"{name} on a line of color {to_hex(line.get_color())}")
            for other in ax.texts:
                leader = getattr(other, "arrow_patch", None)
                if other is not text and leader and leader.get_path().intersects_bbox(box, False):
                    found.append(f"{name} on the leader of {other.get_text().strip()!r}")
            for col in ax.collections:
                points = col.get_offset_transform().transform(col.get_offsets())
                found += [f"{name} on a marker" for p in points if box.contains(*p)]
    return found


@pytest.mark.parametrize("name", FIGURES)
def test_no_label_over_a_label_a_line_or_a_marker(name, results):
    fig = FIGURES[name](results)
    try:
        assert collisions(fig) == []
    finally:
        plt.close(fig)


def test_the_check_sees_a_label_printed_over_a_line():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    ax.text(0.5, 0.5, "on the line", ha="center", va="center")
    ax.text(0.1, 0.9, "free")
    ax.annotate("led", (0.9, 0.1), xytext=(0.3, 0.9), arrowprops={"arrowstyle": "-"})
    ax.text(0.45, 0.7, "crossed", ha="center", va="center")
    assert collisions(fig) == [
        "'on the line' on a line of color #1f77b4",
        "'crossed' on the leader of 'led'",
    ]
    plt.close(fig)
