"""Evidence files: type by content, size limit, SHA-256, storage, access-checked download."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from kormo.audit.models import ChangeRecord
from kormo.offices.access import AccessDenied
from kormo.plans.convert import plan_to_domain
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.models import Evidence, Report
from kormo.progress.services import (
    evidence_attach,
    evidence_remove,
    progress_record,
    report_submit,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64


def docx_bytes() -> bytes:
    from docx import Document

    out = io.BytesIO()
    document = Document()
    document.add_paragraph("সভার কার্যবিবরণী")
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    book = Workbook()
    book.active.append(["শাখা", "হার্ড ফাইল"])
    book.save(out)
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas'
                   '.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("payload.exe", EXE)
    return out.getvalue()


@pytest.fixture
def value(rangpur):
    return progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                           actor=rangpur.focal, text="২৫")


def _stored_files(tmp_path):
    root = tmp_path / "media"
    return sorted(p.name for p in root.rglob("*") if p.is_file()) if root.exists() else []


@pytest.mark.parametrize(("content", "name", "kind"), [
    (PDF, "কার্যবিবরণী.pdf", "pdf"), (PNG, "ছবি.png", "png"), (JPEG, "photo.jpeg", "jpeg"),
    (None, "minutes.docx", "docx"), (None, "counts.xlsx", "xlsx"),
])
def test_accepted_kinds_are_stored_with_their_checksum(rangpur, value, content, name, kind):
    if content is None:
        content = docx_bytes() if kind == "docx" else xlsx_bytes()
    ev = evidence_attach(value=value, actor=rangpur.focal, file=ContentFile(content, name=name),
                         name=name)
    assert (ev.kind, ev.size, ev.sha256, ev.original_name, ev.uploaded_by) == (
        kind, len(content), hashlib.sha256(content).hexdigest(), name, rangpur.focal)
    with default_storage.open(ev.file.name) as fh:
        assert fh.read() == content
    assert name not in ev.file.name  # stored under a random name, never the uploader's
    assert plan_to_domain(rangpur.apa.pk).progress[0].evidence == (name,)
    assert ChangeRecord.objects.get(action="evidence.attach").after["sha256"] == ev.sha256


@pytest.mark.parametrize(("content", "name"), [
    (EXE, "report.pdf"),  # a renamed executable
    (plain_zip(), "minutes.docx"),  # a ZIP that is not a Word document
    (b"just text", "notes.png"),
])
def test_a_renamed_file_is_refused_and_nothing_is_stored(rangpur, value, tmp_path, content,
                                                        name):
    with pytest.raises(ProgressError) as err:
        evidence_attach(value=value, actor=rangpur.focal, file=ContentFile(content, name=name),
                        name=name)
    assert err.value.code is ProgressErrorCode.FILE_TYPE_REFUSED
    assert Evidence.objects.count() == 0 and _stored_files(tmp_path) == []
    assert not ChangeRecord.objects.filter(action__startswith="evidence").exists()


def test_an_oversize_file_is_refused(rangpur, value, settings, tmp_path):
    settings.KORMO_EVIDENCE_MAX_BYTES = 1024
    big = PDF + b"0" * 2048
    with pytest.raises(ProgressError) as err:
        evidence_attach(value=value, actor=rangpur.focal, file=ContentFile(big, name="a.pdf"))
    assert err.value.code is ProgressErrorCode.FILE_TOO_LARGE
    assert Evidence.objects.count() == 0 and _stored_files(tmp_path) == []


def test_strangers_cannot_attach_and_removal_is_kept(world, rangpur, value):
    with pytest.raises(AccessDenied):
        evidence_attach(value=value, actor=world.supervisor, file=ContentFile(PDF, "a.pdf"))
    ev = evidence_attach(value=value, actor=rangpur.focal, file=ContentFile(PDF, "a.pdf"))
    report_submit(report=Report.objects.get(), actor=rangpur.focal)
    Report.objects.update(state="returned")
    with pytest.raises(ProgressError) as err:
        evidence_remove(evidence=ev, actor=rangpur.focal)
    assert err.value.code is ProgressErrorCode.REASON_REQUIRED
    ev = evidence_remove(evidence=ev, actor=rangpur.focal, reason="ভুল ফাইল")
    assert ev.removed_by == rangpur.focal and default_storage.exists(ev.file.name)
    assert plan_to_domain(rangpur.apa.pk).progress[0].evidence == ()
    assert ChangeRecord.objects.get(action="evidence.remove").reason == "ভুল ফাইল"


def test_download_only_through_the_access_checked_view(client, world, rangpur, dinajpur,
                                                       value, settings):
    ev = evidence_attach(value=value, actor=rangpur.focal, file=ContentFile(PDF, "a.pdf"),
                         name="প্রমাণক.pdf")
    url = f"/progress/plans/{rangpur.apa.pk}/evidence/?id={ev.pk}"
    client.force_login(world.supervisor)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    for person in (dinajpur.focal, world.stranger):
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code in (302, 404)
    # Another plan's id in the URL does not reach this file either.
    client.force_login(dinajpur.focal)
    assert client.get(f"/progress/plans/{dinajpur.apa.pk}/evidence/?id={ev.pk}").status_code == 404
    assert not settings.MEDIA_URL.startswith("/progress")


@pytest.mark.parametrize(("name", "served"), [
    ("poly.html", "poly.pdf"), ("invoice.pdf.exe", "invoice.pdf.pdf"), ("ফাইল", "ফাইল.pdf"),
    (".htaccess", ".htaccess.pdf")])
def test_a_download_is_named_by_its_detected_content(client, world, rangpur, value, name,
                                                     served):
    # A PDF with HTML inside, uploaded under another extension, downloads as a .pdf.
    ev = evidence_attach(value=value, actor=rangpur.focal,
                         file=ContentFile(PDF + b"<script>alert(1)</script>", "x"), name=name)
    client.force_login(world.supervisor)
    response = client.get(f"/progress/plans/{rangpur.apa.pk}/evidence/?id={ev.pk}")
    b"".join(response.streaming_content)
    assert response["Content-Type"] == "application/pdf"
    from urllib.parse import quote

    disposition = response["Content-Disposition"]
    assert f'filename="{served}"' in disposition or quote(served) in disposition
