"""The import entry points: a file or its bytes → `ImportResult`.

The size is checked before the file is read (a 2 GB upload is refused without reading it);
everything else happens on the bytes. A document in which no plan is recognised is an error,
not an empty success: the person should know that nothing was imported.
"""

from __future__ import annotations

import os
from pathlib import Path

from kormo.domain.digits import to_bengali_digits
from kormo.importers.readers import read_document
from kormo.importers.readers.model import Document, Paragraph, Table
from kormo.importers.recognise import recognise_document
from kormo.importers.result import ImportFileCode, ImportFileError, ImportResult
from kormo.importers.safety import DEFAULT_LIMITS, ImportLimits, check_size


def import_bytes(data: bytes, name: str = "", *,
                 limits: ImportLimits = DEFAULT_LIMITS) -> ImportResult:
    document = read_document(data, name, limits)
    result = recognise_document(document)
    if not result.plans or not any(
            p.indicators or p.work_items or p.register for p in result.plans):
        seen_bn, seen_en = describe_seen(document)
        raise ImportFileError(ImportFileCode.NO_PLAN_TABLES_SEEN, name, seen_bn=seen_bn,
                              seen_en=seen_en)
    return result


def describe_seen(document: Document, tables: int = 3) -> tuple[str, str]:
    """What the document holds, for a person to see why nothing was recognised: how many
    tables and paragraphs, and the first words of the first tables (Bengali, English)."""
    found = [b for b in document.blocks if isinstance(b, Table)]
    paragraphs = sum(1 for b in document.blocks if isinstance(b, Paragraph) and b.text.strip())
    starts = []
    for table in found[:tables]:
        first = next((r for r in table.rows if any(c.text.strip() for c in r.cells)), None)
        if first is not None:
            words = " | ".join(" ".join(c.text.split()) for c in first.cells if c.text.strip())
            starts.append(f"“{words[:80]}”")
    begin = "; ".join(starts)
    bn = (f"{to_bengali_digits(str(len(found)))}টি সারণি, "
          f"{to_bengali_digits(str(paragraphs))}টি অনুচ্ছেদ" + (f"; সারণির শুরু: {begin}" if begin
                                                          else ""))
    en = f"{len(found)} table(s), {paragraphs} paragraph(s)" + (
        f"; tables begin: {begin}" if begin else "")
    return bn, en


def import_file(path: str | os.PathLike[str], *,
                limits: ImportLimits = DEFAULT_LIMITS) -> ImportResult:
    p = Path(path)
    name = p.name
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ImportFileError(ImportFileCode.CANNOT_OPEN, str(path), file=name,
                              why=exc.strerror) from None
    if not p.is_file():
        raise ImportFileError(ImportFileCode.NOT_A_FILE, str(path), file=name)
    check_size(size, name, limits)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ImportFileError(ImportFileCode.CANNOT_READ, str(path), file=name,
                              why=exc.strerror) from None
    return import_bytes(data, name, limits=limits)
