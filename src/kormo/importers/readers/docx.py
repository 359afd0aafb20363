"""Word (.docx) documents through python-docx: paragraphs and tables in body order.

Merged cells: Word repeats a merged cell in each grid position it covers; python-docx returns
the same cell element there, so a repeated element is marked `merged` (the recognisers then
know that an area cell on the next row is the same area, not a new one). Nested tables are
read as text of their cell. Bijoy runs are found by their font name (SutonnyMJ …) and
converted run by run, so English runs in the same paragraph stay English.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from kormo.importers import bijoy
from kormo.importers.readers.model import Block, Cell, Document, Paragraph, Position, Row, Table
from kormo.importers.result import ImportFileCode, ImportFileError


def _font_of(run: Any, paragraph: Any) -> str | None:
    name = run.font.name
    if name:
        return str(name)
    rpr = run._r.rPr
    if rpr is not None and rpr.rFonts is not None:
        for attr in ("ascii", "hAnsi", "cs"):
            value = rpr.rFonts.get(f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{attr}")
            if value:
                return str(value)
    style = paragraph.style
    while style is not None:
        if style.font is not None and style.font.name:
            return str(style.font.name)
        style = style.base_style
    return None


def _paragraph_text(paragraph: Any) -> tuple[str, bool]:
    parts: list[str] = []
    converted = False
    runs = list(paragraph.runs)
    if not runs:
        return paragraph.text, False
    for run in runs:
        text = run.text
        if text and bijoy.is_bijoy_font(_font_of(run, paragraph)):
            text = bijoy.to_unicode(text)
            converted = True
        parts.append(text)
    text = "".join(parts)
    if not converted and bijoy.looks_bijoy(text):
        return bijoy.to_unicode(text), True
    return text, converted


def _cell_text(cell: Any) -> tuple[str, bool]:
    texts, converted = [], False
    for p in cell.paragraphs:
        t, c = _paragraph_text(p)
        texts.append(t)
        converted = converted or c
    for nested in cell.tables:
        for row in nested.rows:
            texts.append("\t".join(c.text for c in row.cells))
    return "\n".join(t for t in texts).strip(), converted


def _iter_body(doc: Any) -> Iterator[Any]:
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield DocxParagraph(child, doc)
        elif tag == "tbl":
            yield DocxTable(child, doc)


def read_docx(data: bytes, name: str = "") -> Document:
    import docx
    from docx.table import Table as DocxTable

    try:
        doc = docx.Document(io.BytesIO(data))
        body = list(_iter_body(doc))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise ImportFileError(ImportFileCode.WORD_DAMAGED, name,
                              why=f" ({type(exc).__name__})") from None
    blocks: list[Block] = []
    any_bijoy = False
    table_index = 0
    for item in body:
        if isinstance(item, DocxTable):
            rows: list[Row] = []
            seen_above: list[Any] = []
            for r, row in enumerate(item.rows):
                cells: list[Cell] = []
                prev_tc = None
                for c, cell in enumerate(row.cells):
                    tc = cell._tc
                    merged = tc is prev_tc or (c < len(seen_above) and seen_above[c] is tc)
                    text, converted = _cell_text(cell)
                    any_bijoy = any_bijoy or converted
                    cells.append(Cell(text, Position(table_index, r, c), merged, converted))
                    prev_tc = tc
                seen_above = [cell._tc for cell in row.cells]
                rows.append(Row(tuple(cells), Position(table_index, r)))
            blocks.append(Table(table_index, tuple(rows), Position(table_index)))
            table_index += 1
        else:
            text, converted = _paragraph_text(item)
            any_bijoy = any_bijoy or converted
            for line in text.split("\n"):
                if line.strip():
                    blocks.append(Paragraph(line.strip(), Position(), converted))
    return Document("docx", tuple(blocks), name, any_bijoy)
