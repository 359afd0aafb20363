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


def _given_bounds(given: npt.NDArray[np.bool_]) -> tuple[npt.NDArray[np.intp],
                                                         npt.NDArray[np.intp]]:
    """Index of the first and of the last given level of each row (0 where none is given)."""
    width = given.shape[1]
    return given.argmax(axis=1), width - 1 - given[:, ::-1].argmax(axis=1)


def level_directions(levels: FloatArray, is_date: npt.NDArray[np.bool_],
                     from_levels: bool = True) -> FloatArray:
    """+1 where more is better, -1 where less (or earlier) is better (Scoring §2).

    Dates: earlier is better. Numbers: the first given level below the last given level means
    less is better (inferred; `from_levels=False` makes every number more-is-better).
    """
    if not from_levels:
        return np.where(is_date, -1.0, 1.0)
    first_idx, last_idx = _given_bounds(~np.isnan(levels))
    rows = np.arange(levels.shape[0])
    less = levels[rows, first_idx] < levels[rows, last_idx]  # NaN (no level) compares False
    return np.where(is_date | less, -1.0, 1.0)


Bounds = tuple[npt.NDArray[np.bool_], npt.NDArray[np.intp], npt.NDArray[np.intp]]


def level_bounds(levels: FloatArray) -> Bounds:
    """Which levels are given, and the index of each row's first and last given level."""
    given = ~np.isnan(levels)
    return (given, *_given_bounds(given))


def level_percents(
    levels: FloatArray,
    achieved: FloatArray,
    signs: FloatArray,
    method: LevelMethod = LevelMethod.INTERPOLATE,
    bounds: Bounds | None = None,
) -> FloatArray:
    """Raw percents for rows of five levels (best first; NaN = blank) and achievements.

    Rows without any level, or without an achievement, give NaN. At or better than the best
    given level → its percent; worse than the worst → 0; between two adjacent given levels →
    interpolated (or stepped down to the lower level's percent).

    One pass over the (N, 5) table, not one per level: the level reached is the first given
    level the achievement is at or better than (all levels before it are better than the
    achievement), and the level above it is the last given level before it (a running maximum
    of the given positions). `bounds`: `level_bounds(levels)` when the caller has them.
    """
    v = levels * signs[:, None]
    a = achieved * signs
    n, width = v.shape
    rows = np.arange(n)
    given, first_idx, last_idx = bounds if bounds is not None else level_bounds(levels)
    reached = v <= a[:, None]  # NaN (blank level, no achievement) compares False
    k = reached.argmax(axis=1)
    any_reached = reached[rows, k]
    # The last given position at or before each column (-1: none yet).
    last_pos = np.maximum.accumulate(np.where(given, np.arange(width), -1), axis=1)
    prev = np.where(k > 0, last_pos[rows, np.maximum(k - 1, 0)], -1)
    has_prev = prev >= 0
    safe_prev = np.maximum(prev, 0)
    v_k, p_k = v[rows, k], LEVEL_PERCENT_ROW[k]
    if method is LevelMethod.STEP:
        result = p_k
    else:
        v_prev, p_prev = v[rows, safe_prev], LEVEL_PERCENT_ROW[safe_prev]
        with np.errstate(invalid="ignore", divide="ignore"):
            result = np.where(has_prev, p_k + (a - v_k) / (v_prev - v_k) * (p_prev - p_k), p_k)
    result = np.where(any_reached, result, 0.0)
    # Levels out of order (a plan under correction): as the level-by-level rule has it, worse
    # than the worst given level is 0 and exactly at it is its percent.
    best_v, worst_v = v[rows, first_idx], v[rows, last_idx]
    result = np.where(a < worst_v, 0.0, result)
    result = np.where((a == worst_v) & ~(a >= best_v), LEVEL_PERCENT_ROW[last_idx], result)
    result = np.where(a >= best_v, LEVEL_PERCENT_ROW[first_idx], result)
    return np.where(np.isnan(a) | ~given.any(axis=1), np.nan, result)


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
