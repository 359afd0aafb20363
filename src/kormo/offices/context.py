"""Template context from the office tree: what the menu offers this person."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kormo.offices.access import can_see_years


def menu(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    # The menu's "Fiscal years" link (read-only for administrators who do not keep the
    # calendar); the pages themselves check again (offices.access).
    return {"menu_years": bool(user is not None and user.is_authenticated
                               and can_see_years(user))}
