"""Every edit of a draft is kept in the plan's history: who, when, and each changed cell's
value before and after (issue "Every change to a plan ... is kept ... and can be read on the
page"). Plans created from a template or carried forward say where they came from."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kormo.audit.models import ChangeRecord
from kormo.domain import plan as d
from kormo.domain.cells import SheetError
from kormo.domain.diff import MAX_PLAN_CHANGES, plan_changes
from kormo.domain.values import Number
from kormo.plans import models as m
from kormo.plans.authoring import (
    LockConflict,
    plan_create_from_template,
    plan_save_sections,
    plan_save_table,
)
from kormo.plans.convert import plan_to_domain
from kormo.plans.selectors import history_for_plan
from kormo.plans.sheet import default_columns, sheet_rows
from kormo.progress.carry_forward import plan_carry_forward
from tests.plans.builders import sized_plan
from tests.web.world import World, build_world
from tests.world import PASSWORD, save_as_current

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def _rows(plan: m.Plan, lang: str = "bn") -> list[dict[str, str]]:
    domain = plan_to_domain(plan.pk)
    return sheet_rows(domain, default_columns(domain), lang)


def test_a_changed_cell_is_kept_with_its_value_before_and_after_and_the_actor(
        world: World) -> None:
    focal, plan = world.users["focal"], world.plans["X"]
    rows = _rows(plan)
    assert rows[0]["number"] == "1.1.1" and rows[0]["weight"] == "৪০"
    rows[0] |= {"weight": "৩৫", "level_90": "৮"}
    rows[1] |= {"weight": "৩৫"}
    plan_save_table(plan=plan, rows=rows, expected_lock_version=0, actor=focal)

    [record] = history_for_plan(plan=plan)
    assert (record.action, record.actor, record.actor_name, record.plan_id) == (
        "plan.edit_table", focal, "focal", plan.pk)
    assert record.before == {"[1.1.1] weight": "40", "[1.1.1] levels 90": "9",
                             "[1.1.2] weight": "30"}
    assert record.after == {"[1.1.1] weight": "35", "[1.1.1] levels 90": "8",
                            "[1.1.2] weight": "35"}
    assert record.object_label == "[1.1.1] weight, [1.1.1] levels 90, [1.1.2] weight"


def test_the_history_page_shows_the_cell_the_values_and_who(world: World, client) -> None:
    focal, plan = world.users["focal"], world.plans["X"]
    rows = _rows(plan)
    rows[0] |= {"weight": "৩৫"}
    rows[1] |= {"weight": "৩৫"}
    plan_save_table(plan=plan, rows=rows, expected_lock_version=0, actor=focal)
    client.login(username="focal", password=PASSWORD)
    page = client.get(reverse("audit:history", args=[plan.pk])).content.decode()
    row = page[page.index('data-action="plan.edit_table"'):]
    row = row[:row.index("</ul>")]
    # Each change in words, Bengali digits in the place and the values; who did it.
    assert "[১.১.১] weight, [১.১.২] weight" in row
    assert "[১.১.১]-এর মান ৪০ থেকে ৩৫ করা হয়েছে" in row
    assert "[১.১.২]-এর মান ৩০ থেকে ৩৫ করা হয়েছে" in row
    assert '<strong data-testid="history-who">focal</strong>' in row


def test_governance_cells_are_named_with_their_g_prefix(world: World) -> None:
    plan = world.plans["X"]
    rows = _rows(plan, "en")
    governance = next(i for i, r in enumerate(rows) if r["area_kind"] == "governance")
    rows[governance] |= {"name": "শুদ্ধাচার কর্মপরিকল্পনা বাস্তবায়ন"}
    plan_save_table(plan=plan, rows=rows, expected_lock_version=0, actor=None)
    record = ChangeRecord.objects.get(action="plan.edit_table")
    assert record.before == {"[G1.1.1] name": "সূচক 1.1.1"}
    assert record.after == {"[G1.1.1] name": "শুদ্ধাচার কর্মপরিকল্পনা বাস্তবায়ন"}
    assert (record.actor, record.actor_name) == (None, "")


def test_added_and_removed_rows_are_kept_cell_by_cell(world: World) -> None:
    plan = world.plans["X"]
    rows = _rows(plan, "en")
    removed = rows.pop(1)  # [1.1.2]
    assert removed["number"] == "1.1.2"
    rows[0] |= {"weight": "70"}
    plan_save_table(plan=plan, rows=rows, expected_lock_version=0, actor=None)
    record = ChangeRecord.objects.get(action="plan.edit_table")
    assert record.before["[1.1.2] name"] == "সূচক 1.1.2"
    assert record.after["[1.1.2] name"] is None
    assert (record.before["[1.1.1] weight"], record.after["[1.1.1] weight"]) == ("40", "70")


def test_a_save_that_changes_nothing_records_nothing(world: World) -> None:
    plan = world.plans["X"]
    saved = plan_save_table(plan=plan, rows=_rows(plan), expected_lock_version=0, actor=None)
    assert saved.lock_version == 1
    assert not ChangeRecord.objects.filter(plan=plan).exists()


def test_a_refused_save_records_nothing(world: World) -> None:
    plan = world.plans["X"]
    rows = _rows(plan)
    rows[0] |= {"weight": "চার"}
    with pytest.raises(SheetError):
        plan_save_table(plan=plan, rows=rows, expected_lock_version=0, actor=None)
    rows[0] |= {"weight": "৪১"}
    with pytest.raises(LockConflict):
        plan_save_table(plan=plan, rows=rows, expected_lock_version=7, actor=None)
    assert not ChangeRecord.objects.filter(plan=plan).exists()


def test_the_other_parts_are_kept_by_part_and_line(world: World) -> None:
    head, plan = world.users["focal"], world.plans["X"]
    plan_save_sections(plan=plan, expected_lock_version=0, actor=head, sections={
        "section1": {"vision": "দক্ষ সেবা", "mission": "", "functions": "এক\nদুই"},
        "acronyms": [{"short": "আইসিটি", "meaning": "তথ্য ও যোগাযোগ প্রযুক্তি"}],
    })
    record = ChangeRecord.objects.get(action="plan.edit_sections")
    assert record.before == {"vision": None, "functions 1": None, "functions 2": None,
                             "acronyms 1 short": None, "acronyms 1 meaning": None}
    assert record.after == {"vision": "দক্ষ সেবা", "functions 1": "এক", "functions 2": "দুই",
                            "acronyms 1 short": "আইসিটি",
                            "acronyms 1 meaning": "তথ্য ও যোগাযোগ প্রযুক্তি"}
    assert record.actor == head
    plan.refresh_from_db()
    plan_save_sections(plan=plan, expected_lock_version=plan.lock_version, actor=head,
                       sections={"section1": {"vision": "দক্ষ ও দ্রুত সেবা", "mission": "",
                                              "functions": "এক\nদুই"}})
    latest = history_for_plan(plan=plan)[0]
    assert (latest.before, latest.after) == ({"vision": "দক্ষ সেবা"},
                                             {"vision": "দক্ষ ও দ্রুত সেবা"})


def test_a_whole_plan_rewritten_keeps_the_first_cells_and_a_count() -> None:
    before = sized_plan(60)
    after = dataclasses.replace(before, areas=tuple(
        dataclasses.replace(a, activities=tuple(
            dataclasses.replace(act, indicators=tuple(
                dataclasses.replace(i, name=i.name + " (নতুন)",
                                    levels=d.TargetLevels(Number(Decimal(1))))
                for i in act.indicators))
            for act in a.activities))
        for a in before.areas))
    changes = plan_changes(before, after)
    assert len(changes.places) == MAX_PLAN_CHANGES
    assert changes.more == 60 * 6 - MAX_PLAN_CHANGES  # name and five levels each
    assert changes.places[0] == "[1.1.1] name"
    assert changes.label.startswith("[1.1.1] name, [1.1.1] levels 100, [1.1.1] levels 90")
    assert changes.label.endswith(f"… (+{60 * 6 - 6})")


def _save_queries(world: World, size: int) -> tuple[int, int]:
    """The save's queries other than inserts, and those writing the history."""
    plan = save_as_current(plan=sized_plan(size, plan_id=f"s{size}"),
                                 office=world.offices["X"])
    rows = _rows(plan)
    for row in rows:
        if row["number"]:
            row["weight"] = "২"  # every indicator changes
    with CaptureQueriesContext(connection) as ctx:
        plan_save_table(plan=plan, rows=rows, expected_lock_version=0, actor=None)
    assert ChangeRecord.objects.filter(plan=plan).count() == 1
    sql = [q["sql"] for q in ctx.captured_queries]
    return (sum(1 for s in sql if not s.startswith("INSERT")),
            sum(1 for s in sql if s.startswith('INSERT INTO "audit_changerecord"')))


def test_a_recorded_save_costs_the_same_queries_for_5_or_60_indicators(world: World) -> None:
    # Inserts are left out: SQLite splits bulk inserts into batches (convert's, not ours).
    small, large = _save_queries(world, 5), _save_queries(world, 60)
    assert small == large and large[1] == 1


# ---------------------------------------------------------------- new plans


def test_a_plan_from_a_template_says_which_template(world: World) -> None:
    focal, x, template = world.users["focal"], world.offices["X"], world.templates["T"]
    plan = plan_create_from_template(office=x, template=template, fiscal_year="2022-23",
                                     actor=focal)
    [record] = history_for_plan(plan=plan)
    assert (record.action, record.actor, record.before) == ("plan.create_from_template", focal,
                                                            None)
    assert record.after == {"template": template.pk, "template_id": "tpl-T",
                            "template_tier": "", "kind": "integrity", "fiscal_year": "2022-23",
                            "indicators": 3}


def test_a_carried_forward_plan_says_where_it_came_from(world: World) -> None:
    focal, x = world.users["focal"], world.offices["X"]
    previous = world.plans["X"]
    plan = plan_carry_forward(office=x, previous_plan=previous, fiscal_year="2023-24",
                              actor=focal)
    [record] = history_for_plan(plan=plan)
    assert (record.action, record.actor, record.plan_id) == ("plan.carry_forward", focal,
                                                             plan.pk)
    assert record.after == {"from_plan": previous.pk, "from_fiscal_year": "2022-23",
                            "last_year_actuals": "provisional", "governance_computed": {},
                            "governance_not_computed": [], "indicators": 3}
