"""The experiments of the notebook, one module per problem, each a function returning a result.

Layers: :mod:`hw3.dropout` ... :mod:`hw3.matrix_completion` hold the numerics (pure functions over
arrays); an experiment here runs them at fixed settings and returns a frozen :class:`Result` that
holds every number its table, figure and prose use; :mod:`hw3.tables` and :mod:`hw3.figures` draw
from results (taking at most norms, maxima and quantiles of them).

An experiment is a pure function of its (keyword) settings, so :func:`experiment` memoizes it: a
section of the notebook that needs another section's result calls the same function and gets the
same object, whatever ran before, and re-running a section prints what it printed the first time.
Results are immutable (their arrays are read-only), so sharing them is safe.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect

import numpy as np


@dataclasses.dataclass(frozen=True)
class Result:
    """Base of every experiment's result: a frozen dataclass whose arrays are read-only."""

    def __post_init__(self):
        _freeze(self)


def _freeze(value) -> None:
    """Make every array in ``value`` read-only: arrays, and those inside tuples, lists, dicts and
    dataclasses (such as the run summaries a result holds)."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        _freeze([getattr(value, field.name) for field in dataclasses.fields(value)])
    elif isinstance(value, (tuple, list, dict)):
        for item in value.values() if isinstance(value, dict) else value:
            _freeze(item)


@dataclasses.dataclass(frozen=True)
class Measured(Result):
    """The result of a numerical check: the :class:`hw3.common.Check` objects that held, and the
    values the prose and the tables quote, by name: ``result.rho`` is ``result.values["rho"]``."""

    checks: tuple
    values: dict

    def __getattr__(self, name):  # called only for names that are not attributes
        values = self.__dict__.get("values", {})  # (not yet set while unpickling)
        if name not in values:
            raise AttributeError(f"{type(self).__name__} has no value {name!r}")
        return values[name]


def experiment(func):
    """Memoize an experiment on its settings (keyword arguments, all hashable: numbers, strings,
    tuples), with the defaults filled in: ``paths()`` and ``paths(seed=0)`` are one result.

    ``func.uncached`` is ``func`` itself (the tests use it to recompute).
    """
    signature = inspect.signature(func)
    cached = functools.cache(func)

    @functools.wraps(func)
    def wrapper(**settings):
        bound = signature.bind(**settings)
        bound.apply_defaults()
        return cached(**bound.arguments)

    wrapper.uncached = func
    return wrapper
