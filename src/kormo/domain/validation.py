"""Quality checks on a plan before it is submitted (DOMAIN.md, Scoring §9).

`validate_plan(plan)` runs every check and returns findings: a code from `FindingCode`, a
severity (errors block submission, warnings do not), the place (an indicator reference such as
"1.1.1" or "G1.1.1", "activity 1.2", "area 1" / "area G1", or "plan") and parameters from which
the message is written in Bengali and English by the one catalogue in `kormo.domain.findings`.

Each rule is one small function below; the comment above it cites the rule it implements and
says where this module had to choose. The checks only read the plan: a plan that fails them is
still a plan (importers keep damaged documents as they are and let these checks say what is
wrong with them).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Any

from kormo.domain.calendar import FiscalYear, FiscalYearError, quarter_range
from kormo.domain.digits import to_latin_digits
from kormo.domain.findings import (
    ANNUAL_TARGET,
    CATALOGUE,
    LEVELS_RULE_DATES,
    LEVELS_RULE_NUMBERS,
    NOTHING,
    AsWritten,
    FindingCode,
    Param,
    Severity,
    actual_words,
    joined,
    level_words,
    parent_words,
    period_words,
    progress_words,
    projection_words,
    quarter_words,
    quarterly_target_words,
    render,
    unit_words,
    value_kind_words,
)
from kormo.domain.plan import (
    Activity,
    Area,
    AreaKind,
    CalculationMethod,
    Indicator,
    Plan,
    PlanKind,
    Unit,
    indicator_ref,
)
from kormo.domain.scoring import is_single_target
from kormo.domain.values import (
    Blank,
    DateValue,
    Money,
    MonthValue,
    NotApplicable,
    Number,
    Percent,
    Value,
    as_date,
    is_given,
    numeric,
)

__all__ = [
    "Finding",
    "FindingCode",
    "Severity",
    "findings_to_json",
    "has_errors",
    "number_cell_findings",
    "validate_plan",
]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a check found wrong with a plan; its words come from the catalogue."""

    code: FindingCode
    severity: Severity
    place: str
    params: tuple[tuple[str, Param], ...] = ()

    @property
    def message_bn(self) -> str:
        return render(self.code, "bn", self.place, self.params)

    @property
    def message_en(self) -> str:
        return render(self.code, "en", self.place, self.params)

    @property
    def blocks_submission(self) -> bool:
        return self.severity is Severity.ERROR


def _finding(code: FindingCode, place: str, *, severity: Severity | None = None,
             **params: Param) -> Finding:
    return Finding(code, severity or CATALOGUE[code].severity, place, tuple(params.items()))


def has_errors(findings: Iterable[Finding]) -> bool:
    """True when a finding blocks submission (DOMAIN.md, Scoring §9: errors block, warnings
    do not)."""
    return any(f.severity is Severity.ERROR for f in findings)


def findings_to_json(findings: Iterable[Finding]) -> list[dict[str, Any]]:
    """The findings as plain data for `kormo validate --json` and the API."""
    return [
        {
            "code": f.code.value,
            "severity": f.severity.value,
            "place": f.place,
            "message_bn": f.message_bn,
            "message_en": f.message_en,
        }
        for f in findings
    ]


# ---------------------------------------------------------------- the plan, walked once


@dataclass(frozen=True, slots=True)
class _Period:
    """The period a plan's dates must fall in: a fiscal year, or a calendar year (work plans
    such as seed 003 are for "2017")."""

    label: str
    start: dt.date
    end: dt.date
    fiscal_year: FiscalYear | None  # None for a calendar year: it has no fiscal quarters

    def contains(self, d: dt.date) -> bool:
        return self.start <= d <= self.end

    def words(self) -> Param:
        return period_words(self.label, self.fiscal_year is None)


_CALENDAR_YEAR = re.compile(r"^\s*(\d{4})\s*$")


def _period_of(fiscal_year: str) -> _Period | None:
    """The plan's period, or None when its fiscal_year cannot be read."""
    m = _CALENDAR_YEAR.match(to_latin_digits(fiscal_year))
    if m is not None:
        year = int(m[1])
        return _Period(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31), None)
    try:
        fy = FiscalYear.parse(fiscal_year)
    except FiscalYearError:
        return None
    return _Period(str(fy), fy.start, fy.end, fy)


def _start_year(label: str) -> int | None:
    """The first calendar year of a year label ("2021-22" → 2021, "2016" → 2016)."""
    period = _period_of(label)
    return None if period is None else period.start.year


@dataclass(frozen=True, slots=True)
class _Row:
    """An indicator with what surrounds it."""

    area: Area
    activity: Activity
    indicator: Indicator
    ref: str


@dataclass(frozen=True, slots=True)
class _Context:
    plan: Plan
    period: _Period | None
    rows: tuple[_Row, ...]
    refs: Mapping[str, Indicator] = field(default_factory=dict)


def _context(plan: Plan) -> _Context:
    rows = tuple(
        _Row(area, activity, ind, indicator_ref(area, ind))
        for area in plan.areas
        for activity in area.activities
        for ind in activity.indicators
    )
    return _Context(plan, _period_of(plan.fiscal_year), rows, plan.indicator_refs())


def _g(area: Area) -> str:
    return "G" if area.kind is AreaKind.GOVERNANCE else ""


def _area_place(area: Area) -> str:
    return f"area {_g(area)}{area.number}"


def _activity_place(area: Area, activity: Activity) -> str:
    return f"activity {_g(area)}{activity.number}"


# ---------------------------------------------------------------- weights


def _check_area_weights(ctx: _Context) -> Iterator[Finding]:
    """DOMAIN.md, Structure rules / Scoring §9: an area's weight is the sum of its indicators'.

    A fallback indicator (Scoring §8) counts only instead of its main indicator, so its weight is
    not added. Areas without indicators, or with an indicator whose weight is missing, are left
    to AREA_EMPTY / ACTIVITY_WITHOUT_INDICATOR / WEIGHT_MISSING instead of a sum that cannot be
    right.
    """
    for area in ctx.plan.areas:
        counted = [i for i in area.indicators if i.fallback_for is None]
        if area.weight is None or not counted or any(i.weight is None for i in counted):
            continue
        total = sum((i.weight for i in counted if i.weight is not None), Decimal(0))
        if total != area.weight:
            yield _finding(FindingCode.AREA_WEIGHT_MISMATCH, _area_place(area),
                           actual=total, expected=area.weight)


_APA_TOTAL = Decimal(100)


def _check_plan_weight(ctx: _Context) -> Iterator[Finding]:
    """DOMAIN.md, Scoring §4 and §9: the areas add up to the plan's total weight; an APA (its
    office areas and the governance area together) totals 100, also when the file states no
    total."""
    plan = ctx.plan
    expected = plan.total_weight
    if expected is None and plan.kind is PlanKind.APA:
        expected = _APA_TOTAL
    if expected is None or not plan.areas or any(a.weight is None for a in plan.areas):
        return
    total = sum((a.weight for a in plan.areas if a.weight is not None), Decimal(0))
    if total != expected:
        yield _finding(FindingCode.PLAN_WEIGHT_MISMATCH, "plan", actual=total, expected=expected)


def _check_weights_missing(ctx: _Context) -> Iterator[Finding]:
    """DOMAIN.md glossary (মান): areas and indicators of scored plans have a weight.

    Indicator weights are expected in an APA and in the action plans (every layout prints
    "সূচকের মান"). Area weights are expected in an APA and wherever the plan states a total or
    weighs some of its areas (an action-plan layout either has the area-weight column or not).
    """
    plan = ctx.plan
    scored = plan.kind is PlanKind.APA or plan.kind.is_action_plan
    areas_weighed = (
        plan.kind is PlanKind.APA
        or plan.total_weight is not None
        or any(a.weight is not None for a in plan.areas)
    )
    for area in plan.areas:
        if areas_weighed and area.weight is None:
            yield _finding(FindingCode.WEIGHT_MISSING, _area_place(area))
        if scored:
            for ind in area.indicators:
                if ind.fallback_for is not None:
                    continue  # a fallback takes its main indicator's weight (Scoring §10)
                if ind.weight is None:
                    yield _finding(FindingCode.WEIGHT_MISSING, indicator_ref(area, ind))
                elif ind.weight == 0:
                    # Issue 12 rule 2: a weightless indicator is an error, never a reason to
                    # rescale the plan's percent.
                    yield _finding(FindingCode.WEIGHT_ZERO, indicator_ref(area, ind))


def _check_area_empty(ctx: _Context) -> Iterator[Finding]:
    """An area without activities cannot earn its weight (DOMAIN.md, Scoring §4)."""
    for area in ctx.plan.areas:
        if not area.activities:
            yield _finding(FindingCode.AREA_EMPTY, _area_place(area))


def _check_activity_indicators(ctx: _Context) -> Iterator[Finding]:
    """An activity is measured by its indicators (DOMAIN.md glossary: কার্যক্রম, সূচক)."""
    for area in ctx.plan.areas:
        for activity in area.activities:
            if not activity.indicators:
                yield _finding(FindingCode.ACTIVITY_WITHOUT_INDICATOR,
                               _activity_place(area, activity))


def _check_choose_at_least(ctx: _Context) -> Iterator[Finding]:
    """DOMAIN.md, Structure rules: "some sections ask to pick at least N activities from a
    list" (seed 002 section 8: কমপক্ষে ৩টি)."""
    for area in ctx.plan.areas:
        n = area.choose_at_least
        if n is not None and len(area.activities) < n:
            yield _finding(FindingCode.CHOOSE_AT_LEAST_NOT_MET, _area_place(area),
                           expected=n, actual=len(area.activities))


# ---------------------------------------------------------------- target levels


def _is_governance_marks(area: Area, ind: Indicator) -> bool:
    """A governance indicator scored by an action plan (DOMAIN.md, Scoring §5): no levels."""
    return ind.unit is Unit.MARKS and (
        ind.feeds_from is not None or area.kind is AreaKind.GOVERNANCE
    )


def _check_level_100(ctx: _Context) -> Iterator[Finding]:
    """DOMAIN.md, Scoring §9: each five-level indicator has at least the 100 % level.

    An indicator is five-level when any level is given. Single-target indicators (an annual
    target, Scoring §3) and governance indicators in marks (Scoring §5) have no levels to need.
    """
    for row in ctx.rows:
        ind = row.indicator
        if ind.annual_target is not None or _is_governance_marks(row.area, ind):
            continue
        given = [v for _, v in ind.levels.as_pairs() if is_given(v)]
        if given and not is_given(ind.levels.v100):
            yield _finding(FindingCode.LEVEL_100_MISSING, row.ref)


def _level_keys(ind: Indicator) -> list[tuple[Value, Decimal]]:
    """The given levels, best first, that can be compared in the indicator's unit (a date
    as its day number, so one indicator's keys are always of one type)."""
    keys: list[tuple[Value, Decimal]] = []
    for _, v in ind.levels.as_pairs():
        if v is None or not is_given(v):
            continue  # DOMAIN.md, Scoring §2: blank levels are skipped
        day = as_date(v) if ind.unit is Unit.DATE else None
        key = Decimal(day.toordinal()) if day is not None else (
            None if ind.unit is Unit.DATE else numeric(v))
        if key is not None:
            keys.append((v, key))
    return keys


def _check_level_order(ctx: _Context) -> Iterator[Finding]:
    """DOMAIN.md, Structure rules and Scoring §2/§9: levels strictly ordered one way.

    Numbers descend (more is better) or ascend (less is better); dates run later (earlier is
    better, confirmed). A value given at two levels is LEVELS_REPEATED; a direction that turns
    is LEVELS_NOT_ORDERED.
    """
    for row in ctx.rows:
        keys = _level_keys(row.indicator)
        if len(keys) < 2:
            continue
        counts = Counter(k for _, k in keys)
        repeated = next((v for v, k in keys if counts[k] > 1), None)
        if repeated is not None:
            yield _finding(FindingCode.LEVELS_REPEATED, row.ref, value=repeated)
        steps = [b > a for (_, a), (_, b) in pairwise(keys) if a != b]
        is_date = row.indicator.unit is Unit.DATE
        turns = (not all(steps)) if is_date else (len(set(steps)) > 1)
        if turns:
            yield _finding(FindingCode.LEVELS_NOT_ORDERED, row.ref,
                           levels=joined(v for v, _ in keys),
                           rule=LEVELS_RULE_DATES if is_date else LEVELS_RULE_NUMBERS)


# ---------------------------------------------------------------- dates


def _check_fiscal_year(ctx: _Context) -> Iterator[Finding]:
    """Dates are checked against the plan's year (DOMAIN.md glossary, অর্থবছর); say so when
    that year cannot be read."""
    if ctx.period is None:
        yield _finding(FindingCode.FISCAL_YEAR_UNREADABLE, "plan", year=ctx.plan.fiscal_year)


def _month_range(v: Value) -> tuple[dt.date, dt.date] | None:
    if isinstance(v, DateValue):
        return v.value, v.value
    if isinstance(v, MonthValue):
        return dt.date(v.year, v.month, 1), v.last_day()
    return None


def _check_dates_in_year(ctx: _Context) -> Iterator[Finding]:
    """DOMAIN.md, Scoring §9: dates inside the fiscal year (a calendar year for work plans).

    Checked for date indicators: their levels, annual target, quarterly targets and progress
    values. A quarterly target inside the year but outside its own quarter (DOMAIN.md glossary,
    কোয়ার্টার) is only a warning: documents put a quarter's deadline a few days late. Values
    that are no dates are left to VALUE_UNIT_MISMATCH; past actuals and projections belong to
    other years.
    """
    period = ctx.period
    if period is None:
        return

    def outside(place: str, where: Param, v: Value) -> Finding | None:
        span = _month_range(v)
        if span is None or (period.contains(span[0]) and period.contains(span[1])):
            return None
        return _finding(FindingCode.DATE_OUTSIDE_YEAR, place, where=where, date=v,
                        period=period.words(), start=period.start, end=period.end)

    for row in ctx.rows:
        ind = row.indicator
        if ind.unit is not Unit.DATE:
            continue
        checked: list[tuple[Param, Value | None]] = [
            (level_words(p), v) for p, v in ind.levels.as_pairs()
        ]
        checked.append((ANNUAL_TARGET, ind.annual_target))
        for where, v in checked:
            if v is not None and (f := outside(row.ref, where, v)) is not None:
                yield f
        for quarter, v in ind.quarterly_targets:
            where = quarterly_target_words(quarter)
            if (f := outside(row.ref, where, v)) is not None:
                yield f
            elif period.fiscal_year is not None and (span := _month_range(v)) is not None:
                q_start, q_end = quarter_range(period.fiscal_year, quarter)
                if not (q_start <= span[0] and span[1] <= q_end):
                    yield _finding(FindingCode.QUARTER_DATE_OUTSIDE_QUARTER, row.ref,
                                   where=where, date=v, start=q_start, end=q_end)
    for pv in ctx.plan.progress:
        target = ctx.refs.get(pv.indicator)
        if target is None or target.unit is not Unit.DATE or pv.value is None:
            continue
        if (f := outside(pv.indicator, progress_words(pv.quarter), pv.value)) is not None:
            yield f


# ---------------------------------------------------------------- targets


# DOMAIN.md glossary (একক): units that are counted and so add up over the quarters.
_SUMMED_UNITS = frozenset({Unit.COUNT, Unit.PERSONS, Unit.ITEMS, Unit.LAKH_TAKA, Unit.TAKA})


def _is_summed(ind: Indicator, kind: PlanKind) -> bool:
    """A সমষ্টি indicator: stated so, or (no method printed, as in the single-target action
    plans of seeds 001/002) a single target counted in a summed unit — the annual target, or
    a monitoring page's only 100 % column (issue 12 rule 5: `scoring.is_single_target`)."""
    if ind.calculation_method is not None:
        return ind.calculation_method is CalculationMethod.SUM
    single = ind.annual_target is not None or (
        ind.levels.v100 is not None and is_single_target(ind, kind))
    return single and ind.unit in _SUMMED_UNITS


def _year_target(ind: Indicator) -> Value | None:
    """This year's target: the single annual target, else the 100 % level."""
    return ind.annual_target if ind.annual_target is not None else ind.levels.v100


def _check_quarterly_sum(ctx: _Context) -> Iterator[Finding]:
    """DOMAIN.md, Scoring §9 (and §1: সমষ্টি = sum of the quarters): the quarterly targets of a
    sum indicator add up to the annual target. A "-" quarter plans nothing (adds 0)."""
    for row in ctx.rows:
        ind = row.indicator
        if not ind.quarterly_targets or not _is_summed(ind, ctx.plan.kind):
            continue
        target = _year_target(ind)
        t = numeric(target)
        values = [v for _, v in ind.quarterly_targets]
        if target is None or t is None or not any(numeric(v) is not None for v in values):
            continue
        if any(numeric(v) is None and is_given(v) for v in values):
            continue  # a date or month among them: VALUE_UNIT_MISMATCH says so
        total = sum((numeric(v) or Decimal(0) for v in values), Decimal(0))
        if total != t:
            # The sum is shown in the target's own kind: "৯,০০০/-" against "১২,০০০/-".
            kind = type(target) if isinstance(target, Number | Percent | Money) else Number
            yield _finding(FindingCode.QUARTERLY_SUM_MISMATCH, row.ref, actual=kind(total),
                           expected=target)


def _more_is_better(ind: Indicator) -> bool:
    """DOMAIN.md, Scoring §2: v100 < v60 means less is better; with one level only (or a single
    target), more is better."""
    keys = [k for _, k in _level_keys(ind)]
    return not (len(keys) >= 2 and keys[0] < keys[-1])


def _check_projections(ctx: _Context) -> Iterator[Finding]:
    """DOMAIN.md, Scoring §9: projections not below the target for "more is better".

    For date indicators (our choice, documented here): a projection is a date of a later year,
    so a projected date that is not after the end of this plan's year is warned about
    (PROJECTION_DATE_IN_YEAR).
    """
    for row in ctx.rows:
        ind = row.indicator
        if ind.unit is Unit.DATE:
            if ctx.period is None:
                continue
            for p in ind.projections:
                projected, d = p.value, as_date(p.value)
                if projected is not None and d is not None and d <= ctx.period.end:
                    yield _finding(FindingCode.PROJECTION_DATE_IN_YEAR, row.ref,
                                   year=p.fiscal_year, date=projected, end=ctx.period.end)
            continue
        target = _year_target(ind)
        t = numeric(target)
        if t is None or target is None or not _more_is_better(ind):
            continue
        for p in ind.projections:
            x = numeric(p.value)
            if x is not None and p.value is not None and x < t:
                yield _finding(FindingCode.PROJECTION_BELOW_TARGET, row.ref,
                               year=p.fiscal_year, actual=p.value, expected=target)


# ---------------------------------------------------------------- numbering


def _number_key(number: str) -> tuple[int | str, ...]:
    """"1.02.1" → (1, 2, 1): leading zeros and Bengali digits do not make a new number."""
    parts = to_latin_digits(number).strip().strip("[]").split(".")
    return tuple(int(p) if p.strip().isdigit() else p.strip() for p in parts)


def _check_numbering(ctx: _Context) -> Iterator[Finding]:
    """DOMAIN.md, Structure rules and Scoring §9: numbering unique and consistent.

    Area [1], activity [1.1], indicator [1.1.1]. Numbers are unique within an area kind: the
    APA's governance area starts again at [1] (seed 000). Action plans may number an activity's
    single indicator like the activity itself ("Action plans use 1, 1.1"), so an indicator
    numbered as its activity is consistent. Some action-plan forms name their areas without
    numbers and number all activities on from the first area's [1] ([1.1] in one area, [1.2],
    [1.3] in the next: the right-to-information form of seed 001); an action plan numbered that
    way throughout is consistent too.
    """
    seen: set[tuple[str, AreaKind, tuple[int | str, ...]]] = set()
    plan = ctx.plan
    prefixes = {_number_key(act.number)[:-1] for area in plan.areas for act in area.activities}
    numbered_across = (plan.kind.is_action_plan and len(plan.areas) > 1
                       and prefixes == {_number_key(plan.areas[0].number)})

    def duplicate(what: str, kind: AreaKind, number: str) -> bool:
        key = (what, kind, _number_key(number))
        if key in seen:
            return True
        seen.add(key)
        return False

    for area in ctx.plan.areas:
        governance = area.kind is AreaKind.GOVERNANCE
        area_key = _number_key(area.number)
        if duplicate("area", area.kind, area.number):
            yield _finding(FindingCode.NUMBER_DUPLICATE, _area_place(area))
        for activity in area.activities:
            place = _activity_place(area, activity)
            act_key = _number_key(activity.number)
            if duplicate("activity", area.kind, activity.number):
                yield _finding(FindingCode.NUMBER_DUPLICATE, place)
            if act_key[:-1] != area_key and not numbered_across:
                yield _finding(FindingCode.NUMBER_INCONSISTENT, place,
                               parent=parent_words("area", area.number, governance))
            for ind in activity.indicators:
                ref = indicator_ref(area, ind)
                ind_key = _number_key(ind.number)
                if duplicate("indicator", area.kind, ind.number):
                    yield _finding(FindingCode.NUMBER_DUPLICATE, ref)
                # A fallback may be numbered one level deeper, under its main indicator
                # ([১.১.১.১]; Scoring §10, issue 12 rule 6).
                deeper = ind.fallback_for is not None and ind_key[:-2] == act_key
                if ind_key != act_key and ind_key[:-1] != act_key and not deeper:
                    yield _finding(FindingCode.NUMBER_INCONSISTENT, ref,
                                   parent=parent_words("activity", activity.number, governance))


# ---------------------------------------------------------------- number cells as written

_BN_DIGITS = frozenset("০১২৩৪৫৬৭৮৯")
_LATIN_DIGITS = frozenset("0123456789")
# A number as written: digits with anything glued between them except the separators a
# document uses between numbers (space, "-", "/", "×", "=", "%"...). Grouping commas and the
# decimal point are part of a number; anything else inside it is stray.
_NUMBER_RUN = re.compile(r"[0-9০-৯](?:[^\s\-–—/×x*=+%()\[\]:;]*[0-9০-৯])?")
_NUMBER_PUNCT = frozenset(",.")


def number_cell_findings(text: str, place: str) -> list[Finding]:
    """Doubts about a weight or value cell as written (issue 12 rule 9): a number that mixes
    Bengali and Latin digits ("1২0"), or has a stray character inside it ("১২o৫", "৪'৫"), is
    flagged for a person to check, never silently read. Warnings: the value read is kept.

    Importers and the editor call this with the cell's text (a typed plan has lost it).
    """
    found: list[Finding] = []
    for m in _NUMBER_RUN.finditer(text):
        run = m.group()
        if any(c in _BN_DIGITS for c in run) and any(c in _LATIN_DIGITS for c in run):
            found.append(_finding(FindingCode.NUMBER_MIXED_DIGITS, place, text=AsWritten(run)))
        stray = [c for c in run if c not in _BN_DIGITS and c not in _LATIN_DIGITS
                 and c not in _NUMBER_PUNCT]
        if stray:
            found.append(_finding(FindingCode.NUMBER_STRAY_CHARACTER, place, text=AsWritten(run),
                                  stray=AsWritten("".join(dict.fromkeys(stray)))))
    return found


# ---------------------------------------------------------------- values and units


# DOMAIN.md glossary (একক) and Structure rules: which kinds of value each unit takes. A percent
# unit also takes a bare number (documents print "৬১" in a % column); money units take money or
# a number. Blank ("-") and not applicable fit anywhere.
_FITS: Mapping[Unit, tuple[type, ...]] = {
    Unit.COUNT: (Number,),
    Unit.PERSONS: (Number,),
    Unit.ITEMS: (Number,),
    Unit.MARKS: (Number,),
    Unit.PERCENT: (Percent, Number),
    Unit.DATE: (DateValue, MonthValue),
    Unit.LAKH_TAKA: (Money, Number),
    Unit.TAKA: (Money, Number),
}


def _fits(unit: Unit, v: Value) -> bool:
    return isinstance(v, (Blank, NotApplicable, *_FITS[unit]))


def _indicator_values(ind: Indicator) -> Iterator[tuple[Param, Value]]:
    for p, v in ind.levels.as_pairs():
        if v is not None:
            yield level_words(p), v
    if ind.annual_target is not None:
        yield ANNUAL_TARGET, ind.annual_target
    for q, v in ind.quarterly_targets:
        yield quarterly_target_words(q), v
    for yv in ind.actuals:
        if yv.value is not None:
            yield actual_words(yv.fiscal_year), yv.value
    for yv in ind.projections:
        if yv.value is not None:
            yield projection_words(yv.fiscal_year), yv.value


def _check_units(ctx: _Context) -> Iterator[Finding]:
    """DOMAIN.md, Scoring §9: values match units.

    A mismatch in the plan itself (levels, targets, actuals, projections) is an error. In
    progress it is a warning: real reports write, say, the meeting's date as the achievement of
    a count target (seed 001 [1.1]), and the reviewer decides.
    """
    for row in ctx.rows:
        ind = row.indicator
        for where, v in _indicator_values(ind):
            if not _fits(ind.unit, v):
                yield _finding(FindingCode.VALUE_UNIT_MISMATCH, row.ref, where=where,
                               kind=value_kind_words(v), value=v, unit=unit_words(ind.unit))
    for pv in ctx.plan.progress:
        target = ctx.refs.get(pv.indicator)
        if target is None or pv.value is None or _fits(target.unit, pv.value):
            continue
        yield _finding(FindingCode.VALUE_UNIT_MISMATCH, pv.indicator, severity=Severity.WARNING,
                       where=progress_words(pv.quarter), kind=value_kind_words(pv.value),
                       value=pv.value, unit=unit_words(target.unit))


# ---------------------------------------------------------------- links between parts


def _check_governance_links(ctx: _Context) -> Iterator[Finding]:
    """DOMAIN.md, Structure rules and Scoring §5: a governance indicator in "প্রাপ্ত নম্বর"
    takes the score of its action plan, so it must name that plan."""
    for row in ctx.rows:
        if (row.area.kind is AreaKind.GOVERNANCE and row.indicator.unit is Unit.MARKS
                and row.indicator.feeds_from is None):
            yield _finding(FindingCode.GOVERNANCE_LINK_MISSING, row.ref)


def _check_fallbacks(ctx: _Context) -> Iterator[Finding]:
    """DOMAIN.md, Scoring §8: a fallback counts only when the indicator it names cannot."""
    for row in ctx.rows:
        target = row.indicator.fallback_for
        if target is not None and (target not in ctx.refs or target == row.ref):
            yield _finding(FindingCode.FALLBACK_UNKNOWN, row.ref, target=target)


def _check_progress_refs(ctx: _Context) -> Iterator[Finding]:
    """Progress is reported against the plan's indicators (DOMAIN.md, Scoring §1)."""
    for pv in ctx.plan.progress:
        if pv.indicator not in ctx.refs:
            yield _finding(FindingCode.PROGRESS_UNKNOWN_INDICATOR, pv.indicator,
                           quarter=quarter_words(pv.quarter))


# ---------------------------------------------------------------- last year


def _same_value(a: Value | None, b: Value | None) -> bool:
    if not is_given(a) or not is_given(b):
        return not is_given(a) and not is_given(b)
    da, db = as_date(a), as_date(b)
    if da is not None or db is not None:
        return da == db
    na, nb = numeric(a), numeric(b)
    return na is not None and na == nb


def _check_previous_actuals(ctx: _Context,
                            previous: Mapping[str, Value] | None) -> Iterator[Finding]:
    """DOMAIN.md, Scoring §9: last year's actual equals last year's evaluated achievement when
    that plan is known (the * provisional figures of the glossary are meant to be replaced).

    A missing or blank actual where last year's plan has an achievement also differs.
    """
    if not previous or ctx.period is None:
        return
    last_year = ctx.period.start.year - 1
    for row in ctx.rows:
        if row.ref not in previous:
            continue
        evaluated = previous[row.ref]
        actual = next((yv for yv in row.indicator.actuals
                       if _start_year(yv.fiscal_year) == last_year), None)
        value = None if actual is None else actual.value
        if not _same_value(value, evaluated):
            label = actual.fiscal_year if actual is not None else _last_year_label(ctx.period)
            yield _finding(FindingCode.ACTUAL_DIFFERS_FROM_EVALUATED, row.ref, year=label,
                           actual=value if value is not None else NOTHING,
                           expected=evaluated)


def _last_year_label(period: _Period) -> str:
    if period.fiscal_year is None:
        return str(period.start.year - 1)
    return str(period.fiscal_year.previous)


# ---------------------------------------------------------------- entry point


_CHECKS: tuple[Callable[[_Context], Iterable[Finding]], ...] = (
    _check_numbering,
    _check_area_weights,
    _check_plan_weight,
    _check_weights_missing,
    _check_area_empty,
    _check_activity_indicators,
    _check_choose_at_least,
    _check_level_100,
    _check_level_order,
    _check_units,
    _check_fiscal_year,
    _check_dates_in_year,
    _check_quarterly_sum,
    _check_projections,
    _check_governance_links,
    _check_fallbacks,
    _check_progress_refs,
)


def validate_plan(plan: Plan, *,
                  previous_achievements: Mapping[str, Value] | None = None) -> list[Finding]:
    """Every finding on `plan`, in the order of the checks and, within one, of the document.

    `previous_achievements` maps an indicator reference ("1.1.1", "G1.1.1") to last year's
    evaluated annual achievement, when last year's plan is known; the caller computes it
    (`kormo.domain.scoring.annual_achievement`).
    """
    ctx = _context(plan)
    findings: list[Finding] = []
    for check in _CHECKS:
        findings.extend(check(ctx))
    findings.extend(_check_previous_actuals(ctx, previous_achievements))
    return findings
