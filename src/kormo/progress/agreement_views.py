"""Agreement pages: a plan's state, signatures and versions, and the transitions of
`kormo.plans.workflow` (submit, approve, return, sign for either party, revise, compare).

Thin views (STYLE.md): `offices.access` first (a refusal is a 404), then the one service
function of the transition, which checks the state and the actor again; a refusal comes back
as a message, with the plan's quality findings when they block submission.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kormo.domain.dates import DateError, parse_date
from kormo.domain.errors import InputError
from kormo.offices.access import Action, can
from kormo.plans import workflow
from kormo.plans.access import access_plan
from kormo.plans.models import Party, Plan
from kormo.progress.agreement_queue import signer_posts
from kormo.web.i18n import page_lang


def _message(exc: InputError) -> str:
    return exc.bn if page_lang() == "bn" else exc.en


def _back(plan: Plan) -> HttpResponse:
    return redirect(reverse("progress:agreement", args=[plan.pk]))


def _refused(request: HttpRequest, exc: InputError) -> None:
    messages.error(request, _message(exc))
    for finding in getattr(exc, "findings", ()):
        text = finding.message_bn if page_lang() == "bn" else finding.message_en
        messages.warning(request, text)


@login_required
@require_GET
def agreement(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, Action.READ)
    user, office = request.user, plan.office
    versions = workflow.plan_versions(plan)
    signatures = list(Party.objects.filter(plan=plan, section=Party.Section.SIGNATURE)
                      .order_by("position"))
    signed_roles = {s.role for s in signatures}
    state = plan.state
    context = {
        "plan": plan, "versions": versions, "signatures": signatures,
        "today": timezone.localdate(),
        "can_submit": can(user, Action.WRITE, office) and plan.is_current
        and state in ("draft", "returned"),
        "can_approve": can(user, Action.APPROVE, office) and state == "submitted",
        "can_return": can(user, Action.APPROVE, office) and state in ("submitted", "approved"),
        "can_return_supervisor": can(user, Action.REVIEW, office)
        and state in ("submitted", "approved"),
        "can_sign_office": can(user, Action.APPROVE, office) and state == "approved"
        and "office" not in signed_roles,
        "can_sign_supervisor": can(user, Action.REVIEW, office) and state == "approved"
        and "supervisor" not in signed_roles,
        "can_revise": can(user, Action.WRITE, office) and plan.is_current
        and state == "signed",
        "previous": next((v for v in versions if v.pk == plan.revision_of_id), None),
    }
    if context["can_sign_office"] or context["can_sign_supervisor"]:
        context["signer_posts"] = signer_posts(user)  # to fill in the signature form
    return render(request, "progress/agreement.html", context)


def _transition(request: HttpRequest, plan: Plan, call: object, done: str) -> HttpResponse:
    try:
        result = call()  # type: ignore[operator]
        messages.success(request, done)
        return _back(result)
    except InputError as exc:
        _refused(request, exc)
        return _back(plan)


def _version(request: HttpRequest) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


@login_required
@require_POST
def submit(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, Action.WRITE)
    return _transition(request, plan, lambda: workflow.plan_submit(
        plan=plan, actor=request.user, expected_version=_version(request)), _("Submitted."))


@login_required
@require_POST
def approve(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, Action.APPROVE)
    return _transition(request, plan, lambda: workflow.plan_approve(
        plan=plan, actor=request.user, expected_version=_version(request)), _("Approved."))


def _return(request: HttpRequest, plan: Plan) -> HttpResponse:
    return _transition(request, plan, lambda: workflow.plan_return(
        plan=plan, actor=request.user, comment=request.POST.get("comment", ""),
        expected_version=_version(request)), _("Returned."))


@login_required
@require_POST
def return_(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The office head returns the plan to the focal point."""
    return _return(request, access_plan(request.user, plan_id, Action.APPROVE))


@login_required
@require_POST
def return_supervisor(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The supervising office returns the plan before it signs."""
    return _return(request, access_plan(request.user, plan_id, Action.REVIEW))


def _sign(request: HttpRequest, plan: Plan, party: str) -> HttpResponse:
    try:
        signed_on = parse_date(request.POST.get("signed_on", ""))
    except (DateError, InputError):
        signed_on = None
    return _transition(request, plan, lambda: workflow.plan_sign(
        plan=plan, actor=request.user, party=party, name=request.POST.get("name", ""),
        post=request.POST.get("post", ""), signed_on=signed_on,  # type: ignore[arg-type]
        expected_version=_version(request)), _("Signed."))


@login_required
@require_POST
def sign_office(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _sign(request, access_plan(request.user, plan_id, Action.APPROVE), "office")


@login_required
@require_POST
def sign_supervisor(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _sign(request, access_plan(request.user, plan_id, Action.REVIEW), "supervisor")


@login_required
@require_POST
def revise(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, Action.WRITE)
    return _transition(request, plan, lambda: workflow.plan_revise(
        plan=plan, actor=request.user, reason=request.POST.get("reason", ""),
        expected_version=_version(request)), _("A new version was started."))


@login_required
@require_GET
def compare(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, Action.READ)
    versions = workflow.plan_versions(plan)
    other_id = request.GET.get("with", "")
    other = next((v for v in versions if str(v.pk) == other_id), None)
    if other is None:
        other = next((v for v in versions if v.pk == plan.revision_of_id), None)
    if other is None:
        if other_id:
            return HttpResponseBadRequest(_("Not a version of this plan."))
        return render(request, "progress/compare.html", {"plan": plan, "other": None,
                                                         "diff": None, "versions": versions})
    older, newer = sorted((other, plan), key=lambda p: (p.revision, p.pk))
    return render(request, "progress/compare.html", {
        "plan": plan, "other": other, "older": older, "newer": newer, "versions": versions,
        "diff": workflow.plan_compare(older, newer),
    })
