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


def triangle_counterexample(eps: float):
    """The 3 x 3 instance where minimum rank and minimum nuclear norm disagree.

    Ground truth ``Y = x x^T`` with ``x = (sqrt(eps), sqrt(eps), 1/sqrt(eps))``; only the three
    off-diagonal entries are observed: ``Y_12 = eps``, ``Y_13 = Y_23 = 1``. Because the three
    observed edges form an odd cycle, ``Y`` is the unique rank-one PSD completion (up to the
    sign of x), with trace ``2 eps + 1/eps``, whereas for eps < 1/2 the rank-two PSD completion
    [[1-eps, eps, 1], [eps, 1-eps, 1], [1, 1, 2]] has the minimum trace ``4 - 2 eps``.
    Returns ``(Y, mask)``.
    """
    if not 0.0 < eps < 0.5:
        raise ValueError(f"eps must lie in (0, 1/2), got {eps}")
    x = np.array([np.sqrt(eps), np.sqrt(eps), 1.0 / np.sqrt(eps)])
    return np.outer(x, x), ~np.eye(3, dtype=bool)


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
    Y: np.ndarray, mask: np.ndarray, solver: str = SDP_SOLVER, tol: float = SDP_TOLERANCE
) -> np.ndarray:
    """Minimum nuclear norm PSD completion: min trace(X) s.t. X PSD, X_ij = Y_ij on Omega.

    For PSD X the singular values are the eigenvalues, so ||X||_* = trace(X) and the problem is
    a semidefinite program. The equality constraints are one vectorized constraint on the
    observed upper-triangular entries. Solved by ``solver`` (default Clarabel, an interior-point
    method) with feasibility and duality-gap tolerances ``tol``; returns X symmetrized.
    """
    Y, mask = _check_problem(Y, mask)
    rows, cols = np.nonzero(np.triu(mask))
    X = cp.Variable(Y.shape, PSD=True)
    constraints = [X[rows, cols] == Y[rows, cols]] if rows.size else []
    problem = cp.Problem(cp.Minimize(cp.trace(X)), constraints)
    problem.solve(solver=solver, **_solver_tolerances(solver, tol))
    if problem.status != cp.OPTIMAL:
        raise RuntimeError(f"SDP solver {solver} ended with status {problem.status}")
    return (X.value + X.value.T) / 2


def min_nuclear_norm_completion_normnuc(
    Y: np.ndarray, mask: np.ndarray, solver: str = "SCS", tol: float = 1e-7
) -> float:
    """Independent formulation: optimal value of min ||X||_* s.t. X PSD, X_Omega = Y_Omega.

    Uses cvxpy's ``normNuc`` atom (its own epigraph reformulation) and a different solver
    (default SCS, first order), elementwise masked constraints. Used to cross-check
    :func:`min_nuclear_norm_completion`.
    """
    Y, mask = _check_problem(Y, mask)
    X = cp.Variable(Y.shape, PSD=True)
    W = mask.astype(float)
    problem = cp.Problem(cp.Minimize(cp.normNuc(X)), [cp.multiply(W, X) == W * Y])
    problem.solve(solver=solver, **_solver_tolerances(solver, tol))
    if problem.status != cp.OPTIMAL:
        raise RuntimeError(f"solver {solver} ended with status {problem.status}")
    return float(problem.value)


def _solver_tolerances(solver: str, tol: float) -> dict:
    if solver == "CLARABEL":
        return {"tol_gap_abs": tol, "tol_gap_rel": tol, "tol_feas": tol}
    if solver == "SCS":
        return {"eps_abs": tol, "eps_rel": tol, "max_iters": 200_000}
    return {}


# ----------------------------------------------------------------------------- gradient descent
def completion_loss(Y: np.ndarray, mask: np.ndarray, U: np.ndarray) -> np.ndarray:
    """The objective (12), 1/2 ||P_Omega(U U^T - Y)||_F^2, for U of shape (..., D, k)."""
    R = _residual(Y, mask, np.asarray(U, dtype=float))
    return 0.5 * np.sum(R * R, axis=(-2, -1))


def _residual(Y, mask, U):
    """P_Omega(U U^T - Y), batched over the leading axes of U."""
    return np.where(mask, U @ np.swapaxes(U, -1, -2) - Y, 0.0)


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

    Raises ``ValueError`` naming ``eta`` if the iterates diverge (non-finite loss, or a loss
    above 1e6 times the larger of the initial loss and ||P_Omega(Y)||^2).
    """
    Y, mask = _check_problem(Y, mask)
    U = np.array(U0, dtype=float, copy=True)
    if U.ndim not in (2, 3) or U.shape[-2] != Y.shape[0]:
        raise ValueError(
            f"U0 must have shape (D, k) or (B, D, k) with D={Y.shape[0]}, got {U.shape}"
        )
    if not eta > 0:
        raise ValueError(f"step size eta must be positive, got eta={eta}")
    if steps < 0 or int(steps) != steps:
        raise ValueError(f"steps must be a non-negative integer, got {steps}")
    if tol < 0:
        raise ValueError(f"tol must be non-negative, got {tol}")
    scale = max(float(np.max(completion_loss(Y, mask, U))), float(np.sum((mask * Y) ** 2)))
    blowup = 1e6 * max(scale, np.finfo(float).tiny)
    for _ in range(int(steps)):
        R = _residual(Y, mask, U)
        loss = 0.5 * np.sum(R * R, axis=(-2, -1))
        if not np.all(np.isfinite(loss)) or np.any(loss > blowup):
            raise ValueError(
                f"gradient descent on (12) diverged with step size eta={eta}; use a smaller eta"
            )
        if tol > 0:
            active = loss > tol
            if not np.any(active):
                break
            R = R * active[..., None, None]
        U -= (2.0 * eta) * (R @ U)
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
    steps: int,
    tol: float = 0.0,
    seed: int = 0,
) -> np.ndarray:
    """Gradient descent on (12) from U_0 = alpha * U_init, all alphas and seeds in one stack.

    ``U_init`` has i.i.d. N(0, 1/D) entries (so U_init U_init^T is close to the identity and
    alpha^2 is the scale of X at initialization); seed s of the sweep uses the s-th of
    ``n_seeds`` draws from ``default_rng(seed)``, the same draw for every alpha. Returns the
    final factors, shape ``(len(alphas), n_seeds, D, D)``.
    """
    Y, mask = _check_problem(Y, mask)
    D = Y.shape[0]
    alphas = np.asarray(alphas, dtype=float)
    U_init = np.random.default_rng(seed).standard_normal((n_seeds, D, D)) / np.sqrt(D)
    U0 = alphas[:, None, None, None] * U_init[None]
    U = factorized_gd_completion(Y, mask, U0.reshape(-1, D, D), eta, steps, tol=tol)
    return U.reshape(alphas.size, n_seeds, D, D)


def sweep_summary(U: np.ndarray, Y: np.ndarray, mask: np.ndarray, X_nuc: np.ndarray) -> dict:
    """Per-run diagnostics of GD factors ``U`` (any leading shape) against X_nuc and Y.

    Keys: ``dist_nuc`` = ||UU^T - X_nuc||_F/||X_nuc||_F, ``dist_truth`` = ||UU^T - Y||_F/||Y||_F,
    ``nuc_gap`` = ||UU^T||_* - ||X_nuc||_* (= ||U||_F^2 - trace X_nuc), ``erank`` (effective
    rank of UU^T) and ``loss`` (the objective (12)).
    """
    X = gram(U)
    return {
        "dist_nuc": relative_distance(X, X_nuc),
        "dist_truth": relative_distance(X, Y),
        "nuc_gap": np.sum(U * U, axis=(-2, -1)) - np.trace(X_nuc),
        "erank": effective_rank(X),
        "loss": completion_loss(Y, mask, U),
    }


# ----------------------------------------------------------------------------- diagnostics
def gram(U: np.ndarray) -> np.ndarray:
    """X = U U^T, batched."""
    return U @ np.swapaxes(U, -1, -2)


def relative_distance(X: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """||X - reference||_F / ||reference||_F, batched over the leading axes of X."""
    return np.linalg.norm(X - reference, axis=(-2, -1)) / np.linalg.norm(reference)


def nuclear_norm(X: np.ndarray) -> np.ndarray:
    """||X||_*, the sum of singular values, batched (for X = U U^T it equals ||U||_F^2)."""
    return np.sum(np.linalg.svd(X, compute_uv=False), axis=-1)


def effective_rank(X: np.ndarray) -> np.ndarray:
    """Effective rank of Roy & Vetterli (2007): exp(entropy of sigma / sum(sigma)), batched.

    It is 1 for a rank-one matrix, r for r equal singular values, and varies continuously in
    between, so it measures "how many directions" a completion really uses.
    """
    s = np.linalg.svd(X, compute_uv=False)
    p = s / np.sum(s, axis=-1, keepdims=True)
    plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    return np.exp(-np.sum(plogp, axis=-1))


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


def plot_alpha_sweep(alphas, summaries: dict):
    """Relative distances to X_nuc and Y (left) and the nuclear-norm gap (right) against alpha.

    ``summaries`` maps a regime title to a :func:`sweep_summary` of shape (n_alpha, n_seeds);
    one row of panels per regime. Error bars: one standard deviation over the seeds.
    """
    import matplotlib.pyplot as plt

    from hw3.plotting import METHOD_COLORS

    rows = len(summaries)
    fig, axes = plt.subplots(rows, 2, figsize=(7, 2.4 * rows + 0.4), squeeze=False)
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
        ax_d.set_ylabel("relative distance\nof $UU^\\top$")
        ax_d.set_title(title)
        ax_d.legend()
        _errorbar(ax_g, alphas, s["nuc_gap"], color=METHOD_COLORS["gd"])
        ax_g.axhline(0.0, color=METHOD_COLORS["min_nuclear"], linewidth=1)
        ax_g.set_yscale("symlog", linthresh=1e-3)
        ax_g.set_ylabel(r"$\|UU^\top\|_* - \|X_{\mathrm{nuc}}\|_*$")
        ax_g.set_title("nuclear-norm gap (symlog)")
        for ax in (ax_d, ax_g):
            _alpha_axis(ax)
    fig.tight_layout()
    return fig


def plot_counterexample(alphas, summary: dict, Y: np.ndarray, X_nuc: np.ndarray):
    """Nuclear norm (left) and effective rank (right) of the GD solution against alpha.

    Horizontal lines: the minimum-rank completion Y and the minimum nuclear norm completion.
    """
    import matplotlib.pyplot as plt

    from hw3.plotting import METHOD_COLORS

    fig, (ax_n, ax_r) = plt.subplots(1, 2, figsize=(7, 3))
    nuc = summary["nuc_gap"] + np.trace(X_nuc)
    for ax, values, ref_rank, ref_nuc, label in (
        (ax_n, nuc, np.trace(Y), np.trace(X_nuc), "nuclear norm"),
        (ax_r, summary["erank"], effective_rank(Y), effective_rank(X_nuc), "effective rank"),
    ):
        _errorbar(ax, alphas, values, color=METHOD_COLORS["gd"], label="GD, $UU^\\top$")
        ax.axhline(
            ref_rank, color=METHOD_COLORS["min_rank"], linestyle="--", label="minimum rank ($Y$)"
        )
        ax.axhline(
            ref_nuc,
            color=METHOD_COLORS["min_nuclear"],
            linestyle=":",
            label=r"minimum nuclear norm",
        )
        ax.set_ylabel(label)
        _alpha_axis(ax)
    ax_n.legend()
    fig.tight_layout()
    return fig
