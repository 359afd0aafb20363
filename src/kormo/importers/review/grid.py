"""The plans read, as a grid of cells for the review page (every indicator's values as inputs),
each flagged cell marked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from kormo.domain.cells import format_value
from kormo.domain.numerals import format_number
from kormo.domain.plan import (
    Area,
    Indicator,
    Plan,
    Quarter,
    YearValue,
    indicator_ref,
)
from kormo.domain.values import Value
from kormo.importers.result import Flag
from kormo.importers.review.places import (
    LEVEL_FIELDS,
    QUARTERS,
    TARGET_FIELDS,
    TEXT_FIELDS,
    anchor,
    cell_key,
    flag_place,
    flag_spot,
)

if TYPE_CHECKING:  # corrections imports the grid's values; only the type comes back
    from kormo.importers.review.corrections import Problem


@dataclass
class GridCell:
    key: str
    field: str
    text: str
    kind: str = "value"  # "value" (a typed cell), "number" (a weight), "text"
    flags: list[int] = field(default_factory=list)
    problem_bn: str = ""
    problem_en: str = ""

    @property
    def anchor(self) -> str:
        return anchor("p-" + self.key)


@dataclass
class GridRow:
    kind: str  # "area", "activity", "indicator"
    id: str
    number: str
    name: str
    unit: str = ""
    cells: list[GridCell] = field(default_factory=list)
    flags: list[int] = field(default_factory=list)  # flags on the row as a whole

    @property
    def anchor(self) -> str:
        return anchor("p-row-" + self.id)


@dataclass
class PlanGrid:
    index: int
    plan: Plan
    columns: list[str]
    rows: list[GridRow]
    total: GridCell
    flags: list[int]  # every flag of this plan
    unplaced: list[int]  # flags that land on no cell or row of the grid


def _value_text(value: Value | None, lang: str) -> str:
    return "" if value is None else format_value(value, lang)


def _number_text(value: Decimal | None, lang: str) -> str:
    return "" if value is None else format_number(value, lang, grouping=False)


def _year_map(values: Sequence[YearValue]) -> dict[str, Value | None]:
    return {v.fiscal_year: v.value for v in values}


def _progress_map(plan: Plan) -> dict[tuple[str, str], Value | None]:
    return {(p.indicator, p.quarter.value): p.value for p in plan.progress}


def indicator_value(plan: Plan, ref: str, ind: Indicator, field_name: str) -> object:
    """The value a field of an indicator holds (None when empty)."""
    if field_name == "weight":
        return ind.weight
    if field_name in TEXT_FIELDS:
        return getattr(ind, field_name)
    if field_name.startswith("levels."):
        return dict(ind.levels.as_pairs()).get(int(field_name.split(".", 1)[1]))
    if field_name == "annual_target":
        return ind.annual_target
    if re.fullmatch(r"Q[1-4]", field_name):
        return ind.quarterly_target(Quarter(field_name))
    if field_name.startswith("progress."):
        return _progress_map(plan).get((ref, field_name.split(".", 1)[1]))
    kind, _, year = field_name.partition(".")
    if kind in ("actuals", "projections"):
        return _year_map(getattr(ind, kind)).get(year)
    return None


def _text_of(value: object, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return _number_text(value, lang)
    return _value_text(value, lang)  # type: ignore[arg-type]


def _columns(plan: Plan, placed: Iterable[str]) -> list[str]:
    """The grid's value columns: those the plan fills, and those a flag points at."""
    inds = plan.indicators
    wanted = set(placed)
    cols: list[str] = ["weight"]
    if any(not i.levels.is_empty() for i in inds) or wanted & set(LEVEL_FIELDS):
        cols += LEVEL_FIELDS
    if any(i.annual_target is not None or i.quarterly_targets for i in inds) or \
            wanted & set(TARGET_FIELDS):
        cols += TARGET_FIELDS
    reported = {p.quarter.value for p in plan.progress} | {
        f.split(".", 1)[1] for f in wanted if f.startswith("progress.")}
    cols += [f"progress.{q.value}" for q in QUARTERS if q.value in reported]
    for kind in ("actuals", "projections"):
        years = list(dict.fromkeys(
            [v.fiscal_year for i in inds for v in getattr(i, kind)] +
            [f.split(".", 1)[1] for f in wanted if f.startswith(f"{kind}.")]))
        cols += [f"{kind}.{y}" for y in years]
    if any(i.responsible for i in inds) or "responsible" in wanted:
        cols.append("responsible")
    return cols


def _area_label(area: Area) -> str:
    return ("G" if area.kind.value == "governance" else "") + area.number


def plan_grid(plan: Plan, index: int, flags: Sequence[Flag], lang: str,
              typed: Mapping[str, str] | None = None,
              problems: Sequence[Problem] = ()) -> PlanGrid:
    """The grid of one plan: area, activity and indicator rows, every value a cell; each flag of
    the plan on its cell or row. `typed` (the form as posted) replaces the texts shown, so a
    refused correction keeps everything typed; `problems` mark the cells that were refused."""
    mine = [i for i, f in enumerate(flags) if flag_place(f.place).plan == index]
    spots = {i: flag_spot(plan, index, flags[i]) for i in mine}
    placed_fields = [k.rsplit(":", 1)[1] for s in spots.values() for k in [s.key] if k]
    columns = _columns(plan, placed_fields)
    by_key: dict[str, list[int]] = {}
    by_row: dict[str, list[int]] = {}
    for i, s in spots.items():
        if s.key:
            by_key.setdefault(s.key, []).append(i)
        elif s.row:
            by_row.setdefault(s.row, []).append(i)
    bad = {p.key: p for p in problems}
    used: set[int] = set()

    def make(key: str, fld: str, value: object, kind: str) -> GridCell:
        text = typed[key] if typed is not None and key in typed else _text_of(value, lang)
        problem = bad.get(key)
        cell_flags = by_key.get(key, [])
        used.update(cell_flags)
        return GridCell(key, fld, text, kind, cell_flags,
                        problem.bn if problem else "", problem.en if problem else "")

    def row_flags(row_id: str) -> list[int]:
        out = by_row.get(row_id, [])
        used.update(out)
        return out

    rows: list[GridRow] = []
    for ai, area in enumerate(plan.areas):
        target = f"area{ai}"
        rows.append(GridRow("area", f"{index}:{target}", _area_label(area), area.name,
                            cells=[make(cell_key(index, target, "weight"), "weight",
                                        area.weight, "number")],
                            flags=row_flags(f"{index}:{target}")))
        for act in area.activities:
            rows.append(GridRow("activity", f"{index}:act{act.number}", act.number, act.name,
                                flags=row_flags(f"{index}:act{act.number}")))
            for ind in act.indicators:
                ref = indicator_ref(area, ind)
                cells = [make(cell_key(index, ref, "name"), "name", ind.name, "text")]
                for col in columns:
                    kind = "number" if col == "weight" else \
                        "text" if col in TEXT_FIELDS else "value"
                    cells.append(make(cell_key(index, ref, col), col,
                                      indicator_value(plan, ref, ind, col), kind))
                rows.append(GridRow("indicator", f"{index}:{ref}", ref, ind.name,
                                    ind.unit_label or ind.unit.value, cells,
                                    row_flags(f"{index}:{ref}")))
    total = make(cell_key(index, "plan", "total_weight"), "total_weight", plan.total_weight,
                 "number")
    unplaced = [i for i in mine if i not in used]
    return PlanGrid(index, plan, columns, rows, total, mine, unplaced)
