"""Importing a document in a real browser (Debian's Chromium through Playwright): the Rangpur
district focal point uploads seed 000 (the office's own APA as text copied out of Word), sees
the flagged cell highlighted beside the file as read, corrects it with Bengali digits, confirms,
and finds the plan; and the review page on a 360 px phone.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from kormo.domain.values import DateValue
from kormo.offices.models import Office
from kormo.plans.convert import plan_to_domain
from kormo.plans.models import PendingImport, Plan
from tests.browser.conftest import login, shot

pytestmark = pytest.mark.browser

SEED_000 = Path("/work/shared/seeds/000_d7a796962de909f2.txt")
FLAGGED = "cell:0:2.1.1:levels.60"  # shifted_projection: the 60 % level left empty


def _seed() -> Path:
    if not SEED_000.exists():
        pytest.skip("the shared seed documents are not on this machine")
    return SEED_000


def _upload(page, office: Office) -> None:
    page.goto(f"/offices/{office.pk}/")
    page.click("#import-link")
    page.set_input_files("#id_file", str(_seed()))
    page.fill("#id_fiscal_year", "২০২২-২৩")
    page.click("#upload-form button.primary")
    page.wait_for_url(re.compile(r".*/plans/import/\d+/$"))


def test_a_focal_point_imports_seed_000_corrects_a_flagged_cell_and_confirms(
        demo, new_page) -> None:
    office = Office.objects.get(code="demo-rangpur")
    page = new_page()
    login(page, "rangpur-focal")
    _upload(page, office)
    assert Plan.objects.filter(office=office, is_template=False).count() == 0  # not yet

    cell = page.locator(f"input[name='{FLAGGED}']")
    assert "flagged" in cell.get_attribute("class")
    # Highlighted: the warning background, in the plan read and in the file as read.
    assert cell.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 244, 220)"
    source = page.locator("#s-t4-r4-c13")
    assert "flagged" in source.get_attribute("class") and "১২.১২.২৩" in source.inner_text()
    # The flag's reason in the list, and its link to the cell of the file.
    shot(page, "import-review-bn")
    row = page.locator("#flags tr", has_text="৬০%").first
    assert "পরের অর্থবছরের" in row.inner_text() or "প্রক্ষেপণ" in row.inner_text()
    row.locator("a[href='#s-t4-r4-c13']").click()
    assert page.evaluate("location.hash") == "#s-t4-r4-c13"
    shot(page, "import-review-source-bn")

    cell.fill("৩১.০৩.২৩")  # the worst level, later than the 80 % date (28.02.23)
    page.click("#confirm")
    page.wait_for_url(re.compile(r".*/plans/\d+/$"))
    assert "খসড়া হিসেবে আমদানি করা হয়েছে" in page.locator(".messages").inner_text()
    plan_pk = int(re.search(r"/plans/(\d+)/$", page.url)[1])

    # Found on the office's page, as a draft.
    page.goto(f"/offices/{office.pk}/")
    link = page.locator(f"a[href='/plans/{plan_pk}/']")
    assert link.inner_text() == "বার্ষিক কর্মসম্পাদন চুক্তি (এপিএ)" or link.count() == 1
    assert PendingImport.objects.count() == 0
    plan = plan_to_domain(plan_pk)
    ind = plan.indicator("2.1.1")
    assert ind is not None
    assert ind.levels.v60 == DateValue(dt.date(2023, 3, 31))
    assert ind.levels.v100 == DateValue(dt.date(2022, 12, 12))
    assert (plan.fiscal_year, len(plan.indicators)) == ("2022-23", 16)
    notes = {n.place: n.note for n in plan.source_notes}
    assert notes["2.1.1 / levels.60"].startswith(
        "Corrected on review from “” to “31.03.2023”.")


def test_the_review_page_on_a_360_px_phone(demo, new_page) -> None:
    office = Office.objects.get(code="demo-rangpur")
    page = new_page(width=360, height=740)
    login(page, "rangpur-focal")
    _upload(page, office)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    grid = page.locator(".review-plans .scroll").first
    assert grid.evaluate("e => e.scrollWidth > e.clientWidth")  # the table scrolls inside
    page.locator(f"input[name='{FLAGGED}']").scroll_into_view_if_needed()
    shot(page, "import-review-360-bn")
    page.click("#cancel")
    page.wait_for_url(re.compile(rf".*/offices/{office.pk}/$"))
    assert PendingImport.objects.count() == 0
