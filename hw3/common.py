"""What every problem's numerics share: argument checks, the one relative distance, the one
loss-increase test of the gradient-descent drivers, and checks that raise when they fail.

Gradient-descent drivers take their arguments in one order: problem data, initialization, the
step size ``eta`` (:func:`check_step_size`), the step count ``steps`` (:func:`check_count`), options.
"""

from __future__ import annotations

import hashlib
import numbers
from dataclasses import dataclass
from pathlib import Path

import numba
import numpy as np

# numba keys a cached kernel on its own source file only, and the kernels of (22) inline
# `checkpoint` and the tolerances below: so the package's kernels are cached in a folder named
# after this file's contents (inside NUMBA_CACHE_DIR, else beside the package), and an edit here
# compiles them anew instead of loading kernels built from the old file.
numba.config.CACHE_DIR = str(
    Path(numba.config.CACHE_DIR or Path(__file__).parent / "__pycache__" / "numba")
    / hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
)


# ----------------------------------------------------------------------------- argument checks
def check_step_size(eta, shape=None) -> np.ndarray | float:
    """``eta`` as a float (or an array of the given ``shape``); ``ValueError`` naming it unless
    every entry is positive and finite."""
    arr = np.full(np.shape(eta), np.nan) if np.iscomplexobj(eta) else np.asarray(eta, dtype=float)
    ok_shape = arr.shape == () or (shape is not None and arr.shape == tuple(shape))
    if not ok_shape or not (np.isfinite(arr).all() and (arr > 0).all()):
        want = "a positive finite number" + (f" or an array of shape {shape}" if shape else "")
        raise ValueError(f"step size eta must be {want}, got eta={eta!r}")
    return float(arr) if arr.ndim == 0 else arr


def check_count(value, name: str, minimum: int = 0, maximum: int | None = 2**63 - 1) -> int:
    """A count such as ``steps`` (or a seed, with ``maximum=None``): an integer (or integral
    float) from ``minimum`` to ``maximum`` (by default the largest int64: counts are stored as
    64-bit integers); ``ValueError`` naming it otherwise."""
    value = value.item() if isinstance(value, np.ndarray) and value.ndim == 0 else value
    integral = isinstance(value, numbers.Integral) or (  # NaN and inf are not integral floats
        isinstance(value, numbers.Real) and float(value).is_integer()
    )
    if not integral or value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be at most {maximum:.3g}, got {value!r}")
    return int(value)


def check_finite(name: str, value, shape=None) -> np.ndarray:
    """``value`` as a float array; ``ValueError`` if it is complex, has NaN/inf entries or not
    ``shape`` (``None`` entries of ``shape`` match any length)."""
    if np.iscomplexobj(value):
        raise ValueError(f"{name} must be real, got complex entries")
    arr = np.asarray(value, dtype=float)
    if shape is not None and (
        arr.ndim != len(shape)
        or any(s is not None and s != a for s, a in zip(shape, arr.shape, strict=True))
    ):
        raise ValueError(f"{name} must have shape {shape}, got {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must be finite (it contains NaN or infinite entries)")
    return arr


# ----------------------------------------------------------------------------- distances
def relative_distance(X, reference, scale=None, axes=None):
    """``||X - reference|| / ||scale||`` (``scale`` defaults to ``reference``).

    Norms are Euclidean over the last axis (vectors) or Frobenius over the last two (``axes=2``,
    matrices); ``X`` may carry leading batch axes, ``reference`` and ``scale`` broadcast against it.
    Raises ``ValueError`` if ``||scale|| = 0`` (the ratio is undefined).
    """
    X, reference = np.asarray(X, dtype=float), np.asarray(reference, dtype=float)
    scale = reference if scale is None else np.asarray(scale, dtype=float)
    over = (-1,) if (axes or 1) == 1 else (-2, -1)
    denominator = np.sqrt(np.sum(scale * scale, axis=over))
    if not np.all(denominator > 0):
        raise ValueError("relative_distance needs a nonzero scale")
    return np.sqrt(np.sum((X - reference) ** 2, axis=over)) / denominator


# ----------------------------------------------------------------------------- descent checks
#: A loss may rise between two checks by this fraction of itself (rounding of the sums) ...
RISE_RTOL = 1e-9
#: ... plus this fraction of the problem's loss scale (rounding once a run has stalled at the
#: level of float64: its loss then wanders by a few ulps of the scale).
RISE_ATOL = 1e-26


def loss_rose(before, after, scale) -> np.ndarray:
    """Which runs' loss went up from ``before`` to ``after`` by more than rounding explains:
    ``after > before + RISE_RTOL * before + RISE_ATOL * scale``, elementwise.

    Gradient descent with a small enough step decreases its loss at every step, so a rise beyond
    this tolerance means the step overshoots (divergence or a bounded oscillation). The drivers of
    2(e) (:func:`hw3.sparse_recovery.factorized_gd`, ``gd_sweep``) and of 2(f)
    (:func:`hw3.matrix_completion.run_to_tolerance`) use this one test.
    """
    before, after = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    return ~(after <= before * (1.0 + RISE_RTOL) + RISE_ATOL * np.asarray(scale, dtype=float))


#: How the compiled runs of (22) end (float64 and double-double alike).
CONVERGED, STEP_LIMIT, DIVERGED, STATIONARY = 0, 1, 2, 3
#: A run whose loss exceeds this many times the problem's loss scale has diverged.
DIVERGENCE = 1e6


@numba.njit(inline="always")
def checkpoint(w, e, previous, scale, tol, rise):
    """The check of the compiled runs of (22): the loss 1/2 sum_p w_p e_p^2 (summed in order)
    and the status it ends the run with: DIVERGED (not finite, above DIVERGENCE ``scale``, or,
    with ``rise``, risen beyond :func:`loss_rose`'s tolerance since ``previous``), CONVERGED
    (loss <= ``tol``), or -1 (go on)."""
    loss = 0.0
    for p in range(e.shape[0]):
        loss += w[p] * e[p] * e[p]
    loss *= 0.5
    risen = not loss <= previous * (1.0 + RISE_RTOL) + RISE_ATOL * scale
    if not loss <= DIVERGENCE * scale or (rise and previous < np.inf and risen):
        return loss, DIVERGED
    if loss <= tol:
        return loss, CONVERGED
    return loss, -1


# ----------------------------------------------------------------------------- checks
class CheckFailed(AssertionError):
    """A numerical check of the notebook did not hold."""


@dataclass(frozen=True)
class Check:
    """A discrepancy that must be at most ``tol``; constructing a failing one raises.

    The notebook prints such checks as the bound ``≤ tol`` (``≥ tol`` with ``at_least``), never as
    the measured value, whose digits are rounding noise that differs between CPUs.
    """

    label: str
    value: float
    tol: float
    at_least: bool = False  # the check is value >= tol instead

    def __post_init__(self):
        ok = self.value >= self.tol if self.at_least else self.value <= self.tol
        if not (np.isfinite(self.value) and ok):
            sign = "<" if self.at_least else ">"
            raise CheckFailed(
                f"check failed: {self.label} = {float(self.value):.3g} {sign} {self.tol:g} (the "
                "settings are outside the range where this check holds: see the experiment's docstring)"
            )

    @property
    def bound(self) -> str:
        """The statement the check proves, e.g. ``'≤ 1e-12'``."""
        return f"{'≥' if self.at_least else '≤'} {format_tolerance(self.tol)}"


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value: float) -> str:
    """``1e-15 -> '10⁻¹⁵'``: a parameter that is a power of ten (an alpha of the sweeps), written so
    that it does not read as a rounding-level result. ``ValueError`` if it is not one."""
    exponent = np.log10(value)
    if not abs(exponent - round(exponent)) < 1e-9:
        raise ValueError(f"{value} is not a power of ten")
    return "10" + str(int(round(exponent))).translate(_SUPERSCRIPT)


def format_tolerance(tol: float) -> str:
    """``1e-12 -> '1e-12'``, ``0.001 -> '1e-3'``, ``0.5 -> '0.5'``."""
    exponent = np.log10(tol)
    if tol < 0.01 and abs(exponent - round(exponent)) < 1e-9:
        return f"1e{int(round(exponent))}"
    return f"{tol:g}"
