"""Agreements waiting for me, in a real browser: the Rangpur office head approves and signs the
office's submitted APA from the page linked in the header, then the directorate's supervisor
signs it there for the supervising office; the plan is then in force.

Run with `pytest -m browser tests/browser/test_agreements_waiting.py`.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from kormo.agreements.services import plan_submit
from kormo.offices.models import Office
from kormo.plans.convert import plan_save_from_domain
from kormo.plans.models import Party, Plan
from tests.browser.conftest import login
from tests.progress import builders

pytestmark = pytest.mark.browser


def _open_waiting(page) -> None:
    page.click("header.top [data-testid=nav-waiting]")  # the home page: all my work
    page.wait_for_url("**/home/today/")
    page.click("a[href='/agreement/waiting/']")  # the agreements, to act on several at once
    page.wait_for_url("**/agreement/waiting/")


def _flash(page) -> str:
    return page.locator("ul.messages").inner_text()


def test_an_agreement_is_approved_and_signed_from_the_waiting_page(demo, new_page) -> None:
    office = Office.objects.get(code="demo-rangpur")
    plan = plan_save_from_domain(plan=builders.apa(office.name, office.parent.name),
                                 office=office)
    focal = get_user_model().objects.get(username="rangpur-focal")
    plan_submit(plan=plan, actor=focal)

    page = new_page()
    login(page, "rangpur-head")
    _open_waiting(page)
    section = page.locator("[data-testid=waiting-approve]")
    assert section.locator(f"[data-testid=pick-{plan.pk}]").is_checked()
    section.locator("[data-testid=bulk-approve]").click()
    page.wait_for_url("**/agreement/waiting/")
    assert "অনুমোদিত: ১টি।" in _flash(page)

    section = page.locator("[data-testid=waiting-sign_office]")
    section.locator("[data-testid=bulk-sign-post-sign_office]").fill("জেলা প্রশাসক")
    section.locator("[data-testid=bulk-sign-date-sign_office]").fill("২৯.০৬.২০২২")
    section.locator("[data-testid=bulk-sign-sign_office]").click()
    page.wait_for_url("**/agreement/waiting/")
    assert "স্বাক্ষরিত: ১টি।" in _flash(page)
    assert page.locator("[data-testid=nothing-waiting]").is_visible()

    page = new_page()
    login(page, "dg-supervisor")
    _open_waiting(page)
    section = page.locator("[data-testid=waiting-sign_supervisor]")
    assert section.locator(f"[data-testid=pick-{plan.pk}]").is_checked()
    if not section.locator("[data-testid=bulk-sign-post-sign_supervisor]").input_value():
        section.locator("[data-testid=bulk-sign-post-sign_supervisor]").fill("মহাপরিচালক")
    section.locator("[data-testid=bulk-sign-sign_supervisor]").click()
    page.wait_for_url("**/agreement/waiting/")
    assert "স্বাক্ষরিত: ১টি।" in _flash(page)

    row = Plan.objects.get(pk=plan.pk)
    assert row.state == "signed"
    signatures = dict(Party.objects.filter(plan=row, section="signature")
                      .values_list("role", "post"))
    assert signatures["office"] == "জেলা প্রশাসক" and signatures["supervisor"]
