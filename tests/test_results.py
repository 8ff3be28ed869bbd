"""The committed results of 2(f) are what the code computes, and the notebook refuses stale ones.

``make test`` recomputes a sample of the runs in ``results/sweep.npz`` and compares every byte:
a float64 run, a double-double run at alpha <= 1e-40 and the relabelled twin of a double-double
run (which follows its run's step count), each cheap enough for a unit test.
"""

from __future__ import annotations

import json
import shutil
import zipfile

import numpy as np
import pytest

from hw3 import matrix_completion as mc
from hw3.experiments import matrix_completion as ex

#: The sample: (instance, seed, exponent, precision, kind), with fewer than 50,000 steps each.
SAMPLE = [
    (5, 1, 21, ex.FLOAT64, ex.OWN),
    (10, 0, 45, ex.DOUBLE, ex.OWN),
    (4, 0, 48, ex.DOUBLE, ex.TWIN),
]


@pytest.fixture(scope="module")
def stored():
    return ex.alpha_sweep()


def test_a_sample_of_the_runs_is_recomputed_bit_for_bit(stored):
    cases = ex.instances()
    U0 = mc.initializations(ex.D, ex.SEEDS)
    perm = np.random.default_rng(ex.PERMUTATION_SEED).permutation(ex.D)
    for key in SAMPLE:
        r = stored.row(*key)
        assert r >= 0 and stored.steps[r] < 50_000
        i, _, e, p, kind = key
        leaders = {key: int(stored.steps[stored.row(i, 0, e, p)])} if kind == ex.TWIN else {}
        ((steps, status, loss, X, history),) = ex._execute([key], cases, U0, leaders, perm, None).values()  # fmt: skip
        assert (steps, status) == (stored.steps[r], stored.status[r]), key
        assert loss.tobytes() == stored.loss[r].tobytes()
        # the file keeps the upper triangle of X (it is symmetric): compare those bytes
        upper = np.triu_indices(ex.D)
        assert X[upper].tobytes() == stored.X[r][upper].tobytes(), key
        assert history.tobytes() == stored.run_history(r).tobytes(), key


def test_the_sample_covers_each_arithmetic_and_alpha_below_1e_40(stored):
    assert {p for *_, p, _ in SAMPLE} == {ex.FLOAT64, ex.DOUBLE}
    assert any(e >= 40 and p == ex.DOUBLE for _, _, e, p, _ in SAMPLE)


def _with_settings(tmp_path, change):
    """A copy of the results file whose stored settings are changed by ``change``."""
    path = tmp_path / "sweep.npz"
    shutil.copy(ex.RESULTS, path)
    with np.load(path) as data:
        arrays = {name: data[name] for name in data.files}
    settings = json.loads(arrays["settings"].tobytes())
    change(settings)
    arrays["settings"] = np.frombuffer(json.dumps(settings).encode(), np.uint8)
    with zipfile.ZipFile(path, "w") as archive:
        for name, value in arrays.items():
            with archive.open(f"{name}.npy", "w") as f:
                np.lib.format.write_array(f, value)
    return path


def test_results_with_other_settings_are_refused_in_one_line_naming_make_results(tmp_path):
    path = _with_settings(tmp_path, lambda s: s.update(tol=1e-8))
    with pytest.raises(ex.ResultsMismatch) as info:
        ex.read_results(path)
    message = str(info.value)
    assert "make results" in message and "tol" in message and "\n" not in message
    with pytest.raises(ex.ResultsMismatch, match="make results"):
        ex.read_results(tmp_path / "missing.npz")


def test_the_results_file_has_fixed_entry_dates_and_order():
    with zipfile.ZipFile(ex.RESULTS) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.compress_type for i in infos} == {zipfile.ZIP_STORED}


def test_the_text_summary_lists_every_run(stored):
    text = ex.RESULTS.with_suffix(".txt").read_text()
    assert text == ex.summary(stored)
    assert len([line for line in text.splitlines() if line.startswith(("hard", "easy")) and " own " in line]) == int((stored.kind == ex.OWN).sum())  # fmt: skip
