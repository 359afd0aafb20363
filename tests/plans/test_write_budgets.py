"""Query budgets of the agreement's write paths (the progress value and the editor's saves are
pinned beside their services): submitting a plan costs the same number of queries for a plan
of 3 indicators or of 36, so a large office's plan is no slower to submit."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kormo.agreements.services import plan_submit
from kormo.domain import plan as d
from kormo.domain.values import Number
from kormo.plans.convert import plan_save_from_domain
from kormo.plans.models import PlanState
from tests.web.world import World, build_world
from tests.world import small_apa

pytestmark = pytest.mark.django_db

# Lock and re-read the plan (the gate's grants and PLAN_TO_DOMAIN_QUERIES to load it), the
# year's deadlines, the update, its history record, the office heads, their notice and its
# e-mail queued, and the office's score stored again with its dashboard figures
# (`progress.scores.score_refresh`), inside one savepoint: the same whatever the plan's size.
PLAN_SUBMIT_QUERIES = 41


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def apa_of(office, indicators: int) -> d.Plan:
    """A valid APA with `indicators` indicators in its office area (weights summing to 70)."""
    base = small_apa(office)
    weights = [Decimal(70) / indicators] * indicators

    def ind(i: int, weight: Decimal) -> d.Indicator:
        return d.Indicator(number=f"1.1.{i}", name=f"সূচক {i}", unit=d.Unit.COUNT,
                           weight=weight, calculation_method=d.CalculationMethod.SUM,
                           levels=d.TargetLevels(Number(Decimal(10)), Number(Decimal(9))))

    office_area = dataclasses.replace(base.areas[0], activities=(d.Activity(
        "1.1", "কার্যক্রম ১.১", tuple(ind(i + 1, w) for i, w in enumerate(weights))),))
    return dataclasses.replace(base, id=f"apa-{indicators}", areas=(office_area, *base.areas[1:]))


@pytest.mark.parametrize("indicators", [2, 35])
def test_submitting_a_plan_costs_a_fixed_number_of_queries(world: World,
                                                           indicators: int) -> None:
    office = world.offices["X"]  # one focal point, one head to notify
    world.plans["X"].delete()  # one current APA per office and year
    row = plan_save_from_domain(plan=apa_of(office, indicators), office=office)
    focal = world.users["focal"]
    with CaptureQueriesContext(connection) as queries:
        submitted = plan_submit(plan=row, actor=focal)
    assert submitted.state == PlanState.SUBMITTED
    assert len(queries.captured_queries) == PLAN_SUBMIT_QUERIES, "\n".join(
        q["sql"][:120] for q in queries.captured_queries)
