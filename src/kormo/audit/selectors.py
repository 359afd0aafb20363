"""Reads of history and notices, each one query.

A plan's history is read by `kormo.plans.selectors.history_for_plan`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from kormo.audit.models import Notice

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


def notice_list_for_user(*, user: AbstractBaseUser, unread_only: bool = False
                         ) -> QuerySet[Notice]:
    notices = Notice.objects.filter(recipient=user)
    if unread_only:
        notices = notices.filter(read_at__isnull=True)
    return notices.order_by("-created_at", "-pk")


def notice_unread_count(*, user: AbstractBaseUser) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(recipient=user, read_at__isnull=True).count()


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
