"""The plan diff (`kormo.domain.diff`): one engine of changed cells, read by the history
(`plan_changes`) and by the compare page (`diff_plans`), so the two never disagree."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from kormo.domain.diff import MAX_PLAN_CHANGES, cell_changes, diff_plans, plan_changes
from tests.domain.builders import indicator, levels, num, plan_with, report


def _reweigh(plan, ref: str, weight: int):
    def swap(ind):
        return dataclasses.replace(ind, weight=Decimal(weight)) if ind.number == ref else ind

    areas = tuple(dataclasses.replace(a, activities=tuple(
        dataclasses.replace(act, indicators=tuple(swap(i) for i in act.indicators))
        for act in a.activities)) for a in plan.areas)
    return dataclasses.replace(plan, areas=areas)


def test_equal_plans_differ_in_nothing_and_progress_is_not_content():
    plan = plan_with(indicator("1.1.1"), indicator("1.2.1"))
    reported = dataclasses.replace(plan, progress=(report("1.1.1", "Q1", num(3)),))
    assert cell_changes(plan, reported) == []
    assert not plan_changes(plan, reported)
    assert diff_plans(plan, reported).is_empty


def test_one_weight_changed_is_one_cell_in_both_views():
    before = plan_with(indicator("1.1.1", weight=4), indicator("1.2.1", weight=6))
    after = _reweigh(before, "1.2.1", 5)
    changes = plan_changes(before, after)
    assert changes.places == ("[1.2.1] weight",)
    assert (changes.before, changes.after) == ({"[1.2.1] weight": Decimal(6)},
                                               {"[1.2.1] weight": Decimal(5)})
    diff = diff_plans(before, after)
    (item,) = diff.indicators_changed
    assert item.key == "1.2.1" and [c.field for c in item.changes] == ["weight"]
    assert (item.changes[0].before, item.changes[0].after) == ("6", "5")
    assert not diff.indicators_added and not diff.indicators_removed


def test_an_indicator_added_shows_as_added_and_as_its_cells():
    before = plan_with(indicator("1.1.1"))
    after = plan_with(indicator("1.1.1"), indicator("1.2.1", lv=levels(num(9))))
    diff = diff_plans(before, after)
    assert [i.key for i in diff.indicators_added] == ["1.2.1"]
    assert "[1.2.1] name" in plan_changes(before, after).places
    assert [i.key for i in diff_plans(after, before).indicators_removed] == ["1.2.1"]


def test_a_whole_plan_rewritten_is_kept_as_its_first_cells_and_a_count():
    before = plan_with(*(indicator(f"1.{k}.1", weight=1) for k in range(1, 301)))
    after = plan_with(*(indicator(f"1.{k}.1", weight=2) for k in range(1, 301)))
    changes = plan_changes(before, after)
    assert len(changes.places) == MAX_PLAN_CHANGES
    assert changes.more == len(cell_changes(before, after)) - MAX_PLAN_CHANGES > 0
    assert len(diff_plans(before, after).indicators_changed) == 300
