"""The supervisor's dashboard, read: the offices under a supervising office (any depth) for a
year, from their stored figures only (`ScoreSnapshot`: score, rating, plans signed, reports per
period, reports missing, district and upazila, the score due so far and the indicators at
risk, all stored by `kormo.progress.scores.snapshots_compute`), never recomputing a score.

Built for a ministry with 25,000 offices under it: filtering (tier, district, upazila, text),
sorting (rank, score, name, due so far, at risk), counting and the roll-ups (by tier, district
and direct subordinate office) run in SQL; only one page of rows (`PER_PAGE`) leaves the
database with its details. `DASHBOARD_QUERIES` queries whatever the number of offices (one
page's reports and plans included; fewer for an empty page).

Rank: dense (ties at two decimals share a rank, DOMAIN.md Scoring §6) among the offices with a
score and at least one agreement in force (a plan signed by both parties), within the tier /
district / upazila filter; a text search narrows the list without changing ranks. An office
without a stored score is listed, not yet rated. A stored score older than a change of the
office's plans or reports is shown as stored with a "being updated" mark (`stale`): the
services or `kormo_recompute_scores` store it again, the page never does.

Drawn by `kormo.progress.charts` (the page's offices), downloaded through
`kormo.progress.table_export` (every row, streamed); the bulk review is
`kormo.progress.bulk_review`.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    Count,
    F,
    FilteredRelation,
    Max,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, StrIndex, Substr

from kormo.domain.plan import Tier
from kormo.offices.models import Office
from kormo.ops.replica import replica_alias, replica_reads
from kormo.plans.models import Plan
from kormo.progress.models import QUARTER_PERIODS, Report, ReportPeriod, ReportState

CHART_LIMIT = 100  # bars drawn: the page's offices (at most one page)
PER_PAGE = 50
PER_PAGE_CHOICES = (50, 100)
# The groups (totals, option lists and roll-ups, `_groups`), the districts' upazilas (an
# option list, `_upazilas`), the names of the offices below, the page, the ranks, the page's
# plans and reports; a text search or an upazila chosen counts its groups again.
DASHBOARD_QUERIES = 7
DASHBOARD_SEARCH_QUERIES = DASHBOARD_QUERIES + 1
PERIODS: tuple[ReportPeriod, ...] = (*QUARTER_PERIODS, ReportPeriod.YEAR)
SORTS = ("rank", "score", "name", "due", "at_risk")
_RANKED = Q(snap__score_key__isnull=False)  # a score and a plan in force
_P2 = F("snap__score_key")  # the score in hundredths, ranked offices only


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
    district_name: str
    upazila_name: str
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
    plans_signed: int = 0  # current plans signed by both parties (in force)
    plans: int = 0
    # Submitted reports awaiting review (the quarters and the year-end evaluation): (report id,
    # plan id, period), for the bulk form.
    pending: list[tuple[int, int, str]] = field(default_factory=list)
    # Against its quarterly path, as stored: the latest quarter reported ("" if none), the
    # score due so far by then, whether the path comes from quarterly targets, at risk.
    through: str = ""
    due_percent: float | None = None
    path_quarterly: bool = False
    at_risk: int | None = None
    reports_missing: int = 0
    stored: bool = False  # a stored score exists
    stale: bool = False  # its plans or reports changed since: being updated

    def period_list(self) -> list[tuple[str, PeriodStatus]]:
        return [(p.value, self.periods.get(p.value, PeriodStatus())) for p in PERIODS]


@dataclass(frozen=True, slots=True)
class Rollup:
    """One group of offices: how many, how many rated, their average score (of the rated),
    indicators at risk and reports missing; `filter` the drill-down's query fields (or
    `office_id`, the subordinate office whose own dashboard it opens)."""

    label: str
    offices: int
    rated: int
    average: float | None
    at_risk: int
    missing: int
    filter: dict[str, str] = field(default_factory=dict)
    office_id: int | None = None


@dataclass(frozen=True, slots=True)
class DashboardFilter:
    tier: str = ""
    district: str = ""
    upazila: str = ""
    q: str = ""
    sort: str = "rank"  # a key of SORTS, "-" in front to reverse
    page: int = 1
    per_page: int = PER_PAGE

    def __post_init__(self) -> None:
        if self.tier:
            Tier(self.tier)  # ValueError: unknown tier
        if self.sort.lstrip("-") not in SORTS or self.per_page not in PER_PAGE_CHOICES:
            raise ValueError(self.sort)
        if self.page < 1:
            raise ValueError(self.page)

    def query(self, **change: Any) -> dict[str, str]:
        """The query fields of this filter with `change` applied (defaults left out)."""
        values = {"tier": self.tier, "district": self.district, "upazila": self.upazila,
                  "q": self.q, "sort": self.sort, "page": self.page, "per_page": self.per_page,
                  **change}
        default = DashboardFilter()
        return {k: str(v) for k, v in values.items() if v != getattr(default, k)}


@dataclass(frozen=True)
class Dashboard:
    office: Office
    fiscal_year: str
    rows: list[DashboardRow]  # the page's
    count: int  # offices matching the filter
    filter: DashboardFilter
    tiers: list[str]
    districts: list[str]
    upazilas: list[str]
    totals: Rollup
    by_tier: list[Rollup]
    by_district: list[Rollup]
    by_office: list[Rollup]

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.filter.per_page))

    @property
    def first(self) -> int:  # position of the page's first row, 1-based
        return (self.filter.page - 1) * self.filter.per_page + 1


def _subtree(path: str) -> Q:
    """Offices whose path starts with `path`. On SQLite as a range ("/1/5/" ≤ path < "/1/50":
    paths hold only digits and "/", and "0" follows "/"), which its index serves where its
    LIKE does not; elsewhere the prefix match PostgreSQL serves by its pattern index."""
    if connection.vendor == "sqlite":
        return Q(path__gte=path, path__lt=path[:-1] + "0")
    return Q(path__startswith=path)


def _under(office: Office, fiscal_year: str) -> QuerySet[Office]:
    """Every office under `office`, joined (left) to its stored figures of the year (`snap`)."""
    return Office.objects.filter(_subtree(office.path)).exclude(pk=office.pk).annotate(
        snap=FilteredRelation("snapshots", condition=Q(snapshots__fiscal_year=fiscal_year)))


def _filtered(office: Office, fiscal_year: str, f: DashboardFilter, *, text: bool = True
              ) -> QuerySet[Office]:
    qs = _under(office, fiscal_year)
    if f.tier:
        qs = qs.filter(tier=Tier(f.tier).value)
    if f.district:
        qs = qs.filter(snap__district=f.district)
    if f.upazila:
        qs = qs.filter(snap__upazila=f.upazila)
    if text and f.q:
        qs = qs.filter(Q(name__icontains=f.q) | Q(name_en__icontains=f.q)
                       | Q(code__icontains=f.q))
    return qs


def _ordering(sort: str) -> list[Any]:
    key, reverse = sort.lstrip("-"), sort.startswith("-")

    def by(expr: Any, descending: bool) -> Any:
        return expr.asc(nulls_last=True) if descending == reverse else expr.desc(
            nulls_last=True)

    score = Case(When(snap__has_score=True, then=F("snap__percent")), default=None)
    first = {
        "rank": [by(_P2, True)],
        "score": [by(score, True)],
        "name": [],
        "due": [by(F("snap__due_percent"), True)],
        "at_risk": [by(F("snap__at_risk"), True)],
    }[key]
    name = [F("name").desc(), F("pk").desc()] if key == "name" and reverse else [
        F("name").asc(), F("pk").asc()]
    return [*first, *name]


_ROW_FIELDS = ("pk", "name", "tier", "snap__id", "snap__has_score", "snap__total",
               "snap__maximum", "snap__percent", "snap__rating", "snap__indicators_at_100",
               "snap__indicator_count", "snap__plans", "snap__plans_signed", "snap__through",
               "snap__due_percent", "snap__path_quarterly", "snap__at_risk", "snap__reports",
               "snap__reports_missing", "snap__district", "snap__upazila", "snap__computed_at")


def _row(v: dict[str, Any]) -> DashboardRow:
    has = bool(v["snap__has_score"])
    n = v["snap__plans"] or 0
    reports = v["snap__reports"] or {}
    return DashboardRow(
        office_id=v["pk"], name=v["name"], tier=v["tier"],
        district_name=v["snap__district"] or "", upazila_name=v["snap__upazila"] or "",
        periods={p.value: PeriodStatus(n, *reports.get(p.value, (0, 0, 0, 0)))
                 for p in PERIODS},
        has_score=has, total=v["snap__total"] if has else 0.0,
        maximum=v["snap__maximum"] if has else 0.0,
        percent=v["snap__percent"] if has else None, rating=v["snap__rating"] if has else "",
        indicators_at_100=v["snap__indicators_at_100"] or 0,
        indicator_count=v["snap__indicator_count"] or 0,
        plans_signed=v["snap__plans_signed"] or 0, plans=n,
        through=v["snap__through"] or "", due_percent=v["snap__due_percent"],
        path_quarterly=bool(v["snap__path_quarterly"]), at_risk=v["snap__at_risk"],
        reports_missing=v["snap__reports_missing"] or 0, stored=v["snap__id"] is not None)


def _distinct_scores(office: Office, fiscal_year: str, f: DashboardFilter,
                     at_least: int | None = None) -> tuple[list[int], dict[int, int]]:
    """The distinct scores in hundredths of the filter's ranked offices (the text search
    left out), from `at_least` up, ascending, with how many offices hold each (a score held
    by two is a joint rank): at most 10,001 values, one query (on the first pages by rank,
    only the few above the page: the year's index on the key serves it)."""
    qs = _filtered(office, fiscal_year, f, text=False).filter(_RANKED)
    if at_least is not None:
        qs = qs.filter(snap__score_key__gte=at_least)
    held = dict(qs.annotate(p=_P2).values("p").annotate(n=Count("pk")).order_by()
                .values_list("p", "n"))
    return sorted(held), held


def _dense_rank(distinct: list[int], p2: int) -> int:
    """1 + the number of distinct scores above `p2`."""
    return len(distinct) - bisect.bisect_right(distinct, p2) + 1


def _ranks(office: Office, fiscal_year: str, f: DashboardFilter, rows: list[DashboardRow],
           p2: list[int | None]) -> None:
    """Dense ranks of the page's ranked rows among the filter's ranked offices (the query is
    made even when none of the page is ranked: the count stays the same)."""
    keys = [p for p in p2 if p is not None]
    # Only the scores above the page's lowest count for its ranks.
    distinct, held = _distinct_scores(office, fiscal_year, f,
                                      min(keys) if keys else 1_000_000)
    for r, p in zip(rows, p2, strict=True):
        if p is not None:
            r.rank = _dense_rank(distinct, p)
            r.rank_joint = held.get(p, 0) > 1


def _page_details(fiscal_year: str, rows: list[DashboardRow],
                  computed: dict[int, Any]) -> None:
    """The page's reports awaiting review (for the bulk form) and whether each stored figure
    is older than a change of the office's current plans or reports: two queries."""
    ids = [r.office_id for r in rows]
    plans = Plan.objects.filter(office_id__in=ids, fiscal_year=fiscal_year, is_current=True,
                                is_template=False)
    changed: dict[int, Any] = dict(plans.values("office_id").annotate(
        last=Max("updated_at")).values_list("office_id", "last"))
    pending: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for pk, office_id, plan_id, period, state, updated in Report.objects.filter(
            plan__in=plans.values("pk")).values_list(
            "pk", "plan__office_id", "plan_id", "period", "state", "updated_at"):
        if state == ReportState.SUBMITTED:
            pending[office_id].append((pk, plan_id, period))
        if changed.get(office_id) is None or updated > changed[office_id]:
            changed[office_id] = updated
    for r in rows:
        r.pending = sorted(pending.get(r.office_id, []), key=lambda p: (p[2], p[0]))
        last, at = changed.get(r.office_id), computed.get(r.office_id)
        r.stale = last is not None and (at is None or last > at)


_GROUP = ("tier", "g_district", "g_child")


def _groups(qs: QuerySet[Office], office: Office) -> list[dict[str, Any]]:
    """The offices of `qs` counted by (tier, district, office directly below): one scan, and
    as many groups as those combinations (bounded by the country's tiers and districts, not
    by its offices). Totals, option lists and roll-ups are sums of them. Not by upazila: that
    made four times the groups at 25,000 offices (12,600 rows read and summed in Python);
    the upazilas' option list is a query of its own (`_upazilas`)."""
    rest = Substr("path", len(office.path) + 1)
    return list(qs.annotate(
        g_district=Coalesce(F("snap__district"), Value("")),
        g_child=Substr(rest, 1, StrIndex(rest, Value("/")) - 1),
    ).values(*_GROUP).annotate(
        offices=Count("pk"), rated=Count("pk", filter=_RANKED),
        score_sum=Sum("snap__percent", filter=_RANKED),
        at_risk=Coalesce(Sum("snap__at_risk"), 0),
        missing=Coalesce(Sum("snap__reports_missing"), 0),
    ).order_by())


def _upazilas(qs: QuerySet[Office]) -> list[tuple[str, str]]:
    """The (district, upazila) places of the offices of `qs` (the upazila filter's options)."""
    return list(qs.values_list(Coalesce(F("snap__district"), Value("")),
                               Coalesce(F("snap__upazila"), Value(""))).distinct().order_by())


def _fold(groups: list[dict[str, Any]], key: str) -> dict[str, list[Any]]:
    """Sums of the groups by one of their keys ("" for all): offices, rated, sum of the rated
    scores, at risk, missing."""
    out: dict[str, list[Any]] = {}
    for g in groups:
        acc = out.setdefault(g[key] if key else "", [0, 0, 0.0, 0, 0])
        acc[0] += g["offices"]
        acc[1] += g["rated"]
        acc[2] += g["score_sum"] or 0.0
        acc[3] += g["at_risk"] or 0
        acc[4] += g["missing"] or 0
    return out


def _rollup(label: str, acc: list[Any], **extra: Any) -> Rollup:
    return Rollup(label=label, offices=acc[0], rated=acc[1],
                  average=acc[2] / acc[1] if acc[1] else None, at_risk=acc[3],
                  missing=acc[4], **extra)


def dashboard_page(*, office: Office, fiscal_year: str,
                   filters: DashboardFilter | None = None) -> Dashboard:
    """One page of the offices under `office` with their stored figures, the filter's
    totals and roll-ups, in `DASHBOARD_QUERIES` queries whatever the number of offices, read
    from the read replica where there is one (stored figures may be seconds behind)."""
    with replica_reads():
        return _dashboard_page(office, fiscal_year, filters or DashboardFilter())


def _dashboard_page(office: Office, fiscal_year: str, f: DashboardFilter) -> Dashboard:
    qs = _filtered(office, fiscal_year, f)
    under = _under(office, fiscal_year)
    every = _groups(under, office)
    # The filter applied to the groups (they are keyed by what it filters), or, with a text
    # search or an upazila (not a key of the groups), counted again.
    groups = _groups(qs, office) if f.q or f.upazila else [
        g for g in every if (not f.tier or g["tier"] == f.tier)
        and (not f.district or g["g_district"] == f.district)]
    tiers = sorted({g["tier"] for g in every if g["tier"]})
    districts = sorted({g["g_district"] for g in every if g["g_district"]})
    upazilas = sorted({u for d, u in _upazilas(under) if u
                       and (not f.district or d == f.district)})
    total = _fold(groups, "").get("", [0, 0, 0.0, 0, 0])
    by_tier = [_rollup(k, acc, filter={"tier": k})
               for k, acc in sorted(_fold(groups, "tier").items())]
    by_district = [_rollup(k, acc, filter={"district": k})
                   for k, acc in sorted(_fold(groups, "g_district").items())]
    names = dict(Office.objects.filter(parent=office).values_list("pk", "name"))
    by_office = sorted(
        (_rollup(names.get(int(k), k), acc, office_id=int(k))
         for k, acc in _fold(groups, "g_child").items() if k),
        key=lambda r: (r.label, r.office_id or 0))
    start = (f.page - 1) * f.per_page
    values = list(qs.order_by(*_ordering(f.sort)).annotate(p2=_P2).values(
        *_ROW_FIELDS, "p2")[start:start + f.per_page])
    rows = [_row(v) for v in values]
    if rows:
        _ranks(office, fiscal_year, f, rows, [v["p2"] for v in values])
        _page_details(fiscal_year, rows, {v["pk"]: v["snap__computed_at"] for v in values})
    return Dashboard(
        office=office, fiscal_year=fiscal_year, rows=rows, count=total[0], filter=f,
        tiers=tiers, districts=districts, upazilas=upazilas,
        totals=_rollup("", total), by_tier=by_tier, by_district=by_district,
        by_office=by_office)


def dashboard_all_rows(*, office: Office, fiscal_year: str,
                       filters: DashboardFilter | None = None
                       ) -> Iterator[DashboardRow]:
    """Every row of the filter in its order, read in chunks (for the downloads): two
    queries (the distinct scores for the ranks, the rows), whatever the number of offices."""
    f = filters or DashboardFilter()
    with replica_reads():
        distinct, held = _distinct_scores(office, fiscal_year, f)
    # Read lazily as the download streams: the replica named here, not by a block.
    qs = _filtered(office, fiscal_year, f).using(replica_alias()).order_by(
        *_ordering(f.sort)).annotate(p2=_P2).values(*_ROW_FIELDS, "p2")
    for v in qs.iterator(chunk_size=2000):
        r = _row(v)
        if v["p2"] is not None:
            r.rank = _dense_rank(distinct, v["p2"])
            r.rank_joint = held.get(v["p2"], 0) > 1
        yield r
