"""Evidence through a storage that is not a folder on this machine (what an S3-compatible
bucket is to Kormo): upload and download go through Django's storage API only."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.storage import InMemoryStorage, default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from kormo.progress.models import Evidence
from kormo.progress.services import progress_record

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def in_memory(settings):
    storages = {**settings.STORAGES,
                "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture
def value(rangpur):
    return progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                           actor=rangpur.focal, text="২৫")


def test_evidence_is_uploaded_to_and_downloaded_from_the_configured_storage(
        rangpur, world, value, in_memory, tmp_path) -> None:
    assert isinstance(storages["default"], InMemoryStorage)
    client = Client()
    client.force_login(rangpur.focal)
    response = client.post(f"/progress/plans/{rangpur.apa.pk}/report/evidence/", {
        "ref": "1.1.1", "quarter": "Q1", "period": "Q1",
        "file": SimpleUploadedFile("সভার কার্যবিবরণী.pdf", PDF, "application/pdf")})
    assert response.status_code == 302
    ev = Evidence.objects.get()
    assert (ev.original_name, ev.size, ev.sha256) == (
        "সভার কার্যবিবরণী.pdf", len(PDF), hashlib.sha256(PDF).hexdigest())
    with default_storage.open(ev.file.name) as fh:
        assert fh.read() == PDF
    assert not (tmp_path / "media").exists()  # nothing written to the local folder

    client.force_login(world.supervisor)
    response = client.get(f"/progress/plans/{rangpur.apa.pk}/evidence/?id={ev.pk}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
