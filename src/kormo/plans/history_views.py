"""A plan's change history (every version of it), under the URL name `audit:history` (joined to
the `audit` namespace in `kormo.project.urls`: the page reads plans, so it lives with them).
Thin view: the gate (`plans.access`) → selector → render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kormo.offices.access import Action
from kormo.plans.access import access_plan
from kormo.plans.selectors import history_for_plan

HISTORY_LIMIT = 500


@login_required
@require_GET
def history(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, Action.READ)
    return render(request, "audit/history.html", {
        "plan": plan, "records": list(history_for_plan(plan=plan, limit=HISTORY_LIMIT)),
        "limit": HISTORY_LIMIT,
    })
