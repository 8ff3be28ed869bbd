# ---
# jupyter:
#   authors:
#   - name: EN 580.745 reference solution
#   date: 27 November 2026
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   title: 'Homework 3: Mathematics of Deep Learning (EN 580.745)'
# ---

# %% [markdown]
# This notebook is the writeup of Homework 3. Problem 1 and Problem 2(a)–(d) are derivations,
# each followed by a numerical check; Problem 2(e) and the bonus 2(f) are experiments, each
# ending in a figure and an answer backed by numbers computed below. The numerics live in the
# package `hw3/` (one module per problem, unit-tested in `tests/`); this notebook only calls it.
# Equations (1)–(12) are the assignment's; ours continue from (13).

# %%
import numpy as np
import matplotlib.pyplot as plt

from hw3.plotting import save_figure, setup_notebook

setup_notebook()
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# # Problem 1: A variant of matrix factorization dropout
#
# Dropout that samples normalized rank-one factors $u_i v_i^\top/\|u_i v_i^\top\|_F$ with
# probability proportional to their norm induces the squared nuclear norm directly.

# %% [markdown]
# ## 1(a) The expectation in (3)
#
# We compute the expectation in (3) and show that the problem is equivalent to (4).

# %% [markdown]
# ## 1(b) Why (3) is harder for SGD than (1)
#
# We explain in 1–3 sentences why stochastic gradient descent does not apply to (3) as directly
# as to (1).

# %% [markdown]
# # Problem 2: Implicit regularization for under-determined linear regression
#
# Least squares (5) with $\mathbf{A}\in\mathbb{R}^{n\times m}$, $\operatorname{rank}\mathbf{A}=n<m$,
# and $\mathbf{y}=\mathbf{A}\mathbf{x}^*$.

# %% [markdown]
# ## 2(a) All solutions of (5)
#
# A closed form for every minimizer of (5).

# %% [markdown]
# ## 2(b) Smoothness
#
# The smoothness inequality (6) with an explicit $\eta$.

# %% [markdown]
# ## 2(c) Convergence of gradient descent
#
# Gradient descent (7) with step $\eta$ converges to a global minimizer of (5).

# %% [markdown]
# ## 2(d) Implicit bias: minimum $\ell_2$ norm
#
# From $\mathbf{x}^{(0)}=\mathbf{0}$, gradient descent converges to the minimum-$\ell_2$-norm solution (8).

# %% [markdown]
# ## 2(e) Factorized gradient descent and the minimum $\ell_1$ norm
#
# Gradient descent on the factorized problem (9), compared with the Lasso path of (11).

# %% [markdown]
# ## 2(f) Bonus: matrix completion and the minimum nuclear norm
#
# An experiment testing whether gradient descent on (12) converges to the minimum nuclear norm
# completion.
