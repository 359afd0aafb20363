"""Text-based PDF documents through pdfplumber: on each page the ruled tables and, in reading
order around them, the lines of text.

pypdf looks at the file first (cheap): an encrypted PDF that does not open with an empty
password is refused, and so is one with more pages than the limit. Scanned PDFs (images of
pages) have no text to read: they yield no tables and the import says so. Bengali text comes out
as well as the PDF's own character map allows: PDFs made by Word or typst carry one, some
older generators do not (then the text is garbled and the recognisers find nothing). The text
itself is taken with PDFium (see `read_pdf`). Imports run `read_pdf_limited`: the same reading
in a child process with memory and CPU-time limits, after bounds on the decompressed streams
and drawing operations (docs/import.md, Limits).
"""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from typing import TYPE_CHECKING, Any

from kormo.domain.digits import to_bengali_digits
from kormo.importers import bijoy
from kormo.importers.readers.model import (
    Block,
    Cell,
    Document,
    Paragraph,
    Position,
    Row,
    Table,
    document_from_json,
)
from kormo.importers.readers.pdf_grid import grid_of
from kormo.importers.readers.pdf_limits import StreamLimitError, check_streams
from kormo.importers.readers.pdf_text import page_text
from kormo.importers.readers.pdf_unruled import UnruledTable, find_unruled
from kormo.importers.result import ImportFileCode, ImportFileError

if TYPE_CHECKING:
    from kormo.importers.safety import ImportLimits


def _precheck(data: bytes, name: str, max_pages: int) -> None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ImportFileError(ImportFileCode.PDF_PASSWORD, name)
        pages = len(reader.pages)
    except ImportFileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AttributeError,
            NotImplementedError):
        raise ImportFileError(ImportFileCode.PDF_DAMAGED, name, why="") from None
    if pages > max_pages:
        raise ImportFileError(ImportFileCode.PDF_TOO_MANY_PAGES, name, max_pages=max_pages)


def _clean(text: str | None) -> tuple[str, bool]:
    value = (text or "").strip()
    if bijoy.looks_bijoy(value):
        return bijoy.to_unicode(value), True
    return value, False


def read_pdf(data: bytes, name: str = "", max_pages: int = 300) -> Document:
    """pdfplumber finds the tables and lines (geometry); pypdfium2 (PDFium, which pdfplumber
    installs) reads the text inside each cell and line, because it follows the PDF's own
    character maps for Bengali conjuncts and vowel signs where pdfminer yields glyph ids."""
    import pdfplumber
    import pypdfium2 as pdfium

    _precheck(data, name, max_pages)
    blocks: list[Block] = []
    any_bijoy = False
    table_index = 0
    try:
        doc = pdfium.PdfDocument(data)
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page_no, page in enumerate(pdf.pages, start=1):
                content = page_text(doc[page_no - 1].get_textpage(), page.chars,
                                   float(page.height))
                found = page.find_tables()
                boxes = [t.bbox for t in found]
                items: list[tuple[float, Any]] = [(t.bbox[1], t) for t in found]

                def outside(obj: dict[str, Any], boxes: list[Any] = boxes) -> bool:
                    x = (obj["x0"] + obj["x1"]) / 2
                    y = (obj["top"] + obj["bottom"]) / 2
                    return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

                def kept(obj: dict[str, Any], f: Any = outside) -> bool:
                    return bool(obj.get("object_type") != "char" or f(obj))

                # a page without ruled tables may hold one drawn without lines
                unruled = None if found else find_unruled(content.glyphs, content.spaces)
                if unruled is not None:
                    items.append((unruled.top, unruled))
                rest = page.filter(kept)
                for line in rest.extract_text_lines():
                    middle = (line["top"] + line["bottom"]) / 2
                    if unruled is not None and unruled.top <= middle <= unruled.bottom:
                        continue  # a row of the table drawn without lines
                    box = (line["x0"] - 1, line["top"] - 1, line["x1"] + 1, line["bottom"] + 1)
                    items.append((line["top"], content.text_in(box) or line["text"]))
                items.sort(key=lambda it: it[0])
                for _, item in items:
                    if isinstance(item, str):
                        text, converted = _clean(item)
                        any_bijoy = any_bijoy or converted
                        if text:
                            blocks.append(Paragraph(" ".join(text.split()),
                                                    Position(page=page_no), converted))
                        continue
                    if isinstance(item, UnruledTable):
                        grid = [[(text, False) for text in row] for row in item.rows]
                    else:
                        grid = [[(content.text_in(s.box) if s.box else "", s.merged)
                                 for s in slots] for slots in grid_of(item.cells)]
                    rows: list[Row] = []
                    for r, grid_row in enumerate(grid):
                        cells = []
                        for c, (raw, merged) in enumerate(grid_row):
                            text, converted = _clean(raw)
                            any_bijoy = any_bijoy or converted
                            cells.append(Cell(text, Position(table_index, r, c, page=page_no),
                                              merged=merged, converted=converted))
                        rows.append(Row(tuple(cells), Position(table_index, r, page=page_no)))
                    blocks.append(Table(table_index, tuple(rows),
                                        Position(table_index, page=page_no)))
                    table_index += 1
    except ImportFileError:
        raise
    except Exception as exc:  # pdfminer and PDFium raise many kinds for damaged files
        raise ImportFileError(ImportFileCode.PDF_DAMAGED, name,
                              why=f" ({type(exc).__name__})") from None
    return Document("pdf", tuple(blocks), name, any_bijoy)


def bn(value: object) -> str:
    return to_bengali_digits(str(value))


def read_pdf_limited(data: bytes, name: str, limits: ImportLimits) -> Document:
    """`read_pdf` in a child process bounded in memory and CPU time, after the content streams
    were checked for their decompressed size and drawing operators (`pdf_limits`). A bound
    passed is an `ImportFileError` saying which, in Bengali and English."""
    try:
        check_streams(data, limits.pdf_stream_bytes, limits.pdf_drawing_ops)
    except StreamLimitError as exc:
        if exc.what == "stream_bytes":
            mb = exc.limit // (1024 * 1024)
            raise ImportFileError(ImportFileCode.PDF_STREAMS_TOO_BIG, name, mb=mb,
                                  mb_bn=bn(mb)) from None
        raise ImportFileError(ImportFileCode.PDF_TOO_MANY_DRAWINGS, name,
                              limit=f"{exc.limit:,}", limit_bn=bn(f"{exc.limit:,}")) from None
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
    cmd = [sys.executable, "-m", "kormo.importers.readers.pdf_child", name,
           str(limits.pdf_memory_mb), str(limits.pdf_cpu_seconds), str(limits.max_pdf_pages)]
    too_long = ImportFileError(ImportFileCode.PDF_TOO_SLOW, name,
                               seconds=limits.pdf_cpu_seconds,
                               seconds_bn=bn(limits.pdf_cpu_seconds))
    too_big = ImportFileError(ImportFileCode.PDF_TOO_MUCH_MEMORY, name, mb=limits.pdf_memory_mb,
                              mb_bn=bn(limits.pdf_memory_mb))
    try:
        proc = subprocess.run(cmd, input=data, capture_output=True, env=env, check=False,
                              timeout=2 * limits.pdf_cpu_seconds + 30)
    except subprocess.TimeoutExpired:
        raise too_long from None
    if proc.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise too_long
    try:
        out = json.loads(proc.stdout.decode("utf-8")) if proc.stdout else {}
    except (UnicodeDecodeError, json.JSONDecodeError):
        out = {}
    if out.get("limit") == "memory" or any(
            m in proc.stderr for m in (b"MemoryError", b"Cannot allocate memory",
                                       # a library that cannot be mapped under the limit
                                       b"failed to map segment")):
        raise too_big
    error = out.get("error") or {}
    if error.get("code") in ImportFileCode.__members__:
        raise ImportFileError(ImportFileCode(error["code"]), name, **error.get("params", {}))
    if "document" not in out:
        raise ImportFileError(ImportFileCode.PDF_UNREADABLE, name)
    return document_from_json(out["document"])
