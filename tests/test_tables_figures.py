"""Tables and figures show what their headers and labels say.

Each table column is recomputed here from the raw arrays of the notebook's results, by an
independent formula for what its header names; each plotted series is read back from the
matplotlib artists and compared with the data it claims to show.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from hw3 import figures, tables  # noqa: E402
from hw3.display import Table, latex_escape  # noqa: E402


@pytest.fixture(scope="module")
def run(results):
    return results["run"]


# ----------------------------------------------------------------------------- tables
def test_end_point_tables_are_what_their_headers_say(run, results):
    cont = results["cont"]
    ends, _ = tables.end_points(run, cont)
    dist, _ = tables.comparison(run, cont)
    assert list(ends["w"]) == list(dist["w"])
    named = {**run.comparison(), **dict(zip(ends["w"][1:3], (cont.u, cont.kl), strict=True))}
    vectors = [named[w] for w in ends["w"]]
    refs = (run.l1, run.l1_pos, np.linalg.pinv(run.A) @ run.y, cont.kl)
    for e, d, w in zip(
        ends.itertuples(index=False), dist.itertuples(index=False), vectors, strict=True
    ):
        assert e[1] == pytest.approx(np.sum(np.abs(w)))
        assert e[2] == pytest.approx(
            np.linalg.norm(run.A @ w - run.y) / np.linalg.norm(run.y), abs=1e-12
        )
        assert e[3] == sum(v < -1e-9 for v in w)
        for got, ref in zip(d[1:], refs, strict=True):
            assert got == pytest.approx(np.linalg.norm(w - ref), abs=1e-9)
    # the rows are the objects their names say: the GD row is the last iterate, x* is x*, the
    # converged run and the limit (21) come from the continuation
    assert np.array_equal(vectors[0], run.u[-1]) and np.array_equal(vectors[-1], run.x_star)
    assert np.array_equal(vectors[1], cont.u) and np.array_equal(vectors[2], cont.kl)
    np.testing.assert_array_equal(vectors[4], run.knots_positive[1][:, -1])


def test_support_summary_counts_extra_and_missing_coordinates():
    ref = np.array([1, 3])
    assert tables.support_summary(np.array([0, 0.5, 0, 0.2]), ref) == "= S"
    assert tables.support_summary(np.array([0.1, 0.5, 0, 0]), ref) == "2 (+1, −1)"


def test_identity_table_is_the_enumeration_and_the_monte_carlo_estimate(results):
    check = results["check_1a"]
    df, _ = tables.identity_check(check)
    np.testing.assert_array_equal(df.iloc[:, 1], [check.r**m for m in check.ms])
    z = (df.iloc[:, 3] - df.iloc[:, 2]) / df.iloc[:, 4]
    np.testing.assert_allclose(df["z"], z, rtol=1e-12)


def test_init_scale_table_distances(results, run):
    scale = results["scale"]
    df, _ = tables.init_scale(scale)
    np.testing.assert_allclose(df.iloc[:, 3], np.linalg.norm(scale.gd_kl - run.l1_pos, axis=1))
    np.testing.assert_allclose(df.iloc[:, 4], np.linalg.norm(scale.gd_kl - run.l2, axis=1))
    rel = np.linalg.norm(scale.gd_u - scale.gd_kl, axis=1) / np.linalg.norm(scale.gd_kl, axis=1)
    np.testing.assert_allclose(df.iloc[:, 2], rel)


def test_residual_decay_table_is_residual_times_k(results):
    cont = results["cont"]
    df, _ = tables.residual_decay(cont)
    k = df.iloc[:, 0].to_numpy()
    assert set(k) <= set(cont.info.steps)
    at = np.searchsorted(cont.info.steps, k)  # the residual column is the run's, at those k
    np.testing.assert_array_equal(df.iloc[:, 1].to_numpy(), cont.residuals[at])
    np.testing.assert_allclose(df.iloc[:, 2], df.iloc[:, 1] * k)


def test_robustness_table_counts_support_tests(results):
    from hw3 import sparse_recovery as sr

    rob = results["rob"]
    df, _ = tables.robustness_support(rob)
    for row, (name, U) in zip(df.itertuples(index=False), rob.candidates().items(), strict=True):
        assert row[0] == name
        top = sum(sr.has_support_top(u, lp) for u, lp in zip(U, rob.lp, strict=True))
        assert row[1] == f"{top}/{len(rob.lp)}"
        d = np.linalg.norm(U - rob.lp, axis=1)
        assert row[3] == pytest.approx(d.min()) and row[5] == pytest.approx(d.max())


def test_latex_tables_escape_specials_keep_math_and_use_booktabs():
    df = pd.DataFrame({"a_b & 50%": [1.23456], "$x^2$": ["#1"]})
    latex = Table(df, {"a_b & 50%": "{:.2f}"})._repr_latex_()
    assert r"a\_b \& 50\%" in latex and "$x^2$" in latex and r"\#1" in latex and "1.23" in latex
    assert r"\toprule" in latex and r"\bottomrule" in latex and r"\small" in latex
    assert latex_escape("{~}") == r"\{\textasciitilde{}\}"


# ----------------------------------------------------------------------------- figures
def _lines(ax):
    """The data lines of an axes (not markers, not the short leaders of the labels)."""
    return [ln for ln in ax.get_lines() if len(ln.get_xdata()) > 2 and ln.get_gid() != "time-map"]


def test_sparse_paths_figure_draws_each_coordinate_of_each_path(run):
    fig = figures.sparse_paths(run)
    ax_s, ax_p, ax_g, ax_z = fig.axes
    t = -np.log10(run.lasso_lambdas)
    for ax, coefs in ((ax_s, run.lasso_signed), (ax_p, run.lasso_positive)):
        lines = _lines(ax)
        assert len(lines) == run.A.shape[1]
        for i, line in enumerate(lines):
            np.testing.assert_allclose(line.get_xdata(), t)
            np.testing.assert_allclose(line.get_ydata(), coefs[i])
    (mark,) = [ln for ln in ax_p.get_lines() if ln.get_gid() == "time-map"]
    np.testing.assert_allclose(mark.get_xdata(), -np.log10(run.lambda_at_end))
    assert not [ln for ln in ax_s.get_lines() if ln.get_gid() == "time-map"]
    # gradient descent: each coordinate in exactly one of the two panels, split at SPLIT_AT
    above = run.u.max(axis=0) > figures.SPLIT_AT
    drawn = {}
    for ax, expected in ((ax_g, np.flatnonzero(above)), (ax_z, np.flatnonzero(~above))):
        lines = _lines(ax)
        assert len(lines) == len(expected)
        for i, line in zip(expected, lines, strict=True):
            k = line.get_xdata()
            j = np.searchsorted(run.ks, k)
            np.testing.assert_array_equal(run.ks[j], k)
            np.testing.assert_allclose(line.get_ydata(), run.u[j, i])
            drawn[int(i)] = ax
    assert len(drawn) == run.A.shape[1]
    # nothing is cut off: the upper panel reaches from SPLIT_AT (or below) past every line, the
    # lower holds its lines whole
    assert ax_g.get_ylim()[0] <= figures.SPLIT_AT and ax_g.get_ylim()[1] >= run.u.max()
    assert max(line.get_ydata().max() for line in _lines(ax_z)) <= ax_z.get_ylim()[1]
    plt.close(fig)


def _delta_e(colors):
    """Pairwise color differences (CAM02-UCS, colorspacious), over the pairs a < b."""
    from colorspacious import deltaE

    rgb = [matplotlib.colors.to_rgb(c) for c in colors]
    return [deltaE(rgb[a], rgb[b], input_space="sRGB1") for a in range(len(rgb)) for b in range(a)]


def test_every_coordinate_has_a_color_of_its_own_the_notable_ones_the_most_distinct(run):
    colors = figures.coordinate_colors(run)
    assert sorted(colors) == list(range(run.A.shape[1])) and len(set(colors.values())) == len(
        colors
    )
    assert min(_delta_e(colors.values())) > 15
    assert max(figures.lightness(c) for c in colors.values()) <= figures.MAX_LIGHTNESS  # none pale
    assert min(_delta_e([colors[i] for i in run.notable])) > 18


def test_sparse_paths_colors_styles_and_labels(run):
    fig = figures.sparse_paths(run)
    colors = figures.coordinate_colors(run)
    above = run.u.max(axis=0) > figures.SPLIT_AT
    u_big, u_small = np.where(above, run.u, 0).T, np.where(~above, run.u, 0).T
    shown = [range(run.A.shape[1])] * 2 + [np.flatnonzero(above), np.flatnonzero(~above)]
    for ax, panel, rows in zip(
        fig.axes, (np.abs(run.lasso_signed), run.lasso_positive, u_big, u_small), shown, strict=True
    ):
        for i, line in zip(rows, _lines(ax), strict=True):
            assert matplotlib.colors.to_hex(line.get_color()) == matplotlib.colors.to_hex(colors[i])
            dashed = line.get_linestyle() != "-"
            assert dashed == (run.x_star[i] == 0)  # solid on the support, dashed off it
            assert (line.get_linewidth() > 1) == (i in run.notable)  # thin: never above the level
        labels = {int(t.get_text()) for t in ax.texts if t.get_text().strip().isdigit()}
        notable = {i + 1 for i in run.notable if panel[i].max() > figures.NOTABLE_LEVEL}
        assert labels == notable  # every coordinate above the level in this panel, by its number
    # x*_i, in the coordinate's color, beside the coordinate's own line (in its panel)
    order = run.support[np.argsort(run.x_star[run.support])]
    for ax, rows in ((fig.axes[2], order[above[order]]), (fig.axes[3], order[~above[order]])):
        (triangles,) = ax.collections
        np.testing.assert_allclose(triangles.get_offsets()[:, 1], run.x_star[rows])
        expected = [matplotlib.colors.to_rgba(colors[i]) for i in rows]
        np.testing.assert_allclose(triangles.get_facecolors(), np.reshape(expected, (-1, 4)))
        lo, hi = ax.get_ylim()
        assert all(lo <= v <= hi for v in run.x_star[rows])  # inside the panel, not off its edge
    plt.close(fig)


def test_convergence_figure_draws_the_errors_and_the_bound(results):
    check = results["check_2c"]
    fig = figures.convergence_rate(check)
    lines = fig.axes[0].get_lines()
    runs = check.relative_errors.shape[1]
    for b in range(runs):
        drawn = lines[b].get_ydata()
        above = check.relative_errors[:, b] >= figures.RESOLVED
        np.testing.assert_allclose(drawn[above], check.relative_errors[above, b], rtol=1e-3)
        assert np.isnan(drawn[~above]).all()  # not drawn below the floor
    k = np.arange(check.relative_errors.shape[0])
    np.testing.assert_allclose(lines[runs].get_ydata(), check.rho**k)
    assert lines[runs].get_label() == r"bound $\rho^k$"
    plt.close(fig)


def test_init_scale_figure_draws_the_distances_of_the_limit(results, run):
    scale, cont = results["scale"], results["cont"]
    fig = figures.init_scale(scale, run, cont)
    lines = {ln.get_label(): ln for ln in fig.axes[0].get_lines()}
    l1 = r"min-$\ell_1$, $x \geq 0$ ($\hat{x}_{\ell_1}^+$)"
    # drawn to 3 significant digits (the limit (21) is solved to 1e-12: below, noise)
    np.testing.assert_allclose(
        lines[f"limit (21) to {l1}"].get_ydata(),
        np.linalg.norm(scale.kl - run.l1_pos, axis=1),
        rtol=5e-3,
    )
    np.testing.assert_allclose(lines[f"limit (21) to {l1}"].get_xdata(), scale.alphas)
    np.testing.assert_allclose(
        lines[f"GD, converged, to {l1}"].get_ydata(),
        np.linalg.norm(scale.gd_u - run.l1_pos, axis=1),
        rtol=5e-3,
    )
    np.testing.assert_allclose(
        lines[f"step iv continued, to {l1}"].get_ydata(), [cont.distance_l1_pos], rtol=5e-3
    )
    plt.close(fig)


def _runs(sweep, i, e, precision, kind=0, seeds=(0, 1)):
    """Indices of the runs of instance i at 10^-e, found by boolean masks (not by ``row``)."""
    hit = (sweep.instance == i) & (sweep.exponent == e) & (sweep.precision == precision)
    hit &= sweep.kind == kind
    return [int(np.flatnonzero(hit & (sweep.seed == s))[0]) for s in seeds]


def _rel(sweep, i, A, B):
    return np.linalg.norm(A - B) / np.linalg.norm(sweep.Y[i])


def test_alpha_limits_table_is_each_instance_at_its_smallest_trustworthy_alpha(results):
    sweep = results["sweep"]
    df, _ = tables.alpha_limits(sweep)
    norms, _ = tables.nuclear_norms(sweep)
    for i in range(len(sweep.names)):
        e, p = sweep.smallest_reported(i)
        runs = _runs(sweep, i, e, p)
        name, near, e_from, down_to, glrl = df.iloc[i]
        assert name == sweep.names[i] == norms.iloc[i, 0]
        assert down_to == f"{tables.alpha_of_exponent(e)} ({('float64', 'dd')[p]})"
        assert e_from == sweep.outcome(i)[1] and near == tables.VERDICTS[sweep.verdict(i)]
        assert glrl.endswith(f"rank {sweep.glrl_rank[i]}") == bool(sweep.glrl_fits[i])
        _, gap, to_nuc, nuc_opt, nuc_there, excess = norms.iloc[i]
        assert gap == pytest.approx(_rel(sweep, i, sweep.X_nuc[i], sweep.Y[i]))
        mean = np.mean([_rel(sweep, i, sweep.X[r], sweep.X_nuc[i]) for r in runs])
        assert to_nuc == pytest.approx(mean)
        assert nuc_opt == pytest.approx(np.linalg.eigvalsh(sweep.X_nuc[i]).sum())
        nuclear = np.mean([np.linalg.svd(sweep.X[r], compute_uv=False).sum() for r in runs])
        assert nuc_there == pytest.approx(nuclear, rel=1e-9)
        assert excess == pytest.approx(nuclear - nuc_opt, abs=1e-9)


def test_trust_table_prints_the_measured_differences_of_the_twins(results):
    sweep = results["sweep"]
    for p in (0, 1):
        df, _ = tables.trust_limits(sweep, p)
        for i in range(len(sweep.names)):
            row = df.iloc[i]
            e = row["trustworthy to α"]
            (own,) = _runs(sweep, i, e, p, seeds=(0,))
            (twin,) = _runs(sweep, i, e, p, kind=1, seeds=(0,))
            measured = [_rel(sweep, i, sweep.X[own], sweep.X[twin])]
            if p == 0 and e >= 15:
                (dd,) = _runs(sweep, i, e, 1, seeds=(0,))
                (shadow,) = _runs(sweep, i, e, 0, kind=2, seeds=(0,))
                measured.append(_rel(sweep, i, sweep.X[dd], sweep.X[shadow]))
            assert row["discrepancy there"] == pytest.approx(max(measured))
            assert max(measured) <= 1e-6
            if row["next α"] is not None and pd.notna(row["next α"]):
                assert row["discrepancy at next α"] > 1e-6  # where it stops being trustworthy


def test_run_kinds_table_counts_every_run_once(results):
    sweep = results["sweep"]
    df, _ = tables.run_kinds(sweep)
    assert df["count"].iloc[-1] == len(sweep.steps) == df["count"].iloc[:-1].sum()
    assert df["steps of (22), millions"].iloc[-1] == pytest.approx(sweep.steps.sum() / 1e6)
    for kind in range(len(df) - 1):  # the rows are the kinds, in order
        assert df["count"].iloc[kind] == np.sum(sweep.kind == kind)


def test_slow_run_table_lists_the_slowest_run_of_each_instance(results):
    sweep = results["sweep"]
    df, _ = tables.slow_runs(sweep)
    reported = {(i, e, p) for i in range(len(sweep.names)) for e, p in sweep.reported(i)}
    slowest = {}
    for r in range(len(sweep.steps)):
        key = (int(sweep.instance[r]), int(sweep.exponent[r]), int(sweep.precision[r]))
        if sweep.kind[r] == 0 and sweep.steps[r] > 1_000_000 and key in reported:
            if key[0] not in slowest or sweep.steps[r] > sweep.steps[slowest[key[0]]]:
                slowest[key[0]] = r
    assert len(df) == len(slowest)
    for (_, row), i in zip(df.iterrows(), sorted(slowest), strict=True):
        r = slowest[i]
        assert row["instance"] == sweep.names[i] and row["steps"] == sweep.steps[r]
        loss = sweep.history[sweep.offsets[r] : sweep.offsets[r + 1], 0]
        k = 10_000 * np.arange(len(loss))
        half = k >= k[-1] / 2
        slope = np.polyfit(np.log(k[half]), np.log(loss[half]), 1)[0]
        assert row["$p$, loss $\\sim k^{-p}$"] == pytest.approx(-slope)


def test_alpha_sweep_figure_draws_each_instance_at_its_trustworthy_alphas(results):
    sweep = results["sweep"]
    fig = figures.alpha_sweep(sweep)
    for i, ax in enumerate(fig.axes[: len(sweep.names)]):
        reported = sweep.reported(i)
        x = np.array([e for e, _ in reported], dtype=float)
        lines = [ln for ln in ax.get_lines() if ln.get_linestyle() == "-"]
        distances = [sweep.dist_nuc, sweep.dist_Y]
        if sweep.glrl_fits[i] and sweep.glrl_to_Y[i] >= sweep.radius(i):
            distances.append(sweep.dist_glrl)  # GLRL's completion, drawn where it is not Y
        assert len(lines) == len(distances)
        for line, dist in zip(lines, distances, strict=True):
            np.testing.assert_allclose(line.get_xdata(), x)
            mean = [np.mean([dist[r] for r in _runs(sweep, i, e, p)]) for e, p in reported]
            np.testing.assert_allclose(line.get_ydata(), np.maximum(np.round(mean, 3), 1e-3))
        markers = [ln for ln in ax.get_lines() if ln.get_linestyle() == "None"]
        filled = [m for m in markers if m.get_markerfacecolor() != "white"]
        hollow = [m for m in markers if m.get_markerfacecolor() == "white"]
        n_dd = sum(p == 1 for _, p in reported)
        assert sum(len(m.get_xdata()) for m in hollow) == len(distances) * n_dd  # dd: open
        assert sum(len(m.get_xdata()) for m in filled) == len(distances) * (len(reported) - n_dd)
    plt.close(fig)


def test_triangle_figure_and_table(results):
    tri = results["tri"]
    fig = figures.triangle(tri)
    lines = [ln for ln in fig.axes[0].get_lines() if len(ln.get_xdata()) > 2]
    np.testing.assert_allclose(lines[0].get_ydata(), np.round(tri.nuclear.mean(axis=1), 3))
    refs = [ln.get_ydata()[0] for ln in fig.axes[0].get_lines() if len(ln.get_xdata()) == 2]
    assert refs[:2] == pytest.approx([np.trace(tri.Y), np.trace(tri.X_star)])
    plt.close(fig)
    df, _ = tables.triangle(tri)
    np.testing.assert_allclose(
        df.iloc[:, 3],
        np.linalg.norm(tri.gd_X - tri.Y, axis=(-2, -1)).max(axis=1) / np.linalg.norm(tri.Y),
    )
