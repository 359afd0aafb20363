"""Typed cell values of plans and reports.

A cell in these documents can hold a count, a percent, a date, a month, money, an explicit
"nothing" ("-", "---") or be empty. DOMAIN.md ("Structure rules") lists these forms. Each is a
small frozen dataclass so that scoring and validation can tell them apart: a blank "-" is not 0,
and "not applicable" is neither (DOMAIN.md, Scoring §1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Number:
    """A plain quantity: a count, persons, items, marks or lakh taka (the unit says which)."""

    value: Decimal


@dataclass(frozen=True, slots=True)
class Percent:
    """A percent, e.g. "৮৫%"; `value` 85 means 85 %."""

    value: Decimal


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in taka, e.g. "১২,০০০/-"."""

    value: Decimal


@dataclass(frozen=True, slots=True)
class DateValue:
    """A calendar date, e.g. "১২.১২.২২"."""

    value: dt.date


@dataclass(frozen=True, slots=True)
class MonthValue:
    """A month without a day, e.g. "এপ্রিল/২০২৩"."""

    year: int
    month: int

    def last_day(self) -> dt.date:
        """The last day of the month: a deadline given as a month ends with it."""
        if self.month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.month + 1, 1) - dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Blank:
    """An explicit "nothing" mark in a cell ("-", "---"): nothing planned or nothing achieved."""

    mark: str = "-"


@dataclass(frozen=True, slots=True)
class NotApplicable:
    """"প্রযোজ্য নয়": takes the indicator out of the plan's maximum (DOMAIN.md, Scoring §1)."""


Value = Number | Percent | Money | DateValue | MonthValue | Blank | NotApplicable

# Tuples, not `A | B` unions: a union is built anew at each call, and these checks run for
# every value of every indicator of a national recompute.
NUMERIC_TYPES = (Number, Percent, Money)
DATE_TYPES = (DateValue, MonthValue)
NOT_GIVEN_TYPES = (Blank, NotApplicable)


def is_given(value: Value | None) -> bool:
    """True for a value that states something measurable (not empty, not a blank mark)."""
    return value is not None and not isinstance(value, NOT_GIVEN_TYPES)


def numeric(value: Value | None) -> Decimal | None:
    """The number inside a count, percent or money value; None for anything else."""
    if isinstance(value, NUMERIC_TYPES):
        return value.value
    return None


def as_date(value: Value | None) -> dt.date | None:
    """The date inside a date or month value (a month counts as its last day)."""
    if isinstance(value, DateValue):
        return value.value
    if isinstance(value, MonthValue):
        return value.last_day()
    return None
