"""Problem 2(e): the experiments of the notebook, each returning a frozen result.

- :func:`paths` -- steps i-vi: the instance, gradient descent on (9) for the assignment's
  300,000 steps, both Lasso paths (11) (signed and with x >= 0), the reference interpolators;
- :func:`continuation` -- the same run continued until it has converged;
- :func:`init_scale` -- the gradient-flow limit (21) against the initialization scale;
- :func:`time_alignment` -- the two paths on a common axis through (20);
- :func:`robustness` -- the experiment on 24 random instances.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from hw3 import sparse_recovery as sr
from hw3.common import Check, loss_rose
from hw3.experiments import Result, experiment
from hw3.least_squares import min_norm_solution

#: Step iv: x0 = ALPHA * 1, step ETA, STEPS steps, iterate recorded every RECORD_EVERY steps.
ALPHA, ETA, STEPS, RECORD_EVERY = 1e-3, 1e-3, 300_000, 10
#: A coordinate "enters" a path when it first reaches this value.
ENTRY_LEVEL = 1e-2
#: Entry orders are compared by listing the coordinates whose ranks differ by at least this.
RANK_SHIFT = 3
#: Step iv's alpha may be at most this: u = alpha^2 starts an order of magnitude below ENTRY_LEVEL.
MAX_ALPHA = 0.03
#: Coordinates that ever exceed this value get a color and a label of their own in the figures.
NOTABLE_LEVEL = 5e-3
#: The Lasso paths are drawn down to the lambda at which their relative residual is this.
PATH_END_RESIDUAL = 1e-3
#: A coordinate overshoots when its peak in GD exceeds its peak on the path with x >= 0 by this.
OVERSHOOT = 0.01
#: Tolerance below which a relative residual or a distance is rounding ("interpolates", "equal").
ROUNDING = 1e-10


@dataclass(frozen=True)
class Paths(Result):
    """Steps i-vi of 2(e) on one instance: everything the figure, the table and the answer use."""

    alpha: float
    eta: float
    steps: int
    A: np.ndarray
    x_star: np.ndarray
    y: np.ndarray
    ks: np.ndarray  # recorded steps, (T,)
    u: np.ndarray  # x^(k) * x^(k) at the recorded steps, (T, m)
    all_positive: bool
    monitor: tuple[Check, ...]
    lasso_lambdas: np.ndarray  # plotting grid of both Lasso paths, decreasing, (L,)
    lasso_signed: np.ndarray  # (11) on the grid, (m, L)
    lasso_positive: np.ndarray  # (11) with x >= 0 on the grid, (m, L)
    knots_signed: tuple[np.ndarray, np.ndarray]  # exact LARS knots (lambdas, coefs)
    knots_positive: tuple[np.ndarray, np.ndarray]
    l1: np.ndarray  # (10), signed LP
    l1_pos: np.ndarray  # (10) with x >= 0, LP
    l2: np.ndarray  # (8)

    @property
    def support(self) -> np.ndarray:
        return sr.support(self.x_star)

    @property
    def residual_end(self) -> float:
        return float(sr.relative_residual(self.A, self.y, self.u[-1]))

    @property
    def lambda_at_end(self) -> float:
        """lambda(k) of (20) at k = steps: where GD after ``steps`` steps sits on the Lasso axis."""
        return float(sr.lambda_of_step(self.steps, self.eta, self.alpha))

    def entry_lambdas(self, positive: bool) -> np.ndarray:
        """lambda at which each coordinate first reaches :data:`ENTRY_LEVEL` on a Lasso path."""
        lam, coefs = self.knots_positive if positive else self.knots_signed
        return sr.first_crossings(lam, np.abs(coefs).T, ENTRY_LEVEL, interpolate=True)

    # The orders of entry (first reaching ENTRY_LEVEL): in GD (by ``steps``), on the path with
    # x >= 0 and on the Lasso path of (11).
    @property
    def gd_order(self) -> list[int]:
        return sr.order_of(sr.first_crossings(self.ks, self.u, ENTRY_LEVEL))

    @property
    def lasso_order(self) -> list[int]:
        return sr.order_of(self.entry_lambdas(positive=True), decreasing=True)

    @property
    def signed_order(self) -> list[int]:
        return sr.order_of(self.entry_lambdas(positive=False), decreasing=True)

    @property
    def common_prefix(self) -> list[int]:
        """The longest initial run of coordinates entering GD and the path with x >= 0 in the
        same order."""
        return sr.common_prefix(self.gd_order, self.lasso_order)

    @property
    def signed_prefix(self) -> list[int]:
        """... GD and the Lasso path of (11)."""
        return sr.common_prefix(self.gd_order, self.signed_order)

    @property
    def largest_correlation(self) -> int:
        """The coordinate i with the largest (A^T y)_i: the first to enter a Lasso path."""
        return int(np.argmax(self.A.T @ self.y))

    @property
    def overshoots(self) -> list[int]:
        """Coordinates whose peak in GD exceeds their peak on the path with x >= 0 by more than
        OVERSHOOT, largest excess first."""
        gd, path = self.u.max(axis=0), self.lasso_positive.max(axis=1)
        return [int(i) for i in np.argsort(path - gd, kind="stable") if gd[i] - path[i] > OVERSHOOT]

    def rank_shifts(self, at_least: int = RANK_SHIFT) -> dict[int, tuple[int, int]]:
        """For coordinates entering both GD and the path with x >= 0: ``i -> (rank in GD, rank on
        the path)``, 1-based, for those whose ranks differ by at least ``at_least``."""
        gd, lasso = self.gd_order, self.lasso_order
        ranks = {i: (gd.index(i) + 1, lasso.index(i) + 1) for i in gd if i in lasso}
        return {i: (g, p) for i, (g, p) in ranks.items() if abs(g - p) >= at_least}

    @property
    def only_gd(self) -> list[int]:
        return sorted(set(self.gd_order) - set(self.lasso_order))

    @property
    def only_lasso(self) -> list[int]:
        return sorted(set(self.lasso_order) - set(self.gd_order))

    def transient(self, path: str) -> list[int]:
        """Coordinates that GD (``path="gd"``, by ``steps``) or the path with x >= 0 (``"lasso"``)
        brings in (above :data:`ENTRY_LEVEL`) and drops again."""
        return sr.peaked(self.u if path == "gd" else self.lasso_positive.T, ENTRY_LEVEL, 0.5)

    @property
    def rising_off_support_gd(self) -> list[int]:
        """Off-support coordinates above :data:`ENTRY_LEVEL` still at their maximum at the end."""
        still = sr.peaked(self.u, ENTRY_LEVEL, 0.98, rising=True)  # within 2% of their peak
        return [i for i in still if self.x_star[i] == 0]

    @property
    def notable(self) -> list[int]:
        """Coordinates above :data:`NOTABLE_LEVEL` on some path (both Lasso paths, GD)."""
        peaks = (np.abs(self.lasso_signed).max(1), self.lasso_positive.max(1), self.u.max(0))
        return [int(i) for i in np.flatnonzero(np.maximum.reduce(peaks) > NOTABLE_LEVEL)]

    @property
    def signed_negative(self) -> int:
        """Coordinates that the Lasso path of (11) brings in with a negative sign."""
        return int(np.sum(self.lasso_signed.min(axis=1) <= -ENTRY_LEVEL))

    @property
    def signed_negative_end(self) -> int:
        """Negative entries of the end point of the Lasso path of (11)."""
        return int(np.sum(self.knots_signed[1][:, -1] < -1e-9))

    @property
    def missing_support(self) -> list[int]:
        """Support coordinates of x* that GD has not brought in by ``steps`` (below sr.SUPPORT_LEVEL)."""
        return [int(i) for i in np.setdiff1d(self.support, sr.support(self.u[-1]))]

    def comparison(self) -> dict[str, np.ndarray]:
        """The vectors of the step-vi table, by name."""
        return {
            f"GD x⊙x, k = {self.steps:,}": self.u[-1],
            "Lasso (11), λ → 0": self.knots_signed[1][:, -1],
            "(11) with x ≥ 0, λ → 0": self.knots_positive[1][:, -1],
            "min-ℓ1 (10), LP": self.l1,
            "(10) with x ≥ 0, LP": self.l1_pos,
            "min-ℓ2 (8), A⁺y": self.l2,
            "x*": self.x_star,
        }


@experiment
def paths(seed=0, alpha=ALPHA, eta=ETA, steps=STEPS, record_every=RECORD_EVERY):
    """Steps i-vi of 2(e): the instance of :func:`hw3.sparse_recovery.make_problem` with ``seed``
    (n = 20, m = 40, k = 10); gradient descent (18) on (9) from ``alpha * 1`` for ``steps`` steps,
    x recorded every ``record_every`` steps; both Lasso paths of (11) and the LP and pseudo-inverse
    interpolators. ``alpha`` in (0, MAX_ALPHA] keeps u = alpha^2 well below ENTRY_LEVEL;
    ``eta`` > 0 below the stability limit (a diverging run is refused). Returns a :class:`Paths`."""
    if not 0 < alpha <= MAX_ALPHA:
        raise ValueError(
            f"alpha={alpha!r} must be in (0, {MAX_ALPHA}]: above it u = alpha^2 nears the entry level {ENTRY_LEVEL}"
        )
    A, x_star, y = sr.make_problem(n=20, m=40, k=10, seed=seed)
    _, trace = sr.factorized_gd(A, y, np.full(A.shape[1], alpha), eta, steps, record_every)
    every = trace[:: max(1, 100 // record_every), None]  # every 100 steps
    eta_L, loss = (v[:, 0] for v in sr.run_diagnostics(A[None], y[None], every, [eta]))
    monitor = (
        Check("max over the run of η L(x) (stable below 2)", eta_L.max(), 2.0),
        Check("monitored steps at which the loss (9) rose", float(loss_rose(loss[:-1], loss[1:], loss[0]).sum()), 0.0),
    )  # fmt: skip
    knots_s, knots_p = sr.lasso_knots(A, y, positive=False), sr.lasso_knots(A, y, positive=True)

    def path_end(lam, coefs):  # the first lambda of a fine grid where the fit is PATH_END_RESIDUAL
        grid = np.geomspace(lam[0], lam[0] * 1e-8, 4000)
        fit = sr.relative_residual(A, y, sr.lasso_at(lam, coefs, grid).T)
        return grid[np.argmax(fit < PATH_END_RESIDUAL)]

    lam_end = min(path_end(*knots_s), path_end(*knots_p))
    grid = np.unique(
        np.concatenate([np.geomspace(knots_p[0][0], lam_end, 120), knots_s[0], knots_p[0]])
    )
    grid = grid[(grid >= lam_end) & (grid <= max(knots_s[0][0], knots_p[0][0]))][::-1]
    return Paths(
        alpha=alpha,
        eta=eta,
        steps=steps,
        A=A,
        x_star=x_star,
        y=y,
        ks=record_every * np.arange(len(trace)),
        u=trace**2,
        all_positive=bool((trace > 0).all()),
        monitor=monitor,
        lasso_lambdas=grid,
        lasso_signed=sr.lasso_at(*knots_s, grid),
        lasso_positive=sr.lasso_at(*knots_p, grid),
        knots_signed=knots_s,
        knots_positive=knots_p,
        l1=sr.min_l1_solution(A, y),
        l1_pos=sr.min_l1_solution(A, y, nonnegative=True),
        l2=min_norm_solution(A, y),
    )


@dataclass(frozen=True)
class Continuation(Result):
    """The run of step iv continued, with steps 1/L(x) of (19), until it has converged."""

    tol: float
    info: sr.SweepInfo
    u: np.ndarray  # the converged x * x
    kl: np.ndarray  # the gradient-flow limit (21) at the same alpha
    l1_pos: np.ndarray
    fit_range: tuple[int, int]
    tail: int

    @property
    def distance_l1_pos(self) -> float:
        return float(np.linalg.norm(self.u - self.l1_pos))

    @property
    def distance_kl(self) -> float:
        return float(np.linalg.norm(self.u - self.kl))

    @property
    def kl_to_l1_pos(self) -> float:
        return float(np.linalg.norm(self.kl - self.l1_pos))

    @property
    def near_l1_pos(self) -> bool:
        """The converged run ends within 1% of ||x̂ℓ1+|| of x̂ℓ1+."""
        return self.distance_l1_pos < 1e-2 * float(np.linalg.norm(self.l1_pos))

    @property
    def residuals(self) -> np.ndarray:
        return self.info.residual[:, 0]

    @property
    def exponent(self) -> float:
        """p of the fit residual ~ k^p over :attr:`fit_range` of the extra steps k (nan if the run
        converged before the end of that range)."""
        k, (lo, hi) = self.info.steps, self.fit_range
        sub = (k >= lo) & (k <= hi)
        return sr.power_law_exponent(k[sub], self.residuals[sub]) if k[-1] >= hi else float("nan")

    @property
    def sublinear(self) -> bool:
        """The residual decays like k^p, -1.2 < p < -0.7, over :attr:`fit_range` (about 1/k)."""
        return bool(-1.2 < self.exponent < -0.7)

    @property
    def tail_ratio(self) -> float:
        """Geometric-mean ratio of consecutive checkpoint residuals over the last :attr:`tail` steps."""
        late = self.info.steps >= self.info.steps[-1] - self.tail
        return float(np.exp(np.mean(np.diff(np.log(self.residuals[late])))))


@experiment
def continuation(
    seed=0, alpha=ALPHA, eta=ETA, steps=STEPS, tol=1e-5, chunk=20_000, max_steps=2_000_000
):
    """The run of :func:`paths` (same ``seed, alpha, eta, steps``) continued from its last iterate
    with the step 1/L(x) of (19), recomputed every ``chunk`` steps, until the relative residual
    ||A u - y|| / ||y|| is at most ``tol`` (or ``max_steps`` more steps); with the limit (21) of
    the gradient flow at the same ``alpha``. Returns a :class:`Continuation`."""
    run = paths(seed=seed, alpha=alpha, eta=eta, steps=steps)
    x = np.sqrt(run.u[-1])[None]
    X, info = sr.gd_sweep(
        run.A, run.y, x, None, steps1=0, steps2=max_steps, chunk=chunk, monitor_every=1000, tol=tol
    )
    return Continuation(
        tol=tol,
        info=info,
        u=X[0] ** 2,
        kl=sr.kl_interpolator(run.A, run.y, run.alpha),
        l1_pos=run.l1_pos,
        fit_range=(40_000, 240_000),
        tail=200_000,
    )


@dataclass(frozen=True)
class InitScale(Result):
    """The gradient-flow limit (21) over a fine grid of alpha, and GD at some of them."""

    alphas: np.ndarray  # fine grid
    kl: np.ndarray  # (21) at each alpha, (len(alphas), m)
    gd_alphas: np.ndarray
    gd_u: np.ndarray  # GD run to convergence from alpha * 1, (len(gd_alphas), m)
    gd_info: sr.SweepInfo
    gd_kl: np.ndarray  # (21) at gd_alphas
    alpha_1e3: float  # alpha at which the limit is 1e-3 from x̂ℓ1+
    uniqueness_margin: float  # > 0: x̂ℓ1+ is the unique nonnegative min-l1 interpolator
    null_margin: float  # > 0: A has a strictly positive null vector
    tol: float
    l1_pos: np.ndarray
    l2: np.ndarray

    @property
    def l1_distance(self) -> np.ndarray:
        """||u_inf(alpha) - x̂ℓ1+|| on the fine grid."""
        return np.linalg.norm(self.kl - self.l1_pos, axis=1)

    @property
    def l2_distance(self) -> np.ndarray:
        return np.linalg.norm(self.kl - self.l2, axis=1)

    @property
    def l1_distance_decreasing(self) -> bool:
        """The distance to x̂ℓ1+ decreases at every step of the fine grid as alpha shrinks."""
        return bool(np.all(np.diff(self.l1_distance) < 0))

    @property
    def small_alpha_slope(self) -> float:
        """Least-squares slope of log ||u_inf(alpha) - x̂ℓ1+|| against log alpha, alpha <= 1e-3."""
        small = self.alphas <= 1e-3 * (1 + 1e-9)
        return sr.power_law_exponent(self.alphas[small], self.l1_distance[small])

    @property
    def gd_to_kl_relative(self) -> np.ndarray:
        return np.linalg.norm(self.gd_u - self.gd_kl, axis=1) / np.linalg.norm(self.gd_kl, axis=1)


@experiment
def init_scale(seed=0, gd_alphas=(1.0, 0.3, 0.1, 0.03, 0.01), tol=1e-8):
    """Appendix B.2: the limit (21) of the gradient flow on a fine grid alpha = 1 ... 1e-5 for the
    instance of :func:`paths` (``seed``), and gradient descent run from alpha * 1 to relative
    residual ``tol`` at each of ``gd_alphas`` (in (0, 1]; the smaller, the longer the run), with
    the certificate margins of x̂ℓ1+. Returns an :class:`InitScale`."""
    run = paths(seed=seed)
    A, y = run.A, run.y
    alphas, gd_alphas = np.geomspace(1.0, 1e-5, 41), np.array(gd_alphas)
    kl, gd_kl = ([sr.kl_interpolator(A, y, a) for a in grid] for grid in (alphas, gd_alphas))
    u_max = 2 * np.maximum(gd_alphas**2, np.max(gd_kl, axis=1))
    X0 = np.outer(gd_alphas, np.ones(A.shape[1]))
    X, info = sr.gd_sweep(A, y, X0, u_max, steps1=50_000, steps2=400_000, chunk=50_000, tol=tol)

    def gap(log_a):  # of the limit (21) to x̂ℓ1+ from 1e-3: its root in log10 alpha is alpha_1e3
        return np.linalg.norm(sr.kl_interpolator(A, y, 10**log_a) - run.l1_pos) - 1e-3

    return InitScale(
        alphas=alphas,
        kl=np.array(kl),
        gd_alphas=gd_alphas,
        gd_u=X**2,
        gd_info=info,
        gd_kl=np.array(gd_kl),
        alpha_1e3=10 ** brentq(gap, np.log10(alphas[-1]), np.log10(alphas[0]), xtol=1e-6),
        uniqueness_margin=sr.nonnegative_l1_uniqueness_margin(A, y, run.l1_pos),
        null_margin=sr.positive_null_margin(A)[0],
        tol=tol,
        l1_pos=run.l1_pos,
        l2=run.l2,
    )


@dataclass(frozen=True)
class TimeAlignment(Result):
    """GD's run of step iv placed on the Lasso's lambda axis through lambda(k) of (20)."""

    lambdas_k: np.ndarray  # lambda(k) at the recorded k > 0
    avg_u: np.ndarray  # running time average of u, at the same k
    lasso_in: np.ndarray  # lambda at which each coordinate reaches ENTRY_LEVEL on the path x >= 0
    avg_in: np.ndarray  # lambda(k) at which the time average first reaches ENTRY_LEVEL
    raw_in: np.ndarray  # ... the iterate
    ratios: np.ndarray  # avg_in / lasso_in, for the coordinates entering both
    corrected: np.ndarray  # with the log(u_i) correction of (27)
    k_last_entry: float  # step at which lambda(k) reaches the last entry of the path

    @property
    def iterate_first(self) -> tuple[int, int]:
        """Of the coordinates whose iterate and time average both reach ENTRY_LEVEL (how many:
        the second number), those the iterate reaches at a larger lambda(k), earlier (the first)."""
        both = ~np.isnan(self.avg_in) & ~np.isnan(self.raw_in)
        return int(np.sum(self.raw_in[both] > self.avg_in[both])), int(both.sum())


@experiment
def time_alignment(seed=0, alpha=ALPHA, eta=ETA, steps=STEPS):
    """The run of :func:`paths` (same settings) on the lambda axis of the Lasso path with x >= 0,
    through lambda(k) = log(1/alpha^2) / (4 eta k) of (20): the lambda(k) at which the running time
    average of u (and the iterate) first reaches ENTRY_LEVEL, against the lambda at which the path
    does, and the ratios, raw and corrected by (27). Returns a :class:`TimeAlignment`."""
    run = paths(seed=seed, alpha=alpha, eta=eta, steps=steps)
    # the running mean of the snapshots, a Riemann sum of (1/t) int_0^t u
    avg = (np.cumsum(run.u, axis=0) / np.arange(1, len(run.u) + 1)[:, None])[1:]
    u = run.u[1:]
    lam_k = sr.lambda_of_step(run.ks[1:], run.eta, run.alpha)
    lasso_in = run.entry_lambdas(positive=True)
    avg_in = sr.first_crossings(lam_k, avg, ENTRY_LEVEL)
    both = np.flatnonzero(~np.isnan(lasso_in) & ~np.isnan(avg_in))
    # At the snapshot j where avg_u[j, i] first reaches ENTRY_LEVEL (the one defining avg_in), (27)
    # gives the entry lambda(k) log(u_i / alpha^2) / log(1/alpha^2) with the iterate u_i = u[j, i]
    # < 1: lambda(k) overstates it by that factor's inverse.
    j_in = np.argmax(avg[:, both] >= ENTRY_LEVEL, axis=0)  # as first_crossings finds it
    ratio = avg_in[both] / lasso_in[both]
    log_e = np.log(1 / run.alpha**2)
    return TimeAlignment(
        lambdas_k=lam_k,
        avg_u=avg,
        lasso_in=lasso_in,
        avg_in=avg_in,
        raw_in=sr.first_crossings(lam_k, u, ENTRY_LEVEL),
        ratios=ratio,
        corrected=ratio * (np.log(u[j_in, both] / run.alpha**2) / log_e),
        # lambda_of_step is its own inverse: the step at which lambda(k) is the last entry lambda
        k_last_entry=float(sr.lambda_of_step(np.nanmin(lasso_in), run.eta, run.alpha)),
    )


@dataclass(frozen=True)
class Robustness(Result):
    """The experiment on many random instances: GD after a fixed budget and the limit (21)."""

    seeds: np.ndarray
    x_star: np.ndarray  # (S, m)
    lp: np.ndarray  # nonnegative min-l1 LP solutions
    lp_signed: np.ndarray
    gd_u: np.ndarray  # GD after gd_steps steps
    gd_steps: int
    residuals: np.ndarray  # GD's relative residuals
    kl: dict  # alpha label -> (S, m) limits (21)

    def candidates(self) -> dict[str, np.ndarray]:
        """GD's end points, then the limits (21) at each alpha of :attr:`kl`, by name."""
        gd = {f"GD, {self.gd_steps:,} steps": self.gd_u}
        return gd | {f"limit (21), α = {a}": u for a, u in self.kl.items()}

    def distances(self) -> dict[str, np.ndarray]:
        """||u - x̂ℓ1+|| per instance, for each candidate."""
        return {name: np.linalg.norm(u - self.lp, axis=1) for name, u in self.candidates().items()}

    def support_tests(self, U) -> tuple[int, int]:
        """On how many instances the candidates ``U`` (S, m) pass the top-s and the threshold
        support tests against x̂ℓ1+ (:func:`hw3.sparse_recovery.has_support_top`, ``_threshold``)."""
        tests = (sr.has_support_top, sr.has_support_threshold)
        return tuple(int(sr.map_problems(test, U, self.lp).sum()) for test in tests)

    def recovered(self, solutions) -> int:
        """On how many instances ``solutions`` equal x* (to 1e-8)."""
        return int(np.isclose(solutions, self.x_star, atol=1e-8).all(axis=1).sum())

    @property
    def median_ratio(self) -> float:
        """Median distance to x̂ℓ1+ of the limit at the first alpha over that at the second."""
        _, a, b = self.distances().values()
        return float(np.median(a) / np.median(b))


@experiment
def robustness(count=24, alpha=ALPHA, steps1=60_000, steps2=140_000):
    """Appendix B.4: ``count`` random instances (seeds 0 ... count-1): both LPs (10), gradient
    descent from ``alpha`` * 1 for ``steps1`` steps at a fixed safe step then ``steps2`` steps at
    1/L(x) of (19) (``steps2`` a multiple of 70,000), and the limit (21) at alpha = 1e-3 and 1e-6.
    Returns a :class:`Robustness`."""
    problems = [sr.make_problem(seed=int(s)) for s in range(count)]
    As, xs, ys = (np.stack(v) for v in zip(*problems, strict=True))
    lp = sr.map_problems(sr.min_l1_solution, As, ys, nonnegative=True)
    X0 = np.full((count, As.shape[2]), alpha)
    X, _ = sr.gd_sweep(
        As, ys, X0, 2 * np.maximum(alpha**2, lp.max(axis=1)), steps1, steps2, chunk=70_000
    )
    kl = {a: sr.map_problems(sr.kl_interpolator, As, ys, alpha=float(a)) for a in ("1e-3", "1e-6")}
    return Robustness(
        seeds=np.arange(count),
        x_star=xs,
        lp=lp,
        lp_signed=sr.map_problems(sr.min_l1_solution, As, ys),
        gd_u=X**2,
        gd_steps=steps1 + steps2,
        residuals=sr.relative_residual(As, ys, X**2),
        kl=kl,
    )
