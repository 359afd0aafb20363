"""Small helpers the layouts share: cells for typed values, numbers, years and periods.

Digits, numbers, percents and dates are written by `kormo.domain.numerals` and
`kormo.domain.dates` (Bengali digits for "bn"), never by hand here, so a document prints a
value exactly as the pages and the CLI do. Each value cell also keeps the typed value for the
spreadsheet writer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from kormo.documents.render import labels
from kormo.documents.render.model import Align, Cell, CellKind
from kormo.domain.calendar import FiscalYear
from kormo.domain.cells import format_value
from kormo.domain.dates import format_date, month_name
from kormo.domain.digits import to_bengali_digits
from kormo.domain.errors import InputError
from kormo.domain.numerals import format_money, format_number, format_percent
from kormo.domain.plan import Indicator, Plan, YearValue
from kormo.domain.values import (
    Blank,
    DateValue,
    Money,
    MonthValue,
    NotApplicable,
    Number,
    Percent,
    Value,
)


def digits(text: str, lang: str) -> str:
    """Latin digits in `text` written in the document's script."""
    return to_bengali_digits(text) if lang == "bn" else text


def ref(number: str, lang: str, brackets: bool = True) -> str:
    """An area/activity/indicator number as printed: "[১.১.১]" (APA) or "১.১" (action plans)."""
    if not number:
        return ""
    shown = digits(number, lang)
    return f"[{shown}]" if brackets else shown


def numbered(number: str, name: str, lang: str, brackets: bool = True) -> str:
    shown = ref(number, lang, brackets)
    return f"{shown} {name}".strip() if shown else name


def fiscal_year(text: str) -> FiscalYear | None:
    try:
        return FiscalYear.parse(text)
    except InputError:
        return None


def fy_label(text: str, lang: str) -> str:
    """"২০২২-২৩" for a fiscal year; a calendar year ("2017") in the document's digits."""
    fy = fiscal_year(text)
    return fy.label(lang) if fy is not None else digits(text, lang)


def fy_offset(text: str, offset: int) -> str:
    fy = fiscal_year(text)
    if fy is None:
        return text
    return str(FiscalYear(fy.start_year + offset))


def long_date(d: dt.date, lang: str) -> str:
    """"জুলাই ১, ২০২২" / "July 1, 2022": the form of the APA's cover."""
    day = format_number(d.day, lang)
    year = format_number(d.year, lang, grouping=False)
    return f"{month_name(d.month, lang)} {day}, {year}"


def period_text(fiscal_year_text: str, lang: str) -> str:
    """The APA's period: "জুলাই ১, ২০২২ - জুন ৩০, ২০২৩"."""
    fy = fiscal_year(fiscal_year_text)
    if fy is None:
        return fy_label(fiscal_year_text, lang)
    return f"{long_date(fy.start, lang)} - {long_date(fy.end, lang)}"


def plan_heading(plan: Plan, lang: str) -> str:
    """A plan's heading: its own title in Bengali, the kind and year in English."""
    if lang == "bn" and plan.title:
        return plan.title
    return f"{labels.kind_name(plan.kind, lang)} {fy_label(plan.fiscal_year, lang)}"


# ---------------------------------------------------------------- cells


def text_cell(text: str, *, colspan: int = 1, rowspan: int = 1, bold: bool = False,
              align: Align = Align.LEFT, shaded: bool = False) -> Cell:
    return Cell(text=text, colspan=colspan, rowspan=rowspan, bold=bold, align=align,
                shaded=shaded)


def header_cell(text: str, *, colspan: int = 1, rowspan: int = 1) -> Cell:
    return Cell(text=text, colspan=colspan, rowspan=rowspan, bold=True, align=Align.CENTER,
                shaded=True)


def header_numbers(count: int, lang: str) -> tuple[Cell, ...]:
    """The row of column numbers (১, ২, ৩ ...) that the action-plan forms print."""
    return tuple(Cell(text=format_number(i, lang), align=Align.CENTER, shaded=True)
                 for i in range(1, count + 1))


_SHOWN_PLACES = Decimal("0.01")


def _shown(v: Decimal) -> Decimal:
    """A computed value (an average, a derived rate) printed with at most two decimals;
    the cell keeps the full value for spreadsheets (DOMAIN.md, Scoring: show two decimals)."""
    exponent = v.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return v.quantize(_SHOWN_PLACES, rounding=ROUND_HALF_UP)
    return v


def _typed(value: Value | None, lang: str) -> tuple[str, CellKind, Decimal | dt.date | None]:
    match value:
        case None:
            return "", CellKind.TEXT, None
        case Number(v):
            return format_number(_shown(v), lang), CellKind.NUMBER, v
        case Percent(v):
            return format_percent(_shown(v), lang, None), CellKind.PERCENT, v
        case Money(v):
            return format_money(_shown(v), lang), CellKind.NUMBER, v
        case DateValue(d):
            return format_date(d, lang), CellKind.DATE, d
        case MonthValue(y, m):
            return format_value(value, lang), CellKind.MONTH, dt.date(y, m, 1)
        case Blank() | NotApplicable():
            return format_value(value, lang), CellKind.TEXT, None
    raise TypeError(f"not a cell value: {value!r}")


def value_cell(value: Value | None, lang: str, *, rowspan: int = 1, colspan: int = 1,
               bold: bool = False) -> Cell:
    """A cell for a typed plan value: the text in the document's digits, the value typed."""
    text, kind, typed = _typed(value, lang)
    # Money stays money in the XLSX: a number formatted "১২,০০০/-" (DOMAIN.md), not a count.
    suffix = "/-" if isinstance(value, Money) else ""
    return Cell(text, kind, typed, rowspan=rowspan, colspan=colspan, bold=bold,
                align=Align.CENTER, suffix=suffix)


def as_decimal(x: float | Decimal | int) -> Decimal:
    """A score (a float kept at full precision) as the Decimal its printed form is rounded
    from: `repr` gives the shortest decimal that is the float, so 2.675 prints as 2.68."""
    if isinstance(x, Decimal):
        return x
    return Decimal(repr(x)) if isinstance(x, float) else Decimal(x)


def number_cell(x: float | Decimal | int | None, lang: str, *, decimals: int | None = None,
                bold: bool = False, rowspan: int = 1, colspan: int = 1,
                suffix: str = "", text: str | None = None) -> Cell:
    """A number: printed with `decimals` places (None: as needed), kept at full precision."""
    if x is None:
        return Cell(rowspan=rowspan, colspan=colspan, align=Align.CENTER)
    d = as_decimal(x)
    shown = text if text is not None else format_number(d, lang, decimals)
    return Cell(shown, CellKind.NUMBER, d, suffix=suffix, decimals=decimals, rowspan=rowspan,
                colspan=colspan, bold=bold, align=Align.CENTER)


def percent_cell(x: float | Decimal | None, lang: str, *, decimals: int = 2,
                 bold: bool = False) -> Cell:
    """A percent (85.5 means 85.5 %), two decimals as published (DOMAIN.md, Scoring §6)."""
    if x is None:
        return Cell(align=Align.CENTER)
    d = as_decimal(x)
    return Cell(format_percent(d, lang, decimals), CellKind.PERCENT, d, decimals=decimals,
                bold=bold, align=Align.CENTER)


def date_cell(d: dt.date | None, lang: str) -> Cell:
    if d is None:
        return Cell(align=Align.CENTER)
    return Cell(format_date(d, lang), CellKind.DATE, d, align=Align.CENTER)


def weight_cell(weight: Decimal | None, lang: str, *, rowspan: int = 1) -> Cell:
    return number_cell(weight, lang, rowspan=rowspan)


def level_percent_text(percent: int, lang: str) -> str:
    return format_percent(percent, lang, 0)


def year_value(values: Iterable[YearValue], year: str) -> YearValue | None:
    return next((v for v in values if v.fiscal_year == year), None)


def years_of(values: Iterable[Iterable[YearValue]], fallback: Iterable[str]) -> list[str]:
    """The fiscal years that occur in a family of year values, in order; else `fallback`."""
    seen = sorted({v.fiscal_year for vs in values for v in vs})
    return seen or list(fallback)


def target_of(indicator: Indicator) -> Value | None:
    """The value an indicator aims at: the 100 % level, or the single annual target."""
    if indicator.levels.v100 is not None:
        return indicator.levels.v100
    return indicator.annual_target
