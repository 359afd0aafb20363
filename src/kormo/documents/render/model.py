"""The document model shared by the PDF, DOCX and XLSX writers.

The layout modules turn plans into this model once (headings, paragraphs, tables with typed
cells, signature blocks, page orientation); each writer only maps it onto its format. Keeping
one model means the three formats cannot drift apart in content: the tests read the same
words out of all three.

A `Cell` carries the text to print (already in the document's language, Bengali digits for
"bn") and, for spreadsheets, the typed value behind it (`Decimal`, `date`) so that an XLSX
cell holds a real number or date rather than text. Spans follow HTML: a cell with `rowspan`
or `colspan` covers the next slots, and later rows leave those slots out; `place_cells` does
that placement for the writers that need grid coordinates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class CellKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    PERCENT = "percent"  # `value` is the percent (85 means 85 %)
    DATE = "date"
    MONTH = "month"  # `value` is the first day of the month


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Cell:
    text: str = ""
    kind: CellKind = CellKind.TEXT
    value: Decimal | dt.date | None = None  # typed value for spreadsheets
    suffix: str = ""  # words after a number, e.g. "টি দপ্তর": kept in the XLSX number format
    decimals: int | None = None  # places a spreadsheet shows (None: as many as needed)
    colspan: int = 1
    rowspan: int = 1
    bold: bool = False
    align: Align = Align.LEFT
    shaded: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    """A table with header rows repeated on every page; `sheet` names its spreadsheet tab."""

    sheet: str
    columns: tuple[float, ...]  # relative widths
    header: tuple[tuple[Cell, ...], ...]
    body: tuple[tuple[Cell, ...], ...]
    font_size: float = 8.0  # points, in the PDF and DOCX
    notes: tuple[str, ...] = ()  # printed under the table

    def is_group_row(self, index: int) -> bool:
        """A body row that is one shaded cell across the table: an area or a group of areas
        (printed as a sub-header that moves with its rows and repeats on the next page)."""
        row = self.body[index]
        return len(row) == 1 and row[0].colspan == len(self.columns) and row[0].shaded

    def group_rows(self) -> frozenset[int]:
        """Group rows followed by at least one ordinary row."""
        return frozenset(i for i in range(len(self.body) - 1)
                         if self.is_group_row(i) and not self.is_group_row(i + 1))


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1  # 1: listed in the contents
    outlined: bool = True


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    bold: bool = False
    align: Align = Align.LEFT
    size: float | None = None  # points; None: body size
    space_before: float = 0.0  # em


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[str, ...]
    numbered: bool = False
    numbers: tuple[str, ...] = ()  # the printed numbers ("১.", "২.") when numbered


@dataclass(frozen=True, slots=True)
class Contents:
    """The contents page: level-1 headings with their page numbers where the format can."""

    title: str


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    lines: tuple[str, ...]  # name, post, office
    date_label: str = ""
    date_text: str = ""


@dataclass(frozen=True, slots=True)
class Signatures:
    title: str
    blocks: tuple[SignatureBlock, ...]


Block = Heading | Paragraph | Bullets | Table | Contents | Signatures


@dataclass(frozen=True, slots=True)
class Section:
    """A run of blocks on pages of one orientation; a new section starts a new page."""

    blocks: tuple[Block, ...]
    landscape: bool = False
    cover: bool = False  # the cover page: centred, no page number


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    lang: str
    sections: tuple[Section, ...]
    subject: str = ""  # office and year, for file metadata
    file_stem: str = "document"  # a file name without extension, e.g. for downloads

    def blocks(self) -> Iterator[Block]:
        for section in self.sections:
            yield from section.blocks

    def tables(self) -> list[Table]:
        return [b for b in self.blocks() if isinstance(b, Table)]

    def headings(self, level: int | None = None) -> list[Heading]:
        return [b for b in self.blocks() if isinstance(b, Heading)
                and (level is None or b.level == level)]


def place_cells(rows: Sequence[Sequence[Cell]]) -> list[tuple[int, int, Cell]]:
    """Grid coordinates (row, column, cell) of cells laid out with HTML span rules."""
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, Cell]] = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    taken.add((r + dr, c + dc))
            c += cell.colspan
    return placed
