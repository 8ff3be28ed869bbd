"""Problem 2(f): the experiments of the notebook, each returning a frozen result.

- :func:`triangle` -- the 3 x 3 counterexample: minimum nuclear norm (PSD and not), minimum
  rank, GLRL, and gradient descent over the initialization scale;
- :func:`instances` -- the random completion problems and their minimum nuclear norm completions;
- :func:`alpha_sweep` -- gradient descent on every instance from alpha = 1 down to 1e-33, run to
  a loss tolerance, with the floating-point check, GLRL, the step-size checks, and the
  classification of every instance's small-alpha outcome.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

from hw3 import matrix_completion as mc
from hw3.common import Check, power_of_ten, relative_distance
from hw3.experiments import Result, experiment

D, RANK, P_HARD, P_EASY = 20, 2, 0.25, 0.5
#: The sweep: alpha from 1 down to 1e-33, every three decades.
ALPHAS = tuple(float(a) for a in np.logspace(0, -33, 12))
#: Runs stop at this loss (12) ...
TOL = 1e-12
#: ... or after STEPS_0 + STEPS_PER_LOG * log(1/alpha) steps: the escape from the origin takes a
#: number of steps that grows like log(1/alpha).
STEPS_0, STEPS_PER_LOG = 40_000, 2_000
#: Where rounding starts to decide outcomes is measured by re-running seed 0 of every instance with
#: its indices relabelled (an exact symmetry, other rounding) and, on the main instance, in
#: longdouble. Rounding sensitivity is itself chaotic: near the edge the differences change by a
#: factor of ten with the order of the sums, so the edge is not found by thresholding them.
#: TRUSTED_ALPHA is fixed instead, and the notebook checks (and says) that at it every relabelled
#: run agrees to TWIN_AGREE and float64 with longdouble to LD_AGREE, while at the smallest alpha
#: some relabelled run differs by more than TWIN_DIFFER and longdouble by more than LD_DIFFER.
#: Nothing below TRUSTED_ALPHA is reported.
TRUSTED_ALPHA = 1e-15
TWIN_AGREE, TWIN_DIFFER = 1e-6, 1e-3
LD_AGREE, LD_DIFFER = 1e-8, 1e-4
#: The quarter-step check runs at the smallest trustworthy alpha.
QUARTER_ALPHA = TRUSTED_ALPHA
#: An outcome is "near" a completion when closer to it than this fraction of ||X_nuc - Y|| (so
#: that X_nuc and Y are never both near), or than NEAR_FLOOR where X_nuc = Y (the easy control).
NEAR, NEAR_FLOOR = 0.2, 0.01
#: A stage of GLRL stops after this many steps if it has reached neither a fit nor a stationary point.
GLRL_MAX_STEPS = 50_000
#: Every run records its factor the first time its loss is at most this looser tolerance (an
#: earlier version stopped there), to measure what stopping there would leave undone.
LOOSE_TOL = 1e-8


def step_limit(alpha: float) -> int:
    """The step limit of a run from scale ``alpha``: STEPS_0 + STEPS_PER_LOG * ln(1/alpha)."""
    return int(STEPS_0 + STEPS_PER_LOG * np.log(1.0 / alpha))


# ----------------------------------------------------------------------------- the 3 x 3 instance
@dataclass(frozen=True)
class Triangle(Result):
    """The 3 x 3 counterexample of 2(f)."""

    delta: float
    Y: np.ndarray
    mask: np.ndarray
    X_star: np.ndarray  # closed form (24) of the minimum nuclear norm PSD completion
    X_sym: np.ndarray  # minimum nuclear norm over all symmetric completions (not PSD)
    alphas: np.ndarray
    gd_X: np.ndarray  # (alphas, seeds, 3, 3) U U^T at the end of each run
    gd_converged: np.ndarray
    glrl_X: np.ndarray
    glrl_rank: int
    eta: float
    eta_mu_max: float  # eta * largest Hessian eigenvalue at the small-alpha solutions
    quarter_step_distance: float  # ||X(eta/4) - Y|| / ||Y|| at alpha = quarter_alpha
    quarter_alpha: float
    checks: tuple[Check, ...]

    @property
    def dist_Y(self) -> np.ndarray:
        return relative_distance(self.gd_X, self.Y, axes=2)

    @property
    def dist_star(self) -> np.ndarray:
        return relative_distance(self.gd_X, self.X_star, self.Y, axes=2)

    @property
    def nuclear(self) -> np.ndarray:
        return np.trace(self.gd_X, axis1=-2, axis2=-1)

    @property
    def erank(self) -> np.ndarray:
        return mc.effective_rank(self.gd_X)

    @property
    def sym_nuclear(self) -> float:
        return float(np.linalg.svd(self.X_sym, compute_uv=False).sum())


@experiment
def triangle(delta=0.2, eta=0.05, seeds=5, tol=1e-20, max_steps=20_000):
    Y, mask = mc.triangle_counterexample(delta)
    X_star = np.array([[1 - delta, delta, 1.0], [delta, 1 - delta, 1.0], [1.0, 1.0, 2.0]])
    alphas = np.logspace(0, -8, 9)
    U0 = mc.initializations(3, seeds)
    stack = np.concatenate([a * U0 for a in alphas])
    runs = mc.run_to_tolerance(Y, mask, stack, eta, tol, max_steps, check_every=1, threads=1)
    X = mc.gram(runs.U).reshape(len(alphas), seeds, 3, 3)
    greedy = mc.greedy_low_rank(Y[None], mask[None], eta, tol=1e-12, max_steps=max_steps)
    small = runs.U.reshape(len(alphas), seeds, 3, 3)[4]  # alpha = 1e-4
    quarter = mc.run_to_tolerance(Y, mask, 1e-4 * U0, eta / 4, tol, 4 * max_steps, 1, 1)
    X_sdp = mc.min_nuclear_norm_completion(Y, mask)
    Z = np.array([[1.0, 1, -1], [1, 1, -1], [-1, -1, 1]])  # I - Lambda of the dual certificate (25)
    checks = (
        Check("X⋆ is a completion: max |X⋆ − Y| on Ω", np.abs(X_star - Y)[mask].max(), 1e-12),
        Check("X⋆ is PSD: −λ_min(X⋆)", max(0.0, -np.linalg.eigvalsh(X_star).min()), 1e-12),
        Check("certificate: −λ_min(Z), Z = I − Λ", max(0.0, -np.linalg.eigvalsh(Z).min()), 1e-12),
        Check("certificate: max |Z X⋆| (complementary slackness)", np.abs(Z @ X_star).max(), 1e-12),
        Check("SDP optimum = 4 − 2δ: |trace X_sdp − (4 − 2δ)|", abs(np.trace(X_sdp) - (4 - 2 * delta)), 1e-6),
        Check("SDP solution = X⋆ (entries, degenerate optimum)", np.abs(X_sdp - X_star).max(), 1e-3),
    )  # fmt: skip
    return Triangle(
        delta=delta,
        Y=Y,
        mask=mask,
        X_star=X_star,
        X_sym=mc.min_nuclear_norm_completion(Y, mask, psd=False),
        alphas=alphas,
        gd_X=X,
        gd_converged=runs.converged.reshape(len(alphas), seeds),
        glrl_X=mc.gram(greedy.U[0]),
        glrl_rank=int(greedy.rank[0]),
        eta=eta,
        eta_mu_max=float(eta * mc.hessian_max_eigenvalue(Y, mask, small).max()),
        quarter_step_distance=float(relative_distance(mc.gram(quarter.U), Y, axes=2).max()),
        quarter_alpha=1e-4,
        checks=checks,
    )


# ----------------------------------------------------------------------------- random instances
@dataclass(frozen=True)
class Instance:
    """A random completion problem and its minimum nuclear norm PSD completion (23)."""

    name: str
    Y: np.ndarray
    mask: np.ndarray
    p: float
    X_nuc: np.ndarray

    @property
    def eta(self) -> float:
        return mc.default_step_size(self.p)

    @property
    def nuc_to_Y(self) -> float:
        """||X_nuc - Y||_F / ||Y||_F."""
        return float(relative_distance(self.X_nuc, self.Y, axes=2))

    @property
    def hard(self) -> bool:
        """Some diagonal entry unobserved (the trace is not fixed) and X_nuc != Y."""
        return (not mc.trace_fixed_by_data(self.mask)) and self.nuc_to_Y > 1e-3


@experiment
def instances(hard_seeds=tuple(range(11)), easy_seeds=(0,)):
    out = []
    for kind, p, seeds in (("hard", P_HARD, hard_seeds), ("easy", P_EASY, easy_seeds)):
        for seed in seeds:
            Y, mask = mc.make_completion_problem(D, RANK, p, seed=seed)
            out.append(
                Instance(f"{kind} {seed}", Y, mask, p, mc.min_nuclear_norm_completion(Y, mask))
            )
    return tuple(out)


# ----------------------------------------------------------------------------- the sweep
@dataclass(frozen=True)
class Verdict:
    """What the verdict of 2(f) says, computed from a :class:`Sweep`."""

    counts: dict
    n_hard: int
    n_all: int
    min_dist_nuc: float  # over converged runs on hard instances at trustworthy alpha <= 1e-3
    min_dist_ratio: float  # ... relative to ||X_nuc - Y||
    neither_names: list
    neither_changes: (
        dict  # name -> |change of the seed-mean distance to Y| over the last alpha step
    )
    glrl_ok: int
    glrl_is_Y_where_gd_is_Y: bool
    glrl_not_Y_names: list
    near_glrl_of_not_Y: int
    hard_glrl_ok: int  # hard instances on which GLRL converged
    near_glrl_of_hard_ok: int  # ... and on which gradient descent ends near GLRL's completion
    nuc_gap_min: float  # min over hard instances of (||Y||_* - ||X_nuc||_*) / ||Y||_*
    nuc_gap_max: float
    easy_outcomes: list


@dataclass(frozen=True)
class GlrlSummary:
    n: int
    ok: int
    rank_text: str
    is_Y: int
    failed_text: str
    max_steps: int


@dataclass(frozen=True)
class ChecksSummary:
    nuc_to_Y_min: float
    nuc_to_Y_max: float
    runs: int  # at the reported alphas (down to the smallest trustworthy one)
    capped: int  # ... of which stopped at their step limit
    capped_in_verdict: bool
    eta_mu_min: float
    eta_mu_max: float
    quarter_max: float
    radius_min: float
    quarter_all_converged: bool
    quarter_changes_a_label: bool
    quarter_unconverged: list  # names of the instances whose quarter-step run hit its limit
    capped_runs: list  # (instance name, alpha) of those runs


@dataclass(frozen=True)
class PrecisionSummary:
    twin_agree: float
    twin_differ: float
    ld_agree: float
    ld_differ: float
    smallest_alpha: float
    ld_checked: bool
    loose_tol: float
    loose_step_ratio: float  # steps to TOL / steps to LOOSE_TOL, summed over the converged runs
    loose_change_max: float  # max ||X(TOL) - X(LOOSE_TOL)|| / ||Y|| over the converged runs
    loose_change_radii: float  # ... the largest such change in units of the instance's radius
    loose_change_trusted_radii: float  # ... the same at the smallest trustworthy alpha
    loose_changes_a_label: bool  # some converged run at that alpha has another label at LOOSE_TOL


@dataclass(frozen=True)
class Sweep(Result):
    """Gradient descent from alpha U_init on every instance, and everything judged from it.

    Run arrays have shape ``(instances, seeds, alphas)`` (``seeds`` is the largest number of
    seeds of any instance; missing runs have ``ran`` False and NaN entries).
    """

    names: tuple[str, ...]
    nuc_to_Y: np.ndarray  # per instance
    hard: np.ndarray
    alphas: np.ndarray
    ran: np.ndarray
    X: np.ndarray  # (I, S, A, D, D) U U^T at the end of each run
    steps: np.ndarray
    converged: np.ndarray
    twin: np.ndarray  # (I, A): ||X - P^T X_twin P|| / ||Y|| for seed 0 (same steps); NaN: not run
    longdouble: tuple  # ((alpha, ||X_f64 - X_ld|| / ||Y||), ...) on the main instance, seed 0
    longdouble_bits: int  # significand bits of numpy.longdouble (53: it is float64)
    Y: np.ndarray  # (I, D, D)
    X_nuc: np.ndarray
    glrl_X: np.ndarray
    glrl_ok: np.ndarray  # GLRL's stages all converged and its end point fits the data
    glrl_rank: np.ndarray
    glrl_stage_steps: (
        np.ndarray
    )  # (I, max rank): steps of each stage, -1: did not converge / not run
    glrl_max_steps: int
    eta: np.ndarray  # per instance
    eta_mu_max: np.ndarray  # eta * mu_max(Hessian) at the end of seed 0 at QUARTER_ALPHA
    quarter_step: np.ndarray  # ||X(eta/4) - X(eta)|| / ||Y|| there
    X_quarter: np.ndarray  # (I, D, D) the end points of the quarter-step runs
    quarter_converged: np.ndarray
    quarter_alpha: float
    X_loose: (
        np.ndarray
    )  # (I, S, A, D, D) U U^T the first time the loss was <= LOOSE_TOL (NaN: never)
    loose_steps: np.ndarray  # (I, S, A) the step of that (-1: never)

    # --- distances and spectra, (I, S, A), computed once per result (the classification reads
    # them entry by entry)
    @functools.cached_property
    def dist_nuc(self) -> np.ndarray:
        return relative_distance(self.X, self.X_nuc[:, None, None], self.Y[:, None, None], axes=2)

    @functools.cached_property
    def dist_Y(self) -> np.ndarray:
        return relative_distance(self.X, self.Y[:, None, None], axes=2)

    @functools.cached_property
    def dist_glrl(self) -> np.ndarray:
        d = relative_distance(self.X, self.glrl_X[:, None, None], self.Y[:, None, None], axes=2)
        return np.where(self.glrl_ok[:, None, None], d, np.nan)

    @functools.cached_property
    def nuclear_gap(self) -> np.ndarray:
        """||UU^T||_* - ||X_nuc||_* (traces: both are PSD)."""
        return (
            np.trace(self.X, axis1=-2, axis2=-1)
            - np.trace(self.X_nuc, axis1=-2, axis2=-1)[:, None, None]
        )

    @functools.cached_property
    def rank(self) -> np.ndarray:
        return np.where(self.ran, mc.numerical_rank(np.nan_to_num(self.X)), -1)

    @functools.cached_property
    def erank(self) -> np.ndarray:
        return np.where(self.ran, mc.effective_rank(np.nan_to_num(self.X)), np.nan)

    @functools.cached_property
    def glrl_to_Y(self) -> np.ndarray:
        return relative_distance(self.glrl_X, self.Y, axes=2)

    # --- floating point
    @property
    def smallest_trusted(self) -> int:
        """Index of TRUSTED_ALPHA, the smallest alpha whose results are reported."""
        return int(np.argmin(np.abs(np.log(self.alphas / TRUSTED_ALPHA))))

    @property
    def trusted_alpha(self) -> float:
        return float(self.alphas[self.smallest_trusted])

    # --- the classification at the smallest trustworthy alpha
    def label(self, i: int, X: np.ndarray) -> str:
        """Which completion of instance i the matrix X is near, checked in this order: "X_nuc",
        "Y", "GLRL" (GLRL's completion, where GLRL converged) or "neither". Near: closer than
        :meth:`radius` (relative to ||Y||), so X_nuc and Y are never both near."""
        radius, scale = self.radius(i), np.linalg.norm(self.Y[i])
        if np.linalg.norm(X - self.X_nuc[i]) / scale < radius:
            return "X_nuc"
        if np.linalg.norm(X - self.Y[i]) / scale < radius:
            return "Y"
        if self.glrl_ok[i] and np.linalg.norm(X - self.glrl_X[i]) / scale < radius:
            return "GLRL"
        return "neither"

    def outcome(self, i: int) -> str:
        """Where instance i's runs end at the smallest trustworthy alpha: the :meth:`label` of
        every seed when they agree, "seed-dependent" when they do not, "not converged" when some
        run hit its step limit."""
        j = self.smallest_trusted
        seeds = np.flatnonzero(self.ran[i, :, j])
        if not self.converged[i, seeds, j].all():
            return "not converged"
        labels = {self.label(i, self.X[i, s, j]) for s in seeds}
        return labels.pop() if len(labels) == 1 else "seed-dependent"

    def quarter_step_changes_a_label(self) -> bool:
        """Whether, on an instance where both reached the tolerance, the run with a quarter of
        the step ends near another completion than seed 0."""
        j = self.smallest_trusted
        return any(
            self.label(i, self.X_quarter[i]) != self.label(i, self.X[i, 0, j])
            for i in range(len(self.names))
            if self.quarter_converged[i] and self.converged[i, 0, j]
        )

    def outcomes(self) -> list[str]:
        return [self.outcome(i) for i in range(len(self.names))]

    def counts(self, hard: bool = True) -> dict[str, int]:
        """How many (hard) instances end in each outcome."""
        out = {k: 0 for k in ("X_nuc", "Y", "GLRL", "neither", "seed-dependent", "not converged")}
        for i, label in enumerate(self.outcomes()):
            if bool(self.hard[i]) == hard:
                out[label] += 1
        return out

    @property
    def near(self) -> float:
        return NEAR

    def radius(self, i: int) -> float:
        """Instance i's "near" radius: NEAR ||X_nuc - Y|| / ||Y||, at least NEAR_FLOOR."""
        return max(NEAR * float(self.nuc_to_Y[i]), NEAR_FLOOR)

    def seed_mean(self, values: np.ndarray) -> np.ndarray:
        """(I, A): the mean over the seeds that ran."""
        return np.nanmean(np.where(self.ran, values, np.nan), axis=1)

    def at_trusted_alpha(self, values: np.ndarray) -> np.ndarray:
        """(I,): the seed mean of ``values`` (I, S, A) at the smallest trustworthy alpha."""
        return self.seed_mean(values)[:, self.smallest_trusted]

    def verdict(self) -> Verdict:
        j = self.smallest_trusted
        hard = np.flatnonzero(self.hard)
        practical = (self.alphas <= 1e-3 * (1 + 1e-9)) & (np.arange(len(self.alphas)) <= j)
        done = (self.ran & self.converged)[hard][:, :, practical]  # runs that reached the tolerance
        d = np.where(done, self.dist_nuc[hard][:, :, practical], np.inf)
        ratio = d / self.nuc_to_Y[hard][:, None, None]
        outcomes = self.outcomes()
        neither = [i for i in hard if outcomes[i] == "neither"]
        change = np.abs(self.seed_mean(self.dist_Y)[:, j] - self.seed_mean(self.dist_Y)[:, j - 1])
        not_Y = [i for i in np.flatnonzero(self.glrl_ok) if self.glrl_to_Y[i] >= self.radius(i)]
        near_Y = [i for i in range(len(self.names)) if outcomes[i] == "Y"]
        hard_ok = [i for i in hard if self.glrl_ok[i]]
        near_glrl = [
            i for i in hard_ok if outcomes[i] == "GLRL" or (outcomes[i] == "Y" and i not in not_Y)
        ]
        trace_Y = np.trace(self.Y, axis1=-2, axis2=-1)[hard]
        gap = (trace_Y - np.trace(self.X_nuc, axis1=-2, axis2=-1)[hard]) / trace_Y
        return Verdict(
            counts=self.counts(hard=True),
            n_hard=len(hard),
            n_all=len(self.names),
            min_dist_nuc=float(d.min()),
            min_dist_ratio=float(ratio.min()),
            neither_names=[self.names[i] for i in neither],
            neither_changes={self.names[i]: float(change[i]) for i in neither},
            glrl_ok=int(self.glrl_ok.sum()),
            glrl_is_Y_where_gd_is_Y=all(
                self.glrl_ok[i] and self.glrl_to_Y[i] < self.radius(i) for i in near_Y
            ),
            glrl_not_Y_names=[self.names[i] for i in not_Y],
            near_glrl_of_not_Y=sum(outcomes[i] == "GLRL" for i in not_Y),
            hard_glrl_ok=len(hard_ok),
            near_glrl_of_hard_ok=len(near_glrl),
            nuc_gap_min=float(gap.min()),
            nuc_gap_max=float(gap.max()),
            easy_outcomes=[outcomes[i] for i in np.flatnonzero(~self.hard)],
        )

    def glrl_summary(self) -> GlrlSummary:
        ok = np.flatnonzero(self.glrl_ok)
        failed = np.flatnonzero(~self.glrl_ok)
        ranks = sorted(set(int(r) for r in self.glrl_rank[ok]))
        return GlrlSummary(
            n=len(self.names),
            ok=len(ok),
            rank_text=" or ".join(str(r) for r in ranks),
            is_Y=sum(self.glrl_to_Y[i] < self.radius(i) for i in ok),
            failed_text=", ".join(
                f"{self.names[i]} (stage {int(np.argmax(self.glrl_stage_steps[i] < 0)) + 1})"
                for i in failed
            ),
            max_steps=self.glrl_max_steps,
        )

    def checks_summary(self) -> ChecksSummary:
        hard = self.hard
        reported = np.arange(len(self.alphas)) <= self.smallest_trusted  # nothing from below
        capped = (self.ran & ~self.converged)[:, :, reported]
        return ChecksSummary(
            nuc_to_Y_min=float(self.nuc_to_Y[hard].min()),
            nuc_to_Y_max=float(self.nuc_to_Y[hard].max()),
            runs=int(self.ran[:, :, reported].sum()),
            capped=int(capped.sum()),
            capped_in_verdict=bool(capped[:, :, self.smallest_trusted].any()),
            eta_mu_min=float(self.eta_mu_max.min()),
            eta_mu_max=float(self.eta_mu_max.max()),
            quarter_max=float(self.quarter_step.max()),
            radius_min=float(NEAR * self.nuc_to_Y[hard].min()),
            quarter_all_converged=bool(self.quarter_converged.all()),
            quarter_changes_a_label=self.quarter_step_changes_a_label(),
            quarter_unconverged=[
                self.names[i] for i in np.flatnonzero(~np.asarray(self.quarter_converged))
            ],
            capped_runs=[
                (self.names[i], float(self.alphas[j]))
                for i, _, j in zip(*np.nonzero(capped), strict=True)
            ],
        )

    def precision_checks(self) -> tuple[Check, ...]:
        """The floating-point statements of the notebook, as checks (they raise if false)."""
        j = self.smallest_trusted
        twin = np.nan_to_num(np.max(self.twin, axis=0), nan=0.0)
        ld = dict(self.longdouble)
        at, low = f"α = {power_of_ten(self.trusted_alpha)}", f"α = {power_of_ten(self.alphas[-1])}"
        out = [
            Check(
                f"relabelled runs, {at}: max ‖X − X_twin‖/‖Y‖",
                float(twin[j]),
                TWIN_AGREE,
            ),
            Check(
                f"relabelled runs, {low}: max ‖X − X_twin‖/‖Y‖",
                float(twin[-1]),
                TWIN_DIFFER,
                at_least=True,
            ),
        ]
        if ld:
            out += [
                Check(
                    f"float64 vs longdouble, α = {power_of_ten(self.trusted_alpha)}: ‖X − X_ld‖/‖Y‖",
                    ld[self.trusted_alpha],
                    LD_AGREE,
                ),
                Check(
                    f"float64 vs longdouble, {low}: ‖X − X_ld‖/‖Y‖",
                    ld[float(self.alphas[-1])],
                    LD_DIFFER,
                    at_least=True,
                ),
            ]
        return tuple(out)

    def precision_summary(self) -> PrecisionSummary:
        self.precision_checks()  # raises if a stated bound does not hold
        return PrecisionSummary(
            twin_agree=TWIN_AGREE,
            twin_differ=TWIN_DIFFER,
            ld_agree=LD_AGREE,
            ld_differ=LD_DIFFER,
            smallest_alpha=float(self.alphas[-1]),
            ld_checked=bool(self.longdouble),
            **self._loose_summary(),
        )

    def _loose_summary(self) -> dict:
        """What stopping at LOOSE_TOL instead of TOL would have changed, on the converged runs."""
        done = self.ran & self.converged & (self.loose_steps >= 0)
        change = relative_distance(self.X, self.X_loose, self.Y[:, None, None], axes=2)
        radii = change / np.array([self.radius(i) for i in range(len(self.names))])[:, None, None]
        j = self.smallest_trusted
        relabelled = any(
            self.label(i, self.X[i, s, j]) != self.label(i, self.X_loose[i, s, j])
            for i, s in zip(*np.nonzero(done[:, :, j]), strict=True)
        )
        return {
            "loose_tol": LOOSE_TOL,
            "loose_step_ratio": float(self.steps[done].sum() / self.loose_steps[done].sum()),
            "loose_change_max": float(change[done].max()),
            "loose_change_radii": float(radii[done].max()),
            "loose_change_trusted_radii": float(radii[:, :, j][done[:, :, j]].max()),
            "loose_changes_a_label": bool(relabelled),
        }


@experiment
def alpha_sweep(main_seeds=3, other_seeds=2, easy_seeds=1, threads=2):
    cases = instances()
    alphas = np.array(ALPHAS)
    S = max(main_seeds, other_seeds, easy_seeds)
    U0 = mc.initializations(D, S)
    limits = np.array([step_limit(a) for a in alphas])
    rows = [
        (i, s, j)
        for i, case in enumerate(cases)
        for s in range(main_seeds if i == 0 else other_seeds if case.hard else easy_seeds)
        for j in range(len(alphas))
    ]
    jq = int(np.argmin(np.abs(np.log(alphas / QUARTER_ALPHA))))
    quarter = [(i, 0, jq) for i in range(len(cases))]
    # relabelled twins where the notebook states bounds: the smallest trustworthy alpha and the
    # smallest alpha
    measured = [int(np.argmin(np.abs(np.log(alphas / TRUSTED_ALPHA)))), len(alphas) - 1]
    perm = np.random.default_rng(2019).permutation(D)
    # every run; the quarter-step runs; and seed 0 of every instance with its indices relabelled
    # (an exact symmetry), stopped exactly when its original stops
    batch = [(i, alphas[j] * U0[s], cases[i].eta, limits[j], -1) for i, s, j in rows]
    batch += [(i, alphas[j] * U0[s], cases[i].eta / 4, 4 * limits[j], -1) for i, s, j in quarter]
    twins = [(i, j) for i in range(len(cases)) for j in measured]
    for i, j in twins:
        Yp, Mp, Up = mc.permute_problem(cases[i].Y, cases[i].mask, U0[0], perm)
        batch.append(((Yp, Mp), alphas[j] * Up, cases[i].eta, limits[j], rows.index((i, 0, j))))
    runs = _run(cases, batch, threads)
    I, A = len(cases), len(alphas)
    X = np.full((I, S, A, D, D), np.nan)
    X_loose = np.full((I, S, A, D, D), np.nan)
    steps, loose_steps = np.zeros((I, S, A), int), np.full((I, S, A), -1)
    converged, ran = np.zeros((I, S, A), bool), np.zeros((I, S, A), bool)
    Xall, Xsnap = mc.gram(runs.U), mc.gram(runs.snapshot)
    for k, (i, s, j) in enumerate(rows):
        X[i, s, j], steps[i, s, j], converged[i, s, j], ran[i, s, j] = (
            Xall[k],
            runs.steps[k],
            runs.converged[k],
            True,
        )
        X_loose[i, s, j], loose_steps[i, s, j] = Xsnap[k], runs.snapshot_steps[k]
    X4 = Xall[len(rows) : len(rows) + len(quarter)]
    inverse = np.argsort(perm)
    back = Xall[len(rows) + len(quarter) :][:, inverse][:, :, inverse]
    Yarr = np.array([c.Y for c in cases])
    twin = np.full((I, A), np.nan)
    for k, (i, j) in enumerate(twins):
        twin[i, j] = relative_distance(X[i, 0, j], back[k], Yarr[i], axes=2)
    greedy = mc.greedy_low_rank(
        Yarr, np.array([c.mask for c in cases]), np.array([c.eta for c in cases]), tol=TOL,
        max_steps=GLRL_MAX_STEPS,
    )  # fmt: skip
    U_end = [runs.U[rows.index((i, 0, jq))] for i in range(I)]  # seed 0 at the quarter-step alpha
    return Sweep(
        names=tuple(c.name for c in cases),
        nuc_to_Y=np.array([c.nuc_to_Y for c in cases]),
        hard=np.array([c.hard for c in cases]),
        alphas=alphas,
        ran=ran,
        X=X,
        steps=steps,
        converged=converged,
        twin=twin,
        Y=Yarr,
        X_nuc=np.array([c.X_nuc for c in cases]),
        glrl_X=mc.gram(greedy.U),
        glrl_ok=greedy.converged & greedy.fits,
        glrl_rank=greedy.rank,
        glrl_stage_steps=greedy.stage_steps,
        glrl_max_steps=GLRL_MAX_STEPS,
        eta=np.array([c.eta for c in cases]),
        eta_mu_max=np.array(
            [
                c.eta * mc.hessian_max_eigenvalue(c.Y, c.mask, u)
                for c, u in zip(cases, U_end, strict=True)
            ]
        ),
        quarter_step=relative_distance(X[:, 0, jq], X4, Yarr, axes=2),
        X_quarter=X4,
        quarter_converged=runs.converged[len(rows) : len(rows) + len(quarter)],
        quarter_alpha=float(alphas[jq]),
        X_loose=X_loose,
        loose_steps=loose_steps,
        **_longdouble(
            cases[0],
            U0[0],
            [(float(alphas[j]), X[0, 0, j], int(steps[0, 0, j])) for j in (jq, len(alphas) - 1)],
        ),  # fmt: skip
    )


def _run(cases, batch, threads, tol=TOL):
    """:func:`hw3.matrix_completion.run_to_tolerance` on a list of (instance index or (Y, mask),
    U0, eta, step limit, index of the run to follow or -1)."""
    problems = [(cases[p].Y, cases[p].mask) if isinstance(p, int) else p for p, *_ in batch]
    return mc.run_to_tolerance(
        np.array([y for y, _ in problems]), np.array([m for _, m in problems]),
        np.array([b[1] for b in batch]), np.array([b[2] for b in batch]), tol,
        np.array([b[3] for b in batch]), 10, threads, follow=np.array([b[4] for b in batch]),
        snapshot_tol=LOOSE_TOL,
    )  # fmt: skip


def _longdouble(case, U0, picks):
    """float64 against numpy.longdouble (80-bit x87 on x86-64 Linux) on the main instance, seed 0:
    longdouble until the loss is 1e-3 (the escapes from the saddles, where the tiny components
    matter), then float64, for as many steps in all as the float64 run took. ``picks``: (alpha,
    float64 end point X, its steps) of the main batch's runs. Skipped (empty) where longdouble is
    just float64."""
    bits = int(np.finfo(np.longdouble).nmant) + 1
    if bits <= 53:
        return {"longdouble": (), "longdouble_bits": bits}
    out = []
    for a, X64, steps in picks:
        U_ld, k_ld = _longdouble_run(case, a * U0, steps)
        rest = mc.run_to_tolerance(
            case.Y, case.mask, U_ld[None], case.eta, 0.0, steps - k_ld, 10, 1
        )
        out.append((float(a), float(relative_distance(X64, mc.gram(rest.U[0]), case.Y, axes=2))))
    return {"longdouble": tuple(out), "longdouble_bits": bits}


def _longdouble_run(case, U0, max_steps, switch=1e-3):
    """Gradient descent (22) in longdouble from U0 until the loss is <= ``switch``; returns the
    factor (as float64) and the number of steps taken."""
    ld = np.longdouble
    U, Y, W = U0.astype(ld), case.Y.astype(ld), case.mask.astype(ld)
    c = ld(2) * ld(case.eta)
    for k in range(max_steps):
        R = W * (U @ U.T - Y)
        if 0.5 * float(np.sum(R * R)) <= switch:
            return np.asarray(U, dtype=float), k
        U = U - c * (R @ U)
    return np.asarray(U, dtype=float), max_steps
