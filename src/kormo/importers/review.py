"""The review of an import before anything is saved (issue "Import the documents offices already
have"): the plans read shown as a grid of cells beside the document as read, each flag placed
on its cell in both, and the corrections a person types read back into the plans.

Why a module of its own, and pure: the review page (`kormo.plans.import_views`) only displays
what this module prepares, and the same rules — which cell a flag's place names, how a typed
value is read, what goes into the plan's source notes — are tested here without a database.
Values are read by `kormo.domain.cells.parse_cell` (Bengali or Latin digits, percents,
money, dates, "-"), like the plan editor reads them (`kormo.plans.sheet`).

A cell's key, which is also the name of its input on the page, is "cell:<plan>:<target>:<field>":
the plan's index in the file, the indicator's plan-wide reference ("2.1.1", "G1.1.1"), "area<i>"
(the i-th area) or "plan", and the field ("levels.70", "Q2", "progress.Q1", "actuals.2021-22",
"weight", "name", "responsible", "total_weight"). Flags name the same fields in their places
("plan 0 / 2.1.1 / levels.70"), see `kormo.importers.recognise`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum, StrEnum
from typing import ClassVar

from kormo.domain.calendar import FiscalYear
from kormo.domain.cells import format_value, parse_cell
from kormo.domain.digits import normalize_text, to_bengali_digits
from kormo.domain.errors import CodedError, InputError
from kormo.domain.numerals import format_number, parse_number
from kormo.domain.plan import (
    LEVEL_PERCENTS,
    Area,
    Indicator,
    Plan,
    ProgressValue,
    Quarter,
    SourceNote,
    TargetLevels,
    Unit,
    YearValue,
    indicator_ref,
)
from kormo.domain.values import Value
from kormo.importers.readers.model import Document, Paragraph, Position, Table
from kormo.importers.result import Flag

QUARTERS = tuple(Quarter)
LEVEL_FIELDS = tuple(f"levels.{p}" for p in LEVEL_PERCENTS)
TARGET_FIELDS = ("annual_target", *(q.value for q in QUARTERS))
PROGRESS_FIELDS = tuple(f"progress.{q.value}" for q in QUARTERS)
TEXT_FIELDS = ("name", "responsible")
_FIELD = re.compile(r"^(weight|name|responsible|annual_target|Q[1-4]|levels\.(100|90|80|70|60)"
                    r"|progress\.Q[1-4]|(actuals|projections)\.\d{4}-\d{2})$")
KEY_PREFIX = "cell:"


def cell_key(plan: int, target: str, field_name: str) -> str:
    return f"{KEY_PREFIX}{plan}:{target}:{field_name}"


def anchor(text: str) -> str:
    """An HTML id made of the key's parts (ids must not hold spaces; dots confuse CSS)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)


# ---------------------------------------------------------------- names of fields


def field_names(field_name: str) -> tuple[str, str]:
    """(Bengali, English) name of a field, for messages that name the cell."""
    if field_name.startswith("levels."):
        p = field_name.split(".", 1)[1]
        return f"লক্ষ্যমাত্রা {to_bengali_digits(p)}%", f"target {p}%"
    if field_name.startswith("progress.Q"):
        n = field_name[-1]
        return f"{to_bengali_digits(n)}ম কোয়ার্টারের অর্জন", f"achievement Q{n}"
    if re.fullmatch(r"Q[1-4]", field_name):
        n = field_name[-1]
        return f"{to_bengali_digits(n)}ম কোয়ার্টারের লক্ষ্যমাত্রা", f"target Q{n}"
    if field_name.startswith("actuals."):
        y = field_name.split(".", 1)[1]
        return f"প্রকৃত অর্জন {to_bengali_digits(y)}", f"actual {y}"
    if field_name.startswith("projections."):
        y = field_name.split(".", 1)[1]
        return f"প্রক্ষেপণ {to_bengali_digits(y)}", f"projection {y}"
    return {
        "weight": ("মান", "weight"),
        "name": ("সূচকের নাম", "indicator's name"),
        "responsible": ("দায়িত্বপ্রাপ্ত ব্যক্তি/পদ", "responsible person/post"),
        "annual_target": ("বার্ষিক লক্ষ্যমাত্রা", "annual target"),
        "total_weight": ("মোট মান", "total weight"),
    }.get(field_name, (field_name, field_name))


# ---------------------------------------------------------------- flags → places


@dataclass(frozen=True, slots=True)
class FlagPlace:
    """Where a flag points in the plans: plan index (None: the document), the target and the
    field as the flag's place writes them ("plan 0 / 2.1.1 / levels.70" → 0, "2.1.1",
    "levels.70")."""

    plan: int | None
    target: str
    field: str


def flag_place(place: str) -> FlagPlace:
    m = re.match(r"^plan (\d+)(?: / (.*))?$", place)
    if not m:
        return FlagPlace(None, place, "")
    rest = (m[2] or "").split(" / ", 1)
    return FlagPlace(int(m[1]), rest[0], rest[1] if len(rest) > 1 else "")


def plan_place(place: str) -> str:
    """A flag's place within its plan ("plan 0 / 2.1.1 / Q1" → "2.1.1 / Q1")."""
    p = flag_place(place)
    if p.plan is None:
        return place
    return " / ".join(x for x in (p.target, p.field) if x) or "plan"


_ROW_FIELDS = {
    "levels": ("লক্ষ্যমাত্রা", "target levels"),
    "dependency": ("সংযোজনী ৩", "annex 3"),
    "remarks": ("মন্তব্য", "remarks"),
    "progress": ("অর্জন", "achievements"),
    "score": ("অর্জিত মান", "score"),
    "total": ("মোট অর্জন", "total achievement"),
    "weight": ("মান", "weight"),
}


def place_label(place: str, lang: str) -> str:
    """A flag's place as a person reads it: "[২.১.১] লক্ষ্যমাত্রা ৭০%" / "[2.1.1] target 70%";
    places of other kinds ("office", "work item long 1") as written, in the page's digits."""
    p = flag_place(place)
    fld = p.field.split(" / ")[0]
    i = 0 if lang == "bn" else 1
    if p.plan is not None and re.fullmatch(r"G?\d+(\.\d+)*", p.target):
        target = f"[{p.target}]"
        if fld and _FIELD.match(fld):
            text = f"{target} {field_names(fld)[i]}"
        elif fld in _ROW_FIELDS:
            text = f"{target} {_ROW_FIELDS[fld][i]}"
        else:
            text = " / ".join(x for x in (target, p.field) if x)
    elif p.plan is not None and p.target == "total_weight":
        text = field_names("total_weight")[i]
    elif p.plan is not None and re.fullmatch(r"area \d+", p.target):
        words = ("ক্ষেত্র", "area")[i]
        text = f"{words} [{p.target[5:]}]" + (f" {_ROW_FIELDS[fld][i]}" if fld in _ROW_FIELDS
                                              else f" / {p.field}" if p.field else "")
    elif place == "document":
        text = ("নথি", "document")[i]
    else:
        text = plan_place(place)
    return to_bengali_digits(text) if lang == "bn" else text


def position_label(position: Position, lang: str) -> str:
    """Where a cell is in the file, for people (counted from 1): "সারণি ৫, সারি ৫, কলাম ১৪
    (লাইন ১৪৩)" / "table 5, row 5, column 14 (line 143)"; page (PDF) and sheet (Excel) too."""
    words = {"sheet": ("শিট", "sheet"), "page": ("পৃষ্ঠা", "page"), "table": ("সারণি", "table"),
             "row": ("সারি", "row"), "column": ("কলাম", "column"), "line": ("লাইন", "line")}
    i = 0 if lang == "bn" else 1
    parts = []
    if position.sheet:
        parts.append(f"{words['sheet'][i]} {position.sheet}")
    if position.page is not None:
        parts.append(f"{words['page'][i]} {position.page}")
    for key in ("table", "row", "column"):
        value = getattr(position, key)
        if value is not None:
            parts.append(f"{words[key][i]} {value + 1}")
    text = ", ".join(parts)
    if position.line is not None:
        line = f"{words['line'][i]} {position.line}"
        text = f"{text} ({line})" if text else line
    return to_bengali_digits(text) if lang == "bn" else text


def _area_targets(plan: Plan) -> dict[str, int]:
    """"area 1" (and "Garea 1" for the governance area) → the area's index; the office's own
    area wins when both number from 1 (the flags of areas carry no G)."""
    out: dict[str, int] = {}
    for i, area in enumerate(plan.areas):
        out.setdefault(f"area {area.number}", i)
        if area.kind.value == "governance":
            out.setdefault(f"Garea {area.number}", i)
    return out


@dataclass(frozen=True, slots=True)
class Spot:
    """Where a flag lands in the grid: a cell (`key`), or only a row (`row`), or neither."""

    key: str = ""
    row: str = ""


def flag_spot(plan: Plan, index: int, flag: Flag) -> Spot:
    """The grid cell (or row) a flag of plan `index` points at."""
    p = flag_place(flag.place)
    if p.plan != index:
        return Spot()
    refs = plan.indicator_refs()
    if p.target in refs:
        row = f"{index}:{p.target}"
        fld = p.field.split(" / ")[0]
        if _FIELD.match(fld):
            return Spot(cell_key(index, p.target, fld), row)
        return Spot("", row)
    areas = _area_targets(plan)
    if p.target in areas:
        row = f"{index}:area{areas[p.target]}"
        if p.field == "weight":
            return Spot(cell_key(index, f"area{areas[p.target]}", "weight"), row)
        return Spot("", row)
    if p.target == "total_weight":
        return Spot(cell_key(index, "plan", "total_weight"), "")
    for area in plan.areas:
        for act in area.activities:
            if act.number == p.target:
                return Spot("", f"{index}:act{act.number}")
    return Spot()


# ---------------------------------------------------------------- the grid


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


# ---------------------------------------------------------------- the source as read


@dataclass
class SourceCell:
    text: str
    anchor: str
    flags: list[int] = field(default_factory=list)
    merged: bool = False


@dataclass
class SourceRow:
    label: str  # "line 12", "row 3"
    anchor: str
    cells: list[SourceCell]
    flags: list[int] = field(default_factory=list)


@dataclass
class SourceBlock:
    kind: str  # "table" or "paragraph"
    label: str
    rows: list[SourceRow] = field(default_factory=list)
    text: str = ""
    anchor: str = ""
    flags: list[int] = field(default_factory=list)


def _cell_anchor(table: int, row: int, column: int | None = None) -> str:
    return f"s-t{table}-r{row}" + ("" if column is None else f"-c{column}")


def source_anchor(position: Position, lines: Mapping[int, str],
                  pages: Mapping[int, str]) -> str:
    """The id of the source cell (or row, or line) a position points at; "" when none."""
    if position.table is not None and position.row is not None:
        return _cell_anchor(position.table, position.row, position.column)
    if position.line is not None and position.line in lines:
        return lines[position.line]
    if position.page is not None and position.page in pages:
        return pages[position.page]
    return ""


def _where(position: Position) -> str:
    """A short label of a position: line (text), page (PDF), sheet (Excel)."""
    parts = []
    if position.sheet:
        parts.append(position.sheet)
    if position.page is not None:
        parts.append(f"p. {position.page}")
    if position.line is not None:
        parts.append(f"l. {position.line}")
    return ", ".join(parts)


def source_view(document: Document, flags: Sequence[Flag]) -> tuple[list[SourceBlock],
                                                                    dict[int, str]]:
    """The document's blocks as the page shows them, each flagged cell marked, and each flag's
    anchor in the source (flag index → id)."""
    lines: dict[int, str] = {}
    pages: dict[int, str] = {}
    blocks: list[SourceBlock] = []
    for n, b in enumerate(document.blocks):
        if isinstance(b, Table):
            block = SourceBlock("table", _where(b.position), anchor=f"s-t{b.index}")
            for r in b.rows:
                row_id = _cell_anchor(b.index, r.position.row if r.position.row is not None
                                      else len(block.rows))
                cells = [SourceCell(c.text, _cell_anchor(
                    b.index, c.position.row if c.position.row is not None else 0,
                    c.position.column if c.position.column is not None else k), merged=c.merged)
                    for k, c in enumerate(r.cells)]
                block.rows.append(SourceRow(_where(r.position), row_id, cells))
                if r.position.line is not None:
                    lines.setdefault(r.position.line, row_id)
            blocks.append(block)
        elif isinstance(b, Paragraph):
            pid = f"s-b{n}"
            blocks.append(SourceBlock("paragraph", _where(b.position), text=b.text, anchor=pid))
            if b.position.line is not None:
                lines.setdefault(b.position.line, pid)
        if b.position.page is not None:
            pages.setdefault(b.position.page, blocks[-1].anchor)
    where = {i: source_anchor(f.source, lines, pages) for i, f in enumerate(flags)}
    cells = {c.anchor: c for blk in blocks for r in blk.rows for c in r.cells}
    rows = {r.anchor: r for blk in blocks for r in blk.rows}
    paras = {blk.anchor: blk for blk in blocks}
    for i, a in where.items():
        if a in cells:
            cells[a].flags.append(i)
        elif a in rows:
            rows[a].flags.append(i)
        elif a in paras:
            paras[a].flags.append(i)
        else:
            where[i] = ""
    return blocks, where


# ---------------------------------------------------------------- corrections


@dataclass(frozen=True, slots=True)
class Problem:
    """A correction that cannot be read: the cell's key and why, naming the cell."""

    key: str
    bn: str
    en: str


@dataclass(frozen=True, slots=True)
class Change:
    """A correction made on the review page: the cell, its place as flags write it, and the
    value before and after (as Latin text, for the plan's source notes)."""

    key: str
    plan: int
    place: str
    before: str
    after: str

    def to_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> Change:
        return cls(str(raw["key"]), int(raw["plan"]),  # type: ignore[call-overload]
                   str(raw["place"]), str(raw["before"]), str(raw["after"]))


class CorrectionCode(StrEnum):
    UNREADABLE = "UNREADABLE"


class CorrectionError(CodedError):
    """Some typed corrections cannot be read (`problems`, one per cell); nothing was changed."""

    MESSAGES: ClassVar[Mapping[Enum, tuple[str, str]]] = {
        CorrectionCode.UNREADABLE: ("{first_bn}{more_bn}", "{first_en}{more_en}"),
    }

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        first, more = self.problems[0], len(self.problems) - 1
        super().__init__(
            CorrectionCode.UNREADABLE, first.key, first_bn=first.bn, first_en=first.en,
            more_bn=f" (এবং আরও {to_bengali_digits(str(more))}টি)" if more else "",
            more_en=f" (and {more} more)" if more else "")


def _unchanged(typed: str, value: object) -> bool:
    """The text still is what the page showed (in either language's digits)."""
    norm = normalize_text(typed)
    return any(norm == normalize_text(_text_of(value, lang)) for lang in ("bn", "en"))


def _fy_of(year: str) -> FiscalYear | None:
    try:
        return FiscalYear.parse(year)
    except InputError:
        return None


def _read(text: str, kind: str, unit: Unit | None, year: str) -> object:
    norm = normalize_text(text)
    if kind == "text":
        return " ".join(text.split())
    if not norm:
        return None
    if kind == "number":
        return parse_number(norm)
    # With the unit লক্ষ টাকা a typed "১২,০০০/-" stays money as written (as in the editor,
    # `plans.sheet`): converting it to lakhs would change what the office wrote.
    hint = None if unit is Unit.LAKH_TAKA else unit
    return parse_cell(norm, hint, _fy_of(year))


def _ref_text(target: str, plan: Plan) -> tuple[str, str]:
    if target == "plan":
        return "", ""
    if target.startswith("area"):
        area = plan.areas[int(target[4:])]
        label = _area_label(area)
        return f"ক্ষেত্র [{to_bengali_digits(label)}] ", f"area [{label}] "
    return f"[{to_bengali_digits(target)}] ", f"[{target}] "


def _with_indicator(plan: Plan, ref: str, fn) -> Plan:  # type: ignore[no-untyped-def]
    areas = []
    for area in plan.areas:
        acts = []
        for act in area.activities:
            inds = tuple(fn(i) if indicator_ref(area, i) == ref else i for i in act.indicators)
            acts.append(dataclasses.replace(act, indicators=inds))
        areas.append(dataclasses.replace(area, activities=tuple(acts)))
    return dataclasses.replace(plan, areas=tuple(areas))


def _set_year(values: Sequence[YearValue], year: str, value: Value | None) -> tuple[YearValue, ...]:
    out = [dataclasses.replace(v, value=value) if v.fiscal_year == year else v for v in values]
    if not any(v.fiscal_year == year for v in values):
        out.append(YearValue(year, value))
    return tuple(out)


def _set_indicator(ind: Indicator, fld: str, value: object) -> Indicator:
    if fld in ("weight", *TEXT_FIELDS):
        return dataclasses.replace(ind, **{fld: value})
    if fld.startswith("levels."):
        pairs = dict(ind.levels.as_pairs())
        pairs[int(fld.split(".", 1)[1])] = value  # type: ignore[assignment]
        return dataclasses.replace(ind, levels=TargetLevels(*(pairs[p] for p in LEVEL_PERCENTS)))
    if fld == "annual_target":
        return dataclasses.replace(ind, annual_target=value)
    if re.fullmatch(r"Q[1-4]", fld):
        q = Quarter(fld)
        targets = dict(ind.quarterly_targets)
        if value is None:
            targets.pop(q, None)
        else:
            targets[q] = value  # type: ignore[assignment]
        return dataclasses.replace(ind, quarterly_targets=tuple(
            (x, targets[x]) for x in QUARTERS if x in targets))
    kind, _, year = fld.partition(".")
    return dataclasses.replace(ind, **{kind: _set_year(getattr(ind, kind), year, value)})


def _set_progress(plan: Plan, ref: str, quarter: str, value: Value | None) -> Plan:
    q = Quarter(quarter)
    found = False
    out: list[ProgressValue] = []
    for p in plan.progress:
        if p.indicator == ref and p.quarter is q:
            found = True
            if value is not None:
                out.append(dataclasses.replace(p, value=value))
        else:
            out.append(p)
    if not found and value is not None:
        out.append(ProgressValue(ref, q, value))
    return dataclasses.replace(plan, progress=tuple(out))


def _latin(value: object) -> str:
    return _text_of(value, "en")


def apply_corrections(plans: Sequence[Plan], typed: Mapping[str, str]
                      ) -> tuple[list[Plan], list[Change]]:
    """The plans with the typed corrections, and what changed. Only cells whose text differs
    from what the page showed are read; an unreadable one raises `CorrectionError` naming every
    such cell, and then nothing is changed."""
    out = list(plans)
    changes: list[Change] = []
    problems: list[Problem] = []
    for key, text in typed.items():
        if not key.startswith(KEY_PREFIX):
            continue
        parts = key[len(KEY_PREFIX):].split(":")
        if len(parts) != 3 or not parts[0].isdigit() or int(parts[0]) >= len(out):
            continue
        index, target, fld = int(parts[0]), parts[1], parts[2]
        plan = out[index]
        bn, en = _ref_text(target, plan)
        names = field_names(fld)
        try:
            if target == "plan" and fld == "total_weight":
                if _unchanged(text, plan.total_weight):
                    continue
                new = _read(text, "number", None, plan.fiscal_year)
                changes.append(Change(key, index, "total_weight", _latin(plan.total_weight),
                                      _latin(new)))
                out[index] = dataclasses.replace(plan, total_weight=new)  # type: ignore[arg-type]
                continue
            if target.startswith("area") and target[4:].isdigit() and fld == "weight":
                ai = int(target[4:])
                if ai >= len(plan.areas):
                    continue
                area = plan.areas[ai]
                if _unchanged(text, area.weight):
                    continue
                new = _read(text, "number", None, plan.fiscal_year)
                changes.append(Change(key, index, f"area {area.number} / weight",
                                      _latin(area.weight), _latin(new)))
                areas = list(plan.areas)
                areas[ai] = dataclasses.replace(area, weight=new)  # type: ignore[arg-type]
                out[index] = dataclasses.replace(plan, areas=tuple(areas))
                continue
            ind = plan.indicator(target)
            if ind is None or not _FIELD.match(fld):
                continue
            old = indicator_value(plan, target, ind, fld)
            if _unchanged(text, old):
                continue
            kind = "number" if fld == "weight" else "text" if fld in TEXT_FIELDS else "value"
            year = fld.split(".", 1)[1] if fld.startswith(("actuals.", "projections.")) \
                else plan.fiscal_year
            new = _read(text, kind, ind.unit, year)
            if fld == "name" and not new:
                raise InputError("সূচকের নাম খালি রাখা যায় না", "the indicator's name cannot be "
                                 "empty")
            changes.append(Change(key, index, f"{target} / {fld}", _latin(old), _latin(new)))
            if fld.startswith("progress."):
                out[index] = _set_progress(plan, target, fld.split(".", 1)[1],
                                           new)  # type: ignore[arg-type]
            else:
                out[index] = _with_indicator(plan, target,
                                             lambda i, f=fld, v=new: _set_indicator(i, f, v))
        except InputError as exc:
            problems.append(Problem(key, f"{bn}{names[0]}: {exc.bn}", f"{en}{names[1]}: {exc.en}"))
    if problems:
        raise CorrectionError(problems)
    return out, changes


def merge_changes(earlier: Sequence[Change], later: Sequence[Change]) -> list[Change]:
    """Corrections of several rounds of checking: one per cell, from the first value read to
    the last one typed."""
    merged: dict[str, Change] = {c.key: c for c in earlier}
    for c in later:
        first = merged.get(c.key)
        merged[c.key] = dataclasses.replace(c, before=first.before) if first else c
    return [c for c in merged.values() if c.before != c.after]


# ---------------------------------------------------------------- what the plan keeps


def source_notes(plan: Plan, index: int, flags: Sequence[Flag],
                 changes: Sequence[Change]) -> tuple[SourceNote, ...]:
    """The plan's source notes after review: its own, one per flag of the plan or of the
    document (the reason in English and Bengali, the value kept, the cell as written and where),
    and one per correction made on the review page."""
    notes = list(plan.source_notes)
    mine = [c for c in changes if c.plan == index]
    corrected = {c.place: c for c in mine}
    done: set[str] = set()
    for f in flags:
        p = flag_place(f.place)
        if p.plan not in (index, None):
            continue
        place = plan_place(f.place)
        parts = [f.reason_en]
        if f.kept:
            parts.append(f"kept “{f.kept}”")
        if f.written and f.written != f.kept:
            parts.append(f"written “{f.written}”")
        label = f.source.label()
        if label != "document":
            parts.append(label)
        text = "; ".join(parts) + f". — {f.reason_bn} [{f.code.value}]"
        change = corrected.get(place)
        if change is not None:
            done.add(place)
            text = f"Corrected on review from “{change.before}” to “{change.after}”. " + text
        notes.append(SourceNote(place, text))
    for c in mine:
        if c.place not in done:
            notes.append(SourceNote(c.place, f"Corrected on review from “{c.before}” to "
                                             f"“{c.after}”."))
    return tuple(notes)
