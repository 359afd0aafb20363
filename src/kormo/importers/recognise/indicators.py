"""Tables of areas, activities and indicators → `Area` trees, targets and achievements.

Two layouts share this code (DOMAIN.md, "Structure rules"): the five-level table (APA section
3, action plans printed with the five levels, and their progress reports with an achievement
column) and the quarterly-monitoring table of integrity plans (annual target, a target row and
an achievement row with the four quarters).

Rows are read in two steps. First each row is taken apart by content, not position: numbered
marks say what is an area ([১]), an activity ([১.১], "1.1 …") or an indicator ([১.১.১]); the
unit word and the weight anchor the value cells, so a row whose cells slid left or right (a
merged cell lost, a PDF column split) is still read against the right header column. Then the
rows are assembled into areas, with the repairs a person would make — each flagged: duplicate
numbers renumbered, a row printed under the wrong area moved, a truncated area weight read
from its indicators, levels out of order reduced to the evident ones, projections that slid
into the levels moved back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from kormo.domain.calendar import FiscalYear
from kormo.domain.digits import to_latin_digits
from kormo.domain.numerals import is_blank_mark
from kormo.domain.plan import (
    Activity,
    Area,
    AreaKind,
    CalculationMethod,
    Indicator,
    PlanKind,
    ProgressValue,
    Quarter,
    TargetLevels,
    Tier,
    Unit,
    YearValue,
)
from kormo.domain.values import Blank, DateValue, Number, Percent, Value, as_date, numeric
from kormo.importers.readers.model import Cell, Row, Table
from kormo.importers.recognise.headers import Header, Role
from kormo.importers.recognise.text import (
    DIGIT,
    Fix,
    Item,
    bracket_items,
    column_number_run,
    feeds_from_of,
    fix_fiscal_years,
    fix_text,
    is_ditto,
    leading_number,
    method_of,
    nfc,
    parse_fy,
    squash,
    unit_of,
    units_in,
)
from kormo.importers.recognise.values import Sink, date_quarter, read_value, show
from kormo.importers.result import FlagCode

QUARTERS = (Quarter.Q1, Quarter.Q2, Quarter.Q3, Quarter.Q4)
_VALUE_ROLES = frozenset({
    Role.METHOD, Role.UNIT, Role.WEIGHT, Role.RESPONSIBLE, Role.TARGET, Role.LABEL,
    Role.QUARTER, Role.ACTUAL, Role.LEVEL, Role.PROJECTION, Role.TOTAL, Role.SCORE,
    Role.ACHIEVEMENT, Role.REMARKS,
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
class RowRec:
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


def read_row(row: Row, header: Header, prev_offset: int | None) -> RowRec:
    d = _offset(row, header, prev_offset)
    rec = RowRec(row, d, header=header)
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
        lead = leading_number(text) if role not in (Role.INDICATOR,) else None
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


# ---------------------------------------------------------------- builders


@dataclass(slots=True)
class IndB:
    number: str
    name: str
    cell: Cell | None
    unit: Unit | None = None
    unit_label: str = ""
    unit_cell: Cell | None = None
    weight: Decimal | None = None
    weight_cell: Cell | None = None
    method: CalculationMethod | None = None
    responsible: str = ""
    remarks: str = ""
    fallback_for: str | None = None
    rec: RowRec | None = None  # the row holding this indicator's values
    share_values: bool = True  # False: a second indicator in a shared row (no values)
    achievement_rec: RowRec | None = None
    annual_target: Value | None = None
    quarterly: dict[Quarter, Value] = field(default_factory=dict)
    levels: dict[int, Value | None] = field(default_factory=dict)
    actuals: list[YearValue] = field(default_factory=list)
    projections: list[YearValue] = field(default_factory=list)
    achievements: dict[Quarter, tuple[Value, Cell]] = field(default_factory=dict)


@dataclass(slots=True)
class ActB:
    number: str
    name: str
    cell: Cell | None
    indicators: list[IndB] = field(default_factory=list)
    tiers: list[Tier] = field(default_factory=list)


@dataclass(slots=True)
class AreaB:
    number: str
    name: str
    cell: Cell | None
    weight: Decimal | None = None
    weight_cell: Cell | None = None
    kind: AreaKind = AreaKind.OFFICE
    activities: list[ActB] = field(default_factory=list)
    choose_at_least: int | None = None
    note: str = ""

    def indicators(self) -> list[IndB]:
        return [i for a in self.activities for i in a.indicators]


@dataclass(slots=True)
class TableResult:
    areas: list[Area]
    progress: list[ProgressValue]
    total_weight: Decimal | None
    activities: dict[str, ActB]


class IndicatorReader:
    """Reads the rows of one plan's indicator tables (the segments after their headers)."""

    def __init__(self, *, plan_kind: PlanKind, fy: FiscalYear | None,
                 report_quarter: Quarter | None, sink: Sink, quarterly: bool) -> None:
        self.plan_kind = plan_kind
        self.fy = fy
        self.report_quarter = report_quarter
        self.sink = sink
        self.quarterly = quarterly
        self.areas: list[AreaB] = []
        self.kind = AreaKind.OFFICE
        self.prev_offset: int | None = None
        self.last_item: IndB | None = None
        self.last_responsible = ""
        self.skip_next_values = False

    # -- names ----------------------------------------------------------------------------

    def _name(self, named: Named, place: str) -> str:
        text = named.item.text
        if self.fy is not None:
            text, year_fixes = fix_fiscal_years(text, self.fy)
            named.fixes.extend(year_fixes)
        for fx in named.fixes:
            self._fix_flag(fx, place, named.cell)
        named.fixes.clear()
        return text.strip()

    def _fix_flag(self, fx: Fix, place: str, cell: Cell) -> None:
        if fx.code == "ocr":
            self.sink.add(FlagCode.OCR_CORRECTED, place, cell,
                          f"স্ক্যানের ভুল সংশোধন: “{fx.before}” → “{fx.after}”",
                          f"scanning slip corrected: “{fx.before}” → “{fx.after}”", kept=fx.after)
        elif fx.code == "year":
            self.sink.add(FlagCode.YEAR_CORRECTED, place, cell,
                          f"অর্থবছর “{fx.before}” স্ক্যানের ভুল ধরে “{fx.after}” পড়া হয়েছে",
                          f"fiscal year “{fx.before}” read as “{fx.after}” (a scanning slip)",
                          kept=fx.after)
        elif fx.code == "join":
            self.sink.add(FlagCode.TEXT_JOINED, place, cell,
                          "ঘরের ভেতরের লাইন-ভাঙা জুড়ে দেওয়া হয়েছে (“ই- …” → “ই-…”)",
                          "a line break inside the cell was joined (“ই- …” → “ই-…”)",
                          kept=fx.after)

    # -- structure ------------------------------------------------------------------------

    def _area(self) -> AreaB:
        if not self.areas:
            return self._new_area("1", "", None, None)
        return self.areas[-1]

    def _new_area(self, number: str, name: str, cell: Cell | None,
                  weight_cell: Cell | None) -> AreaB:
        area = AreaB(number or str(len([a for a in self.areas if a.kind is self.kind]) + 1),
                     name, cell, kind=self.kind)
        if weight_cell is not None:
            area.weight_cell = weight_cell
            area.weight = _dec(weight_cell.text)
        self.areas.append(area)
        return area

    def _area_heading(self, named: Named) -> tuple[str, Decimal | None, str]:
        """"1.প্রাতিষ্ঠানিক ব্যবস্থা.....11" → name, weight, note (DOMAIN.md: weights in the
        heading)."""
        text = named.item.text
        note = ""
        # Kormo's own documents: "১. প্রাতিষ্ঠানিক ব্যবস্থা (মান: ১১) — note" (docs/documents.md)
        head, dash, tail = text.partition(" — ")
        mk = re.match(rf"^(.*?)\s*\((?:মান|[Ww]eight)\s*[:ঃ]\s*([{DIGIT}.]+)\)\s*$", head)
        if mk and mk[1].strip():
            return mk[1].strip(), _dec(mk[2]), tail.strip() if dash else ""
        if dash and not re.search(rf"[{DIGIT}]", head[-3:]):
            return head.strip(), None, tail.strip()
        m = re.match(r"^(.*?)\s*\((.*)\)\s*$", text)
        head = text
        if m and re.search(rf"[{DIGIT}]\s*$", m[1]):
            head, note = m[1], m[2]
        mw = _AREA_WEIGHT_TAIL.match(head)
        weight = None
        name = head
        if mw and mw["name"].strip() and not re.search(rf"[{DIGIT}][\s,.]*$", mw["name"]):
            name, weight = mw["name"], _dec(mw["w"])
        name = re.sub(r"\.{2,}\s*$", "", name).strip()
        return name, weight, note.strip()

    def _activity(self, area: AreaB, number: str, name: str, cell: Cell | None,
                  place_cell: Cell | None) -> ActB:
        for act in area.activities:
            if act.number == number and (not name or act.name == name or not act.name
                                         or (cell is not None and cell.merged)):
                if name and not act.name:
                    act.name = name
                return act
        existing = {a.number for ar in self.areas for a in ar.activities if ar.kind is area.kind}
        if number in existing:
            new = self._next_free(number, existing)
            self.sink.add(FlagCode.RENUMBERED, f"{new}", place_cell,
                          f"কার্যক্রম [{number}] দ্বিতীয়বার ছাপা; নম্বর অনন্য রাখতে {new} করা হয়েছে",
                          f"activity [{number}] is printed twice; renumbered {new} to keep "
                          "numbers unique", kept=new)
            number = new
        act = ActB(number, name, cell)
        area.activities.append(act)
        return act

    @staticmethod
    def _next_free(number: str, existing: Iterable[str]) -> str:
        taken = set(existing)
        head, _, last = number.rpartition(".")
        n = int(last)
        while True:
            n += 1
            cand = f"{head}.{n}" if head else str(n)
            if cand not in taken:
                return cand

    def _indicator_number(self, act: ActB, number: str, cell: Cell | None, *,
                          keep_prefix: bool = False) -> str:
        existing = {i.number for ar in self.areas if ar.kind is self.kind
                    for a in ar.activities for i in a.indicators}
        if not number:
            number = f"{act.number}.{len(act.indicators) + 1}"
        elif not keep_prefix and not number.startswith(act.number + ".") and act.number:
            new = f"{act.number}.{len(act.indicators) + 1}"
            self.sink.add(FlagCode.RENUMBERED, new, cell,
                          f"সূচক [{number}] কার্যক্রম {act.number}-এর; নম্বর {new} করা হয়েছে",
                          f"indicator [{number}] belongs to activity {act.number}; "
                          f"renumbered {new}",
                          kept=new)
            number = new
        if number in existing:
            new = self._next_free(number, existing)
            self.sink.add(FlagCode.RENUMBERED, new, cell,
                          f"সূচক [{number}] দ্বিতীয়বার ছাপা; নম্বর অনন্য রাখতে {new} করা হয়েছে",
                          f"indicator [{number}] is printed twice; renumbered {new} to keep "
                          "numbers unique", kept=new)
            number = new
        return number

    # -- rows -----------------------------------------------------------------------------

    def read(self, segments: list[tuple[Table, Header, int]]) -> None:
        recs: list[RowRec] = []
        for table, header, start in segments:
            for row in table.rows[start:]:
                texts = [squash(fix_text(c.text)[0]) for c in row.cells]
                filled = [t for t in texts if t]
                if not filled:
                    continue
                # One text across the row: Word repeats a merged group row ("সুশাসন ও
                # সংস্কারমূলক …") in every cell it spans, Excel and text leave them empty.
                if len(set(filled)) == 1:
                    t = filled[0]
                    if "সুশাসন" in t and "সংস্কার" in t:
                        recs.append(RowRec(row, 0, header=header, values={}))
                        recs[-1].area = Named(Item("", "__governance__", False), row.cells[0])
                        continue
                    if "স্বাক্ষরকারী অফিস" in t:
                        recs.append(RowRec(row, 0, header=header))
                        recs[-1].area = Named(Item("", "__office__", False), row.cells[0])
                        continue
                    if len(filled) > 1:
                        # A merged heading row as Word gives it: keep the first copy only,
                        # as Excel and text do, so the row reads as a heading, not as values.
                        first = texts.index(t)
                        row = Row(tuple(c if k == first else Cell("", c.position, True,
                                                                  c.converted)
                                        for k, c in enumerate(row.cells)), row.position)
                rec = read_row(row, header, self.prev_offset)
                if rec.indicators or rec.activities or rec.value(Role.UNIT) or \
                        rec.value(Role.WEIGHT):
                    self.prev_offset = rec.offset
                recs.append(rec)
        i = 0
        while i < len(recs):
            rec = recs[i]
            nxt = recs[i + 1] if i + 1 < len(recs) else None
            i += 1 + self._row(rec, nxt)

    def _is_column_numbers(self, rec: RowRec) -> bool:
        texts = [c.text for c in rec.row.cells[1:]]
        return column_number_run(texts)

    def _row(self, rec: RowRec, nxt: RowRec | None) -> int:
        """Handle one row record; returns how many following records it consumed."""
        if rec.area is not None and rec.area.item.text in ("__governance__", "__office__"):
            self.kind = AreaKind.GOVERNANCE if rec.area.item.text == "__governance__" \
                else AreaKind.OFFICE
            return 0
        if self._is_column_numbers(rec):
            if rec.activities:
                area = self._area()
                named = rec.activities[0]
                act = self._activity(area, named.item.number, "", named.cell, named.cell)
                act.name = self._name(named, f"{act.number}")
                self.sink.add(FlagCode.COLUMN_NUMBERS, act.number, rec.row.cells[1],
                              "সারিতে কেবল কলামের নম্বর (১, ২, ৩ …): সূচক, মান, লক্ষ্যমাত্রা হারিয়ে গেছে; "
                              "কার্যক্রমটি সূচক ছাড়া রাখা হয়েছে",
                              "the row holds only column numbers (1, 2, 3 …): the indicator, "
                              "weight and targets are lost; the activity is kept without indicator")
                self.last_item = None
                self.skip_next_values = True
            return 0
        if self.quarterly and self._is_achievement_row(rec):
            self._achievement_row(rec)
            return 0
        self.skip_next_values = False
        # an area heading or an area row
        only_area = rec.area is not None and not rec.activities and not rec.indicators \
            and not rec.has_values()
        if only_area:
            self._start_area(rec)
            return 0
        if not rec.activities and not rec.indicators and not rec.has_values() \
                and rec.area is None:
            return 0
        # a numbered row without text or values ("3.1")
        if rec.activities and not rec.indicators and not rec.has_values() and \
                all(not n.item.text for n in rec.activities) and rec.area is None:
            self.sink.add(FlagCode.EMPTY_ROW, f"{rec.activities[0].item.number}",
                          rec.activities[0].cell,
                          "নম্বর ছাড়া আর কিছু নেই এমন সারি: রাখা হয়নি",
                          "a numbered row with no text and no values: not kept")
            return 0
        # a row that repeats numbers already used, followed by an area row of its own
        if nxt is not None and rec.area is None and self._duplicates(rec) and \
                nxt.area is not None and not nxt.activities and not nxt.indicators and \
                not nxt.has_values() and nxt.area.item.text not in ("__governance__", "__office__"):
            area = self._start_area(nxt)
            self._item_row(rec, area, moved=True)
            return 1
        area = self._start_area(rec) if rec.area is not None else None
        if area is None:
            area = self._area_for(rec)
        self._item_row(rec, area)
        return 0

    def _duplicates(self, rec: RowRec) -> bool:
        acts = {a.number for ar in self.areas if ar.kind is self.kind for a in ar.activities}
        inds = {i.number for ar in self.areas if ar.kind is self.kind for i in ar.indicators()}
        nums_a = [n.item.number for n in rec.activities if n.item.number]
        nums_i = [n.item.number for n in rec.indicators if n.item.number]
        return bool(nums_a or nums_i) and all(n in acts or n[:3] in acts for n in nums_a) and \
            all(n in inds for n in nums_i)

    def _start_area(self, rec: RowRec) -> AreaB:
        named = rec.area
        assert named is not None
        current = self.areas[-1] if self.areas else None
        if current is not None and (named.cell.merged or (
                named.item.number and named.item.number == current.number
                and current.kind is self.kind) or (
                not named.item.number and squash(named.item.text) == current.name)):
            return current
        number = named.item.number
        if not number:
            number = str(len([a for a in self.areas if a.kind is self.kind]) + 1)
        if named.item.bracketed or rec.area_weight is not None:
            name = self._name(named, f"area {number}")
            area = self._new_area(number, name, named.cell, rec.area_weight)
        else:
            raw = self._name(named, f"area {number}")
            name, weight, note = self._area_heading(Named(Item(number, raw), named.cell))
            area = self._new_area(number, name, named.cell, None)
            area.weight = weight
            area.weight_cell = named.cell if weight is not None else None
            if note:
                area.note = note
                m = _AT_LEAST.search(note)
                if m:
                    area.choose_at_least = int(to_latin_digits(m[1]))
        return area

    def _area_for(self, rec: RowRec) -> AreaB:
        """The area of a row without an area cell: the current one, or one made from the
        serial number ("০১") or the activity's number when the table has no area column."""
        number = ""
        if rec.serial is not None:
            number = str(int(to_latin_digits(squash(rec.serial.text))))
        elif not self.areas:
            first = (rec.activities or rec.indicators or [None])[0]
            number = first.item.number.split(".")[0] if first and first.item.number else "1"
        if number and (not self.areas or self.areas[-1].number != number or
                       self.areas[-1].kind is not self.kind):
            area = self._new_area(number, "", None, None)
            self.sink.add(FlagCode.AREA_UNNAMED, f"area {number}",
                          rec.serial or (rec.activities or rec.indicators)[0].cell
                          if (rec.serial or rec.activities or rec.indicators) else None,
                          "ক্ষেত্রের নাম ও মান ছাপা নেই: নামহীন ক্ষেত্র হিসেবে রাখা হয়েছে",
                          "the area's name and weight are not printed: kept as an unnamed area")
            return area
        return self._area()

    def _item_row(self, rec: RowRec, area: AreaB, moved: bool = False) -> None:
        acts: list[ActB] = []
        for named in rec.activities:
            number = named.item.number
            if number.count(".") >= 2:
                number = ".".join(number.split(".")[:2])
            if moved:
                new = f"{area.number}.{len(area.activities) + 1}"
                self.sink.add(FlagCode.MOVED, new, named.cell,
                              f"সারিটি পরের ক্ষেত্রের ({area.name}) সারির আগে ছাপা, নম্বর "
                              f"[{named.item.number}]: ক্ষেত্র {area.number}-এ {new} হিসেবে রাখা হয়েছে",
                              f"the row (printed [{named.item.number}]) stands just before the row "
                              f"of area {area.number} ({area.name}), which has no activity of its "
                              f"own: kept there as {new}", kept=new)
                number = new
            if not number:
                number = f"{area.number}.{len(area.activities) + 1}"
            name = self._name(named, number)
            act = self._activity(area, number, name, named.cell, named.cell)
            acts.append(act)
        if not acts:
            if rec.indicators and rec.indicators[0].item.number:
                prefix = ".".join(rec.indicators[0].item.number.split(".")[:2])
                act = next((a for a in area.activities if a.number == prefix), None)
                if act is None:
                    act = self._activity(area, prefix, "", None, None)
                acts = [act]
            elif area.activities:
                acts = [area.activities[-1]]
            else:
                acts = [self._activity(area, f"{area.number}.1", "", None, None)]
        indicators = rec.indicators
        if not indicators:
            if rec.has_values():
                # no indicator column in this row: the activity text names the indicator
                act = acts[0]
                ind = IndB(self._indicator_number(act, f"{act.number}.1", None), act.name, None)
                self.sink.add(FlagCode.NAME_FROM_ACTIVITY, ind.number,
                              rec.activities[0].cell if rec.activities else None,
                              "সূচকের ঘর নেই: কার্যক্রমের লেখাই সূচকের নাম হিসেবে রাখা হয়েছে",
                              "no indicator cell: the activity's text is used as the indicator's "
                              "name", kept=act.name)
                self._attach(act, ind, rec, first=True)
            else:
                for act in acts:
                    if not act.indicators:
                        self.sink.add(FlagCode.NO_INDICATOR, act.number, act.cell,
                                      "এই কার্যক্রমের কোনো সূচক ছাপা নেই",
                                      "no indicator is printed for this activity")
            return
        pair_by_order = len(acts) == len(indicators) and len(acts) > 1 and any(
            not i.item.number.startswith(a.number + ".") for a, i in zip(acts, indicators,
                                                                         strict=True))
        for k, named in enumerate(indicators):
            if pair_by_order:
                act = acts[k]
            else:
                prefix = ".".join(named.item.number.split(".")[:2]) if named.item.number else ""
                act = next((a for a in acts if a.number == prefix), None) or acts[
                    min(k, len(acts) - 1)]
            number = named.item.number
            if moved:
                number = f"{act.number}.{len(act.indicators) + 1}"
            number = self._indicator_number(act, number, named.cell)
            ind = IndB(number, "", named.cell)
            ind.name = self._name(named, number)
            self._attach(act, ind, rec, first=(k == 0), index=k, count=len(indicators))
        for cond in rec.conditions:
            target = next((i for a in acts for i in a.indicators
                           if i.number == cond.item.number), None)
            if target is not None:
                target.remarks = self._name(cond, target.number)
                target.fallback_for = ".".join(target.number.split(".")[:2])
                self.sink.add(FlagCode.FALLBACK, target.number, cond.cell,
                              "শর্ত (“যদি …”) অনুযায়ী এটি বিকল্প সূচক: শর্তটি মন্তব্যে রাখা হয়েছে",
                              "a condition (“if …”) makes this a fallback indicator: the "
                              "condition is kept in remarks", kept=target.remarks)
        for act in acts:
            if not act.indicators:
                self.sink.add(FlagCode.NO_INDICATOR, act.number, act.cell,
                              "এই কার্যক্রমের কোনো সূচক ছাপা নেই",
                              "no indicator is printed for this activity")

    def _attach(self, act: ActB, ind: IndB, rec: RowRec, *, first: bool, index: int = 0,
                count: int = 1) -> None:
        act.indicators.append(ind)
        ind.rec = rec
        ind.share_values = first
        unit_cell = rec.value(Role.UNIT)
        if unit_cell is not None:
            text = squash(unit_cell.text)
            parts = units_in(text)
            if count > 1 and len(parts) == count:
                ind.unit_label, ind.unit = parts[index]
            elif first or len(parts) == 1:  # one unit printed for the row: it is everyone's
                u = unit_of(text)
                ind.unit, ind.unit_label = (u, text) if u else (None, text)
            ind.unit_cell = unit_cell
        method_cell = rec.value(Role.METHOD)
        if method_cell is not None and first:
            ind.method = method_of(method_cell.text)
        weight_cell = rec.value(Role.WEIGHT)
        if first and weight_cell is not None:
            ind.weight = _dec(weight_cell.text)
            ind.weight_cell = weight_cell
            if count > 1:
                self.sink.add(FlagCode.WEIGHT_SHARED, ind.number, weight_cell,
                              f"একটি মান ({squash(weight_cell.text)}) {count}টি সূচকের জন্য ছাপা: "
                              "প্রথমটিকে দেওয়া হয়েছে, বাকিগুলো মানহীন",
                              f"one weight ({squash(weight_cell.text)}) is printed for {count} "
                              "indicators: given to the first, the others have none",
                              kept=show(Number(ind.weight)) if ind.weight is not None else "")
        elif not first and count > 1:
            self.sink.add(FlagCode.WEIGHT_MISSING, ind.number, rec.indicators[index].cell,
                          "এই সূচকের মান ও লক্ষ্যমাত্রা আলাদা করে ছাপা নেই",
                          "no weight and no targets of its own are printed for this indicator")
        resp = rec.value(Role.RESPONSIBLE)
        if resp is not None and first:
            text = squash(resp.text)
            if is_ditto(text):
                if self.last_responsible:
                    self.sink.add(FlagCode.DITTO, ind.number + " / responsible", resp,
                                  "ঐ-চিহ্ন (\"): উপরের ঘরের লেখা নেওয়া হয়েছে",
                                  "a ditto mark (\"): the text of the cell above is used",
                                  kept=self.last_responsible)
                    text = self.last_responsible
                else:
                    text = ""
            ind.responsible = text
            if text:
                self.last_responsible = text
        if first:
            self.last_item = ind

    # -- achievement rows (quarterly layout) -----------------------------------------------

    def _is_achievement_row(self, rec: RowRec) -> bool:
        label = rec.label
        if label and "অর্জন" in label and "লক্ষ্যমাত্রা" not in label:
            return True
        return (self.last_item is not None and not rec.activities and not rec.indicators
                and rec.area is None and rec.has_values() and not label)

    def _achievement_row(self, rec: RowRec) -> None:
        item = self.last_item
        if item is None or self.skip_next_values:
            return  # the row after a lost row (column numbers) holds nothing readable
        item.achievement_rec = rec
        self.last_item = None


# ---------------------------------------------------------------- values


# What a computed score cell says when there is no score (Kormo's own documents print the
# status of `kormo.domain.scoring`): computed, so not kept, and not a remark either.
_SCORE_STATUSES = frozenset(nfc(t).casefold() for t in (
    "প্রতিবেদন নেই", "not reported", "প্রযোজ্য নয়", "not applicable", "লক্ষ্যমাত্রা নেই",
    "no target", "বিকল্প সূচক: গণনায় নেই", "fallback: not counted",
    "কর্মপরিকল্পনা পাওয়া যায়নি", "action plan not found"))


class ValueReader:
    """Turns each indicator's row record into levels, targets, actuals and achievements."""

    def __init__(self, reader: IndicatorReader) -> None:
        self.r = reader
        self.sink = reader.sink
        self.fy = reader.fy

    def read(self, ind: IndB, area: AreaB) -> None:
        rec = ind.rec
        if rec is None:
            return
        self._unit(ind)
        if not ind.share_values:
            return
        if self.r.quarterly:
            if self._quarterly(ind, rec):
                return  # a fill artefact: the other cells repeat the target
        else:
            self._five_level(ind, rec)
        self._remarks(ind, rec)
        for cell in rec.stray:
            self.sink.add(FlagCode.NOT_KEPT, ind.number, cell,
                          "সারণির কলামের বাইরের ঘর: রাখা হয়নি",
                          "a cell outside the table's columns: not kept")

    def _unit(self, ind: IndB) -> None:
        if ind.unit is not None:
            return
        rec = ind.rec
        cells = []
        if rec is not None and ind.share_values:
            for role in (Role.LEVEL, Role.TARGET, Role.QUARTER):
                cells.extend(c for _, c in rec.values.get(role, []))
        guesses = [read_value(c, unit=None, fy=None, place="", sink=Sink()) for c in cells]
        kinds = {type(v).__name__ for v in guesses if v is not None and not isinstance(v, Blank)}
        unit = Unit.DATE if kinds == {"DateValue"} else Unit.PERCENT if kinds == {"Percent"} \
            else Unit.COUNT
        if ind.unit_label and unit_of(ind.unit_label) is None:
            ind.unit = unit
            return
        ind.unit = unit
        if ind.unit_cell is None or not squash(ind.unit_cell.text):
            self.sink.add(FlagCode.UNIT_INFERRED, ind.number, ind.cell,
                          "এককের ঘর খালি: লক্ষ্যমাত্রার মান দেখে একক ধরা হয়েছে",
                          f"the unit cell is empty: the unit ({unit.value}) is taken from the "
                          "target values", kept=unit.value)

    def _remarks(self, ind: IndB, rec: RowRec) -> None:
        texts = []
        for _, cell in rec.values.get(Role.REMARKS, []):
            t = squash(cell.text)
            if t and not is_blank_mark(t):
                texts.append(t)
        for role in (Role.TOTAL, Role.SCORE):
            for _, cell in rec.values.get(role, []):
                t = squash(cell.text)
                if not t or is_blank_mark(t):
                    continue
                if re.search(r"[\u0980-\u09ffA-Za-z]{3,}", t) and _dec(t) is None and \
                        nfc(t).casefold() not in _SCORE_STATUSES:
                    texts.append(t)
                    self.sink.add(FlagCode.SHIFTED, f"{ind.number} / remarks", cell,
                                  "হিসাবের কলামে লেখা: মন্তব্য হিসেবে রাখা হয়েছে",
                                  "text in a computed column: kept as a remark", kept=t)
                else:
                    self.sink.add(FlagCode.NOT_KEPT, f"{ind.number} / {role.value}", cell,
                                  "মোট/অর্জিত মান হিসাব করে বের হয়, লেখা মান রাখা হয়নি "
                                  "(ভুল জায়গায় লেখা লক্ষ্যমাত্রাও হতে পারে)",
                                  "totals and scores are computed, the written value is not "
                                  "kept (it may also be a target written in the wrong column)")
        if texts:
            ind.remarks = "; ".join(dict.fromkeys(texts)) if not ind.remarks else ind.remarks

    # -- quarterly ------------------------------------------------------------------------

    def _quarterly(self, ind: IndB, rec: RowRec) -> bool:
        unit = ind.unit
        place = ind.number
        target_cell = rec.value(Role.TARGET)
        q_cells = {Quarter(f"Q{col_q}"): cell for col_q, cell in self._quarters(rec)}
        filled = [squash(c.text) for c in ([target_cell] if target_cell else []) +
                  list(q_cells.values()) +
                  [c for role in (Role.TOTAL, Role.SCORE, Role.REMARKS, Role.LABEL)
                   for _, c in rec.values.get(role, [])] + rec.stray if squash(c.text)]
        if len(filled) >= 5 and len(set(filled)) == 1:
            self._fill_artefact(ind, rec, filled[0], target_cell or next(iter(q_cells.values())))
            return True
        ind.annual_target = read_value(target_cell, unit=unit, fy=self.fy,
                                       place=f"{place} / annual_target", sink=self.sink)
        for q, cell in q_cells.items():
            v = read_value(cell, unit=unit, fy=self.fy, place=f"{place} / {q.value}",
                           sink=self.sink, quarter=q)
            if v is not None:
                ind.quarterly[q] = v
        ach = ind.achievement_rec
        if ach is not None:
            for col_q, cell in self._quarters(ach):
                q = Quarter(f"Q{col_q}")
                v = read_value(cell, unit=unit, fy=self.fy, place=f"{place} / progress.{q.value}",
                               sink=self.sink, quarter=q)
                if v is not None:
                    ind.achievements[q] = (v, cell)
        return False

    def _quarters(self, rec: RowRec) -> list[tuple[int, Cell]]:
        header = rec.header
        assert header is not None
        out = []
        for col, cell in rec.values.get(Role.QUARTER, []):
            q = header.columns[col].quarter
            if q is not None:
                out.append((q, cell))
        return out

    def _fill_artefact(self, ind: IndB, rec: RowRec, text: str, cell: Cell) -> None:
        value = read_value(cell, unit=ind.unit, fy=self.fy, place=f"{ind.number} / annual_target",
                           sink=self.sink)
        ind.annual_target = value
        d = as_date(value)
        if isinstance(value, DateValue) and self.fy is not None and d is not None:
            q = date_quarter(self.fy, d)
            quarters = [q] if q else []
        else:
            quarters = list(QUARTERS)
        for q in quarters:
            if value is not None:
                ind.quarterly[q] = value
        self.sink.add(FlagCode.FILL_ARTEFACT, ind.number, cell,
                      f"একই মান “{text}” সারির সব ঘরে (লক্ষ্যমাত্রা, চার কোয়ার্টার, মোট, মান, মন্তব্য): "
                      "বার্ষিক লক্ষ্যমাত্রা ও " + ("তারিখটির কোয়ার্টারের লক্ষ্যমাত্রা" if len(quarters) == 1
                                                   else "চার কোয়ার্টারের লক্ষ্যমাত্রা") + " হিসেবে রাখা হয়েছে",
                      f"the same value “{text}” fills every cell of the row (target, quarters, "
                      "total, score, remarks): kept as the annual target and as the target of "
                      + ("the quarter the date falls in" if len(quarters) == 1 else "each quarter"),
                      kept=show(value))
        if ind.achievement_rec is not None and ind.achievement_rec.has_values():
            first = next((c for cells in ind.achievement_rec.values.values() for _, c in cells
                          if squash(c.text)), None)
            self.sink.add(FlagCode.NOT_KEPT, f"{ind.number} / progress", first,
                          "পরের সারিতেও একই মান: অর্জন হিসেবে রাখা হয়নি",
                          "the next row repeats the same value: not kept as achievements")
            ind.achievement_rec = None

    # -- five levels ----------------------------------------------------------------------

    def _five_level(self, ind: IndB, rec: RowRec) -> None:
        header = rec.header
        assert header is not None
        unit = ind.unit
        place = ind.number
        level_cells: dict[int, Cell | None] = {}
        for col, cell in rec.values.get(Role.LEVEL, []):
            lvl = header.columns[col].level
            if lvl is not None and lvl not in level_cells:
                level_cells[lvl] = cell
        projections = [(header.columns[col], cell) for col, cell in
                       rec.values.get(Role.PROJECTION, [])]
        actuals = [(header.columns[col], cell) for col, cell in rec.values.get(Role.ACTUAL, [])]
        # projections that slid one column left into the levels (seed 000 [২.১.১])
        self._slid_projections(ind, level_cells, projections)
        levels: dict[int, Value | None] = {}
        for lvl in (100, 90, 80, 70, 60):
            cell = level_cells.get(lvl)
            levels[lvl] = read_value(cell, unit=unit, fy=self.fy, place=f"{place} / levels.{lvl}",
                                     sink=self.sink)
        ach_cell = rec.value(Role.ACHIEVEMENT)
        ach = None
        if ach_cell is not None and self.r.report_quarter is not None:
            ach = read_value(ach_cell, unit=unit, fy=self.fy,
                             place=f"{place} / progress.{self.r.report_quarter.value}",
                             sink=self.sink)
        levels, ach = self._check_levels(ind, levels, level_cells, ach, ach_cell)
        ind.levels = levels
        if ach is not None and ach_cell is not None and self.r.report_quarter is not None:
            ind.achievements[self.r.report_quarter] = (ach, ach_cell)
        for col, cell in actuals:
            year = col.year or ""
            fy = parse_fy(year)
            ind.actuals.append(YearValue(year, read_value(
                cell, unit=unit, fy=fy, place=f"{place} / actuals.{year}", sink=self.sink),
                col.provisional))
        for col, cell in projections:
            year = col.year or ""
            fy = parse_fy(year)
            ind.projections.append(YearValue(year, read_value(
                cell, unit=unit, fy=fy, place=f"{place} / projections.{year}", sink=self.sink)))
        target = rec.value(Role.TARGET)
        if target is not None:
            ind.annual_target = read_value(target, unit=unit, fy=self.fy,
                                           place=f"{place} / annual_target", sink=self.sink)

    def _slid_projections(self, ind: IndB, level_cells: dict[int, Cell | None],
                          projections: list) -> None:
        if len(projections) < 2 or self.fy is None:
            return
        (c1, p1), (c2, p2) = projections[0], projections[1]
        if squash(p2.text):
            return
        last = next((lvl for lvl in (60, 70, 80, 90) if level_cells.get(lvl) is not None
                     and squash(level_cells[lvl].text)), None)
        if last is None:
            return
        probe = read_value(level_cells[last], unit=None, fy=None, place="", sink=Sink())
        d = as_date(probe)
        fy1 = parse_fy(c1.year or "")
        if d is None or fy1 is None or not fy1.contains(d):
            return
        moved = level_cells[last]
        assert moved is not None
        projections[0] = (c1, moved)
        projections[1] = (c2, p1)
        level_cells[last] = None
        self.sink.add(FlagCode.SHIFTED_PROJECTION, f"{ind.number} / levels.{last}", moved,
                      f"{last}% ঘরে পরের অর্থবছরের তারিখ আর শেষ কলাম খালি: প্রক্ষেপণ দুটি এক কলাম "
                      "বাঁয়ে সরে গেছে; প্রক্ষেপণ হিসেবে রাখা হয়েছে, এই মাত্রা খালি",
                      f"the {last} % cell holds a date of the next fiscal year and the last "
                      "column is empty: the two projections slid one column left; kept as "
                      f"projections, the {last} % level left empty",
                      kept=f"projections {squash(moved.text)}, {squash(p1.text)}")

    def _check_levels(self, ind: IndB, levels: dict[int, Value | None],
                      cells: dict[int, Cell | None], ach: Value | None,
                      ach_cell: Cell | None) -> tuple[dict[int, Value | None], Value | None]:
        place = ind.number
        keyed = [(lvl, v, _key(v)) for lvl, v in levels.items()]
        given = [(lvl, v, k) for lvl, v, k in keyed if k is not None]
        # "৬৪" where the run 3/2/1 wants 4 (seed 001 [৫.১.২]-style levels)
        if len(given) >= 3 and given[0][0] == 100 and all(
                isinstance(v, Number) for _, v, _ in given):
            rest = [k for _, _, k in given[1:]]
            steps = {b - a for a, b in pairwise(rest)}
            if len(steps) == 1 and steps != {0}:
                want = rest[0] - steps.pop()
                first = given[0][2]
                if first != want and want > 0 and str(int(first)).endswith(str(int(want))) \
                        and want == int(want):
                    levels[100] = Number(Decimal(int(want)))
                    self.sink.add(FlagCode.LEVEL_DIGIT_EXTRA, f"{place} / levels.100", cells[100],
                                  f"১০০% মাত্রা “{squash(cells[100].text)}” বাকি মাত্রার ধারায় "
                                  f"মেলে না; স্পষ্ট মান {int(want)} রাখা হয়েছে",
                                  f"the 100 % level “{to_latin_digits(squash(cells[100].text))}” "
                                  f"breaks the run of the other levels; the evident value "
                                  f"{int(want)} is kept", kept=str(int(want)))
                    given[0] = (100, levels[100], Decimal(int(want)))
        # a gap in the levels and an achievement that continues them: the cells slid
        if ach is not None and isinstance(ach, Number) and len(given) >= 2 and \
                all(isinstance(v, Number) for _, v, _ in given):
            gaps = [lvl for lvl, v, _ in keyed if v is None]
            inner_gap = any(lvl > given[-1][0] for lvl in gaps)
            seq = [k for _, _, k in given] + [ach.value]
            steps = {b - a for a, b in pairwise(seq)}
            if inner_gap and len(seq) <= 5 and len(steps) == 1 and steps != {0}:
                new = dict.fromkeys((100, 90, 80, 70, 60))
                for lvl, value in zip((100, 90, 80, 70, 60), seq, strict=False):
                    new[lvl] = Number(value)
                self.sink.add(FlagCode.SHIFTED, f"{place} / levels", ach_cell,
                              "মাত্রার ঘরে ফাঁক আর অর্জনের ঘরের মান মাত্রার ধারা পূর্ণ করে: ঘরগুলো সরে "
                              "গেছে; মাত্রা " + "/".join(str(int(v)) for v in seq) +
                              " রাখা হয়েছে, অর্জন নয়",
                              "the levels have gaps and the achievement cell continues their run: "
                              "the cells slid; kept levels " + "/".join(str(int(v)) for v in seq)
                              + ", no achievement", kept="/".join(str(int(v)) for v in seq))
                return new, None
        keys = [k for _, _, k in given]
        if len(keys) >= 2:
            up = all(b >= a for a, b in pairwise(keys))
            down = all(b <= a for a, b in pairwise(keys))
            if not (up or down):
                dropped = [lvl for lvl, _, _ in given if lvl != given[0][0]]
                for lvl in dropped:
                    levels[lvl] = None
                first_cell = cells.get(given[0][0])
                self.sink.add(FlagCode.LEVELS_DOUBTFUL, f"{place} / levels", first_cell,
                              "মাত্রাগুলো কোনো ক্রমে নেই (" + ", ".join(
                                  squash(cells[lvl].text) for lvl, _, _ in given if cells.get(lvl))
                              + "): কেবল প্রথম (১০০%) মাত্রা রাখা হয়েছে",
                              "the levels are in no order (" + ", ".join(
                                  to_latin_digits(squash(cells[lvl].text)) for lvl, _, _ in given
                                  if cells.get(lvl)) + "): only the first (100 %) level is kept",
                              kept=show(levels[given[0][0]]))
            elif len(set(keys)) < len(keys):
                self.sink.add(FlagCode.LEVELS_REPEATED, f"{place} / levels", cells.get(given[0][0]),
                              "মাত্রার একটি মান পুনরাবৃত্ত (সারিটি এক কলাম সরে থাকতে পারে): যেমন লেখা "
                              "তেমন রাখা হয়েছে",
                              "a level value repeats (the row may be shifted by a column): kept as "
                              "written", kept="/".join(show(v) for _, v, _ in given))
        return levels, ach


def _key(value: Value | None) -> Decimal | None:
    if isinstance(value, Number | Percent):
        return numeric(value)
    d = as_date(value)
    if d is not None:
        return Decimal(d.toordinal())
    return None


# ---------------------------------------------------------------- assembly


def read_indicator_tables(segments: list[tuple[Table, Header, int]], *, plan_kind: PlanKind,
                          fy: FiscalYear | None, report_quarter: Quarter | None, sink: Sink,
                          quarterly: bool) -> TableResult:
    reader = IndicatorReader(plan_kind=plan_kind, fy=fy, report_quarter=report_quarter,
                             sink=sink, quarterly=quarterly)
    reader.read(segments)
    values = ValueReader(reader)
    for area in reader.areas:
        for ind in area.indicators():
            start = len(sink.flags)
            values.read(ind, area)
            if area.kind is AreaKind.GOVERNANCE:
                # The APA numbers its governance area from [1] again: a value's place names
                # the plan-wide reference ("G1.1.1", as progress does), so the review page
                # can tell it from the office's own [1.1.1].
                sink.flags[start:] = [
                    replace(f, place="G" + f.place) if f.place.split(" / ")[0] == ind.number
                    else f for f in sink.flags[start:]]
    _check_area_weights(reader.areas, sink)
    if plan_kind.is_action_plan:
        # Hook (issue 12, item 11): the grievance-redress and RTI forms print their two
        # past-actual columns even when empty; an empty column is no actual of the plan.
        for area in reader.areas:
            for ind in area.indicators():
                ind.actuals = [yv for yv in ind.actuals if yv.value is not None]
    progress = _progress(reader, sink)
    areas = [_area_out(a) for a in reader.areas]
    total = _total(reader.areas, sink)
    acts = {a.number: a for ar in reader.areas for a in ar.activities}
    return TableResult(areas, progress, total, acts)


def _check_area_weights(areas: list[AreaB], sink: Sink) -> None:
    for area in areas:
        weights = [i.weight for i in area.indicators() if i.weight is not None]
        if area.weight is None or not weights:
            continue
        written = to_latin_digits(squash(area.weight_cell.text)) if area.weight_cell else ""
        total = sum(weights, Decimal(0))
        if area.weight < total and area.weight * 10 == total:
            sink.add(FlagCode.WEIGHT_TRUNCATED, f"area {area.number} / weight", area.weight_cell,
                     f"ক্ষেত্রের মান “{squash(area.weight_cell.text) if area.weight_cell else ''}” "
                     f"কিন্তু এর সূচকগুলোর মান মিলে {total}: একটি অঙ্ক কাটা পড়েছে; {total} রাখা হয়েছে",
                     f"the area weight is printed "
                     f"“{written}”"
                     f" but its indicators sum to {total}: a digit was cut off; {total} kept",
                     kept=str(total))
            area.weight = total


def _total(areas: list[AreaB], sink: Sink) -> Decimal | None:
    """DOMAIN.md: an area's weight is the sum of its indicators; the plan's the sum of areas.
    Computed only where the document prints area weights at all (else left empty)."""
    if not areas or all(a.weight is None for a in areas):
        return None
    total = Decimal(0)
    for a in areas:
        if a.weight is not None:
            total += a.weight
        else:
            total += sum((i.weight for i in a.indicators() if i.weight is not None), Decimal(0))
    sink.add(FlagCode.TOTAL_COMPUTED, "total_weight", None,
             f"মোট মান ছাপা নেই: ক্ষেত্রগুলোর মানের যোগফল {total} ধরা হয়েছে",
             f"no total is printed: the sum of the area weights, {total}, is used",
             kept=str(total))
    return total


def _progress(reader: IndicatorReader, sink: Sink) -> list[ProgressValue]:
    """Achievements up to the report's quarter (DOMAIN.md: a quarterly report); without a stated
    quarter, up to the latest quarter that has any achievement."""
    inds = [(a, i) for a in reader.areas for i in a.indicators()]
    quarter = reader.report_quarter
    if quarter is None:
        reported = [q for _, i in inds for q, (v, _) in i.achievements.items()
                    if not isinstance(v, Blank)]
        if not reported:
            return []
        quarter = max(reported, key=lambda q: q.value)
    out = []
    for area, ind in inds:
        for q in QUARTERS:
            if q.value > quarter.value or q not in ind.achievements:
                continue
            value, _cell = ind.achievements[q]
            ref = ("G" if area.kind is AreaKind.GOVERNANCE else "") + ind.number
            out.append(ProgressValue(ref, q, value))
    return out


def _area_out(area: AreaB) -> Area:
    return Area(
        number=area.number,
        name=area.name,
        weight=area.weight,
        kind=area.kind,
        choose_at_least=area.choose_at_least,
        note=area.note,
        activities=tuple(
            Activity(
                number=act.number,
                name=act.name,
                not_applicable_tiers=tuple(act.tiers),
                indicators=tuple(_indicator_out(i, area) for i in act.indicators),
            )
            for act in area.activities
        ),
    )


def _indicator_out(ind: IndB, area: AreaB) -> Indicator:
    levels = TargetLevels(*(ind.levels.get(p) for p in (100, 90, 80, 70, 60)))
    feeds = None
    if area.kind is AreaKind.GOVERNANCE and ind.unit is Unit.MARKS:
        feeds = feeds_from_of(ind.name)
    return Indicator(
        number=ind.number,
        name=ind.name,
        unit=ind.unit or Unit.COUNT,
        weight=ind.weight,
        unit_label=ind.unit_label,
        calculation_method=ind.method,
        actuals=tuple(ind.actuals),
        levels=levels,
        annual_target=ind.annual_target,
        quarterly_targets=tuple((q, ind.quarterly[q]) for q in QUARTERS if q in ind.quarterly),
        projections=tuple(ind.projections),
        responsible=ind.responsible,
        feeds_from=feeds,
        fallback_for=ind.fallback_for,
        remarks=ind.remarks,
    )
