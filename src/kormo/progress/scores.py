"""Live scores: indicator, area, plan and office scores from the current data.

Scoring itself is `kormo.domain.scoring` — the same code `kormo score` runs — so the app's
figures equal the CLI's for the same data. This module only loads what scoring needs and hands
it over:

- `load_scoring_plans(plans)` reads any number of plans in `SCORING_LOAD_QUERIES` queries
  (plans, areas, activities, indicators, their levels and quarterly targets, progress values,
  progress inputs), whatever their number: no per-row queries (STYLE.md pitfall "N+1").
  Progress is `plans.ProgressValue`, which holds the *effective* values (verified where a
  supervisor verified them), so the final score uses verified values where they exist.
- `office_year_scores(office, fiscal_year)` scores an office's current plans of a year together
  (`score_plans`: action plans first, feeding the APA's governance indicators, DOMAIN.md
  Scoring §5), with the projected year-end score and the indicators at risk.
- `score_refresh(office_id, fiscal_year)` stores the office's score in `ScoreSnapshot` for the
  dashboard; every service that changes a score's inputs calls it (explicitly, no signals).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from kormo.domain import plan as d
from kormo.domain.calendar import quarter_range
from kormo.domain.rules import RuleSet
from kormo.domain.scoring import (
    QUARTERS,
    PlanScore,
    annual_achievement,
    default_method,
    office_score,
    oriented_levels,
    projected_score,
    score_plans,
)
from kormo.domain.values import Value, as_date, is_given, numeric
from kormo.offices.models import Office
from kormo.plans import models as m
from kormo.plans.values import decimal_from_db, value_from_columns
from kormo.progress.figures import FIGURE_FIELDS, office_figures, score_key
from kormo.progress.models import Report, ScoreSnapshot
from kormo.years.deadlines import rules_for_year

SCORING_LOAD_QUERIES = 7


# ---------------------------------------------------------------- loading many plans


class _Cols:
    """Four typed-value columns of a `values_list` row, for `value_from_columns`."""

    __slots__ = ("value_date", "value_kind", "value_number", "value_text")

    def __init__(self, kind: str, number: Decimal | None, date: dt.date | None, text: str):
        self.value_kind, self.value_number, self.value_date, self.value_text = (
            kind, number, date, text)


def _value(kind: str, number: Decimal | None, date: dt.date | None, text: str) -> Value | None:
    return value_from_columns(_Cols(kind, number, date, text), "value")


_V = ("value_kind", "value_number", "value_date", "value_text")


def load_scoring_plans(plans: QuerySet[m.Plan]) -> dict[int, d.Plan]:
    """The domain plans (the parts scoring reads) of every plan in `plans`, by plan id.

    `SCORING_LOAD_QUERIES` queries whatever the number of plans: the children are selected
    with `plan__in=<the plans' query>` subqueries, never with per-plan queries or long id lists.
    A plan's `office` is its office row's name, so that plans of one office link by office and
    year as they do in the database (DOMAIN.md, Scoring §5: "same office and year").
    """
    plan_rows = list(plans.values_list(
        "pk", "kind", "fiscal_year", "external_id", "office_tier", "parent_external_id",
        "total_weight", "office__name"))
    ids = plans.values("pk")
    areas = defaultdict(list)
    for row in m.Area.objects.filter(plan__in=ids).order_by("plan_id", "position").values_list(
            "pk", "plan_id", "number", "name", "weight", "kind", "choose_at_least"):
        areas[row[1]].append(row)
    activities = defaultdict(list)
    for row in m.Activity.objects.filter(area__plan__in=ids).order_by(
            "area_id", "position").values_list("pk", "area_id", "number", "name",
                                               "not_applicable_tiers"):
        activities[row[1]].append(row)
    indicators = defaultdict(list)
    for row in m.Indicator.objects.filter(plan__in=ids).order_by(
            "activity_id", "position").values_list(
            "pk", "activity_id", "number", "name", "unit", "weight", "calculation_method",
            "annual_target_kind", "annual_target_number", "annual_target_date",
            "annual_target_text", "feeds_from", "fallback_for", "derivation"):
        indicators[row[1]].append(row)
    levels: dict[int, dict[str, Value | None]] = defaultdict(dict)
    quarterly: dict[int, list[tuple[d.Quarter, Value]]] = defaultdict(list)
    role = m.IndicatorValue.Role
    for ind_id, r, key, *cols in m.IndicatorValue.objects.filter(
            indicator__plan__in=ids, role__in=[role.LEVEL, role.QUARTERLY_TARGET]).order_by(
            "indicator_id", "position").values_list("indicator_id", "role", "key", *_V):
        value = _value(*cols)
        if r == role.LEVEL:
            levels[ind_id][key] = value
        elif value is not None:
            quarterly[ind_id].append((d.Quarter(key), value))
    inputs: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for pv_id, name, value in m.ProgressInput.objects.filter(progress__plan__in=ids).order_by(
            "progress_id", "position").values_list("progress_id", "name", "value"):
        inputs[pv_id].append((name, decimal_from_db(value)))  # type: ignore[arg-type]
    progress = defaultdict(list)
    for pv_id, plan_id, ref, quarter, published, *cols in m.ProgressValue.objects.filter(
            plan__in=ids).order_by("plan_id", "position").values_list(
            "pk", "plan_id", "indicator_ref", "quarter", "published_score", *_V):
        progress[plan_id].append(d.ProgressValue(
            indicator=ref, quarter=d.Quarter(quarter), value=_value(*cols),
            inputs=tuple(inputs.get(pv_id, ())), published_score=decimal_from_db(published)))

    def indicator(row: tuple[Any, ...]) -> d.Indicator:
        (pk, _, number, name, unit, weight, method, tk, tn, td, tt, feeds, fallback,
         derivation) = row
        lv = levels.get(pk, {})
        return d.Indicator(
            number=number, name=name, unit=d.Unit(unit), weight=decimal_from_db(weight),
            calculation_method=d.CalculationMethod(method) if method else None,
            levels=d.TargetLevels(*(lv.get(str(p)) for p in d.LEVEL_PERCENTS)),
            annual_target=_value(tk, tn, td, tt),
            quarterly_targets=tuple(quarterly.get(pk, ())),
            feeds_from=d.PlanKind(feeds) if feeds else None,
            fallback_for=fallback, derivation=derivation,
        )

    out: dict[int, d.Plan] = {}
    for pk, kind, fy, ext, tier, parent, total, office_name in plan_rows:
        out[pk] = d.Plan(
            kind=d.PlanKind(kind), fiscal_year=fy, office=office_name, id=ext,
            office_tier=d.Tier(tier) if tier else None, parent=parent,
            total_weight=decimal_from_db(total),
            areas=tuple(
                d.Area(
                    number=a[2], name=a[3], weight=decimal_from_db(a[4]), kind=d.AreaKind(a[5]),
                    choose_at_least=a[6],
                    activities=tuple(
                        d.Activity(
                            number=act[2], name=act[3],
                            not_applicable_tiers=tuple(d.Tier(t) for t in act[4].split(",")
                                                       if t),
                            indicators=tuple(indicator(i) for i in indicators.get(act[0], ())),
                        )
                        for act in activities.get(a[0], ())
                    ),
                )
                for a in areas.get(pk, ())
            ),
            progress=tuple(progress.get(pk, ())),
        )
    return out


def current_plans(*, office_ids: Iterable[int] | None = None, fiscal_year: str,
                  scope: Q | None = None) -> QuerySet[m.Plan]:
    """The current (not superseded), non-template plans of a year, of offices or a scope."""
    plans = m.Plan.objects.filter(fiscal_year=fiscal_year, is_current=True, is_template=False)
    if office_ids is not None:
        plans = plans.filter(office_id__in=list(office_ids))
    if scope is not None:
        plans = plans.filter(scope)
    return plans


def score_office_plans(plans: Mapping[int, d.Plan], rules: RuleSet | None = None,
                       through: d.Quarter | None = None) -> dict[int, PlanScore]:
    """Score one office's plans together (action plans feed the APA), by plan id."""
    ids = [pk for pk, p in plans.items() if p.areas]
    scores = score_plans([plans[pk] for pk in ids], rules, through=through)
    return dict(zip(ids, scores, strict=True))


# ---------------------------------------------------------------- one office, one year


@dataclass(frozen=True, slots=True)
class AtRisk:
    """An indicator behind its path: achieved so far against what was due so far."""

    plan_id: int
    ref: str
    name: str
    achieved: Value | None
    due: Value | None
    projected_percent: float | None
    why: str  # "behind" | "not_reported" | "date_passed"


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
    at_risk: tuple[AtRisk, ...] = ()
    by_quarter: tuple[tuple[d.Quarter, float | None], ...] = ()  # office score through Qn

    @property
    def percent(self) -> float | None:
        return None if self.office_score is None else self.office_score.percent


def _last_reported_quarter(plans: Iterable[d.Plan]) -> d.Quarter | None:
    seen = {pv.quarter for p in plans for pv in p.progress if pv.value is not None}
    return max(seen, key=QUARTERS.index) if seen else None


def _path_targets(indicator: d.Indicator, through: d.Quarter) -> list[tuple[d.Quarter, Value]]:
    """The quarterly targets the plan gives for the quarters up to `through` (may be none)."""
    elapsed = QUARTERS[: QUARTERS.index(through) + 1]
    return [(q, v) for q, v in indicator.quarterly_targets if q in elapsed and is_given(v)]


def _path_due(indicator: d.Indicator, through: d.Quarter, sign: int) -> Value | None:
    """What the indicator's quarterly path asks for by the end of `through`.

    Quarterly targets where the plan gives them (summed for সমষ্টি, the latest for the other
    methods); otherwise the 100 % level (or the single annual target) scaled linearly over the
    quarters for summed or cumulative numbers, whole for averages and dates.
    """
    method = default_method(indicator)
    elapsed = QUARTERS[: QUARTERS.index(through) + 1]
    given = _path_targets(indicator, through)
    if given:
        if method is d.CalculationMethod.SUM:
            nums = [numeric(v) for _, v in given]
            if all(n is not None for n in nums):
                return type(given[0][1])(sum(nums, Decimal(0)))  # type: ignore[call-arg, arg-type]
        return given[-1][1]
    target = indicator.annual_target if indicator.levels.is_empty() else indicator.levels.v100
    if not is_given(target):
        return None
    n = numeric(target)
    if n is not None and sign > 0 and method in (d.CalculationMethod.SUM,
                                                 d.CalculationMethod.CUMULATIVE):
        return type(target)(n * len(elapsed) / 4)  # type: ignore[call-arg, arg-type]
    return target


def indicators_at_risk(plan_id: int, plan: d.Plan, through: d.Quarter, as_of: dt.date,
                       projected: PlanScore | None, rules: RuleSet) -> list[AtRisk]:
    """Indicators behind their quarterly path by the end of `through` (issue item 4)."""
    allowed = set(QUARTERS[: QUARTERS.index(through) + 1])
    out: list[AtRisk] = []
    for area in plan.areas:
        for activity in area.activities:
            if plan.office_tier is not None and plan.office_tier in activity.not_applicable_tiers:
                continue
            for ind in activity.indicators:
                if ind.feeds_from is not None or ind.fallback_for is not None:
                    continue
                ref = d.indicator_ref(area, ind)
                pvs = [p for p in plan.progress if p.indicator == ref and p.quarter in allowed]
                ach = annual_achievement(ind, pvs)
                if ach.not_applicable:
                    continue
                sign = oriented_levels(ind, rules)[1] if not ind.levels.is_empty() else 1
                due = _path_due(ind, through, sign)
                if due is None:
                    continue
                proj = projected.indicator(ref) if projected else None
                proj_pct = proj.raw_percent if proj else None
                why = ""
                due_date, got_date = as_date(due), as_date(ach.value)
                if due_date is not None:
                    if got_date is None and due_date < as_of:
                        why = "date_passed"
                    elif got_date is not None and got_date > due_date:
                        why = "behind"
                elif not ach.reported:
                    why = "not_reported"
                else:
                    got, want = numeric(ach.value), numeric(due)
                    if got is not None and want is not None and (
                            (sign > 0 and got < want) or (sign < 0 and got > want)):
                        why = "behind"
                if why:
                    out.append(AtRisk(plan_id, ref, ind.name, ach.value, due, proj_pct, why))
    return out


def _risk_day(fiscal_year: str, through: d.Quarter, as_of: dt.date | None) -> dt.date:
    """DOMAIN.md calendar: a date target is missed once the quarters reported so far are over
    (or today, if earlier): judged at the end of `through`."""
    return min(as_of or dt.date.today(), quarter_range(fiscal_year, through)[1])


def plans_at_risk(domain: Mapping[int, d.Plan], through: d.Quarter, as_of: dt.date,
                  rules: RuleSet, projected_by_plan: Mapping[int, PlanScore] | None = None
                  ) -> tuple[AtRisk, ...]:
    """The indicators at risk of an office's plans (`indicators_at_risk` of each scored plan)."""
    out: list[AtRisk] = []
    for pk, plan in domain.items():
        if plan.areas:
            out += indicators_at_risk(pk, plan, through, as_of,
                                      (projected_by_plan or {}).get(pk), rules)
    return tuple(out)


def path_plan(plan: d.Plan, through: d.Quarter, as_of: dt.date, rules: RuleSet
              ) -> tuple[d.Plan, bool]:
    """The plan with its progress replaced by what its quarterly path asked for by the end of
    `through` — the very `_path_due` the indicators at risk are judged against — and whether
    any indicator's path comes from the plan's quarterly targets (else every path is an even
    one: the target spread over the quarters). Scoring it gives the score due so far.

    A date is due only once it has passed (`as_of`, as for "date passed, not done"); an
    indicator reported not applicable stays so (out of the maximum, as in the real score);
    governance indicators are fed by the action plans' own paths when scored together.
    """
    from dataclasses import replace

    allowed = set(QUARTERS[: QUARTERS.index(through) + 1])
    quarterly = False
    path: list[d.ProgressValue] = []
    for area in plan.areas:
        for activity in area.activities:
            for ind in activity.indicators:
                if ind.feeds_from is not None:
                    continue
                ref = d.indicator_ref(area, ind)
                pvs = [p for p in plan.progress if p.indicator == ref and p.quarter in allowed]
                if annual_achievement(ind, pvs).not_applicable:
                    path += pvs
                    continue
                sign = oriented_levels(ind, rules)[1] if not ind.levels.is_empty() else 1
                due = _path_due(ind, through, sign)
                if due is None:
                    continue
                given = _path_targets(ind, through)
                quarterly = quarterly or bool(given)
                due_date = as_date(due)
                if due_date is None:
                    path.append(d.ProgressValue(ref, through, due))
                    continue
                dated = [(q, v) for q, v in given if (as_date(v) or as_of) < as_of]
                if not dated and due_date < as_of:
                    dated = [(through, due)]
                path += [d.ProgressValue(ref, q, v) for q, v in dated]
    return replace(plan, progress=tuple(path)), quarterly


@dataclass(frozen=True, slots=True)
class PathSoFar:
    """An office against its quarterly path by the end of the latest quarter it reported."""

    through: d.Quarter
    due: PlanScore | None  # the office's score had every indicator been exactly on its path
    quarterly: bool  # some path comes from quarterly targets; False: an even path throughout
    at_risk: tuple[AtRisk, ...]

    @property
    def due_percent(self) -> float | None:
        return None if self.due is None else self.due.percent


def office_path(domain: Mapping[int, d.Plan], fiscal_year: str, rules: RuleSet,
                as_of: dt.date | None = None) -> PathSoFar | None:
    """The score due so far and the indicators at risk of one office's plans (loaded with
    `load_scoring_plans`), in memory; None when nothing is reported yet."""
    through = _last_reported_quarter(domain.values())
    if through is None:
        return None
    day = _risk_day(fiscal_year, through, as_of)
    paths = {pk: path_plan(p, through, day, rules) for pk, p in domain.items() if p.areas}
    due = office_score(score_office_plans({pk: p for pk, (p, _) in paths.items()},
                                          rules).values())
    return PathSoFar(through=through, due=due, quarterly=any(q for _, q in paths.values()),
                     at_risk=plans_at_risk(domain, through, day, rules))


def office_year_scores(*, office: Office, fiscal_year: str, as_of: dt.date | None = None,
                       detail: bool = True) -> OfficeYearScores:
    """Everything the office's page shows about scores for a year, from the current data.

    Fixed query count: the plans (1), the rule set (1), the scoring load
    (`SCORING_LOAD_QUERIES`). Scores through each quarter, the projected year-end score
    (`scoring.projected_score` from the quarters reported so far) and the indicators at risk
    are computed in memory (`detail=False` leaves them out, for pages that show the scores
    only).
    """
    plans_qs = current_plans(office_ids=[office.pk], fiscal_year=fiscal_year)
    rows = {p.pk: p for p in plans_qs.order_by("kind", "pk")}
    rules = rules_for_year(fiscal_year)
    domain = load_scoring_plans(plans_qs) if rows else {}
    scores = score_office_plans(domain, rules)
    total = office_score(scores.values())
    through = _last_reported_quarter(domain.values()) if detail else None
    projected_by_plan: dict[int, PlanScore] = {}
    at_risk: list[AtRisk] = []
    by_quarter: list[tuple[d.Quarter, float | None]] = []
    if through is not None:
        ids = [pk for pk, p in domain.items() if p.areas]
        projected_by_plan = dict(zip(ids, projected_score([domain[pk] for pk in ids], through),
                                     strict=True))
        at_risk = list(plans_at_risk(domain, through, _risk_day(fiscal_year, through, as_of),
                                     rules, projected_by_plan))
        for q in QUARTERS[: QUARTERS.index(through) + 1]:
            s = office_score(score_office_plans(domain, rules, through=q).values())
            by_quarter.append((q, None if s is None else s.percent))
    return OfficeYearScores(
        office=office, fiscal_year=fiscal_year, rules=rules, plans=rows, domain=domain,
        scores=scores, office_score=total, through=through,
        projected=office_score(projected_by_plan.values()),
        projected_by_plan=projected_by_plan, at_risk=tuple(at_risk),
        by_quarter=tuple(by_quarter),
    )


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


def snapshot_fields(score: PlanScore | None) -> dict[str, Any]:
    if score is None:
        return {"has_score": False, "total": 0.0, "maximum": 0.0, "percent": 0.0, "rating": "",
                "indicators_at_100": 0, "indicator_count": 0}
    return {"has_score": True, "total": score.total, "maximum": score.maximum,
            "percent": score.percent, "rating": score.rating,
            "indicators_at_100": score.full_marks_count,
            "indicator_count": len(score.indicators)}


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
    # The dashboard's figures (plans signed, reports, place, path so far): `figures`.
    figures = office_figures(office_ids=office_ids, fiscal_year=fiscal_year, plans=plans_qs,
                             paths={oid: office_path(by_office[oid], fiscal_year, rules)
                                    for oid in office_ids if oid in by_office})
    rows = [
        ScoreSnapshot(office_id=oid, fiscal_year=fiscal_year, stamp=stamps.get(oid, ""),
                      **snapshot_fields(office_score(
                          score_office_plans(by_office.get(oid, {}), rules).values())),
                      **figures[oid])
        for oid in office_ids
    ]
    for r in rows:
        r.score_key = score_key(r.has_score, r.percent, r.plans_signed)
    ScoreSnapshot.objects.bulk_create(
        rows, batch_size=500, update_conflicts=True, unique_fields=["office", "fiscal_year"],
        update_fields=["stamp", "has_score", "total", "maximum", "percent", "rating",
                       "indicators_at_100", "indicator_count", *FIGURE_FIELDS, "computed_at"],
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
