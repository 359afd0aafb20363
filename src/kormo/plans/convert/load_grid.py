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
from collections.abc import Callable
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

_ROLE = m.IndicatorValue.Role
# An indicator's value texts by role letter and key: "l100" (a level), "qQ1" (a quarterly
# target), "a2021-22" (an actual), "p2023-24" (a projection).
_LEVEL_KEYS = tuple(f"l{p}" for p in d.LEVEL_PERCENTS)
_QUARTER_KEYS = tuple(f"q{q.value}" for q in d.Quarter)


def _value_text(lang: str) -> Callable[[str, Decimal | None, Any, str], str]:
    """A stored value's four columns → its cell text (`format_value`), each distinct value
    written once (plans repeat levels, quarters and blanks on many rows)."""
    memo: dict[tuple[Any, ...], str] = {}

    def text(kind: str, number: Decimal | None, date: Any, text: str) -> str:
        # str(): Decimal("1.0") and Decimal("1") are equal keys; the text is written per form.
        key = (kind, None if number is None else str(number), date, text)
        found = memo.get(key)
        if found is None:
            row = SimpleNamespace(v_kind=kind, v_number=number, v_date=date, v_text=text)
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
    text = _value_text(lang)
    # Each value row is written into its indicator's texts as it is read (none of the rows is
    # kept: 2,000 indicators have about 20,000). As in the domain plan, the last of a level
    # or year stands, the first of a quarter; an empty level is None (not given).
    texts: dict[int, dict[str, str | None]] = {}
    years: defaultdict[int, list[tuple[str, str, bool]]] = defaultdict(list)
    quarters_given = False
    for ind_id, role, key, kind, number, date, written, provisional in (
            m.IndicatorValue.objects.filter(indicator__plan=plan).order_by(
                "indicator_id", "role", "position").values_list(
                "indicator_id", "role", "key", "value_kind", "value_number", "value_date",
                "value_text", "provisional")):
        found = texts.get(ind_id)
        if found is None:
            found = texts[ind_id] = {}
        if role == _ROLE.LEVEL:
            found["l" + key] = (None if kind == ValueKind.NONE
                                else text(kind, number, date, written))
        elif role == _ROLE.QUARTERLY_TARGET:
            quarters_given = True
            if "q" + key not in found:
                found["q" + key] = text(kind, number, date, written)
        elif role == _ROLE.ACTUAL or role == _ROLE.PROJECTION:
            letter = "a" if role == _ROLE.ACTUAL else "p"
            found[letter + key] = text(kind, number, date, written)
            years[ind_id].append((letter, key, provisional))

    kind = d.PlanKind(plan.kind)
    levels_given = False
    actual_years: list[tuple[str, bool]] = []
    projection_years: list[tuple[str, bool]] = []
    # Per indicator, in document order: its cells and its value texts (the year columns are
    # known only once every indicator is read).
    pending: list[tuple[dict[str, str], dict[str, str | None]]] = []
    no_values: dict[str, str | None] = {}
    weights: dict[Decimal | None, str] = {}
    tree: list[AreaTree] = []
    for area_id, number, name, weight, area_kind, choose, note in areas:
        area_kind = d.AreaKind(area_kind)
        prefix = "G" if area_kind is d.AreaKind.GOVERNANCE else ""  # domain indicator_ref
        acts = []
        for _, act_id, act_number, act_name, tiers, act_remarks in activities[area_id]:
            cells_list = []
            for (_, ind_id, ind_number, ind_name, method, unit, unit_label, ind_weight,
                 t_kind, t_number, t_date, t_text, responsible, feeds_from,
                 remarks) in indicators[act_id]:
                found = texts.get(ind_id, no_values)
                for letter, year, provisional in years.get(ind_id, ()):
                    (actual_years if letter == "a" else projection_years).append(
                        (year, provisional))
                level_texts = [found.get(k) for k in _LEVEL_KEYS]
                levels_given = levels_given or any(t is not None for t in level_texts)
                quarters_given = quarters_given or t_kind != ValueKind.NONE
                weight_text = weights.get(ind_weight)
                if weight_text is None:
                    weight_text = weights[ind_weight] = _number(ind_weight, lang)
                cells = {
                    "number": ind_number,
                    "name": ind_name,
                    "method": method,
                    "unit": unit,
                    "unit_label": unit_label,
                    "weight": weight_text,
                    "annual_target": text(t_kind, t_number, t_date, t_text),
                    "responsible": responsible,
                    "feeds_from": feeds_from,
                    "remarks": remarks,
                    "key": prefix + ind_number,
                }
                for field, level in zip(LEVEL_FIELDS, level_texts, strict=True):
                    cells[field] = level or ""
                for field, key in zip(QUARTER_FIELDS, _QUARTER_KEYS, strict=True):
                    cells[field] = found.get(key) or ""
                pending.append((cells, found))
                cells_list.append(cells)
            acts.append((activity_cells(
                act_number, act_name, tuple(d.Tier(t) for t in tiers.split(",") if t),
                act_remarks, lang), cells_list))
        tree.append((area_cells(number, name, decimal_from_db(weight), area_kind, choose,
                                note, lang), acts))

    columns = year_columns(kind, plan.fiscal_year, actual_years, projection_years)
    # At most MAX_YEAR_COLUMNS of each (sheet.year_columns), one field each.
    actual_keys = [(f, "a" + c.fiscal_year)
                   for f, c in zip(ACTUAL_FIELDS, columns.actuals, strict=False)]
    projection_keys = [(f, "p" + c.fiscal_year)
                       for f, c in zip(PROJECTION_FIELDS, columns.projections, strict=False)]
    for cells, found in pending:
        for field, key in actual_keys:
            cells[field] = found.get(key) or ""
        for field, key in projection_keys:
            cells[field] = found.get(key) or ""
    return Grid(columns, tree_rows(tree), levels_given, quarters_given)


def _number(value: Decimal | None, lang: str) -> str:
    value = decimal_from_db(value)
    return "" if value is None else format_number(value, lang, grouping=False)
