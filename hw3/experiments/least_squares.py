"""Problem 2(a)-(d): numerical checks of the derivations on one random instance.

Every experiment rebuilds the instance from its seed (:func:`hw3.least_squares.random_instance`),
so the sections of the notebook do not depend on each other. Discrepancies that are rounding
noise are :class:`hw3.common.Check` objects (bounds, never printed digits).
"""

from __future__ import annotations

import numpy as np

from hw3 import least_squares as ls
from hw3.common import Check, relative_distance
from hw3.experiments import Measured, experiment

#: The instance of 2(a)-(d): n, m and the seeds of the instance and of the initializations.
N_ROWS, N_COLS, INSTANCE_SEED, INIT_SEED = 8, 20, 1, 2


@experiment
def solution_set_check(n=N_ROWS, m=N_COLS, seed=INSTANCE_SEED, samples=1000):
    """Appendix D.2: on the random n x m instance (n < m, i.i.d. Gaussian, ``seed``), A A^+ = I,
    every A^+ y + P z (``samples`` random z) solves (5), and P is the projector onto null(A) of rank
    m - n (each to 1e-12, else CheckFailed). Returns a :class:`hw3.experiments.Measured` with the values n, m and rank_P."""
    A, x_star, y = ls.random_instance(n, m, seed)
    A_plus, P = ls.right_pseudo_inverse(A), ls.null_space_projector(A)
    Z = np.random.default_rng(seed + 100).standard_normal((samples, m))
    solutions = ls.general_solution(A, y, Z)
    checks = (
        Check("max |A A⁺ − I|", np.abs(A @ A_plus - np.eye(n)).max(), 1e-12),
        Check(f"max over {samples} random z of |A(A⁺y + Pz) − y|", np.abs(solutions @ A.T - y).max(), 1e-12),
        Check("z = x*: max |A⁺y + Px* − x*|", np.abs(ls.general_solution(A, y, x_star) - x_star).max(), 1e-12),
        Check("max |A⁺ − pinv(A)|", np.abs(A_plus - np.linalg.pinv(A)).max(), 1e-12),
        Check("max |AP| (P projects onto null(A))", np.abs(A @ P).max(), 1e-12),
        Check("max |P² − P| + max |P − Pᵀ|", np.abs(P @ P - P).max() + np.abs(P - P.T).max(), 1e-12),
    )  # fmt: skip
    return Measured(checks, dict(n=n, m=m, rank_P=int(np.linalg.matrix_rank(P))))


@experiment
def smoothness_check(n=N_ROWS, m=N_COLS, seed=INSTANCE_SEED, pairs=10_000, factor_above=1.01):
    """Appendix D.3: inequality (6) with eta = 1/||A||_2^2 on ``pairs`` random pairs (x, w), the
    identity (16), and (6) along the top right singular vector q_1 at eta (tight) and at
    ``factor_above`` * eta (> 1: it must fail, by the predicted amount). Returns a
    :class:`hw3.experiments.Measured` with the values below."""
    A, _, y = ls.random_instance(n, m, seed)
    eta = ls.smoothness_step(A)
    sigma = np.linalg.svd(A, compute_uv=False)
    rng = np.random.default_rng(seed + 200)
    x, d = rng.exponential(2.0, (2, pairs, 1)) * rng.standard_normal((2, pairs, m))
    gap = ls.smoothness_gap(A, y, x, x + d, eta)
    expansion = ls.objective(A, y, x) + np.sum(ls.gradient(A, y, x) * d, axis=1)
    expansion += 0.5 * np.sum((d @ A.T) ** 2, axis=1)  # (16): exact for the quadratic f
    f_w = ls.objective(A, y, x + d)
    q1 = np.linalg.svd(A)[2][0]
    tight, above = (ls.smoothness_gap(A, y, x[0], x[0] + q1, e) for e in (eta, factor_above * eta))
    predicted = 0.5 * (sigma[0] ** 2 - 1 / (factor_above * eta))
    scale_f = 1.0 + abs(ls.objective(A, y, x[0]))
    checks = (
        Check("|η − 1/σ_max²| / η (σ_max from the SVD)", abs(eta * sigma[0] ** 2 - 1), 1e-12),
        Check("max relative residual of the expansion (16)", np.max(np.abs(f_w - expansion) / f_w), 1e-12),
        Check("|f(x + q₁) − right side of (6)| at η (tight)", abs(tight) / scale_f, 1e-12),
        Check(f"|gap at {factor_above}η − (σ₁² − 1/({factor_above}η))/2|", abs(above - predicted) / scale_f, 1e-12),
    )  # fmt: skip
    values = dict(
        eta=eta,
        pairs=pairs,
        factor_above=factor_above,
        # max over the pairs of [f(w) − right side of (6)] / ‖w − x‖², ≤ 0
        worst_ratio=float(np.max(gap / np.sum(d * d, axis=1))),
        # f(w) − right side of (6) for w = x + q₁ at factor_above η (> 0: (6) fails there), and
        # its predicted value (σ₁² − 1/(factor_above η)) / 2
        gap_above=float(above),
        gap_above_predicted=float(predicted),
    )
    return Measured(checks, values)


#: Relative errors ||e_k|| / ||e_0|| above this are far above rounding (about 1e-9 here): the rate
#: check of 2(c) uses ratios of such errors only, and its figure draws only them.
RESOLVED = 1e-6


@experiment
def convergence_check(n=N_ROWS, m=N_COLS, seed=INSTANCE_SEED, runs=5, steps=300, window=20):
    """Appendix D.4: ``runs`` gradient-descent runs of (7) with eta = 1/||A||_2^2 for ``steps``
    steps (at least about 200 here, so that the last ``window`` steps show the asymptotic rate):
    the descent inequality, the null-space part P x_k constant, one-step error ratios <= rho of
    Theorem 2, and the measured rate against rho. Returns a :class:`hw3.experiments.Measured` with
    the values below."""
    A, _, y = ls.random_instance(n, m, seed)
    eta = ls.smoothness_step(A)
    x0 = np.random.default_rng(INIT_SEED).standard_normal((runs, m))  # initializations
    trace = ls.gradient_descent(A, y, x0, eta, steps)  # (steps + 1, runs, m)
    f = ls.objective(A, y, trace)
    g2 = np.sum(ls.gradient(A, y, trace) ** 2, axis=-1)
    err = np.linalg.norm(trace - ls.general_solution(A, y, x0), axis=-1)
    rho = ls.predicted_contraction_rate(A, eta)
    measured = np.array([ls.measured_contraction_rate(err[:, b], window) for b in range(runs)])
    ratio = err[1:] / err[:-1]
    resolved = err[:-1] > RESOLVED * err[0]
    P = ls.null_space_projector(A)
    checks = (
        Check("$\\max_k\\, [f(x_{k+1}) - f(x_k) + \\frac{\\eta}{2}\\|\\nabla f(x_k)\\|^2]$ (descent (i))", max(0.0, np.max(f[1:] - f[:-1] + 0.5 * eta * g2[:-1])), 1e-12),
        Check("max_k ‖P x_k − P x_0‖ (the null-space part is constant)", np.linalg.norm((trace - x0) @ P, axis=-1).max(), 1e-12),
        Check("max_k ‖e_{k+1}‖/‖e_k‖ − ρ (rate bound (17))", max(0.0, np.max(ratio[resolved]) - rho), 1e-9),
        Check(f"max |measured rate − ρ| (last {window} steps)", np.abs(measured - rho).max(), 1e-6),
    )  # fmt: skip
    values = dict(
        rho=rho,  # predicted contraction rate 1 − σ²min/σ²max
        measured_rates=measured,  # one per initialization, over the last ``window`` steps
        relative_errors=err / err[0],  # (steps + 1, runs)
    )
    return Measured(checks, values)


@experiment
def min_norm_check(n=N_ROWS, m=N_COLS, seed=INSTANCE_SEED, runs=5, steps=600):
    """Appendix D.5: gradient descent (7) for ``steps`` steps (enough to converge to 1e-12 here,
    about 600) from 0 against A^T (A A^T)^-1 y, pinv and lstsq, and from ``runs`` random starts
    against A^+ y + P x_0, the solution nearest x_0. Returns a :class:`hw3.experiments.Measured`
    with the values norm_from_zero, norm_x_star and norms_from_random (the runs' end points)."""
    A, x_star, y = ls.random_instance(n, m, seed)
    eta = ls.smoothness_step(A)
    x0 = np.random.default_rng(INIT_SEED).standard_normal((runs, m))  # initializations
    from_zero = ls.gradient_descent(A, y, np.zeros(m), eta, steps)
    x_rand = ls.gradient_descent(A, y, x0, eta, steps)[-1]
    x_l2 = ls.min_norm_solution(A, y)
    nearest = x0 + np.linalg.lstsq(A, (y - x0 @ A.T).T)[0].T  # x0 + min-norm correction
    P = ls.null_space_projector(A)
    norms = np.linalg.norm(x_rand, axis=1)
    pythagoras = np.sqrt(x_l2 @ x_l2 + np.sum((x0 @ P) ** 2, axis=1))
    last = from_zero[-1]

    def dist(u, v):
        return float(np.max(relative_distance(u, v, scale=x_l2)))

    checks = (
        Check(f"‖x_{steps} − Aᵀ(AAᵀ)⁻¹y‖ / ‖x̂_ℓ2‖, from 0", dist(last, x_l2), 1e-12),
        Check(f"‖x_{steps} − pinv(A) y‖ / ‖x̂_ℓ2‖, from 0", dist(last, np.linalg.pinv(A) @ y), 1e-12),
        Check(f"‖x_{steps} − lstsq(A, y)‖ / ‖x̂_ℓ2‖, from 0", dist(last, np.linalg.lstsq(A, y)[0]), 1e-12),
        Check("max_k ‖P x_k‖ / ‖x̂_ℓ2‖, from 0 (iterates in range(Aᵀ))", dist(from_zero @ P, 0 * from_zero), 1e-12),
        Check(f"max ‖x_{steps} − (A⁺y + P x_0)‖ / ‖x̂_ℓ2‖, random x_0", dist(x_rand, ls.general_solution(A, y, x0)), 1e-12),
        Check(f"max ‖x_{steps} − nearest solution to x_0‖ / ‖x̂_ℓ2‖", dist(x_rand, nearest), 1e-12),
        Check("max |‖x_∞‖ − (‖x̂_ℓ2‖² + ‖P x_0‖²)^½| / ‖x̂_ℓ2‖", float(np.max(np.abs(norms - pythagoras))) / np.linalg.norm(x_l2), 1e-12),
    )  # fmt: skip
    values = dict(
        norm_from_zero=float(np.linalg.norm(last)),
        norm_x_star=float(np.linalg.norm(x_star)),
        norms_from_random=norms,
    )
    return Measured(checks, values)
