"""Open data: plans, progress and scores as JSON and CSV, for one plan, an office or everyone.

Formats (docs/open-data.md):

- **plans JSON** is the plan format itself (`kormo.domain.planformat.dumps`,
  docs/plan-format.md): `planformat.loads` reads it back, and `kormo validate` / `kormo score`
  work on it directly;
- **scores JSON** has the shape of `kormo score` (`kormo.domain.scorejson`: per plan, per area,
  per indicator, figures at two decimals), with the database id and office code added;
- **indicators CSV** has one row per indicator: office, year, plan kind, area, indicator, unit,
  weight, the five levels, the quarters' values, the annual achievement, raw percent and score.

Scores are computed here as the pages compute them (`kormo.progress.scores`): an office's plans
of a year are scored together, action plans feeding the APA's governance indicators (DOMAIN.md,
Scoring §5), with the rule set of the year's setup. Callers pass the plans they may show: the
public views pass published plans with published quarters only (`kormo.public.publication`),
so the scores here move only with published data.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from kormo.documents.render.common import target_of
from kormo.documents.render.scores_csv import value_text
from kormo.domain import plan as d
from kormo.domain.errors import InputError
from kormo.domain.rules import RuleSet, rule_set_for, rule_set_named
from kormo.domain.scorejson import plan_score_json
from kormo.domain.scoring import QUARTERS, PlanScore
from kormo.domain.spreadsheet import neutralise_rows
from kormo.plans import models as m
from kormo.progress.scores import score_office_plans
from kormo.years.models import FiscalYearSetup

SCORES_FORMAT = "kormo-scores"
SCORES_VERSION = 1

CSV_COLUMNS = (
    "office_code", "office", "fiscal_year", "plan_id", "plan_kind", "plan_revision",
    "area_number", "area_name", "area_kind", "indicator_ref", "indicator_number",
    "indicator_name", "unit", "weight", "level_100", "level_90", "level_80", "level_70",
    "level_60", "annual_target", "q1", "q2", "q3", "q4", "annual_achievement", "raw_percent",
    "score", "maximum", "status",
)


@dataclass(frozen=True, slots=True)
class DataPlan:
    """A stored plan row (its office selected) and the domain plan to publish for it, with
    the number of its values under correction (left out of `plan`)."""

    row: m.Plan
    plan: d.Plan
    under_correction: int = 0


# ---------------------------------------------------------------- scores


def rule_sets(years: Sequence[str]) -> dict[str, RuleSet]:
    """The rule set of each fiscal year, as `years.deadlines.rules_for_year` picks it, in one
    query for all the years."""
    named = dict(FiscalYearSetup.objects.filter(fiscal_year__in=list(set(years))).values_list(
        "fiscal_year", "rule_set"))
    out: dict[str, RuleSet] = {}
    for fy in set(years):
        try:
            out[fy] = rule_set_named(named[fy]) if named.get(fy) else rule_set_for(fy)
        except InputError:  # a name no longer registered: the year's default
            out[fy] = rule_set_for(fy)
    return out


def scores_of(plans: Sequence[DataPlan]) -> dict[int, PlanScore]:
    """Scores by plan id: each office's plans of a year scored together (one query for the
    rule sets). Plans link by office row and year, as on the pages."""
    groups: dict[tuple[int, str], dict[int, d.Plan]] = defaultdict(dict)
    for p in plans:
        # Link by the office row, not by the office's name as each document writes it.
        groups[(p.row.office_id, p.row.fiscal_year)][p.row.pk] = dataclasses.replace(
            p.plan, office=p.row.office.name)
    rules = rule_sets([fy for _, fy in groups])
    out: dict[int, PlanScore] = {}
    for (_, fy), group in groups.items():
        out.update(score_office_plans(group, rules[fy]))
    return out


def score_json(p: DataPlan, s: PlanScore) -> dict[str, Any]:
    """One plan's scores in the shape of `kormo score` (kormo.domain.scorejson), with the
    stored plan's id, office code and revision."""
    return {"id": p.row.pk, **plan_score_json(s, p.plan), "office": p.row.office.name,
            "office_code": p.row.office.code, "revision": p.row.revision}


def scores_document(plans: Sequence[DataPlan]) -> dict[str, Any]:
    """The scores of the plans that have indicators, in the order given."""
    scores = scores_of(plans)
    return {
        "format": SCORES_FORMAT,
        "version": SCORES_VERSION,
        "plans": [score_json(p, scores[p.row.pk]) for p in plans if p.row.pk in scores],
    }


def _json_default(o: Any) -> Any:
    from decimal import Decimal

    if isinstance(o, Decimal):
        return int(o) if o == o.to_integral_value() else float(o)
    raise TypeError(type(o).__name__)


def dumps_scores(plans: Sequence[DataPlan]) -> str:
    return json.dumps(scores_document(plans), ensure_ascii=False, indent=2,
                      default=_json_default)


# ---------------------------------------------------------------- CSV


def _fixed(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}"


def csv_rows(plans: Sequence[DataPlan], scores: Mapping[int, PlanScore] | None = None
             ) -> list[tuple[str, ...]]:
    """One row per indicator of every plan with indicators (CSV_COLUMNS, in order)."""
    scores = scores_of(plans) if scores is None else scores
    rows: list[tuple[str, ...]] = []
    for p in plans:
        s = scores.get(p.row.pk)
        if s is None:
            continue
        refs = p.plan.indicator_refs()
        quarters: dict[tuple[str, d.Quarter], d.Value | None] = {
            (pv.indicator, pv.quarter): pv.value for pv in p.plan.progress}
        for area in s.areas:
            for i in area.indicators:
                ind = refs[i.ref]
                levels = [value_text(v) for _, v in ind.levels.as_pairs()]
                rows.append((
                    p.row.office.code, p.row.office.name, p.row.fiscal_year, str(p.row.pk),
                    p.row.kind, str(p.row.revision), area.number, area.name, area.kind.value,
                    i.ref, i.number, i.name, ind.unit.value,
                    "" if i.weight is None else format(i.weight, "f"),
                    *levels,
                    value_text(target_of(ind)),
                    *(value_text(quarters.get((i.ref, q))) for q in QUARTERS),
                    value_text(i.achievement.value),
                    _fixed(i.raw_percent), _fixed(i.score), _fixed(i.maximum), i.status.value,
                ))
    return rows


def dumps_csv(plans: Sequence[DataPlan]) -> str:
    """The CSV text (header first). The byte-order mark is added when sent, so that Excel
    reads the Bengali names as UTF-8."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(neutralise_rows(csv_rows(plans)))  # no formulas (domain.spreadsheet)
    return out.getvalue()
