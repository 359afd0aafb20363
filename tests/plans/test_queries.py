"""Stored plans answer queries by office, fiscal year, kind, area and indicator."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from kormo.domain.plan import AreaKind, Plan, PlanKind
from kormo.offices.models import Office
from kormo.offices.services import office_ensure
from kormo.plans import models as m
from kormo.plans.convert import plan_save_from_domain
from kormo.plans.selectors import indicator_list_for_office, plan_list_for_office
from kormo.progress.models import ReportedValue
from tests.plans.builders import rich_plan, sized_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def offices() -> tuple[Office, Office]:
    rangpur = office_ensure(name="রংপুর")
    dinajpur = office_ensure(name="দিনাজপুর")
    plan_save_from_domain(plan=rich_plan(), office=rangpur)
    # An earlier APA of the year, area 1 only: no longer current (one current plan per office,
    # kind and year), still queryable.
    plan_save_from_domain(plan=sized_plan(7), office=rangpur, current=False)
    plan_save_from_domain(
        plan=dataclasses.replace(rich_plan(), fiscal_year="2021-22"), office=rangpur
    )
    plan_save_from_domain(plan=rich_plan(), office=dinajpur)
    plan_save_from_domain(
        plan=Plan(kind=PlanKind.INTEGRITY, fiscal_year="2022-23", office="রংপুর"), office=rangpur
    )
    return rangpur, dinajpur


def test_indicators_by_office_year_and_area_number(offices: tuple[Office, Office]) -> None:
    rangpur, _ = offices
    refs = m.Indicator.objects.filter(
        plan__office=rangpur, plan__fiscal_year="2022-23", activity__area__number="1"
    ).values_list("plan__external_id", "ref")
    assert sorted(refs) == sorted(
        [("rich-apa-2022-23", r) for r in ("1.1.1", "1.1.2", "1.2.1", "G1.1.1", "G1.1.2", "G1.1.3")]
        + [("sized", f"1.{k // 5 + 1}.{k % 5 + 1}") for k in range(7)]
    )


def test_indicators_by_area_kind_and_reference(offices: tuple[Office, Office]) -> None:
    rangpur, dinajpur = offices
    governance = indicator_list_for_office(
        office=rangpur, fiscal_year="2022-23", kind=PlanKind.APA, area_kind=AreaKind.GOVERNANCE
    )
    assert [i.ref for i in governance] == ["G1.1.1", "G1.1.2", "G1.1.3"]
    one = indicator_list_for_office(office=dinajpur, ref="1.2.1")
    assert [(i.plan.office_id, i.weight) for i in one] == [(dinajpur.pk, Decimal("12"))]
    assert indicator_list_for_office(office=rangpur, fiscal_year="2021-22").count() == 6


def test_plans_by_office_year_and_kind(offices: tuple[Office, Office]) -> None:
    rangpur, dinajpur = offices
    apas = plan_list_for_office(office=rangpur, fiscal_year="2022-23", kind=PlanKind.APA)
    assert sorted(p.external_id for p in apas) == ["rich-apa-2022-23", "sized"]
    assert [p.kind for p in plan_list_for_office(office=rangpur, fiscal_year="2022-23")] == [
        "apa",
        "apa",
        "integrity",
    ]
    assert plan_list_for_office(office=dinajpur).count() == 1
    assert m.Plan.objects.filter(office__name="রংপুর", kind="apa").count() == 3


def test_indicator_values_are_queryable_by_role_and_number(offices: tuple[Office, Office]) -> None:
    rangpur, _ = offices
    best_levels = m.IndicatorValue.objects.filter(
        indicator__plan__office=rangpur,
        indicator__plan__fiscal_year="2022-23",
        indicator__plan__external_id="rich-apa-2022-23",
        role=m.IndicatorValue.Role.LEVEL,
        key="100",
        value_kind="number",
        value_number__gte=10,
    ).values_list("indicator__ref", "value_number")
    assert sorted(best_levels) == [("1.1.1", Decimal("350")), ("G1.1.1", Decimal("10"))]


def test_progress_is_queryable_by_indicator_and_quarter(offices: tuple[Office, Office]) -> None:
    rangpur, _ = offices
    governance = m.Indicator.objects.filter(
        plan__office=rangpur, plan__external_id="rich-apa-2022-23",
        activity__area__kind="governance").values("ref")
    q2 = ReportedValue.objects.filter(
        plan__office=rangpur,
        plan__fiscal_year="2022-23",
        plan__external_id="rich-apa-2022-23",
        indicator_ref__in=governance,
        quarter="Q2",
    )
    assert [(p.indicator_ref, p.reported_kind, p.reported_number) for p in q2] == [
        ("G1.1.3", "money", Decimal("500"))
    ]
