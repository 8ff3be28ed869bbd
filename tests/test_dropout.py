"""Tests for hw3.dropout: the expectation of (3), its closed form, and the SGD-bias gradients."""

import numpy as np
import pytest
from scipy.stats import sem

from hw3 import dropout as d


def instance(seed, D=4, N=3, r=3):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((D, N)), rng.standard_normal((D, r)), rng.standard_normal((N, r))


def test_probabilities_follow_law_2():
    X, U, V = instance(0)
    p = d.sampling_probabilities(U, V)
    norms = np.array([np.linalg.norm(np.outer(U[:, i], V[:, i])) for i in range(U.shape[1])])
    np.testing.assert_allclose(p, norms / norms.sum(), rtol=1e-13)
    Z = d.normalized_factors(U, V)
    np.testing.assert_allclose(np.linalg.norm(Z, axis=(1, 2)), 1.0, rtol=1e-13)
    # E[Z] = U V^T / Theta
    np.testing.assert_allclose(np.einsum("i,idn->dn", p, Z), U @ V.T / norms.sum(), atol=1e-13)


@pytest.mark.parametrize("m", [2, 3, 4])
def test_enumeration_equals_closed_form_and_objective_4(m):
    for seed in range(3):
        X, U, V = instance(seed)
        exact = d.expectation_by_enumeration(X, U, V, m)
        assert exact == pytest.approx(d.expectation_closed_form(X, U, V, m), rel=1e-12)
        s, c = d.affine_map_4_to_3(X, m)
        assert s == pytest.approx((m - 1) / m)
        assert exact == pytest.approx(s * d.objective_4(X, U, V, m) + c, rel=1e-12)


def test_m_equal_one_is_not_objective_4():
    # For m = 1 the expectation is ||X||^2 - 2<X, W> + Theta^2 (computed directly), so m >= 2 matters.
    X, U, V = instance(1)
    p, th = d.sampling_probabilities(U, V), d.theta(U, V)
    direct = p @ d.sampled_loss(X, U, V, np.eye(p.size, dtype=int))  # one draw of each index
    W = U @ V.T
    assert direct == pytest.approx(np.sum(X**2) - 2 * np.sum(X * W) + th**2, rel=1e-12)
    with pytest.raises(ValueError, match="m"):
        d.objective_4(X, U, V, 1)


def test_zero_factor_is_never_drawn():
    X, U, V = instance(2, r=4)
    U[:, 1] = 0.0  # u_2 v_2^T = 0
    assert d.sampling_probabilities(U, V)[1] == 0.0
    keep = [0, 2, 3]
    for m in (2, 3):
        full = d.expectation_by_enumeration(X, U, V, m)
        reduced = d.expectation_by_enumeration(X, U[:, keep], V[:, keep], m)
        assert full == pytest.approx(reduced, rel=1e-12)
        assert full == pytest.approx(d.expectation_closed_form(X, U, V, m), rel=1e-12)


def test_all_zero_factors_and_bad_input_raise():
    X, U, V = instance(3)
    with pytest.raises(ValueError, match="undefined"):
        d.sampling_probabilities(0 * U, V)
    with pytest.raises(ValueError, match="same r"):
        d.factor_norms(U, V[:, :2])
    with pytest.raises(ValueError, match="X must be"):
        d.expectation_closed_form(X.T, U, V, 2)


def test_monte_carlo_within_standard_errors():
    X, U, V = instance(4)
    counts = d.sample_counts(U, V, 3, 20000, np.random.default_rng(0))
    losses = d.sampled_loss(X, U, V, counts)
    mean, se = losses.mean(), sem(losses)
    exact = d.expectation_closed_form(X, U, V, 3)
    assert 0 < se < 0.05 * exact
    assert abs(mean - exact) < 4 * se


def finite_difference(fun, A, h=1e-6):
    G = np.zeros_like(A)
    for idx in np.ndindex(A.shape):
        E = np.zeros_like(A)
        E[idx] = h
        G[idx] = (fun(A + E) - fun(A - E)) / (2 * h)
    return G


def test_gradients_match_finite_differences():
    X, U, V = instance(5)
    c = np.array([2, 0, 1])
    gU, gV = d.naive_sample_gradient(X, U, V, c)
    np.testing.assert_allclose(
        gU, finite_difference(lambda B: d.sampled_loss(X, B, V, c), U), atol=1e-6
    )
    np.testing.assert_allclose(
        gV, finite_difference(lambda B: d.sampled_loss(X, U, B, c), V), atol=1e-6
    )
    hU, hV = d.objective_4_gradient(X, U, V, 3)
    np.testing.assert_allclose(
        hU, finite_difference(lambda B: d.objective_4(X, B, V, 3), U), atol=1e-6
    )
    np.testing.assert_allclose(
        hV, finite_difference(lambda B: d.objective_4(X, U, B, 3), V), atol=1e-6
    )
    log_p = lambda B, C: np.sum(c * np.log(d.sampling_probabilities(B, C)))  # noqa: E731
    sU, sV = d.score_function(U, V, c)
    np.testing.assert_allclose(sU, finite_difference(lambda B: log_p(B, V), U), atol=1e-6)
    np.testing.assert_allclose(sV, finite_difference(lambda B: log_p(U, B), V), atol=1e-6)


def test_naive_gradient_is_biased_and_score_term_fixes_it():
    X, U, V = instance(6)
    m = 3
    g = d.gradients_by_enumeration(X, U, V, m)
    s, _ = d.affine_map_4_to_3(X, m)
    true = d.objective_4_gradient(X, U, V, m)
    for k in range(2):
        np.testing.assert_allclose(g["total"][k], s * true[k], atol=1e-11)
        assert np.linalg.norm(g["naive"][k] - s * true[k]) > 1e-2 * np.linalg.norm(true[k])


def test_gradients_need_nonzero_factors():
    X, U, V = instance(7)
    V[:, 0] = 0.0
    with pytest.raises(ValueError, match="nonzero"):
        d.objective_4_gradient(X, U, V, 2)


def test_sample_counts_are_multinomial():
    X, U, V = instance(8)
    p = d.sampling_probabilities(U, V)
    c = d.sample_counts(U, V, 5, 40_000, np.random.default_rng(1))
    assert c.shape == (40_000, 3) and c.dtype.kind == "i"
    assert (c >= 0).all() and (c.sum(axis=1) == 5).all()
    freq = c.sum(axis=0) / c.sum()  # each index drawn with probability p_i
    assert np.all(np.abs(freq - p) < 5 * np.sqrt(p * (1 - p) / c.sum()))


@pytest.mark.parametrize(
    ("counts", "match"),
    [
        (np.array([0, 0, 0]), "at least one draw"),
        (np.array([2, -1, 1]), "nonnegative integers"),
        (np.array([1.5, 0.5, 1.0]), "nonnegative integers"),
        (np.array([1, 1]), "r = 3"),
    ],
)
def test_bad_counts_raise(counts, match):
    X, U, V = instance(9)
    with pytest.raises(ValueError, match=match):
        d.sampled_loss(X, U, V, counts)
    with pytest.raises(ValueError, match=match):
        d.naive_sample_gradient(X, U, V, counts)
    with pytest.raises(ValueError, match=match):
        d.score_function(U, V, counts)
