"""What the 2(f) sweep costs: time per step of gradient descent (22), float64 against
double-double, and the semidefinite program (23).

For D = 20, 50 (instances of the notebook's kind, a quarter of the entries observed) the median
wall time over REPEATS repeats of STEPS steps of one run of
:func:`hw3.matrix_completion.run_to_tolerance` (tolerance 0: every step taken), in each
precision, on one thread and in one process; then the ratio double-double / float64, the cost of
the extra precision. Then the SDP (23) per D.

Run: ``.venv/bin/python benchmarks/bench_matrix_completion.py`` (one BLAS thread, as in the build)
"""

from __future__ import annotations

import functools
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from hw3.matrix_completion import (  # noqa: E402
    PRECISIONS,
    SDP_SOLVER,
    SDP_TOLERANCE,
    default_step_size,
    initializations,
    make_completion_problem,
    min_nuclear_norm_completion,
    run_to_tolerance,
)

DIMENSIONS = (20, 50)
STEPS = 20_000
REPEATS = 5


def median_time(fn, repeats=REPEATS):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times)), times


def main() -> None:
    print(f"gradient descent (22), one run, 1 thread: microseconds per step (median of {REPEATS})")
    print(f"{'D':>5}{'float64':>12}{'double-double':>16}{'ratio':>8}   runs (s)")
    for D in DIMENSIONS:
        Y, mask = make_completion_problem(D, 2, 0.25, seed=0)
        U0 = 1e-3 * initializations(D, 1)
        cost = {}
        for precision in PRECISIONS:
            run = functools.partial(
                run_to_tolerance, Y, mask, U0, default_step_size(0.25), tol=0.0, max_steps=STEPS,
                precision=precision, threads=1,
            )  # fmt: skip
            run()  # compile
            cost[precision] = median_time(run)
        (t64, r64), (tdd, rdd) = cost["float64"], cost["double-double"]
        runs = " ".join(f"{t:.3f}" for t in r64 + rdd)
        print(
            f"{D:>5}{t64 / STEPS * 1e6:>12.2f}{tdd / STEPS * 1e6:>16.2f}{tdd / t64:>8.1f}   {runs}"
        )
    print(f"\nsemidefinite program (23), {SDP_SOLVER}, tolerance {SDP_TOLERANCE:g} (one solve)")
    for D in DIMENSIONS:
        Y, mask = make_completion_problem(D, 2, 0.25, seed=0)
        start = time.perf_counter()
        min_nuclear_norm_completion(Y, mask)
        print(f"{D:>5}{time.perf_counter() - start:>10.2f} s", flush=True)


if __name__ == "__main__":
    main()
