"""Typed cell values (`kormo.domain.values`) as database columns, and back.

A cell may hold a count, a percent, money, a date, a month, an explicit blank mark or "not
applicable" (DOMAIN.md "Structure rules"; Scoring §1: a blank is not 0). In a table such a value
takes four columns named after a prefix — `<prefix>_kind`, `<prefix>_number`, `<prefix>_date`,
`<prefix>_text` — so that values stay queryable (`value_number__gte=...`) instead of hiding in
JSON. `typed_value_fields` declares the columns, `typed_value_check` constrains them, and
`value_to_columns` / `value_from_columns` convert; every table with a value uses these four, so
`Indicator.annual_target` and `ProgressValue.value` are stored alike.

Numbers are `Decimal` columns (max_digits 20, 6 decimal places). A number is stored only if it
comes back exactly on every supported database: at most 6 decimal places and at most 15
significant digits (SQLite keeps a decimal as a double, exact to 15 digits). Anything else is
refused with `ValueStoreError` rather than rounded: a plan read back from the database must
equal the plan that was saved.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models

from kormo.domain.errors import InputError
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

MAX_DIGITS = 20
DECIMAL_PLACES = 6
SIGNIFICANT_DIGITS = 15  # what SQLite's REAL keeps exactly (DBL_DIG)
TEXT_MAX_LENGTH = 200
_STEP = Decimal(1).scaleb(-DECIMAL_PLACES)
_LIMIT = Decimal(10) ** (MAX_DIGITS - DECIMAL_PLACES)


class ValueKind(models.TextChoices):
    """What a typed value column set holds; "" is an empty cell (the domain's None)."""

    NONE = "", "empty"
    NUMBER = "number", "number"
    PERCENT = "percent", "percent"
    MONEY = "money", "money"
    DATE = "date", "date"
    MONTH = "month", "month"
    BLANK = "blank", "blank mark"
    NOT_APPLICABLE = "not_applicable", "not applicable"


_NUMERIC_KINDS: dict[type, ValueKind] = {
    Number: ValueKind.NUMBER,
    Percent: ValueKind.PERCENT,
    Money: ValueKind.MONEY,
}
_NUMERIC_TYPES: dict[str, type[Number | Percent | Money]] = {
    ValueKind.NUMBER: Number,
    ValueKind.PERCENT: Percent,
    ValueKind.MONEY: Money,
}


class ValueStoreError(InputError):
    """A value that the database columns cannot hold exactly."""


def decimal_field(**kwargs: Any) -> models.DecimalField:
    """The one decimal column shape for weights, scores and numbers (never float)."""
    return models.DecimalField(max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, **kwargs)


def typed_value_fields() -> tuple[
    models.CharField, models.DecimalField, models.DateField, models.CharField
]:
    """The four columns of one typed value, to unpack in a model body under a common prefix:

    annual_target_kind, annual_target_number, annual_target_date, annual_target_text = (
        typed_value_fields()
    )
    """
    return (
        models.CharField(max_length=20, choices=ValueKind.choices, blank=True, default=""),
        decimal_field(null=True, blank=True),
        models.DateField(null=True, blank=True),
        # The blank mark ("-", "---") or the month ("2023-04").
        models.CharField(max_length=TEXT_MAX_LENGTH, blank=True, default=""),
    )


def typed_value_check(prefix: str, *, name: str) -> models.CheckConstraint:
    """A database check that the four columns of `prefix` hold one consistent value."""

    def q(**kwargs: Any) -> models.Q:
        return models.Q(**{f"{prefix}_{k}": v for k, v in kwargs.items()})

    nothing_else = q(number__isnull=True, date__isnull=True)
    condition = (
        (q(kind=ValueKind.NONE, text="") & nothing_else)
        | (q(kind=ValueKind.NOT_APPLICABLE, text="") & nothing_else)
        | (q(kind=ValueKind.BLANK) & nothing_else)
        | (q(kind=ValueKind.MONTH) & ~q(text="") & nothing_else)
        | q(kind=ValueKind.DATE, date__isnull=False, number__isnull=True, text="")
        | q(
            kind__in=[ValueKind.NUMBER, ValueKind.PERCENT, ValueKind.MONEY],
            number__isnull=False,
            date__isnull=True,
            text="",
        )
    )
    return models.CheckConstraint(condition=condition, name=name)


def decimal_to_db(value: Decimal | None, place: str = "") -> Decimal | None:
    """`value` unchanged if a decimal column holds it exactly; ValueStoreError otherwise."""
    if value is None:
        return None
    try:
        fits = (
            isinstance(value, Decimal)
            and value.is_finite()
            and abs(value) < _LIMIT
            and value.quantize(_STEP) == value
            and len(value.normalize().as_tuple().digits) <= SIGNIFICANT_DIGITS
        )
    except InvalidOperation:
        fits = False
    if not fits:
        raise ValueStoreError(
            f"সংখ্যাটি হুবহু সংরক্ষণ করা যায় না (দশমিকের পরে সর্বোচ্চ {DECIMAL_PLACES} অঙ্ক,"
            f" মোট {SIGNIFICANT_DIGITS} অঙ্ক): {value}",
            f"the number cannot be stored exactly (at most {DECIMAL_PLACES} decimal places and"
            f" {SIGNIFICANT_DIGITS} significant digits): {value}",
            place,
        )
    return value


def decimal_from_db(value: Decimal | None) -> Decimal | None:
    """A stored decimal without the column's padding: 25.000000 → 25, 12.500000 → 12.5."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def value_to_columns(value: Value | None, prefix: str, place: str = "") -> dict[str, Any]:
    """The column values (keyword arguments for a model) that store `value` under `prefix`."""
    kind: str = ValueKind.NONE
    number: Decimal | None = None
    date: dt.date | None = None
    text = ""
    match value:
        case None:
            pass
        case Number(v) | Percent(v) | Money(v):
            kind, number = _NUMERIC_KINDS[type(value)], decimal_to_db(v, place)
        case DateValue(d) if isinstance(d, dt.date) and not isinstance(d, dt.datetime):
            kind, date = ValueKind.DATE, d
        case MonthValue(y, m) if 1 <= y <= 9999 and 1 <= m <= 12:
            kind, text = ValueKind.MONTH, f"{y:04d}-{m:02d}"
        case Blank(mark) if isinstance(mark, str) and len(mark) <= TEXT_MAX_LENGTH:
            kind, text = ValueKind.BLANK, mark
        case NotApplicable():
            kind = ValueKind.NOT_APPLICABLE
        case _:
            raise ValueStoreError(
                f"অবোধগম্য মান: {value!r}", f"not a value that can be stored: {value!r}", place
            )
    return {
        f"{prefix}_kind": kind,
        f"{prefix}_number": number,
        f"{prefix}_date": date,
        f"{prefix}_text": text,
    }


def value_from_columns(row: object, prefix: str) -> Value | None:
    """The domain value stored in `row`'s columns under `prefix` (None for an empty cell)."""
    kind = getattr(row, f"{prefix}_kind")
    if kind == ValueKind.NONE:
        return None
    if kind in _NUMERIC_TYPES:
        number = decimal_from_db(getattr(row, f"{prefix}_number"))
        assert number is not None  # the check constraint guarantees it
        return _NUMERIC_TYPES[kind](number)
    if kind == ValueKind.DATE:
        return DateValue(getattr(row, f"{prefix}_date"))
    if kind == ValueKind.MONTH:
        year, month = getattr(row, f"{prefix}_text").split("-")
        return MonthValue(int(year), int(month))
    if kind == ValueKind.BLANK:
        return Blank(getattr(row, f"{prefix}_text"))
    if kind == ValueKind.NOT_APPLICABLE:
        return NotApplicable()
    raise ValueError(f"unknown value kind in the database: {kind!r}")
