"""Tests for hw3.matrix_completion: the SDP baselines, gradient descent on (12), GLRL, diagnostics."""

import warnings

import cvxpy as cp
import numpy as np
import pytest

from hw3.matrix_completion import (
    CONVERGED,
    RECORD_EVERY,
    STATIONARY,
    STEP_LIMIT,
    UNBOUNDED,
    completion_loss,
    default_step_size,
    effective_rank,
    gram,
    greedy_low_rank,
    hessian_max_eigenvalue,
    initializations,
    make_completion_problem,
    min_nuclear_norm_completion,
    min_nuclear_norm_symmetric,
    permute_problem,
    run_to_tolerance,
    trace_fixed_by_data,
    triangle_counterexample,
)


@pytest.fixture(scope="module")
def small_problem():
    """A small instance with some diagonal entries unobserved (so the trace is not fixed)."""
    Y, mask = make_completion_problem(8, 2, 0.45, seed=3)
    assert not trace_fixed_by_data(mask)
    return Y, mask


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


def sdp_with_dual(Y, mask):
    """(23) solved here on its own, with the multiplier Lam of its equality constraints: cvxpy's
    multiplier nu of "X_ij = Y_ij" (i <= j) is -d(value)/d(Y_ij), and the value depends on Y_ij
    through X_ij and X_ji off the diagonal, so Lam_ij = -nu / 2 there (-nu on the diagonal)."""
    rows, cols = np.nonzero(np.triu(mask))
    X = cp.Variable(Y.shape, PSD=True)
    constraint = X[rows, cols] == Y[rows, cols]
    cp.Problem(cp.Minimize(cp.trace(X)), [constraint]).solve(
        solver="CLARABEL", tol_gap_abs=1e-8, tol_gap_rel=1e-8, tol_feas=1e-8
    )
    Lam = np.zeros_like(Y)
    Lam[rows, cols] = -np.asarray(constraint.dual_value, dtype=float)
    return X.value, (Lam + Lam.T) / 2


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
        U_fast = _gd(Y, mask, U0=_start(), eta=eta, steps=steps)
        np.testing.assert_allclose(U_fast, U, rtol=1e-12, atol=1e-13)


def _gd(Y, mask, U0, eta, steps, tol=0.0):
    """One factor (D, k) or a stack (B, D, k) after ``steps`` steps of (22), fewer if the loss
    reaches ``tol``: :func:`run_to_tolerance` checking the loss at every step."""
    U0 = np.asarray(U0)
    stack = U0.reshape(-1, *U0.shape[-2:]) if U0.ndim >= 2 else U0
    runs = run_to_tolerance(Y, mask, stack, eta, tol=tol, max_steps=steps, check_every=1, threads=1)
    return runs.U.reshape(U0.shape)


def _start():
    return np.random.default_rng(0).standard_normal((8, 8)) * 0.3


def test_gradient_is_the_gradient_of_the_loss(small_problem):
    """Finite differences of (12) against the step: (U - U_next)/eta is grad L(U)."""
    Y, mask = small_problem
    U = _start()
    eta = 1e-3  # small enough for the step to descend (a larger one raises ValueError)
    grad = (U - _gd(Y, mask, U, eta=eta, steps=1)) / eta
    rng = np.random.default_rng(5)
    for _ in range(3):
        V = rng.standard_normal(U.shape)
        h = 1e-6
        fd = (completion_loss(Y, mask, U + h * V) - completion_loss(Y, mask, U - h * V)) / (2 * h)
        assert fd == pytest.approx(np.sum(grad * V), rel=1e-6)


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
        _gd(Y, mask, np.full((1, 1), 1.01), eta, steps=300)
    # per stack member: u = 0 is a critical point with the larger loss 1/2, which hides the
    # rising member in the stack's total and maximum loss
    with pytest.raises(ValueError, match="eta=0.55"):
        _gd(Y, mask, np.array([[[0.0]], [[1.01]]]), eta, steps=300)
    # started above the cycle the loss falls onto it, and every 100 steps it repeats exactly:
    # only the comparison of two consecutive steps sees the oscillation
    far = _scalar_losses(1.4, eta, 300)
    assert far[100] < far[0] and far[200] <= far[100] * (1 + 1e-12) and far[101] < far[100]
    with pytest.raises(ValueError, match="eta=0.55"):
        _gd(Y, mask, np.full((1, 1), 1.4), eta, steps=300)
    with pytest.raises(ValueError, match="eta=0.55"):  # tol > 0 checks every step
        _gd(Y, mask, np.full((1, 1), 1.4), eta, steps=300, tol=1e-12)
    # the same starts converge with a stable step, and the loss then falls at every step
    for u0 in (1.01, 1.4):
        U = _gd(Y, mask, np.full((1, 1), u0), 0.2, steps=300, tol=1e-20)
        assert completion_loss(Y, mask, U) <= 1e-20
        assert np.all(np.diff(_scalar_losses(u0, 0.2, 50)) <= 0)


def test_gd_rejects_non_finite_input(small_problem):
    Y, mask = small_problem
    U0 = _start()
    U0[2, 3] = np.nan
    with pytest.raises(ValueError, match="U0 must be finite") as info:
        _gd(Y, mask, U0, eta=0.1, steps=10)
    assert "eta" not in str(info.value)  # the step is not to blame
    with pytest.raises(ValueError, match="tol"):
        _gd(Y, mask, _start(), eta=0.1, steps=10, tol=float("nan"))
    with pytest.raises(ValueError, match="eta"):
        _gd(Y, mask, _start(), eta=float("inf"), steps=10)
    Y_nan = Y.copy()
    Y_nan[0, 1] = Y_nan[1, 0] = np.nan
    for call in (
        lambda: _gd(Y_nan, mask, _start(), eta=0.1, steps=10),
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
    U = _gd(Y, mask, U0, eta=0.2, steps=3000)
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


def test_sdp_dual_certificate_is_feasible_and_tight(small_problem):
    """Lam on Omega, I - Lam PSD, <Lam, Y> = trace X_nuc: weak duality makes X_nuc optimal."""
    Y, mask = small_problem
    X, Lam = sdp_with_dual(Y, mask)
    assert np.trace(min_nuclear_norm_completion(Y, mask)) == pytest.approx(np.trace(X), abs=1e-6)
    assert np.allclose(Lam, Lam.T) and np.all(Lam[~mask] == 0)
    assert np.linalg.eigvalsh(np.eye(len(Y)) - Lam).min() > -1e-6
    assert np.sum(Lam * Y) == pytest.approx(np.trace(X), abs=1e-6)


def test_sdp_dual_matches_triangle_closed_form():
    Y, mask = triangle_counterexample(0.2)
    _, Lam = sdp_with_dual(Y, mask)
    n = np.array([1.0, 1.0, -1.0])
    np.testing.assert_allclose(Lam, np.eye(3) - np.outer(n, n), atol=1e-5)


def test_hessian_max_eigenvalue_against_finite_differences(small_problem):
    Y, mask = small_problem
    U = 0.5 * _start()[:, :3]
    D, k = U.shape

    def grad(V):
        return (V - _gd(Y, mask, V, eta=1e-3, steps=1)) / 1e-3

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


def test_divergence_raises_value_error_naming_eta(small_problem):
    Y, mask = small_problem
    with pytest.raises(ValueError, match="eta=50"):
        _gd(Y, mask, _start(), eta=50.0, steps=200)
    with pytest.raises(ValueError, match="eta"):
        _gd(Y, mask, _start(), eta=0.0, steps=10)
    with pytest.raises(ValueError):
        _gd(Y, mask, np.ones((7, 7)), eta=0.1, steps=10)


def test_run_to_tolerance_batch_equals_separate_runs_exactly(small_problem):
    """A run's result does not depend on the other runs of the stack, the threads or the order."""
    Y, mask = small_problem
    U0 = initializations(8, 4, seed=1) * np.array([0.3, 0.1, 1e-2, 1e-3])[:, None, None]
    batch = run_to_tolerance(Y, mask, U0, 0.2, tol=1e-10, max_steps=40_000, threads=2)
    for b in range(4):
        alone = run_to_tolerance(
            Y, mask, U0[b : b + 1], 0.2, tol=1e-10, max_steps=40_000, threads=1
        )
        np.testing.assert_array_equal(batch.U[b], alone.U[0])
        assert batch.steps[b] == alone.steps[0] and batch.converged[b] == alone.converged[0]
    assert batch.converged.sum() >= 3 and np.all(batch.steps % 10 == 0)
    assert np.all(batch.loss[batch.converged] <= 1e-10)
    assert np.all(batch.steps[~batch.converged] == 40_000)  # the others ran to their limit
    # stopped at the first multiple of 10 with loss <= tol: ten steps earlier it was above
    for b in np.flatnonzero(batch.converged):
        earlier = run_to_tolerance(
            Y, mask, U0[b : b + 1], 0.2, tol=0.0, max_steps=int(batch.steps[b]) - 10, threads=1
        )
        assert completion_loss(Y, mask, earlier.U[0]) > 1e-10


def test_run_to_tolerance_per_run_problems_steps_limits_and_histories(small_problem):
    Y, mask = small_problem
    Y2, mask2 = make_completion_problem(8, 2, 0.6, seed=5)
    U0 = initializations(8, 3, seed=2) * 0.1
    runs = run_to_tolerance(
        np.stack([Y, Y2, Y]), np.stack([mask, mask2, mask]), U0, [0.2, 0.1, 0.2], tol=1e-12,
        max_steps=[30_000, 30_000, 37],
    )  # fmt: skip
    single = run_to_tolerance(Y2, mask2, U0[1:2], 0.1, tol=1e-12, max_steps=30_000, threads=1)
    np.testing.assert_array_equal(runs.U[1], single.U[0])
    assert runs.steps[2] == 37 and not runs.converged[2]  # stopped at its own step limit
    np.testing.assert_array_equal(runs.U[2], _gd(Y, mask, U0[2], 0.2, 37))
    # the history holds the loss (12) and ||U||_F^2 every RECORD_EVERY steps, from step 0
    long = run_to_tolerance(Y, mask, U0[:1], 0.2, tol=0.0, max_steps=3 * RECORD_EVERY, threads=1)
    assert long.history[0].shape == (4, 2)
    for j in range(4):
        at = _gd(Y, mask, U0[0], 0.2, j * RECORD_EVERY)
        assert long.history[0][j, 0] == pytest.approx(completion_loss(Y, mask, at), rel=1e-12)
        assert long.history[0][j, 1] == pytest.approx(np.sum(at**2), rel=1e-14)
    # the relabelled problem is an exact symmetry of (12): the same run up to rounding
    perm = np.array([3, 1, 7, 0, 5, 2, 6, 4])
    Yp, Mp, Up = permute_problem(Y, mask, U0[0], perm)
    pair = run_to_tolerance(np.stack([Y, Yp]), np.stack([mask, Mp]), np.stack([U0[0], Up]), 0.2, tol=0.0, max_steps=5000)  # fmt: skip
    back = gram(pair.U[1])[np.ix_(np.argsort(perm), np.argsort(perm))]
    np.testing.assert_allclose(back, gram(pair.U[0]), atol=1e-9)


def test_run_to_tolerance_rejects_bad_input_and_divergence(small_problem):
    Y, mask = small_problem
    U0 = initializations(8, 2)
    with pytest.raises(ValueError, match="eta=50"):
        run_to_tolerance(Y, mask, U0, 50.0, tol=1e-9, max_steps=200)
    for bad in (0.0, -1.0, np.nan):
        with pytest.raises(ValueError, match="eta"):
            run_to_tolerance(Y, mask, U0, bad, tol=1e-9, max_steps=10)
    with pytest.raises(ValueError, match="shape"):
        run_to_tolerance(Y, mask, U0[0], 0.1, tol=1e-9, max_steps=10)
    with pytest.raises(ValueError, match="max_steps"):
        run_to_tolerance(Y, mask, U0, 0.1, tol=1e-9, max_steps=-1)
    with pytest.raises(ValueError, match="precision"):
        run_to_tolerance(Y, mask, U0, 0.1, tol=1e-9, max_steps=10, precision="float32")


def test_greedy_low_rank_stops_at_the_rank_of_the_truth_and_reports_failures():
    Y, mask = triangle_counterexample(0.2)
    g = greedy_low_rank(Y[None], mask[None], 0.05, tol=1e-12)
    assert g.rank[0] == 1 and g.fits[0] and g.stage_status[0, 0] == CONVERGED
    np.testing.assert_allclose(gram(g.U[0]), Y, atol=1e-4)  # loss 1e-12: the free diagonal to ~1e-5
    # rank two truth, densely observed: a stationary point of rank one, then the fit
    Y2, mask2 = make_completion_problem(8, 2, 0.9, seed=0)
    g2 = greedy_low_rank(Y2[None], mask2[None], 0.05, tol=1e-10)
    assert (
        g2.rank[0] == 2 and g2.fits[0] and list(g2.stage_status[0, :2]) == [STATIONARY, CONVERGED]
    )
    np.testing.assert_allclose(gram(g2.U[0]), Y2, atol=1e-4)
    # a stage that cannot finish within its step limit is reported, not taken as converged
    g3 = greedy_low_rank(Y2[None], mask2[None], 0.05, tol=1e-10, max_steps=20)
    assert g3.stage_status[0, 0] == STEP_LIMIT and not g3.fits[0] and g3.rank[0] == 1


def test_greedy_low_rank_detects_a_stage_whose_factor_grows_without_bound():
    """Observe Y_11 = 0 and Y_12 = 1 of a 2 x 2 matrix. At rank one, x1^2 = 0 and x1 x2 = 1 cannot
    both hold: the only stationary point of L(x) = (x1^4 + 2 (x1 x2 - 1)^2) / 2 is x = 0 (where
    the second component of the gradient, 2 (x1 x2 - 1) x1, forces x1 = 0 or x1 x2 = 1, and the
    first, 2 x1^3 + 2 (x1 x2 - 1) x2, then forces x = 0), and L -> 0 only as x2 -> infinity."""
    Y = np.array([[0.0, 1.0], [1.0, 5.0]])
    mask = np.array([[True, True], [True, False]])
    g = greedy_low_rank(Y[None], mask[None], 0.3, tol=1e-12, max_steps=2_000_000, max_rank=1)
    assert g.stage_status[0, 0] == UNBOUNDED and not g.fits[0]
    large_step, small_step = g.stage_norms[0, 0]
    assert small_step > 2 * large_step  # with eta / 8 the factor goes farther before the rise


def test_unconstrained_min_nuclear_norm_of_the_triangle_is_two_root_two_and_indefinite():
    """The dual bound (28): W on Omega with ||W||_2 = 1 gives ||X||_* >= 2 sqrt 2 for every
    symmetric completion; the SDP without PSD attains it with an indefinite X."""
    Y, mask = triangle_counterexample(0.2)
    X = min_nuclear_norm_symmetric(Y, mask)
    assert np.allclose(X[mask], Y[mask], atol=1e-6)
    assert np.linalg.svd(X, compute_uv=False).sum() == pytest.approx(2 * np.sqrt(2), abs=1e-5)
    assert np.linalg.eigvalsh(X).min() < -0.5
    W = np.zeros((3, 3))
    W[0, 2] = W[1, 2] = W[2, 0] = W[2, 1] = 1 / np.sqrt(2)
    assert np.linalg.norm(W, 2) == pytest.approx(1.0) and np.sum(W * Y) == pytest.approx(
        2 * np.sqrt(2)
    )


def test_effective_rank_and_nuclear_norm():
    assert effective_rank(np.outer([1.0, 2, 3], [1.0, 2, 3])) == pytest.approx(1.0)
    assert effective_rank(np.diag([2.0, 2, 2, 0])) == pytest.approx(3.0)
    assert 1 < effective_rank(np.diag([1.0, 0.1])) < 2
    U = np.random.default_rng(1).standard_normal((2, 5, 3))
    np.testing.assert_allclose(nuclear_norm(gram(U)), np.sum(U**2, axis=(1, 2)))
    np.testing.assert_allclose(effective_rank(np.stack([np.zeros((3, 3)), np.eye(3)])), [0, 3])
    with pytest.raises(ValueError):
        effective_rank(np.diag([1.0, np.nan]))


def test_initializations_are_seeded_and_scaled():
    U = initializations(50, 3, seed=4)
    assert U.shape == (3, 50, 50)
    np.testing.assert_array_equal(U, initializations(50, 3, seed=4))
    assert abs(np.mean(U**2) * 50 - 1) < 0.05  # i.i.d. N(0, 1/D)


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda Y, mask: make_completion_problem(5.5, 1, 0.5), "D must be an integer"),
        (lambda Y, mask: make_completion_problem(5, 1.5, 0.5), "rank must be an integer"),
        (lambda Y, mask: make_completion_problem(5, 1, 0.5, seed=-1), "seed"),
        (lambda Y, mask: _gd(Y, mask, np.full((8, 2), 1e200), 0.1, 10), "U0"),
        (lambda Y, mask: _gd(Y, mask, _start(), 0.1, 10**20), "steps"),
        (
            lambda Y, mask: _gd(Y + 0j, mask, _start(), 0.1, 10),
            "Y must be real",
        ),
        (
            lambda Y, mask: _gd(Y, mask, _start() + 0j, 0.1, 10),
            "U0 must be real",
        ),
        (
            lambda Y, mask: run_to_tolerance(
                Y + 0j, mask, _start()[None], 0.1, tol=0.0, max_steps=10
            ),
            "Y must be real",
        ),
    ],
)
def test_bad_arguments_get_a_value_error_naming_them_and_no_warning(small_problem, call, name):
    Y, mask = small_problem
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning would turn into another exception here
        with pytest.raises(ValueError, match=name) as info:
            call(Y, mask)
    assert "eta" not in str(info.value)  # the step is not to blame
