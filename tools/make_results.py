"""Recompute the committed results of 2(f): ``results/sweep.npz`` and its text summary.

``make results`` runs this. The sweep (:func:`hw3.experiments.matrix_completion.compute_sweep`)
takes minutes and shows its progress on one line; the files are written only once it has
finished (an interrupted run leaves them as they were), with the same bytes on every machine.
"""

from __future__ import annotations

import sys
import time

from hw3.experiments import matrix_completion as ex


def main() -> int:
    start = time.monotonic()
    print("2(f): greedy low-rank learning on every instance, then the sweep (minutes)", flush=True)
    try:
        sweep = ex.compute_sweep(progress=True)
    except KeyboardInterrupt:
        print("\ninterrupted: results/ was not changed", file=sys.stderr)
        return 130
    ex.write_results(sweep)
    minutes, seconds = divmod(int(time.monotonic() - start), 60)
    print(f"wrote {ex.RESULTS.relative_to(ex.RESULTS.parents[1])} and its .txt summary "
          f"({len(sweep.steps):,} runs) in {minutes} min {seconds} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
