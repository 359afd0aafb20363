"""The import entry points: a file or its bytes → `ImportResult`.

The size is checked before the file is read (a 2 GB upload is refused without reading it);
everything else happens on the bytes. A document in which no plan is recognised is an error,
not an empty success: the person should know that nothing was imported.
"""

from __future__ import annotations

import os
from pathlib import Path

from kormo.importers.readers import read_document
from kormo.importers.recognise import recognise_document
from kormo.importers.result import ImportFileError, ImportResult
from kormo.importers.safety import DEFAULT_LIMITS, ImportLimits, check_size


def import_bytes(data: bytes, name: str = "", *,
                 limits: ImportLimits = DEFAULT_LIMITS) -> ImportResult:
    document = read_document(data, name, limits)
    result = recognise_document(document)
    if not result.plans:
        raise ImportFileError(
            "নথিতে কোনো এপিএ, কর্মপরিকল্পনা, কর্মপরিকল্পনার অগ্রগতি বা রেজিস্টারের সারণি পাওয়া যায়নি",
            "no APA, action plan, progress report, work plan or register table was found in the "
            "document",
            name,
        )
    return result


def import_file(path: str | os.PathLike[str], *,
                limits: ImportLimits = DEFAULT_LIMITS) -> ImportResult:
    p = Path(path)
    name = p.name
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise ImportFileError(f"ফাইলটি খোলা যায়নি: {name}",
                              f"cannot open the file: {exc.strerror}", str(path)) from None
    if not p.is_file():
        raise ImportFileError(f"এটি ফাইল নয়: {name}", "not a file", str(path))
    check_size(size, name, limits)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"ফাইলটি পড়া যায়নি: {name}",
                              f"cannot read the file: {exc.strerror}", str(path)) from None
    return import_bytes(data, name, limits=limits)
