"""Excel (.xlsx) workbooks through openpyxl in read-only, values-only mode (`data_only`: the
cached results of formulas, never the formulas), sheet by sheet.

A sheet becomes paragraphs and tables: a run of rows with at least two filled cells is a table
(rows with one filled cell inside the run stay in it: area headings, titles of merged cells);
single-cell rows before or after a run are paragraphs (titles, office names); an empty row ends
a table. Read-only mode does not expose merged ranges; a merged cell's value stands in its top
left cell with the others empty, exactly as in text copied from Word, and the recognisers treat
it so. Dates become dd.mm.yyyy text and numbers plain text (percent formats as "85%"), so every
format reaches the recognisers as the same kind of cell. Bijoy cells are found by their font.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace
from decimal import Decimal
from typing import Any

from kormo.importers import bijoy
from kormo.importers.readers.model import Block, Cell, Document, Paragraph, Position, Row, Table
from kormo.importers.result import ImportFileCode, ImportFileError


def _value_text(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        fmt = getattr(cell, "number_format", "") or ""
        if "%" in fmt:
            pct = Decimal(str(value)) * 100
            return f"{pct.normalize():f}%"
        d = Decimal(str(value))
        text = f"{d.normalize():f}" if d != d.to_integral_value() else str(int(d))
        # Words in the number format belong to the cell as shown: #,##0" টি দপ্তর" (a work
        # plan's quantity), #,##0"/-" (money).
        words = re.search(r'"([^"]*)"\s*$', fmt)
        return text + words[1] if words else text
    return str(value)


def _font_name(cell: Any) -> str | None:
    try:
        return cell.font.name  # type: ignore[no-any-return]
    except AttributeError:
        return None


def read_xlsx(data: bytes, name: str = "", max_cells: int = 2_000_000) -> Document:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # damaged workbook: zip, XML or openpyxl errors
        raise ImportFileError(ImportFileCode.EXCEL_DAMAGED, name,
                              why=f" ({type(exc).__name__})") from None
    sheets: list[tuple[str, list[Block]]] = []
    any_bijoy = False
    cells_read = 0
    table_index = 0
    try:
        for ws in wb.worksheets:
            blocks: list[Block] = []
            sheets.append((ws.title, blocks))
            sheet_rows: list[tuple[int, list[Cell]]] = []
            for r, row in enumerate(ws.iter_rows()):
                cells: list[Cell] = []
                for c, cell in enumerate(row):
                    cells_read += 1
                    if cells_read > max_cells:
                        raise ImportFileError(ImportFileCode.EXCEL_TOO_MANY_CELLS, name,
                                              max_cells=max_cells)
                    text = _value_text(cell)
                    converted = False
                    if text and isinstance(cell.value, str) and (
                        bijoy.is_bijoy_font(_font_name(cell)) or bijoy.looks_bijoy(text)
                    ):
                        text = bijoy.to_unicode(text)
                        converted = True
                    any_bijoy = any_bijoy or converted
                    cells.append(Cell(text.strip(), Position(None, r, c, sheet=ws.title),
                                      converted=converted))
                while cells and not cells[-1].text:
                    cells.pop()
                sheet_rows.append((r, cells))
            table_index = _split_sheet(ws.title, sheet_rows, blocks, table_index)
    finally:
        wb.close()
    return Document("xlsx", _in_reading_order(sheets), name, any_bijoy)


def _in_reading_order(sheets: list[tuple[str, list[Block]]]) -> tuple[Block, ...]:
    """The sheets' blocks as one document. A workbook whose first sheet holds the text with a
    line "→ <sheet>" where each table goes (Kormo's own documents; docs/documents.md) is read
    with each linked sheet in the place of its line, so a table follows its own title; other
    sheets follow in their order. Tables are numbered in the resulting order."""
    titles = {title for title, _ in sheets}
    placed: set[str] = set()
    out: list[Block] = []

    def emit(title: str, blocks: list[Block]) -> None:
        placed.add(title)
        for b in blocks:
            link = b.text[1:].strip() if isinstance(b, Paragraph) and b.text.startswith("→") \
                else ""
            if link in titles and link not in placed:
                emit(link, next(bl for t, bl in sheets if t == link))
            else:
                out.append(b)

    for title, blocks in sheets:
        if title not in placed:
            emit(title, blocks)
    return tuple(_renumbered(out))


def _renumbered(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    index = 0
    for b in blocks:
        if not isinstance(b, Table):
            out.append(b)
            continue
        if b.index != index:
            b = Table(index, tuple(
                Row(tuple(Cell(c.text, replace(c.position, table=index), c.merged, c.converted)
                          for c in r.cells), replace(r.position, table=index))
                for r in b.rows), replace(b.position, table=index))
        out.append(b)
        index += 1
    return out


def _split_sheet(sheet: str, rows: list[tuple[int, list[Cell]]], blocks: list[Block],
                 table_index: int) -> int:
    """Cut a sheet into paragraphs and tables (see the module docstring)."""
    i = 0
    while i < len(rows):
        _, cells = rows[i]
        filled = [c for c in cells if c.text]
        if not filled:
            i += 1
            continue
        if len(filled) == 1:  # a title or an office name above a table
            blocks.append(Paragraph(filled[0].text, filled[0].position, filled[0].converted))
            i += 1
            continue
        run: list[list[Cell]] = []
        while i < len(rows) and any(c.text for c in rows[i][1]):
            run.append(rows[i][1])
            i += 1
        # single-cell rows at the end of the run are text after the table, unless they stand
        # right of the table's first column (the rest of a name wrapped in its column)
        left = min(next(k for k, c in enumerate(r) if c.text) for r in run)
        tail: list[list[Cell]] = []
        while run and sum(1 for c in run[-1] if c.text) == 1 and len(run) > 1 \
                and next(k for k, c in enumerate(run[-1]) if c.text) <= left:
            tail.insert(0, run.pop())
        width = max(len(r) for r in run)
        table_rows = tuple(
            Row(tuple(Cell(c.text, Position(table_index, n, k, sheet=sheet),
                           converted=c.converted)
                      for k, c in enumerate(r + [Cell("", Position())] * (width - len(r)))),
                Position(table_index, n, sheet=sheet))
            for n, r in enumerate(run)
        )
        blocks.append(Table(table_index, table_rows, Position(table_index, sheet=sheet)))
        table_index += 1
        for r in tail:
            only = next(c for c in r if c.text)
            blocks.append(Paragraph(only.text, only.position, only.converted))
    return table_index

