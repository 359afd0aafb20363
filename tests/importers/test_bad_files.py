"""Bad files get one clear bilingual error, quickly, and nothing half-made.

Damaged, encrypted, empty, too large, zip bombs, hostile XML and files of the wrong kind.
Each case is timed: the checks look at bytes and zip directories, never at a decompressed
bomb, so every refusal takes well under a second.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from kormo.importers import ImportFileError, ImportLimits, import_bytes, import_file
from tests.importers import documents as D

MB = 1024 * 1024


def refused(data: bytes, name: str, limits: ImportLimits | None = None) -> ImportFileError:
    start = time.perf_counter()
    with pytest.raises(ImportFileError) as info:
        if limits is None:
            import_bytes(data, name)
        else:
            import_bytes(data, name, limits=limits)
    assert time.perf_counter() - start < 3
    err = info.value
    assert err.bn and err.en and "\n" not in str(err)
    return err


def test_empty_file() -> None:
    assert "empty" in refused(b"", "plan.docx").en


def test_image_named_docx() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 100
    assert refused(png, "plan.docx").en == (
        "the file is an image (PNG), not a document (though named .docx)")


def test_damaged_docx() -> None:
    good = D.egov_docx()
    err = refused(good[: len(good) // 2], "plan.docx")
    assert "damaged" in err.en


def test_zip_that_is_not_office() -> None:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("readme.txt", "hello")
    assert "not a DOCX or XLSX" in refused(out.getvalue(), "plan.docx").en


def test_password_protected_docx() -> None:
    assert "password-protected" in refused(D.encrypted_docx(), "plan.docx").en


def test_password_protected_pdf(tmp_path: Path) -> None:
    pytest.importorskip("typst")
    if not Path("/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf").exists():
        pytest.skip("Noto Sans Bengali is not installed")
    assert "password-protected" in refused(D.encrypted_pdf(tmp_path), "plan.pdf").en


def test_damaged_pdf() -> None:
    assert "damaged" in refused(b"%PDF-1.7\n1 0 obj <<>>\ntrailer<<>>\n%%EOF", "plan.pdf").en


def test_too_large_by_the_limit() -> None:
    err = refused(D.egov_docx(), "plan.docx", ImportLimits(max_bytes=10_000))
    assert "too large" in err.en


def test_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as fh:
        fh.truncate(21 * MB)  # sparse: the size alone must refuse it
    start = time.perf_counter()
    with pytest.raises(ImportFileError, match="too large"):
        import_file(path)
    assert time.perf_counter() - start < 1


@pytest.mark.parametrize(("limits", "words"), [
    (ImportLimits(), "zip bomb"),  # 64 MB of zeros in a few KB: the ratio gives it away
    (ImportLimits(max_ratio=10_000, max_unzipped_bytes=32 * MB), "expands too much"),
])
def test_zip_bomb(limits: ImportLimits, words: str) -> None:
    assert words in refused(D.zip_bomb(64 * MB), "bomb.docx", limits).en


def test_xml_entities_are_refused() -> None:
    err = refused(D.docx_with_entities(), "laughs.docx")
    assert "DOCTYPE" in err.en and "word/document.xml" in err.place


def test_text_not_utf8() -> None:
    assert "not UTF-8" in refused("Résumé\tcafé".encode("latin-1"), "plan.txt").en


def test_binary_garbage() -> None:
    assert "unknown file kind" in refused(b"\x00\x01\x02" * 100, "plan.bin").en


def test_document_without_a_plan() -> None:
    assert "no APA" in refused("শুধু একটি চিঠি\nকোনো সারণি নেই\n".encode(), "letter.txt").en


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="cannot open"):
        import_file(tmp_path / "nothing.docx")


@pytest.mark.parametrize("make", [D.egov_docx, D.nis_xlsx, D.workplan_xlsx])
def test_a_good_file_still_imports_after_the_checks(make: Callable[[], bytes]) -> None:
    name = "ok.docx" if make is D.egov_docx else "ok.xlsx"
    assert import_bytes(make(), name).plans
