"""Benchmark: score many indicators (DOMAIN.md scoring), printing indicators per second.

Run: .venv/bin/python bench/scoring.py [N] [M]
  N indicators through the object path (`score_plans`, default 100,000, plans of 100), and
  M indicators through the columnar path (`bulk.score_columns` + plan totals, default 1,000,000),
  the path dashboards use when the rows come straight from the database.
The target is "a million indicators in seconds"; this prints the figures, it asserts nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from decimal import Decimal

import numpy as np

from kormo.domain.bulk import group_totals, score_columns
from kormo.domain.plan import (
    Activity,
    Area,
    CalculationMethod,
    Indicator,
    Plan,
    PlanKind,
    ProgressValue,
    Quarter,
    TargetLevels,
    Unit,
)
from kormo.domain.scoring import score_plans
from kormo.domain.values import DateValue, Number

PER_PLAN = 100


def make_plan(n: int, rng: random.Random) -> Plan:
    indicators = []
    progress = []
    for k in range(PER_PLAN):
        number = f"1.{k + 1}.1"
        if k % 4 == 0:
            base = dt.date(2022, 12, 12)
            levels = TargetLevels(*(DateValue(base + dt.timedelta(days=20 * i)) for i in range(5)))
            ind = Indicator(number, "date", Unit.DATE, Decimal(1),
                            calculation_method=CalculationMethod.DATE, levels=levels)
            done = base + dt.timedelta(days=rng.randint(-10, 120))
            progress.append(ProgressValue(number, Quarter.Q3, DateValue(done)))
        else:
            levels = TargetLevels(*(Number(Decimal(v)) for v in (350, 300, 250, 200, 150)))
            ind = Indicator(number, "count", Unit.COUNT, Decimal(1),
                            calculation_method=CalculationMethod.SUM, levels=levels)
            for q in (Quarter.Q1, Quarter.Q2, Quarter.Q3, Quarter.Q4):
                progress.append(ProgressValue(number, q, Number(Decimal(rng.randint(20, 100)))))
        indicators.append(ind)
    activities = tuple(Activity(i.number.rsplit(".", 1)[0], "a", (i,)) for i in indicators)
    area = Area("1", "area", Decimal(PER_PLAN), activities=activities)
    return Plan(PlanKind.APA, "2022-23", f"office {n}", id=f"p{n}", areas=(area,),
                progress=tuple(progress))


def bench_objects(total: int) -> None:
    rng = random.Random(1)
    t0 = time.perf_counter()
    plans = [make_plan(n, rng) for n in range(total // PER_PLAN)]
    t1 = time.perf_counter()
    scores = score_plans(plans)
    t2 = time.perf_counter()
    count = sum(len(s.indicators) for s in scores)
    print(f"object path: built {len(plans):,} plans in {t1 - t0:.2f} s; scored {count:,} "
          f"indicators in {t2 - t1:.2f} s ({count / (t2 - t1):,.0f} indicators/s)")


def bench_columns(total: int) -> None:
    rng = np.random.default_rng(1)
    is_date = np.arange(total) % 4 == 0
    counts = np.tile(np.array([350.0, 300.0, 250.0, 200.0, 150.0]), (total, 1))
    base = float(dt.date(2022, 12, 12).toordinal())
    dates = base + np.tile(np.array([0.0, 20.0, 40.0, 60.0, 80.0]), (total, 1))
    levels = np.where(is_date[:, None], dates, counts)
    levels[rng.random((total, 5)) < 0.05] = np.nan  # some blank levels
    achieved = np.where(is_date, base + rng.integers(-10, 120, total),
                        rng.integers(80, 400, total)).astype(float)
    weights = np.ones(total)
    plan_of = np.arange(total) // PER_PLAN
    t0 = time.perf_counter()
    scores = score_columns(weights, levels, achieved, is_date)
    totals = group_totals(plan_of, scores.score, int(plan_of[-1]) + 1)
    t1 = time.perf_counter()
    print(f"columnar path: scored {total:,} indicators and {len(totals):,} plan totals in "
          f"{t1 - t0:.2f} s ({total / (t1 - t0):,.0f} indicators/s)")


def main() -> None:
    objects = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    columns = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    bench_objects(objects)
    bench_columns(columns)


if __name__ == "__main__":
    main()
