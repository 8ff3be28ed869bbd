"""Problem 2(e): gradient descent on the factorized least squares (9) against the Lasso path (11).

``A`` is ``n x m`` (n < m) with unit-norm columns, ``y = A x*``. One step of gradient descent on
``f(x) = 1/2 ||A (x * x) - y||^2`` (9) with step size ``eta`` is

    x <- x - 2 eta x * A^T (A u - y),   u = x * x,                     (18)

and ``u = x * x >= 0`` is what we compare with the Lasso, the minimum-l1 interpolator and the
relative-entropy (KL) interpolator (21).
"""

from __future__ import annotations

import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numba
import numpy as np
from scipy.optimize import linprog
from sklearn.linear_model import lars_path

from hw3.common import check_count, check_finite, check_step_size, loss_rose, relative_distance

#: Standard deviation of the Gaussian whose absolute value gives the nonzeros of x* (step ii).
X_STAR_SIGMA = 1.0 / math.sqrt(10.0)
#: The support of a vector: its entries above this value.
SUPPORT_LEVEL = 1e-4


# --------------------------------------------------------------------------- problem instance
def make_problem(n: int = 20, m: int = 40, k: int = 10, seed: int = 0):
    """Steps i-ii of 2(e): return ``(A, x_star, y)``.

    ``A`` has i.i.d. N(0, 1) entries, then each column is scaled to unit l2 norm. ``x_star`` has
    ``k`` nonzeros at locations drawn uniformly without replacement; their values are ``|g|``
    with ``g ~ N(0, sigma^2)``, ``sigma = 1/sqrt(10)`` (the standard deviation refers to the
    Gaussian before the absolute value, so ``E ||x*||^2 = k/10``). ``y = A x_star``.
    """
    n, m, k = (check_count(v, name, minimum=1) for v, name in ((n, "n"), (m, "m"), (k, "k")))
    if not (n < m and k <= m):
        raise ValueError(f"need 0 < n < m and 0 < k <= m, got n={n}, m={m}, k={k}")
    rng = np.random.default_rng(check_count(seed, "seed", maximum=None))
    A = rng.standard_normal((n, m))
    A /= np.linalg.norm(A, axis=0)
    x_star = np.zeros(m)
    support = rng.choice(m, size=k, replace=False)
    x_star[support] = np.abs(rng.normal(0.0, X_STAR_SIGMA, size=k))
    return A, x_star, A @ x_star


def _check_problem(A, y):
    """``A`` ``(n, m)`` and ``y`` ``(n,)``, finite."""
    A, y = check_finite("A", A), check_finite("y", y)
    if A.ndim != 2 or y.shape != A.shape[:-1]:
        raise ValueError(f"need A of shape (n, m) and y of shape (n,), got {A.shape} and {y.shape}")
    return A, y


def predictions(A, u):
    """``A u``, batched: ``A`` ``(..., n, m)`` and ``u`` ``(..., m)`` broadcast against each other."""
    return np.einsum("...nm,...m->...n", np.asarray(A, dtype=float), np.asarray(u, dtype=float))


def relative_residual(A, y, u):
    """``||A u - y|| / ||y||`` per vector ``u`` (:func:`hw3.common.relative_distance` of the fit)."""
    return relative_distance(predictions(A, u), y)


# --------------------------------------------------------------------------- gradient descent
@numba.njit(cache=True, nogil=True)
def gradient_descent(A, y, x0, eta, steps, record_every):
    """Steps iii-iv of 2(e): gradient descent (7) on (9), x <- x - 2 eta x * A^T (A (x * x) - y),
    from x0 for ``steps`` steps, x recorded every ``record_every`` steps (``trace[j]`` is the
    iterate after j * record_every steps); stops early, leaving NaN, if x overflows. The sums run
    in one fixed order (no BLAS), so the bits are the same on every x86-64 CPU."""
    n, m = A.shape
    At, x, r, g = np.ascontiguousarray(A.T), x0.copy(), np.empty(n), np.empty(m)
    trace = np.full((steps // record_every + 1, m), np.nan)
    trace[0] = x
    for k in range(1, steps + 1):
        r[:] = -y
        for j in range(m):  # r = A (x * x) - y, column by column
            for i in range(n):
                r[i] += At[j, i] * (x[j] * x[j])
        g[:] = 0.0
        for i in range(n):  # g = A^T r, row by row
            for j in range(m):
                g[j] += A[i, j] * r[i]
        for j in range(m):
            x[j] -= 2.0 * eta * x[j] * g[j]
        if k % record_every == 0:
            trace[k // record_every] = x
            if not np.isfinite(x).all():
                break
    return trace


def losses(A, y, X):
    """The loss (9), ``||A (x * x) - y||^2 / 2``, of each iterate (row) of ``X``."""
    rho = predictions(A, X * X) - y
    return 0.5 * np.sum(rho * rho, axis=-1)


def factorized_gd(A, y, x0, eta, steps, record_every=10):
    """Gradient descent on (9) (:func:`gradient_descent`) from ``x0`` (shape ``(m,)``) with step
    ``eta`` for ``steps`` steps. Returns ``(x, trace)``: the last iterate and the iterates every
    ``record_every`` steps (``trace[0] = x0``, ``trace[-1] = x``). ``x0`` is not modified.

    ``ValueError`` names a bad argument (``x0 = 0`` too: the update never leaves it), and ``eta``
    if an iterate overflows or the loss (9) rises beyond rounding (:func:`hw3.common.loss_rose`)
    between recorded iterates or over two more steps (a period-two oscillation).
    """
    A, y = _check_problem(A, y)
    x0 = check_finite("x0", x0, shape=(A.shape[1],))
    if not x0.any():  # x <- x * (...): the update never moves x = 0, a saddle point of (9)
        raise ValueError(
            "x0 must not be 0: every step multiplies x coordinatewise, so gradient descent never "
            "leaves x = 0; start from a small nonzero x0 such as alpha * ones"
        )
    eta = check_step_size(eta)
    steps = check_count(steps, "steps")
    record_every = check_count(record_every, "record_every", minimum=1)
    if steps % record_every:
        raise ValueError(f"record_every={record_every} must divide steps={steps}")
    check_count(steps // record_every, "steps / record_every (iterates kept in memory)", 0, 10**8)
    trace = gradient_descent(A, y, x0, eta, steps, record_every)
    x = trace[-1]
    with np.errstate(over="ignore", invalid="ignore"):
        after = gradient_descent(A, y, x, eta, 2, 1) if np.isfinite(x).all() else trace[-1:]
        loss = np.concatenate([losses(A, y, trace), losses(A, y, after[1:])])
    if not np.isfinite(loss).all():
        raise ValueError(f"gradient descent diverged: the step size eta={eta!r} is too large")
    rose = np.flatnonzero(loss_rose(loss[:-1], loss[1:], 0.5 * y @ y))  # scale: the loss at 0
    if len(rose):
        raise ValueError(
            f"the loss (9) increased from {loss[rose[0]]:.6e} to {loss[rose[0] + 1]:.6e}: the step "
            f"size eta={eta!r} is too large"
        )
    return x.copy(), trace


def curvature(A, y, x):
    """The curvature bound (19) ``L(x) = 2 ||A^T (A u - y)||_inf + 4 ||A diag(x)||_2^2``,
    ``u = x * x``, on the largest eigenvalue of ``Hess f(x) = 2 diag(A^T (A u - y)) + 4 diag(x)
    A^T A diag(x)`` (GD is locally stable for ``eta < 2 / L(x)``). Batched: ``A`` ``(..., n, m)``,
    ``y`` ``(..., n)``, ``x`` ``(..., m)`` broadcast against each other, one value per ``x``.
    """
    A, x = np.asarray(A, dtype=float), np.asarray(x, dtype=float)
    rho = predictions(A, x * x) - y
    grad_inf = np.abs(np.einsum("...nm,...n->...m", A, rho)).max(axis=-1)
    spectral = np.linalg.norm(A * x[..., None, :], 2, axis=(-2, -1))
    return 2.0 * grad_inf + 4.0 * spectral**2


def run_diagnostics(As, ys, trace, etas):
    """Monitor a batched run from its snapshots ``trace`` (shape ``(T, S, m)``, iterates ``x``).

    Returns ``(eta_L, loss)``, each of shape ``(T, S)``: ``eta_s * L(x)`` with the curvature bound
    (19) (:func:`curvature`) and the loss (9) ``||A (x * x) - y||^2 / 2``. ``As`` is ``(S, n, m)``, ``ys`` ``(S, n)``, ``etas`` ``(S,)`` or ``(T, S)``.
    """
    As, trace = np.asarray(As, dtype=float), np.asarray(trace, dtype=float)
    eta_L = np.asarray(etas) * curvature(As, ys, trace)
    return eta_L, losses(As, ys, trace)


@dataclass(frozen=True)
class SweepInfo:
    """What :func:`gd_sweep` records about its S runs (C: the phase-1 end and the chunk ends)."""

    steps: np.ndarray  # the step counts at the C ends, (C,)
    residual: np.ndarray  # relative residuals there, (C, S)
    max_eta_L: np.ndarray  # max of eta L(x) over the monitored steps, (S,)
    loss_monotone: np.ndarray  # the loss never rose beyond rounding (hw3.common.loss_rose), (S,)


def gd_sweep(A, y, X0, u_max, steps1, steps2, chunk, monitor_every=500, tol=None):
    """Factorized GD (:func:`factorized_gd`, which checks each run) on S runs: a global-step
    phase, then local steps.

    ``A``, ``y``: one problem ``(n, m)``, ``(n,)`` shared by the S runs, or S problems
    ``(S, n, m)``, ``(S, n)``; ``X0`` ``(S, m)``. Phase 1 (``steps1`` steps, the escape from
    ``X0``) uses the step ``1/L`` with ``L = 2 ||A u0 - y|| + 4 ||A||_2^2 u_max``, ``u0 = X0^2``:
    it bounds :func:`curvature` as long as the loss does not increase (then ``||A^T rho||_inf <=
    ||rho|| <= ||A u0 - y||``, columns having unit norm) and ``||u||_inf <= u_max`` (one value per
    run, checked at the monitored steps; ``None`` if ``steps1 = 0``). Phase 2 (up to ``steps2`` steps, the slow final fit) runs
    in chunks of ``chunk`` steps, each with the step ``1 / L(x)`` at the chunk start; with
    ``tol``, it stops after the first chunk at which every relative residual is ``<= tol``.
    Returns ``(X, info)`` with ``info`` a :class:`SweepInfo` (monitored every ``monitor_every``).
    """
    if steps2 % chunk:
        raise ValueError(f"chunk={chunk} must divide steps2={steps2}")
    if steps1 and u_max is None:
        raise ValueError("phase 1 (steps1 > 0) needs u_max")
    S, (n, m) = len(X0), np.shape(A)[-2:]
    As, ys = np.broadcast_to(A, (S, n, m)), np.broadcast_to(y, (S, n))
    if steps1:
        r0 = np.linalg.norm(predictions(As, X0**2) - ys, axis=-1)
        etas1 = 1.0 / (2.0 * r0 + 4.0 * np.linalg.norm(As, 2, axis=(-2, -1)) ** 2 * u_max)
    else:
        etas1 = 1.0 / curvature(As, ys, X0)
    X, loss_parts, steps, U, max_eta_L = X0, [], [], [], np.zeros(S)
    for c in range(steps2 // chunk + 1):
        eta, n_steps = (etas1, steps1) if c == 0 else (1.0 / curvature(As, ys, X), chunk)
        # the runs are independent and the loop releases the GIL: two at a time, the same bits
        with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
            runs = list(pool.map(factorized_gd, As, ys, X, eta, [n_steps] * S, [monitor_every] * S))
        X, tr = np.array([x for x, _ in runs]), np.stack([t for _, t in runs], axis=1)
        if c == 0 and steps1 and not (np.max(tr**2, axis=(0, 2)) <= u_max).all():
            raise ValueError(f"phase 1 left ||u||_inf <= u_max={u_max!r}: its step is no bound")
        eta_L, loss = run_diagnostics(As, ys, tr, eta)
        max_eta_L = np.maximum(max_eta_L, eta_L.max(axis=0))
        loss_parts.append(loss if c == 0 else loss[1:])  # loss[0] is the previous chunk's end
        steps.append(steps1 + c * chunk)
        U.append(X**2)
        if tol is not None and (relative_residual(As, ys, X**2) <= tol).all():
            break
    loss = np.concatenate(loss_parts)
    return X, SweepInfo(
        steps=np.array(steps),
        residual=relative_residual(As, ys, np.array(U)),
        max_eta_L=max_eta_L,
        loss_monotone=~loss_rose(loss[:-1], loss[1:], 0.5 * np.sum(ys * ys, axis=-1)).any(axis=0),
    )


# --------------------------------------------------------------------------- reference solutions
def lasso_knots(A, y, positive=True):
    """The exact, piecewise-linear Lasso path of (11) by LARS: ``(lambdas, coefs)`` at its knots.

    scikit-learn's ``lars_path`` minimizes ``(1/(2n)) ||y - A w||^2 + a ||w||_1``; multiplying
    by ``n`` gives (11) with ``lambda = n * a``. ``lambdas`` decrease from
    ``lambda_max = ||A^T y||_inf`` to the last knot; ``coefs`` has shape ``(m, len(lambdas))``.
    ``positive=True`` adds the constraint ``w >= 0`` (the positive Lasso).
    """
    A, y = _check_problem(A, y)
    alphas, _, coefs = lars_path(A, y, method="lasso", positive=positive)
    return A.shape[0] * alphas, coefs


def lasso_at(lambdas_knots, coefs_knots, lambdas):
    """Evaluate the piecewise-linear path (knots from :func:`lasso_knots`) at ``lambdas``."""
    lam = np.asarray(lambdas, dtype=float)
    order = np.argsort(lambdas_knots)
    return np.stack([np.interp(lam, lambdas_knots[order], c[order]) for c in coefs_knots])


def min_l1_solution(A, y, nonnegative=False):
    """The minimum-l1 interpolator (10), ``argmin ||x||_1 s.t. A x = y``, as the LP (HiGHS)
    ``min 1^T x`` s.t. ``A x = y``, ``x >= 0`` if ``nonnegative``, else with ``x = p - q`` and
    ``min 1^T (p + q)`` s.t. ``[A, -A] (p, q) = y``, ``p, q >= 0``."""
    A, y = _check_problem(A, y)
    A_eq = A if nonnegative else np.hstack([A, -A])
    res = linprog(np.ones(A_eq.shape[1]), A_eq=A_eq, b_eq=y, bounds=(0, None), method="highs")
    if res.status != 0:
        raise ValueError(f"linprog failed: {res.message}")
    return res.x if nonnegative else np.subtract(*np.split(res.x, 2))


def nonnegative_l1_uniqueness_margin(A, y, x, tol=1e-9):
    """Certificate that ``x`` is the *unique* minimizer of ``1^T w`` s.t. ``A w = y, w >= 0``:
    with ``S = supp(x)``, ``A_S`` of full column rank and a dual ``nu`` with ``A_S^T nu = 1`` and
    ``A_j^T nu <= 1 - t`` off ``S``, every other feasible point costs more if ``t > 0``. Returns
    the largest such ``t`` (LP, capped at 1), or ``-inf`` if ``A_S`` is rank deficient or no
    ``nu`` exists."""
    A, y = _check_problem(A, y)
    on = np.asarray(x) > tol
    if np.linalg.matrix_rank(A[:, on]) < on.sum():
        return -np.inf
    bounds = [(None, None)] * len(A) + [(None, 1.0)]  # on (nu, t)
    res = _largest_margin(A[:, ~on].T, np.ones((~on).sum()), A[:, on].T, np.ones(on.sum()), bounds)
    return -res.fun if res.status == 0 else -np.inf


def _largest_margin(A_ub, b_ub, A_eq, b_eq, bounds):
    """The LP ``max t`` over ``(z, t)`` s.t. ``A_ub z + t <= b_ub``, ``A_eq z = b_eq`` and the
    ``bounds`` on ``(z, t)``, by HiGHS: scipy's result."""
    c = np.zeros(A_eq.shape[1] + 1)
    c[-1] = -1.0
    A_ub = np.hstack([A_ub, np.ones((len(A_ub), 1))])
    A_eq = np.hstack([A_eq, np.zeros((len(A_eq), 1))])
    return linprog(c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, method="highs")


def positive_null_margin(A):
    """``(t, v)``: ``max t`` s.t. ``A v = 0``, ``t <= v <= 1`` (an LP, HiGHS) and its maximizer.
    ``t > 0`` iff ``A`` has a strictly positive null vector ``v`` (then ``{w >= 0 : A w = y}`` is
    unbounded); ``ValueError`` if the LP solver fails."""
    n, m = A.shape
    res = _largest_margin(
        -np.eye(m), np.zeros(m), A, np.zeros(n), [(None, 1.0)] * m + [(None, None)]
    )
    if res.status != 0:
        raise ValueError(f"linprog failed: {res.message}")
    return -res.fun, res.x[:m]


def kl_interpolator(A, y, alpha, tol=1e-12, max_iter=500):
    """The limit of gradient flow on (9) from ``x0 = alpha * 1``, the KL interpolator (21)

        argmin_w  sum_i w_i log(w_i / alpha^2) - w_i   s.t.  A w = y,  w >= 0

    (along the flow ``log(u / alpha^2)`` stays in the row space of ``A``: the optimality
    condition). Damped Newton on the dual ``min_nu sum_i alpha^2 exp((A^T nu)_i) - y^T nu``,
    ``w = alpha^2 exp(A^T nu)``, until ``||A w - y|| <= tol ||y||``.
    """
    A, y = _check_problem(A, y)
    if not alpha > 0:
        raise ValueError(f"alpha must be positive, got {alpha}")
    shift = 2.0 * math.log(alpha)

    def dual(nu):
        with np.errstate(over="ignore"):  # an overshooting trial step gives +inf: rejected
            return np.exp(A.T @ nu + shift).sum() - y @ nu

    nu = np.zeros(len(y))
    for _ in range(max_iter):
        w = np.exp(A.T @ nu + shift)
        grad = A @ w - y
        if np.linalg.norm(grad) <= tol * np.linalg.norm(y):
            return w
        step = np.linalg.lstsq((A * w) @ A.T, -grad, rcond=None)[0]
        # Armijo backtracking; the slack of a few ulps of f0 lets the full Newton step through
        # once the decrease is below rounding (there, Newton converges quadratically).
        t, f0, slope = 1.0, dual(nu), grad @ step
        slack = 1e-14 * (1.0 + abs(f0))
        while dual(nu + t * step) > f0 + 0.25 * t * slope + slack and t > 1e-12:
            t *= 0.5
        if t <= 1e-12:
            break
        nu = nu + t * step
    raise ValueError(f"KL interpolator: Newton did not converge (alpha={alpha})")


# --------------------------------------------------------------------------- analysis helpers
def lambda_of_step(k, eta, alpha):
    """Time alignment of GD with the positive Lasso (Berthier 2025), (20):
    ``lambda(k) = log(1/eps) / (4 eta k)`` with ``eps = alpha^2``. Since ``lambda(k) k`` is the
    constant ``log(1/alpha^2) / (4 eta)``, the map is its own inverse: ``lambda_of_step(lam, ...)``
    is the step ``k`` at which ``lambda(k) = lam``."""
    return math.log(1.0 / alpha**2) / (4.0 * eta * np.asarray(k, dtype=float))


def support(w, threshold=SUPPORT_LEVEL):
    """Indices ``i`` with ``|w_i| > threshold`` (the entries of x* are of order 0.1)."""
    return np.flatnonzero(np.abs(w) > threshold)


def has_support_top(u, lp, tol=1e-9):
    """Top-s test: the ``s`` largest entries of ``u`` are the ``s`` nonzeros of ``lp``."""
    s = np.flatnonzero(lp > tol)
    return set(np.argsort(u)[len(u) - len(s) :].tolist()) == set(s.tolist())


def has_support_threshold(u, lp, threshold=None, tol=1e-9):
    """Threshold test: ``{i : u_i > threshold}`` equals ``supp(lp) = {i : lp_i > tol}``; the
    default threshold is half the smallest nonzero of ``lp`` (every support entry has reached
    half its value, every other entry is below that)."""
    on = np.flatnonzero(lp > tol)
    threshold = 0.5 * lp[on].min() if threshold is None else threshold
    return np.array_equal(np.flatnonzero(u > threshold), on)


def map_problems(f, *arrays, **kwargs):
    """``np.array([f(a_1[s], a_2[s], ..., **kwargs) for s])``: apply ``f`` to each of S problems
    given as arrays with a leading axis ``S`` (e.g. ``As``, ``ys``)."""
    return np.array([f(*row, **kwargs) for row in zip(*arrays, strict=True)])


def power_law_exponent(k, r):
    """Least-squares slope ``p`` of ``log r`` against ``log k`` (``r ~ k^p``)."""
    return float(np.polyfit(np.log(k), np.log(r), 1)[0])


def first_crossings(times, snapshots, level, interpolate=False):
    """For each coordinate (column of ``snapshots``, shape ``(T, m)``), the first of ``times``
    (shape ``(T,)``) at which it is ``>= level``; ``nan`` if never. With ``interpolate`` (for the
    piecewise-linear Lasso path, ``times`` its knots), the time between that snapshot and the one
    before at which the linear interpolation between them reaches ``level``."""
    times, snapshots = np.asarray(times, dtype=float), np.asarray(snapshots)
    above = snapshots >= level
    j, entered = above.argmax(axis=0), above.any(axis=0)
    out = np.where(entered, times[j], np.nan)
    if interpolate:  # snapshots[j - 1] < level <= snapshots[j]
        i = np.flatnonzero(entered & (j > 0))
        j, s = j[i], snapshots
        t = (level - s[j - 1, i]) / (s[j, i] - s[j - 1, i])
        out[i] = times[j - 1] + t * (times[j] - times[j - 1])
    return out


def order_of(times, decreasing=False):
    """Coordinates with a finite ``times`` entry, sorted by it (ties by index)."""
    times = np.asarray(times, dtype=float)
    idx = np.flatnonzero(~np.isnan(times))
    keys = -times[idx] if decreasing else times[idx]
    return [int(i) for i in idx[np.argsort(keys, kind="stable")]]


def common_prefix(a, b):
    """The longest initial run on which the sequences ``a`` and ``b`` agree, as a list."""
    same = [x == y for x, y in zip(a, b, strict=False)] + [False]
    return list(a[: same.index(False)])


def peaked(path, level, fraction, rising=False):
    """Coordinates (columns of ``path``, shape ``(T, m)``, in path order) that exceed ``level`` and
    end below ``fraction`` times their maximum (those the path brings in and drops again), or with
    ``rising``, at ``fraction`` times it or above (those still near their maximum)."""
    peak = np.max(np.abs(path), axis=0)
    ends_low = np.abs(path[-1]) < fraction * peak
    return [int(i) for i in np.flatnonzero((peak > level) & (ends_low != rising))]
