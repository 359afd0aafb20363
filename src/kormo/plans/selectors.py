"""Reads of stored plans that pages and reports need (HackSoft selectors).

Whole plans are read with `kormo.plans.convert.plan_to_domain`; these are the cross-plan
queries the tables exist for: plans of an office by year and kind, and indicators by office,
year, kind, area and reference. Each returns one lazy queryset (one query when evaluated).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import QueryDict

from kormo.audit.models import ChangeRecord
from kormo.audit.selectors import person_name
from kormo.domain import plan as d
from kormo.domain.cells import format_value
from kormo.domain.dates import format_date
from kormo.domain.numerals import format_number
from kormo.domain.plan import AreaKind, PlanKind
from kormo.domain.values import Value
from kormo.offices.models import Office
from kormo.offices.selectors import posts_of
from kormo.plans import forms
from kormo.plans.authoring import outcome_columns
from kormo.plans.convert import plan_to_domain
from kormo.plans.models import Indicator, Plan
from kormo.plans.sheet import Columns, YearColumn, default_columns, sheet_rows
from kormo.years.models import FiscalYearSetup


def plan_list_for_office(
    *, office: Office, fiscal_year: str | None = None, kind: PlanKind | None = None
) -> QuerySet[Plan]:
    """The office's plans, optionally of one fiscal year and kind (index: office, year, kind)."""
    plans = Plan.objects.filter(office=office)
    if fiscal_year is not None:
        plans = plans.filter(fiscal_year=fiscal_year)
    if kind is not None:
        plans = plans.filter(kind=PlanKind(kind).value)
    return plans.order_by("fiscal_year", "kind", "pk")


def indicator_list_for_office(
    *,
    office: Office,
    fiscal_year: str | None = None,
    kind: PlanKind | None = None,
    area_number: str | None = None,
    area_kind: AreaKind | None = None,
    ref: str | None = None,
) -> QuerySet[Indicator]:
    """Indicators of the office's plans, narrowed by year, plan kind, area and reference."""
    indicators = Indicator.objects.filter(plan__office=office)
    if fiscal_year is not None:
        indicators = indicators.filter(plan__fiscal_year=fiscal_year)
    if kind is not None:
        indicators = indicators.filter(plan__kind=PlanKind(kind).value)
    if area_number is not None:
        indicators = indicators.filter(activity__area__number=area_number)
    if area_kind is not None:
        indicators = indicators.filter(activity__area__kind=AreaKind(area_kind).value)
    if ref is not None:
        indicators = indicators.filter(ref=ref)
    return indicators.select_related("plan").order_by("plan_id", "activity_id", "position")


def template_list_for_office(*, templates: QuerySet[Plan], office: Office) -> list[Plan]:
    """The templates among `templates` (what the person may read, `access.templates_readable`)
    that `office` may copy: from its own office or one above it, for its tier or any tier,
    of a fiscal year that is open. Two queries."""

    open_years = set(FiscalYearSetup.objects.filter(is_open=True).values_list("fiscal_year",
                                                                              flat=True))
    return [
        t for t in templates.select_related("office").order_by("-fiscal_year", "kind", "pk")
        if office.path.startswith(t.office.path) and t.template_tier in ("", office.tier)
        and t.fiscal_year in open_years
    ]


def template_list_owned(*, office: Office, fiscal_year: str | None = None) -> QuerySet[Plan]:
    """The templates an office keeps (its administrators' setup page). One query."""
    templates = Plan.objects.filter(office=office, is_template=True)
    if fiscal_year is not None:
        templates = templates.filter(fiscal_year=fiscal_year)
    return templates.order_by("-fiscal_year", "kind", "template_tier", "pk")


# ---------------------------------------------------------------- plan pages

# Parts of the sections page per kind of plan (a part that holds data is shown anyway).
_KIND_SECTIONS = {
    PlanKind.APA: ("general", "overview", "preamble", "section1", "outcomes", "acronyms",
                   "annex2", "annex3", "commitments", "notes"),
    PlanKind.INNOVATION_WORK_PLAN: ("general", "work_items", "notes"),
    PlanKind.INNOVATION_REGISTER: ("general", "register", "notes"),
}
_ACTION_PLAN_SECTIONS = ("general", "notes")


@dataclass(frozen=True, slots=True)
class PlanPage:
    """Everything the plan page shows, loaded in `PLAN_TO_DOMAIN_QUERIES` queries."""

    domain: d.Plan
    columns: Columns
    rows: list[dict[str, Any]]


def plan_page_data(plan: Plan, lang: str) -> PlanPage:
    domain = plan_to_domain(plan.pk)
    columns = default_columns(domain)
    rows: list[dict[str, Any]] = []
    for row in sheet_rows(domain, columns, lang):
        rows.append(row | {
            "actuals": [row[f"actual_{i}"] for i in range(len(columns.actuals))],
            "projections": [row[f"projection_{i}"] for i in range(len(columns.projections))],
        })
    return PlanPage(domain, columns, rows)


def _shown_sections(plan: d.Plan) -> set[str]:
    shown = set(_KIND_SECTIONS.get(d.PlanKind(plan.kind), _ACTION_PLAN_SECTIONS))
    filled = {
        "overview": plan.overview is not None, "preamble": bool(plan.preamble_parties
                                                               or plan.preamble),
        "section1": bool(plan.vision or plan.mission or plan.functions),
        "outcomes": bool(plan.outcomes), "acronyms": bool(plan.acronyms),
        "commitments": bool(plan.commitments), "work_items": bool(plan.work_items),
        "register": bool(plan.register),
        "annex2": any(i.implementing_unit or i.evidence for i in plan.indicators),
        "annex3": any(i.dependency is not None for i in plan.indicators),
    }
    return shown | {name for name, has in filled.items() if has}


def _value(v: Value | None, lang: str) -> str:
    return format_value(v, lang)


def _number(value: Decimal | None, lang: str) -> str:
    return "" if value is None else format_number(value, lang, grouping=False)


def _day(value: dt.date | None, lang: str) -> str:
    return "" if value is None else format_date(value, lang)


def sections_initial(plan: d.Plan, lang: str) -> dict[str, Any]:
    """The sections page's values from the stored plan, as the inputs show them."""
    cols = outcome_columns(plan)
    ov = plan.overview or d.Overview()

    def years(values: tuple[d.YearValue, ...], prefix: str,
              columns: tuple[YearColumn, ...]) -> dict[str, str]:
        by_year = {yv.fiscal_year: yv.value for yv in values}
        return {f"{prefix}_{k}": _value(by_year.get(c.fiscal_year), lang)
                for k, c in enumerate(columns)}

    return {
        "shown": _shown_sections(plan),
        "title": plan.title, "subtitle": plan.subtitle, "supervisor": plan.supervisor,
        "overview_achievements": ov.achievements, "overview_challenges": ov.challenges,
        "overview_future_plans": ov.future_plans,
        "overview_expected_achievements": "\n".join(ov.expected_achievements),
        "preamble": plan.preamble,
        "parties": [{"post": p.post, "office": p.office, "name": p.name}
                    for p in plan.preamble_parties],
        "vision": plan.vision, "mission": plan.mission, "functions": "\n".join(plan.functions),
        "outcome_columns": cols,
        "outcomes": [
            {"outcome": o.outcome, "indicator": o.indicator, "unit": o.unit.value,
             "unit_label": o.unit_label, "target": _value(o.target, lang),
             "joint_responsibility": o.joint_responsibility, "data_source": o.data_source,
             **years(o.actuals, "actual", cols.actuals),
             **years(o.projections, "projection", cols.projections)}
            for o in plan.outcomes],
        "acronyms": [{"short": a.short, "meaning": a.meaning} for a in plan.acronyms],
        "annex": [
            {"ref": ref, "number": i.number, "name": i.name,
             "implementing_unit": i.implementing_unit, "evidence": i.evidence,
             "offices": i.dependency.offices if i.dependency else "",
             "strategy": i.dependency.strategy if i.dependency else "",
             "activity_text": i.dependency.activity_text if i.dependency else "",
             "indicator_text": i.dependency.indicator_text if i.dependency else ""}
            for ref, i in plan.indicator_refs().items()],
        "commitments": "\n".join(plan.commitments),
        "work_items": [{"term": w.term, "number": w.number, "subject": w.subject,
                        "plan": w.plan, "actions": "\n".join(w.actions),
                        "quantity": w.quantity.text if w.quantity else "",
                        "quantity_value": _number(w.quantity.value if w.quantity else None, lang),
                        "quantity_unit": w.quantity.unit_label if w.quantity else "",
                        "quantity_expression": w.quantity.expression if w.quantity else "",
                        "period": w.period, "period_start": _day(w.period_start, lang),
                        "period_end": _day(w.period_end, lang)} for w in plan.work_items],
        "register": [{"number": r.number, "name": r.name, "description": r.description,
                      "working": _yes_no(r.working), "not_working_reason": r.not_working_reason,
                      "recipients_get_result": _yes_no(r.recipients_get_result),
                      "link": r.link, "order_date": _day(r.order_date, lang),
                      "remarks": r.remarks} for r in plan.register],
        "notes": "\n".join(plan.notes),
    }


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def sections_typed(post: QueryDict, plan: d.Plan, refs: list[str]) -> dict[str, Any]:
    """What a refused sections save had typed, in the shape of `sections_initial`."""
    s = forms.sections_from_post(post, refs)
    out: dict[str, Any] = {}
    if "general" in s:
        out |= s["general"]
    if "overview" in s:
        out |= {f"overview_{k}": v for k, v in s["overview"].items()}
    if "preamble" in s:
        out |= {"preamble": s["preamble"]["text"], "parties": s["preamble"]["parties"]}
    if "section1" in s:
        out |= s["section1"]
    for name in ("outcomes", "acronyms", "commitments", "work_items", "register", "notes"):
        if name in s:
            out[name] = s[name]
    if "annex2" in s or "annex3" in s:
        out["annex"] = [
            {"ref": ref, "number": i.number, "name": i.name,
             **s.get("annex2", {}).get(ref, {}), **s.get("annex3", {}).get(ref, {})}
            for ref, i in plan.indicator_refs().items()]
    return out


# ---------------------------------------------------------------- an office's plans


@dataclass(frozen=True, slots=True)
class YearPlans:
    fiscal_year: str
    plans: list[Plan]


def office_plans_by_year(office: Office) -> list[YearPlans]:
    """The office's plans (not templates), newest year first, by kind within a year. One query."""
    plans = Plan.objects.filter(office=office, is_template=False).only(
        "pk", "kind", "fiscal_year", "title", "state", "revision", "is_current", "office_id",
        "updated_at",
    ).order_by("-fiscal_year", "kind", "-revision", "pk")
    years: dict[str, list[Plan]] = {}
    for p in plans:
        years.setdefault(p.fiscal_year, []).append(p)
    return [YearPlans(fy, ps) for fy, ps in years.items()]


def dashboard_year(years: list[YearPlans]) -> str | None:
    """The year a supervisor's dashboard opens on: the office's newest year with plans, else
    the newest fiscal year opened for planning (a supervising office may have no plans of its
    own). At most one query."""
    if years:
        return years[0].fiscal_year
    return FiscalYearSetup.objects.order_by("-fiscal_year").values_list(
        "fiscal_year", flat=True).first()


# ---------------------------------------------------------------- a plan's history


def history_for_plan(*, plan: Plan, limit: int | None = None) -> QuerySet[ChangeRecord]:
    """Every change to any version of `plan`, newest first (a revision is a new row with the
    same office, kind, fiscal year and file id, so the history page of a revision still shows
    how the signed version came to be).

    One query where the plan has a file id (versions share it); otherwise the earlier versions
    are found along `revision_of`, one query per earlier version.
    """
    if plan.external_id:
        records = ChangeRecord.objects.filter(
            plan__office_id=plan.office_id,
            plan__kind=plan.kind,
            plan__fiscal_year=plan.fiscal_year,
            plan__external_id=plan.external_id,
        )
    else:
        ids = [plan.pk]
        previous = plan.revision_of_id
        while previous is not None and previous not in ids:
            ids.append(previous)
            previous = Plan.objects.filter(pk=previous).values_list(
                "revision_of_id", flat=True).first()
        records = ChangeRecord.objects.filter(plan_id__in=ids)
    records = records.select_related("plan").order_by("-at", "-pk")
    return records[:limit] if limit else records


@dataclass(frozen=True, slots=True)
class Returned:
    """Why a plan came back: the comment, who returned it (name and post) and when."""

    plan_id: int
    comment: str
    by_name: str
    by_post: str
    at: dt.datetime


def plan_returns(plan_ids: Iterable[int]) -> dict[int, Returned]:
    """The latest return ("plan.return") of each of these plans, by plan id: two queries
    (the records, then the returners' posts) whatever the number of plans."""
    latest: dict[int, ChangeRecord] = {}
    for record in ChangeRecord.objects.filter(plan_id__in=list(plan_ids), action="plan.return") \
            .select_related("actor").order_by("plan_id", "-at", "-pk"):
        latest.setdefault(record.plan_id, record)
    posts = posts_of({r.actor_id for r in latest.values() if r.actor_id})
    return {pid: Returned(pid, r.reason, person_name(r.actor, r.actor_name),
                          posts.get(r.actor_id, ""), r.at) for pid, r in latest.items()}
