"""Tests of kormo.domain.numerals: digits, numbers, percents, money, blank marks and cells.

Every form listed in DOMAIN.md ("Structure rules seen in the documents") and found in the
seeds is checked with its exact value; property tests check that what we write we read back.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kormo.domain.cells import format_value, parse_cell
from kormo.domain.digits import to_bengali_digits, to_latin_digits
from kormo.domain.errors import InputError
from kormo.domain.numerals import (
    CellError,
    NumberError,
    format_money,
    format_number,
    format_percent,
    is_blank_mark,
    is_not_applicable,
    parse_money,
    parse_number,
    parse_percent,
    parse_quantity,
)
from kormo.domain.plan import Quantity, Unit
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

D = Decimal
_BENGALI = re.compile(r"[\u0980-\u09ff]")
_ENGLISH = re.compile(r"[A-Za-z]{3,}")


def assert_bilingual(exc: InputError) -> None:
    """An input error says why in Bengali and in English."""
    assert _BENGALI.search(exc.bn), exc.bn
    assert _ENGLISH.search(exc.en), exc.en
    assert exc.bn in str(exc) and exc.en in str(exc)


# --- digits -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "latin", "bengali"),
    [
        ("২০২২-২৩", "2022-23", "২০২২-২৩"),
        ("20২০-2021", "2020-2021", "২০২০-২০২১"),
        ("৩০/৬/২1", "30/6/21", "৩০/৬/২১"),
        ("0123456789", "0123456789", "০১২৩৪৫৬৭৮৯"),
        ("লক্ষ্যমাত্রা", "লক্ষ্যমাত্রা", "লক্ষ্যমাত্রা"),
        ("", "", ""),
    ],
)
def test_digit_conversion(text: str, latin: str, bengali: str) -> None:
    assert to_latin_digits(text) == latin
    assert to_bengali_digits(text) == bengali


@settings(max_examples=50)
@given(st.text(alphabet="0123456789", max_size=30))
def test_latin_bengali_latin_round_trip(digits: str) -> None:
    assert to_latin_digits(to_bengali_digits(digits)) == digits


@settings(max_examples=50)
@given(st.text(alphabet="০১২৩৪৫৬৭৮৯", max_size=30))
def test_bengali_latin_bengali_round_trip(digits: str) -> None:
    assert to_bengali_digits(to_latin_digits(digits)) == digits


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("০৫", D(5)),  # seed 002: leading zero
        ("০১", D(1)),
        ("১২০", D(120)),
        ("৭০", D(70)),
        ("2236", D(2236)),  # seed 004
        ("১,৮২৮", D(1828)),  # seed 004
        ("৫০,০০০", D(50000)),  # seed 004
        ("১,২০,০০০", D(120000)),  # South-Asian grouping
        ("১২,৩৪,৫৬৭", D(1234567)),
        ("1,234,567", D(1234567)),  # Western grouping
        ("১২,০০০", D(12000)),
        ("1২0", D(120)),  # mixed digits
        ("16.053", D("16.053")),  # seed 002
        ("৯৩.২০", D("93.20")),
        (" ১২ ", D(12)),
        ("\u200b১২\u00a0", D(12)),  # zero-width and no-break spaces from Word
        ("-৫", D(-5)),
        (".৫", D("0.5")),
        ("০", D(0)),
    ],
)
def test_parse_number(text: str, expected: Decimal) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "abc", "১২ক", "1,5", "১২,০০", "1..2", "12.12.22", "-", "---", "১২,০০০/-", "১ ২"],
)
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_number(text)
    assert isinstance(info.value, InputError)
    assert_bilingual(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("১০০%", D(100)),  # seeds 001, 002
        ("100%", D(100)),
        ("100 %", D(100)),
        ("৮৫%", D(85)),  # seed 004 (85/70/60/55/50 levels)
        ("৮৫ শতাংশ", D(85)),
        ("৯৩.২০%", D("93.20")),
        ("০%", D(0)),
        ("৬১", D(61)),  # bare number: the caller knows the unit
        ("61 percent", D(61)),
    ],
)
def test_parse_percent(text: str, expected: Decimal) -> None:
    assert parse_percent(text) == expected


@pytest.mark.parametrize("text", ["", "%", "শতাংশ", "abc%", "১০০%%"])
def test_parse_percent_rejects(text: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_percent(text)
    assert_bilingual(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("১২,০০০/-", D(12000)),  # seed 002
        ("৩০০০/-", D(3000)),  # seed 002
        ("Tk 500", D(500)),
        ("Tk. 500", D(500)),
        ("৫০০ টাকা", D(500)),
        ("৳ ১,২০,০০০", D(120000)),
        ("১২,০০০/- টাকা", D(12000)),
        ("১.৫ লক্ষ টাকা", D(150000)),
        ("২ কোটি টাকা", D(20000000)),
        ("৫০০", D(500)),
    ],
)
def test_parse_money(text: str, expected: Decimal) -> None:
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", ["", "/-", "টাকা", "Tk abc", "১২,০০/-"])
def test_parse_money_rejects(text: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_money(text)
    assert_bilingual(info.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-", True),
        ("--", True),
        ("---", True),  # seed 002
        ("—", True),
        ("–", True),
        (" - ", True),
        ("- -", True),
        ("", False),
        ("-5", False),
        ("০", False),
        ("x", False),
    ],
)
def test_is_blank_mark(text: str, expected: bool) -> None:
    assert is_blank_mark(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("প্রযোজ্য নয়", True), ("N/A", True), ("not applicable", True), ("প্রযোজ্য", False)],
)
def test_is_not_applicable(text: str, expected: bool) -> None:
    assert is_not_applicable(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("৬×২০=১২০ জন", Quantity(D(120), "জন", "6×20", "৬×২০=১২০ জন")),  # seed 003
        ("৭০ টি দপ্তর", Quantity(D(70), "টি দপ্তর", "", "৭০ টি দপ্তর")),  # seed 003
        ("১২০জন", Quantity(D(120), "জন", "", "১২০জন")),
        ("৫০", Quantity(D(50), "", "", "৫০")),
    ],
)
def test_parse_quantity(text: str, expected: Quantity) -> None:
    assert parse_quantity(text) == expected


@pytest.mark.parametrize("text", ["১ম কোয়ার্টার", "জন", "৫ জন ও ৬ টি"])
def test_parse_quantity_rejects(text: str) -> None:
    with pytest.raises(NumberError) as info:
        parse_quantity(text)
    assert_bilingual(info.value)


# --- cells --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("", None, None),
        ("   ", None, None),
        ("-", None, Blank("-")),
        ("---", None, Blank("---")),  # seed 002
        ("—", None, Blank("—")),
        ("প্রযোজ্য নয়", None, NotApplicable()),
        ("০৫", None, Number(D(5))),  # seed 002
        ("১,২০,০০০", None, Number(D(120000))),
        ("১০০%", None, Percent(D(100))),  # seeds 001, 002
        ("100%", None, Percent(D(100))),
        ("১০০%", Unit.COUNT, Percent(D(100))),  # the form wins over the unit
        ("100", Unit.PERCENT, Percent(D(100))),  # the unit decides a bare number
        ("১০০", None, Number(D(100))),
        ("১২,০০০/-", None, Money(D(12000))),  # seed 002
        ("৩০০০/-", Unit.TAKA, Money(D(3000))),
        ("৩০০০", Unit.TAKA, Money(D(3000))),
        ("১২", Unit.LAKH_TAKA, Number(D(12))),  # lakh taka stays a number in its unit
        ("১২ লক্ষ টাকা", Unit.LAKH_TAKA, Number(D(12))),
        ("১,৫০,০০০/-", Unit.LAKH_TAKA, Number(D("1.5"))),
        ("১২ লক্ষ টাকা", None, Money(D(1200000))),
        ("১২.১২.২২", None, DateValue(dt.date(2022, 12, 12))),  # seed 000
        ("12.12.22", Unit.DATE, DateValue(dt.date(2022, 12, 12))),
        ("৩০/৬/২1", None, DateValue(dt.date(2021, 6, 30))),  # seed 002
        ("১২-১২-২০২০", None, DateValue(dt.date(2020, 12, 12))),
        ("৩১/০১.২০২৩", Unit.DATE, DateValue(dt.date(2023, 1, 31))),  # seed 004
        ("১২ ডিসেম্বর ২০২২", Unit.DATE, DateValue(dt.date(2022, 12, 12))),
        ("এপ্রিল/২০২৩", None, MonthValue(2023, 4)),  # seed 004
        ("04/2023", Unit.DATE, MonthValue(2023, 4)),
        ("৬×২০=১২০ জন", Unit.PERSONS, Number(D(120))),  # seed 003
        ("৭০ টি দপ্তর", Unit.ITEMS, Number(D(70))),  # seed 003
        ("16.053 নম্বর", Unit.MARKS, Number(D("16.053"))),  # seed 002
    ],
)
def test_parse_cell(text: str, unit: Unit | None, expected: Value | None) -> None:
    assert parse_cell(text, unit) == expected


def test_parse_cell_none() -> None:
    assert parse_cell(None) is None


def test_parse_cell_day_month_in_fiscal_year() -> None:
    assert parse_cell("১২.১২", Unit.DATE, "2022-23") == DateValue(dt.date(2022, 12, 12))
    assert parse_cell("১৫.০১", Unit.DATE, "2022-23") == DateValue(dt.date(2023, 1, 15))
    assert parse_cell("১২.১২", Unit.COUNT, "2022-23") == Number(D("12.12"))
    assert parse_cell("১২.১২", Unit.DATE) == Number(D("12.12"))


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("সভা আয়োজন", None),
        ("১ম কোয়ার্টার", None),
        ("20২০-2021", None),  # a fiscal year is not a cell value
        ("৩০/১২/২০২", None),  # seed 002: a damaged year
        ("31/02/2023", None),  # impossible date
        ("abc", Unit.DATE),
    ],
)
def test_parse_cell_rejects(text: str, unit: Unit | None) -> None:
    with pytest.raises(InputError) as info:
        parse_cell(text, unit)
    assert_bilingual(info.value)


def test_parse_cell_error_types() -> None:
    with pytest.raises(CellError):
        parse_cell("সভা আয়োজন")


# --- writing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (D(1234567), "bn", None, "১২,৩৪,৫৬৭"),
        (D(1234567), "en", None, "12,34,567"),
        (D(120000), "bn", None, "১,২০,০০০"),
        (D(12000), "bn", None, "১২,০০০"),
        (D(999), "bn", None, "৯৯৯"),
        (D(1000), "en", None, "1,000"),
        (D("12.50"), "bn", None, "১২.৫"),
        (D("12.50"), "bn", 2, "১২.৫০"),
        (D("93.2"), "en", 2, "93.20"),
        (D("0.125"), "en", 2, "0.13"),  # half up
        (D("2.5"), "en", 0, "3"),
        (D("100"), "bn", None, "১০০"),
        (D("1E+2"), "en", None, "100"),
        (D("-1234.5"), "en", None, "-1,234.5"),
        (D("-0.001"), "en", 2, "0.00"),
        (D(0), "bn", None, "০"),
        (5, "bn", None, "৫"),
    ],
)
def test_format_number(value: Decimal, lang: str, decimals: int | None, expected: str) -> None:
    assert format_number(value, lang, decimals) == expected


def test_format_number_without_grouping() -> None:
    assert format_number(D(2236), "en", grouping=False) == "2236"


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (D("93.2"), "bn", 2, "৯৩.২০%"),  # DOMAIN.md Scoring §2 example
        (D("94"), "en", 2, "94.00%"),
        (D("100"), "bn", None, "১০০%"),
        (D("61.0"), "bn", 0, "৬১%"),
    ],
)
def test_format_percent(value: Decimal, lang: str, decimals: int | None, expected: str) -> None:
    assert format_percent(value, lang, decimals) == expected


def test_format_percent_default_two_decimals() -> None:
    assert format_percent(D("93.2")) == "৯৩.২০%"


def test_format_money() -> None:
    assert format_money(D(12000)) == "১২,০০০/-"
    assert format_money(D(12000), "en") == "Tk 12,000"


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (None, "bn", ""),
        (Number(D(1234567)), "bn", "১২,৩৪,৫৬৭"),
        (Number(D("12.50")), "en", "12.5"),
        (Percent(D(100)), "bn", "১০০%"),
        (Percent(D("85")), "en", "85%"),
        (Money(D(12000)), "bn", "১২,০০০/-"),
        (Money(D(500)), "en", "Tk 500"),
        (DateValue(dt.date(2022, 12, 12)), "bn", "১২.১২.২০২২"),
        (DateValue(dt.date(2023, 1, 31)), "en", "31.01.2023"),
        (MonthValue(2023, 4), "bn", "এপ্রিল/২০২৩"),
        (MonthValue(2023, 4), "en", "April 2023"),
        (Blank("---"), "bn", "---"),
        (Blank(), "en", "-"),
        (NotApplicable(), "bn", "প্রযোজ্য নয়"),
        (NotApplicable(), "en", "not applicable"),
    ],
)
def test_format_value(value: Value | None, lang: str, expected: str) -> None:
    assert format_value(value, lang) == expected


def test_format_value_date_style() -> None:
    d = DateValue(dt.date(2022, 12, 12))
    assert format_value(d, "bn", date_style="long") == "১২ ডিসেম্বর ২০২২"


def test_format_number_rejects_bad_lang() -> None:
    with pytest.raises(ValueError):
        format_number(D(1), "fr")


# --- properties ---------------------------------------------------------------------------

_decimals = st.decimals(
    min_value=D("-1e12"), max_value=D("1e12"), allow_nan=False, allow_infinity=False, places=4
)


@settings(max_examples=100)
@given(_decimals, st.sampled_from(["bn", "en"]))
def test_format_then_parse_number_round_trips(value: Decimal, lang: str) -> None:
    assert parse_number(format_number(value, lang)) == value


@settings(max_examples=50)
@given(_decimals, st.sampled_from(["bn", "en"]), st.integers(min_value=0, max_value=4))
def test_fixed_decimals_round_trip(value: Decimal, lang: str, places: int) -> None:
    text = format_number(value, lang, places)
    assert abs(parse_number(text) - value) <= D(1).scaleb(-places) / 2


@settings(max_examples=100)
@given(_decimals, st.sampled_from(["bn", "en"]))
def test_format_then_parse_percent_and_money(value: Decimal, lang: str) -> None:
    assert parse_percent(format_percent(value, lang, None)) == value
    assert parse_money(format_money(value, lang)) == value


_values = st.one_of(
    st.none(),
    _decimals.map(Number),
    _decimals.map(Percent),
    _decimals.map(Money),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2150, 12, 31)).map(DateValue),
    st.builds(MonthValue, st.integers(1950, 2150), st.integers(1, 12)),
    st.sampled_from(["-", "--", "---", "—", "–"]).map(Blank),
    st.just(NotApplicable()),
)


@settings(max_examples=100)
@given(_values, st.sampled_from(["bn", "en"]))
def test_format_value_then_parse_cell_round_trips(value: Value | None, lang: str) -> None:
    assert parse_cell(format_value(value, lang)) == value
