"""How a notice names a plan: `kormo.domain.words.notice_words` fed from a plan row.

Plans is the lowest app holding the row, so every app above it (progress, agreements and their
reminders) names plans in notices through this one helper. The caller loads `office` with the
plan (`select_related("office")`) when it names many.
"""

from __future__ import annotations

from kormo.domain import words
from kormo.plans.models import Plan


def notice_words(plan: Plan, period: str | None = None) -> tuple[str, str]:
    """(Bengali, English) "<office>: <plan kind> <year>[: <report period>]"."""
    office = plan.office
    return words.notice_words(office=office.name, office_en=office.name_en, kind=plan.kind,
                              fiscal_year=plan.fiscal_year,
                              period=None if period is None else str(period))
