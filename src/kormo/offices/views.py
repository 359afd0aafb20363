"""Office pages: the list of offices a person may see, and one office with its plans and people.

Thin views (STYLE.md): parse the request, pass through `offices.access` (the only gate), call a
selector, render. Writes start from the office page but live in `plans.views`.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kormo.domain.calendar import FiscalYear
from kormo.domain.errors import InputError
from kormo.domain.plan import Tier
from kormo.offices import selectors
from kormo.offices.access import Action, access_office, can, templates_readable
from kormo.plans.selectors import template_list_for_office
from kormo.progress.scores import office_year_scores


@login_required
@require_GET
def office_list(request: HttpRequest) -> HttpResponse:
    tier = request.GET.get("tier", "")
    if tier not in {t.value for t in Tier}:
        tier = ""
    rows = selectors.office_list_for_user(request.user, tier=tier)
    return render(request, "offices/office_list.html", {
        "rows": rows, "tier": tier, "tiers": [t.value for t in Tier],
    })


def _next_year(fiscal_year: str) -> str | None:
    try:
        return str(FiscalYear.parse(fiscal_year).next)
    except InputError:
        return None


@login_required
@require_GET
def office_detail(request: HttpRequest, office_id: int) -> HttpResponse:
    office = access_office(request.user, office_id, Action.READ)
    years = selectors.office_plans_by_year(office)
    may_write = can(request.user, Action.WRITE, office)
    # Heads and administrators see who holds which role (issue: "its people and roles").
    show_people = can(request.user, Action.APPROVE, office) or can(
        request.user, Action.SETUP, office)
    templates = (template_list_for_office(templates=templates_readable(request.user),
                                          office=office) if may_write else [])
    existing = {(p.fiscal_year, p.kind) for y in years for p in y.plans}
    supervisor = selectors.supervises(request.user, office)
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
        "dashboard_year": selectors.dashboard_year(years) if supervisor else None,
        "children": selectors.office_children(office),
        "people": selectors.office_people(office) if show_people else None,
        "may_write": may_write,
        "may_setup": can(request.user, Action.SETUP, office),
        "templates": [t for t in templates if (t.fiscal_year, t.kind) not in existing],
        "carry": carry,
    })
