"""Problem 2(f): gradient descent on the factorized matrix completion problem (12).

Notation. ``Y`` is a symmetric positive semidefinite ``D x D`` matrix, ``mask`` a symmetric
boolean ``D x D`` array marking the observed set Omega (ordered pairs, so (i, j) is observed
exactly when (j, i) is), and ``P_Omega`` keeps the observed entries and zeroes the others.
The objective (12) is

    L(U) = 1/2 * sum_{(i,j) in Omega} ((U U^T)_ij - Y_ij)^2 = 1/2 ||P_Omega(U U^T - Y)||_F^2,

whose gradient is ``2 P_Omega(U U^T - Y) U`` (Omega is symmetric), so a step of gradient
descent is ``U <- U - 2 eta P_Omega(U U^T - Y) U``  (22). The conjecture of Gunasekar et al.
(2017): from ``U_0 = alpha * U_init`` with alpha -> 0 and a small step, gradient descent converges
to the minimum nuclear norm (PSD) completion (23), :func:`min_nuclear_norm_completion`.

Gradient descent runs in compiled loops (:func:`gd_run`, and :mod:`hw3.double_double`), one run
each, in a fixed order of IEEE operations; :func:`run_to_tolerance` drives a batch of them.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import NamedTuple

import cvxpy as cp
import numba
import numpy as np
import scipy.stats

from hw3.common import (
    CONVERGED,
    DIVERGED,
    STATIONARY,
    STEP_LIMIT,
    check_count,
    check_finite,
    check_step_size,
    checkpoint,
)
from hw3.double_double import gd_run_dd

#: Solver and accuracy of the semidefinite programs (interior point; duality gap and residuals).
SDP_SOLVER = "CLARABEL"
SDP_TOLERANCE = 1e-7


# ----------------------------------------------------------------------------- problem data
def make_completion_problem(D: int, rank: int, observed_fraction: float, seed: int = 0):
    """A random PSD low-rank matrix and a symmetric random observation mask: ``(Y, mask)``.

    ``Y = G G^T`` with ``G`` a ``D x rank`` matrix of i.i.d. N(0, 1/D) entries (each of the
    ``rank`` nonzero eigenvalues of Y is about 1). Each entry (i, j), i <= j, is observed
    independently with probability ``observed_fraction``, and (j, i) with it.
    """
    D, rank = check_count(D, "D", minimum=1), check_count(rank, "rank", minimum=1)
    if rank > D:
        raise ValueError(f"need D >= 1 and 1 <= rank <= D, got D={D}, rank={rank}")
    if not 0.0 <= observed_fraction <= 1.0:
        raise ValueError(f"observed_fraction must lie in [0, 1], got {observed_fraction}")
    rng = np.random.default_rng(check_count(seed, "seed", maximum=None))
    G = rng.standard_normal((D, rank)) / np.sqrt(D)
    upper = np.triu(rng.random((D, D)) < observed_fraction)
    # not BLAS (whose fused multiply-adds round differently): the same Y, bit for bit, on every CPU
    return gram(G), upper | upper.T


#: The constant c of the step eta = c / p of :func:`default_step_size`.
STEP_CONSTANT = 0.08


def default_step_size(observed_fraction: float) -> float:
    """The step eta = 0.08 / p for gradient descent on (12) with observed fraction p.

    At a solution U U^T = Y of the fully observed problem the Hessian of (12) has largest
    eigenvalue 4 mu_1(Y); observing a fraction p scales it by about p, so eta * mu_max(Hessian)
    stays near 4 * 0.08 mu_1(Y), well inside the stability limit 2, whatever p.
    """
    if not 0.0 < observed_fraction <= 1.0:
        raise ValueError(f"observed_fraction must lie in (0, 1], got {observed_fraction}")
    return STEP_CONSTANT / observed_fraction


def initializations(D: int, count: int, seed: int = 0) -> np.ndarray:
    """``count`` matrices ``U_init`` (shape ``(count, D, D)``), i.i.d. N(0, 1/D) entries, so that
    ``U_init U_init^T`` is close to the identity and alpha^2 is the scale of ``X`` at ``alpha U_init``."""
    return np.random.default_rng(seed).standard_normal((count, D, D)) / np.sqrt(D)


def triangle_counterexample(delta: float):
    """The 3 x 3 instance where minimum rank and minimum nuclear norm disagree: ``(Y, mask)``.

    ``Y = x x^T``, ``x = (sqrt(delta), sqrt(delta), 1/sqrt(delta))``, observed off the diagonal
    (``Y_12 = delta``, ``Y_13 = Y_23 = 1``): the odd cycle makes Y the unique rank-one PSD
    completion, of trace ``2 delta + 1/delta``, while for delta < 1/2 the PSD completion
    [[1-delta, delta, 1], [delta, 1-delta, 1], [1, 1, 2]] has the minimum trace ``4 - 2 delta``.
    """
    if not 0.0 < delta < 0.5:
        raise ValueError(f"delta must lie in (0, 1/2), got {delta}")
    x = np.array([np.sqrt(delta), np.sqrt(delta), 1.0 / np.sqrt(delta)])
    return np.outer(x, x), ~np.eye(3, dtype=bool)


def trace_fixed_by_data(mask: np.ndarray) -> bool:
    """Is trace(X) the same for every PSD completion X? Exactly when every diagonal entry is
    observed (else with X so is X + t e_i e_i^T, t >= 0, for an unobserved X_ii)."""
    return bool(np.all(np.diagonal(_check_problem(None, mask)[1])))


# ----------------------------------------------------------------------------- convex baselines
def min_nuclear_norm_completion(Y, mask, solver=SDP_SOLVER, tol=SDP_TOLERANCE):
    """The semidefinite program (23): min trace(X) s.t. X PSD, X_ij = Y_ij on Omega (for a PSD X,
    trace(X) = ||X||_*). Solved by ``solver`` ("CLARABEL", interior point, or "SCS") to
    feasibility and duality-gap tolerances ``tol``; returns X symmetrized."""
    Y, mask = _check_problem(Y, mask)
    rows, cols = np.nonzero(np.triu(mask))
    X = cp.Variable(Y.shape, PSD=True)
    observed = [X[rows, cols] == Y[rows, cols]] if rows.size else []
    return _solved(cp.Problem(cp.Minimize(cp.trace(X)), observed), X, solver, tol)


def min_nuclear_norm_symmetric(Y, mask, solver=SDP_SOLVER, tol=SDP_TOLERANCE):
    """min ||X||_* over symmetric (not necessarily PSD) completions: cvxpy's ``normNuc`` (a
    symmetric optimum exists, since the transpose of an optimum is one)."""
    Y, mask = _check_problem(Y, mask)
    rows, cols = np.nonzero(np.triu(mask))
    X = cp.Variable(Y.shape, symmetric=True)
    observed = [X[rows, cols] == Y[rows, cols]] if rows.size else []
    return _solved(cp.Problem(cp.Minimize(cp.normNuc(X)), observed), X, solver, tol)


def _solved(problem, X, solver, tol):
    """Solve ``problem`` by ``solver`` (Clarabel or SCS) to accuracy ``tol`` and return its
    variable ``X``, symmetrized."""
    options = {
        "CLARABEL": {"tol_gap_abs": tol, "tol_gap_rel": tol, "tol_feas": tol},
        "SCS": {"eps_abs": tol, "eps_rel": tol, "max_iters": 200_000},
    }
    if solver not in options:
        raise ValueError(f"unknown SDP solver {solver!r}: use 'CLARABEL' or 'SCS'")
    if not tol > 0:
        raise ValueError(f"solver tolerance must be positive, got tol={tol}")
    problem.solve(solver=solver, **options[solver])
    if problem.status != cp.OPTIMAL:
        raise RuntimeError(f"SDP solver {solver} ended with status {problem.status}")
    return (X.value + X.value.T) / 2


# ----------------------------------------------------------------------------- gradient descent
def completion_loss(Y: np.ndarray, mask: np.ndarray, U: np.ndarray) -> np.ndarray:
    """The objective (12), 1/2 ||P_Omega(U U^T - Y)||_F^2, for U of shape (..., D, k); ``Y`` and
    ``mask`` may carry the same leading axes (one problem per run)."""
    R = np.where(mask, gram(U) - Y, 0.0)  # no BLAS: the same bits on every CPU
    return 0.5 * np.sum(R * R, axis=(-2, -1))


class Pairs(NamedTuple):
    """Omega as the kernels take it (as arguments, in this order): the pairs p = (i[p], j[p]),
    i <= j, row by row, their values ``y`` and weights ``w`` in (12) (1 on the diagonal, else 2);
    and per row a, at ``rowptr[a] .. rowptr[a+1]-1``, its observed columns ``col`` (ascending)
    and the ``pair`` of each."""

    i: np.ndarray
    j: np.ndarray
    y: np.ndarray
    w: np.ndarray
    rowptr: np.ndarray
    col: np.ndarray
    pair: np.ndarray


def observed_pairs(Y: np.ndarray, mask: np.ndarray) -> Pairs:
    """The :class:`Pairs` of a symmetric problem."""
    i, j = np.nonzero(np.triu(mask))
    index = np.zeros(mask.shape, dtype=np.intp)
    index[i, j] = index[j, i] = np.arange(len(i))
    rows, col = np.nonzero(mask)  # row by row, columns ascending
    rowptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=len(mask)))])
    return Pairs(
        i=i.astype(np.intp), j=j.astype(np.intp), y=np.ascontiguousarray(Y[i, j], dtype=float),
        w=np.where(i == j, 1.0, 2.0), rowptr=rowptr.astype(np.intp), col=col.astype(np.intp),
        pair=index[rows, col],
    )  # fmt: skip


@numba.njit(nogil=True, cache=True)
def gd_run(U, i, j, y, w, rowptr, col, pair, c, tol, cap, every, rise, scale, grad_tol, record, history):  # fmt: skip
    """Gradient descent (22) on one factor ``U`` (D, k), in place, over the pairs of Omega
    (:class:`Pairs`).

    A step: the residual e_p = <u_i, u_j> - Y_ij of every pair p = (i, j) (the inner product of
    rows summed over the columns in four interleaved partial sums, then ``(s0 + s1) + (s2 +
    s3)``); then row by row ``u_a <- u_a - c sum_b e_ab u_b`` with c = 2 eta, the sum over the
    observed columns b of row a in ascending order, i.e. ``U <- U - 2 eta P_Omega(U U^T - Y) U``.
    Every ``every``-th step and at step ``cap``, before the step, the loss (12) is checked
    (:func:`hw3.common.checkpoint`: CONVERGED or DIVERGED), then (if ``grad_tol`` > 0) the
    gradient norm ||grad L||_F = 2 ||P_Omega(E) U||_F (STATIONARY if <= grad_tol), then the step
    count (STEP_LIMIT at ``cap``). Every ``record`` steps (a multiple
    of ``every``), ``history[s // record]`` receives the loss and ||U||_F^2. Returns ``(steps,
    loss, status, loss at the check before)``.

    Only IEEE additions and multiplications in one fixed order (no BLAS, no fused multiply-add,
    no reassociation): the result is the same on every x86-64 CPU.
    """
    D, k = U.shape
    P = y.shape[0]
    e, g, N = np.empty(P), np.empty(k), np.empty((D, k))
    k4 = k - k % 4
    previous, step, loss = np.inf, 0, np.nan
    while True:
        for p in range(P):
            a, b = i[p], j[p]
            s0, s1, s2, s3 = 0.0, 0.0, 0.0, 0.0
            for m in range(0, k4, 4):
                s0 += U[a, m] * U[b, m]
                s1 += U[a, m + 1] * U[b, m + 1]
                s2 += U[a, m + 2] * U[b, m + 2]
                s3 += U[a, m + 3] * U[b, m + 3]
            for m in range(k4, k):
                s0 += U[a, m] * U[b, m]
            e[p] = ((s0 + s1) + (s2 + s3)) - y[p]
        if step % every == 0 or step >= cap:
            loss, status = checkpoint(w, e, previous, scale, tol, rise)
            if step % record == 0:
                history[step // record, 0] = loss
                history[step // record, 1] = np.sum(U * U)
            if status < 0 and grad_tol > 0.0 and 2.0 * np.sqrt(_squared_gradient(U, e, rowptr, col, pair)) <= grad_tol:  # fmt: skip
                status = STATIONARY
            if status < 0 and step >= cap:
                status = STEP_LIMIT
            if status >= 0:
                return step, loss, status, previous
            previous = loss
        for a in range(D):
            g[:] = 0.0
            for t in range(rowptr[a], rowptr[a + 1]):
                b, r = col[t], e[pair[t]]
                for m in range(k):
                    g[m] += r * U[b, m]
            for m in range(k):
                N[a, m] = U[a, m] - c * g[m]
        U[:, :] = N
        step += 1


@numba.njit(nogil=True, cache=True)
def _squared_gradient(U, e, rowptr, col, pair):
    """||P_Omega(E) U||_F^2, each row summed as in the step of :func:`gd_run`."""
    total = 0.0
    for a in range(U.shape[0]):
        for m in range(U.shape[1]):
            g = 0.0
            for t in range(rowptr[a], rowptr[a + 1]):
                g += e[pair[t]] * U[col[t], m]
            total += g * g
    return total


#: The arithmetic of :func:`run_to_tolerance`.
PRECISIONS = ("float64", "double-double")
#: How often the runs record their loss and ||U||_F^2.
RECORD_EVERY = 10_000


@dataclass(frozen=True)
class Runs:
    """:func:`run_to_tolerance` on B runs: the final factors ``U`` (B, D, k), the steps, final
    loss and status (``CONVERGED``, ``STEP_LIMIT``) of each, and ``history[b]``: its loss and
    ||U||_F^2 every RECORD_EVERY steps."""

    U: np.ndarray
    steps: np.ndarray
    loss: np.ndarray
    status: np.ndarray
    history: tuple

    @property
    def converged(self) -> np.ndarray:
        return self.status == CONVERGED


def run_to_tolerance(
    Y,
    mask,
    U0,
    eta,
    *,
    tol,
    max_steps,
    precision="float64",
    check_every=10,
    threads=2,
    progress=None,
) -> Runs:
    """Gradient descent (22) on B runs until each run's loss (12), checked every ``check_every``
    steps, is at most ``tol`` (0: run all steps), or it has taken its ``max_steps`` (one or per run).

    ``Y`` and ``mask``: ``(D, D)`` or one per run ``(B, D, D)``; ``U0`` ``(B, D, k)``; ``eta`` a
    scalar or ``(B,)``. ``precision``: "float64" (:func:`gd_run`) or "double-double"
    (:func:`hw3.double_double.gd_run_dd`, about 106 bits). ``threads`` threads take the runs,
    longest first; a run's result does not depend on the others or the threads. ``progress()``,
    if given, is called after each run. ``ValueError`` naming the step if a loss diverges or rises.
    """
    U = np.array(check_finite("U0", U0), order="C")
    if U.ndim != 3 or np.shape(Y)[-2:] != (U.shape[1],) * 2:
        raise ValueError(
            f"U0 must have shape (B, D, k) and Y (D, D) or (B, D, D), got {U.shape}, {np.shape(Y)}"
        )
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {PRECISIONS}, got {precision!r}")
    B, D, _ = U.shape
    Y = np.broadcast_to(check_finite("Y", Y), (B, D, D))
    mask = np.broadcast_to(np.asarray(mask), (B, D, D))
    pairs = [observed_pairs(*_check_problem(Y[b], mask[b])) for b in range(B)]
    eta = np.broadcast_to(check_step_size(eta, shape=(B,)), (B,))
    caps = [check_count(cap, "max_steps") for cap in np.broadcast_to(max_steps, (B,)).tolist()]
    check_every = check_count(check_every, "check_every", minimum=1)
    if RECORD_EVERY % check_every:
        raise ValueError(f"check_every must divide {RECORD_EVERY}, got {check_every}")
    if not float(tol) >= 0:
        raise ValueError(f"tol must be non-negative, got {tol}")
    with np.errstate(over="ignore", invalid="ignore"):  # an overflow is reported below
        start_loss = completion_loss(Y, mask, U)
    if not np.isfinite(start_loss).all():
        b = int(np.flatnonzero(~np.isfinite(start_loss))[0])
        raise ValueError(
            f"U0 is too large: the loss (12) at U0{f'[{b}]' if B > 1 else ''} overflows float64 "
            f"(entries up to {np.abs(U[b]).max():.3g}); start from a smaller U0"
        )
    scale = np.maximum(start_loss, 0.5 * np.sum((mask * Y) ** 2, axis=(1, 2)))
    (steps, status), (loss, previous) = np.zeros((2, B), dtype=int), np.zeros((2, B))
    history = [np.full((cap // RECORD_EVERY + 1, 2), np.nan) for cap in caps]

    def work(b):
        rules = (2.0 * float(eta[b]), float(tol), caps[b], check_every, True, float(scale[b]))
        if precision == "float64":
            out = gd_run(U[b], *pairs[b], *rules, 0.0, RECORD_EVERY, history[b])
        else:
            out = gd_run_dd(U[b], np.zeros_like(U[b]), *pairs[b], *rules, RECORD_EVERY, history[b])
        steps[b], loss[b], status[b], previous[b] = out
        if progress is not None:
            progress()

    _in_threads(threads, sorted(range(B), key=lambda b: (-caps[b], b)), work)
    if (status == DIVERGED).any():
        b = int(np.flatnonzero(status == DIVERGED)[0])
        raise ValueError(
            f"gradient descent on (12) does not descend with step size eta={float(eta[b])!r} "
            f"(loss {previous[b]:.3e} -> {loss[b]:.3e} at step {steps[b]}); use a smaller eta"
        )
    history = tuple(h[: s // RECORD_EVERY + 1] for h, s in zip(history, steps, strict=True))
    return Runs(U=U, steps=steps, loss=loss, status=status, history=history)


def _in_threads(threads, jobs, work):
    """``work(job)`` for every job, by ``threads`` threads taking the jobs in order."""
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(work, jobs))  # raises the first exception of a job


@dataclass(frozen=True)
class Greedy:
    """GLRL on B problems: the final factors (zero-padded to ``max_rank`` columns); per run and
    stage its steps, how it ended (``stage_status``: CONVERGED, STATIONARY, UNBOUNDED, STEP_LIMIT,
    DIVERGED; -1: no such stage, see :func:`greedy_low_rank`) and ``stage_norms`` (B, max_rank,
    2): ||U||_F^2 at its end with the step eta and, where rerun, eta / 8 (else NaN)."""

    U: np.ndarray
    stage_steps: np.ndarray
    stage_status: np.ndarray
    stage_norms: np.ndarray

    @property
    def rank(self) -> np.ndarray:
        return np.sum(self.stage_status >= 0, axis=1)

    @property
    def fits(self) -> np.ndarray:  # the last stage fitted the data
        return np.any(self.stage_status == CONVERGED, axis=1)


UNBOUNDED = 4
#: A stage whose loss rose is rerun with eta / SMALLER_STEP; if that run rises too, after growing
#: ||U||_F^2 to more than UNBOUNDED_GROWTH times the first's, the factor grows without bound (the
#: smaller the step, the farther it goes before the curvature makes the step unstable).
SMALLER_STEP, UNBOUNDED_GROWTH = 8, 2.0


def glrl_start(Y, mask, V, scale):
    """The start of the next stage of GLRL from the factor ``V`` (D, r - 1): ``[V, scale v]`` with v
    the top eigenvector of ``P_Omega(Y - V V^T)``, rounded to 12 decimals and signed so that its
    largest entry is positive (the same on every CPU)."""
    v = np.round(np.linalg.eigh(np.where(mask, Y - gram(V), 0.0))[1][:, -1], 12)
    v *= np.sign(v[np.argmax(np.abs(v))]) / np.sqrt(np.sum(v * v))
    return np.ascontiguousarray(np.column_stack([V, scale * v]))


def glrl_descend(pairs, size, U_start, eta, tol, grad_tol, max_steps):
    """One stage of GLRL: gradient descent (22) from ``U_start`` with the loss-rise check, until
    loss <= tol, ||grad|| <= grad_tol, a rise, or ``max_steps``; returns ``(U, steps, status)``."""
    U = U_start.copy()
    history = np.full((max_steps // RECORD_EVERY + 1, 2), np.nan)
    steps, _, status, _ = gd_run(
        U, *pairs, 2.0 * eta, tol, max_steps, 10, True, size, grad_tol, RECORD_EVERY,
        history,
    )  # fmt: skip
    return U, steps, status


def greedy_low_rank(
    Y, mask, eta, *, tol=1e-12, grad_tol=1e-9, max_steps=20_000_000, scale=1e-6, max_rank=6,
    threads=2,
):  # fmt: skip
    """Greedy Low-Rank Learning (Li, Luo and Lyu 2021) on B problems ``Y``, ``mask`` (B, D, D).

    Stage r appends a column ``scale * v`` (v the top eigenvector of ``P_Omega(Y - U U^T)``,
    the negative gradient direction at the current factor, rounded to 12 decimals and signed so
    that its largest entry is positive: the same on every CPU) and runs gradient descent (22) on
    the D x r factor (:func:`gd_run`, the loss checked every 10 steps, with the rise check) until
    the loss is <= ``tol`` (the problem is solved: stop) or the gradient norm is <= ``grad_tol``
    (a stationary point of the rank-r problem: next stage), or for at most ``max_steps`` steps.
    If the loss rises (the step is unstable where the run has gone), the stage is rerun from its
    start with eta / SMALLER_STEP: if that run rises too, with the factor grown UNBOUNDED_GROWTH
    times farther, the stage is UNBOUNDED (and GLRL stops); otherwise the rerun is the stage.
    Returns a :class:`Greedy`.
    """
    Y, mask = np.asarray(Y, dtype=float), np.asarray(mask)
    B, D, _ = Y.shape
    eta = np.broadcast_to(check_step_size(eta, shape=(B,)), (B,))
    pairs = [observed_pairs(Y[b], mask[b]) for b in range(B)]
    size = 0.5 * np.sum((mask * Y) ** 2, axis=(1, 2))
    U = np.zeros((B, D, max_rank))
    stage_steps = np.full((B, max_rank), -1)
    stage_status = np.full((B, max_rank), -1)
    norms = np.full((B, max_rank, 2), np.nan)
    active = np.ones(B, bool)

    def descend(b, U_start, step):
        return glrl_descend(pairs[b], float(size[b]), U_start, step, tol, grad_tol, max_steps)

    def stage(job):
        b, r = job
        start = glrl_start(Y[b], mask[b], U[b, :, : r - 1], scale)
        Ub, steps, status = descend(b, start, float(eta[b]))
        norms[b, r - 1, 0] = np.sum(Ub * Ub)
        if status == DIVERGED:
            U_small, steps_small, status_small = descend(b, start, float(eta[b]) / SMALLER_STEP)
            norms[b, r - 1, 1] = np.sum(U_small * U_small)
            if status_small == DIVERGED and norms[b, r - 1, 1] > UNBOUNDED_GROWTH * norms[b, r - 1, 0]:  # fmt: skip
                status = UNBOUNDED
            else:
                Ub, steps, status = U_small, steps_small, status_small
        U[b, :, :r] = Ub
        stage_steps[b, r - 1], stage_status[b, r - 1] = steps, status
        active[b] = status == STATIONARY

    for r in range(1, max_rank + 1):
        _in_threads(threads, [(b, r) for b in np.flatnonzero(active)], stage)
    return Greedy(U=U, stage_steps=stage_steps, stage_status=stage_status, stage_norms=norms)


def hessian_max_eigenvalue(Y: np.ndarray, mask: np.ndarray, U: np.ndarray) -> np.ndarray:
    """Largest eigenvalue of the Hessian of (12) at U (shape (D, k) or (B, D, k)): of
    H[V] = 2 P_Omega(U V^T + V U^T) U + 2 P_Omega(U U^T - Y) V, assembled from H[E] for the D k
    unit matrices E. Gradient descent is linearly stable at a minimum when eta * lambda_max < 2.
    """
    Y, mask = _check_problem(Y, mask)
    U = np.asarray(U, dtype=float)
    if U.ndim == 3:
        return np.array([hessian_max_eigenvalue(Y, mask, u) for u in U])
    D, k = U.shape
    E = np.eye(D * k).reshape(D * k, D, k)  # unit directions
    S = np.where(mask, U @ E.transpose(0, 2, 1), 0.0)
    S = S + S.transpose(0, 2, 1)  # P_Omega(U E^T + E U^T)
    H = 2.0 * (S @ U) + 2.0 * (np.where(mask, U @ U.T - Y, 0.0) @ E)
    H = H.reshape(D * k, D * k)
    return float(np.linalg.eigvalsh((H + H.T) / 2)[-1])


# ----------------------------------------------------------------------------- diagnostics
def gram(U: np.ndarray) -> np.ndarray:
    """X = U U^T, batched over leading axes, each entry summed over the columns in order (no BLAS:
    the same bits on every CPU)."""
    U = np.asarray(U, dtype=float)
    flat = np.ascontiguousarray(U.reshape(int(np.prod(U.shape[:-2])), *U.shape[-2:]))
    return _gram(flat).reshape(*U.shape[:-1], U.shape[-2])


@numba.njit(cache=True)
def _gram(U):
    B, D, k = U.shape
    X = np.empty((B, D, D))
    for b in range(B):
        for i in range(D):
            for j in range(i + 1):
                s = 0.0
                for m in range(k):
                    s += U[b, i, m] * U[b, j, m]
                X[b, i, j] = X[b, j, i] = s
    return X


def effective_rank(X: np.ndarray) -> np.ndarray:
    """Effective rank of Roy & Vetterli (2007): exp(entropy of sigma / sum(sigma)), batched.

    It is 1 for a rank-one matrix, r for r equal singular values, and varies continuously in
    between; 0 for the zero matrix. ``ValueError`` if X has non-finite entries.
    """
    s = np.linalg.svd(check_finite("X", X), compute_uv=False)
    with np.errstate(invalid="ignore"):  # 0 / 0 for the zero matrix
        return np.where(s[..., 0] > 0, np.exp(scipy.stats.entropy(s, axis=-1)), 0.0)


def permute_problem(Y, mask, U0, perm):
    """The problem relabelled by ``perm``: ``(P Y P^T, P mask P^T, P U0 Q)``, Q reversing the
    columns. Gradient descent commutes with it in exact arithmetic, not in floating point."""
    ix = np.ix_(perm, perm)
    return Y[ix], mask[ix], U0[..., perm, ::-1]


# ----------------------------------------------------------------------------- validation
def _check_problem(Y, mask):
    """``(Y, mask)`` of a public function, checked (``Y`` None: the mask alone)."""
    mask = np.asarray(mask)
    if mask.ndim != 2 or mask.shape[0] != mask.shape[1] or mask.dtype != bool:
        raise ValueError(f"mask must be a square boolean array, got {mask.dtype} {mask.shape}")
    if not np.array_equal(mask, mask.T):
        raise ValueError("mask must be symmetric: (i, j) observed exactly when (j, i) is")
    if Y is None:
        return None, mask
    Y = check_finite("Y", Y)
    if Y.shape != mask.shape:
        raise ValueError(f"Y {Y.shape} and mask {mask.shape} must have the same shape")
    if not np.allclose(Y, Y.T):
        raise ValueError("Y must be symmetric")
    return Y, mask
