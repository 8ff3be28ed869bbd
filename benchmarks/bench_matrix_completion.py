"""How the cost of Problem 2(f) grows with D: one GD step on (12), one batched step, the SDP.

Prints a table (wall-clock seconds, best of a few repeats for GD; one solve for the SDP).
The instance is ``make_completion_problem(D, rank=2, observed_fraction=0.2)``. An SDP solve
that takes longer than ``SDP_TIMEOUT`` seconds is abandoned and reported as skipped.

Run: ``.venv/bin/python benchmarks/bench_matrix_completion.py``
"""

from __future__ import annotations

import multiprocessing as mp
import time

import numpy as np

from hw3.matrix_completion import (
    SDP_SOLVER,
    SDP_TOLERANCE,
    factorized_gd_completion,
    make_completion_problem,
    min_nuclear_norm_completion,
)

DIMENSIONS = (20, 50, 100, 200)
BATCH = 32
STEPS = 20
SDP_TIMEOUT = 60.0


def time_gd(Y, mask, U0, repeats=3):
    """Seconds per gradient step (best of ``repeats`` runs of STEPS steps)."""
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        factorized_gd_completion(Y, mask, U0, eta=1e-3, steps=STEPS)
        best = min(best, time.perf_counter() - start)
    return best / STEPS


def _solve(D, queue):
    Y, mask = make_completion_problem(D, 2, 0.2, seed=0)
    start = time.perf_counter()
    min_nuclear_norm_completion(Y, mask)
    queue.put(time.perf_counter() - start)


def time_sdp(D):
    """Seconds for one SDP solve, or None if it exceeds SDP_TIMEOUT."""
    queue = mp.Queue()
    proc = mp.Process(target=_solve, args=(D, queue))
    proc.start()
    proc.join(SDP_TIMEOUT)
    if proc.is_alive():
        proc.terminate()
        proc.join()
        return None
    return queue.get() if not queue.empty() else None


def main():
    rng = np.random.default_rng(0)
    print(f"SDP: {SDP_SOLVER}, tolerance {SDP_TOLERANCE:g}; GD: time per step, batch B={BATCH}")
    print(f"{'D':>5} {'GD step (s)':>12} {'batch step (s)':>15} {'per member':>11} {'SDP (s)':>10}")
    for D in DIMENSIONS:
        Y, mask = make_completion_problem(D, 2, 0.2, seed=0)
        single = time_gd(Y, mask, 1e-3 * rng.standard_normal((D, D)))
        batch = time_gd(Y, mask, 1e-3 * rng.standard_normal((BATCH, D, D)))
        sdp = time_sdp(D)
        sdp_text = f"{sdp:10.3f}" if sdp is not None else f"{'>' + str(int(SDP_TIMEOUT)):>7} skip"
        print(f"{D:5d} {single:12.2e} {batch:15.2e} {batch / BATCH:11.2e} {sdp_text}")


if __name__ == "__main__":
    main()
