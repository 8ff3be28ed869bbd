"""Timing of hw3.sparse_recovery.factorized_gd (Problem 2(e)); prints small tables.

1. The assignment's run (m = 40, n = 20, x0 = 1e-3 * 1, eta = 1e-3, 300,000 steps, trace every
   10 steps) with factorized_gd against the plain numpy loop
   ``x = x - eta*2*x*(A.T @ (A @ (x*x) - y))``, in the same process, median of 5.
2. Time per step against the size m (n = m/2).

Run: .venv/bin/python benchmarks/bench_sparse_recovery.py
"""

import time

import numpy as np

from hw3.experiments.sparse_recovery import ALPHA, ETA, STEPS
from hw3.sparse_recovery import factorized_gd, make_problem


def plain_loop(A, y, x0, eta, steps, record_every=10):
    """The reference implementation: the update written out, trace kept in a list."""
    x = x0.copy()
    trace = [x]
    for k in range(1, steps + 1):
        x = x - eta * 2 * x * (A.T @ (A @ (x * x) - y))
        if k % record_every == 0:
            trace.append(x)
    return x, np.array(trace)


def median_time(fn, *args, repeat=5, **kwargs):
    """Median wall time of ``fn(*args, **kwargs)`` over ``repeat`` calls, and its result."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return float(np.median(times)), out


def main():
    A, _, y = make_problem()
    x0 = np.full(A.shape[1], ALPHA)
    eta, steps = ETA, STEPS
    t_fast, (x_fast, _) = median_time(factorized_gd, A, y, x0, eta, steps)
    t_plain, (x_plain, _) = median_time(plain_loop, A, y, x0, eta, steps)
    print(f"{steps:,} steps of GD on (9), m=40, n=20, trace every 10 steps (median of 5)")
    print(f"  {'plain numpy loop':<28}{t_plain:8.3f} s  ({t_plain / steps * 1e6:.2f} us/step)")
    print(f"  {'factorized_gd':<28}{t_fast:8.3f} s  ({t_fast / steps * 1e6:.2f} us/step)")
    print(
        f"  speed-up {t_plain / t_fast:.2f}x; max |difference| of final iterates "
        f"{np.abs(x_fast - x_plain).max():.1e}"
    )

    print(f"  ratio factorized_gd / plain loop: {t_fast / t_plain:.3f}")

    print("\ntime per step against the size (n = m/2, k = m/4), median of 5")
    print(f"  {'m':>6}{'factorized_gd us/step':>24}{'plain loop us/step':>20}")
    for m in (40, 400, 4000):
        A, _, y = make_problem(n=m // 2, m=m, k=m // 4, seed=0)
        x0 = np.full(m, 1e-3)
        steps = {40: 20_000, 400: 5_000, 4000: 300}[m]
        t_f, _ = median_time(factorized_gd, A, y, x0, 1e-4, steps, record_every=steps)
        t_p, _ = median_time(plain_loop, A, y, x0, 1e-4, steps, record_every=steps)
        print(f"  {m:>6}{t_f / steps * 1e6:>24.2f}{t_p / steps * 1e6:>20.2f}")


if __name__ == "__main__":
    main()
