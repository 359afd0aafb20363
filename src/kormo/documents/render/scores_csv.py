"""CSV of scores: one row per indicator of every scored plan, for spreadsheets and scripts.

Machine-readable on purpose: English column names, Latin digits, ISO dates, full precision
for scores and percents (rounding is for display; DOMAIN.md, Scoring: keep full precision
inside). Values keep the plan format's kinds: a percent is written as its number, a date as
YYYY-MM-DD, a blank mark as written ("-").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from kormo.documents.render.common import target_of
from kormo.domain.plan import Plan, Quarter
from kormo.domain.rules import RuleSet
from kormo.domain.scoring import score_plans
from kormo.domain.spreadsheet import neutralise
from kormo.domain.values import (
    Blank,
    DateValue,
    Money,
    MonthValue,
    NotApplicable,
    Number,
    Percent,
    Value,
)

COLUMNS = (
    "plan_id", "plan_kind", "office", "fiscal_year", "area_number", "area_name", "area_kind",
    "indicator_ref", "indicator_number", "indicator_name", "unit", "weight", "target",
    "annual_achievement", "raw_percent", "score", "maximum", "status", "linked_plan",
)


def value_text(value: Value | None) -> str:
    match value:
        case None:
            return ""
        case Number(v) | Percent(v) | Money(v):
            return format(v, "f")
        case DateValue(d):
            return d.isoformat()
        case MonthValue(y, m):
            return f"{y:04d}-{m:02d}"
        case Blank(mark):
            return mark
        case NotApplicable():
            return "not_applicable"
    raise TypeError(f"not a cell value: {value!r}")


def _number(x: float | None) -> str:
    return "" if x is None else repr(x)


def scores_csv(plans: Sequence[Plan], *, plan_id: str | None = None,
               quarter: Quarter | None = None, rules: RuleSet | None = None) -> str:
    """Scores of the plans (all of them, or only `plan_id`), through `quarter` if given."""
    by_id = {p.id: p for p in plans}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for score in score_plans([p for p in plans if p.areas], rules, through=quarter):
        if plan_id and score.plan_id != plan_id:
            continue
        plan = by_id[score.plan_id]
        refs = plan.indicator_refs()
        for area in score.areas:
            for s in area.indicators:
                indicator = refs[s.ref]
                writer.writerow(map(neutralise, (  # no formulas (domain.spreadsheet)
                    score.plan_id, score.kind.value, score.office, score.fiscal_year,
                    area.number, area.name, area.kind.value,
                    s.ref, s.number, s.name, indicator.unit.value,
                    "" if s.weight is None else format(s.weight, "f"),
                    value_text(target_of(indicator)),
                    value_text(s.achievement.value),
                    _number(s.raw_percent), _number(s.score), _number(s.maximum),
                    s.status.value, s.linked_plan or "",
                )))
    return out.getvalue()
