"""Setting up a year: opening it, deadlines per event and tier, templates in and out."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from kormo.domain import plan as d
from kormo.domain.planformat import PlanFormatError, dumps
from kormo.plans import models as pm
from kormo.plans.convert import plan_to_domain
from kormo.plans.sheet import SheetError
from kormo.years.models import Deadline, FiscalYearSetup
from kormo.years.services import (
    YearError,
    template_create,
    template_export,
    template_import,
    year_deadlines_save,
    year_open,
)
from tests.plans.builders import row_counts
from tests.web.world import World, build_world
from tests.world import seed_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def test_a_year_opens_once_in_either_script(world: World) -> None:
    year = year_open(fiscal_year="২০২৩-২৪", actor=world.users["admin_top"])
    assert (year.fiscal_year, year.is_open, year.opened_by) == ("2023-24", True,
                                                                 world.users["admin_top"])
    with pytest.raises(YearError, match="already open"):
        year_open(fiscal_year="2023-24", actor=None)
    assert FiscalYearSetup.objects.count() == 2


def test_deadlines_per_event_and_tier_read_bengali_dates(world: World) -> None:
    year = FiscalYearSetup.objects.get(fiscal_year="2022-23")
    year_deadlines_save(year=year, actor=None, rows=[
        {"event": "Q1", "tier": "upazila", "opens_on": "০১/১০/২০২২", "due_on": "১০.১০.২০২২"},
        {"event": "Q1", "tier": "district", "opens_on": "", "due_on": "15/10/2022"},
        {"event": "Q2", "tier": "", "opens_on": "", "due_on": ""},  # no deadline
    ])
    assert sorted(Deadline.objects.values_list("event", "tier", "opens_on", "due_on")) == [
        ("Q1", "district", None, dt.date(2022, 10, 15)),
        ("Q1", "upazila", dt.date(2022, 10, 1), dt.date(2022, 10, 10)),
    ]


def test_bad_deadlines_are_refused_and_the_old_ones_stay(world: World) -> None:
    year = FiscalYearSetup.objects.get(fiscal_year="2022-23")
    year_deadlines_save(year=year, actor=None, rows=[{"event": "Q1", "tier": "",
                                                      "due_on": "15/10/2022"}])
    before = list(Deadline.objects.values_list("event", "tier", "due_on"))
    with pytest.raises(SheetError) as err:
        year_deadlines_save(year=year, actor=None, rows=[
            {"event": "Q1", "tier": "", "opens_on": "২০/১০/২০২২", "due_on": "১৫/১০/২০২২"},
            {"event": "Q2", "tier": "", "due_on": "৩১/০২/২০২৩"},
            {"event": "Q3", "tier": "", "opens_on": "১/১/২০২৩", "due_on": ""},
        ])
    assert [(p.row, p.field) for p in err.value.problems] == [
        (0, "opens_on"), (1, "due_on"), (2, "due_on")]
    assert all(p.bn and p.en for p in err.value.problems)
    assert list(Deadline.objects.values_list("event", "tier", "due_on")) == before


def test_templates_are_imported_exported_and_replaced(world: World) -> None:
    top = world.offices["T"]
    source = seed_plan("001", d.PlanKind.CITIZENS_CHARTER)
    saved = template_import(office=top, data=dumps([source]).encode(), fiscal_year="2022-23",
                            tier=d.Tier.UPAZILA, actor=world.users["admin_top"])
    assert [(t.kind, t.is_template, t.template_tier, t.fiscal_year) for t in saved] == [
        ("citizens_charter", True, "upazila", "2022-23")]
    stored = plan_to_domain(saved[0].pk)
    assert stored.areas == source.areas  # with the notes on activities not for upazilas
    assert stored.areas[0].activities[1].not_applicable_tiers == (d.Tier.UPAZILA,)
    again = template_import(office=top, data=template_export(saved[0]).encode(),
                            fiscal_year="2022-23", tier=d.Tier.UPAZILA, actor=None)
    assert plan_to_domain(again[0].pk).areas == source.areas
    assert not pm.Plan.objects.filter(pk=saved[0].pk).exists()  # replaced, not doubled


@pytest.mark.parametrize("data", [b"{not json", b'{"format": "kormo-plan", "plans": 3}',
                                  "ঠিক নয়".encode()])
def test_a_bad_template_file_saves_nothing_and_says_why_in_both_languages(world: World, data):
    before = row_counts()
    with pytest.raises(PlanFormatError) as err:
        template_import(office=world.offices["T"], data=data, fiscal_year="2022-23", tier=None,
                        actor=None)
    assert err.value.bn and err.value.en and err.value.bn != err.value.en
    assert row_counts() == before


def test_an_empty_template_is_created_for_a_tier(world: World) -> None:
    t = template_create(office=world.offices["T"], kind=d.PlanKind.RIGHT_TO_INFORMATION,
                        tier=d.Tier.DISTRICT, fiscal_year="2022-23", actor=None)
    assert (t.is_template, t.template_tier, t.kind, t.state) == (
        True, "district", "right_to_information", "draft")


# ---------------------------------------------------------------- history


def test_a_year_opened_and_its_deadlines_changed_are_kept_with_who(world: World) -> None:
    from kormo.audit.models import ChangeRecord

    admin = world.users["admin_top"]
    year = year_open(fiscal_year="2023-24", actor=admin)
    opened = ChangeRecord.objects.get(action="year.open")
    assert (opened.actor, opened.object_id, opened.after) == (
        admin, str(year.pk), {"fiscal_year": "2023-24", "is_open": True})
    year_deadlines_save(year=year, actor=admin, rows=[
        {"event": "Q1", "tier": "upazila", "opens_on": "০১/১০/২০২৩", "due_on": "১০.১০.২০২৩"},
        {"event": "Q1", "tier": "", "due_on": "15/10/2023"},
    ])
    year_deadlines_save(year=year, actor=admin, rows=[
        {"event": "Q1", "tier": "upazila", "opens_on": "০১/১০/২০২৩", "due_on": "১২.১০.২০২৩"},
        {"event": "Q1", "tier": "", "due_on": "15/10/2023"},
        {"event": "plan_submission", "tier": "ministry", "due_on": "30/06/2023"},
    ])
    first, second = ChangeRecord.objects.filter(action="year.deadlines").order_by("pk")
    assert (first.actor, first.before, first.after) == (admin, {"Q1 upazila": None, "Q1 *": None}, {
        "Q1 upazila": {"opens_on": "2023-10-01", "due_on": "2023-10-10"},
        "Q1 *": {"opens_on": None, "due_on": "2023-10-15"}})
    # Only what changed: the upazila due date and the new plan deadline.
    assert second.before == {"Q1 upazila": {"opens_on": "2023-10-01", "due_on": "2023-10-10"},
                             "plan_submission ministry": None}
    assert second.after == {"Q1 upazila": {"opens_on": "2023-10-01", "due_on": "2023-10-12"},
                            "plan_submission ministry": {"opens_on": None,
                                                         "due_on": "2023-06-30"}}
    assert second.object_label == "2023-24: Q1 upazila, plan_submission ministry"
    # Saving the same deadlines again, or refused ones, adds nothing.
    year_deadlines_save(year=year, actor=admin, rows=[
        {"event": "Q1", "tier": "upazila", "opens_on": "০১/১০/২০২৩", "due_on": "১২.১০.২০২৩"},
        {"event": "Q1", "tier": "", "due_on": "15/10/2023"},
        {"event": "plan_submission", "tier": "ministry", "due_on": "30/06/2023"},
    ])
    with pytest.raises(SheetError):
        year_deadlines_save(year=year, actor=admin, rows=[{"event": "Q9", "due_on": "1/7/23"}])
    assert ChangeRecord.objects.filter(action="year.deadlines").count() == 2


def test_a_replaced_template_keeps_the_cells_that_changed(world: World) -> None:
    from kormo.audit.models import ChangeRecord

    admin, top = world.users["admin_top"], world.offices["T"]
    source = seed_plan("001", d.PlanKind.CITIZENS_CHARTER)
    [first] = template_import(office=top, data=dumps([source]).encode(), fiscal_year="2022-23",
                              tier=d.Tier.UPAZILA, actor=admin)
    created = ChangeRecord.objects.get(action="template.create", plan=first)
    assert (created.actor, created.after) == (admin, {
        "kind": "citizens_charter", "fiscal_year": "2022-23", "tier": "upazila",
        "indicators": len(source.indicators)})
    ind = source.areas[0].activities[0].indicators[0]
    edited = dataclasses.replace(source, areas=(dataclasses.replace(
        source.areas[0], activities=(dataclasses.replace(
            source.areas[0].activities[0], indicators=(dataclasses.replace(
                ind, weight=ind.weight + 1), *source.areas[0].activities[0].indicators[1:])),
            *source.areas[0].activities[1:])), *source.areas[1:]))
    [second] = template_import(office=top, data=dumps([edited]).encode(),
                               fiscal_year="2022-23", tier=d.Tier.UPAZILA, actor=admin)
    replaced = ChangeRecord.objects.get(action="template.replace")
    place = f"[{ind.number}] weight"
    assert (replaced.plan_id, replaced.actor) == (second.pk, admin)
    assert replaced.before == {"template": [first.pk], place: str(ind.weight)}
    assert replaced.after == {"template": second.pk, place: str(ind.weight + 1)}
    assert replaced.object_label == place


def test_a_refusal_carries_its_code(world: World) -> None:
    from kormo.years.services import YearErrorCode

    year_open(fiscal_year="2024-25", actor=world.users["admin_top"])
    with pytest.raises(YearError) as refused:
        year_open(fiscal_year="২০২৪-২৫", actor=world.users["admin_top"])
    assert refused.value.code is YearErrorCode.ALREADY_OPEN
