"""The notebook's figures, drawn from experiment results; nothing here computes a result.

One function per figure; each returns a matplotlib figure for :func:`hw3.display.show_figure`.
Colors: :data:`METHOD_COLORS` for methods (the same in every figure), and in 2(e) one color per
coordinate (:func:`coordinate_colors`), the same in every 2(e) figure.
"""

from __future__ import annotations

import matplotlib.lines as mlines
import matplotlib.pyplot as plt
import numpy as np

from hw3.display import TEXT_WIDTH, round_significant, styled
from hw3.experiments.sparse_recovery import NOTABLE_LEVEL

#: The error curves of 2(c) stop at this relative error (below it, rounding shows in the digits).
ERROR_FLOOR = 1e-6
#: The gradient-descent panel of 2(e) starts at this step (before it, every u_i is below 1e-5).
GD_FROM = 1000

#: One color per method, used by every figure so that a method looks the same throughout.
METHOD_COLORS = {
    "gd": "#1f77b4",  # gradient descent (any problem)
    "lasso": "#ff7f0e",  # Lasso path / Lasso solution
    "min_l1": "#d62728",  # minimum l1-norm interpolator (LP)
    "min_l2": "#2ca02c",  # minimum l2-norm interpolator (pseudo-inverse)
    "min_nuclear": "#d62728",  # minimum nuclear-norm completion (SDP): the l1 analogue
    "min_rank": "#6a3d9a",  # minimum-rank completion / GLRL
    "truth": "#000000",  # ground truth x* or Y
    "theory": "#666666",  # a theoretical prediction (dashed)
}
#: Lines of the coordinates that never exceed the notable level (2(e)).
OTHER_COLOR = "#b8b8b8"


# ----------------------------------------------------------------------------- colors
def srgb_to_lab(rgb) -> np.ndarray:
    """CIELAB (D65) coordinates of sRGB colors given as floats in [0, 1], shape ``(..., 3)``."""
    rgb = np.asarray(rgb, dtype=float)
    lin = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    M = np.array(
        [[0.4124564, 0.3575761, 0.1804375], [0.2126729, 0.7151522, 0.0721750],
         [0.0193339, 0.1191920, 0.9503041]]
    )  # fmt: skip
    xyz = lin @ M.T / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack(
        [116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], -1
    )


def delta_e76(lab1, lab2) -> np.ndarray:
    """CIE76 color difference ``Delta E*_ab``: the Euclidean distance in CIELAB."""
    return np.linalg.norm(np.asarray(lab1) - np.asarray(lab2), axis=-1)


def delta_e2000(lab1, lab2) -> np.ndarray:
    """CIEDE2000 color difference (Sharma, Wu and Dalal 2005), elementwise over ``(..., 3)``."""
    L1, a1, b1 = np.moveaxis(np.asarray(lab1, dtype=float), -1, 0)
    L2, a2, b2 = np.moveaxis(np.asarray(lab2, dtype=float), -1, 0)
    c_bar = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_bar**7 / (c_bar**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1, c2 = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1, h2 = np.degrees(np.arctan2(b1, a1p)) % 360, np.degrees(np.arctan2(b2, a2p)) % 360
    dh = h2 - h1
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(c1 * c2 == 0, 0.0, dh)
    dH = 2 * np.sqrt(c1 * c2) * np.sin(np.radians(dh) / 2)
    L_bar, c_barp = (L1 + L2) / 2, (c1 + c2) / 2
    h_sum = h1 + h2
    h_bar = np.where(np.abs(h1 - h2) > 180, (h_sum + 360) / 2, h_sum / 2)
    h_bar = np.where(c1 * c2 == 0, h_sum, h_bar)
    T = (
        1 - 0.17 * np.cos(np.radians(h_bar - 30)) + 0.24 * np.cos(np.radians(2 * h_bar))
        + 0.32 * np.cos(np.radians(3 * h_bar + 6)) - 0.20 * np.cos(np.radians(4 * h_bar - 63))
    )  # fmt: skip
    rot = (
        -np.sin(np.radians(60 * np.exp(-(((h_bar - 275) / 25) ** 2))))
        * 2
        * np.sqrt(c_barp**7 / (c_barp**7 + 25.0**7))
    )
    sl = 1 + 0.015 * (L_bar - 50) ** 2 / np.sqrt(20 + (L_bar - 50) ** 2)
    sc, sh = 1 + 0.045 * c_barp, 1 + 0.015 * c_barp * T
    dl, dc = (L2 - L1) / sl, (c2 - c1) / sc
    return np.sqrt(dl**2 + dc**2 + (dH / sh) ** 2 + rot * dc * (dH / sh))


def distinct_colors(count: int, lightness=(30.0, 75.0), min_chroma=20.0) -> list[tuple]:
    """``count`` sRGB colors, each as far as possible (CIEDE2000) from the ones before it.

    Greedy farthest-point selection on a grid of sRGB colors with CIELAB lightness in
    ``lightness`` (visible on white, not mistaken for black) and chroma at least ``min_chroma``
    (no greys: grey is :data:`OTHER_COLOR`), starting from the blue of :data:`METHOD_COLORS`.
    Deterministic.
    """
    g = np.arange(0, 256, 8) / 255
    grid = np.stack(np.meshgrid(g, g, g, indexing="ij"), -1).reshape(-1, 3)
    lab = srgb_to_lab(grid)
    keep = (lab[:, 0] >= lightness[0]) & (lab[:, 0] <= lightness[1])
    keep &= np.hypot(lab[:, 1], lab[:, 2]) >= min_chroma
    grid, lab = grid[keep], lab[keep]
    first = int(np.argmin(delta_e76(lab, srgb_to_lab(np.array([0.12, 0.47, 0.71])))))
    chosen, dist = [first], delta_e2000(lab, lab[first])
    while len(chosen) < count:
        j = int(np.argmax(dist))
        chosen.append(j)
        dist = np.minimum(dist, delta_e2000(lab, lab[j]))
    return [tuple(float(c) for c in grid[j]) for j in chosen]


def coordinate_colors(notable) -> dict[int, tuple]:
    """One color per notable coordinate (:func:`distinct_colors`, in index order)."""
    return dict(zip(notable, distinct_colors(len(notable)), strict=True))


def min_pairwise_delta_e(colors, metric=delta_e76) -> float:
    """The smallest color difference (``metric``, CIE76 by default) between two of ``colors``."""
    lab = srgb_to_lab(np.array(list(colors)))
    d = metric(lab[:, None], lab[None])
    return float(d[np.triu_indices(len(lab), 1)].min())


# ----------------------------------------------------------------------------- labels
def _spread(values, gap, lo, hi):
    """Positions close to ``values`` (any order) with consecutive ones at least ``gap`` apart,
    inside ``[lo, hi]`` as far as possible (a forward and a backward pass)."""
    order = np.argsort(values, kind="stable")
    pos = np.asarray(values, dtype=float)[order].copy()
    pos[0] = max(pos[0], lo)
    for j in range(1, len(pos)):
        pos[j] = max(pos[j], pos[j - 1] + gap)
    if len(pos) and pos[-1] > hi:
        pos[-1] = hi
        for j in range(len(pos) - 2, -1, -1):
            pos[j] = min(pos[j], pos[j + 1] - gap)
    out = np.empty_like(pos)
    out[order] = pos
    return out


def label_ends(ax, x_end, ends, labels, colors, x_text, fontsize=7, gap_pt=7.5):
    """Direct labels: text ``labels[j]`` in ``colors[j]`` at abscissa ``x_text`` (data units),
    at heights near ``ends[j]`` spread at least ``gap_pt`` points apart, each joined to its line
    end ``(x_end, ends[j])`` by a thin leader."""
    if not len(ends):
        return
    fig = ax.figure
    ax.get_ylim()  # settles the autoscaled limits, so that the transforms below are final
    to_px = ax.transData.transform
    y_px = np.array([to_px((x_end, v))[1] for v in ends])
    lo_px, hi_px = ax.transAxes.transform((0, 0))[1], ax.transAxes.transform((0, 1))[1]
    gap = gap_pt * fig.dpi / 72
    placed = _spread(y_px, gap, lo_px, hi_px)
    inv = ax.transData.inverted()
    for v, yp, text, color in zip(ends, placed, labels, colors, strict=True):
        y_text = inv.transform((0, yp))[1]
        ax.plot([x_end, x_text], [v, y_text], color=color, lw=0.4, clip_on=False, zorder=5)
        ax.text(
            x_text, y_text, f" {text}", color=color, fontsize=fontsize, va="center",
            ha="left", clip_on=False, zorder=5,
        )  # fmt: skip


# ----------------------------------------------------------------------------- 2(c)
@styled
def convergence_rate(check):
    """2(c): ``||x_k - x_inf|| / ||x_0 - x_inf||`` of each run against the bound ``rho^k``."""
    fig, ax = plt.subplots(figsize=(TEXT_WIDTH * 0.75, 2.5))
    k = np.arange(check.relative_errors.shape[0])
    # errors below ERROR_FLOOR carry rounding noise at the 1e-9 level: not drawn
    shown = np.where(
        check.relative_errors >= ERROR_FLOOR, round_significant(check.relative_errors, 4), np.nan
    )
    ax.semilogy(k, shown, color=METHOD_COLORS["gd"], alpha=0.7, lw=1)
    ax.semilogy(
        k, check.rho**k, ls=":", lw=1.2, color=METHOD_COLORS["theory"], label=r"bound $\rho^k$"
    )
    ax.plot(
        [],
        [],
        color=METHOD_COLORS["gd"],
        label=f"gradient descent, {check.relative_errors.shape[1]} initializations",
    )
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
    """2(e), step vi: the Lasso path (11), the path of (11) with x >= 0, and gradient descent on
    (9), in two panels split at u = SPLIT_AT. Every coordinate above the notable level has its
    own color, solid on the support of x* and dashed off it, and is labelled at its end (or, if
    the path drops it again, at its peak); the others are grey. The dotted vertical line in the
    panel of the path with x >= 0 is lambda(k) of (20) at the last step of gradient descent; the
    triangles mark x*_i."""
    colors = coordinate_colors(paths.notable)
    support = set(paths.support.tolist())
    fig = plt.figure(figsize=(TEXT_WIDTH, 5.3))
    grid = fig.add_gridspec(3, 2, height_ratios=(1.5, 1.2, 0.85), hspace=0.62, wspace=0.42)
    ax_s, ax_p = fig.add_subplot(grid[0, 0]), fig.add_subplot(grid[0, 1])
    ax_g = fig.add_subplot(grid[1, :])
    ax_z = fig.add_subplot(grid[2, :], sharex=ax_g)
    t = -np.log10(paths.lasso_lambdas)
    t_mark = -np.log10(paths.lambda_at_end)
    for ax, coefs, title in (
        (ax_s, paths.lasso_signed, "Lasso path of (11)"),
        (ax_p, paths.lasso_positive, r"path of (11) with $x \geq 0$"),
    ):
        _coordinate_lines(ax, t, coefs, colors, support)
        ax.set(xlabel=r"$-\log_{10}\lambda$", ylabel=r"$\hat{x}(\lambda)_i$", title=title)
        ax.set_xlim(t[0], t[-1])
        _label_paths(ax, t, coefs, colors, t[-1] + 0.06 * (t[-1] - t[0]), NOTABLE_LEVEL)
    ax_p.axvline(t_mark, color=METHOD_COLORS["theory"], ls=":", lw=1.0, gid="time-map")
    ax_p.text(
        t_mark, 1.0, f" $k$ = {paths.steps:,}\n via (20)", transform=ax_p.get_xaxis_transform(),
        fontsize=7, va="top", ha="left", color=METHOD_COLORS["theory"],
    )  # fmt: skip
    idx = _log_indices(len(paths.ks), 250)
    idx = idx[paths.ks[idx] >= GD_FROM]
    k, u = paths.ks[idx], paths.u[idx].T
    above = u.max(axis=1) > SPLIT_AT
    big = {i: c for i, c in colors.items() if above[i]}
    small = {i: c for i, c in colors.items() if not above[i]}
    for ax, shown, rows, limits in (
        (ax_g, big, np.flatnonzero(above), (SPLIT_AT, 1.1 * u.max())),
        (ax_z, small, np.flatnonzero(~above), (-0.002, SPLIT_AT)),
    ):
        _coordinate_lines(ax, k, u, shown, support, rows=rows)
        ax.set_ylim(*limits)
        _label_paths(ax, k, u, shown, k[-1] * 1.9, NOTABLE_LEVEL)
    supp = paths.support
    ax_g.scatter(
        np.full(len(supp), k[-1] * 1.25), paths.x_star[supp], marker="<", s=22, linewidths=0.5,
        edgecolors="k", c=[colors.get(int(i), OTHER_COLOR) for i in supp], clip_on=False, zorder=4,
    )  # fmt: skip
    ax_g.set(
        xscale="log",
        ylabel=r"$u^{(k)}_i = (x^{(k)}_i)^2$",
        title=f"gradient descent on (9), $x^{{(0)}} = {paths.alpha:g}\\cdot 1$, $\\eta = {paths.eta:g}$",
        xlim=(GD_FROM, k[-1]),
    )
    ax_g.tick_params(labelbottom=False)
    ax_z.set(xlabel="iteration $k$", ylabel=f"$u_i \\leq {SPLIT_AT:g}$")
    handles = [
        mlines.Line2D([], [], color="0.3", lw=1.1, label=r"on the support of $x^*$"),
        mlines.Line2D([], [], color="0.3", lw=1.1, ls=(0, (3, 1.5)), label="off the support"),
        mlines.Line2D([], [], color=OTHER_COLOR, lw=0.6, label=f"never above {NOTABLE_LEVEL:g}"),
        mlines.Line2D([], [], ls="none", marker="<", ms=4, mec="k", mew=0.5, mfc="0.6", label=r"$x^*_i$"),
        mlines.Line2D([], [], color=METHOD_COLORS["theory"], ls=":", lw=1.0, label=r"$\lambda(k)$ of (20) at the last step"),
    ]  # fmt: skip
    fig.legend(
        handles=handles, loc="lower center", ncol=5, frameon=False, bbox_to_anchor=(0.5, -0.01),
        fontsize=7, handlelength=2.2, columnspacing=1.2,
    )  # fmt: skip
    return fig


def _log_indices(n, num):
    """About ``num`` distinct indices in ``1..n-1``, log-spaced (a line on a log axis drawn
    through fewer points than were recorded)."""
    return np.unique(np.geomspace(1, n - 1, num).astype(int))


def _coordinate_lines(ax, x, values, colors, support=None, rows=None):
    """One line per coordinate (rows of ``values``; only those in ``rows`` if given): grey and
    thin unless it has a color; colored lines off ``support`` dashed."""
    for i, row in enumerate(values):
        if rows is not None and i not in rows:
            continue
        if i in colors:
            ls = "-" if support is None or i in support else (0, (3, 1.5))
            ax.plot(x, row, color=colors[i], lw=1.1, ls=ls, zorder=3)
        else:
            ax.plot(x, row, color=OTHER_COLOR, lw=0.5, zorder=1)


def _label_paths(ax, x, rows, colors, x_text, level):
    """Label each colored line that exceeds ``level`` in this panel (1-based, as in the
    assignment): at its end, or at its peak if it ends below half of it; peak labels that
    would overlap are moved up."""
    at_end, at_peak = [], []
    for i in colors:
        row = rows[i]
        if np.abs(row).max() <= level:
            continue
        j = int(np.argmax(np.abs(row)))
        (at_peak if abs(row[-1]) < 0.5 * abs(row[j]) else at_end).append((i, j))
    label_ends(
        ax, x[-1], [rows[i][-1] for i, _ in at_end], [str(i + 1) for i, _ in at_end],
        [colors[i] for i, _ in at_end], x_text,
    )  # fmt: skip
    ax.get_ylim()
    px_per_pt = ax.figure.dpi / 72
    placed = []
    for i, j in sorted(at_peak, key=lambda ij: x[ij[1]]):
        px, py = ax.transData.transform((x[j], rows[i][j]))
        sign = 1 if rows[i][j] > 0 else -1
        lift = 2.5
        while any(
            abs(px - qx) < 11 * px_per_pt and abs(py + sign * lift * px_per_pt - qy) < 7 * px_per_pt
            for qx, qy in placed
        ):
            lift += 7
        placed.append((px, py + sign * lift * px_per_pt))
        ax.annotate(
            str(i + 1), (x[j], rows[i][j]), xytext=(0, sign * lift), textcoords="offset points",
            color=colors[i], fontsize=7, ha="center", va="bottom" if sign > 0 else "top",
            zorder=5,
        )  # fmt: skip


@styled
def init_scale(scale, paths, cont):
    """Appendix B.2: distance of the limit (21) to x̂ℓ1+ (solid) and to x̂ℓ2 (dashed) against
    alpha; gradient descent run to convergence at some alphas (markers), and the run of step iv
    continued to convergence (star)."""
    fig, ax = plt.subplots(figsize=(TEXT_WIDTH * 0.8, 3.0))
    l1, l2 = r"$\hat{x}_{\ell_1}^+$", r"$\hat{x}_{\ell_2}$"
    for curve, ref, key, ls, label in (
        (scale.l1_distance, scale.l1_pos, "min_l1", "-", l1),
        (scale.l2_distance, scale.l2, "min_l2", "-", l2),
    ):
        ax.plot(
            scale.alphas,
            round_significant(curve, 3),  # Newton to 1e-12
            color=METHOD_COLORS[key],
            ls=ls,
            lw=1.4,
            label=f"limit (21) to {label}",
        )
        ax.plot(
            scale.gd_alphas,
            round_significant(np.linalg.norm(scale.gd_u - ref, axis=1), 3),
            "o",
            ms=5,
            mfc="none",
            mec=METHOD_COLORS[key],
            label=f"GD, converged, to {label}",
        )
    ax.plot(
        [paths.alpha], round_significant([cont.distance_l1_pos], 3), "*", ms=11, color=METHOD_COLORS["min_l1"],
        mec="k", mew=0.5, label=f"step iv continued, to {l1}",
    )  # fmt: skip
    ax.axhline(1e-3, color=METHOD_COLORS["theory"], lw=0.7, ls=":")
    ax.set(
        xscale="log", yscale="log", xlabel=r"initialization scale $\alpha$ ($x^{(0)}=\alpha 1$)",
        ylabel=r"$\ell_2$ distance of $x\odot x$",
    )  # fmt: skip
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
    return fig


@styled
def time_alignment(paths, ta):
    """Appendix B.3: the path of (11) with x >= 0 (thick, light) and gradient descent (thin),
    placed at lambda(k) of (20), dashed off the support of x* as in every 2(e) figure; left the
    iterate, right its running time average."""
    colors = coordinate_colors(paths.notable)
    fig, axes = plt.subplots(1, 2, figsize=(TEXT_WIDTH, 3.0), sharey=True, sharex=True)
    t_l, t_g = -np.log10(paths.lasso_lambdas), -np.log10(ta.lambdas_k)
    idx = _log_indices(len(t_g) + 1, 300) - 1
    keep = idx[t_g[idx] >= t_l[0] - 0.3]
    for ax, gd, title in zip(
        axes,
        (paths.u[1:], ta.avg_u),
        ("iterate $x^{(k)}\\odot x^{(k)}$", r"time average $\bar{u}(k)$"),
        strict=True,
    ):
        support = set(paths.support.tolist())
        for i in range(paths.A.shape[1]):
            c, lw = (colors[i], 0.9) if i in colors else (OTHER_COLOR, 0.5)
            ls = "-" if i in support else (0, (3, 1.5))
            ax.plot(t_l, paths.lasso_positive[i], color=c, lw=3 * lw, alpha=0.3, ls=ls)
            ax.plot(t_g[keep], gd[keep, i], color=c, lw=lw, ls=ls)
        ax.set_xlim(t_l[0] - 0.3, t_g[-1] + 0.05)
        span = t_g[-1] - t_l[0]
        _label_paths(ax, t_g[keep], gd[keep].T, colors, t_g[-1] + 0.07 * span, NOTABLE_LEVEL)
        ax.set(
            xlabel=r"$-\log_{10}\lambda$ (GD: $\lambda(k)$ of (20))",
            title=f"path with $x\\geq0$ vs GD {title}",
        )
    axes[0].set_ylabel("coordinate value")
    axes[1].yaxis.set_tick_params(labelleft=True)
    handles = [
        mlines.Line2D([], [], color="k", lw=2.7, alpha=0.3, label=r"path of (11) with $x\geq0$"),
        mlines.Line2D([], [], color="k", lw=0.9, label="gradient descent"),
        mlines.Line2D(
            [], [], color="0.3", lw=0.9, ls=(0, (3, 1.5)), label="off the support of $x^*$"
        ),
    ]
    fig.legend(
        handles=handles, loc="upper center", ncol=3, frameon=False, bbox_to_anchor=(0.5, -0.02)
    )
    fig.subplots_adjust(wspace=0.3, bottom=0.2)
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
    from hw3 import matrix_completion as mc

    fig, (ax_n, ax_r) = plt.subplots(1, 2, figsize=(TEXT_WIDTH, 2.5))
    for ax, values, ref_y, ref_star, label in (
        (
            ax_n,
            tri.nuclear,
            np.trace(tri.Y),
            np.trace(tri.X_star),
            "nuclear norm $\\|UU^\\top\\|_*$",
        ),
        (
            ax_r,
            tri.erank,
            float(mc.effective_rank(tri.Y)),
            float(mc.effective_rank(tri.X_star)),
            "effective rank",
        ),
    ):
        ax.errorbar(tri.alphas, np.round(values.mean(axis=1), PLOT_DECIMALS), yerr=np.round(values.std(axis=1), PLOT_DECIMALS),
                    color=METHOD_COLORS["gd"], marker="o", ms=3.5, capsize=3, label="gradient descent")  # fmt: skip
        ax.axhline(ref_y, color=METHOD_COLORS["truth"], ls=":", lw=1.2, label="$Y$ (minimum rank)")
        ax.axhline(
            ref_star,
            color=METHOD_COLORS["min_nuclear"],
            ls=":",
            lw=1.2,
            label=r"$X_\star$ (min. nuclear norm, PSD)",
        )
        ax.set_ylabel(label)
        _alpha_axis(ax)
    ax_n.legend(fontsize=7)
    fig.tight_layout()
    return fig


#: Distances below this are drawn on it (the dotted line of the sweep figure).
FLOOR = 1e-3


@styled
def alpha_sweep(sweep):
    """2(f): one panel per instance: the distance of gradient descent's U U^T (mean over the
    seeds, relative to ||Y||_F) to X_nuc and to GLRL's completion (to Y where GLRL has none)
    against log10(1/alpha), at every trustworthy alpha: filled markers in float64, open ones in
    double-double (its range shaded). The dashed line is the instance's "near" radius; distances
    below FLOOR are drawn on it."""
    from hw3.experiments.matrix_completion import DOUBLE
    from hw3.tables import VERDICTS, alpha_of_exponent

    I = len(sweep.names)
    cols = 4
    rows = -(-I // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(TEXT_WIDTH, 1.12 * rows + 0.45), sharex=True, sharey=True)  # fmt: skip
    x_max = max(sweep.smallest_reported(i)[0] for i in range(I))
    for i, ax in enumerate(axes.flat):
        if i >= I:
            ax.set_axis_off()
            continue
        fits = bool(sweep.glrl_fits[i])
        targets = (
            (sweep.dist_nuc, METHOD_COLORS["min_nuclear"], "o"),
            (sweep.dist_glrl if fits else sweep.dist_Y, METHOD_COLORS["min_rank" if fits else "truth"], "s"),
        )  # fmt: skip
        for values, color, marker in targets:
            alphas, d, precision = sweep.curve(values, i)
            x = -np.log10(alphas)
            d = np.maximum(np.round(d, PLOT_DECIMALS), FLOOR)
            ax.plot(x, d, color=color, lw=0.9)
            for p, face in ((0, color), (DOUBLE, "white")):
                on = precision == p
                ax.plot(x[on], d[on], ls="", marker=marker, ms=2.6, mfc=face, mec=color, mew=0.7)
        alphas, _, precision = sweep.curve(sweep.nuclear, i)
        x = -np.log10(alphas)
        if (precision == DOUBLE).any():
            ax.axvspan(x[precision == DOUBLE].min() - 1.5, x.max() + 1.5, color="0.92", lw=0, zorder=0)  # fmt: skip
        ax.axhline(sweep.radius(i), color="0.45", lw=0.9, ls=":")
        ax.axhline(FLOOR, color="0.6", lw=0.5, ls=":")
        label, e_from = sweep.outcome(i)
        verdict = sweep.verdict(i)
        short = {"GLRL": "GLRL", "grows": "none, grows", "neither": "none"}.get(
            verdict, VERDICTS[verdict]
        )
        title = f"{sweep.names[i]}: {short}"
        if verdict in ("X_nuc", "Y", "GLRL"):
            title += f" from {alpha_of_exponent(e_from)}"
        ax.set_title(title, fontsize=7.5, pad=2)
        ax.set(yscale="log", ylim=(FLOOR / 1.6, 6), xlim=(-2, x_max + 2))
        ax.tick_params(labelsize=7)
        ax.grid(alpha=0.25)
    for ax in axes[-1]:
        ax.set_xlabel(r"$\log_{10}(1/\alpha)$", fontsize=7.5)
    for ax in axes[:, 0]:
        ax.set_ylabel("distance / $\\|Y\\|_F$", fontsize=7.5)
    handles = [
        mlines.Line2D([], [], color=METHOD_COLORS["min_nuclear"], marker="o", ms=3, lw=0.9, label=r"to $X_{\mathrm{nuc}}$"),
        mlines.Line2D([], [], color=METHOD_COLORS["min_rank"], marker="s", ms=3, lw=0.9, label="to GLRL's completion"),
        mlines.Line2D([], [], color=METHOD_COLORS["truth"], marker="s", ms=3, lw=0.9, label="to $Y$ (GLRL has none)"),
        mlines.Line2D([], [], color="0.45", lw=0.9, ls=":", label="radius of “near”"),
        mlines.Line2D([], [], color="0.6", lw=0.5, ls=":", label="$10^{-3}$ (smaller: drawn on it)"),
        mlines.Line2D([], [], color="0.3", marker="o", ms=3, ls="", label="float64"),
        mlines.Line2D([], [], color="0.3", marker="o", ms=3, ls="", mfc="white", label="double-double (shaded)"),
    ]  # fmt: skip
    fig.legend(handles=handles, loc="lower center", ncol=4, frameon=False, fontsize=7, bbox_to_anchor=(0.5, 0.0))  # fmt: skip
    fig.tight_layout(rect=(0, 0.08, 1, 1), h_pad=0.4, w_pad=0.4)
    return fig
