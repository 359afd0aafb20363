"""The quarterly path of a plan, pure (no Django): what each indicator should have reached by
the end of a quarter, which indicators are behind it, and the score due so far.

The path of an indicator is its quarterly targets where the plan gives them (summed for সমষ্টি,
the latest for the other methods), else its 100 % level (or single annual target) spread evenly
over the quarters for summed or cumulative numbers, whole for averages and dates. An office's
plans are scored together (`score_office_plans`: action plans feed the APA's governance
indicators, DOMAIN.md Scoring §5); the app loads them (`kormo.plans.convert.load_scoring_plans`)
and shows what these functions compute (`kormo.progress.scores`, the dashboard).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

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
    score_plans,
)
from kormo.domain.values import Money, Number, Percent, Value, as_date, is_given, numeric


def score_office_plans(plans: Mapping[int, d.Plan], rules: RuleSet | None = None,
                       through: d.Quarter | None = None) -> dict[int, PlanScore]:
    """Score one office's plans together (action plans feed the APA), by plan id."""
    ids = [pk for pk, p in plans.items() if p.areas]
    scores = score_plans([plans[pk] for pk in ids], rules, through=through)
    return dict(zip(ids, scores, strict=True))


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


def counted_plans(domain: Mapping[int, d.Plan],
                  counted: Mapping[int, Collection[d.Quarter]]) -> dict[int, d.Plan]:
    """What the supervisor's "at risk", the projected year-end score and the score so far count
    (issue 12 rule 10): only the plans in force (`counted`'s keys: signed, current) and, of
    each, only the values of quarters whose report was submitted (`counted[plan]`: submitted
    or accepted) — a draft value is the office's own working copy, never counted."""
    return {pk: replace(plan, progress=tuple(pv for pv in plan.progress
                                             if pv.quarter in counted[pk]))
            for pk, plan in domain.items() if pk in counted}


def last_reported_quarter(plans: Iterable[d.Plan]) -> d.Quarter | None:
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
            first = given[0][1]
            nums = [n for n in (numeric(v) for _, v in given) if n is not None]
            if len(nums) == len(given) and isinstance(first, Number | Percent | Money):
                return type(first)(sum(nums, Decimal(0)))
        return given[-1][1]
    target = indicator.annual_target if indicator.levels.is_empty() else indicator.levels.v100
    if not is_given(target):
        return None
    if isinstance(target, Number | Percent | Money) and sign > 0 and method in (
            d.CalculationMethod.SUM, d.CalculationMethod.CUMULATIVE):
        return type(target)(target.value * len(elapsed) / 4)
    return target


def _progress_by_ref(plan: d.Plan, through: d.Quarter) -> dict[str, list[d.ProgressValue]]:
    """The plan's values of the quarters up to `through`, by indicator, in the plan's order
    (one pass, not one per indicator)."""
    allowed = set(QUARTERS[: QUARTERS.index(through) + 1])
    out: dict[str, list[d.ProgressValue]] = {}
    for pv in plan.progress:
        if pv.quarter in allowed:
            out.setdefault(pv.indicator, []).append(pv)
    return out


def indicators_at_risk(plan_id: int, plan: d.Plan, through: d.Quarter, as_of: dt.date,
                       projected: PlanScore | None, rules: RuleSet) -> list[AtRisk]:
    """Indicators behind their quarterly path by the end of `through` (issue item 4)."""
    progress = _progress_by_ref(plan, through)
    out: list[AtRisk] = []
    for area in plan.areas:
        for activity in area.activities:
            if plan.office_tier is not None and plan.office_tier in activity.not_applicable_tiers:
                continue
            for ind in activity.indicators:
                if ind.feeds_from is not None or ind.fallback_for is not None:
                    continue
                ref = d.indicator_ref(area, ind)
                ach = annual_achievement(ind, progress.get(ref, ()))
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


def risk_day(fiscal_year: str, through: d.Quarter, as_of: dt.date | None) -> dt.date:
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
    progress = _progress_by_ref(plan, through)
    quarterly = False
    path: list[d.ProgressValue] = []
    for area in plan.areas:
        for activity in area.activities:
            for ind in activity.indicators:
                if ind.feeds_from is not None:
                    continue
                ref = d.indicator_ref(area, ind)
                pvs = progress.get(ref, [])
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
    `kormo.plans.convert.load_scoring_plans`, and kept to those counted: `counted_plans`), in
    memory; None when nothing is reported yet."""
    through = last_reported_quarter(domain.values())
    if through is None:
        return None
    day = risk_day(fiscal_year, through, as_of)
    paths = {pk: path_plan(p, through, day, rules) for pk, p in domain.items() if p.areas}
    due = office_score(score_office_plans({pk: p for pk, (p, _) in paths.items()},
                                          rules).values())
    return PathSoFar(through=through, due=due, quarterly=any(q for _, q in paths.values()),
                     at_risk=plans_at_risk(domain, through, day, rules))
