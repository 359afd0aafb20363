"""A grid → the bytes of a text copy (TSV), a Word, an Excel or a PDF file."""

from __future__ import annotations

import io
import random
import tempfile
from pathlib import Path

from tests.importers.corpus.layout import Grid, Layout

FONTS = "/usr/share/fonts/truetype/noto"


def _covered(grid: Grid) -> set[tuple[int, int]]:
    """Cells inside a merge other than its top-left one."""
    out: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in grid.merges:
        out |= {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)} - {(r0, c0)}
    return out


def write_tsv(grid: Grid, layout: Layout, rng: random.Random) -> bytes:
    lines = [*grid.title, ""]
    for i, row in enumerate(grid.rows):
        cells = [grid.bijoy.get((i, c), t) for c, t in enumerate(row)]
        body = i >= grid.header_rows and any(cells[1:])
        if layout.drop_empty and body and rng.random() < 0.6:
            cells = [c for c in cells if c]  # a copy out of a PDF loses the empty cells
        while cells and not cells[-1]:
            cells.pop()
        lines.append("\t".join(cells))
    if grid.after:
        lines += ["", *grid.after]
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_docx(grid: Grid) -> bytes:
    import docx

    document = docx.Document()
    for line in grid.title:
        document.add_paragraph(line)
    width = max(len(r) for r in grid.rows)
    table = document.add_table(rows=len(grid.rows), cols=width)
    def put(cell: object, r: int, c: int) -> None:
        coded = grid.bijoy.get((r, c))
        if coded is None:
            cell.text = grid.rows[r][c]  # type: ignore[attr-defined]
            return
        cell.text = ""  # type: ignore[attr-defined]
        run = cell.paragraphs[0].add_run(coded)  # type: ignore[attr-defined]
        run.font.name = "SutonnyMJ"

    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            if text:
                put(table.cell(r, c), r, c)
    for r0, c0, r1, c1 in grid.merges:
        put(table.cell(r0, c0).merge(table.cell(r1, c1)), r0, c0)
    for line in grid.after:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_xlsx(grid: Grid, rng: random.Random) -> bytes:
    import openpyxl
    import openpyxl.styles

    book = openpyxl.Workbook()
    sheet = book.active
    top = 1 + rng.randint(0, 2)
    for k, line in enumerate(grid.title):
        sheet.cell(row=top + k, column=1, value=line)
    first = top + len(grid.title) + 1
    left = 1 + rng.randint(0, 1)
    covered = _covered(grid)
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            if text and (r, c) not in covered:
                coded = grid.bijoy.get((r, c))
                cell = sheet.cell(row=first + r, column=left + c, value=coded or text)
                if coded is not None:
                    cell.font = openpyxl.styles.Font(name="SutonnyMJ")
    for r0, c0, r1, c1 in grid.merges:
        sheet.merge_cells(start_row=first + r0, start_column=left + c0,
                          end_row=first + r1, end_column=left + c1)
    for k, line in enumerate(grid.after):
        sheet.cell(row=first + len(grid.rows) + 1 + k, column=left, value=line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def typst_escape(text: str) -> str:
    for ch in "\\[]%#$*_@<>`~":
        text = text.replace(ch, "\\" + ch)
    return text


def typst_content(text: str) -> str:
    return "[" + typst_escape(text) + "]"


def write_pdf(grid: Grid) -> bytes:
    import typst

    width = max(len(r) for r in grid.rows)
    spans = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in grid.merges}
    covered = _covered(grid)
    cells = []
    for r, row in enumerate(grid.rows):
        for c in range(width):
            if (r, c) in covered:
                continue
            text = typst_content(row[c] if c < len(row) else "")
            rs, cs = spans.get((r, c), (1, 1))
            cells.append(f"table.cell(rowspan: {rs}, colspan: {cs}, {text})"
                         if (rs, cs) != (1, 1) else text)
    source = ('#set page(width: 420mm, height: 297mm, margin: 8mm)\n'
              '#set text(font: "Noto Sans Bengali", size: 7pt)\n'
              + "".join(f"{typst_escape(line)}\n\n" for line in grid.title)  # markup, no [ ]
              + f"#table(columns: {width}, stroke: 0.5pt, {', '.join(cells)})\n"
              + "".join(f"\n{typst_escape(line)}\n" for line in grid.after))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.typ"
        path.write_text(source, encoding="utf-8")
        return bytes(typst.compile(str(path), font_paths=[FONTS]))
