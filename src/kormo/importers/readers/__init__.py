"""Readers: a file's bytes → the common table model (`readers.model.Document`).

`read_document` checks the file first (`kormo.importers.safety`: size, kind from the bytes,
encryption, zip bombs, XML declarations) and then hands it to the reader of its format. No
reader knows about plans; no reader imports Django (STYLE.md: importers/readers are pure).
The DOCX, XLSX and PDF readers are imported when a file of theirs comes, so their libraries
(python-docx, openpyxl with numpy, pypdfium2) load only then.
"""

from __future__ import annotations

from kormo.importers.readers.model import Cell, Document, Paragraph, Position, Row, Table
from kormo.importers.readers.tsv import read_tsv
from kormo.importers.safety import DEFAULT_LIMITS, ImportLimits, decode_text, sniff

__all__ = ["Cell", "Document", "Paragraph", "Position", "Row", "Table", "read_document"]


def read_document(data: bytes, name: str = "", limits: ImportLimits = DEFAULT_LIMITS) -> Document:
    kind = sniff(data, name, limits)
    if kind == "docx":
        from kormo.importers.readers.docx import read_docx

        return read_docx(data, name)
    if kind == "xlsx":
        from kormo.importers.readers.xlsx import read_xlsx

        return read_xlsx(data, name, limits.max_cells)
    if kind == "pdf":
        from kormo.importers.readers.pdf import read_pdf_limited

        return read_pdf_limited(data, name, limits)

    return read_tsv(decode_text(data, name), name, limits.max_text_lines)
