"""The dashboard's chart: horizontal bars of each office's score so far, with a marker at the
score due so far along its quarterly path. Geometry only (no query): it draws what
`kormo.progress.dashboard.dashboard_page` read: the page's offices, each with its stored score
due so far.
"""

from __future__ import annotations

from dataclasses import dataclass

from kormo.progress.dashboard import CHART_LIMIT, Dashboard

_CHART_LEFT, _CHART_BAR, _CHART_GAP, _CHART_PLOT = 220, 14, 6, 400


@dataclass(frozen=True, slots=True)
class OfficeBar:
    office_id: int
    name: str
    y: int
    width: float  # 0 when the office has no score yet
    percent: float | None
    due_x: float | None = None  # the marker of the score due so far (None: nothing reported)
    due_percent: float | None = None
    quarterly: bool = False  # its path from quarterly targets (else an even path)
    through: str = ""


@dataclass(frozen=True, slots=True)
class DashboardChart:
    """Horizontal bars: each office's score so far (percent), with a marker at the score due so
    far along its quarterly path (by the end of the latest quarter it reported), drawn from
    the dashboard's rows in memory (no query), as server-rendered SVG."""

    width: int
    height: int
    left: int
    plot: int
    bars: tuple[OfficeBar, ...]
    ticks: tuple[tuple[float, int], ...]  # (x, percent) for 0, 25, 50, 75, 100
    shown: int
    total: int
    # Where the markers come from, for the caption: "quarterly" (every office with a marker
    # has quarterly targets), "even" (none has: even paths), "mixed", or "" (no marker).
    path: str = ""
    unmarked: int = 0  # bars without a marker: nothing reported yet


def dashboard_chart(dashboard: Dashboard, limit: int = CHART_LIMIT) -> DashboardChart | None:
    """The page's rows (at most `limit`, in the page's order) as bars; None when there is no
    office."""
    rows = dashboard.rows[:limit]
    if not rows:
        return None
    step = _CHART_BAR + _CHART_GAP
    bars = tuple(
        OfficeBar(office_id=r.office_id, name=r.name, y=20 + i * step,
                  width=_x(r.percent or 0.0), percent=r.percent,
                  due_x=None if r.due_percent is None else _CHART_LEFT + _x(r.due_percent),
                  due_percent=r.due_percent, quarterly=r.path_quarterly, through=r.through)
        for i, r in enumerate(rows))
    kinds = {b.quarterly for b in bars if b.due_x is not None}
    path = "" if not kinds else "mixed" if len(kinds) == 2 else (
        "quarterly" if True in kinds else "even")
    ticks = tuple((_CHART_LEFT + _CHART_PLOT * p / 100, p) for p in (0, 25, 50, 75, 100))
    return DashboardChart(width=_CHART_LEFT + _CHART_PLOT + 60, height=30 + len(rows) * step,
                          left=_CHART_LEFT, plot=_CHART_PLOT, bars=bars, ticks=ticks,
                          shown=len(rows), total=len(dashboard.rows), path=path,
                          unmarked=sum(1 for b in bars if b.due_x is None))


def _x(percent: float) -> float:
    return round(_CHART_PLOT * min(max(percent, 0.0), 100.0) / 100, 1)
