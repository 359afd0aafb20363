"""Template context: the number of unread notices, for the page header's badge."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kormo.audit.selectors import notice_unread_count


def notices(request: HttpRequest) -> dict[str, Any]:
    """`notice_unread_count`, counted only when a template uses it (one query then)."""
    user = getattr(request, "user", None)
    return {"notice_unread_count": SimpleLazyObject(
        lambda: notice_unread_count(user=user) if user is not None else 0)}
