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


def rel_err(G, ref):
    return np.linalg.norm(G - ref) / np.linalg.norm(ref)


for k, name in enumerate(("U", "V")):
    mc_mean = naive_draws[k].mean(axis=0)
    mc_se = naive_draws[k].std(axis=0, ddof=1) / np.sqrt(len(naive_draws[k]))
    z_true = np.max(np.abs(mc_mean - true_grad[k]) / mc_se)
    z_naive = np.max(np.abs(mc_mean - parts["naive"][k]) / mc_se)
    err_naive = rel_err(parts["naive"][k], true_grad[k])
    err_total = rel_err(parts["total"][k], true_grad[k])
    print(f"gradient in {name}: relative error vs the true gradient of (3)")
    print(f"   E[naive]               (enumerated): {err_naive:.3f}")
    print(f"   E[naive] + score term  (enumerated): {err_total:.1e}")
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
from scipy.optimize import brentq

from hw3.sparse_recovery import (
    curvature,
    factorized_gd,
    gd_to_convergence,
    gd_two_phase,
    kl_interpolator,
    lambda_of_step,
    lasso_knots,
    lasso_path,
    make_problem,
    min_l1_solution,
    min_l2_solution,
    plot_init_scale,
    plot_paths,
    plot_time_alignment,
    relative_residual,
    support,
    time_average,
)

A, x_star, y = make_problem(n=20, m=40, k=10, seed=0)
n, m = A.shape
supp_star = support(x_star)
print(
    f"A: {n} x {m}, column norms in [{np.linalg.norm(A, axis=0).min():.3f}, "
    f"{np.linalg.norm(A, axis=0).max():.3f}]"
)
print("support of x*:", supp_star)
print("nonzero values of x*:", x_star[supp_star])

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
# $\mathbf{x}=\sqrt{\mathbf{u}}$ carries no extra information.

# %%
# Step iv: x0 = 1e-3 * 1, eta = 1e-3, 300,000 steps, iterate recorded every 10 steps.
alpha, eta, steps, every = 1e-3, 1e-3, 300_000, 10
x_gd, trace = factorized_gd(A, y, np.full(m, alpha), eta, steps, record_every=every)
trace_u = trace**2  # u = x ⊙ x at every recorded step
ks = every * np.arange(len(trace))
print(
    f"recorded snapshots: {len(trace)} (k = 0, 10, ..., {ks[-1]}); "
    f"all coordinates positive throughout: {bool((trace > 0).all())}"
)
print(
    f"relative residual ||A(x⊙x) - y|| / ||y|| at k = {steps:,}: "
    f"{relative_residual(A, y, trace_u[-1]):.2e}"
)

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
lambdas, coefs = lasso_path(A, y, positive=True, rel_residual=1e-3)
lam_knots, coef_knots = lasso_knots(A, y, positive=True)
_, coef_knots_signed = lasso_knots(A, y, positive=False)
print(
    f"positive Lasso: lambda from {lambdas[0]:.3f} (= max_i (A^T y)_i) down to "
    f"{lambdas[-1]:.2e} (relative residual {relative_residual(A, y, coefs[:, -1]):.1e}); "
    f"{len(lam_knots) - 1} LARS segments"
)

# %% [markdown]
# ### The two paths (step vi)
#
# Left, each coordinate of the positive Lasso solution against $-\log_{10}\lambda$; right, each
# coordinate of $\mathbf{x}^{(k)}\odot\mathbf{x}^{(k)}$ against the iteration $k$ (log axis; we
# draw 400 log-spaced snapshots of the 30,001 recorded). The 10 coordinates of the support of
# $\mathbf{x}^*$ have the same color in both panels, the 30 others are thin and gray, and the
# triangles on the right edge of each panel mark $x^*_i$.

# %%
fig = plot_paths(lambdas, coefs, ks, trace_u, x_star)
_ = save_figure(fig, "sparse_recovery_paths")

# %%
x_l1 = min_l1_solution(A, y)  # (10): signed, a linear program (HiGHS)
x_l1_pos = min_l1_solution(A, y, nonnegative=True)  # (10) with x >= 0
x_l2 = min_l2_solution(A, y)  # (8): A^+ y
rows = {
    "GD x⊙x, k = 300,000": trace_u[-1],
    "Lasso (11), smallest λ": coef_knots_signed[:, -1],
    "positive Lasso, smallest λ": coef_knots[:, -1],
    "min-ℓ1 LP (10), signed": x_l1,
    "min-ℓ1 LP, x ≥ 0": x_l1_pos,
    "min-ℓ2 A⁺y (8)": x_l2,
    "x*": x_star,
}


def support_vs_truth(w):
    s = support(w)
    extra, missing = np.setdiff1d(s, supp_star), np.setdiff1d(supp_star, s)
    if not len(extra) and not len(missing):
        return "= supp(x*)"
    return f"{len(s)} entries; extra {extra.tolist()}, missing {missing.tolist()}"


print(
    f"{'w':<28}{'‖w‖₁':>8}{'‖Aw−y‖':>10}{'‖w−x̂ℓ1‖':>10}{'‖w−x̂ℓ1+‖':>11}   support {{i : |w_i| > 1e-4}}"
)
for name, w in rows.items():
    print(
        f"{name:<28}{np.abs(w).sum():8.4f}{np.linalg.norm(A @ w - y):10.1e}"
        f"{np.linalg.norm(w - x_l1):10.4f}{np.linalg.norm(w - x_l1_pos):11.4f}   {support_vs_truth(w)}"
    )
print(
    f"\nGD at k = 300,000: largest off-support entry {np.delete(trace_u[-1], supp_star).max():.1e}; "
    f"smallest support entry {trace_u[-1][supp_star].min():.1e} (x*: {x_star[supp_star].min():.3f})"
)

# %% [markdown]
# **How do the two paths compare?** The ordering and the shape agree. Both start at
# $\mathbf{0}$ and bring in the true-support coordinates one group at a time, the largest
# correlations $(\mathbf{A}^\top\mathbf{y})_i$ first; both let a few off-support coordinates rise
# for a while and then drop them again; both end with the ten support coordinates at the values
# of $\mathbf{x}^*$. The difference is in the dynamics. The Lasso moves linearly in $\lambda$
# between kinks, while gradient descent sits on plateaus (near saddle points of (9)) and then
# jumps: a coordinate stays near its initial $10^{-6}$ until its exponential growth makes it visible
# over a short range of $\log k$. The section on time alignment below makes the comparison
# quantitative.
#
# **Do they converge to the same solution?** Yes for the positive Lasso, in the sense of
# Gunasekar et al. [1]: the path ends at $\hat{\mathbf{x}}_{\ell_1}^+$ (the nonnegative LP), which
# on this instance is $\mathbf{x}^*$ itself, and gradient descent, run to convergence (next part),
# ends within the distance printed below of it, a gap that vanishes as the initialization shrinks
# (initialization-scale part). No for the signed Lasso and (10) as literally stated: their
# solution (rows 2 and 4 of the table) has negative entries and a different support, and
# $\mathbf{x}\odot\mathbf{x}\ge\mathbf{0}$ cannot reach it; the ℓ1 bias of (9) acts within the
# nonnegative orthant. After exactly 300,000 steps, however, gradient descent is not at its limit
# yet: the table shows a residual of order $10^{-2}$, one support coordinate still missing and
# off-support coordinates still large.
#
# ### Has gradient descent converged? Running it to the end
#
# It has not: the 300,000 steps of size $10^{-3}$ cover a gradient-flow time
# $t=\eta k=300$, and the last coordinates to enter grow only like
# $e^{4t(\mathbf{A}^\top\boldsymbol{\rho})_i}$ with a small correlation. The final phase is slower
# still, because there the off-support coordinates decay at a rate proportional to their own
# size. To reach the limit we continue from $\mathbf{x}^{(300000)}$ with a larger constant step,
# chosen by a stability bound: the Hessian of (9) is
# $2\operatorname{diag}(\mathbf{A}^\top\boldsymbol{\rho}) + 4\operatorname{diag}(\mathbf{x})\mathbf{G}\operatorname{diag}(\mathbf{x})$
# with $\boldsymbol{\rho}=\mathbf{A}\mathbf{u}-\mathbf{y}$, so its norm is at most
#
# $$
# L(\mathbf{x}) = 2\|\mathbf{A}^\top\boldsymbol{\rho}\|_\infty + 4\|\mathbf{A}\operatorname{diag}(\mathbf{x})\|_2^2 ,
# \tag{20}
# $$
#
# and gradient descent is stable while $\eta L(\mathbf{x}^{(k)})<2$. We take
# $\eta_2 = 1/L(\mathbf{x}^{(300000)})$ (a factor 2 of margin) and check $\eta_2 L(\mathbf{x}^{(k)})$
# every 20,000 steps. A larger step changes the limit only by $O(\eta)$ (Even, Pesme, Gunasekar
# and Flammarion, 2023, "(S)GD over diagonal linear networks: implicit bias, large stepsizes and
# edge of stability"): the limit is compared with the gradient-flow prediction below.

# %%
eta2 = 1.0 / curvature(A, y, x_gd)
x_conv, hist = gd_to_convergence(A, y, x_gd, eta2, tol=1e-5, chunk=20_000)
u_conv = x_conv**2
print(
    f"eta2 = 1/L(x^(300000)) = {eta2:.3f}; largest eta2 * L(x) seen: {hist[:, 2].max():.2f} (< 2)"
)
print(
    f"steps to relative residual <= 1e-5: {int(hist[-1, 0]):,} more "
    f"(flow time {steps * eta + hist[-1, 0] * eta2:,.0f} against {steps * eta:.0f} for step iv)"
)
for name, ref in [("x̂ℓ1+ (= x*)", x_l1_pos), ("x̂ℓ1, signed", x_l1), ("x̂ℓ2", x_l2)]:
    print(f"  ‖x⊙x − {name:<13}‖ = {np.linalg.norm(u_conv - ref):.2e}")
print(
    f"  largest off-support entry {np.delete(u_conv, supp_star).max():.1e}, "
    f"support = supp(x*) with threshold 1e-3: {np.array_equal(support(u_conv, 1e-3), supp_star)}"
)

# %% [markdown]
# The limit has the support of $\mathbf{x}^*$ and sits at the distance printed above from
# $\hat{\mathbf{x}}_{\ell_1}^+=\mathbf{x}^*$, against distances above 0.5 from the signed
# (10) and the minimum-$\ell_2$ solutions. The remaining gap is not a lack of convergence but
# the finite initialization, as the next part shows.
#
# ### Beyond the assignment: initialization scale
#
# Why the limit is not exactly $\hat{\mathbf{x}}_{\ell_1}^+$, and how close it gets, follows from
# the gradient flow $\dot{\mathbf{x}} = -2\mathbf{x}\odot\mathbf{A}^\top\boldsymbol{\rho}$ started at
# $\mathbf{x}(0)=\alpha\mathbf{1}$ (Gunasekar et al., 2017; Woodworth et al., 2020, "Kernel and rich
# regimes in overparametrized models"). Dividing by $\mathbf{x}$ and integrating,
#
# $$
# \log\frac{\mathbf{u}(t)}{\alpha^2} = -4\,\mathbf{A}^\top\!\int_0^t \boldsymbol{\rho}(s)\,ds ,
# \tag{21}
# $$
#
# so $\log(\mathbf{u}/\alpha^2)$ stays in the row space of $\mathbf{A}$. If the flow converges to
# an interpolator $\mathbf{u}_\infty$, then $\mathbf{A}\mathbf{u}_\infty=\mathbf{y}$ and
# $\log(\mathbf{u}_\infty/\alpha^2)=\mathbf{A}^\top\boldsymbol{\nu}$, which are exactly the optimality
# conditions of the relative-entropy (KL) problem
#
# $$
# \mathbf{u}_\infty(\alpha) = \arg\min_{\mathbf{w}\ge\mathbf{0}}\ \sum_i w_i\log\frac{w_i}{\alpha^2} - w_i
# \quad\text{s.t.}\quad \mathbf{A}\mathbf{w}=\mathbf{y}.
# \tag{22}
# $$
#
# Dividing the objective by $\log(1/\alpha^2)$ shows that it tends to $\sum_i w_i=\|\mathbf{w}\|_1$
# as $\alpha\to 0$, hence $\mathbf{u}_\infty\to\hat{\mathbf{x}}_{\ell_1}^+$. Large $\alpha$ does
# *not* lead to $\hat{\mathbf{x}}_{\ell_2}=\mathbf{A}^+\mathbf{y}$ here. The "kernel regime" of
# Woodworth et al. needs a vanishing initial predictor (e.g. $\mathbf{u}=\mathbf{x}_+\odot\mathbf{x}_+ -
# \mathbf{x}_-\odot\mathbf{x}_-$ with $\mathbf{x}_+(0)=\mathbf{x}_-(0)$), while the predictor of
# (9) at initialization is $\alpha^2\mathbf{A}\mathbf{1}\neq\mathbf{0}$: substituting
# $\mathbf{w}=\alpha^2\mathbf{v}$ in (22), the constraint becomes
# $\mathbf{A}\mathbf{v}=\mathbf{y}/\alpha^2\to\mathbf{0}$, so $\mathbf{u}_\infty/\alpha^2$ tends to
# the KL projection of $\mathbf{1}$ onto $\{\mathbf{v}\ge\mathbf{0}:\mathbf{A}\mathbf{v}=\mathbf{0}\}$
# (nonempty on this instance, whose interpolating set is unbounded) and the limit grows like
# $\alpha^2$, away from both interpolators.
#
# We solve (22) through its smooth dual by Newton's method (`kl_interpolator`) and compare
# it with gradient descent run from $\alpha\mathbf{1}$ for 11 values of $\alpha$ in one batched
# run: 50,000 steps with the step $1/L$ valid along the whole run
# ($L = 2\|\mathbf{A}\mathbf{u}^{(0)}-\mathbf{y}\|+4\|\mathbf{A}\|_2^2 u_{\max}$, which bounds
# (20) while the loss decreases and $\|\mathbf{u}\|_\infty\le u_{\max}$, taken as twice the
# larger of $\alpha^2$ and the predicted limit), then 100,000 steps with $1/L(\mathbf{x})$ at the
# end point of the first phase, as above.

# %%
alphas_fine = np.geomspace(1.0, 1e-5, 41)
kl_fine = np.array([kl_interpolator(A, y, a) for a in alphas_fine])
alphas_gd = np.geomspace(1.0, 1e-5, 11)
kl_gd = np.array([kl_interpolator(A, y, a) for a in alphas_gd])
S = len(alphas_gd)
X_sw, eta1_sw, eta2_sw, stab_sw = gd_two_phase(
    np.repeat(A[None], S, axis=0),
    np.repeat(y[None], S, axis=0),
    np.outer(alphas_gd, np.ones(m)),
    u_max=2 * np.maximum(alphas_gd**2, kl_gd.max(axis=1)),
    steps1=50_000,
    steps2=100_000,
)
U_sw = X_sw**2
res_sw = np.array([relative_residual(A, y, u) for u in U_sw])
print(f"largest eta * L(x) at the end of phase 2: {stab_sw.max():.2f} (< 2)")
print(
    f"{'α':>8}{'η₁':>7}{'η₂':>7}{'GD resid.':>11}{'‖GD−KL‖':>10}{'‖GD−x̂ℓ1+‖':>12}"
    f"{'‖KL−x̂ℓ1+‖':>12}{'‖KL−x̂ℓ2‖':>11}{'‖KL‖∞/α²':>11}"
)
for a, e1, e2, r, u, w in zip(alphas_gd, eta1_sw, eta2_sw, res_sw, U_sw, kl_gd, strict=True):
    print(
        f"{a:8.0e}{e1:7.3f}{e2:7.3f}{r:11.1e}{np.linalg.norm(u - w):10.1e}"
        f"{np.linalg.norm(u - x_l1_pos):12.1e}{np.linalg.norm(w - x_l1_pos):12.1e}"
        f"{np.linalg.norm(w - x_l2):11.3f}{w.max() / a**2:11.1e}"
    )


def kl_gap(log_a):
    return np.linalg.norm(kl_interpolator(A, y, 10**log_a) - x_l1_pos) - 1e-3


alpha_1e3 = 10 ** brentq(kl_gap, -5, 0, xtol=1e-6)
print(
    f"\nthe limit is within 1e-3 of x̂ℓ1+ for α <= {alpha_1e3:.2e} "
    f"(KL limit; at α = 1e-3 the gap is {np.linalg.norm(kl_interpolator(A, y, 1e-3) - x_l1_pos):.2e})"
)
print(
    f"GD of step iv run to convergence vs the KL limit at α = 1e-3: "
    f"‖x⊙x − u∞‖ = {np.linalg.norm(u_conv - kl_interpolator(A, y, alpha)):.1e}"
)

# %%
converged = res_sw < 1e-6
fig = plot_init_scale(
    alphas_fine,
    {
        r"KL limit to $\hat{x}_{\ell_1}^+$": (
            [np.linalg.norm(w - x_l1_pos) for w in kl_fine],
            "min_l1",
        ),
        r"KL limit to $\hat{x}_{\ell_2} = A^+y$": (
            [np.linalg.norm(w - x_l2) for w in kl_fine],
            "min_l2",
        ),
    },
    alphas_gd,
    {
        r"GD to $\hat{x}_{\ell_1}^+$": (np.linalg.norm(U_sw - x_l1_pos, axis=1), "min_l1"),
        r"GD to $\hat{x}_{\ell_2}$": (np.linalg.norm(U_sw - x_l2, axis=1), "min_l2"),
    },
    converged,
)
_ = save_figure(fig, "sparse_recovery_init_scale")

# %% [markdown]
# Lines are the gradient-flow limit (22), markers gradient descent (filled where it
# converged, relative residual $<10^{-6}$; open where 150,000 steps were not enough). Three things
# stand out. (1) The distance of the limit to $\hat{\mathbf{x}}_{\ell_1}^+$ decreases steadily as
# $\alpha\to 0$, slightly faster than proportionally to $\alpha$ over this range, and crosses $10^{-3}$ at the
# $\alpha$ printed above, essentially the $\alpha=10^{-3}$ of the assignment; the limit stays at
# distance about $0.66$ from $\hat{\mathbf{x}}_{\ell_2}$ for all small $\alpha$ and moves away from
# both for $\alpha\gtrsim 0.3$, where $\|\mathbf{u}_\infty\|_\infty/\alpha^2$ has become of order
# one (last column): the limit then scales with the initialization. (2) Where gradient descent converged, it agrees with (22) up to the
# discretization error: the column ‖GD−KL‖ is small compared with the distances plotted, and
# the step-iv run continued to convergence is within the distance printed above of
# $\mathbf{u}_\infty(10^{-3})$, while its distance to $\hat{\mathbf{x}}_{\ell_1}^+$ is the
# $9.0\times 10^{-4}$ that (22) predicts. (3) For $\alpha\le 3\times 10^{-3}$, gradient
# descent stalls in the slow final phase: a smaller initialization gives a better limit but takes
# longer to reach it, which is why the open markers sit near $10^{-3}$ instead of on the line.

# %% [markdown]
# ### Beyond the assignment: time alignment of the two paths
#
# Equation (21) also says *when* gradient descent resembles which Lasso solution.
# Write $\bar{\mathbf{u}}(t)=\frac1t\int_0^t\mathbf{u}(s)\,ds$ for the time-averaged iterate; then
# $\int_0^t\boldsymbol{\rho}=t(\mathbf{A}\bar{\mathbf{u}}(t)-\mathbf{y})$ and (21) reads
# $\mathbf{A}^\top(\mathbf{y}-\mathbf{A}\bar{\mathbf{u}}(t)) = \log(\mathbf{u}(t)/\alpha^2)/(4t)$.
# With $\varepsilon=\alpha^2$ small, a coordinate that has grown to order one has
# $\log(u_i/\varepsilon)\approx\log(1/\varepsilon)$, and one still near zero has a smaller value.
# These are the optimality conditions of the positive Lasso,
# $\mathbf{A}^\top(\mathbf{y}-\mathbf{A}\hat{\mathbf{x}})=\lambda$ on its support and
# $\le\lambda$ elsewhere, at
#
# $$
# \lambda(k) = \frac{\log(1/\varepsilon)}{4\eta k},\qquad \varepsilon=\alpha^2,\ t=\eta k,
# \tag{23}
# $$
#
# up to relative errors of order $1/\log(1/\varepsilon)$; the match is closest for the time
# average $\bar{\mathbf{u}}$ (Berthier, 2025, "Diagonal linear networks and the Lasso
# regularization path"; see also Pesme and Flammarion, 2023, "Saddle-to-saddle dynamics in diagonal
# linear networks"). Below, the run of step iv ($\alpha=\eta=10^{-3}$, so $\log(1/\varepsilon)\approx 13.8$)
# is placed on the Lasso's $\lambda$ axis through (23); $\bar{\mathbf{u}}$ is the running
# mean of the recorded snapshots. The table lists, for every coordinate that becomes active on either
# path, the $\lambda$ at which it enters the Lasso path (a LARS knot) and the $\lambda(k)$ at which
# $\bar u_i$, respectively $u_i$, first exceeds $10^{-2}$.

# %%
avg_u = time_average(trace_u)
lam_k = lambda_of_step(ks[1:], eta, alpha)
print(
    f"log(1/ε) = {np.log(1 / alpha**2):.1f}; "
    f"λ(k) runs from {lam_k[0]:.0f} (k = 10) down to {lam_k[-1]:.4f} (k = 300,000); "
    f"the Lasso's λ_max = {lam_knots[0]:.3f}"
)


def lasso_entry(i):
    """λ at the knot where coordinate i first becomes positive on the positive Lasso path."""
    on = np.flatnonzero(coef_knots[i] > 0)
    return lam_knots[on[0] - 1] if len(on) else np.nan


def gd_entry(v, i, level=1e-2):
    """λ(k) at the first recorded k with v_i(k) > level."""
    above = np.flatnonzero(v[1:, i] > level)
    return lam_k[above[0]] if len(above) else np.nan


lasso_in = {i: lasso_entry(i) for i in range(m)}
avg_in = {i: gd_entry(avg_u, i) for i in range(m)}
raw_in = {i: gd_entry(trace_u, i) for i in range(m)}
active = [i for i in range(m) if not (np.isnan(lasso_in[i]) and np.isnan(raw_in[i]))]
active.sort(key=lambda i: -np.nan_to_num(lasso_in[i], nan=-1))
print(
    f"{'i':>3}{'in supp x*':>12}{'Lasso: λ in':>13}{'ū > 1e-2 at λ(k)':>19}{'u > 1e-2 at λ(k)':>19}"
    f"{'Lasso λ→0':>11}{'GD limit':>10}"
)


def fmt(v, width):
    return f"{'never':>{width}}" if np.isnan(v) else f"{v:{width}.4f}"


for i in active:
    print(
        f"{i:>3}{'yes' if x_star[i] > 0 else '':>12}{fmt(lasso_in[i], 13)}{fmt(avg_in[i], 19)}"
        f"{fmt(raw_in[i], 19)}{coef_knots[i, -1]:11.4f}{u_conv[i]:10.4f}"
    )


def entry_order(entry):
    return sorted((i for i in entry if not np.isnan(entry[i])), key=lambda i: -entry[i])


print("order of entry, Lasso:            ", entry_order(lasso_in))
print("order of entry, GD (time average):", entry_order(avg_in))
print("order of entry, GD (iterate):     ", entry_order(raw_in))
both = [i for i in active if not np.isnan(lasso_in[i]) and not np.isnan(avg_in[i])]
ratio = np.array([avg_in[i] / lasso_in[i] for i in both])
k_9 = np.log(1 / alpha**2) / (4 * eta * lasso_in[9])
print(f"coordinate 9 enters the Lasso at λ = {lasso_in[9]:.4f}; λ(k) reaches it at k = {k_9:,.0f}")
j18 = np.argmax(trace_u[:, 18])
print(
    f"coordinate 18: GD iterate peaks at {trace_u[j18, 18]:.3f} (k = {ks[j18]:,}); "
    f"largest value on the Lasso path {coef_knots[18].max():.3f}; final {u_conv[18]:.3f}"
)
print(
    f"entry λ of GD (average) / entry λ of Lasso over the {len(both)} coordinates entering both: "
    f"median {np.median(ratio):.2f}, range [{ratio.min():.2f}, {ratio.max():.2f}]"
)

# %%
fig = plot_time_alignment(lambdas, coefs, lam_k, trace_u[1:], avg_u[1:], x_star)
_ = save_figure(fig, "sparse_recovery_time_alignment")

# %% [markdown]
# **What matches.** On the common axis the two paths line up: the Lasso's $\lambda_{\max}$ falls
# where gradient descent leaves its first plateau, the ten support coordinates and the transient
# off-support ones enter in nearly the same order (lists above), and for coordinates that enter
# both paths the entry $\lambda$ of the time-averaged iterate is within the ratio range printed
# above of the Lasso's, with median ratio about 1.1 (consistent with the $O(1/\log(1/\varepsilon))$
# error, with $\log(1/\varepsilon)=13.8$). The time average follows the Lasso curves closely
# (right panel), including the rise and fall of the off-support coordinates; the prediction also
# says when the last Lasso coordinate, $i=9$ (enters at $\lambda=0.0074$), should appear:
# at the $k$ printed above, later than the 300,000 steps of step iv,
# which is exactly why it is still missing in the table of step vi.
#
# **What does not.** The raw iterate (left panel) is not a Lasso solution: it jumps from plateau
# to plateau, overshoots (coordinate 18, printed above, rises well above any value it takes on the
# Lasso path before settling), and its coordinates
# reach $10^{-2}$ at a $\lambda(k)$ that is systematically larger, since each jump happens over
# a short stretch of $\log k$ while the Lasso moves linearly in $\lambda$. Transient
# coordinates differ in detail: coordinate 19 rises in gradient descent but never enters the
# positive Lasso, and coordinate 27 enters the Lasso briefly while its time average stays below
# $10^{-2}$. These are the saddle-to-saddle jumps described by Pesme and Flammarion (2023); only
# as $\varepsilon\to 0$ do they collapse onto the Lasso path.
#
# ### Beyond the assignment: robustness over random instances
#
# The same experiment on 24 instances (seeds 0–23), all in one batched run: gradient descent from
# $10^{-3}\mathbf{1}$, 60,000 steps with the globally valid step $1/L$ and 140,000 with the local
# $1/L(\mathbf{x})$ as in the initialization-scale part, together with the exact gradient-flow
# limit (22) at $\alpha=10^{-3}$ and, to see the trend, at $\alpha=10^{-6}$. "Has the LP's
# support" means that the $s$ largest entries of $\mathbf{x}\odot\mathbf{x}$ are exactly the $s$
# nonzeros of $\hat{\mathbf{x}}_{\ell_1}^+$.

# %%
seeds = np.arange(24)
inst = [make_problem(seed=int(s)) for s in seeds]
As = np.stack([p[0] for p in inst])
xs_star = np.stack([p[1] for p in inst])
ys = np.stack([p[2] for p in inst])
lp_pos = np.stack([min_l1_solution(a, b, nonnegative=True) for a, b in zip(As, ys, strict=True)])
lp_signed = np.stack([min_l1_solution(a, b) for a, b in zip(As, ys, strict=True)])
X_r, _, _, stab_r = gd_two_phase(
    As,
    ys,
    np.full((len(seeds), m), alpha),
    u_max=2 * np.maximum(alpha**2, lp_pos.max(axis=1)),
    steps1=60_000,
    steps2=140_000,
)
candidates = {
    "GD, 200,000 steps": X_r**2,
    "KL limit, α = 1e-3": np.stack(
        [kl_interpolator(a, b, 1e-3) for a, b in zip(As, ys, strict=True)]
    ),
    "KL limit, α = 1e-6": np.stack(
        [kl_interpolator(a, b, 1e-6) for a, b in zip(As, ys, strict=True)]
    ),
}


def has_lp_support(u, lp):
    s = np.flatnonzero(lp > 1e-9)
    return set(np.argsort(u)[-len(s) :]) == set(s)


print(f"largest eta * L(x) at the end: {stab_r.max():.2f} (< 2)")
n_pos = sum(np.allclose(a, b, atol=1e-8) for a, b in zip(lp_pos, xs_star, strict=True))
n_signed = sum(np.allclose(a, b, atol=1e-8) for a, b in zip(lp_signed, xs_star, strict=True))
print(f"nonnegative LP recovers x*: {n_pos}/24; signed LP (10) recovers x*: {n_signed}/24")
res_r = np.linalg.norm(np.einsum("snm,sm->sn", As, X_r**2) - ys, axis=1) / np.linalg.norm(
    ys, axis=1
)
print(f"GD relative residual: median {np.median(res_r):.1e}, max {res_r.max():.1e}")
print(
    f"\n{'':<22}{'LP support':>11}   ‖x⊙x − x̂ℓ1+‖: min / 25% / median / 75% / max"
    f"{'excess ℓ1 (median)':>22}"
)
for name, U in candidates.items():
    hits = sum(has_lp_support(u, lp) for u, lp in zip(U, lp_pos, strict=True))
    d = np.linalg.norm(U - lp_pos, axis=1)
    q = np.quantile(d, [0, 0.25, 0.5, 0.75, 1])
    excess = np.median(U.sum(axis=1) / lp_pos.sum(axis=1) - 1)
    print(f"{name:<22}{hits:>8}/24   " + " / ".join(f"{v:.1e}" for v in q) + f"{excess:>16.1e}")
d_gd_kl = np.linalg.norm(candidates["GD, 200,000 steps"] - candidates["KL limit, α = 1e-3"], axis=1)
print(f"\n‖GD − KL limit (α = 1e-3)‖: median {np.median(d_gd_kl):.1e}, max {d_gd_kl.max():.1e}")

# %% [markdown]
# Over the 24 instances the nonnegative LP recovers $\mathbf{x}^*$ far more often than the signed
# (10) (counts above): for nonnegative $\mathbf{x}^*$ the constraint $\mathbf{x}\ge\mathbf{0}$ is
# itself a strong prior. Gradient descent and its limit are always near-optimal for the
# $\ell_1$ norm, with a median excess $\|\mathbf{u}\|_1/\|\hat{\mathbf{x}}_{\ell_1}^+\|_1-1$ of
# about $10^{-3}$ at $\alpha=10^{-3}$, but the distance to $\hat{\mathbf{x}}_{\ell_1}^+$ is spread
# over three orders of magnitude: seed 0 is one of the favorable instances. A tiny excess
# $\ell_1$ norm together with a large distance means that $\|\cdot\|_1$ is nearly flat along part
# of the interpolating set; there the entropy term of (22), whose relative weight is
# $1/\log(1/\alpha^2)\approx 0.07$ at $\alpha=10^{-3}$, decides where the limit lands, and the
# support test can fail. Shrinking $\alpha$ to
# $10^{-6}$ (last row) raises the number of instances with the LP's support and lowers the
# median distance by more than two orders of magnitude, as the theory predicts; gradient descent
# itself would need even more steps there.

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
# norm PSD completion. For a PSD matrix $X = Q\Lambda Q^\top$ the singular values are the
# eigenvalues $\lambda_i \ge 0$ (an SVD is $Q\Lambda Q^\top$ itself), hence
# $\|X\|_* = \sum_i \lambda_i = \operatorname{trace}(X)$, and the minimum nuclear norm completion
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
# $\mathcal N(0, 1/D)$ entries (each of the $r$ nonzero eigenvalues is about 1); each entry
# $(i,j)$, $i\le j$, is observed with probability $p$. We take $D = 20$ and $r = 2$, with
# $p = 0.25$ (hard) or $p = 0.5$ (easy). $D = 20$, the low end of the sizes one would
# consider, is chosen for speed: it lets this section sweep four hard instances within its
# time budget (the cost of one step grows like $D^3$; see `benchmarks/`).
# The cell prints, for the hard problem seeds 0–3, how far $X_{\mathrm{nuc}}$ is from $Y$;
# seed 0 is the main instance, seeds 1–3 serve as a robustness check.

# %%
from hw3.matrix_completion import (
    effective_rank,
    factorized_gd_completion,
    greedy_low_rank_completion,
    initialization_sweep,
    make_completion_problem,
    min_nuclear_norm_completion,
    plot_alpha_sweep,
    plot_counterexample,
    relative_distance,
    sweep_summary,
    trace_fixed_by_data,
    triangle_counterexample,
)

D_MC, RANK_MC, P_HARD, P_EASY = 20, 2, 0.25, 0.5
problems = {}  # name -> (Y, mask, X_nuc, p)
for name, p, problem_seed in [("hard", P_HARD, k) for k in range(4)] + [("easy", P_EASY, 0)]:
    key = f"{name} {problem_seed}"
    Y_r, mask_r = make_completion_problem(D_MC, RANK_MC, p, seed=problem_seed)
    X_r = min_nuclear_norm_completion(Y_r, mask_r)
    problems[key] = (Y_r, mask_r, X_r, p)
    print(
        f"{key}: p = {p}, observed {mask_r.sum()} of {D_MC**2} entries and "
        f"{mask_r.diagonal().sum()} of {D_MC} diagonal ones; trace fixed by the data: "
        f"{trace_fixed_by_data(mask_r)}"
    )
    print(
        f"    ||X_nuc - Y||_F/||Y||_F = {relative_distance(X_r, Y_r):.2e}; nuclear norms "
        f"X_nuc {np.trace(X_r):.4f}, Y {np.trace(Y_r):.4f}; effective ranks "
        f"X_nuc {effective_rank(X_r):.3f}, Y {effective_rank(Y_r):.3f}"
    )

# %% [markdown]
# ### The sweep over the initialization scale
#
# We run (24) from $U_0 = \alpha U_{\mathrm{init}}$ with the full square $U$ of (12).
# $U_{\mathrm{init}}$ is Gaussian with i.i.d. $\mathcal N(0, 1/D)$ entries, so that
# $U_{\mathrm{init}}U_{\mathrm{init}}^\top \approx I$ and $\alpha^2$ is the scale of $X$ at
# initialization; a random (rather than identity) $U_{\mathrm{init}}$ is the generic case, and
# its five seeds give the error bars. We take $\alpha \in \{1, 10^{-1}, \dots, 10^{-6}\}$ and
# step $\eta = 0.08/p$ (the curvature of (12) grows with the fraction $p$ of observed entries).
# All $7 \times 5$ runs of an instance are one stack of factors, updated with one batched
# matrix product per step. The main hard instance runs 20,000 steps, and the table also
# prints the distance to $X_{\mathrm{nuc}}$ after the first 10,000, to show how settled the
# answer is; the easy instance runs 10,000 steps. The printed loss is the largest over seeds.

# %%
ALPHAS = np.logspace(0, -6, 7)
N_SEEDS, STEPS_MC = 5, 10_000


def print_sweep(title, s, alphas, extra=None):
    """One row per alpha: mean +- std over seeds of the diagnostics of sweep_summary."""
    print(title)
    print(
        "   alpha   dist to X_nuc    dist to Y       nuc. gap  eff. rank  max loss"
        + ("   dist to X_nuc at half the steps" if extra is not None else "")
    )
    for i, alpha in enumerate(alphas):
        row = (
            f"  {alpha:6.0e}  {s['dist_nuc'][i].mean():.3f} +- {s['dist_nuc'][i].std():.3f}"
            f"  {s['dist_truth'][i].mean():.3f} +- {s['dist_truth'][i].std():.3f}"
            f"  {s['nuc_gap'][i].mean():+9.4f}  {s['erank'][i].mean():7.3f}"
            f"   {s['loss'][i].max():.1e}"
        )
        if extra is not None:
            row += f"   {extra['dist_nuc'][i].mean():.3f} +- {extra['dist_nuc'][i].std():.3f}"
        print(row)


summaries = {}
for key in ("hard 0", "easy 0"):
    Y_r, mask_r, X_r, p = problems[key]
    U_r = initialization_sweep(Y_r, mask_r, ALPHAS, N_SEEDS, 0.08 / p, STEPS_MC, seed=0)
    half = None
    if key == "hard 0":  # continue for another STEPS_MC steps
        half = sweep_summary(U_r, Y_r, mask_r, X_r)
        U_r = factorized_gd_completion(
            Y_r, mask_r, U_r.reshape(-1, D_MC, D_MC), 0.08 / p, STEPS_MC
        ).reshape(U_r.shape)
    summaries[key] = sweep_summary(U_r, Y_r, mask_r, X_r)
    steps = 2 * STEPS_MC if half is not None else STEPS_MC
    print_sweep(
        f"{key} ({steps} steps; mean +- std over {N_SEEDS} seeds)", summaries[key], ALPHAS, half
    )

# %%
fig = plot_alpha_sweep(
    ALPHAS,
    {
        r"hard (seed 0): $p = 0.25$, $X_{\mathrm{nuc}} \neq Y$": summaries["hard 0"],
        r"easy (seed 0): $p = 0.5$, $X_{\mathrm{nuc}} = Y$": summaries["easy 0"],
    },
)
_ = save_figure(fig, "matrix_completion_alpha_sweep")

# %% [markdown]
# Is the main instance typical? The next cell repeats the sweep on the hard problem seeds 1–3
# at $\alpha \in \{10^{-2}, 10^{-4}, 10^{-6}\}$ with three initialization seeds and 20,000
# steps each.

# %%
ALPHAS_CHECK = np.array([1e-2, 1e-4, 1e-6])
for key in ("hard 1", "hard 2", "hard 3"):
    Y_r, mask_r, X_r, p = problems[key]
    U_r = initialization_sweep(Y_r, mask_r, ALPHAS_CHECK, 3, 0.08 / p, 2 * STEPS_MC, seed=0)
    print_sweep(
        f"{key} (||X_nuc - Y||/||Y|| = {relative_distance(X_r, Y_r):.3f})",
        sweep_summary(U_r, Y_r, mask_r, X_r),
        ALPHAS_CHECK,
    )

# %% [markdown]
# **Reading the sweep.** In the easy regime the conjecture and the truth coincide, and the
# table shows what a confirmation looks like: the distance of $UU^\top$ to
# $X_{\mathrm{nuc}} = Y$ and the nuclear-norm gap shrink steadily as $\alpha \to 0$, down to
# the printed precision at $\alpha = 10^{-6}$. In the hard regime (seed 0) they do not. The
# distance to $X_{\mathrm{nuc}}$ is smallest at $\alpha = 10^{-2}$ and then *grows*
# monotonically as $\alpha \to 0$, and so does the nuclear-norm gap; the change in distance
# between $\alpha = 10^{-2}$ and $10^{-6}$ exceeds the seed spread, the losses are at most
# $4\cdot 10^{-10}$ (the GD solutions are completions to that accuracy, so a positive gap is a
# real excess of nuclear norm), and the distances after half the steps agree with the final
# ones within 0.002. Meanwhile the effective rank of $UU^\top$ falls below that of
# $X_{\mathrm{nuc}}$ towards that of $Y$: small initialization trades nuclear norm for lower
# rank. GD does not converge to $Y$ either: at $\alpha = 10^{-6}$ it is 0.28 from $Y$ and 0.34 from
# $X_{\mathrm{nuc}}$.
#
# The three other hard instances agree on the main point and differ in the details. At
# $\alpha = 10^{-6}$ the GD completion is at least 0.2 (relative) away from
# $X_{\mathrm{nuc}}$ in every instance, always with a lower effective rank than
# $X_{\mathrm{nuc}}$. On seed 1 it moves steadily towards $Y$ (distance 0.033 at
# $\alpha = 10^{-6}$) and away from $X_{\mathrm{nuc}}$; on seeds 2 and 3 it is closer to
# $X_{\mathrm{nuc}}$ than to $Y$ without converging to either. (The negative gaps of seed 1 come
# with losses around $10^{-7}$: those runs are not yet exact completions, and an inexact
# completion can have a smaller trace than $X_{\mathrm{nuc}}$.)

# %% [markdown]
# ### Beyond the assignment: minimum rank versus minimum nuclear norm
#
# Li, Luo and Lyu (2021, "Towards resolving the implicit bias of gradient descent for matrix
# factorization: greedy low-rank learning", ICLR) argue that, with infinitesimal
# initialization, gradient flow on $UU^\top$ behaves like *greedy low-rank learning* (GLRL):
# it first grows along the top eigenvector of $-\nabla f(0) = P_\Omega(Y)$, fits the best
# rank-one factor, then adds one rank at a time along the top eigenvector of the residual
# $P_\Omega(Y - UU^\top)$, stopping at the first rank with zero loss. That is a rank
# heuristic, not a norm minimizer, and they build counterexamples to the conjecture from it;
# Razin and Cohen (2020, "Implicit regularization in deep learning may not be explainable by
# norms", NeurIPS) give a $2\times 2$ asymmetric completion where gradient descent drives every
# norm to infinity while lowering the effective rank. We construct a small symmetric PSD
# instance in that spirit where the minimum-rank and the minimum nuclear norm completions are
# different matrices, and check which one gradient descent picks.
#
# Take $D = 3$ and observe only the three off-diagonal entries, $Y_{12} = \varepsilon$,
# $Y_{13} = Y_{23} = 1$, with $0 < \varepsilon < 1/2$. A rank-one PSD completion $xx^\top$ must
# satisfy $x_1x_2 = \varepsilon$, $x_1x_3 = x_2x_3 = 1$, hence
# $x_1^2 = (x_1x_2)(x_1x_3)/(x_2x_3) = \varepsilon$: the observed edges form an odd cycle, and
# $Y = xx^\top$ with $x = (\sqrt\varepsilon, \sqrt\varepsilon, 1/\sqrt\varepsilon)$ is the
# *unique* minimum-rank completion, with $\|Y\|_* = 2\varepsilon + 1/\varepsilon$. But the
# rank-two matrix
#
# $$
# X_\star = \begin{pmatrix} 1-\varepsilon & \varepsilon & 1 \\ \varepsilon & 1-\varepsilon & 1 \\ 1 & 1 & 2 \end{pmatrix}
# \tag{26}
# $$
#
# is also a PSD completion when $\varepsilon < 1/2$ (its eigenvalues are $0$, $1-2\varepsilon$
# and $3$, with eigenvectors $(1,1,-1)$, $(1,-1,0)$, $(1,1,2)$), of trace $4-2\varepsilon$,
# and it is the minimum nuclear norm completion. Proof by a dual certificate: let $Z = nn^\top$ with $n = (1,1,-1)$; $Z \succeq 0$,
# $Z_{ii} = 1$, so $\Lambda = I - Z$ vanishes on the diagonal and is supported on $\Omega$.
# For any PSD completion $X$,
#
# $$
# \operatorname{trace}(X) = \langle Z, X\rangle + \langle \Lambda, X\rangle \ \ge\ \langle \Lambda, Y\rangle
# = 2\,(\Lambda_{12}Y_{12} + \Lambda_{13}Y_{13} + \Lambda_{23}Y_{23}) = 2(2 - \varepsilon),
# \tag{27}
# $$
#
# because $\langle Z, X\rangle \ge 0$ for PSD $Z, X$ and $\langle\Lambda, X\rangle$ only
# involves observed entries ($\Lambda_{12} = -1$, $\Lambda_{13} = \Lambda_{23} = 1$). Equality
# holds for $X_\star$ since $ZX_\star = 0$. With $\varepsilon = 0.2$: $\|Y\|_* = 5.4$ against
# $\|X_\star\|_* = 3.6$, and the two are far apart. The cell below checks this with the SDP
# (whose entries are accurate to about $10^{-4}$ only: the optimum is unique but degenerate,
# the smallest eigenvalue growing quadratically away from it),
# runs GLRL, and sweeps $\alpha$ from 1 to $10^{-8}$ for gradient descent ($\eta = 0.05$,
# 10,000 steps, five seeds, $U \in \mathbb{R}^{3\times 3}$).

# %%
EPS_TRI = 0.2
Y_t, mask_t = triangle_counterexample(EPS_TRI)
X_t = min_nuclear_norm_completion(Y_t, mask_t)
print("minimum nuclear norm completion (SDP):\n", X_t.round(4))
print(
    f"  ||X_nuc||_* = {np.trace(X_t):.4f} (closed form 4 - 2 eps = {4 - 2 * EPS_TRI:.4f}), "
    f"eigenvalues {np.linalg.eigvalsh(X_t).round(4) + 0.0}, "
    f"effective rank {effective_rank(X_t):.3f}"
)
print(
    f"minimum-rank completion Y: ||Y||_* = {np.trace(Y_t):.4f}, rank "
    f"{np.linalg.matrix_rank(Y_t)}, effective rank {effective_rank(Y_t):.3f}"
)
print(f"||X_nuc - Y||_F / ||Y||_F = {relative_distance(X_t, Y_t):.3f}")

U_glrl, glrl_losses = greedy_low_rank_completion(Y_t, mask_t, eta=0.05, steps_per_rank=10_000)
print(
    f"GLRL: stopped at rank {U_glrl.shape[1]} with loss {glrl_losses[-1]:.1e}; "
    f"distance to Y {relative_distance(U_glrl @ U_glrl.T, Y_t):.1e}"
)

ALPHAS_TRI = np.logspace(0, -8, 9)
U_t = initialization_sweep(Y_t, mask_t, ALPHAS_TRI, N_SEEDS, 0.05, 10_000, seed=0)
s_t = sweep_summary(U_t, Y_t, mask_t, X_t)
print("\n  alpha   ||UU^T||_*   eff. rank   dist to Y   dist to X_nuc   loss (max)")
for i, alpha in enumerate(ALPHAS_TRI):
    print(
        f"  {alpha:6.0e}  {s_t['nuc_gap'][i].mean() + np.trace(X_t):8.4f}"
        f"     {s_t['erank'][i].mean():6.3f}     {s_t['dist_truth'][i].mean():.1e}"
        f"       {s_t['dist_nuc'][i].mean():.3f}        {s_t['loss'][i].max():.1e}"
    )

# %%
fig = plot_counterexample(ALPHAS_TRI, s_t, Y_t, X_t)
_ = save_figure(fig, "matrix_completion_counterexample")

# %% [markdown]
# As printed above, gradient descent picks the **minimum-rank** completion: from
# $\alpha = 10^{-3}$ down, the relative distance of $UU^\top$ to $Y$ is at most
# $2\cdot 10^{-4}$ and falls below $10^{-12}$, its nuclear norm is within $10^{-3}$ of
# $\|Y\|_* = 5.4$ and its effective rank is 1.000, and GLRL stops at rank one at the same matrix.
# GD is closest to the minimum nuclear norm completion $X_\star$ (nuclear norm 3.6, effective
# rank 1.569) at $\alpha = 1$, and even there 0.31 away; shrinking $\alpha$ moves it *away*
# from $X_\star$, the opposite of what the conjecture predicts.
#
# ### Verdict
#
# The conjecture holds where it is not tested: when $X_{\mathrm{nuc}} = Y$ (easy regime),
# gradient descent with small initialization converges to it, and the distance and the gap
# shrink steadily with $\alpha$. Where the minimum nuclear norm is a real choice, the evidence
# goes against it. On the main random hard instance ($X_{\mathrm{nuc}}$ 0.25 away from $Y$) the
# distance to $X_{\mathrm{nuc}}$ is smallest at $\alpha = 10^{-2}$ and grows as $\alpha \to 0$,
# as does the nuclear-norm gap, with converged runs and error bars smaller than the trend; on
# all four random hard instances GD at $\alpha = 10^{-6}$ stays at least 0.2 away from
# $X_{\mathrm{nuc}}$ and prefers completions of lower effective rank. On the three-by-three
# instance the answer is unambiguous: gradient descent converges to the unique minimum-rank
# completion, whose nuclear norm is 50% above the minimum, as the greedy low-rank picture of
# Li, Luo and Lyu (2021) predicts. How confident can we be? The counterexample is exact
# (closed-form optimum (26) with the dual certificate (27), GD losses below
# $10^{-26}$, agreement with
# GLRL). The random instances are few, small ($D = 20$) and explored at one step size per
# instance, and GD on them is neither the minimum nuclear norm nor, reliably, the minimum
# rank solution; they show that the conjecture fails there at every scale we reached, not
# what the exact limit $\alpha \to 0$, $\eta \to 0$ is.
