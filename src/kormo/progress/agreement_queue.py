"""Agreements waiting for me: the plans this person should approve or sign now, and the
same transitions for many plans at once.

At the start of a year a director general signs for every district office under the
directorate, and an office head approves the office's APA and its action plans together; one
by one that is dozens of pages. The bulk form calls `kormo.plans.workflow.plans_bulk`, which
calls the very same transition function for each plan (one path for every change), with the
lock_version the person saw, so a plan changed since the page was drawn is refused and the
others go through.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kormo.domain.dates import DateError, parse_date
from kormo.domain.errors import InputError
from kormo.offices.access import Action, grants_for
from kormo.offices.models import Role
from kormo.plans import workflow
from kormo.plans.models import Party, Plan, PlanState
from kormo.web.i18n import page_lang
from kormo.web.labels import label
from kormo.web.templatetags.kormo import digits

APPROVE = "approve"
SIGN_OFFICE = "sign_office"
SIGN_SUPERVISOR = "sign_supervisor"
RETURN = "return"
STEPS = (APPROVE, SIGN_OFFICE, SIGN_SUPERVISOR)


@dataclass(frozen=True, slots=True)
class Waiting:
    """A plan and the step this person can take on it now."""

    plan: Plan
    step: str


def plans_waiting(user: Any) -> dict[str, list[Waiting]]:
    """The current plans waiting for this person, by step: to approve (office head, submitted),
    to sign for the office (office head, approved, office not signed yet) and to sign for the
    supervising office (a supervisor above, approved, supervisor not signed yet).

    Two queries whatever the number of plans: the plans, then their signatures."""
    grants = grants_for(user)
    heads = grants.paths.get(Role.OFFICE_HEAD, ())
    supervised = grants.paths.get(Role.SUPERVISOR, ())
    if grants.superuser:
        scope = Q()
    else:
        scope = Q(office__path__in=heads, state__in=(PlanState.SUBMITTED, PlanState.APPROVED))
        for path in supervised:
            scope |= (Q(office__path__startswith=path, state=PlanState.APPROVED)
                      & ~Q(office__path=path))
        if not heads and not supervised:
            return {step: [] for step in STEPS}
    plans = list(Plan.objects.filter(scope, is_current=True, is_template=False,
                                     state__in=(PlanState.SUBMITTED, PlanState.APPROVED))
                 .select_related("office").order_by("office__path", "kind", "pk"))
    signed: dict[int, set[str]] = {}
    for plan_id, role in Party.objects.filter(
            plan__in=[p.pk for p in plans if p.state == PlanState.APPROVED],
            section=Party.Section.SIGNATURE).values_list("plan_id", "role"):
        signed.setdefault(plan_id, set()).add(role)
    waiting: dict[str, list[Waiting]] = {step: [] for step in STEPS}
    for plan in plans:
        roles = signed.get(plan.pk, set())
        if plan.state == PlanState.SUBMITTED:
            if grants.can(Action.APPROVE, plan.office):
                waiting[APPROVE].append(Waiting(plan, APPROVE))
            continue
        if "office" not in roles and grants.can(Action.APPROVE, plan.office):
            waiting[SIGN_OFFICE].append(Waiting(plan, SIGN_OFFICE))
        if "supervisor" not in roles and grants.can(Action.REVIEW, plan.office):
            waiting[SIGN_SUPERVISOR].append(Waiting(plan, SIGN_SUPERVISOR))
    return waiting


def _selected(post: Mapping[str, Any], user: Any) -> tuple[list[Plan], dict[int, int]]:
    """The plans ticked on the page ("id:version"), among those this person may read; the
    rest (a forged or foreign id) is dropped before anything is done."""
    versions: dict[int, int] = {}
    for raw in post.getlist("plan"):  # type: ignore[attr-defined]
        pk, _sep, version = str(raw).partition(":")
        if pk.isdigit() and version.isdigit():
            versions[int(pk)] = int(version)
    grants = grants_for(user)
    plans = [p for p in Plan.objects.filter(pk__in=versions).select_related(
        "office", "office__parent").order_by("office__path", "pk")
        if grants.can(Action.READ, p.office)]
    return plans, versions


def _text(exc: InputError) -> str:
    return exc.bn if page_lang() == "bn" else exc.en


def signer_posts(user: Any) -> dict[str, str]:
    """The post a person signs with for each party, from their memberships (the office head's
    for the office, the supervisor's for the supervising office): one query."""
    from kormo.offices.models import Membership

    by_role = dict(Membership.objects.filter(
        user=user, role__in=(Role.OFFICE_HEAD, Role.SUPERVISOR)).exclude(post="")
        .order_by("-pk").values_list("role", "post"))
    return {SIGN_OFFICE: by_role.get(Role.OFFICE_HEAD, ""),
            SIGN_SUPERVISOR: by_role.get(Role.SUPERVISOR, "")}


@login_required
@require_GET
def agreements_waiting(request: HttpRequest) -> HttpResponse:
    waiting = plans_waiting(request.user)
    posts = signer_posts(request.user)
    return render(request, "progress/agreements_waiting.html", {
        "groups": [(step, waiting[step], posts.get(step, "")) for step in STEPS],
        "total": sum(len(v) for v in waiting.values()),
        "today": timezone.localdate(),
    })


@login_required
@require_POST
def agreements_waiting_bulk(request: HttpRequest) -> HttpResponse:
    back = redirect(reverse("progress:agreements_waiting"))
    step = request.POST.get("step", "")
    plans, versions = _selected(request.POST, request.user)
    if not plans:
        messages.error(request, _("Tick at least one plan."))
        return back
    actor = request.user
    if step == APPROVE:
        result = workflow.plans_bulk(workflow.plan_approve, plans=plans, versions=versions,
                                     actor=actor)
        done = _("Approved: %(n)s.")
    elif step == RETURN:
        comment = request.POST.get("comment", "").strip()
        if not comment:
            messages.error(request, _text(workflow.AgreementError(
                workflow.AgreementErrorCode.COMMENT_REQUIRED)))
            return back
        result = workflow.plans_bulk(workflow.plan_return, plans=plans, versions=versions,
                                     actor=actor, comment=comment)
        done = _("Returned: %(n)s.")
    elif step in (SIGN_OFFICE, SIGN_SUPERVISOR):
        try:
            signed_on = parse_date(request.POST.get("signed_on", ""))
        except (DateError, InputError) as exc:
            messages.error(request, _text(exc))
            return back
        result = workflow.plans_bulk(
            workflow.plan_sign, plans=plans, versions=versions, actor=actor,
            party="office" if step == SIGN_OFFICE else "supervisor",
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
