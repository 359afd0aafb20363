"""A plan's change history (every version of it), under the URL name `audit:history` (joined to
the `audit` namespace in `kormo.project.urls`: the page reads plans, so it lives with them).
Each change in words (`kormo.audit.wording`), people by name and post.
Thin view: the gate (`plans.access`) → selector → render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kormo.audit.selectors import person_name
from kormo.audit.wording import change_sentences
from kormo.offices.access import Action
from kormo.offices.selectors import posts_of
from kormo.plans.access import access_plan
from kormo.plans.selectors import history_for_plan
from kormo.web.labels import label

HISTORY_LIMIT = 500


@login_required
@require_GET
def history(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Each change in words, people by name and post (three queries: the plan, the
    records with their people, the people's posts)."""
    plan = access_plan(request.user, plan_id, Action.READ)
    records = list(history_for_plan(plan=plan, limit=HISTORY_LIMIT).select_related("actor"))
    posts = posts_of({r.actor_id for r in records if r.actor_id})
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
