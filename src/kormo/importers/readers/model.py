"""The common table model every reader produces: a document is a sequence of blocks in reading
order, each a paragraph (a line of text) or a table of rows of cells.

Why one model: the offices' documents arrive as Word files, spreadsheets, PDFs or text pasted
out of them (the seeds), and the same APA or action plan can be laid out in any of them. The
recognisers (`kormo.importers.recognise`) work on this model only, so a rule learnt from one
format (a header row repeated on each page, a merged area cell, a wrapped indicator name)
serves every format. Every cell keeps where it came from (`Position`) so that a flag can point
a person at the cell in the original file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Position:
    """Where a cell or a line is in the source: table, row and column (0-based), and where the
    format has them the source line (text, 1-based), page (PDF, 1-based) or sheet (XLSX)."""

    table: int | None = None
    row: int | None = None
    column: int | None = None
    line: int | None = None
    page: int | None = None
    sheet: str = ""

    def label(self) -> str:
        """A short human form: "table 3, row 5, column 2 (line 132)"."""
        parts = []
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        text = ", ".join(parts)
        if self.line is not None:
            text = f"{text} (line {self.line})" if text else f"line {self.line}"
        return text or "document"


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell as read. `merged` marks a copy of a merged cell's text (Word repeats a merged
    cell in every grid position it covers); `converted` says the text was Bijoy, now Unicode."""

    text: str
    position: Position
    merged: bool = False
    converted: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    position: Position

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    def is_empty(self) -> bool:
        return all(not c.text.strip() for c in self.cells)


@dataclass(frozen=True, slots=True)
class Table:
    index: int
    rows: tuple[Row, ...]
    position: Position

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    position: Position
    converted: bool = False


Block = Table | Paragraph


@dataclass(frozen=True, slots=True)
class Document:
    """A whole document: `format` is "tsv", "docx", "xlsx" or "pdf"."""

    format: str
    blocks: tuple[Block, ...]
    name: str = ""
    bijoy: bool = False  # some text was converted from Bijoy (SutonnyMJ) to Unicode
    notes: tuple[str, ...] = field(default=())

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Table))


# ---------------------------------------------------------------- JSON
# The review page (plans.import_views) shows the document as read beside the plans; between
# the upload and the confirmation the document is kept as JSON, not re-read from the file
# (a PDF takes seconds to read, a dict a few milliseconds).

_POSITION_KEYS = ("table", "row", "column", "line", "page")


def position_to_json(p: Position) -> dict[str, object]:
    out: dict[str, object] = {k: getattr(p, k) for k in _POSITION_KEYS
                              if getattr(p, k) is not None}
    if p.sheet:
        out["sheet"] = p.sheet
    return out


def position_from_json(raw: dict[str, object]) -> Position:
    def opt(key: str) -> int | None:
        value = raw.get(key)
        return None if value is None else int(value)  # type: ignore[call-overload]

    return Position(opt("table"), opt("row"), opt("column"), opt("line"), opt("page"),
                    str(raw.get("sheet", "")))


def _cell_to_json(c: Cell) -> dict[str, object]:
    out: dict[str, object] = {"t": c.text, "p": position_to_json(c.position)}
    if c.merged:
        out["m"] = True
    if c.converted:
        out["b"] = True
    return out


def document_to_json(doc: Document) -> dict[str, object]:
    """The document as plain JSON data; `document_from_json` reads it back unchanged."""
    blocks: list[dict[str, object]] = []
    for b in doc.blocks:
        if isinstance(b, Table):
            blocks.append({"table": b.index, "p": position_to_json(b.position), "rows": [
                {"p": position_to_json(r.position), "cells": [_cell_to_json(c) for c in r.cells]}
                for r in b.rows]})
        else:
            blocks.append({"text": b.text, "p": position_to_json(b.position),
                           **({"b": True} if b.converted else {})})
    return {"format": doc.format, "name": doc.name, "bijoy": doc.bijoy,
            "notes": list(doc.notes), "blocks": blocks}


def document_from_json(raw: Mapping[str, Any]) -> Document:
    blocks: list[Block] = []
    for b in raw.get("blocks", []):
        if "table" in b:
            rows = tuple(
                Row(tuple(Cell(str(c["t"]), position_from_json(c["p"]), bool(c.get("m")),
                               bool(c.get("b"))) for c in r["cells"]),
                    position_from_json(r["p"]))
                for r in b["rows"])
            blocks.append(Table(int(b["table"]), rows, position_from_json(b["p"])))
        else:
            blocks.append(Paragraph(str(b["text"]), position_from_json(b["p"]), bool(b.get("b"))))
    return Document(str(raw.get("format", "")), tuple(blocks), str(raw.get("name", "")),
                    bool(raw.get("bijoy", False)),
                    tuple(str(n) for n in raw.get("notes", ())))
