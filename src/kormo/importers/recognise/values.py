"""Reading one value cell with the tolerance the documents need, flagging what was doubtful.

The forms themselves are read by `kormo.domain.cells.parse_cell` and `kormo.domain.dates`
(one reading of "১২,০০০/-" or "৩১/০১.২০২৩" everywhere). Here are the repairs a person would make
and accept, each flagged: a year OCR misread (২০২৬ for ২০২৩: DOMAIN.md, seed 001), a year that
lost a digit ("৩০/১২/২০২"), a stray dash after a date ("২৫/০৯/২০-"), money written under the unit
লক্ষ টাকা, a bare number in a percent indicator, a date where a count is expected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal

from kormo.domain.calendar import FiscalYear, quarter_range
from kormo.domain.cells import parse_cell
from kormo.domain.digits import normalize_text, to_latin_digits
from kormo.domain.errors import InputError
from kormo.domain.plan import Quarter, Unit
from kormo.domain.planformat import value_to_json
from kormo.domain.validation import number_cell_findings
from kormo.domain.values import DateValue, Money, Number, Percent, Value
from kormo.importers.readers.model import Cell, Paragraph, Position
from kormo.importers.recognise.amounts import in_unit, plain, with_multiplier
from kormo.importers.recognise.text import DIGIT, confusable_to, same_script, squash
from kormo.importers.result import Flag, FlagCode

_DATE3 = re.compile(rf"^([{DIGIT}]{{1,2}})([/.\-])([{DIGIT}]{{1,2}})([/.\-])([{DIGIT}]{{3}})$")
_DATE = re.compile(
    rf"^([{DIGIT}]{{1,2}})([/.\-])([{DIGIT}]{{1,2}})([/.\-])([{DIGIT}]{{4}}|[{DIGIT}]{{2}})")
_TRAILING = re.compile(r"[\-\u2013\u2014]+$")


@dataclass(slots=True)
class Sink:
    """Collects the flags of one plan (places relative to the plan; the plan index is added
    when the plans are numbered)."""

    flags: list[Flag] = field(default_factory=list)

    def add(self, code: FlagCode, place: str, source: Cell | Paragraph | Position | None,
            bn: str, en: str, kept: str = "", written: str | None = None) -> None:
        if isinstance(source, Cell | Paragraph):
            pos, text = source.position, source.text
        else:
            pos, text = source or Position(), ""
        self.flags.append(Flag(code, place, pos, bn, en, kept,
                               squash(written if written is not None else text)))


def show(value: Value | None) -> str:
    """A value as text for a flag's "kept" ("2022-12-12", "85%", "12000 taka", "-")."""
    if value is None:
        return ""
    raw = value_to_json(value)
    if isinstance(raw, dict):
        ((key, inner),) = raw.items()
        return {"percent": f"{inner}%", "money": f"{inner} taka", "blank": str(inner),
                "not_applicable": "N/A"}.get(key, str(inner))
    return str(raw)


def expected_year(fy: FiscalYear, month: int) -> int:
    return fy.start_year if month >= 7 else fy.end_year


def read_value(
    cell: Cell | None,
    *,
    unit: Unit | None,
    fy: FiscalYear | None,
    place: str,
    sink: Sink,
    quarter: Quarter | None = None,
    check_year: bool = True,
    factor: Decimal = Decimal(1),
) -> Value | None:
    if cell is None:
        return None
    text = squash(cell.text)
    if not text:
        return None
    shown = text
    if fy is not None:
        m3 = _DATE3.match(text)
        if m3:
            month = int(to_latin_digits(m3[3]))
            year = expected_year(fy, month) if 1 <= month <= 12 else None
            if year is not None and str(year).startswith(to_latin_digits(m3[5])):
                text = f"{m3[1]}{m3[2]}{m3[3]}{m3[4]}{same_script(m3[5] + m3[5][-1], str(year))}"
                sink.add(FlagCode.YEAR_DIGIT_LOST, place, cell,
                         f"সালের একটি অঙ্ক নেই; পরিকল্পনার অর্থবছর থেকে {year} ধরা হয়েছে",
                         f"a digit of the year is missing; read as {year} from the plan's "
                         "fiscal year", kept=str(year))
    m = _DATE.match(text)
    if m and _TRAILING.search(text[m.end():]) and not text[m.end():].strip(" -–—"):
        text = text[: m.end()]
        sink.add(FlagCode.TRAILING_MARK, place, cell,
                 "তারিখের পরে একটি বাড়তি চিহ্ন বাদ দেওয়া হয়েছে",
                 "a stray mark after the date was dropped", kept=text)
    if fy is not None and check_year:
        m = _DATE.match(text)
        if m and len(m[5]) == 4:
            month = int(to_latin_digits(m[3]))
            if 1 <= month <= 12:
                want = str(expected_year(fy, month))
                if confusable_to(to_latin_digits(m[5]), want):
                    fixed = text[: m.start(5)] + same_script(m[5], want) + text[m.end(5):]
                    sink.add(FlagCode.YEAR_CORRECTED, place, cell,
                             f"সাল {m[5]} পরিকল্পনার অর্থবছরের বাইরে; স্ক্যানের ভুল ধরে {want} পড়া হয়েছে",
                             f"year {to_latin_digits(m[5])} lies outside the plan's fiscal year; "
                             f"read as {want} (a scanning slip: ৩/৬, ৪/৮ look alike)", kept=want)
                    text = fixed
    # Issue 12 rule 9: a number mixing digit systems or with a stray mark inside is flagged
    # (the value read is kept for a person to check). Hook for the importer rewrite (I13).
    for doubt in number_cell_findings(text, place):
        sink.add(FlagCode.NUMBER_DOUBTFUL, place, cell, doubt.message_bn, doubt.message_en)
    norm = normalize_text(text)
    written = with_multiplier(text)
    if written is not None:  # "৫ লক্ষ", "1.5 crore": to the unit's scale
        amount, money = in_unit(written, unit)
        value = Money(amount) if money else Number(amount)
        sink.add(FlagCode.MULTIPLIER, place, cell,
                 f"“{shown}” এককের মাপে {show(value)} রাখা হয়েছে",
                 f"“{shown}” kept as {show(value)} in the unit's scale"
                 + (f" ({unit.value})" if unit is not None else ""), kept=show(value))
        return value
    looks_money = bool(re.search(r"/-|/=|টাকা|৳|tk", norm, re.IGNORECASE))
    try:
        if unit is Unit.LAKH_TAKA and looks_money and "লক্ষ" not in norm and "লাখ" not in norm:
            value = parse_cell(text, None, fy)
            if isinstance(value, Money):
                sink.add(FlagCode.MONEY_IN_LAKH_UNIT, place, cell,
                         "একক লক্ষ টাকা, কিন্তু ঘরে টাকার অঙ্ক লেখা (\"/-\"): টাকা হিসেবে রাখা হয়েছে",
                         "the unit is lakh taka but the cell is written as taka (\"/-\"): "
                         "kept as an amount in taka", kept=show(value))
        else:
            value = parse_cell(text, unit, fy)
            if factor != 1 and isinstance(value, Number | Money):  # "কোটি টাকা" (flagged there)
                scaled = plain(value.value * factor)
                value = Money(scaled) if unit is Unit.TAKA else Number(scaled)
    except InputError as exc:
        sink.add(FlagCode.UNREADABLE, place, cell, f"ঘরটি পড়া যায়নি: {exc.bn}",
                 f"the cell could not be read: {exc.en}", written=shown)
        return None
    if unit is Unit.PERCENT and value is not None and "%" not in norm and "শতাংশ" not in norm \
            and isinstance(value, Percent):
        sink.add(FlagCode.PERCENT_FROM_UNIT, place, cell,
                 "% চিহ্ন নেই; একক % বলে শতাংশ ধরা হয়েছে",
                 "no % sign; read as a percent because the unit is %", kept=show(value))
    if isinstance(value, DateValue):
        if unit in (Unit.COUNT, Unit.PERSONS, Unit.ITEMS):
            sink.add(FlagCode.DATE_FOR_COUNT, place, cell,
                     "সংখ্যার জায়গায় একটি তারিখ লেখা: তারিখ হিসেবে রাখা হয়েছে",
                     "a date is written where a count is expected: kept as a date",
                     kept=show(value))
        if fy is not None and check_year and not fy.contains(value.value):
            sink.add(FlagCode.DATE_OUTSIDE_YEAR, place, cell,
                     f"তারিখটি অর্থবছর {fy.label('bn')}-এর বাইরে; যেমন লেখা তেমন রাখা হয়েছে",
                     f"the date lies outside the fiscal year {fy}; kept as written",
                     kept=show(value))
        elif fy is not None and quarter is not None:
            first, last = quarter_range(fy, quarter)
            if not first <= value.value <= last:
                sink.add(FlagCode.DATE_OUTSIDE_QUARTER, place, cell,
                         "তারিখটি এই কোয়ার্টারের বাইরে; যেমন লেখা তেমন রাখা হয়েছে",
                         f"the date lies outside {quarter.value}; kept as written",
                         kept=show(value))
    return value


def date_quarter(fy: FiscalYear, d: dt.date) -> Quarter | None:
    for q in Quarter:
        first, last = quarter_range(fy, q)
        if first <= d <= last:
            return q
    return None
