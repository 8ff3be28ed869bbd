"""A grader changes an experiment's setting and re-runs the cells: the generated prose must stay
correct (each sentence's branch follows the new result), or the experiment refuses the setting
with one line. Each case below runs every notebook cell that calls the experiment, with the
setting changed in all of them, and checks what the cells say."""

from __future__ import annotations

import functools
import re
import warnings

import jupytext
import matplotlib
import pytest

matplotlib.use("agg")
import matplotlib.pyplot as plt  # noqa: E402

from hw3.common import CheckFailed  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

#: Experiments that continue another's run take its settings too.
FOLLOWERS = {"paths": ("paths", "continuation", "time_alignment")}
#: Text that only a sentence built around an empty list or a missing number produces.
ARTIFACTS = ("  ", " .", " ,", " ;", "( ", " )", "first 1 ", "first 0 ", "nan", "inf ")


def prose_with(experiment: str, **settings) -> str:
    """Run the setup cell, then every code cell that calls ``experiment`` (or one of its
    followers) with ``settings``; return what the cells say, the prose, one paragraph per line.
    Exceptions propagate; warnings are errors."""
    code = [c.source for c in jupytext.read(ROOT / "hw3.py").cells if c.cell_type == "code"]
    ns: dict = {}
    exec(code[0], ns)
    said: list[str] = []
    ns.update(
        say=lambda text: said.append(text),
        show_table=lambda *a, **k: None,
        show_figure=lambda fig, *a, **k: plt.close(fig),
    )
    names = FOLLOWERS.get(experiment, (experiment,))
    for name in names:
        ns[name] = functools.partial(ns[name], **settings)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for source in code[1:]:
            if any(re.search(rf"\b{name}\(", source) for name in names):
                exec(source, ns)
                plt.close("all")
    return "\n".join(said)


def assert_clean(text: str) -> None:
    for bad in ARTIFACTS:
        assert bad not in text, (
            f"{bad!r} in: ...{text[max(0, text.find(bad) - 100) : text.find(bad) + 40]}"
        )


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        (
            {},
            [
                "(not after the 300,000 steps asked for)",
                "**yes for the path",
                "**So yes for the path",
            ],
        ),
        # a larger step: every support coordinate is in after the 300,000 steps
        (
            {"eta": 0.5},
            ["After the 300,000 steps asked for, gradient descent has brought in every coordinate"],
        ),
        # fewer steps: several support coordinates still missing, some only on the path
        (
            {"steps": 30_000},
            ["coordinates 10, 12 and 15 have not entered", "the last of them in", "the path only"],
        ),
        # another instance; a larger initialization
        ({"seed": 3}, ["of the path with"]),
        ({"alpha": 0.03}, ["from the nonnegative minimum-"]),
    ],
)
def test_2e_prose_follows_the_settings(settings, says):
    text = prose_with("paths", **settings)
    assert_clean(text)
    for phrase in says:
        assert phrase in text


def test_2e_refuses_an_initialization_at_the_entry_level():
    with pytest.raises(ValueError, match=r"alpha=0\.2 must be in \(0, 0\.03\]"):
        prose_with("paths", alpha=0.2)


@pytest.mark.parametrize(
    ("experiment", "settings", "says"),
    [
        ("robustness", {"count": 5}, ["of 5 instances"]),
        ("triangle", {"delta": 0.45}, ["picks the **minimum-rank** completion"]),
        ("identity_check", {"r": 2, "ms": (2, 5)}, []),
        ("gradient_bias", {"m": 2}, []),
        ("smoothness_check", {"n": 5, "m": 30}, []),
        ("init_scale", {"gd_alphas": (1.0, 0.1)}, []),
        ("unbounded_stage", {"divisors": (1, 2)}, ["hard 2"]),
    ],
)
def test_other_prose_follows_the_settings(experiment, settings, says):
    text = prose_with(experiment, **settings)
    assert_clean(text)
    for phrase in says:
        assert phrase in text


def test_settings_outside_their_range_are_refused_in_one_line():
    with pytest.raises(ValueError, match=r"name='hard 3': GLRL has no unbounded stage there"):
        prose_with("unbounded_stage", name="hard 3")
    with pytest.raises(CheckFailed, match="outside the range where this check holds") as info:
        prose_with("convergence_check", steps=50)
    assert "\n" not in str(info.value)
