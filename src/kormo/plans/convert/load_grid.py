"""The editor's grid read straight from a plan's tables, in `GRID_QUERIES` queries.

Why not `plan_to_domain` + `sheet.sheet_grid`: drawing the grid needs the area tree's cell
texts only, and a 2,000-indicator plan is about 26,000 rows of child tables; building model
instances, then domain objects, then texts for each was most of the editor page's time. Here
the four tables of the area tree are read as tuples (`values_list`) and each stored value is
written as cell text once per distinct value. The result is the same `sheet.Grid` as
`sheet_grid(plan_to_domain(plan.pk), lang)` (tests/plans/test_load_grid.py holds them equal on
the seeds and generated plans); the area, activity and row layout come from `kormo.plans.sheet`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from kormo.domain import plan as d
from kormo.domain.cells import format_value
from kormo.domain.numerals import format_number
from kormo.plans import models as m
from kormo.plans.sheet import (
    ACTUAL_FIELDS,
    LEVEL_FIELDS,
    PROJECTION_FIELDS,
    QUARTER_FIELDS,
    AreaTree,
    Grid,
    activity_cells,
    area_cells,
    tree_rows,
    year_columns,
)
from kormo.plans.values import ValueKind, decimal_from_db, value_from_columns

# Areas, activities, indicators, indicator values: one query each, whatever the plan's size.
GRID_QUERIES = 4

_VALUE = ("kind", "number", "date", "text")
_ROLE = m.IndicatorValue.Role
_LEVEL_KEYS = tuple(str(p) for p in d.LEVEL_PERCENTS)
_QUARTER_KEYS = tuple(q.value for q in d.Quarter)


def _value_text(lang: str) -> Callable[[Sequence[Any]], str]:
    """A stored value's four columns → its cell text (`format_value`), each distinct value
    written once (plans repeat levels, quarters and blanks on many rows)."""
    memo: dict[tuple[Any, ...], str] = {}

    def text(columns: Sequence[Any]) -> str:
        # str(): Decimal("1.0") and Decimal("1") are equal keys; the text is written per form.
        key = (columns[0], None if columns[1] is None else str(columns[1]), *columns[2:])
        found = memo.get(key)
        if found is None:
            row = SimpleNamespace(**{f"v_{n}": c for n, c in zip(_VALUE, columns, strict=True)})
            found = memo[key] = format_value(value_from_columns(row, "v"), lang)
        return found

    return text


def plan_grid(plan: m.Plan, lang: str) -> Grid:
    """The editor's grid of the stored `plan` in the page's language (see the module)."""
    areas = list(m.Area.objects.filter(plan=plan).order_by("position").values_list(
        "id", "number", "name", "weight", "kind", "choose_at_least", "note"))
    activities: defaultdict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in m.Activity.objects.filter(area__plan=plan).order_by(
            "area_id", "position").values_list(
            "area_id", "id", "number", "name", "not_applicable_tiers", "remarks"):
        activities[row[0]].append(row)
    indicators: defaultdict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in m.Indicator.objects.filter(plan=plan).order_by(
            "activity_id", "position").values_list(
            "activity_id", "id", "number", "name", "calculation_method", "unit", "unit_label",
            "weight", "annual_target_kind", "annual_target_number", "annual_target_date",
            "annual_target_text", "responsible", "feeds_from", "remarks"):
        indicators[row[0]].append(row)
    values: defaultdict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in m.IndicatorValue.objects.filter(indicator__plan=plan).order_by(
            "indicator_id", "role", "position").values_list(
            "indicator_id", "role", "key", "value_kind", "value_number", "value_date",
            "value_text", "provisional"):
        values[row[0]].append(row)

    text = _value_text(lang)
    kind = d.PlanKind(plan.kind)
    levels_given = quarters_given = False
    actual_years: list[tuple[str, bool]] = []
    projection_years: list[tuple[str, bool]] = []
    # Per indicator, in document order: its fixed cells and its year values (the year columns
    # are known only once every indicator is read).
    pending: list[tuple[dict[str, str], dict[str, str], dict[str, str]]] = []
    tree: list[AreaTree] = []
    for area_id, number, name, weight, area_kind, choose, note in areas:
        area_kind = d.AreaKind(area_kind)
        prefix = "G" if area_kind is d.AreaKind.GOVERNANCE else ""  # domain indicator_ref
        acts = []
        for _, act_id, act_number, act_name, tiers, act_remarks in activities[area_id]:
            cells_list = []
            for (_, ind_id, ind_number, ind_name, method, unit, unit_label, ind_weight,
                 *target, responsible, feeds_from, remarks) in indicators[act_id]:
                levels: dict[str, list[Any]] = {}
                quarters: dict[str, list[Any]] = {}
                actuals: dict[str, str] = {}
                projections: dict[str, str] = {}
                for _, role, key, *stored, provisional in values[ind_id]:
                    if role == _ROLE.LEVEL:
                        levels[key] = stored  # the last of a key stands, as in the domain
                    elif role == _ROLE.QUARTERLY_TARGET:
                        quarters_given = True
                        quarters.setdefault(key, stored)  # the first of a quarter stands
                    elif role == _ROLE.ACTUAL:
                        actual_years.append((key, provisional))
                        actuals[key] = text(stored)
                    elif role == _ROLE.PROJECTION:
                        projection_years.append((key, provisional))
                        projections[key] = text(stored)
                level_values = [levels.get(k) for k in _LEVEL_KEYS]
                levels_given = levels_given or any(
                    v is not None and v[0] != ValueKind.NONE for v in level_values)
                quarters_given = quarters_given or target[0] != ValueKind.NONE
                cells = {
                    "number": ind_number,
                    "name": ind_name,
                    "method": method,
                    "unit": unit,
                    "unit_label": unit_label,
                    "weight": _number(ind_weight, lang),
                    "annual_target": text(target),
                    "responsible": responsible,
                    "feeds_from": feeds_from,
                    "remarks": remarks,
                    "key": prefix + ind_number,
                }
                for field, level in zip(LEVEL_FIELDS, level_values, strict=True):
                    cells[field] = "" if level is None else text(level)
                for field, key in zip(QUARTER_FIELDS, _QUARTER_KEYS, strict=True):
                    quarter = quarters.get(key)
                    cells[field] = "" if quarter is None else text(quarter)
                pending.append((cells, actuals, projections))
                cells_list.append(cells)
            acts.append((activity_cells(
                act_number, act_name, tuple(d.Tier(t) for t in tiers.split(",") if t),
                act_remarks, lang), cells_list))
        tree.append((area_cells(number, name, decimal_from_db(weight), area_kind, choose,
                                note, lang), acts))

    columns = year_columns(kind, plan.fiscal_year, actual_years, projection_years)
    for cells, actuals, projections in pending:
        for i, col in enumerate(columns.actuals):
            cells[ACTUAL_FIELDS[i]] = actuals.get(col.fiscal_year, "")
        for i, col in enumerate(columns.projections):
            cells[PROJECTION_FIELDS[i]] = projections.get(col.fiscal_year, "")
    return Grid(columns, tree_rows(tree), levels_given, quarters_given)


def _number(value: Decimal | None, lang: str) -> str:
    value = decimal_from_db(value)
    return "" if value is None else format_number(value, lang, grouping=False)
