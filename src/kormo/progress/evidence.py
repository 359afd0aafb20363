"""Checks of evidence files: what a file is, judged by its content, never by its name.

Accepted (issue "Quarterly progress"): PDF, PNG, JPEG, DOCX and XLSX. PDF and images are known
by their magic bytes; DOCX and XLSX are ZIP files whose `[Content_Types].xml` names the main
part of a Word document or an Excel workbook (macro-enabled variants are refused). So an
executable renamed to `.pdf` is refused, and so is a ZIP renamed to `.docx`. The size limit is
the setting `KORMO_EVIDENCE_MAX_BYTES`.
"""

from __future__ import annotations

import hashlib
import zipfile
from dataclasses import dataclass
from typing import IO, Any, Protocol

from defusedxml import ElementTree
from django.conf import settings

from kormo.domain.digits import to_bengali_digits
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.models import EvidenceKind

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_CONTENT_TYPES_LIMIT = 1024 * 1024  # a [Content_Types].xml larger than this is not Office's

_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"

CONTENT_TYPES: dict[str, str] = {
    EvidenceKind.PDF: "application/pdf",
    EvidenceKind.PNG: "image/png",
    EvidenceKind.JPEG: "image/jpeg",
    EvidenceKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    EvidenceKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS: dict[str, str] = {
    EvidenceKind.PDF: "pdf", EvidenceKind.PNG: "png", EvidenceKind.JPEG: "jpg",
    EvidenceKind.DOCX: "docx", EvidenceKind.XLSX: "xlsx",
}


def download_name(original_name: str, kind: str) -> str:
    """The uploader's name with the extension of the detected kind: a "PDF" uploaded as
    `poly.html` or `invoice.pdf.exe` downloads as `poly.pdf` / `invoice.pdf.pdf`, never as
    something the reader's computer would run."""
    stem = original_name.rsplit(".", 1)[0] if "." in original_name.strip(".") else original_name
    return f"{stem.strip() or 'evidence'}.{EXTENSIONS[kind]}"


def max_bytes() -> int:
    return int(getattr(settings, "KORMO_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def _too_large(limit: int) -> ProgressError:
    kib = f"{limit // 1024} KiB"
    return ProgressError(ProgressErrorCode.FILE_TOO_LARGE, limit=kib,
                         limit_bn=to_bengali_digits(kib))


@dataclass(frozen=True, slots=True)
class CheckedFile:
    kind: EvidenceKind
    content_type: str
    size: int
    sha256: str


def _office_kind(stream: IO[bytes]) -> EvidenceKind | None:
    """DOCX or XLSX by the ZIP's `[Content_Types].xml` overrides; None for anything else."""
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_LIMIT:
                return None
            root = ElementTree.fromstring(archive.read(info))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, ValueError, OSError):
        return None
    except Exception:  # defusedxml refuses entity tricks with its own exceptions
        return None
    types = {el.get("ContentType", "") for el in root.iter() if el.tag.endswith("Override")}
    if _DOCX_MAIN in types:
        return EvidenceKind.DOCX
    if _XLSX_MAIN in types:
        return EvidenceKind.XLSX
    return None


def evidence_kind(stream: IO[bytes]) -> EvidenceKind | None:
    """What the file is by its content, or None when it is none of the accepted kinds."""
    stream.seek(0)
    head = stream.read(8)
    if head.startswith(b"%PDF-"):
        return EvidenceKind.PDF
    if head == b"\x89PNG\r\n\x1a\n":
        return EvidenceKind.PNG
    if head.startswith(b"\xff\xd8\xff"):
        return EvidenceKind.JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office_kind(stream)
    return None


def evidence_check(stream: IO[bytes], size: int | None = None) -> CheckedFile:
    """Type, size and SHA-256 of an uploaded file; ProgressError when it is refused."""
    limit = max_bytes()
    if size is None:
        stream.seek(0, 2)
        size = stream.tell()
    if size == 0:
        raise ProgressError(ProgressErrorCode.FILE_EMPTY)
    if size > limit:
        raise _too_large(limit)
    kind = evidence_kind(stream)
    if kind is None:
        raise ProgressError(ProgressErrorCode.FILE_TYPE_REFUSED)
    digest = hashlib.sha256()
    stream.seek(0)
    read = 0
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        read += len(chunk)
        if read > limit:  # the size the client claimed was wrong
            raise _too_large(limit)
        digest.update(chunk)
    stream.seek(0)
    return CheckedFile(kind, CONTENT_TYPES[kind], read, digest.hexdigest())


class _Removable(Protocol):
    reported_at: Any
    verified: bool


def removal_needs_reason(value: _Removable) -> bool:
    """Whether removing a file of this value asks for a reason: once the value was reported
    (or verified), its files are part of what the supervising office saw. The one rule for the
    service that removes (`services.evidence_remove`), the report page's remove forms
    (`report_rows`) and the in-place upload's answer (`views._evidence_shown`)."""
    return value.reported_at is not None or bool(value.verified)
