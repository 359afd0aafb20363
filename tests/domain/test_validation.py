"""The plan checks of DOMAIN.md, Scoring §9, one rule at a time.

A small valid APA is built here; each test breaks one thing with `dataclasses.replace` and
asserts the exact findings (code, severity, place) — and that the valid plan has none. Tests
assert codes, never prose; the catalogue is checked separately for both languages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kormo.domain.findings import CATALOGUE, Words
from kormo.domain.plan import (
    Activity,
    Area,
    AreaKind,
    CalculationMethod,
    Indicator,
    Plan,
    PlanKind,
    ProgressValue,
    Quarter,
    TargetLevels,
    Unit,
    YearValue,
    indicator_ref,
)
from kormo.domain.validation import (
    Finding,
    FindingCode,
    Severity,
    findings_to_json,
    has_errors,
    validate_plan,
)
from kormo.domain.values import (
    Blank,
    DateValue,
    Money,
    MonthValue,
    NotApplicable,
    Number,
    Percent,
    Value,
)

E, W = Severity.ERROR, Severity.WARNING
C = FindingCode


# ---------------------------------------------------------------- building plans


def n(x: int | str) -> Number:
    return Number(Decimal(str(x)))


def pct(x: int | str) -> Percent:
    return Percent(Decimal(str(x)))


def d(text: str) -> DateValue:
    """dd.mm.yy, as the forms print dates."""
    day, month, year = (int(p) for p in text.split("."))
    return DateValue(dt.date(2000 + year, month, day))


def lv(*values: Value | None) -> TargetLevels:
    return TargetLevels(*values, *([None] * (5 - len(values))))


def ind(number: str, unit: Unit, weight: int | None, **kw: Any) -> Indicator:
    return Indicator(number=number, name=f"সূচক {number}", unit=unit,
                     weight=None if weight is None else Decimal(weight), **kw)


def act(number: str, *indicators: Indicator) -> Activity:
    return Activity(number=number, name=f"কার্যক্রম {number}", indicators=indicators)


def quarters(*values: Value) -> tuple[tuple[Quarter, Value], ...]:
    return tuple(zip((Quarter.Q1, Quarter.Q2, Quarter.Q3, Quarter.Q4), values, strict=False))


def valid_apa() -> Plan:
    """An APA 2022-23 in the shape of seed 000 that every check accepts: office areas 25 + 45,
    governance area 30 (DOMAIN.md, Scoring §4)."""
    area1 = Area("1", "ই-গভর্ন্যান্স প্রতিষ্ঠায় সহায়তা", Decimal(25), activities=(
        act("1.1", ind("1.1.1", Unit.COUNT, 15, calculation_method=CalculationMethod.SUM,
                       actuals=(YearValue("2020-21", n(80)),
                                YearValue("2021-22", n(90), provisional=True)),
                       levels=lv(n(100), n(90), n(80), n(70), n(60)),
                       projections=(YearValue("2023-24", n(110)),
                                    YearValue("2024-25", n(120))))),
        act("1.2", ind("1.2.1", Unit.DATE, 10, calculation_method=CalculationMethod.DATE,
                       levels=lv(d("12.12.22"), d("31.01.23"), d("28.02.23")),
                       projections=(YearValue("2023-24", d("12.12.23")),
                                    YearValue("2024-25", d("12.12.24"))))),
        # A fallback (Scoring §8) counts only instead of 1.1.1: its weight is not added.
        act("1.3", ind("1.3.1", Unit.COUNT, 15, levels=lv(n(2)), fallback_for="1.1.1")),
    ))
    area2 = Area("2", "মানব সম্পদ উন্নয়ন", Decimal(45), choose_at_least=3, activities=(
        act("2.1", ind("2.1.1", Unit.COUNT, 20, annual_target=n(8),
                       quarterly_targets=quarters(n(2), n(2), n(2), n(2)))),
        act("2.2", ind("2.2.1", Unit.PERCENT, 15,
                       levels=lv(pct(85), pct(80), pct(75), pct(70), pct(60)))),
        act("2.3", ind("2.3.1", Unit.DATE, 10, annual_target=d("30.06.23"),
                       quarterly_targets=quarters(d("30.09.22"), d("31.12.22"), d("31.03.23"),
                                                  d("30.06.23")))),
    ))
    governance = Area("1", "সুশাসন ও সংস্কারমূলক কার্যক্রমের বাস্তবায়ন জোরদারকরণ", Decimal(30),
                      kind=AreaKind.GOVERNANCE, activities=tuple(
                          act(f"1.{i}", ind(f"1.{i}.1", Unit.MARKS, w, feeds_from=kind,
                                            calculation_method=CalculationMethod.CUMULATIVE))
                          for i, (w, kind) in enumerate(
                              ((10, PlanKind.INTEGRITY), (10, PlanKind.EGOV_INNOVATION),
                               (4, PlanKind.GRIEVANCE_REDRESS), (3, PlanKind.CITIZENS_CHARTER),
                               (3, PlanKind.RIGHT_TO_INFORMATION)), start=1)))
    return Plan(
        kind=PlanKind.APA,
        fiscal_year="2022-23",
        office="প্রোগ্রামার, জেলা কার্যালয়, রংপুর",
        id="test-apa",
        total_weight=Decimal(100),
        areas=(area1, area2, governance),
        progress=(
            ProgressValue("1.1.1", Quarter.Q1, n(30)),
            ProgressValue("1.2.1", Quarter.Q2, d("10.12.22")),
            ProgressValue("2.3.1", Quarter.Q1, d("28.09.22")),
            ProgressValue("G1.1.1", Quarter.Q1, n(5)),
        ),
    )


def change_indicator(plan: Plan, ref: str, **changes: Any) -> Plan:
    """The plan with one indicator (by its reference) changed."""
    areas = tuple(
        replace(area, activities=tuple(
            replace(a, indicators=tuple(
                replace(i, **changes) if indicator_ref(area, i) == ref else i
                for i in a.indicators))
            for a in area.activities))
        for area in plan.areas
    )
    assert areas != plan.areas, f"no indicator {ref}"
    return replace(plan, areas=areas)


def change_area(plan: Plan, index: int, **changes: Any) -> Plan:
    areas = list(plan.areas)
    areas[index] = replace(areas[index], **changes)
    return replace(plan, areas=tuple(areas))


def change_activity(plan: Plan, area_index: int, old_number: str, **changes: Any) -> Plan:
    area = plan.areas[area_index]
    activities = tuple(replace(a, **changes) if a.number == old_number else a
                       for a in area.activities)
    assert activities != area.activities, f"no activity {old_number}"
    return change_area(plan, area_index, activities=activities)


def found(plan: Plan, **kw: Any) -> list[tuple[FindingCode, Severity, str]]:
    return sorted((f.code, f.severity, f.place) for f in validate_plan(plan, **kw))


# ---------------------------------------------------------------- the valid plan


def test_the_valid_plan_has_no_findings() -> None:
    assert validate_plan(valid_apa()) == []


def test_the_valid_plan_written_with_bengali_digits_has_no_findings() -> None:
    assert validate_plan(replace(valid_apa(), fiscal_year="২০২২-২৩")) == []


# ---------------------------------------------------------------- weights


def test_indicator_weights_not_adding_up_to_the_area_weight_is_an_error() -> None:
    plan = change_indicator(valid_apa(), "1.1.1", weight=Decimal(14))
    assert found(plan) == [(C.AREA_WEIGHT_MISMATCH, E, "area 1")]


def test_a_fallback_weight_is_not_added_to_its_area() -> None:
    # Counting the fallback's 15 would make area 1 add up to 40, not 25.
    plan = change_indicator(valid_apa(), "1.3.1", fallback_for=None)
    assert found(plan) == [(C.AREA_WEIGHT_MISMATCH, E, "area 1")]


def test_area_weights_not_adding_up_to_the_plan_total_is_an_error() -> None:
    plan = replace(valid_apa(), total_weight=Decimal(90))
    assert found(plan) == [(C.PLAN_WEIGHT_MISMATCH, E, "plan")]


def test_an_apa_without_a_stated_total_must_still_total_100() -> None:
    plan = replace(valid_apa(), total_weight=None)
    assert validate_plan(plan) == []
    plan = change_area(plan, 2, weight=Decimal(31))
    plan = change_indicator(plan, "G1.1.1", weight=Decimal(11))
    assert found(plan) == [(C.PLAN_WEIGHT_MISMATCH, E, "plan")]
    finding = validate_plan(plan)[0]
    assert dict(finding.params) == {"actual": Decimal(101), "expected": Decimal(100)}


def test_an_indicator_without_weight_is_an_error_that_blocks_submission() -> None:
    # Issue 12 rule 2: missing weights block submission, never inflate the percent.
    plan = change_indicator(valid_apa(), "2.2.1", weight=None)
    assert found(plan) == [(C.WEIGHT_MISSING, E, "2.2.1")]
    assert has_errors(validate_plan(plan))


def test_a_weightless_indicator_is_an_error() -> None:
    plan = change_indicator(valid_apa(), "2.2.1", weight=Decimal(0))
    assert (C.WEIGHT_ZERO, E, "2.2.1") in found(plan)


def test_an_area_without_weight_is_an_error() -> None:
    plan = change_area(valid_apa(), 2, weight=None)
    assert found(plan) == [(C.WEIGHT_MISSING, E, "area G1")]


def test_weights_are_not_expected_in_a_plan_that_weighs_nothing() -> None:
    plan = replace(valid_apa(), kind=PlanKind.INNOVATION_WORK_PLAN, total_weight=None)
    plan = replace(plan, areas=tuple(replace(a, weight=None) for a in plan.areas))
    plan = change_indicator(plan, "2.2.1", weight=None)
    assert validate_plan(plan) == []


def test_an_area_without_activities_is_an_error() -> None:
    plan = change_area(valid_apa(), 1, activities=(), choose_at_least=None)
    plan = replace(plan, progress=tuple(p for p in plan.progress if p.indicator != "2.3.1"))
    assert found(plan) == [(C.AREA_EMPTY, E, "area 2")]


def test_an_activity_without_indicator_is_a_warning() -> None:
    plan = valid_apa()
    area = plan.areas[0]
    plan = change_area(plan, 0, activities=(*area.activities, act("1.4")))
    assert found(plan) == [(C.ACTIVITY_WITHOUT_INDICATOR, W, "activity 1.4")]


def test_fewer_activities_than_must_be_chosen_is_an_error() -> None:
    plan = change_area(valid_apa(), 1, choose_at_least=4)
    assert found(plan) == [(C.CHOOSE_AT_LEAST_NOT_MET, E, "area 2")]


# ---------------------------------------------------------------- levels


def test_a_five_level_indicator_without_the_100_percent_level_is_an_error() -> None:
    plan = change_indicator(valid_apa(), "2.2.1",
                            levels=lv(None, pct(80), pct(75), pct(70), pct(60)))
    assert found(plan) == [(C.LEVEL_100_MISSING, E, "2.2.1")]


def test_a_blank_mark_is_no_100_percent_level() -> None:
    plan = change_indicator(valid_apa(), "2.2.1", levels=lv(Blank("-"), pct(80), pct(75)))
    assert found(plan) == [(C.LEVEL_100_MISSING, E, "2.2.1")]


def test_single_target_and_governance_marks_indicators_need_no_100_percent_level() -> None:
    plan = change_indicator(valid_apa(), "2.1.1", levels=lv(None, n(7)))
    plan = change_indicator(plan, "G1.1.1", levels=lv(None, n(9)))
    assert validate_plan(plan) == []


def test_numeric_levels_that_turn_are_not_ordered() -> None:
    plan = change_indicator(valid_apa(), "1.1.1", levels=lv(n(100), n(90), n(95), n(70), n(60)))
    assert found(plan) == [(C.LEVELS_NOT_ORDERED, E, "1.1.1")]


def test_date_levels_must_run_later() -> None:
    plan = change_indicator(valid_apa(), "1.2.1",
                            levels=lv(d("28.02.23"), d("31.01.23"), d("12.12.22")))
    assert found(plan) == [(C.LEVELS_NOT_ORDERED, E, "1.2.1")]


def test_ascending_numbers_mean_less_is_better_and_are_ordered() -> None:
    # DOMAIN.md, Scoring §2: v100 < v60 means less is better; no projection warning either.
    plan = change_indicator(valid_apa(), "1.1.1", levels=lv(n(60), n(70), n(80), n(90), n(100)))
    assert validate_plan(plan) == []


def test_blank_levels_are_skipped() -> None:
    plan = change_indicator(valid_apa(), "1.1.1",
                            levels=lv(n(100), Blank("-"), n(80), None, n(60)))
    assert validate_plan(plan) == []


def test_a_value_at_two_levels_is_repeated() -> None:
    plan = change_indicator(valid_apa(), "1.1.1", levels=lv(n(100), n(90), n(90), n(70), n(60)))
    assert found(plan) == [(C.LEVELS_REPEATED, E, "1.1.1")]


def test_a_percent_and_a_number_of_the_same_size_repeat() -> None:
    plan = change_indicator(valid_apa(), "2.2.1", levels=lv(pct(85), n(85), pct(75)))
    assert found(plan) == [(C.LEVELS_REPEATED, E, "2.2.1")]


@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=2, max_size=5,
                unique=True))
def test_strictly_monotonic_levels_are_accepted_and_others_are_not(values: list[int]) -> None:
    levels = lv(*(n(v) for v in values))
    plan = change_indicator(valid_apa(), "1.1.1", levels=levels, projections=())
    codes = [f.code for f in validate_plan(plan)]
    monotonic = values in (sorted(values), sorted(values, reverse=True))
    assert codes == ([] if monotonic else [C.LEVELS_NOT_ORDERED])


# ---------------------------------------------------------------- dates


def test_a_level_date_outside_the_fiscal_year_is_an_error() -> None:
    plan = change_indicator(valid_apa(), "1.2.1",
                            levels=lv(d("12.12.22"), d("31.01.23"), d("28.07.23")))
    assert found(plan) == [(C.DATE_OUTSIDE_YEAR, E, "1.2.1")]


def test_an_annual_target_date_outside_the_fiscal_year_is_an_error() -> None:
    plan = change_indicator(valid_apa(), "2.3.1", annual_target=DateValue(dt.date(2023, 7, 1)))
    assert found(plan) == [(C.DATE_OUTSIDE_YEAR, E, "2.3.1")]


def test_a_month_outside_the_fiscal_year_is_an_error() -> None:
    plan = change_indicator(valid_apa(), "2.3.1", annual_target=MonthValue(2023, 7))
    assert found(plan) == [(C.DATE_OUTSIDE_YEAR, E, "2.3.1")]


def test_a_quarterly_target_date_outside_the_fiscal_year_is_an_error_only() -> None:
    plan = change_indicator(valid_apa(), "2.3.1", quarterly_targets=quarters(
        d("30.06.22"), d("31.12.22"), d("31.03.23"), d("30.06.23")))
    assert found(plan) == [(C.DATE_OUTSIDE_YEAR, E, "2.3.1")]


def test_a_quarterly_target_date_outside_its_quarter_is_a_warning() -> None:
    plan = change_indicator(valid_apa(), "2.3.1", quarterly_targets=quarters(
        d("30.09.22"), d("30.03.23"), d("31.03.23"), d("30.06.23")))
    assert found(plan) == [(C.QUARTER_DATE_OUTSIDE_QUARTER, W, "2.3.1")]


def test_a_progress_date_outside_the_fiscal_year_is_an_error() -> None:
    plan = valid_apa()
    plan = replace(plan, progress=(*plan.progress,
                                   ProgressValue("2.3.1", Quarter.Q2, d("26.02.22"))))
    assert found(plan) == [(C.DATE_OUTSIDE_YEAR, E, "2.3.1")]


def test_a_calendar_year_plan_checks_dates_against_the_calendar_year() -> None:
    # Work plans of a calendar year (seed 003: "2017"); they have no fiscal quarters.
    plan = replace(valid_apa(), fiscal_year="2022")
    assert found(plan) == [
        (C.DATE_OUTSIDE_YEAR, E, "1.2.1"),  # levels 31.01.23 and 28.02.23
        (C.DATE_OUTSIDE_YEAR, E, "1.2.1"),
        (C.DATE_OUTSIDE_YEAR, E, "2.3.1"),  # annual target 30.06.23
        (C.DATE_OUTSIDE_YEAR, E, "2.3.1"),  # Q3 and Q4 targets
        (C.DATE_OUTSIDE_YEAR, E, "2.3.1"),
    ]


def test_an_unreadable_fiscal_year_is_a_warning_and_dates_are_not_checked() -> None:
    plan = replace(valid_apa(), fiscal_year="অজানা")
    assert found(plan) == [(C.FISCAL_YEAR_UNREADABLE, W, "plan")]


# ---------------------------------------------------------------- targets


def test_quarterly_targets_not_adding_up_to_the_annual_target_is_an_error() -> None:
    plan = change_indicator(valid_apa(), "2.1.1",
                            quarterly_targets=quarters(n(2), n(2), n(2), n(1)))
    assert found(plan) == [(C.QUARTERLY_SUM_MISMATCH, E, "2.1.1")]
    assert dict(validate_plan(plan)[0].params) == {"actual": n(7), "expected": n(8)}


def test_a_blank_quarter_plans_nothing() -> None:
    plan = change_indicator(valid_apa(), "2.1.1",
                            quarterly_targets=quarters(n(4), Blank("-"), n(4), Blank("-")))
    assert validate_plan(plan) == []


def test_money_quarters_add_up_like_counts() -> None:
    # Seed 002 [10.1]: 12,000/- a year, 3000/- a quarter, unit লক্ষ টাকা.
    plan = change_indicator(valid_apa(), "2.1.1", unit=Unit.LAKH_TAKA, annual_target=Money(
        Decimal(12000)), quarterly_targets=quarters(*[Money(Decimal(3000))] * 3))
    assert found(plan) == [(C.QUARTERLY_SUM_MISMATCH, E, "2.1.1")]


def test_percent_quarters_are_not_summed() -> None:
    plan = change_indicator(valid_apa(), "2.1.1", unit=Unit.PERCENT, annual_target=pct(100),
                            quarterly_targets=quarters(*[pct(100)] * 4))
    assert validate_plan(plan) == []


def test_quarters_of_a_stated_sum_indicator_add_up_to_its_100_percent_level() -> None:
    plan = change_indicator(valid_apa(), "1.1.1",
                            quarterly_targets=quarters(n(25), n(25), n(25), n(20)))
    assert found(plan) == [(C.QUARTERLY_SUM_MISMATCH, E, "1.1.1")]


def test_quarters_of_an_average_indicator_are_not_summed() -> None:
    plan = change_indicator(valid_apa(), "1.1.1", calculation_method=CalculationMethod.AVERAGE,
                            quarterly_targets=quarters(*[n(100)] * 4))
    assert validate_plan(plan) == []


def test_a_projection_below_the_target_is_a_warning() -> None:
    plan = change_indicator(valid_apa(), "1.1.1", projections=(
        YearValue("2023-24", n(95)), YearValue("2024-25", n(120))))
    assert found(plan) == [(C.PROJECTION_BELOW_TARGET, W, "1.1.1")]


def test_a_projected_date_inside_this_year_is_a_warning() -> None:
    plan = change_indicator(valid_apa(), "1.2.1", projections=(
        YearValue("2023-24", d("12.06.23")), YearValue("2024-25", d("12.12.24"))))
    assert found(plan) == [(C.PROJECTION_DATE_IN_YEAR, W, "1.2.1")]


# ---------------------------------------------------------------- numbering


def test_governance_indicators_numbered_from_1_again_are_not_duplicates() -> None:
    plan = valid_apa()
    assert {"1.1.1", "G1.1.1"} <= set(plan.indicator_refs())
    assert validate_plan(plan) == []


def test_an_indicator_number_used_twice_is_an_error() -> None:
    plan = valid_apa()
    twice = (ind("1.1.1", Unit.COUNT, 10, levels=lv(n(100))),
             ind("1.1.1", Unit.COUNT, 5, levels=lv(n(50))))
    plan = change_activity(plan, 0, "1.1", indicators=twice)
    assert found(plan) == [(C.NUMBER_DUPLICATE, E, "1.1.1")]


def test_an_activity_number_used_twice_is_an_error() -> None:
    plan = change_activity(valid_apa(), 1, "2.3", number="2.2")
    plan = change_indicator(plan, "2.3.1", number="2.2.2")
    plan = replace(plan, progress=tuple(p for p in plan.progress if p.indicator != "2.3.1"))
    assert found(plan) == [(C.NUMBER_DUPLICATE, E, "activity 2.2")]


def test_numbers_that_do_not_continue_their_parent_are_inconsistent() -> None:
    plan = change_activity(valid_apa(), 1, "2.2", number="3.2")
    assert found(plan) == [
        (C.NUMBER_INCONSISTENT, E, "2.2.1"),
        (C.NUMBER_INCONSISTENT, E, "activity 3.2"),
    ]
    plan = change_indicator(valid_apa(), "2.2.1", number="2.1.2")
    assert found(plan) == [(C.NUMBER_INCONSISTENT, E, "2.1.2")]


def test_an_action_plan_indicator_may_carry_its_activity_number() -> None:
    # DOMAIN.md, Structure rules: "Action plans use 1, 1.1" (seed 002).
    plan = change_indicator(valid_apa(), "2.2.1", number="2.2")
    assert validate_plan(plan) == []


def test_an_action_plan_may_number_its_activities_on_across_areas() -> None:
    # Seed 001's right-to-information form: [1.1] in area 1, [1.2] and [1.3] in area 2.
    rti = Plan(kind=PlanKind.RIGHT_TO_INFORMATION, fiscal_year="2023-24", office="o",
               total_weight=Decimal(3), areas=(
                   Area("1", "প্রাতিষ্ঠানিক", Decimal(1), activities=(
                       act("1.1", ind("1.1.1", Unit.PERCENT, 1, levels=lv(pct(100)))),)),
                   Area("2", "সক্ষমতা বৃদ্ধি", Decimal(2), activities=(
                       act("1.2", ind("1.2.1", Unit.COUNT, 1, levels=lv(n(2)))),
                       act("1.3", ind("1.3.1", Unit.COUNT, 1, levels=lv(n(4)))))),
               ))
    assert validate_plan(rti) == []
    # An APA has numbered areas: the same numbering there is inconsistent.
    assert found(replace(rti, kind=PlanKind.APA, total_weight=Decimal(100))) == [
        (C.NUMBER_INCONSISTENT, E, "activity 1.2"),
        (C.NUMBER_INCONSISTENT, E, "activity 1.3"),
        (C.PLAN_WEIGHT_MISMATCH, E, "plan"),
    ]


# ---------------------------------------------------------------- values and units


def test_a_date_among_the_levels_of_a_count_indicator_is_an_error() -> None:
    plan = change_indicator(valid_apa(), "1.1.1",
                            levels=lv(n(100), d("12.12.22"), n(80), n(70), n(60)))
    assert found(plan) == [(C.VALUE_UNIT_MISMATCH, E, "1.1.1")]


def test_a_number_in_a_date_indicator_is_an_error() -> None:
    plan = change_indicator(valid_apa(), "2.3.1", annual_target=n(30))
    assert found(plan) == [(C.VALUE_UNIT_MISMATCH, E, "2.3.1")]


def test_a_percent_where_the_unit_is_count_is_an_error() -> None:
    plan = change_indicator(valid_apa(), "2.1.1",
                            quarterly_targets=quarters(n(2), pct(2), n(2), n(2)))
    assert found(plan) == [(C.VALUE_UNIT_MISMATCH, E, "2.1.1")]


def test_a_date_in_a_past_actual_of_a_count_indicator_is_an_error() -> None:
    plan = change_indicator(valid_apa(), "1.1.1", actuals=(YearValue("2021-22", d("12.12.21")),))
    assert found(plan) == [(C.VALUE_UNIT_MISMATCH, E, "1.1.1")]


def test_blank_and_not_applicable_fit_every_unit() -> None:
    plan = change_indicator(valid_apa(), "2.3.1", quarterly_targets=quarters(
        Blank("-"), NotApplicable(), d("31.03.23"), d("30.06.23")))
    plan = change_indicator(plan, "1.1.1", actuals=(YearValue("2021-22", Blank("---")),))
    assert validate_plan(plan) == []


def test_a_bare_number_fits_a_percent_indicator() -> None:
    # Seed 004 prints the e-Nothi rate "৬১" without % in a % column.
    plan = valid_apa()
    plan = replace(plan, progress=(*plan.progress, ProgressValue("2.2.1", Quarter.Q2, n(61))))
    assert validate_plan(plan) == []


def test_a_progress_value_that_does_not_match_the_unit_is_only_a_warning() -> None:
    # Seed 001 [1.1]: the meeting's date written as the achievement of a count target.
    plan = valid_apa()
    plan = replace(plan, progress=(*plan.progress,
                                   ProgressValue("2.1.1", Quarter.Q2, d("23.10.22"))))
    assert found(plan) == [(C.VALUE_UNIT_MISMATCH, W, "2.1.1")]


# ---------------------------------------------------------------- links


def test_a_governance_indicator_in_marks_must_name_its_action_plan() -> None:
    plan = change_indicator(valid_apa(), "G1.3.1", feeds_from=None)
    assert found(plan) == [(C.GOVERNANCE_LINK_MISSING, E, "G1.3.1")]


def test_a_fallback_must_name_an_existing_indicator() -> None:
    plan = change_indicator(valid_apa(), "1.3.1", fallback_for="1.1")
    assert found(plan) == [(C.FALLBACK_UNKNOWN, E, "1.3.1")]


def test_progress_must_name_an_existing_indicator() -> None:
    plan = valid_apa()
    plan = replace(plan, progress=(*plan.progress, ProgressValue("G1.6.1", Quarter.Q1, n(1))))
    assert found(plan) == [(C.PROGRESS_UNKNOWN_INDICATOR, E, "G1.6.1")]


# ---------------------------------------------------------------- last year


def test_last_years_actual_equal_to_the_evaluated_achievement_is_fine() -> None:
    previous = {"1.1.1": n(90), "1.2.1": Blank("-"), "9.9.9": n(1)}
    assert validate_plan(valid_apa(), previous_achievements=previous) == []


def test_last_years_actual_different_from_the_evaluated_achievement_is_a_warning() -> None:
    plan = valid_apa()
    assert found(plan, previous_achievements={"1.1.1": n(92)}) == [
        (C.ACTUAL_DIFFERS_FROM_EVALUATED, W, "1.1.1")
    ]
    finding = validate_plan(plan, previous_achievements={"1.1.1": n(92)})[0]
    assert dict(finding.params) == {"year": "2021-22", "actual": n(90), "expected": n(92)}


def test_a_missing_actual_where_last_year_was_evaluated_differs() -> None:
    assert found(valid_apa(), previous_achievements={"2.2.1": pct(83)}) == [
        (C.ACTUAL_DIFFERS_FROM_EVALUATED, W, "2.2.1")
    ]


def test_without_last_years_plan_nothing_is_compared() -> None:
    assert validate_plan(valid_apa(), previous_achievements=None) == []
    assert validate_plan(valid_apa(), previous_achievements={}) == []


# ---------------------------------------------------------------- results


def test_errors_block_submission_and_warnings_do_not() -> None:
    warning = Finding(C.WEIGHT_MISSING, W, "1.1.1")
    error = Finding(C.AREA_WEIGHT_MISMATCH, E, "area 1",
                    (("actual", Decimal(15)), ("expected", Decimal(16))))
    assert has_errors([]) is False
    assert has_errors([warning]) is False
    assert has_errors([warning, error]) is True
    assert (warning.blocks_submission, error.blocks_submission) == (False, True)


def test_findings_as_json() -> None:
    plan = change_indicator(valid_apa(), "1.1.1", weight=Decimal(14))
    assert findings_to_json(validate_plan(plan)) == [{
        "code": "AREA_WEIGHT_MISMATCH",
        "severity": "error",
        "place": "area 1",
        "message_bn": "ক্ষেত্র [১]: সূচকসমূহের মানের যোগফল ২৪, কিন্তু ক্ষেত্রের মান ২৫।",
        "message_en": "Area [1]: the indicator weights add up to 24, but the area's weight is 25.",
    }]


# ---------------------------------------------------------------- the catalogue


# Every parameter name a template uses, with a value of the kind the checks pass.
SAMPLE_PARAMS: dict[str, Any] = {
    "actual": Decimal(15),
    "expected": Decimal(16),
    "value": n(8),
    "levels": Words("১০০, ৯০, ৯৫", "100, 90, 95"),
    "rule": Words("নিয়ম", "rule"),
    "year": "2023-24",
    "where": Words("বার্ষিক লক্ষ্যমাত্রা", "the annual target"),
    "date": d("30.06.20"),
    "period": Words("2020-21 অর্থবছর", "the fiscal year 2020-21"),
    "start": dt.date(2020, 7, 1),
    "end": dt.date(2021, 6, 30),
    "parent": Words("কার্যক্রম [1.2]", "activity [1.2]"),
    "kind": Words("একটি তারিখ", "a date"),
    "unit": Words("সংখ্যা", "count"),
    "target": "1.1.1",
    "quarter": Words("১ম কোয়ার্টার", "Q1"),
    "text": "১২o৫",
    "stray": "o",
}


def test_every_finding_code_has_a_severity_and_both_messages() -> None:
    assert set(CATALOGUE) == set(FindingCode)
    for code in FindingCode:
        entry = CATALOGUE[code]
        assert entry.severity in (E, W)
        assert entry.bn.strip() and entry.en.strip()
        assert entry.bn != entry.en


PLAN_LEVEL_CODES = (C.PLAN_WEIGHT_MISMATCH, C.FISCAL_YEAR_UNREADABLE)


@pytest.mark.parametrize(("code", "place"), [
    (code, place)
    for code in FindingCode
    for place in ("1.2.1", "G1.2.1", "activity 1.2", "area 7", "plan")
    if place != "plan" or code in PLAN_LEVEL_CODES
])
def test_every_message_renders_in_both_languages(code: FindingCode, place: str) -> None:
    finding = Finding(code, CATALOGUE[code].severity, place, tuple(SAMPLE_PARAMS.items()))
    bn, en = finding.message_bn, finding.message_en
    assert "{" not in bn and "{" not in en
    # A cell quoted as written (rule 9) keeps its own digits; the rest follows the language.
    bn, en = bn.replace(SAMPLE_PARAMS["text"], ""), en.replace(SAMPLE_PARAMS["text"], "")
    assert re.search("[০-৯]", bn), bn  # Bengali digits in the Bengali message …
    assert not re.search("[0-9]", bn), bn  # … and no Latin ones
    assert re.search("[0-9]", en) and not re.search("[০-৯]", en), en
    assert re.search("[\u0980-\u09ff]", bn)  # written in Bengali


def test_the_place_is_written_for_the_reader() -> None:
    def messages(place: str) -> tuple[str, str]:
        f = Finding(C.WEIGHT_MISSING, W, place)
        return f.message_bn, f.message_en

    assert messages("1.1.1") == ("সূচক [১.১.১]: মান দেওয়া হয়নি।",
                                 "Indicator [1.1.1]: no weight is given.")
    assert messages("G1.1.1") == ("সুশাসন সূচক [১.১.১]: মান দেওয়া হয়নি।",
                                  "Governance indicator [1.1.1]: no weight is given.")
    assert messages("area G1") == ("সুশাসন ক্ষেত্র [১]: মান দেওয়া হয়নি।",
                                   "Governance area [1]: no weight is given.")
    assert messages("activity 2.3") == ("কার্যক্রম [২.৩]: মান দেওয়া হয়নি।",
                                        "Activity [2.3]: no weight is given.")


def test_values_dates_and_money_are_written_in_the_readers_language() -> None:
    plan = change_indicator(valid_apa(), "2.1.1", unit=Unit.TAKA,
                            annual_target=Money(Decimal(12000)),
                            quarterly_targets=quarters(*[Money(Decimal(3000))] * 3))
    (finding,) = validate_plan(plan)
    assert finding.message_bn == ("সূচক [২.১.১]: কোয়ার্টারভিত্তিক লক্ষ্যমাত্রার যোগফল ৯,০০০/-, "
                                  "কিন্তু বার্ষিক লক্ষ্যমাত্রা ১২,০০০/-।")
    assert finding.message_en == ("Indicator [2.1.1]: the quarterly targets add up to Tk 9,000, "
                                  "but the annual target is Tk 12,000.")
    plan = change_indicator(valid_apa(), "2.3.1", annual_target=d("01.07.23"))
    (finding,) = validate_plan(plan)
    assert finding.message_bn == ("সূচক [২.৩.১]: বার্ষিক লক্ষ্যমাত্রা ০১.০৭.২০২৩ ২০২২-২৩ অর্থবছর "
                                  "(০১.০৭.২০২২ – ৩০.০৬.২০২৩)-এর বাইরে।")
    assert finding.message_en == ("Indicator [2.3.1]: the annual target 01.07.2023 lies outside "
                                  "the fiscal year 2022-23 (01.07.2022 – 30.06.2023).")


@given(st.integers(min_value=1, max_value=400), st.integers(min_value=0, max_value=3))
def test_an_action_plans_only_100_percent_target_is_the_sum_its_quarters_must_make(
        target: int, off: int) -> None:
    """Issue 12 rule 5: a monitoring page's only অসাধারণ column is a single target; its
    quarterly targets add up to it (no method printed, a counted unit), as an annual target's."""
    from tests.domain.builders import indicator, levels, num
    from tests.domain.examples import _action_plan

    quarters = [target // 4] * 3 + [target - 3 * (target // 4) + off]
    ind = indicator(weight=2, method=None, lv=levels(num(target)),
                    quarterly_targets=tuple(zip(Quarter, map(num, quarters), strict=True)))
    codes = [f.code for f in validate_plan(_action_plan(PlanKind.INTEGRITY, ind,
                                                        total=Decimal(2)))]
    assert (FindingCode.QUARTERLY_SUM_MISMATCH in codes) is (off != 0)
    assert not {FindingCode.LEVEL_100_MISSING, FindingCode.LEVELS_NOT_ORDERED} & set(codes)
