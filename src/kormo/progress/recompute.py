"""A whole fiscal year's scores for the country, recomputed and stored in bulk.

`year_recompute` goes through the offices with plans in chunks. Each chunk costs a fixed
number of queries whatever its size: its plans are loaded (`scores.load_scoring_plans`), every
office's score and its score due so far are computed by the columnar engine
(`kormo.domain.bulk_plans`: the rules of DOMAIN.md Scoring over NumPy columns, identical to
the rule-by-rule scores), the dashboard's figures beside them (`figures.office_figures`: plans
signed, reports, place, path so far, rank key) and the stored scores (`ScoreSnapshot`) upserted
in batches — the same rows `scores.snapshots_compute` stores for one office after a change.
An office holding what the columns do not model (`bulk_plans.unsupported`) is scored by the
rules. `check=True` scores every office by the rules as well and counts the rows that differ.

`year_columns` reads every five-level indicator of the year straight from the tables as NumPy
columns (three queries), so that bench/national.py times the engine's five-level kernel
(`bulk_plans.five_level_percents`) against plain NumPy on the year's own indicators.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kormo.domain import plan as d
from kormo.domain.bulk_plans import (
    StaticCache,
    office_paths,
    office_totals,
    score_offices,
    unsupported,
)
from kormo.domain.path import counted_plans, office_path, score_office_plans
from kormo.domain.rules import RuleSet
from kormo.domain.scoring import office_score
from kormo.plans import models as m
from kormo.progress.figures import office_figures, score_key
from kormo.progress.models import ReportedValue, ScoreSnapshot
from kormo.progress.scores import (
    SNAPSHOT_FIELDS,
    counted_quarters,
    current_plans,
    load_scoring_plans,
    office_stamps,
    rules_for_year,
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


BATCH = 500  # rows per upsert statement


@dataclass
class RecomputeResult:
    offices: int = 0
    plans: int = 0
    indicators: int = 0
    seconds: float = 0.0  # loading, scoring, figures, storing
    seconds_scoring: float = 0.0  # of which the engine (scores and scores due so far)
    by_rules: int = 0  # offices the columns do not model, scored by the rules
    checked: int = 0  # offices also scored by the rules (`check=True`)
    differing: int = 0  # of them, stored rows that would differ


def _engine_snapshots(office_ids: Sequence[int], fiscal_year: str, stamps: Mapping[int, str],
                      by_office: Mapping[int, Mapping[int, d.Plan]],
                      counted: Mapping[int, frozenset[d.Quarter]], rules: RuleSet,
                      result: RecomputeResult) -> tuple[dict[int, Any], dict[int, Any]]:
    """Each office's score and path so far: the engine's, or the rules' for an office the
    columns do not model."""
    engine_ids = [o for o in office_ids if not unsupported(by_office.get(o, {}), rules)]
    t = time.perf_counter()
    cache: StaticCache = {}  # each plan's text read once for both scores
    totals = score_offices([by_office.get(o, {}) for o in engine_ids], rules, cache)
    paths_found = office_paths([counted_plans(by_office.get(o, {}), counted)
                                for o in engine_ids], fiscal_year, rules, cache=cache)
    result.seconds_scoring += time.perf_counter() - t
    scores = {o: office_totals(s) for o, s in zip(engine_ids, totals, strict=True)}
    paths = {o: p for o, p in zip(engine_ids, paths_found, strict=True) if p is not None}
    for o in set(office_ids) - set(engine_ids):
        result.by_rules += 1
        scores[o] = office_score(score_office_plans(by_office[o], rules).values())
        path = office_path(counted_plans(by_office[o], counted), fiscal_year, rules)
        if path is not None:
            paths[o] = path
    return scores, paths


def _rows(office_ids: Sequence[int], fiscal_year: str, stamps: Mapping[int, str],
          scores: Mapping[int, Any], figures: Mapping[int, dict[str, Any]]
          ) -> list[ScoreSnapshot]:
    rows = []
    for oid in office_ids:
        row = ScoreSnapshot(office_id=oid, fiscal_year=fiscal_year,
                            stamp=stamps.get(oid, score_stamp([], [])),
                            **snapshot_fields(scores.get(oid)), **figures[oid])
        row.score_key = score_key(row.has_score, row.percent, row.plans_signed, row.rating)
        rows.append(row)
    return rows


def _stored_values(row: ScoreSnapshot) -> tuple[Any, ...]:
    return tuple(getattr(row, f) for f in SNAPSHOT_FIELDS if f != "computed_at")


def year_recompute(fiscal_year: str, *, chunk: int = CHUNK_OFFICES,
                   check: bool = False) -> RecomputeResult:
    """Recompute and store every office's score of the year (see the module's docstring)."""
    result = RecomputeResult()
    rules = rules_for_year(fiscal_year)
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
        counted = counted_quarters(plans)
        scores, paths = _engine_snapshots(ids, fiscal_year, stamps, by_office, counted, rules,
                                          result)
        rows = _rows(ids, fiscal_year, stamps, scores,
                     office_figures(office_ids=ids, fiscal_year=fiscal_year, plans=plans,
                                    paths=paths))
        if check:
            expected = _rows(ids, fiscal_year, stamps, {
                o: office_score(score_office_plans(by_office.get(o, {}), rules).values())
                for o in ids}, office_figures(
                office_ids=ids, fiscal_year=fiscal_year, plans=plans, paths={
                    o: office_path(counted_plans(by_office[o], counted), fiscal_year, rules)
                    for o in ids if by_office.get(o)}))
            result.checked += len(ids)
            result.differing += sum(_stored_values(a) != _stored_values(b)
                                    for a, b in zip(rows, expected, strict=True))
        ScoreSnapshot.objects.bulk_create(
            rows, batch_size=BATCH, update_conflicts=True,
            unique_fields=["office", "fiscal_year"], update_fields=list(SNAPSHOT_FIELDS))
        result.offices += len(ids)
        result.plans += len(domain)
        result.indicators += sum(len(p.indicators) for p in domain.values())
    result.seconds = time.perf_counter() - start
    return result
