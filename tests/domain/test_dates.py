"""Tests of kormo.domain.dates: every date, month and period form seen in the seeds.

DOMAIN.md ("Structure rules seen in the documents") lists dd/mm/yy, dd/mm/yyyy, dd.mm.yy,
dd-mm-yyyy and "এপ্রিল/২০২৩"; the seeds add mixed separators, mixed digits, ISO dates and
month names. Each is read to an exact date; bad input raises a bilingual DateError.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kormo.domain.calendar import FiscalYear
from kormo.domain.dates import (
    MONTHS_BN,
    MONTHS_EN,
    DateError,
    ImpossibleDateError,
    format_date,
    format_month,
    month_name,
    month_number,
    parse_date,
    parse_month,
    parse_month_range,
)
from kormo.domain.errors import InputError
from kormo.domain.values import MonthValue

_BENGALI = re.compile(r"[\u0980-\u09ff]")
_ENGLISH = re.compile(r"[A-Za-z]{3,}")


def assert_bilingual(exc: InputError) -> None:
    assert _BENGALI.search(exc.bn), exc.bn
    assert _ENGLISH.search(exc.en), exc.en


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # seed 000 (target levels, signatures)
        ("১২.১২.২২", dt.date(2022, 12, 12)),
        ("৩১.০১.২৩", dt.date(2023, 1, 31)),
        ("২৮.০২.২৩", dt.date(2023, 2, 28)),
        ("২৯.০৬.২০২২", dt.date(2022, 6, 29)),
        ("১৮.১০.২২", dt.date(2022, 10, 18)),
        ("জুলাই ১, ২০২২", dt.date(2022, 7, 1)),
        # seed 001
        ("৩১/০৫/২০২৩", dt.date(2023, 5, 31)),
        ("২৮/০৪/২৪", dt.date(2024, 4, 28)),
        ("৩১-১০-২০২৩", dt.date(2023, 10, 31)),
        # seed 002: single-digit months, mixed digits, Latin digits
        ("৩০/৬/২1", dt.date(2021, 6, 30)),
        ("৩০/৬/২১", dt.date(2021, 6, 30)),
        ("৩০/০৬/২১", dt.date(2021, 6, 30)),
        ("২৫/০৬/২1", dt.date(2021, 6, 25)),
        ("30/09/2020", dt.date(2020, 9, 30)),
        ("31/03/21", dt.date(2021, 3, 31)),
        ("30/6/20", dt.date(2020, 6, 30)),
        # seed 004: mixed separators, ISO, dd.mm.yyyy
        ("৩১/০১.২০২৩", dt.date(2023, 1, 31)),
        ("২০২২-১২-৩১", dt.date(2022, 12, 31)),
        ("২০২১-০৮-০৪", dt.date(2021, 8, 4)),
        ("১০.১০.২০২২", dt.date(2022, 10, 10)),
        ("10.11.23", dt.date(2023, 11, 10)),
        # the brief's forms
        ("১২-১২-২০২০", dt.date(2020, 12, 12)),
        ("12.12.22", dt.date(2022, 12, 12)),
        ("1/7/2022", dt.date(2022, 7, 1)),
        ("2022-07-01", dt.date(2022, 7, 1)),
        (" ১২ / ১২ / ২০২২ ", dt.date(2022, 12, 12)),
        # month names, Bengali and English, with spelling variants and ordinals
        ("১২ ডিসেম্বর ২০২২", dt.date(2022, 12, 12)),
        ("১২ ডিসেম্বর, ২০২২", dt.date(2022, 12, 12)),
        ("12 December 2022", dt.date(2022, 12, 12)),
        ("December 12, 2022", dt.date(2022, 12, 12)),
        ("12 Dec 2022", dt.date(2022, 12, 12)),
        ("12th Dec, 2022", dt.date(2022, 12, 12)),
        ("১লা জুলাই ২০২২", dt.date(2022, 7, 1)),
        ("২২শে ফেব্রুয়ারী ২০২৩", dt.date(2023, 2, 22)),
        ("৫ জানুয়ারী ২০২৩", dt.date(2023, 1, 5)),
        ("১৫ আগষ্ট ২০২২", dt.date(2022, 8, 15)),
        ("১৫-আগস্ট-২০২২", dt.date(2022, 8, 15)),
        ("১২/১২/২০২২ খ্রি.", dt.date(2022, 12, 12)),
        ("তারিখ: ১২/১২/২০২২", dt.date(2022, 12, 12)),
    ],
)
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


def test_parse_date_decomposed_ya() -> None:
    # "য়" arrives as U+09DF or as য + nukta (U+09AF U+09BC); both spell the month.
    composed = "৫ জানু\u09dfারি ২০২৩"
    decomposed = "৫ জানু\u09af\u09bcারি ২০২৩"
    assert parse_date(composed) == parse_date(decomposed) == dt.date(2023, 1, 5)


@pytest.mark.parametrize(
    ("text", "fiscal_year", "expected"),
    [
        ("১২.১২", "2022-23", dt.date(2022, 12, 12)),
        ("১৫/০১", "২০২২-২৩", dt.date(2023, 1, 15)),
        ("৩০ জুন", FiscalYear(2022), dt.date(2023, 6, 30)),
        ("1 July", "2022-23", dt.date(2022, 7, 1)),
        ("১২.১২.২২", "2020-21", dt.date(2022, 12, 12)),  # a full date keeps its own year
    ],
)
def test_parse_date_in_fiscal_year(
    text: str, fiscal_year: str | FiscalYear, expected: dt.date
) -> None:
    assert parse_date(text, fiscal_year) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31/02/2023",
        "২৯/০২/২০২৩",  # not a leap year
        "৩২/০১/২০২৩",
        "১২/১৩/২০২২",
        "00/01/2023",
        "31 April 2023",
        "2023-02-30",
    ],
)
def test_parse_date_impossible(text: str) -> None:
    with pytest.raises(ImpossibleDateError) as info:
        parse_date(text)
    assert isinstance(info.value, DateError)
    assert isinstance(info.value, InputError)
    assert_bilingual(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "৩০/১২/২০২",  # seed 002: a damaged year
        "১২.১২",  # no year and no fiscal year
        "১২ ডিসেম্বর",
        "12/12/12/12",
        "100",
        "12 Foo 2022",
        "১২/১২/০০২২",
    ],
)
def test_parse_date_garbage(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date(text)
    assert_bilingual(info.value)


def test_leap_day() -> None:
    assert parse_date("২৯/০২/২০২৪") == dt.date(2024, 2, 29)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("এপ্রিল/২০২৩", MonthValue(2023, 4)),  # seed 004
        ("এপ্রিল/২০২৪", MonthValue(2024, 4)),  # seed 004
        ("সেপ্টেম্বর/২০", MonthValue(2020, 9)),  # seed 002, two-digit year
        ("April 2023", MonthValue(2023, 4)),
        ("Apr-2023", MonthValue(2023, 4)),
        ("apr 23", MonthValue(2023, 4)),
        ("04/2023", MonthValue(2023, 4)),
        ("৪/২০২৩", MonthValue(2023, 4)),
        ("2023-04", MonthValue(2023, 4)),
        ("ডিসেম্বর, ২০২২", MonthValue(2022, 12)),
        ("2023 April", MonthValue(2023, 4)),
    ],
)
def test_parse_month(text: str, expected: MonthValue) -> None:
    assert parse_month(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "১৩/২০২৩", "04/23", "April", "১২/১২/২০২২"])
def test_parse_month_rejects(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_month(text)
    assert_bilingual(info.value)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("জানুয়ারি-মার্চ ২০১৭", dt.date(2017, 1, 1), dt.date(2017, 3, 31)),  # seed 003
        ("জানুয়ারি-জুন ২০১৭", dt.date(2017, 1, 1), dt.date(2017, 6, 30)),  # seed 003
        ("জানুয়ারি-ডিসেম্বর ২০১৭", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),  # seed 003
        ("অক্টোবর-ডিসেম্বর, ২০২২", dt.date(2022, 10, 1), dt.date(2022, 12, 31)),  # seed 004
        ("(অক্টোবর-ডিসেম্বর, ২০২২)", dt.date(2022, 10, 1), dt.date(2022, 12, 31)),
        ("জুলাই-সেপ্টেম্বর/২০", dt.date(2020, 7, 1), dt.date(2020, 9, 30)),  # seed 002
        (
            "অক্টোবর, ২০২২ হতে ডিসেম্বর, ২০২২",  # seed 004
            dt.date(2022, 10, 1),
            dt.date(2022, 12, 31),
        ),
        ("জুলাই ২০২২ - জুন ২০২৩", dt.date(2022, 7, 1), dt.date(2023, 6, 30)),
        ("জুলাই-জুন ২০২২-২৩", dt.date(2022, 7, 1), dt.date(2023, 6, 30)),
        ("নভেম্বর-ফেব্রুয়ারি ২০২৩", dt.date(2022, 11, 1), dt.date(2023, 2, 28)),
        ("January–March 2017", dt.date(2017, 1, 1), dt.date(2017, 3, 31)),
        ("Jan to Mar 2017", dt.date(2017, 1, 1), dt.date(2017, 3, 31)),
        ("মার্চ ২০১৭", dt.date(2017, 3, 1), dt.date(2017, 3, 31)),
        ("ফেব্রুয়ারী ২০২৪", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
    ],
)
def test_parse_month_range(text: str, start: dt.date, end: dt.date) -> None:
    assert parse_month_range(text) == (start, end)


@pytest.mark.parametrize(
    "text",
    ["", "abc", "জানুয়ারি-মার্চ", "২০১৭", "জুলাই-জুন ২০২২-২৫", "ডিসেম্বর ২০২২ - জানুয়ারি ২০২২"],
)
def test_parse_month_range_rejects(text: str) -> None:
    with pytest.raises(DateError) as info:
        parse_month_range(text)
    assert_bilingual(info.value)


@pytest.mark.parametrize(
    ("d", "lang", "style", "expected"),
    [
        (dt.date(2022, 12, 12), "bn", "dd.mm.yyyy", "১২.১২.২০২২"),
        (dt.date(2023, 1, 5), "bn", "dd.mm.yyyy", "০৫.০১.২০২৩"),
        (dt.date(2023, 1, 5), "en", "dd.mm.yyyy", "05.01.2023"),
        (dt.date(2023, 1, 5), "bn", "dd/mm/yyyy", "০৫/০১/২০২৩"),
        (dt.date(2022, 12, 12), "bn", "long", "১২ ডিসেম্বর ২০২২"),
        (dt.date(2022, 12, 12), "en", "long", "12 December 2022"),
        (dt.date(2023, 1, 5), "bn", "long", "৫ জানুয়ারি ২০২৩"),
        (dt.date(2022, 12, 31), "bn", "iso", "২০২২-১২-৩১"),
    ],
)
def test_format_date(d: dt.date, lang: str, style: str, expected: str) -> None:
    assert format_date(d, lang, style) == expected


def test_format_date_default_is_bengali_dotted() -> None:
    assert format_date(dt.date(2022, 12, 12)) == "১২.১২.২০২২"


def test_format_date_rejects_unknown_style() -> None:
    with pytest.raises(ValueError):
        format_date(dt.date(2022, 12, 12), "bn", "mm/dd/yyyy")


def test_format_month() -> None:
    assert format_month(MonthValue(2023, 4)) == "এপ্রিল/২০২৩"
    assert format_month(MonthValue(2023, 4), "en") == "April 2023"


@pytest.mark.parametrize(
    ("month", "bn", "en"), list(zip(range(1, 13), MONTHS_BN, MONTHS_EN, strict=True))
)
def test_month_names(month: int, bn: str, en: str) -> None:
    assert month_name(month, "bn") == bn
    assert month_name(month, "en") == en
    assert month_number(bn) == month_number(en) == month_number(en[:3]) == month
    assert month_number(en.upper()) == month


@pytest.mark.parametrize(
    ("word", "month"),
    [("জানুয়ারী", 1), ("ফেব্রুয়ারী", 2), ("আগষ্ট", 8), ("Sept", 9), ("Sept.", 9), ("foo", None)],
)
def test_month_name_variants(word: str, month: int | None) -> None:
    assert month_number(word) == month


@settings(max_examples=100)
@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 12, 31)),
    st.sampled_from(["bn", "en"]),
    st.sampled_from(["dd.mm.yyyy", "dd/mm/yyyy", "long", "iso"]),
)
def test_format_then_parse_date_round_trips(d: dt.date, lang: str, style: str) -> None:
    assert parse_date(format_date(d, lang, style)) == d


@settings(max_examples=50)
@given(st.integers(2000, 2099), st.integers(1, 12))
def test_format_then_parse_month_round_trips(year: int, month: int) -> None:
    m = MonthValue(year, month)
    assert parse_month(format_month(m, "bn")) == m
    assert parse_month(format_month(m, "en")) == m
