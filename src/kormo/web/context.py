"""Template context shared by every page: the page language and what the menu shows."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kormo.offices.access import can_setup_years
from kormo.web.i18n import page_lang


def ui(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "lang": page_lang(),
        # The menu's "Fiscal years" link; the pages themselves check again (offices.access).
        "menu_years": bool(user is not None and user.is_authenticated and can_setup_years(user)),
    }
