"""Every qualitative statement the notebook's prose makes about a result, as a test.

Each test is named after the claim and asserts it on the results the notebook itself computed
(``results``: taken out of the kernel of one fresh run per session, see ``conftest.py``). If a
change in the code makes a claim false, its test fails and the prose must be rewritten.
"""

from __future__ import annotations

import numpy as np
import pytest

from hw3 import sparse_recovery as sr
from hw3.experiments.matrix_completion import step_limit


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


def test_the_first_coordinates_enter_both_paths_in_the_same_order(run):
    prefix = run.common_prefix
    assert len(prefix) >= 3
    assert run.gd_order[: len(prefix)] == run.lasso_order[: len(prefix)] == prefix
    assert (
        run.gd_order[len(prefix)] != run.lasso_order[len(prefix)]
    )  # "after that the orders differ"


def test_the_named_rank_shifts_are_real(run):
    shifts = run.rank_shifts
    assert shifts, "some coordinate changes rank by at least 3"
    for i, (g, p) in shifts.items():
        assert run.gd_order[g - 1] == i and run.lasso_order[p - 1] == i


def test_some_coordinates_enter_only_one_path_and_gd_misses_a_support_coordinate(run):
    assert run.only_gd and run.only_lasso
    assert set(run.only_lasso) <= set(run.missing_support)  # "gd has not reached it"
    assert all(run.x_star[i] == 0 for i in run.only_gd)


def test_transients_described_as_not_yet_dropped_by_gd_have_entered_gd(run):
    """ "on the path only (gradient descent has not dropped them yet)": they entered GD."""
    for i in set(run.transient_lasso) - set(run.transient_gd):
        assert i in run.gd_order and run.u[:, i].max() >= 1e-2
        assert run.u_end[i] >= 0.5 * run.u[:, i].max()


def test_both_paths_have_common_transient_off_support_coordinates(run):
    common = set(run.transient_lasso) & set(run.transient_gd)
    assert common and all(run.x_star[i] == 0 for i in common)


def test_gd_is_still_raising_an_off_support_coordinate_at_the_last_step(run):
    rising = run.rising_off_support_gd
    assert rising
    for i in rising:
        assert run.u_end[i] >= 0.98 * run.u[:, i].max() and run.x_star[i] == 0


def test_the_signed_lasso_path_is_a_different_path_with_negative_entries(run):
    assert run.signed_negative > 0 and run.signed_negative_end > 0
    assert run.signed_order != run.lasso_order
    assert len(run.signed_common_prefix) < len(run.common_prefix) + 1


def test_gd_has_not_converged_after_300000_steps(run):
    assert run.residual_end > 1e-3
    assert run.missing_support and run.distance_end > 0.05


def test_step_300000_sits_above_the_lambda_where_the_missing_coordinate_enters(run):
    missing = run.missing_support[0]
    assert run.lambda_at_end > run.entry_lambdas(positive=True)[missing]


def test_the_positive_path_ends_at_the_nonnegative_lp_solution_which_is_x_star(run):
    end = run.knots_positive[1][:, -1]
    assert np.linalg.norm(end - run.l1_pos) < 1e-8
    assert np.linalg.norm(run.l1_pos - run.x_star) < 1e-8


def test_the_lasso_path_ends_at_the_signed_lp_solution_far_from_x_star(run):
    end = run.knots_signed[1][:, -1]
    assert np.linalg.norm(end - run.l1) < 1e-8
    assert run.distance_signed_to_star > 0.3


def test_gd_run_to_convergence_ends_next_to_the_nonnegative_min_l1_solution(run, cont):
    assert cont.residuals[-1] <= cont.tol
    assert cont.distance_l1_pos < 2e-3
    assert cont.smallest_on_support > 10 * cont.largest_off_support  # the |S| largest are S
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
    assert scale.l1_distance_decreasing
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
    # the log(u_i) correction of (29) brings the median much closer to 1
    assert abs(np.median(align.corrected) - 1) < 0.25 * (np.median(align.ratios) - 1)
    assert align.iterate_first_count >= align.both_count - 1


def test_the_iterate_overshoots_the_path(results, run):
    i = run.overshoot_coordinate
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
    gd = d[rob.gd_name]
    assert 2 < np.log10(gd.max() / gd.min()) < 4  # "three orders of magnitude"
    (_, first), (_, second) = rob.kl_names()
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
    assert sweep.hard.sum() >= 11 and sweep.hard[0]
    assert np.all(sweep.nuc_to_Y[sweep.hard] > 0.1) and np.all(sweep.nuc_to_Y[~sweep.hard] < 1e-5)


def test_the_sweep_reaches_1e_30_with_at_least_12_alphas(sweep):
    assert len(sweep.alphas) >= 12 and sweep.alphas.min() <= 1e-30 and sweep.alphas.max() == 1
    seeds = sweep.ran[:, :, 0].sum(axis=1)
    assert seeds[0] >= 3 and np.all(seeds[1:][sweep.hard[1:]] >= 2)


def test_floating_point_is_trusted_down_to_1e_15_and_decides_at_1e_33(sweep):
    j = sweep.smallest_trusted
    assert sweep.alphas[j] == pytest.approx(1e-15) and 0 < j < len(sweep.alphas) - 1
    checks = sweep.precision_checks()  # each raises if its stated bound fails
    assert len(checks) == 4  # relabelling and longdouble, at 1e-15 and at 1e-33
    measured = ~np.isnan(sweep.twin).all(axis=0)
    twin = np.max(np.nan_to_num(sweep.twin, nan=0.0), axis=0)
    assert measured[j] and measured[-1]
    assert twin[j] <= 1e-6 and twin[-1] > 1e-3


def test_no_hard_instance_comes_near_x_nuc_at_any_trustworthy_small_alpha(sweep):
    v = sweep.verdict()
    assert v.min_dist_ratio > sweep.near and v.counts["X_nuc"] == 0


def test_the_hard_instances_that_end_near_none_are_still_moving(sweep):
    v = sweep.verdict()
    assert v.neither_names and min(v.neither_changes.values()) > 0.005


def test_the_summary_lists_every_outcome_of_the_hard_instances(sweep):
    counts = sweep.verdict().counts  # "some near Y or GLRL, some near neither, the others capped"
    assert counts["Y"] + counts["GLRL"] > 0 and counts["neither"] > 0
    assert counts["not converged"] > 0 and counts["seed-dependent"] == 0 and counts["X_nuc"] == 0


def test_the_not_converged_outcomes_are_runs_at_their_step_limit(sweep):
    v, j = sweep.verdict(), sweep.smallest_trusted
    capped = sweep.ran[:, :, j] & ~sweep.converged[:, :, j]
    assert v.counts["not converged"] == int(capped[sweep.hard].any(axis=1).sum()) > 0
    assert np.all(sweep.steps[:, :, j][capped] == step_limit(sweep.trusted_alpha))
    assert np.all(sweep.loose_steps[:, :, j][capped] >= 0)  # "reach 1e-8 but not 1e-12"


def test_glrl_is_y_wherever_gd_ends_near_y_and_gd_follows_glrl_where_it_is_not(sweep):
    v = sweep.verdict()
    assert v.glrl_is_Y_where_gd_is_Y
    assert v.glrl_not_Y_names and v.near_glrl_of_not_Y >= 1
    assert v.glrl_ok < v.n_all  # GLRL does not converge on every instance


def test_gd_follows_glrl_on_most_but_not_all_hard_instances_where_glrl_converged(sweep):
    v = sweep.verdict()  # "partly consistent": on some, not on all
    assert 0 < v.near_glrl_of_hard_ok < v.hard_glrl_ok


def test_x_nuc_has_the_smaller_nuclear_norm_on_every_hard_instance(sweep):
    v = sweep.verdict()
    assert v.nuc_gap_min >= 0.0005  # printed with one decimal of a percent: at least 0.1%
    assert np.all(
        np.trace(sweep.X_nuc, axis1=1, axis2=2) <= np.trace(sweep.Y, axis1=1, axis2=2) + 1e-6
    )


def test_the_easy_control_ends_near_x_nuc_equal_y(sweep):
    assert sweep.verdict().easy_outcomes == ["X_nuc"]


def test_the_step_checks_and_the_tolerance_do_not_change_any_outcome(sweep):
    c = sweep.checks_summary()
    assert c.eta_mu_max < 2 and c.quarter_max < c.radius_min
    assert not c.quarter_changes_a_label  # "changes no label where both runs reached the tolerance"
    assert c.capped_in_verdict == (sweep.verdict().counts["not converged"] > 0)
    f = sweep.precision_summary()
    assert not f.loose_changes_a_label  # stopping at 1e-8 "changed no label there"
    assert f.loose_step_ratio > 1 and f.loose_change_trusted_radii < 1
