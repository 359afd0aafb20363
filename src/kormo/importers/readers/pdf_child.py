"""The PDF reader's child process: `python -m kormo.importers.readers.pdf_child` reads the
PDF's bytes on stdin and writes the document as read (JSON, `readers.model.document_to_json`)
or the error (Bengali and English) on stdout.

Why a process: pdfminer (under pdfplumber) and PDFium work in the reader's memory with no
bound of their own. Here the operating system bounds them (RLIMIT_AS for memory, RLIMIT_CPU for
time) and the parent (`readers.pdf.read_pdf_limited`) turns a child that ran out of either
into a clear message; the parent's memory never holds more than the bytes and the result.
"""

from __future__ import annotations

import errno
import json
import resource
import sys


def _limit(kind: int, value: int) -> None:
    _soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        value = min(value, hard)
    resource.setrlimit(kind, (value, hard))


def main() -> int:
    name, memory_mb, cpu_seconds, max_pages = sys.argv[1], *map(int, sys.argv[2:5])
    _limit(resource.RLIMIT_CPU, cpu_seconds)
    _limit(resource.RLIMIT_AS, memory_mb * 1024 * 1024)
    data = sys.stdin.buffer.read()
    try:
        from kormo.importers.readers.model import document_to_json
        from kormo.importers.readers.pdf import read_pdf
        from kormo.importers.result import ImportFileError

        try:
            doc = read_pdf(data, name, max_pages)
        except ImportFileError as exc:
            # The refusal's code and words cross the process boundary as they are.
            out = {"error": {"code": getattr(exc.code, "value", ""),
                             "params": {k: str(v) for k, v in exc.params.items()}}}
        else:
            out = {"document": document_to_json(doc)}
        text = json.dumps(out, ensure_ascii=False)
    except MemoryError:
        sys.stdout.write('{"limit": "memory"}')
        return 3
    except OSError as exc:  # the address-space limit also shows as a library that cannot map
        if exc.errno == errno.ENOMEM or "map segment" in str(exc):
            sys.stdout.write('{"limit": "memory"}')
            return 3
        raise
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
