"""Reads of a year's setup: the deadline that applies to an office's tier, every deadline of some
years at once, and the year's rule set (DOMAIN.md "Calendar seen": windows staggered by tier,
upazila first; rules chosen per year). A leaf: plans, progress and agreements ask it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TypeVar

from kormo.domain.rules import RuleSet, rule_set_for, rule_set_named
from kormo.web.prepared import Prepared
from kormo.years.models import Deadline, Event, FiscalYearSetup

T = TypeVar("T")


def deadline_for(*, fiscal_year: str, event: Event | str, tier: str) -> Deadline | None:
    """The deadline of `event` in `fiscal_year` for an office of `tier`: the tier's own row,
    else the row for every tier (blank tier), else None (DOMAIN.md "Calendar seen": windows are
    staggered by tier, upazila first). One query."""
    rows = {r.tier: r for r in Deadline.objects.filter(
        year__fiscal_year=fiscal_year, event=Event(event), tier__in={tier or "", ""})}
    return for_tier(rows, tier)


def for_tier(by_tier: Mapping[str, T], tier: str) -> T | None:
    """The tier's own entry, else the one for every tier (blank), else None."""
    return by_tier.get(tier) if tier and tier in by_tier else by_tier.get("")


# (fiscal year, event) → tier ("" for every tier) → due date
DeadlineMap = dict[tuple[str, str], dict[str, dt.date]]


def deadline_map(fiscal_years: Iterable[str]) -> DeadlineMap:
    """Every deadline of the years, in one query, for pages and jobs that need many plans'
    due dates (`kormo.progress.services.report_due(..., deadlines=)`)."""
    out: DeadlineMap = {}
    for fy, event, tier, due in Deadline.objects.filter(
            year__fiscal_year__in=set(fiscal_years)).values_list(
            "year__fiscal_year", "event", "tier", "due_on"):
        out.setdefault((fy, event), {})[tier] = due
    return out


# Every score shown live reads it (the report page, after nearly every save at a deadline):
# a query written once a process. The stand-in is never a year.
_RULE_SET = Prepared(lambda fiscal_year: FiscalYearSetup.objects.filter(
    fiscal_year=fiscal_year).order_by().values_list("rule_set", flat=True)[:1],
    "\x00prepared-year")


def rules_for_year(fiscal_year: str) -> RuleSet:
    """The rule set of the year: the one named in the year's setup, else the default."""
    rows = _RULE_SET.rows(fiscal_year)
    name = rows[0][0] if rows else ""
    return rule_set_named(name) if name else rule_set_for(fiscal_year)
