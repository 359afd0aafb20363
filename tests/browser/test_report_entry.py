"""The progress report keeps everything typed: three values and one Save keep all three; a
refused value stays in its field with the reason beside it while the others are saved; typing
after a save survives a reload and is offered back (report.js). Save updates the page in
place (fetch, JSON answer): versions, shown values, the message, refused entries; the draft is
dropped only after a fully confirmed save, and a save after the session ended falls back to
the form post with the draft kept."""

from __future__ import annotations

import re
from pathlib import Path

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


def _save(page, state: str = "saved") -> str:
    """Press Save and wait for the answer applied in place; the status's message."""
    page.click("[data-testid=save-values]")
    status = page.locator(f"#save-status[data-state={state}]")
    status.wait_for()
    return status.inner_text()


def _draft(page, office) -> dict | None:
    return page.evaluate(
        f"JSON.parse(localStorage.getItem('kormo-draft:report:{office.apa.pk}:Q1'))")


def _stored(office, ref: str) -> str | None:
    row = ReportedValue.objects.filter(plan=office.apa, indicator_ref=ref, quarter="Q1").first()
    return None if row is None or not row.reported_kind else str(row.reported_number)


def test_three_values_and_one_save_keep_all_three(browser, live_server, office) -> None:
    page = _page_of(browser, live_server, office.focal)
    page.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    _entry(page, "1.1.1").locator("[data-testid=value-input]").fill("৩০")
    _entry(page, "1.1.2").locator("[data-testid=value-input]").fill("80%")
    _entry(page, "2.1.2").locator("[data-testid=value-input]").fill("২৫")
    assert _save(page) == "সংরক্ষিত: ৩টি মান।"
    assert [_stored(office, r) is not None for r in ("1.1.1", "1.1.2", "2.1.2")] == [True] * 3
    assert _entry(page, "1.1.1").locator("[data-testid=value-input]").input_value() == "৩০"
    assert _entry(page, "2.1.2").locator("[data-testid=value-input]").input_value() == "২৫"


def test_a_refused_value_stays_with_its_reason(browser, live_server, office) -> None:
    page = _page_of(browser, live_server, office.focal)
    page.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    _entry(page, "1.1.1").locator("[data-testid=value-input]").fill("একশো")
    _entry(page, "2.1.2").locator("[data-testid=value-input]").fill("১২")
    said = _save(page, "refused")
    bad = _entry(page, "1.1.1")
    assert bad.locator("[data-testid=value-input]").input_value() == "একশো"
    assert bad.locator("[data-testid=value-input]").get_attribute("aria-invalid") == "true"
    assert "একশো" in bad.locator("[data-testid=value-error]").inner_text()
    assert _stored(office, "1.1.1") is None and _stored(office, "2.1.2") is not None
    assert "১টি মান সংরক্ষণ হয়নি" in said and "সংরক্ষিত: ১টি মান" in said
    assert "refused" in bad.get_attribute("class")
    assert _entry(page, "2.1.2").locator("[data-testid=value-error]").count() == 0
    assert _draft(page, office)["values"]["value-1.1.1|Q1"] == "একশো"  # the draft kept
    # Fixed in place, saved again: the mark and the reason go, the draft too.
    bad.locator("[data-testid=value-input]").fill("১০০")
    assert _save(page) == "সংরক্ষিত: ১টি মান।"
    assert _stored(office, "1.1.1") is not None
    assert bad.locator("[data-testid=value-error]").count() == 0
    assert "refused" not in bad.get_attribute("class")
    assert bad.locator("[data-testid=value-input]").get_attribute("aria-invalid") is None
    assert _draft(page, office) is None and page.is_hidden("#draft-notice")


def test_typing_after_a_save_survives_a_reload(browser, live_server, office) -> None:
    page = _page_of(browser, live_server, office.focal)
    page.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    _entry(page, "1.1.1").locator("[data-testid=value-input]").fill("৩০")
    _save(page)
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


def test_a_save_updates_the_page_in_place_and_a_second_save_follows(browser, live_server,
                                                                    office) -> None:
    page = _page_of(browser, live_server, office.focal)
    page.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    page.evaluate("window.notReloaded = true")
    field = _entry(page, "1.1.1").locator("[data-testid=value-input]")
    field.fill("30")  # Latin digits typed, shown as stored: in Bengali
    assert _save(page) == "সংরক্ষিত: ১টি মান।"
    assert page.evaluate("window.notReloaded") is True
    rv = ReportedValue.objects.get(plan=office.apa, indicator_ref="1.1.1", quarter="Q1")
    version = page.locator('[name="version-1.1.1|Q1"]')
    assert version.input_value() == str(rv.lock_version)
    assert field.input_value() == "৩০"
    assert page.locator('[name="orig-value-1.1.1|Q1"]').input_value() == "৩০"
    assert _draft(page, office) is None
    # Its first value: the row offers the evidence form without a new render.
    assert page.locator('tr#i-1\\.1\\.1 form:has(input[name=quarter][value=Q1]) '
                        '[data-testid=evidence-file]').count() == 1
    # The same entry again: saved over the version the first save answered.
    field.fill("৪৫")
    assert _save(page) == "সংরক্ষিত: ১টি মান।"
    rv.refresh_from_db()
    assert (str(rv.reported_number.normalize()), version.input_value()) == (
        "45", str(rv.lock_version))
    assert page.evaluate("window.notReloaded") is True
    # Nothing left to save: leaving asks nothing, and a reload shows what was saved.
    page.reload()
    assert field.input_value() == "৪৫" and page.is_hidden("#draft-notice")


def test_a_save_in_between_comes_back_refused(browser, live_server, office) -> None:
    from kormo.progress.services import progress_record

    page = _page_of(browser, live_server, office.focal)
    page.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    # Saved meanwhile elsewhere (another tab, the same person), after this page was drawn.
    progress_record(plan=office.apa, indicator_ref="2.1.2", quarter="Q1", actor=office.focal,
                    text="৯")
    _entry(page, "2.1.2").locator("[data-testid=value-input]").fill("১২")
    assert _save(page, "refused").startswith("১টি মান সংরক্ষণ হয়নি")
    assert "অন্য কেউ এর মধ্যে এটি বদলেছেন" in _entry(page, "2.1.2").locator(
        "[data-testid=value-error]").inner_text()
    assert ReportedValue.objects.get(plan=office.apa, indicator_ref="2.1.2",
                                     quarter="Q1").reported_number == 9
    assert _draft(page, office)["values"]["value-2.1.2|Q1"] == "১২"
    # The refusal brought the stored version: a reload offers the typing back, and saving it
    # again puts it over the other save, as on the 400 page.
    page.reload()
    assert _entry(page, "2.1.2").locator("[data-testid=value-input]").input_value() == "১২"
    assert page.is_visible("#draft-notice")
    assert _save(page) == "সংরক্ষিত: ১টি মান।"
    assert ReportedValue.objects.get(plan=office.apa, indicator_ref="2.1.2",
                                     quarter="Q1").reported_number == 12


def test_after_the_session_ended_the_save_falls_back_and_keeps_the_draft(
        browser, live_server, office) -> None:
    page = _page_of(browser, live_server, office.focal)
    page.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    session = [c for c in page.context.cookies() if c["name"] == "sessionid"]
    page.context.clear_cookies(name="sessionid")  # the session ended; the CSRF cookie stays
    _entry(page, "1.1.1").locator("[data-testid=value-input]").fill("৩৩")
    # The fetch gets the login page, not the save's JSON: the form is posted the ordinary way.
    with page.expect_navigation(url=re.compile(r"/login/")):
        page.click("[data-testid=save-values]")
    assert _draft(page, office)["values"]["value-1.1.1|Q1"] == "৩৩"
    assert _stored(office, "1.1.1") is None
    # Logged in again, the GET of the save returns to the report, where the typing comes back.
    page.context.add_cookies(session)
    page.goto(f"/progress/plans/{office.apa.pk}/report/values/?period=Q1")
    assert _entry(page, "1.1.1").locator("[data-testid=value-input]").input_value() == "৩৩"
    assert page.is_visible("#draft-notice")


def test_a_failed_fetch_falls_back_to_the_form_post(browser, live_server, office) -> None:
    page = _page_of(browser, live_server, office.focal)
    page.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    failed = []

    def once(route) -> None:  # the fetch fails on the network; the form post then goes through
        if failed:
            route.continue_()
        else:
            failed.append(route.request.headers.get("accept"))
            route.abort()

    page.route("**/report/values/**", once)
    _entry(page, "1.1.2").locator("[data-testid=value-input]").fill("৮৫%")
    with page.expect_navigation(url=re.compile(r"[?&]saved=\d+")):
        page.click("[data-testid=save-values]")
    assert failed == ["application/json"]
    assert _stored(office, "1.1.2") is not None
    assert "সংরক্ষিত: ১টি মান" in page.inner_text(".messages")
    # The page after the post confirmed the draft's save: dropped, nothing offered back.
    assert _draft(page, office) is None and page.is_hidden("#draft-notice")


# ---------------------------------------------------------------- evidence attached in place

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 6
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _attach(page, ref: str, name: str, content: bytes, state: str = "attached") -> str:
    """Choose a file in the row's (first) upload form and press Attach; the status's message
    once the answer is applied in place."""
    upload = page.locator(f'tr[data-ref="{ref}"] form:has([data-testid=evidence-file])').first
    upload.locator("[data-testid=evidence-file]").set_input_files(
        {"name": name, "mimeType": "application/octet-stream", "buffer": content})
    page.evaluate("document.getElementById('save-status').removeAttribute('data-state')")
    upload.locator("[data-testid=upload-evidence]").click()
    status = page.locator(f"#save-status[data-state={state}]")
    status.wait_for()
    return status.inner_text()


def _lines(page, ref: str) -> list[str]:
    """The row's file lines as the DOM holds them, the CSRF tokens (masked anew for every
    form) left out."""
    return [re.sub(r'(name="csrfmiddlewaretoken" value=)"[^"]*"', r'\1""', html)
            for html in page.locator(f'tr[data-ref="{ref}"] div:has(> [data-testid=evidence-link])'
                                     ).evaluate_all("els => els.map(e => e.outerHTML)")]


def test_evidence_is_attached_in_place_and_typing_stays(browser, live_server, office) -> None:
    from kormo.progress.models import Evidence
    from kormo.progress.services import progress_record

    progress_record(plan=office.apa, indicator_ref="2.1.2", quarter="Q1", actor=office.focal,
                    text="১২")
    page = _page_of(browser, live_server, office.focal)
    page.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    page.evaluate("window.notReloaded = true")
    typed = _entry(page, "1.1.2").locator("[data-testid=value-input]")
    typed.fill("৭৭")  # typed, not saved, before the upload
    page.wait_for_timeout(400)
    assert _attach(page, "2.1.2", "উপস্থিতি.png", PNG_BYTES) == "প্রমাণক যুক্ত হয়েছে।"
    assert page.evaluate("window.notReloaded") is True
    row = page.locator('tr[data-ref="2.1.2"]')
    link = row.locator("[data-testid=evidence-link]")
    assert link.all_inner_texts() == ["উপস্থিতি.png"]
    assert row.locator("div:has(> [data-testid=evidence-link]) > span").inner_text() == "১,৫৪৪ B"
    assert row.locator("[data-testid=evidence-file]").input_value() == ""  # cleared
    # The line stands above the form, and the link downloads the file just stored.
    assert page.evaluate("""() => { const r = document.querySelector('tr[data-ref="2.1.2"]');
        const line = r.querySelector('[data-testid=evidence-link]');
        const form = r.querySelector('[data-testid=evidence-file]').form;
        return !!(line.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING); }""")
    with page.expect_download() as got:
        link.click()
    assert Path(got.value.path()).read_bytes() == PNG_BYTES
    # A second file, then one refused by its content: its reason beside the form and in the
    # status, nothing stored, no reload.
    _attach(page, "2.1.2", "minutes.pdf", PDF_BYTES)
    assert link.all_inner_texts() == ["উপস্থিতি.png", "minutes.pdf"]
    said = _attach(page, "2.1.2", "report.pdf", b"MZ\x90\x00" + b"\x00" * 64, "refused")
    assert said.startswith("কেবল PDF, PNG, JPEG, DOCX বা XLSX ফাইল দেওয়া যায়")
    assert row.locator("[data-testid=evidence-error]").inner_text() == said
    assert row.locator("[data-testid=evidence-file]").get_attribute("aria-invalid") == "true"
    assert page.evaluate("window.notReloaded") is True
    assert sorted(Evidence.objects.values_list("original_name", flat=True)) == [
        "minutes.pdf", "উপস্থিতি.png"]
    # What was typed before the uploads is in its field and in the draft.
    assert typed.input_value() == "৭৭"
    assert _draft(page, office)["values"]["value-1.1.2|Q1"] == "৭৭"
    # The server draws the same lines: the ones put in place stand for the next render.
    in_place = _lines(page, "2.1.2")
    page.reload()
    assert link.all_inner_texts() == ["উপস্থিতি.png", "minutes.pdf"]
    assert _lines(page, "2.1.2") == in_place
    assert typed.input_value() == "৭৭"  # offered back from the draft


def test_a_value_saved_in_place_takes_evidence_in_place(browser, live_server, office) -> None:
    page = _page_of(browser, live_server, office.focal)
    page.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    page.evaluate("window.notReloaded = true")
    _entry(page, "1.1.1").locator("[data-testid=value-input]").fill("৩০")
    _save(page)
    # The form the script added for the first value sends its file in place too.
    assert _attach(page, "1.1.1", "photo.png", PNG_BYTES) == "প্রমাণক যুক্ত হয়েছে।"
    assert page.locator('tr[data-ref="1.1.1"] [data-testid=evidence-link]').all_inner_texts() \
        == ["photo.png"]
    assert page.evaluate("window.notReloaded") is True
    in_place = _lines(page, "1.1.1")
    page.reload()
    assert _lines(page, "1.1.1") == in_place


def test_an_upload_whose_fetch_fails_is_posted_the_ordinary_way(browser, live_server,
                                                                office) -> None:
    from kormo.progress.models import Evidence
    from kormo.progress.services import progress_record

    progress_record(plan=office.apa, indicator_ref="2.1.2", quarter="Q1", actor=office.focal,
                    text="১২")
    page = _page_of(browser, live_server, office.focal)
    page.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    failed = []

    def once(route) -> None:
        if failed:
            route.continue_()
        else:
            failed.append(route.request.headers.get("accept"))
            route.abort()

    page.route("**/report/evidence/", once)
    upload = page.locator('tr[data-ref="2.1.2"] form:has([data-testid=evidence-file])')
    upload.locator("[data-testid=evidence-file]").set_input_files(
        {"name": "a.png", "mimeType": "image/png", "buffer": PNG_BYTES})
    with page.expect_navigation(url=re.compile(r"/report/\?period=Q1")):
        upload.locator("[data-testid=upload-evidence]").click()
    assert failed == ["application/json"]
    assert "প্রমাণক যুক্ত হয়েছে।" in page.inner_text(".messages")
    assert Evidence.objects.get().original_name == "a.png"


def test_an_upload_after_the_session_ended_falls_back_and_keeps_the_typing(
        browser, live_server, office) -> None:
    from kormo.progress.models import Evidence
    from kormo.progress.services import progress_record

    progress_record(plan=office.apa, indicator_ref="2.1.2", quarter="Q1", actor=office.focal,
                    text="১২")
    page = _page_of(browser, live_server, office.focal)
    page.goto(f"/progress/plans/{office.apa.pk}/report/?period=Q1")
    session = [c for c in page.context.cookies() if c["name"] == "sessionid"]
    _entry(page, "1.1.2").locator("[data-testid=value-input]").fill("৬৬")
    page.context.clear_cookies(name="sessionid")  # the session ended; the CSRF cookie stays
    upload = page.locator('tr[data-ref="2.1.2"] form:has([data-testid=evidence-file])')
    upload.locator("[data-testid=evidence-file]").set_input_files(
        {"name": "a.png", "mimeType": "image/png", "buffer": PNG_BYTES})
    # The fetch gets the login page, not the upload's JSON: the form is posted the ordinary
    # way, and what was typed went into the draft first.
    with page.expect_navigation(url=re.compile(r"/login/")):
        upload.locator("[data-testid=upload-evidence]").click()
    assert _draft(page, office)["values"]["value-1.1.2|Q1"] == "৬৬"
    assert not Evidence.objects.exists()
    # Logged in again, the login's way back (a GET of the upload) returns to the report,
    # where the typing comes back.
    page.context.add_cookies(session)
    page.goto(f"/progress/plans/{office.apa.pk}/report/evidence/")
    assert _entry(page, "1.1.2").locator("[data-testid=value-input]").input_value() == "৬৬"
    assert page.is_visible("#draft-notice")
