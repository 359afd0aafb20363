"""Reading and writing dates, months and month ranges as the documents write them.

Dates in the documents come as dd/mm/yy, dd/mm/yyyy, dd.mm.yy, dd-mm-yyyy, with single-digit
days and months, mixed separators ("৩১/০১.২০২৩"), mixed digits ("৩০/৬/২1"), ISO
("২০২২-১২-৩১") and with month names in Bengali or English ("জুলাই ১, ২০২২",
"১২ ডিসেম্বর ২০২২"); months as "এপ্রিল/২০২৩"; periods as "জানুয়ারি-মার্চ ২০১৭" or
"অক্টোবর-ডিসেম্বর, ২০২২" (DOMAIN.md, "Structure rules seen in the documents"; seeds 000-004).
Target levels and date-bound activities are scored by these dates (DOMAIN.md, Scoring §2-3), so
one reader must understand every form the same way and refuse impossible dates loudly.

Two-digit years are 20yy: every document is from this century. Bad input raises `DateError`
(an `InputError` with a Bengali and an English message); an impossible day such as 31/02/2023
raises its subclass `ImpossibleDateError`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from kormo.domain.calendar import FiscalYear
from kormo.domain.digits import normalize_text, to_bengali_digits
from kormo.domain.errors import InputError
from kormo.domain.values import MonthValue

__all__ = [
    "DATE_STYLES",
    "MONTHS_BN",
    "MONTHS_EN",
    "DateError",
    "ImpossibleDateError",
    "format_date",
    "format_month",
    "month_name",
    "month_number",
    "parse_date",
    "parse_month",
    "parse_month_range",
]

MONTHS_BN: tuple[str, ...] = (
    "জানুয়ারি",
    "ফেব্রুয়ারি",
    "মার্চ",
    "এপ্রিল",
    "মে",
    "জুন",
    "জুলাই",
    "আগস্ট",
    "সেপ্টেম্বর",
    "অক্টোবর",
    "নভেম্বর",
    "ডিসেম্বর",
)
MONTHS_EN: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Spellings seen in government documents besides the standard ones (ী for ি, ষ for স, -আর).
_BN_VARIANTS: dict[int, tuple[str, ...]] = {
    1: ("জানুয়ারী", "জানুআরি", "জানুয়ারি", "জানুয়ারী"),
    2: ("ফেব্রুয়ারী", "ফেব্রুআরি", "ফেব্রুয়ারি", "ফেব্রুয়ারী", "ফেব্রুয়ারি"),
    7: ("জুলায়",),
    8: ("আগষ্ট", "অগাস্ট", "অগস্ট", "আগাস্ট"),
    9: ("সেপ্টেম্বার", "সেপ্টেমবর", "সেপ্টেম্বর"),
    10: ("অক্টোবার", "অকটোবর"),
    11: ("নভেম্বার",),
    12: ("ডিসেম্বার",),
}
_EN_VARIANTS: dict[int, tuple[str, ...]] = {9: ("sept",)}


def _key(word: str) -> str:
    return unicodedata.normalize("NFC", word).casefold()


def _build_month_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for i, (bn, en) in enumerate(zip(MONTHS_BN, MONTHS_EN, strict=True), start=1):
        for word in (bn, en, en[:3], *_BN_VARIANTS.get(i, ()), *_EN_VARIANTS.get(i, ())):
            table[_key(word)] = i
    return table


_MONTH_TABLE = _build_month_table()

# Separators inside a date; commas and spaces too ("১২ ডিসেম্বর, ২০২২").
_SEPARATORS = re.compile(r"[\s,/.:;\\\-\u2010-\u2015\u2212()]+")
# Words that may stand around a date without changing it.
_NOISE = frozenset(
    _key(w) for w in ("তারিখ", "তারিখে", "খ্রি", "খ্রিঃ", "খ্রিস্টাব্দ", "খ্রিষ্টাব্দ", "ইং", "ইংরেজি", "সাল")
)
# Words joining the two ends of a month range.
_RANGE_WORDS = frozenset(
    _key(w) for w in ("হতে", "থেকে", "পর্যন্ত", "to", "till", "until", "from", "through")
)
# A day with an optional ordinal: "12th", "১লা", "৫ই", "২২শে", "৪ঠা".
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|ই|লা|রা|ঠা|শে|এ)?$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{2}|\d{4})$")

# Four-digit years outside this span are taken for noise, not dates.
_MIN_YEAR, _MAX_YEAR = 1900, 2199

DATE_STYLES = ("dd.mm.yyyy", "dd/mm/yyyy", "long", "iso")


class DateError(InputError):
    """A date, month or period that cannot be read."""


class ImpossibleDateError(DateError):
    """A date of the right form that does not exist, e.g. 31/02/2023."""


# --- month names --------------------------------------------------------------------------


def month_number(word: str) -> int | None:
    """1-12 for a Bengali or English month name or abbreviation (any common spelling)."""
    return _MONTH_TABLE.get(_key(word.strip().rstrip(".")))


def month_name(month: int, lang: str = "bn", short: bool = False) -> str:
    """The month's name: "ডিসেম্বর" / "December" (short English "Dec"; Bengali has no short form)."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1-12, not {month}")
    if lang == "bn":
        return MONTHS_BN[month - 1]
    if lang == "en":
        name = MONTHS_EN[month - 1]
        return name[:3] if short else name
    raise ValueError(f"lang must be 'bn' or 'en', not {lang!r}")


# --- reading ------------------------------------------------------------------------------


def _tokens(text: str, extra_noise: frozenset[str] = frozenset()) -> list[str]:
    norm = normalize_text(text)
    return [
        t
        for t in _SEPARATORS.split(norm)
        if t and _key(t) not in _NOISE and _key(t) not in extra_noise
    ]


def _garbage(text: str, what_bn: str, what_en: str, example: str) -> DateError:
    shown = text.strip()
    return DateError(
        f"“{shown}” {what_bn} হিসেবে পড়া যায়নি (যেমন লিখুন {to_bengali_digits(example)})",
        f"“{shown}” could not be read as a {what_en} (write e.g. {example})",
        shown,
    )


def _year(token: str) -> int | None:
    m = _YEAR.match(token)
    if m is None:
        return None
    if len(token) == 2:
        return 2000 + int(token)  # two-digit years are 20yy (module docstring)
    year = int(token)
    return year if _MIN_YEAR <= year <= _MAX_YEAR else None


def _day(token: str) -> int | None:
    m = _DAY.match(token)
    return int(m[1]) if m else None


def _small(token: str) -> int | None:
    """A plain one- or two-digit number (a month or a day without ordinal)."""
    return int(token) if token.isdigit() and len(token) <= 2 else None


def _make_date(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        shown = text.strip()
        raise ImpossibleDateError(
            f"তারিখটি অসম্ভব: “{shown}” — {to_bengali_digits(f'{day}/{month}/{year}')} "
            "নামে কোনো দিন নেই",
            f"impossible date: “{shown}” — there is no day {day}/{month}/{year}",
            shown,
        ) from None


def _fiscal_year(fiscal_year: str | FiscalYear) -> FiscalYear:
    return fiscal_year if isinstance(fiscal_year, FiscalYear) else FiscalYear.parse(fiscal_year)


def parse_date(text: str, fiscal_year: str | FiscalYear | None = None) -> dt.date:
    """Read a date in any form the documents use; see the module docstring.

    `fiscal_year` ("2022-23") completes a date written without a year ("১২.১২" → 12 Dec 2022,
    "১৫/০১" → 15 Jan 2023): July-December fall in the first calendar year, January-June in the
    second (DOMAIN.md glossary, অর্থবছর). It does not check that a full date lies in the year;
    validation does that (DOMAIN.md, Scoring §9).
    """
    toks = _tokens(text)
    if not toks:
        raise DateError("তারিখ দেওয়া হয়নি (ঘরটি খালি)", "no date given (the cell is empty)")
    if len(toks) == 3:
        a, b, c = toks
        # ISO yyyy-mm-dd ("২০২২-১২-৩১")
        if (
            (y := _year(a))
            and len(a) == 4
            and (m := _small(b)) is not None
            and (d := _small(c)) is not None
        ):
            return _make_date(text, int(a), m, d)
        # dd/mm/yy, dd.mm.yyyy, "৩১/০১.২০২৩"
        if (d := _small(a)) is not None and (m := _small(b)) is not None and (y := _year(c)):
            return _make_date(text, y, m, d)
        # "১২ ডিসেম্বর ২০২২", "12th Dec, 2022"
        if (d := _day(a)) is not None and (m := month_number(b)) and (y := _year(c)):
            return _make_date(text, y, m, d)
        # "জুলাই ১, ২০২২", "December 12, 2022"
        if (m := month_number(a)) and (d := _day(b)) is not None and (y := _year(c)):
            return _make_date(text, y, m, d)
    if len(toks) == 2:
        a, b = toks
        candidates = (
            (_small(a), _small(b)),  # "১২.১২", "15/01"
            (_day(a), month_number(b)),  # "১২ ডিসেম্বর"
            (_day(b), month_number(a)),  # "December 12"
        )
        day_month = next(((d, m) for d, m in candidates if d is not None and m is not None), None)
        if day_month is not None:
            if fiscal_year is None:
                shown = text.strip()
                raise DateError(
                    f"“{shown}” তারিখে বছর নেই (যেমন লিখুন ১২/১২/২০২২)",
                    f"“{shown}” has no year (write e.g. 12/12/2022)",
                    shown,
                )
            d, m = day_month
            fy = _fiscal_year(fiscal_year)
            return _make_date(text, fy.start_year if m >= 7 else fy.start_year + 1, m, d)
    raise _garbage(text, "তারিখ", "date", "31/12/2022")


def _month_of(text: str, toks: list[str]) -> MonthValue | None:
    """A month from two tokens, or None when they are not a month's form."""
    if len(toks) != 2:
        return None
    a, b = toks
    pairs: list[tuple[int | None, int | None]] = [
        (month_number(a), _year(b)),  # "এপ্রিল/২০২৩", "April 2023", "জুলাই-সেপ্টেম্বর/২০"
        (month_number(b), _year(a) if len(a) == 4 else None),  # "2023 April"
        (_small(a), _year(b) if len(b) == 4 else None),  # "04/2023"
        (_small(b), _year(a) if len(a) == 4 else None),  # "2023-04"
    ]
    for month, year in pairs:
        if month is not None and year is not None:
            if not 1 <= month <= 12:
                shown = text.strip()
                raise ImpossibleDateError(
                    f"মাসটি অসম্ভব: “{shown}” — মাস ১ থেকে ১২ হয়",
                    f"impossible month: “{shown}” — months run from 1 to 12",
                    shown,
                )
            return MonthValue(year, month)
    return None


def parse_month(text: str) -> MonthValue:
    """Read a month without a day: "এপ্রিল/২০২৩", "April 2023", "Apr-23", "04/2023", "2023-04"."""
    toks = _tokens(text)
    if not toks:
        raise DateError("মাস দেওয়া হয়নি (ঘরটি খালি)", "no month given (the cell is empty)")
    month = _month_of(text, toks)
    if month is None:
        raise _garbage(text, "মাস", "month", "04/2023")
    return month


def parse_month_range(text: str) -> tuple[dt.date, dt.date]:
    """Read a period of whole months into its first and last day.

    "জানুয়ারি-মার্চ ২০১৭" → (1 Jan 2017, 31 Mar 2017); "অক্টোবর-ডিসেম্বর, ২০২২";
    "জুলাই-সেপ্টেম্বর/২০" (two-digit year); "অক্টোবর, ২০২২ হতে ডিসেম্বর, ২০২২" (a year on
    each end); "জুলাই-জুন ২০২২-২৩" (a fiscal year); a single month "মার্চ ২০১৭". With one year
    and a start month after the end month ("নভেম্বর-ফেব্রুয়ারি ২০২৩"), the year belongs to
    the end and the start is in the year before.
    """
    toks = _tokens(text, _RANGE_WORDS)
    if not toks:
        raise DateError("সময়কাল দেওয়া হয়নি (ঘরটি খালি)", "no period given (the cell is empty)")
    months = [month_number(t) for t in toks]
    years = [_year(t) for t in toks]
    start: tuple[int, int] | None = None  # (year, month)
    end: tuple[int, int] | None = None
    shape = "".join("M" if m else "Y" if y else "?" for m, y in zip(months, years, strict=True))
    if shape == "MY":
        start = end = (years[1] or 0, months[0] or 0)
    elif shape == "MMY":
        m1, m2, y = months[0] or 0, months[1] or 0, years[2] or 0
        start, end = (y - 1 if m1 > m2 else y, m1), (y, m2)
    elif shape == "MYMY":
        start, end = (years[1] or 0, months[0] or 0), (years[3] or 0, months[2] or 0)
    elif shape == "MMYY":
        y1, y2 = years[2] or 0, years[3] or 0
        if y2 != y1 + 1:  # "২০২২-২৩": the second year follows the first
            raise _garbage(text, "সময়কাল", "period", "January-March 2017")
        start, end = (y1, months[0] or 0), (y2, months[1] or 0)
    if start is None or end is None:
        raise _garbage(text, "সময়কাল", "period", "January-March 2017")
    first = dt.date(start[0], start[1], 1)
    last = MonthValue(end[0], end[1]).last_day()
    if last < first:
        shown = text.strip()
        raise ImpossibleDateError(
            f"সময়কালটি উল্টো: “{shown}” শেষ হয় শুরুর আগে",
            f"the period “{shown}” ends before it starts",
            shown,
        )
    return first, last


# --- writing ------------------------------------------------------------------------------


def format_date(d: dt.date, lang: str = "bn", style: str = "dd.mm.yyyy") -> str:
    """Write a date: "১২.১২.২০২২" (dd.mm.yyyy), "১২/১২/২০২২" (dd/mm/yyyy),
    "১২ ডিসেম্বর ২০২২" / "12 December 2022" (long), "২০২২-১২-১২" (iso).

    Bengali digits for "bn", Latin for "en"; parse_date reads every style back.
    """
    if lang not in ("bn", "en"):
        raise ValueError(f"lang must be 'bn' or 'en', not {lang!r}")
    if style == "dd.mm.yyyy":
        text = f"{d.day:02d}.{d.month:02d}.{d.year:04d}"
    elif style == "dd/mm/yyyy":
        text = f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
    elif style == "long":
        text = f"{d.day} {month_name(d.month, lang)} {d.year}"
    elif style == "iso":
        text = d.isoformat()
    else:
        raise ValueError(f"style must be one of {DATE_STYLES}, not {style!r}")
    return to_bengali_digits(text) if lang == "bn" else text


def format_month(month: MonthValue, lang: str = "bn") -> str:
    """Write a month as the documents do: "এপ্রিল/২০২৩"; in English "April 2023"."""
    if lang == "bn":
        return f"{month_name(month.month, 'bn')}/{to_bengali_digits(str(month.year))}"
    return f"{month_name(month.month, 'en')} {month.year}"
