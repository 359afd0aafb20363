"""Documents of a plan for the people who may read it: the plan (drafts too), its quarterly
progress reports and its year-end evaluation, as PDF, DOCX or XLSX.

The public pages offer the same files for signed plans and accepted reports only
(`kormo.public`); here the office's *current* plans of the year go into the file, whatever
their state, with every value reported so far. Both answer through
`kormo.web.documents.document_response`, so the files are made by the same call.
The caller has already passed `offices.access` for `plan`; the other plans read here are of
the same office and year, which that check covers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse

from kormo.domain import plan as d
from kormo.plans.convert import plans_to_domain
from kormo.plans.models import Plan
from kormo.web.documents import document_response
from kormo.years.deadlines import rules_for_year


def renderer_plans(plans: Iterable[tuple[int, d.Plan]], chosen_pk: int
                   ) -> tuple[list[d.Plan], str]:
    """(row id, domain plan) pairs as the renderer takes them, and the chosen plan's id.

    Every plan gets a distinct id (a plan made in the app may have none), and action plans
    without a parent are annexed to the year's APA, so that the APA document shows them as
    annexes 4-8 and its governance indicators take their scores (DOMAIN.md, Scoring §5).
    """
    seen: set[str] = set()
    out: list[d.Plan] = []
    chosen = ""
    for pk, plan in plans:
        pid = plan.id or f"kormo-{pk}"
        if pid in seen:
            pid = f"{pid}-{pk}"
        seen.add(pid)
        out.append(dataclasses.replace(plan, id=pid))
        if pk == chosen_pk:
            chosen = pid
    apa = next((p for p in out if p.kind is d.PlanKind.APA), None)
    if apa is not None:
        out = [dataclasses.replace(p, parent=apa.id)
               if p.kind in d.ACTION_PLAN_KINDS and not p.parent else p for p in out]
    return out, chosen


def document_plans(plan: Plan) -> tuple[list[d.Plan], str]:
    """`plan` with the office's other current plans of its year (one per other kind), loaded
    in `PLAN_TO_DOMAIN_QUERIES` queries. A template stands alone: it belongs to no office's
    year."""
    group = Plan.objects.filter(pk=plan.pk)
    if not plan.is_template:
        group = group | Plan.objects.filter(
            office_id=plan.office_id, fiscal_year=plan.fiscal_year, is_current=True,
            is_template=False).exclude(kind=plan.kind)
    loaded = plans_to_domain(group.order_by("kind", "pk"))
    return renderer_plans(((pk, lp.domain) for pk, lp in loaded.items()), plan.pk)


def plan_document_response(request: HttpRequest, plan: Plan, fmt: str, *, kind: str,
                           quarter: str | None, stem: str) -> HttpResponse:
    """The document `kind` of `plan` (already read through `offices.access`)."""
    plans, chosen = document_plans(plan)
    return document_response(request, plans, fmt, kind=kind, plan_id=chosen, quarter=quarter,
                             rules=rules_for_year(plan.fiscal_year), stem=stem, explain=True)
