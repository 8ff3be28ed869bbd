"""Numerics for Homework 3 of EN 580.745 "Mathematics of Deep Learning".

One module per problem; the notebook ``hw3.ipynb`` tells the story and imports these.

- :mod:`hw3.dropout`            -- Problem 1: the sampled-rank-one dropout variant (3)-(4).
- :mod:`hw3.least_squares`      -- Problem 2(a)-(d): under-determined least squares and gradient descent.
- :mod:`hw3.sparse_recovery`    -- Problem 2(e): factorized gradient descent (9) against the Lasso path (11).
- :mod:`hw3.matrix_completion`  -- Problem 2(f): factorized gradient descent on matrix completion (12).
- :mod:`hw3.double_double`      -- 2(f): the step (22) in double-double arithmetic (106 bits).
- :mod:`hw3.common`             -- checks, validation and loss-rise tests shared by the problems.
- :mod:`hw3.experiments`        -- the experiments, one module per problem, each returning a result.
- :mod:`hw3.tables`, :mod:`hw3.figures` -- drawn from results (at most norms and quantiles of them).
- :mod:`hw3.display`            -- figure style and export, table and prose display.
"""
