"""Problem 2(e): gradient descent on the factorized least squares (9) against the Lasso path (11).

Notation follows the assignment: ``A`` is ``n x m`` (n < m) with unit-norm columns, ``y = A x*``.
Gradient descent on the factorized objective

    f(x) = 1/2 ||A (x * x) - y||^2                                     (9)

has gradient ``2 x * A^T (A (x * x) - y)``, so one step with step size ``eta`` is

    x <- x - 2 eta x * A^T (A (x * x) - y)  =  x * (1 - 2 eta (G u - b)),   u = x * x,

with ``G = A^T A`` and ``b = A^T y``.  The "effective regression vector" that ``A`` multiplies
is ``u = x * x >= 0``; it is what we compare with the Lasso, the minimum-l1 interpolator and
its finite-initialization counterpart, the relative-entropy (KL) interpolator.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import linprog
from sklearn.linear_model import lars_path

#: Standard deviation of the Gaussian whose absolute value gives the nonzeros of x* (step ii).
X_STAR_SIGMA = 1.0 / math.sqrt(10.0)


# --------------------------------------------------------------------------- problem instance
def make_problem(n: int = 20, m: int = 40, k: int = 10, seed: int = 0):
    """Steps i-ii of 2(e): return ``(A, x_star, y)``.

    ``A`` has i.i.d. N(0, 1) entries, then each column is scaled to unit l2 norm. ``x_star`` has
    ``k`` nonzeros at locations drawn uniformly without replacement; their values are ``|g|``
    with ``g ~ N(0, sigma^2)``, ``sigma = 1/sqrt(10)`` (the standard deviation refers to the
    Gaussian before the absolute value, so ``E ||x*||^2 = k/10``). ``y = A x_star``.
    """
    if not (0 < n < m and 0 < k <= m):
        raise ValueError(f"need 0 < n < m and 0 < k <= m, got n={n}, m={m}, k={k}")
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, m))
    A /= np.linalg.norm(A, axis=0)
    x_star = np.zeros(m)
    support = rng.choice(m, size=k, replace=False)
    x_star[support] = np.abs(rng.normal(0.0, X_STAR_SIGMA, size=k))
    return A, x_star, A @ x_star


# --------------------------------------------------------------------------- gradient descent
def _check_problem(A, y, batched=False):
    """``A`` ``(n, m)`` and ``y`` ``(n,)``; with ``batched``, also ``(S, n, m)`` and ``(S, n)``."""
    A = np.asarray(A, dtype=float)
    y = np.asarray(y, dtype=float)
    if A.ndim not in ((2, 3) if batched else (2,)) or y.shape != A.shape[:-1]:
        raise ValueError(f"need A of shape (n, m) and y of shape (n,), got {A.shape} and {y.shape}")
    if not (np.isfinite(A).all() and np.isfinite(y).all()):
        raise ValueError("A and y must be finite")
    return A, y


def _check_steps(steps, record_every):
    """``(steps, record_every)`` as ints: ``steps >= 0`` a multiple of ``record_every >= 1``."""
    if not (np.ndim(steps) == 0 and int(steps) == steps and steps >= 0):
        raise ValueError(f"steps must be a nonnegative integer, got {steps}")
    if not (np.ndim(record_every) == 0 and int(record_every) == record_every >= 1):
        raise ValueError(f"record_every must be a positive integer, got {record_every}")
    if steps % record_every:
        raise ValueError(f"record_every={record_every} must divide steps={steps}")
    return int(steps), int(record_every)


def _check_eta(eta, S):
    """Step size(s): a positive finite scalar or one per problem (shape ``(S,)``)."""
    eta = np.asarray(eta, dtype=float)
    if eta.shape not in ((), (S,)) or not (np.isfinite(eta).all() and (eta > 0).all()):
        raise ValueError(
            f"step size eta must be positive and finite (scalar or ({S},)), got eta={eta}"
        )
    return eta if eta.ndim == 0 else eta.reshape(S, 1, 1)


def _losses(A, y, u):
    """The loss (9) ``||A u - y||^2 / 2`` of each of the S runs (``u`` of shape ``(S, m, 1)``)."""
    rho = np.matmul(A, u) - y
    return 0.5 * (rho * rho).sum(axis=(1, 2))


def _rounding_level(A, y, u):
    """``(1e-13 (||y|| + ||A||_F ||u||))^2`` per run: loss changes below this are rounding."""
    norm_A = np.sqrt((A * A).sum(axis=(1, 2)))
    scale = np.sqrt((y * y).sum(axis=(1, 2))) + norm_A * np.sqrt((u * u).sum(axis=(1, 2)))
    return (1e-13 * scale) ** 2


#: Steps between two checks that the loss of (9) has not increased (see :func:`_gd_loop`).
LOSS_CHECK_EVERY = 1000


def _gd_loop(A, y, x, eta, steps, record_every, trace):
    """Run ``steps`` in-place steps ``x <- x * (1 - 2 eta_s (G u - b))``, ``u = x * x``.

    Shapes: ``x`` ``(S, m, 1)`` (S runs), ``A`` ``(S, n, m)`` or ``(1, n, m)`` (shared), ``y``
    ``(S|1, n, 1)``, ``eta`` a scalar or ``(S, 1, 1)``. The constants are folded once,
    ``-2 eta G`` and ``1 + 2 eta b`` with ``G = A^T A``, ``b = A^T y``, so a step costs four numpy
    calls and allocates nothing. Every ``record_every`` steps ``x`` is written to ``trace[j]`` and
    checked to be finite; at the first record after every :data:`LOSS_CHECK_EVERY` steps (and at
    the end) the loss is checked too: ``ValueError`` naming the step size if the loss (9) went up by
    more than ``1e-9`` relative plus its rounding level (:func:`_rounding_level`), from the previous
    check to the step before this one or over that last step (which catches a period-two
    oscillation). Checking the loss only every thousand steps keeps its cost negligible.
    """
    At = np.swapaxes(A, -1, -2)
    Gc = -2.0 * eta * np.matmul(At, A)
    bc = 1.0 + 2.0 * eta * np.matmul(At, y)
    u = np.empty_like(x)
    r = np.empty_like(x)
    mul, add = np.multiply, np.add
    if x.shape[0] == 1 and Gc.shape[0] == 1:  # one run: np.dot on 2-d views beats matmul
        xs, us, rs, Gs, bs, matvec = x[0], u[0], r[0], Gc[0], bc[0], np.dot
    else:
        xs, us, rs, Gs, bs, matvec = x, u, r, Gc, bc, np.matmul
    prev, k_prev = _losses(A, y, x * x), 0
    n_records = steps // record_every
    for j in range(1, n_records + 1):
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is reported below
            for _ in range(record_every):
                mul(xs, xs, out=us)
                matvec(Gs, us, out=rs)
                add(rs, bs, out=rs)
                mul(xs, rs, out=xs)
        k = j * record_every
        if not np.isfinite(x).all():
            bad = int(np.flatnonzero(~np.isfinite(x).all(axis=(1, 2)))[0])
            raise ValueError(
                f"gradient descent diverged (non-finite iterate by step {k}); "
                f"the step size eta={_eta_of(eta, bad)!r} is too large"
            )
        trace[j] = x
        if k - k_prev < LOSS_CHECK_EVERY and j < n_records:
            continue
        before, now = _losses(A, y, u), _losses(A, y, x * x)  # u holds x^(k-1) squared
        for lo, hi, k0, k1 in ((prev, before, k_prev, k - 1), (before, now, k - 1, k)):
            up = hi > lo * (1.0 + 1e-9)
            if up.any():  # rare: only then compute the rounding level
                up &= hi > lo * (1.0 + 1e-9) + _rounding_level(A, y, x * x)
            if up.any():
                s = int(np.flatnonzero(up)[0])
                raise ValueError(
                    f"the loss (9) increased from {lo[s]:.6e} (step {k0}) to {hi[s]:.6e} "
                    f"(step {k1}): the step size eta={_eta_of(eta, s)!r} is too large"
                )
        prev, k_prev = now, k
    return x


def _eta_of(eta, s):
    return float(eta) if np.ndim(eta) == 0 else float(eta.ravel()[s])


def factorized_gd(A, y, x0, eta, steps, record_every=10):
    """Gradient descent on (9): ``x <- x - 2 eta x * A^T (A (x * x) - y)``, ``steps`` times.

    One problem: ``A`` ``(n, m)``, ``y`` ``(n,)``, and ``x0`` of shape ``(m,)`` (one run) or
    ``(m, B)`` (B initializations as columns, run together). S problems at once: ``A``
    ``(S, n, m)``, ``y`` ``(S, n)``, ``x0`` ``(S, m)``. ``eta`` is a scalar or one step size per
    run (shape ``(B,)`` or ``(S,)``). Returns ``(x, trace)`` with ``x`` of the shape of ``x0`` and
    ``trace[j] = x^(j * record_every)`` for ``j = 0, ..., steps // record_every`` (so
    ``trace[0] = x0``, ``trace[-1] = x``). ``x0`` is not modified. Raises ``ValueError`` on
    invalid arguments and, naming ``eta``, when the iterates stop being finite or the loss
    increases between checks (see :func:`_gd_loop`).
    """
    A, y = _check_problem(A, y, batched=True)
    x0 = np.asarray(x0, dtype=float)
    m = A.shape[-1]
    columns = A.ndim == 2 and x0.ndim == 2  # one problem, initializations as columns
    runs = x0.T if columns else x0  # one run per row
    if A.ndim == 2:
        shape_ok = x0.ndim in (1, 2) and x0.shape[0] == m
    else:
        shape_ok = x0.shape == (A.shape[0], m)
    if not shape_ok:
        raise ValueError(
            f"x0 must have shape (m,) or (m, B) for A of shape (n, m), or (S, m) for A of "
            f"shape (S, n, m); got x0 {x0.shape} with A {A.shape}"
        )
    if not np.isfinite(x0).all():
        raise ValueError("x0 must be finite")
    S = runs.shape[0] if runs.ndim == 2 else 1
    eta = _check_eta(eta, S)
    steps, record_every = _check_steps(steps, record_every)
    A3 = A if A.ndim == 3 else A[None]
    x = runs.reshape(S, m, 1).copy()
    trace = np.empty((steps // record_every + 1, S, m, 1))
    trace[0] = x
    _gd_loop(A3, y.reshape(*A3.shape[:-1], 1), x, eta, steps, record_every, trace)
    x, trace = x.reshape(runs.shape), trace.reshape(len(trace), *runs.shape)
    return (x.T, np.swapaxes(trace, 1, 2)) if columns else (x, trace)


def _residual(A, y, u):
    """``rho = A u - y``, batched: ``A`` ``(..., n, m)``, ``y`` ``(..., n)``, ``u`` ``(..., m)``."""
    return np.einsum("...nm,...m->...n", A, u) - y


def relative_residual(A, y, u):
    """``||A u - y|| / ||y||`` for ``u`` of shape ``(..., m)`` (one value per vector); with S
    problems, ``A`` ``(S, n, m)``, ``y`` ``(S, n)`` and ``u`` ``(..., S, m)``. Raises
    ``ValueError`` if ``y = 0`` (the ratio is undefined)."""
    A, y = _check_problem(A, y, batched=True)
    norm_y = np.linalg.norm(y, axis=-1)
    if not (norm_y > 0).all():
        raise ValueError("the relative residual needs y != 0")
    return np.linalg.norm(_residual(A, y, np.asarray(u, dtype=float)), axis=-1) / norm_y


def curvature(A, y, x):
    """The curvature bound (20): an upper bound on the largest Hessian eigenvalue of (9) at ``x``,

    ``L(x) = 2 ||A^T (A u - y)||_inf + 4 ||A diag(x)||_2^2``, ``u = x * x``,
    from ``Hess f(x) = 2 diag(A^T (A u - y)) + 4 diag(x) A^T A diag(x)``. Gradient descent is
    locally stable for ``eta < 2 / L(x)``. Batched: ``A`` ``(..., n, m)``, ``y`` ``(..., n)``,
    ``x`` ``(..., m)`` broadcast against each other; returns one value per ``x``.
    """
    A, x = np.asarray(A, dtype=float), np.asarray(x, dtype=float)
    rho = _residual(A, y, x * x)
    grad_inf = np.abs(np.einsum("...nm,...n->...m", A, rho)).max(axis=-1)
    spectral = np.linalg.norm(A * x[..., None, :], 2, axis=(-2, -1))
    return 2.0 * grad_inf + 4.0 * spectral**2


def run_diagnostics(As, ys, trace, etas):
    """Monitor a batched run from its snapshots ``trace`` (shape ``(T, S, m)``, iterates ``x``).

    Returns ``(eta_L, u_inf, loss)``, each of shape ``(T, S)``: ``eta_s * L(x)`` with the
    curvature bound (20) (:func:`curvature`), ``||u||_inf`` and the loss (9) ``||A u - y||^2 / 2``,
    where ``u = x * x``. ``As`` is ``(S, n, m)``, ``ys`` ``(S, n)``, ``etas`` ``(S,)`` or ``(T, S)``.
    """
    As, trace = np.asarray(As, dtype=float), np.asarray(trace, dtype=float)
    U = trace**2
    rho = _residual(As, ys, U)
    eta_L = np.asarray(etas) * curvature(As, ys, trace)
    return eta_L, U.max(axis=-1), 0.5 * (rho**2).sum(axis=-1)


def global_step_size(A, y, u0, u_max):
    """A step size ``1/L`` valid along a whole run from ``u0 = x0 * x0``:
    ``L = 2 ||A u0 - y|| + 4 ||A||_2^2 u_max``.

    This bounds :func:`curvature` as long as the loss does not increase (then
    ``||A^T rho||_inf <= ||rho|| <= ||A u0 - y||``, columns having unit norm) and
    ``||x * x||_inf <= u_max``. ``1/L`` is half the stability limit ``2/L``. Batched like
    :func:`curvature`.
    """
    A = np.asarray(A, dtype=float)
    r0 = np.linalg.norm(_residual(A, y, np.asarray(u0, dtype=float)), axis=-1)
    return 1.0 / (2.0 * r0 + 4.0 * np.linalg.norm(A, 2, axis=(-2, -1)) ** 2 * u_max)


def gd_sweep(A, y, X0, u_max, steps1, steps2, chunk, monitor_every=500, tol=None):
    """Factorized GD (:func:`factorized_gd`) on S runs: a global-step phase, then local steps.

    ``A``, ``y``: one problem ``(n, m)``, ``(n,)`` shared by the S runs, or S problems
    ``(S, n, m)``, ``(S, n)``; ``X0`` ``(S, m)``. Phase 1 (``steps1`` steps, the escape from
    ``X0``) uses ``eta_1 = global_step_size(A_s, y_s, X0_s^2, u_max[s])``, valid while the loss
    does not increase and ``||u||_inf <= u_max[s]`` (``u_max`` may be ``None`` if
    ``steps1 = 0``). Phase 2 (up to ``steps2`` steps, the slow final fit) runs in chunks of
    ``chunk`` steps, each with ``eta_2 = 1 / L(x)`` (:func:`curvature`) at the chunk start; with
    ``tol``, it stops after the first chunk at which every relative residual is ``<= tol``.
    Every ``monitor_every`` steps :func:`run_diagnostics` records ``eta L(x)``, ``||u||_inf`` and
    the loss. Returns ``(X, info)``; ``info`` holds ``etas1``, ``etas2`` (of the last chunk;
    ``etas1`` if there is none), ``steps`` and ``U`` at the phase-1 end and every chunk end
    (``U`` shape ``(C, S, m)``), ``residual`` ``(C, S)``, and, each ``(S,)``: ``max_eta_L`` and
    ``u_inf`` (maxima over the run), ``u_inf_phase1`` (max over phase 1, to compare with
    ``u_max``), ``flow_time`` (``sum_k eta_k``), ``loss_monotone`` (loss nonincreasing from each
    recorded snapshot to the next, up to ``1e-13`` of the initial loss) and ``eta_L_end``
    (``eta L`` at the end).
    """
    A, y = _check_problem(A, y, batched=True)
    X0 = np.asarray(X0, dtype=float)
    if X0.ndim != 2:
        raise ValueError(f"X0 must have shape (S, m), got {X0.shape}")
    S = X0.shape[0]
    steps1, monitor_every = _check_steps(steps1, monitor_every)
    steps2, chunk = _check_steps(steps2, chunk)
    if chunk % monitor_every:
        raise ValueError(f"monitor_every={monitor_every} must divide chunk={chunk}")
    As = np.broadcast_to(A, (S, *A.shape[-2:]))
    ys = np.broadcast_to(y, (S, A.shape[-2]))
    if steps1:
        if u_max is None:
            raise ValueError("phase 1 (steps1 > 0) needs u_max")
        etas1 = global_step_size(As, ys, X0**2, np.broadcast_to(u_max, (S,)))
    else:
        etas1 = 1.0 / curvature(As, ys, X0)
    X, losses, steps, U = X0, [], [], []
    info = {"etas1": etas1, "max_eta_L": np.zeros(S), "u_inf": np.zeros(S), "flow_time": 0.0}
    for c in range(steps2 // chunk + 1):
        eta, n_steps = (etas1, steps1) if c == 0 else (1.0 / curvature(As, ys, X), chunk)
        X, tr = factorized_gd(As, ys, X, eta, n_steps, monitor_every)
        info["flow_time"] = info["flow_time"] + eta * n_steps
        eta_L, u_inf, loss = run_diagnostics(As, ys, tr, eta)
        if c == 0:
            info["u_inf_phase1"] = u_inf.max(axis=0)
        info["max_eta_L"] = np.maximum(info["max_eta_L"], eta_L.max(axis=0))
        info["u_inf"] = np.maximum(info["u_inf"], u_inf.max(axis=0))
        losses.append(loss if c == 0 else loss[1:])  # loss[0] is the previous chunk's end
        steps.append(steps1 + c * chunk)
        U.append(X**2)
        if tol is not None and (relative_residual(As, ys, X**2) <= tol).all():
            break
    loss = np.concatenate(losses)
    info.update(
        etas2=eta,
        steps=np.array(steps),
        U=np.array(U),
        residual=relative_residual(As, ys, np.array(U)),
        loss_monotone=(np.diff(loss, axis=0) <= 1e-13 * loss[0]).all(axis=0),
        eta_L_end=eta_L[-1],
    )
    return X, info


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


def lasso_path(A, y, positive=True, rel_residual=1e-2, num=200):
    """The Lasso path of (11) in the assignment's units (``lambda = n * alpha_sklearn``).

    Returns ``(lambdas, coefs)``: ``num`` log-spaced values from ``lambda_max = ||A^T y||_inf``
    (where the solution is 0) down to the first value at which the fit interpolates, i.e.
    ``||A x(lambda) - y|| / ||y|| < rel_residual``, merged with the exact knots of the path in
    that range; ``coefs`` has shape ``(m, len(lambdas))`` and is exact (LARS).
    """
    if not 0 < rel_residual < 1:
        raise ValueError(f"rel_residual must be in (0, 1), got {rel_residual}")
    A, y = _check_problem(A, y)
    lam_k, coef_k = lasso_knots(A, y, positive=positive)
    lam_max = lam_k[0]
    grid = np.geomspace(lam_max, lam_max * 1e-8, 20 * num)
    res = relative_residual(A, y, lasso_at(lam_k, coef_k, grid).T)
    if not (res < rel_residual).any():
        raise ValueError(f"the Lasso path never reaches relative residual {rel_residual}")
    lam_min = grid[np.argmax(res < rel_residual)]
    knots = lam_k[(lam_k > lam_min) & (lam_k < lam_max)]
    lambdas = np.unique(np.concatenate([np.geomspace(lam_max, lam_min, num), knots]))[::-1]
    return lambdas, lasso_at(lam_k, coef_k, lambdas)


def min_l1_solution(A, y, nonnegative=False):
    """The minimum-l1 interpolator (10), ``argmin ||x||_1 s.t. A x = y``, as an LP (HiGHS).

    Signed: ``x = p - q`` with ``min 1^T (p + q)`` s.t. ``A (p - q) = y``, ``p, q >= 0``.
    With ``nonnegative=True``: ``min 1^T x`` s.t. ``A x = y``, ``x >= 0``.
    """
    A, y = _check_problem(A, y)
    m = A.shape[1]
    A_eq = A if nonnegative else np.hstack([A, -A])
    res = linprog(np.ones(A_eq.shape[1]), A_eq=A_eq, b_eq=y, bounds=(0, None), method="highs")
    if res.status != 0:
        raise ValueError(f"linprog failed: {res.message}")
    return res.x if nonnegative else res.x[:m] - res.x[m:]


def nonnegative_l1_uniqueness_margin(A, y, x, tol=1e-9):
    """Certificate that ``x`` is the *unique* minimizer of ``1^T w`` s.t. ``A w = y, w >= 0``.

    With ``S = supp(x)``: if ``A_S`` has full column rank and some dual vector ``nu`` has
    ``A_S^T nu = 1`` and ``A_j^T nu <= 1 - t`` off ``S`` with ``t > 0``, then ``x`` is optimal and
    every other feasible point costs strictly more. Returns the largest such ``t`` (LP, capped
    at 1), or ``-inf`` if ``A_S`` is rank deficient or no dual vector exists; unique if ``> 0``.
    """
    A, y = _check_problem(A, y)
    on = np.asarray(x) > tol
    if np.linalg.matrix_rank(A[:, on]) < on.sum():
        return -np.inf
    n = A.shape[0]
    c = np.zeros(n + 1)
    c[-1] = -1.0  # maximize t over (nu, t)
    A_ub = np.hstack([A[:, ~on].T, np.ones(((~on).sum(), 1))])
    A_eq = np.hstack([A[:, on].T, np.zeros((on.sum(), 1))])
    res = linprog(
        c, A_ub=A_ub, b_ub=np.ones(len(A_ub)), A_eq=A_eq, b_eq=np.ones(on.sum()),
        bounds=[(None, None)] * n + [(None, 1.0)], method="highs",
    )  # fmt: skip
    return -res.fun if res.status == 0 else -np.inf


def positive_null_margin(A):
    """``(t, v)``: ``max t`` s.t. ``A v = 0``, ``t <= v <= 1`` (an LP, HiGHS) and its maximizer.

    ``t > 0`` iff ``A`` has a strictly positive null vector ``v`` (then ``{w >= 0 : A w = y}`` is
    unbounded and ``w + s v`` stays feasible); ``v`` is the certificate. Raises ``ValueError``
    if the LP solver fails.
    """
    A = np.asarray(A, dtype=float)
    if A.ndim != 2 or not np.isfinite(A).all():
        raise ValueError(f"A must be a finite matrix, got shape {A.shape}")
    n, m = A.shape
    c = np.zeros(m + 1)
    c[-1] = -1.0
    A_ub = np.hstack([-np.eye(m), np.ones((m, 1))])  # t - v_i <= 0
    A_eq = np.hstack([A, np.zeros((n, 1))])
    res = linprog(
        c, A_ub=A_ub, b_ub=np.zeros(m), A_eq=A_eq, b_eq=np.zeros(n),
        bounds=[(None, 1.0)] * m + [(None, None)], method="highs",
    )  # fmt: skip
    if res.status != 0:
        raise ValueError(f"linprog failed: {res.message}")
    return -res.fun, res.x[:m]


def kl_interpolator(A, y, alpha, tol=1e-12, max_iter=500):
    """The limit of gradient flow on (9) from ``x0 = alpha * 1``: the KL interpolator

        argmin_w  sum_i w_i log(w_i / alpha^2) - w_i   s.t.  A w = y,  w >= 0.

    (Along the flow, ``d/dt log x = -2 A^T rho``, so ``log(u(t) / alpha^2)`` stays in the row
    space of ``A``; that and ``A u = y`` are exactly the optimality conditions.) Solved through
    the smooth dual ``min_nu sum_i exp((A^T nu)_i - log(1/alpha^2)) - y^T nu`` by damped Newton;
    the primal is ``w = alpha^2 exp(A^T nu)``. Stops when ``||A w - y|| <= tol ||y||``.
    """
    A, y = _check_problem(A, y)
    if not alpha > 0:
        raise ValueError(f"alpha must be positive, got {alpha}")
    shift = 2.0 * math.log(alpha)
    n = A.shape[0]

    def dual(nu):
        with np.errstate(over="ignore"):  # an overshooting trial step gives +inf: rejected
            return np.exp(A.T @ nu + shift).sum() - y @ nu

    nu = np.zeros(n)
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
    """Time alignment of GD with the positive Lasso (Berthier 2025), (23):
    ``lambda(k) = log(1/eps) / (4 eta k)`` with ``eps = alpha^2``; inverse of :func:`step_of_lambda`."""
    return math.log(1.0 / alpha**2) / (4.0 * eta * np.asarray(k, dtype=float))


def step_of_lambda(lam, eta, alpha):
    """The step ``k`` with ``lambda_of_step(k, eta, alpha) = lam``. Since ``lambda(k) k`` is the
    constant ``log(1/alpha^2) / (4 eta)``, the map is its own inverse."""
    return lambda_of_step(lam, eta, alpha)


def support(w, threshold=1e-4):
    """Indices ``i`` with ``|w_i| > threshold`` (the entries of x* are of order 0.1)."""
    return np.flatnonzero(np.abs(w) > threshold)


def time_average(trace_u):
    """Running mean over the recorded snapshots: ``out[j] = mean(trace_u[0..j])``, the Riemann
    sum of ``(1/t) int_0^t u`` on the recording grid."""
    return np.cumsum(trace_u, axis=0) / np.arange(1, len(trace_u) + 1).reshape(-1, 1)


def log_spaced_indices(n, num=400):
    """About ``num`` distinct indices in ``1..n-1``, log-spaced (for plotting on a log axis)."""
    return np.unique(np.geomspace(1, n - 1, num).astype(int))


def ranking(v, num=None):
    """Indices sorted by decreasing ``v`` (the first ``num``)."""
    return [int(i) for i in np.argsort(-np.asarray(v), kind="stable")[:num]]


def lasso_entry_lambdas(lam_knots, coef_knots):
    """For each coordinate, the ``lambda`` at the knot where it first becomes nonzero on the
    (LARS) Lasso path; ``nan`` if it never does."""
    out = np.full(coef_knots.shape[0], np.nan)
    for i, row in enumerate(coef_knots):
        on = np.flatnonzero(row != 0)
        if len(on):  # nonzero from knot on[0] on: it entered at the knot before
            out[i] = lam_knots[max(on[0] - 1, 0)]
    return out


def gd_entry_lambdas(snapshots, lam_of_snapshot, level=1e-2):
    """For each coordinate, ``lambda(k)`` at the first snapshot where it exceeds ``level``
    (``snapshots`` shape ``(T, m)``, ``lam_of_snapshot`` shape ``(T,)``); ``nan`` if never."""
    above = snapshots > level
    first = above.argmax(axis=0)
    return np.where(above.any(axis=0), lam_of_snapshot[first], np.nan)


def entry_order(entry_lambdas):
    """Coordinates that enter (finite entry ``lambda``), in order of entry (decreasing
    ``lambda``)."""
    idx = np.flatnonzero(~np.isnan(entry_lambdas))
    return [int(i) for i in idx[np.argsort(-entry_lambdas[idx], kind="stable")]]


def alpha_for_distance(A, y, target, distance=1e-3, log10_range=(-5.0, 0.0)):
    """The ``alpha`` at which the KL interpolator (22) is at ``distance`` from ``target``
    (root of ``||kl_interpolator(A, y, alpha) - target|| - distance`` in ``log10 alpha``)."""
    from scipy.optimize import brentq

    def gap(log_a):
        return np.linalg.norm(kl_interpolator(A, y, 10**log_a) - target) - distance

    return 10 ** brentq(gap, *log10_range, xtol=1e-6)


def has_support_top(u, lp, tol=1e-9):
    """Top-s test: the ``s`` largest entries of ``u`` are the ``s`` nonzeros of ``lp``."""
    s = np.flatnonzero(lp > tol)
    return set(np.argsort(u)[len(u) - len(s) :].tolist()) == set(s.tolist())


def has_support_threshold(u, lp, threshold=None, tol=1e-9):
    """Threshold test: ``{i : u_i > threshold}`` equals ``supp(lp) = {i : lp_i > tol}``; the
    default threshold is half the smallest nonzero of ``lp`` (every support entry has reached
    half its value, every other entry is below that)."""
    on = np.flatnonzero(lp > tol)
    if threshold is None:
        threshold = 0.5 * lp[on].min()
    return np.array_equal(np.flatnonzero(u > threshold), on)


def map_problems(f, *arrays, **kwargs):
    """``np.array([f(a_1[s], a_2[s], ..., **kwargs) for s])``: apply ``f`` to each of S problems
    given as arrays with a leading axis ``S`` (e.g. ``As``, ``ys``)."""
    return np.array([f(*row, **kwargs) for row in zip(*arrays, strict=True)])


def power_law_exponent(k, r):
    """Least-squares slope ``p`` of ``log r`` against ``log k`` (``r ~ k^p``)."""
    return float(np.polyfit(np.log(k), np.log(r), 1)[0])


# --------------------------------------------------------------------------- printed summaries
# Each ``format_*`` function returns the text a notebook cell prints (lines joined by newlines,
# no leading or trailing blank line), so that the cells keep only the computations.
def _short_sci(v):
    """``v`` in the short scientific notation of the printed labels: ``1e-05 -> "1e-5"``."""
    return f"{v:.0e}".replace("e-0", "e-").replace("e+0", "e+")


def format_instance(A, x_star):
    """Steps i-ii: the shape of ``A``, the range of its column norms (1 after the scaling), the
    support of ``x_star`` (:func:`support`) and its nonzero values to 3 decimals."""
    n, m = A.shape
    col_norms = np.linalg.norm(A, axis=0)
    supp = support(x_star)
    return "\n".join(
        [
            f"A: {n} x {m}, column norms in [{col_norms.min():.3f}, {col_norms.max():.3f}]",
            f"support of x*: {supp}",
            f"nonzero values of x*: {np.round(x_star[supp], 3)}",
        ]
    )


def format_gd_run(A, y, trace, eta, record_every, monitor_every=100):
    """Checks on one run of :func:`factorized_gd` with step ``eta`` from its snapshots ``trace``
    (shape ``(T, m)``, ``trace[j] = x^(j * record_every)``): the number of snapshots, whether all
    coordinates stayed positive, the relative residual ``||A u - y|| / ||y||`` of the last
    ``u = x * x``, and, on every ``monitor_every``-th step (:func:`run_diagnostics`), the largest
    ``eta L(x)`` with the curvature bound (20), the largest ``||u||_inf`` and whether the loss (9)
    never increased. ``monitor_every`` must be a multiple of ``record_every``."""
    if monitor_every % record_every:
        raise ValueError(f"record_every={record_every} must divide monitor_every={monitor_every}")
    every = trace[:: monitor_every // record_every, None]
    eta_L, u_inf, loss = (v[:, 0] for v in run_diagnostics(A[None], y[None], every, [eta]))
    last = record_every * (len(trace) - 1)
    return "\n".join(
        [
            f"recorded snapshots: {len(trace)} (k = 0, {record_every}, ..., {last:,})",
            f"all coordinates positive throughout: {bool((trace > 0).all())}",
            f"relative residual ||A(x⊙x) - y|| / ||y|| at k = {last:,}: "
            f"{relative_residual(A, y, trace[-1] ** 2):.2e}",
            f"every {monitor_every} steps: max eta*L(x) = {eta_L.max():.4f}, max ||u||_inf = "
            f"{u_inf.max():.3f}, loss nonincreasing: {bool((np.diff(loss) <= 0).all())}",
        ]
    )


def format_positive_lasso_summary(A, y, lambdas, coefs, lam_knots, lasso_in, num=12):
    """The positive Lasso path of (11) (from :func:`lasso_path` and :func:`lasso_knots`): its
    ``lambda`` range, from ``lambda_max = max_i (A^T y)_i`` down, the relative residual at the
    smallest ``lambda``, the number of LARS segments (knots minus one), and the first ``num``
    coordinates in the ranking of ``A^T y`` (:func:`ranking`) and in the order of entry
    (:func:`entry_order` of the entry ``lambda`` values ``lasso_in``)."""
    return "\n".join(
        [
            f"positive Lasso: lambda from {lambdas[0]:.3f} (= max_i (A^T y)_i) down to "
            f"{lambdas[-1]:.2e}",
            f"  (relative residual {relative_residual(A, y, coefs[:, -1]):.1e}); "
            f"{len(lam_knots) - 1} LARS segments",
            f"ranking of (A^T y)_i, largest first: {ranking(A.T @ y, num)}",
            f"order of entry on the Lasso path:     {entry_order(lasso_in)[:num]}",
        ]
    )


def support_summary(w, ref_support, threshold=1e-4):
    """Short description of ``support(w, threshold)`` against ``ref_support``:
    ``"= ref"`` or ``"<size> (+<extra>, -<missing>)"``."""
    s = support(w, threshold)
    extra = np.setdiff1d(s, ref_support)
    missing = np.setdiff1d(ref_support, s)
    if not len(extra) and not len(missing):
        return "= supp(x*)"
    return f"{len(s)} (+{len(extra)}, -{len(missing)})"


def format_comparison_table(A, y, rows, l1, l1_pos, ref_support):
    """The step-vi table: for each ``name -> w`` in ``rows``, ``||w||_1``, ``||A w - y||``, the
    distances to the signed (``l1``) and nonnegative (``l1_pos``) min-l1 solutions and
    :func:`support_summary` against ``ref_support`` (threshold 1e-4)."""
    lines = [
        f"{'w':<27}{'‖w‖₁':>7}{'‖Aw−y‖':>9}{'‖w−x̂ℓ1‖':>9}{'‖w−x̂ℓ1+‖':>10}"
        "  support (+extra, -missing)"
    ]
    for name, w in rows.items():
        lines.append(
            f"{name:<27}{np.abs(w).sum():7.4f}{np.linalg.norm(A @ w - y):9.1e}"
            f"{np.linalg.norm(w - l1):9.4f}{np.linalg.norm(w - l1_pos):10.4f}  "
            f"{support_summary(w, ref_support)}"
        )
    return "\n".join(lines)


def format_support_recovery(x_star, u, steps):
    """How GD's ``u = x * x`` after ``steps`` steps covers ``supp(x*)``: the support coordinates
    it misses at threshold 1e-4 (:func:`support`), a table of ``x*_i`` and ``u_i`` on the support,
    and the largest entry of ``u`` off the support."""
    supp = support(x_star)
    missed = np.setdiff1d(supp, support(u)).tolist()
    return "\n".join(
        [
            f"support threshold |w_i| > 1e-4; GD at k = {steps:,} misses {missed}",
            "",
            f"support of x*, at k = {steps:,}:",
            f"{'i':<11}" + "".join(f"{i:>7}" for i in supp),
            f"{'x*_i':<11}" + "".join(f"{v:7.3f}" for v in x_star[supp]),
            f"{'GD u_i':<11}" + "".join(f"{v:7.3f}" for v in u[supp]),
            f"largest off-support GD entry: {np.delete(u, supp).max():.1e}",
        ]
    )


def format_continuation(info, k0, t0, monitor_every, tol):
    """A single run of :func:`gd_sweep` (``info``, phase 2 only) that continues a run of ``k0``
    steps and gradient-flow time ``t0`` until the relative residual is ``<= tol``: the step
    ``eta_2 = 1/L(x)`` (20) at its first and last chunk, the monitoring of every
    ``monitor_every``-th step (largest ``eta_2 L(x)`` and ``||u||_inf``, loss nonincreasing), and
    the number of extra steps with the total flow time ``t0 + sum_k eta_k``."""
    return "\n".join(
        [
            f"eta2 = 1/L(x): {info['etas1'][0]:.3f} at k = {k0:,}, {info['etas2'][0]:.3f} in the "
            "last chunk",
            f"every {monitor_every} steps: max eta2*L(x) = {info['max_eta_L'][0]:.2f}, max "
            f"||u||_inf = {info['u_inf'][0]:.3f}, loss nonincreasing: "
            f"{bool(info['loss_monotone'][0])}",
            f"steps to relative residual <= {_short_sci(tol)}: {info['steps'][-1]:,} more "
            f"(flow time {t0 + info['flow_time'][0]:,.0f}; step iv: {t0:,.0f})",
        ]
    )


def format_residual_decay(steps, residual, fit_range, tail, rows=slice(2, None, 4)):
    """How the relative residual ``residual`` (at the uniformly spaced checkpoints ``steps``)
    decays: a table of the residual and of residual times ``k`` at the checkpoints ``rows``
    (constant if the residual decays like ``1/k``), the exponent ``p`` of a least-squares fit
    ``residual ~ k^p`` (:func:`power_law_exponent`) for ``k`` in ``fit_range``, and the mean
    ratio of consecutive residuals (geometric mean) over the last ``tail`` steps, which is
    constant below 1 if the decay is geometric."""
    lo, hi = fit_range
    sub = (steps >= lo) & (steps <= hi)
    lin = steps >= steps[-1] - tail
    lines = [f"{'extra steps k':>14}{'rel. residual':>15}{'residual x k':>14}"]
    for k, r in zip(steps[rows], residual[rows], strict=True):
        lines.append(f"{k:>14,}{r:>15.2e}{r * k:>14.1f}")
    lines += [
        f"fitted residual ~ k^p for k in [{lo // 1000}k, {hi // 1000}k]: "
        f"p = {power_law_exponent(steps[sub], residual[sub]):.2f}",
        f"residual ratio per {steps[1] - steps[0]:,} steps over the last {tail:,}: "
        f"{np.exp(np.mean(np.diff(np.log(residual[lin])))):.3f} (geometric)",
    ]
    return "\n".join(lines)


def format_distances(u, refs, ref_support):
    """``||u - w||`` for each ``name -> w`` in ``refs``, the largest entry of ``u`` off
    ``ref_support`` and whether ``supp(u) = ref_support`` at threshold 1e-3 (:func:`support`)."""
    lines = [f"  ‖x⊙x − {name:<13}‖ = {np.linalg.norm(u - w):.2e}" for name, w in refs.items()]
    lines.append(
        f"  largest off-support entry {np.delete(u, ref_support).max():.1e}; support = "
        f"supp(x*) at threshold 1e-3: {np.array_equal(support(u, 1e-3), ref_support)}"
    )
    return "\n".join(lines)


def format_sweep_monitoring(info, u_max):
    """The checks behind the phase-1 step ``1/L`` of :func:`gd_sweep` (``info``) on all runs:
    the largest ``eta L(x)`` (stable below 2), the largest phase-1 ``||u||_inf / u_max`` (the
    step is valid while it is at most 1) and whether the loss (9) never increased."""
    return "\n".join(
        [
            f"monitoring: max eta*L(x) = {info['max_eta_L'].max():.2f} (< 2); max over phase 1 "
            f"of ||u||_inf / u_max = {(info['u_inf_phase1'] / u_max).max():.2f} (<= 1)",
            "loss nonincreasing at every recorded step, all runs: "
            f"{bool(info['loss_monotone'].all())}",
        ]
    )


def format_init_scale_table(alphas, info, kl, l1_pos, l2):
    """One row per initialization scale ``alpha`` of a :func:`gd_sweep` (``info``): the steps
    ``eta_1``, ``eta_2``, GD's final relative residual, the distances of GD's final ``u`` to
    the KL limit (22) ``kl`` and to ``l1_pos``, of the KL limit to ``l1_pos`` and ``l2``, and
    ``||KL limit||_inf / alpha^2``."""
    lines = [
        f"{'α':>7}{'η₁':>7}{'η₂':>7}{'resid.':>9}{'‖GD−KL‖':>9}{'‖GD−x̂ℓ1+‖':>11}"
        f"{'‖KL−x̂ℓ1+‖':>11}{'‖KL−x̂ℓ2‖':>10}{'‖KL‖∞/α²':>10}"
    ]
    rows = zip(
        alphas, info["etas1"], info["etas2"], info["residual"][-1], info["U"][-1], kl, strict=True
    )
    for a, e1, e2, r, u, w in rows:
        lines.append(
            f"{a:7.0e}{e1:7.3f}{e2:7.3f}{r:9.1e}{np.linalg.norm(u - w):9.1e}"
            f"{np.linalg.norm(u - l1_pos):11.1e}{np.linalg.norm(w - l1_pos):11.1e}"
            f"{np.linalg.norm(w - l2):10.3f}{w.max() / a**2:10.1e}"
        )
    return "\n".join(lines)


def format_slow_runs(alphas, info, kl, runs, fit_from, checkpoint=2, target=1e-6):
    """How fast the runs ``runs`` (indices) of a :func:`gd_sweep` (``info``) approach their limit
    ``kl``: the relative residual at checkpoint ``checkpoint`` and at the end, residual times
    ``k``, the exponent ``p`` of ``residual ~ k^p`` fitted from step ``fit_from`` on
    (:func:`power_law_exponent`), the same for ``||u - kl||``, and the step at which the residual
    would reach ``target`` at that rate, ``k_end (residual_end / target)^(-1/p)``."""
    k, res = info["steps"], info["residual"]
    d_kl = np.linalg.norm(info["U"] - kl, axis=-1)  # (checkpoints, runs)
    late = k >= fit_from
    mid, end = f"{k[checkpoint] // 1000}k", f"{k[-1] // 1000}k"
    lines = [
        f"{'α':>7}{'resid ' + mid:>11}{'resid ' + end:>11}{'resid×k':>9}{'p':>6}"
        f"{'‖GD−KL‖ ' + mid:>13}{end:>9}{'p':>6}{'k to ' + _short_sci(target):>10}"
    ]
    for j in runs:
        p_r = power_law_exponent(k[late], res[late, j])
        p_d = power_law_exponent(k[late], d_kl[late, j])
        k_needed = k[-1] * (res[-1, j] / target) ** (-1 / p_r)
        lines.append(
            f"{alphas[j]:7.0e}{res[checkpoint, j]:11.1e}{res[-1, j]:11.1e}"
            f"{res[-1, j] * k[-1]:9.1f}{p_r:6.2f}{d_kl[checkpoint, j]:13.1e}{d_kl[-1, j]:9.1e}"
            f"{p_d:6.2f}{k_needed:10.1e}"
        )
    return "\n".join(lines)


def format_entry_table(x_star, lasso_in, avg_in, raw_in, lasso_end, gd_end):
    """The entry table of the time alignment: every coordinate that enters the Lasso path or the
    GD iterate, in the Lasso's order of entry (then the others), with the entry ``lambda`` of the
    Lasso (``lasso_in``), of GD's time average (``avg_in``) and iterate (``raw_in``), ``x*_i``
    and the final values of both paths; then the three orders of entry (:func:`entry_order`)."""
    active = [i for i in range(len(x_star)) if not (np.isnan(lasso_in[i]) and np.isnan(raw_in[i]))]
    active.sort(key=lambda i: -np.nan_to_num(lasso_in[i], nan=-1.0))

    def fmt(v, width):
        return f"{'never':>{width}}" if np.isnan(v) else f"{v:{width}.4f}"

    lines = [
        f"{'i':>3}{'x*_i':>7}{'Lasso in':>10}{'ū>1e-2 at':>11}{'u>1e-2 at':>11}"
        f"{'Lasso end':>11}{'GD limit':>10}"
    ]
    for i in active:
        lines.append(
            f"{i:>3}{x_star[i]:7.3f}{fmt(lasso_in[i], 10)}{fmt(avg_in[i], 11)}"
            f"{fmt(raw_in[i], 11)}{lasso_end[i]:11.4f}{gd_end[i]:10.4f}"
        )
    lines.append("order of entry (Lasso, GD time average, GD iterate):")
    lines += [f"   {entry_order(entry)}" for entry in (lasso_in, avg_in, raw_in)]
    return "\n".join(lines)


def entry_lambda_ratios(lasso_in, avg_in, avg_u, u, alpha, level=1e-2):
    """Compare the entry ``lambda`` of GD's time average with the Lasso's.

    For the coordinates ``both`` that enter both paths (finite ``lasso_in`` and ``avg_in``),
    ``ratio = avg_in / lasso_in`` and the ratio corrected with (21): at the first snapshot ``j``
    where ``avg_u[j, i] > level`` (the snapshot that defines ``avg_in``), (21) gives the entry
    ``lambda = log(u_i / alpha^2) / (4 eta k) = lambda(k) log(u_i / alpha^2) / log(1/alpha^2)``
    with the iterate ``u_i = u[j, i]``; since ``u_i < 1`` there, ``lambda(k)`` overstates it by
    ``log(1/alpha^2) / log(u_i / alpha^2)``. Returns ``(both, ratio, ratio * factor)`` with
    ``factor = log(u_i / alpha^2) / log(1/alpha^2)``."""
    both = np.flatnonzero(~np.isnan(lasso_in) & ~np.isnan(avg_in))
    ratio = avg_in[both] / lasso_in[both]
    j_in = np.array([np.flatnonzero(avg_u[:, i] > level)[0] for i in both], dtype=int)
    factor = np.log(u[j_in, both] / alpha**2) / np.log(1 / alpha**2)
    return both, ratio, ratio * factor


def format_entry_ratios(both, ratio, corrected):
    """Median and range of the entry-``lambda`` ratios of :func:`entry_lambda_ratios` over the
    coordinates ``both``, the coordinate with the largest ratio, and the same statistics of the
    corrected ratios."""
    return "\n".join(
        [
            f"entry λ, GD average / Lasso ({len(both)} coordinates): median "
            f"{np.median(ratio):.2f}, range [{ratio.min():.2f}, {ratio.max():.2f}]",
            f"  largest: coordinate {both[np.argmax(ratio)]}; with the log(u_i) correction: "
            f"median {np.median(corrected):.2f}, range [{corrected.min():.2f}, "
            f"{corrected.max():.2f}]",
        ]
    )


def format_robustness_checks(info, u_max, margins, lp, lp_signed, x_stars, residuals):
    """Checks over S instances: the monitoring of the :func:`gd_sweep` ``info`` (largest
    ``eta L(x)``, largest phase-1 ``||u||_inf / u_max``, loss nonincreasing), the number of
    instances with a unique nonnegative LP optimum (uniqueness ``margins > 0``, from
    :func:`nonnegative_l1_uniqueness_margin`), on which the nonnegative (``lp``) and signed
    (``lp_signed``) LPs recover ``x_stars`` (to ``1e-8``), and GD's relative ``residuals``."""
    S = len(lp)

    def recovered(sol):
        return sum(np.allclose(a, b, atol=1e-8) for a, b in zip(sol, x_stars, strict=True))

    return "\n".join(
        [
            f"monitoring: max eta*L(x) = {info['max_eta_L'].max():.2f}; max phase-1 "
            f"||u||_inf/u_max = {(info['u_inf_phase1'] / u_max).max():.2f}",
            f"loss nonincreasing on {int(info['loss_monotone'].sum())}/{S} instances",
            f"nonnegative LP optimum unique on {int((margins > 0).sum())}/{S} instances",
            f"nonnegative LP recovers x*: {recovered(lp)}/{S}; signed LP (10) recovers x*: "
            f"{recovered(lp_signed)}/{S}",
            f"GD relative residual: median {np.median(residuals):.1e}, max "
            f"{residuals.max():.1e}; <= 1e-6 on {int((residuals <= 1e-6).sum())}/{S}",
        ]
    )


def format_support_tests(candidates, lp):
    """The robustness table: for each ``name -> U`` (shape ``(S, m)``) the number of instances
    passing :func:`has_support_top` and :func:`has_support_threshold` against the nonnegative LP
    solutions ``lp`` (``(S, m)``) and the quantiles of ``||u - lp||``; then, after a blank line,
    the median and max excess l1 norm ``||u||_1 / ||lp||_1 - 1``."""
    S = len(lp)
    lines = [f"{'':<19}{'top-s':>6}{'thresh.':>8}  ‖x⊙x − x̂ℓ1+‖: min/25%/median/75%/max"]
    for name, U in candidates.items():
        top = map_problems(has_support_top, U, lp).sum()
        thr = map_problems(has_support_threshold, U, lp).sum()
        dist = quantiles_str(np.linalg.norm(U - lp, axis=1))
        lines.append(f"{name:<19}{top:>4}/{S}{thr:>5}/{S}  {dist}")
    lines += ["", f"{'excess ℓ1 norm ‖u‖₁/‖x̂ℓ1+‖₁ − 1':<34}{'median':>9}{'max':>9}"]
    for name, U in candidates.items():
        excess = U.sum(axis=1) / lp.sum(axis=1) - 1
        lines.append(f"{name:<34}{np.median(excess):9.1e}{excess.max():9.1e}")
    return "\n".join(lines)


def quantiles_str(v, qs=(0, 0.25, 0.5, 0.75, 1)):
    """``"a / b / c / d / e"``: the quantiles ``qs`` of ``v`` in ``%.1e``."""
    return " / ".join(f"{q:.1e}" for q in np.quantile(v, qs))


def format_gd_against_kl(U_gd, U_kl, lp, residuals, alpha_label):
    """GD (``U_gd``, shape ``(S, m)``) against the KL limit (22) ``U_kl`` at ``alpha``
    (``alpha_label``, as printed): median and max of ``||U_gd - U_kl||``, then one line for each
    instance ``s`` on which the top-s test (:func:`has_support_top` against ``lp``) differs, with
    the smallest nonzero of ``lp[s]`` and GD's relative residual ``residuals[s]``."""
    d = np.linalg.norm(U_gd - U_kl, axis=1)
    lines = [f"‖GD − KL limit (α = {alpha_label})‖: median {np.median(d):.1e}, max {d.max():.1e}"]
    top_gd = map_problems(has_support_top, U_gd, lp)
    top_kl = map_problems(has_support_top, U_kl, lp)
    for s in np.flatnonzero(top_gd != top_kl):
        lines.append(
            f"top-s differs on seed {s}: GD {top_gd[s]}, KL {top_kl[s]}; min x̂ℓ1+ entry "
            f"{lp[s][lp[s] > 1e-9].min():.1e}; GD resid. {residuals[s]:.1e}"
        )
    return "\n".join(lines)


# --------------------------------------------------------------------------- plotting
#: Ten strong, distinct colors for the support of x*: tab10 with its gray replaced by navy
#: (the gray was too close to the muted off-support lines).
SUPPORT_COLORS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#000075", "#bcbd22", "#17becf",
)  # fmt: skip


def coordinate_styles(x_star, labelled=()):
    """One line style per coordinate, every color different: the support of ``x_star`` gets
    :data:`SUPPORT_COLORS` (in index order) and thick lines; each off-support coordinate a
    muted color of its own (30 hues evenly spaced at low saturation) and thin lines. The
    off-support coordinates in ``labelled`` get a legend label and a slightly thicker line."""
    from matplotlib.colors import hsv_to_rgb

    off = np.flatnonzero(x_star == 0)
    hues = (np.arange(len(off)) * 7 % len(off)) / max(len(off), 1)  # neighbours far apart
    styles, j = [], 0
    for i, v in enumerate(x_star):
        if v != 0:
            c = SUPPORT_COLORS[j % len(SUPPORT_COLORS)]
            styles.append({"color": c, "lw": 1.6, "zorder": 3, "label": f"$i={i}$"})
            j += 1
        else:
            h = hues[np.searchsorted(off, i)]
            lab = i in labelled
            styles.append(
                {
                    "color": tuple(hsv_to_rgb((h, 0.55 if lab else 0.35, 0.7 if lab else 0.8))),
                    "lw": 1.0 if lab else 0.5,
                    "zorder": 2 if lab else 1,
                    "label": f"$i={i}$ (off)" if lab else None,
                }
            )
    return styles


def _stagger(values, min_gap):
    """Column index for each marker so that markers closer than ``min_gap`` in value sit side
    by side (greedy, in increasing value)."""
    cols = np.zeros(len(values), dtype=int)
    placed = []  # (value, column)
    for j in np.argsort(values):
        c = 0
        while any(abs(values[j] - v) < min_gap and col == c for v, col in placed):
            c += 1
        cols[j] = c
        placed.append((values[j], c))
    return cols


def _mark_truth(ax, x_star, styles, x, dx, log_x=False):
    """Mark ``x*_i`` (support only) by a triangle at abscissa ``x`` in coordinate i's color;
    triangles with nearly equal values are staggered by ``dx`` (a factor if ``log_x``)."""
    supp = np.flatnonzero(x_star)
    cols = _stagger(x_star[supp], 0.04 * x_star.max())
    for i, c in zip(supp, cols, strict=True):
        xi = x * dx**c if log_x else x + c * dx
        ax.plot(
            [xi],
            [x_star[i]],
            marker="<",
            ms=6,
            color=styles[i]["color"],
            mec="k",
            mew=0.6,
            clip_on=False,
            zorder=4,
            ls="none",
        )


def _legend_for_coordinates(fig, x_star, styles, extra=()):
    """One legend below the panels: the support coordinates, the labelled off-support ones,
    'other off support', then ``extra``."""
    import matplotlib.lines as mlines

    handles = [
        mlines.Line2D([], [], color=st["color"], lw=max(st["lw"], 1.2), label=st["label"])
        for st in styles
        if st["label"]
    ]
    handles.append(mlines.Line2D([], [], color="0.7", lw=0.6, label="other off-support"))
    handles.extend(extra)
    fig.legend(
        handles=handles, loc="lower center", ncol=6, frameon=False, bbox_to_anchor=(0.5, -0.02)
    )


def plot_paths(lambdas, coefs, steps, trace_u, x_star, labelled=()):
    """Left: Lasso path ``x(lambda)_i`` against ``-log10 lambda``. Right: GD's ``u_i = x_i^2``
    against the iteration (log axis). Same color per coordinate (:func:`coordinate_styles`,
    ``labelled`` off-support coordinates named in the legend); ``x*`` marked on both."""
    import matplotlib.lines as mlines
    import matplotlib.pyplot as plt

    styles = coordinate_styles(x_star, labelled)
    fig, (ax_l, ax_g) = plt.subplots(1, 2, figsize=(7.0, 4.0), sharey=True)
    t = -np.log10(lambdas)
    idx = log_spaced_indices(len(steps))
    for i, st in enumerate(styles):
        kw = {k: v for k, v in st.items() if k != "label"}
        ax_l.plot(t, coefs[i], **kw)
        ax_g.plot(steps[idx], trace_u[idx, i], **kw)
    span = t[-1] - t[0]
    _mark_truth(ax_l, x_star, styles, t[-1] + 0.04 * span, 0.05 * span)
    _mark_truth(ax_g, x_star, styles, steps[-1] * 1.6, 1.7, log_x=True)
    ax_l.set(
        xlabel=r"$-\log_{10}\lambda$",
        ylabel=r"coefficient $\hat{x}(\lambda)_i$",
        title="positive Lasso path (11)",
    )
    ax_g.set(
        xscale="log",
        xlabel=r"iteration $k$",
        ylabel=r"$x^{(k)}_i \odot x^{(k)}_i$",
        title=r"gradient descent on (9)",
    )
    ax_g.yaxis.set_tick_params(labelleft=True)
    truth = mlines.Line2D([], [], color="w", marker="<", mec="k", mfc="0.5", ms=6, label=r"$x^*_i$")
    _legend_for_coordinates(fig, x_star, styles, extra=[truth])
    fig.tight_layout(rect=(0, 0.2, 1, 1))
    return fig


def plot_time_alignment(lambdas, coefs, lam_of_k, trace_u, avg_u, x_star, labelled=()):
    """Positive Lasso path (solid) and GD (dashed) on the common axis ``-log10 lambda``, GD's
    snapshot ``k`` placed at ``lambda(k)``. Left: the iterate ``x (.) x``; right: its running
    time average. Shown over the range both paths cover."""
    import matplotlib.lines as mlines
    import matplotlib.pyplot as plt

    styles = coordinate_styles(x_star, labelled)
    fig, axes = plt.subplots(1, 2, figsize=(7.0, 4.0), sharey=True, sharex=True)
    t_l, t_g = -np.log10(lambdas), -np.log10(lam_of_k)
    idx = log_spaced_indices(len(t_g) + 1, 600) - 1  # uniform in log(lambda), as lambda ~ 1/k
    keep = idx[t_g[idx] >= t_l[0] - 0.3]
    titles = (r"iterate $x^{(k)} \odot x^{(k)}$", r"time average $\bar{u}(k)$")
    for ax, gd, title in zip(axes, (trace_u, avg_u), titles, strict=True):
        for i, st in enumerate(styles):
            kw = {"color": st["color"], "zorder": st["zorder"]}
            ax.plot(t_l, coefs[i], lw=0.6 * st["lw"], **kw)
            ax.plot(t_g[keep], gd[keep, i], lw=st["lw"], ls="--", **kw)
        ax.set(xlabel=r"$-\log_{10}\lambda$  (GD: $\lambda(k)$)", title=f"Lasso vs GD {title}")
    axes[0].set_ylabel("coordinate value")
    axes[0].set_xlim(t_l[0] - 0.3, t_g[-1] + 0.05)  # the common range of both paths
    axes[1].yaxis.set_tick_params(labelleft=True)
    extra = [
        mlines.Line2D([], [], color="k", lw=0.9, label="positive Lasso"),
        mlines.Line2D([], [], color="k", lw=1.6, ls="--", label="GD"),
    ]
    _legend_for_coordinates(fig, x_star, styles, extra=extra)
    fig.tight_layout(rect=(0, 0.2, 1, 1))
    return fig


def plot_init_scale(alphas_fine, kl_fine, alphas_gd, U_gd, converged, l1_pos, l2, star=None):
    """Distance of the limit to the reference interpolators against the initialization scale.

    Lines: ``||w - l1_pos||`` (solid) and ``||w - l2||`` (dashed) for the KL limits (22)
    ``kl_fine`` at ``alphas_fine``. Markers: the same distances for GD's ``U_gd`` at ``alphas_gd``
    (circles to ``l1_pos``, squares to ``l2``; filled where ``converged``, open where GD had not
    reached its limit). ``star = (alpha, u)``: one more converged GD run, drawn as a large star
    at its distance to ``l1_pos``. A dotted line marks the distance 1e-3. Colors are the
    methods' (:data:`hw3.plotting.METHOD_COLORS`), not coordinates'."""
    import matplotlib.pyplot as plt

    from hw3.plotting import METHOD_COLORS

    l1_label, l2_label = r"$\hat{x}_{\ell_1}^+$", r"$\hat{x}_{\ell_2}$"
    fig, ax = plt.subplots(figsize=(7.0, 4.6))
    for ref, key, ls, label in (
        (l1_pos, "min_l1", "-", f"KL limit (22) to {l1_label}"),
        (l2, "min_l2", "--", r"KL limit (22) to $\hat{x}_{\ell_2} = A^+y$"),
    ):
        d = [np.linalg.norm(w - ref) for w in kl_fine]
        ax.plot(alphas_fine, d, color=METHOD_COLORS[key], lw=1.6, ls=ls, label=label)
    for ref, key, mk, label in ((l1_pos, "min_l1", "o", l1_label), (l2, "min_l2", "s", l2_label)):
        d, c = np.linalg.norm(U_gd - ref, axis=1), METHOD_COLORS[key]
        ax.plot(alphas_gd[converged], d[converged], mk, color=c, ms=6, label=f"GD to {label}")
        ax.plot(alphas_gd[~converged], d[~converged], mk, mfc="none", mec=c, ms=6)
    ax.plot([], [], "o", mfc="none", mec="0.4", ms=6, label="GD, not converged")
    if star is not None:
        a, u = star
        ax.plot(
            [a], [np.linalg.norm(u - l1_pos)], "*", color=METHOD_COLORS["min_l1"], mec="k",
            mew=0.6, ms=13, label=f"step iv, converged, to {l1_label}",
        )  # fmt: skip
    ax.axhline(1e-3, color="0.5", lw=0.8, ls=":", label=f"distance {1e-3:g}")
    ax.set(
        xscale="log",
        yscale="log",
        xlabel=r"initialization scale $\alpha$ ($x^{(0)} = \alpha 1$)",
        ylabel=r"$\ell_2$ distance of $x \odot x$",
    )
    ax.tick_params(labelsize=10)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=3, fontsize=9.5, frameon=False)
    fig.tight_layout()
    return fig
