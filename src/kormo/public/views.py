"""Public pages and open data: no login, published data only (`kormo.public.publication`).

Thin views (STYLE.md): the publication gate (`public_office`, `public_plan`: 404 for anything
unpublished, exactly as for what does not exist) → a selector → a template or a writer of
`kormo.public.opendata` / `kormo.documents.render`. Only GET and HEAD are answered.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from kormo.domain.calendar import FiscalYear
from kormo.domain.errors import InputError
from kormo.domain.plan import Quarter
from kormo.domain.planformat import dumps as plan_dumps
from kormo.plans.models import Plan
from kormo.progress.models import ReportPeriod, ReportState
from kormo.public import opendata, selectors
from kormo.public.publication import (
    public_office,
    public_plan,
    published_latest,
    published_plans,
    published_quarters,
)
from kormo.web.documents import document_response
from kormo.web.i18n import page_lang

# Public on purpose (tests/web/test_view_rules.py): no login; the publication gate
# (`public_office`, `public_plan`, `published_*`) decides what is shown instead.
PUBLIC_VIEWS = ("index", "office", "data_all", "data_office", "data_plan", "catalogue",
                "plan_document", "report_document")
DOCUMENT_FORMATS = ("pdf", "docx", "xlsx")
# The open data files of a plan, an office and of everyone: (file name, URL name suffix).
DATA = (("plans.json", "plans_json"), ("scores.json", "scores_json"),
        ("indicators.csv", "indicators_csv"))


# ---------------------------------------------------------------- pages


def _absolute(request: HttpRequest, path: str) -> str:
    """The full address of `path`: under KORMO_SITE_URL when the deployment sets it (behind
    a proxy the request's own host may be an internal one), else the request's host."""
    site = getattr(settings, "KORMO_SITE_URL", "").rstrip("/")
    return f"{site}{path}" if site else request.build_absolute_uri(path)


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "public/index.html", {"offices": selectors.office_index()})


@require_safe
def office(request: HttpRequest, code: str) -> HttpResponse:
    page = selectors.office_page(public_office(code), page_lang())
    return render(request, "public/office.html", {
        "page": page, "office": page.office,
        "page_url": _absolute(request, reverse("public:office", args=[page.office.code])),
    })


# ---------------------------------------------------------------- open data


def _open(response: HttpResponse) -> HttpResponse:
    """Open data may be read by any website's scripts (no cookies are involved)."""
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(text: str) -> HttpResponse:
    return _open(HttpResponse(text, content_type="application/json; charset=utf-8"))


def _csv(text: str, filename: str) -> HttpResponse:
    # With a byte-order mark: Excel then reads the Bengali names as UTF-8.
    response = HttpResponse(text.encode("utf-8-sig"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _open(response)


def _year_filter(request: HttpRequest) -> str | None:
    """The optional ?fiscal_year=2022-23 (Bengali digits too); a bad one is a 404."""
    raw = request.GET.get("fiscal_year", "").strip()
    if not raw:
        return None
    try:
        return str(FiscalYear.parse(raw))
    except InputError:
        # A calendar year ("2017", work plans) is a year too.
        if raw.isdigit() and len(raw) == 4:
            return raw
        raise Http404() from None


Writer = Callable[[list[opendata.DataPlan]], str]

_FORMATS: dict[str, tuple[Writer, str]] = {
    "plans.json": (lambda data: plan_dumps([p.plan for p in data]), "json"),
    "scores.json": (opendata.dumps_scores, "json"),
    "indicators.csv": (opendata.dumps_csv, "csv"),
}


def _data_response(plans: Any, what: str, stem: str) -> HttpResponse:
    writer, kind = _FORMATS[what]
    text = writer(selectors.public_data(plans.order_by(*selectors.PLAN_ORDER)))
    return _json(text) if kind == "json" else _csv(text, f"{stem}-indicators.csv")


@require_safe
def data_all(request: HttpRequest, what: str) -> HttpResponse:
    """Every office's latest published plans (optionally of one fiscal year)."""
    plans = published_latest()
    year = _year_filter(request)
    if year is not None:
        plans = plans.filter(fiscal_year=year)
    return _data_response(plans, what, f"kormo{'-' + year if year else ''}")


@require_safe
def data_office(request: HttpRequest, code: str, what: str) -> HttpResponse:
    office = public_office(code)
    plans = published_latest().filter(office=office)
    year = _year_filter(request)
    if year is not None:
        plans = plans.filter(fiscal_year=year)
    return _data_response(plans, what, f"kormo-office-{office.pk}")


@require_safe
def data_plan(request: HttpRequest, plan_id: int, what: str) -> HttpResponse:
    plan = public_plan(plan_id)
    return _data_response(published_plans().filter(pk=plan.pk), what, f"kormo-plan-{plan.pk}")


@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    """Every published plan version with its published quarters and the URLs of its data
    and documents: what a harvester needs to find everything else."""
    published = published_plans()
    plans = list(published.select_related("office").order_by(*selectors.PLAN_ORDER))
    latest = set(published_latest().values_list("pk", flat=True))
    quarters = published_quarters(published) if plans else {}

    def url(path: str) -> str:
        return _absolute(request, path)

    def links(p: Plan) -> dict[str, str]:
        out = {what: url(reverse(f"public:plan_{name}", args=[p.pk])) for what, name in DATA}
        for fmt in DOCUMENT_FORMATS:
            out[f"document.{fmt}"] = url(reverse("public:plan_document", args=[p.pk, fmt]))
        return out

    body = {
        "format": "kormo-catalogue",
        "version": 1,
        "plans": [
            {
                "id": p.pk, "plan": p.external_id, "kind": p.kind, "fiscal_year": p.fiscal_year,
                "office": p.office.name, "office_code": p.office.code,
                "office_page": url(reverse("public:office", args=[p.office.code])),
                "revision": p.revision, "latest": p.pk in latest,
                "signed_at": p.signed_at.isoformat() if p.signed_at else None,
                "published_quarters": sorted(q.value for q in quarters.get(p.pk, ())),
                "links": links(p),
            }
            for p in plans
        ],
    }
    return _json(json.dumps(body, ensure_ascii=False, indent=2))


# ---------------------------------------------------------------- documents


def _document(request: HttpRequest, plan: Plan, fmt: str, kind: str,
              quarter: str | None, stem: str) -> HttpResponse:
    if fmt not in DOCUMENT_FORMATS:
        raise Http404()
    plans, chosen = selectors.document_plans(plan)
    rules = opendata.rule_sets([plan.fiscal_year])[plan.fiscal_year]
    return document_response(request, plans, fmt, kind=kind, plan_id=chosen, quarter=quarter,
                             rules=rules, stem=stem)


@require_safe
def plan_document(request: HttpRequest, plan_id: int, fmt: str) -> HttpResponse:
    """The signed plan as its official document (the APA with its published annexes)."""
    plan = public_plan(plan_id)
    return _document(request, plan, fmt, "auto", None,
                     f"kormo-plan-{plan.pk}-{plan.kind}-{plan.fiscal_year}")


@require_safe
def report_document(request: HttpRequest, plan_id: int, period: str, fmt: str
                    ) -> HttpResponse:
    """An accepted quarterly report (or the accepted year-end evaluation) as a document."""
    plan = public_plan(plan_id)
    if period not in {p.value for p in ReportPeriod}:
        raise Http404()
    if period == ReportPeriod.YEAR:
        if not plan.reports.filter(period=period, state=ReportState.ACCEPTED).exists():
            raise Http404()
        return _document(request, plan, fmt, "evaluation", None,
                         f"kormo-plan-{plan.pk}-evaluation")
    if Quarter(period) not in published_quarters([plan.pk]).get(plan.pk, set()):
        raise Http404()
    return _document(request, plan, fmt, "progress", period,
                     f"kormo-plan-{plan.pk}-progress-{period.lower()}")
