"""Template context shared by every page: the page language (the menu's office-dependent links
are `kormo.offices.context.menu`, since the shell sits below the office tree)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kormo.web.i18n import page_lang


def ui(request: HttpRequest) -> dict[str, Any]:
    return {"lang": page_lang()}
