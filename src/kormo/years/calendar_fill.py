"""A new year's deadlines in minutes: last year's calendar a year later, and the official
tier-staggered windows where last year has none (DOMAIN.md, "Calendar seen": upazila offices
first, ministries last; quarterly reports about the 15th after the quarter, the plan in June,
the evaluation by 15 July). Pure: dates in, dates out; the page shows them to adjust and save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from kormo.domain.calendar import FiscalYear

Window = tuple[dt.date | None, dt.date | None]  # opens on, due on

# Per event: (year offset from the fiscal year's first year, month, day) of the opening day,
# then the due day for upazila, district and directorate offices, then every other tier
# (a blank tier: ministries and divisions), each (month, day) in the opening day's year.
_OFFICIAL: dict[str, tuple[tuple[int, int, int], tuple[tuple[int, int], ...]]] = {
    "plan_submission": ((0, 5, 1), ((6, 5), (6, 15), (6, 20), (6, 25))),
    "Q1": ((0, 10, 1), ((10, 10), (10, 15), (10, 20), (10, 25))),
    "Q2": ((1, 1, 1), ((1, 10), (1, 15), (1, 20), (1, 25))),
    "Q3": ((1, 4, 1), ((4, 10), (4, 15), (4, 20), (4, 25))),
    "Q4": ((1, 7, 1), ((7, 5), (7, 8), (7, 11), (7, 15))),
    "year_evaluation": ((1, 7, 1), ((7, 5), (7, 8), (7, 11), (7, 15))),
}
_TIERS = ("upazila", "district", "directorate", "")
_RESULTS = (1, 8, 30)  # results published, every tier


def official_windows(fiscal_year: str) -> dict[tuple[str, str], Window]:
    """The official staggered windows of `fiscal_year`, by (event, tier)."""
    year = FiscalYear.parse(fiscal_year).start_year
    out: dict[tuple[str, str], Window] = {}
    for event, ((offset, month, day), dues) in _OFFICIAL.items():
        opens = dt.date(year + offset, month, day)
        for tier, (m, dd) in zip(_TIERS, dues, strict=True):
            out[(event, tier)] = (opens, dt.date(year + offset, m, dd))
    offset, month, day = _RESULTS
    out[("results", "")] = (None, dt.date(year + offset, month, day))
    return out


def a_year_later(day: dt.date | None) -> dt.date | None:
    """The same day a year later (29 February becomes 28 February)."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def shifted(previous: Iterable[tuple[str, str, dt.date | None, dt.date | None]]
            ) -> dict[tuple[str, str], Window]:
    """Last year's deadlines (event, tier, opens on, due on) a year later."""
    return {(event, tier): (a_year_later(opens), a_year_later(due))
            for event, tier, opens, due in previous}


def start_calendar(fiscal_year: str,
                   previous: Iterable[tuple[str, str, dt.date | None, dt.date | None]]
                   ) -> dict[tuple[str, str], Window]:
    """Last year's calendar a year later; the official windows for what it lacks."""
    out = official_windows(fiscal_year)
    out.update(shifted(previous))
    return out


def fill(rows: Iterable[tuple[str, str]], windows: Mapping[tuple[str, str], Window]
         ) -> list[tuple[str, str, dt.date | None, dt.date | None]]:
    """The grid's (event, tier) rows with the windows' dates (blank where none)."""
    return [(event, tier, *windows.get((event, tier), (None, None))) for event, tier in rows]
