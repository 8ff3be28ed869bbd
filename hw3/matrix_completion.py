"""Problem 2(f): gradient descent on the factorized matrix completion problem (12).

Notation. ``Y`` is a symmetric positive semidefinite ``D x D`` matrix, ``mask`` a symmetric
boolean ``D x D`` array marking the observed set Omega (ordered pairs, so (i, j) is observed
exactly when (j, i) is), and ``P_Omega`` keeps the observed entries and zeroes the others.
The objective (12) is

    L(U) = 1/2 * sum_{(i,j) in Omega} ((U U^T)_ij - Y_ij)^2 = 1/2 ||P_Omega(U U^T - Y)||_F^2,

whose gradient is ``grad L(U) = 2 P_Omega(U U^T - Y) U`` (the residual is symmetric because
Omega is). The conjecture of Gunasekar et al. (2017) is that gradient descent on (12) from
``U_0 = alpha * U_init`` with alpha -> 0 and a small step converges to the minimum nuclear norm
completion, computed here by the semidefinite program in :func:`min_nuclear_norm_completion`.

All array functions accept stacks: a leading batch axis ``(B, D, k)`` runs B independent
problems (initializations, seeds) with one ``np.matmul`` per step.
"""

from __future__ import annotations

from dataclasses import dataclass

import cvxpy as cp
import numpy as np

#: Solver and accuracy of the semidefinite program (interior point; duality gap and residuals).
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

    Why 1/p: at a solution U U^T = Y the Hessian of (12) is the quadratic form
    V -> ||P_Omega(U V^T + V U^T)||_F^2; with every entry observed its largest eigenvalue is
    4 mu_1(Y) (V along the top singular pair of U), and observing a fraction p of the entries
    scales it by about p. So eta = c / p keeps eta * mu_max(Hessian) near 4 c mu_1(Y) =
    0.32 mu_1(Y) whatever p, and mu_1(Y) is about 1 for :func:`make_completion_problem`
    (sampling fluctuations raise the product to 0.3-0.7 at the true factor of instances with
    D = 20, p = 0.25 or 0.5). Why 0.08: that is well inside the stability limit
    eta * mu_max < 2 (the notebook measures it at the GD solutions and reruns
    with eta / 4), yet large enough for 10^4 steps to settle the runs.
    """
    if not 0.0 < observed_fraction <= 1.0:
        raise ValueError(f"observed_fraction must lie in (0, 1], got {observed_fraction}")
    return STEP_CONSTANT / observed_fraction


def triangle_counterexample(delta: float):
    """The 3 x 3 instance where minimum rank and minimum nuclear norm disagree.

    Ground truth ``Y = x x^T`` with ``x = (sqrt(delta), sqrt(delta), 1/sqrt(delta))``; only the
    three off-diagonal entries are observed: ``Y_12 = delta``, ``Y_13 = Y_23 = 1``. Because the
    three observed edges form an odd cycle, ``Y`` is the unique rank-one PSD completion (up to
    the sign of x), with trace ``2 delta + 1/delta``, whereas for delta < 1/2 the rank-two PSD
    completion [[1-delta, delta, 1], [delta, 1-delta, 1], [1, 1, 2]] has the minimum trace
    ``4 - 2 delta``. Returns ``(Y, mask)``.
    """
    if not 0.0 < delta < 0.5:
        raise ValueError(f"delta must lie in (0, 1/2), got {delta}")
    x = np.array([np.sqrt(delta), np.sqrt(delta), 1.0 / np.sqrt(delta)])
    return np.outer(x, x), ~np.eye(3, dtype=bool)


@dataclass(frozen=True)
class CompletionInstance:
    """A completion problem with its SDP solution: Y, mask, observed fraction p, X_nuc, Lam."""

    Y: np.ndarray
    mask: np.ndarray
    p: float
    X_nuc: np.ndarray
    Lam: np.ndarray


def completion_instances(D: int, rank: int, specs) -> dict:
    """Random instances and their minimum nuclear norm completions, keyed "name seed".

    ``specs`` is a sequence of ``(name, observed_fraction, seed)``; each instance is
    :func:`make_completion_problem` ``(D, rank, observed_fraction, seed)`` with X_nuc and the
    dual certificate Lam from :func:`min_nuclear_norm_completion`.
    """
    out = {}
    for name, p, seed in specs:
        Y, mask = make_completion_problem(D, rank, p, seed=seed)
        X_nuc, Lam = min_nuclear_norm_completion(Y, mask, return_dual=True)
        out[f"{name} {seed}"] = CompletionInstance(Y, mask, p, X_nuc, Lam)
    return out


def describe_instance(key: str, inst: CompletionInstance) -> str:
    """Two lines: what is observed, and how X_nuc compares with Y (distance over ||Y||_F)."""
    D = inst.Y.shape[0]
    return (
        f"{key}: p = {inst.p}, observed {inst.mask.sum()} of {D * D} entries, "
        f"{inst.mask.diagonal().sum()} of {D} diagonal; trace fixed: "
        f"{trace_fixed_by_data(inst.mask)}\n"
        f"    ||X_nuc - Y||_F/||Y||_F = {relative_distance(inst.X_nuc, inst.Y):.2e}; "
        f"trace X_nuc {np.trace(inst.X_nuc):.4f}, Y {np.trace(inst.Y):.4f}; "
        f"e-rank {effective_rank(inst.X_nuc):.2f}, {effective_rank(inst.Y):.2f}"
    )


def trace_fixed_by_data(mask: np.ndarray) -> bool:
    """Vacuous-case detector: is trace(X) the same for every PSD completion X?

    Exactly when every diagonal entry is observed. If all are, trace(X) = sum_i Y_ii for every
    completion. If X_ii is not observed and X is a PSD completion, so is X + t e_i e_i^T for
    every t >= 0, with trace growing without bound; the minimum nuclear norm is then a real
    selection among completions of different norms.
    """
    mask = _check_mask(mask)
    return bool(np.all(np.diagonal(mask)))


# ----------------------------------------------------------------------------- convex baseline
def min_nuclear_norm_completion(
    Y: np.ndarray,
    mask: np.ndarray,
    solver: str = SDP_SOLVER,
    tol: float = SDP_TOLERANCE,
    return_dual: bool = False,
):
    """Minimum nuclear norm PSD completion: min trace(X) s.t. X PSD, X_ij = Y_ij on Omega.

    For PSD X the singular values are the eigenvalues, so ||X||_* = trace(X) and the problem is
    a semidefinite program. The equality constraints are one vectorized constraint on the
    observed upper-triangular entries. Solved by ``solver`` ("CLARABEL", the default, an
    interior-point method, or "SCS"; others raise ``ValueError``) with feasibility and
    duality-gap tolerances ``tol``; returns X symmetrized.

    With ``return_dual=True`` returns ``(X, Lam)``, where ``Lam`` is the symmetric multiplier
    of the equality constraints, supported on Omega: the dual SDP is
    max <Lam, Y> s.t. I - Lam PSD, and at the optimum <Lam, Y> = trace(X) (no duality gap).
    For every PSD X' this gives the certificate
    trace(X') >= trace(X) - ||Lam||_F ||P_Omega(X' - Y)||_F (see :func:`trace_deficit_bound`).
    """
    Y, mask = _check_problem(Y, mask)
    rows, cols = np.nonzero(np.triu(mask))
    X = cp.Variable(Y.shape, PSD=True)
    constraints = [X[rows, cols] == Y[rows, cols]] if rows.size else []
    problem = cp.Problem(cp.Minimize(cp.trace(X)), constraints)
    problem.solve(solver=solver, **_solver_tolerances(solver, tol))
    if problem.status != cp.OPTIMAL:
        raise RuntimeError(f"SDP solver {solver} ended with status {problem.status}")
    X_opt = (X.value + X.value.T) / 2
    if not return_dual:
        return X_opt
    # cvxpy's multiplier nu of "X_ij = Y_ij" (i <= j) is -d(optimal value)/d(Y_ij); the value
    # depends on Y_ij through both X_ij and X_ji off the diagonal, so Lam_ij = -nu / 2 there.
    Lam = np.zeros_like(Y)
    if rows.size:
        Lam[rows, cols] = -np.asarray(constraints[0].dual_value, dtype=float)
    return X_opt, (Lam + Lam.T) / 2


def trace_deficit_bound(Lam: np.ndarray, Y: np.ndarray, mask: np.ndarray, U: np.ndarray):
    """||Lam||_F * ||P_Omega(U U^T - Y)||_F: how far trace(U U^T) can fall below trace(X_nuc).

    If I - Lam is PSD and Lam is supported on Omega with <Lam, Y> = trace(X_nuc), then for
    X = U U^T: trace(X) = <I - Lam, X> + <Lam, X> >= <Lam, Y> + <Lam, P_Omega(X - Y)>
    >= trace(X_nuc) - ||Lam||_F ||P_Omega(X - Y)||_F. A nuclear-norm gap larger than minus this
    bound is thus certified; a negative gap within it is explained by the residual alone.
    Batched over the leading axes of U.
    """
    Y, mask = _check_problem(Y, mask)
    R = _residual(Y, mask, np.asarray(U, dtype=float))
    return np.linalg.norm(Lam) * np.linalg.norm(R, axis=(-2, -1))


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
    """The objective (12), 1/2 ||P_Omega(U U^T - Y)||_F^2, for U of shape (..., D, k)."""
    R = _residual(Y, mask, np.asarray(U, dtype=float))
    return 0.5 * np.sum(R * R, axis=(-2, -1))


def _residual(Y, mask, U):
    """P_Omega(U U^T - Y), batched over the leading axes of U."""
    return np.where(mask, U @ np.swapaxes(U, -1, -2) - Y, 0.0)


#: How often (in steps) :func:`factorized_gd_completion` checks the loss when tol = 0.
_CHECK_EVERY = 100
#: A checked loss may exceed the previous one by this fraction of it (rounding) ...
_RISE_RTOL = 1e-9
#: ... plus this fraction of the loss scale max(loss(U0), ||P_Omega(Y)||_F^2): once a run has
#: stalled at the rounding level its loss wanders, on the notebook's instances by up to 4e-31
#: of the scale (3e-30) between checks, so a fixed absolute 1e-30 would stop correct runs.
_RISE_ATOL = 1e-26


def factorized_gd_completion(
    Y: np.ndarray,
    mask: np.ndarray,
    U0: np.ndarray,
    eta: float,
    steps: int,
    tol: float = 0.0,
) -> np.ndarray:
    """Gradient descent on (12): U <- U - eta * 2 P_Omega(U U^T - Y) U.

    ``U0`` is one factor ``(D, k)`` (k = D in (12)) or a stack ``(B, D, k)`` of independent
    initializations. Runs ``steps`` steps; if ``tol > 0`` a factor whose loss (12) is <= tol
    before a step is frozen there (each member of a stack is stopped on its own, so a stack
    gives the same factors as separate runs), and the loop ends when all are frozen. With
    ``tol = 0`` exactly ``steps`` steps are taken. ``U0`` is not modified.

    The loss is checked before every step if ``tol > 0``, else before steps k and k + 1 for
    every multiple k of ``_CHECK_EVERY``, and at the end. Raises ``ValueError`` naming ``eta``
    if the step is too large for the iterates. With the loss scale s = max(loss(U0),
    ||P_Omega(Y)||_F^2) this shows either as divergence (a non-finite loss, or one above 1e6 s;
    floating-point overflow in between is silenced) or as a loss that went up since the
    previous check by more than ``_RISE_RTOL`` times that loss plus ``_RISE_ATOL`` times s
    (rounding), for any member of the stack. A small enough step decreases (12) at every
    step, so a rise means that the step overshoots, e.g. a bounded oscillation; checking two
    consecutive steps also catches a period-two cycle, whose loss repeats every even step.
    """
    Y, mask = _check_problem(Y, mask)
    U = np.array(U0, dtype=float, copy=True)
    if U.ndim not in (2, 3) or U.shape[-2] != Y.shape[0]:
        raise ValueError(
            f"U0 must have shape (D, k) or (B, D, k) with D={Y.shape[0]}, got {U.shape}"
        )
    if not np.all(np.isfinite(U)):
        raise ValueError("U0 must be finite (it contains NaN or infinite entries)")
    if not (eta > 0 and np.isfinite(eta)):
        raise ValueError(f"step size eta must be positive and finite, got eta={eta}")
    if steps < 0 or int(steps) != steps:
        raise ValueError(f"steps must be a non-negative integer, got {steps}")
    if not tol >= 0:  # also rejects NaN
        raise ValueError(f"tol must be non-negative, got {tol}")
    previous = completion_loss(Y, mask, U)
    scale = max(float(np.max(previous)), float(np.sum((mask * Y) ** 2)))
    blowup = 1e6 * max(scale, np.finfo(float).tiny)
    rounding = _RISE_ATOL * scale
    W = mask.astype(float)
    R = np.empty(U.shape[:-1] + (U.shape[-2],))  # preallocated P_Omega(U U^T - Y)
    G = np.empty_like(U)  # preallocated step 2 eta P_Omega(U U^T - Y) U

    def check(loss):
        """Raise if ``loss`` diverged or rose since the previous check; then remember it."""
        nonlocal previous
        if not np.all(np.isfinite(loss)) or np.any(loss > blowup):
            raise ValueError(
                f"gradient descent on (12) diverged with step size eta={eta}; use a smaller eta"
            )
        excess = np.ravel(loss - previous - (_RISE_RTOL * previous + rounding))
        if np.any(excess > 0):
            b = int(np.argmax(excess))
            raise ValueError(
                f"gradient descent on (12) does not descend with step size eta={eta} (the loss "
                f"rose from {np.ravel(previous)[b]:.3e} to {np.ravel(loss)[b]:.3e}, e.g. a "
                "bounded oscillation); use a smaller eta"
            )
        previous = loss

    with np.errstate(over="ignore", invalid="ignore"):
        for k in range(int(steps)):
            np.matmul(U, np.swapaxes(U, -1, -2), out=R)
            R -= Y
            R *= W
            if tol > 0 or k % _CHECK_EVERY < 2:
                loss = 0.5 * np.sum(R * R, axis=(-2, -1))
                check(loss)
                if tol > 0:
                    active = loss > tol
                    if not np.any(active):
                        break
                    R *= active[..., None, None]
            np.matmul(R, U, out=G)
            G *= 2.0 * eta
            U -= G
        check(completion_loss(Y, mask, U))
    return U


def greedy_low_rank_completion(
    Y: np.ndarray,
    mask: np.ndarray,
    eta: float,
    steps_per_rank: int,
    scale: float = 1e-6,
    tol: float = 1e-10,
    max_rank: int | None = None,
):
    """Greedy Low-Rank Learning (Li, Luo & Lyu 2021), in its discrete-step form.

    Start from U = [] (rank 0). At each stage append a column ``scale * v``, with v the top
    eigenvector of -grad f(U U^T) = P_Omega(Y - U U^T), run gradient descent on (12) over the
    current ``D x r`` factor for ``steps_per_rank`` steps, and stop once the loss is <= tol.
    Returns ``(U, losses)``: the final factor and the loss at the end of each stage.
    """
    Y, mask = _check_problem(Y, mask)
    D = Y.shape[0]
    max_rank = D if max_rank is None else max_rank
    U = np.zeros((D, 0))
    losses = []
    while U.shape[1] < max_rank:
        _, vecs = np.linalg.eigh(-_residual(Y, mask, U))
        U = np.hstack([U, scale * vecs[:, -1:]])
        U = factorized_gd_completion(Y, mask, U, eta, steps_per_rank, tol=tol)
        losses.append(float(completion_loss(Y, mask, U)))
        if losses[-1] <= tol:
            break
    return U, losses


def initialization_sweep(
    Y: np.ndarray,
    mask: np.ndarray,
    alphas,
    n_seeds: int,
    eta: float,
    steps,
    seed: int = 0,
):
    """Gradient descent on (12) from U_0 = alpha * U_init, all alphas and seeds in one stack.

    ``U_init`` has i.i.d. N(0, 1/D) entries (so U_init U_init^T is close to the identity and
    alpha^2 is the scale of X at initialization); seed s of the sweep uses the s-th of
    ``n_seeds`` draws from ``default_rng(seed)``, the same draw for every alpha. ``steps`` is
    one step count, or an increasing sequence of checkpoints (one run, continued from each
    checkpoint to the next). Returns the factors, shape ``(len(alphas), n_seeds, D, D)``, or a
    list of such arrays, one per checkpoint.
    """
    Y, mask = _check_problem(Y, mask)
    D = Y.shape[0]
    alphas = np.asarray(alphas, dtype=float)
    checkpoints = np.atleast_1d(steps)
    if np.any(np.diff(checkpoints) < 0):
        raise ValueError(f"checkpoints must be increasing, got {steps}")
    U_init = np.random.default_rng(seed).standard_normal((n_seeds, D, D)) / np.sqrt(D)
    U = (alphas[:, None, None, None] * U_init[None]).reshape(-1, D, D)
    out, done = [], 0
    for k in checkpoints:
        U = factorized_gd_completion(Y, mask, U, eta, int(k) - done)
        out.append(U.reshape(alphas.size, n_seeds, D, D))
        done = int(k)
    return out[0] if np.ndim(steps) == 0 else out


def sweep_summary(
    U: np.ndarray, Y: np.ndarray, mask: np.ndarray, X_nuc: np.ndarray, Lam=None
) -> dict:
    """Per-run diagnostics of GD factors ``U`` (any leading shape) against X_nuc and Y.

    Both distances are divided by the same ||Y||_F: ``dist_nuc`` = ||UU^T - X_nuc||_F/||Y||_F,
    ``dist_truth`` = ||UU^T - Y||_F/||Y||_F. Further keys: ``nuc_gap`` = ||UU^T||_* -
    ||X_nuc||_* (= ||U||_F^2 - trace X_nuc), ``erank`` (effective rank of UU^T), ``loss`` (the
    objective (12)) and, if the dual certificate ``Lam`` of the SDP is given, ``deficit_bound``
    (:func:`trace_deficit_bound`: the gap is certified to be >= minus this).
    """
    X = gram(U)
    summary = {
        "dist_nuc": relative_distance(X, X_nuc, Y),
        "dist_truth": relative_distance(X, Y),
        "nuc_gap": np.sum(U * U, axis=(-2, -1)) - np.trace(X_nuc),
        "erank": effective_rank(X),
        "loss": completion_loss(Y, mask, U),
    }
    if Lam is not None:
        summary["deficit_bound"] = trace_deficit_bound(Lam, Y, mask, U)
    return summary


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


def relative_distance(X: np.ndarray, reference: np.ndarray, scale=None) -> np.ndarray:
    """||X - reference||_F / ||scale||_F (``scale`` defaults to ``reference``), batched over X."""
    scale = reference if scale is None else scale
    return np.linalg.norm(X - reference, axis=(-2, -1)) / np.linalg.norm(scale)


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
    between, so it measures "how many directions" a completion really uses. The zero matrix
    uses none: its effective rank is defined as 0 (sigma / sum(sigma) is undefined there).
    Raises ``ValueError`` if X has non-finite entries.
    """
    X = np.asarray(X, dtype=float)
    if not np.all(np.isfinite(X)):
        raise ValueError("effective_rank needs a finite matrix (X contains NaN or inf)")
    s = np.linalg.svd(X, compute_uv=False)
    total = np.sum(s, axis=-1, keepdims=True)
    p = s / np.where(total > 0, total, 1.0)
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    return np.where(total[..., 0] > 0, np.exp(-np.sum(plogp, axis=-1)), 0.0)


# ----------------------------------------------------------------------------- tables
def _pm(values, digits=3):
    """'mean +- std' over the last axis."""
    return f"{values.mean():.{digits}f} +- {values.std():.{digits}f}"


def format_sweep_table(alphas, summary: dict, checkpoint: dict | None = None) -> str:
    """One row per alpha of a :func:`sweep_summary` of shape (n_alpha, n_seeds).

    Columns: mean +- std over seeds of both relative distances (to X_nuc and to Y, both over
    ||Y||_F), mean nuclear-norm gap, mean effective rank, largest loss (12) over seeds; if
    ``summary`` has ``deficit_bound``, its largest value over seeds ("gap >= -bound"); if a
    ``checkpoint`` summary (same runs, fewer steps) is given, the largest change over seeds of
    the distance to X_nuc since that checkpoint.
    """
    bound = "deficit_bound" in summary
    head = "  alpha  dist to X_nuc   dist to Y       nuc. gap  e-rank  max loss"
    head += "  gap bound" if bound else ""
    head += "   change" if checkpoint is not None else ""
    lines = [head]
    for i, alpha in enumerate(alphas):
        row = (
            f"  {alpha:5.0e}  {_pm(summary['dist_nuc'][i])}  {_pm(summary['dist_truth'][i])}"
            f"  {summary['nuc_gap'][i].mean():+8.4f}  {summary['erank'][i].mean():6.3f}"
            f"  {summary['loss'][i].max():8.1e}"
        )
        if bound:
            row += f"  {-summary['deficit_bound'][i].max():+9.1e}"
        if checkpoint is not None:
            change = np.abs(summary["dist_nuc"][i] - checkpoint["dist_nuc"][i]).max()
            row += f"  {change:7.1e}"
        lines.append(row)
    return "\n".join(lines)


def format_spectra(matrices: dict, k: int = 6, rel_tol: float = 1e-3) -> str:
    """Top-k eigenvalues, numerical rank (:func:`numerical_rank`) and trace of named PSD X."""
    width = max(len(name) for name in matrices)
    head = f"{'':{width}}  " + " ".join(f"{f'mu_{i + 1}':>7}" for i in range(k))
    lines = [head + f"  rank  {'trace':>6}"]
    for name, X in matrices.items():
        mu = " ".join(f"{m:7.1e}" for m in np.clip(top_eigenvalues(X, k), 0.0, None))
        rank, trace = numerical_rank(X, rel_tol), np.trace(X)
        lines.append(f"{name:{width}}  {mu}  {rank:4d}  {trace:6.4f}")
    return "\n".join(lines)


def format_counterexample_table(alphas, summary: dict, X_nuc: np.ndarray) -> str:
    """One row per alpha: mean nuclear norm, effective rank, distances; largest loss."""
    lines = ["  alpha  ||UU^T||_*  e-rank  dist to Y  dist to X_nuc  max loss"]
    for i, alpha in enumerate(alphas):
        lines.append(
            f"  {alpha:5.0e}  {summary['nuc_gap'][i].mean() + np.trace(X_nuc):10.4f}"
            f"  {summary['erank'][i].mean():6.3f}  {summary['dist_truth'][i].mean():9.1e}"
            f"  {summary['dist_nuc'][i].mean():13.3f}  {summary['loss'][i].max():8.1e}"
        )
    return "\n".join(lines)


def format_step_comparison(alphas, summary: dict, small_step: dict, rows, steps: int) -> str:
    """Seed 0 at step eta and at eta/4: nuclear-norm gap, distance to X_nuc, loss (eta/4).

    ``summary`` (``steps`` steps of size eta) and ``small_step`` (4 ``steps`` steps of size
    eta/4, the same gradient-flow time) are :func:`sweep_summary` results (n_alpha, n_seeds);
    row ``rows[i]`` of ``summary`` and row i of ``small_step`` are the runs at ``alphas[i]``.
    """
    lines = [
        f"seed 0   {f'eta, {steps:,} steps':<25}eta/4, {4 * steps:,} steps",
        "  alpha  gap      dist to X_nuc   gap      dist to X_nuc   loss (eta/4)",
    ]
    for i, j in enumerate(rows):
        lines.append(
            f"  {alphas[i]:5.0e}  {summary['nuc_gap'][j, 0]:.4f}   "
            f"{summary['dist_nuc'][j, 0]:.4f}          "
            f"{small_step['nuc_gap'][i, 0]:.4f}   {small_step['dist_nuc'][i, 0]:.4f}"
            f"          {small_step['loss'][i, 0]:.1e}"
        )
    return "\n".join(lines)


def describe_glrl(U_glrl, losses, inst: CompletionInstance, alphas, U_gd) -> str:
    """GLRL's end point against Y and X_nuc, and the mean distance of GD factors to it.

    ``U_gd`` has shape (len(alphas), n_seeds, D, k); distances are over ||Y||_F, the gap is
    trace(X_GLRL) - trace(X_nuc).
    """
    X = gram(U_glrl)
    dist_gd = relative_distance(gram(U_gd), X, inst.Y).mean(axis=1)
    return (
        f"GLRL: {U_glrl.shape[1]} stages, final loss {losses[-1]:.1e}; distance to Y "
        f"{relative_distance(X, inst.Y):.1e}, to X_nuc "
        f"{relative_distance(X, inst.X_nuc, inst.Y):.3f}; gap "
        f"{np.trace(X) - np.trace(inst.X_nuc):.4f}\n"
        "distance of GD to GLRL (mean over seeds):\n  "
        + "  ".join(f"{a:.0e}: {d:.3f}" for a, d in zip(alphas, dist_gd, strict=True))
    )


def describe_counterexample(delta: float, Y: np.ndarray, X_nuc: np.ndarray) -> str:
    """The SDP solution of :func:`triangle_counterexample` against its closed form, and Y."""
    eigenvalues = np.linalg.eigvalsh(X_nuc).round(4) + 0.0  # + 0.0 turns -0.0 into 0.0
    return (
        f"minimum nuclear norm completion (SDP):\n {X_nuc.round(4)}\n"
        f"  ||X_nuc||_* = {np.trace(X_nuc):.4f} (4 - 2 delta = {4 - 2 * delta:.4f}), "
        f"e-rank {effective_rank(X_nuc):.3f}, eigenvalues:\n   {eigenvalues}\n"
        f"minimum-rank completion Y: ||Y||_* = {np.trace(Y):.4f}, rank "
        f"{np.linalg.matrix_rank(Y)}, e-rank {effective_rank(Y):.3f}\n"
        f"||X_nuc - Y||_F / ||Y||_F = {relative_distance(X_nuc, Y):.3f}"
    )


# ----------------------------------------------------------------------------- validation
def _check_mask(mask):
    mask = np.asarray(mask)
    if mask.ndim != 2 or mask.shape[0] != mask.shape[1] or mask.dtype != bool:
        raise ValueError(f"mask must be a square boolean array, got {mask.dtype} {mask.shape}")
    if not np.array_equal(mask, mask.T):
        raise ValueError("mask must be symmetric: (i, j) observed exactly when (j, i) is")
    return mask


def _check_problem(Y, mask):
    Y = np.asarray(Y, dtype=float)
    mask = _check_mask(mask)
    if not np.all(np.isfinite(Y)):
        raise ValueError("Y must be finite (it contains NaN or infinite entries)")
    if Y.shape != mask.shape:
        raise ValueError(f"Y {Y.shape} and mask {mask.shape} must have the same shape")
    if not np.allclose(Y, Y.T):
        raise ValueError("Y must be symmetric")
    return Y, mask


# ----------------------------------------------------------------------------- plotting
def _errorbar(ax, alphas, values, **kwargs):
    """Mean over seeds (last axis) with one standard deviation as error bars."""
    ax.errorbar(
        alphas,
        values.mean(axis=-1),
        yerr=values.std(axis=-1),
        capsize=3,
        marker="o",
        markersize=3.5,
        **kwargs,
    )


def _alpha_axis(ax):
    ax.set_xscale("log")
    ax.invert_xaxis()
    ax.set_xlabel(r"initialization scale $\alpha$ ($\alpha \to 0$ to the right)")


def plot_alpha_sweep(alphas, summaries: dict, gap_refs: dict | None = None, gap_alpha_max=0.1):
    """Relative distances to X_nuc and Y (left) and the nuclear-norm gap (right) against alpha.

    ``summaries`` maps a regime title to a :func:`sweep_summary` of shape (n_alpha, n_seeds);
    one row of panels per regime. Error bars: one standard deviation over the seeds. The gap
    axis is linear and scaled to the runs with alpha <= ``gap_alpha_max``; larger alphas are
    off scale and their mean gap is written in the panel. ``gap_refs`` maps a regime title to
    ``{label: gap}`` of reference completions drawn as horizontal lines (Y in black).
    """
    import matplotlib.pyplot as plt

    from hw3.plotting import METHOD_COLORS

    gap_refs = gap_refs or {}
    rows = len(summaries)
    fig, axes = plt.subplots(rows, 2, figsize=(7, 2.6 * rows + 0.4), squeeze=False)
    for (title, s), (ax_d, ax_g) in zip(summaries.items(), axes, strict=True):
        _errorbar(
            ax_d,
            alphas,
            s["dist_nuc"],
            color=METHOD_COLORS["min_nuclear"],
            label=r"to $X_{\mathrm{nuc}}$",
        )
        _errorbar(
            ax_d,
            alphas,
            s["dist_truth"],
            color=METHOD_COLORS["truth"],
            label=r"to $Y$",
            linestyle="--",
        )
        ax_d.set_yscale("log")
        ax_d.set_ylabel("distance of $UU^\\top$\n(relative to $\\|Y\\|_F$)")
        ax_d.set_title(title)
        ax_d.legend()
        shown = np.asarray(alphas) <= gap_alpha_max
        _errorbar(ax_g, np.asarray(alphas)[shown], s["nuc_gap"][shown], color=METHOD_COLORS["gd"])
        ax_g.axhline(
            0.0,
            color=METHOD_COLORS["min_nuclear"],
            linewidth=1,
            label=r"$X_{\mathrm{nuc}}$ (gap 0)",
        )
        refs = gap_refs.get(title, {})
        for label, value in refs.items():
            ax_g.axhline(value, color=METHOD_COLORS["truth"], linestyle="--", label=label)
        _gap_limits(ax_g, s["nuc_gap"][shown], list(refs.values()))
        ax_g.set_ylabel(r"$\|UU^\top\|_* - \|X_{\mathrm{nuc}}\|_*$")
        ax_g.set_title("nuclear-norm gap of GD")
        ax_g.legend(loc="lower left" if refs else "upper right")
        for ax in (ax_d, ax_g):
            _alpha_axis(ax)
        ax_g.set_xlim(ax_d.get_xlim())
        top = ax_g.get_ylim()[1]
        for alpha, gap in zip(np.asarray(alphas)[~shown], s["nuc_gap"][~shown], strict=True):
            ax_g.plot([alpha], [0.97 * top], marker="^", color=METHOD_COLORS["gd"])
            ax_g.annotate(
                f"off scale: {gap.mean():.1f}",
                xy=(alpha, 0.97 * top),
                xytext=(8, 0),
                textcoords="offset points",
                va="center",
                fontsize=9,
            )
    fig.tight_layout()
    return fig


def _gap_limits(ax, gaps, refs):
    """Linear y range covering 0, the references and mean +- std of the shown gaps."""
    lo = min(0.0, *(gaps.mean(-1) - gaps.std(-1)), *refs)
    hi = max(0.0, *(gaps.mean(-1) + gaps.std(-1)), *refs)
    pad = 0.12 * (hi - lo)
    ax.set_ylim(lo - pad, hi + 2.5 * pad)


def plot_counterexample(alphas, summary: dict, Y: np.ndarray, X_nuc: np.ndarray):
    """Nuclear norm (left) and effective rank (right) of the GD solution against alpha.

    Horizontal lines: the minimum-rank completion Y (black, the ground truth) and the minimum
    nuclear norm completion.
    """
    import matplotlib.pyplot as plt

    from hw3.plotting import METHOD_COLORS

    fig, (ax_n, ax_r) = plt.subplots(1, 2, figsize=(7, 3))
    nuc = summary["nuc_gap"] + np.trace(X_nuc)
    for ax, values, ref_y, ref_nuc, label in (
        (ax_n, nuc, np.trace(Y), np.trace(X_nuc), "nuclear norm"),
        (ax_r, summary["erank"], effective_rank(Y), effective_rank(X_nuc), "effective rank"),
    ):
        _errorbar(ax, alphas, values, color=METHOD_COLORS["gd"], label="GD, $UU^\\top$")
        ax.axhline(ref_y, color=METHOD_COLORS["truth"], linestyle="--", label="$Y$ (minimum rank)")
        ax.axhline(
            ref_nuc,
            color=METHOD_COLORS["min_nuclear"],
            linestyle=":",
            label=r"$X_\star$ (min. nuclear norm)",
        )
        ax.set_ylabel(label)
        _alpha_axis(ax)
    ax_n.legend()
    fig.tight_layout()
    return fig
