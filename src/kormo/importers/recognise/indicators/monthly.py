"""The APA's progress report with monthly columns and a cumulative to-date column (DOMAIN.md
§10): each month's achievement → each quarter's achievement by the indicator's calculation
method (Scoring §1: সমষ্টি the sum of the months, গড় their mean, ক্রমপুঞ্জিভূত the latest
value, তারিখ the date), checked against the to-date column.

A report that prints no method column is read by what its to-date column says: the sum of the
months, the latest value or their mean; the method taken is flagged `method_inferred`. A
to-date value that matches no reading of the months is flagged `total_differs` (the months
are kept: they are the cells reported). A quarter of which no month is printed gets nothing
here (it comes from its own report).
"""

from __future__ import annotations

from decimal import Decimal

from kormo.domain.calendar import FiscalYear
from kormo.domain.dates import month_name
from kormo.domain.digits import to_bengali_digits
from kormo.domain.plan import CalculationMethod, Quarter, Unit
from kormo.domain.values import Blank, DateValue, Number, Percent, Value, numeric
from kormo.importers.readers.model import Cell
from kormo.importers.recognise.headers import Role
from kormo.importers.recognise.indicators.drafts import IndicatorDraft
from kormo.importers.recognise.indicators.rows import RowRecord
from kormo.importers.recognise.values import Sink, read_value, show
from kormo.importers.result import FlagCode

FISCAL_MONTHS = (7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5, 6)
QUARTER_OF_MONTH = {m: (Quarter.Q1, Quarter.Q2, Quarter.Q3, Quarter.Q4)[k // 3]
                    for k, m in enumerate(FISCAL_MONTHS)}
_METHOD_WORDS = {CalculationMethod.SUM: ("সমষ্টি", "the sum of the months"),
                 CalculationMethod.CUMULATIVE: ("ক্রমপুঞ্জিভূত", "the latest month's value"),
                 CalculationMethod.AVERAGE: ("গড়", "the mean of the months"),
                 CalculationMethod.DATE: ("তারিখ", "the date")}


def _bn(value: Value | None) -> str:
    return to_bengali_digits(show(value))


def _like(sample: Value, number: Decimal) -> Value:
    return Percent(number) if isinstance(sample, Percent) else Number(number)


def _combine(values: list[Value], method: CalculationMethod) -> Value | None:
    """The achievement of several months (in order) by `method`."""
    if not values:
        return None
    if method is CalculationMethod.DATE:
        return next((v for v in values if isinstance(v, DateValue)), values[-1])
    if method is CalculationMethod.CUMULATIVE:
        return values[-1]
    numbers = [n for v in values if (n := numeric(v)) is not None]
    if not numbers:
        return values[-1]
    total = sum(numbers, Decimal(0))
    if method is CalculationMethod.AVERAGE:
        return _like(values[0], (total / len(numbers)).normalize())
    return _like(values[0], total)


def _same(a: Value | None, b: Value | None) -> bool:
    if isinstance(a, DateValue) or isinstance(b, DateValue):
        return a == b
    na, nb = numeric(a), numeric(b)
    return na is not None and nb is not None and abs(na - nb) < Decimal("0.005")


def read_months(ind: IndicatorDraft, rec: RowRecord, *, fy: FiscalYear | None,
                sink: Sink) -> None:
    """Each quarter's achievement from the row's month cells into `ind.achievements`."""
    header = rec.header
    assert header is not None
    months: dict[int, tuple[Value, Cell]] = {}
    for col, cell in rec.values.get(Role.MONTH, []):
        month = header.columns[col].month
        if month is None or month in months:
            continue
        value = read_value(cell, unit=ind.unit, fy=fy, sink=sink,
                           place=f"{ind.number} / progress.{month_name(month, 'en')}",
                           quarter=QUARTER_OF_MONTH[month])
        if value is not None and not isinstance(value, Blank):
            months[month] = (value, cell)
    cum_cell = rec.value(Role.CUMULATIVE)
    cumulative = read_value(cum_cell, unit=ind.unit, fy=fy, sink=sink,
                            place=f"{ind.number} / cumulative") if cum_cell else None
    if isinstance(cumulative, Blank):
        cumulative = None
    ordered = [months[m] for m in FISCAL_MONTHS if m in months]
    if not ordered:
        return
    values = [v for v, _ in ordered]
    method = ind.method or _infer_method(ind, values, cumulative, cum_cell or ordered[-1][1],
                                         sink)
    to_date = _combine(values, method)
    if cumulative is not None and not _same(to_date, cumulative):
        bn, en = _METHOD_WORDS[method]
        sink.add(FlagCode.TOTAL_DIFFERS, f"{ind.number} / cumulative", cum_cell,
                 f"ক্রমপুঞ্জিভূত অর্জন {_bn(cumulative)} লেখা, কিন্তু মাসগুলোর {bn} "
                 f"{_bn(to_date)}: মাসের ঘরগুলো রাখা হয়েছে",
                 f"the to-date achievement is written {show(cumulative)} but {en} is "
                 f"{show(to_date)}: the month cells are kept", kept=show(to_date))
    for quarter in (Quarter.Q1, Quarter.Q2, Quarter.Q3, Quarter.Q4):
        cells = [months[m] for m in FISCAL_MONTHS if m in months
                 and QUARTER_OF_MONTH[m] is quarter]
        value = _combine([v for v, _ in cells], method)
        if value is not None:
            ind.achievements[quarter] = (value, cells[-1][1])


def _infer_method(ind: IndicatorDraft, values: list[Value], cumulative: Value | None,
                  cell: Cell, sink: Sink) -> CalculationMethod:
    """The method of an indicator whose report prints none: what the to-date column shows;
    else by the unit (dates: the date; percents: the mean; others: the sum). Flagged."""
    why_bn = why_en = ""
    method = None
    if ind.unit is Unit.DATE or all(isinstance(v, DateValue) for v in values):
        method = CalculationMethod.DATE
        why_bn, why_en = "মানগুলো তারিখ", "the values are dates"
    elif cumulative is not None:
        for candidate in (CalculationMethod.SUM, CalculationMethod.CUMULATIVE,
                          CalculationMethod.AVERAGE):
            if _same(_combine(values, candidate), cumulative):
                method = candidate
                bn, en = _METHOD_WORDS[candidate]
                why_bn = f"ক্রমপুঞ্জিভূত অর্জন ({_bn(cumulative)}) মাসগুলোর {bn}-এর সমান"
                why_en = f"the to-date column ({show(cumulative)}) equals {en}"
                break
    if method is None:
        method = CalculationMethod.AVERAGE if ind.unit is Unit.PERCENT else \
            CalculationMethod.SUM
        why_bn = "ক্রমপুঞ্জিভূত অর্জন থেকে বোঝা যায় না; এককের সাধারণ পদ্ধতি"
        why_en = "the to-date column does not tell; the usual method of its unit"
    ind.method = method
    sink.add(FlagCode.METHOD_INFERRED, f"{ind.number} / calculation_method", cell,
             f"গণনা পদ্ধতি ছাপা নেই: “{_METHOD_WORDS[method][0]}” ধরা হয়েছে ({why_bn})",
             f"no calculation method is printed: taken as {method.value} ({why_en})",
             kept=method.value)
    return method
