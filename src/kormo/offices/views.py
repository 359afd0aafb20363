"""The list of offices a person may see (one office's page, with its plans and scores, is
`kormo.progress.office_views.office_detail`).

Thin views (STYLE.md): parse the request, pass through `offices.access` (the only gate), call a
selector, render.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kormo.domain.plan import Tier
from kormo.offices import selectors


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
