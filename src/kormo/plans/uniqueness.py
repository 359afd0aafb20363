"""One current plan per office, kind and year, held by the database (`plan_one_current_unique`).

The services check first and refuse with a message; two requests at once (a double click)
can both pass that check, and then the database refuses the second insert. `one_current_plan`
turns that refusal into the same message for the loser, instead of a server error.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from django.db import IntegrityError

from kormo.domain.errors import InputError

CONSTRAINT = "plan_one_current_unique"
P = ParamSpec("P")
R = TypeVar("R")


def is_duplicate_current(exc: IntegrityError) -> bool:
    # PostgreSQL names the index; SQLite names the columns of a partial unique index.
    text = str(exc)
    return CONSTRAINT in text or "plans_plan.office_id, plans_plan.kind" in text


def one_current_plan(error: type[InputError]) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Wrap a service (outside its `transaction.atomic`) so that losing the race raises
    `error` with the "already exists" message in both languages."""
    def decorate(func: Callable[P, R]) -> Callable[P, R]:
        @wraps(func)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return func(*args, **kwargs)
            except IntegrityError as exc:
                if not is_duplicate_current(exc):
                    raise
                raise error(
                    "এই অফিসের এই অর্থবছরের এই ধরনের পরিকল্পনা এইমাত্র অন্য একটি অনুরোধে তৈরি "
                    "হয়েছে; কিছুই সংরক্ষণ করা হয়নি।",
                    "This office already has a plan of this kind for this fiscal year (another "
                    "request created it a moment ago); nothing was saved.") from None
        return wrapper
    return decorate
