"""A plan made a template of another fiscal year: every date in its table moved by the years
between them (a target "31.07.2023" of 2023-24 becomes "31.07.2022" for 2022-23), the year in
its title rewritten, and the people named as responsible left for each office to fill in
(a template is every office's starting point, not one office's plan). Pure Python.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from kormo.domain import plan as d
from kormo.domain.calendar import FiscalYear
from kormo.domain.digits import to_bengali_digits
from kormo.domain.values import DateValue, MonthValue


def _moved(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _walk(value: Any, years: int) -> Any:
    """`value` with every date inside it moved by `years` (dataclasses and tuples rebuilt)."""
    if isinstance(value, DateValue):
        return DateValue(_moved(value.value, years))
    if isinstance(value, MonthValue):
        return MonthValue(value.year + years, value.month)
    if isinstance(value, tuple):
        return tuple(_walk(v, years) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _walk(getattr(value, f.name), years)
                   for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def _year_texts(fy: FiscalYear) -> list[str]:
    """How a title writes a fiscal year: 2023-24, 2023-2024, in Latin and Bengali digits."""
    forms = [f"{fy.start_year}-{fy.end_year % 100:02d}", f"{fy.start_year}-{fy.end_year}"]
    return forms + [to_bengali_digits(f) for f in forms]


def template_for_year(plan: d.Plan, fiscal_year: str) -> d.Plan:
    """`plan` as a template of `fiscal_year` (module docstring)."""
    source, target = FiscalYear.parse(plan.fiscal_year), FiscalYear.parse(fiscal_year)
    years = target.start_year - source.start_year
    areas = tuple(dataclasses.replace(area, activities=tuple(
        dataclasses.replace(act, indicators=tuple(
            dataclasses.replace(_walk(ind, years), responsible="") for ind in act.indicators))
        for act in area.activities)) for area in plan.areas)
    title = plan.title
    for old, new in zip(_year_texts(source), _year_texts(target), strict=True):
        title = title.replace(old, new)
    return dataclasses.replace(plan, fiscal_year=fiscal_year, title=title, areas=areas)
