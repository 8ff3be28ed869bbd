"""Problem 1: numerical checks of (13)-(14) and of the bias of the naive stochastic gradient."""

from __future__ import annotations

import numpy as np
from scipy.stats import sem

from hw3 import dropout as dr
from hw3.common import Check, relative_distance
from hw3.experiments import Measured, experiment


def random_factors(D: int, N: int, r: int, seed: int):
    """``(X, U, V)`` with i.i.d. N(0, 1) entries from ``default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    return rng.standard_normal((D, N)), rng.standard_normal((D, r)), rng.standard_normal((N, r))


@experiment
def identity_check(D=4, N=5, r=3, ms=(2, 3, 4), draws=100_000, seed=0):
    """1(a), checked: on random X (D x N) and factors U, V (r columns, ``seed``), the expectation
    (3) enumerated exactly over all r^m ordered draws, for each m in ``ms`` (integers >= 2; r^m
    terms, so keep r^m small), against the closed form (13) and against (m-1)/m F_4 + c(X) of (14)
    (relative error <= 1e-12, else CheckFailed), and a Monte Carlo mean over ``draws`` sampled
    draws with its standard error. Returns a :class:`hw3.experiments.Measured` with the values
    below."""
    X, U, V = random_factors(D, N, r, seed)
    rng = np.random.default_rng(seed + 1)

    def vs_14(U, m, e):  # |E − ((m−1)/m F₄ + c(X))| / E: (14) against the enumerated E
        s, c = dr.affine_map_4_to_3(X, m)
        return abs(e - (s * dr.objective_4(X, U, V, m) + c)) / e

    exact, checks = [dr.expectation_by_enumeration(X, U, V, m) for m in ms], []
    for m, e in zip(ms, exact, strict=True):
        checks.append(Check(f"m = {m}: |E − (13)| / E", abs(e - dr.expectation_closed_form(X, U, V, m)) / e, 1e-12))  # fmt: skip
        checks.append(Check(f"m = {m}: |E − ((m−1)/m F₄ + c(X))| / E, (14)", vs_14(U, m, e), 1e-12))
    losses = [dr.sampled_loss(X, U, V, dr.sample_counts(U, V, m, draws, rng)) for m in ms]
    mc = np.array([(v.mean(axis=0), sem(v)) for v in losses])  # Monte Carlo (mean, s.e.)
    U0, m = U.copy(), ms[1]
    U0[:, 1] = 0.0  # u_2 v_2^T = 0: never drawn
    e0 = dr.expectation_by_enumeration(X, U0, V, m)
    checks.append(Check(f"zero factor, m = {m}: |E − ((m−1)/m F₄ + c(X))| / E", vs_14(U0, m, e0), 1e-12))  # fmt: skip
    values = dict(
        ms=tuple(ms),
        r=r,
        draws=draws,
        probabilities=dr.sampling_probabilities(U, V),  # the law (2)
        enumerated=np.array(exact),  # E (3) per m, exactly
        mc_mean=mc[:, 0],  # the Monte Carlo estimate per m and its standard error
        mc_se=mc[:, 1],
        z=(mc[:, 0] - np.array(exact)) / mc[:, 1],  # (Monte Carlo mean − exact) / standard error
    )
    return Measured(tuple(checks), values)


@experiment
def gradient_bias(D=4, N=5, r=3, m=3, draws=20_000, seed=0):
    """Appendix A: the true gradient of (3) (from (14) and the closed form of (4)) against the mean
    of the naive stochastic gradient, both terms of (26) enumerated exactly (r^m draws, m >= 2), and
    the naive gradient averaged over ``draws`` sampled draws. Returns a
    :class:`hw3.experiments.Measured` with the values below."""
    X, U, V = random_factors(D, N, r, seed)
    s, _ = dr.affine_map_4_to_3(X, m)
    true = [s * G for G in dr.objective_4_gradient(X, U, V, m)]
    parts = dr.gradients_by_enumeration(X, U, V, m)
    rng = np.random.default_rng(seed + 2)
    samples = dr.naive_sample_gradient(X, U, V, dr.sample_counts(U, V, m, draws, rng))
    errors, z_true, z_naive, checks = [], [], [], []
    for k, name in enumerate("UV"):
        mean, se = samples[k].mean(axis=0), sem(samples[k])
        errors.append(relative_distance(parts["naive"][k], true[k], axes=2))
        z_true.append(np.max(np.abs(mean - true[k]) / se))
        z_naive.append(np.max(np.abs(mean - parts["naive"][k]) / se))
        checks.append(Check(f"‖E[naive] + score term − ∇_{name}F₃‖ / ‖∇_{name}F₃‖ (26)", relative_distance(parts["total"][k], true[k], axes=2), 1e-12))  # fmt: skip
    values = dict(
        m=m,
        draws=draws,
        naive_error=np.array(errors),  # ‖E[naive] − ∇F₃‖ / ‖∇F₃‖, for U and for V
        mc_z_true=np.array(z_true),  # max |z| of the Monte Carlo mean against ∇F₃, for U and V
        mc_z_naive=np.array(z_naive),  # ... against E[naive] (enumerated)
    )
    return Measured(tuple(checks), values)
