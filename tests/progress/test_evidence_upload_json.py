"""Attaching evidence on the report page asked for JSON (report.js's fetch): the same upload as
the row's form post, answered with the message in the request's language and the stored file
as the page draws it (id, name, size in the page's digits, download URL, whether removing it
asks a reason), or a refusal's message with a 400 and nothing stored; without the JSON Accept
header the post/redirect flow stays as it was."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kormo.audit.models import ChangeRecord
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.models import Evidence
from kormo.progress.services import (
    progress_record,
    report_get_or_create,
    report_return,
    report_submit,
)
from tests.progress.clients import JSON, client_of
from tests.progress.test_evidence import EXE, PDF, PNG

pytestmark = pytest.mark.django_db



def _url(office) -> str:
    return f"/progress/plans/{office.apa.pk}/report/evidence/"


def _form(content: bytes | None, name: str = "প্রমাণক.pdf", ref: str = "1.1.1",
          quarter: str = "Q1") -> dict[str, object]:
    """The row's upload form, as report.js sends it (FormData of the form)."""
    data: dict[str, object] = {"period": "Q1", "ref": ref, "quarter": quarter}
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content)
    return data


def _answer(response) -> dict:
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def _stored_files(settings) -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def _nothing_stored(settings) -> None:
    assert not Evidence.objects.exists() and _stored_files(settings) == []
    assert not ChangeRecord.objects.filter(action__startswith="evidence").exists()


@pytest.fixture
def value(rangpur):
    return progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                           actor=rangpur.focal, text="২৫")


@pytest.mark.parametrize(("lang", "said", "size"), [
    ("bn", "প্রমাণক যুক্ত হয়েছে।", "১,৫৪০ B"), ("en", "Evidence attached.", "1,540 B")])
def test_an_upload_answers_the_file_as_the_page_draws_it(rangpur, value, lang, said, size):
    content = PDF + b"0" * (1540 - len(PDF))
    client = client_of(rangpur.focal, lang)
    response = client.post(_url(rangpur), _form(content, "সভার কার্যবিবরণী.pdf"), **JSON)
    assert response.status_code == 200
    answer = _answer(response)
    ev = Evidence.objects.get(value=value)
    assert answer == {"message": said, "evidence": {
        "id": ev.pk, "entry": "1.1.1|Q1", "name": "সভার কার্যবিবরণী.pdf", "size": size,
        "bytes": 1540, "url": f"/progress/plans/{rangpur.apa.pk}/evidence/?id={ev.pk}",
        "reason_required": False}}
    # The link downloads the file just stored.
    download = client.get(answer["evidence"]["url"])
    assert download.status_code == 200 and b"".join(download.streaming_content) == content
    # The page after it draws the same line (the in-place one stands for it), and no message
    # was left behind for it: the answer carried it.
    page = client.get(f"/progress/plans/{rangpur.apa.pk}/report/?period=Q1").content.decode()
    assert (f'<a href="{answer["evidence"]["url"]}" data-testid="evidence-link">'
            f'সভার কার্যবিবরণী.pdf</a> <span class="small muted">{size}</span>') in page
    assert said not in page


def test_a_value_already_reported_asks_a_reason_to_remove_its_file(world, rangpur, value):
    report = report_submit(report=report_get_or_create(plan=rangpur.apa, period="Q1",
                                                       actor=rangpur.focal),
                           actor=rangpur.focal)
    report_return(report=report, actor=world.supervisor, comment="প্রমাণক দিন")
    client = client_of(rangpur.focal)
    answer = _answer(client.post(_url(rangpur), _form(PNG, "ছবি.png"), **JSON))
    assert answer["evidence"]["reason_required"] is True
    # As the page draws that line: its remove form with a reason field.
    page = client.get(f"/progress/plans/{rangpur.apa.pk}/report/?period=Q1").content.decode()
    line = page[page.index(answer["evidence"]["url"]):]
    assert re.match(r'[^<]*" data-testid="evidence-link">ছবি.png</a>.*?<input name="reason"',
                    line, re.S)


@pytest.mark.parametrize("state", ["draft", "verified, never reported"])
def test_the_page_the_answer_and_the_service_agree_on_a_removal_reason(rangpur, value, state):
    """One rule (`evidence.removal_needs_reason`): whether the remove form asks a reason, on
    the page and in the in-place answer, is what the service then demands."""
    from kormo.progress.models import ReportedValue
    from kormo.progress.services import evidence_remove

    if state != "draft":
        ReportedValue.objects.filter(pk=value.pk).update(verified=True, reported_at=None)
    client = client_of(rangpur.focal)
    answer = _answer(client.post(_url(rangpur), _form(PNG, "ছবি.png"), **JSON))
    needed = answer["evidence"]["reason_required"]
    assert needed is (state != "draft")
    page = client.get(f"/progress/plans/{rangpur.apa.pk}/report/?period=Q1").content.decode()
    line = page[page.index(answer["evidence"]["url"]):]
    line = line[:line.index("</form>")]
    assert ('<input name="reason"' in line) is needed
    ev = Evidence.objects.get(pk=answer["evidence"]["id"])
    if needed:
        with pytest.raises(ProgressError) as refused:
            evidence_remove(evidence=ev, actor=rangpur.focal)
        assert refused.value.code is ProgressErrorCode.REASON_REQUIRED
        assert Evidence.objects.get(pk=ev.pk).removed_at is None
    else:
        assert evidence_remove(evidence=ev, actor=rangpur.focal).removed_at is not None


def _submitted(rangpur) -> None:
    report_submit(report=report_get_or_create(plan=rangpur.apa, period="Q1",
                                              actor=rangpur.focal), actor=rangpur.focal)


@pytest.mark.parametrize("lang", ["bn", "en"])
@pytest.mark.parametrize(("case", "code"), [
    ("no file", ProgressErrorCode.FILE_EMPTY),
    ("empty file", ProgressErrorCode.FILE_EMPTY),
    ("too large", ProgressErrorCode.FILE_TOO_LARGE),
    ("renamed executable", ProgressErrorCode.FILE_TYPE_REFUSED),
    ("unknown indicator", ProgressErrorCode.UNKNOWN_INDICATOR),
    ("no value in that quarter", ProgressErrorCode.UNKNOWN_INDICATOR),
    ("report submitted", ProgressErrorCode.REPORT_LOCKED),
])
def test_a_refusal_is_400_with_its_message_and_nothing_stored(rangpur, value, settings, lang,
                                                              case, code):
    settings.KORMO_EVIDENCE_MAX_BYTES = 1024
    form = {
        "no file": _form(None), "empty file": _form(b""),
        "too large": _form(PDF + b"0" * 2048), "renamed executable": _form(EXE, "report.pdf"),
        "unknown indicator": _form(PDF, ref="9.9.9"),
        "no value in that quarter": _form(PDF, quarter="Q2"),
        "report submitted": _form(PDF),
    }[case]
    if case == "report submitted":
        _submitted(rangpur)
    response = client_of(rangpur.focal, lang).post(_url(rangpur), form, **JSON)
    assert response.status_code == 400
    answer = _answer(response)
    # The catalogue's words in the request's language (the size limit in its digits).
    said = ProgressError(code, limit="1 KiB", limit_bn="১ KiB")
    assert answer["message"] == (said.bn if lang == "bn" else said.en)
    assert set(answer) == {"message"}
    _nothing_stored(settings)


def test_without_json_the_form_post_returns_to_the_row(rangpur, value, settings):
    client = client_of(rangpur.focal)
    row = f"/progress/plans/{rangpur.apa.pk}/report/?period=Q1#i-1.1.1"
    ok = client.post(_url(rangpur), _form(PNG, "ছবি.png"))
    assert ok.status_code == 302 and ok["Location"] == row
    assert Evidence.objects.filter(value=value, original_name="ছবি.png").exists()
    assert "প্রমাণক যুক্ত হয়েছে।" in client.get(ok["Location"]).content.decode()
    refused = client.post(_url(rangpur), _form(EXE, "report.pdf"))
    assert refused.status_code == 302 and refused["Location"] == row
    assert "কেবল PDF, PNG, JPEG, DOCX বা XLSX ফাইল দেওয়া যায়" in client.get(
        refused["Location"]).content.decode()
    assert Evidence.objects.count() == 1 and len(_stored_files(settings)) == 1


def test_a_supervisor_may_not_attach_through_json(world, rangpur, value, settings):
    response = client_of(world.supervisor).post(_url(rangpur), _form(PDF), **JSON)
    assert response.status_code == 404
    _nothing_stored(settings)


def test_the_json_answer_costs_no_query_over_the_form_posts_upload(rangpur, dinajpur):
    """The answer is built from the stored file in hand: the same queries as the form post
    (without the page it redirects to)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for office in (rangpur, dinajpur):
        progress_record(plan=office.apa, indicator_ref="1.1.1", quarter="Q1",
                        actor=office.focal, text="২৫")
    form_client, json_client = client_of(rangpur.focal), client_of(dinajpur.focal)
    with CaptureQueriesContext(connection) as by_form:
        assert form_client.post(_url(rangpur), _form(PNG)).status_code == 302
    with CaptureQueriesContext(connection) as by_json:
        answer = json_client.post(_url(dinajpur), _form(PNG), **JSON)
    assert answer.status_code == 200 and _answer(answer)["evidence"]["bytes"] == len(PNG)
    assert len(by_json) == len(by_form)
    # The value is read once, with its report and its plan locked (not first by the view).
    assert [q["sql"].count('FROM "progress_reportedvalue"')
            for q in by_json.captured_queries if "progress_reportedvalue" in q["sql"]] == [1]


def test_the_size_limit_is_said_in_the_page_digits(rangpur, value, settings):
    settings.KORMO_EVIDENCE_MAX_BYTES = 20 * 1024
    big = _form(PDF + b"0" * 21 * 1024)
    bn = _answer(client_of(rangpur.focal).post(_url(rangpur), big, **JSON))["message"]
    big = _form(PDF + b"0" * 21 * 1024)
    en = _answer(client_of(rangpur.focal, "en").post(_url(rangpur), big, **JSON))["message"]
    assert (bn, en) == ("ফাইলটি অনেক বড়; সর্বোচ্চ ২০ KiB", "the file is too large; at most 20 KiB")


def test_a_get_returns_to_the_report_and_stores_nothing(world, rangpur, value, settings):
    """After the session ended, the login page sends the person back to the upload's URL."""
    response = client_of(rangpur.focal).get(_url(rangpur) + "?period=Q3", **JSON)
    assert response.status_code == 302
    assert response["Location"] == f"/progress/plans/{rangpur.apa.pk}/report/?period=Q3"
    assert client_of(world.supervisor).get(_url(rangpur)).status_code == 404
    _nothing_stored(settings)
