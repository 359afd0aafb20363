"""One plan or report cell, read into a typed value and written back (DOMAIN.md, "Structure rules").

A cell may hold a number, a percent, money, a date, a month, a dash mark or "প্রযোজ্য নয়"; this
module sits on top of `kormo.domain.numerals` (numbers), `kormo.domain.dates` (dates and
months) and `kormo.domain.calendar` (fiscal years), so none of them needs to know the others'
cell forms. Everything that reads a cell — importers, the plan format, the pages, the CLI —
goes through `parse_cell`; everything shown goes through `format_value`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kormo.domain.calendar import FiscalYear
from kormo.domain.dates import (
    DateError,
    ImpossibleDateError,
    format_date,
    format_month,
    parse_date,
    parse_month,
)
from kormo.domain.digits import normalize_text, to_bengali_digits
from kormo.domain.errors import InputError
from kormo.domain.numerals import (
    BLANK_MARK,
    NOT_APPLICABLE_BN,
    NOT_APPLICABLE_EN,
    NOT_APPLICABLE_FORMS,
    SCALES,
    CellError,
    NumberError,
    check_lang,
    format_money,
    format_number,
    format_percent,
    looks_like_money,
    looks_like_percent,
    parse_money,
    parse_percent,
    parse_quantity,
    plain_number,
)
from kormo.domain.plan import Unit
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

__all__ = ["CellProblem", "SheetError", "format_value", "parse_cell"]


# --- a table of cells: the problems of the ones that cannot be read


@dataclass(frozen=True, slots=True)
class CellProblem:
    """A cell that could not be read: its row (0-based, in page order) and field."""

    row: int
    field: str
    bn: str
    en: str


class SheetError(InputError):
    """The table has cells that cannot be read; nothing was saved."""

    def __init__(self, problems: Sequence[CellProblem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        more = str(len(self.problems) - 1)
        more_bn = f" (এবং আরও {to_bengali_digits(more)}টি)" if len(self.problems) > 1 else ""
        more_en = f" (and {more} more)" if len(self.problems) > 1 else ""
        super().__init__(first.bn + more_bn, first.en + more_en, f"row {first.row + 1}")


# --- one cell


def parse_cell(
    text: str | None,
    unit: Unit | None = None,
    fiscal_year: str | FiscalYear | None = None,
) -> Value | None:
    """Read one plan or report cell into a typed value (DOMAIN.md, "Structure rules").

    - empty → None; dash marks → Blank(mark); "প্রযোজ্য নয়" → NotApplicable();
    - a percent sign or "শতাংশ" → Percent; "/-", "টাকা", "Tk", "৳" → Money (with unit lakh
      taka: Number in lakhs, "১২ লক্ষ টাকা" → Number(12));
    - a plain number → Number, or Percent when `unit` is percent, Money when `unit` is taka;
    - a date ("১২.১২.২২", "৩১/০১.২০২৩", "১২ ডিসেম্বর ২০২২") → DateValue;
    - a month ("এপ্রিল/২০২৩", "04/2023") → MonthValue;
    - a quantity with unit words ("৭০ টি দপ্তর", "৬×২০=১২০ জন") → Number.

    With unit date a day and month without a year ("১২.১২") is a date in `fiscal_year` when
    one is given. Anything else raises CellError (or the DateError of an impossible date).
    """
    if text is None:
        return None
    norm = normalize_text(text)
    if not norm:
        return None
    if BLANK_MARK.match(norm):
        return Blank(norm)
    if norm.casefold() in NOT_APPLICABLE_FORMS:
        return NotApplicable()
    if looks_like_percent(norm):
        return Percent(parse_percent(norm))
    if looks_like_money(norm):
        amount = parse_money(norm)
        if unit is Unit.LAKH_TAKA:  # DOMAIN.md glossary: the unit লক্ষ টাকা counts lakhs
            return Number(amount / SCALES["লক্ষ"])
        return Money(amount)
    number = plain_number(norm)
    if number is not None:
        if unit is Unit.DATE and fiscal_year is not None and "." in norm:
            try:
                return DateValue(parse_date(norm, fiscal_year))
            except DateError:
                pass
        if unit is Unit.PERCENT:
            return Percent(number)
        if unit is Unit.TAKA:
            return Money(number)
        return Number(number)
    try:
        return DateValue(parse_date(norm, fiscal_year))
    except DateError as exc:
        date_error = exc
    try:
        month = parse_month(norm)
    except DateError:
        pass
    else:
        return MonthValue(month.year, month.month)
    try:
        quantity = parse_quantity(norm)
    except NumberError:
        pass
    else:
        if quantity.value is not None:
            return Number(quantity.value)
    if unit is Unit.DATE or isinstance(date_error, ImpossibleDateError):
        raise date_error
    raise CellError(
        f"“{text.strip()}” ঘরটি বোঝা যায়নি: সংখ্যা, শতাংশ, টাকা, তারিখ, মাস বা “-” লিখুন",
        f"cell “{text.strip()}” not understood: write a number, percent, money, date, month or “-”",
        text.strip(),
    )


def format_value(
    value: Value | None,
    lang: str = "bn",
    decimals: int | None = None,
    date_style: str = "dd.mm.yyyy",
) -> str:
    """Write any cell value back in the user's language; parse_cell reads the result again."""
    check_lang(lang)
    match value:
        case None:
            return ""
        case Number(v):
            return format_number(v, lang, decimals)
        case Percent(v):
            return format_percent(v, lang, decimals)
        case Money(v):
            return format_money(v, lang, decimals)
        case DateValue(d):
            return format_date(d, lang, date_style)
        case MonthValue():
            return format_month(value, lang)
        case Blank(mark):
            return mark
        case NotApplicable():
            return NOT_APPLICABLE_BN if lang == "bn" else NOT_APPLICABLE_EN
    raise TypeError(f"not a cell value: {value!r}")
