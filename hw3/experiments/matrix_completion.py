"""Problem 2(f): the experiments of the notebook, each returning a frozen result.

- :func:`triangle` -- the 3 x 3 counterexample: minimum nuclear norm (PSD and not), minimum
  rank, GLRL, and gradient descent over the initialization scale;
- :func:`instances` -- the random completion problems and their minimum nuclear norm completions;
- :func:`compute_sweep` -- gradient descent on every instance from alpha = 1 to 1e-60 and beyond,
  in float64 and double-double, with relabelled twins, GLRL and quarter steps (``make results``);
- :func:`alpha_sweep` -- that sweep, loaded from ``results/sweep.npz``, with what the notebook
  judges from it (trust limits, labels, where each instance ends as alpha -> 0);
- :func:`unbounded_stage` -- the GLRL stage with no stationary point, rerun at smaller steps.
"""

from __future__ import annotations

import functools
import itertools
import json
import sys
import time
import zipfile
from dataclasses import dataclass, fields
from pathlib import Path

import numpy as np

from hw3 import matrix_completion as mc
from hw3.common import Check, check_count, relative_distance
from hw3.experiments import Result, experiment

D, RANK, P_HARD, P_EASY = 20, 2, 0.25, 0.5
#: The random instances: hard ones (a quarter of the entries observed) and the easy control.
HARD_SEEDS, EASY_SEEDS = tuple(range(11)), (0,)


# ----------------------------------------------------------------------------- the 3 x 3 instance
@dataclass(frozen=True)
class Triangle(Result):
    """The 3 x 3 counterexample of 2(f)."""

    Y: np.ndarray
    X_star: np.ndarray  # closed form (24) of the minimum nuclear norm PSD completion
    X_sym: np.ndarray  # minimum nuclear norm over all symmetric completions (not PSD)
    alphas: np.ndarray
    gd_X: np.ndarray  # (alphas, seeds, 3, 3) U U^T at the end of each run
    gd_converged: np.ndarray
    dist_Y: np.ndarray  # ||U U^T - Y|| / ||Y|| per run
    dist_star: np.ndarray  # ||U U^T - X_star|| / ||Y||
    nuclear: np.ndarray  # ||U U^T||_*
    erank: np.ndarray  # effective rank of U U^T
    erank_Y: float  # ... of Y
    erank_star: float  # ... of X_star
    sym_nuclear: float  # ||X_sym||_*
    glrl_X: np.ndarray
    glrl_rank: int
    eta_mu_max: float  # eta * largest Hessian eigenvalue at the end points, alpha <= SMALL_ALPHA
    quarter_step_distance: float  # ||X(eta/4) - Y|| / ||Y|| at alpha = quarter_alpha
    quarter_alpha: float
    checks: tuple[Check, ...]


#: The 3 x 3 instance is rerun with a quarter of the step from this alpha (one of its grid's).
QUARTER_STEP_ALPHA = 1e-4
#: What the 2(f) answer says of the 3 x 3 instance's small alphas is said of alpha <= SMALL_ALPHA.
SMALL_ALPHA = 1e-3


@experiment
def triangle(delta=0.2, eta=0.05, seeds=5, tol=1e-20, max_steps=20_000):
    """2(f), the 3 x 3 instance (24) with 0 < ``delta`` < 1/2: X_star and its certificate (25)
    checked, the SDP (23) solved, gradient descent (22) from alpha * U_init (``seeds`` of them,
    alpha = 1, 1e-1, ..., 1e-8) with step ``eta`` to loss ``tol`` (at most ``max_steps`` steps),
    at QUARTER_STEP_ALPHA also with eta / 4, and GLRL: a :class:`Triangle`."""
    Y, mask = mc.triangle_counterexample(delta)
    X_star = np.array([[1 - delta, delta, 1.0], [delta, 1 - delta, 1.0], [1.0, 1.0, 2.0]])
    alphas = np.logspace(0, -8, 9)
    U0 = mc.initializations(3, seeds)
    run = functools.partial(mc.run_to_tolerance, Y, mask, tol=tol, check_every=1, threads=1)
    runs = run(np.concatenate([a * U0 for a in alphas]), eta, max_steps=max_steps)
    quarter = run(QUARTER_STEP_ALPHA * U0, eta / 4, max_steps=4 * max_steps)
    U = runs.U.reshape(len(alphas), seeds, 3, 3)
    greedy = mc.greedy_low_rank(Y[None], mask[None], eta, tol=1e-12, max_steps=max_steps, threads=1)
    X_sdp = mc.min_nuclear_norm_completion(Y, mask)
    Z = np.array([[1.0, 1, -1], [1, 1, -1], [-1, -1, 1]])  # I - Lambda of the dual certificate (25)
    checks = (
        Check("X⋆ is a completion: max |X⋆ − Y| on Ω", np.abs(X_star - Y)[mask].max(), 1e-12),
        Check("$X_\\star$ is PSD: $-\\lambda_{\\min}(X_\\star)$", max(0.0, -np.linalg.eigvalsh(X_star).min()), 1e-12),
        Check("certificate: $-\\lambda_{\\min}(Z)$, $Z = I - \\Lambda$", max(0.0, -np.linalg.eigvalsh(Z).min()), 1e-12),
        Check("certificate: max |Z X⋆| (complementary slackness)", np.abs(Z @ X_star).max(), 1e-12),
        Check("SDP optimum $4 - 2\\delta$: $|\\operatorname{tr} X_{\\mathrm{sdp}} - (4 - 2\\delta)|$", abs(np.trace(X_sdp) - (4 - 2 * delta)), 1e-6),
        Check("SDP solution: $X_{\\mathrm{sdp}} = X_\\star$ (entries, degenerate optimum)", np.abs(X_sdp - X_star).max(), 1e-3),
    )  # fmt: skip
    small = U[alphas <= SMALL_ALPHA].reshape(-1, 3, 3)  # the end points at the small alphas
    X, X_sym = mc.gram(U), mc.min_nuclear_norm_symmetric(Y, mask)
    return Triangle(
        Y=Y,
        X_star=X_star,
        X_sym=X_sym,
        alphas=alphas,
        gd_X=X,
        gd_converged=runs.converged.reshape(len(alphas), seeds),
        dist_Y=relative_distance(X, Y, axes=2),
        dist_star=relative_distance(X, X_star, Y, axes=2),
        nuclear=np.trace(X, axis1=-2, axis2=-1),
        erank=mc.effective_rank(X),
        erank_Y=float(mc.effective_rank(Y)),
        erank_star=float(mc.effective_rank(X_star)),
        sym_nuclear=float(np.linalg.svd(X_sym, compute_uv=False).sum()),
        glrl_X=mc.gram(greedy.U[0]),
        glrl_rank=int(greedy.rank[0]),
        eta_mu_max=float(eta * mc.hessian_max_eigenvalue(Y, mask, small).max()),
        quarter_step_distance=float(relative_distance(mc.gram(quarter.U), Y, axes=2).max()),
        quarter_alpha=QUARTER_STEP_ALPHA,
        checks=checks,
    )


# ----------------------------------------------------------------------------- random instances
@dataclass(frozen=True)
class Instances(Result):
    """The random completion problems, one entry per instance: ``names``, ``Y``, ``mask``, the
    minimum nuclear norm PSD completion ``X_nuc`` (23), ``hard`` (some diagonal entry unobserved,
    so the trace is not fixed, and X_nuc != Y) and the step ``eta`` (:func:`mc.default_step_size`)."""

    names: tuple[str, ...]
    Y: np.ndarray
    mask: np.ndarray
    X_nuc: np.ndarray
    nuc_to_Y: np.ndarray  # ||X_nuc - Y||_F / ||Y||_F
    hard: np.ndarray
    eta: np.ndarray


@experiment
def instances(hard_seeds=HARD_SEEDS, easy_seeds=EASY_SEEDS):
    """2(f): the random instances Y = G G^T (D = 20, rank 2) observed with probability P_HARD
    (``hard_seeds``) or P_EASY (``easy_seeds``), each with its minimum nuclear norm PSD completion
    (23); an :class:`Instances`."""
    problems = [
        (f"{kind} {seed}", p, *mc.make_completion_problem(D, RANK, p, seed=seed))
        for kind, p, seeds in (("hard", P_HARD, hard_seeds), ("easy", P_EASY, easy_seeds))
        for seed in seeds
    ]
    names, p, Y, mask = (np.array(column) for column in zip(*problems, strict=True))
    X_nuc = np.array([mc.min_nuclear_norm_completion(y, m) for y, m in zip(Y, mask, strict=True)])
    nuc_to_Y = relative_distance(X_nuc, Y, axes=2)
    return Instances(
        names=tuple(names.tolist()),
        Y=Y,
        mask=mask,
        X_nuc=X_nuc,
        nuc_to_Y=nuc_to_Y,
        hard=np.array([not mc.trace_fixed_by_data(m) for m in mask]) & (nuc_to_Y > 1e-3),
        eta=np.array([mc.default_step_size(q) for q in p]),
    )


# ----------------------------------------------------------------------------- the sweep
#: Every run stops at the loss (12) TOL or, "not converged", at the generous step limit MAX_STEPS.
TOL, MAX_STEPS = 1e-12, 200_000_000
#: Initializations U_init per instance (seeds 0, 1, ... of :func:`mc.initializations`).
SEEDS = 2
#: alpha = 10^-e for the exponents e of the grid: every three decades from 1 to 1e-60, extended
#: three decades at a time (to at most MAX_EXPONENT) where an instance's label has not settled,
#: and refined to every decade between two alphas whose labels differ.
BASE_EXPONENTS = tuple(range(0, 61, 3))
MAX_EXPONENT = 90
#: Float64 runs at exponents <= FLOAT64_TO (well past where it can be trusted), double-double at
#: exponents >= DOUBLE_FROM; both in between, to compare them.
FLOAT64_TO, DOUBLE_FROM = 36, 15
#: A result is trustworthy when its relabelled twin (and, for float64, the double-double run of
#: as many steps) agrees with it to TRUST, relative to ||Y||_F; a precision's trust limit on an
#: instance is the smallest alpha down to which every one of its results is trustworthy.
TRUST = 1e-6
#: The relabelling of the twins: a fixed permutation of the indices (and the columns reversed).
PERMUTATION_SEED = 2019
#: Kinds of runs, and their names in the tables (twin and shadow take as many steps as the own run).
OWN, TWIN, SHADOW, QUARTER = 0, 1, 2, 3
KIND_NAMES = (
    "each seed's own",
    "relabelled twins of seed 0",
    "float64, as long as a double-double run",
    "a quarter of the step",
)
FLOAT64, DOUBLE = 0, 1
#: An end point is "near" a completion when closer to it than NEAR ||X_nuc - Y|| (so that X_nuc
#: and Y are never both near), or than NEAR_FLOOR where X_nuc = Y (the easy control).
NEAR, NEAR_FLOOR = 0.2, 0.01
#: The labels, in the order they are checked.
LABELS = ("X_nuc", "Y", "GLRL", "neither")
#: An instance's label has settled when it is the same at its last SETTLE trustworthy alphas.
SETTLE = 3
#: Greedy low-rank learning: the settings of :func:`mc.greedy_low_rank`.
GLRL = {"tol": TOL, "grad_tol": 1e-9, "max_steps": MAX_STEPS, "scale": 1e-6, "max_rank": 6}
#: An instance's trend (the growth of its nuclear norm, its detour) is measured from
#: alpha = 10^-TREND_FROM on, where double-double takes over.
TREND_FROM = 15
#: A run is slow if it needs more than this many steps; its tail is then analysed.
SLOW = 1_000_000
#: A slow run's tail is sublinear when its rate ratio (:meth:`Sweep.tail`) is at most this.
SUBLINEAR = 0.85
#: Where the results live (``make results`` writes them).
RESULTS = Path(__file__).resolve().parents[2] / "results" / "sweep.npz"


def settings() -> dict:
    """Everything the sweep's results depend on; stored in the results file and checked on load."""
    return {
        "D": D, "rank": RANK, "p_hard": P_HARD, "p_easy": P_EASY, "hard_seeds": list(HARD_SEEDS),
        "easy_seeds": list(EASY_SEEDS), "step_constant": mc.STEP_CONSTANT, "seeds": SEEDS,
        "tol": TOL, "max_steps": MAX_STEPS, "base_exponents": list(BASE_EXPONENTS),
        "max_exponent": MAX_EXPONENT, "float64_to": FLOAT64_TO, "double_from": DOUBLE_FROM,
        "trust": TRUST, "permutation_seed": PERMUTATION_SEED, "near": NEAR,
        "near_floor": NEAR_FLOOR, "settle": SETTLE, "glrl": GLRL,
        "record_every": mc.RECORD_EVERY,
    }  # fmt: skip


def precisions_at(e: int) -> list[int]:
    """The precisions that run at alpha = 10^-e."""
    return [p for p, ok in ((FLOAT64, e <= FLOAT64_TO), (DOUBLE, e >= DOUBLE_FROM)) if ok]


#: The columns of the table of runs, in the order of the keys of :func:`compute_sweep`.
KEY = ("instance", "seed", "exponent", "precision", "kind")


def _memo(method):
    """Cache a method of a (frozen, hence unchanging) result on its arguments, in the instance."""

    @functools.wraps(method)
    def cached(self, *args):
        memo = self.__dict__.setdefault("_memo", {})
        if (key := (method.__name__, *args)) not in memo:
            memo[key] = method(self, *args)
        return memo[key]

    return cached


@dataclass(frozen=True)
class Sweep(Instances):
    """Gradient descent (22) from ``alpha U_init`` on every instance, as a table of runs.

    Run r: ``instance[r]``, ``seed[r]``, ``alpha = 10^-exponent[r]``, ``precision[r]`` and
    ``kind[r]``; its ``steps``, ``status`` (CONVERGED, STEP_LIMIT), final ``loss``, end point
    ``X[r] = U U^T`` (a twin's relabelled back), and its loss and ||U||_F^2 every RECORD_EVERY
    steps, ``history[offsets[r]:offsets[r + 1]]``. Per instance, besides the :class:`Instances`,
    GLRL (:class:`mc.Greedy`): ``glrl_X`` = U U^T, ``glrl_status``, ``glrl_steps``, ``glrl_norms``.
    """

    instance: np.ndarray
    seed: np.ndarray
    exponent: np.ndarray
    precision: np.ndarray
    kind: np.ndarray
    steps: np.ndarray
    status: np.ndarray
    loss: np.ndarray
    X: np.ndarray
    history: np.ndarray
    offsets: np.ndarray
    glrl_X: np.ndarray
    glrl_status: np.ndarray
    glrl_steps: np.ndarray
    glrl_norms: np.ndarray

    # --- the table
    @functools.cached_property
    def _rows(self) -> dict:
        keys = np.stack([getattr(self, name) for name in KEY], axis=1).tolist()
        return {tuple(key): r for r, key in enumerate(keys)}

    def row(self, i, seed, e, precision, kind=OWN) -> int:
        """The index of a run, or -1 if it did not run."""
        return self._rows.get((i, seed, e, precision, kind), -1)

    def grid(self, i) -> list[int]:
        """The exponents at which instance i ran, ascending (alpha descending)."""
        return sorted(set(self.exponent[(self.instance == i) & (self.kind == OWN)].tolist()))

    def run_history(self, r) -> np.ndarray:
        """Run r's loss and ||U||_F^2 every RECORD_EVERY steps, (n, 2)."""
        return self.history[self.offsets[r] : self.offsets[r + 1]]

    converged = mc.Runs.converged  # status == CONVERGED

    # --- per run: distances (relative to ||Y||_F), nuclear norm, label
    def _distance(self, targets) -> np.ndarray:
        return relative_distance(self.X, targets[self.instance], self.Y[self.instance], axes=2)

    @functools.cached_property
    def dist_nuc(self) -> np.ndarray:
        return self._distance(self.X_nuc)

    @functools.cached_property
    def dist_Y(self) -> np.ndarray:
        return self._distance(self.Y)

    @functools.cached_property
    def dist_glrl(self) -> np.ndarray:
        """The distance to GLRL's completion (inf where GLRL does not fit the data)."""
        return np.where(self.glrl_fits[self.instance], self._distance(self.glrl_X), np.inf)

    @functools.cached_property
    def nuclear(self) -> np.ndarray:
        """||U U^T||_* = trace(U U^T) (it is PSD)."""
        return np.trace(self.X, axis1=-2, axis2=-1)

    def radius(self, i) -> float:
        """Instance i's "near" radius: NEAR ||X_nuc - Y|| / ||Y||, at least NEAR_FLOOR."""
        return max(NEAR * float(self.nuc_to_Y[i]), NEAR_FLOOR)

    def label(self, r) -> str:
        """Which completion run r ends near: the first of "X_nuc", "Y", "GLRL" (GLRL's completion,
        where GLRL fits the data) closer than :meth:`radius`, else "neither"."""
        radius = self.radius(int(self.instance[r]))
        near = [d[r] < radius for d in (self.dist_nuc, self.dist_Y, self.dist_glrl)] + [True]
        return LABELS[near.index(True)]  # "neither" if near none

    # --- GLRL, per instance
    @property
    def glrl_fits(self) -> np.ndarray:  # GLRL's last stage fitted the data
        return np.any(self.glrl_status == mc.CONVERGED, axis=1)

    @property
    def glrl_rank(self) -> np.ndarray:
        return np.sum(self.glrl_status >= 0, axis=1)

    @property
    def glrl_to_Y(self) -> np.ndarray:
        return relative_distance(self.glrl_X, self.Y, axes=2)

    def glrl_is_Y(self, i) -> bool:
        """GLRL fits instance i's data with a completion near Y (closer than :meth:`radius`)."""
        return bool(self.glrl_fits[i] and self.glrl_to_Y[i] < self.radius(i))

    # --- floating point
    def difference(self, r, other) -> float:
        """||X_r - X_other||_F / ||Y||_F (NaN if a run is missing)."""
        if r < 0 or other < 0:
            return np.nan
        return float(relative_distance(self.X[r], self.X[other], self.Y[self.instance[r]], axes=2))

    def discrepancy(self, i, e, precision) -> float:
        """The larger difference of seed 0 at 10^-e in this precision to its relabelled twin and,
        for float64, to double-double, after the same steps (NaN: neither ran)."""
        pairs = [(self.row(i, 0, e, precision), self.row(i, 0, e, precision, TWIN))]
        if precision == FLOAT64:
            pairs.append((self.row(i, 0, e, DOUBLE), self.row(i, 0, e, FLOAT64, SHADOW)))
        return float(np.fmax.reduce([self.difference(*pair) for pair in pairs]))

    def trustworthy(self, i, e, precision) -> bool:
        """The :meth:`discrepancy` of instance i at 10^-e in this precision is at most TRUST."""
        return bool(self.discrepancy(i, e, precision) <= TRUST)

    def ran(self, i, precision) -> list[int]:
        """The exponents at which seed 0 of instance i ran in this precision, ascending."""
        return [e for e in self.grid(i) if self.row(i, 0, e, precision) >= 0]

    @_memo
    def trust_limit(self, i, precision) -> int | None:
        """The largest exponent down to which every result of instance i in this precision is
        trustworthy (None: not the first one)."""
        ran = self.ran(i, precision)
        trusted = list(itertools.takewhile(lambda e: self.trustworthy(i, e, precision), ran))
        return trusted[-1] if trusted else None

    @_memo
    def reported(self, i) -> tuple[tuple[int, int], ...]:
        """``(exponent, precision)`` of the results of instance i that are reported: float64 down
        to its trust limit, double-double below, down to its own; ascending exponent."""
        f64, dd = (self.trust_limit(i, p) for p in (FLOAT64, DOUBLE))
        f64, dd = (-1 if e is None else e for e in (f64, dd))
        float64 = [(e, FLOAT64) for e in self.ran(i, FLOAT64) if e <= f64]
        return tuple(float64 + [(e, DOUBLE) for e in self.ran(i, DOUBLE) if f64 < e <= dd])

    def smallest_reported(self, i) -> tuple[int, int]:
        """``(exponent, precision)`` of instance i's smallest trustworthy alpha."""
        return self.reported(i)[-1]

    # --- labels and outcomes, per instance
    def instance_label(self, i, e, precision) -> str:
        """Instance i at 10^-e: its seeds' common :meth:`label`, "seed-dependent" when they
        differ, "not converged" when a seed stopped at MAX_STEPS."""
        rows = [self.row(i, s, e, precision) for s in range(SEEDS)]
        if not self.converged[rows].all():
            return "not converged"
        labels = {self.label(r) for r in rows}
        return labels.pop() if len(labels) == 1 else "seed-dependent"

    @_memo
    def labels(self, i) -> tuple[tuple[int, int, str], ...]:
        """``(exponent, precision, label)`` of every reported result of instance i."""
        return tuple((e, p, self.instance_label(i, e, p)) for e, p in self.reported(i))

    def settled(self, i) -> bool:
        """Instance i's label is the same at its last SETTLE trustworthy alphas."""
        tail = [label for *_, label in self.labels(i)][-SETTLE:]
        return len(tail) == SETTLE and len(set(tail)) == 1

    def outcome(self, i) -> tuple[str, int]:
        """Instance i's last label ("unsettled" if it has not settled) and the smallest exponent e
        such that the label is the same at every reported alpha <= 10^-e."""
        labels = self.labels(i)
        last = labels[-1][2]
        *_, (e_from, _, _) = itertools.takewhile(lambda x: x[2] == last, reversed(labels))
        return (last if self.settled(i) else "unsettled"), e_from

    def exponents_to_add(self, i) -> list[int]:
        """Where the sweep goes on for instance i: every decade between two consecutive reported
        alphas whose labels differ; and three decades further if the label has not settled, as
        long as double-double is trustworthy at the last one and MAX_EXPONENT is not passed."""
        add, last = set(), self.grid(i)[-1]
        for (e1, _, l1), (e2, _, l2) in itertools.pairwise(self.labels(i)):
            if l1 != l2:
                add.update(range(e1 + 1, e2))
        if not self.settled(i) and self.trust_limit(i, DOUBLE) == last and last + 3 <= MAX_EXPONENT:
            add.add(last + 3)
        return sorted(add - set(self.grid(i)))

    def verdict(self, i) -> str:
        """Where instance i ends as alpha -> 0: "X_nuc", "Y", "GLRL" (its settled :meth:`outcome`),
        "grows" (near none, with a seed-mean nuclear norm rising at each of the last SETTLE
        reported alphas: no limit), "neither" (near none as far as the arithmetic reaches),
        "unsettled" or "not converged"."""
        label, _ = self.outcome(i)
        if label == "neither" and np.all(np.diff(self.curve(self.nuclear, i)[1][-SETTLE:]) > 0):
            return "grows"
        return label

    @property
    def hard_indices(self) -> list[int]:
        return [int(i) for i in np.flatnonzero(self.hard)]

    def with_verdict(self, *verdicts) -> list[int]:
        """The hard instances whose :meth:`verdict` is one of ``verdicts``."""
        return [i for i in self.hard_indices if self.verdict(i) in verdicts]

    def follows_glrl(self, i) -> bool:
        """Gradient descent ends (as alpha -> 0) near GLRL's completion (which may be Y)."""
        return self.verdict(i) == "GLRL" or (self.verdict(i) == "Y" and self.glrl_is_Y(i))

    def float64_misled(self, i) -> list[int]:
        """The exponents below float64's trust limit at which float64 gives instance i another
        label than double-double."""
        limit = self.trust_limit(i, FLOAT64)
        return [
            e for e in self.ran(i, FLOAT64)
            if limit is not None and e > limit and self.row(i, 0, e, DOUBLE) >= 0
            and self.instance_label(i, e, FLOAT64) != self.instance_label(i, e, DOUBLE)
        ]  # fmt: skip

    # --- seed means, per instance
    def seed_mean(self, values, i, e, precision) -> float:
        """The mean of the per-run ``values`` over the seeds of instance i at 10^-e."""
        return float(np.mean([values[self.row(i, s, e, precision)] for s in range(SEEDS)]))

    def curve(self, values, i) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(alphas, seed means of values, precisions)`` over the reported results of instance i."""
        reported = self.reported(i)
        alphas = np.array([float(f"1e-{e}") for e, _ in reported])
        means = np.array([self.seed_mean(values, i, e, p) for e, p in reported])
        return alphas, means, np.array([p for _, p in reported])

    def growth_per_decade(self, i) -> float:
        """Least-squares slope of the seed-mean nuclear norm against log10(1/alpha), over the
        reported alphas from 10^-TREND_FROM on."""
        alphas, nuclear, _ = self.curve(self.nuclear, i)
        small = alphas <= float(f"1e-{TREND_FROM}")
        return float(np.polyfit(-np.log10(alphas[small]), nuclear[small], 1)[0])

    def nuclear_excess(self, i) -> float:
        """Seed-mean ||U U^T||_* - ||X_nuc||_* at instance i's smallest trustworthy alpha: above the
        solver's accuracy, U U^T is no minimum nuclear norm completion (whatever the optimal set)."""
        nuclear = self.seed_mean(self.nuclear, i, *self.smallest_reported(i))
        return nuclear - float(np.trace(self.X_nuc[i]))

    def nuc_at_limit(self, i) -> float:
        """Seed-mean distance to X_nuc at instance i's smallest trustworthy alpha."""
        return self.seed_mean(self.dist_nuc, i, *self.smallest_reported(i))

    def detour(self, i) -> tuple[float, float, int]:
        """How far instance i moves from its alpha -> 0 limit (Y where it has none) from
        10^-TREND_FROM on: the seed-mean distance to it at 10^-TREND_FROM, the largest at a
        reported alpha from there on before the outcome holds (or down to the smallest reported
        alpha), and where."""
        verdict = self.verdict(i)
        limit = verdict in ("X_nuc", "Y", "GLRL")
        target = self.dist_glrl if verdict == "GLRL" else self.dist_Y
        last = self.outcome(i)[1] if limit else self.smallest_reported(i)[0] + 1
        points = [
            (e, p) for e, p in self.reported(i) if TREND_FROM <= e < max(last, TREND_FROM + 1)
        ]
        d = [self.seed_mean(target, i, e, p) for e, p in points]
        j = int(np.argmax(d))
        return d[0], d[j], points[j][0]

    # --- the step, at instance i's smallest trustworthy alpha, seed 0
    @_memo
    def eta_mu_max(self, i) -> float:
        """eta times the largest eigenvalue of the Hessian of (12) at the end point ((22) is
        linearly stable there only if <= 2); its spectrum is that of any U with U U^T = X, such as
        the symmetric square root."""
        w, V = np.linalg.eigh(self.X[self.row(i, 0, *self.smallest_reported(i))])
        U = V * np.sqrt(np.clip(w, 0.0, None))
        return float(self.eta[i] * mc.hessian_max_eigenvalue(self.Y[i], self.mask[i], U))

    @_memo
    def quarter_step(self, i) -> tuple[float, bool]:
        """The run with a quarter of the step: its distance to the run with the full step, and
        whether its label is the same."""
        own = self.row(i, 0, *self.smallest_reported(i))
        quarter = self.row(i, 0, *self.smallest_reported(i), QUARTER)
        return self.difference(own, quarter), self.label(own) == self.label(quarter)

    # --- the slow runs
    def slow_runs(self) -> np.ndarray:
        """The own runs of the reported results that took more than SLOW steps."""
        reported = {(i, e, p) for i in range(len(self.names)) for e, p in self.reported(i)}
        slow = np.flatnonzero((self.kind == OWN) & (self.steps > SLOW))
        keys = zip(self.instance[slow], self.exponent[slow], self.precision[slow], strict=True)
        return slow[[key in reported for key in keys]]

    def spectrum_ratio(self, r) -> float:
        """lambda_3 / lambda_1 of run r's U U^T: how far its end point is from rank two."""
        eigenvalues = np.linalg.eigvalsh(self.X[r])
        return float(eigenvalues[-3] / eigenvalues[-1])

    def slowest_runs(self) -> dict[int, int]:
        """Per instance with one (ascending), its slowest run among :meth:`slow_runs` (ties: the
        first run)."""
        by_steps = sorted(self.slow_runs(), key=lambda r: (self.steps[r], -r))
        slowest = {int(self.instance[r]): int(r) for r in by_steps}
        return {i: slowest[i] for i in sorted(slowest)}

    def tail(self, r) -> tuple[float, float]:
        """How run r's loss decays over the second half of its steps: the exponent p of the power
        law loss ~ k^-p fitted there, and the ratio of the local decay rates -d log(loss)/dk over
        its last and first quarter (1 for a geometric tail; a power law's falls like 1/k, to 0.6)."""
        loss = self.run_history(r)[:, 0]
        k = np.arange(len(loss)) * mc.RECORD_EVERY
        half = k >= k[-1] / 2
        k, log_loss = k[half], np.log(loss[half])
        p = -np.polyfit(np.log(k), log_loss, 1)[0]
        q = max(1, len(k) // 4)
        rate_first = (log_loss[0] - log_loss[q]) / (k[q] - k[0])
        rate_last = (log_loss[-q - 1] - log_loss[-1]) / (k[-1] - k[-q - 1])
        return float(p), float(rate_last / rate_first)


# ----------------------------------------------------------------------------- running the sweep
def _execute(keys, cases, U0, leaders, perm, progress):
    """Run the runs ``keys`` ((instance, seed, exponent, precision, kind), ...), batched by
    precision; followers (TWIN, SHADOW) take exactly ``leaders[key]`` steps. ``cases``: the
    :class:`Instances`. Returns {key: (steps, status, loss, X, history)}."""
    out, inverse = {}, np.ix_(np.argsort(perm), np.argsort(perm))

    def batch(key):
        return key[3], key[4] in (TWIN, SHADOW)

    for (p, follower), group in itertools.groupby(sorted(keys, key=batch), batch):
        group = list(group)
        problems = []
        for i, s, e, _, kind in group:  # alpha correctly rounded from its decimal
            problem = (cases.Y[i], cases.mask[i], float(f"1e-{e}") * U0[s])
            problems.append(mc.permute_problem(*problem, perm) if kind == TWIN else problem)
        Y, mask, U_init = (np.array(column) for column in zip(*problems, strict=True))
        divisor = np.array([4 if kind == QUARTER else 1 for *_, kind in group])  # of the step
        eta = cases.eta[[key[0] for key in group]] / divisor
        caps = [leaders[key] for key in group] if follower else divisor * MAX_STEPS
        tol, precision = (0.0 if follower else TOL), mc.PRECISIONS[p]
        runs = mc.run_to_tolerance(
            Y, mask, U_init, eta, tol=tol, max_steps=caps, precision=precision, progress=progress
        )
        X = mc.gram(runs.U)
        for b, key in enumerate(group):
            x = X[b][inverse] if key[4] == TWIN else X[b]
            out[key] = (runs.steps[b], runs.status[b], runs.loss[b], x, runs.history[b])
    return out


def _assemble(cases, glrl, done) -> Sweep:
    """The sweep of the runs ``done`` ({key: (steps, status, loss, X, history)}) and GLRL."""
    keys = sorted(done)
    steps, status, loss, X, histories = zip(*map(done.get, keys), strict=True)
    return Sweep(
        **vars(cases),
        **dict(zip(KEY, np.array(keys, dtype=np.int64).T, strict=True)),
        steps=np.array(steps, dtype=np.int64),
        status=np.array(status, dtype=np.int64),
        loss=np.array(loss),
        X=np.array(X).reshape(-1, D, D),
        history=np.concatenate(histories),
        offsets=np.cumsum([0] + [len(h) for h in histories], dtype=np.int64),
        glrl_X=mc.gram(glrl.U),
        glrl_status=glrl.stage_status,
        glrl_steps=glrl.stage_steps,
        glrl_norms=glrl.stage_norms,
    )


def compute_sweep(progress=False) -> Sweep:
    """The whole sweep (minutes): GLRL on every instance; then, until no instance asks for more
    (:meth:`Sweep.exponents_to_add`), every run the grid needs (own runs of every seed in each
    precision of :func:`precisions_at`; then the twin and shadow of seed 0); last, the run of seed 0
    with a quarter of the step at each instance's smallest reported alpha. With ``progress``, the
    runs done out of the runs started and the elapsed time are shown on one line of stderr."""
    cases = instances()
    glrl = mc.greedy_low_rank(cases.Y, cases.mask, cases.eta, **GLRL)
    U0 = mc.initializations(D, SEEDS)
    perm = np.random.default_rng(PERMUTATION_SEED).permutation(D)
    grid = {i: set(BASE_EXPONENTS) for i in range(len(cases.names))}
    done, started, start = {}, [0, 0], time.monotonic()

    def tick():
        started[0] += 1
        minutes, seconds = divmod(int(time.monotonic() - start), 60)
        line = f"\rsweep: {started[0]}/{started[1]} runs, {minutes}:{seconds:02d}"
        print(line, end="", file=sys.stderr, flush=True)

    def run(keys, leaders=None):
        # large alphas first (the slowest runs), the easy control first among them
        keys = sorted((k for k in keys if k not in done), key=lambda k: (k[2], -k[0], k))
        started[1] += len(keys)
        done.update(_execute(keys, cases, U0, leaders or {}, perm, tick if progress else None))

    while True:
        run([(i, s, e, p, OWN) for i, es in grid.items() for e in sorted(es) for p in precisions_at(e) for s in range(SEEDS)])  # fmt: skip
        own0 = [k for k in done if k[4] == OWN and k[1] == 0]
        followers = [(i, 0, e, p, TWIN) for i, _, e, p, _ in own0]
        followers += [(i, 0, e, FLOAT64, SHADOW) for i, _, e, p, _ in own0 if p == DOUBLE and e <= FLOAT64_TO]  # fmt: skip
        leaders = {f: done[(f[0], 0, f[2], DOUBLE if f[4] == SHADOW else f[3], OWN)][0] for f in followers}  # fmt: skip
        run(followers, leaders)
        sweep = _assemble(cases, glrl, done)
        more = {i: sweep.exponents_to_add(i) for i in grid}
        if not any(more.values()):
            break
        for i, exponents in more.items():
            grid[i].update(exponents)
    run([(i, 0, *sweep.smallest_reported(i), QUARTER) for i in grid])
    if progress:
        print(file=sys.stderr)
    return _assemble(cases, glrl, done)


# ----------------------------------------------------------------------------- the results file
def write_results(sweep: Sweep, path: Path = RESULTS) -> None:
    """Save the sweep's runs with the settings they were computed with: an uncompressed .npz with
    fixed entry dates and order (the same bytes on every machine), and beside it a text summary
    (``.txt``) a reviewer can diff."""
    runs = fields(Sweep)[len(fields(Instances)) :]  # the instances are recomputed, not stored
    arrays = {f.name: np.ascontiguousarray(getattr(sweep, f.name)) for f in runs}
    arrays["X"] = np.ascontiguousarray(sweep.X[:, *np.triu_indices(D)])  # X is symmetric
    arrays["settings"] = np.frombuffer(json.dumps(settings(), sort_keys=True).encode(), np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as archive:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            with archive.open(info, "w") as f:
                np.lib.format.write_array(f, arrays[name], allow_pickle=False)
    text = path.with_suffix(".txt.tmp")
    text.write_text(summary(sweep))
    tmp.replace(path)
    text.replace(path.with_suffix(".txt"))


class ResultsMismatch(RuntimeError):
    """The results file is missing or was computed with other settings than the code's."""


def read_results(path: Path = RESULTS) -> dict:
    """The arrays of the results file; :class:`ResultsMismatch` (one line naming ``make results``)
    if it is missing or its settings differ from :func:`settings`."""
    if not path.exists():
        raise ResultsMismatch(
            f"{path.name} is missing: run `make results` (about 20 minutes on 2 cores)"
        )
    with np.load(path, allow_pickle=False) as data:
        arrays = dict(data)
    stored = json.loads(arrays.pop("settings").tobytes())
    current = json.loads(json.dumps(settings()))  # as stored: tuples become lists
    if stored != current:
        changed = sorted(k for k in current if stored.get(k) != current[k])
        raise ResultsMismatch(
            f"{path.name} was computed with other settings ({', '.join(changed)}) than the code's: "
            "run `make results` to recompute it"
        )
    return arrays


def summary(sweep: Sweep) -> str:
    """The results as text: the settings, GLRL, and one line per run."""
    lines = [f"# 2(f) sweep: {len(sweep.steps)} runs; settings:", json.dumps(settings(), sort_keys=True), ""]  # fmt: skip
    lines.append("# GLRL: instance, per stage (status, steps)")
    for i, name in enumerate(sweep.names):
        stages = [(int(s), int(k)) for s, k in zip(sweep.glrl_status[i], sweep.glrl_steps[i], strict=True) if s >= 0]  # fmt: skip
        lines.append(f"{name}: {stages}")
    lines += ["", "# instance seed exponent precision kind steps status loss ||X - Y||/||Y|| trace"]
    kinds = ("own", "twin", "shadow", "quarter")
    for r in range(len(sweep.steps)):
        lines.append(
            f"{sweep.names[sweep.instance[r]]} {sweep.seed[r]} {sweep.exponent[r]} "
            f"{mc.PRECISIONS[sweep.precision[r]]} {kinds[sweep.kind[r]]} {sweep.steps[r]} "
            f"{sweep.status[r]} {sweep.loss[r]:.6e} {sweep.dist_Y[r]:.6f} {sweep.nuclear[r]:.6f}"
        )
    return "\n".join(lines) + "\n"


@experiment
def alpha_sweep():
    """The sweep of :func:`compute_sweep`, read from the results file (``make results``)."""
    cases, data = instances(), read_results()
    X = np.zeros((len(data["X"]), D, D))
    X[:, *np.triu_indices(D)] = data["X"]
    data["X"] = X + np.triu(X, 1).transpose(0, 2, 1)
    return Sweep(**vars(cases), **data)


@dataclass(frozen=True)
class UnboundedStage(Result):
    """A stage of GLRL without a stationary point within reach, rerun with smaller steps."""

    name: str
    stage: int
    divisors: tuple[int, ...]
    norms: np.ndarray  # ||U||_F^2 when the loss first rose, per divisor of the step
    steps: np.ndarray  # steps taken until then


@experiment
def unbounded_stage(name="hard 2", divisors=(1, 4, 16)):
    """The first stage of GLRL on instance ``name`` that :func:`mc.greedy_low_rank` found
    UNBOUNDED, rerun from its start with the instance's step divided by each of ``divisors``
    (positive integers, increasing): for a factor that grows without bound the loss rises only
    once the growth has made the step unstable, so the smaller the step, the larger ||U||_F^2 gets
    first. Returns an :class:`UnboundedStage`."""
    sweep = alpha_sweep()
    unbounded = [n for i, n in enumerate(sweep.names) if mc.UNBOUNDED in sweep.glrl_status[i]]
    if name not in unbounded:
        raise ValueError(
            f"name={name!r}: GLRL has no unbounded stage there; it has on {', '.join(unbounded)}"
        )
    divisors = tuple(check_count(d, "divisors", minimum=1) for d in divisors)
    if not divisors or list(divisors) != sorted(divisors):
        raise ValueError(f"divisors={divisors!r} must be positive integers, increasing")
    i = sweep.names.index(name)
    Y, mask, r = sweep.Y[i], sweep.mask[i], int(np.argmax(sweep.glrl_status[i] == mc.UNBOUNDED)) + 1
    # the factor before stage r: GLRL rerun through stage r - 1 (the same bits; the stored factor
    # is the one stage r diverged to)
    before = mc.greedy_low_rank(Y[None], mask[None], sweep.eta[i], **GLRL | {"max_rank": r - 1})
    start = mc.glrl_start(Y, mask, before.U[0], GLRL["scale"])
    pairs, size = mc.observed_pairs(Y, mask), 0.5 * float(np.sum((mask * Y) ** 2))
    descend = functools.partial(mc.glrl_descend, pairs, size, start)
    runs = [descend(sweep.eta[i] / d, GLRL["tol"], GLRL["grad_tol"], MAX_STEPS) for d in divisors]
    return UnboundedStage(
        name=name,
        stage=r,
        divisors=tuple(divisors),
        norms=np.array([np.sum(U * U) for U, _, _ in runs]),
        steps=np.array([steps for _, steps, _ in runs]),
    )
