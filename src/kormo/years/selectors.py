"""Reads for the year setup pages, each a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from kormo.domain.plan import Tier
from kormo.years.models import Deadline, Event, FiscalYearSetup


def year_list() -> list[FiscalYearSetup]:
    """Every fiscal year opened, newest first, with its deadlines (two queries)."""
    return list(FiscalYearSetup.objects.prefetch_related("deadlines").order_by("-fiscal_year"))


@dataclass(frozen=True, slots=True)
class DeadlineRow:
    event: str
    tier: str
    opens_on: object
    due_on: object


def deadline_grid(year: FiscalYearSetup) -> list[DeadlineRow]:
    """One row per event and tier (blank tier = every tier), filled where a deadline is set:
    the whole grid an administrator fills in (DOMAIN.md: windows staggered by tier). One query.
    """
    stored = {(d.event, d.tier): d for d in Deadline.objects.filter(year=year)}
    rows = []
    for event in Event.values:
        for tier in ["", *(t.value for t in Tier)]:
            d = stored.get((event, tier))
            rows.append(DeadlineRow(event, tier, d.opens_on if d else None,
                                    d.due_on if d else None))
    return rows


def year_get(fiscal_year: str) -> FiscalYearSetup | None:
    return FiscalYearSetup.objects.filter(fiscal_year=fiscal_year).first()
