"""The experiments of the notebook, one module per problem, each a function returning a result.

Layers: :mod:`hw3.dropout` ... :mod:`hw3.matrix_completion` hold the numerics (pure functions over
arrays); an experiment here runs them at fixed settings and returns a frozen :class:`Result` that
holds every number its table, figure and prose use; :mod:`hw3.tables` and :mod:`hw3.figures` draw
from results and compute nothing.

An experiment is a pure function of its (keyword) settings, so :func:`experiment` memoizes it: a
section of the notebook that needs another section's result calls the same function and gets the
same object, whatever ran before, and re-running a section prints what it printed the first time.
Results are immutable (their arrays are read-only), so sharing them is safe.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np


@dataclasses.dataclass(frozen=True)
class Result:
    """Base of every experiment's result: a frozen dataclass whose arrays are read-only."""

    def __post_init__(self):
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if isinstance(value, np.ndarray):
                value.flags.writeable = False


def experiment(func):
    """Memoize an experiment on its keyword arguments (all hashable: numbers, strings, tuples).

    ``func.cache_clear()`` forgets the stored results (the tests use it to recompute).
    """
    cached = functools.cache(func)

    @functools.wraps(func)
    def wrapper(**settings):
        return cached(**settings)

    wrapper.cache_clear = cached.cache_clear
    wrapper.uncached = func
    return wrapper
