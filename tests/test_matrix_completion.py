"""Tests for hw3.matrix_completion: the SDP baseline, the gradient descent on (12), diagnostics."""

import numpy as np
import pytest

from hw3.matrix_completion import (
    completion_loss,
    effective_rank,
    factorized_gd_completion,
    format_counterexample_table,
    format_spectra,
    format_sweep_table,
    gram,
    greedy_low_rank_completion,
    hessian_max_eigenvalue,
    initialization_sweep,
    make_completion_problem,
    min_nuclear_norm_completion,
    min_nuclear_norm_completion_normnuc,
    nuclear_norm,
    numerical_rank,
    relative_distance,
    sweep_summary,
    top_eigenvalues,
    trace_deficit_bound,
    trace_fixed_by_data,
    triangle_counterexample,
)


@pytest.fixture(scope="module")
def small_problem():
    """A small instance with some diagonal entries unobserved (so the trace is not fixed)."""
    Y, mask = make_completion_problem(8, 2, 0.45, seed=3)
    assert not trace_fixed_by_data(mask)
    return Y, mask


def loop_gd_step(Y, mask, U, eta):
    """Reference step, written entry by entry: grad = sum over Omega of r_ij d(u_i . u_j)/dU."""
    D, k = U.shape
    grad = np.zeros_like(U)
    for i in range(D):
        for j in range(D):
            if mask[i, j]:
                r = U[i] @ U[j] - Y[i, j]
                grad[i] += r * U[j]
                grad[j] += r * U[i]
    return U - eta * grad


# ----------------------------------------------------------------------------- problem data
def test_make_completion_problem_shapes_symmetry_rank():
    Y, mask = make_completion_problem(12, 3, 0.3, seed=1)
    assert Y.shape == mask.shape == (12, 12) and mask.dtype == bool
    assert np.array_equal(mask, mask.T) and np.allclose(Y, Y.T)
    eig = np.linalg.eigvalsh(Y)
    assert eig.min() > -1e-12 and np.sum(eig > 1e-10) == 3


def test_make_completion_problem_rejects_bad_input():
    with pytest.raises(ValueError):
        make_completion_problem(5, 6, 0.5)
    with pytest.raises(ValueError):
        make_completion_problem(5, 2, 1.5)


# ----------------------------------------------------------------------------- SDP
def test_sdp_is_feasible_psd_and_optimal_against_normnuc_scs(small_problem):
    Y, mask = small_problem
    X = min_nuclear_norm_completion(Y, mask)
    assert np.max(np.abs(X - Y)[mask]) < 1e-6  # feasible
    assert np.linalg.eigvalsh(X).min() > -1e-6  # PSD
    other = min_nuclear_norm_completion_normnuc(Y, mask, solver="SCS")
    assert abs(np.trace(X) - nuclear_norm(X)) < 1e-5  # trace = nuclear norm for PSD
    assert np.trace(X) <= other + 1e-4  # no worse than the independent formulation
    assert np.trace(X) >= other - 1e-4  # and both reach the same optimum
    assert np.trace(X) <= np.trace(Y) + 1e-7  # Y is feasible, so it cannot beat X


def test_sdp_matches_closed_form_with_dual_certificate():
    eps = 0.2
    Y, mask = triangle_counterexample(eps)
    X_closed = np.array([[1 - eps, eps, 1.0], [eps, 1 - eps, 1.0], [1.0, 1.0, 2.0]])
    Z = np.array([[1.0, 1, -1], [1, 1, -1], [-1, -1, 1]])  # Z = I - Lambda, Lambda on Omega
    assert np.allclose(np.diag(Z), 1) and np.linalg.eigvalsh(Z).min() > -1e-12
    assert np.allclose(Z @ X_closed, 0)  # complementary slackness
    assert np.allclose(X_closed[mask], Y[mask]) and np.linalg.eigvalsh(X_closed).min() > -1e-12
    X = min_nuclear_norm_completion(Y, mask)
    assert np.trace(X) == pytest.approx(4 - 2 * eps, abs=1e-6)
    # the optimum is unique but degenerate (eigenvalue grows quadratically off it), so the
    # entries are only accurate to about the square root of the solver tolerance
    assert np.allclose(X, X_closed, atol=1e-3)
    assert np.trace(Y) == pytest.approx(2 * eps + 1 / eps)  # the rank-one completion


def test_triangle_truth_is_the_rank_one_completion():
    Y, mask = triangle_counterexample(0.1)
    assert np.linalg.matrix_rank(Y) == 1 and np.allclose(Y[mask], [0.1, 1, 0.1, 1, 1, 1])


# ----------------------------------------------------------------------------- gradient descent
def test_gd_equals_entrywise_update_step_for_step(small_problem):
    Y, mask = small_problem
    U = np.random.default_rng(0).standard_normal((8, 8)) * 0.3
    eta = 0.05
    for steps in range(1, 6):
        U = loop_gd_step(Y, mask, U, eta)
        U_fast = factorized_gd_completion(Y, mask, U0=_start(), eta=eta, steps=steps)
        np.testing.assert_allclose(U_fast, U, rtol=1e-12, atol=1e-13)


def _start():
    return np.random.default_rng(0).standard_normal((8, 8)) * 0.3


def test_gradient_is_the_gradient_of_the_loss(small_problem):
    """Finite differences of (12) against the step: (U - U_next)/eta is grad L(U)."""
    Y, mask = small_problem
    U = _start()
    grad = (U - factorized_gd_completion(Y, mask, U, eta=1.0, steps=1)) / 1.0
    rng = np.random.default_rng(5)
    for _ in range(3):
        V = rng.standard_normal(U.shape)
        h = 1e-6
        fd = (completion_loss(Y, mask, U + h * V) - completion_loss(Y, mask, U - h * V)) / (2 * h)
        assert fd == pytest.approx(np.sum(grad * V), rel=1e-6)


def test_batch_equals_separate_runs_and_u0_untouched(small_problem):
    Y, mask = small_problem
    scales = np.array([0.3, 0.1, 0.01, 1e-3])[:, None, None]
    U0 = np.random.default_rng(2).standard_normal((4, 8, 8)) * scales
    U0_copy = U0.copy()
    U = factorized_gd_completion(Y, mask, U0, eta=0.1, steps=300, tol=1e-6)
    assert np.array_equal(U0, U0_copy)
    for b in range(4):
        U_b = factorized_gd_completion(Y, mask, U0[b], eta=0.1, steps=300, tol=1e-6)
        np.testing.assert_allclose(U[b], U_b, rtol=1e-12, atol=1e-14)


def test_tol_zero_runs_exactly_steps_and_tol_stops_at_first_small_loss(small_problem):
    Y, mask = small_problem
    U0 = 0.1 * _start()
    eta, tol = 0.2, 1e-5
    losses = [
        completion_loss(Y, mask, factorized_gd_completion(Y, mask, U0, eta, k))
        for k in range(0, 400)
    ]
    first = next(k for k, loss in enumerate(losses) if loss <= tol)
    assert first > 0
    U_tol = factorized_gd_completion(Y, mask, U0, eta, steps=400, tol=tol)
    U_first = factorized_gd_completion(Y, mask, U0, eta, steps=first)
    assert np.array_equal(U_tol, U_first)  # stopped exactly at the first step with loss <= tol
    U_all = factorized_gd_completion(Y, mask, U0, eta, steps=400)
    assert completion_loss(Y, mask, U_all) < losses[first]  # tol = 0 kept going


def test_divergence_raises_value_error_naming_eta(small_problem):
    Y, mask = small_problem
    with pytest.raises(ValueError, match="eta=50"):
        factorized_gd_completion(Y, mask, _start(), eta=50.0, steps=200)
    with pytest.raises(ValueError, match="eta"):
        factorized_gd_completion(Y, mask, _start(), eta=0.0, steps=10)
    with pytest.raises(ValueError):
        factorized_gd_completion(Y, mask, np.ones((7, 7)), eta=0.1, steps=10)


def test_small_initialization_recovers_easy_instance():
    """Dense sampling: min nuclear norm = truth, and GD from small init gets there."""
    Y, mask = make_completion_problem(10, 1, 0.8, seed=0)
    U0 = 1e-3 * np.random.default_rng(0).standard_normal((10, 10))
    U = factorized_gd_completion(Y, mask, U0, eta=0.2, steps=3000)
    assert np.linalg.norm(gram(U) - Y) < 1e-3 * np.linalg.norm(Y)


def test_greedy_low_rank_learning_finds_rank_one_triangle_completion():
    Y, mask = triangle_counterexample(0.2)
    U, losses = greedy_low_rank_completion(Y, mask, eta=0.05, steps_per_rank=5000, tol=1e-12)
    assert U.shape[1] == 1 and losses[-1] <= 1e-12
    assert np.allclose(gram(U), Y, atol=1e-5)


# ----------------------------------------------------------------------------- diagnostics
def test_vacuous_case_detector_on_constructed_instances():
    Y, _ = make_completion_problem(6, 2, 1.0, seed=4)
    diag_only = np.eye(6, dtype=bool)
    assert trace_fixed_by_data(diag_only)
    # two different PSD completions of the diagonal, same trace: the test would be vacuous
    X1, X2 = Y, np.diag(np.diag(Y))
    assert not np.allclose(X1, X2) and np.trace(X1) == pytest.approx(np.trace(X2))
    # one diagonal entry unobserved: adding t e_0 e_0^T keeps a PSD completion, trace changes
    mask = diag_only.copy()
    mask[0, 0] = False
    assert not trace_fixed_by_data(mask)
    X3 = Y + 2.0 * np.outer(np.eye(6)[0], np.eye(6)[0])
    assert np.allclose(X3[mask], Y[mask]) and np.trace(X3) == pytest.approx(np.trace(Y) + 2)
    with pytest.raises(ValueError):
        trace_fixed_by_data(np.triu(np.ones((3, 3), dtype=bool)))


def test_effective_rank_and_nuclear_norm():
    assert effective_rank(np.outer([1.0, 2, 3], [1.0, 2, 3])) == pytest.approx(1.0)
    assert effective_rank(np.diag([2.0, 2, 2, 0])) == pytest.approx(3.0)
    assert 1 < effective_rank(np.diag([1.0, 0.1])) < 2
    U = np.random.default_rng(1).standard_normal((2, 5, 3))
    np.testing.assert_allclose(nuclear_norm(gram(U)), np.sum(U**2, axis=(1, 2)))


# ----------------------------------------------------------------------------- certificates
def test_sdp_dual_certificate_is_feasible_and_tight(small_problem):
    """Lam on Omega, I - Lam PSD, <Lam, Y> = trace X_nuc: weak duality makes X_nuc optimal."""
    Y, mask = small_problem
    X, Lam = min_nuclear_norm_completion(Y, mask, return_dual=True)
    assert np.allclose(Lam, Lam.T) and np.all(Lam[~mask] == 0)
    assert np.linalg.eigvalsh(np.eye(len(Y)) - Lam).min() > -1e-6
    assert np.sum(Lam * Y) == pytest.approx(np.trace(X), abs=1e-6)


def test_sdp_dual_matches_triangle_closed_form():
    Y, mask = triangle_counterexample(0.2)
    _, Lam = min_nuclear_norm_completion(Y, mask, return_dual=True)
    n = np.array([1.0, 1.0, -1.0])
    np.testing.assert_allclose(Lam, np.eye(3) - np.outer(n, n), atol=1e-5)


def test_trace_deficit_bound_holds_for_inexact_completions(small_problem):
    Y, mask = small_problem
    X, Lam = min_nuclear_norm_completion(Y, mask, return_dual=True)
    rng = np.random.default_rng(7)
    # perturbed square roots of X_nuc: PSD, near-completions with various residuals
    w, V = np.linalg.eigh(X)
    root = V * np.sqrt(np.clip(w, 0, None))
    U = root[None] * (1 + 0.2 * rng.standard_normal((50, 1, 8)))
    bound = trace_deficit_bound(Lam, Y, mask, U)
    gap = np.sum(U * U, axis=(1, 2)) - np.trace(X)
    assert np.all(gap >= -bound - 1e-6)
    assert np.any(gap < 0)  # the bound is exercised, not trivially satisfied


def test_hessian_max_eigenvalue_against_finite_differences(small_problem):
    Y, mask = small_problem
    U = 0.5 * _start()[:, :3]
    D, k = U.shape

    def grad(V):
        return V - factorized_gd_completion(Y, mask, V, eta=1.0, steps=1)

    h = 1e-5
    H = np.empty((D * k, D * k))
    for c in range(D * k):
        E = np.zeros(D * k)
        E[c] = h
        E = E.reshape(D, k)
        H[:, c] = ((grad(U + E) - grad(U - E)) / (2 * h)).ravel()
    expected = np.linalg.eigvalsh((H + H.T) / 2)[-1]
    assert hessian_max_eigenvalue(Y, mask, U) == pytest.approx(expected, rel=1e-6)
    batch = hessian_max_eigenvalue(Y, mask, np.stack([U, 2 * U]))
    assert batch[0] == pytest.approx(expected, rel=1e-6) and batch.shape == (2,)


# ----------------------------------------------------------------------------- sweeps, tables
def test_initialization_sweep_checkpoints_continue_one_run(small_problem):
    Y, mask = small_problem
    alphas = [1e-1, 1e-3]
    first, second = initialization_sweep(Y, mask, alphas, 2, eta=0.2, steps=(30, 70))
    np.testing.assert_array_equal(first, initialization_sweep(Y, mask, alphas, 2, 0.2, 30))
    np.testing.assert_allclose(
        second, initialization_sweep(Y, mask, alphas, 2, 0.2, 70), rtol=1e-12, atol=1e-15
    )
    U_init = np.random.default_rng(0).standard_normal((2, 8, 8)) / np.sqrt(8)
    direct = factorized_gd_completion(Y, mask, 1e-3 * U_init[1], 0.2, 30)
    np.testing.assert_array_equal(first[1, 1], direct)


def test_spectral_diagnostics():
    X = np.diag([3.0, 1.0, 2e-3, 1e-4])
    np.testing.assert_allclose(top_eigenvalues(X, 2), [3.0, 1.0])
    assert numerical_rank(X) == 2 and numerical_rank(X, rel_tol=1e-5) == 4
    Y = np.diag([4.0, 0, 0])
    assert relative_distance(2 * Y, Y, scale=Y / 4) == pytest.approx(4.0)


def test_tables_fit_the_page(small_problem):
    Y, mask = small_problem
    X, Lam = min_nuclear_norm_completion(Y, mask, return_dual=True)
    alphas = [1.0, 1e-6]
    U = initialization_sweep(Y, mask, alphas, 2, eta=0.2, steps=5)
    s = sweep_summary(U, Y, mask, X, Lam)
    text = format_sweep_table(alphas, s, checkpoint=s) + "\n" + format_spectra({"X": X})
    text += "\n" + format_counterexample_table(alphas, s, X)
    assert max(len(line) for line in text.splitlines()) <= 90
    assert len(format_sweep_table(alphas, s).splitlines()) == 3
