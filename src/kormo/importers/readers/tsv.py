"""Tab-separated text (what Word or a PDF viewer gives when a document is copied as text; the
seeds are such text): a line with a tab is a table row, a line without is a paragraph.

Consecutive tab lines form one table (with any line between two of them that lost its
tabs); an empty line ends it (the recognisers join a table
continued after a page break). Bijoy text has no font name here, so a line is converted
when it looks like Bijoy (`bijoy.looks_bijoy`), cell by cell.
"""

from __future__ import annotations

from kormo.importers import bijoy
from kormo.importers.readers.model import Block, Cell, Document, Paragraph, Position, Row, Table
from kormo.importers.result import ImportFileCode, ImportFileError


def _text(raw: str) -> tuple[str, bool]:
    raw = raw.strip("\r")
    if bijoy.looks_bijoy(raw):
        return bijoy.to_unicode(raw), True
    return raw, False


def read_tsv(text: str, name: str = "", max_lines: int = 200_000) -> Document:
    lines = text.split("\n")
    if len(lines) > max_lines:
        raise ImportFileError(ImportFileCode.TEXT_TOO_MANY_LINES, name, max_lines=max_lines)
    blocks: list[Block] = []
    rows: list[Row] = []
    any_bijoy = False

    def close_table() -> None:
        nonlocal rows
        if rows:
            index = sum(isinstance(b, Table) for b in blocks)
            renumbered = tuple(
                Row(
                    tuple(
                        Cell(c.text, Position(index, r, c.position.column, c.position.line),
                             converted=c.converted)
                        for c in row.cells
                    ),
                    Position(index, r, None, row.position.line),
                )
                for r, row in enumerate(rows)
            )
            blocks.append(Table(index, renumbered, Position(index, None, None,
                                                            rows[0].position.line)))
            rows = []

    def inside_table(at: int) -> bool:
        # A line without a tab between two tab lines is a row whose empty cells the copy
        # dropped (a one-cell heading or the rest of a wrapped name), not a paragraph.
        following = next((ln for ln in lines[at:] if ln.strip()), "")
        return bool(rows) and "\t" in following

    for number, line in enumerate(lines, start=1):
        if "\t" in line or (line.strip() and inside_table(number)):
            cells = []
            for col, raw in enumerate(line.rstrip("\r").split("\t")):
                value, converted = _text(raw)
                any_bijoy = any_bijoy or converted
                cells.append(Cell(value, Position(None, None, col, number), converted=converted))
            rows.append(Row(tuple(cells), Position(None, None, None, number)))
            continue
        close_table()
        if line.strip():
            value, converted = _text(line)
            any_bijoy = any_bijoy or converted
            blocks.append(Paragraph(value.strip(), Position(line=number), converted))
    close_table()
    return Document("tsv", tuple(blocks), name, any_bijoy)
