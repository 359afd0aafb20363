"""Scores as JSON: the one shape `kormo score`, the open data and the API all print.

Figures are rounded to two decimals (as published); weights are plain numbers. Keys that do
not apply are null rather than missing, so that a consumer reads every plan the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from kormo.domain.plan import Plan
from kormo.domain.planformat import value_to_json
from kormo.domain.scoring import PlanScore


def r2(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def _number(x: Decimal | None) -> int | float | None:
    if x is None:
        return None
    return int(x) if x == x.to_integral_value() else float(x)


def plan_score_json(score: PlanScore, plan: Plan | None = None) -> dict[str, Any]:
    """One plan's scores: per plan, per area, per indicator. `plan` (the scored plan) adds
    which action plan feeds each governance indicator, which the score alone does not carry."""
    feeds = {} if plan is None else {
        ref: ind.feeds_from.value for ref, ind in plan.indicator_refs().items()
        if ind.feeds_from is not None}
    return {
        "plan": score.plan_id,
        "kind": score.kind.value,
        "office": score.office,
        "fiscal_year": score.fiscal_year,
        "rule_set": score.rule_set,
        "total": r2(score.total),
        "maximum": r2(score.maximum),
        "percent": r2(score.percent),
        "rating": score.rating,
        "indicators_at_100_percent": score.full_marks_count,
        "indicator_count": len(score.indicators),
        "areas": [
            {
                "number": a.number,
                "name": a.name,
                "kind": a.kind.value,
                "weight": _number(a.weight),
                "score": r2(a.score),
                "maximum": r2(a.maximum),
                "indicators": [
                    {
                        "ref": i.ref,
                        "number": i.number,
                        "name": i.name,
                        "weight": _number(i.weight),
                        "annual_achievement": value_to_json(i.achievement.value),
                        "raw_percent": r2(i.raw_percent),
                        "score": r2(i.score),
                        "maximum": r2(i.maximum),
                        "status": i.status.value,
                        "linked_plan": i.linked_plan,
                        "feeds_from": feeds.get(i.ref),
                        "published_score": _number(i.published_score),
                        "published_differs": i.published_differs,
                    }
                    for i in a.indicators
                ],
            }
            for a in score.areas
        ],
    }


def scores_json(plans: Sequence[Plan], scores: Sequence[PlanScore]) -> list[dict[str, Any]]:
    """The scores of `scores` (from `score_plans(plans)`), each with its plan's links."""
    by_id = {p.id: p for p in plans}
    return [plan_score_json(s, by_id.get(s.plan_id)) for s in scores]
