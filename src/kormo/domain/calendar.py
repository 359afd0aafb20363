"""The fiscal-year calendar: fiscal years, quarters, half-years and default report dates.

Bangladesh's fiscal year runs 1 July – 30 June and is written "2022-23" or "২০২২-২৩"
(sometimes "2022-2023", even "20২০-2021"); its quarters are Q1 Jul–Sep, Q2 Oct–Dec, Q3 Jan–Mar,
Q4 Apr–Jun and its half-years H1 Jul–Dec, H2 Jan–Jun (DOMAIN.md glossary: অর্থবছর, কোয়ার্টার,
অর্ধবার্ষিক). Plans, progress reports and scoring all key on these periods, so they are
computed here once.

Report dates follow "Calendar seen" in DOMAIN.md: quarterly reports about the 15th after a
quarter ends, the year's evaluation by 15 July, results by 30 August. Deadlines are data per
year, kept elsewhere; the functions here only give the defaults.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from kormo.domain.digits import normalize_text, to_bengali_digits
from kormo.domain.errors import InputError
from kormo.domain.plan import Quarter

__all__ = [
    "DEFAULT_REPORT_DAY",
    "QUARTERS",
    "FiscalYear",
    "FiscalYearError",
    "HalfYear",
    "Period",
    "as_fiscal_year",
    "half_of",
    "half_year_label",
    "half_year_range",
    "period_of",
    "quarter_label",
    "quarter_of",
    "quarter_range",
    "quarter_report_due",
    "quarters_of_half",
    "quarters_through",
    "results_due",
    "year_evaluation_due",
]

QUARTERS: tuple[Quarter, ...] = (Quarter.Q1, Quarter.Q2, Quarter.Q3, Quarter.Q4)

# DOMAIN.md, "Calendar seen": quarterly reports are due about the 15th after a quarter ends.
DEFAULT_REPORT_DAY = 15
# DOMAIN.md, "Calendar seen": the year's evaluation by 15 July, results by 30 August.
_EVALUATION_MONTH_DAY = (7, 15)
_RESULTS_MONTH_DAY = (8, 30)

_MIN_YEAR, _MAX_YEAR = 1900, 2199

# "2022-23", "২০২২-২৩", "2022-2023", "2022–23", "2022/23"; with "FY" or "অর্থবছর" around it.
_FY = re.compile(r"^(\d{4})\s*[-\u2010-\u2015\u2212/]\s*(\d{4}|\d{2})$")
_FY_WORDS = re.compile(
    r"^(?:fy|f\.y\.|অর্থবছর|অর্থ বছর)\s*:?\s*|\s*(?:অর্থবছর|অর্থবছরের|অর্থ বছর)$", re.IGNORECASE
)

# First month and calendar-year offset (0: the start year, 1: the end year) of each quarter.
_QUARTER_START: dict[Quarter, tuple[int, int]] = {
    Quarter.Q1: (7, 0),
    Quarter.Q2: (10, 0),
    Quarter.Q3: (1, 1),
    Quarter.Q4: (4, 1),
}
_QUARTER_LABELS: dict[Quarter, tuple[str, str]] = {
    Quarter.Q1: ("১ম কোয়ার্টার (জুলাই-সেপ্টেম্বর)", "Q1 (Jul–Sep)"),
    Quarter.Q2: ("২য় কোয়ার্টার (অক্টোবর-ডিসেম্বর)", "Q2 (Oct–Dec)"),
    Quarter.Q3: ("৩য় কোয়ার্টার (জানুয়ারি-মার্চ)", "Q3 (Jan–Mar)"),
    Quarter.Q4: ("৪র্থ কোয়ার্টার (এপ্রিল-জুন)", "Q4 (Apr–Jun)"),
}


class HalfYear(StrEnum):
    """অর্ধবার্ষিক: H1 July–December, H2 January–June (DOMAIN.md glossary)."""

    H1 = "H1"
    H2 = "H2"


_HALF_LABELS: dict[HalfYear, tuple[str, str]] = {
    HalfYear.H1: ("১ম অর্ধবার্ষিক (জুলাই-ডিসেম্বর)", "H1 (Jul–Dec)"),
    HalfYear.H2: ("২য় অর্ধবার্ষিক (জানুয়ারি-জুন)", "H2 (Jan–Jun)"),
}


class FiscalYearError(InputError):
    """A fiscal year that cannot be read, or whose second year does not follow the first."""


def _fy_error(text: str, why_bn: str, why_en: str) -> FiscalYearError:
    shown = text.strip()
    return FiscalYearError(
        f"“{shown}” সঠিক অর্থবছর নয়: {why_bn} (যেমন লিখুন ২০২২-২৩)",
        f"“{shown}” is not a valid fiscal year: {why_en} (write e.g. 2022-23)",
        shown,
    )


@dataclass(frozen=True, slots=True, order=True)
class FiscalYear:
    """অর্থবছর: 1 July of `start_year` to 30 June of the next year."""

    start_year: int

    def __post_init__(self) -> None:
        if not isinstance(self.start_year, int) or not _MIN_YEAR <= self.start_year <= _MAX_YEAR:
            raise _fy_error(
                str(self.start_year),
                f"শুরুর বছর {_MIN_YEAR}-{_MAX_YEAR} এর মধ্যে হতে হবে",
                f"the start year must lie in {_MIN_YEAR}-{_MAX_YEAR}",
            )

    @classmethod
    def parse(cls, text: str) -> FiscalYear:
        """Read "2022-23", "২০২২-২৩", "2022-2023", "20২০-2021", "২০২২-২০২৩", "FY 2022-23".

        The second year must follow the first: "2022-25" is refused.
        """
        norm = _FY_WORDS.sub("", normalize_text(text)).strip()
        m = _FY.match(norm)
        if m is None:
            raise _fy_error(text, "রূপটি চেনা যায়নি", "the form is not recognised")
        start, end = int(m[1]), m[2]
        follows = (start + 1) % 100 == int(end) if len(end) == 2 else int(end) == start + 1
        if not follows:
            raise _fy_error(
                text,
                "দ্বিতীয় বছরটি প্রথম বছরের পরের বছর হতে হবে",
                "the second year must be the year after the first",
            )
        return cls(start)

    @classmethod
    def of_date(cls, d: dt.date) -> FiscalYear:
        """The fiscal year a date falls in: July-December → that year's, else the year before."""
        return cls(d.year if d.month >= 7 else d.year - 1)

    @property
    def end_year(self) -> int:
        return self.start_year + 1

    @property
    def start(self) -> dt.date:
        return dt.date(self.start_year, 7, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.end_year, 6, 30)

    def contains(self, d: dt.date) -> bool:
        return self.start <= d <= self.end

    @property
    def previous(self) -> FiscalYear:
        return FiscalYear(self.start_year - 1)

    @property
    def next(self) -> FiscalYear:
        return FiscalYear(self.start_year + 1)

    def __str__(self) -> str:
        """The form plan files and identifiers use: "2022-23"."""
        return f"{self.start_year}-{self.end_year % 100:02d}"

    def label(self, lang: str = "bn") -> str:
        """The label shown to users: "২০২২-২৩" in Bengali, "2022-23" in English."""
        return to_bengali_digits(str(self)) if lang == "bn" else str(self)


def as_fiscal_year(fiscal_year: FiscalYear | str) -> FiscalYear:
    """A FiscalYear from itself or from its text ("2022-23")."""
    return fiscal_year if isinstance(fiscal_year, FiscalYear) else FiscalYear.parse(fiscal_year)


@dataclass(frozen=True, slots=True)
class Period:
    """Where a date falls: its fiscal year, quarter and half-year."""

    fiscal_year: FiscalYear
    quarter: Quarter
    half: HalfYear


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def quarter_range(fiscal_year: FiscalYear | str, quarter: Quarter) -> tuple[dt.date, dt.date]:
    """First and last day of a quarter: Q1 of 2022-23 is 1 Jul 2022 – 30 Sep 2022."""
    fy = as_fiscal_year(fiscal_year)
    month, offset = _QUARTER_START[Quarter(quarter)]
    year = fy.start_year + offset
    return dt.date(year, month, 1), _month_end(year, month + 2)


def half_year_range(fiscal_year: FiscalYear | str, half: HalfYear) -> tuple[dt.date, dt.date]:
    """First and last day of a half-year: H1 1 Jul – 31 Dec, H2 1 Jan – 30 Jun."""
    first, second = quarters_of_half(half)
    return quarter_range(fiscal_year, first)[0], quarter_range(fiscal_year, second)[1]


def quarter_of(d: dt.date) -> Quarter:
    """The fiscal quarter of a date (DOMAIN.md glossary: Q1 Jul–Sep ... Q4 Apr–Jun)."""
    return QUARTERS[((d.month - 7) % 12) // 3]


def half_of(quarter: Quarter) -> HalfYear:
    """H1 for Q1 and Q2, H2 for Q3 and Q4."""
    return HalfYear.H1 if Quarter(quarter) in (Quarter.Q1, Quarter.Q2) else HalfYear.H2


def quarters_of_half(half: HalfYear) -> tuple[Quarter, Quarter]:
    return (Quarter.Q1, Quarter.Q2) if HalfYear(half) is HalfYear.H1 else (Quarter.Q3, Quarter.Q4)


def period_of(d: dt.date) -> Period:
    """The fiscal year, quarter and half-year of a date."""
    quarter = quarter_of(d)
    return Period(FiscalYear.of_date(d), quarter, half_of(quarter))


def quarters_through(quarter: Quarter) -> tuple[Quarter, ...]:
    """Q1 up to and including `quarter`: the quarters a cumulative report covers."""
    return QUARTERS[: QUARTERS.index(Quarter(quarter)) + 1]


def quarter_report_due(
    fiscal_year: FiscalYear | str, quarter: Quarter, day: int = DEFAULT_REPORT_DAY
) -> dt.date:
    """Default due date of a quarter's report: `day` of the month after the quarter ends
    (15 Oct, 15 Jan, 15 Apr, 15 Jul; DOMAIN.md "Calendar seen"). Real deadlines are data."""
    end = quarter_range(fiscal_year, quarter)[1]
    following = end + dt.timedelta(days=1)
    return following.replace(day=day)


def year_evaluation_due(fiscal_year: FiscalYear | str) -> dt.date:
    """Default date for the year's evaluation: 15 July after the year (DOMAIN.md)."""
    month, day = _EVALUATION_MONTH_DAY
    return dt.date(as_fiscal_year(fiscal_year).end_year, month, day)


def results_due(fiscal_year: FiscalYear | str) -> dt.date:
    """Default date for published results: 30 August after the year (DOMAIN.md)."""
    month, day = _RESULTS_MONTH_DAY
    return dt.date(as_fiscal_year(fiscal_year).end_year, month, day)


def quarter_label(quarter: Quarter, lang: str = "bn") -> str:
    """The quarter as users read it: "১ম কোয়ার্টার (জুলাই-সেপ্টেম্বর)" / "Q1 (Jul–Sep)"."""
    bn, en = _QUARTER_LABELS[Quarter(quarter)]
    return bn if lang == "bn" else en


def half_year_label(half: HalfYear, lang: str = "bn") -> str:
    """The half-year as users read it: "১ম অর্ধবার্ষিক (জুলাই-ডিসেম্বর)" / "H1 (Jul–Dec)"."""
    bn, en = _HALF_LABELS[HalfYear(half)]
    return bn if lang == "bn" else en
