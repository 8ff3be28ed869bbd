"""Tests for hw3.least_squares: solutions of (5), smoothness (6), gradient descent (7), limit (8)."""

import numpy as np
import pytest

from hw3 import least_squares as ls


def instance(seed, n=6, m=15):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal((n, m))
    return A, A @ rng.standard_normal(m), rng


def test_min_norm_solution_agrees_with_lstsq_and_pinv():
    A, y, _ = instance(0)
    x = ls.min_norm_solution(A, y)
    np.testing.assert_allclose(x, np.linalg.lstsq(A, y, rcond=None)[0], atol=1e-12)
    np.testing.assert_allclose(ls.right_pseudo_inverse(A), np.linalg.pinv(A), atol=1e-12)
    np.testing.assert_allclose(A @ x, y, atol=1e-12)


def test_general_solution_solves_and_is_no_shorter():
    A, y, rng = instance(1)
    Z = rng.standard_normal((50, A.shape[1]))
    X = ls.general_solution(A, y, Z)
    np.testing.assert_allclose(X @ A.T, np.broadcast_to(y, (50, y.size)), atol=1e-11)
    x_ln = ls.min_norm_solution(A, y)
    P = ls.null_space_projector(A)
    # Pythagoras: ||x||^2 = ||x_ln||^2 + ||P z||^2
    np.testing.assert_allclose(np.sum(X**2, 1), x_ln @ x_ln + np.sum((Z @ P) ** 2, 1), rtol=1e-12)
    # P is the orthogonal projector onto null(A): symmetric, idempotent, A P = 0, rank m - n
    np.testing.assert_allclose(P, P.T, atol=1e-13)
    np.testing.assert_allclose(P @ P, P, atol=1e-12)
    np.testing.assert_allclose(A @ P, 0, atol=1e-12)
    assert np.linalg.matrix_rank(P) == A.shape[1] - A.shape[0]
    # each solution x is recovered with z = x
    np.testing.assert_allclose(ls.general_solution(A, y, X), X, atol=1e-11)


def test_rank_deficient_or_wide_input_raises():
    A, y, _ = instance(2)
    A[-1] = A[0]
    with pytest.raises(ValueError, match="full row rank"):
        ls.min_norm_solution(A, y)
    with pytest.raises(ValueError, match="n <= m"):
        ls.smoothness_step(np.ones((5, 3)))
    with pytest.raises(ValueError, match="length n"):
        ls.min_norm_solution(instance(2)[0], np.ones(3))


def test_smoothness_step_is_sharp():
    A, y, rng = instance(3)
    eta = ls.smoothness_step(A)
    assert eta == pytest.approx(1 / np.linalg.eigvalsh(A.T @ A)[-1], rel=1e-12)
    x, w = rng.standard_normal((2, 2000, A.shape[1])) * rng.exponential(3, size=(2, 2000, 1))
    assert np.max(ls.smoothness_gap(A, y, x, w, eta)) <= 1e-9
    v1 = np.linalg.svd(A)[2][0]  # top right singular vector: (6) is tight along it
    assert ls.smoothness_gap(A, y, x[0], x[0] + v1, eta) == pytest.approx(0, abs=1e-9)
    assert ls.smoothness_gap(A, y, x[0], x[0] + v1, 1.01 * eta) > 1e-3


def test_gradient_descent_update_rule_and_descent_lemma():
    A, y, rng = instance(4)
    eta = ls.smoothness_step(A)
    x0 = rng.standard_normal((3, A.shape[1]))
    trace = ls.gradient_descent(A, y, x0, eta, 40)
    assert trace.shape == (41, 3, A.shape[1])
    np.testing.assert_array_equal(trace[0], x0)
    np.testing.assert_allclose(trace[1][2], x0[2] - eta * A.T @ (A @ x0[2] - y), atol=1e-12)
    f = ls.objective(A, y, trace)
    g2 = np.sum(ls.gradient(A, y, trace) ** 2, -1)
    assert np.all(f[1:] <= f[:-1] - 0.5 * eta * g2[:-1] + 1e-10)


@pytest.mark.parametrize("scale", [1.0, 0.5, 1.9])
def test_gradient_descent_limit_and_rate(scale):
    A, y, rng = instance(5)
    eta = scale * ls.smoothness_step(A)
    x0 = np.vstack([np.zeros(A.shape[1]), rng.standard_normal(A.shape[1])])
    rho = ls.predicted_contraction_rate(A, eta)
    s = np.linalg.svd(A, compute_uv=False)
    assert rho == pytest.approx(max(abs(1 - eta * s[0] ** 2), abs(1 - eta * s[-1] ** 2)))
    n_steps = int(np.log(1e-13) / np.log(rho)) + 50
    trace = ls.gradient_descent(A, y, x0, eta, n_steps)
    limit = ls.general_solution(A, y, x0)
    np.testing.assert_allclose(limit[0], np.linalg.pinv(A) @ y, atol=1e-12)
    np.testing.assert_allclose(trace[-1], limit, atol=1e-9)
    errors = np.linalg.norm(trace[:, 1] - limit[1], axis=-1)
    assert np.all(errors[1:] <= rho * errors[:-1] * (1 + 1e-9) + 1e-13)
    k = int(np.log(1e-7) / np.log(rho))  # rate measured while the error is far above rounding
    assert ls.measured_contraction_rate(errors[: k + 1], 10) == pytest.approx(rho, rel=2e-3)


def test_contraction_rate_at_smoothness_step():
    A, _, _ = instance(6)
    s = np.linalg.svd(A, compute_uv=False)
    rho = ls.predicted_contraction_rate(A, ls.smoothness_step(A))
    assert rho == pytest.approx(1 - s[-1] ** 2 / s[0] ** 2, rel=1e-12)


@pytest.mark.parametrize("eta", [0.0, -1e-3, np.nan])
def test_nonpositive_step_raises(eta):
    A, y, _ = instance(7)
    with pytest.raises(ValueError, match="eta"):
        ls.gradient_descent(A, y, np.zeros(A.shape[1]), eta, 5)


def test_divergent_step_raises():
    A, y, _ = instance(8)
    with pytest.raises(ValueError, match="eta"):
        ls.gradient_descent(A, y, np.zeros(A.shape[1]), 2.0 * ls.smoothness_step(A), 5)
    # just below 2/||A||^2 is accepted (and converges, slowly)
    ls.gradient_descent(A, y, np.zeros(A.shape[1]), 1.99 * ls.smoothness_step(A), 5)


def test_bad_shapes_and_types_raise_value_error():
    A, y, _ = instance(9)
    with pytest.raises(ValueError, match="x0"):
        ls.gradient_descent(A, y, 0.0, ls.smoothness_step(A), 5)
    with pytest.raises(ValueError, match="x0"):
        ls.gradient_descent(A, y, np.zeros((2, 2, A.shape[1])), ls.smoothness_step(A), 5)
    with pytest.raises(ValueError, match="window"):
        ls.measured_contraction_rate(np.geomspace(1, 1e-3, 10), 1.5)
    with pytest.raises(ValueError, match="n <= m"):
        ls.null_space_projector([1.0, 2.0])
    # a nested list is accepted and gives the same projector as the array
    np.testing.assert_allclose(ls.null_space_projector(A.tolist()), ls.null_space_projector(A))
    # an integral float window is accepted
    errors = 0.5 ** np.arange(12)
    assert ls.measured_contraction_rate(errors, 4.0) == pytest.approx(0.5)
