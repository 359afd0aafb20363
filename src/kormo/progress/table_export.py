"""The dashboard as a table to download: plain values in the page's language, every office of
the filter (not only the page), read in chunks and written as it is read: CSV (UTF-8 with a
byte-order mark) streamed line by line, XLSX (bold header, frozen first row) written row by row
into a temporary file that is then streamed."""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from kormo.domain.spreadsheet import neutralise
from kormo.progress.dashboard import PERIODS, DashboardRow


def row_cells(r: DashboardRow) -> list[Any]:
    """One office as plain values: rank, office, tier, district, upazila, score %, total,
    maximum, rating, due so far %, indicators at risk, plans signed, plans, reports missing,
    then per period submitted / late / returned."""
    line: list[Any] = [
        r.rank if r.rank is not None else "", r.name, r.tier, r.district_name, r.upazila_name,
        round(r.percent, 2) if r.percent is not None else "",
        round(r.total, 2) if r.has_score else "",
        round(r.maximum, 2) if r.has_score else "", r.rating,
        round(r.due_percent, 2) if r.due_percent is not None else "",
        r.at_risk if r.at_risk is not None else "",
        r.plans_signed, r.plans, r.reports_missing,
    ]
    for _, status in r.period_list():
        line += [status.submitted, status.late, status.returned]
    return line


def dashboard_table(rows: Iterable[DashboardRow], header: Sequence[str]
                    ) -> Iterator[list[Any]]:
    """The header (in the page's language), then each row's cells, as they are read."""
    yield list(header)
    for r in rows:
        yield row_cells(r)


def table_header(labels: dict[str, str]) -> list[str]:
    """Column names: `labels` gives the words (translated by the caller)."""
    head = [labels["rank"], labels["office"], labels["tier"], labels["district"],
            labels["upazila"], labels["percent"], labels["total"], labels["maximum"],
            labels["rating"], labels["due"], labels["at_risk"], labels["signed"],
            labels["plans"], labels["missing"]]
    for p in PERIODS:
        name = labels.get(p.value, p.value)
        head += [f"{name} {labels['submitted']}", f"{name} {labels['late']}",
                 f"{name} {labels['returned']}"]
    return head


class _Line:
    """A file-like that keeps the last line csv.writer wrote."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text = text


def table_csv(table: Iterable[list[Any]]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark (so spreadsheet programs read the Bengali right), line by
    line: memory does not grow with the number of offices."""
    line = _Line()
    writer = csv.writer(line)
    first = True
    for row in table:
        writer.writerow([neutralise(v) for v in row])  # no formulas (domain.spreadsheet)
        yield (("\ufeff" if first else "") + line.text).encode("utf-8")
        first = False


def table_xlsx(table: Iterable[list[Any]], title: str) -> IO[bytes]:
    """The workbook in a temporary file (written row by row, openpyxl's write-only mode),
    positioned at its start, for a streamed response."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31] or "Kormo")
    sheet.freeze_panes = "A2"
    rows = iter(table)
    bold = Font(bold=True)
    header = []
    for name in next(rows, []):
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text, never a formula
            cells.append(cell)
        sheet.append(cells)
    out = tempfile.TemporaryFile()  # noqa: SIM115 - closed by the response that streams it
    book.save(out)
    out.seek(0)
    return out


def table_bytes(table: Iterable[list[Any]]) -> bytes:
    """The CSV whole (for callers that need bytes, e.g. tests of small tables)."""
    return b"".join(table_csv(table))
