"""Reads of history and notices, each one query.

A plan's history is read by `kormo.plans.selectors.history_for_plan`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet

from kormo.audit.models import Notice
from kormo.web.prepared import Prepared

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def notice_list_for_user(*, user: AbstractBaseUser, unread_only: bool = False
                         ) -> QuerySet[Notice]:
    notices = Notice.objects.filter(recipient=user)
    if unread_only:
        notices = notices.filter(read_at__isnull=True)
    return notices.order_by("-created_at", "-pk")


# Every page's header counts the person's unread notices: a query written once a process.
_UNREAD = Prepared(
    lambda user_id: Notice.objects.filter(recipient_id=user_id, read_at__isnull=True)
    .order_by().values("recipient_id").annotate(n=Count("pk")).values_list("n"),
    -7_301_003)


def notice_unread_count(*, user: AbstractBaseUser) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    rows = _UNREAD.rows(user.pk)
    return int(rows[0][0]) if rows else 0


def notice_get_for_user(*, user: AbstractBaseUser, notice_id: object) -> Notice | None:
    """The person's own notice with this id; None for a bad id or someone else's notice."""
    try:
        pk = int(str(notice_id))
    except ValueError:
        return None
    return Notice.objects.filter(pk=pk, recipient=user).first()
def person_name(user: Any, fallback: str = "") -> str:
    """A person as people know them: their full name, else the login name."""
    if user is None:
        return fallback
    return user.get_full_name() or user.get_username()
