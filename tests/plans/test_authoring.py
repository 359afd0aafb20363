"""The authoring services: success, refusal, and nothing changed after a refusal."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from kormo.domain import plan as d
from kormo.domain.cells import SheetError
from kormo.domain.values import Blank, DateValue, Number
from kormo.plans import models as m
from kormo.plans.authoring import (
    AuthoringError,
    LockConflict,
    PlanNotEditable,
    plan_create_from_template,
    plan_save_sections,
    plan_save_table,
)
from kormo.plans.convert import plan_save_from_domain, plan_to_domain
from kormo.plans.sheet import default_columns, sheet_rows
from kormo.progress.carry_forward import plan_carry_forward
from tests.plans.builders import row_counts, typed_sections
from tests.web.world import World, build_world
from tests.world import save_as_current, seed_plan, small_apa

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def _state(plan: m.Plan) -> tuple:
    plan.refresh_from_db()
    return row_counts(), plan.lock_version, plan_to_domain(plan.pk)


# ---------------------------------------------------------------- from a template


def test_a_plan_is_created_from_the_years_template(world: World) -> None:
    focal, x = world.users["focal"], world.offices["X"]
    template = world.templates["T"]
    plan = plan_create_from_template(office=x, template=template, fiscal_year="২০২২-২৩",
                                     actor=focal)
    got = plan_to_domain(plan.pk)
    source = plan_to_domain(template.pk)
    assert (plan.state, plan.is_template, plan.fiscal_year, plan.kind) == (
        "draft", False, "2022-23", "integrity")
    assert (plan.created_by, plan.updated_by, plan.office) == (focal, focal, x)
    assert got.areas == source.areas
    assert (got.office, got.office_tier, got.supervisor) == (x.name, d.Tier.DISTRICT,
                                                             world.offices["D"].name)


@pytest.mark.parametrize("case", ["other_year", "other_tier", "not_below", "duplicate",
                                  "not_template"])
def test_creating_from_a_template_is_refused_and_changes_nothing(world: World, case: str):
    x, focal = world.offices["X"], world.users["focal"]
    template, year = world.templates["T"], "2022-23"
    if case == "other_year":
        year = "2023-24"
    elif case == "other_tier":
        m.Plan.objects.filter(pk=template.pk).update(template_tier="upazila")
        template.refresh_from_db()
    elif case == "not_below":
        template = world.templates["Y"]  # a sibling's template
    elif case == "duplicate":
        plan_create_from_template(office=x, template=template, fiscal_year=year, actor=focal)
    elif case == "not_template":
        template = world.plans["D"]
    before = row_counts()
    with pytest.raises(AuthoringError) as err:
        plan_create_from_template(office=x, template=template, fiscal_year=year, actor=focal)
    assert err.value.bn and err.value.en and err.value.bn != err.value.en
    assert row_counts() == before


# ---------------------------------------------------------------- carry forward


def test_carrying_forward_turns_achievements_into_actuals_and_projections_into_targets(
        world: World) -> None:
    x, focal = world.offices["X"], world.users["focal"]
    last = dataclasses.replace(
        small_apa(x, "2023-24"), id="last",
        areas=(d.Area("1", "ক্ষেত্র", Decimal(100), activities=(d.Activity("1.1", "কা", (
            d.Indicator(number="1.1.1", name="প্রশিক্ষণ", unit=d.Unit.COUNT,
                        weight=Decimal(100), calculation_method=d.CalculationMethod.SUM,
                        actuals=(d.YearValue("2021-22", Number(Decimal(80))),
                                 d.YearValue("2022-23", Number(Decimal(90)), True)),
                        levels=d.TargetLevels(Number(Decimal(100)), Number(Decimal(90))),
                        projections=(d.YearValue("2024-25", Number(Decimal(120))),
                                     d.YearValue("2025-26", Number(Decimal(130))))),
            d.Indicator(number="1.1.2", name="তারিখ", unit=d.Unit.DATE,
                        annual_target=DateValue(dt.date(2024, 6, 30))),
        )),)),),
        progress=(
            d.ProgressValue("1.1.1", d.Quarter.Q1, Number(Decimal(30))),
            d.ProgressValue("1.1.1", d.Quarter.Q2, Number(Decimal(40))),
            d.ProgressValue("1.1.1", d.Quarter.Q3, Blank()),
            d.ProgressValue("1.1.1", d.Quarter.Q4, Number(Decimal(45))),
        ),
    )
    previous = plan_save_from_domain(plan=last, office=x)
    plan = plan_carry_forward(office=x, previous_plan=previous, fiscal_year="2024-25",
                              actor=focal)
    got = plan_to_domain(plan.pk).indicators
    assert got[0].actuals == (d.YearValue("2022-23", Number(Decimal(90))),
                              d.YearValue("2023-24", Number(Decimal(115)), True))
    assert got[0].levels == d.TargetLevels(v100=Number(Decimal(120)))
    assert got[0].projections == (d.YearValue("2025-26", Number(Decimal(130))),
                                  d.YearValue("2026-27", None))
    assert got[1].annual_target is None  # last year's date is never this year's
    assert plan_to_domain(plan.pk).progress == ()
    assert (plan.fiscal_year, plan.state, plan.created_by) == ("2024-25", "draft", focal)


def test_carrying_forward_someone_elses_or_a_wrong_years_plan_is_refused(world: World):
    x, focal = world.offices["X"], world.users["focal"]
    before = row_counts()
    with pytest.raises(AuthoringError, match="previous plan is not this office's"):
        plan_carry_forward(office=x, previous_plan=world.plans["U"], fiscal_year="2023-24",
                           actor=focal)
    with pytest.raises(AuthoringError, match="fiscal year before"):
        plan_carry_forward(office=x, previous_plan=world.plans["X"], fiscal_year="2024-25",
                           actor=focal)
    assert row_counts() == before


# ---------------------------------------------------------------- the table


@pytest.fixture
def seed_000(world: World) -> m.Plan:
    return save_as_current(plan=seed_plan("000"), office=world.offices["X"])


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_saving_the_table_as_shown_keeps_the_plan_and_takes_the_next_lock(
        world: World, seed_000: m.Plan, lang: str) -> None:
    domain = plan_to_domain(seed_000.pk)
    rows = sheet_rows(domain, default_columns(domain), lang)
    saved = plan_save_table(plan=seed_000, rows=rows, expected_lock_version=0,
                            actor=world.users["focal"])
    assert plan_to_domain(saved.pk) == domain
    assert (saved.pk, saved.lock_version, saved.updated_by) == (seed_000.pk, 1,
                                                                world.users["focal"])


def test_typed_cells_in_bengali_or_latin_digits_are_read(world: World, seed_000: m.Plan):
    domain = plan_to_domain(seed_000.pk)
    rows = sheet_rows(domain, default_columns(domain), "bn")
    rows[0] |= {"weight": "৩", "level_100": "১,২০০", "level_90": "1100"}
    rows[1] |= {"weight": "6"}
    saved = plan_save_table(plan=seed_000, rows=rows, expected_lock_version=0, actor=None)
    first, second = plan_to_domain(saved.pk).indicators[:2]
    assert (first.weight, first.levels.v100, first.levels.v90, second.weight) == (
        Decimal(3), Number(Decimal(1200)), Number(Decimal(1100)), Decimal(6))


def test_bad_cells_are_named_in_both_languages_and_nothing_is_saved(
        world: World, seed_000: m.Plan) -> None:
    domain = plan_to_domain(seed_000.pk)
    rows = sheet_rows(domain, default_columns(domain), "bn")
    rows[2] |= {"weight": "চার", "level_100": "৩১/০২/২০২৩"}
    rows[3] |= {"unit": "kilograms"}
    before = _state(seed_000)
    with pytest.raises(SheetError) as err:
        plan_save_table(plan=seed_000, rows=rows, expected_lock_version=0, actor=None)
    cells = {(p.row, p.field) for p in err.value.problems}
    assert cells == {(2, "weight"), (2, "level_100"), (3, "unit")}
    weight = next(p for p in err.value.problems if p.field == "weight")
    assert "চার" in weight.bn and "not understood" not in weight.bn
    assert weight.en.startswith("“চার” is not a number") or "number" in weight.en
    assert _state(seed_000) == before


def test_a_stale_lock_version_is_refused_and_nothing_is_overwritten(
        world: World, seed_000: m.Plan) -> None:
    domain = plan_to_domain(seed_000.pk)
    rows = sheet_rows(domain, default_columns(domain), "bn")
    plan_save_table(plan=seed_000, rows=rows, expected_lock_version=0, actor=None)  # first
    rows[0] |= {"name": "পরে লেখা"}
    before = _state(seed_000)
    with pytest.raises(LockConflict) as err:
        plan_save_table(plan=seed_000, rows=rows, expected_lock_version=0, actor=None)
    assert "অন্য কেউ" in err.value.bn and "Someone else saved this plan" in err.value.en
    assert _state(seed_000) == before


def test_only_drafts_and_returned_plans_are_edited(world: World, seed_000: m.Plan) -> None:
    domain = plan_to_domain(seed_000.pk)
    rows = sheet_rows(domain, default_columns(domain), "bn")
    for state, allowed in (("submitted", False), ("signed", False), ("returned", True)):
        m.Plan.objects.filter(pk=seed_000.pk).update(state=state)
        seed_000.refresh_from_db()
        before = _state(seed_000)
        if allowed:
            plan_save_table(plan=seed_000, rows=rows, expected_lock_version=before[1],
                            actor=None)
            continue
        with pytest.raises(PlanNotEditable) as err:
            plan_save_table(plan=seed_000, rows=rows, expected_lock_version=before[1],
                            actor=None)
        assert "খসড়া" in err.value.bn and "draft" in err.value.en
        assert _state(seed_000) == before


def test_rows_build_areas_activities_and_empty_parts(world: World) -> None:
    """Seed 002's shape: an area with no indicators, a section to choose 3 from, money."""
    plan = save_as_current(plan=small_apa(world.offices["X"]), office=world.offices["X"])
    rows = [
        {"area_number": "১", "area_name": "প্রাতিষ্ঠানিক ব্যবস্থা", "area_weight": "১১",
         "activity_number": "১.১", "activity_name": "নৈতিকতা কমিটির সভা", "number": "১.১.১",
         "name": "আনুষ্ঠিত সভা", "unit": "count", "weight": "৪", "annual_target": "৪",
         "q1": "১", "q2": "১", "q3": "১", "q4": "১", "responsible": "ইউসিও"},
        {"area_number": "৩", "area_name": "আইন/বিধি", "area_weight": "১০"},
        {"area_number": "৮", "area_name": "অন্যান্য", "area_weight": "৬", "area_choose": "৩",
         "activity_number": "৮.১", "activity_name": "স্বাস্থ্যবিধি", "activity_na_tiers": "উপজেলা",
         "number": "৮.১.১", "name": "বরাদ্দ", "unit": "lakh_taka", "weight": "৬",
         "annual_target": "১২,০০০/-", "q1": "৩,০০০/-", "q2": "-"},
    ]
    plan_save_table(plan=plan, rows=rows, expected_lock_version=0, actor=None, columns=None)
    areas = plan_to_domain(plan.pk).areas
    assert [(a.number, a.weight, len(a.activities)) for a in areas] == [
        ("1", Decimal(11), 1), ("3", Decimal(10), 0), ("8", Decimal(6), 1)]
    money = areas[2].activities[0]
    assert (areas[2].choose_at_least, money.not_applicable_tiers) == (3, (d.Tier.UPAZILA,))
    from kormo.domain.values import Money
    assert money.indicators[0].annual_target == Money(Decimal(12000))
    assert money.indicators[0].quarterly_targets == ((d.Quarter.Q1, Money(Decimal(3000))),
                                                     (d.Quarter.Q2, Blank("-")))


# ---------------------------------------------------------------- the other parts


@pytest.mark.parametrize(("prefix", "kind"), [("000", None), ("003", None),
                                              ("004", d.PlanKind.INNOVATION_REGISTER)])
def test_every_part_of_the_seed_documents_can_be_written(world: World, prefix: str, kind):
    source = seed_plan(prefix, kind)
    empty = dataclasses.replace(
        source, overview=None, preamble_parties=(), preamble="", vision="", mission="",
        functions=(), outcomes=(), acronyms=(), commitments=(), work_items=(),
        register=(), notes=(), title="", supervisor="",
        areas=tuple(dataclasses.replace(a, activities=tuple(dataclasses.replace(
            act, indicators=tuple(dataclasses.replace(
                i, implementing_unit="", evidence="", dependency=None)
                for i in act.indicators)) for act in a.activities)) for a in source.areas))
    plan = save_as_current(plan=empty, office=world.offices["X"])
    plan_save_sections(plan=plan, sections=typed_sections(source), expected_lock_version=0,
                       actor=world.users["focal"])
    assert plan_to_domain(plan.pk) == source


def test_bad_dates_in_the_parts_are_refused_in_both_languages(world: World) -> None:
    plan = save_as_current(plan=seed_plan("000"), office=world.offices["X"])
    before = _state(plan)
    with pytest.raises(SheetError) as err:
        plan_save_sections(plan=plan, sections={"register": [
            {"number": "১", "name": "ই-নথি", "order_date": "৩২/১৩/২০২২"}]},
            expected_lock_version=0, actor=None)
    problem = err.value.problems[0]
    assert (problem.row, problem.field) == (0, "register.order_date")
    assert problem.bn and problem.en and problem.bn != problem.en
    assert _state(plan) == before


def test_a_stale_sections_save_is_refused(world: World) -> None:
    plan = save_as_current(plan=seed_plan("000"), office=world.offices["X"])
    plan_save_sections(plan=plan, sections={"notes": "এক"}, expected_lock_version=0,
                       actor=None)
    before = _state(plan)
    with pytest.raises(LockConflict):
        plan_save_sections(plan=plan, sections={"notes": "দুই"}, expected_lock_version=0,
                           actor=None)
    assert _state(plan) == before
    assert plan_to_domain(plan.pk).notes == ("এক",)
