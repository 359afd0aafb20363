"""Edits in place: saving the editor writes the rows that changed, and areas, activities and
indicators keep their ids (history, progress and evidence point at them); a one-cell edit costs
a constant, small number of queries whatever the plan's size."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kormo.domain import plan as d
from kormo.plans import models as m
from kormo.plans.authoring import plan_save_sections, plan_save_table
from kormo.plans.convert import plan_to_domain
from kormo.plans.selectors import sections_initial
from kormo.plans.sheet import default_columns, sheet_rows
from tests.plans.builders import sized_plan, typed_sections
from tests.web.world import World, build_world
from tests.world import save_as_current, seed_plan

pytestmark = pytest.mark.django_db

# The claim (1), the plan row (1), the parts the page shows (texts, parties, outcomes and
# their values, acronyms, the area tree: 9), the changed row (1), the history (1). The issue
# asks for at most 15.
ONE_CELL_SECTIONS = 13
# The claim, the plan row, the area tree (4), the changed indicator, the history.
ONE_CELL_TABLE = 8


@pytest.fixture
def world(settings) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


def _ids(plan: m.Plan) -> dict[str, list[tuple]]:
    return {
        "areas": sorted(m.Area.objects.filter(plan=plan).values_list("pk", "kind", "number")),
        "activities": sorted(m.Activity.objects.filter(area__plan=plan).values_list(
            "pk", "area_id", "number")),
        "indicators": sorted(m.Indicator.objects.filter(plan=plan).values_list("pk", "ref")),
    }


def _statements(ctx: CaptureQueriesContext) -> list[str]:
    """The statements run, without the savepoints of the test's own transaction (a request
    commits once; Django does not log BEGIN and COMMIT)."""
    return [q["sql"] for q in ctx.captured_queries
            if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]


def _writes(ctx: CaptureQueriesContext) -> list[str]:
    return [sql.split()[0] for sql in _statements(ctx) if not sql.startswith("SELECT")]


def _shown(plan: d.Plan) -> dict:
    """The parts the sections page shows for `plan`, as it posts them."""
    shown = sections_initial(plan, "bn")["shown"]
    return {name: value for name, value in typed_sections(plan).items() if name in shown}


def test_a_one_cell_sections_edit_of_seed_000_is_cheap_and_keeps_every_id(world: World):
    source = seed_plan("000")
    plan = save_as_current(plan=source, office=world.offices["X"])
    ids = _ids(plan)
    sections = _shown(source)  # the whole page, as the editor posts it
    sections["section1"] = {**sections["section1"], "vision": "নতুন রূপকল্প"}
    with CaptureQueriesContext(connection) as ctx:
        plan_save_sections(plan=plan, sections=sections, expected_lock_version=0,
                           actor=world.users["focal"])
    assert len(_statements(ctx)) == ONE_CELL_SECTIONS <= 15
    # The claim, the vision, the history: nothing else is written.
    assert _writes(ctx) == ["UPDATE", "UPDATE", "INSERT"]
    assert _ids(plan) == ids
    assert plan_to_domain(plan.pk) == dataclasses.replace(source, vision="নতুন রূপকল্প")
    assert (plan.vision, plan.lock_version) == ("নতুন রূপকল্প", 1)


def test_a_one_cell_table_edit_of_seed_000_is_cheap_and_keeps_every_id(world: World):
    plan = save_as_current(plan=seed_plan("000"), office=world.offices["X"])
    domain = plan_to_domain(plan.pk)
    ids = _ids(plan)
    rows = sheet_rows(domain, default_columns(domain), "bn")
    rows[0] |= {"weight": "৭"}
    with CaptureQueriesContext(connection) as ctx:
        plan_save_table(plan=plan, rows=rows, expected_lock_version=0, actor=None)
    assert len(_statements(ctx)) == ONE_CELL_TABLE <= 15
    assert _writes(ctx) == ["UPDATE", "UPDATE", "INSERT"]
    assert _ids(plan) == ids
    first = plan_to_domain(plan.pk).indicators[0]
    assert first.weight == Decimal(7)


@pytest.mark.parametrize("size", [5, 80])
def test_a_one_cell_table_edit_costs_the_same_for_any_size(world: World, size: int):
    plan = save_as_current(plan=sized_plan(size, plan_id=f"s{size}"),
                                 office=world.offices["X"])
    domain = plan_to_domain(plan.pk)
    rows = sheet_rows(domain, default_columns(domain), "bn")
    target = next(i for i, r in enumerate(rows) if r["number"] == f"1.1.{min(size, 5)}")
    rows[target] |= {"level_100": "১২৩"}
    with CaptureQueriesContext(connection) as ctx:
        plan_save_table(plan=plan, rows=rows, expected_lock_version=0, actor=None)
    assert len(_statements(ctx)) == ONE_CELL_TABLE
    assert plan_to_domain(plan.pk).indicators[min(size, 5) - 1].levels.v100.value == 123


def _edit_tree(plan: d.Plan) -> d.Plan:
    """Drop indicator 1.1.2, move 1.2.1 to the front of activity 1.1, add a new activity."""
    area = plan.areas[0]
    a11, a12, *rest = area.activities
    moved = a12.indicators[0]
    a11 = dataclasses.replace(a11, indicators=(dataclasses.replace(moved, number="1.1.9"),
                                               *(i for i in a11.indicators
                                                 if i.number != "1.1.2")))
    a12 = dataclasses.replace(a12, indicators=a12.indicators[1:])
    new = d.Activity(number="1.9", name="নতুন কার্যক্রম", indicators=(d.Indicator(
        number="1.9.1", name="নতুন সূচক", unit=d.Unit.COUNT, weight=Decimal(1),
        # The table's year columns, empty (as the editor's grid gives them).
        actuals=(d.YearValue("2021-22", None),), projections=(d.YearValue("2023-24", None),)),))
    return dataclasses.replace(plan, areas=(
        dataclasses.replace(area, activities=(a11, a12, *rest, new)), *plan.areas[1:]))


def test_rows_added_removed_and_moved_keep_the_others_ids(world: World) -> None:
    source = sized_plan(15)
    plan = save_as_current(plan=source, office=world.offices["X"])
    before = dict((ref, pk) for pk, ref in _ids(plan)["indicators"])
    edited = _edit_tree(source)
    rows = sheet_rows(edited, default_columns(edited), "bn")
    plan_save_table(plan=plan, rows=rows, expected_lock_version=0, actor=None)
    assert plan_to_domain(plan.pk) == edited
    after = dict((ref, pk) for pk, ref in _ids(plan)["indicators"])
    assert "1.1.2" not in after and after["1.9.1"] not in before.values()
    # Every indicator that stayed (numbered as before) kept its id.
    assert {r: after[r] for r in before if r in after} == {r: before[r] for r in after
                                                          if r in before}
    assert len([r for r in before if r in after]) == 15 - 2  # 1.1.2 gone, 1.2.1 renumbered


def test_a_table_edit_leaves_the_plans_progress_alone(world: World) -> None:
    from kormo.progress.models import ReportedValue

    plan = save_as_current(plan=seed_plan("002"), office=world.offices["X"])
    before = plan_to_domain(plan.pk)
    values = sorted(ReportedValue.objects.filter(plan=plan).values_list("pk", "indicator_ref"))
    assert before.progress and values
    rows = sheet_rows(before, default_columns(before), "en")
    rows[0] |= {"weight": "3"}
    plan_save_table(plan=plan, rows=rows, expected_lock_version=0, actor=None)
    after = plan_to_domain(plan.pk)
    assert after.progress == before.progress and after.indicators[0].weight == Decimal(3)
    assert sorted(ReportedValue.objects.filter(plan=plan).values_list(
        "pk", "indicator_ref")) == values
