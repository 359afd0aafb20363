"""The plan's table as a spreadsheet: rows of typed cell texts ↔ the areas of a domain plan.

Why: people write the APA's section 3 and the action plans in Word and Excel, one row per
indicator, with the area and activity written once and left blank below it (merged cells).
The editor page shows the same grid, and a block pasted from Excel arrives in the same shape,
so this module reads that shape: a row that names an area starts a new area, a row that names
an activity starts a new activity, a row that names an indicator adds one; blank area and
activity cells continue the ones above (DOMAIN.md, "Structure rules").

Pure Python over `kormo.domain`: every cell is read by `numerals.parse_cell` (Bengali or Latin
digits, percents, money, dates, "-") and every problem names its row and field, in Bengali and
English, so the page can mark the very input. `sheet_rows` writes a plan back into rows in the
user's language; `sheet_parse(sheet_rows(p)) == p.areas` for the fields the grid shows, and the
fields it does not show (annexes 2-3, fallbacks, derivations) are carried over by the row's
`key`, the indicator's reference when the page was loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from kormo.domain.calendar import FiscalYear
from kormo.domain.cells import CellProblem, format_value, parse_cell
from kormo.domain.dates import format_date, parse_date
from kormo.domain.digits import normalize_text, to_bengali_digits
from kormo.domain.errors import InputError
from kormo.domain.numerals import format_number, parse_number, parse_quantity
from kormo.domain.plan import (
    Activity,
    Area,
    AreaKind,
    CalculationMethod,
    Indicator,
    Plan,
    PlanKind,
    Quantity,
    Quarter,
    TargetLevels,
    Tier,
    Unit,
    YearValue,
    indicator_ref,
)
from kormo.domain.validation import Finding, number_cell_findings
from kormo.domain.values import Value

AREA_FIELDS = ("area_number", "area_name", "area_weight", "area_kind", "area_choose", "area_note")
ACTIVITY_FIELDS = ("activity_number", "activity_name", "activity_na_tiers", "activity_remarks")
LEVEL_FIELDS = ("level_100", "level_90", "level_80", "level_70", "level_60")
QUARTER_FIELDS = ("q1", "q2", "q3", "q4")
INDICATOR_FIELDS = (
    "number", "name", "method", "unit", "unit_label", "weight",
    *LEVEL_FIELDS, "annual_target", *QUARTER_FIELDS, "responsible", "feeds_from", "remarks",
)
MAX_YEAR_COLUMNS = 4
ACTUAL_FIELDS = tuple(f"actual_{i}" for i in range(MAX_YEAR_COLUMNS))
PROJECTION_FIELDS = tuple(f"projection_{i}" for i in range(MAX_YEAR_COLUMNS))
# Every field a row may carry; `key` is the indicator's reference when the page was loaded.
ROW_FIELDS = (*AREA_FIELDS, *ACTIVITY_FIELDS, *INDICATOR_FIELDS, *ACTUAL_FIELDS,
              *PROJECTION_FIELDS, "key")
MAX_ROWS = 2000  # far above any real plan (seed 002 has 39 rows); refuses runaway posts
# Django's request limits (project/settings.py) are sized from these, so that a plan of
# MAX_ROWS rows can be posted: every row sends each of its fields (ROW_FIELDS at most), and
# seed rows weigh 1.5-3 KB url-encoded (Bengali text is 9 bytes a letter), 4 KiB is the budget.
ROW_POST_BYTES = 4096

# Tier names a person may type in the "not for tiers" cell (DOMAIN.md: "উপজেলা পর্যায়ের
# কার্যালয়ের ক্ষেত্রে প্রযোজ্য হবে না").
TIER_WORDS: Mapping[str, Tier] = {
    **{t.value: t for t in Tier},
    "মন্ত্রণালয়": Tier.MINISTRY, "বিভাগ": Tier.MINISTRY, "অধিদপ্তর": Tier.DIRECTORATE,
    "সংস্থা": Tier.DIRECTORATE, "বিভাগীয়": Tier.DIVISION, "জেলা": Tier.DISTRICT,
    "উপজেলা": Tier.UPAZILA, "প্রতিষ্ঠান": Tier.INSTITUTION,
}
TIER_BN: Mapping[Tier, str] = {
    Tier.MINISTRY: "মন্ত্রণালয়", Tier.DIRECTORATE: "অধিদপ্তর", Tier.DIVISION: "বিভাগীয়",
    Tier.DISTRICT: "জেলা", Tier.UPAZILA: "উপজেলা", Tier.INSTITUTION: "প্রতিষ্ঠান",
}

Row = Mapping[str, str]
_E = TypeVar("_E", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class YearColumn:
    """A column of past actuals or projections: its fiscal year and the * (provisional) mark."""

    fiscal_year: str
    provisional: bool = False


@dataclass(frozen=True, slots=True)
class Columns:
    """The year columns of a table (the same for every row, as in the printed forms)."""

    actuals: tuple[YearColumn, ...] = ()
    projections: tuple[YearColumn, ...] = ()


# ---------------------------------------------------------------- columns


def default_columns(plan: Plan) -> Columns:
    """The year columns of `plan`: those its indicators use, else the APA's usual four."""
    inds = plan.indicators
    return year_columns(
        plan.kind, plan.fiscal_year,
        ((yv.fiscal_year, yv.provisional) for ind in inds for yv in ind.actuals),
        ((yv.fiscal_year, yv.provisional) for ind in inds for yv in ind.projections),
    )


def year_columns(kind: PlanKind, fiscal_year: str, actuals: Iterable[tuple[str, bool]],
                 projections: Iterable[tuple[str, bool]]) -> Columns:
    """The year columns of a plan from its indicators' (fiscal year, provisional) actuals and
    projections in document order (a year is provisional if any indicator marks it so), else
    the APA's usual four.

    An APA prints the actuals of the two previous years (the later one provisional, marked *)
    and the projections of the two next years (seed 000, section 3).
    """
    actual_years: dict[str, bool] = {}
    projection_years: dict[str, bool] = {}
    for year, provisional in actuals:
        actual_years[year] = actual_years.get(year, False) or provisional
    for year, provisional in projections:
        projection_years[year] = projection_years.get(year, False) or provisional
    if not actual_years and not projection_years and kind is PlanKind.APA:
        try:
            fy = FiscalYear.parse(fiscal_year)
        except InputError:
            return Columns()
        return Columns(
            (YearColumn(str(fy.previous.previous)), YearColumn(str(fy.previous), True)),
            (YearColumn(str(fy.next)), YearColumn(str(fy.next.next))),
        )
    return Columns(
        tuple(YearColumn(y, p) for y, p in list(actual_years.items())[:MAX_YEAR_COLUMNS]),
        tuple(YearColumn(y, p) for y, p in list(projection_years.items())[:MAX_YEAR_COLUMNS]),
    )


def columns_parse(
    actual_years: Sequence[str], actual_provisional: Sequence[bool],
    projection_years: Sequence[str], projection_provisional: Sequence[bool],
) -> Columns:
    """Columns from the header inputs; a column with a blank year is dropped."""

    def cols(years: Sequence[str], prov: Sequence[bool]) -> tuple[YearColumn, ...]:
        out = []
        for i, text in enumerate(years[:MAX_YEAR_COLUMNS]):
            text = normalize_text(text)
            if not text:
                continue
            try:
                year = str(FiscalYear.parse(text))
            except InputError:
                year = text  # kept as typed; validation reports an unreadable year
            out.append(YearColumn(year, bool(prov[i]) if i < len(prov) else False))
        return tuple(out)

    return Columns(cols(actual_years, actual_provisional),
                   cols(projection_years, projection_provisional))


# ---------------------------------------------------------------- plan → rows


def _num(value: Decimal | None, lang: str) -> str:
    return "" if value is None else format_number(value, lang, grouping=False)


def _val(value: Value | None, lang: str) -> str:
    return format_value(value, lang)


def tiers_text(tiers: Sequence[Tier], lang: str) -> str:
    return ", ".join(TIER_BN[t] if lang == "bn" else t.value for t in tiers)


def _indicator_cells(ind: Indicator, ref: str, columns: Columns, lang: str) -> dict[str, str]:
    actuals = {yv.fiscal_year: yv.value for yv in ind.actuals}
    projections = {yv.fiscal_year: yv.value for yv in ind.projections}
    cells = {
        "number": ind.number,
        "name": ind.name,
        "method": "" if ind.calculation_method is None else ind.calculation_method.value,
        "unit": ind.unit.value,
        "unit_label": ind.unit_label,
        "weight": _num(ind.weight, lang),
        "annual_target": _val(ind.annual_target, lang),
        "responsible": ind.responsible,
        "feeds_from": "" if ind.feeds_from is None else ind.feeds_from.value,
        "remarks": ind.remarks,
        "key": ref,
    }
    for name, (_, value) in zip(LEVEL_FIELDS, ind.levels.as_pairs(), strict=True):
        cells[name] = _val(value, lang)
    for name, quarter in zip(QUARTER_FIELDS, Quarter, strict=True):
        cells[name] = _val(ind.quarterly_target(quarter), lang)
    for i, col in enumerate(columns.actuals):
        cells[ACTUAL_FIELDS[i]] = _val(actuals.get(col.fiscal_year), lang)
    for i, col in enumerate(columns.projections):
        cells[PROJECTION_FIELDS[i]] = _val(projections.get(col.fiscal_year), lang)
    return cells


def area_cells(number: str, name: str, weight: Decimal | None, kind: AreaKind,
               choose_at_least: int | None, note: str, lang: str) -> dict[str, str]:
    """The cells that name an area, on its first row."""
    return {
        "area_number": number,
        "area_name": name,
        "area_weight": _num(weight, lang),
        "area_kind": kind.value,
        "area_choose": "" if choose_at_least is None else _num(Decimal(choose_at_least), lang),
        "area_note": note,
    }


def activity_cells(number: str, name: str, not_applicable_tiers: Sequence[Tier], remarks: str,
                   lang: str) -> dict[str, str]:
    """The cells that name an activity, on its first row."""
    return {
        "activity_number": number,
        "activity_name": name,
        "activity_na_tiers": tiers_text(not_applicable_tiers, lang),
        "activity_remarks": remarks,
    }


# An area's cells with its activities, each an activity's cells with its indicators' cells.
AreaTree = tuple[dict[str, str], list[tuple[dict[str, str], list[dict[str, str]]]]]


def tree_rows(areas: Iterable[AreaTree]) -> list[dict[str, str]]:
    """Grid rows from areas' cells: every row has every field (ROW_FIELDS); an area and an
    activity are written on their first row only (the merged cells of the printed forms), an
    area without activities or an activity without indicators on a row of its own."""
    rows: list[dict[str, str]] = []
    blank = dict.fromkeys(ROW_FIELDS, "")
    for area, activities in areas:
        if not activities:
            rows.append(blank | area)
            continue
        for a_pos, (activity, indicators) in enumerate(activities):
            head = (area if a_pos == 0 else {}) | activity
            if not indicators:
                rows.append(blank | head)
                continue
            for i_pos, ind in enumerate(indicators):
                rows.append(blank | (head if i_pos == 0 else {}) | ind)
    return rows


def sheet_rows(plan: Plan, columns: Columns, lang: str = "bn") -> list[dict[str, str]]:
    """The plan's areas as grid rows, area and activity written on their first row only."""
    return tree_rows(
        (area_cells(area.number, area.name, area.weight, area.kind, area.choose_at_least,
                    area.note, lang),
         [(activity_cells(act.number, act.name, act.not_applicable_tiers, act.remarks, lang),
           [_indicator_cells(ind, indicator_ref(area, ind), columns, lang)
            for ind in act.indicators])
          for act in area.activities])
        for area in plan.areas)


@dataclass(frozen=True, slots=True)
class Grid:
    """What the editor draws: the year columns, the rows, and whether any indicator gives
    target levels, or quarterly targets or an annual target (which column groups to show)."""

    columns: Columns
    rows: list[dict[str, str]]
    levels_given: bool
    quarters_given: bool


def sheet_grid(plan: Plan, lang: str = "bn") -> Grid:
    """The editor's grid of a domain plan (`kormo.plans.convert.load_grid.plan_grid` reads
    the same grid straight from the tables)."""
    columns = default_columns(plan)
    inds = plan.indicators
    return Grid(columns, sheet_rows(plan, columns, lang),
                any(not i.levels.is_empty() for i in inds),
                any(i.quarterly_targets or i.annual_target is not None for i in inds))


# ---------------------------------------------------------------- rows → plan


@dataclass
class CellReader:
    """Reads typed cells, collecting the problems of one pass (each naming its row and field,
    in Bengali and English) instead of stopping at the first. The one cell reader of the
    editor: the table's rows (`sheet_parse`) and the other parts of the plan
    (`kormo.plans.authoring`)."""

    fiscal_year: str
    problems: list[CellProblem] = field(default_factory=list)

    def fail(self, row: int, name: str, exc: InputError) -> None:
        self.problems.append(CellProblem(row, name, exc.bn, exc.en))

    def problem(self, row: int, name: str, bn: str, en: str) -> None:
        self.problems.append(CellProblem(row, name, bn, en))

    def number(self, row: int, name: str, text: str) -> Decimal | None:
        if not normalize_text(text):
            return None
        try:
            return parse_number(text)
        except InputError as exc:
            self.fail(row, name, exc)
            return None

    def whole(self, row: int, name: str, text: str) -> int | None:
        value = self.number(row, name, text)
        if value is None:
            return None
        if value != value.to_integral_value() or value < 0:
            self.problem(row, name, "একটি পূর্ণসংখ্যা লিখুন", "write a whole number")
            return None
        return int(value)

    def cell(self, row: int, name: str, text: str, unit: Unit | None) -> Value | None:
        # With the unit লক্ষ টাকা a typed "১২,০০০/-" stays money as written (seed 002, area
        # 10): converting it to lakhs would change what the office wrote.
        hint = None if unit is Unit.LAKH_TAKA else unit
        try:
            return parse_cell(text, hint, self.fiscal_year)
        except InputError as exc:
            self.fail(row, name, exc)
            return None

    def choice(self, row: int, name: str, text: str, enum: type[_E],
               default: _E | None = None) -> _E | None:
        text = text.strip()
        if not text:
            return default
        try:
            return enum(text)
        except ValueError:
            self.problem(row, name, f"অজানা মান: {text}", f"unknown value: {text}")
            return default

    def date(self, row: int, name: str, text: str) -> dt.date | None:
        if not normalize_text(text):
            return None
        try:
            return parse_date(text, self.fiscal_year)
        except InputError as exc:
            self.fail(row, name, exc)
            return None

    def quantity(self, row: int, name: str, text: str, number: str, unit: str,
                 expression: str) -> Quantity | None:
        """A work plan's quantity: as written ("৭০ টি দপ্তর"), and its number, unit and
        working when given; from the written form alone when it reads as a quantity."""
        if not (text or number or unit or expression):
            return None
        if not (number or unit or expression):
            try:
                return parse_quantity(text)
            except InputError:
                return Quantity(value=None, text=text)
        value = self.number(row, f"{name}_value", number) if number else None
        return Quantity(value=value, unit_label=unit, expression=expression, text=text)

    def tiers(self, row: int, name: str, text: str) -> tuple[Tier, ...]:
        out: list[Tier] = []
        for word in normalize_text(text).replace("،", ",").split(","):
            word = word.strip()
            if not word:
                continue
            tier = TIER_WORDS.get(word) or TIER_WORDS.get(word.casefold())
            if tier is None:
                self.problem(row, name, f"অজানা স্তর: {word}", f"unknown tier: {word}")
            elif tier not in out:
                out.append(tier)
        return tuple(out)


@dataclass
class _AreaDraft:
    area: Area
    activities: list[_ActivityDraft] = field(default_factory=list)


@dataclass
class _ActivityDraft:
    activity: Activity
    indicators: list[Indicator] = field(default_factory=list)


def _is_blank(row: Row, names: Sequence[str]) -> bool:
    return all(not str(row.get(n, "")).strip() for n in names)


def _year_values(cols: Sequence[YearColumn], values: Sequence[Value | None]
                 ) -> tuple[YearValue, ...]:
    return tuple(YearValue(c.fiscal_year, v, c.provisional)
                 for c, v in zip(cols, values, strict=True))


def _read_indicator(r: CellReader, i: int, row: Row, columns: Columns,
                    carry: Mapping[str, Indicator]) -> Indicator:
    unit = r.choice(i, "unit", row.get("unit", ""), Unit)
    if unit is None:  # blank, or unknown (already reported): read the values as counts
        unit = Unit.COUNT
    method = r.choice(i, "method", row.get("method", ""), CalculationMethod)
    feeds = r.choice(i, "feeds_from", row.get("feeds_from", ""), PlanKind)
    levels = TargetLevels(*(r.cell(i, f, row.get(f, ""), unit) for f in LEVEL_FIELDS))
    quarters = tuple(
        (q, v) for q, f in zip(Quarter, QUARTER_FIELDS, strict=True)
        if (v := r.cell(i, f, row.get(f, ""), unit)) is not None
    )
    actuals = [r.cell(i, ACTUAL_FIELDS[k], row.get(ACTUAL_FIELDS[k], ""), unit)
               for k in range(len(columns.actuals))]
    projections = [r.cell(i, PROJECTION_FIELDS[k], row.get(PROJECTION_FIELDS[k], ""), unit)
                   for k in range(len(columns.projections))]
    number = normalize_text(str(row.get("number", "")))
    if not number:
        r.problem(i, "number", "সূচকের নম্বর দিন (যেমন ১.১.১)",
                  "give the indicator's number (e.g. 1.1.1)")
    name = str(row.get("name", "")).strip()
    if not name:
        r.problem(i, "name", "সূচকের নাম দিন", "give the indicator's name")
    kept = carry.get(str(row.get("key", "")).strip())
    base = kept if kept is not None else Indicator(number=number, name=name, unit=unit)
    return replace(
        base,
        number=number,
        name=name,
        unit=unit,
        unit_label=str(row.get("unit_label", "")).strip(),
        weight=r.number(i, "weight", row.get("weight", "")),
        calculation_method=method,
        actuals=_year_values(columns.actuals, actuals),
        levels=levels,
        annual_target=r.cell(i, "annual_target", row.get("annual_target", ""), unit),
        quarterly_targets=quarters,
        projections=_year_values(columns.projections, projections),
        responsible=str(row.get("responsible", "")).strip(),
        feeds_from=feeds,
        remarks=str(row.get("remarks", "")).strip(),
    )


def sheet_parse(
    rows: Sequence[Row],
    columns: Columns,
    fiscal_year: str,
    carry: Mapping[str, Indicator] | None = None,
) -> tuple[tuple[Area, ...], list[CellProblem]]:
    """The areas the rows describe, and every cell that could not be read.

    `carry` maps an indicator reference to the stored indicator: a row whose `key` names it
    keeps the fields the grid does not show (annexes 2-3, fallback, derivation).
    """
    carry = carry or {}
    r = CellReader(fiscal_year)
    if len(rows) > MAX_ROWS:
        r.problem(MAX_ROWS, "area_number",
                  f"একটি ছকে সর্বোচ্চ {format_number(MAX_ROWS, 'bn')}টি সারি থাকতে পারে",
                  f"a table holds at most {format_number(MAX_ROWS, 'en')} rows")
        return (), r.problems
    areas: list[_AreaDraft] = []
    # Where each area and indicator number was first seen: a number twice in one plan is
    # refused beside the second cell (areas and indicators are matched by number on saving).
    seen: dict[str, int] = {}

    def once(i: int, field: str, key: str, shown: str) -> None:
        if not shown:
            return
        first = seen.setdefault(key, i)
        if first != i:
            r.problem(i, field,
                      f"একই নম্বর {to_bengali_digits(shown)} আগেও আছে "
                      f"(সারি {format_number(first + 1, 'bn')}); প্রতিটি নম্বর একবারই থাকতে পারে",
                      f"the same number {shown} is already in row {first + 1}; each number may "
                      "appear once")

    for i, row in enumerate(rows):
        if _is_blank(row, (*AREA_FIELDS[:3], *ACTIVITY_FIELDS[:2], "number", "name")):
            continue
        if not _is_blank(row, ("area_number", "area_name", "area_weight")):
            number = normalize_text(str(row.get("area_number", "")))
            if not number:
                r.problem(i, "area_number", "ক্ষেত্রের নম্বর দিন", "give the area's number")
            kind = r.choice(i, "area_kind", row.get("area_kind", ""), AreaKind) or AreaKind.OFFICE
            once(i, "area_number", f"area {kind.value} {number}", number)
            areas.append(_AreaDraft(Area(
                number=number,
                name=str(row.get("area_name", "")).strip(),
                weight=r.number(i, "area_weight", row.get("area_weight", "")),
                kind=kind,
                choose_at_least=r.whole(i, "area_choose", row.get("area_choose", "")),
                note=str(row.get("area_note", "")).strip(),
            )))
        if not _is_blank(row, ("activity_number", "activity_name")):
            if not areas:
                r.problem(i, "area_number", "প্রথম সারিতে একটি কর্মসম্পাদনের ক্ষেত্র দিন",
                          "the first row needs a performance area")
                continue
            number = normalize_text(str(row.get("activity_number", "")))
            if not number:
                r.problem(i, "activity_number", "কার্যক্রমের নম্বর দিন",
                          "give the activity's number")
            areas[-1].activities.append(_ActivityDraft(Activity(
                number=number,
                name=str(row.get("activity_name", "")).strip(),
                not_applicable_tiers=r.tiers(i, "activity_na_tiers",
                                             row.get("activity_na_tiers", "")),
                remarks=str(row.get("activity_remarks", "")).strip(),
            )))
        if not _is_blank(row, ("number", "name")):
            if not areas or not areas[-1].activities:
                r.problem(i, "activity_number", "সূচকের আগে একটি কার্যক্রম দিন",
                          "an indicator needs an activity above it")
                continue
            prefix = "G" if areas[-1].area.kind is AreaKind.GOVERNANCE else ""
            shown = normalize_text(str(row.get("number", "")))
            once(i, "number", f"indicator {prefix}{shown}", shown)
            areas[-1].activities[-1].indicators.append(
                _read_indicator(r, i, row, columns, carry))
    out = tuple(
        replace(a.area, activities=tuple(
            replace(act.activity, indicators=tuple(act.indicators)) for act in a.activities))
        for a in areas
    )
    return out, r.problems


def date_text(value: object, lang: str) -> str:
    """A stored date for an input ("" for none), in the user's digits."""
    return format_date(value, lang) if isinstance(value, dt.date) else ""


# ---------------------------------------------------------------- findings → cells


def row_places(rows: Sequence[Row]) -> dict[str, int]:
    """The row where each area ("area 1", "area G1"), activity ("activity 1.2") and indicator
    ("1.1.1", "G1.1.1") starts, walking the rows as `sheet_parse` does: the places of
    `kormo.domain.validation` findings."""
    places: dict[str, int] = {}
    g = ""
    for i, row in enumerate(rows):
        if not _is_blank(row, ("area_number", "area_name", "area_weight")):
            g = "G" if str(row.get("area_kind", "")).strip() == AreaKind.GOVERNANCE else ""
            places.setdefault(f"area {g}{normalize_text(str(row.get('area_number', '')))}", i)
        if not _is_blank(row, ("activity_number", "activity_name")):
            number = normalize_text(str(row.get("activity_number", "")))
            places.setdefault(f"activity {g}{number}", i)
        if not _is_blank(row, ("number", "name")):
            places.setdefault(g + normalize_text(str(row.get("number", ""))), i)
    return places


# The cells written as numbers or values (issue 12 rule 9: checked as written).
NUMBER_CELL_FIELDS = ("area_weight", "weight", *LEVEL_FIELDS, "annual_target", *QUARTER_FIELDS,
                      *ACTUAL_FIELDS, *PROJECTION_FIELDS)


def number_cell_doubts(rows: Sequence[Row], places: Mapping[str, int] | None = None
                       ) -> list[tuple[int, str, Finding]]:
    """Each weight or value cell that mixes digit systems or has a stray character inside a
    number (`validation.number_cell_findings` on the cell as typed: a parsed plan has lost the
    text), with its row and field, so the editor marks the very cell."""
    places = row_places(rows) if places is None else places
    starts = sorted((row, place) for place, row in places.items())
    out: list[tuple[int, str, Finding]] = []
    place, j = "", 0
    for i, row in enumerate(rows):
        # The last place starting at or above row i (one walk: 2,000 rows were quadratic).
        while j < len(starts) and starts[j][0] <= i:
            place, j = starts[j][1], j + 1
        for f in NUMBER_CELL_FIELDS:
            text = str(row.get(f, "") or "")
            if text.strip():
                out += [(i, f, doubt) for doubt in number_cell_findings(text, place)]
    return out


# A finding's code → the field it is about (the finding's place gives the row).
_CODE_FIELDS: Mapping[str, tuple[str, ...]] = {
    "AREA_WEIGHT_MISMATCH": ("area_weight",),
    "PLAN_WEIGHT_MISMATCH": ("total_weight",),
    "AREA_EMPTY": ("area_name",),
    "ACTIVITY_WITHOUT_INDICATOR": ("activity_name",),
    "CHOOSE_AT_LEAST_NOT_MET": ("area_choose",),
    "LEVEL_100_MISSING": ("level_100",),
    "LEVELS_NOT_ORDERED": LEVEL_FIELDS,
    "LEVELS_REPEATED": LEVEL_FIELDS,
    "QUARTERLY_SUM_MISMATCH": ("annual_target", *QUARTER_FIELDS),
    "PROJECTION_BELOW_TARGET": ("level_100", *PROJECTION_FIELDS),
    "PROJECTION_DATE_IN_YEAR": PROJECTION_FIELDS,
    "NUMBER_DUPLICATE": ("number",),
    "NUMBER_INCONSISTENT": ("number",),
    "GOVERNANCE_LINK_MISSING": ("feeds_from",),
    "FALLBACK_UNKNOWN": ("name",),
    "WEIGHT_ZERO": ("weight",),
    "ACTUAL_DIFFERS_FROM_EVALUATED": ACTUAL_FIELDS,
}


def _where_field(where_en: str, columns: Columns) -> str | None:
    """The field a finding's `where` phrase names ("the 90 % level", "the Q2 target")."""
    text = where_en.strip()
    if text == "the annual target":
        return "annual_target"
    if text.startswith("the ") and text.endswith(" % level"):
        return f"level_{text[4:-8]}"
    if text.startswith("the Q") and text.endswith(" target"):
        return f"q{text[5:-7]}"
    for prefix, cols, names in (("the actual achievement of ", columns.actuals, ACTUAL_FIELDS),
                                ("the projection for ", columns.projections, PROJECTION_FIELDS)):
        if text.startswith(prefix):
            years = [c.fiscal_year for c in cols]
            year = text[len(prefix):]
            return names[years.index(year)] if year in years else None
    return None


def finding_cells(code: str, place: str, params: Mapping[str, object], rows: Sequence[Row],
                  columns: Columns, places: Mapping[str, int] | None = None,
                  ) -> list[tuple[int, str]]:
    """The cells (row, field) a finding is about; row -1 is the table's header fields."""
    places = row_places(rows) if places is None else places
    if code == "PLAN_WEIGHT_MISMATCH":
        return [(-1, "total_weight")]
    row = places.get(place)
    if row is None:
        return []
    where = params.get("where")
    named = _where_field(getattr(where, "en", ""), columns) if where is not None else None
    if named is not None:
        return [(row, named)]
    if code == "WEIGHT_MISSING":
        return [(row, "area_weight" if place.startswith("area ") else "weight")]
    fields = _CODE_FIELDS.get(code)
    if fields is None:
        fields = ("area_name",) if place.startswith("area ") else (
            ("activity_name",) if place.startswith("activity ") else ("name",))
    return [(row, f) for f in fields]
