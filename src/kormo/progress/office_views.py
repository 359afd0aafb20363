"""One office's page (its plans by year, its scores, risks and people) and the one action it
starts that reads last year's results: a plan carried forward. They show scores, so they live
here, above `kormo.plans`; their URL names stay `offices:detail` and `plans:carry_forward`
(`kormo.progress.office_urls`, composed in `kormo.project.urls`).

Thin views (STYLE.md): parse the request, pass through the gate, call a selector or one
service, render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from kormo.domain.calendar import FiscalYear
from kormo.domain.errors import InputError
from kormo.offices import selectors as office_selectors
from kormo.offices.access import Action, access_office, can
from kormo.plans.access import access_plan, templates_readable
from kormo.plans.selectors import dashboard_year, office_plans_by_year, template_list_for_office
from kormo.progress.carry_forward import plan_carry_forward
from kormo.progress.scores import office_year_scores
from kormo.web.i18n import message


def _next_year(fiscal_year: str) -> str | None:
    try:
        return str(FiscalYear.parse(fiscal_year).next)
    except InputError:
        return None


@login_required
@require_GET
def office_detail(request: HttpRequest, office_id: int) -> HttpResponse:
    office = access_office(request.user, office_id, Action.READ)
    years = office_plans_by_year(office)
    may_write = can(request.user, Action.WRITE, office)
    # Heads and administrators see who holds which role (issue: "its people and roles").
    show_people = can(request.user, Action.APPROVE, office) or can(
        request.user, Action.SETUP, office)
    templates = (template_list_for_office(templates=templates_readable(request.user),
                                          office=office) if may_write else [])
    existing = {(p.fiscal_year, p.kind) for y in years for p in y.plans}
    supervisor = office_selectors.supervises(request.user, office)
    carry = [
        (p, nxt) for y in years for p in y.plans
        if may_write and p.is_current and (nxt := _next_year(p.fiscal_year))
        and (nxt, p.kind) not in existing
    ]
    return render(request, "offices/office_detail.html", {
        "office": office,
        "years": years,
        # The newest year the office has plans of is its current one: its scores, projection
        # and risks in a fixed number of queries (progress.scores.office_year_scores).
        "summary": (office_year_scores(office=office, fiscal_year=years[0].fiscal_year)
                    if years else None),
        "may_dashboard": supervisor,
        "dashboard_year": dashboard_year(years) if supervisor else None,
        "children": office_selectors.office_children(office),
        "people": office_selectors.office_people(office) if show_people else None,
        "may_write": may_write,
        "may_setup": can(request.user, Action.SETUP, office),
        "templates": [t for t in templates if (t.fiscal_year, t.kind) not in existing],
        "carry": carry,
    })


@login_required
@require_POST
def carry_forward(request: HttpRequest, office_id: int) -> HttpResponse:
    office = access_office(request.user, office_id, Action.WRITE)
    previous = access_plan(request.user, request.POST.get("previous_plan_id", ""), Action.READ)
    try:
        plan = plan_carry_forward(
            office=office, previous_plan=previous,
            fiscal_year=request.POST.get("fiscal_year", ""), actor=request.user)
    except InputError as exc:
        messages.error(request, message(exc))
        return redirect("offices:detail", office.pk)
    return redirect("plans:edit", plan.pk)
