"""Bounds on what a PDF asks of its reader, checked before pdfplumber and PDFium see it.

A PDF's content streams are compressed (Flate): a 1 MB file can expand to gigabytes, and a
page can hold millions of drawing operators (each ruled line of a table is a few), which
pdfplumber turns into Python objects one by one. `check_streams` decompresses every stream
incrementally, never holding more than a chunk, and counts the drawing operators in them; it
stops at the first bound passed. Together with the child process's memory and CPU limits
(`readers.pdf_child`) this keeps a crafted or enormous PDF from taking the server down.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

_STREAM = re.compile(rb"stream\r?\n")
_ENDSTREAM = b"endstream"
# path construction and painting, text showing: what pdfplumber makes objects of
_OPERATOR = re.compile(rb"(?<![A-Za-z])(?:re|m|l|c|v|y|h|S|s|f|F|B|b|n|Tj|TJ|')(?![A-Za-z*])")
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class StreamLimitError(Exception):
    what: str  # "stream_bytes" | "drawing_ops"
    limit: int


def check_streams(data: bytes, max_bytes: int, max_ops: int) -> tuple[int, int]:
    """(decompressed bytes, drawing operators) of all Flate streams of `data`; raises
    `StreamLimitError` as soon as either passes its bound."""
    total = ops = 0
    pos = 0
    while True:
        m = _STREAM.search(data, pos)
        if m is None:
            break
        start = m.end()
        end = data.find(_ENDSTREAM, start)
        if end < 0:
            end = len(data)
        pos = end + len(_ENDSTREAM)
        raw = data[start:end]
        dictionary = data[max(0, m.start() - 300):m.start()]
        if b"FlateDecode" not in dictionary:
            continue
        inflater = zlib.decompressobj()
        tail = b""
        chunk = raw
        while chunk:
            try:
                out = inflater.decompress(chunk, _CHUNK)
            except zlib.error:
                break  # a damaged stream: the parser will say so
            total += len(out)
            if total > max_bytes:
                raise StreamLimitError("stream_bytes", max_bytes)
            text = tail + out
            ops += len(_OPERATOR.findall(text))
            if ops > max_ops:
                raise StreamLimitError("drawing_ops", max_ops)
            tail = text[-8:]
            if inflater.eof or (not out and inflater.unconsumed_tail == chunk):
                break  # the stream ended (what follows is not compressed data) or is stuck
            chunk = inflater.unconsumed_tail
        else:
            # all input taken, output may still wait inside the inflater
            while not inflater.eof:
                out = inflater.decompress(b"", _CHUNK)
                if not out:
                    break
                total += len(out)
                if total > max_bytes:
                    raise StreamLimitError("stream_bytes", max_bytes)
                ops += len(_OPERATOR.findall(tail + out))
                if ops > max_ops:
                    raise StreamLimitError("drawing_ops", max_ops)
                tail = out[-8:]
    return total, ops
