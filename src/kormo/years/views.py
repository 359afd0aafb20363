"""Setting up a year: fiscal years and their deadlines, and each office's templates.

Thin views (STYLE.md): the gate is `offices.access` (`access_year_setup` for the years,
`access_office(..., Action.SETUP)` and `access_template` for templates), the work is in
`years.services`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from kormo.domain.dates import format_date
from kormo.domain.errors import InputError
from kormo.domain.numerals import format_number
from kormo.domain.plan import PlanKind, Tier
from kormo.offices.access import Action, access_office, access_template, access_year_setup
from kormo.plans.selectors import template_list_owned
from kormo.plans.sheet import SheetError
from kormo.web.i18n import message, page_lang
from kormo.years import selectors, services
from kormo.years.models import Event, FiscalYearSetup


@login_required
def year_list(request: HttpRequest) -> HttpResponse:
    access_year_setup(request.user)
    if request.method == "POST":
        try:
            year = services.year_open(fiscal_year=request.POST.get("fiscal_year", ""),
                                      actor=request.user)
        except InputError as exc:
            messages.error(request, message(exc))
        else:
            return redirect("years:detail", year.fiscal_year)
    return render(request, "years/year_list.html", {"years": selectors.year_list()})


def _year(fiscal_year: str) -> FiscalYearSetup:
    year = selectors.year_get(fiscal_year)
    if year is None:
        raise Http404()
    return year


@login_required
def year_detail(request: HttpRequest, fiscal_year: str) -> HttpResponse:
    access_year_setup(request.user)
    year = _year(fiscal_year)
    lang = page_lang()
    problems: list[tuple[int, str]] = []
    typed: list[dict[str, str]] | None = None
    status = 200
    if request.method == "POST":
        keys = ("event", "tier", "opens_on", "due_on")
        lists = {k: request.POST.getlist(k) for k in keys}
        typed = [{k: (lists[k][i] if i < len(lists[k]) else "") for k in keys}
                 for i in range(len(lists["event"]))]
        try:
            services.year_deadlines_save(year=year, rows=typed, actor=request.user)
        except SheetError as exc:
            problems = [(p.row + 1, message(p, lang)) for p in exc.problems]
            status = 400
        else:
            messages.success(request, message(InputError("সংরক্ষণ করা হয়েছে।", "Saved.")))
            return redirect("years:detail", year.fiscal_year)
    grid = selectors.deadline_grid(year)
    rows = [
        {"event": r.event, "tier": r.tier,
         "opens_on": format_date(r.opens_on, lang) if r.opens_on else "",
         "due_on": format_date(r.due_on, lang) if r.due_on else ""}
        for r in grid
    ] if typed is None else typed
    return render(request, "years/year_detail.html", {
        "year": year, "rows": rows, "problems": problems, "events": Event.values,
    }, status=status)


@login_required
@require_GET
def template_list(request: HttpRequest, office_id: int) -> HttpResponse:
    office = access_office(request.user, office_id, Action.SETUP)
    return render(request, "years/template_list.html", {
        "office": office,
        "templates": template_list_owned(office=office),
        "years": selectors.year_list(),
        "kinds": [k.value for k in PlanKind],
        "tiers": [t.value for t in Tier],
    })


def _tier(text: str) -> Tier | None:
    return Tier(text) if text in {t.value for t in Tier} else None


@login_required
@require_POST
def template_create(request: HttpRequest, office_id: int) -> HttpResponse:
    office = access_office(request.user, office_id, Action.SETUP)
    kind = request.POST.get("kind", "")
    try:
        if kind not in {k.value for k in PlanKind}:
            raise InputError("অজানা ধরন", "unknown kind of plan")
        template = services.template_create(
            office=office, kind=PlanKind(kind), tier=_tier(request.POST.get("tier", "")),
            fiscal_year=request.POST.get("fiscal_year", ""), actor=request.user)
    except InputError as exc:
        messages.error(request, message(exc))
        return redirect("years:templates", office.pk)
    return redirect("plans:edit", template.pk)


@login_required
@require_POST
def template_upload(request: HttpRequest, office_id: int) -> HttpResponse:
    office = access_office(request.user, office_id, Action.SETUP)
    upload = request.FILES.get("file")
    try:
        if upload is None:
            raise InputError("একটি ফাইল বেছে নিন", "choose a file")
        if upload.size > services.MAX_TEMPLATE_FILE_BYTES:
            raise InputError("ফাইলটি অনেক বড় (সর্বোচ্চ ৫ MB)", "the file is too large (at most 5 MB)")
        saved = services.template_import(
            office=office, data=upload.read(), tier=_tier(request.POST.get("tier", "")),
            fiscal_year=request.POST.get("fiscal_year", ""), actor=request.user)
    except InputError as exc:
        messages.error(request, message(exc))
    else:
        messages.success(request, message(InputError(
            f"{format_number(len(saved), 'bn')}টি টেমপ্লেট সংরক্ষণ করা হয়েছে।",
            f"{len(saved)} template(s) saved.")))
    return redirect("years:templates", office.pk)


@login_required
@require_GET
def template_export(request: HttpRequest, plan_id: int) -> HttpResponse:
    template = access_template(request.user, plan_id, Action.READ)
    response = HttpResponse(services.template_export(template),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="kormo-template-{template.kind}-{template.fiscal_year}.json"')
    return response
