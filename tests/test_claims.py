"""Every qualitative statement the notebook's prose makes about a result, as a test.

Each test is named after the claim and asserts it on the results the notebook itself computed
(``results``: taken out of the kernel of one fresh run per session, see ``conftest.py``). If a
change in the code makes a claim false, its test fails and the prose must be rewritten.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from hw3 import matrix_completion as mc
from hw3 import sparse_recovery as sr
from hw3.experiments import matrix_completion as ex
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def run(results):
    return results["run"]


@pytest.fixture(scope="module")
def cont(results):
    return results["cont"]


# ----------------------------------------------------------------------------- Problem 1, 2(a)-(d)
def test_every_monte_carlo_estimate_is_within_two_standard_errors(results):
    assert np.all(np.abs(results["check_1a"].z) < 2)


def test_the_naive_gradient_is_biased_by_many_standard_errors(results):
    bias = results["bias"]
    assert np.all(bias.naive_error > 0.05)  # "misses the true gradient by 13% and 11%"
    assert bias.mc_z_true.min() > 20 > 3 > bias.mc_z_naive.max()


def test_smoothness_inequality_holds_and_fails_just_above_eta(results):
    check = results["check_2b"]
    assert check.worst_ratio <= 0
    assert check.gap_above > 0
    assert check.gap_above == pytest.approx(check.gap_above_predicted, rel=1e-9)


def test_gd_from_zero_has_a_smaller_norm_than_x_star_and_than_from_random_starts(results):
    check = results["check_2d"]
    assert check.norm_from_zero < check.norm_x_star
    assert np.all(check.norms_from_random > check.norm_from_zero)


# ----------------------------------------------------------------------------- 2(e)
def test_the_monitoring_of_the_300000_step_run_holds(run):
    assert run.monitor[0].value < 2 and run.all_positive


def test_both_paths_start_with_the_largest_correlation(run):
    first = int(np.argmax(run.A.T @ run.y))
    assert run.gd_order[0] == run.lasso_order[0] == first


def test_the_three_orders_of_entry_all_differ(run):
    """The brief: "all bring coordinates in one after another, none in the same order"."""
    orders = (run.gd_order, run.lasso_order, run.signed_order)
    assert all(a != b for a, b in itertools.combinations(orders, 2))


def test_the_first_coordinates_enter_both_paths_in_the_same_order(run):
    prefix = run.common_prefix
    assert len(prefix) >= 3
    assert run.gd_order[: len(prefix)] == run.lasso_order[: len(prefix)] == prefix
    assert (
        run.gd_order[len(prefix)] != run.lasso_order[len(prefix)]
    )  # "after that the orders differ"


def test_the_named_rank_shifts_are_real(run):
    shifts = run.rank_shifts()
    assert shifts, "some coordinate changes rank by at least 3"
    for i, (g, p) in shifts.items():
        assert run.gd_order[g - 1] == i and run.lasso_order[p - 1] == i


def test_some_coordinates_enter_only_one_path_and_gd_misses_a_support_coordinate(run):
    assert run.only_gd and run.only_lasso
    assert set(run.only_lasso) <= set(run.missing_support)  # "gd has not reached it"
    assert all(run.x_star[i] == 0 for i in run.only_gd)


def test_transients_described_as_not_yet_dropped_by_gd_have_entered_gd(run):
    """ "on the path only (gradient descent has not dropped them yet)": they entered GD."""
    for i in set(run.transient("lasso")) - set(run.transient("gd")):
        assert i in run.gd_order and run.u[:, i].max() >= 1e-2
        assert run.u[-1, i] >= 0.5 * run.u[:, i].max()


def test_both_paths_have_common_transient_off_support_coordinates(run):
    common = set(run.transient("lasso")) & set(run.transient("gd"))
    assert common and all(run.x_star[i] == 0 for i in common)


def test_gd_is_still_raising_an_off_support_coordinate_at_the_last_step(run):
    rising = run.rising_off_support_gd
    assert rising
    for i in rising:
        assert run.u[-1, i] >= 0.98 * run.u[:, i].max() and run.x_star[i] == 0


def test_the_signed_lasso_path_is_a_different_path_with_negative_entries(run):
    assert run.signed_negative > 0 and run.signed_negative_end > 0
    assert run.signed_order != run.lasso_order
    signed_prefix = sr.common_prefix(run.signed_order, run.lasso_order)
    assert len(signed_prefix) < len(run.common_prefix) + 1


def test_gd_has_not_converged_after_300000_steps(run):
    assert run.residual_end > 1e-3
    assert run.missing_support and np.linalg.norm(run.u[-1] - run.l1_pos) > 0.05


def test_step_300000_sits_above_the_lambda_where_the_missing_coordinate_enters(run):
    missing = run.missing_support[0]
    assert run.lambda_at_end > run.entry_lambdas(positive=True)[missing]


def test_the_lasso_paths_are_drawn_down_to_where_they_first_fit_to_path_end_residual(run):
    """The plotted paths end at the first lambda of paths()' fine grid (4000 points over eight
    decades) at which the later of the two paths fits y to PATH_END_RESIDUAL: both fit there (a
    Lasso path's fit only improves as lambda decreases), and one of them did not a grid step before."""
    from hw3.experiments.sparse_recovery import PATH_END_RESIDUAL

    def fit(knots, lam):
        return sr.relative_residual(run.A, run.y, sr.lasso_at(*knots, [lam])[:, 0])

    end, knots = run.lasso_lambdas[-1], (run.knots_signed, run.knots_positive)
    assert all(fit(k, end) < PATH_END_RESIDUAL for k in knots)
    assert max(fit(k, end * 1e8 ** (1 / 3999)) for k in knots) >= PATH_END_RESIDUAL


def test_the_positive_path_ends_at_the_nonnegative_lp_solution_which_is_x_star(run):
    end = run.knots_positive[1][:, -1]
    assert np.linalg.norm(end - run.l1_pos) < 1e-8
    assert np.linalg.norm(run.l1_pos - run.x_star) < 1e-8


def test_the_lasso_path_ends_at_the_signed_lp_solution_far_from_x_star(run):
    end = run.knots_signed[1][:, -1]
    assert np.linalg.norm(end - run.l1) < 1e-8
    assert np.linalg.norm(run.l1 - run.x_star) > 0.3


def test_gd_run_to_convergence_ends_next_to_the_nonnegative_min_l1_solution(run, cont):
    assert cont.residuals[-1] <= cont.tol
    assert cont.distance_l1_pos < 2e-3
    on = run.x_star > 0  # the |S| largest are S
    assert cont.u[on].min() > 10 * cont.u[~on].max()
    # "neither is the minimum-l2 solution"
    assert np.linalg.norm(cont.u - run.l2) > 0.1 and np.linalg.norm(run.l1 - run.l2) > 0.1


def test_the_gap_to_min_l1_is_the_finite_initialization(cont):
    assert cont.distance_kl < 0.1 * cont.distance_l1_pos
    assert cont.kl_to_l1_pos == pytest.approx(cont.distance_l1_pos, rel=0.1)


def test_the_continuation_was_stable_and_monotone(cont):
    assert cont.info.max_eta_L[0] < 2 and bool(cont.info.loss_monotone[0])


def test_the_final_phase_is_sublinear_then_geometric(cont):
    assert -1.2 < cont.exponent < -0.7
    assert cont.tail_ratio < 0.95


# ----------------------------------------------------------------------------- Appendix B
def test_the_limit_approaches_min_l1_monotonically_as_alpha_shrinks(results):
    scale = results["scale"]
    assert scale.uniqueness_margin > 0
    assert np.all(np.diff(scale.l1_distance) < 0)
    assert 5e-4 < scale.alpha_1e3 < 2e-3  # "close to the alpha = 1e-3 of step iv"


def test_the_limit_stays_away_from_min_l2_and_scales_with_large_alpha(results):
    scale = results["scale"]
    small = scale.alphas <= 1e-2
    assert scale.l2_distance[small].min() > 0.5
    large = scale.gd_alphas >= 0.3
    assert np.all(scale.gd_kl[large].max(axis=1) / scale.gd_alphas[large] ** 2 < 10)


def test_the_limit_approaches_min_l1_like_alpha_to_twice_the_certificate_margin(results):
    scale = results["scale"]  # "falls like alpha^slope ..., close to alpha^(2t)"
    assert scale.small_alpha_slope > 0
    assert abs(scale.small_alpha_slope - 2 * scale.uniqueness_margin) < 0.05
    assert scale.null_margin > 0  # "W is unbounded here"


def test_converged_gd_agrees_with_the_limit(results, cont):
    scale = results["scale"]
    assert np.all(scale.gd_info.residual[-1] <= scale.tol)
    assert scale.gd_to_kl_relative.max() < 1e-2
    assert cont.distance_kl < 1e-4


def test_time_average_enters_later_than_the_iterate_and_ratios_exceed_one(results):
    align = results["align"]
    assert np.min(align.ratios) > 1  # "the ratio exceeds 1"
    # the log(u_i) correction of (27) brings the median much closer to 1
    assert abs(np.median(align.corrected) - 1) < 0.25 * (np.median(align.ratios) - 1)
    earlier, both_reach = align.iterate_first
    assert earlier >= both_reach - 1


def test_the_iterate_overshoots_the_path(results, run):
    i = int(np.argmax(run.u.max(axis=0) - run.lasso_positive.max(axis=1)))
    assert run.u[:, i].max() > 1.5 * run.lasso_positive[i].max()


def test_the_last_path_coordinate_is_predicted_after_step_300000(results, run):
    align = results["align"]
    assert align.k_last_entry > run.steps
    last = int(np.nanargmin(align.lasso_in))
    assert last in run.missing_support


def test_robustness_counts(results):
    rob = results["rob"]
    assert rob.recovered(rob.lp) > rob.recovered(rob.lp_signed)
    d = rob.distances()
    gd, *_ = d.values()
    assert 2 < np.log10(gd.max() / gd.min()) < 4  # "three orders of magnitude"
    _, first, second = rob.candidates()
    top = {
        n: sr.map_problems(sr.has_support_top, u, rob.lp).sum() for n, u in rob.candidates().items()
    }
    thr = {
        n: sr.map_problems(sr.has_support_threshold, u, rob.lp).sum()
        for n, u in rob.candidates().items()
    }
    assert top[second] > top[first] and thr[second] > thr[first]  # "on more instances"
    assert rob.median_ratio > 10


# ----------------------------------------------------------------------------- 2(f)
@pytest.fixture(scope="module")
def tri(results):
    return results["tri"]


@pytest.fixture(scope="module")
def sweep(results):
    return results["sweep"]


def test_the_triangle_has_a_smaller_indefinite_symmetric_minimum(tri):
    assert tri.sym_nuclear == pytest.approx(2 * np.sqrt(2), abs=1e-4)
    assert tri.sym_nuclear < np.trace(tri.X_star) and np.linalg.eigvalsh(tri.X_sym).min() < 0


def test_on_the_triangle_gd_picks_the_minimum_rank_completion(tri):
    small = tri.alphas <= 1e-3
    assert tri.gd_converged.all()
    assert tri.dist_Y[small].max() < 1e-3
    assert np.all(np.abs(tri.nuclear[small] - np.trace(tri.Y)) < 1e-2)
    # "the closer the smaller alpha": the seed-mean distance to Y falls until it is below 1e-9
    d = tri.dist_Y[small].mean(axis=1)
    assert np.all((np.diff(d) < 0) | (d[1:] < 1e-9))
    assert tri.nuclear[small].mean() / np.trace(tri.X_star) - 1 > 0.4  # "50% above"
    assert np.all(np.abs(tri.erank[small] - 1) < 1e-2)
    assert tri.glrl_rank == 1 and np.linalg.norm(tri.glrl_X - tri.Y) / np.linalg.norm(tri.Y) < 1e-3


def test_on_the_triangle_gd_is_closest_to_x_star_at_alpha_one_and_moves_away(tri):
    d = tri.dist_star.mean(axis=1)
    assert np.argmin(d) == 0 and np.all(np.diff(d) >= -1e-9)


def test_on_the_triangle_the_step_is_not_the_cause(tri):
    assert tri.eta_mu_max < 1 and tri.quarter_step_distance < 1e-3


def test_every_random_hard_instance_is_hard_and_the_control_easy(sweep):
    assert sweep.hard.sum() == 11 and sweep.hard[0] and not sweep.hard[-1]
    assert np.all(sweep.nuc_to_Y[sweep.hard] > 0.1) and np.all(sweep.nuc_to_Y[~sweep.hard] < 1e-5)
    for i in sweep.hard_indices:  # hard: some diagonal entry unobserved
        assert not sweep.mask[i].diagonal().all()


def test_the_sweep_reaches_1e_60_with_two_seeds_and_both_arithmetics(sweep):
    for i in range(len(sweep.names)):
        grid = sweep.grid(i)
        assert grid[0] == 0 and grid[-1] >= 60 and set(range(0, 61, 3)) <= set(grid)
        for e in grid:
            for p in ex.precisions_at(e):
                assert all(sweep.row(i, s, e, p) >= 0 for s in range(ex.SEEDS))
    assert ex.SEEDS >= 2 and ex.precisions_at(36) == [ex.FLOAT64, ex.DOUBLE]


def test_the_settings_the_2f_prose_states_are_the_code_s():
    """The Markdown of 2(f) and C.1 writes these settings as numbers: they must be the code's."""
    text = (ROOT / "hw3.py").read_text()
    assert f"down to $\\alpha=10^{{-{ex.BASE_EXPONENTS[-1]}}}$" in text
    assert f"float64 ($\\alpha\\ge10^{{-{ex.FLOAT64_TO}}}$)" in text
    assert f"$\\alpha\\le10^{{-{ex.DOUBLE_FROM}}}$)" in text
    assert f"The trend from $\\alpha=10^{{-{ex.TREND_FROM}}}$ on" in text


def test_the_grid_is_refined_wherever_the_label_changes(sweep):
    for i in range(len(sweep.names)):
        for (e1, _, l1), (e2, _, l2) in itertools.pairwise(sweep.labels(i)):
            assert l1 == l2 or e2 - e1 == 1  # a change of label is located to a decade


def test_every_instance_has_settled_or_is_explained(sweep):
    for i in range(len(sweep.names)):
        assert sweep.settled(i)  # the same label at the last three trustworthy alphas


def test_gd_never_ends_near_x_nuc_on_a_hard_instance(sweep):
    for i in sweep.hard_indices:
        assert all(label != "X_nuc" for *_, label in sweep.labels(i))
        assert sweep.nuc_at_limit(i) > sweep.radius(i)
        assert sweep.verdict(i) != "X_nuc"
        # "nor at any minimum nuclear norm completion": its nuclear norm is above the optimum of
        # (23) by far more than the solver's tolerance (1e-7), whatever the SDP's optimal set
        assert sweep.nuclear_excess(i) > 1e-3


def test_the_verdicts_are_y_glrl_unbounded_and_one_unresolved(sweep):
    assert len(sweep.with_verdict("Y")) >= 5 and len(sweep.with_verdict("GLRL")) >= 1
    assert len(sweep.with_verdict("grows")) >= 1 and len(sweep.with_verdict("neither")) >= 1
    assert not sweep.with_verdict("unsettled", "not converged", "seed-dependent", "X_nuc")
    for i in sweep.with_verdict("GLRL"):  # "at GLRL's completion, which is not Y"
        assert sweep.glrl_to_Y[i] >= sweep.radius(i)


def test_the_unbounded_stage_grows_further_the_smaller_the_step(results):
    assert np.all(np.diff(results["stage"].norms) > 0)


def test_where_norms_grow_glrl_has_an_unbounded_stage_and_the_growth_is_steady(sweep):
    for i in sweep.with_verdict("grows"):
        assert sweep.growth_per_decade(i) > 0.005
        nuclear = sweep.curve(sweep.nuclear, i)[1]
        assert np.all(np.diff(nuclear[-ex.SETTLE :]) > 0)
        assert (sweep.glrl_status[i] == mc.UNBOUNDED).any()
        assert sweep.glrl_status[i, int(sweep.glrl_rank[i]) - 1] == mc.UNBOUNDED


def test_the_unresolved_instance_stops_where_double_double_stops_being_trustworthy(sweep):
    for i in sweep.with_verdict("neither"):
        e, p = sweep.smallest_reported(i)
        assert p == ex.DOUBLE and sweep.trust_limit(i, ex.DOUBLE) == e < sweep.grid(i)[-1]
        assert not sweep.trustworthy(i, min(x for x in sweep.ran(i, ex.DOUBLE) if x > e), ex.DOUBLE)


def test_the_easy_control_ends_at_x_nuc(sweep):
    easy = [i for i in range(len(sweep.names)) if not sweep.hard[i]]
    assert [sweep.verdict(i) for i in easy] == ["X_nuc"]


def test_glrl_prediction_holds_wherever_glrl_fits_but_one(sweep):
    fits = [i for i in sweep.hard_indices if sweep.glrl_fits[i]]
    follows = [i for i in fits if sweep.follows_glrl(i)]
    assert len(follows) == len(fits) - 1  # "not on hard 6"
    for i in sweep.with_verdict("Y"):  # where it ends at Y, GLRL's completion is Y
        assert sweep.follows_glrl(i)


def test_float64_is_trusted_to_different_alphas_and_misleads_below(sweep):
    limits = [sweep.trust_limit(i, ex.FLOAT64) for i in sweep.hard_indices]
    assert min(limits) < max(limits) and max(limits) <= ex.FLOAT64_TO
    assert any(sweep.float64_misled(i) for i in sweep.hard_indices)


def test_where_both_arithmetics_are_trusted_they_agree_on_the_label(sweep):
    for i in range(len(sweep.names)):
        for e in sweep.ran(i, ex.FLOAT64):
            if sweep.row(i, 0, e, ex.DOUBLE) < 0:
                continue
            both = sweep.trustworthy(i, e, ex.FLOAT64) and sweep.trustworthy(i, e, ex.DOUBLE)
            if both:
                assert sweep.instance_label(i, e, ex.FLOAT64) == sweep.instance_label(
                    i, e, ex.DOUBLE
                )


def test_the_main_instance_changes_its_answer_below_1e_33_after_a_detour(sweep):
    assert sweep.verdict(0) == "Y" and sweep.outcome(0)[1] > 33
    first, far, _ = sweep.detour(0)
    assert far > first + 0.05  # it first moves away from Y
    assert sweep.trust_limit(0, ex.FLOAT64) < sweep.outcome(0)[1]  # float64 cannot see it


def test_every_run_converges_well_within_the_generous_step_limit(sweep):
    own = np.isin(sweep.kind, (ex.OWN, ex.QUARTER))  # twins and shadows take a fixed count
    assert sweep.converged[own].all()  # every run reached the tolerance
    assert sweep.steps[own].max() < 0.75 * ex.MAX_STEPS


def test_slow_tails_are_mostly_sublinear(sweep):
    slow = [r for r in sweep.slow_runs() if sweep.converged[r]]
    ratios = np.array([sweep.tail(r)[1] for r in slow])
    assert (ratios <= ex.SUBLINEAR).sum() > (ratios > ex.SUBLINEAR).sum() > 0


def test_the_step_is_not_the_cause(sweep):
    for i in range(len(sweep.names)):
        assert sweep.eta_mu_max(i) < 2
        _, same = sweep.quarter_step(i)
        assert same


def test_a_quarter_step_moves_only_end_points_of_instances_without_a_label(sweep):
    for i in range(len(sweep.names)):
        distance, _ = sweep.quarter_step(i)
        if distance >= 1e-3:
            assert sweep.verdict(i) in ("grows", "neither")


def test_glrl_fits_at_rank_two_or_three_and_is_y_on_most(sweep):
    fit = [i for i in range(len(sweep.names)) if sweep.glrl_fits[i]]
    assert {int(sweep.glrl_rank[i]) for i in fit} <= {2, 3}
    for i in range(len(sweep.names)):
        if (sweep.glrl_status[i] == mc.UNBOUNDED).any():
            r = int(np.argmax(sweep.glrl_status[i] == mc.UNBOUNDED))
            big, small = sweep.glrl_norms[i, r]
            assert small > 2 * big  # "the smaller the step, the farther it gets"
