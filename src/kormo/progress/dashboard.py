"""The supervisor's dashboard: every office under a supervising office, in a fixed number of
queries whatever their number (STYLE.md: `dashboard_rows(office, year)` in a constant number
of queries, then `domain.scoring` in memory).

Per office: its reports per quarter (submitted / late / returned / accepted, of its current
plans), its score and rating (DOMAIN.md, Scoring §6: percent with two decimals, the band only
secondary) and a dense rank (ties share a rank, the next takes the next). Filters: tier, and
district — an office's district is its ancestor (or itself) of tier district, read from the
materialised path.

Per office drawn in the chart (the first `CHART_LIMIT` in rank order): the score due so far
along its quarterly path and the number of indicators at risk, as on the office's page
(`kormo.progress.scores.office_path`): its plans are loaded together for that, in
`PATH_QUERIES` queries whatever their number.

Queries: offices (1), districts (1), plans (1), reports (1), stored scores (1), then the path
of the charted offices (`PATH_QUERIES`: the rule set and the scoring load) = `DASHBOARD_QUERIES`
when every stored score is fresh. A stored score is fresh when its stamp equals the
fingerprint of the office's plans and reports (`kormo.progress.scores.score_stamp`); services
refresh them after every change, so this is the usual case. Stale ones (data loaded by an
import, say) are recomputed here together: `SCORING_LOAD_QUERIES` + 3 more queries, plus one
insert per batch.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from kormo.domain.plan import Tier
from kormo.domain.scoring import dense_rank
from kormo.domain.spreadsheet import neutralise_rows
from kormo.offices.models import Office
from kormo.plans.models import PlanState
from kormo.progress.models import QUARTER_PERIODS, ReportPeriod, ReportState, ScoreSnapshot
from kormo.progress.scores import (
    SCORING_LOAD_QUERIES,
    current_plans,
    load_scoring_plans,
    office_path,
    rules_for_year,
    score_stamp,
    snapshots_compute,
)

CHART_LIMIT = 60  # bars drawn; the table below the chart lists every office
PATH_QUERIES = 1 + SCORING_LOAD_QUERIES  # the rule set, the charted offices' plans
DASHBOARD_QUERIES = 5 + PATH_QUERIES
# Beyond this many stale offices the recomputation loads the supervisor's whole subtree by
# subquery rather than a long list of ids.
_STALE_BY_SCOPE = 200
PERIODS: tuple[ReportPeriod, ...] = (*QUARTER_PERIODS, ReportPeriod.YEAR)


@dataclass(slots=True)
class PeriodStatus:
    """An office's reports for one period, over its current plans."""

    plans: int = 0
    submitted: int = 0  # submitted or accepted, at least once on time or not
    late: int = 0
    returned: int = 0
    accepted: int = 0

    @property
    def missing(self) -> int:
        return self.plans - self.submitted - self.returned

    @property
    def label(self) -> str:
        """A code for the cell's colour: the worst of returned, late, missing, then done."""
        if self.plans == 0:
            return "none"
        if self.returned:
            return "returned"
        if self.missing > 0:
            return "missing"
        if self.late:
            return "late"
        if self.accepted == self.plans:
            return "accepted"
        return "submitted"


@dataclass(slots=True)
class DashboardRow:
    office_id: int
    name: str
    tier: str
    district_id: int | None
    district_name: str
    periods: dict[str, PeriodStatus]
    has_score: bool
    total: float
    maximum: float
    percent: float | None
    rating: str
    indicators_at_100: int
    indicator_count: int
    rank: int | None = None
    plans_signed: int = 0  # current plans signed by both parties (in force), of periods' plans
    # Submitted reports awaiting review (the quarters and the year-end evaluation): (report id,
    # plan id, period), for the bulk form; read in the same reports query, so no query more.
    pending: list[tuple[int, int, str]] = field(default_factory=list)
    # Against its quarterly path (`scores.office_path`), for the offices in the chart only
    # (`path_known`): the latest quarter reported ("" if none), the score due so far by then,
    # whether the path comes from quarterly targets (else an even path), indicators at risk.
    path_known: bool = False
    through: str = ""
    due_percent: float | None = None
    path_quarterly: bool = False
    at_risk: int | None = None

    def period_list(self) -> list[tuple[str, PeriodStatus]]:
        return [(p.value, self.periods.get(p.value, PeriodStatus())) for p in PERIODS]


@dataclass(frozen=True)
class Dashboard:
    office: Office
    fiscal_year: str
    rows: list[DashboardRow]
    tiers: list[str]
    districts: list[tuple[int, str]]
    tier: str = ""
    district_id: int | None = None
    recomputed: int = 0  # stale stored scores recomputed while reading
    totals: dict[str, int] = field(default_factory=dict)


def _ancestor_ids(path: str) -> list[int]:
    return [int(p) for p in path.strip("/").split("/") if p]


def dashboard_rows(*, office: Office, fiscal_year: str, tier: str = "",
                   district_id: int | None = None, path_limit: int = CHART_LIMIT,
                   as_of: dt.date | None = None) -> Dashboard:
    """Every office under `office` (any depth) with its reports, score and rank for the year;
    the first `path_limit` offices in rank order (those the chart draws) also with their score
    due so far and indicators at risk (`as_of`: today, for the dates due)."""
    under = Q(path__startswith=office.path) & ~Q(pk=office.pk)
    plan_scope = Q(office__path__startswith=office.path) & ~Q(office_id=office.pk)
    if tier:
        under &= Q(tier=Tier(tier).value)
        plan_scope &= Q(office__tier=Tier(tier).value)
    if district_id is not None:
        under &= Q(path__contains=f"/{int(district_id)}/")
        plan_scope &= Q(office__path__contains=f"/{int(district_id)}/")
    offices = list(Office.objects.filter(under).order_by("name", "pk").values_list(
        "pk", "name", "tier", "path"))
    # Districts: below the supervisor, or the supervisor itself / one of its ancestors.
    districts = dict(Office.objects.filter(
        Q(tier=Tier.DISTRICT.value)
        & (Q(path__startswith=office.path) | Q(pk__in=_ancestor_ids(office.path)))
    ).order_by("name").values_list("pk", "name"))

    plans = current_plans(fiscal_year=fiscal_year, scope=plan_scope)
    plan_marks: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    plan_count: dict[int, int] = defaultdict(int)
    signed_count: dict[int, int] = defaultdict(int)
    for pk, office_id, lock, updated, kind, state in plans.values_list(
            "pk", "office_id", "lock_version", "updated_at", "kind", "state"):
        plan_marks[office_id].append((pk, lock, updated))
        if kind != "innovation_register":
            plan_count[office_id] += 1
            signed_count[office_id] += state == PlanState.SIGNED

    from kormo.progress.models import Report

    report_marks: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    counts: dict[int, dict[str, dict[str, int]]] = {}
    pending: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for pk, office_id, plan_id, period, state, late, updated in Report.objects.filter(
            plan__in=plans.values("pk")).values_list(
            "pk", "plan__office_id", "plan_id", "period", "state", "is_late", "updated_at"):
        report_marks[office_id].append((pk, updated))
        if state == ReportState.SUBMITTED:  # quarterly reports and the year-end evaluation
            pending[office_id].append((pk, plan_id, period))
        c = counts.setdefault(office_id, {}).setdefault(
            period, {"submitted": 0, "late": 0, "returned": 0, "accepted": 0})
        if state in (ReportState.SUBMITTED, ReportState.ACCEPTED):
            c["submitted"] += 1
        if state == ReportState.RETURNED:
            c["returned"] += 1
        if state == ReportState.ACCEPTED:
            c["accepted"] += 1
        if late:
            c["late"] += 1

    stamps = {oid: score_stamp(plan_marks.get(oid, []), report_marks.get(oid, []))
              for oid, *_ in offices}
    fields = ("stamp", "has_score", "total", "maximum", "percent", "rating",
              "indicators_at_100", "indicator_count")
    snapshots: dict[int, tuple[Any, ...]] = {
        row[0]: row[1:] for row in ScoreSnapshot.objects.filter(
            office__in=Office.objects.filter(under), fiscal_year=fiscal_year,
        ).values_list("office_id", *fields)}
    stale = [oid for oid, *_ in offices
             if oid in plan_marks and (oid not in snapshots or snapshots[oid][0] != stamps[oid])]
    if stale:
        computed = snapshots_compute(
            office_ids=stale, fiscal_year=fiscal_year, stamps=stamps,
            scope=plan_scope if len(stale) > _STALE_BY_SCOPE else None)
        snapshots.update({oid: tuple(getattr(s, f) for f in fields)
                          for oid, s in computed.items()})
    # Ranked: offices with a score and at least one agreement in force. A plan not signed yet
    # scores 0 against nothing agreed; ranking it last would call a late signature a failure.
    ranks = dense_rank({str(oid): snap[4] for oid, snap in snapshots.items()
                        if snap[1] and signed_count.get(oid)})

    rows: list[DashboardRow] = []
    none = (None, False, 0.0, 0.0, None, "", 0, 0)
    for oid, name, office_tier, path in offices:
        district = next((i for i in reversed(_ancestor_ids(path)) if i in districts), None)
        snap = snapshots.get(oid, none)
        if not snap[1]:
            snap = none
        n_plans = plan_count.get(oid, 0)
        mine = counts.get(oid, {})
        periods = {p.value: PeriodStatus(n_plans, **mine[p.value]) if p.value in mine
                   else PeriodStatus(n_plans) for p in PERIODS}
        rows.append(DashboardRow(
            office_id=oid, name=name, tier=office_tier, district_id=district,
            district_name=districts.get(district, "") if district else "",
            periods=periods, has_score=bool(snap[1]), total=snap[2], maximum=snap[3],
            percent=snap[4], rating=snap[5], indicators_at_100=snap[6],
            indicator_count=snap[7], rank=ranks.get(str(oid)) if snap[1] else None,
            plans_signed=signed_count.get(oid, 0),
            pending=sorted(pending.get(oid, []), key=lambda p: (p[2], p[0])),
        ))
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.name))
    _paths(rows[:max(path_limit, 0)], plan_marks, fiscal_year, as_of)
    totals = {
        "offices": len(rows),
        **{f"{p.value}_submitted": sum(1 for r in rows if r.periods[p.value].submitted)
           for p in PERIODS},
        **{f"{p.value}_late": sum(1 for r in rows if r.periods[p.value].late) for p in PERIODS},
        **{f"{p.value}_returned": sum(1 for r in rows if r.periods[p.value].returned)
           for p in PERIODS},
    }
    return Dashboard(
        office=office, fiscal_year=fiscal_year, rows=rows,
        tiers=sorted({t for _, _, t, _ in offices if t}),
        districts=sorted(districts.items(), key=lambda kv: kv[1]),
        tier=tier, district_id=district_id, recomputed=len(stale), totals=totals,
    )


def _paths(rows: Sequence[DashboardRow], plan_marks: dict[int, list[tuple[Any, ...]]],
           fiscal_year: str, as_of: dt.date | None) -> None:
    """Fill in each row's path so far (`scores.office_path`, the office page's computation):
    the rows' plans loaded together, `PATH_QUERIES` queries whatever their number, none when
    no row has a plan."""
    from kormo.plans.models import Plan

    office_of = {mark[0]: r.office_id for r in rows for mark in plan_marks.get(r.office_id, ())}
    if not office_of:
        for r in rows:
            r.path_known = True
        return
    rules = rules_for_year(fiscal_year)
    by_office: dict[int, dict[int, Any]] = defaultdict(dict)
    for pk, plan in load_scoring_plans(Plan.objects.filter(pk__in=list(office_of))).items():
        by_office[office_of[pk]][pk] = plan
    for r in rows:
        r.path_known = True
        path = office_path(by_office.get(r.office_id, {}), fiscal_year, rules, as_of)
        if path is not None:
            r.through, r.due_percent = path.through.value, path.due_percent
            r.path_quarterly, r.at_risk = path.quarterly, len(path.at_risk)


# ---------------------------------------------------------------- the chart

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
    """The first `limit` rows (in rank order) as bars; None when there is no office."""
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


# ---------------------------------------------------------------- bulk review

BULK_LIMIT = 200


@dataclass(frozen=True, slots=True)
class BulkItem:
    """One item of a bulk review: what was asked (the raw id), on what, and what happened."""

    raw_id: str
    office_name: str = ""
    period: str = ""
    error: Exception | None = None

    @property
    def done(self) -> bool:
        return self.error is None


def reports_bulk(*, actor: Any, office: Office, report_ids: Sequence[str], accept: bool,
                 comment: str = "") -> list[BulkItem]:
    """Accept (or return, with one comment) several submitted reports — quarters or the
    year-end evaluation — by calling the very same service for each (`report_accept` /
    `report_return`, each in its own transaction), so one refusal (a `ProgressError`, kept in
    its item) changes nothing of its own and undoes none of the others. Each item is checked
    with `access_plan(actor, plan, Action.REVIEW)` and must be of an office below `office`;
    any other id (another branch, unknown, not a number) is refused like "not found"."""
    from kormo.domain.errors import InputError
    from kormo.offices.access import AccessDenied, Action, access_plan
    from kormo.progress import services
    from kormo.progress.models import Report

    items: list[BulkItem] = []
    seen: set[str] = set()
    for raw in report_ids:
        if raw in seen:
            continue
        seen.add(raw)
        try:
            report = Report.objects.filter(pk=int(raw)).first()
        except (TypeError, ValueError):
            report = None
        if report is None:
            items.append(BulkItem(raw, error=AccessDenied()))
            continue
        try:
            plan = access_plan(actor, report.plan_id, Action.REVIEW)
            if plan.office_id == office.pk or not plan.office.path.startswith(office.path):
                raise AccessDenied()
        except AccessDenied as exc:
            items.append(BulkItem(raw, error=exc))
            continue
        try:
            if accept:
                services.report_accept(report=report, actor=actor, comment=comment)
            else:
                services.report_return(report=report, actor=actor, comment=comment)
        except (InputError, AccessDenied) as exc:
            items.append(BulkItem(raw, plan.office.name, report.period, exc))
        else:
            items.append(BulkItem(raw, plan.office.name, report.period))
    return items


# ---------------------------------------------------------------- downloads


def dashboard_table(dashboard: Dashboard, header: Sequence[str]) -> list[list[Any]]:
    """The dashboard as a table of plain values (the header given in the page's language):
    rank, office, tier, district, score %, total, maximum, rating, plans signed, plans, then
    per period submitted / late / returned."""
    rows: list[list[Any]] = [list(header)]
    for r in dashboard.rows:
        line: list[Any] = [
            r.rank if r.rank is not None else "", r.name, r.tier, r.district_name,
            round(r.percent, 2) if r.percent is not None else "",
            round(r.total, 2) if r.has_score else "",
            round(r.maximum, 2) if r.has_score else "", r.rating,
            r.plans_signed, r.periods[PERIODS[0].value].plans,
        ]
        for _, status in r.period_list():
            line += [status.submitted, status.late, status.returned]
        rows.append(line)
    return rows


def table_header(labels: dict[str, str]) -> list[str]:
    """Column names: `labels` gives the words (translated by the caller)."""
    head = [labels["rank"], labels["office"], labels["tier"], labels["district"],
            labels["percent"], labels["total"], labels["maximum"], labels["rating"],
            labels["signed"], labels["plans"]]
    for p in PERIODS:
        name = labels.get(p.value, p.value)
        head += [f"{name} {labels['submitted']}", f"{name} {labels['late']}",
                 f"{name} {labels['returned']}"]
    return head


def table_csv(table: list[list[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read the Bengali right."""
    out = io.StringIO()
    csv.writer(out).writerows(neutralise_rows(table))  # no formulas (domain.spreadsheet)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_xlsx(table: list[list[Any]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31] or "Kormo"
    for row in table:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:  # text stays text, never a formula
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
