"""The notebook's tables: pandas DataFrames built from experiment results (their norms at most).

Each function returns ``(DataFrame, formats)`` for :func:`hw3.display.show_table`; the DataFrame
holds the numbers, ``formats`` how each column is printed. Coordinates are numbered from 1, as
in the assignment. Quantities at the rounding level are shown as a bound (``< 1e-10``), never
as digits that differ between CPUs.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from hw3 import matrix_completion as mc
from hw3 import sparse_recovery as sr
from hw3.common import format_tolerance, power_of_ten
from hw3.display import sci
from hw3.experiments.matrix_completion import FLOAT64, KIND_NAMES, SMALL_ALPHA, TREND_FROM
from hw3.experiments.sparse_recovery import ENTRY_LEVEL, ROUNDING
from hw3.sparse_recovery import SUPPORT_LEVEL


def table(*columns) -> tuple[pd.DataFrame, dict]:
    """``(header, values)`` or ``(header, values, format)`` per column, as ``(DataFrame, formats)``
    (a format is a format string or a function; ``None`` or none given: ``str``)."""
    return pd.DataFrame({c[0]: c[1] for c in columns}), {c[0]: c[2] for c in columns if len(c) > 2}


def by_row(row, items) -> tuple[pd.DataFrame, dict]:
    """A table with one row per item: ``row(item)`` lists its cells as ``(header, value)`` or
    ``(header, value, format)``, the same headers for every item."""
    columns = zip(*map(row, items), strict=True)
    return table(*((c[0][0], [v for _, v, *_ in c], *c[0][2:]) for c in columns))


def below(floor: float, fmt=sci):
    """A format: values below ``floor`` (rounding level) as ``'< floor'``, others by ``fmt``
    (by default as ``1.2e-3``)."""
    return lambda value: f"< {format_tolerance(floor)}" if value < floor else fmt(value)


def num(value) -> str:
    """Three significant digits: fixed point between 1e-3 and 1e4, short scientific otherwise."""
    if value == 0:
        return "0"
    if 1e-3 <= abs(value) < 1e4:
        return f"{value:.{max(0, 2 - int(np.floor(np.log10(abs(value)))))}f}"
    return sci(value, 2)


def measured(rows, headers=("measured", "value")) -> tuple[pd.DataFrame, dict]:
    """A list of ``(quantity, value)``: numbers the prose quotes that no other table holds
    (values that are not text printed by :func:`num`)."""
    fmt = lambda v: v if isinstance(v, str) else num(v)  # noqa: E731
    return table((headers[0], [q for q, _ in rows]), (headers[1], [v for _, v in rows], fmt))


def checks(items) -> tuple[pd.DataFrame, dict]:
    """A list of :class:`hw3.common.Check`: what is checked and the bound that holds."""
    return measured([(c.label, c.bound) for c in items], ("checked", "holds to"))


def per_instance(cells):
    """Decorator: from ``cells(sweep, i, *args)``, instance ``i``'s cells (as for :func:`by_row`),
    the table ``f(sweep, *args)`` with one row per instance of the sweep, its name first."""

    @functools.wraps(cells)
    def rows(sweep, *args) -> tuple[pd.DataFrame, dict]:
        row = lambda i: [("instance", sweep.names[i]), *cells(sweep, i, *args)]  # noqa: E731
        return by_row(row, range(len(sweep.names)))

    del rows.__wrapped__  # its signature is (sweep, *args), not that of ``cells``
    return rows


# ----------------------------------------------------------------------------- Problem 1
def identity_check(result) -> tuple[pd.DataFrame, dict]:
    """1(a): the expectation (3) enumerated exactly, and a Monte Carlo estimate of it."""
    return table(
        ("m", list(result.ms)),
        ("ordered draws r^m", [result.r**m for m in result.ms]),
        ("E (3), enumerated", result.enumerated, "{:.6f}"),
        (f"Monte Carlo, {result.draws:,} draws", result.mc_mean, "{:.4f}"),
        ("standard error", result.mc_se, "{:.4f}"),
        ("z", result.z, "{:+.2f}"),
    )


def gradient_bias(result) -> tuple[pd.DataFrame, dict]:
    """1(b), appendix: the naive stochastic gradient against the gradient of (3)."""
    return table(
        ("gradient in", ["U", "V"]),
        ("‖E[naive] − $\\nabla F_3$‖ / ‖$\\nabla F_3$‖", result.naive_error, "{:.3f}"),
        ("Monte Carlo mean: max |z| against $\\nabla F_3$", result.mc_z_true, "{:.1f}"),
        ("against E[naive]", result.mc_z_naive, "{:.1f}"),
    )


# ----------------------------------------------------------------------------- 2(e)
def support_summary(w, reference, threshold=SUPPORT_LEVEL) -> str:
    """``'= S'`` if the entries above ``threshold`` are the support ``reference``, else
    ``'size (+extra, -missing)'``."""
    s = sr.support(w, threshold)
    extra, missing = len(np.setdiff1d(s, reference)), len(np.setdiff1d(reference, s))
    return "= S" if extra == missing == 0 else f"{len(s)} (+{extra}, −{missing})"


def _end_points(paths, cont) -> dict[str, np.ndarray]:
    """The vectors of Appendix B.6 by name: GD after the assignment's steps and run to
    convergence, the limit (21), the ends of both Lasso paths, the interpolators, x*."""
    rows = list(paths.comparison().items())
    converged = [("GD, converged", cont.u), (f"limit (21), α = {paths.alpha:g}", cont.kl)]
    return dict(rows[:1] + converged + rows[1:])


def end_points(paths, cont) -> tuple[pd.DataFrame, dict]:
    """Appendix B.6: each end point's l1 norm, relative residual, negative entries and support."""
    rows = _end_points(paths, cont)
    ws, support = rows.values(), f"support (> {sci(SUPPORT_LEVEL, 0)}) vs S"
    return table(
        ("w", list(rows)),
        ("‖w‖₁", [np.abs(w).sum() for w in ws], "{:.4f}"),
        ("‖Aw − y‖/‖y‖", [sr.relative_residual(paths.A, paths.y, w) for w in ws], below(ROUNDING)),
        ("entries < 0", [int(np.sum(w < -1e-9)) for w in ws]),
        (support, [support_summary(w, paths.support) for w in ws]),
    )


def comparison(paths, cont) -> tuple[pd.DataFrame, dict]:
    """Appendix B.6: each end point's distances to the interpolators and to the limit (21)."""
    rows = _end_points(paths, cont)
    refs = {
        "‖w − $\\hat{x}_{\\ell_1}$‖": paths.l1,
        "‖w − $\\hat{x}_{\\ell_1}^+$‖": paths.l1_pos,
        "‖w − A⁺y‖": paths.l2,
        "‖w − u∞‖": cont.kl,
    }
    three = lambda v: "0" if v < ROUNDING else num(v)  # noqa: E731
    distances = [
        (c, [np.linalg.norm(w - ref) for w in rows.values()], three) for c, ref in refs.items()
    ]
    return table(("w", list(rows)), *distances)


def overshoots(paths) -> tuple[pd.DataFrame, dict]:
    """Appendix B.5: the coordinates whose peak in gradient descent exceeds their peak on the path
    with x >= 0 by more than OVERSHOOT, largest excess first."""
    gd, path, rows = paths.u.max(axis=0), paths.lasso_positive.max(axis=1), paths.overshoots
    return table(
        ("coordinate", [i + 1 for i in rows]),
        ("peak of uᵢ, gradient descent", gd[rows], "{:.3f}"),
        ("peak on the path with x ≥ 0", path[rows], "{:.3f}"),
        ("on the support", ["yes" if paths.x_star[i] > 0 else "no" for i in rows]),
    )


def entry_orders(paths) -> tuple[pd.DataFrame, dict]:
    """Appendix B.5: the rank at which each coordinate enters (first reaches ENTRY_LEVEL in
    absolute value) each path ("–": never), and its sign on the Lasso path of (11)."""
    orders = {
        "path with $x\\ge0$": paths.lasso_order,
        "gradient descent": paths.gd_order,
        "Lasso path of (11)": paths.signed_order,
    }
    first = lambda i: min(o.index(i) if i in o else 99 for o in orders.values())  # noqa: E731
    coordinates = sorted(set().union(*orders.values()), key=first)
    ranks = [  # NaN (never enters) shows as "–"
        (name, [o.index(i) + 1 if i in o else np.nan for i in coordinates], "{:.0f}")
        for name, o in orders.items()
    ]
    sign = lambda i: "−" if paths.lasso_signed[i].min() <= -ENTRY_LEVEL else "+"  # noqa: E731
    signs = [sign(i) if i in paths.signed_order else "–" for i in coordinates]
    return table(("coordinate", [i + 1 for i in coordinates]), *ranks, ("sign on (11)", signs))


def monitor(paths) -> tuple[pd.DataFrame, dict]:
    """2(e), step iv: what the run of gradient descent was checked for, as measured."""
    return measured([
        ("largest η L(x) of (19) (stable below 2)", paths.monitor[0].value),
        ("rises of the loss (9), checked every 100 steps", paths.monitor[1].value),
        ("smallest coordinate of x", float(np.sqrt(paths.u.min()))),
    ], ("checked along the run", "measured"))  # fmt: skip


def residual_decay(cont, every=4) -> tuple[pd.DataFrame, dict]:
    """2(e): the relative residual of the continued run at every ``every``-th checkpoint and at
    the last, and residual x k."""
    rows = sorted(set(range(1, len(cont.info.steps), every)) | {len(cont.info.steps) - 1})
    k, r = cont.info.steps[rows], cont.residuals[rows]
    return table(
        ("extra steps k", k, "{:,}"),
        ("‖A(x⊙x) − y‖/‖y‖", r, sci),
        ("residual × k", r * k, "{:.1f}"),
    )


def continuation_tail(cont) -> tuple[pd.DataFrame, dict]:
    """Appendix B.2: how the residual of the continued run decays (the numbers the prose quotes)."""
    lo, hi = cont.fit_range
    chunk = int(cont.info.steps[1] - cont.info.steps[0])
    return measured([
        (f"$p$ in residual $\\sim k^p$, $k$ from {lo:,} to {hi:,} (least squares)", cont.exponent),
        (f"residual ratio per {chunk:,} steps, geometric mean over the last {cont.tail:,}", cont.tail_ratio),
    ])  # fmt: skip


def init_scale_measured(scale) -> tuple[pd.DataFrame, dict]:
    """Appendix B.2: the numbers the prose quotes about the limit (21) and the instance."""
    small = scale.alphas <= 1e-2
    return measured([
        ("dual certificate margin of $\\hat{x}_{\\ell_1}^+$ (> 0: the unique nonnegative min-ℓ1 interpolator)", scale.uniqueness_margin),
        ("α at which ‖(21) − $\\hat{x}_{\\ell_1}^+$‖ = $10^{-3}$", scale.alpha_1e3),
        ("slope of log ‖(21) − $\\hat{x}_{\\ell_1}^+$‖ against log α, α ≤ $10^{-3}$", scale.small_alpha_slope),
        ("‖(21) − $\\hat{x}_{\\ell_2}$‖ for α ≤ $10^{-2}$, smallest", scale.l2_distance[small].min()),
        ("... largest", scale.l2_distance[small].max()),
        ("a null vector of A, entries scaled to at most 1: smallest entry", scale.null_margin),
    ])  # fmt: skip


def init_scale(scale) -> tuple[pd.DataFrame, dict]:
    """Appendix: gradient descent run to convergence from alpha 1 against the limit (21)."""
    to = lambda ref: np.linalg.norm(scale.gd_kl - ref, axis=1)  # noqa: E731
    return table(
        ("α", scale.gd_alphas, "{:g}"),
        ("GD residual", scale.gd_info.residual[-1], below(scale.tol)),  # all stopped at tol
        ("‖GD − (21)‖ / ‖(21)‖", scale.gd_to_kl_relative, sci),
        ("‖(21) − $\\hat{x}_{\\ell_1}^+$‖", to(scale.l1_pos), num),
        ("‖(21) − $\\hat{x}_{\\ell_2}$‖", to(scale.l2), num),
        ("max (21) / α²", scale.gd_kl.max(axis=1) / scale.gd_alphas**2, num),
    )


def alignment_ratios(ta) -> tuple[pd.DataFrame, dict]:
    """Appendix B.3: the entry lambda of GD's time average over the path's (coordinates that
    enter both), and the step at which lambda(k) of (20) reaches the path's last entry."""
    return measured([
        (f"entry λ ratio, time average over path ({len(ta.ratios)} coordinates): smallest", ta.ratios.min()),
        ("... median", float(np.median(ta.ratios))),
        ("... largest", ta.ratios.max()),
        ("... median, corrected by (27)", float(np.median(ta.corrected))),
        ("step k at which λ(k) of (20) reaches the path's last entry", f"{ta.k_last_entry:,.0f}"),
    ])  # fmt: skip


def entry_table(paths, ta) -> tuple[pd.DataFrame, dict]:
    """Appendix B.3: per coordinate that enters either path, the lambda at which the positive
    Lasso path, and the lambda(k) of (20) at which GD's time average and iterate, enter it."""
    active = np.flatnonzero(~(np.isnan(ta.lasso_in) & np.isnan(ta.raw_in)))
    active = sorted(active, key=lambda i: -np.nan_to_num(ta.lasso_in[i], nan=-1.0))
    level = sci(ENTRY_LEVEL, 0)
    return table(
        ("i", [i + 1 for i in active]),
        ("$x^*_i$", paths.x_star[active], "{:.3f}"),
        (f"path x ≥ 0 reaches {level} at λ", ta.lasso_in[active], "{:.4f}"),
        (f"GD average ≥ {level} at λ(k)", ta.avg_in[active], "{:.4f}"),
        (f"GD iterate ≥ {level} at λ(k)", ta.raw_in[active], "{:.4f}"),
    )


def robustness_support(rob) -> tuple[pd.DataFrame, dict]:
    """Appendix: support tests and distances to x̂ℓ1+ over the random instances."""
    S, rows = len(rob.lp), {}
    for name, U in rob.candidates().items():
        top, thr = rob.support_tests(U)
        d = np.linalg.norm(U - rob.lp, axis=1)
        excess = U.sum(axis=1) / rob.lp.sum(axis=1) - 1
        rows[name] = [f"{top}/{S}", f"{thr}/{S}", *np.quantile(d, [0, 0.5, 1]), np.median(excess), excess.max()]  # fmt: skip
    d = "‖u − $\\hat{x}_{\\ell_1}^+$‖"
    index = ["top-s", "threshold", f"{d} min", "median", "max", "excess ℓ1 median", "max "]
    df = pd.DataFrame(rows, index=index).T.reset_index(names="u")  # text columns: left-aligned
    return df, {c: below(1e-9) for c in df.columns[3:]}


def robustness_counts(rob) -> tuple[pd.DataFrame, dict]:
    """Appendix B.4: on how many random instances each LP recovers x* and gradient descent fits."""
    of = lambda k: f"{k} of {len(rob.seeds)}"  # noqa: E731
    return measured([
        ("instances where the nonnegative LP recovers x*", of(rob.recovered(rob.lp))),
        ("... the signed LP (10)", of(rob.recovered(rob.lp_signed))),
        (f"... gradient descent after {rob.gd_steps:,} steps has residual ≤ $10^{{-6}}$", of(int((rob.residuals <= 1e-6).sum()))),
        ("median ‖(21) − $\\hat{x}_{\\ell_1}^+$‖, α = $10^{-3}$ over α = $10^{-6}$", rob.median_ratio),
    ])  # fmt: skip


# ----------------------------------------------------------------------------- 2(f)
def triangle(tri) -> tuple[pd.DataFrame, dict]:
    """2(f), the 3 x 3 instance: gradient descent over alpha, means over the seeds."""
    return table(
        ("α", tri.alphas, power_of_ten),
        ("$\\|UU^\\top\\|_*$ (seed mean)", tri.nuclear.mean(axis=1), "{:.3f}"),
        ("effective rank", tri.erank.mean(axis=1), "{:.3f}"),
        ("‖UUᵀ − Y‖/‖Y‖ (largest)", tri.dist_Y.max(axis=1), below(1e-9)),
        ("‖UUᵀ − X⋆‖/‖Y‖", tri.dist_star.mean(axis=1), "{:.3f}"),
    )


def triangle_step(tri) -> tuple[pd.DataFrame, dict]:
    """2(f), the 3 x 3 instance: the step-size checks, as measured."""
    return measured([
        (f"$\\eta\\,\\mu_{{\\max}}$ at the end points, α ≤ {power_of_ten(SMALL_ALPHA)} (stable below 2)", tri.eta_mu_max),
        (f"η/4, α = {power_of_ten(tri.quarter_alpha)}: largest ‖UUᵀ − Y‖/‖Y‖", tri.quarter_step_distance),
    ], ("checked", "measured"))  # fmt: skip


#: How the verdicts of :meth:`hw3.experiments.matrix_completion.Sweep.verdict` read in a table.
VERDICTS = {
    "X_nuc": "$X_{\\mathrm{nuc}}$",
    "Y": "$Y$",
    "GLRL": "GLRL's",
    "grows": "none, norm grows",
    "neither": "none (unresolved)",
    "unsettled": "unsettled",
    "not converged": "not converged",
}
PRECISION_SHORT = ("float64", "dd")


def alpha_of_exponent(e) -> str:
    """The alpha 10^-e as text: "1", "10⁻³", ... ("–" for ``None``)."""
    return "–" if e is None else "1" if int(e) == 0 else power_of_ten(float(f"1e-{int(e)}"))


@per_instance
def alpha_limits(sweep, i):
    """Appendix C.1: where each instance ends as alpha -> 0 and from which alpha on, the smallest
    trustworthy alpha (and its arithmetic), and how GLRL ends: the rank at which it fits the data
    and whether that is Y, or the stage at which it stopped and why."""
    why = {mc.UNBOUNDED: "unbounded", mc.STEP_LIMIT: "step limit", mc.DIVERGED: "diverged"}
    e, p = sweep.smallest_reported(i)
    rank = int(sweep.glrl_rank[i])
    relation = "$= Y$" if sweep.glrl_is_Y(i) else "$\\neq Y$"
    stopped = why.get(int(sweep.glrl_status[i, rank - 1]), "?")
    glrl = f"{relation}, rank {rank}" if sweep.glrl_fits[i] else f"none: stage {rank} {stopped}"
    return [
        ("$\\alpha\\to0$: near", VERDICTS[sweep.verdict(i)]),
        ("from $\\alpha$", sweep.outcome(i)[1], alpha_of_exponent),
        ("down to $\\alpha$", f"{alpha_of_exponent(e)} ({PRECISION_SHORT[p]})"),
        ("GLRL", glrl),
    ]


@per_instance
def nuclear_norms(sweep, i):
    """Appendix C.1: per instance, at its smallest trustworthy alpha (seed means): the distance of
    U U^T to X_nuc (relative to ||Y||_F, as ||X_nuc - Y||), its nuclear norm against the optimum
    ||X_nuc||_* of (23), and the excess."""
    at = sweep.smallest_reported(i)
    return [
        ("$\\|X_{\\mathrm{nuc}} - Y\\|$", sweep.nuc_to_Y[i], "{:.2f}"),
        ("$\\|UU^\\top - X_{\\mathrm{nuc}}\\|$", sweep.seed_mean(sweep.dist_nuc, i, *at), "{:.2f}"),
        ("$\\|X_{\\mathrm{nuc}}\\|_*$", float(np.trace(sweep.X_nuc[i])), "{:.4f}"),
        ("$\\|UU^\\top\\|_*$", sweep.seed_mean(sweep.nuclear, i, *at), "{:.4f}"),
        ("excess", sweep.nuclear_excess(i), lambda v: "< 1e-4" if abs(v) < 1e-4 else f"{v:.4f}"),
    ]  # fmt: skip


@per_instance
def alpha_trends(sweep, i):
    """Appendix C.1: per instance, from alpha = 10^-TREND_FROM on: the seed-mean nuclear norm of
    U U^T there and at the smallest trustworthy alpha, its growth per decade (least squares), and
    the distance to where the instance ends (to Y if no limit) there and at its largest after."""
    alphas, nuclear, _ = sweep.curve(sweep.nuclear, i)
    trend = f"10^{{-{TREND_FROM}}}"
    first, far, e_far = sweep.detour(i)
    return [
        (f"$\\|UU^\\top\\|_*$ at ${trend}$", nuclear[np.argmin(np.abs(np.log10(alphas) + TREND_FROM))], "{:.3f}"),
        ("at the last $\\alpha$", nuclear[-1], "{:.3f}"),
        ("per decade", sweep.growth_per_decade(i), "{:+.4f}"),
        (f"to the limit at ${trend}$", first, "{:.3f}"),
        ("largest after", far, "{:.3f}"),
        ("at $\\alpha$", e_far, alpha_of_exponent),
    ]  # fmt: skip


@per_instance
def trust_limits(sweep, i, precision):
    """Appendix C.2, one arithmetic (``FLOAT64`` or ``DOUBLE``): per instance, the smallest alpha
    down to which every result is trustworthy, the measured discrepancy there (relabelled twin; for
    float64 also double-double after as many steps), and at the next alpha, where it fails ("–": it
    never fails); for float64, the alphas below its limit at which its label is wrong."""
    bound = below(1e-12, "{:.1e}".format)  # NaN shows as "–"
    limit = sweep.trust_limit(i, precision)
    after = [e for e in sweep.ran(i, precision) if limit is None or e > limit] + [None]
    at = lambda e: np.nan if e is None else sweep.discrepancy(i, e, precision)  # noqa: E731
    cells = [
        ("trustworthy to α", limit, alpha_of_exponent),
        ("discrepancy there", at(limit), bound),
        ("next α", after[0], alpha_of_exponent),
        ("discrepancy at next α", at(after[0]), bound),
    ]
    if precision == FLOAT64:
        misled = ", ".join(alpha_of_exponent(e) for e in sweep.float64_misled(i))
        cells.append(("wrong label at", misled or "–"))
    return cells


def run_kinds(sweep) -> tuple[pd.DataFrame, dict]:
    """Appendix C.3: the runs of the sweep by kind, with their steps of (22)."""
    kinds = np.bincount(sweep.kind, minlength=len(KIND_NAMES))
    steps = np.bincount(sweep.kind, weights=sweep.steps, minlength=len(KIND_NAMES))
    return table(
        ("runs", [*KIND_NAMES, "all"]),
        ("count", [*kinds.tolist(), int(kinds.sum())], "{:,}"),
        ("steps of (22), millions", [*(steps / 1e6).tolist(), float(steps.sum() / 1e6)], "{:,.0f}"),
    )


def slow_runs(sweep) -> tuple[pd.DataFrame, dict]:
    """Appendix C: per instance, its slowest run among the reported results (either seed) if it
    needed more than SLOW steps, and how its loss decays over the second half of the run."""

    def row(r):
        p, ratio = sweep.tail(r)
        return [
            ("instance", sweep.names[sweep.instance[r]]),
            ("$\\alpha$", int(sweep.exponent[r]), alpha_of_exponent),
            ("in", PRECISION_SHORT[sweep.precision[r]]),
            ("steps", int(sweep.steps[r]), "{:,}"),
            ("converged", "yes" if sweep.converged[r] else "no"),
            ("$p$, loss $\\sim k^{-p}$", p, "{:.1f}"),
            ("rate ratio", ratio, "{:.2f}"),
            ("$\\lambda_3/\\lambda_1$ of $UU^\\top$", sweep.spectrum_ratio(r), lambda v: sci(v, 0)),
        ]  # fmt: skip

    return by_row(row, sweep.slowest_runs().values())


@per_instance
def step_checks(sweep, i):
    """Appendix C.3: per instance, at its smallest trustworthy alpha (seed 0): eta times the
    largest Hessian eigenvalue of (12) at the end point, and the run with a quarter of the step:
    its distance to the run with the full step and whether it has the same label."""
    distance, same = sweep.quarter_step(i)
    return [
        ("at $\\alpha$", sweep.smallest_reported(i)[0], alpha_of_exponent),
        ("$\\eta\\mu_{\\max}$", sweep.eta_mu_max(i), "{:.2f}"),
        ("$\\eta/4$: moves it by", distance, num),
        ("same label", "yes" if same else "no"),
    ]


def unbounded_stage(stage) -> tuple[pd.DataFrame, dict]:
    """Appendix C.4: the GLRL stage without a stationary point, rerun with smaller steps."""
    return table(
        ("step", [f"η/{d}" if d > 1 else "η" for d in stage.divisors]),
        ("steps until the loss rises", stage.steps, "{:,}"),
        ("$\\|U\\|_F^2$ then", stage.norms, "{:.1f}"),
    )


# ----------------------------------------------------------------------------- 2(a)-(d) checks
def solution_set_measured(check) -> tuple[pd.DataFrame, dict]:
    """Appendix D.2: the rank of the projector P against m - n."""
    return measured([("rank of P", str(check.rank_P)), ("m − n", str(check.m - check.n))])


def smoothness_measured(check) -> tuple[pd.DataFrame, dict]:
    """Appendix D.3: inequality (6) on random pairs, and where it must fail above the step."""
    return measured([
        ("η = 1/‖A‖²", check.eta),
        ("max over the pairs of [f(w) − right side of (6)]/‖w − x‖²", check.worst_ratio),
        (f"(6) at {check.factor_above} η along q₁: f(w) − right side", check.gap_above),
        (f"predicted: (σ₁² − 1/({check.factor_above} η))/2", check.gap_above_predicted),
    ])  # fmt: skip


def convergence_measured(check) -> tuple[pd.DataFrame, dict]:
    """Appendix D.4: the rate rho of Theorem 2 against the measured rates."""
    return measured([
        ("$\\rho = 1 - \\sigma_{\\min}^2/\\sigma_{\\max}^2$", f"{check.rho:.6f}"),
        ("measured rates, smallest", f"{check.measured_rates.min():.6f}"),
        ("measured rates, largest", f"{check.measured_rates.max():.6f}"),
    ])  # fmt: skip


def min_norm_measured(check) -> tuple[pd.DataFrame, dict]:
    """Appendix D.5: the norms gradient descent ends at, from 0 and from random starts."""
    return measured(
        [("‖x‖ from 0", check.norm_from_zero), ("‖x*‖", check.norm_x_star)]
        + [(f"‖x‖ from random start {j + 1}", v) for j, v in enumerate(check.norms_from_random)]
    )
