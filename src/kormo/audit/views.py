"""History and notice pages: a plan's change history (every version), and a person's notices
with the unread count. Thin views: `offices.access` → selector/service → render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from kormo.audit.models import Notice
from kormo.audit.selectors import (
    history_for_plan,
    notice_list_for_user,
    notice_unread_count,
    person_name,
)
from kormo.audit.services import notice_mark_read, notices_mark_all_read
from kormo.audit.wording import change_sentences
from kormo.offices.access import Action, access_plan
from kormo.offices.models import Membership
from kormo.web.labels import label

HISTORY_LIMIT = 500


@login_required
@require_GET
def history(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Each change in words, people by name and post (three queries: the plan, the
    records with their people, the people's posts)."""
    plan = access_plan(request.user, plan_id, Action.READ)
    records = list(history_for_plan(plan=plan, limit=HISTORY_LIMIT).select_related("actor"))
    posts = dict(Membership.objects.filter(
        user_id__in={r.actor_id for r in records if r.actor_id}).exclude(post="")
        .values_list("user_id", "post"))
    rows = [{
        "record": r,
        "who": person_name(r.actor, r.actor_name),
        "post": posts.get(r.actor_id, ""),
        # A plan's own record names the plan by its kind, not its internal label.
        "item": "" if r.object_type == "plans.plan" and not r.action.startswith("plan.edit")
        else r.object_label,
        "changes": change_sentences(r.before, r.after),
    } for r in records]
    return render(request, "audit/history.html", {
        "plan": plan, "rows": rows, "limit": HISTORY_LIMIT,
        "kind": label("kind", plan.kind),
    })


@login_required
@require_GET
def notices(request: HttpRequest) -> HttpResponse:
    return render(request, "audit/notices.html", {
        "notices": list(notice_list_for_user(user=request.user)[:200]),
    })


@login_required
@require_GET
def notice_count(request: HttpRequest) -> HttpResponse:
    """The unread count alone, for an htmx badge in the page header."""
    return render(request, "audit/_count.html",
                  {"count": notice_unread_count(user=request.user)})


@login_required
@require_POST
def notice_read(request: HttpRequest) -> HttpResponse:
    """Mark one notice read (`notice_id`) and follow its link, or all of them (`all`)."""
    if request.POST.get("all"):
        notices_mark_all_read(actor=request.user)
        return redirect("audit:notices")
    try:
        notice = Notice.objects.get(pk=int(request.POST.get("notice_id", "")),
                                    recipient=request.user)
    except (ValueError, Notice.DoesNotExist):
        return redirect("audit:notices")
    notice_mark_read(notice=notice, actor=request.user)
    return redirect(notice.url or "audit:notices")
