"""Issue 12's scoring rules 1-10: docs/scoring.md's examples table recomputed, and each rule's
other side (what the old reading gave, the columnar path, the validator)."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from kormo.domain.bulk import score_columns
from kormo.domain.findings import FindingCode, Severity
from kormo.domain.plan import CalculationMethod, PlanKind, Quarter
from kormo.domain.ranks import dense_ranks, ordinal, rank_label
from kormo.domain.rules import LevelMethod, RuleSet, ScoreSoFar
from kormo.domain.scoring import NOT_RATED, Status, annual_achievement, score_plan
from kormo.domain.validation import number_cell_findings, validate_plan
from kormo.domain.values import Blank, NotApplicable
from tests.domain.builders import indicator, levels, num, plan_with, report
from tests.domain.examples import RULE_EXAMPLES, _action_plan

DOC = Path(__file__).resolve().parents[2] / "docs" / "scoring.md"


def doc_rows() -> list[tuple[str, str]]:
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"r\d+-[a-z0-9-]+", cells[0]):
            rows.append((cells[0], cells[3]))
    return rows


def test_the_table_has_one_example_per_rule():
    assert [i for i, _ in doc_rows()] == list(RULE_EXAMPLES)
    assert len(RULE_EXAMPLES) == 10


@pytest.mark.parametrize(("example_id", "printed"), doc_rows())
def test_each_documented_result_is_what_the_engine_gives(example_id, printed):
    assert RULE_EXAMPLES[example_id]() == printed


# ---------------------------------------------------------------- rule 1


@pytest.mark.parametrize("where", ["annual_target", "level"])
def test_not_applicable_as_target_or_level_leaves_the_maximum(where):
    na = {"annual_target": NotApplicable()} if where == "annual_target" else {
        "lv": levels(NotApplicable())}
    plan = _action_plan(PlanKind.INTEGRITY, indicator("1.1.1", weight=3, annual_target=num(2)),
                        indicator("1.2.1", weight=2, **na), total=Decimal(5),
                        progress=(report("1.1.1", "Q4", num(2)),))
    s = score_plan(plan)
    assert s.indicator("1.2.1").status is Status.NOT_APPLICABLE
    assert (s.total, s.maximum, s.percent) == (3.0, 3.0, 100.0)


# ---------------------------------------------------------------- rule 2


def test_a_missing_weight_never_shrinks_the_maximum():
    plan = _action_plan(PlanKind.RIGHT_TO_INFORMATION,
                        indicator("1.1.1", weight=14, annual_target=num(1)),
                        replace(indicator("1.2.1", annual_target=num(1)), weight=None),
                        total=Decimal(25), progress=(report("1.1.1", "Q4", num(1)),
                                                     report("1.2.1", "Q4", num(1))))
    s = score_plan(plan)
    assert (s.total, s.maximum) == (14.0, 25.0)
    assert s.percent == pytest.approx(56.0)
    codes = {(f.code, f.severity) for f in validate_plan(plan)}
    assert (FindingCode.WEIGHT_MISSING, Severity.ERROR) in codes


# ---------------------------------------------------------------- rule 3


@pytest.mark.parametrize(("method", "values", "expected"), [
    (CalculationMethod.CUMULATIVE, [num(200), num(320), Blank("-")], num(320)),
    (CalculationMethod.CUMULATIVE, [num(200), Blank("--"), Blank("-")], num(200)),
    (CalculationMethod.SUM, [num(2), Blank("-"), num(3)], num(5)),
])
def test_a_later_blank_never_erases_an_earlier_value(method, values, expected):
    pvs = [report("1.1.1", q, v) for q, v in zip(("Q1", "Q2", "Q3"), values, strict=True)]
    ach = annual_achievement(indicator(method=method), pvs)
    assert ach.value == expected
    blanks = {Quarter(q) for q, v in zip(("Q1", "Q2", "Q3"), values, strict=True)
              if isinstance(v, Blank)}
    assert blanks.isdisjoint(ach.quarters)


# ---------------------------------------------------------------- rule 4


@pytest.mark.parametrize(("achieved", "expected"), [(140, 0.0), (150, 150 / 350 * 100),
                                                    (320, 320 / 350 * 100)])
def test_ratio_rules_keep_the_floor_on_both_paths(achieved, expected):
    rules = RuleSet("ratio", level_method=LevelMethod.RATIO)
    ind = indicator(lv=levels(num(350), num(300), num(250), num(200), num(150)), weight=10,
                    method=None)
    s = score_plan(plan_with(ind, progress=(report("1.1.1", "Q4", num(achieved)),)), rules)
    assert s.indicator("1.1.1").raw_percent == pytest.approx(expected)
    cols = score_columns(np.array([10.0]), np.array([[350.0, 300, 250, 200, 150]]),
                         np.array([float(achieved)]), np.array([False]), LevelMethod.RATIO)
    assert cols.raw_percent[0] == pytest.approx(expected)


# ---------------------------------------------------------------- rule 5


def test_only_the_100_percent_column_is_single_target_in_action_plans_not_in_the_apa():
    ind = indicator(weight=2, lv=levels(num(4)), method=None)
    progress = (report("1.1.1", "Q4", num(3)),)
    action = _action_plan(PlanKind.INTEGRITY, ind, total=Decimal(2), progress=progress)
    assert score_plan(action).indicator("1.1.1").raw_percent == 75.0
    # In the APA one level is a five-level indicator: below it is worse than the worst → 0.
    assert score_plan(plan_with(ind, progress=progress)).indicator("1.1.1").raw_percent == 0.0


# ---------------------------------------------------------------- rule 6


def test_a_deeper_fallback_takes_its_main_weight_and_is_not_counted_when_unused():
    main = indicator("1.1.1", weight=3, annual_target=num(2))
    fb = replace(indicator("1.1.1.1", annual_target=num(1), fallback_for="1.1.1"), weight=None)
    plan = _action_plan(PlanKind.GRIEVANCE_REDRESS, main, fb, total=Decimal(3), progress=(
        report("1.1.1", "Q4", num(1)), report("1.1.1.1", "Q4", num(1))))
    s = score_plan(plan)
    assert s.indicator("1.1.1.1").status is Status.FALLBACK_UNUSED
    assert (s.total, s.maximum) == (1.5, 3.0)
    assert validate_plan(plan) == []
    # Two levels deeper is still inconsistent.
    odd = replace(fb, number="1.1.1.1.1")
    bad = _action_plan(PlanKind.GRIEVANCE_REDRESS, main, odd, total=Decimal(3))
    assert FindingCode.NUMBER_INCONSISTENT in {f.code for f in validate_plan(bad)}


# ---------------------------------------------------------------- rule 7


def test_nothing_reported_is_not_rated_but_a_reported_zero_is_poor():
    ind = indicator(lv=levels(num(10), num(9), num(8)))
    silent = score_plan(plan_with(ind))
    zero = score_plan(plan_with(ind, progress=(report("1.1.1", "Q1", num(0)),)))
    assert (silent.rated, silent.rating) == (False, NOT_RATED)
    assert (zero.rated, zero.rating) == (True, "poor")


def test_an_apa_fed_only_by_unreported_action_plans_is_not_rated():
    from kormo.domain.plan import AreaKind, Unit
    from kormo.domain.scoring import score_plans

    grs = _action_plan(PlanKind.GRIEVANCE_REDRESS, indicator("1.1.1", weight=4,
                                                             annual_target=num(1)),
                       total=Decimal(4))
    gov = indicator("1.1.1", unit=Unit.MARKS, weight=4, method=None,
                    feeds_from=PlanKind.GRIEVANCE_REDRESS)
    apa = plan_with(gov, area_kind=AreaKind.GOVERNANCE, plan_id="apa")
    _, apa_score = score_plans([grs, apa])
    assert apa_score.rating == NOT_RATED
    assert apa_score.indicator("G1.1.1").status is Status.NOT_REPORTED


# ---------------------------------------------------------------- rule 8


@pytest.mark.parametrize(("n", "bn", "en"), [
    (1, "১ম", "1st"), (2, "২য়", "2nd"), (3, "৩য়", "3rd"), (4, "৪র্থ", "4th"),
    (6, "৬ষ্ঠ", "6th"), (8, "৮ম", "8th"), (10, "১০ম", "10th"), (11, "১১তম", "11th"),
    (22, "২২তম", "22nd"), (113, "১১৩তম", "113th")])
def test_ordinals_in_bengali_and_english(n, bn, en):
    assert (ordinal(n, "bn"), ordinal(n, "en")) == (bn, en)


def test_joint_ranks_are_marked_and_the_next_takes_the_next_rank():
    ranks = dense_ranks({"a": 91.204, "b": 91.2, "c": 80.0})
    assert [ranks[k].label("bn") for k in "abc"] == ["১ম (যৌথভাবে)", "১ম (যৌথভাবে)", "২য়"]
    assert rank_label(8, True, "en") == "8th (joint)"


# ---------------------------------------------------------------- rule 9


@pytest.mark.parametrize(("text", "codes"), [
    ("১২০", []), ("120", []), ("১,২০,০০০/-", []), ("১২.৫%", []), ("১২.১২.২০২২", []),
    ("৬×২০=১২০ জন", []), ("২০২২-২৩", []),
    ("1২0", ["NUMBER_MIXED_DIGITS"]), ("20২০-2021", ["NUMBER_MIXED_DIGITS"]),
    ("১২o৫", ["NUMBER_STRAY_CHARACTER"]), ("1l0", ["NUMBER_STRAY_CHARACTER"]),
])
def test_number_cells_as_written_are_flagged_not_silently_read(text, codes):
    found = number_cell_findings(text, "1.1.1")
    assert [f.code.value for f in found] == codes
    assert all(f.severity is Severity.WARNING for f in found)
    for f in found:  # the message quotes the number as written, in both languages
        run = dict(f.params)["text"]
        assert run in text and run in f.message_bn and run in f.message_en


# ---------------------------------------------------------------- rule 10


def test_score_so_far_switch_reads_from_a_rule_set_dict():
    rules = RuleSet.from_dict({"name": "due", "score_so_far": "due_to_date"})
    assert rules.score_so_far is ScoreSoFar.DUE_TO_DATE
    assert RuleSet.from_dict(rules.to_dict()) == rules


def test_nothing_due_yet_leaves_the_maximum_in_the_due_to_date_score():
    from kormo.domain.scoring import score_so_far

    due_later = indicator("1.1.1", weight=5, lv=levels(num(40), num(30)),
                          quarterly_targets=((Quarter.Q3, num(20)), (Quarter.Q4, num(20))))
    now = indicator("1.2.1", weight=5, lv=levels(num(40), num(30)),
                    quarterly_targets=tuple((q, num(10)) for q in Quarter))
    plan = plan_with(due_later, now, progress=(report("1.2.1", "Q1", num(10)),))
    rules = RuleSet("d", score_so_far=ScoreSoFar.DUE_TO_DATE)
    (s,) = score_so_far([plan], Quarter.Q1, rules)
    assert s.indicator("1.1.1").status is Status.NOT_APPLICABLE
    assert (s.total, s.maximum) == (5.0, 5.0)
