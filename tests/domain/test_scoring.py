"""Scoring engine against DOMAIN.md, "Scoring" (worked examples, rules, properties)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kormo.domain.plan import (
    Activity,
    Area,
    AreaKind,
    CalculationMethod,
    Plan,
    PlanKind,
    Quarter,
    Tier,
    Unit,
)
from kormo.domain.rules import (
    APA_RULES,
    GovernanceFormula,
    LevelMethod,
    NumericDirection,
    QuarterlyDateRule,
    RuleSet,
    register_rule_set,
    rule_set_for,
)
from kormo.domain.scoring import (
    Status,
    annual_achievement,
    dense_rank,
    projected_score,
    rating,
    score_plan,
    score_plans,
)
from kormo.domain.values import Blank, DateValue, Money, NotApplicable, Number, Percent
from tests.domain.builders import day, indicator, levels, num, pct, plan_with, report
from tests.domain.examples import LEVEL_EXAMPLES

# ---------------------------------------------------------------- §2 five levels, as a table


@pytest.mark.parametrize(("levels_", "achieved", "expected"),
                         [row[1:] for row in LEVEL_EXAMPLES],
                         ids=[row[0] for row in LEVEL_EXAMPLES])
def test_level_examples_from_domain_md(levels_, achieved, expected):
    unit = Unit.DATE if isinstance(achieved, DateValue) else (
        Unit.PERCENT if isinstance(achieved, Percent) else Unit.COUNT)
    method = CalculationMethod.DATE if unit is Unit.DATE else CalculationMethod.CUMULATIVE
    ind = indicator(unit=unit, method=method, lv=levels(*levels_), weight=10)
    plan = plan_with(ind, progress=(report("1.1.1", "Q4", achieved),))
    s = score_plan(plan).indicator("1.1.1")
    assert s.status is Status.SCORED
    assert s.raw_percent == pytest.approx(expected, abs=1e-9)
    assert s.score == pytest.approx(10 * expected / 100, abs=1e-9)


def test_achieving_v90_gives_exactly_90_percent():
    ind = indicator(lv=levels(num(100), num(90), num(80), num(70), num(60)), weight=4)
    plan = plan_with(ind, progress=(report("1.1.1", "Q1", num(40)), report("1.1.1", "Q2", num(50))))
    s = score_plan(plan).indicator("1.1.1")
    assert s.achievement.value == Number(Decimal(90))
    assert s.raw_percent == 90.0
    assert s.score == pytest.approx(3.6)


def test_step_and_ratio_rules_can_replace_interpolation_without_code_changes():
    ind = indicator(lv=levels(num(350), num(300), num(250), num(200), num(150)), weight=10)
    plan = plan_with(ind, progress=(report("1.1.1", "Q4", num(320)),))
    step = RuleSet.from_dict({"name": "t-step", "level_method": "step"})
    ratio = RuleSet.from_dict({"name": "t-ratio", "level_method": "ratio"})
    assert score_plan(plan, step).indicator("1.1.1").raw_percent == 90.0
    assert score_plan(plan, ratio).indicator("1.1.1").raw_percent == pytest.approx(320 / 350 * 100)
    assert score_plan(plan).indicator("1.1.1").raw_percent == pytest.approx(94.0)


def test_numeric_direction_switch_treats_ascending_levels_as_more_is_better():
    ind = indicator(lv=levels(num(2), num(4), num(6), num(8), num(10)), weight=10)
    plan = plan_with(ind, progress=(report("1.1.1", "Q4", num(5)),))
    assert score_plan(plan).indicator("1.1.1").raw_percent == pytest.approx(85.0)
    more = RuleSet(name="t-more", numeric_direction=NumericDirection.MORE_IS_BETTER)
    # Read as more-is-better the list is disordered; the single best level 2 is met by 5.
    assert score_plan(plan, more).indicator("1.1.1").raw_percent == 100.0


def test_rule_set_is_chosen_per_fiscal_year_and_a_new_one_overrides():
    assert rule_set_for("2022-23") is APA_RULES
    later = RuleSet(name="apa-2024-step", level_method=LevelMethod.STEP,
                    fiscal_years=("2024-25",))
    register_rule_set(later)
    assert rule_set_for("2024-25") is later
    assert rule_set_for("2022-23") is APA_RULES


def test_unknown_framework_is_refused_and_a_new_framework_plugs_in():
    from kormo.domain import scoring

    plan = plan_with(indicator(lv=levels(num(10))))
    gpms = RuleSet(name="gpms-test", framework="gpms-test")
    with pytest.raises(ValueError, match="gpms-test"):
        score_plan(plan, gpms)
    scoring.FRAMEWORKS["gpms-test"] = lambda p, r, linked, through: scoring.PlanScore(
        p.id, p.kind, p.office, p.fiscal_year, r.name, 1.0, 2.0)
    try:
        assert score_plan(plan, gpms).percent == 50.0
    finally:
        del scoring.FRAMEWORKS["gpms-test"]


# ---------------------------------------------------------------- §1 annual achievement


@pytest.mark.parametrize(
    ("method", "values", "expected"),
    [
        (CalculationMethod.SUM, [num(10), num(20), num(5)], num(35)),
        (CalculationMethod.AVERAGE, [pct(80), pct(90)], pct(85)),
        (CalculationMethod.CUMULATIVE, [num(10), num(25), num(40)], num(40)),
        (CalculationMethod.SUM, [Blank("---"), num(3)], num(3)),
        # "-" in every quarter: nothing reported, not a typed 0 (Scoring §10).
        (CalculationMethod.SUM, [Blank("---")], None),
        (CalculationMethod.AVERAGE, [pct(80), Blank("-"), pct(90)], pct(85)),
        (CalculationMethod.DATE, [Blank("-"), day("15.01.23")], day("15.01.23")),
    ],
)
def test_annual_achievement_follows_the_calculation_method(method, values, expected):
    ind = indicator(method=method)
    pvs = [report("1.1.1", q, v) for q, v in zip(("Q1", "Q2", "Q3", "Q4"), values, strict=False)]
    assert annual_achievement(ind, pvs).value == expected


def test_cumulative_takes_the_latest_quarter_not_the_last_listed():
    ind = indicator(method=CalculationMethod.CUMULATIVE)
    pvs = [report("1.1.1", "Q3", num(40)), report("1.1.1", "Q1", num(10))]
    assert annual_achievement(ind, pvs).value == num(40)


def test_not_reported_is_zero_but_kept_apart_from_a_reported_zero():
    ind = indicator(lv=levels(num(10), num(9), num(8), num(7), num(6)), weight=5)
    silent = score_plan(plan_with(ind)).indicator("1.1.1")
    zero = score_plan(plan_with(ind, progress=(report("1.1.1", "Q1", num(0)),))).indicator("1.1.1")
    assert (silent.status, silent.score, silent.raw_percent) == (Status.NOT_REPORTED, 0.0, None)
    assert (zero.status, zero.score, zero.raw_percent) == (Status.SCORED, 0.0, 0.0)
    assert silent.maximum == zero.maximum == 5.0


def test_not_applicable_leaves_the_plan_maximum():
    a = indicator("1.1.1", lv=levels(num(10)), weight=6)
    b = indicator("1.2.1", lv=levels(num(10)), weight=4)
    plan = plan_with(a, b, progress=(report("1.1.1", "Q4", num(10)),
                                     report("1.2.1", "Q4", NotApplicable())))
    s = score_plan(plan)
    assert s.indicator("1.2.1").status is Status.NOT_APPLICABLE
    assert (s.total, s.maximum, s.percent) == (6.0, 6.0, 100.0)


def test_activity_not_applicable_to_the_offices_tier_leaves_the_maximum():
    a = indicator("1.1.1", lv=levels(num(4)), weight=10)
    b = indicator("1.2.1", lv=levels(num(4)), weight=7)
    plan = plan_with(a, b, progress=(report("1.1.1", "Q4", num(4)),),
                     office_tier=Tier.UPAZILA, kind=PlanKind.CITIZENS_CHARTER)
    act = replace(plan.areas[0].activities[1], not_applicable_tiers=(Tier.UPAZILA,))
    plan = replace(plan, areas=(replace(plan.areas[0], activities=(plan.areas[0].activities[0],
                                                                   act)),))
    s = score_plan(plan)
    assert s.indicator("1.2.1").status is Status.NOT_APPLICABLE
    assert (s.total, s.maximum) == (10.0, 10.0)
    district = score_plan(replace(plan, office_tier=Tier.DISTRICT))
    assert district.maximum == 17.0


# ---------------------------------------------------------------- §3 single target


def test_single_target_is_deducted_arithmetically():
    ind = indicator(method=None, annual_target=num(20), weight=3)
    plan = plan_with(ind, kind=PlanKind.INTEGRITY,
                     progress=(report("1.1.1", "Q1", num(5)), report("1.1.1", "Q2", num(10))))
    s = score_plan(plan).indicator("1.1.1")
    assert s.raw_percent == 75.0
    assert s.score == pytest.approx(2.25)


def test_single_target_full_weight_at_or_beyond_the_target():
    ind = indicator(method=None, annual_target=num(8), weight=4)
    plan = plan_with(ind, kind=PlanKind.INTEGRITY, progress=tuple(
        report("1.1.1", q, num(3)) for q in ("Q1", "Q2", "Q3", "Q4")))
    assert score_plan(plan).indicator("1.1.1").score == 4.0


def test_percent_targets_compare_percents():
    ind = indicator(unit=Unit.PERCENT, method=None, annual_target=pct(100), weight=4)
    plan = plan_with(ind, kind=PlanKind.INTEGRITY,
                     progress=(report("1.1.1", "Q1", pct(100)), report("1.1.1", "Q2", pct(80))))
    assert score_plan(plan).indicator("1.1.1").raw_percent == 90.0


def test_money_target_uses_the_sum_of_quarters():
    ind = indicator(unit=Unit.LAKH_TAKA, method=None, annual_target=Money(Decimal(12000)),
                    weight=5)
    plan = plan_with(ind, kind=PlanKind.INTEGRITY, progress=(
        report("1.1.1", "Q1", Money(Decimal(3000))), report("1.1.1", "Q2", Money(Decimal(3000)))))
    assert score_plan(plan).indicator("1.1.1").score == pytest.approx(2.5)


def test_date_bound_activity_earns_nothing_when_late():
    ind = indicator(unit=Unit.DATE, method=None, annual_target=day("30.06.21"), weight=3)
    on_time = plan_with(ind, kind=PlanKind.INTEGRITY, fiscal_year="2020-21",
                        progress=(report("1.1.1", "Q4", day("25.06.21")),))
    late = plan_with(ind, kind=PlanKind.INTEGRITY, fiscal_year="2020-21",
                     progress=(report("1.1.1", "Q4", day("01.07.21")),))
    assert score_plan(on_time).indicator("1.1.1").score == 3.0
    assert score_plan(late).indicator("1.1.1").score == 0.0


def test_quarterly_date_targets_score_the_share_met_on_time():
    targets = ((Quarter.Q1, day("30.09.20")), (Quarter.Q2, day("31.12.20")),
               (Quarter.Q3, day("31.03.21")), (Quarter.Q4, day("30.06.21")))
    ind = indicator(unit=Unit.DATE, method=None, annual_target=day("30.06.21"),
                    quarterly_targets=targets, weight=4)
    progress = (report("1.1.1", "Q1", day("30.09.20")), report("1.1.1", "Q2", day("05.01.21")),
                report("1.1.1", "Q3", day("20.03.21")))
    plan = plan_with(ind, kind=PlanKind.INTEGRITY, fiscal_year="2020-21", progress=progress)
    assert score_plan(plan).indicator("1.1.1").raw_percent == 50.0
    annual = RuleSet(name="t-annual", quarterly_date_rule=QuarterlyDateRule.ANNUAL_ONLY)
    # The annual date counts the first date done (30.09.20), which is on time.
    assert score_plan(plan, annual).indicator("1.1.1").raw_percent == 100.0


def test_indicator_without_any_target_scores_zero_and_says_so():
    ind = indicator(unit=Unit.PERCENT, method=None, annual_target=Blank("-"), weight=2)
    plan = plan_with(ind, kind=PlanKind.INTEGRITY, progress=(report("1.1.1", "Q1", Blank("--")),))
    s = score_plan(plan).indicator("1.1.1")
    assert (s.status, s.score, s.maximum) == (Status.NO_TARGET, 0.0, 2.0)


# ---------------------------------------------------------------- §4, §5 plans and governance


def _action_plan(kind: PlanKind, achieved: int, weight: int = 25, office: str = "office"):
    ind = indicator(method=None, annual_target=num(10), weight=weight)
    return plan_with(ind, kind=kind, plan_id=f"ap-{kind}", office=office,
                     progress=(report("1.1.1", "Q4", num(achieved)),))


def _apa_with_governance(office: str = "office") -> Plan:
    own = indicator("1.1.1", lv=levels(num(100), num(90), num(80), num(70), num(60)), weight=70)
    gov_weights = {PlanKind.INTEGRITY: 10, PlanKind.EGOV_INNOVATION: 10,
                   PlanKind.GRIEVANCE_REDRESS: 4, PlanKind.CITIZENS_CHARTER: 3,
                   PlanKind.RIGHT_TO_INFORMATION: 3}
    gov = Area(number="1", name="governance", weight=Decimal(30), kind=AreaKind.GOVERNANCE,
               activities=tuple(
                   Activity(number=f"1.{n}", name=str(k), indicators=(indicator(
                       f"1.{n}.1", unit=Unit.MARKS, method=CalculationMethod.CUMULATIVE,
                       weight=w, feeds_from=k),))
                   for n, (k, w) in enumerate(gov_weights.items(), start=1)))
    base = plan_with(own, office=office, plan_id=f"apa-{office}",
                     progress=(report("1.1.1", "Q4", num(90)),))
    return replace(base, areas=(*base.areas, gov), total_weight=Decimal(100))


def test_apa_totals_100_and_action_plans_feed_governance_indicators():
    apa = _apa_with_governance()
    plans = [apa, _action_plan(PlanKind.INTEGRITY, 8), _action_plan(PlanKind.EGOV_INNOVATION, 10),
             _action_plan(PlanKind.GRIEVANCE_REDRESS, 5),
             _action_plan(PlanKind.CITIZENS_CHARTER, 10),
             _action_plan(PlanKind.RIGHT_TO_INFORMATION, 0)]
    scores = {s.plan_id: s for s in score_plans(plans)}
    s = scores["apa-office"]
    assert s.maximum == 100.0
    gov = {i.ref: i for i in s.areas[1].indicators}
    # §5: weight × (plan score ÷ plan maximum): integrity 10 × 20/25 = 8.
    assert gov["G1.1.1"].score == pytest.approx(8.0)
    assert gov["G1.1.1"].linked_plan == "ap-integrity"
    assert gov["G1.2.1"].score == pytest.approx(10.0)
    assert gov["G1.3.1"].score == pytest.approx(2.0)
    assert gov["G1.4.1"].score == pytest.approx(3.0)
    assert gov["G1.5.1"].score == pytest.approx(0.0)
    assert s.total == pytest.approx(63.0 + 23.0)
    assert s.rating == "very_good"


def test_governance_formula_can_take_raw_marks():
    apa = _apa_with_governance()
    plans = [apa, _action_plan(PlanKind.INTEGRITY, 8, weight=10)]
    raw = RuleSet(name="t-raw", governance_formula=GovernanceFormula.RAW_MARKS)
    s = next(p for p in score_plans(plans, raw) if p.kind is PlanKind.APA)
    assert s.indicator("G1.1.1").score == pytest.approx(8.0)


def test_governance_indicator_without_its_action_plan_is_marked_missing():
    s = score_plan(_apa_with_governance())
    g = s.indicator("G1.1.1")
    assert (g.status, g.score, g.maximum) == (Status.PLAN_MISSING, 0.0, 10.0)


def test_action_plans_of_another_office_do_not_feed_this_apa():
    plans = [_apa_with_governance("a"), _action_plan(PlanKind.INTEGRITY, 10, office="b")]
    apa = next(s for s in score_plans(plans) if s.kind is PlanKind.APA)
    assert apa.indicator("G1.1.1").status is Status.PLAN_MISSING


def test_governance_value_in_a_quarter_is_the_plans_score_so_far():
    ap = _action_plan(PlanKind.INTEGRITY, 0)
    ap = replace(ap, progress=(report("1.1.1", "Q1", num(2)), report("1.1.1", "Q3", num(6))))
    plans = [_apa_with_governance(), ap]
    q2 = next(s for s in score_plans(plans, through=Quarter.Q2) if s.kind is PlanKind.APA)
    q4 = next(s for s in score_plans(plans) if s.kind is PlanKind.APA)
    assert q2.indicator("G1.1.1").score == pytest.approx(2.0)
    assert q4.indicator("G1.1.1").score == pytest.approx(8.0)


# ---------------------------------------------------------------- §6, §7, §8


def test_dense_ranking_ties_share_and_next_takes_next_rank():
    ranks = dense_rank({"a": 95.5, "b": 91.2, "c": 91.2, "d": 80.0, "e": 91.204})
    assert ranks == {"a": 1, "b": 2, "c": 2, "e": 2, "d": 3}


@pytest.mark.parametrize(("percent", "band"), [(100, "excellent"), (90, "excellent"),
                                               (89.99, "very_good"), (80, "very_good"),
                                               (70, "good"), (60, "fair"), (59.99, "poor")])
def test_rating_bands(percent, band):
    assert rating(percent) == band


def test_typed_score_is_kept_apart_and_flagged_when_it_differs():
    ind = indicator(lv=levels(num(10), num(9), num(8), num(7), num(6)), weight=5)
    same = plan_with(ind, progress=(report("1.1.1", "Q4", num(9), published_score=Decimal(
        "4.5")),))
    other = plan_with(ind, progress=(report("1.1.1", "Q4", num(9), published_score=Decimal(5)),))
    a, b = score_plan(same).indicator("1.1.1"), score_plan(other).indicator("1.1.1")
    assert (a.score, a.published_score, a.published_differs) == (4.5, Decimal("4.5"), False)
    assert (b.score, b.published_score, b.published_differs) == (4.5, Decimal(5), True)


def test_fallback_counts_only_when_the_main_indicator_cannot():
    main = indicator("1.1.1", method=None, annual_target=num(4), weight=5)
    fb = indicator("1.2.1", method=None, annual_target=num(2), weight=5, fallback_for="1.1.1")
    no_complaints = plan_with(main, fb, kind=PlanKind.GRIEVANCE_REDRESS, progress=(
        report("1.1.1", "Q4", NotApplicable()), report("1.2.1", "Q4", num(2))))
    complaints = plan_with(main, fb, kind=PlanKind.GRIEVANCE_REDRESS, progress=(
        report("1.1.1", "Q4", num(4)), report("1.2.1", "Q4", num(2))))
    s1, s2 = score_plan(no_complaints), score_plan(complaints)
    assert (s1.total, s1.maximum) == (5.0, 5.0)
    assert s2.indicator("1.2.1").status is Status.FALLBACK_UNUSED
    assert (s2.total, s2.maximum) == (5.0, 5.0)


def test_derived_enothi_rate_is_computed_from_its_inputs():
    ind = indicator(unit=Unit.PERCENT, method=CalculationMethod.CUMULATIVE, weight=4,
                    lv=levels(pct(85), pct(80), pct(75), pct(70), pct(60)),
                    derivation="enothi_disposal_rate")
    plan = plan_with(ind, progress=(report("1.1.1", "Q2", pct(61), inputs=(
        ("e_disposals", Decimal(2236)), ("hard_file_disposals", Decimal(1439)))),))
    s = score_plan(plan).indicator("1.1.1")
    rate = Decimal(2236) / Decimal(3675) * 100
    assert s.achievement.value == Percent(rate)
    assert round(rate) == 61
    assert s.raw_percent == pytest.approx(float(rate))


# ---------------------------------------------------------------- projection


def test_projected_year_end_score_follows_the_quarterly_path():
    targets = tuple((Quarter(q), num(t)) for q, t in (("Q1", 10), ("Q2", 20), ("Q3", 30),
                                                      ("Q4", 40)))
    ind = indicator(lv=levels(num(100), num(90), num(80), num(70), num(60)), weight=10,
                    quarterly_targets=targets)
    plan = plan_with(ind, progress=(report("1.1.1", "Q1", num(9)), report("1.1.1", "Q2", num(18))))
    # 27 achieved where 30 were due: on 90 % of the path → 90 of 100 at year end.
    (proj,) = projected_score([plan], Quarter.Q2)
    assert proj.indicator("1.1.1").achievement.value == num(90)
    assert proj.total == pytest.approx(9.0)
    # Without a path: linear, 27 in two quarters → 54 → below the worst level → 0.
    (lin,) = projected_score([replace(plan, areas=(replace(plan.areas[0], activities=(
        replace(plan.areas[0].activities[0], indicators=(replace(ind, quarterly_targets=()),)),
    )),))], Quarter.Q2)
    assert lin.indicator("1.1.1").achievement.value == num(54)
    assert lin.total == 0.0


# ---------------------------------------------------------------- properties

level_values = st.lists(st.integers(min_value=1, max_value=10_000), min_size=1, max_size=5,
                        unique=True)


@st.composite
def level_sets(draw):
    """Levels best first with blanks anywhere: (less_is_better, five slots)."""
    values = sorted(draw(level_values), reverse=True)
    less_is_better = draw(st.booleans()) and len(values) > 1
    if less_is_better:
        values = values[::-1]
    positions = sorted(draw(st.sets(st.integers(0, 4), min_size=len(values),
                                    max_size=len(values))))
    slots: list = [None] * 5
    for pos, v in zip(positions, values, strict=True):
        slots[pos] = num(v)
    return less_is_better, slots


@given(level_sets(), st.integers(min_value=0, max_value=12_000),
       st.integers(min_value=0, max_value=12_000),
       st.decimals(min_value=0, max_value=100, places=2))
def test_better_achievement_never_lowers_the_score_and_score_stays_within_weight(
        ls, a, b, weight):
    less_is_better, lv = ls
    worse, better = (max(a, b), min(a, b)) if less_is_better else (min(a, b), max(a, b))
    ind = indicator(method=CalculationMethod.CUMULATIVE, lv=levels(*lv), weight=str(weight))
    s_worse = score_plan(plan_with(ind, progress=(report("1.1.1", "Q4", num(worse)),)))
    s_better = score_plan(plan_with(ind, progress=(report("1.1.1", "Q4", num(better)),)))
    w = float(weight)
    assert s_better.total >= s_worse.total - 1e-9
    for s in (s_worse, s_better):
        assert -1e-9 <= s.total <= w + 1e-9


@given(st.integers(min_value=0, max_value=400), st.integers(min_value=0, max_value=400))
def test_earlier_date_never_scores_lower(d1, d2):
    base = day("01.07.22").value
    from datetime import timedelta

    early, late = sorted((d1, d2))
    ind = indicator(unit=Unit.DATE, method=CalculationMethod.DATE, weight=9,
                    lv=levels(day("12.12.22"), day("31.01.23"), day("28.02.23")))

    def total(offset: int) -> float:
        v = DateValue(base + timedelta(days=offset))
        return score_plan(plan_with(ind, progress=(report("1.1.1", "Q4", v),))).total

    assert total(early) >= total(late)
    assert 0.0 <= total(early) <= 9.0
