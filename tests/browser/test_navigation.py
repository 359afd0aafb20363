"""The workflow pages are reached by clicking, not by typing addresses: the Rangpur district
focal point logs in and goes office → plan → agreement → progress → the first quarter's report
by links alone, with the notices link in the page header all the way.

Run with `pytest -m browser tests/browser/test_navigation.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from kormo.domain.planformat import load_path
from kormo.offices.models import Office
from kormo.plans.convert import plan_save_from_domain
from kormo.web.state_labels import plabel
from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def _rangpur_apa(office: Office) -> int:
    """The office's 2022-23 APA (seed 000, the Rangpur district office's own), as a draft."""
    seed = next((Path(settings.BASE_DIR) / "data" / "seeds").glob("000-*.json"))
    apa = next(p for p in load_path(str(seed)) if p.kind.value == "apa")
    return plan_save_from_domain(plan=apa, office=office).pk


def _bn(group: str, code: str) -> str:
    with translation.override("bn"):
        return str(plabel(group, code))


def _header_notices(page) -> None:
    link = page.locator("header.top a.notices-badge")
    assert link.get_attribute("href") == "/notices/"
    assert link.inner_text().strip() == "বিজ্ঞপ্তি"


def test_a_focal_point_reaches_plan_agreement_and_report_by_clicking(demo, new_page) -> None:
    office = Office.objects.get(code="demo-rangpur")
    plan_id = _rangpur_apa(office)
    page = new_page()
    login(page, "rangpur-focal")  # the one typed address: the login page
    _header_notices(page)

    page.click("header.top a[href='/offices/']")  # login leads home; the offices are a click
    page.click(f"a.name[href='/offices/{office.pk}/']")
    page.wait_for_url(f"**/offices/{office.pk}/")
    page.click(f"tr[data-plan='{plan_id}'] a[href='/plans/{plan_id}/']")
    page.wait_for_url(f"**/plans/{plan_id}/")
    assert page.locator("[data-testid=plan-documents] a").count() == 3

    page.click("[data-testid=nav-agreement]")
    page.wait_for_url(f"**/agreement/{plan_id}/")
    assert page.locator("[data-testid=plan-state]").inner_text() == _bn("plan_state", "draft")
    _header_notices(page)

    page.click("[data-testid=nav-progress]")
    page.wait_for_url(f"**/progress/plans/{plan_id}/")
    page.click(f"a[href='/progress/plans/{plan_id}/report/?period=Q1']")
    page.wait_for_url(re.compile(rf".*/progress/plans/{plan_id}/report/\?period=Q1$"))
    assert page.locator("h1").inner_text().startswith(_bn("period", "Q1"))
    assert page.locator("[data-testid=report-documents] a").first.get_attribute("href") == (
        f"/progress/plans/{plan_id}/report.pdf?period=Q1")
    _header_notices(page)
