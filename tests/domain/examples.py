"""DOMAIN.md's worked examples and rule points as a table (the httpx WHATWG-table pattern).

Each row: an id, the five levels (best first, None for blank), the achievement, and the raw
percent DOMAIN.md gives or implies, with the section it comes from.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from tests.domain.builders import day, num, pct

ENOTHI_RATE = Decimal(2236) / (Decimal(2236) + Decimal(1439)) * 100

LEVEL_EXAMPLES = [
    # Scoring §2 example: 350/300/250/200/150, achieved 320 → 90 + 20/50 × 10 = 94 %.
    ("s2-example-numbers", (num(350), num(300), num(250), num(200), num(150)), num(320), 94.0),
    # Scoring §2 example: 12.12.22 / 31.01.23 / 28.02.23, done 15.01.23 → 100 - 34/50 × 10.
    ("s2-example-dates", (day("12.12.22"), day("31.01.23"), day("28.02.23")), day("15.01.23"),
     93.2),
    # Exactly at a level gives that level's percent.
    ("at-v100", (num(350), num(300), num(250), num(200), num(150)), num(350), 100.0),
    ("at-v90", (num(350), num(300), num(250), num(200), num(150)), num(300), 90.0),
    ("at-v80", (num(350), num(300), num(250), num(200), num(150)), num(250), 80.0),
    ("at-v70", (num(350), num(300), num(250), num(200), num(150)), num(200), 70.0),
    ("at-v60", (num(350), num(300), num(250), num(200), num(150)), num(150), 60.0),
    # Better than v100 is capped at 100 (inferred: no published total exceeds 100).
    ("above-best", (num(350), num(300), num(250), num(200), num(150)), num(400), 100.0),
    # Worse than the worst given level earns 0 (confirmed).
    ("below-worst", (num(350), num(300), num(250), num(200), num(150)), num(149), 0.0),
    # Uneven spacing occurs: 85/70/60/55/50 % (seed 004 [2.2.2]); 65 % lies between 70 and 60.
    ("uneven-percents", (pct(85), pct(70), pct(60), pct(55), pct(50)), pct(65), 85.0),
    # Seed 004 [1.3.1]: 85/80/75/70/60 %, e-Nothi rate 2236/(2236+1439) = 60.84 % lies between
    # the 70 % level (70) and the 60 % level (60), so the raw score equals the rate itself.
    ("enothi-rate", (pct(85), pct(80), pct(75), pct(70), pct(60)), pct(ENOTHI_RATE),
     float(ENOTHI_RATE)),
    # Less is better (v100 < v60, inferred): 2/4/6/8/10 days, achieved 5 → 80 + 1/2 × 10.
    ("less-is-better", (num(2), num(4), num(6), num(8), num(10)), num(5), 85.0),
    ("less-is-better-worse", (num(2), num(4), num(6), num(8), num(10)), num(11), 0.0),
    # Blank levels are skipped: seed 000 [2.1.1] has 100/90/80 % dates only.
    ("blank-levels-date-between", (day("12.12.22"), day("31.01.23"), day("28.02.23"), None, None),
     day("14.02.23"), 85.0),
    ("blank-levels-late", (day("12.12.22"), day("31.01.23"), day("28.02.23"), None, None),
     day("01.03.23"), 0.0),
    # Only the 100 % level (seed 000 [2.3.1]): on or before it 100, after it 0.
    ("single-date-on-time", (day("18.10.22"),), day("18.10.22"), 100.0),
    ("single-date-early", (day("18.10.22"),), day("01.10.22"), 100.0),
    ("single-date-late", (day("18.10.22"),), day("19.10.22"), 0.0),
    # A gap in the middle: 100 and 60 only, interpolated over the whole span.
    ("gap-levels", (num(100), None, None, None, num(60)), num(80), 80.0),
    # Seed 001 e-gov [2.1.1]: 4/3/2/1/– — the blank 60 % level is skipped.
    ("dash-level", (num(4), num(3), num(2), num(1)), num(1), 70.0),
]


# ---------------------------------------------------------------- issue 12: rules 1-10
# One worked example per rule of "Clarified from other offices' documents" (DOMAIN.md, Scoring
# §10, and issue 12). docs/scoring.md prints the same examples as a table (id, rule, example,
# result); tests/domain/test_rule_examples.py reads that table and computes every row here, so
# the documented result and the engine cannot drift apart. Each function returns the result as
# the table writes it.


def _action_plan(kind, *indicators, progress=(), total=None):
    """An action plan of one area; indicators grouped into activities by their number (a
    fallback [1.1.1.1] stands in the activity [1.1] of its main indicator)."""
    from kormo.domain.plan import Activity, Area, Plan

    groups: dict[str, list] = {}
    for i in indicators:
        groups.setdefault(".".join(i.number.split(".")[:2]), []).append(i)
    area = Area("1", "area", total, activities=tuple(
        Activity(number, "activity", tuple(inds)) for number, inds in groups.items()))
    return Plan(kind=kind, fiscal_year="2022-23", office="office", id=f"{kind.value}-plan",
                total_weight=total, areas=(area,), progress=tuple(progress))


def r1_not_applicable_target() -> str:
    """Weights 2+2+3+2 = 9, the 2-mark [1.2.1]'s target "প্রযোজ্য নয়", 6.75 earned."""
    from kormo.domain.plan import PlanKind
    from kormo.domain.scoring import score_plan
    from kormo.domain.values import NotApplicable
    from tests.domain.builders import indicator, report

    inds = (indicator("1.1.1", weight=2, annual_target=num(4)),
            indicator("1.2.1", weight=2, annual_target=NotApplicable()),
            indicator("1.3.1", weight=3, annual_target=num(4)),
            indicator("1.4.1", weight=2, annual_target=num(4)))
    plan = _action_plan(PlanKind.INTEGRITY, *inds, total=Decimal(9), progress=(
        report("1.1.1", "Q4", num(4)), report("1.3.1", "Q4", num(4)),
        report("1.4.1", "Q4", num("3.5"))))
    s = score_plan(plan)
    return f"{s.total:.2f} / {s.maximum:.2f} = {s.percent:.2f} %"


def r2_stated_total() -> str:
    """A 25-mark grievance plan whose weighed indicators carry 14, all earned; its APA's
    4-mark governance indicator."""
    from kormo.domain.plan import AreaKind, PlanKind, Unit
    from kormo.domain.scoring import score_plans
    from tests.domain.builders import indicator, plan_with, report

    grs = _action_plan(PlanKind.GRIEVANCE_REDRESS,
                       indicator("1.1.1", weight=14, annual_target=num(2)),
                       replace(indicator("1.2.1", annual_target=num(3)), weight=None),
                       total=Decimal(25), progress=(report("1.1.1", "Q4", num(2)),
                                                    report("1.2.1", "Q4", num(3))))
    gov = indicator("1.1.1", unit=Unit.MARKS, weight=4, method=None,
                    feeds_from=PlanKind.GRIEVANCE_REDRESS)
    apa = plan_with(gov, area_kind=AreaKind.GOVERNANCE, plan_id="apa")
    grs_score, apa_score = score_plans([grs, apa])
    return f"{grs_score.percent:.2f} %; {apa_score.total:.2f} of 4"


def r3_blank_keeps_earlier() -> str:
    """Cumulative: Q1 200, Q2 320, Q3 "-"."""
    from kormo.domain.plan import CalculationMethod
    from kormo.domain.scoring import annual_achievement
    from kormo.domain.values import Blank
    from tests.domain.builders import indicator, report

    ind = indicator(method=CalculationMethod.CUMULATIVE)
    ach = annual_achievement(ind, [report("1.1.1", "Q1", num(200)),
                                   report("1.1.1", "Q2", num(320)),
                                   report("1.1.1", "Q3", Blank("-"))])
    return f"{ach.value.value}"


def r4_ratio_floor() -> str:
    """Ratio rule set, levels 350/300/250/200/150, achieved 140 (below the worst level)."""
    from kormo.domain.rules import LevelMethod, RuleSet
    from kormo.domain.scoring import score_plan
    from tests.domain.builders import indicator, levels, plan_with, report

    ind = indicator(lv=levels(num(350), num(300), num(250), num(200), num(150)), weight=10,
                    method=None)
    plan = plan_with(ind, progress=(report("1.1.1", "Q4", num(140)),))
    s = score_plan(plan, RuleSet("ratio", level_method=LevelMethod.RATIO)).indicator("1.1.1")
    return f"{s.raw_percent:.2f} %"


def r5_only_100_percent_column() -> str:
    """Integrity monitoring page: only অসাধারণ = 4 and quarterly targets 1/1/1/1, weight 2,
    achieved 3."""
    from kormo.domain.plan import PlanKind, Quarter
    from kormo.domain.scoring import score_plan
    from tests.domain.builders import indicator, levels, report

    ind = indicator(weight=2, lv=levels(num(4)), quarterly_targets=tuple(
        (q, num(1)) for q in Quarter))
    plan = _action_plan(PlanKind.INTEGRITY, ind, total=Decimal(2),
                        progress=(report("1.1.1", "Q4", num(3)),))
    s = score_plan(plan).indicator("1.1.1")
    return f"{s.score:.2f} of 2"


def r6_fallback_deeper() -> str:
    """Grievance plan: [1.1.1] (3 marks) not applicable, no complaint; fallback [1.1.1.1]
    (no weight of its own) held its stakeholder meeting."""
    from kormo.domain.plan import PlanKind
    from kormo.domain.scoring import score_plan
    from kormo.domain.validation import validate_plan
    from kormo.domain.values import NotApplicable
    from tests.domain.builders import indicator, report

    main = indicator("1.1.1", weight=3, annual_target=num(1))
    fb = replace(indicator("1.1.1.1", annual_target=num(1), fallback_for="1.1.1"), weight=None)
    plan = _action_plan(PlanKind.GRIEVANCE_REDRESS, main, fb, total=Decimal(3), progress=(
        report("1.1.1", "Q4", NotApplicable()), report("1.1.1.1", "Q4", num(1))))
    s = score_plan(plan)
    codes = [f.code.value for f in validate_plan(plan)]
    return f"{s.total:.2f} of {s.maximum:.2f}; findings {codes}"


def r7_not_yet_rated() -> str:
    """A plan with nothing reported yet."""
    from kormo.domain.scoring import score_plan
    from tests.domain.builders import indicator, levels, plan_with

    s = score_plan(plan_with(indicator(lv=levels(num(10), num(9), num(8)))))
    return s.rating


def r8_ordinals() -> str:
    """Nine offices; the 8th and 9th best share 70.5 %."""
    from kormo.domain.ranks import dense_ranks

    ranks = dense_ranks({f"o{i}": s for i, s in enumerate(
        (99.0, 98.0, 97.0, 96.0, 95.0, 94.0, 93.0, 70.5, 70.5))})
    return " · ".join(ranks[k].label("bn") for k in ("o0", "o1", "o7", "o8"))


def r9_number_cells() -> str:
    """Cells "1২0" and "১২o৫"."""
    from kormo.domain.validation import number_cell_findings

    return ", ".join(f.code.value for t in ("1২0", "১২o৫")
                     for f in number_cell_findings(t, "1.1.1"))


def r10_score_so_far() -> str:
    """Q2: levels 200/180/160/140/120, quarterly targets 50 each, 100 done: against the annual
    target, then against the target due to date."""
    from kormo.domain.plan import Quarter
    from kormo.domain.rules import RuleSet, ScoreSoFar
    from kormo.domain.scoring import score_so_far
    from tests.domain.builders import indicator, levels, plan_with, report

    ind = indicator(lv=levels(num(200), num(180), num(160), num(140), num(120)), weight=5,
                    quarterly_targets=tuple((q, num(50)) for q in Quarter))
    plan = plan_with(ind, progress=(report("1.1.1", "Q1", num(50)),
                                    report("1.1.1", "Q2", num(50))))
    annual = score_so_far([plan], Quarter.Q2, RuleSet("a"))[0]
    due = score_so_far([plan], Quarter.Q2, RuleSet("d", score_so_far=ScoreSoFar.DUE_TO_DATE))[0]
    return f"{annual.percent:.2f} % / {due.percent:.2f} %"


RULE_EXAMPLES = {
    "r1-not-applicable-target": r1_not_applicable_target,
    "r2-stated-total": r2_stated_total,
    "r3-blank-keeps-earlier": r3_blank_keeps_earlier,
    "r4-ratio-floor": r4_ratio_floor,
    "r5-only-100-percent-column": r5_only_100_percent_column,
    "r6-fallback-deeper": r6_fallback_deeper,
    "r7-not-yet-rated": r7_not_yet_rated,
    "r8-ordinals": r8_ordinals,
    "r9-number-cells": r9_number_cells,
    "r10-score-so-far": r10_score_so_far,
}
