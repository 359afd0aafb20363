"""Agreement pages: a plan's state, signatures and versions, the transitions of
`kormo.agreements.services` (submit, approve, return, sign for either party, revise), the
comparison of two versions, and the queue of plans waiting for this person with the same
transitions for many plans at once.

Thin views (STYLE.md): the gate first (a refusal is a 404), then the one service function of
the transition, which asks `agreements.rules` again; a refusal comes back as a message, with
the plan's quality findings when they block submission. What the page offers is
`rules.steps_open`, the same rule. No ORM writes here.

At the start of a year a director general signs for every district office under the
directorate, and an office head approves the office's APA and its action plans together; one
by one that is dozens of pages. The bulk form calls `services.plans_bulk`, which calls the very
same transition function for each plan, with the lock_version the person saw, so a plan
changed since the page was drawn is refused and the others go through.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kormo.agreements import rules, selectors, services
from kormo.agreements.errors import AgreementError, AgreementErrorCode
from kormo.agreements.rules import Step
from kormo.domain.dates import DateError, parse_date
from kormo.domain.errors import InputError
from kormo.offices.access import Action
from kormo.plans.access import access_plan, plans_for_action
from kormo.plans.models import Plan
from kormo.web.i18n import message, page_lang
from kormo.web.labels import label
from kormo.web.templatetags.kormo import digits


def _back(plan: Plan) -> HttpResponse:
    return redirect(reverse("agreements:detail", args=[plan.pk]))


def _refused(request: HttpRequest, exc: InputError) -> None:
    messages.error(request, message(exc))
    for finding in getattr(exc, "findings", ()):
        text = finding.message_bn if page_lang() == "bn" else finding.message_en
        messages.warning(request, text)


@login_required
@require_GET
def agreement(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, Action.READ)
    versions = selectors.plan_versions(plan)
    signatures = selectors.plan_signatures(plan)
    # What this person may do now: the one rule the services enforce (`agreements.rules`).
    steps = rules.steps_open(plan.state, plan.is_current,
                             services.powers_at(request.user, plan.office),
                             {s.role for s in signatures})
    context = {
        "plan": plan, "versions": versions, "signatures": signatures,
        "today": timezone.localdate(),
        "open": {step.value: step in steps for step in Step},
        "previous": next((v for v in versions if v.pk == plan.revision_of_id), None),
    }
    if steps & {Step.SIGN_OFFICE, Step.SIGN_SUPERVISOR}:
        context["signer_posts"] = selectors.signer_posts(request.user)  # the signature form
    return render(request, "agreements/agreement.html", context)


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
    return _transition(request, plan, lambda: services.plan_submit(
        plan=plan, actor=request.user, expected_version=_version(request)), _("Submitted."))


@login_required
@require_POST
def approve(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, Action.APPROVE)
    return _transition(request, plan, lambda: services.plan_approve(
        plan=plan, actor=request.user, expected_version=_version(request)), _("Approved."))


def _return(request: HttpRequest, plan: Plan) -> HttpResponse:
    return _transition(request, plan, lambda: services.plan_return(
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
    return _transition(request, plan, lambda: services.plan_sign(
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
    return _transition(request, plan, lambda: services.plan_revise(
        plan=plan, actor=request.user, reason=request.POST.get("reason", ""),
        expected_version=_version(request)), _("A new version was started."))


@login_required
@require_GET
def compare(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, Action.READ)
    versions = selectors.plan_versions(plan)
    other_id = request.GET.get("with", "")
    other = next((v for v in versions if str(v.pk) == other_id), None)
    if other is None:
        other = next((v for v in versions if v.pk == plan.revision_of_id), None)
    if other is None:
        if other_id:
            return HttpResponseBadRequest(_("Not a version of this plan."))
        return render(request, "agreements/compare.html", {"plan": plan, "other": None,
                                                         "diff": None, "versions": versions})
    older, newer = sorted((other, plan), key=lambda p: (p.revision, p.pk))
    return render(request, "agreements/compare.html", {
        "plan": plan, "other": other, "older": older, "newer": newer, "versions": versions,
        "diff": selectors.plan_compare(older, newer),
    })


# ---------------------------------------------------------------- the queue of plans waiting


def _selected(post: Mapping[str, Any], user: Any) -> tuple[list[Plan], dict[int, int]]:
    """The plans ticked on the page ("id:version"), among those this person may read; the
    rest (a forged or foreign id) is dropped before anything is done."""
    versions: dict[int, int] = {}
    for raw in post.getlist("plan"):  # type: ignore[attr-defined]
        pk, _sep, version = str(raw).partition(":")
        if pk.isdigit() and version.isdigit():
            versions[int(pk)] = int(version)
    plans = list(plans_for_action(user, Action.READ).filter(pk__in=list(versions))
                 .order_by("office__path", "pk"))
    return plans, versions


def _text(exc: InputError) -> str:
    return exc.bn if page_lang() == "bn" else exc.en


@login_required
@require_GET
def agreements_waiting(request: HttpRequest) -> HttpResponse:
    waiting = selectors.plans_waiting(request.user)
    posts = selectors.signer_posts(request.user)
    return render(request, "agreements/agreements_waiting.html", {
        "groups": [(step, waiting[step], posts.get(step, "")) for step in selectors.STEPS],
        "total": sum(len(v) for v in waiting.values()),
        "today": timezone.localdate(),
    })


@login_required
@require_POST
def agreements_waiting_bulk(request: HttpRequest) -> HttpResponse:
    back = redirect(reverse("agreements:waiting"))
    step = request.POST.get("step", "")
    plans, versions = _selected(request.POST, request.user)
    if not plans:
        messages.error(request, _("Tick at least one plan."))
        return back
    actor = request.user
    if step == Step.APPROVE:
        result = services.plans_bulk(services.plan_approve, plans=plans, versions=versions,
                                     actor=actor)
        done = _("Approved: %(n)s.")
    elif step == Step.RETURN:
        comment = request.POST.get("comment", "").strip()
        if not comment:
            messages.error(request, _text(AgreementError(AgreementErrorCode.COMMENT_REQUIRED)))
            return back
        result = services.plans_bulk(services.plan_return, plans=plans, versions=versions,
                                     actor=actor, comment=comment)
        done = _("Returned: %(n)s.")
    elif step in (Step.SIGN_OFFICE, Step.SIGN_SUPERVISOR):
        try:
            signed_on = parse_date(request.POST.get("signed_on", ""))
        except (DateError, InputError) as exc:
            messages.error(request, _text(exc))
            return back
        result = services.plans_bulk(
            services.plan_sign, plans=plans, versions=versions, actor=actor,
            party="office" if step == Step.SIGN_OFFICE else "supervisor",
            name=request.POST.get("name", ""), post=request.POST.get("post", ""),
            signed_on=signed_on)
        done = _("Signed: %(n)s.")
    else:
        messages.error(request, _("Choose what to do with the ticked plans."))
        return back
    if result.done:
        messages.success(request, done % {"n": digits(len(result.done))})
    for plan, exc in result.refused:
        reason = _text(exc) if isinstance(exc, InputError) else _("not allowed")
        messages.error(request, f"{plan.office.name} ({label('kind', plan.kind)}): {reason}")
    return back
