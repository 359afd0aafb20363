"""A whole year for two offices in Debian's Chromium (Playwright), through the pages only.

Both offices' APA and integrity plan are submitted, approved and signed by both parties; four
quarters are reported with evidence files (the derived e-Nothi rate from its inputs in Q2);
Rangpur's second quarter is returned for an item, fixed with a reason and resubmitted, and the
supervisor verifies a value beside the self-reported one; Dinajpur revises its APA mid-year
(the revision is submitted, approved and signed again, and reporting goes on on it); both
submit the year-end evaluation, which the supervisor accepts. The final scores the pages show
equal what `kormo score` prints for the same plans, exported with the plan format and scored
by the CLI in a subprocess.

Run with `pytest -m browser tests/browser/test_year_of_two_offices.py`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from kormo.domain.numerals import format_number
from kormo.domain.planformat import dumps
from kormo.domain.ranks import rank_label
from kormo.plans.convert import plan_to_domain
from kormo.plans.models import Plan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
# ordinary synchronous calls made between page actions.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("KORMO_CHROMIUM", "/usr/bin/chromium")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RANGPUR, DINAJPUR = "জেলা কার্যালয়, রংপুর", "জেলা কার্যালয়, দিনাজপুর"
FY = "2022-23"


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def year():
    from tests.progress.world import make_world

    return make_world(RANGPUR, DINAJPUR, sign=False)


class People:
    """One logged-in browser context per person (sessions made by Django's test client)."""

    def __init__(self, browser, live_server) -> None:
        self.browser, self.base, self.pages = browser, live_server.url, {}

    def page(self, user):
        if user.pk not in self.pages:
            from django.test import Client

            client = Client()
            client.force_login(user)
            context = self.browser.new_context(locale="bn-BD")
            context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                  "url": self.base}])
            self.pages[user.pk] = context.new_page()
        return self.pages[user.pk]

    def go(self, user, path):
        page = self.page(user)
        page.goto(self.base + path)
        return page


def _ok(page) -> None:
    errors = page.locator(".messages li.error")
    assert errors.count() == 0, errors.all_inner_texts()


def _click(page, selector) -> None:
    with page.expect_navigation():
        page.locator(selector).first.click()
    _ok(page)


def sign_through_the_pages(people, world, o, plan) -> None:
    agreement = f"/agreement/{plan.pk}/"
    _click(people.go(o.focal, agreement), "[data-testid=plan-submit]")
    _click(people.go(o.head, agreement), "[data-testid=plan-approve]")
    for person, name, post in ((o.head, "অফিস প্রধান", "প্রোগ্রামার"),
                               (world.supervisor, "মহাপরিচালক", "মহাপরিচালক")):
        page = people.go(person, agreement)
        page.fill("[data-testid=sign-name]", name)
        page.fill("[data-testid=sign-post]", post)
        _click(page, "[data-testid=plan-sign]")
    assert people.go(o.focal, agreement).locator("[data-testid=plan-state]").inner_text() == \
        "স্বাক্ষরিত"


def report_value(page, ref, text=None, reason=None, inputs=None) -> None:
    """Type an indicator's entry, then press the page's one Save (all values at once)."""
    entry = page.locator(f'.entry[data-entry^="{ref}|"]').first
    if inputs:
        for name, value in inputs.items():
            entry.locator(f"input[name^=input_{name}-]").fill(value)
    else:
        entry.locator("[data-testid=value-input]").fill(text)
    if reason is not None:
        entry.locator("[data-testid=reason-input]").fill(reason)
    # Saved in place (report.js): the answer's message in the status, nothing refused.
    page.locator("[data-testid=save-values]").first.click()
    status = page.locator("#save-status:is([data-state=saved], [data-state=refused])")
    status.wait_for()
    assert status.get_attribute("data-state") == "saved", status.inner_text()
    assert page.locator("[data-testid=value-error]").count() == 0
    _ok(page)


def attach(page, ref, path) -> None:
    form = page.locator(
        f'form:has(input[name=ref][value="{ref}"]):has([data-testid=evidence-file])')
    form.locator("[data-testid=evidence-file]").set_input_files(str(path))
    # Attached in place (report.js): the answer's message in the status, the file's link in
    # the row.
    page.evaluate("document.getElementById('save-status').removeAttribute('data-state')")
    form.locator("[data-testid=upload-evidence]").click()
    status = page.locator("#save-status:is([data-state=attached], [data-state=refused])")
    status.wait_for()
    assert status.get_attribute("data-state") == "attached", status.inner_text()
    assert page.locator(f'tr[data-ref="{ref}"] [data-testid=evidence-link]',
                        has_text=path.name).count() >= 1
    _ok(page)


def current(plan) -> Plan:
    return Plan.objects.get(office_id=plan.office_id, kind=plan.kind, is_current=True,
                            fiscal_year=FY)


QUARTER_VALUES = {  # office → quarter → (trainees, satisfaction, digitised services)
    RANGPUR: {"Q1": ("২৫", "৯৫%", "৩০"), "Q2": ("৩০", "৯০%", "৩৮"),
              "Q3": ("২০", "৯২%", "৪৪"), "Q4": ("২৫", "৯৬%", "৫০")},
    DINAJPUR: {"Q1": ("১৮", "৮৫%", "২০"), "Q2": ("২২", "৮৮%", "৩০"),
               "Q3": ("১৫", "৮০%", "৩৬"), "Q4": ("20", "90%", "42")},
}


def report_quarter(people, world, o, q, evidence, *, fix_cycle=False) -> None:
    apa, nis = current(o.apa), current(o.integrity)
    trainees, satisfaction, services = QUARTER_VALUES[o.office.name][q]
    page = people.go(o.focal, f"/progress/plans/{apa.pk}/report/?period={q}")
    report_value(page, "1.1.1", trainees)
    attach(page, "1.1.1", evidence)
    report_value(page, "1.1.2", satisfaction)
    report_value(page, "2.1.2", services)
    if q == "Q2":
        report_value(page, "2.1.1", inputs={"e_disposals": "২২৩৬",
                                            "hard_file_disposals": "১৪৩৯"})
    if q == "Q3":
        report_value(page, "1.2.1", "২০.০১.২০২৩")
    _click(page, "[data-testid=submit-report]")
    page = people.go(o.focal, f"/progress/plans/{nis.pk}/report/?period={q}")
    report_value(page, "1.1.1", "১")
    report_value(page, "1.2.1", "৯০%")
    if q == "Q2":
        report_value(page, "1.1.2", "২৫.১০.২০২২")
    attach(page, "1.1.1", evidence)
    _click(page, "[data-testid=submit-report]")

    sup = people.go(world.supervisor, f"/progress/plans/{apa.pk}/report/?period={q}")
    if fix_cycle:
        review = sup.locator('tr.review form:has(input[name=ref][value="1.1.1"])')
        review.locator("[data-testid=review-comment]").fill("উপস্থিতির তালিকা মেলেনি")
        with sup.expect_navigation():
            review.locator("[data-testid=return-item]").click()
        sup.fill("[data-testid=return-comment]", "১.১.১ সংশোধন করুন")
        _click(sup, "[data-testid=return-report]")
        page = people.go(o.focal, f"/progress/plans/{apa.pk}/report/?period={q}")
        assert "১.১.১ সংশোধন করুন" in page.content()
        report_value(page, "1.1.1", "২৮", reason="উপস্থিতির তালিকা আবার গোনা হয়েছে")
        _click(page, "[data-testid=submit-report]")
        sup = people.go(world.supervisor, f"/progress/plans/{apa.pk}/report/?period={q}")
        review = sup.locator('tr.review form:has(input[name=ref][value="1.1.2"])')
        review.locator("[data-testid=verify-input]").fill("৮৫%")
        review.locator("[data-testid=review-comment]").fill("নমুনা জরিপে ৮৫%")
        with sup.expect_navigation():
            review.locator("[data-testid=verify]").click()
        _ok(sup)
    _click(sup, "[data-testid=accept-report]")
    sup = people.go(world.supervisor, f"/progress/plans/{nis.pk}/report/?period={q}")
    _click(sup, "[data-testid=accept-report]")


def _kormo_score(plans) -> dict[str, dict]:
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"kormo-year-{os.getpid()}.json"
    path.write_text(dumps(plans), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "kormo.cli", "score", str(path)],
                         capture_output=True, text=True, check=True)
    return {r["plan"]: r for r in json.loads(out.stdout)}


def _two(x: float) -> str:
    return format_number(Decimal(str(x)), "bn", 2)


def test_a_whole_year_for_two_offices(browser, live_server, year, tmp_path):
    world = year
    people = People(browser, live_server)
    evidence = tmp_path / "হাজিরা.pdf"
    evidence.write_bytes(PDF)
    rangpur, dinajpur = world.offices[RANGPUR], world.offices[DINAJPUR]

    for o in (rangpur, dinajpur):
        sign_through_the_pages(people, world, o, o.apa)
        sign_through_the_pages(people, world, o, o.integrity)

    for q in ("Q1", "Q2"):
        report_quarter(people, world, rangpur, q, evidence, fix_cycle=q == "Q2")
        report_quarter(people, world, dinajpur, q, evidence)

    # Mid-year revision of Dinajpur's APA: a new version, signed again; reports carry over.
    page = people.go(dinajpur.focal, f"/agreement/{dinajpur.apa.pk}/")
    page.fill("[data-testid=revise-reason]", "বাজেট কমানো হয়েছে")
    _click(page, "[data-testid=plan-revise]")
    revision = current(dinajpur.apa)
    assert (revision.revision, revision.revision_of_id) == (2, dinajpur.apa.pk)
    sign_through_the_pages(people, world, dinajpur, revision)
    page = people.go(dinajpur.focal, f"/progress/plans/{revision.pk}/")
    assert page.locator("[data-testid=state-Q2]").inner_text() == "গৃহীত"

    for q in ("Q3", "Q4"):
        report_quarter(people, world, rangpur, q, evidence)
        report_quarter(people, world, dinajpur, q, evidence)

    for o in (rangpur, dinajpur):
        for plan in (current(o.apa), current(o.integrity)):
            page = people.go(o.focal, f"/progress/plans/{plan.pk}/report/?period=year")
            _click(page, "[data-testid=submit-report]")
            sup = people.go(world.supervisor, f"/progress/plans/{plan.pk}/report/?period=year")
            _click(sup, "[data-testid=accept-report]")

    # The evidence downloads through the access-checked view.
    page = people.go(world.supervisor,
                     f"/progress/plans/{current(rangpur.apa).pk}/report/?period=Q1")
    href = page.locator("[data-testid=evidence-link]").first.get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.ok and response.body() == PDF

    # The final scores shown equal `kormo score` on the same plans, exported.
    for o in (rangpur, dinajpur):
        apa, nis = current(o.apa), current(o.integrity)
        cli = _kormo_score([plan_to_domain(apa.pk), plan_to_domain(nis.pk)])
        expected = cli[apa.external_id]
        page = people.go(world.supervisor, f"/progress/offices/{o.office.pk}/{FY}/")
        shown = page.locator("[data-testid=office-score]").inner_text()
        assert _two(expected["total"]) in shown and f"{_two(expected['percent'])}%" in shown
        totals = page.locator("[data-testid=plan-total]").all_inner_texts()
        assert sorted(totals) == sorted([_two(expected["total"]),
                                         _two(cli[nis.external_id]["total"])])
        year_page = people.go(world.supervisor, f"/progress/plans/{apa.pk}/report/?period=year")
        final = year_page.locator("[data-testid=final-score]").inner_text()
        assert final.startswith(_two(expected["total"]))
        assert expected["total"] > 0

    # The verified 85 % (not the reported 90 %) and the fixed 28 count for Rangpur's Q2.
    rangpur_cli = _kormo_score([plan_to_domain(current(rangpur.apa).pk)])
    first = rangpur_cli[current(rangpur.apa).external_id]["areas"][0]["indicators"]
    assert (first[0]["annual_achievement"], first[1]["annual_achievement"]) == (
        25 + 28 + 20 + 25, {"percent": (95 + 85 + 92 + 96) / 4})
    # The dashboard ranks both offices, as published: Bengali ordinals, a tie marked joint.
    page = people.go(world.supervisor, f"/progress/offices/{world.directorate.pk}/{FY}/dashboard/")
    ranks = sorted(page.locator("[data-testid=rank]").all_inner_texts())
    assert ranks in (sorted([rank_label(1, False, "bn"), rank_label(2, False, "bn")]),
                     [rank_label(1, True, "bn")] * 2)
    assert ranks[0].startswith("১ম")
    assert re.search(r"[০-৯]", page.locator("[data-testid=percent]").first.inner_text())
