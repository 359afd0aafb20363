"""Carrying a plan forward after a year of reporting: last year's actuals are provisional
until the year-end evaluation is accepted, and governance indicators take last year's computed
value (the feeding action plan's score, DOMAIN.md Scoring §5) or stay empty with a note."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from kormo.audit.models import ChangeRecord
from kormo.domain import plan as d
from kormo.domain.carry import GOVERNANCE_NOT_COMPUTED
from kormo.domain.values import Number
from kormo.plans.convert import plan_save_from_domain, plan_to_domain
from kormo.progress.carry_forward import plan_carry_forward
from kormo.progress.models import Report
from kormo.progress.services import (
    progress_record,
    report_accept,
    report_get_or_create,
    report_submit,
)
from tests.progress import builders
from tests.progress.world import OfficeWorld
from tests.world import person, sign

pytestmark = pytest.mark.django_db
NOTE = " / ".join(GOVERNANCE_NOT_COMPUTED)


def _with_years(ind: d.Indicator) -> d.Indicator:
    """The indicator with the APA's year columns (seed 000): actuals of the two years before,
    projections of the two years after."""
    return dataclasses.replace(
        ind,
        actuals=(d.YearValue("2020-21", Number(Decimal(70))),
                 d.YearValue("2021-22", Number(Decimal(80)), True)),
        projections=(d.YearValue("2023-24", Number(Decimal(120))),
                     d.YearValue("2024-25", Number(Decimal(130)))))


@pytest.fixture
def office(world) -> OfficeWorld:
    """A district office whose signed APA of 2022-23 has year columns on [1.1.1] and on its
    governance indicators, and its signed integrity plan."""
    from kormo.offices.models import Role
    from kormo.offices.services import office_create

    name = "জেলা কার্যালয়, কুড়িগ্রাম"
    o = office_create(name=name, tier=d.Tier.DISTRICT, parent=world.directorate)
    focal = person("focal-kurigram", o, Role.FOCAL_POINT)
    head = person("head-kurigram", o, Role.OFFICE_HEAD)
    source = builders.apa(name, world.directorate.name)
    areas = tuple(
        dataclasses.replace(area, activities=tuple(
            dataclasses.replace(act, indicators=tuple(
                _with_years(i) if i.feeds_from or d.indicator_ref(area, i) == "1.1.1" else i
                for i in act.indicators))
            for act in area.activities))
        for area in source.areas)
    apa = plan_save_from_domain(plan=dataclasses.replace(source, areas=areas), office=o)
    nis = plan_save_from_domain(plan=builders.integrity(name), office=o)
    return OfficeWorld(o, focal, head, sign(apa, head, world.supervisor),
                       sign(nis, head, world.supervisor))


def _report_the_year(world, o: OfficeWorld, *, accept: bool) -> None:
    """[1.1.1] 25 a quarter (110 in all with Q4's 35), the integrity plan's meetings half held
    (its Q1 and Q2 reports submitted); the APA's quarters submitted, the year-end evaluation
    submitted (and accepted)."""
    for q, text in (("Q1", "২৫"), ("Q2", "২৫"), ("Q3", "২৫"), ("Q4", "৩৫")):
        progress_record(plan=o.apa, indicator_ref="1.1.1", quarter=q, actor=o.focal, text=text)
    for q in ("Q1", "Q2"):
        progress_record(plan=o.integrity, indicator_ref="1.1.1", quarter=q, actor=o.focal,
                        text="১")
        # submitted: a draft value never counts in a score (issue 12 rule 10)
        report_submit(report=report_get_or_create(plan=o.integrity, period=q, actor=o.focal),
                      actor=o.focal)
    for q in ("Q1", "Q2", "Q3", "Q4"):
        report = report_get_or_create(plan=o.apa, period=q, actor=o.focal)
        report_submit(report=report, actor=o.focal)
    year = report_submit(report=report_get_or_create(plan=o.apa, period="year", actor=o.focal),
                         actor=o.focal)
    if accept:
        report_accept(report=year, actor=world.supervisor)


@pytest.mark.parametrize("accepted", [False, True])
def test_last_years_actual_is_final_once_its_evaluation_was_accepted(world, office, accepted):
    _report_the_year(world, office, accept=accepted)
    assert Report.objects.get(plan=office.apa, period="year").state == (
        "accepted" if accepted else "submitted")
    plan = plan_carry_forward(office=office.office, previous_plan=office.apa,
                              fiscal_year="2023-24", actor=office.focal)
    carried = plan_to_domain(plan.pk).indicator("1.1.1")
    assert carried.actuals == (d.YearValue("2021-22", Number(Decimal(80))),
                               d.YearValue("2022-23", Number(Decimal(110)), not accepted))
    assert carried.levels == d.TargetLevels(v100=Number(Decimal(120)))
    record = ChangeRecord.objects.get(action="plan.carry_forward")
    assert record.after["last_year_actuals"] == ("final" if accepted else "provisional")


def test_governance_actuals_come_from_last_years_action_plan_scores(world, office):
    _report_the_year(world, office, accept=True)
    plan = plan_carry_forward(office=office.office, previous_plan=office.apa,
                              fiscal_year="2023-24", actor=office.focal)
    got = plan_to_domain(plan.pk)
    integrity = got.indicator("G1.1.1")
    # Integrity plan: meetings 2 of 4 → 4 × 2/4 = 2 of its 10 marks, the rest not reported;
    # G1.1.1 weighs 10: 10 × 2/10 = 2 (Scoring §3, §5).
    assert integrity.actuals == (d.YearValue("2021-22", Number(Decimal(80))),
                                 d.YearValue("2022-23", Number(Decimal(2)), False))
    assert integrity.remarks == ""
    egov = got.indicator("G1.2.1")  # no e-governance plan last year: nothing to carry
    assert egov.actuals == (d.YearValue("2021-22", Number(Decimal(80))),
                            d.YearValue("2022-23", None, False))
    assert egov.remarks == NOTE
    record = ChangeRecord.objects.get(action="plan.carry_forward")
    assert record.after["governance_computed"] == {"G1.1.1": "2"}
    assert record.after["governance_not_computed"] == ["G1.2.1", "G1.3.1", "G1.4.1", "G1.5.1"]


def test_an_action_plan_with_nothing_reported_gives_no_governance_actual(world, office):
    plan = plan_carry_forward(office=office.office, previous_plan=office.apa,
                              fiscal_year="2023-24", actor=office.focal)
    integrity = plan_to_domain(plan.pk).indicator("G1.1.1")
    assert integrity.actuals[1] == d.YearValue("2022-23", None, True)
    assert integrity.remarks == NOTE


def test_the_note_is_not_repeated_when_carried_again(world, office):
    first = plan_carry_forward(office=office.office, previous_plan=office.apa,
                               fiscal_year="2023-24", actor=office.focal)
    assert plan_to_domain(first.pk).indicator("G1.2.1").remarks == NOTE
    # One current plan per office, kind and year: the copy takes the first one's place.
    type(first).objects.filter(pk=first.pk).update(is_current=False)
    again = plan_save_from_domain(
        plan=dataclasses.replace(plan_to_domain(first.pk), id="again"), office=office.office)
    second = plan_carry_forward(office=office.office, previous_plan=again,
                                fiscal_year="2024-25", actor=office.focal)
    assert plan_to_domain(second.pk).indicator("G1.2.1").remarks == NOTE


def test_last_years_note_goes_once_the_value_is_computed():
    from kormo.domain.calendar import FiscalYear
    from kormo.domain.carry import carry_indicator

    ind = _with_years(d.Indicator("1.1.1", "শুদ্ধাচার", d.Unit.MARKS, Decimal(10),
                                  feeds_from=d.PlanKind.INTEGRITY, remarks=f"দেখুন {NOTE}"))
    carried = carry_indicator(ind, (), FiscalYear.parse("2022-23"), final=True,
                               computed=Number(Decimal("7.5")))
    assert carried.remarks == "দেখুন"
    assert carried.actuals[1] == d.YearValue("2021-22", Number(Decimal("7.5")), False)
