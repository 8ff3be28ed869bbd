"""What the 2(f) sweep costs: time per step of gradient descent (22) against batch size and D.

For D = 20, 50, 100 and batch sizes B = 1 ... 512, the median wall time (over REPEATS repeats)
of STEPS steps of :func:`hw3.matrix_completion.run_to_tolerance` on B runs (tolerance 0, so every
run takes every step; loss checked every 10 steps as in the notebook), with 1 and 2 threads,
reported per step and per run-step; then the SDP (23) per D. Each run is one call of the compiled
loop :func:`hw3.matrix_completion.gd_run`, so the sweep costs its number of run-steps times the
per-run-step cost.

Run: ``.venv/bin/python benchmarks/bench_matrix_completion.py`` (one BLAS thread, as in the build)
"""

from __future__ import annotations

import functools
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from hw3.matrix_completion import (  # noqa: E402
    SDP_SOLVER,
    SDP_TOLERANCE,
    default_step_size,
    initializations,
    make_completion_problem,
    min_nuclear_norm_completion,
    run_to_tolerance,
)

DIMENSIONS = (20, 50, 100)
BATCHES = (1, 8, 32, 128, 512)
REPEATS = 5


def steps_for(D: int, B: int) -> int:
    """Enough steps for a measurable time, few enough to finish quickly."""
    return max(20, int(4e6 / (B * D**2)))


def median_time(fn, repeats=REPEATS):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def main() -> None:
    print("gradient descent (22), time per step (median of 5), microseconds")
    print(
        f"{'D':>5}{'B':>6}{'steps':>8}{'1 thread':>12}{'per run':>10}{'2 threads':>12}{'per run':>10}"
    )
    for D in DIMENSIONS:
        Y, mask = make_completion_problem(D, 2, 0.25, seed=0)
        for B in BATCHES:
            U0 = 1e-3 * initializations(D, B)
            steps = steps_for(D, B)
            row = f"{D:>5}{B:>6}{steps:>8}"
            for threads in (1, 2):
                run = functools.partial(
                    run_to_tolerance, Y, mask, U0, default_step_size(0.25), 0.0, steps, 10, threads
                )
                t = median_time(run)
                row += f"{t / steps * 1e6:>12.1f}{t / steps / B * 1e6:>10.2f}"
            print(row, flush=True)
    print(f"\nsemidefinite program (23), {SDP_SOLVER}, tolerance {SDP_TOLERANCE:g} (one solve)")
    for D in DIMENSIONS:
        Y, mask = make_completion_problem(D, 2, 0.25, seed=0)
        start = time.perf_counter()
        min_nuclear_norm_completion(Y, mask)
        print(f"{D:>5}{time.perf_counter() - start:>10.2f} s", flush=True)


if __name__ == "__main__":
    main()
