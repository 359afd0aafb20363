"""Reads of the public pages and the open data, each in a fixed number of queries.

- `public_data(plans)`: published plans with their published progress, ready for the open
  data writers (`kormo.public.opendata`): `PUBLIC_DATA_QUERIES` queries for any number of plans.
- `office_page(office)`: what an office's public page lists.
- `office_index()`: the offices that have published something.
- `document_plans(plan)`: a plan with the published plans of its office and year, as the
  documents renderer takes them (the APA's annexes, the action plans feeding its scores).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet

from kormo.domain import plan as d
from kormo.domain.calendar import quarter_label
from kormo.domain.scoring import PlanScore
from kormo.offices.models import Office
from kormo.plans.convert import PLAN_TO_DOMAIN_QUERIES, plans_to_domain
from kormo.plans.documents import renderer_plans
from kormo.plans.models import Plan
from kormo.progress.models import Report
from kormo.public.opendata import DataPlan, scores_of
from kormo.public.publication import (
    accepted_reports,
    published_latest,
    published_plans,
    published_progress,
    published_view,
)

# The loader's queries and one for what is published (accepted reports, values under
# correction).
PUBLIC_DATA_QUERIES = PLAN_TO_DOMAIN_QUERIES + 1

PLAN_ORDER = ("office__code", "fiscal_year", "kind", "revision", "pk")


def public_data(plans: QuerySet[Plan]) -> list[DataPlan]:
    """The plans (already narrowed to published ones by the caller) with the progress of their
    published quarters only, without the values under correction, in `plans`' order."""
    loaded = plans_to_domain(plans)
    if not loaded:
        return []
    published = published_progress(plans)
    out = []
    for pk, lp in loaded.items():
        under = published.under_correction.get(pk, set())
        out.append(DataPlan(lp.row, published_view(lp.domain, published.quarters.get(pk, set()),
                                                   under), len(under)))
    return out


# ---------------------------------------------------------------- the office page


@dataclass(frozen=True)
class PublicReport:
    report: Report
    label: str  # the quarter in the page's language ("১ম কোয়ার্টার (জুলাই-সেপ্টেম্বর)")


@dataclass
class PublicPlan:
    row: Plan
    score: PlanScore | None
    reports: list[PublicReport]
    superseded: bool  # a later revision of it is signed
    under_correction: int = 0  # values of accepted quarters left out until accepted again


@dataclass
class PublicYear:
    fiscal_year: str
    plans: list[PublicPlan] = field(default_factory=list)


@dataclass
class OfficePage:
    office: Office
    parent: Office | None  # the supervising office, when it has a public page too
    years: list[PublicYear]
    below: list[Office]  # offices directly below that have a public page


def _with_public_plans(offices: QuerySet[Office]) -> QuerySet[Office]:
    return offices.filter(Exists(published_plans().filter(office=OuterRef("pk"))))


def _report_label(report: Report, lang: str) -> str:
    return "" if report.period == "year" else quarter_label(d.Quarter(report.period), lang)


def office_page(office: Office, lang: str) -> OfficePage:
    """Every published version of the office's plans, newest year first, with its accepted
    reports and its score from published progress. A fixed number of queries."""
    versions = published_plans().filter(office=office)
    latest_ids = set(published_latest().filter(office=office).values_list("pk", flat=True))
    data = public_data(versions.order_by("-fiscal_year", "kind", "-revision", "pk"))
    scores = scores_of([p for p in data if p.row.pk in latest_ids])
    reports = accepted_reports(versions)
    years: dict[str, PublicYear] = {}
    for p in data:
        year = years.setdefault(p.row.fiscal_year, PublicYear(p.row.fiscal_year))
        accepted = [PublicReport(r, _report_label(r, lang)) for r in reports.get(p.row.pk, [])]
        year.plans.append(PublicPlan(p.row, scores.get(p.row.pk), accepted,
                                     p.row.pk not in latest_ids, p.under_correction))
    parent = None
    if office.parent_id is not None:
        parent = _with_public_plans(Office.objects.filter(pk=office.parent_id)).first()
    below = list(_with_public_plans(Office.objects.filter(parent=office)).order_by("name", "pk"))
    return OfficePage(office, parent, list(years.values()), below)


def office_index() -> list[Office]:
    """The offices with at least one published plan, by name (one query)."""
    return list(_with_public_plans(Office.objects.all()).order_by("name", "pk"))


# ---------------------------------------------------------------- documents


def document_plans(plan: Plan) -> tuple[list[d.Plan], str]:
    """The plans to hand to the documents renderer for `plan`, and `plan`'s id among them.

    The published plans of the same office and year (latest versions), `plan` itself in place
    of any other version of its kind, with ids and annexes as the app's own documents have
    them (`kormo.plans.documents.renderer_plans`).
    """
    group = (published_latest().filter(office_id=plan.office_id, fiscal_year=plan.fiscal_year)
             .exclude(kind=plan.kind)) | published_plans().filter(pk=plan.pk)
    data = public_data(group.order_by("kind", "pk"))
    return renderer_plans(((p.row.pk, p.plan) for p in data), plan.pk)
