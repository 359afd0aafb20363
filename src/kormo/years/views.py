"""Setting up a year: fiscal years and their deadlines (the templates: `plans.template_views`).

Thin views (STYLE.md): the gate is `offices.access`: every administrator reads the national
calendar (`access_year_view`), only its keepers change it (`access_year_setup`: superusers and
the national office's administrators); the work is in `years.services`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext

from kormo.domain.calendar import FiscalYear
from kormo.domain.cells import SheetError
from kormo.domain.dates import format_date
from kormo.domain.errors import InputError
from kormo.offices.access import access_year_setup, access_year_view, can_setup_years
from kormo.web.i18n import message, page_lang
from kormo.years import calendar_fill, selectors, services
from kormo.years.models import Deadline, Event, FiscalYearSetup


@login_required
def year_list(request: HttpRequest) -> HttpResponse:
    access_year_view(request.user)
    if request.method == "POST":
        access_year_setup(request.user)
        try:
            year = services.year_open(fiscal_year=request.POST.get("fiscal_year", ""),
                                      actor=request.user)
        except InputError as exc:
            messages.error(request, message(exc))
        else:
            # A new year starts from last year's calendar and the official windows.
            return redirect(reverse("years:detail", args=[year.fiscal_year]) + "?fill=start")
    return render(request, "years/year_list.html", {
        "years": selectors.year_list(), "may_write": can_setup_years(request.user)})


def _filled(year: FiscalYearSetup, how: str, grid: list[tuple]) -> list[tuple] | None:
    """The grid filled, not saved (the administrator adjusts, then saves): `previous` last
    year's calendar a year later, `official` the official staggered windows, `start` both
    (last year's where it has a date). None: as stored."""
    if how not in ("previous", "official", "start"):
        return None
    last = str(FiscalYear.parse(year.fiscal_year).previous)
    previous = [(d.event, d.tier, d.opens_on, d.due_on)
                for d in Deadline.objects.filter(year__fiscal_year=last)]
    windows = {
        "previous": lambda: calendar_fill.shifted(previous),
        "official": lambda: calendar_fill.official_windows(year.fiscal_year),
        "start": lambda: calendar_fill.start_calendar(year.fiscal_year, previous),
    }[how]()
    return calendar_fill.fill([(e, t) for e, t, *_ in grid], windows)


def _year(fiscal_year: str) -> FiscalYearSetup:
    year = selectors.year_get(fiscal_year)
    if year is None:
        raise Http404()
    return year


@login_required
def year_detail(request: HttpRequest, fiscal_year: str) -> HttpResponse:
    access_year_view(request.user)
    may_write = can_setup_years(request.user)
    year = _year(fiscal_year)
    lang = page_lang()
    problems: list[tuple[int, str]] = []
    typed: list[dict[str, str]] | None = None
    status = 200
    if request.method == "POST":
        access_year_setup(request.user)
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
            messages.success(request, gettext("The deadlines are saved."))
            return redirect("years:detail", year.fiscal_year)
    grid = [(r.event, r.tier, r.opens_on, r.due_on) for r in selectors.deadline_grid(year)]
    fill = request.GET.get("fill", "") if may_write else ""
    filled = _filled(year, fill, grid) if typed is None else None
    rows = [
        {"event": e, "tier": t, "opens_on": format_date(o, lang) if o else "",
         "due_on": format_date(due, lang) if due else ""}
        for e, t, o, due in (filled or grid)
    ] if typed is None else typed
    return render(request, "years/year_detail.html", {
        "year": year, "rows": rows, "problems": problems, "events": Event.values,
        "filled": fill if filled else "", "may_write": may_write,
    }, status=status)


