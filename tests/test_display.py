"""Tests for hw3.display: figure bytes insensitive to rounding noise, number formats, listings."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from hw3 import display  # noqa: E402


def _figure(y):
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.semilogy(np.arange(len(y)), y)
    ax.annotate("peak", (3, y[3]), xytext=(0, 3), textcoords="offset points")
    ax.text(len(y), y[-1], " end")
    return fig


def test_rounding_noise_in_plotted_data_does_not_change_the_figure_bytes():
    y = np.geomspace(1.0, 1e-6, 50) * (1 + 0.1 * np.sin(np.arange(50)))
    noisy = y * (1 + 1e-12 * np.random.default_rng(0).standard_normal(50))
    a, b = display.render_figure(_figure(y)), display.render_figure(_figure(noisy))
    assert a["pdf"] == b["pdf"] and a["png"] == b["png"]
    c = display.render_figure(_figure(y * (1 + 1e-3)))  # a real change does show
    assert c["pdf"] != a["pdf"]
    assert b"CreationDate" not in a["pdf"]
    plt.close("all")


def test_round_significant():
    v = np.array([123456.789, -0.000123456, 0.0, np.nan, np.inf])
    r = display.round_significant(v, 3)
    np.testing.assert_array_equal(r[:3], [123000.0, -0.000123, 0.0])
    assert np.isnan(r[3]) and np.isinf(r[4])


def test_number_formats():
    assert display.sci(3.456e-5) == "3.5e-5" and display.sci(2.0, 2) == "2.00e0"
    assert (
        display.tex_sci(3.4e-5) == r"3.4\cdot 10^{-5}" and display.tex_sci(1e-18, 0) == "10^{-18}"
    )
    assert [display.ordinal(k) for k in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd",
    ]  # fmt: skip
    assert display.join_words([1, 2, 3]) == "1, 2 and 3" and display.join_words([5]) == "5"
    # the alpha 10^-e of a sweep: the same text as the scientific format of the number itself
    assert display.tex_alpha(0) == "1"
    assert all(display.tex_alpha(e) == display.tex_sci(float(f"1e-{e}"), 0) for e in range(1, 91))


def test_listing_source_drops_the_docstring_only():
    def f(x):
        """Doc."""
        return x + 1

    source = display.source_of(f)
    assert "Doc." not in source and "return x + 1" in source
    assert "Doc." in display.source_of(f, docstring=True)


def test_an_interactive_run_exports_figures_to_an_ignored_folder_not_figures(monkeypatch):
    """Outside the build (no HW3_FIGURES_DIR), re-running a figure cell changes no tracked file."""
    import subprocess

    from tests.conftest import ROOT

    monkeypatch.delenv("HW3_FIGURES_DIR", raising=False)
    out = display.figures_dir()
    assert out.resolve() != (ROOT / "figures").resolve() and out.is_relative_to(ROOT)
    ignored = subprocess.run(["git", "-C", ROOT, "check-ignore", "-q", out / "x.pdf"], check=False)
    assert ignored.returncode == 0, f"{out} is not ignored by git"
    name = "test_interactive_export"
    try:
        display.show_figure(_figure(np.ones(5)), name)
        assert (out / f"{name}.pdf").is_file() and (out / f"{name}.png").is_file()
        assert not list((ROOT / "figures").glob(f"{name}.*"))
    finally:
        for path in [*out.glob(f"{name}.*"), *(ROOT / "figures").glob(f"{name}.*")]:
            path.unlink()


def test_round_outward_gives_a_bound_the_value_satisfies_at_the_stated_decimals():
    from hw3.display import round_outward

    rng = np.random.default_rng(0)
    for v in rng.uniform(0, 5, 200):
        up, down = round_outward(v, 2, up=True), round_outward(v, 2, up=False)
        assert down <= v <= up and up - down <= 0.01 + 1e-12
        assert round(up, 2) == up and round(down, 2) == down
    assert round_outward(0.995, 2, up=True) == 1.0 and round_outward(0.6853, 2, up=False) == 0.68
