"""Setting up a year: fiscal years and their deadlines (the templates: `plans.template_views`).

Thin views (STYLE.md): the gate is `offices.access` (`access_year_setup`), the work is in
`years.services`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from kormo.domain.cells import SheetError
from kormo.domain.dates import format_date
from kormo.domain.errors import InputError
from kormo.offices.access import access_year_setup
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


