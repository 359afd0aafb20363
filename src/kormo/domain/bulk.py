"""Columnar scoring for many indicators at once (dashboards, national rankings, benchmarks).

The same rules as `scoring.level_percent` and `scoring.single_target_percent`, written over
NumPy arrays so that a million indicators score in well under a second. The object path in
`scoring` stays the reference; a property test checks that both agree on random data.

Inputs are plain floats: numbers as they are, dates as day ordinals (`date.toordinal()`),
blank levels and unreported achievements as NaN.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kormo.domain.rules import LevelMethod

FloatArray = npt.NDArray[np.float64]
LEVEL_PERCENT_ROW = np.array([100.0, 90.0, 80.0, 70.0, 60.0])


def first_given(levels: FloatArray) -> FloatArray:
    """The best given level of each row (NaN where none is given)."""
    given = ~np.isnan(levels)
    idx = np.where(given.any(axis=1), given.argmax(axis=1), 0)
    return levels[np.arange(levels.shape[0]), idx]


def last_given(levels: FloatArray) -> FloatArray:
    """The worst given level of each row (NaN where none is given)."""
    return first_given(levels[:, ::-1])


def level_directions(levels: FloatArray, is_date: npt.NDArray[np.bool_],
                     from_levels: bool = True) -> FloatArray:
    """+1 where more is better, -1 where less (or earlier) is better (Scoring §2).

    Dates: earlier is better. Numbers: the first given level below the last given level means
    less is better (inferred; `from_levels=False` makes every number more-is-better).
    """
    given = ~np.isnan(levels)
    idx = np.arange(levels.shape[1])
    first_idx = np.where(given, idx, levels.shape[1]).min(axis=1)
    last_idx = np.where(given, idx, -1).max(axis=1)
    rows = np.arange(levels.shape[0])
    safe_first = np.minimum(first_idx, levels.shape[1] - 1)
    safe_last = np.maximum(last_idx, 0)
    first = levels[rows, safe_first]
    last = levels[rows, safe_last]
    less = from_levels & (first < last) & (first_idx < last_idx)
    return np.where(is_date | less, -1.0, 1.0)


def level_percents(
    levels: FloatArray,
    achieved: FloatArray,
    signs: FloatArray,
    method: LevelMethod = LevelMethod.INTERPOLATE,
) -> FloatArray:
    """Raw percents for rows of five levels (best first; NaN = blank) and achievements.

    Rows without any level, or without an achievement, give NaN. At or better than the best
    given level → its percent; worse than the worst → 0; between two adjacent given levels →
    interpolated (or stepped down to the lower level's percent).
    """
    v = levels * signs[:, None]
    a = achieved * signs
    n = v.shape[0]
    result = np.full(n, np.nan)
    prev_v = np.full(n, np.nan)
    prev_p = np.full(n, np.nan)
    best_v = np.full(n, np.nan)
    best_p = np.full(n, np.nan)
    worst_v = np.full(n, np.nan)
    worst_p = np.full(n, np.nan)
    for k in range(v.shape[1]):
        cur_v = v[:, k]
        cur_p = LEVEL_PERCENT_ROW[k]
        given = ~np.isnan(cur_v)
        first = given & np.isnan(best_v)
        best_v = np.where(first, cur_v, best_v)
        best_p = np.where(first, cur_p, best_p)
        has_prev = given & ~np.isnan(prev_v)
        between = has_prev & (a >= cur_v) & (a < prev_v) & np.isnan(result)
        if method is LevelMethod.STEP:
            value = np.full(n, cur_p)
        else:
            with np.errstate(invalid="ignore", divide="ignore"):
                value = cur_p + (a - cur_v) / (prev_v - cur_v) * (prev_p - cur_p)
        result = np.where(between, value, result)
        prev_v = np.where(given, cur_v, prev_v)
        prev_p = np.where(given, cur_p, prev_p)
        worst_v = np.where(given, cur_v, worst_v)
        worst_p = np.where(given, cur_p, worst_p)
    result = np.where(a >= best_v, best_p, result)
    result = np.where(a < worst_v, 0.0, result)
    result = np.where(a == worst_v, np.where(a >= best_v, best_p, worst_p), result)
    return np.where(np.isnan(a) | np.isnan(best_v), np.nan, result)


def single_target_percents(target: FloatArray, achieved: FloatArray,
                           is_date: npt.NDArray[np.bool_]) -> FloatArray:
    """Scoring §3: min(achievement ÷ target, 1) × 100; a date earns 100 on time, else 0."""
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = np.where(target > 0, np.minimum(achieved / target, 1.0) * 100.0, 100.0)
    on_time = np.where(achieved <= target, 100.0, 0.0)
    out = np.where(is_date, on_time, ratio)
    return np.where(np.isnan(achieved) | np.isnan(target), np.nan, out)


@dataclass(frozen=True, slots=True)
class ColumnScores:
    raw_percent: FloatArray  # NaN: not reported or nothing to score against
    score: FloatArray  # weight × raw ÷ 100, 0 where raw is NaN


def score_columns(
    weights: FloatArray,
    levels: FloatArray,
    achieved: FloatArray,
    is_date: npt.NDArray[np.bool_],
    method: LevelMethod = LevelMethod.INTERPOLATE,
) -> ColumnScores:
    """Weighted scores (Scoring §4) of five-level indicators given as columns."""
    signs = level_directions(levels, is_date)
    if method is LevelMethod.RATIO:
        # Ratio to the 100 % level for more-is-better numbers; stepped otherwise (as scoring).
        raw = level_percents(levels, achieved, signs, LevelMethod.STEP)
        best = first_given(levels)
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = np.where(best > 0, np.minimum(achieved / best, 1.0) * 100.0,
                             np.where(achieved >= best, 100.0, 0.0))
        # Every rule set keeps "worse than the worst given level → 0" (Scoring §2).
        ratio = np.where(achieved < last_given(levels), 0.0, ratio)
        use_ratio = (signs > 0) & ~is_date & ~np.isnan(best) & ~np.isnan(achieved)
        raw = np.where(use_ratio, ratio, raw)
    else:
        raw = level_percents(levels, achieved, signs, method)
    return ColumnScores(raw, np.where(np.isnan(raw), 0.0, weights * raw / 100.0))


def group_totals(group: npt.NDArray[np.int64], scores: FloatArray, groups: int) -> FloatArray:
    """Sum scores per group (area, plan or office index): area = Σ indicators, plan = Σ areas."""
    # With weights the counts are float64; the stubs type bincount's result as integers.
    return np.asarray(np.bincount(group, weights=scores, minlength=groups), dtype=np.float64)
