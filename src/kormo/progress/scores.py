"""Live scores: indicator, area, plan and office scores from the current data.

Scoring itself is `kormo.domain.scoring` — the same code `kormo score` runs — so the app's
figures equal the CLI's for the same data. This module only loads what scoring needs and hands
it over:

- `load_scoring_plans(plans)` (`kormo.plans.convert.load_scoring`) reads any number of plans in
  `SCORING_LOAD_QUERIES` queries, whatever their number: no per-row queries (STYLE.md pitfall
  "N+1"). Progress is read from `progress.ReportedValue` with the *effective* values (verified
  where a supervisor verified them), so the final score uses verified values where they exist.
- `office_year_scores(office, fiscal_year)` scores an office's current plans of a year together
  (`score_plans`: action plans first, feeding the APA's governance indicators, DOMAIN.md
  Scoring §5), with the projected year-end score and the indicators at risk (the pure rules
  of the quarterly path: `kormo.domain.path`).
- `ScoreSnapshot` is the stored score every page shows, as stored (a stale one marked
  "being updated": the pages never store it): `office_snapshot` gives one office's fresh
  (stored again when its stamp is stale; for commands and tests), `snapshots_compute` many at
  once; `score_refresh` stores one now (the worker's task after a change).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db.models import Q, QuerySet

from kormo.domain import plan as d
from kormo.domain.path import (
    AtRisk,
    counted_plans,
    last_reported_quarter,
    plans_at_risk,
    risk_day,
    score_office_plans,
)
from kormo.domain.path import office_path as office_path  # read here by the dashboard
from kormo.domain.rules import RuleSet
from kormo.domain.scoring import (
    QUARTERS,
    PlanScore,
    office_score,
    projected_score,
    score_so_far,
)
from kormo.offices.models import Office
from kormo.plans import models as m

# Re-exported: the dashboard and carry-forward read them from here.
from kormo.plans.convert import COUNTED_REPORT_STATES
from kormo.plans.convert import SCORING_LOAD_QUERIES as SCORING_LOAD_QUERIES
from kormo.plans.convert import load_scoring_plans as load_scoring_plans
from kormo.plans.convert.load import progress_value
from kormo.progress.figures import FIGURE_FIELDS, office_figures, score_key
from kormo.progress.models import Report, ReportedValue, ReportState, ScoreSnapshot
from kormo.progress.plan_content import plan_contents
from kormo.years.deadlines import rules_for_year


def current_plans(*, office_ids: Iterable[int] | None = None, fiscal_year: str,
                  scope: Q | None = None) -> QuerySet[m.Plan]:
    """The current (not superseded), non-template plans of a year, of offices or a scope."""
    plans = m.Plan.objects.filter(fiscal_year=fiscal_year, is_current=True, is_template=False)
    if office_ids is not None:
        plans = plans.filter(office_id__in=list(office_ids))
    if scope is not None:
        plans = plans.filter(scope)
    return plans



# The plans in force and their submitted quarters (`counted_quarters`).
COUNTED_QUERIES = 1
_SUBMITTED = (ReportState.SUBMITTED, ReportState.ACCEPTED)


def counted_quarters(plans: QuerySet[m.Plan]) -> dict[int, frozenset[d.Quarter]]:
    """Of `plans`, those in force (signed) with the quarters whose report was submitted or
    accepted, by plan id — what `domain.path.counted_plans` keeps (issue 12 rule 10), in one
    query whatever the number of plans."""
    return quarters_submitted(plans.filter(state=m.PlanState.SIGNED).values_list(
        "pk", "reports__period", "reports__state"))


def quarters_submitted(rows: Iterable[tuple[int, str | None, str | None]]
                       ) -> dict[int, frozenset[d.Quarter]]:
    """`counted_quarters` from (signed plan id, report period, report state) rows, a plan
    without reports with None for both."""
    out: dict[int, set[d.Quarter]] = defaultdict(set)
    quarters = {q.value for q in QUARTERS}
    for pk, period, state in rows:
        submitted = out.setdefault(pk, set())  # in force, whether or not it has reported
        if period in quarters and state in _SUBMITTED:
            submitted.add(d.Quarter(period))
    return {pk: frozenset(qs) for pk, qs in out.items()}


# ---------------------------------------------------------------- one office, one year


@dataclass(frozen=True)
class OfficeYearScores:
    office: Office
    fiscal_year: str
    rules: RuleSet
    plans: dict[int, m.Plan]
    domain: dict[int, d.Plan]
    scores: dict[int, PlanScore]
    office_score: PlanScore | None
    through: d.Quarter | None
    projected: PlanScore | None
    projected_by_plan: dict[int, PlanScore] = field(default_factory=dict)
    # The office's stored score (what the dashboard shows too), as stored: None before its
    # first computation. `stale`: the office's plans or reports changed since it was stored
    # (or it was never stored), so the worker's refresh, queued by that change, is to come.
    stored: Any = None
    stale: bool = False
    at_risk: tuple[AtRisk, ...] = ()
    by_quarter: tuple[tuple[d.Quarter, float | None], ...] = ()  # office score through Qn

    @property
    def percent(self) -> float | None:
        return None if self.office_score is None else self.office_score.percent


def office_year_scores(*, office: Office, fiscal_year: str, as_of: dt.date | None = None,
                       detail: bool = True) -> OfficeYearScores:
    """Everything the office's page shows about scores for a year, from the current data.

    Fixed query count, nothing written (`OFFICE_SCORES_QUERIES`): the plans, the rule set,
    the plans' progress (`_scoring_plans`; their content once per version of a plan,
    `plan_content`), the stored score as stored (the plans' reports, which stamp the data
    read here and give the quarters submitted, and the row).
    A stale stored score is shown as stale, never stored again here: the change that made it
    stale queued its refresh (`progress.tasks`). Scores through each quarter, the projected
    year-end score (`scoring.projected_score` from the quarters reported so far) and the
    indicators at risk are computed in memory (`detail=False` leaves them out, for pages that
    show the scores only; the score so far, the projection and the indicators at risk count
    only plans in force and submitted values, `counted_plans`).
    """
    plans_qs = current_plans(office_ids=[office.pk], fiscal_year=fiscal_year)
    rows = {p.pk: p for p in plans_qs.order_by("kind", "pk")}
    rules = rules_for_year(fiscal_year)
    domain = _scoring_plans(office, rows) if rows else {}
    scores = score_office_plans(domain, rules)
    total = office_score(scores.values())
    reports = list(Report.objects.filter(plan__in=plans_qs.values("pk")).values_list(
        "pk", "plan_id", "period", "state", "updated_at")) if rows else []
    stamp = score_stamp([(p.pk, p.lock_version, p.updated_at) for p in rows.values()],
                        [(pk, updated) for pk, _, _, _, updated in reports])
    stored = ScoreSnapshot.objects.filter(office_id=office.pk, fiscal_year=fiscal_year).first()
    stale = stored.stamp != stamp if stored is not None else bool(rows)
    signed = {pk for pk, p in rows.items() if p.state == m.PlanState.SIGNED}
    submitted = quarters_submitted(
        [*((pk, None, None) for pk in signed),
         *((plan_id, period, state) for _, plan_id, period, state, _ in reports
           if plan_id in signed)])
    counted = counted_plans(domain, submitted) if detail and rows else {}
    through = last_reported_quarter(counted.values()) if detail else None
    projected_by_plan: dict[int, PlanScore] = {}
    at_risk: list[AtRisk] = []
    by_quarter: list[tuple[d.Quarter, float | None]] = []
    if through is not None:
        ids = [pk for pk, p in counted.items() if p.areas]
        projected_by_plan = dict(zip(ids, projected_score([counted[pk] for pk in ids], through),
                                     strict=True))
        at_risk = list(plans_at_risk(counted, through, risk_day(fiscal_year, through, as_of),
                                     rules, projected_by_plan))
        for q in QUARTERS[: QUARTERS.index(through) + 1]:
            # The rule set says against what (issue 12 rule 10: annual target or due to date).
            s = office_score(score_so_far([counted[pk] for pk in ids], q, rules))
            by_quarter.append((q, None if s is None else s.percent))
    return OfficeYearScores(
        office=office, fiscal_year=fiscal_year, rules=rules, plans=rows, domain=domain,
        scores=scores, office_score=total, through=through,
        projected=office_score(projected_by_plan.values()),
        projected_by_plan=projected_by_plan, at_risk=tuple(at_risk),
        by_quarter=tuple(by_quarter), stored=stored, stale=stale,
    )


# The plans, the rule set, their progress, their reports and the stored score: whatever the
# number of plans, once their content is known (`plan_content.CONTENT_QUERIES` more when a
# plan's version is read first).
OFFICE_SCORES_QUERIES = 5


def _scoring_plans(office: Office, rows: Mapping[int, m.Plan]) -> dict[int, d.Plan]:
    """`load_scoring_plans` of the office's plan rows: their content from `plan_contents`
    (read once per version of a plan), their progress read now in one query (the values of
    submitted and accepted reports, `COUNTED_REPORT_STATES`, in the loader's order)."""
    contents = plan_contents(rows.values())
    progress: dict[int, list[d.ProgressValue]] = defaultdict(list)
    for rv in ReportedValue.objects.filter(
            plan__in=list(rows), report__state__in=COUNTED_REPORT_STATES).order_by("plan_id",
                                                                                  "pk"):
        progress[rv.plan_id].append(progress_value(rv))
    return {pk: dataclasses.replace(contents[pk].domain, office=office.name,
                                    progress=tuple(progress[pk]))
            for pk in rows if pk in contents}


# ---------------------------------------------------------------- stored office scores


def score_stamp(plan_marks: Sequence[tuple[Any, ...]], report_marks: Sequence[tuple[Any, ...]]
                ) -> str:
    """A fingerprint of what an office's score depends on: its current plans (id, lock
    version, last change) and their reports (id, last change). Equal stamps, equal data."""
    text = "|".join(
        [f"p{p[0]}:{p[1]}:{p[2].isoformat() if p[2] else ''}" for p in sorted(plan_marks)]
        + [f"r{r[0]}:{r[1].isoformat() if r[1] else ''}" for r in sorted(report_marks)]
    )
    return hashlib.sha256(text.encode()).hexdigest()


class ScoreFigures(Protocol):
    """What a stored score keeps of a plan's score: `scoring.PlanScore` (the rules) or
    `bulk_plans.PlanTotals` (the columnar engine of the national recompute)."""

    total: float
    maximum: float

    @property
    def percent(self) -> float: ...
    @property
    def rating(self) -> str: ...
    @property
    def full_marks_count(self) -> int: ...
    @property
    def indicator_count(self) -> int: ...


# The columns an upsert of `ScoreSnapshot` rewrites (all but its key).
SNAPSHOT_FIELDS = ("stamp", "has_score", "total", "maximum", "percent", "rating",
                   "indicators_at_100", "indicator_count", *FIGURE_FIELDS, "computed_at")


def snapshot_fields(score: ScoreFigures | None) -> dict[str, Any]:
    if score is None:
        return {"has_score": False, "total": 0.0, "maximum": 0.0, "percent": 0.0, "rating": "",
                "indicators_at_100": 0, "indicator_count": 0}
    return {"has_score": True, "total": score.total, "maximum": score.maximum,
            "percent": score.percent, "rating": score.rating,
            "indicators_at_100": score.full_marks_count,
            "indicator_count": score.indicator_count}


def snapshots_compute(*, office_ids: Sequence[int], fiscal_year: str,
                      stamps: Mapping[int, str], scope: Q | None = None) -> dict[int, Any]:
    """Recompute and store the scores of `office_ids` (a fixed number of queries).

    `scope` (a filter on plans covering at least these offices) lets a caller with many stale
    offices load by subquery instead of a long list of ids.
    """
    if not office_ids:
        return {}
    plans_qs = current_plans(fiscal_year=fiscal_year, scope=scope) if scope is not None else \
        current_plans(office_ids=office_ids, fiscal_year=fiscal_year)
    office_of = dict(plans_qs.values_list("pk", "office_id"))
    domain = load_scoring_plans(plans_qs)
    rules = rules_for_year(fiscal_year)
    by_office: dict[int, dict[int, d.Plan]] = defaultdict(dict)
    for pk, plan in domain.items():
        by_office[office_of[pk]][pk] = plan
    return _snapshots_store(office_ids, fiscal_year, stamps, plans_qs, by_office, rules)


def _snapshots_store(office_ids: Sequence[int], fiscal_year: str, stamps: Mapping[int, str],
                     plans_qs: QuerySet[m.Plan], by_office: Mapping[int, Mapping[int, d.Plan]],
                     rules: RuleSet) -> dict[int, Any]:
    """Score the offices' loaded plans and store each score with the dashboard's figures
    (plans signed, reports, place, path so far: `figures`, `FIGURE_QUERIES` queries, and
    `COUNTED_QUERIES` for the path's plans in force and submitted values) in one upsert."""
    counted = counted_quarters(plans_qs)
    figures = office_figures(
        office_ids=office_ids, fiscal_year=fiscal_year, plans=plans_qs,
        paths={oid: office_path(counted_plans(by_office[oid], counted), fiscal_year, rules)
               for oid in office_ids if by_office.get(oid)})
    rows = [
        ScoreSnapshot(office_id=oid, fiscal_year=fiscal_year, stamp=stamps.get(oid, ""),
                      **snapshot_fields(office_score(
                          score_office_plans(dict(by_office.get(oid, {})), rules).values())),
                      **figures[oid])
        for oid in office_ids
    ]
    for r in rows:
        r.score_key = score_key(r.has_score, r.percent, r.plans_signed, r.rating)
    ScoreSnapshot.objects.bulk_create(
        rows, batch_size=500, update_conflicts=True, unique_fields=["office", "fiscal_year"],
        update_fields=list(SNAPSHOT_FIELDS),
    )
    return {r.office_id: r for r in rows}


def office_stamps(*, plans: QuerySet[m.Plan]) -> dict[int, str]:
    """The stamp of every office having plans in `plans` (two queries)."""
    plan_marks: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for pk, office_id, lock, updated in plans.values_list("pk", "office_id", "lock_version",
                                                          "updated_at"):
        plan_marks[office_id].append((pk, lock, updated))
    report_marks: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for pk, office_id, updated in Report.objects.filter(plan__in=plans.values("pk")).values_list(
            "pk", "plan__office_id", "updated_at"):
        report_marks[office_id].append((pk, updated))
    return {oid: score_stamp(marks, report_marks.get(oid, [])) for oid, marks in
            plan_marks.items()}


def score_refresh(*, office_id: int, fiscal_year: str) -> None:
    """Recompute and store one office's score for a year. Services call this after every
    change that can move a score (progress, verification, a plan's version)."""
    plans = current_plans(office_ids=[office_id], fiscal_year=fiscal_year)
    stamps = office_stamps(plans=plans)
    snapshots_compute(office_ids=[office_id], fiscal_year=fiscal_year,
                      stamps={office_id: stamps.get(office_id, score_stamp([], []))})


# The office's plans and reports (the stamp), its stored score.
OFFICE_SNAPSHOT_QUERIES = 3


def office_snapshot(*, office_id: int, fiscal_year: str, plans: QuerySet[m.Plan] | None = None,
                    domain: Mapping[int, d.Plan] | None = None,
                    rules: RuleSet | None = None) -> ScoreSnapshot:
    """The office's stored score for a year, fresh: read as stored when its stamp still
    matches the office's plans and reports (`OFFICE_SNAPSHOT_QUERIES` queries), else stored
    again with the dashboard's figures — from `domain` (the office's plans, loaded by the
    caller from the same data) and `rules` with `FIGURE_QUERIES` + 1 queries more, else
    recomputed (`snapshots_compute`). The office page and the dashboard both show this row,
    so they cannot disagree."""
    plans = plans if plans is not None else current_plans(office_ids=[office_id],
                                                          fiscal_year=fiscal_year)
    stamp = office_stamps(plans=plans).get(office_id, score_stamp([], []))
    snap = ScoreSnapshot.objects.filter(office_id=office_id, fiscal_year=fiscal_year).first()
    if snap is not None and snap.stamp == stamp:
        return snap
    # Stored again whole: the score and the figures beside it, never a fresh score with stale
    # figures.
    if domain is not None and rules is not None:
        return _snapshots_store([office_id], fiscal_year, {office_id: stamp}, plans,
                                {office_id: domain}, rules)[office_id]
    return snapshots_compute(office_ids=[office_id], fiscal_year=fiscal_year,
                             stamps={office_id: stamp})[office_id]
