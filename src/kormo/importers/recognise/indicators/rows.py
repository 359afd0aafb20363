"""Row records: one table row taken apart by content (numbered marks, the unit word and the
weight anchoring the value cells), and the cell offset of a row whose cells slid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from kormo.domain.digits import to_latin_digits
from kormo.domain.plan import (
    Quarter,
)
from kormo.importers.readers.model import Cell, Row
from kormo.importers.recognise.headers import Header, Role
from kormo.importers.recognise.text import (
    DIGIT,
    Fix,
    Item,
    bracket_items,
    fix_text,
    leading_number,
    squash,
    unit_of,
    units_in,
)

QUARTERS = (Quarter.Q1, Quarter.Q2, Quarter.Q3, Quarter.Q4)
_VALUE_ROLES = frozenset({
    Role.METHOD, Role.UNIT, Role.WEIGHT, Role.RESPONSIBLE, Role.TARGET, Role.LABEL,
    Role.QUARTER, Role.ACTUAL, Role.LEVEL, Role.PROJECTION, Role.TOTAL, Role.SCORE,
    Role.ACHIEVEMENT, Role.REMARKS, Role.MONTH, Role.CUMULATIVE,
})
_NUMBER = re.compile(rf"^[{DIGIT}]+(?:\.[{DIGIT}]+)?$")
_AREA_WEIGHT_TAIL = re.compile(
    rf"^(?P<name>.*?)(?:\s*\.{{2,}}\s*|\s*)(?P<w>[{DIGIT}]+)\s*(?:\((?P<note>.*)\))?$")
_AT_LEAST = re.compile(rf"কমপক্ষে\s*([{DIGIT}]+)")


def _dec(text: str) -> Decimal | None:
    t = to_latin_digits(squash(text))
    if not _NUMBER.match(t):
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        return None



# ---------------------------------------------------------------- row records


@dataclass(slots=True)
class Named:
    item: Item
    cell: Cell
    fixes: list[Fix] = field(default_factory=list)


@dataclass(slots=True)
class RowRecord:
    row: Row
    offset: int
    area: Named | None = None
    area_weight: Cell | None = None
    serial: Cell | None = None
    activities: list[Named] = field(default_factory=list)
    indicators: list[Named] = field(default_factory=list)
    conditions: list[Named] = field(default_factory=list)
    values: dict[Role, list[tuple[int, Cell]]] = field(default_factory=dict)
    stray: list[Cell] = field(default_factory=list)
    header: Header | None = None

    def value(self, role: Role) -> Cell | None:
        cells = self.values.get(role) or []
        return next((c for _, c in cells if squash(c.text)), None)

    def has_values(self) -> bool:
        return any(squash(c.text) for cells in self.values.values() for _, c in cells)

    @property
    def label(self) -> str:
        cell = self.value(Role.LABEL)
        return squash(fix_text(cell.text)[0]) if cell else ""


def _offset(row: Row, header: Header, prev: int | None) -> int:
    """How far this row's value cells sit from the header's columns (see module docstring)."""
    texts = [squash(c.text) for c in row.cells]
    unit = header.col(Role.UNIT)
    weight = header.col(Role.WEIGHT)

    def at(i: int) -> str:
        return texts[i] if 0 <= i < len(texts) else ""

    def score(d: int) -> int:
        s = 0
        if unit is not None and (unit_of(at(unit.index + d)) or units_in(at(unit.index + d))):
            s += 2
        if weight is not None and _dec(at(weight.index + d)) is not None:
            s += 1
        return s

    if unit is None and weight is None:
        return 0
    need = 2 if unit is not None else 1
    if score(0) >= need:
        return 0
    width = len(texts)
    for step in range(1, width + 1):
        for d in (-step, step):
            if score(d) >= need + (1 if unit is not None and weight is not None else 0):
                return d
    for step in range(1, width + 1):
        for d in (-step, step):
            if score(d) >= need:
                return d
    return prev if prev is not None else 0


def _first_value_col(header: Header, d: int) -> int:
    cols = [c.index for c in header.columns if c.role in _VALUE_ROLES]
    return (min(cols) + d) if cols else len(header.columns)


def read_row(row: Row, header: Header, prev_offset: int | None) -> RowRecord:
    d = _offset(row, header, prev_offset)
    rec = RowRecord(row, d, header=header)
    first_value = _first_value_col(header, d)
    left_cells = list(row.cells[: max(first_value, 0)])
    depth3 = [c for c in left_cells if any(i.depth == 3 for i in bracket_items(squash(c.text)))]
    for index, cell in enumerate(left_cells):
        text, fixes = fix_text(cell.text)
        if not text or (cell.merged and index > 0 and squash(left_cells[index - 1].text) == text):
            continue
        role_col = header.role_at(index) if header.role_at(index) and header.role_at(index).role \
            else header.role_at(index - d)
        role = role_col.role if role_col is not None else None
        items = bracket_items(text)
        if items:
            for item in items:
                named = Named(item, cell, fixes)
                if item.depth == 1 and item.bracketed:
                    rec.area = named
                elif item.depth == 2 or not item.number:
                    rec.activities.append(named)
                elif item.depth >= 3:
                    if re.match(r"^যদি", item.text):
                        rec.conditions.append(named)
                    elif len(depth3) > 1 and cell is depth3[0]:
                        rec.activities.append(named)
                    elif role is Role.ACTIVITY and len(items) > 1 and any(
                            i.depth == 2 for i in items):
                        rec.conditions.append(named)
                    else:
                        rec.indicators.append(named)
            continue
        lead = leading_number(text)
        if role is Role.INDICATOR and lead is not None and lead.depth != 3:
            lead = None  # in the indicator column only an indicator's own number ("1.1.1")
        if lead is not None:
            named = Named(lead, cell, fixes)
            if lead.depth == 1:
                rec.area = named
            elif lead.depth == 2:
                rec.activities.append(named)
            else:
                rec.indicators.append(named)
            continue
        if role is Role.SERIAL and _dec(text) is not None:
            rec.serial = cell
        elif role is Role.AREA_WEIGHT or (rec.area is not None and _dec(text) is not None
                                          and rec.area_weight is None):
            rec.area_weight = cell
        elif role is Role.AREA:
            rec.area = Named(Item("", text, False), cell, fixes)
        elif role is Role.INDICATOR:
            rec.indicators.append(Named(Item("", text, False), cell, fixes))
        elif role in (Role.ACTIVITY, Role.SERIAL):
            rec.activities.append(Named(Item("", text, False), cell, fixes))
        elif role is Role.AREA_WEIGHT:
            rec.area_weight = cell
    width = len(header.columns)
    for index in range(max(first_value, 0), len(row.cells)):
        cell = row.cells[index]
        h = index - d
        col = header.role_at(h)
        if col is None or col.role is None:
            if not squash(cell.text):
                continue
            near = None
            for back in range(1, 3):
                cand = header.role_at(min(h, width) - back)
                if cand is not None and cand.role is not None:
                    near = cand
                    break
            if near is not None and near.role in (Role.ACHIEVEMENT, Role.REMARKS):
                rec.values.setdefault(near.role, []).append((near.index, cell))
            else:
                rec.stray.append(cell)
            continue
        rec.values.setdefault(col.role, []).append((col.index, cell))
    return rec
