"""One current plan per office, kind and year, also when two requests race (a double click).

The services that create a current plan lock the office row first (`lock_office`), then check
and refuse with a message: a second request waits for the first to commit and then sees its
plan. The partial unique index `plan_one_current_unique` on (office, kind, fiscal_year) where
the plan is current and not a template (plans migration 0007) is the database's backstop;
`one_current_plan` turns its refusal into the same message for the loser, instead of a
server error. The unique numbers of a plan's areas and indicators have their backstop too
(`numbers_once`). Both refusals are a `UniquenessError` with its code, so the API answers a
client with the code (409: the stored state is in the way) and pages show the words.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import Enum, StrEnum
from functools import wraps
from typing import ClassVar, ParamSpec, TypeVar

from django.db import IntegrityError

from kormo.domain.errors import CodedError
from kormo.offices.models import Office

CONSTRAINT = "plan_one_current_unique"
P = ParamSpec("P")
R = TypeVar("R")


class UniquenessCode(StrEnum):
    CURRENT_PLAN_TAKEN = "CURRENT_PLAN_TAKEN"
    NUMBER_TWICE = "NUMBER_TWICE"


class UniquenessError(CodedError):
    """The database refused a second copy of what a plan may hold once; nothing was saved."""

    MESSAGES: ClassVar[Mapping[Enum, tuple[str, str]]] = {
        # Losing the race for the office's one current plan of a kind and year.
        UniquenessCode.CURRENT_PLAN_TAKEN: (
            "এই অফিসের এই অর্থবছরের এই ধরনের পরিকল্পনা এইমাত্র অন্য একটি অনুরোধে তৈরি "
            "হয়েছে; কিছুই সংরক্ষণ করা হয়নি।",
            "This office already has a plan of this kind for this fiscal year (another "
            "request created it a moment ago); nothing was saved."),
        # Two areas (of one kind) or two indicators numbered alike.
        UniquenessCode.NUMBER_TWICE: (
            "দুটি সারিতে একই নম্বর আছে (একই ক্ষেত্র নম্বর বা একই সূচক নম্বর); প্রতিটি "
            "নম্বর একবারই থাকতে পারে। কিছুই সংরক্ষণ করা হয়নি।",
            "Two rows have the same number (one area number, or one indicator number, "
            "twice); each number may appear once. Nothing was saved."),
    }


def lock_office(office: Office) -> None:
    """Hold the office's row until the transaction ends (SELECT ... FOR UPDATE; on SQLite,
    IMMEDIATE transactions already let one writer in at a time)."""
    Office.objects.select_for_update().filter(pk=office.pk).values_list("pk").first()


def is_duplicate_current(exc: IntegrityError) -> bool:
    # PostgreSQL names the index; SQLite names the columns of a partial unique index.
    text = str(exc)
    return CONSTRAINT in text or "plans_plan.office_id, plans_plan.kind" in text


def _refusing(matches: Callable[[IntegrityError], bool], code: UniquenessCode
              ) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """A decorator for a service (outside its `transaction.atomic`): the database's refusal
    that `matches` becomes the `UniquenessError` of `code` instead of a server error."""
    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        @wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return func(*args, **kwargs)
            except IntegrityError as exc:
                if not matches(exc):
                    raise
                raise UniquenessError(code) from None
        return wrapper
    return decorate


one_current_plan = _refusing(is_duplicate_current, UniquenessCode.CURRENT_PLAN_TAKEN)


# Numbers a plan holds once: two areas (of one kind) or two indicators numbered alike.
_NUMBERS = ("area_number_unique", "plans_area.plan_id, plans_area.number",
            "indicator_ref_unique", "plans_indicator.plan_id, plans_indicator.ref")


def is_duplicate_number(exc: IntegrityError) -> bool:
    return any(name in str(exc) for name in _NUMBERS)


# Two rows with one number (`sheet_parse` refuses a number twice beside its cell first: this
# is the backstop for a race or a caller that skips the sheet).
numbers_once = _refusing(is_duplicate_number, UniquenessCode.NUMBER_TWICE)
