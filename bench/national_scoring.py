"""Benchmark: the columnar engine's five-level kernel as the national recompute runs it
(`domain.bulk_plans.five_level_percents`, weights, plan totals) against a plain NumPy
computation of the same rules (DOMAIN.md Scoring §2 and §4), on the same arrays.

Run: .venv/bin/python bench/national_scoring.py [N]   (default 1,000,000 indicators)
Prints both times (best of 7, run alternately), the ratio baseline ÷ engine (1.0: as fast as
plain NumPy) and the largest difference between their scores; asserts nothing. `measure()` is
used by bench/national.py.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "src")]

from kormo.domain.bulk import group_totals  # noqa: E402
from kormo.domain.bulk_plans import five_level_percents  # noqa: E402
from kormo.domain.rules import APA_RULES  # noqa: E402

PER_PLAN = 36  # an office's year: the APA's 16 indicators and 20 of its action plans


def make_columns(total: int, seed: int = 1) -> dict[str, np.ndarray]:
    """Indicators as the national recompute reads them: a quarter dates, the rest numbers,
    some more-is-better, some less-is-better, 5 % of the levels blank, some not reported."""
    rng = np.random.default_rng(seed)
    is_date = np.arange(total) % 4 == 0
    counts = np.tile(np.array([350.0, 300.0, 250.0, 200.0, 150.0]), (total, 1))
    less = (np.arange(total) % 7 == 3) & ~is_date
    counts[less] = counts[less][:, ::-1]
    base = float(dt.date(2022, 12, 12).toordinal())
    dates = base + np.tile(np.array([0.0, 20.0, 40.0, 60.0, 80.0]), (total, 1))
    levels = np.where(is_date[:, None], dates, counts)
    levels[rng.random((total, 5)) < 0.05] = np.nan
    achieved = np.where(is_date, base + rng.integers(-10, 120, total),
                        rng.integers(80, 400, total)).astype(float)
    achieved[rng.random(total) < 0.05] = np.nan
    return {"levels": levels, "achieved": achieved, "is_date": is_date,
            "weights": rng.integers(1, 6, total).astype(float),
            "plan_of": np.arange(total) // PER_PLAN}


def baseline(levels: np.ndarray, achieved: np.ndarray, is_date: np.ndarray,
             weights: np.ndarray, plan_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scoring §2 and §4 written plainly: direction from the first and last given level,
    the first level reached, linear interpolation with the given level above it."""
    n = len(achieved)
    rows = np.arange(n)
    given = ~np.isnan(levels)
    first = given.argmax(1)
    last = 4 - given[:, ::-1].argmax(1)
    sign = np.where(is_date | (levels[rows, first] < levels[rows, last]), -1.0, 1.0)
    v = levels * sign[:, None]
    a = achieved * sign
    reached = v <= a[:, None]
    k = reached.argmax(1)
    pct = np.array([100.0, 90.0, 80.0, 70.0, 60.0])
    above = np.maximum.accumulate(np.where(given, np.arange(5), -1), 1)[
        rows, np.maximum(k - 1, 0)]
    above = np.where(k > 0, above, -1)
    ab = np.maximum(above, 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        raw = np.where(above >= 0, pct[k] + (a - v[rows, k]) / (v[rows, ab] - v[rows, k])
                       * (pct[ab] - pct[k]), pct[k])
    raw = np.where(reached[rows, k], raw, 0.0)
    raw = np.where(np.isnan(a) | ~given.any(1), np.nan, raw)
    score = np.where(np.isnan(raw), 0.0, weights * raw / 100.0)
    return score, np.bincount(plan_of, weights=score)


def engine(levels: np.ndarray, achieved: np.ndarray, is_date: np.ndarray,
           weights: np.ndarray, plan_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The national recompute's own five-level kernel (`bulk_plans.five_level_percents`,
    under the rule set of the year: APA_RULES, interpolated, direction from the levels — the
    rules `baseline` writes plainly), then the weighted scores and the plan totals."""
    raw = five_level_percents(levels, achieved, is_date, is_date, APA_RULES)
    score = np.where(np.isnan(raw), 0.0, weights * raw / 100.0)
    return score, group_totals(plan_of, score, int(plan_of[-1]) + 1)


def measure(total: int = 1_000_000, repeat: int = 7) -> dict[str, float]:
    """Both computations alternately, `repeat` times each, on the same arrays; each one's best
    time (on a shared machine, other work only ever adds time, and alternating lets both
    meet the same load)."""
    cols = make_columns(total)
    times: dict[str, list[float]] = {"baseline": [], "engine": []}
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for _ in range(repeat):
        for name, fn in (("baseline", baseline), ("engine", engine)):
            t = time.perf_counter()
            out[name] = fn(**cols)
            times[name].append(time.perf_counter() - t)
    t_base, t_eng = min(times["baseline"]), min(times["engine"])
    (s_base, p_base), (s_eng, p_eng) = out["baseline"], out["engine"]
    return {"indicators": total, "baseline_s": t_base, "engine_s": t_eng,
            "ratio": t_base / t_eng,
            "baseline_median_s": statistics.median(times["baseline"]),
            "engine_median_s": statistics.median(times["engine"]),
            "max_diff": float(max(np.abs(s_base - s_eng).max(), np.abs(p_base - p_eng).max()))}


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    m = measure(total)
    print(f"{total:,} indicators: plain NumPy {m['baseline_s']:.3f} s, engine "
          f"{m['engine_s']:.3f} s → engine at {m['ratio']:.0%} of the baseline's speed "
          f"(largest score difference {m['max_diff']:.2g})")


if __name__ == "__main__":
    main()
