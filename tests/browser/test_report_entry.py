"""The progress report keeps everything typed: three values and one Save keep all three; a
refused value stays in its field with the reason beside it while the others are saved; typing
after a save survives a reload of the `?saved=` page and is offered back (report.js)."""

from __future__ import annotations

import re

import pytest

from kormo.progress.models import ReportedValue

pytestmark = pytest.mark.browser

RANGPUR = "জেলা কার্যালয়, রংপুর"


@pytest.fixture
def office(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from tests.progress.world import make_world

    return make_world(RANGPUR).offices[RANGPUR]


def _page_of(browser, live_server, user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    context = browser.new_context(base_url=live_server.url)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15000)
    page.on("dialog", lambda d: d.accept())
    return page


def _entry(page, ref: str):
    return page.locator(f'.entry[data-entry="{ref}|Q1"]')


def _stored(office, ref: str) -> str | None:
    row = ReportedValue.objects.filter(plan=office.apa, indicator_ref=ref, quarter="Q1").first()
    return None if row is None or not row.reported_kind else str(row.reported_number)


def test_three_values_and_one_save_keep_all_three(browser, live_server, office) -> None:
    page = _page_of(browser, live_server, office.focal)
    page.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    _entry(page, "1.1.1").locator("[data-testid=value-input]").fill("৩০")
    _entry(page, "1.1.2").locator("[data-testid=value-input]").fill("80%")
    _entry(page, "2.1.2").locator("[data-testid=value-input]").fill("২৫")
    with page.expect_navigation():
        page.click("[data-testid=save-values]")
    assert re.search(r"[?&]saved=\d+", page.url)
    assert "সংরক্ষিত: ৩টি মান" in page.inner_text(".messages")
    assert [_stored(office, r) is not None for r in ("1.1.1", "1.1.2", "2.1.2")] == [True] * 3
    assert _entry(page, "1.1.1").locator("[data-testid=value-input]").input_value() == "৩০"
    assert _entry(page, "2.1.2").locator("[data-testid=value-input]").input_value() == "২৫"


def test_a_refused_value_stays_with_its_reason(browser, live_server, office) -> None:
    page = _page_of(browser, live_server, office.focal)
    page.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    _entry(page, "1.1.1").locator("[data-testid=value-input]").fill("একশো")
    _entry(page, "2.1.2").locator("[data-testid=value-input]").fill("১২")
    with page.expect_navigation():
        page.click("[data-testid=save-values]")
    bad = _entry(page, "1.1.1")
    assert bad.locator("[data-testid=value-input]").input_value() == "একশো"
    assert bad.locator("[data-testid=value-input]").get_attribute("aria-invalid") == "true"
    assert "একশো" in bad.locator("[data-testid=value-error]").inner_text()
    assert _stored(office, "1.1.1") is None and _stored(office, "2.1.2") is not None
    assert "১টি মান সংরক্ষণ হয়নি" in page.inner_text(".messages")
    # Fixed in place, saved again.
    bad.locator("[data-testid=value-input]").fill("১০০")
    with page.expect_navigation():
        page.click("[data-testid=save-values]")
    assert _stored(office, "1.1.1") is not None


def test_typing_after_a_save_survives_a_reload(browser, live_server, office) -> None:
    page = _page_of(browser, live_server, office.focal)
    page.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    _entry(page, "1.1.1").locator("[data-testid=value-input]").fill("৩০")
    with page.expect_navigation():
        page.click("[data-testid=save-values]")
    assert page.is_hidden("#draft-notice")
    _entry(page, "2.1.2").locator("[data-testid=value-input]").fill("৪৪")
    page.wait_for_timeout(400)  # written 300 ms after typing stops
    page.reload()
    assert _entry(page, "2.1.2").locator("[data-testid=value-input]").input_value() == "৪৪"
    notice = page.inner_text("#draft-notice")
    assert "ফিরিয়ে আনা হয়েছে" in notice and re.search(r"[০-৯]{2}:[০-৯]{2}", notice)
    # Discard puts the server's (empty) value back; nothing was saved meanwhile.
    page.click("#draft-notice [data-draft=discard]")
    assert _entry(page, "2.1.2").locator("[data-testid=value-input]").input_value() == ""
    assert _stored(office, "2.1.2") is None
