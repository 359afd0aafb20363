"""The dashboard as a table to download: plain values in the page's language, as CSV (UTF-8 with
a byte-order mark) or XLSX (bold header, frozen first row)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from kormo.domain.spreadsheet import neutralise_rows
from kormo.progress.dashboard import PERIODS, Dashboard


def dashboard_table(dashboard: Dashboard, header: Sequence[str]) -> list[list[Any]]:
    """The dashboard as a table of plain values (the header given in the page's language):
    rank, office, tier, district, score %, total, maximum, rating, plans signed, plans, then
    per period submitted / late / returned."""
    rows: list[list[Any]] = [list(header)]
    for r in dashboard.rows:
        line: list[Any] = [
            r.rank if r.rank is not None else "", r.name, r.tier, r.district_name,
            round(r.percent, 2) if r.percent is not None else "",
            round(r.total, 2) if r.has_score else "",
            round(r.maximum, 2) if r.has_score else "", r.rating,
            r.plans_signed, r.periods[PERIODS[0].value].plans,
        ]
        for _, status in r.period_list():
            line += [status.submitted, status.late, status.returned]
        rows.append(line)
    return rows


def table_header(labels: dict[str, str]) -> list[str]:
    """Column names: `labels` gives the words (translated by the caller)."""
    head = [labels["rank"], labels["office"], labels["tier"], labels["district"],
            labels["percent"], labels["total"], labels["maximum"], labels["rating"],
            labels["signed"], labels["plans"]]
    for p in PERIODS:
        name = labels.get(p.value, p.value)
        head += [f"{name} {labels['submitted']}", f"{name} {labels['late']}",
                 f"{name} {labels['returned']}"]
    return head


def table_csv(table: list[list[Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so that spreadsheet programs read the Bengali right."""
    out = io.StringIO()
    csv.writer(out).writerows(neutralise_rows(table))  # no formulas (domain.spreadsheet)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def table_xlsx(table: list[list[Any]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31] or "Kormo"
    for row in table:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:  # text stays text, never a formula
            if isinstance(cell.value, str):
                cell.data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
