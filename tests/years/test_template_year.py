"""The demo year's templates belong to their year: a 2023-24 plan made a 2022-23 template has
its dates moved a year back, its title's year rewritten and no office's people in it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings

from kormo.demo import offices as demo
from kormo.domain.calendar import FiscalYear
from kormo.domain.values import DateValue, MonthValue
from kormo.plans.convert import plan_to_domain
from kormo.plans.models import Plan
from kormo.years.template_year import template_for_year


def _dates(value) -> list[dt.date]:
    if isinstance(value, DateValue):
        return [value.value]
    if isinstance(value, tuple):
        return [x for v in value for x in _dates(v)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type | MonthValue):
        return [x for f in dataclasses.fields(value) for x in _dates(getattr(value, f.name))]
    return []


@pytest.mark.django_db
def test_the_demo_years_templates_are_of_their_year() -> None:
    offices = demo.demo_offices_ensure()
    templates = demo.demo_templates_ensure(Path(settings.BASE_DIR) / "data" / "seeds", offices)
    year = FiscalYear.parse(demo.DEMO_YEAR)
    assert templates
    for row in Plan.objects.filter(is_template=True, fiscal_year=demo.DEMO_YEAR):
        plan = plan_to_domain(row.pk)
        assert "২০২৩-২০২৪" not in plan.title and "২০২৩-২৪" not in plan.title, plan.title
        assert all(not i.responsible for i in plan.indicators), row.kind
        dates = _dates(plan.areas)
        assert all(year.start <= day <= year.end for day in dates), (row.kind, dates)


def test_a_plan_moved_a_year_back_keeps_everything_else() -> None:
    from tests.world import seed_plan

    seed = seed_plan("000")
    moved = template_for_year(seed, "2021-22")
    assert moved.fiscal_year == "2021-22"
    assert [i.name for i in moved.indicators] == [i.name for i in seed.indicators]
    assert [i.weight for i in moved.indicators] == [i.weight for i in seed.indicators]
    before, after = _dates(seed.areas), _dates(moved.areas)
    assert before and [d.replace(year=d.year - 1) for d in before] == after
