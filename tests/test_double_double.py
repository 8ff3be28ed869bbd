"""Tests for the kernels of (22): the double-double loop against exact rational arithmetic, the
float64 loop bit for bit against its stated order of operations, and the two against each other."""

from fractions import Fraction

import numpy as np
import pytest

from hw3 import double_double as dd
from hw3 import matrix_completion as mc


def exact_steps(U, Y, mask, c, steps):
    """``steps`` steps of (22) in exact rational arithmetic (every float is a rational)."""
    D, k = len(U), len(U[0])
    U = [[Fraction(float(v)) for v in row] for row in U]
    c = Fraction(float(c))
    for _ in range(steps):
        E = [[sum(U[a][m] * U[b][m] for m in range(k)) - Fraction(float(Y[a, b])) for b in range(D)] for a in range(D)]  # fmt: skip
        U = [
            [U[a][m] - c * sum(E[a][b] * U[b][m] for b in range(D) if mask[a, b]) for m in range(k)]
            for a in range(D)
        ]
    return U


def kernel(Y, mask, U0, c, steps, double):
    """The package's loop for exactly ``steps`` steps; returns ``(U_hi, U_lo)`` (lo = 0 for float64)."""
    pairs = mc.observed_pairs(Y, mask)
    U, U_lo = np.array(U0, dtype=float), np.zeros(np.shape(U0))
    history = np.zeros((steps // mc.RECORD_EVERY + 1, 2))
    if double:
        out = dd.gd_run_dd(U, U_lo, *pairs, c, 0.0, steps, 1, False, 1.0, mc.RECORD_EVERY, history)  # fmt: skip
    else:
        out = mc.gd_run(U, *pairs, c, 0.0, steps, 1, False, 1.0, 0.0, mc.RECORD_EVERY, history)  # fmt: skip
    assert out[0] == steps and out[2] == mc.STEP_LIMIT
    return U, U_lo


def relative_error(U_hi, U_lo, exact):
    """max |(hi + lo) - exact| / max |exact|, computed exactly."""
    err = max(abs(Fraction(float(h)) + Fraction(float(lo)) - x) for rh, rl, rx in zip(U_hi, U_lo, exact, strict=True) for h, lo, x in zip(rh, rl, rx, strict=True))  # fmt: skip
    scale = max(abs(x) for row in exact for x in row)
    return float(err / scale)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_double_double_steps_agree_with_exact_rational_arithmetic_to_1e_30(seed):
    Y, mask = mc.make_completion_problem(5, 2, 0.6, seed=seed)
    U0 = np.random.default_rng(seed).standard_normal((5, 3)) * 0.7
    c = 0.3
    exact = exact_steps(U0, Y, mask, c, 4)
    hi, lo = kernel(Y, mask, U0, c, 4, double=True)
    assert relative_error(hi, lo, exact) < 1e-30
    f_hi, f_lo = kernel(Y, mask, U0, c, 4, double=False)  # float64: rounding at 1e-16
    assert 1e-18 < relative_error(f_hi, f_lo, exact) < 1e-14


def test_double_double_resolves_a_component_float64_absorbs():
    """A component 1e-20 times the others: exact arithmetic keeps it, double-double too (to its
    own relative accuracy), float64 adds it to numbers of size 1 and loses it."""
    Y, mask = mc.make_completion_problem(4, 1, 1.0, seed=3)
    U0 = np.full((4, 2), 0.5)
    U0[:, 1] = 1e-20 * np.array([1.0, -2.0, 3.0, -4.0])
    exact = exact_steps(U0, Y, mask, 0.2, 3)
    hi, lo = kernel(Y, mask, U0, 0.2, 3, double=True)
    tiny = [float(row[1]) for row in exact]
    assert np.allclose(hi[:, 1] + lo[:, 1], tiny, rtol=1e-12, atol=0)
    assert relative_error(hi, lo, exact) < 1e-30


def test_double_double_and_float64_agree_where_float64_is_trusted():
    Y, mask = mc.make_completion_problem(12, 2, 0.5, seed=0)
    U0 = 1e-3 * mc.initializations(12, 1)[0]
    runs = [
        mc.run_to_tolerance(Y, mask, U0[None], 0.16, tol=0.0, max_steps=3000, precision=p)
        for p in mc.PRECISIONS
    ]
    gap = np.abs(runs[0].U - runs[1].U).max() / np.abs(runs[1].U).max()
    assert 0 < gap < 1e-12  # different arithmetic, the same run to float64's accuracy


def inner_product_in_stated_order(u, v):
    """<u, v> in Python floats: four interleaved partial sums over the whole groups of four
    columns, the k mod 4 remaining ones added to the first, then (s0 + s1) + (s2 + s3)."""
    k = len(u)
    k4 = k - k % 4
    s = [0.0, 0.0, 0.0, 0.0]
    for m in range(0, k4, 4):
        for lane in range(4):
            s[lane] = s[lane] + u[m + lane] * v[m + lane]
    for m in range(k4, k):
        s[0] = s[0] + u[m] * v[m]
    return (s[0] + s[1]) + (s[2] + s[3])


def float64_step_in_stated_order(U, Y, mask, c):
    """One step of :func:`mc.gd_run` as its docstring orders it, in Python floats (IEEE double)."""
    D, k = len(U), len(U[0])
    e = {}
    for a in range(D):
        for b in range(a, D):
            if mask[a, b]:
                e[a, b] = e[b, a] = inner_product_in_stated_order(U[a], U[b]) - float(Y[a, b])
    new = []
    for a in range(D):
        g = [0.0] * k
        for b in range(D):  # the observed columns of row a, ascending
            if mask[a, b]:
                for m in range(k):
                    g[m] = g[m] + e[a, b] * U[b][m]
        new.append([U[a][m] - c * g[m] for m in range(k)])
    return new


@pytest.mark.parametrize("k", [1, 3, 4, 5, 9, 20])
def test_float64_kernel_is_bit_for_bit_its_stated_order_of_operations(k):
    Y, mask = mc.make_completion_problem(9, 2, 0.5, seed=k)
    U0 = np.random.default_rng(k).standard_normal((9, k)) * 0.4
    U, _ = kernel(Y, mask, U0, 0.06, 4, double=False)
    reference = U0.tolist()
    for _ in range(4):
        reference = float64_step_in_stated_order(reference, Y, mask, 0.06)
    assert np.array_equal(U, np.array(reference))  # equal bits, not close values


def test_error_free_transformations_are_exact():
    rng = np.random.default_rng(0)
    for a, b in rng.standard_normal((200, 2)) * 10.0 ** rng.integers(-30, 30, (200, 2)):
        s, e = dd.two_sum(a, b)
        assert Fraction(s) + Fraction(e) == Fraction(a) + Fraction(b) and s == a + b
        ah, al = dd.split(a)
        bh, bl = dd.split(b)
        assert Fraction(ah) + Fraction(al) == Fraction(a)
        p, e = dd.two_prod(a, ah, al, b, bh, bl)
        assert Fraction(p) + Fraction(e) == Fraction(a) * Fraction(b) and p == a * b


def test_observed_pairs_list_omega_row_by_row_with_the_pair_of_each_entry():
    Y, mask = mc.make_completion_problem(11, 3, 0.4, seed=5)
    q = mc.observed_pairs(Y, mask)
    assert np.all(q.i <= q.j) and np.all(mask[q.i, q.j]) and len(q.i) == np.triu(mask).sum()
    np.testing.assert_array_equal(q.y, Y[q.i, q.j])
    np.testing.assert_array_equal(q.w, np.where(q.i == q.j, 1.0, 2.0))
    for a in range(11):
        cols = q.col[q.rowptr[a] : q.rowptr[a + 1]]
        np.testing.assert_array_equal(cols, np.flatnonzero(mask[a]))
        pairs = q.pair[q.rowptr[a] : q.rowptr[a + 1]]
        np.testing.assert_array_equal(q.i[pairs], np.minimum(a, cols))
        np.testing.assert_array_equal(q.j[pairs], np.maximum(a, cols))
