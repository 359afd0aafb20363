"""Typed cell values ↔ the four columns: every kind, exact numbers, database checks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from kormo.domain.values import Blank, DateValue, Money, MonthValue, NotApplicable, Number, Percent
from kormo.offices.services import office_ensure
from kormo.plans import models as m
from kormo.plans.convert import plan_save_from_domain
from kormo.plans.values import (
    ValueStoreError,
    decimal_from_db,
    decimal_to_db,
    value_from_columns,
    value_to_columns,
)
from tests.plans.builders import sized_plan

VALUES = [
    (None, ("", None, None, "")),
    (Number(Decimal("350")), ("number", Decimal("350"), None, "")),
    (Percent(Decimal("85.5")), ("percent", Decimal("85.5"), None, "")),
    (Money(Decimal("12000")), ("money", Decimal("12000"), None, "")),
    (DateValue(dt.date(2022, 12, 12)), ("date", None, dt.date(2022, 12, 12), "")),
    (MonthValue(2023, 4), ("month", None, None, "2023-04")),
    (Blank("---"), ("blank", None, None, "---")),
    (Blank(""), ("blank", None, None, "")),
    (NotApplicable(), ("not_applicable", None, None, "")),
]


class Row:
    """Anything with the columns as attributes, as a model instance has them."""

    def __init__(self, columns: dict[str, object]) -> None:
        self.__dict__.update(columns)


@pytest.mark.parametrize(("value", "columns"), VALUES, ids=lambda v: repr(v)[:30])
def test_value_maps_to_columns_and_back(value: object, columns: tuple[object, ...]) -> None:
    stored = value_to_columns(value, "value")  # type: ignore[arg-type]
    assert stored == dict(
        zip(["value_kind", "value_number", "value_date", "value_text"], columns, strict=True)
    )
    assert value_from_columns(Row(stored), "value") == value


@pytest.mark.django_db
@pytest.mark.parametrize(("value", "columns"), VALUES, ids=lambda v: repr(v)[:30])
def test_value_survives_the_database(value: object, columns: tuple[object, ...]) -> None:
    plan_row = plan_save_from_domain(plan=sized_plan(1), office=office_ensure(name="x"))
    indicator = m.Indicator.objects.get(plan=plan_row)
    m.IndicatorValue.objects.create(
        indicator=indicator,
        role="actual",
        position=9,
        key="2019-20",
        **value_to_columns(value, "value"),  # type: ignore[arg-type]
    )
    row = m.IndicatorValue.objects.get(indicator=indicator, position=9)
    assert value_from_columns(row, "value") == value


@pytest.mark.parametrize(
    "number",
    ["1.0000001", "123456789012345", "1234567890.123456", "NaN", "Infinity"],
)
def test_numbers_that_would_not_come_back_exactly_are_refused(number: str) -> None:
    with pytest.raises(ValueStoreError):
        decimal_to_db(Decimal(number))
    with pytest.raises(ValueStoreError):
        value_to_columns(Percent(Decimal(number)), "value")


@pytest.mark.parametrize("number", ["0.000001", "99999999999999", "123456789.123456", "-12.5", "0"])
def test_numbers_within_the_limits_are_kept(number: str) -> None:
    assert decimal_to_db(Decimal(number)) == Decimal(number)


def test_stored_decimals_lose_the_column_padding() -> None:
    assert str(decimal_from_db(Decimal("25.000000"))) == "25"
    assert str(decimal_from_db(Decimal("12.500000"))) == "12.5"
    assert str(decimal_from_db(Decimal("100.000000"))) == "100"
    assert decimal_from_db(None) is None


@pytest.mark.parametrize("bad", ["12", 12.5, MonthValue(2023, 13), DateValue("2023-01-01")])
def test_things_that_are_not_values_are_refused(bad: object) -> None:
    with pytest.raises(ValueStoreError):
        value_to_columns(bad, "value")  # type: ignore[arg-type]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "columns",
    [
        {"value_kind": "number"},  # a number without its number
        {"value_kind": "date", "value_number": Decimal(1)},
        {"value_kind": "month"},  # a month without its text
        {"value_kind": "", "value_text": "-"},
        {"value_kind": "percent", "value_number": Decimal(1), "value_text": "x"},
    ],
)
def test_the_database_refuses_inconsistent_columns(columns: dict[str, object]) -> None:
    plan_row = plan_save_from_domain(plan=sized_plan(1), office=office_ensure(name="x"))
    indicator = m.Indicator.objects.get(plan=plan_row)
    with pytest.raises(IntegrityError), transaction.atomic():
        m.IndicatorValue.objects.create(
            indicator=indicator, role="actual", position=9, key="2019-20", **columns
        )
