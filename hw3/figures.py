"""The notebook's figures, drawn from experiment results; nothing here computes a result.

One function per figure; each returns a matplotlib figure for :func:`hw3.display.show_figure`.
Colors: :data:`METHOD_COLORS` for methods (the same in every figure), and in 2(e) one color per
coordinate (:func:`coordinate_colors`), the same in every 2(e) figure.
"""

from __future__ import annotations

import functools

import colorcet
import matplotlib.colors
import matplotlib.lines as mlines
import matplotlib.patheffects as patheffects
import matplotlib.pyplot as plt
import matplotlib.ticker as mticker
import numpy as np
from colorspacious import cspace_convert
from matplotlib.path import Path
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from hw3 import sparse_recovery as sr
from hw3.display import TEXT_WIDTH, round_significant, styled, tex_alpha
from hw3.experiments.least_squares import RESOLVED
from hw3.experiments.sparse_recovery import NOTABLE_LEVEL

#: The gradient-descent panel of 2(e) starts at this step (before it, every u_i is below 1e-5).
GD_FROM = 1000

#: One color per method, used by every figure so that a method looks the same throughout.
METHOD_COLORS = {
    "gd": "#1f77b4",  # gradient descent (any problem)
    "min_l1": "#d62728",  # minimum l1-norm interpolator (LP)
    "min_l2": "#2ca02c",  # minimum l2-norm interpolator (pseudo-inverse)
    "min_nuclear": "#d62728",  # minimum nuclear-norm completion (SDP): the l1 analogue
    "min_rank": "#6a3d9a",  # minimum-rank completion / GLRL
    "truth": "#000000",  # ground truth x* or Y
    "theory": "#666666",  # a theoretical prediction (dashed)
}
#: Coordinate colors are no lighter than this (CIELAB L*): thin dashed lines stay visible on white.
MAX_LIGHTNESS = 73
#: Text drawn over lines gets a white outline, so that a line never crosses a label.
HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]
#: The dashes of a coordinate off the support of x* (every 2(e) figure).
OFF_SUPPORT = (0, (3, 1.5))
#: A leader: the thin grey line from a label to the line end (or peak) it names.
LEADER = {"arrowstyle": "-", "color": "0.65", "lw": 0.4, "shrinkA": 0, "shrinkB": 0, "patchA": None}


# ----------------------------------------------------------------------------- colors
def coordinate_colors(paths) -> dict[int, str]:
    """One color of its own for every coordinate of 2(e): the Glasbey palette for dark-on-white
    plots (colorcet's ``glasbey_dark``, built so that each color is as far as possible from those
    before it) without its pale colors (lightness above MAX_LIGHTNESS), its first colors to the
    notable coordinates (largest peak first), the rest in index order."""
    peak = np.maximum(np.abs(paths.lasso_signed).max(axis=1), paths.u.max(axis=0))
    notable = sorted(paths.notable, key=lambda i: (-peak[i], i))
    order = notable + [i for i in range(paths.A.shape[1]) if i not in notable]
    return {i: _palette()[rank] for rank, i in enumerate(order)}


@functools.cache
def _palette() -> list[str]:
    return [c for c in colorcet.glasbey_dark if lightness(c) <= MAX_LIGHTNESS]


def lightness(color) -> float:
    """CIELAB lightness L* of a color (0 black, 100 white)."""
    return float(cspace_convert(matplotlib.colors.to_rgb(color), "sRGB1", "CIELab")[0])


# ----------------------------------------------------------------------------- labels
def _spread(values, gap, lo, hi):
    """Positions close to ``values`` (ascending) with consecutive ones at least ``gap`` apart,
    inside ``[lo, hi]`` as far as possible (a forward and a backward pass)."""
    pos = np.array(values, dtype=float)
    pos[0] = max(pos[0], lo)
    for j in range(1, len(pos)):
        pos[j] = max(pos[j], pos[j - 1] + gap)
    if pos[-1] > hi:
        pos[-1] = hi
        for j in range(len(pos) - 2, -1, -1):
            pos[j] = min(pos[j], pos[j + 1] - gap)
    return pos


# ----------------------------------------------------------------------------- 2(c)
@styled
def convergence_rate(check):
    """2(c): ``||x_k - x_inf|| / ||x_0 - x_inf||`` of each run against the bound ``rho^k``, drawn
    down to RESOLVED (below it, rounding shows in the digits)."""
    fig, ax = plt.subplots(figsize=(TEXT_WIDTH * 0.75, 2.5))
    errors, gd = check.relative_errors, METHOD_COLORS["gd"]
    k = np.arange(errors.shape[0])
    shown = np.where(errors >= RESOLVED, round_significant(errors, 4), np.nan)
    ax.semilogy(k, shown, color=gd, alpha=0.7, lw=1)
    theory = METHOD_COLORS["theory"]
    ax.semilogy(k, check.rho**k, ls=":", lw=1.2, color=theory, label=r"bound $\rho^k$")
    ax.plot([], [], color=gd, label=f"gradient descent, {errors.shape[1]} initializations")
    ax.set(
        xlabel="iteration $k$",
        ylabel=r"$\|x^{(k)}-x^{(\infty)}\|_2\,/\,\|x^{(0)}-x^{(\infty)}\|_2$",
        title=r"Gradient descent (7) with $\eta=1/\|A\|_2^2$",
    )
    ax.legend()
    return fig


# ----------------------------------------------------------------------------- 2(e)
#: The gradient-descent panel of 2(e) is split at this value of u: the coordinates that stay
#: below it (mostly off the support) get a panel of their own, with room for their labels.
SPLIT_AT = 0.05


@styled
def sparse_paths(paths):
    """2(e), step vi: the Lasso path (11), the path of (11) with x >= 0 (dotted: lambda(k) of (20)
    at the last step) and gradient descent on (9) in two panels split at u = SPLIT_AT (lambda(k)
    on the top axis, triangles at x*_i). Each coordinate has its own color
    (:func:`coordinate_colors`), solid on the support of x* and dashed off it, thin if it never
    exceeds NOTABLE_LEVEL, else labelled at its end (or at its peak if the path drops it again)."""
    colors = coordinate_colors(paths)
    support, notable = set(paths.support.tolist()), set(paths.notable)
    fig = plt.figure(figsize=(TEXT_WIDTH, 4.75))
    grid = fig.add_gridspec(
        2, 2, height_ratios=(1.45, 1.95), hspace=0.5, wspace=0.5, left=0.1, right=0.855,
        bottom=0.17, top=0.94,
    )  # fmt: skip
    ax_s, ax_p = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
    lower = grid[1, :].subgridspec(2, 1, height_ratios=(1.15, 0.8), hspace=0.06)
    ax_g = fig.add_subplot(lower[0])
    ax_z = fig.add_subplot(lower[1], sharex=ax_g)
    t, t_mark = -np.log10(paths.lasso_lambdas), -np.log10(paths.lambda_at_end)
    ax_p.axvline(t_mark, color=METHOD_COLORS["theory"], ls=":", lw=1.0, gid="time-map")
    for ax, coefs, title in (
        (ax_s, paths.lasso_signed, "Lasso path of (11)"),
        (ax_p, paths.lasso_positive, r"path of (11) with $x \geq 0$"),
    ):
        _coordinate_lines(ax, t, coefs, colors, support, notable)
        ax.set(xlabel=r"$-\log_{10}\lambda$", ylabel=r"$\hat{x}(\lambda)_i$", title=title)
        ax.set_xlim(t[0], t[-1])
        _label_paths(ax, t, coefs, colors, t[-1] + 0.06 * (t[-1] - t[0]))
    idx = np.unique(np.geomspace(1, len(paths.ks) - 1, 250).astype(int))  # enough on a log axis
    idx = idx[paths.ks[idx] >= GD_FROM]
    k, u = paths.ks[idx], paths.u[idx].T
    ax_g.set(xscale="log", ylabel=r"$u^{(k)}_i = (x^{(k)}_i)^2$", xlim=(GD_FROM, k[-1]))
    ax_g.text(
        0.01, 0.95, f"gradient descent on (9), $x^{{(0)}} = {paths.alpha:g}\\cdot 1$, $\\eta = {paths.eta:g}$",
        transform=ax_g.transAxes, fontsize=8, va="top", ha="left", path_effects=HALO,
    )  # fmt: skip
    # each coordinate in one panel, with its x*_i (triangles, right of the lines; the labels
    # further out): the panels' ranges overlap where an x*_i lies across the split
    above = u.max(axis=1) > SPLIT_AT
    for ax, rows in ((ax_g, np.flatnonzero(above)), (ax_z, np.flatnonzero(~above))):
        stars = np.intersect1d(rows, paths.support)
        stars = stars[np.argsort(paths.x_star[stars], kind="stable")]
        if ax is ax_g:
            ax.set_ylim(
                min(SPLIT_AT, 0.9 * paths.x_star[stars].min(initial=SPLIT_AT)),
                1.05 * max(u.max(), paths.x_star.max()),
            )
        else:
            ax.set_ylim(-0.002, 1.05 * max(SPLIT_AT, paths.x_star[stars].max(initial=0)))
        _coordinate_lines(ax, k, u, colors, support, notable, rows)
        _triangles(ax, k[-1] * 1.12, paths.x_star[stars], [colors[i] for i in stars])
        _label_paths(ax, k, u, {i: colors[i] for i in rows}, k[-1] * 2.6)
    # 1/lambda(k) is proportional to k (20): on the log axis, the lambda scale of the panels above
    scale = 1.0 / float(sr.lambda_of_step(1, paths.eta, paths.alpha))
    top = ax_g.secondary_xaxis("top", functions=(lambda kk: kk * scale, lambda v: v / scale))
    top.set_xlabel(r"$1/\lambda(k)$, $\lambda(k)$ of (20)", fontsize=7.5, labelpad=1)
    top.tick_params(labelsize=7.5)
    ax_g.tick_params(labelbottom=False)
    ax_z.set(xlabel="iteration $k$", ylabel=f"$u_i \\leq {SPLIT_AT:g}$")
    handles = [
        mlines.Line2D([], [], color="0.3", lw=1.1, label=r"on the support of $x^*$"),
        mlines.Line2D([], [], color="0.3", lw=1.1, ls=OFF_SUPPORT, label="off the support"),
        mlines.Line2D([], [], color="0.3", lw=0.5, label=f"thin: never above {NOTABLE_LEVEL:g}"),
        mlines.Line2D([], [], ls="none", marker="<", ms=4, mec="k", mew=0.5, mfc="0.6", label=r"$x^*_i$"),
        mlines.Line2D([], [], color=METHOD_COLORS["theory"], ls=":", lw=1.0, label=f"$\\lambda(k)$ of (20) at the last step, $k$ = {paths.steps:,}: {paths.lambda_at_end:.4f}"),
    ]  # fmt: skip
    fig.legend(
        handles=handles, loc="lower center", ncol=3, frameon=False, bbox_to_anchor=(0.5, -0.01),
        fontsize=7.5, handlelength=2.2, columnspacing=1.0,
    )  # fmt: skip
    return fig


def _triangles(ax, x, heights, colors, size_pt=5.0):
    """Markers of x*_i at ``heights``, starting at abscissa ``x`` (log axis): a marker less than
    ``size_pt`` points above the one below it moves one marker width to the right."""
    to_pt = 72 / ax.figure.dpi
    y_pt = np.array([ax.transData.transform((x, h))[1] * to_pt for h in heights])
    shift = np.zeros(len(heights))
    for j in range(1, len(heights)):
        shift[j] = shift[j - 1] + 1 if y_pt[j] - y_pt[j - 1] < size_pt else 0
    ax.scatter(
        x * 1.2**shift, heights, marker="<", s=22, linewidths=0.5, edgecolors="k", c=colors,
        clip_on=False, zorder=4,
    )  # fmt: skip


def _coordinate_lines(ax, x, values, colors, support, notable, rows=None):
    """One line per coordinate (rows of ``values``; only those in ``rows`` if given), in its own
    color, thin unless in ``notable``, dashed off ``support``."""
    for i in range(len(values)) if rows is None else rows:
        ls = "-" if i in support else OFF_SUPPORT
        lw, zorder = (1.1, 3) if i in notable else (0.5, 1)
        ax.plot(x, values[i], color=colors[i], lw=lw, ls=ls, zorder=zorder)


def _label_paths(ax, x, rows, colors, x_text, gap_pt=8.5, col_pt=13, overhang_pt=24):
    """Label each colored line that exceeds NOTABLE_LEVEL in this panel (1-based, as in the
    assignment) in its color: one that ends below half its peak at the nearest free spot around
    the peak (:func:`_free_spot`), with a leader if it had to move; the others at abscissa
    ``x_text`` (data units) near their ends, with leaders, ``gap_pt`` points apart or more, at most
    ``overhang_pt`` points beyond the axes, in two columns ``col_pt`` points apart if need be."""
    at_end, at_peak = [], []
    for i in colors:
        row = rows[i]
        if np.abs(row).max() <= NOTABLE_LEVEL:
            continue
        j = int(np.argmax(np.abs(row)))
        (at_peak if abs(row[-1]) < 0.5 * abs(row[j]) else at_end).append((i, j))
    if at_end:
        dpi = ax.figure.dpi
        ax.get_ylim()  # settles the autoscaled limits, so that the transforms below are final
        y_px = np.array([ax.transData.transform((x[-1], rows[i][-1]))[1] for i, _ in at_end])
        gap, over = gap_pt * dpi / 72, overhang_pt * dpi / 72
        lo_px = ax.transAxes.transform((0, 0))[1] - over
        hi_px = ax.transAxes.transform((0, 1))[1] + over
        columns = 1 if gap * (len(at_end) - 1) <= hi_px - lo_px else 2
        placed, column = np.empty(len(at_end)), np.zeros(len(at_end), dtype=int)
        order = np.argsort(y_px, kind="stable")
        for c in range(columns):
            mine = order[c::columns]  # ascending
            placed[mine] = _spread(y_px[mine], gap, lo_px, hi_px)
            column[mine] = c
        x_px = ax.transData.transform((x_text, 0))[0]
        for (i, _), c, y in zip(at_end, column, placed, strict=True):
            xy_text = ax.transData.inverted().transform((x_px + c * col_pt * dpi / 72, y))
            ax.annotate(
                f" {i + 1}", (x[-1], rows[i][-1]), xytext=xy_text, color=colors[i], fontsize=7,
                va="center", ha="left", annotation_clip=False, zorder=5, path_effects=HALO,
                arrowprops=LEADER | {"relpos": (0, 0.5)},
            )  # fmt: skip
    for i, j in sorted(at_peak, key=lambda ij: -abs(rows[ij[0]][ij[1]])):
        peak = (x[j], rows[i][j])
        dx, dy = _free_spot(ax, peak, str(i + 1), fontsize=7)
        ax.annotate(
            str(i + 1), peak, xytext=(dx, dy), textcoords="offset points", color=colors[i],
            fontsize=7, ha="center", va="center", zorder=5, path_effects=HALO,
            arrowprops=LEADER if np.hypot(dx, dy) > 6 else None,
        )  # fmt: skip


def _free_spot(ax, anchor, text, fontsize):
    """Offset (points) from ``anchor`` (data) of a spot for ``text`` whose box, 1 pt wider on
    each side, is inside the axes and meets no line, leader or text drawn so far, and whose leader
    (drawn beyond 6 pt) crosses no text: of the candidates on rings every 3 pt out to 90 pt, the
    one with the shortest leader, counting each line it crosses as 12 pt more;
    (0, 2.5 + fontsize / 2) if there is none."""
    renderer, px = ax.figure.canvas.get_renderer(), ax.figure.dpi / 72
    probe = ax.text(0, 0, text, fontsize=fontsize)
    size = Text.get_window_extent(probe, renderer)
    probe.remove()
    w, h = size.width + 2 * px, size.height + 2 * px
    # the lines and the leaders drawn so far, as segments in display units: rows x0, y0, x1, y1
    polylines = [line.get_transform().transform_path(line.get_path()).vertices for line in ax.lines if line.get_visible()]  # fmt: skip
    for t in ax.texts:  # the labels placed so far, at their final positions
        if isinstance(t, Annotation):
            t.update_positions(renderer)
            if t.arrow_patch:  # its leader, from its anchor to its text
                ends = ax.transData.transform(t.xy), t.get_transform().transform(t.xyann)
                polylines.append(np.array(ends))
    seg = np.concatenate([np.vstack([v[:-1].T, v[1:].T]) for v in polylines], axis=1)
    owner = np.repeat(np.arange(len(polylines)), [len(v) - 1 for v in polylines])
    boxes = [Text.get_window_extent(t, renderer) for t in ax.texts if t.get_text().strip()]
    ax_box = ax.get_window_extent(renderer)
    origin = ax.transData.transform(anchor)
    seg = np.vstack([seg, np.minimum(seg[:2], seg[2:]), np.maximum(seg[:2], seg[2:])])  # extents
    finite = np.isfinite(seg).all(axis=0)
    seg, owner = seg[:, finite], owner[finite]
    best, best_cost = (0.0, 2.5 + fontsize / 2), np.inf
    for r in np.arange(6, 91, 3):
        if r >= best_cost:
            break
        for angle in np.deg2rad(np.r_[90, 270, 60, 120, 240, 300, 30, 150, 210, 330, 0, 180]):
            dx, dy = r * np.cos(angle), r * np.sin(angle)
            c = origin + np.array([dx, dy]) * px
            box = Bbox.from_extents(*(c - (w / 2, h / 2)), *(c + (w / 2, h / 2)))
            if (
                ax_box.contains(box.x0, box.y0) and ax_box.contains(box.x1, box.y1)
                and not box.count_overlaps(boxes)
                and not _meets(seg, box.extents).any()
                and (r <= 6 or not any(Path([origin, c]).intersects_bbox(b) for b in boxes))
            ):  # fmt: skip
                # the lines the leader crosses (strictly, by orientations)
                p, q, a, b = seg[:2], seg[2:4], origin[:, None], c[:, None]
                crosses = (_cross(a, b, p) * _cross(a, b, q) < 0) & (
                    _cross(p, q, a) * _cross(p, q, b) < 0
                )
                crossed = 0 if r <= 6 else len(np.unique(owner[crosses]))
                if r + 12 * crossed < best_cost:
                    best, best_cost = (dx, dy), r + 12 * crossed
    return best


def _cross(o, u, v):
    """``(u - o) x (v - o)`` (first axis: x, y): its sign tells on which side of line o-u v lies."""
    du, dv = u - o, v - o
    return du[0] * dv[1] - du[1] * dv[0]


def _meets(seg, box):
    """Which segments (columns; rows x0, y0, x1, y1 and their extents xmin, ymin, xmax, ymax)
    meet the box (x0, y0, x1, y1): those whose extents overlap it and whose line has the box's
    corners not all strictly on one side."""
    near = (seg[4] <= box[2]) & (seg[5] <= box[3]) & (seg[6] >= box[0]) & (seg[7] >= box[1])
    corners = box[[[0, 2, 0, 2], [1, 3, 3, 1]]]  # x, y of the 4 corners
    side = _cross(seg[:2, near, None], seg[2:4, near, None], corners[:, None])
    return ~((side > 0).all(axis=-1) | (side < 0).all(axis=-1))


@styled
def init_scale(scale, paths, cont):
    """Appendix B.2: distance of the limit (21) to x̂ℓ1+ and to x̂ℓ2 (lines) against alpha;
    gradient descent run to convergence at some alphas (markers), and the run of step iv continued
    to convergence (star)."""
    fig, ax = plt.subplots(figsize=(TEXT_WIDTH * 0.7, 3.0))
    l1 = r"min-$\ell_1$, $x \geq 0$ ($\hat{x}_{\ell_1}^+$)"
    for curve, ref, key, target in (
        (scale.l1_distance, scale.l1_pos, "min_l1", l1),
        (scale.l2_distance, scale.l2, "min_l2", r"min-$\ell_2$ ($\hat{x}_{\ell_2}$)"),
    ):
        color, to = METHOD_COLORS[key], f"to {target}"
        curve = round_significant(curve, 3)  # Newton to 1e-12
        ax.plot(scale.alphas, curve, color=color, lw=1.4, label=f"limit (21) {to}")
        gd = round_significant(np.linalg.norm(scale.gd_u - ref, axis=1), 3)
        ax.plot(scale.gd_alphas, gd, "o", ms=5, mfc="none", mec=color, label=f"GD, converged, {to}")
    ax.plot(
        [paths.alpha], round_significant([cont.distance_l1_pos], 3), "*", ms=11, color=METHOD_COLORS["min_l1"],
        mec="k", mew=0.5, label=f"step iv continued, to {l1}",
    )  # fmt: skip
    ax.axhline(1e-3, color=METHOD_COLORS["theory"], lw=0.7, ls=":", label=r"distance $10^{-3}$")
    ax.set(yscale="log", ylabel=r"$\ell_2$ distance of $x\odot x$")
    _alpha_axis(ax)  # alpha -> 0 to the right, as in 2(f)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return fig


@styled
def time_alignment(paths, ta):
    """Appendix B.3: the path of (11) with x >= 0 (thick, light) and gradient descent (thin),
    placed at lambda(k) of (20), dashed off the support of x* as in every 2(e) figure; left the
    iterate, right its running time average."""
    colors, support, notable = coordinate_colors(paths), set(paths.support), set(paths.notable)
    fig, axes = plt.subplots(1, 2, figsize=(TEXT_WIDTH, 3.0), sharey=True, sharex=True)
    fig.subplots_adjust(wspace=0.3, bottom=0.25)  # before the labels, which are placed in points
    t_l, t_g = -np.log10(paths.lasso_lambdas), -np.log10(ta.lambdas_k)
    idx = np.unique(np.geomspace(1, len(t_g), 300).astype(int)) - 1  # enough on a log axis
    keep = idx[t_g[idx] >= t_l[0] - 0.3]
    titles = ("iterate $x^{(k)}\\odot x^{(k)}$", r"time average $\bar{u}(k)$")
    for ax, gd, title in zip(axes, (paths.u[1:], ta.avg_u), titles, strict=True):
        for i in range(paths.A.shape[1]):
            c, lw = colors[i], (0.9 if i in notable else 0.5)
            ls = "-" if i in support else OFF_SUPPORT
            ax.plot(t_l, paths.lasso_positive[i], color=c, lw=3 * lw, alpha=0.3, ls=ls)
            ax.plot(t_g[keep], gd[keep, i], color=c, lw=lw, ls=ls)
        ax.set(
            xlim=(t_l[0] - 0.3, t_g[-1] + 0.05),
            xlabel=r"$-\log_{10}\lambda$ (GD: $\lambda(k)$ of (20))",
            title=f"path with $x\\geq0$ vs GD {title}",
        )
        _label_paths(ax, t_g[keep], gd[keep].T, colors, t_g[-1] + 0.07 * (t_g[-1] - t_l[0]))
    axes[0].set_ylabel("coordinate value")
    axes[1].yaxis.set_tick_params(labelleft=True)
    handles = [
        mlines.Line2D([], [], color="k", lw=2.7, alpha=0.3, label=r"path of (11) with $x\geq0$"),
        mlines.Line2D([], [], color="k", lw=0.9, label="gradient descent"),
        mlines.Line2D(
            [], [], color="0.3", lw=0.9, ls=OFF_SUPPORT, label="off the support of $x^*$"
        ),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=3, frameon=False, bbox_to_anchor=(0.5, 0))
    return fig


# ----------------------------------------------------------------------------- 2(f)
#: Plotted distances are rounded to this many decimals: runs at small alpha are sensitive to the
#: rounding of their sums at the 1e-6 level, and the figure's bytes must not depend on the CPU.
PLOT_DECIMALS = 3


def _alpha_axis(ax):
    ax.set_xscale("log")
    ax.invert_xaxis()
    ax.set_xlabel(r"initialization scale $\alpha$ ($\alpha\to0$ to the right)")


@styled
def triangle(tri):
    """2(f), the 3 x 3 instance: nuclear norm and effective rank of gradient descent's U U^T
    (mean over the seeds, bars one standard deviation) against alpha, with Y and X_star."""
    fig, axes = plt.subplots(1, 2, figsize=(TEXT_WIDTH, 2.8))
    names = {
        "truth": "$Y$ (minimum rank)",
        "min_nuclear": r"$X_{\star}$ (minimum nuclear norm, PSD)",
    }
    for ax, values, references, label in (
        (
            axes[0],
            tri.nuclear,
            (np.trace(tri.Y), np.trace(tri.X_star)),
            "nuclear norm $\\|UU^\\top\\|_*$",
        ),
        (axes[1], tri.erank, (tri.erank_Y, tri.erank_star), "effective rank"),
    ):
        ax.errorbar(tri.alphas, np.round(values.mean(axis=1), PLOT_DECIMALS), yerr=np.round(values.std(axis=1), PLOT_DECIMALS),
                    color=METHOD_COLORS["gd"], marker="o", ms=3.5, capsize=3, label="gradient descent")  # fmt: skip
        for reference, (key, name) in zip(references, names.items(), strict=True):
            ax.axhline(reference, color=METHOD_COLORS[key], ls=":", lw=1.2, label=name)
        ax.set_ylabel(label)
        _alpha_axis(ax)
    # one legend for both panels (the lines mean the same in each), below them
    handles = axes[0].get_legend_handles_labels()
    fig.legend(*handles, loc="lower center", ncol=3, frameon=False, fontsize=8)
    fig.subplots_adjust(left=0.08, right=0.99, top=0.97, bottom=0.3, wspace=0.28)
    return fig


#: Distances below this are drawn on it (the dotted line of the sweep figure).
DISTANCE_FLOOR = 1e-3


@styled
def alpha_sweep(sweep):
    """2(f): one panel per instance: the distance of gradient descent's U U^T (mean over the
    seeds, relative to ||Y||_F) to X_nuc, to Y and, where it is not Y, to GLRL's completion,
    against log10(1/alpha), at every trustworthy alpha: filled markers in float64, open ones in
    double-double (its range shaded). Dash-dotted: the instance's "near" radius; dotted: DISTANCE_FLOOR,
    on which smaller distances are drawn."""
    from hw3.experiments.matrix_completion import DOUBLE
    from hw3.tables import VERDICTS

    I = len(sweep.names)
    rows = -(-I // 4)
    fig, axes = plt.subplots(rows, 4, figsize=(TEXT_WIDTH, 0.75 * rows + 0.6), sharex=True, sharey=True)  # fmt: skip
    x_max = max(sweep.smallest_reported(i)[0] for i in range(I))
    for ax in axes.flat[I:]:
        ax.set_axis_off()
    for i, ax in enumerate(axes.flat[:I]):
        targets = [(sweep.dist_nuc, METHOD_COLORS["min_nuclear"], "o"), (sweep.dist_Y, METHOD_COLORS["truth"], "s")]  # fmt: skip
        # GLRL's completion is not Y
        if sweep.glrl_fits[i] and not sweep.glrl_is_Y(i):
            targets.append((sweep.dist_glrl, METHOD_COLORS["min_rank"], "^"))
        for values, color, marker in targets:
            alphas, d, precision = sweep.curve(values, i)
            x = -np.log10(alphas)
            d = np.maximum(np.round(d, PLOT_DECIMALS), DISTANCE_FLOOR)
            ax.plot(x, d, color=color, lw=0.9)
            for p, face in ((0, color), (DOUBLE, "white")):
                on = precision == p
                ax.plot(x[on], d[on], ls="", marker=marker, ms=2.6, mfc=face, mec=color, mew=0.7)
        alphas, _, precision = sweep.curve(sweep.nuclear, i)
        x = -np.log10(alphas)
        if (precision == DOUBLE).any():
            ax.axvspan(x[precision == DOUBLE].min() - 0.8, x.max() + 0.8, color="0.92", lw=0, zorder=0)  # fmt: skip  # half a marker past the data
        ax.axhline(sweep.radius(i), color="0.45", lw=0.9, ls="-.")
        ax.axhline(DISTANCE_FLOOR, color="0.6", lw=0.5, ls=":")
        verdict, (_, e_from) = sweep.verdict(i), sweep.outcome(i)
        short = {"GLRL": "GLRL", "grows": "none, grows", "neither": "unresolved"}.get(
            verdict, VERDICTS[verdict]
        )
        title = f"{sweep.names[i]}: {short}"
        if verdict in ("X_nuc", "Y", "GLRL"):
            title += " from " + ("1" if e_from == 0 else f"${tex_alpha(e_from)}$")
        ax.set_title(title, fontsize=7.5, pad=2)
        ax.set(yscale="log", ylim=(DISTANCE_FLOOR / 1.6, 6), xlim=(-2, x_max + 2))
        ax.yaxis.set_major_locator(mticker.LogLocator(base=10, numticks=8))
        ax.yaxis.set_minor_locator(mticker.NullLocator())
        ax.tick_params(labelsize=7.5)
        ax.grid(alpha=0.25)
    for ax in axes[-1]:
        ax.set_xlabel(r"$\log_{10}(1/\alpha)$", fontsize=7.5)
    fig.supylabel("distance / $\\|Y\\|_F$", fontsize=7.5, x=0.01)
    handles = [
        mlines.Line2D([], [], color=METHOD_COLORS["min_nuclear"], marker="o", ms=3, lw=0.9, label=r"to $X_{\mathrm{nuc}}$"),
        mlines.Line2D([], [], color=METHOD_COLORS["truth"], marker="s", ms=3, lw=0.9, label="to $Y$"),
        mlines.Line2D([], [], color=METHOD_COLORS["min_rank"], marker="^", ms=3, lw=0.9, label="to GLRL's completion (if not $Y$)"),
        mlines.Line2D([], [], color="0.45", lw=0.9, ls="-.", label="radius of “near”"),
        mlines.Line2D([], [], color="0.6", lw=0.5, ls=":", label="$10^{-3}$ (smaller: drawn on it)"),
        mlines.Line2D([], [], color="0.3", marker="o", ms=3, ls="", label="float64"),
        mlines.Line2D([], [], color="0.3", marker="o", ms=3, ls="", mfc="white", label="double-double (shaded)"),
    ]  # fmt: skip
    fig.legend(handles=handles, loc="lower center", ncol=4, frameon=False, fontsize=7.5, bbox_to_anchor=(0.5, 0.0))  # fmt: skip
    fig.subplots_adjust(left=0.09, right=0.99, top=0.95, bottom=0.3, hspace=0.45, wspace=0.08)
    return fig
