"""The columnar engine over whole plans: every office's plans of a year scored at once, with
the same results as `scoring.score_plans` (the rule-by-rule reference) to the last bit.

`score_offices(groups, rules)` takes one mapping of plans per office (what
`path.score_office_plans` takes) and returns each plan's totals (`PlanTotals`: score, maximum,
rated, indicators at 100 %). The work is split where each part is cheapest:

- per indicator, in Python, only what needs the typed values: the annual achievement
  (`scoring.annual_achievement`, Decimal sums as the rules compute them) and a single target's
  percent (`scoring.single_target_percent`: Decimal ratio, dates per quarter);
- as NumPy columns over every indicator of every office at once: the five-level rules
  (`bulk.score_columns`: direction, interpolation or step or ratio, blank levels), the
  statuses (not applicable, not reported, no target, fallback unused, plan missing), the
  governance indicators fed by the office's action plans (Scoring §5), fallbacks (§8), the
  area and plan scores and their stated maxima (§4, issue 12 rule 2).

Sums are accumulated in document order (`np.bincount` adds in input order), as the rules' own
`sum()` does, so the floats are identical, not merely close. An office holding something the
columns do not model (two indicators with one reference, a framework other than the APA's)
is scored by the rules instead (`unsupported`), so the results stay equal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np

from kormo.domain import plan as d
from kormo.domain.bulk import level_bounds, level_percents
from kormo.domain.path import AtRisk, last_reported_quarter, path_plan, plans_at_risk, risk_day
from kormo.domain.rules import GovernanceFormula, LevelMethod, NumericDirection, RuleSet
from kormo.domain.scoring import (
    Achievement,
    RatedTotal,
    annual_achievement,
    fallback_weighted,
    is_single_target,
    single_target_percent,
    stated_total,
    target_not_applicable,
)
from kormo.domain.values import DATE_TYPES, NOT_GIVEN_TYPES, as_date, numeric

K = TypeVar("K", bound=Hashable)
_NOTHING = Achievement(None)  # no value reported in any quarter

# Indicator statuses as small integers (`scoring.Status`).
SCORED, NOT_REPORTED, NOT_APPLICABLE, NO_TARGET, FALLBACK_UNUSED, PLAN_MISSING = range(6)
_KIND_CODE = {k: i for i, k in enumerate(d.PlanKind)}


@dataclass(frozen=True, slots=True)
class PlanTotals(RatedTotal):
    """A plan's score as `scoring.PlanScore` gives it, without the per-indicator detail."""

    kind: d.PlanKind
    total: float
    maximum: float
    rated: bool
    full_marks_count: int  # indicators at 100 % ("N of M", §6)
    indicator_count: int


def unsupported(plans: Mapping[K, d.Plan], rules: RuleSet) -> bool:
    """Whether an office's plans hold something the columns do not model (then the rules
    score that office)."""
    if rules.framework != "apa":
        return True
    for plan in plans.values():
        refs = [d.indicator_ref(a, i) for a in plan.areas for i in a.indicators]
        if len(refs) != len(set(refs)):
            return True
    return False


def _as_float(value: object) -> float:
    n = numeric(value)  # type: ignore[arg-type]
    if n is not None:
        return float(n)
    day = as_date(value)  # type: ignore[arg-type]
    return float(day.toordinal()) if day is not None else np.nan


class _Columns:
    """Every indicator of every scored plan, one row each, in document order."""

    def __init__(self) -> None:
        self.plan: list[int] = []
        self.area: list[int] = []
        self.weight: list[float] = []
        self.levels: list[list[float]] = []
        self.level_date: list[bool] = []
        self.excluded: list[bool] = []
        self.feeds: list[int] = []  # plan kind code of a governance indicator, else -1
        self.fallback_main: list[int] = []  # row of the main indicator, -1: none
        self.is_fallback: list[bool] = []
        self.single: list[bool] = []
        self.reported: list[bool] = []
        self.achieved_na: list[bool] = []
        self.achieved: list[float] = []
        self.achieved_date: list[bool] = []
        self.single_raw: list[float] = []


@dataclass(frozen=True, slots=True)
class _Static:
    """What a plan's rows take from its text alone (not from its progress): kept per plan and
    reused when the same plan is scored again with other values (the path so far)."""

    areas: tuple[d.Area, ...]  # the plan's areas (identity checks the cache) ...
    kind: d.PlanKind  # ... with what else of the plan its rows depend on
    tier: d.Tier | None
    area: list[int]  # area number within the plan
    weight: list[float]
    levels: list[list[float]]
    level_date: list[bool]
    excluded: list[bool]
    feeds: list[int]
    is_fallback: list[bool]
    fallback_main: list[int]  # row within the plan, -1: none
    single: list[bool]
    indicators: list[tuple[d.Indicator, str, bool]]  # (indicator, ref, single scored here)


StaticCache = dict[int, _Static]


def _static(plan: d.Plan) -> _Static:
    refs = plan.indicator_refs()
    st = _Static(plan.areas, plan.kind, plan.office_tier, [], [], [], [], [], [], [], [], [],
                 [])
    row_of: dict[str, int] = {}
    mains: list[tuple[int, str]] = []
    for n, a in enumerate(plan.areas):
        for act in a.activities:
            tier_out = plan.office_tier is not None and plan.office_tier in \
                act.not_applicable_tiers
            for raw_ind in act.indicators:
                ind = fallback_weighted(raw_ind, refs)
                ref = d.indicator_ref(a, ind)
                row_of[ref] = len(st.area)
                st.area.append(n)
                st.weight.append(float(ind.weight) if ind.weight is not None else 0.0)
                given = [v for _, v in ind.levels.as_pairs()]
                given = [v if v is not None and not isinstance(v, NOT_GIVEN_TYPES)
                         else None for v in given]
                st.levels.append([np.nan if v is None else _as_float(v) for v in given])
                st.level_date.append(any(isinstance(v, DATE_TYPES) for v in given))
                excluded = tier_out or target_not_applicable(ind)
                st.excluded.append(excluded)
                st.feeds.append(_KIND_CODE[ind.feeds_from] if ind.feeds_from is not None
                                else -1)
                st.is_fallback.append(ind.fallback_for is not None)
                st.fallback_main.append(-1)
                if ind.fallback_for is not None:
                    mains.append((len(st.area) - 1, ind.fallback_for))
                single = is_single_target(ind, plan.kind)
                st.single.append(single)
                st.indicators.append((ind, ref, single and not excluded and
                                      ind.feeds_from is None))
    for row, main in mains:
        st.fallback_main[row] = row_of.get(main, -1)
    return st


def _add_plan(c: _Columns, plan: d.Plan, p: int, area_start: int, rules: RuleSet,
              cache: StaticCache) -> int:
    """Append the rows of one plan (index `p`); its areas are numbered from `area_start`."""
    st = cache.get(id(plan.areas))
    if st is None or st.areas is not plan.areas or st.kind != plan.kind or \
            st.tier != plan.office_tier:
        st = cache[id(plan.areas)] = _static(plan)
    first = len(c.plan)
    c.plan += [p] * len(st.area)
    c.area += [area_start + a for a in st.area]
    c.weight += st.weight
    c.levels += st.levels
    c.level_date += st.level_date
    c.excluded += st.excluded
    c.feeds += st.feeds
    c.is_fallback += st.is_fallback
    c.fallback_main += [r + first if r >= 0 else -1 for r in st.fallback_main]
    c.single += st.single
    by_ref: dict[str, list[d.ProgressValue]] = {}
    for pv in plan.progress:
        by_ref.setdefault(pv.indicator, []).append(pv)
    for ind, ref, single in st.indicators:
        progress = by_ref.get(ref, [])
        ach = annual_achievement(ind, progress) if progress else _NOTHING
        c.reported.append(ach.reported)
        c.achieved_na.append(ach.not_applicable)
        c.achieved.append(_as_float(ach.value))
        c.achieved_date.append(isinstance(ach.value, DATE_TYPES))
        raw = single_target_percent(ind, ach, progress, rules) \
            if single and not ach.not_applicable else None
        c.single_raw.append(np.nan if raw is None else raw)
    return area_start + len(plan.areas)


def five_level_percents(levels: np.ndarray, achieved: np.ndarray, level_date: np.ndarray,
                        achieved_date: np.ndarray, rules: RuleSet) -> np.ndarray:
    """`scoring.five_level_percent` over columns (NaN: no level to score against, or no
    achievement). Levels best first, dates as day ordinals, blank levels NaN."""
    bounds = level_bounds(levels)
    _, first, last = bounds
    rows = np.arange(levels.shape[0])
    best, worst = levels[rows, first], levels[rows, last]
    less = (rules.numeric_direction is NumericDirection.FROM_LEVELS) & (best < worst)
    signs = np.where(level_date | less, -1.0, 1.0)
    if rules.level_method is not LevelMethod.RATIO:
        return level_percents(levels, achieved, signs, rules.level_method, bounds)
    raw = level_percents(levels, achieved, signs, LevelMethod.STEP, bounds)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = achieved / best * 100.0
    if rules.cap_at_best:
        ratio = np.minimum(ratio, 100.0)
    ratio = np.where(best <= 0, np.where(achieved >= best, 100.0, 0.0), ratio)
    ratio = np.where(achieved < worst, 0.0, ratio)
    return np.where((signs > 0) & ~achieved_date & ~np.isnan(raw), ratio, raw)


@dataclass
class _Plans:
    kind: np.ndarray
    is_action: np.ndarray
    stated: np.ndarray  # float(stated total), NaN: none stated
    area_plan: np.ndarray  # the plan of each area


def _aggregate(c: dict[str, np.ndarray], plans: _Plans, status: np.ndarray, raw: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Fallbacks (§8), then the area and plan scores and maxima; returns the final raw
    percents and statuses and each plan's total, maximum and rated flag."""
    main = c["fallback_main"]
    unused = c["is_fallback"] & (main >= 0)
    unused &= status[np.maximum(main, 0)] != NOT_APPLICABLE
    status = np.where(unused, FALLBACK_UNUSED, status)
    raw = np.where(unused, np.nan, raw)
    maximum = np.where((status == NOT_APPLICABLE) | (status == FALLBACK_UNUSED), 0.0,
                       c["weight"])
    score = np.where(np.isnan(raw), 0.0, c["weight"] * raw / 100.0)
    n_areas, n_plans = len(plans.area_plan), len(plans.kind)
    area_score = np.bincount(c["area"], weights=score, minlength=n_areas)
    # What leaves a stated maximum: a fallback's own maximum comes back (0 unless in use),
    # an indicator not applicable takes its weight out.
    left = np.where(c["is_fallback"], -maximum,
                    np.where(status == NOT_APPLICABLE, c["weight"], 0.0))
    total = np.bincount(plans.area_plan, weights=area_score, minlength=n_plans)
    plan_left = np.bincount(c["plan"], weights=left, minlength=n_plans)
    plan_sum_max = np.bincount(c["plan"], weights=maximum, minlength=n_plans)
    plan_max = np.where(np.isnan(plans.stated), plan_sum_max,
                        np.maximum(plans.stated - plan_left, 0.0))
    rated = np.bincount(c["plan"], weights=(status == SCORED).astype(float),
                        minlength=n_plans) > 0
    return raw, status, total, plan_max, rated


def score_offices(groups: Sequence[Mapping[K, d.Plan]], rules: RuleSet,
                  cache: StaticCache | None = None) -> list[dict[K, PlanTotals]]:
    """Each office's plans scored together (`path.score_office_plans` for many offices at
    once): the totals of every plan with areas, by the office's own keys. Offices for which
    `unsupported` is true must be scored by the rules instead (they are scored here as if
    supported, which may differ). `cache` keeps what each plan's text gives between calls on
    the same plans (the path so far scores them again with other values)."""
    cache = {} if cache is None else cache
    c_rows = _Columns()
    keys: list[tuple[int, K]] = []
    kinds: list[int] = []
    stated: list[float] = []
    area_plan: list[int] = []
    feeds_of_plan: list[dict[int, int]] = []  # plan → {kind code: plan fed by}
    area = 0
    for g, plans in enumerate(groups):
        ids = [k for k, p in plans.items() if p.areas]
        by_office: dict[int, int] = {}
        by_parent: dict[str, dict[int, int]] = {}
        for k in ids:
            plan = plans[k]
            p = len(kinds)
            keys.append((g, k))
            kinds.append(_KIND_CODE[plan.kind])
            s = stated_total(plan)
            stated.append(np.nan if s is None else float(s))
            area_plan += [p] * len(plan.areas)
            area = _add_plan(c_rows, plan, p, area, rules, cache)
            if plan.kind in d.ACTION_PLAN_KINDS:
                by_office[_KIND_CODE[plan.kind]] = p
                if plan.parent:
                    by_parent.setdefault(plan.parent, {})[_KIND_CODE[plan.kind]] = p
        for k in ids:
            plan = plans[k]
            linked = {} if plan.kind in d.ACTION_PLAN_KINDS else \
                {**by_office, **by_parent.get(plan.id, {})}
            feeds_of_plan.append(linked)
    if not kinds:
        return [{} for _ in groups]
    c = {name: np.asarray(getattr(c_rows, name)) for name in _Columns().__dict__}
    c["levels"] = np.asarray(c_rows.levels, dtype=np.float64).reshape(-1, 5)
    for name in ("weight", "achieved", "single_raw"):
        c[name] = c[name].astype(np.float64)
    for name in ("level_date", "excluded", "is_fallback", "single", "reported",
                 "achieved_na", "achieved_date"):
        c[name] = c[name].astype(bool)
    for name in ("plan", "area", "feeds", "fallback_main"):
        c[name] = c[name].astype(np.int64)
    kind = np.asarray(kinds, dtype=np.int64)
    action_codes = np.asarray([_KIND_CODE[k] for k in d.ACTION_PLAN_KINDS])
    plan_cols = _Plans(kind=kind, is_action=np.isin(kind, action_codes),
                       stated=np.asarray(stated, dtype=np.float64),
                       area_plan=np.asarray(area_plan, dtype=np.int64))

    # The indicator rules (Scoring §1-§3): statuses and raw percents.
    five = five_level_percents(c["levels"], c["achieved"], c["level_date"],
                               c["achieved_date"], rules)
    has_points = ~np.isnan(c["levels"]).all(axis=1)
    five_status = np.where(c["reported"], np.where(np.isnan(five), NO_TARGET, SCORED),
                           np.where(has_points, NOT_REPORTED, NO_TARGET))
    single_status = np.where(np.isnan(c["single_raw"]), NO_TARGET,
                             np.where(c["reported"], SCORED, NOT_REPORTED))
    status = np.where(c["single"], single_status, five_status)
    raw = np.where(c["single"], c["single_raw"], five)
    raw = np.where(status == SCORED, raw, np.nan)
    na = c["excluded"] | ((c["feeds"] < 0) & c["achieved_na"])
    gov = ~c["excluded"] & (c["feeds"] >= 0)
    status = np.where(na, NOT_APPLICABLE, np.where(gov, PLAN_MISSING, status))
    raw = np.where(na | gov, np.nan, raw)

    # Action plans first; their totals feed the governance indicators of the other plans.
    _, _, total, plan_max, rated = _aggregate(c, plan_cols, status, raw)
    gov_rows = np.flatnonzero(gov)
    if len(gov_rows):
        fed_by = np.asarray([feeds_of_plan[c_rows.plan[r]].get(c_rows.feeds[r], -1)
                             for r in gov_rows], dtype=np.int64)
        fed_by = np.where(plan_cols.is_action[c["plan"][gov_rows]], -1, fed_by)
        src = np.maximum(fed_by, 0)
        weight = c["weight"][gov_rows]
        with np.errstate(invalid="ignore", divide="ignore"):
            if rules.governance_formula is GovernanceFormula.RAW_MARKS:
                marks = np.minimum(total[src], weight)
                g_raw = np.where(weight != 0, marks / weight * 100.0, 0.0)
            else:
                g_raw = np.where(plan_max[src] != 0, total[src] / plan_max[src] * 100.0, 0.0)
        g_status = np.where(fed_by < 0, PLAN_MISSING,
                            np.where(rated[src], SCORED, NOT_REPORTED))
        status[gov_rows] = g_status
        raw[gov_rows] = np.where(g_status == SCORED, g_raw, np.nan)
    raw, status, total, plan_max, rated = _aggregate(c, plan_cols, status, raw)
    full = np.bincount(c["plan"], weights=(raw >= 100.0).astype(float),
                       minlength=len(kinds))
    count = np.bincount(c["plan"], minlength=len(kinds))

    out: list[dict[K, PlanTotals]] = [{} for _ in groups]
    kind_of = list(d.PlanKind)
    for p, (g, k) in enumerate(keys):
        out[g][k] = PlanTotals(kind=kind_of[int(kind[p])], total=float(total[p]),
                               maximum=float(plan_max[p]), rated=bool(rated[p]),
                               full_marks_count=int(full[p]), indicator_count=int(count[p]))
    return out


def office_totals(scores: Mapping[K, PlanTotals]) -> PlanTotals | None:
    """An office's score: its (first) APA's, as `scoring.office_score` picks it."""
    return next((s for s in scores.values() if s.kind is d.PlanKind.APA), None)



@dataclass(frozen=True, slots=True)
class PathTotals:
    """`path.PathSoFar` with the score due so far as `PlanTotals`."""

    through: d.Quarter
    due: PlanTotals | None
    quarterly: bool
    at_risk: tuple[AtRisk, ...]

    @property
    def due_percent(self) -> float | None:
        return None if self.due is None else self.due.percent


def office_paths(groups: Sequence[Mapping[int, d.Plan]], fiscal_year: str, rules: RuleSet,
                 as_of: dt.date | None = None, cache: StaticCache | None = None
                 ) -> list[PathTotals | None]:
    """`path.office_path` of many offices at once (each group: an office's plans counted,
    `path.counted_plans`): the path plans are built by the same rules, and their scores due so
    far computed by `score_offices` together."""
    found: list[tuple[int, d.Quarter, bool, tuple[AtRisk, ...]]] = []
    due_groups: list[dict[int, d.Plan]] = []  # keyed by plan id: at-risk names its plan
    for g, domain in enumerate(groups):
        through = last_reported_quarter(domain.values())
        if through is None:
            continue
        day = risk_day(fiscal_year, through, as_of)
        paths = {pk: path_plan(p, through, day, rules) for pk, p in domain.items() if p.areas}
        due_groups.append({pk: p for pk, (p, _) in paths.items()})
        found.append((g, through, any(q for _, q in paths.values()),
                      plans_at_risk(domain, through, day, rules)))
    out: list[PathTotals | None] = [None] * len(groups)
    for (g, through, quarterly, at_risk), due in zip(found, score_offices(due_groups, rules, cache),
                                                      strict=True):
        out[g] = PathTotals(through, office_totals(due), quarterly, at_risk)
    return out
