"""The editor's grid read straight from the tables (`convert.load_grid.plan_grid`) is the grid
of the domain plan (`sheet.sheet_grid(plan_to_domain(...))`), cell for cell, in both
languages, for the seeds and for generated plans; and it costs `GRID_QUERIES` queries
whatever the plan's size."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kormo.domain import plan as d
from kormo.domain.values import (
    Blank,
    DateValue,
    Money,
    MonthValue,
    NotApplicable,
    Number,
    Percent,
)
from kormo.offices.models import Office
from kormo.offices.services import office_create
from kormo.plans.convert import GRID_QUERIES, plan_grid, plan_save_from_domain, plan_to_domain
from kormo.plans.models import Plan
from kormo.plans.sheet import sheet_grid
from tests.plans.builders import rich_plan, sized_plan
from tests.world import seed_plan

pytestmark = pytest.mark.django_db

SEEDS = [("000", d.PlanKind.APA), ("001", None), ("002", None), ("003", None), ("004", None)]


@pytest.fixture
def office(db: None) -> Office:
    return office_create(name="জেলা কার্যালয়", tier=d.Tier.DISTRICT)


def _same_grid(plan: Plan) -> None:
    domain = plan_to_domain(plan.pk)
    for lang in ("bn", "en"):
        assert plan_grid(plan, lang) == sheet_grid(domain, lang), lang


@pytest.mark.parametrize(("prefix", "kind"), SEEDS)
def test_the_grid_of_each_seed_is_its_domain_plans_grid(office: Office, prefix: str,
                                                        kind: d.PlanKind | None) -> None:
    plan = plan_save_from_domain(plan=seed_plan(prefix, kind), office=office)
    _same_grid(plan)
    # Every indicator on a row of its own (seed 003, a work plan, has none).
    keys = [r["key"] for r in plan_grid(plan, "en").rows if r["key"]]
    assert keys == list(plan_to_domain(plan.pk).indicator_refs())


def test_the_grid_of_a_plan_using_every_value_kind_is_its_domain_plans_grid(
        office: Office) -> None:
    plan = plan_save_from_domain(plan=rich_plan(), office=office)
    _same_grid(plan)
    grid = plan_grid(plan, "bn")
    # The rich plan's first indicator, as the editor shows it (Bengali digits, its year columns).
    first = next(r for r in grid.rows if r["key"] == "1.1.1")
    assert (first["weight"], first["level_100"], first["q2"]) == ("১২.৫", "৩৫০", "-")
    assert [c.fiscal_year for c in grid.columns.actuals] == ["2020-21", "2021-22"]


# ---------------------------------------------------------------- generated plans

decimals = st.decimals(min_value=Decimal("-1000"), max_value=Decimal("100000"), places=3,
                       allow_nan=False, allow_infinity=False)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31))
values = st.one_of(
    st.none(),
    decimals.map(Number), decimals.map(Percent), decimals.map(Money), dates.map(DateValue),
    st.builds(MonthValue, st.integers(2000, 2040), st.integers(1, 12)),
    st.sampled_from(["-", "---", "", "নেই"]).map(Blank), st.just(NotApplicable()),
)
years = st.sampled_from(["2019-20", "2020-21", "2021-22", "2023-24", "2024-25", "2025-26"])
year_values = st.lists(st.builds(d.YearValue, years, values, st.booleans()), max_size=3)
texts = st.sampled_from(["", "সূচক", "Indicator 1", "দায়িত্ব, পদ"])


@st.composite
def indicators(draw: st.DrawFn, number: str) -> d.Indicator:
    return d.Indicator(
        number=number,
        name=draw(texts),
        unit=draw(st.sampled_from(list(d.Unit))),
        weight=draw(st.none() | decimals),
        unit_label=draw(texts),
        calculation_method=draw(st.none() | st.sampled_from(list(d.CalculationMethod))),
        actuals=tuple(draw(year_values)),
        levels=d.TargetLevels(*(draw(values) for _ in range(5))),
        annual_target=draw(values),
        # Quarters in any order, a quarter even twice (the first one stands).
        quarterly_targets=tuple(draw(st.lists(
            st.tuples(st.sampled_from(list(d.Quarter)), values.filter(lambda v: v is not None)),
            max_size=5))),
        projections=tuple(draw(year_values)),
        responsible=draw(texts),
        feeds_from=draw(st.none() | st.sampled_from(list(d.PlanKind))),
        remarks=draw(texts),
    )


@st.composite
def plans(draw: st.DrawFn) -> d.Plan:
    areas = []
    for a in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(list(d.AreaKind)))
        activities = []
        for b in range(draw(st.integers(0, 3))):
            inds = tuple(draw(indicators(f"{a + 1}.{b + 1}.{c + 1}"))
                         for c in range(draw(st.integers(0, 3))))
            activities.append(d.Activity(
                number=f"{a + 1}.{b + 1}", name=draw(texts), indicators=inds,
                not_applicable_tiers=tuple(draw(st.lists(st.sampled_from(list(d.Tier)),
                                                         max_size=2, unique=True))),
                remarks=draw(texts)))
        areas.append(d.Area(number=str(a + 1), name=draw(texts), weight=draw(st.none() | decimals),
                            kind=kind, activities=tuple(activities),
                            choose_at_least=draw(st.none() | st.integers(0, 9)),
                            note=draw(texts)))
    return d.Plan(kind=draw(st.sampled_from(list(d.PlanKind))), fiscal_year=draw(years),
                  office="অফিস", total_weight=draw(st.none() | decimals), areas=tuple(areas))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(domain=plans())
def test_the_grid_of_any_plan_is_its_domain_plans_grid(office: Office, domain: d.Plan) -> None:
    with transaction.atomic():
        _same_grid(plan_save_from_domain(plan=domain, office=office))
        transaction.set_rollback(True)


# ---------------------------------------------------------------- queries


@pytest.mark.parametrize("size", [5, 2000])
def test_the_grid_costs_the_same_queries_at_any_size(office: Office, size: int,
                                                     django_assert_num_queries) -> None:
    plan = plan_save_from_domain(plan=sized_plan(size), office=office)
    with django_assert_num_queries(GRID_QUERIES):
        grid = plan_grid(plan, "bn")
    assert len(grid.rows) == size
