"""Reading the onboarding files: a table of offices and a table of people, CSV or XLSX.

The first row names the columns (docs/onboarding.md); names are matched loosely ("Parent code",
"parent_code" and "parent" are one column) and each row comes back as a dict of stripped
text with its row number in the file, so that every problem can say where it is.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kormo.domain.errors import InputError

OFFICE_COLUMNS = ("code", "name_bn", "name_en", "tier", "parent_code", "district", "upazila")
OFFICE_REQUIRED = ("code", "name_bn", "tier")
PEOPLE_COLUMNS = ("name", "post", "email", "mobile", "office_code", "role")
PEOPLE_REQUIRED = ("name", "email", "office_code", "role")

_ALIASES = {
    "name": "name", "office_name": "name_bn", "name_bengali": "name_bn", "parent": "parent_code",
    "office": "office_code", "e_mail": "email", "mail": "email", "phone": "mobile",
    "mobile_number": "mobile", "designation": "post",
}


@dataclass(frozen=True, slots=True)
class Table:
    label: str  # "offices" or "people": says which file a problem is in
    columns: tuple[str, ...]
    rows: list[tuple[int, dict[str, str]]]  # (row number in the file, column → text)


def _column(name: object) -> str:
    key = re.sub(r"[\s\-/]+", "_", str(name or "").strip().lower())
    return _ALIASES.get(key, key)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a mobile number typed into Excel comes back as 1712345678.0
    return str(value).strip()


def _csv_rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        yield from csv.reader(f)


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        for row in book.worksheets[0].iter_rows(values_only=True):
            yield [_text(v) for v in row]
    finally:
        book.close()


def read_table(path: str | Path, label: str, required: Sequence[str]) -> Table:
    """The rows of a CSV or XLSX file; InputError (bn, en) when it cannot be read or lacks a
    required column. Blank rows are skipped."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".xlsx"}:
        raise InputError(f"ফাইলটি CSV বা XLSX নয়: {path.name}",
                         f"the file is not CSV or XLSX: {path.name}", label)
    try:
        raw = list(_csv_rows(path) if suffix == ".csv" else _xlsx_rows(path))
    except FileNotFoundError:
        raise InputError(f"ফাইলটি পাওয়া যায়নি: {path}", f"file not found: {path}", label) from None
    except UnicodeDecodeError:
        raise InputError(f"CSV ফাইলটি UTF-8 নয়: {path.name}",
                         f"the CSV file is not UTF-8: {path.name}", label) from None
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise InputError(f"ফাইলটি পড়া যায়নি: {path.name}",
                         f"cannot read the file {path.name}: {exc}", label) from None
    if not raw:
        raise InputError(f"ফাইলটি খালি: {path.name}", f"the file is empty: {path.name}", label)
    columns = tuple(_column(c) for c in raw[0])
    missing = [c for c in required if c not in columns]
    if missing:
        names = ", ".join(missing)
        raise InputError(f"ফাইলে এই কলাম নেই: {names}", f"the file lacks the columns: {names}",
                         label)
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        texts = [_text(v) for v in values]
        if not any(texts):
            continue
        rows.append((number, {c: (texts[i] if i < len(texts) else "")
                              for i, c in enumerate(columns) if c}))
    return Table(label, columns, rows)
