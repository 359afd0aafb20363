"""Tests of kormo.domain.calendar: fiscal years, quarters, half-years and default due dates.

The periods come from the DOMAIN.md glossary (অর্থবছর 1 July – 30 June; Q1 Jul–Sep ... Q4
Apr–Jun; H1 Jul–Dec, H2 Jan–Jun); the due dates from its "Calendar seen".
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kormo.domain.calendar import (
    DEFAULT_REPORT_DAY,
    QUARTERS,
    FiscalYear,
    FiscalYearError,
    HalfYear,
    Period,
    as_fiscal_year,
    half_of,
    half_year_label,
    half_year_range,
    period_of,
    quarter_label,
    quarter_of,
    quarter_range,
    quarter_report_due,
    quarters_of_half,
    quarters_through,
    results_due,
    year_evaluation_due,
)
from kormo.domain.errors import InputError
from kormo.domain.plan import Quarter

_BENGALI = re.compile(r"[\u0980-\u09ff]")
_ENGLISH = re.compile(r"[A-Za-z]{3,}")
FY22 = FiscalYear(2022)


@pytest.mark.parametrize(
    ("text", "start_year"),
    [
        ("2022-23", 2022),
        ("২০২২-২৩", 2022),  # seed 000
        ("2022-2023", 2022),
        ("20২০-2021", 2020),  # seed 002: mixed digits
        ("২০২২-২০২৩", 2022),  # seed 004
        ("২০২৩-২০২৪", 2023),  # seed 001
        ("2020-2021", 2020),  # seed 002
        ("২০১৮-২০১৯", 2018),  # seed 000 (past actuals)
        (" 2022 – 23 ", 2022),
        ("2022/23", 2022),
        ("FY 2022-23", 2022),
        ("অর্থবছর ২০২২-২৩", 2022),
        ("২০২২-২৩ অর্থবছর", 2022),
        ("1999-00", 1999),
        ("2099-2100", 2099),
    ],
)
def test_parse_fiscal_year(text: str, start_year: int) -> None:
    assert FiscalYear.parse(text) == FiscalYear(start_year)


@pytest.mark.parametrize(
    "text",
    ["2022-25", "২০২৬-২৪", "2022-2022", "2022", "২০১৭", "", "abc", "22-23", "2022-2024", "2022-3"],
)
def test_parse_fiscal_year_rejects(text: str) -> None:
    with pytest.raises(FiscalYearError) as info:
        FiscalYear.parse(text)
    assert isinstance(info.value, InputError)
    assert _BENGALI.search(info.value.bn)
    assert _ENGLISH.search(info.value.en)


def test_fiscal_year_rejects_absurd_start() -> None:
    with pytest.raises(InputError):
        FiscalYear(22)


def test_fiscal_year_text() -> None:
    assert str(FY22) == "2022-23"
    assert FY22.label() == "২০২২-২৩"
    assert FY22.label("bn") == "২০২২-২৩"
    assert FY22.label("en") == "2022-23"
    assert str(FiscalYear(1999)) == "1999-00"


def test_fiscal_year_bounds() -> None:
    assert FY22.start == dt.date(2022, 7, 1)
    assert FY22.end == dt.date(2023, 6, 30)
    assert FY22.end_year == 2023
    assert FY22.previous == FiscalYear(2021)
    assert FY22.next == FiscalYear(2023)
    assert FiscalYear(2021) < FY22 < FiscalYear(2023)


@pytest.mark.parametrize(
    ("d", "inside"),
    [
        (dt.date(2022, 6, 30), False),
        (dt.date(2022, 7, 1), True),
        (dt.date(2022, 12, 31), True),
        (dt.date(2023, 1, 1), True),
        (dt.date(2023, 6, 30), True),
        (dt.date(2023, 7, 1), False),
    ],
)
def test_contains(d: dt.date, inside: bool) -> None:
    assert FY22.contains(d) is inside


@pytest.mark.parametrize(
    ("d", "start_year"),
    [
        (dt.date(2022, 7, 1), 2022),
        (dt.date(2022, 12, 12), 2022),
        (dt.date(2023, 1, 31), 2022),
        (dt.date(2023, 6, 30), 2022),
        (dt.date(2023, 7, 1), 2023),
    ],
)
def test_of_date(d: dt.date, start_year: int) -> None:
    assert FiscalYear.of_date(d) == FiscalYear(start_year)


def test_as_fiscal_year() -> None:
    assert as_fiscal_year("২০২২-২৩") == FY22
    assert as_fiscal_year(FY22) is FY22


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (Quarter.Q1, dt.date(2022, 7, 1), dt.date(2022, 9, 30)),
        (Quarter.Q2, dt.date(2022, 10, 1), dt.date(2022, 12, 31)),
        (Quarter.Q3, dt.date(2023, 1, 1), dt.date(2023, 3, 31)),
        (Quarter.Q4, dt.date(2023, 4, 1), dt.date(2023, 6, 30)),
    ],
)
def test_quarter_range(quarter: Quarter, start: dt.date, end: dt.date) -> None:
    assert quarter_range(FY22, quarter) == (start, end)
    assert quarter_range("2022-23", quarter) == (start, end)


@pytest.mark.parametrize(
    ("half", "start", "end"),
    [
        (HalfYear.H1, dt.date(2022, 7, 1), dt.date(2022, 12, 31)),
        (HalfYear.H2, dt.date(2023, 1, 1), dt.date(2023, 6, 30)),
    ],
)
def test_half_year_range(half: HalfYear, start: dt.date, end: dt.date) -> None:
    assert half_year_range(FY22, half) == (start, end)


@pytest.mark.parametrize(
    ("month", "quarter", "half"),
    [
        (7, Quarter.Q1, HalfYear.H1),
        (8, Quarter.Q1, HalfYear.H1),
        (9, Quarter.Q1, HalfYear.H1),
        (10, Quarter.Q2, HalfYear.H1),
        (11, Quarter.Q2, HalfYear.H1),
        (12, Quarter.Q2, HalfYear.H1),
        (1, Quarter.Q3, HalfYear.H2),
        (2, Quarter.Q3, HalfYear.H2),
        (3, Quarter.Q3, HalfYear.H2),
        (4, Quarter.Q4, HalfYear.H2),
        (5, Quarter.Q4, HalfYear.H2),
        (6, Quarter.Q4, HalfYear.H2),
    ],
)
def test_quarter_and_half_of_month(month: int, quarter: Quarter, half: HalfYear) -> None:
    d = dt.date(2023, month, 15)
    assert quarter_of(d) is quarter
    assert half_of(quarter) is half
    assert period_of(d) == Period(FiscalYear.of_date(d), quarter, half)


def test_period_of_example() -> None:
    # DOMAIN.md Scoring §2 example: done 15.01.23 → Q3 of 2022-23.
    assert period_of(dt.date(2023, 1, 15)) == Period(FY22, Quarter.Q3, HalfYear.H2)


@pytest.mark.parametrize(
    ("quarter", "expected"),
    [
        (Quarter.Q1, (Quarter.Q1,)),
        (Quarter.Q2, (Quarter.Q1, Quarter.Q2)),
        (Quarter.Q3, (Quarter.Q1, Quarter.Q2, Quarter.Q3)),
        (Quarter.Q4, QUARTERS),
    ],
)
def test_quarters_through(quarter: Quarter, expected: tuple[Quarter, ...]) -> None:
    assert quarters_through(quarter) == expected


def test_quarters_of_half() -> None:
    assert quarters_of_half(HalfYear.H1) == (Quarter.Q1, Quarter.Q2)
    assert quarters_of_half(HalfYear.H2) == (Quarter.Q3, Quarter.Q4)


@pytest.mark.parametrize(
    ("quarter", "due"),
    [
        (Quarter.Q1, dt.date(2022, 10, 15)),
        (Quarter.Q2, dt.date(2023, 1, 15)),
        (Quarter.Q3, dt.date(2023, 4, 15)),
        (Quarter.Q4, dt.date(2023, 7, 15)),
    ],
)
def test_quarter_report_due(quarter: Quarter, due: dt.date) -> None:
    assert DEFAULT_REPORT_DAY == 15
    assert quarter_report_due(FY22, quarter) == due
    assert quarter_report_due("2022-23", quarter, day=10) == due.replace(day=10)


def test_year_end_dates() -> None:
    assert year_evaluation_due(FY22) == dt.date(2023, 7, 15)
    assert results_due("২০২২-২৩") == dt.date(2023, 8, 30)


@pytest.mark.parametrize(
    ("quarter", "bn", "en"),
    [
        (Quarter.Q1, "১ম কোয়ার্টার (জুলাই-সেপ্টেম্বর)", "Q1 (Jul–Sep)"),
        (Quarter.Q2, "২য় কোয়ার্টার (অক্টোবর-ডিসেম্বর)", "Q2 (Oct–Dec)"),
        (Quarter.Q3, "৩য় কোয়ার্টার (জানুয়ারি-মার্চ)", "Q3 (Jan–Mar)"),
        (Quarter.Q4, "৪র্থ কোয়ার্টার (এপ্রিল-জুন)", "Q4 (Apr–Jun)"),
    ],
)
def test_quarter_label(quarter: Quarter, bn: str, en: str) -> None:
    assert quarter_label(quarter) == bn
    assert quarter_label(quarter, "bn") == bn
    assert quarter_label(quarter, "en") == en


def test_half_year_label() -> None:
    assert half_year_label(HalfYear.H1) == "১ম অর্ধবার্ষিক (জুলাই-ডিসেম্বর)"
    assert half_year_label(HalfYear.H2, "en") == "H2 (Jan–Jun)"


_dates = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2198, 12, 31))


@given(_dates)
def test_every_date_in_exactly_one_quarter_and_half(d: dt.date) -> None:
    fy = FiscalYear.of_date(d)
    assert fy.contains(d)
    quarters = [q for q in QUARTERS if quarter_range(fy, q)[0] <= d <= quarter_range(fy, q)[1]]
    halves = [h for h in HalfYear if half_year_range(fy, h)[0] <= d <= half_year_range(fy, h)[1]]
    assert quarters == [quarter_of(d)]
    assert halves == [half_of(quarter_of(d))]
    assert period_of(d) == Period(fy, quarters[0], halves[0])


@settings(max_examples=50)
@given(st.integers(1901, 2198))
def test_fiscal_year_text_round_trips(start_year: int) -> None:
    fy = FiscalYear(start_year)
    assert FiscalYear.parse(str(fy)) == fy
    assert FiscalYear.parse(fy.label("bn")) == fy
    assert fy.next.previous == fy
    assert fy.next.start == fy.end + dt.timedelta(days=1)


@settings(max_examples=50)
@given(st.integers(1901, 2198))
def test_quarters_tile_the_year(start_year: int) -> None:
    fy = FiscalYear(start_year)
    ranges = [quarter_range(fy, q) for q in QUARTERS]
    assert ranges[0][0] == fy.start and ranges[-1][1] == fy.end
    for (_, end), (start, _) in itertools.pairwise(ranges):
        assert start == end + dt.timedelta(days=1)
