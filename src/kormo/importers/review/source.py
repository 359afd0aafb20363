"""The document as read (its paragraphs and tables with line, page or sheet), each flagged cell
marked, for the review page to show beside the plans.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kormo.importers.readers.model import Document, Paragraph, Position, Table
from kormo.importers.result import Flag


@dataclass
class SourceCell:
    text: str
    anchor: str
    flags: list[int] = field(default_factory=list)
    merged: bool = False


@dataclass
class SourceRow:
    label: str  # "line 12", "row 3"
    anchor: str
    cells: list[SourceCell]
    flags: list[int] = field(default_factory=list)


@dataclass
class SourceBlock:
    kind: str  # "table" or "paragraph"
    label: str
    rows: list[SourceRow] = field(default_factory=list)
    text: str = ""
    anchor: str = ""
    flags: list[int] = field(default_factory=list)


def _cell_anchor(table: int, row: int, column: int | None = None) -> str:
    return f"s-t{table}-r{row}" + ("" if column is None else f"-c{column}")


def source_anchor(position: Position, lines: Mapping[int, str],
                  pages: Mapping[int, str]) -> str:
    """The id of the source cell (or row, or line) a position points at; "" when none."""
    if position.table is not None and position.row is not None:
        return _cell_anchor(position.table, position.row, position.column)
    if position.line is not None and position.line in lines:
        return lines[position.line]
    if position.page is not None and position.page in pages:
        return pages[position.page]
    return ""


def _where(position: Position) -> str:
    """A short label of a position: line (text), page (PDF), sheet (Excel)."""
    parts = []
    if position.sheet:
        parts.append(position.sheet)
    if position.page is not None:
        parts.append(f"p. {position.page}")
    if position.line is not None:
        parts.append(f"l. {position.line}")
    return ", ".join(parts)


def source_view(document: Document, flags: Sequence[Flag]) -> tuple[list[SourceBlock],
                                                                    dict[int, str]]:
    """The document's blocks as the page shows them, each flagged cell marked, and each flag's
    anchor in the source (flag index → id)."""
    lines: dict[int, str] = {}
    pages: dict[int, str] = {}
    blocks: list[SourceBlock] = []
    for n, b in enumerate(document.blocks):
        if isinstance(b, Table):
            block = SourceBlock("table", _where(b.position), anchor=f"s-t{b.index}")
            for r in b.rows:
                row_id = _cell_anchor(b.index, r.position.row if r.position.row is not None
                                      else len(block.rows))
                cells = [SourceCell(c.text, _cell_anchor(
                    b.index, c.position.row if c.position.row is not None else 0,
                    c.position.column if c.position.column is not None else k), merged=c.merged)
                    for k, c in enumerate(r.cells)]
                block.rows.append(SourceRow(_where(r.position), row_id, cells))
                if r.position.line is not None:
                    lines.setdefault(r.position.line, row_id)
            blocks.append(block)
        elif isinstance(b, Paragraph):
            pid = f"s-b{n}"
            blocks.append(SourceBlock("paragraph", _where(b.position), text=b.text, anchor=pid))
            if b.position.line is not None:
                lines.setdefault(b.position.line, pid)
        if b.position.page is not None:
            pages.setdefault(b.position.page, blocks[-1].anchor)
    where = {i: source_anchor(f.source, lines, pages) for i, f in enumerate(flags)}
    cells = {c.anchor: c for blk in blocks for r in blk.rows for c in r.cells}
    rows = {r.anchor: r for blk in blocks for r in blk.rows}
    paras = {blk.anchor: blk for blk in blocks}
    for i, a in where.items():
        if a in cells:
            cells[a].flags.append(i)
        elif a in rows:
            rows[a].flags.append(i)
        elif a in paras:
            paras[a].flags.append(i)
        else:
            where[i] = ""
    return blocks, where
