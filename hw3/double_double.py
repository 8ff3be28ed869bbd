"""Problem 2(f): gradient descent (22) in double-double arithmetic, about 106 significant bits.

A double-double number is an unevaluated sum ``hi + lo`` of two floats with
``|lo| <= ulp(hi) / 2``. Sums and products are built from error-free transformations of
IEEE double arithmetic (round to nearest), which return a result and its exact rounding error:

- TwoSum (Knuth): ``s + e = a + b`` exactly, ``s = fl(a + b)``;
- TwoProd (Dekker, no fused multiply-add assumed): ``p + e = a * b`` exactly, ``p = fl(a * b)``,
  from the splits ``a = a_hi + a_lo`` into 26-bit halves by Veltkamp's constant 2^27 + 1.

A step of (22) in this arithmetic, over the observed pairs ``p = (i, j)`` of Omega (see
:func:`hw3.matrix_completion.gd_run`, which does the same in double precision):

    e_p = <u_i, u_j> - Y_ij,          u_a <- u_a - c sum_{b: (a, b) in Omega} e_ab u_b,

with ``c = fl(2 eta)``. Every dot product is summed as Ogita, Rump and Oishi's Dot2 (2005): the
leading parts of the products by TwoProd and their running sum by TwoSum, the error terms (of the
products, of the sums and the products with the low parts) accumulated in double, then
renormalized to a double-double. It is as accurate as a dot product in twice the working
precision, rounded: relative error about 2^-104 times the condition number of the sum.

The loops run in one fixed order of plain IEEE additions and multiplications (numba, no
fast-math, no BLAS, no fused multiply-add): a run gives the same bits on every x86-64 CPU.
"""

from __future__ import annotations

import numba
import numpy as np

from hw3.common import STEP_LIMIT, checkpoint

#: Veltkamp's splitting constant for doubles (53-bit significands): 2^27 + 1.
SPLITTER = 134217729.0


@numba.njit(inline="always")
def two_sum(a, b):
    """``(s, e)`` with ``s = fl(a + b)`` and ``s + e = a + b`` exactly (Knuth)."""
    s = a + b
    v = s - a
    return s, (a - (s - v)) + (b - v)


@numba.njit(inline="always")
def fast_two_sum(a, b):
    """``(s, e)`` with ``s + e = a + b`` exactly, if ``|a| >= |b|`` (Dekker)."""
    s = a + b
    return s, b - (s - a)


@numba.njit(inline="always")
def split(a):
    """``(a_hi, a_lo)``: ``a = a_hi + a_lo`` exactly, each with at most 26 significant bits."""
    t = SPLITTER * a
    hi = t - (t - a)
    return hi, a - hi


@numba.njit(inline="always")
def two_prod(a, a_hi, a_lo, b, b_hi, b_lo):
    """``(p, e)`` with ``p = fl(a b)`` and ``p + e = a b`` exactly, given the splits of ``a``
    and ``b`` (Dekker)."""
    p = a * b
    return p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo


@numba.njit(inline="always")
def dd_sub(a, a_lo, b, b_lo):
    """The double-double ``(a + a_lo) - (b + b_lo)``, with both parts' errors (accurate sum)."""
    s, e = two_sum(a, -b)
    t, f = two_sum(a_lo, -b_lo)
    s, e = fast_two_sum(s, e + t)
    return fast_two_sum(s, e + f)


@numba.njit(nogil=True, cache=True)
def gd_run_dd(
    Uh, Ul, i, j, y, w, rowptr, col, pair, c, tol, cap, every, rise, scale, record, history
):
    """Gradient descent (22) in double-double on ``U = Uh + Ul`` (both (D, k), in place).

    Omega and the stopping rules are those of :func:`hw3.matrix_completion.gd_run`: the loss
    (12), computed from the leading parts of the residuals, is checked every ``every`` steps and
    at step ``cap`` (:func:`hw3.common.checkpoint`); the run stops CONVERGED, DIVERGED or, at
    step ``cap``, STEP_LIMIT.
    Every ``record`` steps (a multiple of ``every``), ``history[s // record]`` receives the loss
    and ``||U||_F^2`` (leading parts). Returns ``(steps, loss, status, loss at the check before)``.
    """
    D, k = Uh.shape
    P = y.shape[0]
    Sh, Sl = np.empty((D, k)), np.empty((D, k))  # splits of Uh
    Nh, Nl = np.empty((D, k)), np.empty((D, k))  # the next iterate
    eh, el = np.empty(P), np.empty(P)
    gh, ge = np.empty(k), np.empty(k)
    c_hi, c_lo = split(c)
    previous, step, loss = np.inf, 0, np.nan
    while True:
        for a in range(D):
            for m in range(k):
                Sh[a, m], Sl[a, m] = split(Uh[a, m])
        for p in range(P):  # e_p = <u_i, u_j> - y_p by Dot2
            a, b = i[p], j[p]
            s, err = 0.0, 0.0
            for m in range(k):
                x, ex = two_prod(Uh[a, m], Sh[a, m], Sl[a, m], Uh[b, m], Sh[b, m], Sl[b, m])
                s, es = two_sum(s, x)
                err += (ex + es) + (Uh[a, m] * Ul[b, m] + Ul[a, m] * Uh[b, m])
            s, es = two_sum(s, -y[p])
            eh[p], el[p] = fast_two_sum(s, err + es)
        if step % every == 0 or step >= cap:
            loss, status = checkpoint(w, eh, previous, scale, tol, rise)
            if step % record == 0:
                history[step // record, 0] = loss
                history[step // record, 1] = np.sum(Uh * Uh)
            if status < 0 and step >= cap:
                status = STEP_LIMIT
            if status >= 0:
                return step, loss, status, previous
            previous = loss
        for a in range(D):  # g_a = sum_b e_ab u_b by Dot2 per column; u_a - c g_a
            gh[:] = 0.0
            ge[:] = 0.0
            for t in range(rowptr[a], rowptr[a + 1]):
                b, q = col[t], pair[t]
                e_hi, e_lo = split(eh[q])
                for m in range(k):
                    x, ex = two_prod(eh[q], e_hi, e_lo, Uh[b, m], Sh[b, m], Sl[b, m])
                    gh[m], es = two_sum(gh[m], x)
                    ge[m] += (ex + es) + (eh[q] * Ul[b, m] + el[q] * Uh[b, m])
            for m in range(k):
                g, g_lo = fast_two_sum(gh[m], ge[m])
                g_hi, g_lo2 = split(g)
                x, ex = two_prod(c, c_hi, c_lo, g, g_hi, g_lo2)
                x, ex = fast_two_sum(x, ex + c * g_lo)
                Nh[a, m], Nl[a, m] = dd_sub(Uh[a, m], Ul[a, m], x, ex)
        Uh[:, :] = Nh
        Ul[:, :] = Nl
        step += 1
