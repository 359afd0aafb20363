"""Open data as files: the files hold what the live endpoints answer (country and office),
unpublished plans stay out, and they are served with ETag/Last-Modified (304) and gzip."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from kormo.public import opendata_files
from kormo.public.opendata_files import files_write_all, files_write_office
from tests.public.world import World

FILES = ("plans.json", "scores.json", "indicators.csv")


@pytest.fixture
def folder(settings, tmp_path: Path) -> Path:
    settings.KORMO_OPEN_DATA_DIR = str(tmp_path / "opendata")
    return tmp_path / "opendata"


def _same(file_bytes: bytes, live: bytes, name: str) -> None:
    if name.endswith(".json"):
        assert json.loads(file_bytes) == json.loads(live)
    else:
        assert file_bytes == live


def test_the_files_hold_what_the_live_endpoints_answer(client, world: World,
                                                       folder: Path) -> None:
    result = files_write_all()
    assert result.plans > 0
    for name in FILES:
        live = client.get(f"/public/data/{name}").content
        _same((folder / name).read_bytes(), live, name)
        assert gzip.decompress((folder / f"{name}.gz").read_bytes()) == \
            (folder / name).read_bytes()
    code = world.rangpur.office.code
    for name in FILES:
        live = client.get(f"/public/offices/{code}/{name}").content
        _same((folder / "offices" / code / name).read_bytes(), live, name)
    # Offices with nothing published get no folder; the country file lists published plans only.
    published = {p["office_code"] for p in json.loads((folder / "scores.json").read_bytes())[
        "plans"]}
    assert published == {p.name for p in (folder / "offices").iterdir()}
    assert {p.pk for p in world.unpublished.values()}.isdisjoint(
        p["id"] for p in json.loads((folder / "scores.json").read_bytes())["plans"])


def test_chunks_do_not_change_the_files(world: World, folder: Path, monkeypatch) -> None:
    files_write_all(folder / "a")
    monkeypatch.setattr(opendata_files, "CHUNK_OFFICES", 1)
    files_write_all(folder / "b")
    for name in FILES:
        assert (folder / "a" / name).read_bytes() == (folder / "b" / name).read_bytes()


def test_one_office_is_rewritten_alone_by_the_command(world: World, folder: Path) -> None:
    out = io.StringIO()
    call_command("kormo_opendata", "--office", world.rangpur.office.code, stdout=out)
    assert "1 office(s)" in out.getvalue()
    assert sorted(p.name for p in (folder / "offices").iterdir()) == [world.rangpur.office.code]
    assert not (folder / "plans.json").exists()
    assert files_write_office(world.kushtia.office.pk, folder).offices == 1


def test_served_with_etag_last_modified_304_and_gzip(client, world: World, folder: Path) -> None:
    files_write_all()
    url = reverse("public:file_all", args=["scores.json"])
    first = client.get(url)
    assert first.status_code == 200 and first["Access-Control-Allow-Origin"] == "*"
    body = b"".join(first.streaming_content)
    first.close()
    assert body == (folder / "scores.json").read_bytes()
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(zipped.streaming_content)) == body
    zipped.close()
    code = world.rangpur.office.code
    csv = client.get(reverse("public:file_office", args=[code, "indicators.csv"]))
    assert csv["Content-Type"].startswith("text/csv")
    csv.close()
    for bad in (reverse("public:file_all", args=["secret.txt"]),
                reverse("public:file_office", args=["no-such-office", "plans.json"]),
                "/public/files/offices/..%2F..%2Fetc/plans.json"):
        assert client.get(bad).status_code == 404, bad
    assert client.post(url).status_code == 405
