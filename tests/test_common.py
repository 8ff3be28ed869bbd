"""Tests for hw3.common: argument checks, the relative distance, the loss-rise test, checks."""

import numpy as np
import pytest

from hw3.common import (
    Check,
    CheckFailed,
    check_count,
    check_finite,
    check_step_size,
    format_tolerance,
    loss_rose,
    power_of_ten,
    relative_distance,
)


def test_relative_distance_vectors_matrices_and_batches():
    x, ref = np.array([3.0, 4.0]), np.array([0.0, 5.0])
    assert relative_distance(x, ref) == pytest.approx(np.hypot(3, 1) / 5)
    X = np.stack([np.eye(2), 2 * np.eye(2)])  # batch of two matrices
    d = relative_distance(X, np.eye(2), axes=2)
    np.testing.assert_allclose(d, [0.0, 1.0])
    np.testing.assert_allclose(
        relative_distance(X, np.eye(2), scale=2 * np.eye(2), axes=2), [0.0, 0.5]
    )
    with pytest.raises(ValueError, match="nonzero scale"):
        relative_distance(x, np.zeros(2))


def test_loss_rose_allows_rounding_and_flags_real_increases():
    before = np.array([1.0, 1.0, 1e-20, 1e-20])
    after = np.array([1.0 + 1e-10, 1.0 + 1e-8, 1e-20 + 1e-27, 1e-20 + 1e-25])
    np.testing.assert_array_equal(loss_rose(before, after, scale=1.0), [False, True, False, True])
    assert not loss_rose(2.0, 1.0, 1.0)  # a decrease is never a rise


def test_check_raises_when_it_fails_and_states_its_bound():
    c = Check("x", 3e-13, 1e-12)
    assert c.bound == "≤ 1e-12"
    with pytest.raises(CheckFailed, match="x = "):
        Check("x", 2e-12, 1e-12)
    with pytest.raises(CheckFailed):
        Check("nan", float("nan"), 1.0)
    assert format_tolerance(1e-3) == "1e-3" and format_tolerance(2.0) == "2"


@pytest.mark.parametrize("eta", [0.0, -1.0, np.nan, np.inf, [1.0, 2.0]])
def test_step_size_must_be_positive_and_finite(eta):
    with pytest.raises(ValueError, match="eta"):
        check_step_size(eta)


def test_step_size_arrays_counts_and_finite_arrays():
    np.testing.assert_array_equal(check_step_size([1.0, 2.0], shape=(2,)), [1.0, 2.0])
    assert check_count(2e4, "steps") == 20000
    assert check_count(np.int64(5), "steps") == 5 and check_count(np.array(3.0), "steps") == 3
    assert check_count(10**20, "seed", maximum=None) == 10**20
    for bad in (-1, 2.5, np.nan, np.inf, 10**20, 1e20, "10", 1 + 0j, [1]):
        with pytest.raises(ValueError, match="steps"):
            check_count(bad, "steps")
    with pytest.raises(ValueError, match="shape"):
        check_finite("x0", np.ones(3), shape=(None, 3))
    with pytest.raises(ValueError, match="finite"):
        check_finite("x0", [np.inf])


def test_power_of_ten_writes_the_exponent_and_refuses_other_values():
    assert (
        power_of_ten(1e-15) == "10⁻¹⁵" and power_of_ten(1.0) == "10⁰" and power_of_ten(1e3) == "10³"
    )
    with pytest.raises(ValueError, match="not a power of ten"):
        power_of_ten(2e-5)
