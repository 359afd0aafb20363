"""The columnar scorer agrees with the reference object path (DOMAIN.md, Scoring §2-§4)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kormo.domain.bulk import group_totals, score_columns, single_target_percents
from kormo.domain.plan import CalculationMethod, Unit
from kormo.domain.rules import LevelMethod, RuleSet
from kormo.domain.scoring import score_plan
from kormo.domain.values import DateValue
from tests.domain.builders import indicator, levels, num, plan_with, report
from tests.domain.examples import LEVEL_EXAMPLES


def _floats(values):
    out = []
    for v in values:
        if v is None:
            out.append(math.nan)
        elif isinstance(v, DateValue):
            out.append(float(v.value.toordinal()))
        else:
            out.append(float(v.value))
    return out


def test_columnar_scores_match_every_domain_example():
    rows = [(lv, ach, exp) for _, lv, ach, exp in LEVEL_EXAMPLES]
    lv = np.array([_floats((*r[0], *([None] * (5 - len(r[0]))))) for r in rows])
    ach = np.array([_floats([r[1]])[0] for r in rows])
    is_date = np.array([isinstance(r[1], DateValue) for r in rows])
    out = score_columns(np.full(len(rows), 10.0), lv, ach, is_date)
    np.testing.assert_allclose(out.raw_percent, [r[2] for r in rows], atol=1e-9)
    np.testing.assert_allclose(out.score, [r[2] / 10 for r in rows], atol=1e-9)


slot = st.one_of(st.none(), st.integers(min_value=0, max_value=500))


@settings(max_examples=300, deadline=None)
@given(st.lists(slot, min_size=5, max_size=5), st.integers(min_value=-10, max_value=520),
       st.sampled_from([LevelMethod.INTERPOLATE, LevelMethod.STEP, LevelMethod.RATIO]),
       st.booleans())
def test_columnar_and_object_paths_agree(slots, achieved, method, as_dates):
    values = [v for v in slots if v is not None]
    if not values or len(set(values)) != len(values):
        return  # validation refuses such levels; nothing to compare
    if values != sorted(values, reverse=True) and values != sorted(values):
        return  # unordered levels are refused by validation
    if as_dates and values != sorted(values):
        return  # date levels run later from best to worst
    base = dt.date(2022, 7, 1)

    def cell(v):
        if v is None:
            return None
        return DateValue(base + dt.timedelta(days=v)) if as_dates else num(v)

    unit = Unit.DATE if as_dates else Unit.COUNT
    ind = indicator(unit=unit, method=CalculationMethod.CUMULATIVE,
                    lv=levels(*(cell(v) for v in slots)), weight=7)
    plan = plan_with(ind, progress=(report("1.1.1", "Q4", cell(max(achieved, 0))),))
    expected = score_plan(plan, RuleSet(name="t", level_method=method)).indicator("1.1.1")

    lv = np.array([_floats([cell(v) for v in slots])])
    ach = np.array(_floats([cell(max(achieved, 0))]))
    got = score_columns(np.array([7.0]), lv, ach, np.array([as_dates]), method)
    assert got.raw_percent[0] == pytest.approx(expected.raw_percent, abs=1e-9)
    assert got.score[0] == pytest.approx(expected.score, abs=1e-9)


def test_single_target_columns_follow_scoring_rule_3():
    target = np.array([20.0, 8.0, 100.0, 738000.0, 738000.0, 0.0, 5.0])
    achieved = np.array([15.0, 12.0, 80.0, 737990.0, 738001.0, 3.0, math.nan])
    is_date = np.array([False, False, False, True, True, False, False])
    out = single_target_percents(target, achieved, is_date)
    np.testing.assert_allclose(out[:6], [75.0, 100.0, 80.0, 100.0, 0.0, 100.0])
    assert math.isnan(out[6])


def test_group_totals_sum_indicators_into_plans():
    scores = np.array([1.5, 2.5, 4.0, 0.0])
    assert group_totals(np.array([0, 0, 1, 2]), scores, 3).tolist() == [4.0, 4.0, 0.0]


def test_rows_without_levels_or_achievement_are_nan_not_zero():
    lv = np.array([[math.nan] * 5, [10, 9, 8, 7, 6]], dtype=float)
    out = score_columns(np.array([5.0, 5.0]), lv, np.array([3.0, math.nan]),
                        np.array([False, False]))
    assert np.isnan(out.raw_percent).all()
    assert out.score.tolist() == [0.0, 0.0]
    assert Decimal(0) == Decimal(out.score.sum())
