"""The pages work under the site's Content-Security-Policy (scripts only from Kormo's own
static files, no inline script): Chromium reports no violation on the pages with scripts
(the plan editor with htmx, the offices, the notices). The editor's behaviour under the policy
is covered by tests/browser/test_editor.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from kormo.domain.planformat import load_path
from kormo.offices.models import Office
from kormo.plans.convert import plan_save_from_domain
from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def test_pages_raise_no_policy_violation(demo, new_page) -> None:
    office = Office.objects.get(code="demo-rangpur")
    seed = next((Path(settings.BASE_DIR) / "data" / "seeds").glob("000-*.json"))
    apa = next(p for p in load_path(str(seed)) if p.kind.value == "apa")
    plan = plan_save_from_domain(plan=apa, office=office)
    page = new_page()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text)
            if "Content Security Policy" in m.text else None)
    login(page, "rangpur-focal")
    for path in ("/offices/", f"/offices/{office.pk}/", "/notices/", f"/plans/{plan.pk}/",
                 f"/plans/{plan.pk}/edit/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    response = page.request.get(f"/plans/{plan.pk}/edit/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert violations == []
