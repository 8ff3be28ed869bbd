"""Problem 1: numerical checks of (13)-(14) and of the bias of the naive stochastic gradient."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from hw3 import dropout as dr
from hw3.common import Check, relative_distance
from hw3.experiments import Result, experiment


def random_factors(D: int, N: int, r: int, seed: int):
    """``(X, U, V)`` with i.i.d. N(0, 1) entries from ``default_rng(seed)``."""
    rng = np.random.default_rng(seed)
    return rng.standard_normal((D, N)), rng.standard_normal((D, r)), rng.standard_normal((N, r))


@dataclass(frozen=True)
class IdentityCheck(Result):
    """1(a): the expectation (3), enumerated over all r^m ordered draws, against (13)-(14)."""

    ms: tuple[int, ...]
    r: int
    probabilities: np.ndarray  # the law (2)
    enumerated: np.ndarray  # E(3) per m, exactly
    mc_mean: np.ndarray  # Monte Carlo estimate per m
    mc_se: np.ndarray  # its standard error
    draws: int
    checks: tuple[Check, ...]

    @property
    def z(self) -> np.ndarray:
        """(Monte Carlo mean - exact) / standard error, per m."""
        return (self.mc_mean - self.enumerated) / self.mc_se


@experiment
def identity_check(D=4, N=5, r=3, ms=(2, 3, 4), draws=100_000, seed=0):
    """1(a), checked: on random X (D x N) and factors U, V (r columns, ``seed``), the expectation
    (3) enumerated exactly over all r^m ordered draws, for each m in ``ms`` (integers >= 2; r^m
    terms, so keep r^m small), against the closed form (13) and against (m-1)/m F_4 + c(X) of (14)
    (relative error <= 1e-12, else CheckFailed), and a Monte Carlo mean over ``draws`` sampled
    draws with its standard error. Returns an :class:`IdentityCheck`."""
    X, U, V = random_factors(D, N, r, seed)
    rng = np.random.default_rng(seed + 1)
    exact, means, ses, checks = [], [], [], []
    for m in ms:
        e = dr.expectation_by_enumeration(X, U, V, m)
        s, c = dr.affine_map_4_to_3(X, m)
        checks.append(
            Check(
                f"m = {m}: |E − (13)| / E",
                abs(e - dr.expectation_closed_form(X, U, V, m)) / e,
                1e-12,
            )
        )
        checks.append(
            Check(
                f"m = {m}: |E − ((m−1)/m F₄ + c(X))| / E, (14)",
                abs(e - (s * dr.objective_4(X, U, V, m) + c)) / e,
                1e-12,
            )
        )
        mean, se = dr.monte_carlo_expectation(X, U, V, m, draws, rng)
        exact.append(e), means.append(mean), ses.append(se)  # fmt: skip
    U0 = U.copy()
    U0[:, 1] = 0.0  # u_2 v_2^T = 0: never drawn
    m = ms[1]
    s, c = dr.affine_map_4_to_3(X, m)
    e0 = dr.expectation_by_enumeration(X, U0, V, m)
    checks.append(Check(f"zero factor, m = {m}: |E − ((m−1)/m F₄ + c(X))| / E", abs(e0 - (s * dr.objective_4(X, U0, V, m) + c)) / e0, 1e-12))  # fmt: skip
    return IdentityCheck(
        ms=tuple(ms),
        r=r,
        probabilities=dr.sampling_probabilities(U, V),
        enumerated=np.array(exact),
        mc_mean=np.array(means),
        mc_se=np.array(ses),
        draws=draws,
        checks=tuple(checks),
    )


@dataclass(frozen=True)
class GradientBias(Result):
    """1(b), beyond the assignment: the naive sampled gradient against the gradient of (3)."""

    m: int
    draws: int
    naive_error: np.ndarray  # ||E[naive] - grad F3|| / ||grad F3||, for U and for V
    mc_z_true: np.ndarray  # max |z| of the Monte Carlo mean against grad F3, for U and V
    mc_z_naive: np.ndarray  # ... against E[naive] (enumerated)
    checks: tuple[Check, ...]


@experiment
def gradient_bias(D=4, N=5, r=3, m=3, draws=20_000, seed=0):
    """Appendix A: the true gradient of (3) (from (14) and the closed form of (4)) against the mean
    of the naive stochastic gradient, both terms of (28) enumerated exactly (r^m draws, m >= 2), and
    the naive gradient averaged over ``draws`` sampled draws. Returns a :class:`GradientBias`."""
    X, U, V = random_factors(D, N, r, seed)
    s, _ = dr.affine_map_4_to_3(X, m)
    true = [s * G for G in dr.objective_4_gradient(X, U, V, m)]
    parts = dr.gradients_by_enumeration(X, U, V, m)
    rng = np.random.default_rng(seed + 2)
    samples = dr.naive_sample_gradient(X, U, V, dr.sample_counts(U, V, m, draws, rng))
    errors, z_true, z_naive, checks = [], [], [], []
    for k, name in enumerate("UV"):
        mean, se = dr.mean_and_standard_error(samples[k])
        errors.append(relative_distance(parts["naive"][k], true[k], axes=2))
        z_true.append(np.max(np.abs(mean - true[k]) / se))
        z_naive.append(np.max(np.abs(mean - parts["naive"][k]) / se))
        checks.append(Check(f"‖E[naive] + score term − ∇_{name}F₃‖ / ‖∇_{name}F₃‖ (28)", relative_distance(parts["total"][k], true[k], axes=2), 1e-12))  # fmt: skip
    return GradientBias(
        m=m,
        draws=draws,
        naive_error=np.array(errors),
        mc_z_true=np.array(z_true),
        mc_z_naive=np.array(z_naive),
        checks=tuple(checks),
    )
