"""kormo.domain.path: the quarterly path, the indicators behind it, the score due so far."""

from __future__ import annotations

import datetime as dt

from kormo.domain.path import counted_plans, indicators_at_risk, office_path, path_plan
from kormo.domain.plan import Quarter
from kormo.domain.rules import rule_set_for
from kormo.domain.scoring import CalculationMethod
from tests.domain.builders import day, indicator, levels, num, plan_with, report

RULES = rule_set_for("2022-23")
AS_OF = dt.date(2023, 6, 30)


def _sum(number: str, target: int, **kw: object):
    return indicator(number, lv=levels(num(target), num(target * 9 // 10), num(target * 8 // 10),
                                       num(target * 7 // 10), num(target * 6 // 10)), **kw)


def test_an_even_path_spreads_a_summed_target_over_the_quarters():
    plan = plan_with(_sum("1.1.1", 100), progress=(report("1.1.1", "Q1", num(10)),
                                                   report("1.1.1", "Q2", num(20))))
    risks = indicators_at_risk(1, plan, Quarter.Q2, AS_OF, None, RULES)
    # Due by the end of Q2: half of 100; 30 reported so far is behind.
    assert [(r.ref, r.why, r.achieved, r.due) for r in risks] == [
        ("1.1.1", "behind", num(30), num(50))]
    on_path = plan_with(_sum("1.1.1", 100), progress=(report("1.1.1", "Q2", num(50)),))
    assert indicators_at_risk(1, on_path, Quarter.Q2, AS_OF, None, RULES) == []


def test_quarterly_targets_are_the_path_where_the_plan_gives_them():
    ind = _sum("1.1.1", 100, quarterly_targets=((Quarter.Q1, num(40)), (Quarter.Q2, num(40))))
    plan = plan_with(ind, progress=(report("1.1.1", "Q1", num(50)),))
    # Due: 40 + 40 = 80 by Q2 (not the even 50); 50 is behind.
    assert [(r.why, r.due) for r in indicators_at_risk(1, plan, Quarter.Q2, AS_OF, None,
                                                         RULES)] == [("behind", num(80))]
    path, quarterly = path_plan(plan, Quarter.Q2, AS_OF, RULES)
    assert quarterly and [(p.indicator, p.quarter, p.value) for p in path.progress] == [
        ("1.1.1", Quarter.Q2, num(80))]


def test_not_reported_and_dates_passed_are_at_risk():
    dated = indicator("1.2.1", method=CalculationMethod.DATE,
                      lv=levels(day("31.01.2023"), day("28.02.2023")))
    plan = plan_with(_sum("1.1.1", 100), dated, progress=(report("1.1.1", "Q1", None),))
    risks = {r.ref: r.why for r in indicators_at_risk(1, plan, Quarter.Q3, AS_OF, None, RULES)}
    assert risks == {"1.1.1": "not_reported", "1.2.1": "date_passed"}
    early = indicators_at_risk(1, plan, Quarter.Q3, dt.date(2023, 1, 1), None, RULES)
    assert {r.ref for r in early} == {"1.1.1"}  # the date is not missed yet


def test_office_path_is_none_before_any_report_and_due_after():
    nothing = plan_with(_sum("1.1.1", 100))
    assert office_path({1: nothing}, "2022-23", RULES, AS_OF) is None
    plan = plan_with(_sum("1.1.1", 100), progress=(report("1.1.1", "Q2", num(50)),))
    path = office_path({1: plan}, "2022-23", RULES, AS_OF)
    assert path is not None and path.through is Quarter.Q2 and not path.quarterly
    assert path.at_risk == () and path.due_percent is not None


def test_only_plans_in_force_and_submitted_values_are_counted():
    # Q1 submitted (20), Q2 still a draft (a 100 that would put the indicator far ahead): the
    # path so far stops at Q1 and counts the 20 alone.
    progress = (report("1.1.1", "Q1", num(20)), report("1.1.1", "Q2", num(100)))
    signed, unsigned = plan_with(_sum("1.1.1", 100), progress=progress), \
        plan_with(_sum("1.1.1", 100), progress=progress, plan_id="q")
    counted = counted_plans({1: signed, 2: unsigned}, {1: frozenset({Quarter.Q1})})
    assert list(counted) == [1]  # plan 2 is not in force
    assert [(p.quarter, p.value) for p in counted[1].progress] == [(Quarter.Q1, num(20))]
    path = office_path(counted, "2022-23", RULES, AS_OF)
    # Through Q1 only: 20 done of the 25 due, behind (the draft 100 would have made it Q2 and
    # on its path).
    assert path is not None and path.through is Quarter.Q1
    assert [(r.ref, r.why, r.achieved, r.due) for r in path.at_risk] == [
        ("1.1.1", "behind", num(20), num(25))]
    everything = office_path({1: signed}, "2022-23", RULES, AS_OF)
    assert everything is not None and everything.through is Quarter.Q2
    assert everything.at_risk == ()
    # Nothing submitted yet: nothing counted, not yet on any path.
    assert office_path(counted_plans({1: signed}, {1: frozenset()}), "2022-23", RULES,
                       AS_OF) is None
