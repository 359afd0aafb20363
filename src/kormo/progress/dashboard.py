"""The supervisor's dashboard, read: every office under a supervising office, in a fixed number
of queries whatever their number (STYLE.md: `dashboard_rows(office, year)` in a constant number
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

Drawn by `kormo.progress.charts`, downloaded through `kormo.progress.table_export`; the
dashboard's bulk review is `kormo.progress.bulk_review`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from kormo.domain.plan import Tier
from kormo.domain.ranks import dense_ranks
from kormo.domain.scoring import NOT_RATED
from kormo.offices.models import Office
from kormo.plans.models import Plan, PlanState
from kormo.progress.models import QUARTER_PERIODS, Report, ReportPeriod, ReportState, ScoreSnapshot
from kormo.progress.scores import (
    SCORING_LOAD_QUERIES,
    current_plans,
    load_scoring_plans,
    office_path,
    score_stamp,
    snapshots_compute,
)
from kormo.years.deadlines import rules_for_year

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
    rank_joint: bool = False  # shares its rank: "৮ম (যৌথভাবে)" (issue 12 rule 8)
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
    # Nothing reported yet: not yet rated, no rank (issue 12 rule 7).
    ranks = dense_ranks({str(oid): snap[4] for oid, snap in snapshots.items()
                         if snap[1] and signed_count.get(oid) and snap[5] != NOT_RATED})

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
            indicator_count=snap[7],
            rank=ranks[str(oid)].rank if snap[1] and str(oid) in ranks else None,
            rank_joint=snap[1] and str(oid) in ranks and ranks[str(oid)].joint,
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
