"""XLSX through openpyxl: every table of a document on its own sheet, with typed cells.

A spreadsheet is for counting and checking, so numbers are stored as numbers, dates as dates
and percents as fractions with a % format (85 % is the number 0.85) — never as text with
Bengali digits. Header words stay in the document's language; merged cells follow the
spans; header rows are frozen and repeated when printed (A4 landscape, fit to width).
The first sheet holds the document's text (title, headings, paragraphs) with links to the
table sheets.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable, Sequence
from copy import copy
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.cell.cell import MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from kormo.documents.render import labels
from kormo.documents.render.model import (
    Align,
    Bullets,
    Cell,
    CellKind,
    Contents,
    Document,
    Heading,
    Paragraph,
    Signatures,
    Table,
    place_cells,
)
from kormo.domain.digits import to_bengali_digits

FONT_NAME = "Noto Sans Bengali"
SHEET_NAME_LIMIT = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FILL = PatternFill("solid", fgColor="E8E8E8")
_H_ALIGN = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}
TABLE_WIDTH_CHARS = 190  # the widest table's total column width, in characters


def sheet_name(text: str, taken: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of []:*?/\\, cut at a space."""
    name = _BAD_SHEET_CHARS.sub("-", text).strip("' ") or "Sheet"
    if len(name) > SHEET_NAME_LIMIT:
        cut = name[:SHEET_NAME_LIMIT]
        name = cut.rsplit(" ", 1)[0] if " " in cut else cut
    base, n = name, 2
    while name.lower() in {t.lower() for t in taken}:
        number = str(n) if base.isascii() else to_bengali_digits(str(n))
        suffix = f" ({number})"
        name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _format_suffix(suffix: str) -> str:
    """Words after a number, kept in the number format as written (with their leading space,
    if any), so the cell stays a number and the reader gets "৭০ টি দপ্তর" back."""
    return f'"{suffix.replace(chr(34), "")}"' if suffix else ""


def _put(target: XlCell, cell: Cell) -> None:
    """Write a model cell: the typed value with a number format, or the text."""
    value = cell.value
    if cell.kind is CellKind.NUMBER and isinstance(value, Decimal):
        target.value = _number(value)
        if cell.decimals:
            fmt = "#,##0." + "0" * cell.decimals
        elif isinstance(target.value, int):
            fmt = "#,##0"
        else:
            fmt = "#,##0.0###"
        target.number_format = fmt + _format_suffix(cell.suffix)
    elif cell.kind is CellKind.PERCENT and isinstance(value, Decimal):
        target.value = float(value / 100)
        whole = value == value.to_integral_value() and not cell.decimals
        target.number_format = "0%" if whole else "0." + "0" * (cell.decimals or 2) + "%"
    elif cell.kind is CellKind.DATE and isinstance(value, dt.date):
        target.value = value
        target.number_format = "dd.mm.yyyy"
    elif cell.kind is CellKind.MONTH and isinstance(value, dt.date):
        target.value = value
        target.number_format = "mmmm yyyy"
    elif cell.text:
        target.value = cell.text
        target.data_type = "s"  # never a formula, even for text starting with "="


class _Styles:
    """Each distinct cell style is built once through openpyxl's API, then copied.

    Assigning Font/Border objects cell by cell makes openpyxl look each one up among the
    styles it already holds by comparing them field by field, and its `merge_cells` restyles
    every border again: together several seconds for one action plan. Copying the style
    array of a cell styled once is what openpyxl does itself when it copies a worksheet.
    """

    def __init__(self) -> None:
        self._arrays: dict[tuple[object, ...], object] = {}

    def apply(self, target: XlCell | MergedCell, key: tuple[object, ...],
              build: Callable[[XlCell | MergedCell], None]) -> None:
        array = self._arrays.get(key)
        if array is None:
            build(target)
            self._arrays[key] = copy(target._style)
        else:
            target._style = copy(array)


def _style(styles: _Styles, target: XlCell, cell: Cell, size: float) -> None:
    def build(t: XlCell | MergedCell) -> None:
        t.font = Font(name=FONT_NAME, size=size, bold=cell.bold)
        t.alignment = Alignment(horizontal=_H_ALIGN[cell.align], vertical="center",
                                wrap_text=True)
        t.border = _BORDER
        if cell.shaded:
            t.fill = _FILL
        t.number_format = target.number_format

    styles.apply(target, ("cell", size, cell.bold, cell.align, cell.shaded,
                          target.number_format), build)


def _merge(ws: Worksheet, styles: _Styles, r1: int, c1: int, r2: int, c2: int) -> None:
    """Merge a range like `Worksheet.merge_cells`, with borders on every covered slot."""
    coord = f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"
    # The ranges never overlap (place_cells), so skip MultiCellRange.add's overlap scan.
    ws.merged_cells.ranges.add(MergedCellRange(ws, coord))

    def build(t: XlCell | MergedCell) -> None:
        t.border = _BORDER

    for row in range(r1, r2 + 1):
        for col in range(c1, c2 + 1):
            if (row, col) != (r1, c1):
                covered = MergedCell(ws, row, col)
                styles.apply(covered, ("covered",), build)
                ws._cells[(row, col)] = covered


LINE_HEIGHT = 1.45  # a wrapped line of Bengali text, in multiples of the font size
CHAR_WIDTH = 1.15  # a Bengali character (with its signs) in column-width units at 11 pt


def _lines(text: str, width_chars: float, size: float) -> int:
    """How many lines `text` wraps to in a column `width_chars` wide at `size` points."""
    per_line = max(width_chars * 11.0 / (size * CHAR_WIDTH), 1.0)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def row_heights(rows: Sequence[Sequence[Cell]], widths: Sequence[float],
                size: float) -> list[float]:
    """Row heights (points) that fit each row's wrapped text, so the sheet prints as the PDF
    does: Excel never fits rows with merged cells, and LibreOffice does not fit rows at all
    when it prints (issue 12, item 15; review D7). A cell spanning rows shares its height
    among them."""
    line = size * LINE_HEIGHT
    heights = [line + 3.0 for _ in rows]
    spanned: list[tuple[int, int, float]] = []
    for r, c, cell in place_cells(rows):
        width = sum(widths[c:c + cell.colspan])
        need = _lines(cell.text, width, size) * line + 3.0 if cell.text else 0.0
        if cell.rowspan == 1:
            heights[r] = max(heights[r], need)
        else:
            spanned.append((r, cell.rowspan, need))
    for r, span, need in spanned:
        have = sum(heights[r:r + span])
        if need > have:
            extra = (need - have) / span
            for i in range(r, r + span):
                heights[i] += extra
    return [min(round(h, 1), 409.0) for h in heights]  # Excel's largest row height


def _table_sheet(ws: Worksheet, table: Table, styles: _Styles) -> None:
    rows = (*table.header, *table.body)
    size = max(table.font_size + 1.5, 9.0)
    for r, c, cell in place_cells(rows):
        target = ws.cell(row=r + 1, column=c + 1)
        _put(target, cell)
        _style(styles, target, cell, size)
        if cell.rowspan > 1 or cell.colspan > 1:
            _merge(ws, styles, r + 1, c + 1, r + cell.rowspan, c + cell.colspan)
    total = sum(table.columns)
    widths = [max(6.0, round(TABLE_WIDTH_CHARS * width / total, 1)) for width in table.columns]
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    for index, height in enumerate(row_heights(rows, widths, size), start=1):
        ws.row_dimensions[index].height = height
    row = len(rows) + 2
    for note in table.notes:
        ws.cell(row=row, column=1, value=note).font = Font(name=FONT_NAME, size=size)
        row += 1
    ws.freeze_panes = ws.cell(row=len(table.header) + 1, column=1)
    ws.print_title_rows = f"1:{len(table.header)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def render_xlsx(doc: Document) -> bytes:
    """The document as XLSX bytes: a text sheet, then one sheet per table."""
    wb = Workbook()
    styles = _Styles()
    front = wb.active
    taken: set[str] = set()
    front.title = sheet_name(labels.label("document_sheet", doc.lang), taken)
    front.column_dimensions["A"].width = 120
    body_font = Font(name=FONT_NAME, size=11)
    wrap = Alignment(wrap_text=True, vertical="top")
    row = 1

    def line(text: str, *, bold: bool = False, size: float = 11) -> XlCell:
        nonlocal row
        target = front.cell(row=row, column=1)
        target.value = text
        target.data_type = "s"
        target.font = Font(name=FONT_NAME, size=size, bold=bold) if bold or size != 11 \
            else body_font
        target.alignment = wrap
        row += 1
        return target

    line(doc.title, bold=True, size=14)
    if doc.subject:
        line(doc.subject)
    row += 1
    for block in doc.blocks():
        match block:
            case Heading(text, level, _):
                line(text, bold=True, size=13 if level == 1 else 12)
            case Paragraph(text, bold):
                line(text, bold=bold)
            case Bullets(items, numbered, numbers):
                for i, item in enumerate(items):
                    line(f"{numbers[i] if numbered else '•'} {item}")
            case Signatures(title, blocks):
                if title:
                    line(title, bold=True)
                for sig in blocks:
                    if sig.lines or sig.date_text:  # an empty place to sign is for paper
                        line(" / ".join((*sig.lines, f"{sig.date_label}: {sig.date_text}")))
            case Contents():
                pass
            case Table():
                ws = wb.create_sheet(sheet_name(block.sheet, taken))
                _table_sheet(ws, block, styles)
                link = line(f"→ {ws.title}")
                link.hyperlink = f"#'{ws.title}'!A1"
                link.font = Font(name=FONT_NAME, size=11, color="1F4E9A", underline="single")
    wb.properties.title = doc.title
    wb.properties.subject = doc.subject
    wb.properties.language = "bn-BD" if doc.lang == "bn" else "en-GB"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
