# ---
# jupyter:
#   authors:
#   - name: EN 580.745 reference solution
#   date: 1 December 2026
#   jupytext:
#     formats: ipynb,py:percent
#     notebook_metadata_filter: authors,date,title
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
#   title: 'Homework 3: Mathematics of Deep Learning (EN 580.745)'
# ---

# %% [markdown]
# Problem 1 and 2(a)–(d) are proofs; 2(e) and the bonus 2(f) are experiments, each ending in a
# figure and an answer whose numbers are generated from the computation (code: the unit-tested
# package `hw3/`). Equations (1)–(12) are the assignment's, ours continue from (13); coordinates are
# numbered from 1. Numerical checks and material beyond the questions: Appendices A–D.

# %% tags=["remove_input"]

import math

import numpy as np

from hw3 import figures, sparse_recovery, tables
from hw3 import matrix_completion as mc
from hw3.display import (
    coordinates,
    join_words,
    leading,
    listing,
    ordinal,
    say,
    show_figure,
    show_table,
    tex_sci,
)
from hw3.experiments.dropout import gradient_bias, identity_check
from hw3.experiments.least_squares import (
    convergence_check,
    min_norm_check,
    smoothness_check,
    solution_set_check,
)
from hw3.experiments.matrix_completion import (
    DOUBLE,
    FLOAT64,
    MAX_STEPS,
    OWN,
    alpha_sweep,
    triangle,
    unbounded_stage,
)
from hw3.experiments.sparse_recovery import (
    RANK_SHIFT,
    continuation,
    init_scale,
    paths,
    robustness,
    time_alignment,
)

# %% [markdown]
# **Answers in brief.**

# %% jupyter={"source_hidden": true} tags=["remove_input"]
run, cont, sweep, tri = paths(), continuation(), alpha_sweep(), triangle()
hard = sweep.hard_indices
to_Y, to_glrl = sweep.with_verdict("Y"), sweep.with_verdict("GLRL")
agree = len(run.common_prefix)
converged = cont.distance_l1_pos < 1e-2 * np.linalg.norm(run.l1_pos)
brief_2e = (
    r"- **2(e)** *Lasso path against gradient descent:* all bring coordinates in one after another, "
    rf"none in the same order: gradient descent agrees with the path of (11) *with* $\mathbf{{x}}\ge\mathbf{{0}}$ on "
    rf"{leading(agree)} of its {len(run.gd_order)} entries, with the Lasso path of (11) on "
    rf"{leading(len(sparse_recovery.common_prefix(run.gd_order, run.signed_order)))}. *Same end point?* **No for the Lasso path of (11)**, which ends "
    rf"at the signed solution (10), with {run.signed_negative_end} negative entries that "
    r"$\mathbf{x}\odot\mathbf{x}$ cannot produce; "
    + (
        r"**yes for the path with $\mathbf{x}\ge\mathbf{0}$**, once gradient descent has converged"
        if converged
        else r"**not yet for the path with $\mathbf{x}\ge\mathbf{0}$**, even once gradient descent has converged"
    )
    + (f" (not after the {run.steps:,} steps asked for)" if run.missing_support else "")
    + rf": it ends ${tex_sci(cont.distance_l1_pos)}$ from the nonnegative minimum-$\ell_1$ interpolator"
    + (r" ($\mathbf{x}^*$ here)" if np.allclose(run.l1_pos, run.x_star, atol=1e-8) else "")
    + (r", a gap due to $\alpha > 0$." if cont.distance_kl < 0.1 * cont.distance_l1_pos else ".")
)
say(
    r"- **1(a)** For $m\ge2$ the expectation in (3) is $\frac{m-1}{m}$ times the objective of (4) plus a "
    r"constant in $X$ only, (14): (3) and (4) have the same minimizers. **1(b)** The sampling law "
    r"$\mathcal{D}_{(U,V)}$ depends on the parameters, so a sampled gradient is biased; in (1) it is not."
    "\n"
    r"- **2(a)–(d)** The solutions of (5) are $\mathbf{A}^\top(\mathbf{A}\mathbf{A}^\top)^{-1}\mathbf{y}$ plus "
    r"$\operatorname{null}(\mathbf{A})$; (6) holds with $\eta=1/\|\mathbf{A}\|_2^2$; gradient descent with that "
    r"step converges linearly to a solution, from $\mathbf{0}$ to $\mathbf{A}^+\mathbf{y}$, the "
    r"minimum-$\ell_2$-norm solution."
    "\n" + brief_2e + "\n"
    r"- **2(f)** The experiments contradict the conjecture: where (25) certifies the minimum nuclear norm PSD "
    r"completion of a three-by-three instance, gradient descent ends at the minimum-rank one; as $\alpha\to0$ "
    rf"(as far as the sweep goes: a label can change late) on {len(hard)} random hard instances it ends at the "
    rf"ground truth on {len(to_Y)}, at the completion of "
    rf"greedy low-rank learning [6] on {len(to_glrl)}, nowhere (norms grow) on "
    rf"{len(sweep.with_verdict('grows'))}, unresolved on {len(sweep.with_verdict('neither'))}: never at the "
    r"minimum nuclear norm completion (numerical evidence, not a proof)."
)

# %% [markdown]
# # Problem 1: A variant of matrix factorization dropout
#
# ## 1(a) The expectation in (3)
#
# **Notation.** $\langle A,B\rangle=\operatorname{tr}(A^\top B)$ and $\|A\|_F^2=\langle A,A\rangle$.
# Let $u_i\in\mathbb{R}^D$, $v_i\in\mathbb{R}^N$ be the $i$-th columns of $U$, $V$ and
#
# $$
# M_i=u_iv_i^\top,\qquad a_i=\|M_i\|_F=\|u_i\|_2\,\|v_i\|_2,\qquad
# \Theta=\Theta(U,V)=\sum_{i=1}^r a_i,\qquad W=UV^\top=\sum_{i=1}^r M_i ,
# $$
#
# (indeed $\|uv^\top\|_F^2=\sum_{d,n}u_d^2v_n^2=\|u\|_2^2\|v\|_2^2$). Let
# $\mathcal{I}=\{i:a_i>0\}$ and, for $i\in\mathcal{I}$, $\bar M_i=M_i/a_i$, a unit-norm rank-one
# matrix.
#
# **Assumptions.** $m\ge1$ is an integer ($m\ge2$, as in the assignment, from Theorem 1 on), and
# $\Theta>0$: some factor $u_iv_i^\top$ is nonzero, otherwise every denominator in (2) vanishes and
# $\mathcal{D}_{(U,V)}$ is undefined (Remark (i) of Appendix D.1 treats $\Theta=0$). We do *not* need the
# footnote's assumption that the factors are distinct.
#
# **The law of one draw.** Let $J$ be a random index with $\Pr(J=i)=p_i=a_i/\Theta$ and
# $Z=\bar M_J$. Then $Z\sim\mathcal{D}_{(U,V)}$: by (2) the value $\bar u\bar v^\top$ has
# probability $\sum_{i:\bar M_i=\bar u\bar v^\top}p_i$, which is the single $p_i$ of (2) when the
# $\bar M_i$ are distinct and the total mass of the coinciding ones when they are not (that is
# the footnote's consolidation, which changes neither $W$ nor $\Theta$); the $p_i$ sum to 1, and a
# zero factor ($a_i=0$) has $p_i=0$ and is never drawn. The objective of (3) is
# $F_3(U,V)=\mathbb{E}\,\|X-S\|_F^2$ with
#
# $$
# S=\frac{\Theta}{m}\sum_{j=1}^m Z_j,\qquad Z_j=\bar M_{J_j},\quad J_1,\dots,J_m \ \text{i.i.d.\ as}\ J .
# $$
#
# All expectations below are finite sums, so linearity of expectation applies without conditions.
#
# **Lemma 1 (one draw).** $\mathbb{E}Z=W/\Theta$, $\|Z\|_F=1$, and
# $\mathbb{E}\|Z-\mathbb{E}Z\|_F^2=1-\|W\|_F^2/\Theta^2$.
#
# *Proof.* $\mathbb{E}Z=\sum_{i\in\mathcal{I}}\frac{a_i}{\Theta}\frac{M_i}{a_i}
# =\frac{1}{\Theta}\sum_{i=1}^r M_i=\frac{W}{\Theta}$, since $M_i=0$ for $i\notin\mathcal{I}$.
# Every $\bar M_i$ has unit norm. Since $\mathbb{E}Z$ is a constant matrix,
# $\mathbb{E}\|Z-\mathbb{E}Z\|_F^2=\mathbb{E}\|Z\|_F^2-2\langle\mathbb{E}Z,\mathbb{E}Z\rangle
# +\|\mathbb{E}Z\|_F^2=1-\|W\|_F^2/\Theta^2$. $\square$
#
# **Lemma 2 (the scaled sample average).** $\mathbb{E}S=W$ and
# $\mathbb{E}\|S-W\|_F^2=(\Theta^2-\|W\|_F^2)/m$.
#
# *Proof.* By linearity and Lemma 1, $\mathbb{E}S=\frac{\Theta}{m}\cdot m\cdot\frac{W}{\Theta}=W$.
# With $\Delta_j=Z_j-\mathbb{E}Z$, $S-W=\frac{\Theta}{m}\sum_j\Delta_j$ and
# $\|S-W\|_F^2=\frac{\Theta^2}{m^2}\big(\sum_{j}\|\Delta_j\|_F^2+\sum_{j\neq
# k}\langle\Delta_j,\Delta_k\rangle\big)$.
# For $j\neq k$, $\langle\Delta_j,\Delta_k\rangle$ is a sum of products of an entry of $\Delta_j$
# and an entry of $\Delta_k$, which are independent with mean $0$, so its expectation is $0$.
# By Lemma 1, $\mathbb{E}\|S-W\|_F^2=\frac{\Theta^2}{m^2}\,m\,\big(1-\frac{\|W\|_F^2}{\Theta^2}\big)
# =\frac{\Theta^2-\|W\|_F^2}{m}$. $\square$
#
# **Proposition 1 (bias–variance form of (3)).** For every $m\ge1$,
#
# $$
# F_3(U,V)=\|X-UV^\top\|_F^2+\frac{\Theta(U,V)^2-\|UV^\top\|_F^2}{m}.
# \tag{13}
# $$
#
# *Proof.* $\|X-S\|_F^2=\|X-W\|_F^2-2\langle X-W,S-W\rangle+\|S-W\|_F^2$. The middle term has
# expectation $0$ because $X-W$ is deterministic and $\mathbb{E}[S-W]=0$; the last has
# expectation $(\Theta^2-\|W\|_F^2)/m$ (Lemma 2). $\square$
#
# **Theorem 1 (equivalence of (3) and (4)).** Let $m\ge2$, $\tilde X=\frac{m}{m-1}X$ and
# $F_4(U,V)=\|\tilde X-UV^\top\|_F^2+\frac{1}{m-1}\Theta(U,V)^2$, the objective of (4). For all
# $(U,V)$ with $\Theta>0$ (and at $\Theta=0$ with the convention of Remark (i), Appendix D.1),
#
# $$
# F_3(U,V)=\frac{m-1}{m}\,F_4(U,V)+c(X),\qquad c(X)=-\frac{\|X\|_F^2}{m-1}.
# \tag{14}
# $$
#
# Hence (3) and (4) have the same global and the same local minimizers, and
# $\inf F_3=\frac{m-1}{m}\inf F_4+c(X)$.
#
# *Proof.* Expanding (13),
# $F_3=\|X\|_F^2-2\langle X,W\rangle+\frac{m-1}{m}\|W\|_F^2+\frac{\Theta^2}{m}$. With
# $\|\tilde X\|_F^2=\frac{m^2}{(m-1)^2}\|X\|_F^2$ and
# $\langle\tilde X,W\rangle=\frac{m}{m-1}\langle X,W\rangle$,
# $\frac{m-1}{m}F_4=\frac{m}{m-1}\|X\|_F^2-2\langle
# X,W\rangle+\frac{m-1}{m}\|W\|_F^2+\frac{\Theta^2}{m}$.
# Subtracting, $F_3-\frac{m-1}{m}F_4=\big(1-\frac{m}{m-1}\big)\|X\|_F^2=-\frac{\|X\|_F^2}{m-1}$,
# which is (14). As $m\ge2$, $s=\frac{m-1}{m}>0$ and $c(X)$ does not depend on $(U,V)$, so
# $t\mapsto st+c(X)$ is strictly increasing and $F_3(U,V)\le F_3(U',V')\iff F_4(U,V)\le F_4(U',V')$
# for all pairs; global and local minimality are defined by such comparisons alone. $\square$


# %% jupyter={"source_hidden": true} tags=["remove_input"]
check_1a = identity_check()
say(
    rf"*Numerical check* (Appendix D.1): on a random instance ($D = 4$, $N = 5$, $r = {check_1a.r}$) the "
    r"expectation in (3), computed exactly by enumerating all ordered draws, agrees with (13) and (14) to "
    rf"rounding, and a Monte Carlo average of {check_1a.draws:,} draws lies within "
    rf"{math.ceil(100 * max(abs(check_1a.z))) / 100:.2f} standard errors of it for each $m$ (at most)."
)

# %% [markdown]
# ## 1(b) Why (3) is harder for SGD than (1)
#
# In (1) the law $\mathrm{Ber}(\theta)^r$ of the mask does not depend on $(U,V)$, so the gradient
# of the loss at a sampled mask is an unbiased estimate of the gradient of the expectation. In
# (3) the sampling law $\mathcal{D}_{(U,V)}$ itself depends on the parameters (through
# $p_i\propto\|u_iv_i^\top\|_F$), so the gradient of the expectation has an extra score-function
# term $\mathbb{E}[L_J\,\nabla\log P(J)]$ ($L_J$ the loss at the draw $J$, $P(J)$ its
# probability) that the gradient of a sampled loss misses: plain SGD
# on (3) follows a biased gradient (Appendix A computes the bias on an instance). The standard
# unbiased estimators, such as REINFORCE [8], have high variance [9], and with discrete draws the
# reparametrization trick does not apply.

# %% [markdown]
# # Problem 2: Implicit regularization for under-determined linear regression
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
# **Proposition 2 (solution set).** The minimum value of (5) is $0$, and the set of minimizers is
#
# $$
# \operatorname*{arg\,min}_{\mathbf{x}}f=\{\mathbf{x}:\mathbf{A}\mathbf{x}=\mathbf{y}\}
# =\big\{\mathbf{A}^\top(\mathbf{A}\mathbf{A}^\top)^{-1}\mathbf{y}
# +\big(\mathbf{I}-\mathbf{A}^\top(\mathbf{A}\mathbf{A}^\top)^{-1}\mathbf{A}\big)\mathbf{z}
# \;:\;\mathbf{z}\in\mathbb{R}^m\big\},
# \tag{15}
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

# %% jupyter={"source_hidden": true} tags=["remove_input"]
check_2a = solution_set_check()
say(
    rf"*Numerical check* (Appendix D.2, $n = {check_2a.n}$, $m = {check_2a.m}$): "
    rf"$\operatorname{{rank}}\mathbf{{P}} = {check_2a.rank_P} = m - n$, and the identities of Lemma 3 and "
    "Proposition 2 hold to rounding."
)

# %% [markdown]
# ## 2(b) Smoothness
#
# **Lemma 4 (exact second-order expansion).** For all $\mathbf{x},\mathbf{w}\in\mathbb{R}^m$,
#
# $$
# f(\mathbf{w})=f(\mathbf{x})+\langle\nabla f(\mathbf{x}),\mathbf{w}-\mathbf{x}\rangle
# +\tfrac12\|\mathbf{A}(\mathbf{w}-\mathbf{x})\|_2^2 .
# \tag{16}
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
# \le\frac{1}{2\eta}\|\mathbf{d}\|_2^2$, and (16) gives (6). Conversely, take
# $\mathbf{w}=\mathbf{x}+\mathbf{q}_1$: then $\|\mathbf{A}\mathbf{q}_1\|_2=\sigma_1$ and
# $\|\mathbf{q}_1\|_2=1$, so by (16) inequality (6) reads
# $\frac12\sigma_1^2\le\frac{1}{2\eta}$, which is false when $\eta>1/\sigma_1^2$. $\square$
#
# (Equivalently, $\nabla f$ is Lipschitz with constant
# $\|\mathbf{A}^\top\mathbf{A}\|_2=\sigma_1^2$ and $\eta$ is the reciprocal of that constant.)

# %% jupyter={"source_hidden": true} tags=["remove_input"]
check_2b = smoothness_check()
say(
    rf"*Numerical check* (Appendix D.3): over {check_2b.pairs:,} random pairs the largest value of "
    r"$[f(\mathbf{w})-\text{right side of (6)}]/\|\mathbf{w}-\mathbf{x}\|_2^2$ is "
    rf"${tables.num(check_2b.worst_ratio)} \le 0$; at ${check_2b.factor_above}\,\eta$, (6) fails along "
    rf"$\mathbf{{q}}_1$ by {tables.num(check_2b.gap_above)}, the amount predicted."
)

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
# hence $\mathbf{g}_k\to\mathbf{0}$ and $\min_{k<K}\|\mathbf{g}_k\|_2^2\le2f(\mathbf{x}^{(0)})/(\eta
# K)$;
#
# (iii) *(iterates converge, linearly)* $0\le\rho<1$ and, for every $k\ge0$,
#
# $$
# \|\mathbf{x}^{(k)}-\mathbf{x}^{(\infty)}\|_2\le\rho^k\,\|\mathbf{x}^{(0)}-\mathbf{x}^{(\infty)}\|_2,
# \qquad\text{with}\quad \rho=1-\frac{\sigma_{\min}^2}{\sigma_{\max}^2}\quad\text{for}\quad
# \eta=\frac{1}{\sigma_{\max}^2};
# \tag{17}
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
# structure of $f$. By (15) with $\mathbf{z}=\mathbf{x}^{(0)}$,
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
# and induction on $k$ gives (17); since $\rho^k\to0$,
# $\mathbf{x}^{(k)}\to\mathbf{x}^{(\infty)}$. The rate $\rho$ is attained: the coefficient along
# $\mathbf{q}_n$ is multiplied by exactly $\rho$ at each step, and those along $\mathbf{q}_i$ with
# $\sigma_i>\sigma_n$ by $1-\eta\sigma_i^2<\rho$, so if $\rho>0$ and $c_{0,n}\neq0$ (true for
# almost every $\mathbf{x}^{(0)}$) the ratio $\|\mathbf{e}_{k+1}\|_2/\|\mathbf{e}_k\|_2$ tends to
# $\rho$.
#
# *Proof of (iv).* $\nabla f$ is continuous, so $\nabla f(\mathbf{x}^{(\infty)})
# =\lim_k\nabla f(\mathbf{x}^{(k)})=\lim_k\mathbf{g}_k=\mathbf{0}$ by (iii) and (ii):
# $\mathbf{x}^{(\infty)}$ is a critical point. $f$ is convex, since (16) gives
# $f(\mathbf{w})\ge f(\mathbf{x})+\langle\nabla f(\mathbf{x}),\mathbf{w}-\mathbf{x}\rangle$ for all
# $\mathbf{x},\mathbf{w}$ (the first-order characterization of convexity). At the critical point
# this reads $f(\mathbf{w})\ge f(\mathbf{x}^{(\infty)})$ for all $\mathbf{w}$, so
# $\mathbf{x}^{(\infty)}$ is a global minimizer (as also seen directly from
# $\mathbf{A}\mathbf{x}^{(\infty)}=\mathbf{y}$). $\square$


# %% jupyter={"source_hidden": true} tags=["remove_input"]
check_2c = convergence_check()
say(
    rf"*Numerical check* (Appendix D.4): with $\eta = 1/\|\mathbf{{A}}\|_2^2$ the rate measured on each of "
    rf"{len(check_2c.measured_rates)} random starts is "
    + (
        f"{check_2c.measured_rates.min():.6f} on each"
        if f"{check_2c.measured_rates.min():.6f}" == f"{check_2c.measured_rates.max():.6f}"
        else f"{check_2c.measured_rates.min():.6f} to {check_2c.measured_rates.max():.6f}"
    )
    + r", the "
    rf"predicted $\rho = 1-\sigma_{{\min}}^2/\sigma_{{\max}}^2 = {check_2c.rho:.6f}$ to six decimals."
)

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


# %% jupyter={"source_hidden": true} tags=["remove_input"]
check_2d = min_norm_check()
say(
    rf"*Numerical check* (Appendix D.5): from $\mathbf{{0}}$, gradient descent ends at norm "
    rf"{tables.num(check_2d.norm_from_zero)}, below $\|\mathbf{{x}}^*\|_2 = {tables.num(check_2d.norm_x_star)}$, at "
    r"$\mathbf{A}^+\mathbf{y}$ to rounding; from random starts it ends at the larger norms the Remark of "
    "Appendix D.5 predicts."
)

# %% [markdown]
# ## 2(e) Factorized gradient descent and the minimum $\ell_1$ norm
#
# ### The instance (steps i–ii)
#
# $\mathbf{A}\in\mathbb{R}^{20\times 40}$ has i.i.d. $\mathcal{N}(0,1)$ entries and then unit-norm
# columns; the 10 nonzeros of $\mathbf{x}^*$ sit at locations drawn uniformly without replacement
# and equal $|g_i|$, $g_i\sim\mathcal{N}(0,\sigma^2)$, $\sigma=1/\sqrt{10}$ (we read the standard
# deviation as that of the Gaussian before the absolute value); $\mathbf{y}=\mathbf{A}\mathbf{x}^*$:

# %% jupyter={"source_hidden": true} tags=["remove_input"]
listing(sparse_recovery.make_problem)

# %% [markdown]
# ### Gradient descent (steps iii–iv)
#
# The gradient of (9) is $2\,\mathbf{x}\odot\mathbf{A}^\top\mathbf{r}$ with the residual
# $\mathbf{r}=\mathbf{A}\mathbf{u}-\mathbf{y}$ and $\mathbf{u}=\mathbf{x}\odot\mathbf{x}$, so a step
# of (7) on (9) is
#
# $$
# \mathbf{x}^{(k+1)}=\mathbf{x}^{(k)}-2\eta\,\mathbf{x}^{(k)}\odot\mathbf{A}^\top\big(\mathbf{A}\mathbf{u}^{(k)}-\mathbf{y}\big).
# \tag{18}
# $$
#
# We plot and compare with the Lasso the vector that $\mathbf{A}$ multiplies,
# $\mathbf{u}=\mathbf{x}\odot\mathbf{x}\ge\mathbf{0}$.

# %% jupyter={"source_hidden": true} tags=["remove_input"]
run = paths()
say(
    rf"The loop (numba, one fixed order of operations), run from $\mathbf{{x}}^{{(0)}}={tex_sci(run.alpha, 0)}"
    rf"\mathbf{{1}}$ with $\eta={tex_sci(run.eta, 0)}$ for {run.steps:,} steps, recording $\mathbf{{x}}^{{(k)}}$ "
    f"every {run.ks[1]:,} steps:"
)
listing(sparse_recovery.gradient_descent)

# %% jupyter={"source_hidden": true} tags=["remove_input"]
run = paths()
say(
    rf"The support of $\mathbf{{x}}^*$ is $S = \{{{', '.join(str(i + 1) for i in run.support)}\}}$. The Hessian of (9) is "
    r"$2\operatorname{diag}(\mathbf{A}^\top\mathbf{r})+4\operatorname{diag}(\mathbf{x})\mathbf{A}^\top\mathbf{A}"
    r"\operatorname{diag}(\mathbf{x})$, so its norm is at most "
    r"$L(\mathbf{x})=2\|\mathbf{A}^\top\mathbf{r}\|_\infty+4\|\mathbf{A}\operatorname{diag}(\mathbf{x})\|_2^2$ "
    rf"(19). Along the {run.steps:,} steps $\eta L(\mathbf{{x}}) \le {run.monitor[0].value:.4f}$, "
    + (
        "far below the stability limit 2"
        if run.monitor[0].value < 1
        else "below the stability limit 2"
    )
    + ", the loss never rose (checked every 100 steps), and every coordinate stayed "
    + ("positive" if run.all_positive else "nonnegative")
    + " (Appendix B.6)."
)

# %% [markdown]
# ### The Lasso paths (step v)
#
# scikit-learn minimizes $\frac{1}{2n}\|\mathbf{y}-\mathbf{A}\mathbf{w}\|_2^2+a\|\mathbf{w}\|_1$, which
# times $n$ is (11) with $\lambda=n\,a$ (the units of every $\lambda$ below). The exact
# piecewise-linear path, by LARS [11] (`lars_path`, the objective of `lasso_path`, at every knot):

# %% jupyter={"source_hidden": true} tags=["remove_input"]
listing(sparse_recovery.lasso_knots)

# %% [markdown]
# We compute the **Lasso path of (11)**, as asked, and the **path of (11) with
# $\mathbf{x}\ge\mathbf{0}$** (`positive=True`), the one gradient descent can follow, since
# $\mathbf{u}=\mathbf{x}\odot\mathbf{x}\ge\mathbf{0}$: it ends ($\lambda\to0$) at the nonnegative
# minimum-$\ell_1$ interpolator $\hat{\mathbf{x}}_{\ell_1}^+=\arg\min\{\|\mathbf{x}\|_1:
# \mathbf{A}\mathbf{x}=\mathbf{y},\ \mathbf{x}\ge\mathbf{0}\}$, the solution of [1, Cor. 2] (the
# diagonal, hence nonnegative, case), while the Lasso path of (11) ends at (10),
# $\hat{\mathbf{x}}_{\ell_1}$.
#
# ### The two paths (step vi)
#
# A coordinate *enters* a path when it first reaches $10^{-2}$; the *support* of a vector is the set
# of its entries above $10^{-4}$. In the figure every coordinate has a color of its own (the same
# in every panel), solid on the support of $\mathbf{x}^*$ and dashed off it; those that exceed
# $5\cdot10^{-3}$ somewhere are drawn thicker and labelled by their number (from 1) at their end
# or, if the path drops them, at their peak. The gradient-descent panel is split at $u_i=0.05$, so
# that the small coordinates have room; its top axis is $1/\lambda(k)$ of (20). The triangles mark
# $x^*_i$; a thin grey leader joins a label to its line. The dotted line in the panel of the path with $\mathbf{x}\ge\mathbf{0}$ is where gradient
# descent stands after its last step, through the time map
#
# $$
# \lambda(k)=\frac{\log(1/\alpha^2)}{4\eta k},
# \tag{20}
# $$
#
# with $\alpha=10^{-3}$: the time average of the iterates up to step $k$ satisfies the optimality
# conditions of that path at $\lambda(k)$ up to relative errors of order
# $|\log u_i|/\log(1/\alpha^2)$, which vanish as $\alpha\to0$ (Appendix B.3 measures them).

# %% tags=["remove_input"]
show_figure(figures.sparse_paths(paths()), "sparse_recovery_paths")

# %% [markdown]
# ## 2(e): the answers
#
# *How does the Lasso path compare with that of gradient descent?* Orders of entry are by
# decreasing $\lambda$ on the paths and by increasing $k$ for gradient descent.

# %% jupyter={"source_hidden": true} tags=["remove_input"]
run, align = paths(), time_alignment()
peak_i = int(np.argmax(run.u.max(axis=0) - run.lasso_positive.max(axis=1)))
overshoot = run.u[:, peak_i].max() - run.lasso_positive[peak_i].max()
same_start = run.gd_order[0] == run.lasso_order[0] == int(np.argmax(run.A.T @ run.y))
say(
    r"**Both bring in coordinates one after another"
    + (
        r", starting with the largest correlation $(\mathbf{A}^\top\mathbf{y})_i$"
        if same_start
        else ""
    )
    + r", but gradient descent follows neither path exactly.** Step $k$ stands for "
    rf"$\lambda(k)$ of (20). Of its {len(run.gd_order)} entries, {leading(len(run.common_prefix))} "
    rf"{'are' if len(run.common_prefix) > 1 else 'is'} in the order of the path with $\mathbf{{x}}\ge\mathbf{{0}}$ "
    rf"and {leading(len(sparse_recovery.common_prefix(run.gd_order, run.signed_order)))} in that of the Lasso path "
    rf"of (11); later entries differ from the former by up to {max(abs(g - p) for g, p in run.rank_shifts(0).values())} places (Appendix B.5). The Lasso path of (11) differs in kind: it brings in "
    rf"{len(run.signed_order)} coordinates, {run.signed_negative} of them with negative values, which "
    r"$\mathbf{u}=\mathbf{x}\odot\mathbf{x}\ge\mathbf{0}$ cannot take; the path with $\mathbf{x}\ge\mathbf{0}$ is "
    r"the one gradient descent can follow. It does so only approximately: it moves from saddle to saddle [4]"
    + (
        rf" and overshoots (coordinate {peak_i + 1} peaks at {run.u[:, peak_i].max():.3f}, the path only at "
        rf"{run.lasso_positive[peak_i].max():.3f}; B.5)"
        if overshoot > 0.01
        else ""
    )
    + rf", and the $\lambda(k)$ at which its time average brings a coordinate in is {tables.num(min(align.ratios))} to "
    rf"{tables.num(max(align.ratios))} times the $\lambda$ at which the path does (Appendix B.3)."
)

# %% [markdown]
# *Do the two paths converge to the same ultimate solution?* To answer, we also run gradient
# descent to convergence: from $\mathbf{x}^{(300000)}$ on with the larger step
# $\eta_2=1/L(\mathbf{x})$ of (19), recomputed every 20,000 steps (a factor 2 below the stability
# limit), until the relative residual is $10^{-5}$, and compare it with the limit of the gradient
# flow of (9) from $\alpha\mathbf{1}$, which Theorem 4 (Appendix B.1) identifies as the
# relative-entropy interpolator
#
# $$
# \mathbf{u}_\infty(\alpha)=\arg\min_{\mathbf{w}\ge\mathbf{0},\ \mathbf{A}\mathbf{w}=\mathbf{y}}\ \sum_i w_i\log\frac{w_i}{\alpha^2}-w_i ,
# \tag{21}
# $$
#
# and proves to converge to $\hat{\mathbf{x}}_{\ell_1}^+$ as $\alpha\to0$ when that is unique.

# %% jupyter={"source_hidden": true} tags=["remove_input"]
run, cont = paths(), continuation()
missing = run.missing_support
converged = cont.distance_l1_pos < 1e-2 * np.linalg.norm(run.l1_pos)
say(
    (
        rf"**Not after the {run.steps:,} steps asked for**: the relative residual of gradient descent is still "
        rf"${tex_sci(run.residual_end)}$ and support coordinate{'s' if len(missing) > 1 else ''} "
        rf"{join_words([i + 1 for i in missing])} {'have' if len(missing) > 1 else 'has'} not entered (the dotted "
        rf"line: step {run.steps:,} stands by (20) for $\lambda = {run.lambda_at_end:.4f}$, above the "
        rf"$\lambda = {max(run.entry_lambdas(positive=True)[i] for i in missing):.4f}$ at which the path brings "
        + ("the last of them in). " if len(missing) > 1 else "it in). ")
        if missing
        else rf"After the {run.steps:,} steps asked for, gradient descent has brought in every coordinate of $S$; "
        rf"its relative residual is ${tex_sci(run.residual_end)}$. "
    )
    + rf"Run to convergence ({cont.info.steps[-1]:,} more steps{', a slow tail' if cont.sublinear else ''}; "
    r"Appendix B.2), it ends "
    rf"${tex_sci(cont.distance_l1_pos)}$ from the end point of the path with $\mathbf{{x}}\ge\mathbf{{0}}$, the "
    r"nonnegative minimum-$\ell_1$ interpolator $\hat{\mathbf{x}}_{\ell_1}^+$"
    + (r", here $\mathbf{x}^*$ itself" if np.allclose(run.l1_pos, run.x_star, atol=1e-8) else "")
    + rf", and ${tex_sci(cont.distance_kl)}$ from the flow limit $\mathbf{{u}}_\infty(\alpha)$ of (21), which is "
    rf"${tex_sci(cont.kl_to_l1_pos)}$ from $\hat{{\mathbf{{x}}}}_{{\ell_1}}^+$: the gap is the finite initialization. "
    rf"The Lasso path of (11) ends at the signed solution $\hat{{\mathbf{{x}}}}_{{\ell_1}}$ of (10), "
    rf"{np.linalg.norm(run.l1 - run.x_star):.3f} from $\mathbf{{x}}^*$, with {run.signed_negative_end} negative entries "
    r"that $\mathbf{x}\odot\mathbf{x}$ cannot produce. "
    + (
        r"**So yes for the path with $\mathbf{x}\ge\mathbf{0}$, once gradient descent has converged, and no "
        r"for the Lasso path of (11).** "
        if converged
        else r"**So not yet, even after convergence, for the path with $\mathbf{x}\ge\mathbf{0}$, and no for "
        r"the Lasso path of (11).** "
    )
    + r"Neither is the minimum-$\ell_2$ solution $\mathbf{A}^+\mathbf{y}$ of (8): gradient descent ends "
    rf"{np.linalg.norm(cont.u - run.l2):.3f} from it, the Lasso path of (11) {np.linalg.norm(run.l1 - run.l2):.3f}."
)


# %% [markdown]
# ## 2(f) Bonus: matrix completion and the minimum nuclear norm
#
# We test the conjecture of [1] where it can fail: on a three-by-three instance whose minimum
# nuclear norm completion is certified by (25), and on random instances followed from $\alpha=1$
# down to $\alpha=10^{-60}$.
#
# ### What is compared
#
# Write $\Omega$ for the observed set (symmetric: $(i,j)\in\Omega$ exactly when $(j,i)\in\Omega$)
# and $P_\Omega$ for the operator that keeps the entries in $\Omega$. The gradient of (12) is
# $2P_\Omega(UU^\top-Y)\,U$, so gradient descent reads
#
# $$
# U_{k+1}=U_k-2\eta\,P_\Omega\big(U_kU_k^\top-Y\big)\,U_k,\qquad U_0=\alpha\,U_{\mathrm{init}},
# \tag{22}
# $$
#
# with $\alpha>0$ the initialization scale and $U_{\mathrm{init}}$ a fixed random matrix (the loop:
# C.5). Every $UU^\top$ is PSD, so the rival is the minimum nuclear norm **PSD** completion; for a
# PSD matrix $\|X\|_*=\operatorname{trace}X$, and the rival is the semidefinite program
#
# $$
# X_{\mathrm{nuc}}=\arg\min_X\ \operatorname{trace}X\quad\text{s.t.}\quad X\succeq0,\quad
# X_{ij}=Y_{ij}\ \text{for }(i,j)\in\Omega ,
# \tag{23}
# $$
#
# solved with CVXPY and Clarabel to tolerance $10^{-7}$ (code: C.5). The test is vacuous if every
# diagonal entry is observed (every PSD completion then has trace $\sum_iY_{ii}$; if $Y_{ii}$ is
# not, $X+te_ie_i^\top$ is one for all $t\ge0$) or if $X_{\mathrm{nuc}}=Y$: a *hard* instance has a
# diagonal entry unobserved and $X_{\mathrm{nuc}}\ne Y$, an *easy* one ($X_{\mathrm{nuc}}=Y$) is the
# control.
#
# ### A three-by-three instance with a certified minimum
#
# A symmetric PSD instance, in the spirit of Li, Luo and Lyu [6], whose minimum-rank and minimum
# nuclear norm completions differ.
# Take $D=3$ and observe only the off-diagonal entries $Y_{12}=\delta$, $Y_{13}=Y_{23}=1$, with
# $0<\delta<1/2$. A rank-one PSD completion $xx^\top$ has $x_1x_2=\delta$, $x_1x_3=x_2x_3=1$,
# hence $x_1^2=(x_1x_2)(x_1x_3)/(x_2x_3)=\delta$: the observed edges form an odd cycle, and
# $Y=xx^\top$ with $x=(\sqrt\delta,\sqrt\delta,1/\sqrt\delta)$ is the *unique* minimum-rank PSD
# completion, with $\|Y\|_*=2\delta+1/\delta$. The rank-two matrix
#
# $$
# X_\star=\begin{pmatrix}1-\delta&\delta&1\\\delta&1-\delta&1\\1&1&2\end{pmatrix}
# \tag{24}
# $$
#
# is also a PSD completion (eigenvalues $0$, $1-2\delta$, $3$, with eigenvectors $(1,1,-1)$,
# $(1,-1,0)$, $(1,1,2)$), of trace $4-2\delta$, and it is the minimum nuclear norm PSD completion.
# *Proof.* Let $Z=nn^\top$ with $n=(1,1,-1)$: $Z\succeq0$ and $Z_{ii}=1$, so $\Lambda=I-Z$ vanishes
# on the diagonal and is supported on $\Omega$. For every PSD completion $X$,
#
# $$
# \operatorname{trace}X=\langle Z,X\rangle+\langle\Lambda,X\rangle\ \ge\ \langle\Lambda,Y\rangle
# =2(\Lambda_{12}Y_{12}+\Lambda_{13}Y_{13}+\Lambda_{23}Y_{23})=2(2-\delta),
# \tag{25}
# $$
#
# since $\langle Z,X\rangle\ge0$ for PSD $Z,X$, and $\langle\Lambda,X\rangle$ involves observed
# entries only ($\Lambda_{12}=-1$, $\Lambda_{13}=\Lambda_{23}=1$). $X_\star$ attains equality, as
# $ZX_\star=0$. It is the only minimizer: equality in (25) forces $n^\top Xn=0$, hence $Xn=0$ for
# PSD $X$, and the three rows of $Xn=0$ fix the unobserved diagonal at $(1-\delta,1-\delta,2)$.
# $\square$ (Without the PSD constraint the minimum nuclear norm is $2\sqrt2$, attained only by
# indefinite completions, which $UU^\top$ cannot reach: Appendix C.5.)
#
# We take $\delta=0.2$ and run gradient descent ($\eta=0.05$, five seeds,
# $U\in\mathbb{R}^{3\times3}$, to loss $10^{-20}$) from $\alpha=1$ down to $10^{-8}$. The
# *effective rank* of $X\ne0$ is $\exp(-\sum_ip_i\log p_i)$, $p_i=\sigma_i/\sum_j\sigma_j$ its
# normalized singular values [10] (1 for rank one, $r$ for $r$ equal nonzero singular values);
# Appendix C.5 plots both against $\alpha$.

# %% jupyter={"source_hidden": true} tags=["remove_input"]
tri = triangle()

small = tri.alphas <= 1e-3
nuc = [f"{v:.3f}" for v in tri.nuclear[small].mean(axis=1)]
away = bool(np.all(np.diff(tri.dist_star.mean(axis=1)) >= 0))
say(
    (
        r"Gradient descent picks the **minimum-rank** completion: "
        if tri.dist_Y[small].max() < 1e-3
        else r"Gradient descent does **not** settle at the minimum-rank completion: "
    )
    + rf"for $\alpha \le 10^{{-3}}$ every run ends within ${tex_sci(tri.dist_Y[small].max())}$ of $Y$ (relative to "
    rf"$\|Y\|_F$), with nuclear norm {min(nuc)}{'' if min(nuc) == max(nuc) else f' to {max(nuc)}'} (seed means; "
    rf"$\|Y\|_* = {np.trace(tri.Y):.3f}$, {np.trace(tri.Y) / np.trace(tri.X_star) - 1:.0%} above "
    rf"$\|X_\star\|_*$) and effective rank {tri.erank[small].mean():.3f}; shrinking $\alpha$ moves it "
    + (r"*away* from" if away else "not monotonically away from")
    + rf" $X_\star$ (at $\alpha = 1$ it is {tri.dist_star[0].mean():.3f} away). "
    + (
        "Not because of the step: "
        if tri.eta_mu_max < 2 and tri.quarter_step_distance < 1e-3
        else "The step: "
    )
    + rf"$\eta\mu_{{\max}} \le {tri.eta_mu_max:.2f}$ at the end points ($\mu_{{\max}}$ the largest Hessian "
    rf"eigenvalue of (12); stable below 2), and a quarter of the step, run at $\alpha = "
    rf"{tex_sci(tri.quarter_alpha, 0)}$, lands within ${tex_sci(tri.quarter_step_distance, 2)}$ of $Y$ "
    "too (C.5)."
)

# %% [markdown]
# ### Random instances, as $\alpha\to0$
#
# $Y=GG^\top$, $G\in\mathbb{R}^{20\times2}$ with i.i.d. $\mathcal N(0,1/20)$ entries; each entry
# $(i,j)$, $i\le j$, is observed with probability $p$ ($1/4$ for eleven hard instances, seeds
# 0–10; $1/2$ for the easy control). $U_{\mathrm{init}}\in\mathbb{R}^{20\times20}$ has i.i.d.
# $\mathcal N(0,1/20)$ entries (two seeds per instance), $\eta=0.08/p$ (C.3 checks $\eta\mu_{\max}<2$), and
# runs stop at loss (12) $\le10^{-12}$ (all within $2\cdot10^8$ steps; C.3). $\alpha=10^{-e}$,
# $e=0,3,\dots,60$, with every decade where the outcome changes, and on down while it has not
# settled (the same at the last three trustworthy $\alpha$).
#
# *Where the arithmetic stops telling the truth.* For small $\alpha$ the components not yet grown
# fall below the rounding errors of the grown ones, and rounding decides where a run goes. So (22)
# runs in float64 ($\alpha\ge10^{-36}$) and in double-double (about 106 bits [12];
# $\alpha\le10^{-15}$), each in one fixed order of IEEE operations (the same bits on every x86-64
# CPU). A result is *trustworthy* when seed 0 rerun with its indices relabelled (an exact symmetry
# of (12), other rounding), and a float64 run also in double-double, agrees to $10^{-6}$ (relative
# to $\|Y\|_F$); each arithmetic is reported down to the smallest $\alpha$ at which all its results
# on an instance are trustworthy (C.2).
#
# *Labels.* $UU^\top$ is *near* a completion when closer to it than a fifth of
# $\|X_{\mathrm{nuc}}-Y\|$ (0.01 on the easy control), checking $X_{\mathrm{nuc}}$, $Y$, then the
# completion of greedy low-rank learning (GLRL, C.4; the $\alpha\to0$ limit of gradient descent by
# Li, Luo and Lyu [6]); an instance's label is its seeds' common one.

# %% jupyter={"source_hidden": true} tags=["remove_input"]
say(
    "The runs come from `results/sweep.npz` (recomputed by `make results`; C.3 counts them by kind)."
)

# %% tags=["remove_input"]
sweep = alpha_sweep()

show_figure(figures.alpha_sweep(sweep), "matrix_completion_alpha_sweep")

# %% [markdown]
# ## 2(f): verdict

# %% jupyter={"source_hidden": true} tags=["remove_input"]
sweep, tri = alpha_sweep(), triangle()
alpha = lambda e: "1" if e == 0 else tex_sci(float(f"1e-{e}"), 0)  # noqa: E731
names = lambda rows: join_words([sweep.names[i] for i in rows])  # noqa: E731
hard, to_Y, to_glrl = sweep.hard_indices, sweep.with_verdict("Y"), sweep.with_verdict("GLRL")
grows, unresolved = sweep.with_verdict("grows"), sweep.with_verdict("neither")
nuc = [sweep.nuc_at_limit(i) for i in hard]
ratio = math.floor(100 * min(sweep.nuc_at_limit(i) / sweep.nuc_to_Y[i] for i in hard)) / 100
froms = sorted(sweep.outcome(i)[1] for i in to_Y)
fits = [i for i in hard if sweep.glrl_fits[i]]
follows = [i for i in fits if sweep.follows_glrl(i)]
misled = {i: sweep.float64_misled(i) for i in hard if sweep.float64_misled(i)}
excess = min(sweep.nuclear_excess(i) for i in hard)
steps = {i: (sweep.eta_mu_max(i), *sweep.quarter_step(i)) for i in range(len(sweep.names))}
changed = [i for i, (_, _, same) in steps.items() if not same]
moved = [i for i, (_, distance, _) in steps.items() if distance >= 1e-3]
text = (
    rf"**Gradient descent never ends near $X_{{\mathrm{{nuc}}}}$ on a hard instance**, nor at any minimum "
    rf"nuclear norm completion: at each one's smallest trustworthy $\alpha$ it is at least {min(nuc):.2f} from "
    rf"$X_{{\mathrm{{nuc}}}}$ (relative to $\|Y\|_F$; {ratio:.0%} of $\|X_{{\mathrm{{nuc}}}} - Y\|$ or more), with a "
    rf"nuclear norm at least {excess:.4f} above the optimum of (23) (C.1). As $\alpha\to0$, as far as "
    rf"the sweep goes, it ends at the ground truth $Y$ on {len(to_Y)} of the {len(hard)} hard instances (from "
    rf"$\alpha$ between ${alpha(froms[0])}$ and ${alpha(froms[-1])}$ on) and at GLRL's completion, which is not "
    rf"$Y$, on {names(to_glrl)}. "
)
for i in grows:
    text += (
        rf"On {sweep.names[i]} the nuclear norm of $UU^\top$ grows by {sweep.growth_per_decade(i):.3f} per "
        rf"decade of $\alpha$ down to $\alpha = {alpha(sweep.smallest_reported(i)[0])}$, with no sign of "
        r"settling, as in Razin and Cohen [7]; GLRL's stage "
        rf"{int(sweep.glrl_rank[i])} there reaches no stationary point (C.4). "
    )
for i in unresolved:
    text += (
        rf"On {sweep.names[i]} it is near none down to $\alpha = {alpha(sweep.smallest_reported(i)[0])}$, "
        "where double-double stops being trustworthy: unresolved. "
    )
labels0 = sweep.labels(0)
e_before = max(e for e, _, label in labels0 if label != labels0[-1][2])
first, far, e_far = sweep.detour(0)
text += (
    rf"Li, Luo and Lyu's prediction, that gradient descent ends where GLRL does, holds on {len(follows)} of "
    rf"the {len(fits)} hard instances on which GLRL fits the data"
    + (
        f" ({names(sorted(set(fits) - set(follows)))}: unresolved)"
        if len(follows) < len(fits)
        else ""
    )
    + ". "
)
if misled:
    text += (
        "Float64 alone would mislabel "
        + join_words(
            [
                f"{sweep.names[i]} at $\\alpha = {', '.join(alpha(e) for e in es)}$"
                for i, es in misled.items()
            ]
        )
        + " (C.2). "
    )
text += (
    rf"Labels can change late ({sweep.names[0]}: only below "
    rf"$\alpha = {alpha(e_before)}$, after a detour away from $Y$, from {first:.2f} at $10^{{-15}}$ to {far:.2f} at "
    rf"${alpha(e_far)}$; C.1): the $\alpha\to0$ labels are what the sweep shows, not a limit proved. "
    r"On the three-by-three instance, where (25) certifies $X_{\mathrm{nuc}}$, gradient descent ends at the "
    rf"minimum-rank completion, {np.trace(tri.Y) / np.trace(tri.X_star) - 1:.0%} larger in nuclear norm. "
    r"**The experiments contradict the conjecture** (evidence at finite $\alpha$ and steps, not a proof: "
    rf"$\eta\mu_{{\max}} \le {max(step[0] for step in steps.values()):.2f} < 2$ at the end points of C.3; $\eta/4$ "
    + (f"changes the label of {names(changed)}" if changed else "changes no label")
    + (f" and moves by over $10^{{-3}}$ only {names(moved)}, which do not settle" if moved else "")
    + ")."
)
say(text)

# %% [markdown]
# # Appendix A: the bias of the naive stochastic gradient of (3)
#
# This appendix quantifies the answer to 1(b). Assume all $u_i,v_i$ are nonzero, so that $\Theta$
# and the $\bar M_i$ are differentiable. For an ordered draw $J=(j_1,\dots,j_m)$ let
# $P(J)=p_{j_1}\cdots p_{j_m}$ and $L_J(U,V)=\|X-\frac{\Theta}{m}\sum_k\bar M_{j_k}\|_F^2$. Since
# $F_3=\sum_JP(J)L_J$ is a finite sum of differentiable functions and $P(J)>0$, the product rule
# and $\nabla P(J)=P(J)\nabla\log P(J)$ give
#
# $$
# \nabla F_3=\underbrace{\sum_JP(J)\,\nabla L_J}_{\text{mean of the SGD step}}
# +\underbrace{\sum_JP(J)\,L_J\,\nabla\log P(J)}_{\text{score term, missed by SGD}},
# \qquad \log P(J)=\sum_{k=1}^m\log a_{j_k}-m\log\Theta .
# \tag{28}
# $$
#
# By (14), $\nabla F_3=\frac{m-1}{m}\nabla F_4$, computed from the closed form of (4). The cell
# evaluates both terms of (28) exactly by enumeration ($r=3$, $m=3$, the instance of 1(a)) and
# averages the naive gradient $\nabla L_J$ over $2\cdot10^4$ sampled draws.

# %% tags=["remove_input"]
bias = gradient_bias()
show_table(*tables.gradient_bias(bias))
show_table(*tables.checks(bias.checks))

# %% jupyter={"source_hidden": true} tags=["remove_input"]
bias = gradient_bias()

say(
    f"The mean of the naive stochastic gradient misses the true gradient by "
    f"{100 * bias.naive_error[0]:.0f}% (in $U$) and {100 * bias.naive_error[1]:.0f}% (in $V$). Over the {bias.draws:,} draws, the entry of the Monte Carlo "
    f"mean farthest from the true gradient is {bias.mc_z_true[0]:.0f} standard errors from it in $U$ and "
    f"{bias.mc_z_true[1]:.0f} in $V$, while no entry is more than {bias.mc_z_naive.max():.1f} standard errors from the "
    "enumerated naive mean: the naive SGD step is biased, not merely noisy, "
    "and adding the score term of (28) recovers the gradient to rounding error."
)

# %% [markdown]
# # Appendix B: 2(e) beyond the assignment
#
# ## B.1 The limit of the gradient flow
#
# Let $\mathbf{A}\in\mathbb{R}^{n\times m}$ and $\mathbf{y}=\mathbf{A}\mathbf{x}^*$ with
# $\mathbf{x}^*\ge\mathbf{0}$, so that $\mathcal{W}=\{\mathbf{w}\ge\mathbf{0}:\mathbf{A}\mathbf{w}=\mathbf{y}\}$
# is not empty. Consider the gradient flow of (9),
# $\dot{\mathbf{x}}=-2\,\mathbf{x}\odot\mathbf{A}^\top\mathbf{r}$,
# $\mathbf{r}=\mathbf{A}\mathbf{u}-\mathbf{y}$,
# $\mathbf{u}=\mathbf{x}\odot\mathbf{x}$, from $\mathbf{x}(0)=\alpha\mathbf{1}$, $\alpha>0$. Write
# $Q_\alpha(\mathbf{w})=\sum_iw_i\log(w_i/\alpha^2)-w_i$ for the objective of (21) (with
# $0\log0=0$; it is continuous and strictly convex on $\mathbf{w}\ge\mathbf{0}$) and
# $D(\mathbf{w},\mathbf{u})=\sum_i d(w_i,u_i)$, $d(s,t)=s\log(s/t)-s+t$, for its Bregman
# divergence ($\mathbf{w}\ge\mathbf{0}$, $\mathbf{u}>\mathbf{0}$). Each $d(s,t)\ge0$, with equality
# iff $s=t$, and $d(s,t)\to\infty$ as $t\to\infty$.
#
# **Theorem 4.** The flow exists for all $t\ge0$, $\mathbf{u}(t)>\mathbf{0}$, and $\mathbf{u}(t)$
# converges to the unique minimizer $\mathbf{u}_\infty(\alpha)$ of (21). If
# $\hat{\mathbf{x}}_{\ell_1}^+$ is the unique minimizer of $\|\mathbf{w}\|_1$ over $\mathcal{W}$,
# then $\mathbf{u}_\infty(\alpha)\to\hat{\mathbf{x}}_{\ell_1}^+$ as $\alpha\to0$.
#
# *Proof.* The argument is the mirror-flow one of [2], made complete. *(Mirror form.)* While the
# solution exists, $\frac{d}{dt}\log x_i=-2(\mathbf{A}^\top\mathbf{r})_i$,
# so $x_i(t)=\alpha\exp(-2\int_0^t(\mathbf{A}^\top\mathbf{r})_i)>0$ and
#
# $$
# \log\frac{\mathbf{u}(t)}{\alpha^2}=\mathbf{A}^\top\boldsymbol{\nu}(t),\qquad
# \boldsymbol{\nu}(t)=-4\int_0^t\mathbf{r}(s)\,ds .
# \tag{29}
# $$
#
# *(A Lyapunov function.)* For $\mathbf{w}\in\mathcal{W}$, since $\dot u_i=u_i\frac{d}{dt}\log u_i$,
# $\frac{d}{dt}D(\mathbf{w},\mathbf{u})=\sum_i(u_i-w_i)\frac{d}{dt}\log u_i
# =4\langle\mathbf{w}-\mathbf{u},\mathbf{A}^\top\mathbf{r}\rangle=4\langle\mathbf{y}-\mathbf{A}\mathbf{u},\mathbf{r}\rangle=-4\|\mathbf{r}\|_2^2$,
# hence $D(\mathbf{w},\mathbf{u}(t))+4\int_0^t\|\mathbf{r}\|_2^2=D(\mathbf{w},\alpha^2\mathbf{1})$.
# *(Existence, boundedness.)* Every term of $D$ is nonnegative and tends to $\infty$ with $u_i$,
# so $D(\mathbf{w},\mathbf{u}(t))\le D(\mathbf{w},\alpha^2\mathbf{1})$ bounds $\mathbf{u}(t)$, hence
# $\mathbf{x}(t)$, on the whole interval of existence; the vector field is polynomial, so the
# solution exists for all $t\ge0$, and $\int_0^\infty\|\mathbf{r}\|_2^2\le
# D(\mathbf{w},\alpha^2\mathbf{1})/4<\infty$.
# *(The residual vanishes.)* $\frac12\|\mathbf{r}\|_2^2$ is the loss, which is nonincreasing along
# a gradient flow; a nonincreasing integrable function satisfies
# $\frac t2\|\mathbf{r}(t)\|_2^2\le\int_{t/2}^t\|\mathbf{r}\|_2^2\to0$, so $t\|\mathbf{r}(t)\|_2^2\to0$.
# *(Convergence.)* Let $\bar{\mathbf{u}}$ be a limit point of the bounded $\mathbf{u}(t)$, along
# $t_k\to\infty$. Then $\mathbf{A}\bar{\mathbf{u}}=\mathbf{y}$ and $\bar{\mathbf{u}}\ge\mathbf{0}$:
# $\bar{\mathbf{u}}\in\mathcal{W}$. By the Lyapunov identity with $\mathbf{w}=\bar{\mathbf{u}}$,
# $D(\bar{\mathbf{u}},\mathbf{u}(t))$ is nonincreasing, and $D(\bar{\mathbf{u}},\mathbf{u}(t_k))\to0$
# (the terms with $\bar u_i>0$ are continuous at $\bar u_i$, those with $\bar u_i=0$ equal
# $u_i(t_k)\to0$). So $D(\bar{\mathbf{u}},\mathbf{u}(t))\to0$ and every term tends to 0; since
# $d(0,t)=t$, and for $s>0$ the function $d(s,\cdot)$ is strictly convex, coercive and zero only
# at $s$, this means $\mathbf{u}(t)\to\bar{\mathbf{u}}$.
# *(Identification.)* $Q_\alpha$ differs from $\sum_iw_i\log w_i-w_i$ by a linear function, so it
# has the Bregman divergence $D$, and $\nabla
# Q_\alpha(\mathbf{u})=\log(\mathbf{u}/\alpha^2)=\mathbf{A}^\top\boldsymbol{\nu}$
# by (29). For $\mathbf{w}\in\mathcal{W}$,
# $Q_\alpha(\mathbf{w})=Q_\alpha(\mathbf{u})+\langle\boldsymbol{\nu},\mathbf{A}\mathbf{w}-\mathbf{A}\mathbf{u}\rangle+D(\mathbf{w},\mathbf{u})
# \ge Q_\alpha(\mathbf{u}(t))-\langle\boldsymbol{\nu}(t),\mathbf{r}(t)\rangle$, and by
# Cauchy–Schwarz $|\langle\boldsymbol{\nu}(t),\mathbf{r}(t)\rangle|\le4\sqrt
# t\,(\int_0^t\|\mathbf{r}\|_2^2)^{1/2}\|\mathbf{r}(t)\|_2
# =4(\int_0^t\|\mathbf{r}\|_2^2)^{1/2}(t\|\mathbf{r}(t)\|_2^2)^{1/2}\to0$. Letting $t\to\infty$,
# $Q_\alpha(\mathbf{w})\ge Q_\alpha(\bar{\mathbf{u}})$ for all $\mathbf{w}\in\mathcal{W}$: the limit
# minimizes (21), and the minimizer is unique by strict convexity.
# *(Small $\alpha$.)* For $0<\alpha<1$, $Q_\alpha(\mathbf{w})=\log(1/\alpha^2)\big(\|\mathbf{w}\|_1+\varepsilon\,\phi(\mathbf{w})\big)$
# on $\mathcal{W}$, with $\varepsilon=1/\log(1/\alpha^2)\to0$ and $\phi(\mathbf{w})=\sum_iw_i\log
# w_i-w_i\ge-m$.
# Comparing with $\hat{\mathbf{x}}=\hat{\mathbf{x}}_{\ell_1}^+$,
# $\|\mathbf{u}_\infty\|_1\le\|\hat{\mathbf{x}}\|_1+\varepsilon(\phi(\hat{\mathbf{x}})+m)$, so the
# $\mathbf{u}_\infty(\alpha)$ are bounded and every limit point lies in the closed set $\mathcal{W}$
# with $\ell_1$ norm at most $\|\hat{\mathbf{x}}\|_1$: it is $\hat{\mathbf{x}}$. $\square$
#
# The theorem is about the flow. Gradient descent with a step of size $\eta$ is a discretization of
# it; Even et al. [5] analyze how non-infinitesimal steps change the implicit bias of diagonal
# linear networks. We rest on measurement instead: every gradient-descent run below is compared
# with (21) directly. (On the instance of 2(e), $\hat{\mathbf{x}}_{\ell_1}^+$ is unique: its support
# columns are linearly independent and a dual certificate has a positive margin, B.2.)

# %% [markdown]
# ## B.2 The initialization scale, and the final phase of gradient descent
#
# We solve (21) through its smooth dual by Newton's method (`kl_interpolator`) on a fine grid of
# $\alpha$, and run gradient descent to convergence (relative residual $10^{-8}$) from
# $\alpha\mathbf{1}$ for the larger $\alpha$, in one batched run: 50,000 steps with a step
# $1/L$ valid along the whole run, then steps $1/L(\mathbf{x})$ recomputed every 50,000 steps.

# %% tags=["remove_input"]
run, cont, scale = paths(), continuation(), init_scale()
show_figure(figures.init_scale(scale, run, cont), "sparse_recovery_init_scale")
show_table(*tables.init_scale(scale))
show_table(*tables.init_scale_measured(scale))

# %% jupyter={"source_hidden": true} tags=["remove_input"]
cont = continuation()
scale = init_scale()

small = scale.alphas <= 1e-2
say(
    rf"$\hat{{\mathbf{{x}}}}_{{\ell_1}}^+$ is the unique nonnegative minimum-$\ell_1$ interpolator (dual "
    rf"certificate margin {tables.num(scale.uniqueness_margin)} > 0, support columns independent). The distance of the "
    rf"limit (21) to it "
    rf"{'decreases' if np.all(np.diff(scale.l1_distance) < 0) else 'does NOT decrease'} monotonically as $\alpha\to0$ and "
    rf"falls below $10^{{-3}}$ for $\alpha\le{tex_sci(scale.alpha_1e3, 2)}$, close to the $\alpha = 10^{{-3}}$ of step iv; "
    rf"for $\alpha\le10^{{-2}}$ the limit stays {tables.num(scale.l2_distance[small].min())} to "
    rf"{tables.num(scale.l2_distance[small].max())} from $\hat{{\mathbf{{x}}}}_{{\ell_2}}$, and for large $\alpha$ it moves "
    rf"away from both, its entries then of the order of $\alpha^2$ (last column) — a regime in which the comparison "
    rf"with $\hat{{\mathbf{{x}}}}_{{\ell_2}}$ says little: the minimum-$\ell_2$ interpolator is the large-initialization "
    rf"(kernel) limit of the two-sided model $\mathbf{{x}}_+\odot\mathbf{{x}}_+ - \mathbf{{x}}_-\odot\mathbf{{x}}_-$ "
    rf"started at $\mathbf{{u}} = \mathbf{{0}}$ [2], not of (9). Theorem 4 gives no rate; for $\alpha \le 10^{{-3}}$ "
    rf"the distance to $\hat{{\mathbf{{x}}}}_{{\ell_1}}^+$ falls like $\alpha^{{{tables.num(scale.small_alpha_slope)}}}$ "
    rf"(least-squares slope on the grid), close to $\alpha^{{2t}}$ with $t = {tables.num(scale.uniqueness_margin)}$ the "
    rf"largest certificate margin. A heuristic, not a proof, suggests why: by the optimality conditions of (21), "
    rf"$\mathbf{{u}}_\infty = \alpha^2 e^{{\mathbf{{A}}^\top\boldsymbol{{\nu}}}}$ for a multiplier "
    rf"$\boldsymbol{{\nu}}$; if $\boldsymbol{{\nu}}/\log(1/\alpha^2)$ tends to a certificate of largest margin, "
    rf"the largest off-support entry is about $\alpha^{{2t}}$ and the support entries move by as much. "
    rf"(The set $\mathcal{{W}}$ of B.1 is unbounded here — $\mathbf{{A}}$ has a null vector with entries "
    rf"between {tables.num(scale.null_margin)} and 1 — so the bound on $\mathbf{{u}}(t)$ in "
    rf"Theorem 4 does come from the Lyapunov function.) Where gradient descent "
    rf"was run to convergence it agrees with (21) to a relative ${tex_sci(scale.gd_to_kl_relative.max())}$ or better, "
    rf"and the run of step iv, continued, ends at distance ${tex_sci(cont.distance_kl)}$ from it."
)

# %% [markdown]
# The continued run of step iv converges slowly. An off-support coordinate that must shrink obeys
# $\dot u_i=-4u_i(\mathbf{A}^\top\mathbf{r})_i$ with a correlation that is itself proportional to
# the excess $u_i$, so $u_i$ decays like $1/k$ rather than geometrically until it reaches the
# scale of the limit; the table shows the residual at some checkpoints of the continuation.

# %% tags=["remove_input"]
cont = continuation()

show_table(*tables.residual_decay(cont))
show_table(*tables.continuation_tail(cont))

# %% jupyter={"source_hidden": true} tags=["remove_input"]
cont = continuation()

lo, hi = cont.fit_range
chunk = cont.info.steps[1] - cont.info.steps[0]
say(
    (
        rf"From {lo:,} to {hi:,} extra steps the residual decays like $k^{{{tables.num(cont.exponent)}}}$"
        + (r" (residual times $k$ nearly constant)" if cont.sublinear else "")
        + rf"; over the last {cont.tail:,} steps it falls by a factor {tables.num(cont.tail_ratio)} per {chunk:,} steps"
        + (" (geometrically)." if cont.tail_ratio < 0.95 else ".")
    )
    if np.isfinite(cont.exponent)
    else rf"The continuation converges within {cont.info.steps[-1]:,} extra steps, before {hi:,}: no tail to fit."
)

# %% [markdown]
# ## B.3 Time alignment of the two paths
#
# The mirror identity (29) says *when* gradient descent resembles which Lasso solution. Let
# $\bar{\mathbf{u}}(t)=\frac1t\int_0^t\mathbf{u}$ be the time-averaged iterate; then
# $\int_0^t\mathbf{r}=t(\mathbf{A}\bar{\mathbf{u}}(t)-\mathbf{y})$ and (29) reads
# $\mathbf{A}^\top(\mathbf{y}-\mathbf{A}\bar{\mathbf{u}}(t))=\log(\mathbf{u}(t)/\alpha^2)/(4t)$.
# A coordinate that has grown to order one has $\log(u_i/\alpha^2)\approx\log(1/\alpha^2)$, one
# still near zero a smaller value. These are the optimality conditions of the path with
# $\mathbf{x}\ge\mathbf{0}$ — $\mathbf{A}^\top(\mathbf{y}-\mathbf{A}\hat{\mathbf{x}})=\lambda$ on
# its support and $\le\lambda$ elsewhere — at $\lambda(k)$ of (20) with $t=\eta k$, up to relative
# errors of order $|\log u_i|/\log(1/\alpha^2)$ for a coordinate of size $u_i$; the match is exact as $\alpha\to0$ when the path is
# monotone [3], and the iterate itself moves from saddle to saddle [4]. Below, the run of step iv is
# placed on the $\lambda$ axis through (20); the table lists, for each coordinate that enters
# the path or gradient descent, the $\lambda$ at which it enters the path and the $\lambda(k)$ at
# which the time average and the iterate enter (reach $10^{-2}$, as throughout 2(e)).

# %% tags=["remove_input"]
run, align = paths(), time_alignment()
show_figure(figures.time_alignment(run, align), "sparse_recovery_time_alignment")
show_table(*tables.entry_table(run, align))
show_table(*tables.alignment_ratios(align))

# %% jupyter={"source_hidden": true} tags=["remove_input"]
align = time_alignment()
run = paths()
earlier, both_reach = align.iterate_first
say(
    rf"For the {len(align.ratios)} coordinates that enter both, the entry $\lambda$ of the time average is "
    rf"{tables.num(min(align.ratios))} to {tables.num(max(align.ratios))} times that of the path (median "
    rf"{tables.num(np.median(align.ratios))}); "
    + (
        "the ratio exceeds 1 because"
        if min(align.ratios) > 1
        else "the ratio is mostly above 1 because"
        if np.median(align.ratios) > 1
        else "the ratio is mostly below 1, although"
    )
    + rf" where $\bar u_i$ reaches $10^{{-2}}$ the "
    rf"iterate $u_i$ is still below 1, and correcting $\lambda(k)$ by the factor "
    rf"$\log(u_i/\alpha^2)/\log(1/\alpha^2)$ of (29) moves the median to {tables.num(np.median(align.corrected))}. The "
    rf"iterate reaches $10^{{-2}}$ at a larger $\lambda(k)$ (earlier) than the time average for "
    + (f"all {both_reach}" if earlier == both_reach else f"{earlier} of the {both_reach}")
    + rf" coordinates whose iterate and time average both reach it. The last coordinate to enter the path is "
    rf"predicted by (20) to enter gradient descent at step {align.k_last_entry:,.0f}, "
    + (
        f"beyond step {run.steps:,}: this is why gradient descent has not brought it in by then (2(e), the answers)."
        if align.k_last_entry > run.steps
        else f"within the {run.steps:,} steps run."
    )
)

# %% [markdown]
# ## B.4 Robustness over random instances
#
# The same experiment on 24 instances (seeds 0–23), in one batched run: gradient descent from
# $10^{-3}\mathbf{1}$ for 200,000 steps (60,000 with a globally valid step, then local steps
# $1/L(\mathbf{x})$), and the limit (21) at $\alpha=10^{-3}$ and $10^{-6}$. Two support tests
# against $\hat{\mathbf{x}}_{\ell_1}^+$ with support $S$: *top-s* (the $|S|$ largest entries of
# $\mathbf{u}$ are $S$) and *threshold* ($\{i:u_i>\tau\}=S$, $\tau$ half the smallest nonzero of
# $\hat{\mathbf{x}}_{\ell_1}^+$); the excess $\ell_1$ norm is
# $\|\mathbf{u}\|_1/\|\hat{\mathbf{x}}_{\ell_1}^+\|_1-1$.

# %% tags=["remove_input"]
rob = robustness()
show_table(*tables.robustness_support(rob))
show_table(*tables.robustness_counts(rob))

# %% jupyter={"source_hidden": true} tags=["remove_input"]
rob = robustness()

d = rob.distances()
gd_d, *kl_d = d.values()
passes = [sum(rob.support_tests(rob.kl[a])) for a in ("1e-3", "1e-6")]
more = "more" if passes[1] > passes[0] else "as many" if passes[1] == passes[0] else "fewer"
kl_lines = [
    f"from {'below $10^{-9}$' if dn.min() < 1e-9 else f'${tex_sci(dn.min())}$'} to {dn.max():.2f} for the limit at $\\alpha = {tex_sci(float(a), 0)}$"
    for a, dn in zip(rob.kl, kl_d, strict=True)
]
say(
    rf"The nonnegative LP recovers $\mathbf{{x}}^*$ on {rob.recovered(rob.lp)} of {len(rob.seeds)} instances and "
    rf"the signed LP (10) on {rob.recovered(rob.lp_signed)}: for nonnegative $\mathbf{{x}}^*$ the constraint "
    rf"$\mathbf{{x}}\ge\mathbf{{0}}$ is itself a strong prior. Gradient descent after {rob.gd_steps:,} steps has "
    rf"converged (relative residual $\le10^{{-6}}$) on {int((rob.residuals <= 1e-6).sum())} instances; its distance "
    rf"to $\hat{{\mathbf{{x}}}}_{{\ell_1}}^+$ ranges from ${tex_sci(gd_d.min())}$ to {gd_d.max():.2f} over the "
    rf"instances ({np.log10(gd_d.max() / gd_d.min()):.1f} orders of magnitude), and "
    + "; ".join(kl_lines)
    + rf". At $\alpha = 10^{{-6}}$ the limit passes the two support tests on {more} instances than at $10^{{-3}}$ "
    r"and its median distance to "
    rf"$\hat{{\mathbf{{x}}}}_{{\ell_1}}^+$ is {rob.median_ratio:.0f} times smaller than at $10^{{-3}}$, consistent with "
    "Theorem 4; gradient descent itself would need far more steps there."
)

# %% [markdown]
# ## B.5 The orders of entry, in detail
#
# The rank at which each coordinate enters (first reaches $10^{-2}$ in absolute value) each path,
# and its sign on the Lasso path of (11) ("–": it does not enter):

# %% tags=["remove_input"]
run = paths()
show_table(*tables.entry_orders(run))
show_table(*tables.overshoots(run))

# %% jupyter={"source_hidden": true} tags=["remove_input"]
run = paths()
prefix, gd_first, path_first = run.common_prefix, run.gd_order[0], run.lasso_order[0]
largest = int(np.argmax(run.A.T @ run.y))
shifts = [
    f"coordinate {i + 1} enters {ordinal(g)} in gradient descent and {ordinal(p)} on the path"
    for i, (g, p) in run.rank_shifts().items()
]
path_drops, gd_drops = set(run.transient("lasso")), set(run.transient("gd"))
both, path_only, gd_only = (
    sorted(path_drops & gd_drops),
    sorted(path_drops - gd_drops),
    sorted(gd_drops - path_drops),
)
text = (
    rf"Both start at $\mathbf{{0}}$ with coordinate {gd_first + 1}"
    + (r", the largest correlation $(\mathbf{A}^\top\mathbf{y})_i$" if gd_first == largest else "")
    if prefix
    else rf"They start differently: gradient descent with coordinate {gd_first + 1}, the path with "
    rf"coordinate {path_first + 1}"
)
text += (
    f"; the first {len(prefix)} to enter are {join_words([i + 1 for i in prefix])} on both"
    if len(prefix) > 1
    else ""
)
text += (
    f". After that the orders differ; the shifts of {RANK_SHIFT} places or more: {join_words(shifts)}. "
    if shifts
    else f". No coordinate's rank differs by {RANK_SHIFT} places or more. "
)
if run.only_gd:
    text += f"{coordinates(run.only_gd).capitalize()} enter{'' if len(run.only_gd) > 1 else 's'} gradient descent only. "
if run.only_lasso:
    text += (
        f"{coordinates(run.only_lasso).capitalize()} enter{'' if len(run.only_lasso) > 1 else 's'} the path only "
        f"(gradient descent has not reached {'them' if len(run.only_lasso) > 1 else 'it'} by step {run.steps:,}). "
    )
dropped = [
    f"{join_words([i + 1 for i in group])} {where}"
    for group, where in (
        (both, "on both"),
        (path_only, "on the path only (gradient descent has not dropped them yet)"),
        (gd_only, "in gradient descent only"),
    )
    if group
]
if dropped:
    text += (
        "Coordinates brought in and dropped again (ending below half their peak): "
        f"{'; '.join(dropped)}. "
    )
if run.rising_off_support_gd:
    text += (
        f"At step {run.steps:,} gradient descent is still raising (within 2% of its peak) off-support "
        f"{coordinates(run.rising_off_support_gd)}. "
    )
signed_prefix = sparse_recovery.common_prefix(run.signed_order, run.lasso_order)
departs = len(signed_prefix) < min(len(run.signed_order), len(run.lasso_order))
text += (
    f"The Lasso path of (11) brings in {len(run.signed_order)} coordinates, {run.signed_negative} of "
    "them negative somewhere along it"
    + (
        f", and its order departs from that of the path with $\\mathbf{{x}}\\ge\\mathbf{{0}}$ at the {ordinal(len(signed_prefix) + 1)} entry."
        if departs
        else "."
    )
)
say(text)

# %% [markdown]
# ## B.6 The end points of the paths
#
# The end points of the paths and of gradient descent (after the 300,000 steps, and run to
# convergence), and the limit (21), against the reference interpolators (LPs solved with HiGHS). $S$ is
# the support of $\mathbf{x}^*$; the last column reads "$= S$" when the support of $\mathbf{w}$ is
# $S$, and otherwise gives its size, then how many of its entries lie outside $S$ (+) and how many
# of $S$ it misses (−):

# %% tags=["remove_input"]
run, cont = paths(), continuation()
show_table(*tables.end_points(run, cont))
show_table(*tables.comparison(run, cont))
show_table(*tables.monitor(run))

# %% [markdown]
# # Appendix C: 2(f) in detail
#
# ## C.1 Every instance as $\alpha\to0$
#
# Where each instance ends as $\alpha\to0$ and from which $\alpha$ on, the smallest trustworthy
# $\alpha$ (and its arithmetic), and how GLRL ends; then, at that $\alpha$ (means over the seeds),
# the distance of $UU^\top$ to $X_{\mathrm{nuc}}$ (relative to $\|Y\|_F$, like
# $\|X_{\mathrm{nuc}}-Y\|$) and its nuclear norm against the optimum of (23), solved to $10^{-7}$:

# %% tags=["remove_input"]
sweep = alpha_sweep()
show_table(*tables.alpha_limits(sweep))
show_table(*tables.nuclear_norms(sweep))

# %% [markdown]
# The trend from $\alpha=10^{-15}$ on: the nuclear norm of $UU^\top$ (mean over the seeds) there and
# at the smallest trustworthy $\alpha$, with its growth per decade of $\alpha$ (least squares); and
# the distance to where the instance ends ($Y$ where it has no limit) at $10^{-15}$ and the largest
# after it, before the instance gets there:

# %% tags=["remove_input"]
show_table(*tables.alpha_trends(alpha_sweep()))

# %% [markdown]
# ## C.2 Where each arithmetic can be trusted
#
# For every instance and arithmetic: the smallest $\alpha$ down to which every result is
# trustworthy, the measured discrepancy there (the larger of the relabelled twin's and, in
# float64, the double-double run's, relative to $\|Y\|_F$; seed 0, after the same number of
# steps), and the discrepancy at the next $\alpha$, where it exceeds $10^{-6}$ ("–": it never
# does in the sweep).

# %% tags=["remove_input"]
sweep = alpha_sweep()
show_table(*tables.trust_limits(sweep, FLOAT64))
show_table(*tables.trust_limits(sweep, DOUBLE))

# %% jupyter={"source_hidden": true} tags=["remove_input"]
sweep = alpha_sweep()

alpha = lambda e: "1" if e == 0 else tex_sci(float(f"1e-{e}"), 0)  # noqa: E731
dd_short = [i for i in range(len(sweep.names)) if sweep.trust_limit(i, DOUBLE) < sweep.grid(i)[-1]]
say(
    rf"Float64 is trustworthy down to $\alpha$ between ${alpha(min(sweep.trust_limit(i, FLOAT64) for i in range(len(sweep.names))))}$ "
    rf"and ${alpha(max(sweep.trust_limit(i, FLOAT64) for i in range(len(sweep.names))))}$, double-double to the end of "
    rf"the sweep on {len(sweep.names) - len(dd_short)} of the {len(sweep.names)} instances and to "
    + join_words([f"${alpha(sweep.trust_limit(i, DOUBLE))}$ on {sweep.names[i]}" for i in dd_short])
    + ". Where the two arithmetics overlap and both are trustworthy they give the same label at every "
    r"$\alpha$; below float64's limit they need not (the verdict lists where they differ)."
)

# %% [markdown]
# ## C.3 Step limits, slow runs and the step
#
# The runs of the sweep by kind: each seed's own runs; the relabelled twins of seed 0 (C.2); the
# float64 runs as long as a double-double one, to compare the two arithmetics (C.2); the runs with
# a quarter of the step (below). Then, for each instance, its slowest run among the reported results (either seed), if it needed more
# than $10^6$ steps, with the decay of its loss over the second half of the run: the exponent $p$ of a power law $k^{-p}$ fitted
# there, and the ratio of the local decay rates $-\mathrm{d}\log(\text{loss})/\mathrm{d}k$ over the
# last and the first quarter of that half (1 for a geometric tail; a power law's rate falls like
# $1/k$, to about $0.6$).

# %% tags=["remove_input"]
sweep = alpha_sweep()
show_table(*tables.run_kinds(sweep))
show_table(*tables.slow_runs(sweep))

# %% jupyter={"source_hidden": true} tags=["remove_input"]
sweep = alpha_sweep()
own = sweep.kind == OWN
df, _ = tables.slow_runs(sweep)
sublinear = df[df["rate ratio"] <= 0.85]
faster = df[df["rate ratio"] > 1]
slowest = int(np.argmax(np.where(own, sweep.steps, 0)))
say(
    rf"{int((own & sweep.converged).sum()):,} of the {int(own.sum()):,} runs of the seeds reached loss "
    rf"$10^{{-12}}$, the slowest ({sweep.names[sweep.instance[slowest]]} at $\alpha = "
    rf"{tables.alpha_of_exponent(sweep.exponent[slowest])}$) after {int(sweep.steps[slowest]):,} steps, well within "
    rf"the limit of {MAX_STEPS:,}. On {len(sublinear)} of the {len(df)} instances in the table the slowest tail "
    r"is sublinear (its local rate falls by 15% or more): at the end point $UU^\top$ still has small extra "
    r"eigenvalues (last column), a component the loss penalizes only at fourth order, which fades like $1/k$. "
    + (
        f"Ratios above 1 ({join_words(list(faster['instance']))}) are tails that speed up at the end. "
        if len(faster)
        else ""
    )
    + r"The step, checked at each instance's smallest trustworthy $\alpha$ (seed 0): $\eta\mu_{\max}$ of "
    r"the Hessian of (12) at the end point, and the run with a quarter of the step:"
)

# %% tags=["remove_input"]
show_table(*tables.step_checks(alpha_sweep()))

# %% [markdown]
# ## C.4 Greedy low-rank learning
#
# GLRL [6]: from $U=0$, append a column $10^{-6}v$ ($v$ the top eigenvector of
# $P_\Omega(Y-UU^\top)$) and run (22) on the $20\times r$ factor (one call of the loop of (22),
# with the step of the instance and the loss-rise check) to loss $10^{-12}$ (done) or a vanishing
# gradient (a stationary point: next rank). A stage whose loss rises is rerun with a step eight
# times smaller; if that run's factor grows more than twice as large before its loss rises too,
# the stage has no stationary point within reach (its factor grows without bound) and GLRL stops.
# The start of a stage, one stage, and the driver:

# %% jupyter={"source_hidden": true} tags=["remove_input"]
listing(mc.glrl_start, mc.glrl_descend, mc.greedy_low_rank)

# %% jupyter={"source_hidden": true} tags=["remove_input"]
sweep, stage = alpha_sweep(), unbounded_stage()
fit = [i for i in range(len(sweep.names)) if sweep.glrl_fits[i]]
ranks = sorted({int(sweep.glrl_rank[i]) for i in fit})
say(
    f"GLRL fits the data (loss $\\le 10^{{-12}}$) on {len(fit)} of the {len(sweep.names)} instances, at rank "
    f"{' or '.join(map(str, ranks))} (C.1); its completion is $Y$ on "
    f"{sum(sweep.glrl_to_Y[i] < sweep.radius(i) for i in fit)} of them. On {stage.name}, stage {stage.stage} has "
    "no stationary point within reach: rerun with smaller steps, its loss rises only once the growing factor "
    "has made the step unstable, and the smaller the step the larger the factor then (table): "
    + ("it keeps growing." if np.all(np.diff(stage.norms) > 0) else "but not at every step size.")
)

# %% tags=["remove_input"]
show_table(*tables.unbounded_stage(unbounded_stage()))

# %% [markdown]
# ## C.5 The loop of (22), and the three-by-three instance
#
# The float64 loop; the double-double one (`hw3/double_double.py`) takes the same steps in the
# same order with every sum and product by error-free transformations, and is tested against
# exact rational arithmetic (agreement to $10^{-30}$) and bit for bit against a plain Python loop
# of the stated order:

# %% jupyter={"source_hidden": true} tags=["remove_input"]
listing(mc.gd_run, docstring=True)

# %% [markdown]
# The semidefinite program (23):

# %% jupyter={"source_hidden": true} tags=["remove_input"]
listing(mc.min_nuclear_norm_completion)

# %% [markdown]
# *The three-by-three instance without the PSD constraint.* For any completion $X$ and any $W$
# supported on $\Omega$ with $\|W\|_2\le1$, $\|X\|_*\ge\langle W,X\rangle=\langle W,Y\rangle$;
# with $W=(e_1e_3^\top+e_2e_3^\top+e_3e_1^\top+e_3e_2^\top)/\sqrt2$ (eigenvalues $\pm1,0$) this
# gives
#
# $$
# \|X\|_*\ \ge\ 2\sqrt2\qquad\text{for every completion }X,
# \tag{26}
# $$
#
# with equality for $X_s=\begin{pmatrix}\delta&\delta&1\\\delta&\delta&1\\1&1&2\delta\end{pmatrix}
# =(\sqrt2+2\delta)v_+v_+^\top-(\sqrt2-2\delta)v_-v_-^\top$,
# $v_\pm=(\tfrac12,\tfrac12,\pm\tfrac1{\sqrt2})$, which is indefinite. No semidefinite completion
# reaches $2\sqrt2$: a PSD one has trace at least $4-2\delta>2\sqrt2$ by (25), and a negative
# semidefinite one has $-\operatorname{trace}X\ge4+2\delta$ by the same argument with
# $n=(1,1,1)$. So the conjecture has to be read for PSD completions, the only ones $UU^\top$ can
# reach. The optimum of (23) is unique but not sharp: every completion is
# $X_\star+\operatorname{diag}(d)$, and along $d=s(1,1,-2)+c(1,1,1)$ second-order perturbation of
# the simple zero eigenvalue of $X_\star$ shows the completion is PSD once $c\approx2s^2/3$, at a
# trace excess $3c\approx2s^2$ and a distance $\varepsilon\approx\sqrt6\,|s|$ from $X_\star$: the
# excess is only about $\varepsilon^2/3$, so a solution within $10^{-7}$ of the optimal trace may
# be about $\sqrt{3\cdot10^{-7}}$ from $X_\star$ in its entries. The figure shows the nuclear norm and
# the effective rank of gradient descent's $UU^\top$ against $\alpha$ (means over the five seeds,
# bars of $\pm1$ standard deviation); then the checks of the certificate, and the runs:

# %% tags=["remove_input"]
tri = triangle()
show_figure(figures.triangle(tri), "matrix_completion_counterexample")

# %% tags=["remove_input"]
tri = triangle()
show_table(*tables.checks(tri.checks))
show_table(*tables.triangle(tri))
show_table(*tables.triangle_step(tri))

# %% jupyter={"source_hidden": true} tags=["remove_input"]
tri = triangle()

say(
    rf"The symmetric minimum nuclear norm completion has $\|X\|_* = {tri.sym_nuclear:.4f}$ "
    rf"($2\sqrt2 = {2 * np.sqrt(2):.4f}$) and a negative eigenvalue, ${np.linalg.eigvalsh(tri.X_sym).min():.3f}$; "
    rf"GLRL stops at rank {tri.glrl_rank}, at $Y$."
)

# %% [markdown]
# # Appendix D: numerical checks of the proofs
#
# Each check is a discrepancy that must stay below (or, marked $\ge$, above) a stated bound; the
# tables print the bound, not the measured digits, which at the rounding level differ between CPUs.
#
# ## D.1 The expectation in (3)
#
# **Remarks.** (i) If every factor is zero, $\Theta=0$ and (2) is undefined; with the natural
# convention that the prediction $\frac{\Theta}{m}\sum_jZ_j$ is then $0$, $F_3=\|X\|_F^2$, which
# is (13) at $W=0$, $\Theta=0$. (ii) For $m=1$, (13) reads
# $\|X-W\|_F^2+\Theta^2-\|UV^\top\|_F^2$: the penalty is not a multiple of $\Theta^2$, so $m\ge2$
# is needed for (4). (iii) The second term of (13) is a variance, $\ge0$, consistently with
# $\|W\|_F\le\sum_ia_i=\Theta$.
#
# On a random instance ($D=4$, $N=5$, $r=3$) the expectation in (3) is
# computed *exactly* as $\sum_{(j_1,\dots,j_m)}p_{j_1}\cdots p_{j_m}\|X-\frac{\Theta}{m}\sum_k\bar
# M_{j_k}\|_F^2$ over all $r^m$ ordered draws, without any closed form, and compared with (13),
# with (14), and with a Monte Carlo average ($z$ = its error in standard errors); the last check
# repeats (14) with one factor set to zero.

# %% tags=["remove_input"]
check_1a = identity_check()
show_table(*tables.identity_check(check_1a))
show_table(*tables.checks(check_1a.checks))

# %% jupyter={"source_hidden": true} tags=["remove_input"]
check_1a = identity_check()
say(
    f"The law (2) of this instance is $p = ({', '.join(f'{v:.3f}' for v in check_1a.probabilities)})$; "
    f"every Monte Carlo estimate is within {math.ceil(100 * max(abs(check_1a.z))) / 100:.2f} standard errors of the "
    "exact value, and the identities (13) and (14) hold to the rounding error of the sums."
)

# %% [markdown]
# ## D.2 The solutions of (5)
#
# ($\mathbf{A}^+$ satisfies the four Penrose conditions — $\mathbf{A}\mathbf{A}^+\mathbf{A}=
# \mathbf{A}$, $\mathbf{A}^+\mathbf{A}\mathbf{A}^+=\mathbf{A}^+$, and $\mathbf{A}\mathbf{A}^+$,
# $\mathbf{A}^+\mathbf{A}$ symmetric — so it is the Moore–Penrose pseudo-inverse of $\mathbf{A}$.)
#
# A random instance with $n=8$, $m=20$ and i.i.d. Gaussian entries, the
# same for all of 2(a)–(d) (each check rebuilds it from its seed).

# %% tags=["remove_input"]
check_2a = solution_set_check()
show_table(*tables.checks(check_2a.checks))
show_table(*tables.solution_set_measured(check_2a))

# %% [markdown]
# ## D.3 Smoothness
#
# Inequality (6) with this $\eta$ on $10^4$ random pairs
# $(\mathbf{x},\mathbf{w})$, the identity (16), and the pair $(\mathbf{x},\mathbf{x}+\mathbf{q}_1)$
# at $\eta$ (where (6) is tight) and at $1.01\,\eta$ (where it must fail by
# $\frac12(\sigma_1^2-\frac{1}{1.01\eta})$).

# %% tags=["remove_input"]
check_2b = smoothness_check()
show_table(*tables.checks(check_2b.checks))
show_table(*tables.smoothness_measured(check_2b))

# %% [markdown]
# ## D.4 Convergence of gradient descent
#
# **Remark (larger steps).** The argument of (iii) works verbatim for every
# $0<\eta<2/\sigma_1^2$, with $\rho(\eta)=\max_i|1-\eta\sigma_i^2|=\max(|1-\eta\sigma_1^2|,
# |1-\eta\sigma_n^2|)<1$, and then $\mathbf{g}_k=\mathbf{A}^\top\mathbf{A}\mathbf{e}_k\to\mathbf{0}$,
# so (iv) holds as well. For $\eta\ge2/\sigma_1^2$ the coefficient along $\mathbf{q}_1$ is
# multiplied by $|1-\eta\sigma_1^2|\ge1$ at every step, so gradient descent does not converge
# unless $c_{0,1}=0$; `hw3.least_squares.gradient_descent` rejects such $\eta$ with a
# `ValueError`.
#
# Five random initializations run together for 300 steps with
# $\eta=1/\|\mathbf{A}\|_2^2$: the descent inequality (i), the null-space part
# $\mathbf{P}\mathbf{x}^{(k)}$, the one-step ratios $\|\mathbf{e}_{k+1}\|_2/\|\mathbf{e}_k\|_2$
# against $\rho$ (over the steps with $\|\mathbf{e}_k\|_2>10^{-6}\|\mathbf{e}_0\|_2$, where the
# ratio is known to about $10^{-9}$), and the measured rate, the geometric mean of the ratio over
# the last 20 steps.

# %% tags=["remove_input"]
check_2c = convergence_check()
show_table(*tables.checks(check_2c.checks))
show_table(*tables.convergence_measured(check_2c))
show_figure(figures.convergence_rate(check_2c), "least_squares_gd_rate")

# %% [markdown]
# ## D.5 The minimum-norm limit
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
# 600 steps from $\mathbf{x}^{(0)}=\mathbf{0}$, against
# $\mathbf{A}^\top(\mathbf{A}\mathbf{A}^\top)^{-1}\mathbf{y}$, `numpy.linalg.pinv` and
# `numpy.linalg.lstsq` (the minimum-norm solution of an under-determined system), and from the
# five random initializations of 2(c), against
# $\mathbf{A}^+\mathbf{y}+(\mathbf{I}-\mathbf{A}^+\mathbf{A})\mathbf{x}^{(0)}$
# and against the solution nearest to $\mathbf{x}^{(0)}$,
# $\mathbf{x}^{(0)}+\mathrm{lstsq}(\mathbf{A},\mathbf{y}-\mathbf{A}\mathbf{x}^{(0)})$.

# %% tags=["remove_input"]
check_2d = min_norm_check()
show_table(*tables.checks(check_2d.checks))
show_table(*tables.min_norm_measured(check_2d))

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
#     Statistics* 32, 2004.
# 12. T. Ogita, S. M. Rump and S. Oishi. Accurate sum and dot product. *SIAM Journal on Scientific
#     Computing* 26, 2005. (Error-free transformations: D. E. Knuth, *The Art of Computer
#     Programming* 2, §4.2.2; T. J. Dekker, A floating-point technique for extending the available
#     precision, *Numerische Mathematik* 18, 1971.)
#
# Software: NumPy, SciPy (HiGHS linear programs), scikit-learn (`lars_path`), CVXPY with Clarabel
# and SCS (semidefinite programs), numba, pandas, Matplotlib with colorcet's Glasbey palette;
# versions pinned in `requirements.txt`.
