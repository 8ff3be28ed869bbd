"""Tests for hw3.sparse_recovery: optimality certificates, exact update rule, error handling."""

import warnings

import numpy as np
import pytest
from scipy.optimize import linprog

from hw3 import sparse_recovery as sr
from hw3.experiments.sparse_recovery import paths, time_alignment
from hw3.least_squares import min_norm_solution
from hw3.sparse_recovery import (
    curvature,
    factorized_gd,
    first_crossings,
    gd_sweep,
    gradient_descent,
    has_support_threshold,
    has_support_top,
    kl_interpolator,
    lambda_of_step,
    lasso_at,
    lasso_knots,
    make_problem,
    map_problems,
    min_l1_solution,
    nonnegative_l1_uniqueness_margin,
    order_of,
    peaked,
    positive_null_margin,
    power_law_exponent,
    predictions,
    relative_residual,
    run_diagnostics,
)


@pytest.fixture(scope="module")
def problem():
    return make_problem(seed=0)


def test_make_problem_follows_steps_i_ii(problem):
    A, x_star, y = problem
    assert A.shape == (20, 40) and x_star.shape == (40,)
    np.testing.assert_allclose(np.linalg.norm(A, axis=0), 1.0, rtol=1e-12)
    assert np.count_nonzero(x_star) == 10 and (x_star >= 0).all()
    np.testing.assert_allclose(y, A @ x_star)
    A2, x2, _ = make_problem(seed=0)
    np.testing.assert_array_equal(A, A2)
    assert not np.array_equal(x_star, make_problem(seed=1)[1])


def test_make_problem_value_scale():
    # |N(0, 1/10)| has mean sqrt(2/pi)/sqrt(10) ~ 0.252; average over many instances.
    values = np.concatenate([x[x > 0] for _, x, _ in (make_problem(seed=s) for s in range(200))])
    assert abs(values.mean() - np.sqrt(2 / np.pi / 10)) < 0.02


@pytest.mark.parametrize("positive", [True, False])
def test_lasso_path_satisfies_kkt_in_assignment_units(problem, positive):
    """KKT of (11) at the LARS knots and between them: A^T (y - A x) = lam sign(x) on the
    support, |.| <= lam elsewhere (positive Lasso: = lam where x > 0, <= lam where x = 0)."""
    A, _, y = problem
    knots, coefs_k = lasso_knots(A, y, positive=positive)
    assert np.all(np.diff(knots) < 0)
    np.testing.assert_allclose(knots[0], np.abs(A.T @ y).max() if not positive else (A.T @ y).max())
    lambdas = np.concatenate([knots, np.sqrt(knots[1:] * knots[:-1])])  # knots and in between
    coefs = lasso_at(knots, coefs_k, lambdas)
    assert coefs.shape == (A.shape[1], len(lambdas))
    np.testing.assert_array_equal(coefs[:, : len(knots)], coefs_k)
    for lam, x in zip(lambdas, coefs.T, strict=True):
        corr = A.T @ (y - A @ x)
        on = np.abs(x) > 1e-12
        np.testing.assert_allclose(corr[on], lam * np.sign(x[on]), atol=1e-9 * max(lam, 1))
        bound = corr[~on] if positive else np.abs(corr[~on])
        assert (bound <= lam * (1 + 1e-9) + 1e-12).all()
        if positive:
            assert (x >= -1e-12).all()


def _certify_min_l1(A, y, x, nonnegative):
    """Independent dual LP: max y^T nu s.t. A^T nu <= 1 (and >= -1 if signed). Equal optimal
    values (strong duality) + primal feasibility certify that x is optimal."""
    n = A.shape[0]
    A_ub = A.T if nonnegative else np.vstack([A.T, -A.T])
    dual = linprog(-y, A_ub=A_ub, b_ub=np.ones(A_ub.shape[0]), bounds=(None, None), method="highs")
    assert dual.status == 0 and dual.x.shape == (n,)
    np.testing.assert_allclose(A @ x, y, atol=1e-9)
    np.testing.assert_allclose(np.abs(x).sum(), y @ dual.x, rtol=1e-8)


@pytest.mark.parametrize("seed", [0, 3])
@pytest.mark.parametrize("nonnegative", [False, True])
def test_min_l1_is_lp_optimal(seed, nonnegative):
    A, _, y = make_problem(seed=seed)
    x = min_l1_solution(A, y, nonnegative=nonnegative)
    if nonnegative:
        assert (x >= -1e-12).all()
    _certify_min_l1(A, y, x, nonnegative)


def test_min_l1_is_the_lasso_limit(problem):
    """As lambda -> 0 the Lasso path (exact LARS knots) ends at the min-l1 interpolator."""
    A, _, y = problem
    for positive in (False, True):
        _, coefs = lasso_knots(A, y, positive=positive)
        np.testing.assert_allclose(coefs[:, -1], min_l1_solution(A, y, positive), atol=1e-8)


def test_min_l2_solution(problem):
    A, _, y = problem
    x = min_norm_solution(A, y)  # the one implementation of A^+ y, shared with 2(a)-(d)
    np.testing.assert_allclose(A @ x, y, atol=1e-12)
    np.testing.assert_allclose(x, A.T @ np.linalg.solve(A @ A.T, y), atol=1e-12)  # in row(A)


def test_factorized_gd_matches_update_formula_step_by_step(problem):
    A, _, y = problem
    rng = np.random.default_rng(1)
    x0 = 0.1 * rng.standard_normal(A.shape[1])
    x0_copy = x0.copy()
    eta = 0.05
    x, trace = factorized_gd(A, y, x0, eta, steps=6, record_every=1)
    np.testing.assert_array_equal(x0, x0_copy)  # x0 not modified
    ref = x0.copy()
    assert trace.shape == (7, A.shape[1])
    np.testing.assert_array_equal(trace[0], x0)
    for k in range(1, 7):
        ref = ref - eta * 2 * ref * (A.T @ (A @ (ref * ref) - y))
        np.testing.assert_allclose(trace[k], ref, rtol=1e-12, atol=1e-15)
    np.testing.assert_array_equal(trace[-1], x)


def test_factorized_gd_trace(problem):
    A, _, y = problem
    x0 = np.full(A.shape[1], 1e-2)
    x, trace = factorized_gd(A, y, x0, 1e-2, steps=50, record_every=10)
    assert trace.shape == (6, A.shape[1])
    # record_every=1 trace, subsampled, equals the record_every=10 trace, bit for bit
    _, full = factorized_gd(A, y, x0, 1e-2, steps=50, record_every=1)
    np.testing.assert_array_equal(full[::10], trace)


def loop_in_stated_order(A, y, x0, eta, steps):
    """The loop of :func:`gradient_descent` as its comments order it, in Python floats."""
    n, m = A.shape
    x = [float(v) for v in x0]
    for _ in range(steps):
        r = [-float(v) for v in y]
        for j in range(m):
            for i in range(n):
                r[i] = r[i] + float(A[i, j]) * (x[j] * x[j])
        g = [0.0] * m
        for i in range(n):
            for j in range(m):
                g[j] = g[j] + float(A[i, j]) * r[i]
        x = [x[j] - 2.0 * eta * x[j] * g[j] for j in range(m)]
    return np.array(x)


def test_the_loop_is_bit_for_bit_its_stated_order_of_operations(problem):
    A, _, y = problem
    x0 = np.full(A.shape[1], 0.1)
    trace = gradient_descent(A, y, x0, 1e-2, 5, 5)
    assert np.array_equal(trace[-1], loop_in_stated_order(A, y, x0, 1e-2, 5))


def test_factorized_gd_raises_on_divergence_naming_eta(problem):
    A, _, y = problem
    with pytest.raises(ValueError, match="eta=50"):
        factorized_gd(A, y, np.ones(A.shape[1]), 50.0, steps=1000)


@pytest.mark.parametrize("record_every", [10, 100, 1])
def test_factorized_gd_raises_when_loss_oscillates(problem, record_every):
    """eta = 0.9 from 0.3 * 1: eta * L(x) ~ 2.08 > 2, the iterates stay finite but settle into a
    period-two oscillation of the loss (~1e-3); it must be reported, whatever record_every is."""
    A, _, y = problem
    x = np.full(A.shape[1], 0.3)
    with pytest.raises(ValueError, match=r"loss \(9\) increased.*eta=0.9"):
        factorized_gd(A, y, x, 0.9, 20_000, record_every=record_every)
    # the same run, stepped by hand, does oscillate without overflowing: the check is needed
    losses = []
    for _ in range(20_000):
        x = x - 0.9 * 2 * x * (A.T @ (A @ (x * x) - y))
        losses.append(0.5 * np.sum((A @ (x * x) - y) ** 2))
    assert np.isfinite(x).all() and min(losses[-10:]) > 1e-4  # no convergence, no overflow
    assert abs(losses[-1] - losses[-2]) > 1e-3 * losses[-1]  # the loss alternates
    assert 0.9 * curvature(A, y, x) > 2


def test_factorized_gd_accepts_integral_floats(problem):
    A, _, y = problem
    x0 = np.full(A.shape[1], 1e-2)
    a, _ = factorized_gd(A, y, x0, 1e-2, steps=20.0, record_every=10.0)
    b, _ = factorized_gd(A, y, x0, 1e-2, steps=20, record_every=10)
    np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"eta": 0.0}, "eta"),
        ({"eta": -1e-3}, "eta"),
        ({"eta": np.nan}, "eta"),
        ({"eta": [1e-3, 1e-3]}, "eta"),
        ({"steps": -1}, "steps"),
        ({"steps": 2.5}, "steps"),
        ({"steps": 25, "record_every": 10}, "divide"),
        ({"record_every": 0}, "record_every"),
        ({"x0": np.ones(39)}, "x0"),
        ({"x0": np.ones((40, 2, 2))}, "x0"),
        ({"x0": np.full(40, np.inf)}, "x0"),
    ],
)
def test_factorized_gd_rejects_bad_arguments(problem, kwargs, match):
    A, _, y = problem
    args = {"x0": np.full(A.shape[1], 1e-3), "eta": 1e-3, "steps": 20, "record_every": 10}
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        factorized_gd(A, y, **args)


def test_non_finite_or_zero_data_rejected(problem):
    A, _, y = problem
    y_nan = y.copy()
    y_nan[0] = np.nan
    with pytest.raises(ValueError, match="finite"):
        lasso_knots(A, y_nan)
    with pytest.raises(ValueError, match="finite"):
        factorized_gd(A, y_nan, np.ones(40), 1e-3, 10)
    with pytest.raises(ValueError, match="nonzero scale"):
        relative_residual(A, np.zeros(A.shape[0]), np.ones(A.shape[1]))


def test_relative_residual_batched_matches_single():
    problems = [make_problem(seed=s) for s in (0, 1, 2)]
    As, ys = np.stack([p[0] for p in problems]), np.stack([p[2] for p in problems])
    U = np.random.default_rng(0).random((4, 3, 40))  # (C, S, m)
    R = relative_residual(As, ys, U)
    assert R.shape == (4, 3)
    for c in range(4):
        for s in range(3):
            expected = np.linalg.norm(As[s] @ U[c, s] - ys[s]) / np.linalg.norm(ys[s])
            np.testing.assert_allclose(R[c, s], expected, rtol=1e-12)
    np.testing.assert_allclose(map_problems(relative_residual, As, ys, U[0]), R[0], rtol=1e-12)


def test_bad_problem_shapes(problem):
    A, _, y = problem
    with pytest.raises(ValueError):
        factorized_gd(A, y[:-1], np.ones(40), 1e-3, 10)
    with pytest.raises(ValueError):
        min_l1_solution(A.T, y)
    with pytest.raises(ValueError):
        make_problem(n=40, m=20)


def test_kl_interpolator_optimality(problem):
    """KKT of min sum w log(w/alpha^2) - w s.t. Aw = y: Aw = y, w > 0, log(w/alpha^2) in row(A)."""
    A, _, y = problem
    for alpha in (0.3, 1e-3):
        w = kl_interpolator(A, y, alpha)
        np.testing.assert_allclose(A @ w, y, atol=1e-10)
        g = np.log(w / alpha**2)
        proj = A.T @ np.linalg.lstsq(A.T, g, rcond=None)[0]
        np.testing.assert_allclose(proj, g, atol=1e-6 * np.abs(g).max())


def test_gd_limit_at_small_init_approaches_min_l1():
    """Small instance whose nonnegative min-l1 solution (the LP) is NOT x*: GD from
    x0 = alpha 1, run to convergence, ends near the LP solution (not near x*), closer as alpha
    decreases, and at the KL interpolator up to the small O(eta) discretization error."""
    A, x_star, y = make_problem(n=6, m=12, k=2, seed=0)
    x_l1 = min_l1_solution(A, y, nonnegative=True)
    assert np.linalg.norm(x_l1 - x_star) > 0.3
    dists = []
    for alpha in (1e-1, 1e-2, 1e-3):
        x0 = np.full(A.shape[1], alpha)
        X, info = gd_sweep(A, y, x0[None], [1.0], 5000, 50_000, 1000, monitor_every=100, tol=1e-9)
        _, phase_1 = factorized_gd(A, y, x0, phase_1_step(A, y, x0, 1.0), 5000, record_every=100)
        assert (phase_1**2).max() <= 1.0  # phase 1's step was valid (u_max = 1)
        assert info.max_eta_L[0] < 2  # stable: eta * curvature < 2 at every check
        assert info.residual[-1, 0] <= 1e-9 and info.steps[-1] < 50_000  # converged
        u = X[0] ** 2
        dists.append(np.linalg.norm(u - x_l1))
        assert np.linalg.norm(u - kl_interpolator(A, y, alpha)) < 0.1 * dists[-1]
        assert np.linalg.norm(u - x_star) > 0.3
    assert dists[2] < dists[1] / 5 < dists[0] / 25
    assert dists[2] < 1e-3


def test_curvature_bounds_hessian(problem):
    A, _, y = problem
    x = np.random.default_rng(0).standard_normal(40) * 0.3
    hess = 2 * np.diag(A.T @ (A @ (x * x) - y)) + 4 * np.diag(x) @ A.T @ A @ np.diag(x)
    assert np.abs(np.linalg.eigvalsh(hess)).max() <= curvature(A, y, x) + 1e-12


def test_batched_curvature_equals_formula_20_for_each_item(problem):
    A, _, y = problem
    X = np.random.default_rng(3).standard_normal((4, 3, 40)) * 0.3  # (T, S, m), A shared
    batched = curvature(A, y, X)
    assert batched.shape == (4, 3)
    for t, s in np.ndindex(4, 3):
        u = X[t, s] ** 2
        grad_inf = np.abs(A.T @ (A @ u - y)).max()
        lam_max = np.linalg.eigvalsh(A @ np.diag(u) @ A.T)[-1]  # ||A diag(x)||_2^2
        np.testing.assert_allclose(batched[t, s], 2 * grad_inf + 4 * lam_max, rtol=1e-12)


def test_lambda_of_step_is_its_own_inverse():
    k = np.array([10.0, 1234.0, 300_000.0])
    np.testing.assert_allclose(lambda_of_step(lambda_of_step(k, 1e-3, 1e-3), 1e-3, 1e-3), k)
    assert np.all(np.diff(lambda_of_step(k, 1e-3, 1e-3)) < 0)


def test_lambda_of_step_predicts_when_a_coordinate_enters():
    """One coordinate, A = [1], y = c: the Lasso path enters at lambda = c, and GD from
    alpha = 1e-8 lifts u to c/2 at the step predicted by (23), up to O(1/log(1/alpha^2))."""
    c, eta, alpha = 0.5, 1e-3, 1e-8
    _, trace = factorized_gd(np.ones((1, 1)), np.array([c]), np.array([alpha]), eta, 40_000, 1)
    k_half = int(np.argmax(trace[:, 0] ** 2 > c / 2))
    assert k_half > 0
    predicted = lambda_of_step(c, eta, alpha)
    assert abs(k_half / predicted - 1) < 2 / np.log(1 / alpha**2)


def test_time_alignment_averages_u_over_the_snapshots():
    """avg_u[j] is the running mean of u over the snapshots 0 ... j + 1 (avg_u starts at k > 0)."""
    run, align = paths(steps=2000), time_alignment(steps=2000)
    for j in range(len(align.avg_u)):
        np.testing.assert_allclose(align.avg_u[j], run.u[: j + 2].mean(axis=0), rtol=1e-12)


def phase_1_step(A, y, x0, u_max):
    """The phase-1 step of :func:`gd_sweep`, 1 / (2 ||A u0 - y|| + 4 ||A||_2^2 u_max), with A u0
    summed as gd_sweep sums it (:func:`predictions`), so that its runs can be matched bit for bit."""
    return 1 / (
        2 * np.linalg.norm(predictions(A, x0**2) - y) + 4 * np.linalg.norm(A, 2) ** 2 * u_max
    )


def test_gd_sweep_two_constant_phases_match_explicit_phases(problem):
    A, _, y = problem
    X0 = np.full((1, 40), 1e-2)
    X, info = gd_sweep(A[None], y[None], X0, [1.0], 300, 200, 200, monitor_every=100)
    eta1 = phase_1_step(A, y, X0[0], 1.0)
    # the phase-1 step is valid along the run: eta_1 * L(x) <= 1 at every step while
    # ||u||_inf <= u_max = 1 and the loss decreases (both checked on this run)
    x_1, trace_1 = factorized_gd(A, y, X0[0], eta1, 300, record_every=1)
    assert (trace_1**2).max() <= 1.0
    assert max(eta1 * curvature(A, y, x) for x in trace_1) <= 1.0
    x, _ = factorized_gd(A, y, X0[0], eta1, 300, record_every=300)
    x, _ = factorized_gd(A, y, x, 1 / curvature(A, y, x), 200, record_every=200)
    np.testing.assert_allclose(X[0], x, rtol=1e-10)


def test_run_diagnostics_matches_curvature_and_loss(problem):
    A, _, y = problem
    X = np.random.default_rng(2).standard_normal((3, 2, 40)) * 0.2  # (T, S, m)
    eta_L, loss = run_diagnostics(np.stack([A, A]), np.stack([y, y]), X, [0.5, 0.25])
    for t in range(3):
        for s, eta in enumerate([0.5, 0.25]):
            np.testing.assert_allclose(eta_L[t, s], eta * curvature(A, y, X[t, s]), rtol=1e-10)
            np.testing.assert_allclose(loss[t, s], 0.5 * np.sum((A @ X[t, s] ** 2 - y) ** 2))


def test_gd_sweep_rechooses_step_every_chunk(problem):
    A, _, y = problem
    X0 = np.full((1, 40), 1e-2)
    X, info = gd_sweep(A[None], y[None], X0, [1.0], 200, 300, 150, monitor_every=50)
    x, _ = factorized_gd(A, y, X0[0], phase_1_step(A, y, X0[0], 1.0), 200, record_every=200)
    for _ in range(2):
        x, _ = factorized_gd(A, y, x, 1 / curvature(A, y, x), 150, record_every=150)
    np.testing.assert_allclose(X[0], x, rtol=1e-10)
    np.testing.assert_array_equal(info.steps, [200, 350, 500])
    np.testing.assert_allclose(info.residual[-1, 0], relative_residual(A, y, x * x))
    assert info.loss_monotone[0] and info.max_eta_L[0] < 2


def test_gd_sweep_without_phase_2_or_phase_1(problem):
    A, _, y = problem
    X0 = np.full((2, 40), 1e-2)
    X, info = gd_sweep(A, y, X0, [1.0, 1.0], 200, 0, 100, monitor_every=100)
    np.testing.assert_array_equal(info.steps, [200])
    for s in range(2):
        x, _ = factorized_gd(A, y, X0[s], phase_1_step(A, y, X0[s], 1.0), 200, record_every=200)
        np.testing.assert_array_equal(X[s], x)
    # no phase 1 (u_max not needed; from the phase-1 end point, where 1/L(x) is safe), stop at
    # the first chunk end with residual <= tol
    tol = 0.5 * relative_residual(A, y, X[0] ** 2)
    X, info = gd_sweep(A, y, X[:1], None, 0, 10_000, 100, monitor_every=100, tol=tol)
    res = info.residual[:, 0]
    assert res[-1] <= tol < res[-2] and len(res) < 101
    with pytest.raises(ValueError, match="u_max"):
        gd_sweep(A, y, X0, None, 100, 0, 100, monitor_every=100)
    with pytest.raises(ValueError, match="divide"):
        gd_sweep(A, y, X0, [1.0, 1.0], 100, 300, 200, monitor_every=100)
    # a u_max that the run outgrows: phase 1's step is no longer a bound on 1/L(x), refused
    with pytest.raises(ValueError, match="phase 1 left"):
        gd_sweep(A, y, X0, [1.0, 1e-2], 2000, 0, 100, monitor_every=100)


def test_entry_lambdas_crossings_and_order():
    lam = np.array([3.0, 2.0, 1.0])
    # a coordinate already above the level at the first knot enters there (no wrap-around)
    first = first_crossings(lam, np.array([[1.0, 1, 2], [0, 0, 1]]).T, 0.5, interpolate=True)
    np.testing.assert_allclose(first, [3.0, 1.5])
    assert order_of(first, decreasing=True) == [0, 1]
    # crossings of |x_i| = 0.5, linear in lambda between knots: 0 -> 1 on [3, 2] crosses at 2.5
    path = np.array([[0, 1, 2], [0, -0.25, -1], [0, 0.1, 0.2]])  # (m, knots)
    cross = first_crossings(lam, np.abs(path).T, 0.5, interpolate=True)
    np.testing.assert_allclose(cross[:2], [2.5, 5 / 3])  # 0.25 at 2, 1 at 1: 0.5 at 5/3
    assert np.isnan(cross[2])
    snaps = np.array([[0.0, 0.0], [0.02, 0.0], [0.03, 0.05]])
    np.testing.assert_array_equal(first_crossings([10, 20, 30], snaps, 0.01), [20.0, 30.0])
    assert order_of(np.array([30.0, np.nan, 20.0])) == [2, 0]


def test_peaked_finds_the_dropped_and_the_still_rising_coordinates():
    path = np.array([[0.0, 0.0, 0.0], [0.5, 0.2, 0.01], [0.1, 0.3, 0.02]])  # (T, m)
    assert peaked(path, 0.05, 0.5) == [0]  # peaks at 0.5, ends at 0.1 < 0.25
    assert peaked(path, 0.05, 0.98, rising=True) == [1]  # 0.3 is its maximum; 2 stays below 0.05


def test_support_tests():
    lp = np.array([0.5, 0.0, 1e-5, 0.0])
    u = np.array([0.4, 0.0, 3e-6, 0.0])  # entry 2 far below its LP value 1e-5
    assert has_support_top(u, lp)  # top-2 entries are {0, 2}
    assert not has_support_threshold(u, lp)  # default threshold 5e-6: entry 2 is below it
    assert has_support_threshold(u, lp, threshold=1e-6)
    u_off = np.array([0.4, 1e-4, 2e-5, 0.0])  # off-support entry 1e-4 above support entry 2e-5
    assert not has_support_top(u_off, lp) and not has_support_threshold(u_off, lp)


def test_uniqueness_and_null_vector_margins(problem):
    A, _, y = problem
    x = min_l1_solution(A, y, nonnegative=True)
    assert nonnegative_l1_uniqueness_margin(A, y, x) > 0
    # a duplicated column makes the LP solution non-unique whenever that column is used
    j = int(np.argmax(x))
    A2 = np.hstack([A, A[:, [j]]])
    x2 = np.append(x, 0.0)
    assert nonnegative_l1_uniqueness_margin(A2, y, x2) <= 1e-9
    t, v = positive_null_margin(A)
    assert t > 0
    # the certificate: some v >= t with A v = 0 exists, so the margin is attained
    np.testing.assert_allclose(A @ v, 0, atol=1e-9)
    assert (v >= t - 1e-9).all() and (v <= 1 + 1e-9).all()
    B = np.array([[1.0, 1.0]])  # null space spanned by (1, -1): no positive null vector
    assert positive_null_margin(B)[0] <= 1e-12


def test_power_law_exponent():
    k = np.array([1e3, 1e4, 1e5])
    assert abs(power_law_exponent(k, 3.0 / k) + 1) < 1e-12


def test_common_prefix_stops_at_the_first_disagreement():
    assert sr.common_prefix([3, 1, 4, 1], [3, 1, 5]) == [3, 1]
    assert sr.common_prefix([2], [7, 2]) == [] and sr.common_prefix([], [1]) == []
    assert sr.common_prefix([5, 6], [5, 6, 7]) == [5, 6]


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda A, y: factorized_gd(A, y, np.full(40, 1e-3), 1e-3, steps=10**20), "steps"),
        (lambda A, y: factorized_gd(A, y, np.full(40, 1e-3), 1e-3, steps=10**17), "record_every"),
        (lambda A, y: factorized_gd(A, y, np.zeros(40), 1e-3, steps=10), "x0 must not be 0"),
        (lambda A, y: factorized_gd(A + 1e-3j, y, np.ones(40), 1e-3, steps=10), "A must be real"),
        (lambda A, y: factorized_gd(A, y, np.ones(40) + 0j, 1e-3, steps=10), "x0 must be real"),
        (lambda A, y: factorized_gd(A, y, np.ones(40), 1e-3 + 0j, steps=10), "eta"),
        (lambda A, y: lasso_knots(A + 1e-3j, y), "A must be real"),
        (lambda A, y: make_problem(n=2.5), "n must be an integer"),
        (lambda A, y: make_problem(k=np.nan), "k must be an integer"),
        (lambda A, y: make_problem(seed=-1), "seed"),
    ],
)
def test_bad_arguments_get_a_value_error_naming_them_and_no_warning(problem, call, name):
    A, _, y = problem
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a warning would turn into another exception here
        with pytest.raises(ValueError, match=name):
            call(A, y)


def test_a_zero_coordinate_of_x0_is_allowed_only_the_zero_vector_is_refused(problem):
    A, _, y = problem
    x0 = np.full(40, 1e-3)
    x0[0] = 0.0
    x, _ = factorized_gd(A, y, x0, 1e-3, steps=10)
    assert x[0] == 0.0 and np.all(x[1:] > 0)
