"""Problem 2(f): gradient descent on the factorized matrix completion problem (12).

Notation. ``Y`` is a symmetric positive semidefinite ``D x D`` matrix, ``mask`` a symmetric
boolean ``D x D`` array marking the observed set Omega (ordered pairs, so (i, j) is observed
exactly when (j, i) is), and ``P_Omega`` keeps the observed entries and zeroes the others.
The objective (12) is

    L(U) = 1/2 * sum_{(i,j) in Omega} ((U U^T)_ij - Y_ij)^2 = 1/2 ||P_Omega(U U^T - Y)||_F^2,

whose gradient is ``grad L(U) = 2 P_Omega(U U^T - Y) U`` (the residual is symmetric because
Omega is), so a step of gradient descent is ``U <- U - 2 eta P_Omega(U U^T - Y) U``  (22).
The conjecture of Gunasekar et al. (2017) is that from ``U_0 = alpha * U_init`` with
alpha -> 0 and a small step, gradient descent converges to the minimum nuclear norm (PSD)
completion, the semidefinite program (23) of :func:`min_nuclear_norm_completion`.

Batches: the drivers run many independent runs at once as one ``(B, D, k)`` stack, each run
with its own problem (``Y``, ``mask``) and step if given so, one ``np.matmul`` per step.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import cvxpy as cp
import numpy as np

from hw3.common import check_count, check_finite, check_step_size, loss_rose

#: Solver and accuracy of the semidefinite programs (interior point; duality gap and residuals).
SDP_SOLVER = "CLARABEL"
SDP_TOLERANCE = 1e-7


# ----------------------------------------------------------------------------- problem data
def make_completion_problem(D: int, rank: int, observed_fraction: float, seed: int = 0):
    """A random PSD low-rank matrix and a symmetric random observation mask.

    ``Y = G G^T`` with ``G`` a ``D x rank`` matrix of i.i.d. N(0, 1/D) entries, so
    E[trace Y] = rank and each of the ``rank`` nonzero eigenvalues of Y is about 1.
    Each entry (i, j) with i <= j (diagonal included) is observed independently with
    probability ``observed_fraction``; (j, i) is observed with it.

    Returns ``(Y, mask)``: float array ``(D, D)`` and boolean array ``(D, D)``.
    """
    if D < 1 or not 1 <= rank <= D:
        raise ValueError(f"need D >= 1 and 1 <= rank <= D, got D={D}, rank={rank}")
    if not 0.0 <= observed_fraction <= 1.0:
        raise ValueError(f"observed_fraction must lie in [0, 1], got {observed_fraction}")
    rng = np.random.default_rng(seed)
    G = rng.standard_normal((D, rank)) / np.sqrt(D)
    upper = np.triu(rng.random((D, D)) < observed_fraction)
    return G @ G.T, upper | upper.T


#: The constant c of the step eta = c / p of :func:`default_step_size`.
STEP_CONSTANT = 0.08


def default_step_size(observed_fraction: float) -> float:
    """The step eta = 0.08 / p for gradient descent on (12) with observed fraction p.

    At a solution U U^T = Y of the fully observed problem the Hessian of (12) is the quadratic
    form V -> ||U V^T + V U^T||_F^2 with largest eigenvalue 4 mu_1(Y); observing a fraction p of
    the entries scales it by about p, so eta = c / p keeps eta * mu_max(Hessian) near
    4 c mu_1(Y) = 0.32 mu_1(Y), well inside the stability limit 2, whatever p (the notebook
    measures it at the solutions and reruns with eta / 4).
    """
    if not 0.0 < observed_fraction <= 1.0:
        raise ValueError(f"observed_fraction must lie in (0, 1], got {observed_fraction}")
    return STEP_CONSTANT / observed_fraction


def initializations(D: int, count: int, seed: int = 0) -> np.ndarray:
    """``count`` matrices ``U_init`` (shape ``(count, D, D)``), i.i.d. N(0, 1/D) entries, so that
    ``U_init U_init^T`` is close to the identity and alpha^2 is the scale of ``X`` at ``alpha U_init``."""
    return np.random.default_rng(seed).standard_normal((count, D, D)) / np.sqrt(D)


def triangle_counterexample(delta: float):
    """The 3 x 3 instance where minimum rank and minimum nuclear norm disagree.

    Ground truth ``Y = x x^T`` with ``x = (sqrt(delta), sqrt(delta), 1/sqrt(delta))``; only the
    three off-diagonal entries are observed: ``Y_12 = delta``, ``Y_13 = Y_23 = 1``. Because the
    three observed edges form an odd cycle, ``Y`` is the unique rank-one PSD completion (up to
    the sign of x), with trace ``2 delta + 1/delta``, whereas for delta < 1/2 the rank-two PSD
    completion [[1-delta, delta, 1], [delta, 1-delta, 1], [1, 1, 2]] has the minimum trace
    ``4 - 2 delta`` (the notebook proves it). Returns ``(Y, mask)``.
    """
    if not 0.0 < delta < 0.5:
        raise ValueError(f"delta must lie in (0, 1/2), got {delta}")
    x = np.array([np.sqrt(delta), np.sqrt(delta), 1.0 / np.sqrt(delta)])
    return np.outer(x, x), ~np.eye(3, dtype=bool)


def trace_fixed_by_data(mask: np.ndarray) -> bool:
    """Vacuous-case detector: is trace(X) the same for every PSD completion X?

    Exactly when every diagonal entry is observed. If all are, trace(X) = sum_i Y_ii for every
    completion. If X_ii is not observed and X is a PSD completion, so is X + t e_i e_i^T for
    every t >= 0, with trace growing without bound.
    """
    mask = _check_mask(mask)
    return bool(np.all(np.diagonal(mask)))


# ----------------------------------------------------------------------------- convex baselines
def min_nuclear_norm_completion(
    Y: np.ndarray,
    mask: np.ndarray,
    solver: str = SDP_SOLVER,
    tol: float = SDP_TOLERANCE,
    return_dual: bool = False,
    psd: bool = True,
):
    """Minimum nuclear norm completion: min ||X||_* s.t. X_ij = Y_ij on Omega.

    With ``psd=True`` (the default) X is constrained PSD, so ||X||_* = trace(X) and the problem is
    the semidefinite program (23), min trace(X) s.t. X PSD, X_Omega = Y_Omega. With ``psd=False``
    X is only symmetric (cvxpy's ``normNuc``; a symmetric optimum exists since the transpose of an
    optimum is one). Solved by ``solver`` ("CLARABEL", interior point, or "SCS"; others raise
    ``ValueError``) to feasibility and duality-gap tolerances ``tol``; returns X symmetrized.

    With ``return_dual=True`` (PSD only) returns ``(X, Lam)``: ``Lam`` is the symmetric multiplier
    of the equality constraints, supported on Omega, with I - Lam PSD and <Lam, Y> = trace(X).
    """
    Y, mask = _check_problem(Y, mask)
    rows, cols = np.nonzero(np.triu(mask))
    X = cp.Variable(Y.shape, PSD=True) if psd else cp.Variable(Y.shape, symmetric=True)
    constraints = [X[rows, cols] == Y[rows, cols]] if rows.size else []
    objective = cp.trace(X) if psd else cp.normNuc(X)
    problem = cp.Problem(cp.Minimize(objective), constraints)
    problem.solve(solver=solver, **_solver_tolerances(solver, tol))
    if problem.status != cp.OPTIMAL:
        raise RuntimeError(f"SDP solver {solver} ended with status {problem.status}")
    X_opt = (X.value + X.value.T) / 2
    if not return_dual:
        return X_opt
    if not psd:
        raise ValueError("return_dual is available for the PSD problem only")
    # cvxpy's multiplier nu of "X_ij = Y_ij" (i <= j) is -d(optimal value)/d(Y_ij); the value
    # depends on Y_ij through both X_ij and X_ji off the diagonal, so Lam_ij = -nu / 2 there.
    Lam = np.zeros_like(Y)
    if rows.size:
        Lam[rows, cols] = -np.asarray(constraints[0].dual_value, dtype=float)
    return X_opt, (Lam + Lam.T) / 2


def _solver_tolerances(solver: str, tol: float) -> dict:
    """cvxpy keyword arguments setting the accuracy ``tol`` of ``solver`` (Clarabel or SCS)."""
    if not tol > 0:
        raise ValueError(f"solver tolerance must be positive, got tol={tol}")
    if solver == "CLARABEL":
        return {"tol_gap_abs": tol, "tol_gap_rel": tol, "tol_feas": tol}
    if solver == "SCS":
        return {"eps_abs": tol, "eps_rel": tol, "max_iters": 200_000}
    raise ValueError(f"unknown SDP solver {solver!r}: use 'CLARABEL' or 'SCS'")


# ----------------------------------------------------------------------------- gradient descent
def completion_loss(Y: np.ndarray, mask: np.ndarray, U: np.ndarray) -> np.ndarray:
    """The objective (12), 1/2 ||P_Omega(U U^T - Y)||_F^2, for U of shape (..., D, k); ``Y`` and
    ``mask`` may carry the same leading axes (one problem per run)."""
    R = _residual(Y, mask, np.asarray(U, dtype=float))
    return 0.5 * np.sum(R * R, axis=(-2, -1))


def _residual(Y, mask, U):
    """P_Omega(U U^T - Y), batched over the leading axes of U."""
    return np.where(mask, U @ np.swapaxes(U, -1, -2) - Y, 0.0)


def scaled_residual(U, Ut, R, Y, C):
    """``R = C * (U U^T - Y)`` in place, with ``C = 2 eta * mask``: the residual on Omega, scaled
    by the step (``Ut`` is the transposed view of the stack ``U``, shape (B, D, k))."""
    np.matmul(U, Ut, out=R)
    R -= Y
    R *= C


def descend(U, R, G):
    """``U <- U - R U``: with ``R`` from :func:`scaled_residual`, the step (22),
    ``U - 2 eta P_Omega(U U^T - Y) U``, in place."""
    np.matmul(R, U, out=G)
    U -= G


@dataclass(frozen=True)
class Runs:
    """The outcome of :func:`run_to_tolerance` for B runs: final factors ``U`` (B, D, k), the
    steps each took, its final loss, and whether it reached the tolerance (``converged``) or
    stopped at its step limit."""

    U: np.ndarray
    steps: np.ndarray
    loss: np.ndarray
    converged: np.ndarray


def run_to_tolerance(
    Y, mask, U0, eta, tol, max_steps, check_every=10, threads=2, follow=None
) -> Runs:
    """Gradient descent (22) on B runs until each run's loss (12) is at most ``tol`` or it has
    taken its ``max_steps`` (a number, or one per run), whichever comes first.

    ``Y`` and ``mask``: one problem ``(D, D)`` for all runs or one per run ``(B, D, D)``; ``U0``
    ``(B, D, k)``; ``eta`` a scalar or ``(B,)``. The loss is checked every ``check_every`` steps
    (so a run stops at the first multiple of ``check_every`` with loss <= tol); stopped runs
    leave the stack (compaction), and the stack is dealt out round robin to ``threads`` threads
    (numpy releases the GIL in ``matmul``). A run's result does not depend on the others, on the split or on the
    order: each run is its own sequence of matrix products. Raises ``ValueError`` naming the step
    if a loss diverges or rises between two checks by more than rounding
    (:func:`hw3.common.loss_rose`).
    """
    U0 = check_finite("U0", U0)
    if U0.ndim != 3:
        raise ValueError(f"U0 must have shape (B, D, k), got {U0.shape}")
    B, D, _ = U0.shape
    Y = np.broadcast_to(np.asarray(Y, dtype=float), (B, D, D))
    mask = np.broadcast_to(np.asarray(mask), (B, D, D))
    for b in [0] if np.ndim(Y) and Y.strides[0] == 0 else range(B):
        _check_problem(Y[b], mask[b])
    eta = np.broadcast_to(check_step_size(eta, shape=(B,)), (B,))
    caps = np.broadcast_to(np.asarray(max_steps), (B,))
    for cap in set(caps.tolist()):
        check_count(cap, "max_steps")
    check_every = check_count(check_every, "check_every", minimum=1)
    tol = float(tol)
    if not tol >= 0:
        raise ValueError(f"tol must be non-negative, got {tol}")
    threads = check_count(threads, "threads", minimum=1)
    follow = np.full(B, -1) if follow is None else np.asarray(follow, dtype=int)
    leaders = np.flatnonzero(follow < 0)
    if (
        follow.shape != (B,)
        or np.any(follow[follow >= 0] >= B)
        or np.any(follow[follow[follow >= 0]] >= 0)
    ):
        raise ValueError("follow must have shape (B,) and point to runs that follow no one")
    out_U, out_steps = np.empty_like(U0), np.zeros(B, dtype=int)
    out_loss, out_conv = np.zeros(B), np.zeros(B, dtype=bool)
    # leaders dealt out round robin (every thread gets a share of the long runs), each with the
    # runs that follow it
    parts = []
    for t in range(threads):
        mine = leaders[t::threads]
        part = np.concatenate([mine, np.flatnonzero(np.isin(follow, mine))])
        if len(part):
            parts.append(part)
    errors = []

    def work(idx):
        local = {int(b): n for n, b in enumerate(idx)}
        lead = np.array([local[int(follow[b])] if follow[b] >= 0 else -1 for b in idx])
        try:
            _run_part(Y[idx], mask[idx], U0[idx], eta[idx], caps[idx].astype(int), tol,
                      check_every, idx, out_U, out_steps, out_loss, out_conv, lead)  # fmt: skip
        except ValueError as err:
            errors.append((int(idx[0]), err))

    workers = [threading.Thread(target=work, args=(p,)) for p in parts[1:]]
    for w in workers:
        w.start()
    work(parts[0])
    for w in workers:
        w.join()
    if errors:
        raise min(errors, key=lambda e: e[0])[1]
    return Runs(out_U, out_steps, out_loss, out_conv)


def _run_part(
    Y, mask, U0, eta, caps, tol, check_every, idx, out_U, out_steps, out_loss, out_conv, lead
):
    """The loop of :func:`run_to_tolerance` on one part of the stack; writes into the outputs.

    Between two events (a loss check, or a run reaching its step limit) it only repeats
    :func:`scaled_residual` and :func:`descend`; at an event the residual just computed also
    gives the loss, and finished runs leave the stack."""
    U = np.array(U0, dtype=float, copy=True)
    Y = np.ascontiguousarray(Y, dtype=float)
    C = 2.0 * eta[:, None, None] * mask
    half_c2 = 0.5 / (2.0 * eta) ** 2  # loss = ||R||^2 / 2 with R = C * (UU^T - Y) unscaled
    scale = np.maximum(completion_loss(Y, mask, U), 0.5 * np.sum((mask * Y) ** 2, axis=(1, 2)))
    R, G = np.empty(U.shape[:2] + (U.shape[1],)), np.empty_like(U)
    Ut = np.swapaxes(U, 1, 2)
    alive, k, previous = np.arange(len(U)), 0, None
    stopped = np.zeros(len(U), dtype=bool)
    followers = lead >= 0
    with np.errstate(over="ignore", invalid="ignore"):
        while True:
            scaled_residual(U, Ut, R, Y, C)
            loss = half_c2[alive] * np.einsum("bij,bij->b", R, R)
            _check_descent(loss, previous, scale[alive], eta[alive])
            done = (loss <= tol) | (caps[alive] <= k)
            if followers.any():
                stopped[alive] = done  # a follower stops with its leader, not on its own
                done = np.where(followers[alive], stopped[lead[alive]] | (caps[alive] <= k), done)
            if done.any():
                j = idx[alive[done]]
                out_U[j], out_steps[j], out_loss[j] = U[done], k, loss[done]
                out_conv[j] = loss[done] <= tol
                keep = ~done
                alive, U, Y, C, R, loss = (
                    alive[keep],
                    U[keep],
                    Y[keep],
                    C[keep],
                    R[keep],
                    loss[keep],
                )
                if not len(alive):
                    return
                G, Ut = np.empty_like(U), np.swapaxes(U, 1, 2)
            previous = loss
            descend(U, R, G)
            k += 1
            stop = min(k + check_every - 1 - (k - 1) % check_every, int(caps[alive].min()))
            while k < stop:
                scaled_residual(U, Ut, R, Y, C)
                descend(U, R, G)
                k += 1


def _check_descent(loss, previous, scale, eta):
    """Raise ``ValueError`` naming the step if a loss is not finite or rose since the last check."""
    bad = ~np.isfinite(loss) | (loss > 1e6 * scale)
    if previous is not None:
        bad |= loss_rose(previous, loss, scale)
    if bad.any():
        b = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"gradient descent on (12) does not descend with step size eta={float(eta[b])!r} "
            f"(loss {previous[b] if previous is not None else np.nan:.3e} -> {loss[b]:.3e}); "
            "use a smaller eta"
        )


def factorized_gd_completion(
    Y: np.ndarray,
    mask: np.ndarray,
    U0: np.ndarray,
    eta: float,
    steps: int,
    tol: float = 0.0,
) -> np.ndarray:
    """Gradient descent on (12): U <- U - eta * 2 P_Omega(U U^T - Y) U, for ``steps`` steps.

    ``U0`` is one factor ``(D, k)`` or a stack ``(B, D, k)`` of independent initializations of
    the same problem. With ``tol > 0`` a factor whose loss (12) is <= tol before a step is frozen
    there (each member of a stack on its own). ``U0`` is not modified. The loss is checked
    before every step; ``ValueError`` naming ``eta`` if it diverges or rises (a bounded
    oscillation). See :func:`run_to_tolerance` for the batched driver with one problem per run.
    """
    Y, mask = _check_problem(Y, mask)
    U = check_finite("U0", U0)
    if U.ndim not in (2, 3) or U.shape[-2] != Y.shape[0]:
        raise ValueError(
            f"U0 must have shape (D, k) or (B, D, k) with D={Y.shape[0]}, got {U.shape}"
        )
    eta = check_step_size(eta)
    steps = check_count(steps, "steps")
    if not tol >= 0:  # also rejects NaN
        raise ValueError(f"tol must be non-negative, got {tol}")
    stack = U[None] if U.ndim == 2 else U
    runs = run_to_tolerance(Y, mask, stack, eta, tol, steps, check_every=1, threads=1)
    return runs.U[0] if U.ndim == 2 else runs.U


@dataclass(frozen=True)
class Greedy:
    """Greedy low-rank learning on B problems: the final factors (zero-padded to ``max_rank``
    columns), the rank reached, and per run whether every stage converged (``converged``) and
    whether the last stage fits the data to ``tol`` (``fits``)."""

    U: np.ndarray
    rank: np.ndarray
    stage_steps: np.ndarray  # (B, max_rank), -1 where no stage ran
    converged: np.ndarray
    fits: np.ndarray


def greedy_low_rank(
    Y, mask, eta, tol=1e-8, grad_tol=1e-9, max_steps=50_000, scale=1e-6, max_rank=6
):
    """Greedy Low-Rank Learning (Li, Luo and Lyu 2021) on B problems ``Y``, ``mask`` (B, D, D).

    Stage r appends a column ``scale * v`` (v the top eigenvector of ``P_Omega(Y - U U^T)``,
    the negative gradient direction at the current factor) and runs gradient descent (22) on the
    D x r factor until the loss is <= ``tol`` (the problem is solved: stop) or the gradient
    norm is <= ``grad_tol`` (a stationary point of the rank-r problem: next stage), or for at
    most ``max_steps`` steps (then the stage has not converged and the run stops there). All
    problems still at stage r run as one stack. Returns a :class:`Greedy`.
    """
    Y, mask = np.asarray(Y, dtype=float), np.asarray(mask)
    B, D, _ = Y.shape
    W = mask.astype(float)
    eta = np.broadcast_to(check_step_size(eta, shape=(B,)), (B,))
    U = np.zeros((B, D, 0))
    rank = np.zeros(B, dtype=int)
    stage_steps = np.full((B, max_rank), -1)
    active, converged, fits = np.ones(B, bool), np.ones(B, bool), np.zeros(B, bool)
    for r in range(1, max_rank + 1):
        if not active.any():
            break
        a = np.flatnonzero(active)
        neg_grad = W[a] * (Y[a] - U[a] @ np.swapaxes(U[a], 1, 2))
        top = np.linalg.eigh(neg_grad)[1][:, :, -1:]
        Ua = np.concatenate([U[a], scale * top], axis=2)
        Ua, k, ok = _stage(Y[a], W[a], Ua, eta[a], tol, grad_tol, max_steps)
        U = np.concatenate([U, np.zeros((B, D, 1))], axis=2)
        U[a] = Ua
        rank[a], stage_steps[a, r - 1] = r, k
        loss = 0.5 * np.sum((W[a] * (Ua @ np.swapaxes(Ua, 1, 2) - Y[a])) ** 2, axis=(1, 2))
        fits[a] = loss <= tol
        converged[a] &= ok
        active[a] = ok & ~fits[a]
    pad = np.zeros((B, D, max_rank - U.shape[2]))
    return Greedy(np.concatenate([U, pad], axis=2), rank, stage_steps, converged, fits)


def _stage(Y, W, U, eta, tol, grad_tol, max_steps, check_every=10):
    """One GLRL stage on a stack: gradient descent (22) until loss <= tol or ||grad|| <= grad_tol
    (checked every ``check_every`` steps, per run) or ``max_steps``; returns the factors, the steps
    each run took and whether it stopped for one of the two reasons (not at the limit)."""
    U = U.copy()
    C = 2.0 * eta[:, None, None] * W
    steps = np.full(len(U), -1)
    alive = np.arange(len(U))
    Ua, Ya, Ca = U.copy(), Y, C
    R, G = np.empty(Ya.shape), np.empty_like(Ua)
    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(0, max_steps + 1, check_every):
            scaled_residual(Ua, np.swapaxes(Ua, 1, 2), R, Ya, Ca)
            np.matmul(R, Ua, out=G)
            c = 2.0 * eta[alive]
            loss = 0.5 * np.sum(R * R, axis=(1, 2)) / c**2
            gnorm = np.sqrt(np.sum(G * G, axis=(1, 2))) / c
            done = (loss <= tol) | (gnorm <= grad_tol) | ~np.isfinite(loss) | (k == max_steps)
            if done.any():
                ok = np.isfinite(loss[done]) & ((loss[done] <= tol) | (gnorm[done] <= grad_tol))
                steps[alive[done]] = np.where(ok, k, -1)
                U[alive[done]] = Ua[done]
                keep = ~done
                alive, Ua, Ya, Ca = alive[keep], Ua[keep], Ya[keep], Ca[keep]
                if not len(alive):
                    break
                R, G = np.empty(Ya.shape), np.empty_like(Ua)
                scaled_residual(Ua, np.swapaxes(Ua, 1, 2), R, Ya, Ca)
                np.matmul(R, Ua, out=G)
            Ua -= G
            Ut = np.swapaxes(Ua, 1, 2)
            for _ in range(check_every - 1):
                scaled_residual(Ua, Ut, R, Ya, Ca)
                descend(Ua, R, G)
    return U, steps, steps >= 0


def hessian_max_eigenvalue(Y: np.ndarray, mask: np.ndarray, U: np.ndarray) -> np.ndarray:
    """Largest eigenvalue of the Hessian of (12) at U (shape (D, k) or (B, D, k)).

    The Hessian acts on a direction V as
    H[V] = 2 P_Omega(U V^T + V U^T) U + 2 P_Omega(U U^T - Y) V
    (the derivative of the gradient 2 P_Omega(U U^T - Y) U). It is assembled column by column
    from H[E] for the D k unit matrices E and diagonalized. Gradient descent with step eta is
    linearly stable at a minimum when eta * lambda_max < 2.
    """
    Y, mask = _check_problem(Y, mask)
    U = np.asarray(U, dtype=float)
    if U.ndim == 3:
        return np.array([hessian_max_eigenvalue(Y, mask, u) for u in U])
    D, k = U.shape
    E = np.eye(D * k).reshape(D * k, D, k)  # unit directions
    S = np.where(mask, U @ E.transpose(0, 2, 1), 0.0)
    S = S + S.transpose(0, 2, 1)  # P_Omega(U E^T + E U^T)
    H = 2.0 * (S @ U) + 2.0 * (_residual(Y, mask, U) @ E)
    H = H.reshape(D * k, D * k)
    return float(np.linalg.eigvalsh((H + H.T) / 2)[-1])


# ----------------------------------------------------------------------------- diagnostics
def gram(U: np.ndarray) -> np.ndarray:
    """X = U U^T, batched."""
    return U @ np.swapaxes(U, -1, -2)


def top_eigenvalues(X: np.ndarray, k: int) -> np.ndarray:
    """The k largest eigenvalues mu_1 >= ... >= mu_k of the symmetric X (batched)."""
    return np.linalg.eigvalsh(X)[..., ::-1][..., :k]


def numerical_rank(X: np.ndarray, rel_tol: float = 1e-3) -> np.ndarray:
    """Number of eigenvalues of the PSD X above ``rel_tol`` times the largest (batched)."""
    mu = np.linalg.eigvalsh(X)
    return np.sum(mu > rel_tol * mu[..., -1:], axis=-1)


def effective_rank(X: np.ndarray) -> np.ndarray:
    """Effective rank of Roy & Vetterli (2007): exp(entropy of sigma / sum(sigma)), batched.

    It is 1 for a rank-one matrix, r for r equal singular values, and varies continuously in
    between. The zero matrix has effective rank 0 by convention. ``ValueError`` if X has
    non-finite entries.
    """
    X = check_finite("X", X)
    s = np.linalg.svd(X, compute_uv=False)
    total = np.sum(s, axis=-1, keepdims=True)
    p = s / np.where(total > 0, total, 1.0)
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    return np.where(total[..., 0] > 0, np.exp(-np.sum(plogp, axis=-1)), 0.0)


def permute_problem(Y, mask, U0, perm):
    """The same problem with its indices relabelled by ``perm``: ``(P Y P^T, P mask P^T, P U0 Q)``
    with the columns of ``U0`` reversed (``Q``). In exact arithmetic gradient descent commutes with
    this relabelling, ``X -> P X P^T``; in floating point the sums run in another order, so the
    difference of the two results measures how much rounding decides the outcome."""
    ix = np.ix_(perm, perm)
    return Y[ix], mask[ix], U0[..., perm, ::-1]


# ----------------------------------------------------------------------------- validation
def _check_mask(mask):
    mask = np.asarray(mask)
    if mask.ndim != 2 or mask.shape[0] != mask.shape[1] or mask.dtype != bool:
        raise ValueError(f"mask must be a square boolean array, got {mask.dtype} {mask.shape}")
    if not np.array_equal(mask, mask.T):
        raise ValueError("mask must be symmetric: (i, j) observed exactly when (j, i) is")
    return mask


def _check_problem(Y, mask):
    mask = _check_mask(mask)
    Y = check_finite("Y", Y)
    if Y.shape != mask.shape:
        raise ValueError(f"Y {Y.shape} and mask {mask.shape} must have the same shape")
    if not np.allclose(Y, Y.T):
        raise ValueError("Y must be symmetric")
    return Y, mask
