"""Notice pages: a person's notices with the unread count (a plan's change history is
`kormo.plans.history_views`, in the `audit` namespace). Thin views: selector/service → render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from kormo.audit.selectors import (
    notice_get_for_user,
    notice_list_for_user,
    notice_unread_count,
)
from kormo.audit.services import notice_mark_read, notices_mark_all_read


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
    notice = notice_get_for_user(user=request.user, notice_id=request.POST.get("notice_id", ""))
    if notice is None:
        return redirect("audit:notices")
    notice_mark_read(notice=notice, actor=request.user)
    return redirect(notice.url or "audit:notices")
