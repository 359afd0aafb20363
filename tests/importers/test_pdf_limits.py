"""PDF safety (issue 13 item 6): a PDF is read in a child process with memory and CPU-time
limits, after bounds on its decompressed streams and drawing operations; a bound passed is one
clear message in Bengali and English. The files are small and crafted here."""

from __future__ import annotations

import time
import zlib
from pathlib import Path

import pytest

from kormo.importers import ImportFileError, ImportLimits
from kormo.importers.api import import_bytes
from kormo.importers.readers.pdf_limits import StreamLimitError, check_streams
from tests.importers import documents as D

MB = 1024 * 1024


def _pdf(content: bytes, *, compress: bool = True) -> bytes:
    """A one-page PDF whose page content is `content` (Flate-compressed)."""
    stream = zlib.compress(content, 9) if compress else content
    filt = b"/Filter /FlateDecode " if compress else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< " + filt + b"/Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return bytes(out)


def _grid(lines: int) -> bytes:
    """A page of `lines` ruled lines (a table's grid, as drawn by a generator)."""
    return b"".join(f"{(i % 500) + 20} 20 m {(i % 500) + 20} 800 l S\n".encode()
                    for i in range(lines))


def test_a_stream_that_expands_too_much_is_refused_before_parsing() -> None:
    bomb = _pdf(b"0" * (64 * MB))  # 64 MB of content in about 64 KB
    assert len(bomb) < 100_000
    start = time.perf_counter()
    with pytest.raises(ImportFileError) as err:
        import_bytes(bomb, "bomb.pdf", limits=ImportLimits(pdf_stream_bytes=16 * MB))
    assert time.perf_counter() - start < 10
    assert "expand too much" in err.value.en and "১৬ MB" in err.value.bn
    assert "খুব বড়" in err.value.bn and "16 MB" in err.value.en


def test_too_many_drawing_operations_are_refused_with_a_bilingual_message() -> None:
    with pytest.raises(ImportFileError) as err:
        import_bytes(_pdf(_grid(30_000)), "grid.pdf", limits=ImportLimits(pdf_drawing_ops=20_000))
    assert "too many drawing operations" in err.value.en
    assert "আঁকার নির্দেশ খুব বেশি" in err.value.bn and "২০,০০০" in err.value.bn


def test_stream_check_counts_without_holding_the_stream() -> None:
    data = _pdf(_grid(1000))
    total, ops = check_streams(data, 10 * MB, 10_000)
    assert total == len(_grid(1000)) and ops == 3000  # m, l, S per line
    with pytest.raises(StreamLimitError):
        check_streams(data, 10 * MB, 2_999)


def test_a_pdf_taking_too_long_is_stopped_by_the_cpu_limit() -> None:
    # 60,000 ruled lines: within the operator bound given, but pdfplumber needs far more than
    # one second of CPU to build a table of them
    limits = ImportLimits(pdf_cpu_seconds=1, pdf_drawing_ops=10_000_000)
    start = time.perf_counter()
    with pytest.raises(ImportFileError) as err:
        import_bytes(_pdf(_grid(60_000)), "slow.pdf", limits=limits)
    assert time.perf_counter() - start < 30
    assert "takes too long" in err.value.en and "১ সেকেন্ড" in err.value.bn


def test_a_pdf_needing_more_memory_than_allowed_is_refused() -> None:
    limits = ImportLimits(pdf_memory_mb=64)  # less than the reader itself needs
    with pytest.raises(ImportFileError) as err:
        import_bytes(_pdf(_grid(10)), "tight.pdf", limits=limits)
    assert "too much memory" in err.value.en and "৬৪ MB" in err.value.bn


def test_an_ordinary_pdf_still_imports_through_the_child(tmp_path: Path) -> None:
    result = import_bytes(D.egov_pdf(tmp_path), "plan.pdf")
    assert result.format == "pdf"
    assert [i.number for i in result.plans[0].indicators] == ["1.1.1", "1.2.1", "2.1.1"]
