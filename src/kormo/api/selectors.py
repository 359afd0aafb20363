"""Reads of the API, each in a fixed number of queries (STYLE.md selectors).

The API shows what the pages show, to the same people: the live data (every quarter, verified
values where they exist), not only what is published. Scores are computed as on the pages: the
office's current plans of the year together, with the year's rule set
(`kormo.public.opendata.scores_of`, the same code as the open data's).
"""

from __future__ import annotations

from typing import Any

from kormo.domain.planformat import value_to_json
from kormo.plans import models as pm
from kormo.plans.convert import COUNTED_REPORT_STATES, plans_to_domain
from kormo.plans.convert.load import effective_value
from kormo.plans.values import value_from_columns
from kormo.progress.models import Evidence, ReportedValue
from kormo.progress.selectors import plan_progress
from kormo.public.opendata import DataPlan, score_json, scores_of


def plan_out(plan: pm.Plan) -> dict[str, Any]:
    """A plan row as `schemas.PlanOut` (its office selected)."""
    return {
        "id": plan.pk, "office_id": plan.office_id, "office_code": plan.office.code,
        "kind": plan.kind, "fiscal_year": plan.fiscal_year, "title": plan.title,
        "subtitle": plan.subtitle,
        "external_id": plan.external_id, "state": plan.state, "revision": plan.revision,
        "revision_of_id": plan.revision_of_id, "is_current": plan.is_current,
        "is_template": plan.is_template, "parent_id": plan.parent_id,
        "lock_version": plan.lock_version, "signed_at": plan.signed_at,
        "updated_at": plan.updated_at,
    }


def _value_out(rv: ReportedValue, evidence: list[str]) -> dict[str, Any]:
    return {
        "indicator_ref": rv.indicator_ref,
        "quarter": rv.quarter,
        "reported": value_to_json(value_from_columns(rv, "reported")),
        "verified": value_to_json(value_from_columns(rv, "verified")) if rv.verified else None,
        "effective": value_to_json(effective_value(rv)),
        "remarks": rv.remarks,
        "inputs": {str(k): str(v) for k, v in rv.inputs.items()},
        "review_state": rv.review_state,
        "lock_version": rv.lock_version,
        "evidence": [*rv.evidence_texts, *evidence],
    }


def value_out(plan: pm.Plan, ref: str, quarter: str) -> dict[str, Any]:
    """One indicator's value in one quarter (after a write). Two queries."""
    rv = ReportedValue.objects.get(plan=plan, indicator_ref=ref, quarter=quarter)
    names = list(rv.files.filter(removed_at__isnull=True).order_by("uploaded_at", "pk")
                 .values_list("original_name", flat=True))
    return _value_out(rv, names)


def progress_out(plan: pm.Plan) -> dict[str, Any]:
    """The plan's five reports and every indicator's values per quarter: reported, verified
    and effective. A fixed number of queries (reports and deadlines, reported values, evidence
    names)."""
    periods = plan_progress(plan)
    reported = {(rv.indicator_ref, rv.quarter): rv
                for rv in ReportedValue.objects.filter(plan=plan)}
    evidence: dict[int, list[str]] = {}
    for value_id, name in Evidence.objects.filter(plan=plan, removed_at__isnull=True).order_by(
            "uploaded_at", "pk").values_list("value_id", "original_name"):
        evidence.setdefault(value_id, []).append(name)
    return {
        "plan_id": plan.pk,
        "reports": [
            {
                "period": row.period, "state": row.state, "due_on": row.due_on,
                "is_late": bool(row.report and row.report.is_late),
                "submitted_at": row.report.submitted_at if row.report else None,
                "accepted_at": row.report.accepted_at if row.report else None,
                "lock_version": row.report.lock_version if row.report else None,
            }
            for row in periods
        ],
        "values": [_value_out(reported[k], evidence.get(reported[k].pk, []))
                   for k in sorted(reported)],
    }


def plan_scores(plan: pm.Plan) -> dict[str, Any] | None:
    """The plan's scores from the live data, scored with the other current plans of its office
    and year (the action plans feed the APA). None for a plan without indicators. A fixed
    number of queries (`PLAN_TO_DOMAIN_QUERIES` + 1 for the rule set)."""
    group = pm.Plan.objects.filter(
        office_id=plan.office_id, fiscal_year=plan.fiscal_year, is_current=True,
        is_template=False).exclude(kind=plan.kind) | pm.Plan.objects.filter(pk=plan.pk)
    # Submitted and accepted values only, as every score (issue 12 rule 10: never drafts).
    data = [DataPlan(lp.row, lp.domain) for lp in plans_to_domain(
        group.order_by("kind", "pk"), report_states=COUNTED_REPORT_STATES).values()]
    scores = scores_of(data)
    mine = next(p for p in data if p.row.pk == plan.pk)
    score = scores.get(plan.pk)
    return None if score is None else score_json(mine, score)
