"""Problem 1: dropout that samples normalized rank-one factors, objectives (3) and (4).

Notation (matching the notebook). ``U`` is ``D x r`` with columns ``u_i``, ``V`` is ``N x r``
with columns ``v_i``; ``M_i = u_i v_i^T``, ``a_i = ||M_i||_F = ||u_i|| ||v_i||``,
``Theta = sum_i a_i`` and ``W = U V^T = sum_i M_i``. One draw of the law D_(U,V) in (2) picks
the index ``i`` with probability ``p_i = a_i / Theta`` and returns ``Z = M_i / a_i``. A draw of
``m`` factors is summarized by its *counts* ``c in N^r`` (``c_i`` = how often index ``i`` was
drawn, ``sum_i c_i = m``); the sampled loss in (3) depends on the draw only through ``c``:

    L_c(U, V) = || X - (Theta / m) sum_i c_i M_i / a_i ||_F^2.

Its expectation over ``m`` i.i.d. draws has the closed form (bias-variance split)

    E L = ||X - W||_F^2 + (Theta^2 - ||W||_F^2) / m
        = (m - 1)/m * [ ||X~ - W||_F^2 + Theta^2/(m - 1) ] - ||X||_F^2/(m - 1),  X~ = m X/(m - 1),

i.e. ``(m-1)/m`` times objective (4) plus a constant.
"""

from __future__ import annotations

import itertools

import numpy as np

from hw3.common import check_count, check_finite


def _check_data(X, U, V, nonzero=False) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``U`` (D x r) and ``V`` (N x r), finite, and ``X`` D x N unless None; with ``nonzero``,
    no zero column (where Theta is not differentiable, so the gradients are undefined)."""
    U, V = check_finite("U", U), check_finite("V", V)
    if U.ndim != 2 or V.ndim != 2 or U.shape[1] != V.shape[1]:
        raise ValueError(f"U (D x r) and V (N x r) need the same r; got {U.shape} and {V.shape}")
    if nonzero and not (np.linalg.norm(U, axis=0).all() and np.linalg.norm(V, axis=0).all()):
        raise ValueError("gradients need every u_i and v_i nonzero (Theta is not smooth there)")
    if X is not None and np.shape(X) != (U.shape[0], V.shape[0]):
        raise ValueError(f"X must be D x N = {(U.shape[0], V.shape[0])}, got {np.shape(X)}")
    return None if X is None else np.asarray(X, dtype=float), U, V


def _check_counts(counts: np.ndarray, r: int) -> np.ndarray:
    """Counts vectors ``(..., r)``: nonnegative integers, each row summing to ``m >= 1``."""
    c = np.asarray(counts, dtype=float)
    if c.ndim < 1 or c.shape[-1] != r:
        raise ValueError(f"counts must have shape (..., r) with r = {r}, got {c.shape}")
    if not (np.all(np.isfinite(c)) and np.all(c >= 0) and np.all(c == np.round(c))):
        raise ValueError("counts must be nonnegative integers")
    if np.any(c.sum(axis=-1) < 1):
        raise ValueError("every counts vector needs at least one draw (row sum m >= 1)")
    return c


def factor_norms(U: np.ndarray, V: np.ndarray) -> np.ndarray:
    """``a_i = ||u_i v_i^T||_F = ||u_i||_2 ||v_i||_2`` for ``i = 1..r`` (shape ``(r,)``)."""
    _, U, V = _check_data(None, U, V)
    return np.linalg.norm(U, axis=0) * np.linalg.norm(V, axis=0)


def theta(U: np.ndarray, V: np.ndarray) -> float:
    """``Theta(U, V) = sum_i ||u_i v_i^T||_F``, the regularizer's square root in (4)."""
    return float(factor_norms(U, V).sum())


def sampling_probabilities(U: np.ndarray, V: np.ndarray) -> np.ndarray:
    """The law (2) as a vector over indices: ``p_i = a_i / Theta`` (zero for ``u_i v_i^T = 0``;
    ValueError if every factor is: (2) is undefined)."""
    a = factor_norms(U, V)
    if a.sum() == 0:
        raise ValueError("all rank-one factors u_i v_i^T are zero: the law (2) is undefined")
    return a / a.sum()


def normalized_factors(U: np.ndarray, V: np.ndarray) -> np.ndarray:
    """Stack ``Z_i = u_i v_i^T / ||u_i v_i^T||_F`` (shape ``(r, D, N)``); ``Z_i = 0`` if ``a_i = 0``
    (such a factor has probability 0 under (2): its value never matters)."""
    _, U, V = _check_data(None, U, V)
    a = factor_norms(U, V)
    scale = np.divide(1.0, a, out=np.zeros_like(a), where=a > 0)
    return np.einsum("di,ni->idn", U, V) * scale[:, None, None]


def sampled_loss(X: np.ndarray, U: np.ndarray, V: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The loss inside (3) for draws given by counts: ``||X - (Theta/m) sum_i c_i Z_i||_F^2``;
    ``counts`` ``(..., r)`` (nonnegative integers, rows summing to ``m``) gives ``(...)``."""
    X, U, V = _check_data(X, U, V)
    counts = _check_counts(counts, U.shape[1])
    m = counts.sum(axis=-1, keepdims=True)[..., None]
    prediction = theta(U, V) * np.einsum("...i,idn->...dn", counts, normalized_factors(U, V)) / m
    return np.sum((X - prediction) ** 2, axis=(-2, -1))


def enumerated_draws(U: np.ndarray, V: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """All ``r^m`` ordered draws ``J = (j_1, ..., j_m)`` of indices from the law (2): their
    probabilities ``P(J) = p_{j_1} ... p_{j_m}`` (independent draws) and their counts vectors,
    shapes ``(r^m,)`` and ``(r^m, r)``. Meant for small ``r`` and ``m``."""
    p, m = sampling_probabilities(U, V), check_count(m, "m", minimum=2)
    tuples = np.array(list(itertools.product(range(p.size), repeat=m)), dtype=int)
    return np.prod(p[tuples], axis=1), np.stack([np.bincount(t, minlength=p.size) for t in tuples])


def expectation_by_enumeration(X: np.ndarray, U: np.ndarray, V: np.ndarray, m: int) -> float:
    """The expectation in (3) computed exactly as ``sum_J P(J) L_J`` over all ``r^m`` ordered
    draws (:func:`enumerated_draws`). Uses no closed form."""
    probs, counts = enumerated_draws(U, V, m)
    return float(probs @ sampled_loss(X, U, V, counts))


def expectation_closed_form(X: np.ndarray, U: np.ndarray, V: np.ndarray, m: int) -> float:
    """Bias-variance form of the expectation in (3): ``||X - W||^2 + (Theta^2 - ||W||^2)/m``."""
    m = check_count(m, "m", minimum=2)
    X, U, V = _check_data(X, U, V)
    W = U @ V.T
    return float(np.sum((X - W) ** 2) + (theta(U, V) ** 2 - np.sum(W**2)) / m)


def objective_4(X: np.ndarray, U: np.ndarray, V: np.ndarray, m: int) -> float:
    """Objective (4): ``||X~ - U V^T||_F^2 + Theta(U, V)^2 / (m - 1)`` with ``X~ = m X / (m - 1)``."""
    m = check_count(m, "m", minimum=2)
    X, U, V = _check_data(X, U, V)
    X_tilde = m * X / (m - 1)
    return float(np.sum((X_tilde - U @ V.T) ** 2) + theta(U, V) ** 2 / (m - 1))


def affine_map_4_to_3(X: np.ndarray, m: int) -> tuple[float, float]:
    """``(s, c)`` with ``E[loss (3)] = s * objective (4) + c``: ``s = (m-1)/m``, ``c = -||X||^2/(m-1)``."""
    m = check_count(m, "m", minimum=2)
    return (m - 1) / m, -float(np.sum(np.asarray(X, dtype=float) ** 2)) / (m - 1)


def sample_counts(
    U: np.ndarray, V: np.ndarray, m: int, n_samples: int, rng: np.random.Generator
) -> np.ndarray:
    """Counts vectors (shape ``(n_samples, r)``) of ``n_samples`` independent draws of ``m`` i.i.d.
    indices from the law (2)."""
    m = check_count(m, "m", minimum=2)
    return rng.multinomial(m, sampling_probabilities(U, V), size=n_samples)


# --------------------------------------- gradients (1(b), beyond the assignment): nonzero factors


def objective_4_gradient(
    X: np.ndarray, U: np.ndarray, V: np.ndarray, m: int
) -> tuple[np.ndarray, np.ndarray]:
    """Gradient of (4) in ``(U, V)``.

    ``grad_U = -2 (X~ - U V^T) V + (2 Theta/(m-1)) [ ||v_i|| u_i/||u_i|| ]_i`` and symmetrically
    ``grad_V = -2 (X~ - U V^T)^T U + (2 Theta/(m-1)) [ ||u_i|| v_i/||v_i|| ]_i``.
    """
    m = check_count(m, "m", minimum=2)
    X, U, V = _check_data(X, U, V, nonzero=True)
    R = m * X / (m - 1) - U @ V.T
    nu, nv = np.linalg.norm(U, axis=0), np.linalg.norm(V, axis=0)
    reg = 2 * theta(U, V) / (m - 1)
    return -2 * R @ V + reg * U * (nv / nu), -2 * R.T @ U + reg * V * (nu / nv)


def naive_sample_gradient(
    X: np.ndarray, U: np.ndarray, V: np.ndarray, counts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Gradient in ``(U, V)`` of the sampled loss ``L_c(U, V)`` with the drawn indices held fixed.

    This is what SGD would backpropagate. With ``R = X - S``, ``S = (Theta/m) sum_i c_i ub_i vb_i^T``,
    ``ub_i = u_i/||u_i||``, ``vb_i = v_i/||v_i||`` and ``g = <R, sum_k c_k ub_k vb_k^T>``:

        grad_{u_i} L = -(2/m) [ g ||v_i|| ub_i + Theta c_i (I - ub_i ub_i^T) R vb_i / ||u_i|| ],

    and symmetrically for ``v_i``. ``counts`` has shape ``(..., r)``; the outputs have shapes
    ``(..., D, r)`` and ``(..., N, r)``.
    """
    X, U, V = _check_data(X, U, V, nonzero=True)
    c = _check_counts(counts, U.shape[1])
    m = c.sum(axis=-1)[..., None, None]
    nu, nv = np.linalg.norm(U, axis=0), np.linalg.norm(V, axis=0)
    Ub, Vb = U / nu, V / nv
    th = theta(U, V)
    B = np.einsum("...i,di,ni->...dn", c, Ub, Vb)  # sum_k c_k ub_k vb_k^T
    R = X - th * B / m
    g = np.sum(R * B, axis=(-2, -1))[..., None, None]
    RVb = np.einsum("...dn,ni->...di", R, Vb)  # columns R vb_i
    RtUb = np.einsum("...dn,di->...ni", R, Ub)  # columns R^T ub_i
    grads = []
    for Fb, RFb, own, other in ((Ub, RVb, nu, nv), (Vb, RtUb, nv, nu)):
        proj = RFb - Fb * np.sum(Fb * RFb, axis=-2, keepdims=True)  # (I - ub ub^T) R vb
        grads.append(-(2 / m) * (g * other * Fb + th * c[..., None, :] * proj / own))
    return tuple(grads)


def score_function(U: np.ndarray, V: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, ...]:
    """``grad log P(draw)`` for a draw with counts ``c``: ``log P = sum_i c_i log a_i - m log Theta``.

    ``grad_{u_i} log P = c_i u_i/||u_i||^2 - m ||v_i|| u_i / (||u_i|| Theta)`` (same for ``v_i``).
    Shapes as in :func:`naive_sample_gradient`.
    """
    _, U, V = _check_data(None, U, V, nonzero=True)
    c = _check_counts(counts, U.shape[1])[..., None, :]
    m = c.sum(axis=-1, keepdims=True)
    nu, nv = np.linalg.norm(U, axis=0), np.linalg.norm(V, axis=0)
    th = theta(U, V)
    return c * U / nu**2 - m * U * (nv / nu) / th, c * V / nv**2 - m * V * (nu / nv) / th


def gradients_by_enumeration(
    X: np.ndarray, U: np.ndarray, V: np.ndarray, m: int
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Exact expectations over all ``r^m`` ordered draws of the two terms of the gradient of (3),
    ``grad E_J[L_J] = E_J[grad L_J] + E_J[L_J grad log P(J)]``: ``{"naive": E[grad L] (the mean
    SGD direction), "score": E[L grad log P], "total": their sum}``, each ``(grad_U, grad_V)``."""
    probs, counts = enumerated_draws(U, V, m)
    losses = sampled_loss(X, U, V, counts)
    naive = [np.einsum("j,j...->...", probs, G) for G in naive_sample_gradient(X, U, V, counts)]
    score = [np.einsum("j,j...->...", probs * losses, S) for S in score_function(U, V, counts)]
    total = tuple(a + b for a, b in zip(naive, score, strict=True))
    return {"naive": tuple(naive), "score": tuple(score), "total": total}
