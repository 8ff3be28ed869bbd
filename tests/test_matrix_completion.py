"""Tests for hw3.matrix_completion: the SDP baseline, the gradient descent on (12), diagnostics."""

import re

import cvxpy as cp
import numpy as np
import pytest

import hw3.matrix_completion as mc
from hw3.matrix_completion import (
    CompletionInstance,
    completion_loss,
    default_step_size,
    describe_counterexample,
    describe_glrl,
    effective_rank,
    factorized_gd_completion,
    format_counterexample_table,
    format_spectra,
    format_step_comparison,
    format_sweep_table,
    gram,
    greedy_low_rank_completion,
    hessian_max_eigenvalue,
    initialization_sweep,
    make_completion_problem,
    min_nuclear_norm_completion,
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


# ----------------------------------------------------------------------------- oracles
def nuclear_norm(X):
    """||X||_*, the sum of singular values, batched: independent of trace and ||U||_F^2."""
    return np.sum(np.linalg.svd(X, compute_uv=False), axis=-1)


def normnuc_optimal_value(Y, mask, tol=1e-7):
    """Independent formulation of (25): min ||X||_* s.t. X PSD, X_Omega = Y_Omega.

    Uses cvxpy's ``normNuc`` atom (its own epigraph reformulation), elementwise masked
    constraints and a different solver (SCS, first order) than the package.
    """
    X = cp.Variable(Y.shape, PSD=True)
    W = mask.astype(float)
    problem = cp.Problem(cp.Minimize(cp.normNuc(X)), [cp.multiply(W, X) == W * Y])
    problem.solve(solver="SCS", eps_abs=tol, eps_rel=tol, max_iters=200_000)
    assert problem.status == cp.OPTIMAL
    return float(problem.value)


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
    other = normnuc_optimal_value(Y, mask)
    assert abs(np.trace(X) - nuclear_norm(X)) < 1e-5  # trace = nuclear norm for PSD
    assert np.trace(X) <= other + 1e-4  # no worse than the independent formulation
    assert np.trace(X) >= other - 1e-4  # and both reach the same optimum
    assert np.trace(X) <= np.trace(Y) + 1e-7  # Y is feasible, so it cannot beat X
    X_scs = min_nuclear_norm_completion(Y, mask, solver="SCS")  # the package's other solver
    assert np.trace(X_scs) == pytest.approx(np.trace(X), abs=1e-4)


def test_sdp_rejects_unknown_solver_and_bad_tolerance(small_problem):
    Y, mask = small_problem
    with pytest.raises(ValueError, match="unknown SDP solver 'ECOS'"):
        min_nuclear_norm_completion(Y, mask, solver="ECOS")
    with pytest.raises(ValueError, match="tol"):
        min_nuclear_norm_completion(Y, mask, tol=float("nan"))


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
    eta = 1e-3  # small enough for the step to descend (a larger one raises ValueError)
    grad = (U - factorized_gd_completion(Y, mask, U, eta=eta, steps=1)) / eta
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


def _scalar_problem():
    """D = 1: L(u) = (u^2 - 1)^2 / 2; GD is stable at u = 1 only for eta < 1/2."""
    return np.ones((1, 1)), np.ones((1, 1), dtype=bool)


def _scalar_losses(u, eta, steps):
    """Reference losses of GD on the scalar problem, written out: u <- u - 2 eta (u^2 - 1) u."""
    losses = []
    for _ in range(steps + 1):
        losses.append(0.5 * (u * u - 1.0) ** 2)
        u = u - 2 * eta * (u * u - 1.0) * u
    return np.array(losses)


def test_bounded_oscillation_raises_value_error_naming_eta():
    """eta = 0.55 > 1/2: GD settles on a bounded 2-cycle around u = 1 instead of converging."""
    Y, mask = _scalar_problem()
    eta = 0.55
    near = _scalar_losses(1.01, eta, 300)  # starts near the minimum: the loss grows ...
    assert near[100] > 100 * near[0] and near.max() < 0.1  # ... but stays far from a blow-up
    with pytest.raises(ValueError, match="eta=0.55"):
        factorized_gd_completion(Y, mask, np.full((1, 1), 1.01), eta, steps=300)
    # per stack member: u = 0 is a critical point with the larger loss 1/2, which hides the
    # rising member in the stack's total and maximum loss
    with pytest.raises(ValueError, match="eta=0.55"):
        factorized_gd_completion(Y, mask, np.array([[[0.0]], [[1.01]]]), eta, steps=300)
    # started above the cycle the loss falls onto it, and every 100 steps it repeats exactly:
    # only the comparison of two consecutive steps sees the oscillation
    far = _scalar_losses(1.4, eta, 300)
    assert far[100] < far[0] and far[200] <= far[100] * (1 + 1e-12) and far[101] < far[100]
    with pytest.raises(ValueError, match="eta=0.55"):
        factorized_gd_completion(Y, mask, np.full((1, 1), 1.4), eta, steps=300)
    with pytest.raises(ValueError, match="eta=0.55"):  # tol > 0 checks every step
        factorized_gd_completion(Y, mask, np.full((1, 1), 1.4), eta, steps=300, tol=1e-12)
    # the same starts converge with a stable step, and the loss then falls at every step
    for u0 in (1.01, 1.4):
        U = factorized_gd_completion(Y, mask, np.full((1, 1), u0), 0.2, steps=300, tol=1e-20)
        assert completion_loss(Y, mask, U) <= 1e-20
        assert np.all(np.diff(_scalar_losses(u0, 0.2, 50)) <= 0)


def test_rounding_at_a_stalled_run_is_not_an_oscillation(monkeypatch):
    """Triangle runs stall at losses ~1e-28, where rounding moves the loss by ~1e-30."""
    Y, mask = triangle_counterexample(0.2)
    U = initialization_sweep(Y, mask, [1e-6], 5, eta=0.05, steps=20_000, seed=3)
    assert np.max(completion_loss(Y, mask, U)) < 1e-26  # stalled at the rounding level
    # the same run with a fixed absolute tolerance of 1e-30 stops on rounding noise
    scale = np.sum((mask * Y) ** 2)
    monkeypatch.setattr(mc, "_RISE_ATOL", 1e-30 / scale)
    with pytest.raises(ValueError, match="eta=0.05"):
        initialization_sweep(Y, mask, [1e-6], 5, eta=0.05, steps=20_000, seed=3)


def test_gd_rejects_non_finite_input(small_problem):
    Y, mask = small_problem
    U0 = _start()
    U0[2, 3] = np.nan
    with pytest.raises(ValueError, match="U0 must be finite") as info:
        factorized_gd_completion(Y, mask, U0, eta=0.1, steps=10)
    assert "eta" not in str(info.value)  # the step is not to blame
    with pytest.raises(ValueError, match="tol"):
        factorized_gd_completion(Y, mask, _start(), eta=0.1, steps=10, tol=float("nan"))
    with pytest.raises(ValueError, match="eta"):
        factorized_gd_completion(Y, mask, _start(), eta=float("inf"), steps=10)
    Y_nan = Y.copy()
    Y_nan[0, 1] = Y_nan[1, 0] = np.nan
    for call in (
        lambda: factorized_gd_completion(Y_nan, mask, _start(), eta=0.1, steps=10),
        lambda: min_nuclear_norm_completion(Y_nan, mask),
    ):
        with pytest.raises(ValueError, match="Y must be finite"):
            call()


def test_small_initialization_recovers_easy_instance():
    """Dense sampling: min nuclear norm = truth, and GD from small init gets there."""
    Y, mask = make_completion_problem(10, 1, 0.8, seed=0)
    X_nuc = min_nuclear_norm_completion(Y, mask)
    assert np.linalg.norm(X_nuc - Y) < 1e-5 * np.linalg.norm(Y)  # X_nuc = Y
    U0 = 1e-3 * np.random.default_rng(0).standard_normal((10, 10))
    U = factorized_gd_completion(Y, mask, U0, eta=0.2, steps=3000)
    assert np.linalg.norm(gram(U) - Y) < 1e-3 * np.linalg.norm(Y)


def test_default_step_size_follows_the_full_observation_curvature():
    """With every entry observed, mu_max(Hessian) at a solution is 4 mu_1(Y) exactly."""
    for seed in range(3):
        Y, mask = make_completion_problem(6, 2, 1.0, seed=seed)
        w, V = np.linalg.eigh(Y)
        U = V * np.sqrt(np.clip(w, 0.0, None))  # U U^T = Y
        assert hessian_max_eigenvalue(Y, mask, U) == pytest.approx(4 * w[-1], rel=1e-9)
    for p in (0.25, 0.5, 1.0):
        assert default_step_size(p) * p == pytest.approx(0.08)
    with pytest.raises(ValueError):
        default_step_size(0.0)


def test_greedy_low_rank_learning_finds_rank_one_triangle_completion():
    Y, mask = triangle_counterexample(0.2)
    U, losses = greedy_low_rank_completion(Y, mask, eta=0.05, steps_per_rank=5000, tol=1e-12)
    assert U.shape[1] == 1 and losses[-1] <= 1e-12
    assert np.allclose(gram(U), Y, atol=1e-5)


# ----------------------------------------------------------------------------- diagnostics
def test_vacuous_case_detector_agrees_with_the_sdp():
    """Detector True: the SDP cannot select (its value is trace Y); False: it can."""
    Y, mask = make_completion_problem(6, 2, 0.4, seed=4)
    full_diag = mask | np.eye(6, dtype=bool)
    for observed in (full_diag, np.eye(6, dtype=bool), np.ones((6, 6), dtype=bool)):
        assert trace_fixed_by_data(observed)
        assert np.trace(min_nuclear_norm_completion(Y, observed)) == pytest.approx(
            np.trace(Y), abs=1e-6
        )
    missing = full_diag.copy()
    missing[0, 0] = False
    assert not trace_fixed_by_data(missing)
    Y_t, mask_t = triangle_counterexample(0.2)  # no diagonal entry observed
    assert not trace_fixed_by_data(mask_t)
    assert np.trace(min_nuclear_norm_completion(Y_t, mask_t)) < np.trace(Y_t) - 1.0
    with pytest.raises(ValueError):
        trace_fixed_by_data(np.triu(np.ones((3, 3), dtype=bool)))


def test_effective_rank_and_nuclear_norm(small_problem):
    assert effective_rank(np.outer([1.0, 2, 3], [1.0, 2, 3])) == pytest.approx(1.0)
    assert effective_rank(np.diag([2.0, 2, 2, 0])) == pytest.approx(3.0)
    assert 1 < effective_rank(np.diag([1.0, 0.1])) < 2
    U = np.random.default_rng(1).standard_normal((2, 5, 3))
    np.testing.assert_allclose(nuclear_norm(gram(U)), np.sum(U**2, axis=(1, 2)))
    # the zero matrix uses no direction; batched with a rank-three matrix
    np.testing.assert_allclose(effective_rank(np.stack([np.zeros((3, 3)), np.eye(3)])), [0, 3])
    with pytest.raises(ValueError):
        effective_rank(np.diag([1.0, np.nan]))
    # sweep_summary's gap ||U||_F^2 - trace X_nuc is the difference of nuclear norms
    Y, mask = small_problem
    X = min_nuclear_norm_completion(Y, mask)
    U = np.random.default_rng(2).standard_normal((3, 8, 8)) * 0.2
    np.testing.assert_allclose(
        sweep_summary(U, Y, mask, X)["nuc_gap"], nuclear_norm(gram(U)) - nuclear_norm(X)
    )


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
        return (V - factorized_gd_completion(Y, mask, V, eta=1e-3, steps=1)) / 1e-3

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
    text += "\n" + format_step_comparison(alphas, s, s, [0, 1], 20_000)
    text += "\n" + describe_counterexample(0.2, *triangle_counterexample(0.2)[:1], X[:3, :3])
    inst = CompletionInstance(Y, mask, 0.45, X, Lam)
    text += "\n" + describe_glrl(U[0, 0], [1e-10], inst, alphas, U)
    assert max(len(line) for line in text.splitlines()) <= 90
    assert len(format_sweep_table(alphas, s).splitlines()) == 3


def _numbers(line):
    """The numbers in a line of text, in order ("0.300 +- 0.100" gives 0.3, 0.1)."""
    return [float(t) for t in re.findall(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", line)]


@pytest.fixture
def fake_summary():
    """Summaries of two alphas x three seeds with hand-picked values."""
    summary = {
        "dist_nuc": np.array([[0.2, 0.3, 0.4], [0.01, 0.02, 0.03]]),
        "dist_truth": np.array([[0.5, 0.5, 0.5], [0.1, 0.2, 0.6]]),
        "nuc_gap": np.array([[0.01, 0.02, 0.06], [-0.1, 0.0, 0.1]]),
        "erank": np.array([[2.0, 3.0, 4.0], [1.0, 1.0, 1.0]]),
        "loss": np.array([[1e-3, 4e-3, 2e-3], [1e-9, 1e-8, 1e-7]]),
        "deficit_bound": np.array([[1e-4, 3e-4, 2e-4], [5e-6, 0.0, 1e-6]]),
    }
    checkpoint = {"dist_nuc": summary["dist_nuc"] + np.array([[0.0, -0.05, 0.01], [0, 0, 0]])}
    return summary, checkpoint


def test_sweep_table_rows_are_the_seed_statistics(fake_summary):
    summary, checkpoint = fake_summary
    lines = format_sweep_table([1e-2, 1e-6], summary, checkpoint).splitlines()
    assert lines[0].split()[:3] == ["alpha", "dist", "to"] and "change" in lines[0]
    for i, alpha in enumerate([1e-2, 1e-6]):
        d, t = summary["dist_nuc"][i], summary["dist_truth"][i]
        expected = [
            alpha,
            d.mean(),
            d.std(),
            t.mean(),
            t.std(),
            summary["nuc_gap"][i].mean(),
            summary["erank"][i].mean(),
            summary["loss"][i].max(),
            -summary["deficit_bound"][i].max(),
            np.abs(d - checkpoint["dist_nuc"][i]).max(),
        ]
        np.testing.assert_allclose(_numbers(lines[i + 1]), expected, rtol=0.05, atol=5e-4)


def test_counterexample_and_step_tables_show_the_right_runs(fake_summary):
    summary, _ = fake_summary
    X_nuc = np.diag([1.0, 2.0])  # trace 3: the table shows ||UU^T||_* = gap + 3
    rows = format_counterexample_table([1.0, 1e-4], summary, X_nuc).splitlines()[1:]
    for i, row in enumerate(rows):
        expected = [
            [1.0, 1e-4][i],
            summary["nuc_gap"][i].mean() + 3.0,
            summary["erank"][i].mean(),
            summary["dist_truth"][i].mean(),
            summary["dist_nuc"][i].mean(),
            summary["loss"][i].max(),
        ]
        np.testing.assert_allclose(_numbers(row), expected, rtol=0.05, atol=5e-4)
    # rows picks row 1 of the first summary for the first alpha; seed 0 only
    small = {k: v[::-1] for k, v in summary.items()}
    lines = format_step_comparison([1e-2, 1e-6], summary, small, [1, 0], 100).splitlines()
    assert "eta, 100 steps" in lines[0] and "eta/4, 400 steps" in lines[0]
    np.testing.assert_allclose(_numbers(lines[2]), [1e-2, -0.1, 0.01, -0.1, 0.01, 1e-9])
    np.testing.assert_allclose(_numbers(lines[3]), [1e-6, 0.01, 0.2, 0.01, 0.2, 1e-3])


def test_spectra_table_contents():
    X = np.diag([3.0, 1.0, 2e-3, 1e-4])
    header, row = format_spectra({"X": X}, k=3).splitlines()
    assert header.split() == ["mu_1", "mu_2", "mu_3", "rank", "trace"]
    assert row.split()[0] == "X"
    np.testing.assert_allclose(_numbers(row.split(maxsplit=1)[1]), [3.0, 1.0, 2e-3, 2, 4.0021])


def test_describe_counterexample_and_glrl(small_problem):
    delta = 0.2
    Y, _ = triangle_counterexample(delta)
    X_star = np.array([[1 - delta, delta, 1.0], [delta, 1 - delta, 1.0], [1.0, 1.0, 2.0]])
    text = describe_counterexample(delta, Y, X_star)
    assert "||X_nuc||_* = 3.6000 (4 - 2 delta = 3.6000)" in text
    assert "||Y||_* = 5.4000, rank 1, e-rank 1.000" in text
    assert "[0.  0.6 3. ]" in text  # eigenvalues 0, 1 - 2 delta, 3
    expected = np.linalg.norm(X_star - Y) / np.linalg.norm(Y)
    assert text.endswith(f"||X_nuc - Y||_F / ||Y||_F = {expected:.3f}")
    # GLRL at the exact factor of Y: distance 0 to Y; GD at distances 0 and 2 ||Y||_F / ||Y||_F
    Y, mask = small_problem
    X_nuc = min_nuclear_norm_completion(Y, mask)
    w, V = np.linalg.eigh(Y)
    root = V * np.sqrt(np.clip(w, 0.0, None))
    U_gd = np.stack([np.stack([root, root]), np.stack([np.sqrt(3) * root] * 2)])
    inst = CompletionInstance(Y, mask, 0.45, X_nuc, None)
    lines = describe_glrl(root[:, -2:], [1e-12], inst, [1e-2, 1e-4], U_gd).splitlines()
    gap = np.trace(Y) - np.trace(X_nuc)
    np.testing.assert_allclose(
        _numbers(lines[0]), [2, 1e-12, 0.0, relative_distance(Y, X_nuc, Y), gap], atol=5e-4
    )
    np.testing.assert_allclose(_numbers(lines[2]), [1e-2, 0.0, 1e-4, 2.0], atol=5e-4)
