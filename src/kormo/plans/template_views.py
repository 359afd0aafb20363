"""Each office's templates of the year: list, create, upload, export (URL names `years:template*`,
under /years/templates/, composed into the `years` namespace by `kormo.project.urls`).

Thin views (STYLE.md): the gate is `access_office(..., Action.SETUP)` and `access_template`,
the work is in `plans.templates`.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from kormo.domain.errors import InputError
from kormo.domain.numerals import format_number
from kormo.domain.plan import PlanKind, Tier
from kormo.offices.access import Action, access_office
from kormo.plans import templates
from kormo.plans.access import access_template
from kormo.plans.selectors import template_list_owned
from kormo.web.i18n import message, page_lang
from kormo.years import selectors


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
        template = templates.template_create(
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
        if upload.size > templates.MAX_TEMPLATE_FILE_BYTES:
            raise InputError("ফাইলটি অনেক বড় (সর্বোচ্চ ৫ MB)", "the file is too large (at most 5 MB)")
        saved = templates.template_import(
            office=office, data=upload.read(), tier=_tier(request.POST.get("tier", "")),
            fiscal_year=request.POST.get("fiscal_year", ""), actor=request.user)
    except InputError as exc:
        messages.error(request, message(exc))
    else:
        messages.success(request, ngettext(
            "%(n)s template saved.", "%(n)s templates saved.", len(saved)) % {
            "n": format_number(len(saved), page_lang())})
    return redirect("years:templates", office.pk)


@login_required
@require_GET
def template_export(request: HttpRequest, plan_id: int) -> HttpResponse:
    template = access_template(request.user, plan_id, Action.READ)
    response = HttpResponse(templates.template_export(template),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="kormo-template-{template.kind}-{template.fiscal_year}.json"')
    return response
