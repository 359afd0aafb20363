"""The home page after login: what needs the person now (kormo.home.selectors)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kormo.home.marks import home_mark
from kormo.home.selectors import DAYS, home_for
from kormo.web.page_cache import cached_page


@login_required
@require_GET
def today(request: HttpRequest) -> HttpResponse:
    return cached_page(request, home_mark(request.user), lambda: render(
        request, "home/today.html", {"home": home_for(request.user), "days": DAYS}))
