"""A whole fiscal year's scores for the country, recomputed and stored in bulk.

`year_recompute` goes through the offices with plans in chunks: each chunk's plans are loaded
in a fixed number of queries (`scores.load_scoring_plans`), scored by the domain's rules
(`scores.score_office_plans`: action plans feeding the APA, single targets, fallbacks — every
rule of DOMAIN.md Scoring) and their stored scores (`ScoreSnapshot`) upserted in one statement
per chunk, so pages read stored scores only.

`year_columns` reads every five-level indicator of the year straight from the tables as NumPy
columns (levels, the annual achievement by its calculation method, weights), in three
queries, for the columnar engine `kormo.domain.bulk` — dashboards' and rankings' path over a
million indicators. `year_recompute` scores those columns with the engine as well and checks
them against the rule-by-rule scores of the same indicators (`engine_max_diff`), so the engine
is proven on the real data of the year, not only on generated rows.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kormo.domain import plan as d
from kormo.domain.bulk import ColumnScores, group_totals, score_columns
from kormo.domain.rules import NumericDirection
from kormo.domain.scoring import office_score
from kormo.plans import models as m
from kormo.progress.models import ReportedValue, ScoreSnapshot
from kormo.progress.scores import (
    current_plans,
    load_scoring_plans,
    office_stamps,
    rules_for_year,
    score_office_plans,
    score_stamp,
    snapshot_fields,
)

CHUNK_OFFICES = 1000
LEVEL_KEYS = ("100", "90", "80", "70", "60")
_NUMERIC = {"number", "percent", "money"}


@dataclass
class YearColumns:
    """Five-level indicators of a year as columns (one row per indicator)."""

    indicator_id: np.ndarray
    plan_id: np.ndarray
    ref: list[str]
    weights: np.ndarray
    levels: np.ndarray  # (N, 5), NaN = blank; dates as day ordinals
    achieved: np.ndarray  # NaN = not reported
    is_date: np.ndarray


def _default_method(method: str, unit: str) -> str:
    """`scoring.default_method` on the stored codes."""
    if method:
        return method
    return {"date": "date", "percent": "average", "marks": "cumulative"}.get(unit, "sum")


def year_columns(fiscal_year: str) -> YearColumns:
    """Every five-level indicator of the year's current plans that the columnar engine scores
    exactly: numeric or date levels and values, no derived value, no fallback, no tier
    exclusion, nothing marked not applicable. Three queries."""
    plans = current_plans(fiscal_year=fiscal_year)
    rows = list(m.Indicator.objects.filter(
        plan__in=plans, feeds_from="", fallback_for__isnull=True, derivation__isnull=True,
        activity__not_applicable_tiers="").values_list(
        "pk", "plan_id", "ref", "weight", "calculation_method", "unit"))
    index = {r[0]: i for i, r in enumerate(rows)}
    n = len(rows)
    levels = np.full((n, 5), np.nan)
    is_date = np.zeros(n, dtype=bool)
    has_level = np.zeros(n, dtype=bool)
    bad = np.zeros(n, dtype=bool)
    for ind, key, kind, number, date in m.IndicatorValue.objects.filter(
            indicator__plan__in=plans, role="level").values_list(
            "indicator_id", "key", "value_kind", "value_number", "value_date"):
        i = index.get(ind)
        if i is None or key not in LEVEL_KEYS:
            continue
        col = LEVEL_KEYS.index(key)
        if kind in _NUMERIC and number is not None:
            levels[i, col] = float(number)
            has_level[i] = True
        elif kind == "date" and date is not None:
            levels[i, col] = float(date.toordinal())
            is_date[i] = has_level[i] = True
        elif kind not in ("", "blank"):
            bad[i] = True  # a month or "not applicable" level: the rule-by-rule path
    methods = [_default_method(r[4], r[5]) for r in rows]
    total = np.zeros(n)
    count = np.zeros(n)
    latest_q = np.full(n, -1)
    latest = np.full(n, np.nan)
    first_date = np.full(n, np.inf)
    by_ref = {(r[1], r[2]): i for i, r in enumerate(rows)}
    # The one store of progress: the effective value is the verified one where it exists.
    for plan_id, ref, quarter, verified, *cols in ReportedValue.objects.filter(
            plan__in=plans).values_list(
            "plan_id", "indicator_ref", "quarter", "verified", "reported_kind",
            "reported_number", "reported_date", "verified_kind", "verified_number",
            "verified_date"):
        kind, number, date = cols[3:] if verified else cols[:3]
        i = by_ref.get((plan_id, ref))
        if i is None or kind in ("", "blank"):
            continue  # nothing reported (a blank never erases an earlier value: Scoring rule 3)
        if kind in _NUMERIC and number is not None:
            x = float(number)
        elif kind == "date" and date is not None:
            x = float(date.toordinal())
        else:
            bad[i] = True  # text, month, not applicable: the rule-by-rule path
            continue
        q = int(quarter[1])
        total[i] += x
        count[i] += 1
        if q > latest_q[i]:
            latest_q[i], latest[i] = q, x
        first_date[i] = min(first_date[i], x)
    method = np.array(methods) if n else np.array([], dtype=str)
    with np.errstate(invalid="ignore", divide="ignore"):
        achieved = np.select(
            [method == "sum", method == "average", method == "cumulative", method == "date"],
            [total, total / count, latest, first_date], np.nan)
    achieved = np.where(count > 0, achieved, np.nan)
    # A date indicator's achievement is a date, a number's a number: a mix is not for us.
    keep = has_level & ~bad & ((method == "date") == is_date)
    pick = np.flatnonzero(keep)
    return YearColumns(
        indicator_id=np.array([rows[i][0] for i in pick], dtype=np.int64),
        plan_id=np.array([rows[i][1] for i in pick], dtype=np.int64),
        ref=[rows[i][2] for i in pick],
        weights=np.array([float(rows[i][3] or 0) for i in pick]),
        levels=levels[pick], achieved=achieved[pick], is_date=is_date[pick])


def engine_scores(cols: YearColumns, fiscal_year: str) -> tuple[ColumnScores, np.ndarray]:
    """The columnar engine over the year's columns: each indicator's raw percent and score,
    and the sum of those scores per plan (by position in `np.unique(cols.plan_id)`)."""
    rules = rules_for_year(fiscal_year)
    scores = score_columns(cols.weights, cols.levels, cols.achieved, cols.is_date,
                           rules.level_method)
    plans, group = np.unique(cols.plan_id, return_inverse=True)
    return scores, group_totals(group, scores.score, len(plans))


@dataclass
class RecomputeResult:
    offices: int = 0
    plans: int = 0
    indicators: int = 0
    seconds_rules: float = 0.0  # loading, rule-by-rule scoring, storing
    columns: int = 0
    seconds_columns_load: float = 0.0
    seconds_engine: float = 0.0
    engine_checked: int = 0
    engine_max_diff: float = 0.0
    notes: list[str] = field(default_factory=list)


def year_recompute(fiscal_year: str, *, chunk: int = CHUNK_OFFICES,
                   check_engine: bool = True) -> RecomputeResult:
    """Recompute and store every office's score of the year (see the module's docstring)."""
    result = RecomputeResult()
    rules = rules_for_year(fiscal_year)
    raw_by_ref: dict[tuple[int, str], float | None] = {}
    start = time.perf_counter()
    office_ids = sorted(set(current_plans(fiscal_year=fiscal_year).values_list(
        "office_id", flat=True)))
    for at in range(0, len(office_ids), chunk):
        ids = office_ids[at:at + chunk]
        plans = current_plans(office_ids=ids, fiscal_year=fiscal_year)
        stamps = office_stamps(plans=plans)
        office_of = dict(plans.values_list("pk", "office_id"))
        domain = load_scoring_plans(plans)
        by_office: dict[int, dict[int, d.Plan]] = defaultdict(dict)
        for pk, plan in domain.items():
            by_office[office_of[pk]][pk] = plan
        rows = []
        for oid in ids:
            scored = score_office_plans(by_office.get(oid, {}), rules)
            for pk, s in scored.items():
                result.indicators += len(s.indicators)
                if check_engine:
                    raw_by_ref.update(((pk, i.ref), i.raw_percent) for i in s.indicators)
            rows.append(ScoreSnapshot(
                office_id=oid, fiscal_year=fiscal_year,
                stamp=stamps.get(oid, score_stamp([], [])),
                **snapshot_fields(office_score(scored.values()))))
        ScoreSnapshot.objects.bulk_create(
            rows, batch_size=500, update_conflicts=True,
            unique_fields=["office", "fiscal_year"],
            update_fields=["stamp", "has_score", "total", "maximum", "percent", "rating",
                           "indicators_at_100", "indicator_count", "computed_at"])
        result.offices += len(ids)
        result.plans += len(domain)
    result.seconds_rules = time.perf_counter() - start

    t = time.perf_counter()
    cols = year_columns(fiscal_year)
    result.seconds_columns_load = time.perf_counter() - t
    result.columns = len(cols.ref)
    t = time.perf_counter()
    scores, _ = engine_scores(cols, fiscal_year)
    result.seconds_engine = time.perf_counter() - t
    if rules.numeric_direction is not NumericDirection.FROM_LEVELS or not rules.cap_at_best:
        result.notes.append(f"rule set {rules.name}: the engine check is skipped")
        return result
    if check_engine:
        diffs: list[float] = []
        for k, ref in enumerate(cols.ref):
            expected: Any = raw_by_ref.get((int(cols.plan_id[k]), ref), "absent")
            if expected == "absent":
                continue
            got = scores.raw_percent[k]
            if expected is None:
                diffs.append(0.0 if np.isnan(got) else float("inf"))
            else:
                diffs.append(abs(float(got) - expected))
        result.engine_checked = len(diffs)
        result.engine_max_diff = max(diffs, default=0.0)
    return result
