"""Problem 2(a)-(d): under-determined least squares and the implicit bias of gradient descent.

Objective (5): ``f(x) = 0.5 ||A x - y||_2^2`` with ``A`` of shape ``n x m`` and rank ``n``
(full row rank), gradient ``grad f(x) = A^T (A x - y)``. ``A^+ = A^T (A A^T)^{-1}`` is then the
Moore-Penrose pseudo-inverse, ``A^+ A`` the orthogonal projector onto ``range(A^T)`` and
``I - A^+ A`` the one onto ``null(A)``.

Gradient descent (7), ``x_{k+1} = x_k - eta grad f(x_k)``, converges for ``0 < eta < 2/||A||_2^2``
to ``A^+ y + (I - A^+ A) x_0`` at the linear rate ``max_i |1 - eta sigma_i^2|`` over the ``n``
nonzero singular values ``sigma_i`` of ``A`` (``1 - sigma_min^2/sigma_max^2`` at
``eta = 1/||A||_2^2``).
"""

from __future__ import annotations

import numpy as np

from hw3.common import check_count, check_finite, check_step_size


def _check_problem(A: np.ndarray, y: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``A`` finite, ``n x m`` of full row rank ``n <= m``; ``y`` (if given) of length ``n``."""
    A = check_finite("A", A)
    if A.ndim != 2 or A.shape[0] > A.shape[1]:
        raise ValueError(f"A must be n x m with n <= m, got shape {A.shape}")
    if np.linalg.matrix_rank(A) != A.shape[0]:
        raise ValueError(f"A must have full row rank n = {A.shape[0]}")
    if y is not None and (np.shape(y) != (len(A),) or not np.isfinite(y).all()):
        raise ValueError(f"y must be a finite vector of length n = {len(A)}, got {np.shape(y)}")
    return A, None if y is None else np.asarray(y, dtype=float)


def objective(A: np.ndarray, y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``f(x) = 0.5 ||A x - y||^2`` (5); ``x`` may be a batch of shape ``(..., m)``."""
    return 0.5 * np.sum((np.asarray(x) @ A.T - y) ** 2, axis=-1)


def gradient(A: np.ndarray, y: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``grad f(x) = A^T (A x - y)``; ``x`` may be a batch of shape ``(..., m)``."""
    return (np.asarray(x) @ A.T - y) @ A


def right_pseudo_inverse(A: np.ndarray) -> np.ndarray:
    """``A^+ = A^T (A A^T)^{-1}`` (``m x n``; ``rank A = n`` makes ``A A^T`` invertible), solved
    through ``A A^T`` as written (see :func:`min_norm_solution`)."""
    A, _ = _check_problem(A)
    return np.linalg.solve(A @ A.T, A).T  # (A A^T)^{-1} A, transposed; A A^T is symmetric


def min_norm_solution(A: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The minimum-l2-norm solution (8): ``A^T (A A^T)^{-1} y``, solved as written through
    ``A A^T`` (condition number ``cond(A)^2``: fine here; for ill-conditioned ``A``,
    ``np.linalg.lstsq`` loses half as many digits)."""
    A, y = _check_problem(A, y)
    return A.T @ np.linalg.solve(A @ A.T, y)


def null_space_projector(A: np.ndarray) -> np.ndarray:
    """``P = I - A^+ A``, the orthogonal projector onto ``null(A)`` (``m x m``)."""
    A, _ = _check_problem(A)
    return np.eye(A.shape[1]) - right_pseudo_inverse(A) @ A


def general_solution(A: np.ndarray, y: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Every minimizer of (5): ``A^+ y + (I - A^+ A) z`` for ``z`` in ``R^m`` (batch ``(..., m)``)."""
    return min_norm_solution(A, y) + np.asarray(z, dtype=float) @ null_space_projector(A).T


def smoothness_step(A: np.ndarray) -> float:
    """The step ``eta = 1/||A||_2^2 = 1/sigma_max(A)^2`` for which (6) holds (the largest such)."""
    A, _ = _check_problem(A)
    return float(1.0 / np.linalg.norm(A, 2) ** 2)


def smoothness_gap(A: np.ndarray, y: np.ndarray, x: np.ndarray, w: np.ndarray, eta: float):
    """``f(w) - [f(x) + <grad f(x), w - x> + ||w - x||^2/(2 eta)]``, ``<= 0`` iff (6) holds;
    ``x`` and ``w`` may be batches of shape ``(..., m)``."""
    d = np.asarray(w) - np.asarray(x)
    upper = objective(A, y, x) + np.sum(gradient(A, y, x) * d, axis=-1)
    return objective(A, y, w) - (upper + np.sum(d**2, -1) / (2 * eta))


def random_instance(n: int, m: int, seed: int):
    """``(A, x_star, y)``: ``A`` ``n x m`` with i.i.d. N(0, 1) entries (full row rank with
    probability one), ``x_star`` i.i.d. N(0, 1) and ``y = A x_star``, all from ``default_rng(seed)``."""
    if not 0 < n < m:
        raise ValueError(f"need 0 < n < m, got n={n}, m={m}")
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, m))
    x_star = rng.standard_normal(m)
    return A, x_star, A @ x_star


def gradient_descent(
    A: np.ndarray, y: np.ndarray, x0: np.ndarray, eta: float, steps: int
) -> np.ndarray:
    """Gradient descent (7), ``x_{k+1} = x_k - eta A^T (A x_k - y)``; returns the whole trace.

    ``x0`` has shape ``(m,)`` or a batch ``(b, m)`` of initializations run together. The result has
    shape ``(steps + 1, *x0.shape)`` with ``trace[k] = x_k``. Raises ValueError unless
    ``0 < eta < 2/||A||_2^2`` (outside that range the iterates do not converge).
    """
    A, y = _check_problem(A, y)
    eta, limit = check_step_size(eta), 2.0 / np.linalg.norm(A, 2) ** 2
    if eta >= limit:
        raise ValueError(f"step size eta={eta} >= 2/||A||_2^2 = {limit}: gradient descent diverges")
    x = check_finite("x0", x0)
    if x.ndim not in (1, 2) or x.shape[-1] != A.shape[1]:
        raise ValueError(f"x0 must have shape (m,) or (b, m) with m = {A.shape[1]}, got {x.shape}")
    steps = check_count(steps, "steps")
    trace = np.empty((steps + 1, *x.shape))
    trace[0] = x
    for k in range(steps):
        trace[k + 1] = trace[k] - eta * gradient(A, y, trace[k])
    return trace


def predicted_contraction_rate(A: np.ndarray, eta: float) -> float:
    """``rho(eta) = max_i |1 - eta sigma_i^2|`` over the nonzero singular values of ``A``: the
    range(A^T) component of ``x_k - x_inf`` shrinks by at most ``rho`` per step."""
    sigma = np.linalg.svd(A, compute_uv=False)
    return float(np.max(np.abs(1 - eta * sigma**2)))


def measured_contraction_rate(errors: np.ndarray, window: int) -> float:
    """Geometric-mean ratio ``(e_K / e_{K-window})^(1/window)`` of the last ``window`` errors."""
    errors = np.asarray(errors, dtype=float)
    window = check_count(window, "window", minimum=1)
    if errors.ndim != 1 or window >= errors.size or np.any(errors[-window - 1 :] <= 0):
        raise ValueError("need 1-d errors, window < len(errors), positive errors in the window")
    return float((errors[-1] / errors[-window - 1]) ** (1.0 / window))
