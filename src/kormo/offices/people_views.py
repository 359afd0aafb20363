"""The people page of an office (give and take away roles) and the invitation's password page.

Thin views: `offices.access` decides who gets the page (a head or an administrator of the
office, through `people.grantable_roles`), `offices.people` writes.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from kormo.domain.errors import InputError
from kormo.offices import selectors
from kormo.offices.access import AccessDenied, Action, access_office
from kormo.offices.people import grantable_roles, person_role_grant, person_role_revoke

# Public on purpose: the link of an invitation carries its own one-time token.


@login_required
@require_http_methods(["GET", "POST"])
def office_people(request: HttpRequest, office_id: int) -> HttpResponse:
    office = access_office(request.user, office_id, Action.READ)
    roles = grantable_roles(request.user, office)
    if not roles:
        raise AccessDenied()
    error = None
    if request.method == "POST":
        try:
            if "revoke" in request.POST:
                person_role_revoke(actor=request.user, office=office,
                                   membership_id=request.POST["revoke"])
                done = gettext("The role is taken away.")
            else:
                person_role_grant(actor=request.user, office=office,
                                  email=request.POST.get("email", ""),
                                  name=request.POST.get("name", ""),
                                  role=request.POST.get("role", ""),
                                  post=request.POST.get("post", ""))
                done = gettext("The role is given.")
            messages.success(request, done)
            return redirect(reverse("offices:people", args=[office.pk]))
        except InputError as exc:
            error = exc
    return render(request, "offices/office_people.html", {
        "office": office, "people": selectors.office_memberships(office), "roles": roles,
        "error": error, "form": request.POST if error else {},
    }, status=400 if error else 200)
