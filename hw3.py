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
# each followed by a numerical check that prints its discrepancy; Problem 2(e) and the bonus 2(f)
# are experiments, each ending in a figure and an answer backed by numbers computed below. The
# numerics live in the package `hw3/` (one module per problem, unit-tested in `tests/`); this
# notebook only calls it. Equations (1)–(12) are the assignment's; ours continue from (13).
# Sections marked *Beyond the assignment* go further than the questions ask.
#
# **Answers in brief.**
#
# - **1(a)** For $m\ge2$ the expectation in (3) equals $\frac{m-1}{m}$ times the objective of (4)
#   plus a constant that depends on $X$ only, equation (14); hence (3) and (4) have the same
#   minimizers.
# - **1(b)** The law $\mathcal{D}_{(U,V)}$ of the sampled factors depends on the parameters, so the
#   gradient of one sampled loss is a biased estimate of the gradient of (3); Bernoulli dropout's
#   mask law does not, and there the gradient of a sample is unbiased.
# - **2(a)–(d)** The minimizers of (5) are $\mathbf{A}^\top(\mathbf{A}\mathbf{A}^\top)^{-1}\mathbf{y}$
#   plus any null-space vector of $\mathbf{A}$; (6) holds with $\eta=1/\|\mathbf{A}\|_2^2$; gradient
#   descent with that step converges linearly to a global minimizer, and from $\mathbf{x}^{(0)}=\mathbf{0}$
#   to the minimum-$\ell_2$-norm solution $\mathbf{A}^+\mathbf{y}$.
# - **2(e)** Gradient descent on (9) and the (positive) Lasso path bring in the same coordinates in a
#   similar order, and they end at nearly the same point, the minimum-$\ell_1$ nonnegative
#   interpolator (here $\mathbf{x}^*$) — but only once gradient descent is run to convergence: after
#   the 300,000 steps the assignment suggests it is not there yet. At a finite initialization scale
#   the limit minimizes a relative entropy rather than the $\ell_1$ norm; the gap closes as the
#   scale goes to zero.
# - **2(f)** The conjecture is confirmed only where the minimum nuclear norm completion is the ground
#   truth. On instances where the two differ, gradient descent does not approach the minimum
#   nuclear norm completion as the initialization shrinks; on a constructed three-by-three
#   instance, whose minimum nuclear norm completion is certified by a dual certificate, it
#   converges to the minimum-rank completion instead.

# %%
import matplotlib.pyplot as plt
import numpy as np

from hw3.plotting import save_figure, setup_notebook

setup_notebook()
np.set_printoptions(precision=4, suppress=True)

# %% [markdown]
# # Problem 1: A variant of matrix factorization dropout
#
# We show that approximating $X$ by the average of $m\ge 2$ normalized rank-one factors of
# $UV^\top$, drawn with probabilities proportional to their norms as in (2)–(3), is in
# expectation a positive multiple of the squared-nuclear-norm-regularized factorization (4) plus
# a constant, and explain why this objective is nevertheless not directly amenable to SGD.

# %% [markdown]
# ## 1(a) The expectation in (3)
#
# **Notation.** For matrices of equal size, $\langle A,B\rangle=\operatorname{tr}(A^\top B)$ and
# $\|A\|_F^2=\langle A,A\rangle$. Let $u_i\in\mathbb{R}^D$ and $v_i\in\mathbb{R}^N$ be the $i$-th
# columns of $U$ and $V$, and write
#
# $$
# M_i=u_iv_i^\top,\qquad a_i=\|M_i\|_F=\|u_i\|_2\,\|v_i\|_2,\qquad
# \Theta=\Theta(U,V)=\sum_{i=1}^r a_i,\qquad W=UV^\top=\sum_{i=1}^r M_i ,
# $$
#
# where $\|u v^\top\|_F^2=\sum_{d,n}u_d^2v_n^2=\|u\|_2^2\|v\|_2^2$. Let
# $\mathcal{I}=\{i: a_i>0\}$ be the indices of the nonzero factors and, for $i\in\mathcal{I}$,
# $\bar M_i=M_i/a_i$, a unit-norm rank-one matrix.
#
# **Assumptions.** (A1) $m$ is a positive integer; the assignment takes $m\ge2$, which is
# needed only from Theorem 1 on (Lemmas 1–2 and Proposition 1 hold for every $m\ge1$).
# (A2) $\Theta>0$, i.e. at least one factor $u_iv_i^\top$ is nonzero; otherwise every
# denominator in (2) vanishes and $\mathcal{D}_{(U,V)}$ is undefined. (A3) The matrices
# $\bar M_i$, $i\in\mathcal{I}$, are pairwise distinct. This is the footnote's assumption after
# consolidating positively proportional factors, which does not change $UV^\top$ or $\Theta$;
# Remark (ii) below shows (A3) is not needed. $X\in\mathbb{R}^{D\times N}$ is fixed.
#
# **The law of one draw.** Under (A2)–(A3), (2) says that $Z\sim\mathcal{D}_{(U,V)}$ takes the
# value $\bar M_i$ with probability $p_i=a_i/\Theta$ for each $i\in\mathcal{I}$, and no other
# value, since $\sum_{i\in\mathcal{I}}p_i=\Theta/\Theta=1$. Equivalently: draw an index $J$ with
# $\Pr(J=i)=p_i$ and set $Z=\bar M_J$. A zero factor ($a_i=0$) has $p_i=0$: it is never drawn, and
# it contributes nothing to $W$ or to $\Theta$ either. (Its normalized version $M_i/a_i$ is
# undefined, but (2) would give it mass $0$, so (2) is well defined as soon as one factor is
# nonzero.) The objective of (3) is $F_3(U,V)=\mathbb{E}\,\|X-S\|_F^2$, where
#
# $$
# S=\frac{\Theta}{m}\sum_{j=1}^m Z_j,\qquad Z_1,\dots,Z_m \ \text{i.i.d.}\sim\mathcal{D}_{(U,V)} .
# $$
#
# Every $Z_j$ takes finitely many values, so all expectations below are finite sums and linearity
# of expectation applies without further conditions.
#
# **Lemma 1 (one draw).** $\mathbb{E}Z=W/\Theta$, $\|Z\|_F=1$ surely, and
# $\mathbb{E}\|Z-\mathbb{E}Z\|_F^2=1-\|W\|_F^2/\Theta^2$.
#
# *Proof.* $\mathbb{E}Z=\sum_{i\in\mathcal{I}}\frac{a_i}{\Theta}\frac{M_i}{a_i}
# =\frac{1}{\Theta}\sum_{i\in\mathcal{I}}M_i=\frac{1}{\Theta}\sum_{i=1}^r M_i=\frac{W}{\Theta}$,
# because $M_i=0$ for $i\notin\mathcal{I}$. Each value $\bar M_i$ has unit norm by construction.
# Expanding the square and using that $\mathbb{E}Z$ is a constant matrix,
# $\mathbb{E}\|Z-\mathbb{E}Z\|_F^2=\mathbb{E}\|Z\|_F^2-2\langle\mathbb{E}Z,\mathbb{E}Z\rangle
# +\|\mathbb{E}Z\|_F^2=1-\|W\|_F^2/\Theta^2$. $\square$
#
# **Lemma 2 (the scaled sample average).** $\mathbb{E}S=W$ and
# $\mathbb{E}\|S-W\|_F^2=(\Theta^2-\|W\|_F^2)/m$.
#
# *Proof.* By linearity and Lemma 1, $\mathbb{E}S=\frac{\Theta}{m}\cdot m\cdot\frac{W}{\Theta}=W$.
# Write $\Delta_j=Z_j-\mathbb{E}Z$, so that $S-W=\frac{\Theta}{m}\sum_j\Delta_j$ and
#
# $$
# \|S-W\|_F^2=\frac{\Theta^2}{m^2}\Big(\sum_{j=1}^m\|\Delta_j\|_F^2
# +\sum_{j\neq k}\langle\Delta_j,\Delta_k\rangle\Big).
# $$
#
# For $j\neq k$, $\langle\Delta_j,\Delta_k\rangle$ is a sum of products of an entry of $\Delta_j$
# and an entry of $\Delta_k$; these are independent, so the expectation of each product is the
# product of the expectations, which is $0$ since $\mathbb{E}\Delta_j=0$. Hence, by Lemma 1,
# $\mathbb{E}\|S-W\|_F^2=\frac{\Theta^2}{m^2}\cdot m\cdot\big(1-\frac{\|W\|_F^2}{\Theta^2}\big)
# =\frac{\Theta^2-\|W\|_F^2}{m}$. $\square$
#
# **Proposition 1 (bias–variance form of (3)).** Under (A1)–(A3),
#
# $$
# F_3(U,V)=\|X-UV^\top\|_F^2+\frac{\Theta(U,V)^2-\|UV^\top\|_F^2}{m}.
# \tag{13}
# $$
#
# *Proof.* $X-S=(X-W)-(S-W)$, so
# $\|X-S\|_F^2=\|X-W\|_F^2-2\langle X-W,S-W\rangle+\|S-W\|_F^2$. Take expectations: $X-W$ is
# deterministic and $\mathbb{E}[S-W]=0$ (Lemma 2), so the middle term has expectation $0$; the last
# term has expectation $(\Theta^2-\|W\|_F^2)/m$ by Lemma 2. $\square$
#
# The second term is a variance and is $\ge 0$, consistently with the triangle inequality
# $\|W\|_F=\|\sum_iM_i\|_F\le\sum_ia_i=\Theta$.
#
# **Remarks on the assumptions.** (i) *Zero factors.* The proofs never required all factors to be
# nonzero: zero factors are never drawn and drop out of $W$ and $\Theta$. (A2) fails only when
# all factors are zero; then $W=0$, $\Theta=0$ and (2) is undefined, but with the natural
# convention that the prediction $\frac{\Theta}{m}\sum_jZ_j$ is $0$ when $\Theta=0$ (whatever is
# drawn), $F_3=\|X\|_F^2$, which is what (13) gives for $W=0$, $\Theta=0$.
# (ii) *Repeated directions.* If (A3) fails, say $\bar M_i=\bar M_k$ for some $i\neq k$, the
# natural reading of (2) gives that matrix the total mass $p_i+p_k$, which is again the law of
# $\bar M_J$ described above; the proofs used only that description, so nothing changes (and
# consolidating the two factors as in the footnote, $M_i+M_k=(a_i+a_k)\bar M_i$, changes neither
# $W$ nor $\Theta$). Hence (13) holds for every $m\ge1$ and every
# $(U,V)\in\mathbb{R}^{D\times r}\times\mathbb{R}^{N\times r}$ (when $\Theta=0$, with the
# convention of (i)).
#
# **Theorem 1 (equivalence of (3) and (4)).** Let $m\ge2$ and let
# $F_4(U,V)=\|\tilde X-UV^\top\|_F^2+\frac{1}{m-1}\Theta(U,V)^2$ be the objective of (4), with
# $\tilde X=\frac{m}{m-1}X$. For every $(U,V)\in\mathbb{R}^{D\times r}\times\mathbb{R}^{N\times r}$,
#
# $$
# F_3(U,V)=\frac{m-1}{m}\,F_4(U,V)+c(X),\qquad c(X)=-\frac{\|X\|_F^2}{m-1}.
# \tag{14}
# $$
#
# Consequently (3) and (4) have exactly the same global minimizers and the same local minimizers,
# and their optimal values satisfy $\inf F_3=\frac{m-1}{m}\inf F_4+c(X)$.
#
# *Proof.* Expanding (13),
# $F_3=\|X\|_F^2-2\langle X,W\rangle+\frac{m-1}{m}\|W\|_F^2+\frac{\Theta^2}{m}$. Expanding $F_4$
# and multiplying by $\frac{m-1}{m}$, with $\|\tilde X\|_F^2=\frac{m^2}{(m-1)^2}\|X\|_F^2$ and
# $\langle\tilde X,W\rangle=\frac{m}{m-1}\langle X,W\rangle$:
#
# $$
# \frac{m-1}{m}F_4=\frac{m}{m-1}\|X\|_F^2-2\langle X,W\rangle+\frac{m-1}{m}\|W\|_F^2
# +\frac{\Theta^2}{m}.
# $$
#
# Subtracting, $F_3-\frac{m-1}{m}F_4=\big(1-\frac{m}{m-1}\big)\|X\|_F^2=-\frac{\|X\|_F^2}{m-1}$,
# which is (14). Since $m\ge2$, the factor $s=\frac{m-1}{m}$ is strictly positive (and
# $\tilde X$ and $\frac{1}{m-1}$ are defined), and $c(X)$ does not depend on $(U,V)$. The map
# $t\mapsto st+c(X)$ is therefore strictly increasing, so for all pairs
# $F_3(U,V)\le F_3(U',V')\iff F_4(U,V)\le F_4(U',V')$. Global and local minimality are defined
# by such comparisons alone, hence they coincide for (3) and (4), and the infima correspond
# through the same map. $\square$
#
# **Remark (why $m\ge2$).** (4) divides by $m-1$. For $m=1$, (13) reads
# $\|X-W\|_F^2+(\Theta^2-\|W\|_F^2)$: the penalty is $\Theta^2-\|UV^\top\|_F^2$, not a multiple
# of $\Theta^2$, so the single-draw objective is not of the form (4).
#
# **Numerical check.** On a random instance ($D=4$, $N=5$, $r=3$) we compute the expectation in
# (3) *exactly* as $\sum_{(j_1,\dots,j_m)}p_{j_1}\cdots p_{j_m}\,\|X-\frac{\Theta}{m}\sum_k
# \bar M_{j_k}\|_F^2$ over all $r^m$ ordered draws, without using any closed form, and compare it
# with (13) and with the right side of (14); a Monte Carlo average over
# $10^5$ draws is compared with it in units of its standard error ($z$). The last line repeats
# the comparison with one factor set to zero.

# %%
from hw3 import dropout as dr
from hw3 import least_squares as ls
from hw3.plotting import METHOD_COLORS

rng = np.random.default_rng(0)
D, N, r = 4, 5, 3
X = rng.standard_normal((D, N))
U, V = rng.standard_normal((D, r)), rng.standard_normal((N, r))
exact, rows, mc_rows = {}, [], []
for m in (2, 3, 4):
    exact[m] = dr.expectation_by_enumeration(X, U, V, m)
    s, c = dr.affine_map_4_to_3(X, m)
    err_bv = abs(exact[m] - dr.expectation_closed_form(X, U, V, m))
    err_4 = abs(exact[m] - (s * dr.objective_4(X, U, V, m) + c))
    rows.append(f"{m:2d} {r**m:4d} {exact[m]:20.12f} {s:10.4f} {c:8.4f}")
    rows[-1] += f" {err_bv:13.1e} {err_4:13.1e}"
    mc, se = dr.monte_carlo_expectation(X, U, V, m, 100_000, rng)
    mc_rows.append(f"{m:2d}  {mc:10.4f} +- {se:.4f}{(mc - exact[m]) / se:28.2f}")
U0 = U.copy()
U0[:, 1] = 0.0  # u_2 v_2^T = 0: never drawn
s, c = dr.affine_map_4_to_3(X, 3)
exact0 = dr.expectation_by_enumeration(X, U0, V, 3)
err0 = abs(exact0 - (s * dr.objective_4(X, U0, V, 3) + c))
p0 = dr.sampling_probabilities(U0, V)
print("sampling law (2): p =", dr.sampling_probabilities(U, V))
print(" m  r^m  E(3) by enumeration  s=(m-1)/m     c(X)  |E-bias-var|  |E-(s F4+c)|")
print("\n".join(rows))
print(" m  Monte Carlo mean +- s.e. (1e5 draws)   z = (MC - E)/s.e.")
print("\n".join(mc_rows))
print(f"zero factor: p = {p0}, m=3: |E-(s F4+c)| = {err0:.1e}")

# %% [markdown]
# ## 1(b) Why (3) is harder for SGD than (1)
#
# In (1) the mask law $\mathrm{Ber}(\theta)^r$ does not depend on $(U,V)$, so the gradient of the
# loss at one sampled mask is an unbiased estimate of the gradient of the expectation
# ($\nabla\mathbb{E}_z=\mathbb{E}_z\nabla$). In (3) the sampling law $\mathcal{D}_{(U,V)}$ itself
# depends on the parameters being optimized (through $p_i\propto\|u_iv_i^\top\|_F$), so the
# gradient of the expectation also contains the score-function term
# $\mathbb{E}\big[L\,\nabla\sum_{k=1}^m\log p_{j_k}\big]$ ($L$ the sampled loss, $j_1,\dots,j_m$
# the drawn indices), and the gradient of a single sampled loss is a *biased* estimate of the
# gradient of (3). Unbiased estimators that add this term, such as REINFORCE (Williams, 1992,
# "Simple statistical gradient-following algorithms for connectionist reinforcement learning"),
# typically have high variance (Mohamed et al., 2020, "Monte Carlo gradient estimation in machine
# learning"), and since the draws are discrete the reparametrization trick is not available.

# %% [markdown]
# ### Beyond the assignment: the bias of the naive stochastic gradient
#
# Assume all $u_i,v_i$ are nonzero, so that $\Theta$ and the $\bar M_i$ are differentiable. For an
# ordered draw $J=(j_1,\dots,j_m)$ let $P(J)=p_{j_1}\cdots p_{j_m}$ and
# $L_J(U,V)=\|X-\frac{\Theta}{m}\sum_k\bar M_{j_k}\|_F^2$, both functions of $(U,V)$. Since
# $F_3=\sum_JP(J)L_J$ is a finite sum of differentiable functions and $P(J)>0$, the product rule
# and $\nabla P(J)=P(J)\,\nabla\log P(J)$ give
#
# $$
# \nabla F_3=\underbrace{\sum_JP(J)\,\nabla L_J}_{\mathbb{E}[\nabla L_J]\ \text{(mean SGD step)}}
# +\underbrace{\sum_JP(J)\,L_J\,\nabla\log P(J)}_{\text{score term, missed by SGD}},
# \qquad \log P(J)=\sum_{k=1}^m\log a_{j_k}-m\log\Theta .
# \tag{15}
# $$
#
# By (14), $\nabla F_3=\frac{m-1}{m}\nabla F_4$, which we compute from the closed form of
# (4). The cell below evaluates both terms of (15) exactly by enumeration ($r=3$, $m=3$),
# and also averages the naive gradient $\nabla L_J$ over $2\cdot10^4$ sampled draws.

# %%
m = 3
s, _ = dr.affine_map_4_to_3(X, m)
true_grad = [s * G for G in dr.objective_4_gradient(X, U, V, m)]
parts = dr.gradients_by_enumeration(X, U, V, m)
naive_draws = dr.naive_sample_gradient(X, U, V, dr.sample_counts(U, V, m, 20_000, rng))
for k, name in enumerate(("U", "V")):
    mc_mean, mc_se = dr.mean_and_standard_error(naive_draws[k])
    z_true = np.max(np.abs(mc_mean - true_grad[k]) / mc_se)
    z_naive = np.max(np.abs(mc_mean - parts["naive"][k]) / mc_se)
    print(f"gradient in {name}: relative error vs the true gradient of (3)")
    print(
        f"   E[naive]               (enumerated): {dr.relative_error(parts['naive'][k], true_grad[k]):.3f}"
    )
    print(
        f"   E[naive] + score term  (enumerated): {dr.relative_error(parts['total'][k], true_grad[k]):.1e}"
    )
    print(f"   MC mean: max |z| vs true {z_true:.1f}, vs E[naive] {z_naive:.1f}")

# %% [markdown]
# The mean of the naive stochastic gradient misses the true gradient by the relative error
# printed above, many standard errors away, while adding the score term of (15) recovers
# it to rounding error: the naive SGD step is biased, not merely noisy.

# %% [markdown]
# # Problem 2: Implicit regularization for under-determined linear regression
#
# For the consistent under-determined least-squares problem (5) we describe all solutions, prove
# the smoothness inequality (6) and convergence of gradient descent (7), and show that from
# $\mathbf{x}^{(0)}=\mathbf{0}$ gradient descent converges to the minimum-$\ell_2$-norm solution (8).
#
# **Standing assumptions and notation.** $\mathbf{A}\in\mathbb{R}^{n\times m}$ with
# $\operatorname{rank}\mathbf{A}=n<m$ (we take $n\ge1$, so $\mathbf{A}\neq\mathbf{0}$), and
# $\mathbf{y}=\mathbf{A}\mathbf{x}^*$. (Because $\operatorname{rank}\mathbf{A}=n$, $\mathbf{A}$
# maps $\mathbb{R}^m$ onto $\mathbb{R}^n$, so such an $\mathbf{x}^*$ exists for every
# $\mathbf{y}$.) Let $\mathbf{A}=\sum_{i=1}^n\sigma_i\mathbf{p}_i\mathbf{q}_i^\top$ be a singular
# value decomposition: $\mathbf{p}_1,\dots,\mathbf{p}_n$ orthonormal in $\mathbb{R}^n$,
# $\mathbf{q}_1,\dots,\mathbf{q}_n$ orthonormal in $\mathbb{R}^m$, and
# $\sigma_1\ge\dots\ge\sigma_n>0$ (there are exactly $n$ nonzero singular values because the rank is
# $n$). Thus $\sigma_{\max}=\sigma_1=\|\mathbf{A}\|_2$ (the spectral norm),
# $\sigma_{\min}=\sigma_n$ is the smallest nonzero singular value,
# $\operatorname{range}(\mathbf{A}^\top)=\operatorname{span}\{\mathbf{q}_1,\dots,\mathbf{q}_n\}$,
# and $\mathbf{A}^\top\mathbf{A}=\sum_i\sigma_i^2\mathbf{q}_i\mathbf{q}_i^\top$. We use
# $\operatorname{null}(\mathbf{A})=\operatorname{range}(\mathbf{A}^\top)^\perp$ (indeed
# $\mathbf{A}\mathbf{x}=\mathbf{0}$ iff $\langle\mathbf{w},\mathbf{A}\mathbf{x}\rangle
# =\langle\mathbf{A}^\top\mathbf{w},\mathbf{x}\rangle=0$ for all $\mathbf{w}$). The gradient of (5)
# is $\nabla f(\mathbf{x})=\mathbf{A}^\top(\mathbf{A}\mathbf{x}-\mathbf{y})$.

# %% [markdown]
# ## 2(a) All solutions of (5)
#
# **Lemma 3.** $\mathbf{A}\mathbf{A}^\top\in\mathbb{R}^{n\times n}$ is invertible. With
# $\mathbf{A}^+=\mathbf{A}^\top(\mathbf{A}\mathbf{A}^\top)^{-1}$, we have
# $\mathbf{A}\mathbf{A}^+=\mathbf{I}_n$; $\mathbf{Q}=\mathbf{A}^+\mathbf{A}$ is the orthogonal
# projector onto $\operatorname{range}(\mathbf{A}^\top)$ and
# $\mathbf{P}=\mathbf{I}-\mathbf{A}^+\mathbf{A}$ the orthogonal projector onto
# $\operatorname{null}(\mathbf{A})$, which has dimension $m-n$.
#
# *Proof.* If $\mathbf{A}\mathbf{A}^\top\mathbf{z}=\mathbf{0}$ then
# $0=\mathbf{z}^\top\mathbf{A}\mathbf{A}^\top\mathbf{z}=\|\mathbf{A}^\top\mathbf{z}\|_2^2$, so
# $\mathbf{A}^\top\mathbf{z}=\mathbf{0}$; the $n$ columns of $\mathbf{A}^\top$ are linearly
# independent (rank $n$), so $\mathbf{z}=\mathbf{0}$. Hence the square matrix
# $\mathbf{A}\mathbf{A}^\top$ is invertible, and
# $\mathbf{A}\mathbf{A}^+=\mathbf{A}\mathbf{A}^\top(\mathbf{A}\mathbf{A}^\top)^{-1}=\mathbf{I}_n$.
# $\mathbf{Q}=\mathbf{A}^\top(\mathbf{A}\mathbf{A}^\top)^{-1}\mathbf{A}$ is symmetric (the inverse of
# the symmetric matrix $\mathbf{A}\mathbf{A}^\top$ is symmetric) and
# $\mathbf{Q}^2=\mathbf{A}^+(\mathbf{A}\mathbf{A}^+)\mathbf{A}=\mathbf{Q}$, so it is the orthogonal
# projector onto its range. That range is contained in $\operatorname{range}(\mathbf{A}^\top)$
# (it is $\mathbf{A}^\top$ times something) and contains it, since
# $\mathbf{Q}\mathbf{A}^\top=\mathbf{A}^\top(\mathbf{A}\mathbf{A}^\top)^{-1}\mathbf{A}\mathbf{A}^\top
# =\mathbf{A}^\top$. Therefore $\mathbf{P}=\mathbf{I}-\mathbf{Q}$ is the orthogonal projector onto
# $\operatorname{range}(\mathbf{A}^\top)^\perp=\operatorname{null}(\mathbf{A})$, of dimension
# $m-\operatorname{rank}\mathbf{A}=m-n$. $\square$
#
# ($\mathbf{A}^+$ satisfies the four Penrose conditions — $\mathbf{A}\mathbf{A}^+\mathbf{A}=
# \mathbf{A}$, $\mathbf{A}^+\mathbf{A}\mathbf{A}^+=\mathbf{A}^+$, and $\mathbf{A}\mathbf{A}^+$,
# $\mathbf{A}^+\mathbf{A}$ symmetric — so it is the Moore–Penrose pseudo-inverse of $\mathbf{A}$.)
#
# **Proposition 2 (solution set).** The minimum value of (5) is $0$, and the set of minimizers is
#
# $$
# \operatorname*{arg\,min}_{\mathbf{x}}f=\{\mathbf{x}:\mathbf{A}\mathbf{x}=\mathbf{y}\}
# =\big\{\mathbf{A}^\top(\mathbf{A}\mathbf{A}^\top)^{-1}\mathbf{y}
# +\big(\mathbf{I}-\mathbf{A}^\top(\mathbf{A}\mathbf{A}^\top)^{-1}\mathbf{A}\big)\mathbf{z}
# \;:\;\mathbf{z}\in\mathbb{R}^m\big\},
# \tag{16}
# $$
#
# an affine subspace of dimension $m-n\ge1$ (so there are infinitely many solutions).
#
# *Proof.* $f\ge0$ as half a squared norm, and $f(\mathbf{x}^*)=0$, so the minimum value is $0$
# and $\mathbf{x}$ is a minimizer iff $f(\mathbf{x})=0$ iff $\mathbf{A}\mathbf{x}=\mathbf{y}$.
# ($\supseteq$) $\mathbf{A}(\mathbf{A}^+\mathbf{y}+\mathbf{P}\mathbf{z})=\mathbf{A}\mathbf{A}^+
# \mathbf{y}+(\mathbf{A}-\mathbf{A}\mathbf{A}^+\mathbf{A})\mathbf{z}=\mathbf{y}+
# (\mathbf{A}-\mathbf{A})\mathbf{z}=\mathbf{y}$ by Lemma 3. ($\subseteq$) If
# $\mathbf{A}\mathbf{x}=\mathbf{y}$, take $\mathbf{z}=\mathbf{x}$:
# $\mathbf{A}^+\mathbf{y}+\mathbf{P}\mathbf{x}=\mathbf{A}^+\mathbf{A}\mathbf{x}+\mathbf{x}
# -\mathbf{A}^+\mathbf{A}\mathbf{x}=\mathbf{x}$. The set is $\mathbf{A}^+\mathbf{y}$ plus
# $\operatorname{range}(\mathbf{P})=\operatorname{null}(\mathbf{A})$, of dimension $m-n$ by
# Lemma 3. $\square$
#
# **Numerical check.** A random Gaussian instance with $n=8$, $m=20$ (used for all of 2(a)–(d)).

# %%
rng = np.random.default_rng(1)
n, m = 8, 20
A = rng.standard_normal((n, m))
x_star = rng.standard_normal(m)
y = A @ x_star
A_plus = ls.right_pseudo_inverse(A)  # A^T (A A^T)^{-1}
P = ls.null_space_projector(A)  # I - A^+ A
x_l2 = ls.min_norm_solution(A, y)
x_back = ls.general_solution(A, y, x_star)  # A^+ y + P x*
sols = ls.general_solution(A, y, rng.standard_normal((1000, m)))
checks = {
    "max |A A^+ - I|": np.abs(A @ A_plus - np.eye(n)).max(),
    "max over 1000 random z of |A(A^+ y + P z) - y|": np.abs(sols @ A.T - y).max(),
    "z = x* gives back x*: max |A^+ y + P x* - x*|": np.abs(x_back - x_star).max(),
    "max |A^T (A A^T)^-1 - pinv(A)|": np.abs(A_plus - np.linalg.pinv(A)).max(),
    "max |A P|": np.abs(A @ P).max(),
}
for label, value in checks.items():
    print(f"{label:50s} = {value:.1e}")
print(f"rank P = {np.linalg.matrix_rank(P)},  m - n = {m - n}")

# %% [markdown]
# ## 2(b) Smoothness
#
# **Lemma 4 (exact second-order expansion).** For all $\mathbf{x},\mathbf{w}\in\mathbb{R}^m$,
#
# $$
# f(\mathbf{w})=f(\mathbf{x})+\langle\nabla f(\mathbf{x}),\mathbf{w}-\mathbf{x}\rangle
# +\tfrac12\|\mathbf{A}(\mathbf{w}-\mathbf{x})\|_2^2 .
# \tag{17}
# $$
#
# *Proof.* $\mathbf{A}\mathbf{w}-\mathbf{y}=(\mathbf{A}\mathbf{x}-\mathbf{y})
# +\mathbf{A}(\mathbf{w}-\mathbf{x})$, so $\|\mathbf{A}\mathbf{w}-\mathbf{y}\|_2^2=
# \|\mathbf{A}\mathbf{x}-\mathbf{y}\|_2^2+2\langle\mathbf{A}\mathbf{x}-\mathbf{y},
# \mathbf{A}(\mathbf{w}-\mathbf{x})\rangle+\|\mathbf{A}(\mathbf{w}-\mathbf{x})\|_2^2$, and
# $\langle\mathbf{A}\mathbf{x}-\mathbf{y},\mathbf{A}(\mathbf{w}-\mathbf{x})\rangle=
# \langle\mathbf{A}^\top(\mathbf{A}\mathbf{x}-\mathbf{y}),\mathbf{w}-\mathbf{x}\rangle
# =\langle\nabla f(\mathbf{x}),\mathbf{w}-\mathbf{x}\rangle$. Divide by $2$. $\square$
#
# **Proposition 3 (smoothness).** (6) holds for all $\mathbf{x},\mathbf{w}$ with
#
# $$
# \eta=\frac{1}{\|\mathbf{A}\|_2^2}=\frac{1}{\sigma_{\max}(\mathbf{A})^2},
# $$
#
# and with every $\eta\in(0,1/\|\mathbf{A}\|_2^2]$; it fails for every $\eta>1/\|\mathbf{A}\|_2^2$.
#
# *Proof.* $\|\mathbf{A}\|_2=\sigma_1>0$ since $\mathbf{A}\neq\mathbf{0}$, so $\eta$ is a
# well-defined positive number. By definition of the spectral norm,
# $\|\mathbf{A}\mathbf{d}\|_2\le\|\mathbf{A}\|_2\|\mathbf{d}\|_2$ for every $\mathbf{d}$; with
# $\mathbf{d}=\mathbf{w}-\mathbf{x}$ and $0<\eta\le1/\|\mathbf{A}\|_2^2$,
# $\frac12\|\mathbf{A}\mathbf{d}\|_2^2\le\frac12\|\mathbf{A}\|_2^2\|\mathbf{d}\|_2^2
# \le\frac{1}{2\eta}\|\mathbf{d}\|_2^2$, and (17) gives (6). Conversely, take
# $\mathbf{w}=\mathbf{x}+\mathbf{q}_1$: then $\|\mathbf{A}\mathbf{q}_1\|_2=\sigma_1$ and
# $\|\mathbf{q}_1\|_2=1$, so by (17) inequality (6) reads
# $\frac12\sigma_1^2\le\frac{1}{2\eta}$, which is false when $\eta>1/\sigma_1^2$. $\square$
#
# (Equivalently, $\nabla f$ is Lipschitz with constant
# $\|\mathbf{A}^\top\mathbf{A}\|_2=\sigma_1^2$ and $\eta$ is the reciprocal of that constant.)
#
# **Numerical check.** Inequality (6) with the computed $\eta$ on $10^4$ random pairs (the largest
# value of $[f(\mathbf{w})-\text{right side of (6)}]/\|\mathbf{w}-\mathbf{x}\|_2^2$ must be
# $\le0$), the residual of the identity (17), and the pair
# $(\mathbf{x},\mathbf{x}+\mathbf{q}_1)$ for $\eta$ and for $1.01\,\eta$.

# %%
eta = ls.smoothness_step(A)
sigma = np.linalg.svd(A, compute_uv=False)
scale = rng.exponential(2.0, (2, 10_000, 1))
x_pts = scale[0] * rng.standard_normal((10_000, m))
d_pts = scale[1] * rng.standard_normal((10_000, m))
w_pts = x_pts + d_pts
gap = ls.smoothness_gap(A, y, x_pts, w_pts, eta)  # f(w) - right side of (6)
f_x, f_w = ls.objective(A, y, x_pts), ls.objective(A, y, w_pts)
linear = np.sum(ls.gradient(A, y, x_pts) * d_pts, 1)
expansion = f_x + linear + 0.5 * np.sum((d_pts @ A.T) ** 2, 1)  # right side of identity
worst_ratio = np.max(gap / np.sum(d_pts**2, 1))
worst_identity = np.max(np.abs(f_w - expansion) / f_w)
q1 = np.linalg.svd(A)[2][0]  # top right singular vector
print(f"eta = 1/||A||_2^2 = {eta:.6f};  1/sigma_max^2 (SVD) = {1 / sigma[0] ** 2:.6f}")
print(f"max over pairs of [f(w) - RHS of (6)] / ||w - x||^2 = {worst_ratio:.3e}")
print(f"max relative residual of the exact expansion        = {worst_identity:.1e}")
for factor in (1.0, 1.01):
    g = ls.smoothness_gap(A, y, x_pts[0], x_pts[0] + q1, factor * eta)
    pred = 0.5 * sigma[0] ** 2 * (1 - 1 / factor)  # (sigma_1^2 - 1/step) / 2
    print(f"pair (x, x + q1), step {factor:.2f} eta: gap {g:+.3e}, theory {pred:+.3e}")

# %% [markdown]
# The first printed maximum is negative, (17) holds to rounding error, and along
# $\mathbf{q}_1$ the inequality is tight at $\eta$ and violated by the predicted positive amount at
# $1.01\,\eta$: $1/\|\mathbf{A}\|_2^2$ is the largest admissible step in (6).

# %% [markdown]
# ## 2(c) Convergence of gradient descent
#
# **Theorem 2.** Let $0<\eta\le1/\|\mathbf{A}\|_2^2$ (in particular $\eta=1/\|\mathbf{A}\|_2^2$
# from 2(b)), let $\mathbf{x}^{(0)}\in\mathbb{R}^m$ be arbitrary and let $\mathbf{x}^{(k)}$ follow
# (7). Write $\mathbf{g}_k=\nabla f(\mathbf{x}^{(k)})$,
# $\mathbf{x}^{(\infty)}=\mathbf{A}^+\mathbf{y}+(\mathbf{I}-\mathbf{A}^+\mathbf{A})\mathbf{x}^{(0)}$
# and $\rho=1-\eta\sigma_{\min}^2$. Then:
#
# (i) *(descent)* $f(\mathbf{x}^{(k+1)})\le f(\mathbf{x}^{(k)})-\frac{\eta}{2}\|\mathbf{g}_k\|_2^2$
# for every $k\ge0$;
#
# (ii) *(gradients vanish)* $\sum_{k=0}^{\infty}\|\mathbf{g}_k\|_2^2\le2f(\mathbf{x}^{(0)})/\eta$;
# hence $\mathbf{g}_k\to\mathbf{0}$ and $\min_{k<K}\|\mathbf{g}_k\|_2^2\le2f(\mathbf{x}^{(0)})/(\eta K)$;
#
# (iii) *(iterates converge, linearly)* $0\le\rho<1$ and, for every $k\ge0$,
#
# $$
# \|\mathbf{x}^{(k)}-\mathbf{x}^{(\infty)}\|_2\le\rho^k\,\|\mathbf{x}^{(0)}-\mathbf{x}^{(\infty)}\|_2,
# \qquad\text{with}\quad \rho=1-\frac{\sigma_{\min}^2}{\sigma_{\max}^2}\quad\text{for}\quad
# \eta=\frac{1}{\sigma_{\max}^2};
# \tag{18}
# $$
#
# (iv) *(the limit)* $\mathbf{x}^{(\infty)}$ is a critical point of $f$, hence a global minimizer
# of (5).
#
# *Proof of (i).* By Proposition 3, (6) holds for this $\eta$; apply it with
# $\mathbf{x}=\mathbf{x}^{(k)}$ and $\mathbf{w}=\mathbf{x}^{(k+1)}=\mathbf{x}^{(k)}-\eta\mathbf{g}_k$:
# $f(\mathbf{x}^{(k+1)})\le f(\mathbf{x}^{(k)})-\eta\|\mathbf{g}_k\|_2^2
# +\frac{\eta^2}{2\eta}\|\mathbf{g}_k\|_2^2=f(\mathbf{x}^{(k)})-\frac{\eta}{2}\|\mathbf{g}_k\|_2^2$.
#
# *Proof of (ii).* Summing (i) over $k=0,\dots,K-1$ telescopes:
# $\frac{\eta}{2}\sum_{k<K}\|\mathbf{g}_k\|_2^2\le f(\mathbf{x}^{(0)})-f(\mathbf{x}^{(K)})
# \le f(\mathbf{x}^{(0)})$ because $f\ge0$. The partial sums of this series of nonnegative terms
# are bounded independently of $K$, so the series converges and its terms tend to $0$; and
# $K\min_{k<K}\|\mathbf{g}_k\|_2^2\le\sum_{k<K}\|\mathbf{g}_k\|_2^2$.
#
# *Proof of (iii).* Part (ii) alone does not imply that the iterates converge, so we use the
# structure of $f$. By (16) with $\mathbf{z}=\mathbf{x}^{(0)}$,
# $\mathbf{A}\mathbf{x}^{(\infty)}=\mathbf{y}$; hence
# $\mathbf{g}_k=\mathbf{A}^\top\mathbf{A}(\mathbf{x}^{(k)}-\mathbf{x}^{(\infty)})$, and the error
# $\mathbf{e}_k=\mathbf{x}^{(k)}-\mathbf{x}^{(\infty)}$ obeys
# $\mathbf{e}_{k+1}=(\mathbf{I}-\eta\mathbf{A}^\top\mathbf{A})\,\mathbf{e}_k$.
# *The null-space part is constant:* $\mathbf{P}\mathbf{A}^\top=(\mathbf{A}\mathbf{P})^\top
# =\mathbf{0}$ (the columns of $\mathbf{P}$ lie in $\operatorname{null}(\mathbf{A})$), so
# $\mathbf{P}\mathbf{x}^{(k+1)}=\mathbf{P}\mathbf{x}^{(k)}-\eta\mathbf{P}\mathbf{A}^\top
# (\mathbf{A}\mathbf{x}^{(k)}-\mathbf{y})=\mathbf{P}\mathbf{x}^{(k)}$, hence
# $\mathbf{P}\mathbf{x}^{(k)}=\mathbf{P}\mathbf{x}^{(0)}=\mathbf{P}\mathbf{x}^{(\infty)}$ for all
# $k$ (the last equality because $\mathbf{P}\mathbf{A}^+=\mathbf{P}\mathbf{A}^\top
# (\mathbf{A}\mathbf{A}^\top)^{-1}=\mathbf{0}$ and $\mathbf{P}^2=\mathbf{P}$). So
# $\mathbf{P}\mathbf{e}_k=\mathbf{0}$, i.e. $\mathbf{e}_k\in\operatorname{range}(\mathbf{A}^\top)
# =\operatorname{span}\{\mathbf{q}_1,\dots,\mathbf{q}_n\}$ for every $k$.
# *The range part contracts:* write $\mathbf{e}_k=\sum_{i=1}^nc_{k,i}\mathbf{q}_i$. Since
# $\mathbf{A}^\top\mathbf{A}\mathbf{q}_i=\sigma_i^2\mathbf{q}_i$, the recursion gives
# $c_{k+1,i}=(1-\eta\sigma_i^2)\,c_{k,i}$. For $0<\eta\le1/\sigma_1^2$ we have
# $0<\eta\sigma_n^2\le\eta\sigma_i^2\le\eta\sigma_1^2\le1$, so
# $0\le1-\eta\sigma_i^2\le1-\eta\sigma_n^2=\rho<1$ for every $i$. By orthonormality,
# $\|\mathbf{e}_{k+1}\|_2^2=\sum_i(1-\eta\sigma_i^2)^2c_{k,i}^2\le\rho^2\|\mathbf{e}_k\|_2^2$,
# and induction on $k$ gives (18); since $\rho^k\to0$,
# $\mathbf{x}^{(k)}\to\mathbf{x}^{(\infty)}$. The rate $\rho$ is attained: the coefficient along
# $\mathbf{q}_n$ is multiplied by exactly $\rho$ at each step, and those along $\mathbf{q}_i$ with
# $\sigma_i>\sigma_n$ by $1-\eta\sigma_i^2<\rho$, so if $\rho>0$ and $c_{0,n}\neq0$ (true for
# almost every $\mathbf{x}^{(0)}$) the ratio $\|\mathbf{e}_{k+1}\|_2/\|\mathbf{e}_k\|_2$ tends to
# $\rho$.
#
# *Proof of (iv).* $\nabla f$ is continuous, so $\nabla f(\mathbf{x}^{(\infty)})
# =\lim_k\nabla f(\mathbf{x}^{(k)})=\lim_k\mathbf{g}_k=\mathbf{0}$ by (iii) and (ii):
# $\mathbf{x}^{(\infty)}$ is a critical point. $f$ is convex, since (17) gives
# $f(\mathbf{w})\ge f(\mathbf{x})+\langle\nabla f(\mathbf{x}),\mathbf{w}-\mathbf{x}\rangle$ for all
# $\mathbf{x},\mathbf{w}$ (the first-order characterization of convexity). At the critical point
# this reads $f(\mathbf{w})\ge f(\mathbf{x}^{(\infty)})$ for all $\mathbf{w}$, so
# $\mathbf{x}^{(\infty)}$ is a global minimizer (as also seen directly from
# $\mathbf{A}\mathbf{x}^{(\infty)}=\mathbf{y}$). $\square$
#
# **Remark (larger steps).** The argument of (iii) works verbatim for every
# $0<\eta<2/\sigma_1^2$, with $\rho(\eta)=\max_i|1-\eta\sigma_i^2|=\max(|1-\eta\sigma_1^2|,
# |1-\eta\sigma_n^2|)<1$, and then $\mathbf{g}_k=\mathbf{A}^\top\mathbf{A}\mathbf{e}_k\to\mathbf{0}$,
# so (iv) holds as well. For $\eta\ge2/\sigma_1^2$ the coefficient along $\mathbf{q}_1$ is
# multiplied by $|1-\eta\sigma_1^2|\ge1$ at every step, so gradient descent does not converge
# unless $c_{0,1}=0$; `hw3.least_squares.gradient_descent` rejects such $\eta$ with a
# `ValueError`.
#
# **Numerical check.** Five random initializations, run together for 300 steps with
# $\eta=1/\|\mathbf{A}\|_2^2$: the largest violation of the descent inequality (i), the final
# gradient norm, the drift of the null-space part $\mathbf{P}\mathbf{x}^{(k)}$, the largest
# one-step ratio $\|\mathbf{e}_{k+1}\|_2/\|\mathbf{e}_k\|_2$ minus $\rho$ (must be $\le0$ up to
# rounding; taken over the steps with $\|\mathbf{e}_k\|_2>10^{-6}\|\mathbf{e}_0\|_2$, where
# errors computed to about $10^{-15}$ give the ratio to about $10^{-9}$), and
# the measured rate (geometric mean of that ratio over the last 20 steps) against the predicted
# $\rho$.

# %%
x0 = rng.standard_normal((5, m))
trace = ls.gradient_descent(A, y, eta, x0, 300)  # shape (301, 5, m)
f_k = ls.objective(A, y, trace)
g2_k = np.sum(ls.gradient(A, y, trace) ** 2, axis=-1)
err = np.linalg.norm(trace - ls.gd_limit(A, y, x0), axis=-1)  # ||x_k - x_inf||
rho = ls.predicted_contraction_rate(A, eta)
measured = [ls.measured_contraction_rate(err[:, b], 20) for b in range(x0.shape[0])]
checks = {
    "max_k [f(x_k+1) - f(x_k) + eta/2 ||g_k||^2]": np.max(
        f_k[1:] - f_k[:-1] + 0.5 * eta * g2_k[:-1]
    ),
    "max final gradient norm ||grad f(x_300)||": np.sqrt(g2_k[-1].max()),
    "max_k ||P x_k - P x_0||": np.linalg.norm((trace - x0) @ P, axis=-1).max(),
}
for label, value in checks.items():
    print(f"{label:45s} = {value:.1e}")
above_rounding = err[:-1] > 1e-6 * err[0]  # steps whose ratio is not rounding noise
excess = np.max((err[1:] / err[:-1])[above_rounding]) - rho
print(f"{'max_k ||e_k+1|| / ||e_k||  -  rho':45s} = {excess:.1e}")
print(f"{'predicted rate rho = 1 - smin^2/smax^2':45s} = {rho:.6f}")
print(f"{'   the same from the SVD':45s} = {1 - sigma[-1] ** 2 / sigma[0] ** 2:.6f}")
print("measured rates:", ", ".join(f"{q:.6f}" for q in measured))

fig, ax = plt.subplots(figsize=(7, 3))
ax.semilogy(err / err[0], color=METHOD_COLORS["gd"], alpha=0.6, lw=1)
k_all = np.arange(err.shape[0])
bound_style = dict(ls="--", color=METHOD_COLORS["theory"], label=r"bound $\rho^k$")
ax.semilogy(k_all, rho**k_all, **bound_style)
ax.plot([], [], color=METHOD_COLORS["gd"], label="gradient descent, 5 initializations")
ax.set_xlabel("iteration $k$")
ax.set_ylabel(r"$\|x^{(k)}-x^{(\infty)}\|_2\,/\,\|x^{(0)}-x^{(\infty)}\|_2$")
ax.set_title(r"Linear convergence of gradient descent with $\eta=1/\|A\|_2^2$")
ax.legend()
_ = save_figure(fig, "least_squares_gd_rate")

# %% [markdown]
# The descent inequality holds at every step (the printed maximum is $\le0$ up to rounding), the
# null-space part does not move, no one-step ratio exceeds $\rho$ by more than rounding, and the
# measured rates agree with the predicted $\rho$ to the digits printed above; the figure shows
# the errors following the slope of $\rho^k$.

# %% [markdown]
# ## 2(d) Implicit bias: minimum $\ell_2$ norm
#
# **Theorem 3.** Problem (8) has the unique solution
# $\hat{\mathbf{x}}_{\ell_2}=\mathbf{A}^\top(\mathbf{A}\mathbf{A}^\top)^{-1}\mathbf{y}$, and
# gradient descent (7) with $0<\eta\le1/\|\mathbf{A}\|_2^2$ started at $\mathbf{x}^{(0)}=\mathbf{0}$
# converges to it.
#
# *Proof.* *Iterates stay in $\operatorname{range}(\mathbf{A}^\top)$.*
# $\mathbf{x}^{(0)}=\mathbf{0}\in\operatorname{range}(\mathbf{A}^\top)$, and if
# $\mathbf{x}^{(k)}\in\operatorname{range}(\mathbf{A}^\top)$ then so is
# $\mathbf{x}^{(k+1)}=\mathbf{x}^{(k)}-\eta\mathbf{A}^\top(\mathbf{A}\mathbf{x}^{(k)}-\mathbf{y})$,
# a linear combination of two elements of this subspace; by induction every iterate lies in it.
# *The limit.* By Theorem 2, $\mathbf{x}^{(k)}$ converges to a solution $\mathbf{x}^{(\infty)}$ of
# $\mathbf{A}\mathbf{x}=\mathbf{y}$. A linear subspace of $\mathbb{R}^m$ is closed, so
# $\mathbf{x}^{(\infty)}=\mathbf{A}^\top\mathbf{w}$ for some $\mathbf{w}\in\mathbb{R}^n$. Then
# $\mathbf{A}\mathbf{A}^\top\mathbf{w}=\mathbf{y}$, and by Lemma 3
# $\mathbf{w}=(\mathbf{A}\mathbf{A}^\top)^{-1}\mathbf{y}$, i.e.
# $\mathbf{x}^{(\infty)}=\mathbf{A}^\top(\mathbf{A}\mathbf{A}^\top)^{-1}\mathbf{y}=\mathbf{A}^+\mathbf{y}$
# (the formula of Theorem 2 with $\mathbf{x}^{(0)}=\mathbf{0}$ gives the same).
# *It is the minimum-norm solution.* By Proposition 2 every solution is
# $\mathbf{x}=\mathbf{A}^+\mathbf{y}+\mathbf{P}\mathbf{z}$. Here
# $\mathbf{A}^+\mathbf{y}\in\operatorname{range}(\mathbf{A}^\top)$ and
# $\mathbf{P}\mathbf{z}\in\operatorname{null}(\mathbf{A})=\operatorname{range}(\mathbf{A}^\top)^\perp$,
# so by Pythagoras
#
# $$
# \|\mathbf{x}\|_2^2=\|\mathbf{A}^+\mathbf{y}\|_2^2+\|\mathbf{P}\mathbf{z}\|_2^2
# \ge\|\mathbf{A}^+\mathbf{y}\|_2^2 ,
# $$
#
# with equality iff $\mathbf{P}\mathbf{z}=\mathbf{0}$, i.e. iff $\mathbf{x}=\mathbf{A}^+\mathbf{y}$.
# So the $\arg\min$ in (8) is the single point $\mathbf{A}^+\mathbf{y}=\mathbf{x}^{(\infty)}$.
# $\square$
#
# **Remark (arbitrary initialization).** From any $\mathbf{x}^{(0)}$, Theorem 2 gives the limit
# $\mathbf{A}^+\mathbf{y}+(\mathbf{I}-\mathbf{A}^+\mathbf{A})\mathbf{x}^{(0)}$: every gradient lies
# in $\operatorname{range}(\mathbf{A}^\top)$, so the component $\mathbf{P}\mathbf{x}^{(0)}$ of the
# initialization in $\operatorname{null}(\mathbf{A})$ is never changed, and
# $\|\mathbf{x}^{(\infty)}\|_2^2=\|\hat{\mathbf{x}}_{\ell_2}\|_2^2+\|\mathbf{P}\mathbf{x}^{(0)}\|_2^2$.
# The same Pythagoras argument applied to $\mathbf{x}-\mathbf{x}^{(0)}$ shows that this limit is the
# solution *closest to the initialization*, $\arg\min\{\|\mathbf{x}-\mathbf{x}^{(0)}\|_2:
# \mathbf{A}\mathbf{x}=\mathbf{y}\}$: for $\mathbf{x}=\mathbf{A}^+\mathbf{y}+\mathbf{P}\mathbf{z}$,
# $\|\mathbf{x}-\mathbf{x}^{(0)}\|_2^2=\|\mathbf{A}^+\mathbf{y}-\mathbf{Q}\mathbf{x}^{(0)}\|_2^2
# +\|\mathbf{P}\mathbf{z}-\mathbf{P}\mathbf{x}^{(0)}\|_2^2$, minimized exactly when
# $\mathbf{P}\mathbf{z}=\mathbf{P}\mathbf{x}^{(0)}$. The implicit bias of gradient descent is
# towards the initialization; $\mathbf{x}^{(0)}=\mathbf{0}$ turns it into the minimum-norm bias (8).
#
# **Numerical check.** 600 steps from $\mathbf{x}^{(0)}=\mathbf{0}$, compared with
# $\mathbf{A}^\top(\mathbf{A}\mathbf{A}^\top)^{-1}\mathbf{y}$, `numpy.linalg.pinv` and
# `numpy.linalg.lstsq` (which returns the minimum-norm solution of an under-determined system), and
# from the five random initializations of 2(c), compared with
# $\mathbf{A}^+\mathbf{y}+(\mathbf{I}-\mathbf{A}^+\mathbf{A})\mathbf{x}^{(0)}$ and with the nearest
# solution $\mathbf{x}^{(0)}+\mathrm{lstsq}(\mathbf{A},\mathbf{y}-\mathbf{A}\mathbf{x}^{(0)})$.

# %%
x_gd = ls.gradient_descent(A, y, eta, np.zeros(m), 600)  # from x0 = 0
x_rand = ls.gradient_descent(A, y, eta, x0, 600)[-1]  # from the 5 random x0 of 2(c)
limits = ls.gd_limit(A, y, x0)  # A^+ y + (I - A^+ A) x0
nearest = x0 + np.linalg.lstsq(A, (y - x0 @ A.T).T)[0].T  # x0 + min-norm correction


def max_dist(Z1, Z2):
    """Largest Euclidean distance between corresponding rows."""
    return np.max(np.linalg.norm(np.atleast_2d(Z1 - Z2), axis=-1))


checks = {
    "from 0: ||x_600 - A^T (A A^T)^-1 y||": max_dist(x_gd[-1], x_l2),
    "from 0: ||x_600 - pinv(A) y||": max_dist(x_gd[-1], np.linalg.pinv(A) @ y),
    "from 0: ||x_600 - lstsq(A, y)||": max_dist(x_gd[-1], np.linalg.lstsq(A, y)[0]),
    "from 0: max_k ||P x_k|| (0 = in range(A^T))": max_dist(x_gd @ P, 0),
    "random x0: max ||x_600 - [A^+ y + P x0]||": max_dist(x_rand, limits),
    "random x0: max ||x_600 - nearest solution||": max_dist(x_rand, nearest),
}
for label, value in checks.items():
    print(f"{label:45s} = {value:.1e}")
norms = np.linalg.norm(x_rand, axis=1)
norm_0, norm_star = np.linalg.norm(x_gd[-1]), np.linalg.norm(x_star)
print(f"||x_600|| from 0 = {norm_0:.4f};  ||x*|| = {norm_star:.4f} (x* also solves (5))")
print("||x_600|| from the random x0:", ", ".join(f"{v:.4f}" for v in norms))
pyth = np.sqrt(np.linalg.norm(x_l2) ** 2 + np.linalg.norm(x0 @ P, axis=1) ** 2)
gap_pyth = np.max(np.abs(norms - pyth))
print(f"max | ||x_600|| - sqrt(||x_l2||^2 + ||P x0||^2) | = {gap_pyth:.1e}")
# %% [markdown]
# ## 2(e) Factorized gradient descent and the minimum $\ell_1$ norm
#
# Gradient descent on the factorized problem (9) from a small initialization traces out
# (approximately) the positive Lasso path of (11) and ends next to the minimum-$\ell_1$-norm
# interpolator among nonnegative vectors, far from the minimum-$\ell_2$-norm one.
#
# ### The instance (steps i–ii)
#
# $\mathbf{A}\in\mathbb{R}^{20\times 40}$ has i.i.d. $\mathcal{N}(0,1)$ entries, then each column
# is divided by its $\ell_2$ norm. The 10 nonzeros of $\mathbf{x}^*$ sit at locations drawn
# uniformly without replacement and equal $|g_i|$ with $g_i\sim\mathcal{N}(0,\sigma^2)$; we read
# "standard deviation $1/\sqrt{10}$" as $\sigma = 1/\sqrt{10}$ for the Gaussian before the absolute
# value, so that $\mathbb{E}\|\mathbf{x}^*\|_2^2 = 1$. Everything is drawn from
# `numpy.random.default_rng(0)` (`hw3.sparse_recovery.make_problem`).

# %%
from hw3 import sparse_recovery as sr
from hw3.least_squares import min_norm_solution

A, x_star, y = sr.make_problem(n=20, m=40, k=10, seed=0)
m, supp_star = A.shape[1], sr.support(x_star)
print(sr.format_instance(A, x_star))

# %% [markdown]
# ### Gradient descent on (9) (steps iii–iv)
#
# The gradient of (9) is $2\,\mathbf{x}\odot\mathbf{A}^\top(\mathbf{A}(\mathbf{x}\odot\mathbf{x})-\mathbf{y})$,
# so a step of size $\eta$ is the multiplicative update
#
# $$
# \mathbf{x}^{(k+1)} = \mathbf{x}^{(k)}\odot\Big(\mathbf{1} - 2\eta\,\big(\mathbf{G}\,\mathbf{u}^{(k)} - \mathbf{b}\big)\Big),
# \qquad \mathbf{u}^{(k)} = \mathbf{x}^{(k)}\odot\mathbf{x}^{(k)},\quad \mathbf{G}=\mathbf{A}^\top\mathbf{A},\quad \mathbf{b}=\mathbf{A}^\top\mathbf{y}.
# \tag{19}
# $$
#
# `factorized_gd` precomputes $-2\eta\mathbf{G}$ and $\mathbf{1}+2\eta\mathbf{b}$ and updates in
# place (four numpy calls per step, no allocation); `benchmarks/bench_sparse_recovery.py` times
# it against the plain loop. The vector that $\mathbf{A}$ multiplies in (9) is
# $\mathbf{u}=\mathbf{x}\odot\mathbf{x}\ge 0$, the effective regression vector: this is what we
# plot and compare with the Lasso. From $\mathbf{x}^{(0)}=10^{-3}\mathbf{1}$ every coordinate stays
# positive (for this small $\eta$ the factor in (19) stays positive), so
# $\mathbf{x}=\sqrt{\mathbf{u}}$ carries no extra information. Every 100 steps we also record
# $\eta L(\mathbf{x}^{(k)})$ with the curvature bound $L$ of (20) below, $\|\mathbf{u}\|_\infty$ and
# the loss (9) (`run_diagnostics`).

# %%
# Step iv: x0 = 1e-3 * 1, eta = 1e-3, 300,000 steps, iterate recorded every 10 steps.
alpha_iv, eta_iv, steps_iv, every_iv = 1e-3, 1e-3, 300_000, 10
x_gd, trace = sr.factorized_gd(A, y, np.full(m, alpha_iv), eta_iv, steps_iv, every_iv)
trace_u = trace**2  # u = x ⊙ x at every recorded step
ks = every_iv * np.arange(len(trace))
print(sr.format_gd_run(A, y, trace, eta_iv, every_iv, monitor_every=100))

# %% [markdown]
# ### The Lasso path (step v)
#
# scikit-learn minimizes $\frac{1}{2n}\|\mathbf{y}-\mathbf{A}\mathbf{w}\|_2^2+a\|\mathbf{w}\|_1$;
# multiplying by $n$ gives (11) with $\lambda = n\,a$, and all $\lambda$ below are in the units of
# (11). We compute the exact, piecewise-linear path with LARS (`lars_path(method="lasso")`), so the
# kinks are exact, and plot it from $\lambda_{\max}$, where $\hat{\mathbf{x}}(\lambda)=\mathbf{0}$,
# down to the $\lambda$ at which the relative residual is $10^{-3}$.
#
# We plot the **positive** Lasso, (11) with the constraint $\mathbf{x}\ge\mathbf{0}$
# (`positive=True`): gradient descent on (9) can only produce $\mathbf{u}=\mathbf{x}\odot\mathbf{x}\ge\mathbf{0}$,
# so the positive Lasso is the path it can follow, and its $\lambda\to 0$ limit is the
# minimum-$\ell_1$ interpolator among nonnegative vectors,
# $\hat{\mathbf{x}}_{\ell_1}^+ = \arg\min\{\|\mathbf{x}\|_1 : \mathbf{A}\mathbf{x}=\mathbf{y},\ \mathbf{x}\ge\mathbf{0}\}$.
# The unconstrained Lasso (11) and (10) appear in the table below; on this instance they end
# elsewhere.

# %%
lambdas, coefs = sr.lasso_path(A, y, positive=True, rel_residual=1e-3)
lam_knots, coef_knots = sr.lasso_knots(A, y, positive=True)
_, coef_knots_signed = sr.lasso_knots(A, y, positive=False)
lasso_in = sr.lasso_entry_lambdas(lam_knots, coef_knots)  # λ at which each coordinate enters
print(sr.format_positive_lasso_summary(A, y, lambdas, coefs, lam_knots, lasso_in))

# %% [markdown]
# ### The two paths (step vi)
#
# Left, each coordinate of the positive Lasso solution against $-\log_{10}\lambda$; right, each
# coordinate of $\mathbf{x}^{(k)}\odot\mathbf{x}^{(k)}$ against the iteration $k$ (log axis; we
# draw 400 log-spaced snapshots of the 30,001 recorded). Every coordinate has its own color, the
# same in both panels: the 10 coordinates of the support of $\mathbf{x}^*$ strong colors and thick
# lines, the 30 others muted colors and thin lines; the off-support coordinates discussed below
# (2, 16, 19, 26, 27, 33, 37, 39) are slightly thicker and named in the legend. The triangles on the right
# edge of each panel mark $x^*_i$ (staggered where two values nearly coincide).

# %%
transient = (2, 16, 19, 26, 27, 33, 37, 39)  # off-support coordinates discussed in the text
fig = sr.plot_paths(lambdas, coefs, ks, trace_u, x_star, labelled=transient)
_ = save_figure(fig, "sparse_recovery_paths")

# %%
x_l1 = sr.min_l1_solution(A, y)  # (10): signed, a linear program (HiGHS)
x_l1_pos = sr.min_l1_solution(A, y, nonnegative=True)  # (10) with x >= 0
x_l2 = min_norm_solution(A, y)  # (8): A^+ y
rows = {
    "GD x⊙x, k = 300,000": trace_u[-1],
    "Lasso (11), smallest λ": coef_knots_signed[:, -1],
    "positive Lasso, smallest λ": coef_knots[:, -1],
    "min-ℓ1 LP (10), signed": x_l1,
    "min-ℓ1 LP, x ≥ 0": x_l1_pos,
    "min-ℓ2 A⁺y (8)": x_l2,
    "x*": x_star,
}
print(sr.format_comparison_table(A, y, rows, x_l1, x_l1_pos, supp_star))
print(sr.format_support_recovery(x_star, trace_u[-1], steps_iv))

# %% [markdown]
# **How do the two paths compare?** The ordering and the shape agree. Both start at
# $\mathbf{0}$ and bring in coordinates one at a time; the first to enter is the largest
# correlation $(\mathbf{A}^\top\mathbf{y})_i$ (coordinate 18, at $\lambda_{\max}$), but after
# that the order is decided by the correlation with the current *residual*, not with
# $\mathbf{y}$: the ranking of $\mathbf{A}^\top\mathbf{y}$ printed above puts 16 and 26 fourth
# and fifth, and they enter the Lasso 12th and 9th. Both paths let a few off-support coordinates
# (37, 2, 26, 27, 39, 16, 33) rise for a while and then drop them again. The positive Lasso ends
# exactly at $\mathbf{x}^*$ (table: distance 0 and the support of $\mathbf{x}^*$); gradient
# descent after 300,000 steps does not yet: it has 9 of the 10 support coordinates (coordinate 9
# is still at the value printed above, against $x^*_9=0.056$), others off by up to about 0.07
# (coordinate 25), and off-support entries up to the size printed. The difference is in the
# dynamics. The Lasso moves linearly in $\lambda$ between kinks, while gradient descent sits on
# plateaus (near saddle points of (9)) and then jumps: a coordinate stays near its initial
# $10^{-6}$ until its exponential growth makes it visible over a short range of $\log k$. The
# section on time alignment below makes the comparison quantitative.
#
# **Do they converge to the same solution?** Yes for the positive Lasso, in the sense of
# Gunasekar et al. [1]: the path ends at $\hat{\mathbf{x}}_{\ell_1}^+$ (the nonnegative LP), which
# on this instance is $\mathbf{x}^*$ itself, and gradient descent, run to convergence (next part),
# ends within the distance printed below of it, a gap that vanishes as the initialization shrinks
# (initialization-scale part). No for the signed Lasso and (10) as literally stated: their
# solution (rows 2 and 4 of the table) has negative entries and a different support, and
# $\mathbf{x}\odot\mathbf{x}\ge\mathbf{0}$ cannot reach it; the $\ell_1$ bias of (9) acts within
# the nonnegative orthant. After exactly 300,000 steps, however, gradient descent is not at its
# limit yet: the table shows a residual of order $10^{-2}$, one support coordinate still missing
# and off-support coordinates still large.
#
# ### Has gradient descent converged? Running it to the end
#
# It has not: the 300,000 steps of size $10^{-3}$ cover a gradient-flow time
# $t=\eta k=300$, and the last coordinates to enter grow only like
# $e^{-4t(\mathbf{A}^\top\mathbf{r})_i}$ with a small correlation, where
# $\mathbf{r}=\mathbf{A}\mathbf{u}-\mathbf{y}$ is the residual. The final phase is slower still,
# and *sublinear*: an off-support coordinate that has to shrink obeys
# $\dot u_i=-4u_i(\mathbf{A}^\top\mathbf{r})_i$ with a correlation that is itself proportional to
# the excess $u_i$ (the other coordinates cannot absorb it exactly), so $\dot u_i\approx -c\,u_i^2$
# and $u_i\approx 1/(ck)$: the residual decays like $1/k$, not geometrically, until the off-support
# coordinates reach the tiny values of the limit. To reach the limit we continue from
# $\mathbf{x}^{(300000)}$ with a larger step, chosen by a local stability condition: the
# Hessian of (9) is
# $2\operatorname{diag}(\mathbf{A}^\top\mathbf{r}) + 4\operatorname{diag}(\mathbf{x})\mathbf{G}\operatorname{diag}(\mathbf{x})$,
# so its norm is at most
#
# $$
# L(\mathbf{x}) = 2\|\mathbf{A}^\top\mathbf{r}\|_\infty + 4\|\mathbf{A}\operatorname{diag}(\mathbf{x})\|_2^2 ,
# \tag{20}
# $$
#
# and $\eta L(\mathbf{x}^{(k)})<2$ along the run is a sufficient local condition for the loss to
# decrease at every step (a descent-lemma argument on the segment between iterates, where the
# curvature stays close to its value at the iterates), not a proof of convergence. We take
# $\eta_2 = 1/L(\mathbf{x})$ (a factor 2 of margin), re-evaluated every 20,000 steps (the policy of
# `gd_sweep`, used for all the longer runs below), and record, every 100 steps,
# $\eta_2 L(\mathbf{x}^{(k)})$, $\|\mathbf{u}\|_\infty$ and whether the loss decreased
# (`factorized_gd` also stops with an error if the loss ever increases between its checks). With
# $\eta_2L\approx 1$ the step is not small: a larger step changes the limit only by $O(\eta)$
# (Even, Pesme, Gunasekar and Flammarion, 2023, "(S)GD over diagonal linear networks: implicit
# bias, large stepsizes and edge of stability"), and the evidence that it does not matter here is
# the measured distance to the gradient-flow limit printed in the next part.

# %%
# Continue from x^(300000): steps 1/L(x) re-evaluated every 20,000 steps, until residual <= 1e-5.
X_conv, cont = sr.gd_sweep(
    A, y, x_gd[None], None, 0, 2_000_000, 20_000, monitor_every=100, tol=1e-5
)
u_conv = X_conv[0] ** 2
print(sr.format_continuation(cont, steps_iv, steps_iv * eta_iv, monitor_every=100, tol=1e-5))
decay = sr.format_residual_decay(cont["steps"], cont["residual"][:, 0], (40_000, 240_000), 200_000)
print(f"\n{decay}")
refs = {"x̂ℓ1+ (= x*)": x_l1_pos, "x̂ℓ1, signed": x_l1, "x̂ℓ2": x_l2}
print(sr.format_distances(u_conv, refs, supp_star))

# %% [markdown]
# The table confirms the two regimes: from 40,000 to about 240,000 extra steps the residual
# times $k$ is nearly constant (fitted exponent printed, close to $-1$), and only afterwards, once
# the off-support coordinates have reached the scale of the limit, does the decay become
# geometric. The limit has the support of $\mathbf{x}^*$ and sits at the distance printed above
# from $\hat{\mathbf{x}}_{\ell_1}^+=\mathbf{x}^*$, against distances above 0.5 from the signed
# (10) and the minimum-$\ell_2$ solutions. The remaining gap is not a lack of convergence but
# the finite initialization, as the next part shows.
#
# ### Beyond the assignment: initialization scale
#
# Why the limit is not exactly $\hat{\mathbf{x}}_{\ell_1}^+$, and how close it gets, follows from
# the gradient flow $\dot{\mathbf{x}} = -2\mathbf{x}\odot\mathbf{A}^\top\mathbf{r}$ started at
# $\mathbf{x}(0)=\alpha\mathbf{1}$ (Gunasekar et al., 2017; Woodworth et al., 2020, "Kernel and rich
# regimes in overparametrized models"). Dividing by $\mathbf{x}$ and integrating,
#
# $$
# \log\frac{\mathbf{u}(t)}{\alpha^2} = -4\,\mathbf{A}^\top\!\int_0^t \mathbf{r}(s)\,ds ,
# \tag{21}
# $$
#
# so $\log(\mathbf{u}/\alpha^2)$ stays in the row space of $\mathbf{A}$. If the flow converges to
# an interpolator $\mathbf{u}_\infty$ with all entries positive, then
# $\mathbf{A}\mathbf{u}_\infty=\mathbf{y}$ and $\log(\mathbf{u}_\infty/\alpha^2)=\mathbf{A}^\top\boldsymbol{\nu}$,
# which are exactly the optimality conditions of the relative-entropy (KL) problem
#
# $$
# \mathbf{u}_\infty(\alpha) = \arg\min_{\mathbf{w}\ge\mathbf{0}}\ \sum_i w_i\log\frac{w_i}{\alpha^2} - w_i
# \quad\text{s.t.}\quad \mathbf{A}\mathbf{w}=\mathbf{y}.
# \tag{22}
# $$
#
# Dividing the objective by $\log(1/\alpha^2)$ shows that it tends to $\sum_i w_i=\|\mathbf{w}\|_1$
# as $\alpha\to 0$, hence $\mathbf{u}_\infty\to\hat{\mathbf{x}}_{\ell_1}^+$, *provided*
# $\hat{\mathbf{x}}_{\ell_1}^+$ is the unique nonnegative minimum-$\ell_1$ interpolator (otherwise
# the limit is the minimizer of the entropy among the $\ell_1$ minimizers). It is unique here: the
# cell below prints a strictly positive margin of a dual certificate (full column rank on the
# support and $\mathbf{a}_j^\top\boldsymbol{\nu}<1$ off the support). The step from (21) to (22)
# needs the minimizer of (22) to have all entries positive; this holds when the feasible set
# contains a point with all entries positive, i.e. here, where $\mathbf{A}$ has a strictly positive
# null vector $\mathbf{v}$ ($\mathbf{A}\mathbf{v}=\mathbf{0}$, $\mathbf{v}>\mathbf{0}$; margin
# printed below), so $\mathbf{x}^*+s\mathbf{v}$ is feasible and positive for every $s>0$ (the
# entropy's infinite slope at 0 then keeps the minimizer off the boundary). Large $\alpha$ does
# *not* lead to $\hat{\mathbf{x}}_{\ell_2}=\mathbf{A}^+\mathbf{y}$ here. The "kernel regime" of
# Woodworth et al. needs a vanishing initial predictor (e.g. $\mathbf{u}=\mathbf{x}_+\odot\mathbf{x}_+ -
# \mathbf{x}_-\odot\mathbf{x}_-$ with $\mathbf{x}_+(0)=\mathbf{x}_-(0)$), while the predictor of
# (9) at initialization is $\alpha^2\mathbf{A}\mathbf{1}\neq\mathbf{0}$: substituting
# $\mathbf{w}=\alpha^2\mathbf{v}$ in (22), the constraint becomes
# $\mathbf{A}\mathbf{v}=\mathbf{y}/\alpha^2\to\mathbf{0}$, so $\mathbf{u}_\infty/\alpha^2$ tends to
# the KL projection of $\mathbf{1}$ onto $\{\mathbf{v}\ge\mathbf{0}:\mathbf{A}\mathbf{v}=\mathbf{0}\}$
# (a set that contains the strictly positive null vector, not only $\mathbf{0}$), and the limit
# grows like $\alpha^2$, away from both interpolators.
#
# We solve (22) through its smooth dual by Newton's method (`kl_interpolator`) and compare
# it with gradient descent run from $\alpha\mathbf{1}$ for 11 values of $\alpha$ in one batched
# run (`gd_sweep`): 50,000 steps with the step $1/L$ valid along the whole run
# ($L = 2\|\mathbf{A}\mathbf{u}^{(0)}-\mathbf{y}\|+4\|\mathbf{A}\|_2^2 u_{\max}$, which bounds
# (20) while the loss decreases and $\|\mathbf{u}\|_\infty\le u_{\max}$, taken as twice the
# larger of $\alpha^2$ and the predicted limit; both assumptions are checked on the recorded run),
# then 400,000 steps with $1/L(\mathbf{x})$ re-evaluated every 50,000 steps, monitored every 500
# steps as above.

# %%
alphas_fine = np.geomspace(1.0, 1e-5, 41)
kl_fine = np.array([sr.kl_interpolator(A, y, a) for a in alphas_fine])
alphas_sw, kl_sw = alphas_fine[::4], kl_fine[::4]  # 11 values for gradient descent
u_max_sw = 2 * np.maximum(alphas_sw**2, kl_sw.max(axis=1))
X0_sw = np.outer(alphas_sw, np.ones(m))
X_sw, sw = sr.gd_sweep(A, y, X0_sw, u_max_sw, steps1=50_000, steps2=400_000, chunk=50_000)
print(
    f"uniqueness margin of x̂ℓ1+: {sr.nonnegative_l1_uniqueness_margin(A, y, x_l1_pos):.3f} (> 0); "
    f"positive null vector margin: {sr.positive_null_margin(A)[0]:.3f} (> 0)"
)
print(sr.format_sweep_monitoring(sw, u_max_sw))
print(f"\n{sr.format_init_scale_table(alphas_sw, sw, kl_sw, x_l1_pos, x_l2)}")

# %% [markdown]
# For $\alpha\le 10^{-3}$ even 450,000 steps do not reach the limit. The next cell measures how
# fast they approach it: the relative residual and the distance to $\mathbf{u}_\infty(\alpha)$ at
# the checkpoints, the exponents $p$ of a fit $\propto k^p$ from $k=200{,}000$ on, and, at
# that rate, the number of steps the residual would need to reach $10^{-6}$.

# %%
slow = np.flatnonzero(alphas_sw <= 1.1e-3)
print(sr.format_slow_runs(alphas_sw, sw, kl_sw, slow, fit_from=200_000))
alpha_1e3 = sr.alpha_for_distance(A, y, x_l1_pos, 1e-3)
kl_iv = sr.kl_interpolator(A, y, alpha_iv)
print(
    f"\nthe KL limit is within 1e-3 of x̂ℓ1+ for α <= {alpha_1e3:.2e} "
    f"(at α = 1e-3: {np.linalg.norm(kl_iv - x_l1_pos):.2e})"
)
print(
    "step iv continued to convergence: ‖x⊙x − u∞(1e-3)‖ = "
    f"{np.linalg.norm(u_conv - kl_iv):.1e}, ‖x⊙x − x̂ℓ1+‖ = {np.linalg.norm(u_conv - x_l1_pos):.2e}"
)

# %%
converged = sw["residual"][-1] <= 1e-5
fig = sr.plot_init_scale(
    alphas_fine, kl_fine, alphas_sw, X_sw**2, converged, x_l1_pos, x_l2, star=(alpha_iv, u_conv)
)
_ = save_figure(fig, "sparse_recovery_init_scale")

# %% [markdown]
# Lines are the gradient-flow limit (22) (solid: distance to $\hat{\mathbf{x}}_{\ell_1}^+$,
# dashed: to $\hat{\mathbf{x}}_{\ell_2}$; here colors denote the reference solutions, as in
# `METHOD_COLORS`, not coordinates), markers gradient descent after 450,000 steps (circles to
# $\hat{\mathbf{x}}_{\ell_1}^+$, squares to $\hat{\mathbf{x}}_{\ell_2}$; filled where it converged,
# relative residual $\le 10^{-5}$, open where it had not), and the star the run of step iv
# continued to convergence. Three things stand out.
# (1) The distance of the limit to $\hat{\mathbf{x}}_{\ell_1}^+$ decreases steadily as
# $\alpha\to 0$, slightly faster than proportionally to $\alpha$ over this range, and crosses
# $10^{-3}$ at the $\alpha$ printed above, essentially the $\alpha=10^{-3}$ of the assignment; the
# limit stays at distance about $0.66$ from $\hat{\mathbf{x}}_{\ell_2}$ for all small $\alpha$ and
# moves away from both for $\alpha\gtrsim 0.3$, where $\|\mathbf{u}_\infty\|_\infty/\alpha^2$ has
# become of order one (last column): the limit then scales with the initialization.
# (2) Where gradient descent converged ($\alpha\ge 3\times 10^{-3}$ and the star), it agrees with
# (22) up to the discretization error: the column ‖GD−KL‖ is small compared with the distances
# plotted, and the star sits on the line, within the distance printed above of
# $\mathbf{u}_\infty(10^{-3})$, although its step has $\eta_2L\approx 1$.
# (3) For $\alpha\le 3\times10^{-4}$ gradient descent is in its sublinear final phase: the
# residual decays like $k^{p}$ with $p\approx -1.1$ (residual times $k$ about 27, close to the
# values in the continuation of step iv), the distance to $\mathbf{u}_\infty$ at the same rate, and reaching a
# residual of $10^{-6}$ at that rate would take the $1$–$2\times10^{7}$ steps printed, far beyond
# this notebook's budget; at $\alpha=10^{-3}$ the run is leaving that phase (steeper $p$), as the
# continuation of step iv did towards its end (residual times $k$ falling in its table). The evidence for $\alpha\to 0$ is
# therefore the limit (22), computed exactly, together with the agreement of gradient descent and
# (22) wherever gradient descent was run to convergence; the
# open markers are not limits: their distance to $\hat{\mathbf{x}}_{\ell_1}^+$ (column ‖GD−x̂ℓ1+‖)
# is set by the finite run, not by $\alpha$.

# ### Beyond the assignment: time alignment of the two paths
#
# Equation (21) also says *when* gradient descent resembles which Lasso solution.
# Write $\bar{\mathbf{u}}(t)=\frac1t\int_0^t\mathbf{u}(s)\,ds$ for the time-averaged iterate; then
# $\int_0^t\mathbf{r}=t(\mathbf{A}\bar{\mathbf{u}}(t)-\mathbf{y})$ and (21) reads
# $\mathbf{A}^\top(\mathbf{y}-\mathbf{A}\bar{\mathbf{u}}(t)) = \log(\mathbf{u}(t)/\alpha^2)/(4t)$.
# With $\alpha$ small, a coordinate that has grown to order one has
# $\log(u_i/\alpha^2)\approx\log(1/\alpha^2)$, and one still near zero has a smaller value.
# These are the optimality conditions of the positive Lasso,
# $\mathbf{A}^\top(\mathbf{y}-\mathbf{A}\hat{\mathbf{x}})=\lambda$ on its support and
# $\le\lambda$ elsewhere, at
#
# $$
# \lambda(k) = \frac{\log(1/\alpha^2)}{4\eta k},\qquad t=\eta k,
# \tag{23}
# $$
#
# up to relative errors of order $1/\log(1/\alpha^2)$; the match is for the time average
# $\bar{\mathbf{u}}$, and it is exact in the limit $\alpha\to0$ when the Lasso path is monotone
# (Berthier, 2025, "Diagonal linear networks and the Lasso regularization path"). Below, the run
# of step iv ($\alpha=\eta=10^{-3}$, so $\log(1/\alpha^2)\approx 13.8$) is placed on the Lasso's
# $\lambda$ axis through (23); $\bar{\mathbf{u}}$ is the running mean of the recorded snapshots.
# The table lists, for every coordinate that becomes active on either path, the $\lambda$ at which
# it enters the Lasso path (a LARS knot) and the $\lambda(k)$ at which $\bar u_i$, respectively
# $u_i$, first exceeds $10^{-2}$.

# %%
avg_u = sr.time_average(trace_u)
lam_k = sr.lambda_of_step(ks[1:], eta_iv, alpha_iv)
avg_in = sr.gd_entry_lambdas(avg_u[1:], lam_k)
raw_in = sr.gd_entry_lambdas(trace_u[1:], lam_k)
print(
    f"log(1/α²) = {np.log(1 / alpha_iv**2):.1f}; λ(k) from {lam_k[0]:.0f} (k = 10) "
    f"to {lam_k[-1]:.4f} (k = 300,000); λ_max = {lam_knots[0]:.3f}"
)
print(sr.format_entry_table(x_star, lasso_in, avg_in, raw_in, coef_knots[:, -1], u_conv))
k_9 = sr.step_of_lambda(lasso_in[9], eta_iv, alpha_iv)
j18 = np.argmax(trace_u[:, 18])
print(f"i = 9 enters the Lasso at λ = {lasso_in[9]:.4f}; λ(k) reaches it at k = {k_9:,.0f}")
print(
    f"coordinate 18: GD iterate peaks at {trace_u[j18, 18]:.3f} (k = {ks[j18]:,}); "
    f"Lasso max {coef_knots[18].max():.3f}; final {u_conv[18]:.3f}"
)
# entry λ of the time average / Lasso's, also corrected by the factor log(u_i/α²)/log(1/α²) of (21)
ratios = sr.entry_lambda_ratios(lasso_in, avg_in, avg_u[1:], trace_u[1:], alpha_iv)
print(sr.format_entry_ratios(*ratios))

# %%
fig = sr.plot_time_alignment(
    lambdas, coefs, lam_k, trace_u[1:], avg_u[1:], x_star, labelled=transient
)
_ = save_figure(fig, "sparse_recovery_time_alignment")

# %% [markdown]
# **What matches.** On the common axis the two paths line up: the Lasso's $\lambda_{\max}$ falls
# where gradient descent leaves its first plateau, the ten support coordinates and the transient
# off-support ones enter in nearly the same order (lists above), and for coordinates that enter
# both paths the entry $\lambda$ of the time-averaged iterate is close to the Lasso's (ratios
# printed above). The ratio is systematically above 1, by more than the
# $O(1/\log(1/\alpha^2))\approx 0.07$ of (23), for a reason visible in (21): at the snapshot where
# $\bar u_i$ crosses $10^{-2}$ the iterate $u_i$ is still below 1, so the coordinate's actual
# $\lambda$ is $\lambda(k)\log(u_i/\alpha^2)/\log(1/\alpha^2)$, smaller than $\lambda(k)$ by the factor
# $1-\log(1/u_i)/\log(1/\alpha^2)$ (e.g. 0.72 for $u_i=0.02$, 0.83 for $u_i=0.1$). With this correction the median ratio moves to the value printed
# above. The outlier is coordinate 16 (largest ratio, printed): gradient descent lifts it early,
# in a saddle-to-saddle jump that the Lasso path does not make at that $\lambda$, and it enters
# the Lasso much later; its ratio measures a different path, not a bias of (23). The time average
# follows the Lasso curves closely (right panel), including the rise and fall of the off-support
# coordinates; the prediction also says when the last Lasso coordinate, $i=9$, should appear:
# at the $k$ printed above, later than the 300,000 steps of step iv, which is exactly why it is
# still missing in the table of step vi.
#
# **What does not.** The raw iterate (left panel) is not a Lasso solution: it jumps from plateau
# to plateau, overshoots (coordinate 18, printed above, rises well above any value it takes on the
# Lasso path before settling), and its coordinates reach $10^{-2}$ at a $\lambda(k)$ that is
# systematically larger, since each jump happens over a short stretch of $\log k$ while the Lasso
# moves linearly in $\lambda$. Transient coordinates differ in detail: coordinate 19 rises in
# gradient descent but never enters the positive Lasso, and coordinate 27 enters the Lasso
# briefly while its time average stays below $10^{-2}$. These are the saddle-to-saddle jumps
# described by Pesme and Flammarion (2023, "Saddle-to-saddle dynamics in diagonal linear
# networks"), and they do not go away as $\alpha\to0$: in the rescaled time
# $t/\log(1/\alpha^2)$ the raw iterate converges to a piecewise-constant process whose jumps get
# sharper, not to the continuous Lasso path. Only the time average tracks the Lasso path, and
# exactly only when the path is monotone (Berthier, 2025), which it is not here (37, 2, 26, 27,
# 39, 16 and 33 enter and leave).
#
# ### Beyond the assignment: robustness over random instances
#
# The same experiment on 24 instances (seeds 0–23), all in one batched run of `gd_sweep`:
# gradient descent from $10^{-3}\mathbf{1}$, 60,000 steps with the globally valid step $1/L$ and
# 140,000 with the local $1/L(\mathbf{x})$ (re-evaluated after 70,000), monitored as above,
# together with the exact gradient-flow limit (22) at $\alpha=10^{-3}$ and, to see the trend, at
# $\alpha=10^{-6}$. Running every instance to convergence is out of reach (the final phase is
# sublinear, as measured above), so the gradient-descent row is GD after 200,000 steps, and we
# print how many instances it has converged on. Two support tests against
# $\hat{\mathbf{x}}_{\ell_1}^+$ with support $S$: "top-$s$" (the $|S|$ largest entries of
# $\mathbf{u}$ are $S$) and "threshold" ($\{i: u_i > \tau\} = S$ with $\tau$ half the smallest
# nonzero of $\hat{\mathbf{x}}_{\ell_1}^+$).

# %%
rob_seeds = np.arange(24)
rob_inst = [sr.make_problem(seed=int(s)) for s in rob_seeds]
As_rob, xs_rob, ys_rob = (np.stack(v) for v in zip(*rob_inst, strict=True))
lp_rob = sr.map_problems(sr.min_l1_solution, As_rob, ys_rob, nonnegative=True)
lp_signed_rob = sr.map_problems(sr.min_l1_solution, As_rob, ys_rob)
u_max_rob = 2 * np.maximum(alpha_iv**2, lp_rob.max(axis=1))
X0_rob = np.full((len(rob_seeds), m), alpha_iv)
X_rob, rob = sr.gd_sweep(As_rob, ys_rob, X0_rob, u_max_rob, 60_000, 140_000, 70_000)
kl3_rob = sr.map_problems(sr.kl_interpolator, As_rob, ys_rob, alpha=1e-3)
candidates = {
    "GD, 200,000 steps": X_rob**2,
    "KL limit, α = 1e-3": kl3_rob,
    "KL limit, α = 1e-6": sr.map_problems(sr.kl_interpolator, As_rob, ys_rob, alpha=1e-6),
}
margins = sr.map_problems(sr.nonnegative_l1_uniqueness_margin, As_rob, ys_rob, lp_rob)
res_rob = sr.relative_residual(As_rob, ys_rob, X_rob**2)
print(
    sr.format_robustness_checks(rob, u_max_rob, margins, lp_rob, lp_signed_rob, xs_rob, res_rob),
    sr.format_support_tests(candidates, lp_rob),
    sr.format_gd_against_kl(X_rob**2, kl3_rob, lp_rob, res_rob, alpha_label="1e-3"),
    sep="\n\n",
)

# %% [markdown]
# Over the 24 instances the nonnegative LP recovers $\mathbf{x}^*$ far more often than the signed
# (10) (counts above): for nonnegative $\mathbf{x}^*$ the constraint $\mathbf{x}\ge\mathbf{0}$ is
# itself a strong prior. Gradient descent and its limit are near-optimal for the $\ell_1$ norm,
# with a median excess $\|\mathbf{u}\|_1/\|\hat{\mathbf{x}}_{\ell_1}^+\|_1-1$ of about $10^{-3}$ at
# $\alpha=10^{-3}$ and a worst case of about $1.5\times10^{-2}$ (printed above), but the distance
# to $\hat{\mathbf{x}}_{\ell_1}^+$ is spread over three orders of magnitude (seed 0, at
# $9.0\cdot10^{-4}$ for the limit at $\alpha=10^{-3}$, printed in the initialization-scale part,
# sits near the lower quartile). A small excess $\ell_1$ norm together with a large distance means that
# $\|\cdot\|_1$ is nearly flat along part of the interpolating set; there the entropy term of
# (22), whose relative weight is $1/\log(1/\alpha^2)\approx 0.07$ at $\alpha=10^{-3}$, decides
# where the limit lands, and the support tests can fail. With the threshold test, gradient descent
# and its predicted limit (22) at $\alpha=10^{-3}$ pass on the same number of instances; the
# top-$s$ test differs on one instance (printed), where $\hat{\mathbf{x}}_{\ell_1}^+$ has an entry
# of order $10^{-5}$, so that test is decided by entries far below anything the run resolves: GD
# "beating" its own limit there is an artifact of the test, not of the dynamics. GD after 200,000
# steps has converged on only part of the instances (count above), and its distance to (22) is
# small in median but not in the worst case. Shrinking $\alpha$ to $10^{-6}$ (last row) raises
# the number of instances with the LP's support and lowers the median distance by more than two
# orders of magnitude, as the theory predicts; gradient descent itself would need far more steps
# there.
# %% [markdown]
# ## 2(f) Bonus: matrix completion and the minimum nuclear norm
#
# We test the conjecture of Gunasekar et al. (2017) that gradient descent on (12) with a small
# step size and an initialization close to zero converges to the minimum nuclear norm
# completion, on instances chosen so that the test can fail.

# %% [markdown]
# ### What is compared, and when the comparison says nothing
#
# Write $\Omega$ for the observed set (symmetric: $(i,j)\in\Omega$ exactly when $(j,i)\in\Omega$)
# and $P_\Omega$ for the operator that keeps the entries in $\Omega$ and zeroes the others. The
# gradient of (12) is $2P_\Omega(UU^\top - Y)\,U$ (the residual is symmetric because $\Omega$
# is), so gradient descent with step $\eta$ reads
#
# $$
# U_{k+1} = U_k - 2\eta\, P_\Omega\big(U_kU_k^\top - Y\big)\, U_k, \qquad U_0 = \alpha\, U_{\mathrm{init}}.
# \tag{24}
# $$
#
# Every product $UU^\top$ is positive semidefinite, so the natural rival is the minimum nuclear
# norm PSD completion. For a PSD matrix $X = Q\,\mathrm{diag}(\mu)\,Q^\top$ the singular values
# are the eigenvalues $\mu_1 \ge \mu_2 \ge \dots \ge 0$ (an SVD is $Q\,\mathrm{diag}(\mu)\,Q^\top$
# itself), hence $\|X\|_* = \sum_i \mu_i = \operatorname{trace}(X)$, and the minimum nuclear
# norm completion
# is the semidefinite program
#
# $$
# X_{\mathrm{nuc}} = \arg\min_{X} \ \operatorname{trace}(X) \quad \text{s.t.} \quad X \succeq 0,
# \quad X_{ij} = Y_{ij} \ \text{for } (i,j) \in \Omega.
# \tag{25}
# $$
#
# We solve (25) with cvxpy and the interior-point solver Clarabel at tolerance
# $10^{-7}$ (feasibility and duality gap); the unit tests check it against the nuclear-norm
# atom `normNuc` solved by SCS, and against a closed form with a dual certificate below.
# The solver also returns the multiplier $\Lambda$ of the constraints (symmetric, supported on
# $\Omega$, with $I - \Lambda \succeq 0$ and $\langle\Lambda, Y\rangle =
# \operatorname{trace}(X_{\mathrm{nuc}})$). For every PSD $X$ it bounds how far an *inexact*
# completion can undercut the SDP:
#
# $$
# \operatorname{trace}(X) = \langle I-\Lambda, X\rangle + \langle \Lambda, X\rangle
# \ \ge\ \langle\Lambda, Y\rangle + \langle \Lambda, P_\Omega(X - Y)\rangle
# \ \ge\ \operatorname{trace}(X_{\mathrm{nuc}}) - \|\Lambda\|_F\,\|P_\Omega(X-Y)\|_F .
# $$
#
# Note that for a PSD matrix $\|UU^\top\|_* = \operatorname{trace}(UU^\top) = \|U\|_F^2$.
#
# The experiment is vacuous in two ways. (i) If every diagonal entry is observed, every PSD
# completion has the same trace $\sum_i Y_{ii}$, so "minimum nuclear norm" selects nothing.
# Conversely, if some $Y_{ii}$ is unobserved and $X$ is a PSD completion, so is
# $X + t\,e_ie_i^\top$ for every $t \ge 0$: the trace is then not fixed by the data.
# `trace_fixed_by_data` checks exactly this. (ii) If $X_{\mathrm{nuc}} = Y$, any method that
# recovers $Y$ "agrees" with the conjecture. We therefore need some diagonal entries unobserved
# and $X_{\mathrm{nuc}} \ne Y$ (a *hard* regime); a dense regime where $X_{\mathrm{nuc}} = Y$
# serves as contrast (an *easy* regime).
#
# The ground truth is $Y = GG^\top$ with $G \in \mathbb{R}^{D\times r}$ having i.i.d.
# $\mathcal N(0, 1/D)$ entries (so $\mathbb{E}\operatorname{trace}Y = r$ and the $r$ nonzero eigenvalues are of order one;
# $0.93$ and $0.31$ on the main instance, printed in the spectra table below); each entry
# $(i,j)$, $i\le j$, is observed with probability $p$. We take $D = 20$ and $r = 2$, with
# $p = 0.25$ (hard) or $p = 0.5$ (easy). $D = 20$, the low end of the sizes one would
# consider, is chosen for speed: it lets this section sweep four hard instances within its
# time budget (the cost of one step grows like $D^3$; see `benchmarks/`).
# The cell prints, for the hard problem seeds 0–3, how far $X_{\mathrm{nuc}}$ is from $Y$;
# seed 0 is the main instance, seeds 1–3 serve as a robustness check. Throughout, every
# distance is relative to the same $\|Y\|_F$ (so distances to $X_{\mathrm{nuc}}$ and to $Y$
# can be compared directly), and "e-rank" is the effective rank of Roy and Vetterli (2007,
# "The effective rank: a measure of effective dimensionality", EUSIPCO),
# $\exp(-\sum_i p_i\log p_i)$ with $p_i = \mu_i/\sum_j\mu_j$.

# %%
from hw3.matrix_completion import (
    completion_instances,
    default_step_size,
    describe_counterexample,
    describe_glrl,
    describe_instance,
    format_counterexample_table,
    format_spectra,
    format_step_comparison,
    format_sweep_table,
    gram,
    greedy_low_rank_completion,
    hessian_max_eigenvalue,
    initialization_sweep,
    min_nuclear_norm_completion,
    plot_alpha_sweep,
    plot_counterexample,
    relative_distance,
    sweep_summary,
    triangle_counterexample,
)

MC_D, MC_RANK, MC_P_HARD, MC_P_EASY = 20, 2, 0.25, 0.5
mc_inst = completion_instances(
    MC_D, MC_RANK, [("hard", MC_P_HARD, k) for k in range(4)] + [("easy", MC_P_EASY, 0)]
)
print("\n".join(describe_instance(key, inst) for key, inst in mc_inst.items()))

# %% [markdown]
# ### The sweep over the initialization scale
#
# We run (24) from $U_0 = \alpha U_{\mathrm{init}}$ with the full square $U$ of (12).
# $U_{\mathrm{init}}$ is Gaussian with i.i.d. $\mathcal N(0, 1/D)$ entries, so that
# $U_{\mathrm{init}}U_{\mathrm{init}}^\top \approx I$ and $\alpha^2$ is the scale of $X$ at
# initialization; a random (rather than identity) $U_{\mathrm{init}}$ is the generic case, and
# its five seeds give the error bars. We take $\alpha \in \{1, 10^{-1}, \dots, 10^{-6}\}$ and
# step $\eta = 0.08/p$ (`default_step_size`: at a solution of the fully observed problem the
# largest curvature of (12) is $4\mu_1(Y)$, and observing a fraction $p$ of the entries scales
# it by about $p$, so $\eta\,\mu_{\max}$ stays of order $0.32\,\mu_1(Y)$ whatever $p$; the
# step is checked below). All $7 \times 5$ runs of an instance are one stack of factors,
# updated with one batched matrix product per step. The main hard instance runs 20,000 steps;
# its table also prints, as "change", the largest change over seeds of the distance to
# $X_{\mathrm{nuc}}$ during the last 10,000 steps, to show how settled the answer is. The easy
# instance runs 10,000 steps. Columns: mean $\pm$ standard deviation over the seeds of the two
# distances, mean nuclear-norm gap $\|UU^\top\|_* - \|X_{\mathrm{nuc}}\|_*$, mean e-rank, the
# largest loss (12) over the seeds, and "gap bound", minus the largest over seeds of
# $\|\Lambda\|_F\|P_\Omega(UU^\top - Y)\|_F$: by the inequality above, no gap can lie below it.

# %%
MC_ALPHAS = np.logspace(0, -6, 7)
MC_SEEDS, MC_STEPS = 5, 10_000
mc_hard, mc_easy = mc_inst["hard 0"], mc_inst["easy 0"]
mc_eta_hard, mc_eta_easy = default_step_size(mc_hard.p), default_step_size(mc_easy.p)
mc_U_half, mc_U_hard = initialization_sweep(
    mc_hard.Y, mc_hard.mask, MC_ALPHAS, MC_SEEDS, mc_eta_hard, (MC_STEPS, 2 * MC_STEPS)
)
mc_U_easy = initialization_sweep(
    mc_easy.Y, mc_easy.mask, MC_ALPHAS, MC_SEEDS, mc_eta_easy, MC_STEPS
)
mc_sum = {
    key: sweep_summary(U, inst.Y, inst.mask, inst.X_nuc, inst.Lam)
    for key, U, inst in [("hard 0", mc_U_hard, mc_hard), ("easy 0", mc_U_easy, mc_easy)]
}
mc_sum_half = sweep_summary(mc_U_half, mc_hard.Y, mc_hard.mask, mc_hard.X_nuc)
print(f"hard 0: {2 * MC_STEPS} steps, eta = {mc_eta_hard:.2f}, {MC_SEEDS} seeds")
print(format_sweep_table(MC_ALPHAS, mc_sum["hard 0"], mc_sum_half))
print(f"\neasy 0: {MC_STEPS} steps, eta = {mc_eta_easy:.2f}, {MC_SEEDS} seeds")
print(format_sweep_table(MC_ALPHAS, mc_sum["easy 0"]))

# %% [markdown]
# **Is the step small enough?** The conjecture is about $\eta \to 0$. Two checks on the hard
# instance. First, gradient descent is linearly stable at a minimum only when
# $\eta\,\mu_{\max}(\nabla^2 L) < 2$, and it tracks the gradient flow when this product is
# well below 2; the cell assembles the Hessian of (12) at the final factors for
# $\alpha = 10^{-6}$ (function `hessian_max_eigenvalue`). Second, it reruns seed 0 at
# $\alpha \in \{10^{-2}, 10^{-4}, 10^{-6}\}$ with a quarter of the step and four times the
# steps (the same gradient-flow time $\eta k$) and compares.

# %%
mc_eta_mu = mc_eta_hard * hessian_max_eigenvalue(mc_hard.Y, mc_hard.mask, mc_U_hard[-1])
print(
    f"eta * mu_max(Hessian) at alpha = 1e-6: {mc_eta_mu.min():.3f} to {mc_eta_mu.max():.3f}"
    f" over the {MC_SEEDS} seeds"
)
MC_ALPHAS_CHECK = np.array([1e-2, 1e-4, 1e-6])
mc_pick = [int(np.argmin(np.abs(MC_ALPHAS - a))) for a in MC_ALPHAS_CHECK]
mc_U_quarter = initialization_sweep(
    mc_hard.Y, mc_hard.mask, MC_ALPHAS_CHECK, 1, mc_eta_hard / 4, 8 * MC_STEPS
)
mc_sum_quarter = sweep_summary(mc_U_quarter, mc_hard.Y, mc_hard.mask, mc_hard.X_nuc)
print(
    format_step_comparison(MC_ALPHAS_CHECK, mc_sum["hard 0"], mc_sum_quarter, mc_pick, 2 * MC_STEPS)
)

# %% [markdown]
# **Which completion does gradient descent find?** Effective rank alone hides the spectrum.
# The next cell prints the top eigenvalues $\mu_i$ and the numerical rank (eigenvalues above
# $10^{-3}\mu_1$) of $Y$, $X_{\mathrm{nuc}}$ and the GD solutions of seed 0 at
# $\alpha = 10^{-2}$ and $10^{-6}$. It also runs *greedy low-rank learning* (GLRL), which
# Li, Luo and Lyu (2021, "Towards resolving the implicit bias of gradient descent for matrix
# factorization: greedy low-rank learning", ICLR) argue is the $\alpha \to 0$ limit of
# gradient descent: starting from $U = 0$, add a column $10^{-6}v$ with $v$ the top
# eigenvector of $P_\Omega(Y - UU^\top)$ (the negative gradient), run gradient descent on the
# current $D\times r$ factor, and repeat until the loss is at most $10^{-10}$. We run it on the
# same instance with the same step, $10^4$ steps per rank.

# %%
mc_U_glrl, mc_glrl_losses = greedy_low_rank_completion(
    mc_hard.Y, mc_hard.mask, eta=mc_eta_hard, steps_per_rank=MC_STEPS
)
mc_X_glrl = gram(mc_U_glrl)
print(
    format_spectra(
        {
            "Y": mc_hard.Y,
            "X_nuc": mc_hard.X_nuc,
            "GLRL": mc_X_glrl,
            "GD, alpha = 1e-2": gram(mc_U_hard[2, 0]),
            "GD, alpha = 1e-6": gram(mc_U_hard[-1, 0]),
        }
    )
)
print(describe_glrl(mc_U_glrl, mc_glrl_losses, mc_hard, MC_ALPHAS[1:], mc_U_hard[1:]))

# %%
fig = plot_alpha_sweep(
    MC_ALPHAS,
    {
        r"hard (seed 0): $p = 0.25$, $X_{\mathrm{nuc}} \neq Y$": mc_sum["hard 0"],
        r"easy (seed 0): $p = 0.5$, $X_{\mathrm{nuc}} = Y$": mc_sum["easy 0"],
    },
    gap_refs={
        r"hard (seed 0): $p = 0.25$, $X_{\mathrm{nuc}} \neq Y$": {
            r"$Y$ ($\approx$ GLRL)": np.trace(mc_hard.Y) - np.trace(mc_hard.X_nuc)
        }
    },
)
_ = save_figure(fig, "matrix_completion_alpha_sweep")

# %% [markdown]
# Is the main instance typical? The next cell repeats the sweep on the hard problem seeds 1–3
# at $\alpha \in \{10^{-2}, 10^{-4}, 10^{-6}\}$ with three initialization seeds and 20,000
# steps each.

# %%
for mc_key in ("hard 1", "hard 2", "hard 3"):
    mc_i = mc_inst[mc_key]
    mc_eta = default_step_size(mc_i.p)
    mc_U = initialization_sweep(mc_i.Y, mc_i.mask, MC_ALPHAS_CHECK, 3, mc_eta, 2 * MC_STEPS)
    print(f"{mc_key} (||X_nuc - Y||/||Y|| = {relative_distance(mc_i.X_nuc, mc_i.Y):.3f})")
    print(
        format_sweep_table(
            MC_ALPHAS_CHECK, sweep_summary(mc_U, mc_i.Y, mc_i.mask, mc_i.X_nuc, mc_i.Lam)
        )
    )

# %% [markdown]
# **Reading the sweep.** In the easy regime the conjecture and the truth coincide, and the
# table shows what a confirmation looks like: the distance of $UU^\top$ to
# $X_{\mathrm{nuc}} = Y$ and the nuclear-norm gap shrink steadily as $\alpha \to 0$, down to
# the printed precision at $\alpha = 10^{-6}$. In the hard regime (seed 0) they do not. The
# distance to $X_{\mathrm{nuc}}$ is smallest at $\alpha = 10^{-2}$ ($0.213 \pm 0.022$) and then
# *grows* monotonically to $0.296 \pm 0.030$ at $\alpha = 10^{-6}$, and the nuclear-norm gap
# grows from 0.046 to 0.108; the trend exceeds the seed spread. The runs are settled: the
# losses are at most $4\cdot 10^{-10}$, no gap can lie more than $5.6\cdot 10^{-4}$ below zero
# (gap bound), and the distances moved by at most $1.3\cdot 10^{-3}$ during the last 10,000
# steps.
# Measured against the same $\|Y\|_F$, GD is about equally far from $X_{\mathrm{nuc}}$ and
# from $Y$ for $\alpha \le 10^{-3}$ (the two distances differ by less than the seed spread,
# e.g. 0.296 and 0.283 at $\alpha = 10^{-6}$): it converges to neither.
#
# The step is not the cause. $\eta\,\mu_{\max}$ of the Hessian at the solutions is 0.415 to
# 0.436, far below the stability limit 2, and with a quarter of the step (and four times the
# steps) the gaps change by at most 0.0011 and the distances by at most 0.004 (seed 0 table).
#
# The spectra say what GD finds instead. At $\alpha = 10^{-6}$ its numerical rank is 4
# ($\mu = 0.97, 0.22, 0.086, 0.0025$), between $Y$ (rank 2) and $X_{\mathrm{nuc}}$ (rank 5,
# with $\mu_4 = 0.023$, $\mu_5 = 0.009$), and its nuclear norm exceeds both (for seed 0, trace 1.2793 against 1.2464 for $Y$
# and 1.1546 for $X_{\mathrm{nuc}}$). GLRL, the predicted $\alpha \to 0$ limit, ends at rank 2, within
# $6.3\cdot 10^{-4}$ of $Y$ itself: on this instance Li, Luo and Lyu predict the
# **minimum-rank** completion, not $X_{\mathrm{nuc}}$. GD has not reached that prediction
# either: its distance to GLRL grows from 0.263 ($\alpha = 10^{-4}$) to 0.283
# ($\alpha = 10^{-6}$), and the third eigenvalue 0.086 shows a third direction that GLRL never
# grows. The greedy picture needs the directions to be learned one at a time, and at
# $\alpha = 10^{-6}$ they are not yet separated on this instance.
#
# The three other hard instances agree on the main point and differ in the details. At
# $\alpha = 10^{-6}$ the GD completion is 0.20 to 0.27 away from $X_{\mathrm{nuc}}$ on seeds
# 1–3 (0.30 on seed 0), always with a lower effective rank than $X_{\mathrm{nuc}}$. On seed 1
# it moves steadily towards $Y$ (distance 0.144, 0.082, 0.033) and away from
# $X_{\mathrm{nuc}}$, but these runs are not converged (losses up to $3.5\cdot 10^{-7}$): their
# negative gaps ($-0.025$ and $-0.002$) lie within the certified bounds ($-0.099$, $-0.063$),
# so they come from the residual, not from GD undercutting the SDP. On seeds 2 and 3 it is
# closer to $X_{\mathrm{nuc}}$ than to $Y$ (0.274 against 0.378, and 0.239 against 0.356)
# without converging to either.

# %% [markdown]
# ### Beyond the assignment: minimum rank versus minimum nuclear norm
#
# Li, Luo and Lyu (2021) argue that, with infinitesimal initialization, gradient flow on
# $UU^\top$ behaves like GLRL (defined above): it first grows along the top eigenvector of $-\nabla f(0) = P_\Omega(Y)$, fits the best
# rank-one factor, then adds one rank at a time along the top eigenvector of the residual
# $P_\Omega(Y - UU^\top)$, stopping at the first rank with zero loss. That is a rank
# heuristic, not a norm minimizer, and they build counterexamples to the conjecture from it;
# Razin and Cohen (2020, "Implicit regularization in deep learning may not be explainable by
# norms", NeurIPS) give a $2\times 2$ asymmetric completion where gradient descent drives every
# norm to infinity while lowering the effective rank. We construct a small symmetric PSD
# instance in that spirit where the minimum-rank and the minimum nuclear norm completions are
# different matrices, and check which one gradient descent picks.
#
# Take $D = 3$ and observe only the three off-diagonal entries, $Y_{12} = \delta$,
# $Y_{13} = Y_{23} = 1$, with $0 < \delta < 1/2$. A rank-one PSD completion $xx^\top$ must
# satisfy $x_1x_2 = \delta$, $x_1x_3 = x_2x_3 = 1$, hence
# $x_1^2 = (x_1x_2)(x_1x_3)/(x_2x_3) = \delta$: the observed edges form an odd cycle, and
# $Y = xx^\top$ with $x = (\sqrt\delta, \sqrt\delta, 1/\sqrt\delta)$ is the
# *unique* minimum-rank completion, with $\|Y\|_* = 2\delta + 1/\delta$. But the
# rank-two matrix
#
# $$
# X_\star = \begin{pmatrix} 1-\delta & \delta & 1 \\ \delta & 1-\delta & 1 \\ 1 & 1 & 2 \end{pmatrix}
# \tag{26}
# $$
#
# is also a PSD completion when $\delta < 1/2$ (its eigenvalues are $0$, $1-2\delta$
# and $3$, with eigenvectors $(1,1,-1)$, $(1,-1,0)$, $(1,1,2)$), of trace $4-2\delta$,
# and it is the minimum nuclear norm completion. Proof by a dual certificate: let $Z = nn^\top$ with $n = (1,1,-1)$; $Z \succeq 0$,
# $Z_{ii} = 1$, so $\Lambda = I - Z$ vanishes on the diagonal and is supported on $\Omega$.
# For any PSD completion $X$,
#
# $$
# \operatorname{trace}(X) = \langle Z, X\rangle + \langle \Lambda, X\rangle \ \ge\ \langle \Lambda, Y\rangle
# = 2\,(\Lambda_{12}Y_{12} + \Lambda_{13}Y_{13} + \Lambda_{23}Y_{23}) = 2(2 - \delta),
# \tag{27}
# $$
#
# because $\langle Z, X\rangle \ge 0$ for PSD $Z, X$ and $\langle\Lambda, X\rangle$ only
# involves observed entries ($\Lambda_{12} = -1$, $\Lambda_{13} = \Lambda_{23} = 1$). Equality
# holds for $X_\star$ since $ZX_\star = 0$. The optimum is unique: an optimal $X$ attains
# equality in (27), so $\langle Z, X\rangle = n^\top X n = 0$, which for PSD $X$ forces
# $Xn = 0$; the three rows of $Xn = 0$ read $X_{11} + \delta - 1 = 0$,
# $\delta + X_{22} - 1 = 0$ and $2 - X_{33} = 0$: they fix the diagonal, the only unobserved
# entries, at $(1-\delta, 1-\delta, 2)$, so $X = X_\star$. With $\delta = 0.2$: $\|Y\|_* = 5.4$ against
# $\|X_\star\|_* = 3.6$, and the two are far apart. The cell below checks this with the SDP
# (whose entries are accurate to about $10^{-4}$ only: the optimum is unique but degenerate,
# the smallest eigenvalue growing quadratically away from it),
# runs GLRL, and sweeps $\alpha$ from 1 to $10^{-8}$ for gradient descent ($\eta = 0.05$,
# 10,000 steps, five seeds, $U \in \mathbb{R}^{3\times 3}$). It ends with the same two
# step-size checks as above, at $\alpha = 10^{-4}$.

# %%
MC_DELTA, MC_ETA_T = 0.2, 0.05
mc_Y_t, mc_mask_t = triangle_counterexample(MC_DELTA)
mc_X_t = min_nuclear_norm_completion(mc_Y_t, mc_mask_t)
print(describe_counterexample(MC_DELTA, mc_Y_t, mc_X_t))

mc_U_tg, mc_tg_losses = greedy_low_rank_completion(
    mc_Y_t, mc_mask_t, eta=MC_ETA_T, steps_per_rank=MC_STEPS
)
print(
    f"GLRL: stopped at rank {mc_U_tg.shape[1]} with loss {mc_tg_losses[-1]:.1e}; "
    f"distance to Y {relative_distance(gram(mc_U_tg), mc_Y_t):.1e}"
)

MC_ALPHAS_TRI = np.logspace(0, -8, 9)
mc_U_t = initialization_sweep(mc_Y_t, mc_mask_t, MC_ALPHAS_TRI, MC_SEEDS, MC_ETA_T, MC_STEPS)
mc_sum_t = sweep_summary(mc_U_t, mc_Y_t, mc_mask_t, mc_X_t)
print(f"\nGD, eta = {MC_ETA_T}, {MC_STEPS} steps, means over {MC_SEEDS} seeds")
print(format_counterexample_table(MC_ALPHAS_TRI, mc_sum_t, mc_X_t))

mc_U_t4 = initialization_sweep(mc_Y_t, mc_mask_t, [1e-4], MC_SEEDS, MC_ETA_T / 4, 4 * MC_STEPS)
mc_eta_mu_t = MC_ETA_T * hessian_max_eigenvalue(mc_Y_t, mc_mask_t, mc_U_t[4])
print(
    f"step check at alpha = 1e-4: eta * mu_max(Hessian) <= {mc_eta_mu_t.max():.3f};\n"
    f"  distance to Y with eta/4 and {4 * MC_STEPS} steps <= "
    f"{relative_distance(gram(mc_U_t4), mc_Y_t).max():.1e}"
)

# %%
fig = plot_counterexample(MC_ALPHAS_TRI, mc_sum_t, mc_Y_t, mc_X_t)
_ = save_figure(fig, "matrix_completion_counterexample")

# %% [markdown]
# As printed above, gradient descent picks the **minimum-rank** completion: from
# $\alpha = 10^{-3}$ down, the relative distance of $UU^\top$ to $Y$ is at most
# $2\cdot 10^{-4}$ and falls below $10^{-12}$, its nuclear norm is within $10^{-3}$ of
# $\|Y\|_* = 5.4$ and its effective rank is 1.000, and GLRL stops at rank one at the same matrix.
# GD is closest to the minimum nuclear norm completion $X_\star$ (nuclear norm 3.6, effective
# rank 1.569) at $\alpha = 1$, and even there 0.178 away (relative to $\|Y\|_F$; $X_\star$
# itself is 0.577 from $Y$); shrinking $\alpha$ moves it *away* from $X_\star$, the opposite
# of what the conjecture predicts. The step is not the cause: $\eta\,\mu_{\max}$ of the
# Hessian is at most 0.577 at the solutions, and a quarter of the step with four times the
# steps lands within $2.5\cdot 10^{-6}$ of $Y$ as well.
#
# ### Verdict
#
# The conjecture holds where it is not tested: when $X_{\mathrm{nuc}} = Y$ (easy regime),
# gradient descent with small initialization converges to it, and the distance and the gap
# shrink steadily with $\alpha$. Where the minimum nuclear norm is a real choice, the evidence
# goes against it. On the main random hard instance ($X_{\mathrm{nuc}}$ 0.25 away from $Y$) the
# distance to $X_{\mathrm{nuc}}$ is smallest at $\alpha = 10^{-2}$ and grows as $\alpha \to 0$,
# as does the nuclear-norm gap, with settled runs, error bars smaller than the trend, and the
# same answer at a quarter of the step ($\eta\,\mu_{\max} \le 0.44$, well inside the stable
# range). On all four random hard instances GD at $\alpha = 10^{-6}$ stays 0.20 to 0.30 away
# from $X_{\mathrm{nuc}}$ and prefers completions of lower effective rank. On the main one
# GLRL, the greedy low-rank limit of Li, Luo and Lyu (2021), predicts the minimum-rank
# completion $Y$, while GD at the smallest $\alpha$ we ran is still 0.28 from it, with
# numerical rank 4: these instances refute "minimum nuclear norm" at every scale we reached,
# but they do not show the limit $\alpha \to 0$, which may be $Y$ only for far smaller
# $\alpha$. On the three-by-three instance the answer is unambiguous: gradient descent
# converges to the unique minimum-rank completion, whose nuclear norm is 50% above the
# minimum, exactly as GLRL predicts, and the same at a quarter of the step. How confident can
# we be? The counterexample is exact (closed-form unique optimum (26) with the dual
# certificate (27), GD losses below $10^{-26}$, agreement with GLRL, insensitive to the step).
# The random instances are few and small ($D = 20$), and on seed 1 the runs are not fully
# converged; they support "not the minimum nuclear norm" with confidence, and "the minimum
# rank" only as a direction: the distance to $Y$ falls from $\alpha = 10^{-2}$ to $10^{-6}$ on
# seeds 1–3 but not on seed 0.
# %% [markdown]
# # References
#
# 1. S. Gunasekar, B. E. Woodworth, S. Bhojanapalli, B. Neyshabur and N. Srebro. Implicit
#    regularization in matrix factorization. *NeurIPS*, 2017. (Reference [1] of the assignment.)
# 2. B. Woodworth, S. Gunasekar, J. D. Lee, E. Moroshko, P. Savarese, I. Golan, D. Soudry and
#    N. Srebro. Kernel and rich regimes in overparametrized models. *COLT*, 2020.
# 3. R. Berthier. Diagonal linear networks and the Lasso regularization path. arXiv:2509.18766, 2025.
# 4. S. Pesme and N. Flammarion. Saddle-to-saddle dynamics in diagonal linear networks.
#    *NeurIPS*, 2023.
# 5. M. Even, S. Pesme, S. Gunasekar and N. Flammarion. (S)GD over diagonal linear networks:
#    implicit bias, large stepsizes and edge of stability. *NeurIPS*, 2023.
# 6. Z. Li, Y. Luo and K. Lyu. Towards resolving the implicit bias of gradient descent for matrix
#    factorization: greedy low-rank learning. *ICLR*, 2021.
# 7. N. Razin and N. Cohen. Implicit regularization in deep learning may not be explainable by
#    norms. *NeurIPS*, 2020.
# 8. R. J. Williams. Simple statistical gradient-following algorithms for connectionist
#    reinforcement learning. *Machine Learning* 8, 1992.
# 9. S. Mohamed, M. Rosca, M. Figurnov and A. Mnih. Monte Carlo gradient estimation in machine
#    learning. *JMLR* 21, 2020.
# 10. O. Roy and M. Vetterli. The effective rank: a measure of effective dimensionality.
#     *EUSIPCO*, 2007.
# 11. B. Efron, T. Hastie, I. Johnstone and R. Tibshirani. Least angle regression. *Annals of
#     Statistics* 32, 2004 (the LARS algorithm behind `lars_path`).
#
# Software: NumPy, SciPy (HiGHS linear programs), scikit-learn (`lars_path`, `lasso_path`), CVXPY
# with Clarabel and SCS (semidefinite programs), Matplotlib; versions pinned in `requirements.txt`.
