"""The scoring engine: indicator, area, plan and office scores by DOMAIN.md, "Scoring".

Everything is computed from the plan and its progress; typed (published) scores are kept apart
and compared (§7). Raw scores are percents (0-100) kept at full float precision; rounding to two
decimals happens only when shown. The rules come from a `RuleSet` chosen per fiscal year
(`kormo.domain.rules`), so an inferred rule can be switched without touching this module.

The inner function `level_percent` works on plain floats so that a million indicators score in
seconds (bench/scoring.py prints the figure).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from kormo.domain.derived import derive_value
from kormo.domain.plan import (
    ACTION_PLAN_KINDS,
    Area,
    AreaKind,
    CalculationMethod,
    Indicator,
    Plan,
    PlanKind,
    ProgressValue,
    Quarter,
    Tier,
    Unit,
    indicator_ref,
)
from kormo.domain.rules import (
    GovernanceFormula,
    LevelMethod,
    NumericDirection,
    QuarterlyDateRule,
    RuleSet,
    ScoreSoFar,
    rule_set_for,
)
from kormo.domain.values import (
    DATE_TYPES,
    NOT_GIVEN_TYPES,
    Blank,
    DateValue,
    Money,
    NotApplicable,
    Number,
    Percent,
    Value,
    as_date,
    numeric,
)

QUARTERS: tuple[Quarter, ...] = (Quarter.Q1, Quarter.Q2, Quarter.Q3, Quarter.Q4)


class Status(StrEnum):
    SCORED = "scored"
    NOT_REPORTED = "not_reported"  # nothing reported: 0, shown as not reported (§1)
    NOT_APPLICABLE = "not_applicable"  # out of the plan's maximum (§1)
    NO_TARGET = "no_target"  # nothing to measure against: 0, kept in the maximum
    FALLBACK_UNUSED = "fallback_unused"  # a fallback whose main indicator could be scored (§8)
    PLAN_MISSING = "plan_missing"  # a governance indicator whose action plan is not at hand


# ---------------------------------------------------------------- annual achievement


@dataclass(frozen=True, slots=True)
class Achievement:
    """The annual achievement of an indicator (Scoring §1)."""

    value: Value | None  # None: not reported
    quarters: tuple[Quarter, ...] = ()  # the quarters that reported something
    not_applicable: bool = False

    @property
    def reported(self) -> bool:
        return self.value is not None


def default_method(indicator: Indicator) -> CalculationMethod:
    """The calculation method where the document prints none (action plans rarely do)."""
    if indicator.calculation_method is not None:
        return indicator.calculation_method
    if indicator.unit is Unit.DATE:
        return CalculationMethod.DATE
    if indicator.unit is Unit.PERCENT:
        return CalculationMethod.AVERAGE
    if indicator.unit is Unit.MARKS:
        return CalculationMethod.CUMULATIVE
    return CalculationMethod.SUM


def _effective_value(indicator: Indicator, pv: ProgressValue) -> Value | None:
    if indicator.derivation is None:
        return pv.value
    derived = derive_value(indicator, pv)
    return derived if derived is not None else pv.value


def annual_achievement(
    indicator: Indicator,
    values: Iterable[ProgressValue],
    method: CalculationMethod | None = None,
) -> Achievement:
    """The year's achievement from the quarterly values, by the calculation method.

    সমষ্টি sums the quarters, গড় averages the reported ones, ক্রমপুঞ্জিভূত takes the latest
    reported cumulative value, তারিখ takes the date on which it was done (the earliest date
    reported). A "-" (Blank) in a quarter is nothing reported for that quarter: it is left out
    (an average is over the quarters that reported), and all quarters "-" is not reported.
    """
    method = method or default_method(indicator)
    by_quarter: dict[Quarter, Value] = {}
    for pv in values:
        v = _effective_value(indicator, pv)
        if v is not None:
            by_quarter[pv.quarter] = v
    if any(isinstance(v, NotApplicable) for v in by_quarter.values()):
        return Achievement(NotApplicable(), tuple(q for q in QUARTERS if q in by_quarter),
                           not_applicable=True)
    # "-", "--" or a blank cell: nothing reported for that quarter, never zero, and never
    # erasing an earlier quarter's value (DOMAIN.md, Scoring §10; issue 12 rule 3).
    reported = tuple(q for q in QUARTERS
                     if q in by_quarter and not isinstance(by_quarter[q], Blank))
    if not reported:
        return Achievement(None)
    ordered = [by_quarter[q] for q in reported]

    if method is CalculationMethod.DATE:
        dates = [d for d in (as_date(v) for v in ordered) if d is not None]
        if not dates:
            return Achievement(None)
        return Achievement(DateValue(min(dates)), reported)

    if method is CalculationMethod.CUMULATIVE:
        return Achievement(ordered[-1], reported)

    kind = _numeric_kind(ordered)
    nums = [numeric(v) or Decimal(0) for v in ordered]
    if method is CalculationMethod.AVERAGE:
        return Achievement(kind(sum(nums, Decimal(0)) / len(nums)), reported)
    return Achievement(kind(sum(nums, Decimal(0))), reported)


def _numeric_kind(values: Sequence[Value]) -> Callable[[Decimal], Value]:
    for v in values:
        if isinstance(v, Percent):
            return Percent
        if isinstance(v, Money):
            return Money
    return Number


# ---------------------------------------------------------------- five levels (§2)


def _as_float(value: Value | None) -> float | None:
    """A comparable float: numbers as they are, dates as day ordinals."""
    n = numeric(value)
    if n is not None:
        return float(n)
    d = as_date(value)
    if d is not None:
        return float(d.toordinal())
    return None


def level_percent(
    points: Sequence[tuple[float, float]],
    achieved: float,
    *,
    method: LevelMethod = LevelMethod.INTERPOLATE,
) -> float:
    """Raw percent for an achievement against levels already oriented "higher is better".

    `points` are (level value, level percent), best first, strictly decreasing in value. A
    value at or above the best earns 100 (capped, inferred); below the worst earns 0 (confirmed:
    "প্রকৃত অর্জন ৬০% এর নীচে হলে প্রাপ্ত মান ধরা হবে ০"); exactly at a level earns that level's
    percent; between two adjacent levels the percent is interpolated (inferred) or stepped.
    """
    best_value, best_percent = points[0]
    if achieved >= best_value:
        return best_percent
    worst_value, worst_percent = points[-1]
    if achieved < worst_value:
        return 0.0
    if achieved == worst_value:
        return worst_percent
    for (hi_v, hi_p), (lo_v, lo_p) in itertools.pairwise(points):
        if lo_v <= achieved <= hi_v:
            if achieved == hi_v:
                return hi_p
            if method is LevelMethod.STEP:
                return lo_p
            return lo_p + (achieved - lo_v) / (hi_v - lo_v) * (hi_p - lo_p)
    return 0.0  # unreachable for well-ordered points


def oriented_levels(indicator: Indicator, rules: RuleSet) -> tuple[list[tuple[float, float]], int]:
    """The given levels as (value, percent) with values flipped so that higher is better.

    Returns the points and the sign used (+1 more is better, -1 less/earlier is better).
    Dates: earlier is better (confirmed). Numbers: v100 < v60 means less is better (inferred;
    switchable); with one level only, more is better.
    """
    given = [(p, v) for p, v in indicator.levels.as_pairs()
             if v is not None and not isinstance(v, NOT_GIVEN_TYPES)]
    raw = [(x, float(p)) for p, v in given if (x := _as_float(v)) is not None]
    if not raw:
        return [], 1
    is_date = any(isinstance(v, DATE_TYPES) for _, v in given)
    if is_date or (
        rules.numeric_direction is NumericDirection.FROM_LEVELS
        and len(raw) >= 2
        and raw[0][0] < raw[-1][0]
    ):
        sign = -1
    else:
        sign = 1
    return [(sign * x, p) for x, p in raw], sign


def five_level_percent(
    indicator: Indicator,
    achieved: Value,
    rules: RuleSet,
    oriented: tuple[list[tuple[float, float]], int] | None = None,
) -> float | None:
    points, sign = oriented or oriented_levels(indicator, rules)
    a = _as_float(achieved)
    if not points:
        return None
    if a is None:
        return 0.0
    if rules.level_method is LevelMethod.RATIO and sign == 1 and not _is_date(achieved):
        if a < points[-1][0]:
            return 0.0  # every rule set keeps "worse than the worst given level → 0" (§2)
        best = points[0][0]
        if best <= 0:
            return 100.0 if a >= best else 0.0
        ratio = a / best * 100.0
        return min(ratio, 100.0) if rules.cap_at_best else ratio
    method = LevelMethod.STEP if rules.level_method is LevelMethod.RATIO else rules.level_method
    return level_percent(points, sign * a, method=method)


def _is_date(v: Value | None) -> bool:
    return isinstance(v, DATE_TYPES)


# ---------------------------------------------------------------- single target (§3)


def target_not_applicable(indicator: Indicator) -> bool:
    """"প্রযোজ্য নয়" written as the annual target or as any level: the indicator leaves the
    plan's maximum, exactly as when it is written as progress (Scoring §10; issue 12 rule 1)."""
    if isinstance(indicator.annual_target, NotApplicable):
        return True
    return any(isinstance(v, NotApplicable) for _, v in indicator.levels.as_pairs())


def is_single_target(indicator: Indicator, kind: PlanKind) -> bool:
    """Scored by Scoring §3 (arithmetic deduction) rather than §2 (five levels).

    No levels at all; or, in an action plan or wherever quarterly targets are given, only the
    100 % level: monitoring pages print only the অসাধারণ column and quarterly targets, and such
    an activity is single-target, not a five-level indicator with four blank levels (Scoring
    §10; issue 12 rule 5). An APA indicator with only its 100 % level stays five-level (§2:
    "with one level only, more (or earlier) is better"; seed 000 [২.৩.১]).
    """
    pairs = [v for _, v in indicator.levels.as_pairs() if v is not None]
    if not pairs:
        return True
    only_best = indicator.levels.v100 is not None and all(
        v is None or isinstance(v, Blank) for _, v in indicator.levels.as_pairs()[1:])
    return only_best and (kind in ACTION_PLAN_KINDS or bool(indicator.quarterly_targets))


def single_target(indicator: Indicator) -> Value | None:
    """The one target of a single-target activity: the annual target, else the 100 % level."""
    t = indicator.annual_target
    if t is None or isinstance(t, Blank):
        return indicator.levels.v100
    return t


def single_target_percent(
    indicator: Indicator,
    achievement: Achievement,
    progress: Sequence[ProgressValue],
    rules: RuleSet,
) -> float | None:
    """Raw percent of a single-target activity: weight × min(achievement ÷ target, 1).

    A date-bound activity earns nothing when done after its date (confirmed). Where every
    quarter has its own date (a website updated each quarter), the share of quarterly dates met
    on time counts (inferred; switchable to the annual date only).
    """
    target = single_target(indicator)
    quarter_dates = [(q, as_date(v)) for q, v in indicator.quarterly_targets if _is_date(v)]
    if (
        quarter_dates
        and rules.quarterly_date_rule is QuarterlyDateRule.SHARE_ON_TIME
        and (indicator.unit is Unit.DATE or _is_date(target))
    ):
        done: dict[Quarter, dt.date] = {}
        for pv in progress:
            d = as_date(_effective_value(indicator, pv))
            if d is not None:
                done[pv.quarter] = d
        on_time = sum(1 for q, due in quarter_dates if q in done and due and done[q] <= due)
        return on_time / len(quarter_dates) * 100.0

    if target is None or isinstance(target, Blank):
        return None
    if _is_date(target):
        due = as_date(target)
        got = as_date(achievement.value)
        return 100.0 if got is not None and due is not None and got <= due else 0.0
    t = numeric(target)
    a = numeric(achievement.value)
    if t is None:
        return None
    if a is None:
        return 0.0
    if t <= 0:
        return 100.0
    return float(min(a / t, Decimal(1)) * 100)


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    ref: str
    number: str
    name: str
    weight: Decimal | None
    achievement: Achievement
    raw_percent: float | None
    score: float
    maximum: float
    status: Status
    linked_plan: str | None = None  # id of the action plan feeding a governance indicator
    published_score: Decimal | None = None

    @property
    def published_differs(self) -> bool:
        """A typed score that matches no rule (Scoring §7): differs at two decimals."""
        return self.published_score is not None and round(float(self.published_score), 2) != \
            round(self.score, 2)


@dataclass(frozen=True, slots=True)
class AreaScore:
    number: str
    name: str
    kind: AreaKind
    weight: Decimal | None
    score: float
    maximum: float
    indicators: tuple[IndicatorScore, ...]


class RatedTotal:
    """The percent and band of a scored total, for the plan scores of both engines (the
    rule-by-rule `PlanScore` and the columnar `bulk_plans.PlanTotals`)."""

    __slots__ = ()
    total: float
    maximum: float
    rated: bool

    @property
    def percent(self) -> float:
        """The score as a percent of the maximum (the figure published and ranked, §6)."""
        return self.total / self.maximum * 100.0 if self.maximum else 0.0

    @property
    def rating(self) -> str:
        """The unofficial band, or NOT_RATED while nothing is reported."""
        return rating(self.percent) if self.rated else NOT_RATED


@dataclass(frozen=True, slots=True)
class PlanScore(RatedTotal):
    plan_id: str
    kind: PlanKind
    office: str
    fiscal_year: str
    rule_set: str
    total: float
    maximum: float
    areas: tuple[AreaScore, ...] = field(default=())
    # False while nothing is reported yet: "not yet rated", no band and no rank, never
    # "poor" at 0.00 (issue 12 rule 7).
    rated: bool = True


    @property
    def indicators(self) -> tuple[IndicatorScore, ...]:
        return tuple(i for a in self.areas for i in a.indicators)

    def indicator(self, ref: str) -> IndicatorScore | None:
        return next((i for i in self.indicators if i.ref == ref), None)

    @property
    def indicator_count(self) -> int:
        return len(self.indicators)

    @property
    def full_marks_count(self) -> int:
        """"N of M indicators at 100 %" (§6)."""
        return sum(1 for i in self.indicators if i.raw_percent is not None and
                   i.raw_percent >= 100.0)


NOT_RATED = "not_rated"  # nothing reported yet: no band, no rank

RATING_BANDS: tuple[tuple[float, str], ...] = (
    (90.0, "excellent"),
    (80.0, "very_good"),
    (70.0, "good"),
    (60.0, "fair"),
)


def rating(percent: float) -> str:
    """The unofficial band (§6): 90-100 excellent, 80 very good, 70 good, 60 fair, else poor."""
    for floor, name in RATING_BANDS:
        if percent >= floor:
            return name
    return "poor"


# ---------------------------------------------------------------- plan scoring


def _weight(indicator: Indicator) -> float:
    return float(indicator.weight) if indicator.weight is not None else 0.0


def _not_applicable_here(plan: Plan, activity_tiers: tuple[Tier, ...]) -> bool:
    return plan.office_tier is not None and plan.office_tier in activity_tiers


def score_indicator(
    plan: Plan,
    area: Area,
    indicator: Indicator,
    progress: Sequence[ProgressValue],
    rules: RuleSet,
    linked: Mapping[PlanKind, PlanScore] | None = None,
    *,
    tier_excluded: bool = False,
) -> IndicatorScore:
    ref = indicator_ref(area, indicator)
    weight = _weight(indicator)
    published = next((p.published_score for p in reversed(progress)
                      if p.published_score is not None), None)

    def result(ach: Achievement, raw: float | None, status: Status, maximum: float = weight,
               linked_id: str | None = None) -> IndicatorScore:
        score = weight * raw / 100.0 if raw is not None else 0.0
        return IndicatorScore(ref, indicator.number, indicator.name, indicator.weight, ach, raw,
                              score, maximum, status, linked_id, published)

    if tier_excluded or target_not_applicable(indicator):
        return result(Achievement(NotApplicable(), not_applicable=True), None,
                      Status.NOT_APPLICABLE, 0.0)

    if indicator.feeds_from is not None:
        # Governance indicator fed by an action plan (§5): its value is the plan's score so far.
        plan_score = (linked or {}).get(indicator.feeds_from)
        if plan_score is None:
            return result(Achievement(None), None, Status.PLAN_MISSING)
        if not plan_score.rated:  # the plan has nothing reported yet: neither has this
            return result(Achievement(None), None, Status.NOT_REPORTED,
                          linked_id=plan_score.plan_id)
        if rules.governance_formula is GovernanceFormula.RAW_MARKS:
            marks = min(plan_score.total, weight)
            raw = marks / weight * 100.0 if weight else 0.0
        else:
            raw = plan_score.percent
        value = Number(Decimal(str(round(weight * raw / 100.0, 6))))
        return result(Achievement(value), raw, Status.SCORED, linked_id=plan_score.plan_id)

    ach = annual_achievement(indicator, progress)
    if ach.not_applicable:
        return result(ach, None, Status.NOT_APPLICABLE, 0.0)
    if not is_single_target(indicator, plan.kind):
        oriented = oriented_levels(indicator, rules)
        if ach.value is None:  # not reported
            status = Status.NOT_REPORTED if oriented[0] else Status.NO_TARGET
            return result(ach, None, status)
        level_raw = five_level_percent(indicator, ach.value, rules, oriented)
        return result(ach, level_raw,
                      Status.SCORED if level_raw is not None else Status.NO_TARGET)
    target_raw = single_target_percent(indicator, ach, progress, rules)
    if target_raw is None:
        return result(ach, None, Status.NO_TARGET)
    if not ach.reported:
        return result(ach, None, Status.NOT_REPORTED)
    return result(ach, target_raw, Status.SCORED)


def _apply_fallbacks(scores: dict[str, IndicatorScore], plan: Plan) -> dict[str, IndicatorScore]:
    """A fallback counts only when its main indicator cannot (Scoring §8).

    If the main indicator is not applicable (no complaint was received), the fallback takes its
    place; otherwise the fallback leaves the maximum.
    """
    out = dict(scores)
    for area in plan.areas:
        for ind in area.indicators:
            if ind.fallback_for is None:
                continue
            ref = indicator_ref(area, ind)
            main = scores.get(ind.fallback_for)
            if main is not None and main.status is not Status.NOT_APPLICABLE:
                s = scores[ref]
                out[ref] = IndicatorScore(s.ref, s.number, s.name, s.weight, s.achievement,
                                          None, 0.0, 0.0, Status.FALLBACK_UNUSED,
                                          None, s.published_score)
    return out


def score_plan(
    plan: Plan,
    rules: RuleSet | None = None,
    linked: Mapping[PlanKind, PlanScore] | None = None,
    *,
    through: Quarter | None = None,
) -> PlanScore:
    """Score one plan; `linked` holds the scores of the action plans feeding governance
    indicators; `through` limits the progress to the quarters up to and including it."""
    rules = rules or rule_set_for(plan.fiscal_year)
    engine = FRAMEWORKS.get(rules.framework)
    if engine is None:
        raise ValueError(f"no scoring engine for framework {rules.framework!r}")
    return engine(plan, rules, linked or {}, through)


def _score_apa_framework(
    plan: Plan,
    rules: RuleSet,
    linked: Mapping[PlanKind, PlanScore],
    through: Quarter | None,
) -> PlanScore:
    allowed = set(QUARTERS[: QUARTERS.index(through) + 1]) if through else set(QUARTERS)
    progress_by_ref: dict[str, list[ProgressValue]] = {}
    for pv in plan.progress:
        if pv.quarter in allowed:
            progress_by_ref.setdefault(pv.indicator, []).append(pv)

    refs = plan.indicator_refs()
    fallbacks = frozenset(r for r, i in refs.items() if i.fallback_for is not None)
    scores: dict[str, IndicatorScore] = {}
    for area in plan.areas:
        for activity in area.activities:
            excluded = _not_applicable_here(plan, activity.not_applicable_tiers)
            for ind in activity.indicators:
                ref = indicator_ref(area, ind)
                scores[ref] = score_indicator(plan, area, fallback_weighted(ind, refs),
                                              progress_by_ref.get(ref, ()),
                                              rules, linked, tier_excluded=excluded)
    scores = _apply_fallbacks(scores, plan)

    areas = []
    for area in plan.areas:
        ind_scores = tuple(scores[indicator_ref(area, i)] for i in area.indicators)
        areas.append(AreaScore(area.number, area.name, area.kind, area.weight,
                               sum(s.score for s in ind_scores),
                               stated_maximum(area.weight, ind_scores, fallbacks), ind_scores))
    all_scores = tuple(s for a in areas for s in a.indicators)
    return PlanScore(
        plan_id=plan.id, kind=plan.kind, office=plan.office, fiscal_year=plan.fiscal_year,
        rule_set=rules.name,
        total=sum(a.score for a in areas),
        maximum=stated_maximum(stated_total(plan), all_scores, fallbacks),
        areas=tuple(areas),
        rated=any(s.status is Status.SCORED for s in all_scores),
    )


def fallback_weighted(indicator: Indicator, refs: Mapping[str, Indicator]) -> Indicator:
    """A fallback without a weight of its own takes its main indicator's (Scoring §10: it has
    no weight of its own; issue 12 rule 6)."""
    if indicator.fallback_for is None or indicator.weight is not None:
        return indicator
    main = refs.get(indicator.fallback_for)
    if main is None or main.weight is None:
        return indicator
    from dataclasses import replace

    return replace(indicator, weight=main.weight)


def stated_total(plan: Plan) -> Decimal | None:
    """The plan's stated total (মোট মান): as written, else the sum of its areas' stated weights
    where every area states one; None where neither is stated."""
    if plan.total_weight is not None:
        return plan.total_weight
    if plan.areas and all(a.weight is not None for a in plan.areas):
        return sum((a.weight for a in plan.areas if a.weight is not None), Decimal(0))
    return None


def stated_maximum(stated: Decimal | None, scores: Sequence[IndicatorScore],
                   fallbacks: frozenset[str] = frozenset()) -> float:
    """The maximum a plan (or area) can earn: its stated total less what left it.

    The percent is earned ÷ the stated total (Scoring §10; issue 12 rule 2): weights that do
    not add up are an error to fix (validation), never a reason to rescale, so missing or
    weightless indicators do not shrink the maximum. What leaves it: indicators not applicable
    (written as progress, as the target or as a level, or not for the office's tier). A
    fallback (`fallbacks`: their refs) is not part of a stated total; in use, it takes its main
    indicator's place and brings that weight back. Without a stated total, the indicators' own
    maxima add up.
    """
    if stated is None:
        return sum(s.maximum for s in scores)
    left = 0.0
    for s in scores:
        if s.ref in fallbacks:
            left -= s.maximum  # 0 unless in use
        elif s.status is Status.NOT_APPLICABLE:
            left += float(s.weight) if s.weight is not None else 0.0
    return max(float(stated) - left, 0.0)


FrameworkEngine = Callable[[Plan, RuleSet, Mapping[PlanKind, PlanScore], "Quarter | None"],
                           PlanScore]
FRAMEWORKS: dict[str, FrameworkEngine] = {"apa": _score_apa_framework}


# ---------------------------------------------------------------- many plans, offices


def _office_year(plan: Plan) -> tuple[str, str]:
    return plan.office, plan.fiscal_year


def score_plans(
    plans: Sequence[Plan],
    rules: RuleSet | None = None,
    *,
    through: Quarter | None = None,
) -> list[PlanScore]:
    """Score a set of plans; action plans first, so that their scores feed the APA's
    governance indicators of the same office and year (or of the APA they are annexes of)."""
    action_scores: dict[str, PlanScore] = {}
    by_office: dict[tuple[str, str], dict[PlanKind, PlanScore]] = {}
    by_parent: dict[str, dict[PlanKind, PlanScore]] = {}
    for plan in plans:
        if plan.kind in ACTION_PLAN_KINDS:
            s = score_plan(plan, rules, through=through)
            action_scores[plan.id or str(id(plan))] = s
            by_office.setdefault(_office_year(plan), {})[plan.kind] = s
            if plan.parent:
                by_parent.setdefault(plan.parent, {})[plan.kind] = s
    out = []
    for plan in plans:
        if plan.kind in ACTION_PLAN_KINDS:
            out.append(action_scores[plan.id or str(id(plan))])
        else:
            linked = {**by_office.get(_office_year(plan), {}), **by_parent.get(plan.id, {})}
            out.append(score_plan(plan, rules, linked, through=through))
    return out


def office_score(plan_scores: Iterable[PlanScore]) -> PlanScore | None:
    """An office's score for the year: its APA's (which already holds the action plans)."""
    for s in plan_scores:
        if s.kind is PlanKind.APA:
            return s
    return None


def dense_rank(scores: Mapping[str, float]) -> dict[str, int]:
    """Dense ranking (§6): ties share a rank ("৮ম (যৌথভাবে)"), the next takes the next rank.

    Scores are compared at two decimals, the precision at which results are published.
    """
    distinct = sorted({round(v, 2) for v in scores.values()}, reverse=True)
    rank_of = {v: i + 1 for i, v in enumerate(distinct)}
    return {key: rank_of[round(v, 2)] for key, v in scores.items()}


# ---------------------------------------------------------------- projection


def _extrapolate(indicator: Indicator, ach: Achievement, through: Quarter) -> Value | None:
    """The year-end achievement if the pace so far holds (sum: scaled to four quarters; a
    quarterly path, where the plan gives one, scales by the targets due so far)."""
    method = default_method(indicator)
    if ach.value is None or method is not CalculationMethod.SUM:
        return ach.value
    value = ach.value
    if not isinstance(value, Number | Percent | Money):
        return value
    n = value.value
    elapsed = QUARTERS[: QUARTERS.index(through) + 1]
    due = [numeric(indicator.quarterly_target(q)) for q in elapsed]
    target = numeric(indicator.annual_target) or numeric(indicator.levels.v100)
    due_sum = sum((d for d in due if d is not None), Decimal(0))
    if target is not None and due_sum > 0:
        projected = n / due_sum * target
    else:
        projected = n * Decimal(4) / Decimal(len(elapsed))
    return type(value)(projected)


def projected_plan(plan: Plan, through: Quarter) -> Plan:
    """The plan with its progress replaced by a projected year-end value per indicator.

    Sums are extrapolated along the quarterly path (or linearly); averages, cumulative values
    and dates keep their value so far. Scoring this plan gives the projected year-end score.
    """
    from dataclasses import replace

    allowed = set(QUARTERS[: QUARTERS.index(through) + 1])
    projected: list[ProgressValue] = []
    for area in plan.areas:
        for ind in area.indicators:
            ref = indicator_ref(area, ind)
            pvs = [p for p in plan.progress if p.indicator == ref and p.quarter in allowed]
            ach = annual_achievement(ind, pvs)
            value = _extrapolate(ind, ach, through)
            if value is not None:
                projected.append(ProgressValue(ref, Quarter.Q4, value))
    return replace(plan, progress=tuple(projected))


def projected_score(plans: Sequence[Plan], through: Quarter) -> list[PlanScore]:
    """Projected year-end scores of a set of plans from the quarters reported so far."""
    return score_plans([projected_plan(p, through) for p in plans])


# ---------------------------------------------------------------- score so far (issue 12 rule 10)


def _scaled(value: Value | None, factor: Decimal) -> Value | None:
    if isinstance(value, Number | Percent | Money):
        return type(value)(value.value * factor)
    return value


def _due_factor(indicator: Indicator, through: Quarter, kind: PlanKind) -> Decimal | None:
    """The share of the annual target due by the end of `through`; None: the target stands.

    Summed indicators follow their quarterly targets where given (Σ due ÷ annual), else an even
    path (quarters elapsed ÷ 4); cumulative ones the latest quarterly target due. Averages,
    percents and dates are measured as they are (a rate or a deadline is not pro rata).
    """
    method = default_method(indicator)
    if method not in (CalculationMethod.SUM, CalculationMethod.CUMULATIVE):
        return None
    annual = numeric(single_target(indicator)) if is_single_target(indicator, kind) \
        else numeric(indicator.levels.v100)
    if annual is None or annual <= 0:
        return None
    elapsed = QUARTERS[: QUARTERS.index(through) + 1]
    due = [numeric(indicator.quarterly_target(q)) for q in elapsed]
    given = [d for d in due if d is not None]
    if not indicator.quarterly_targets:
        if method is CalculationMethod.CUMULATIVE:
            return None
        return Decimal(len(elapsed)) / Decimal(4)
    if method is CalculationMethod.CUMULATIVE:
        return (given[-1] / annual) if given else Decimal(0)
    return sum(given, Decimal(0)) / annual


def targets_due_plan(plan: Plan, through: Quarter) -> Plan:
    """The plan with each target replaced by the part due by the end of `through`.

    More-is-better levels and the single target are scaled by `_due_factor`; an indicator with
    nothing due yet leaves the maximum ("প্রযোজ্য নয়" as its target) until something is due.
    """
    from dataclasses import replace

    def due(ind: Indicator) -> Indicator:
        factor = _due_factor(ind, through, plan.kind)
        if factor is None:
            return ind
        if factor == 0:
            return replace(ind, annual_target=NotApplicable())
        pairs = [v for _, v in ind.levels.as_pairs()]
        nums = [n for n in map(numeric, pairs) if n is not None]
        if len(nums) >= 2 and nums[0] < nums[-1]:  # less is better: not pro rata
            return ind
        levels = type(ind.levels)(*(_scaled(v, factor) for v in pairs))
        return replace(ind, levels=levels, annual_target=_scaled(ind.annual_target, factor))

    areas = tuple(
        replace(area, activities=tuple(
            replace(act, indicators=tuple(due(i) for i in act.indicators))
            for act in area.activities))
        for area in plan.areas)
    return replace(plan, areas=areas)


def score_so_far(
    plans: Sequence[Plan], through: Quarter, rules: RuleSet | None = None,
) -> list[PlanScore]:
    """The quarterly "score so far" of a set of plans, by the rule set's switch: against the
    annual targets (the score the office has today) or against the targets due to date.

    Callers pass only plans in force and values submitted, never drafts (the supervisor's
    "at risk" and projection count those alone).
    """
    if not plans:
        return []
    rules = rules or rule_set_for(plans[0].fiscal_year)
    if rules.score_so_far is ScoreSoFar.DUE_TO_DATE:
        plans = [targets_due_plan(p, through) for p in plans]
    return score_plans(plans, rules, through=through)
