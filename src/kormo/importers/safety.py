"""Checks made before a file is opened: size, kind, encryption, zip bombs, XML declarations.

Why first and cheap: offices upload whatever they have, and a library asked to open a 2 GB
"spreadsheet", a zip bomb named .xlsx, a password-protected Word file or a PNG renamed .docx
either hangs, eats the memory or fails with a traceback. Everything here looks only at the
bytes and the zip directory (never decompresses a member blindly), so a bad file is refused in
milliseconds with one clear message in Bengali and English (`ImportFileError`).

DOCX and XLSX are zip archives of XML parts: their declared sizes and compression ratios are
checked before any XML is read, a document type declaration (the door for entity expansion
and external entities) is refused outright, and the parts are parsed with defusedxml
(`forbid_dtd`, no external entities). Legacy binary .doc/.xls and encrypted Office files share
the OLE2 container; msoffcrypto-tool tells them apart.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from kormo.importers.result import ImportFileCode, ImportFileError

MB = 1024 * 1024

FORMATS = ("tsv", "docx", "xlsx", "pdf")


@dataclass(frozen=True, slots=True)
class ImportLimits:
    """Configurable bounds; the defaults suit real APAs (a few hundred KB) with wide margins."""

    max_bytes: int = 20 * MB  # the file as uploaded
    max_unzipped_bytes: int = 200 * MB  # all members of a DOCX/XLSX together
    max_ratio: int = 200  # uncompressed ÷ compressed, for any member larger than 1 MB
    max_members: int = 5000
    max_pdf_pages: int = 300
    # A PDF is parsed in a child process (`readers.pdf_child`) within these bounds: a 1 MB
    # crafted file must not take gigabytes or minutes, nor a 300-page grid forty minutes.
    pdf_memory_mb: int = 1536  # address space of the child (RLIMIT_AS)
    pdf_cpu_seconds: int = 90  # CPU time of the child (RLIMIT_CPU)
    pdf_stream_bytes: int = 256 * MB  # all content streams decompressed, checked before parsing
    pdf_drawing_ops: int = 1_000_000  # path and text operators in all content streams
    max_cells: int = 2_000_000  # XLSX cells read, all sheets
    max_text_lines: int = 200_000


DEFAULT_LIMITS = ImportLimits()

_RATIO_FLOOR = 1 * MB  # small members may compress very well (empty sheets); no ratio check

_MAGIC_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _error(code: ImportFileCode, name: str, **params: object) -> ImportFileError:
    return ImportFileError(code, name, **params)


def check_size(size: int, name: str, limits: ImportLimits) -> None:
    if size == 0:
        raise _error(ImportFileCode.EMPTY, name)
    if size > limits.max_bytes:
        mb = limits.max_bytes // MB
        raise _error(ImportFileCode.TOO_LARGE, name, mb=mb)


def sniff(data: bytes, name: str, limits: ImportLimits = DEFAULT_LIMITS) -> str:
    """The format of `data`: "docx", "xlsx", "pdf" or "tsv" (plain text), from its bytes.

    The file name's extension is only used to word the error when the bytes say something else
    ("a PNG image named .docx").
    """
    check_size(len(data), name, limits)
    ext = PurePath(name).suffix.lower().lstrip(".")
    for magic, kind in _MAGIC_IMAGES:
        if data.startswith(magic):
            raise _error(ImportFileCode.IMAGE, name, kind=kind,
                         named_bn=f" (নাম .{ext} হলেও)" if ext else "",
                         named_en=f" (though named .{ext})" if ext else "")
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(_OLE_MAGIC):
        _refuse_ole(data, name)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data, name, limits)
    if ext in ("docx", "xlsx", "pdf", "doc", "xls"):
        raise _error(ImportFileCode.DAMAGED_OR_NOT, name, ext=ext)
    _check_text(data, name)
    return "tsv"


def _refuse_ole(data: bytes, name: str) -> None:
    import msoffcrypto

    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        encrypted = office.is_encrypted()
    except Exception:  # a damaged OLE container: say so below
        encrypted = False
    if encrypted:
        raise _error(ImportFileCode.PASSWORD, name)
    raise _error(ImportFileCode.OLD_FORMAT, name)


def _check_text(data: bytes, name: str) -> None:
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _error(ImportFileCode.UNKNOWN_KIND, name)


def decode_text(data: bytes, name: str) -> str:
    """Text files: UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused."""
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _error(ImportFileCode.NOT_UTF8, name) from None


def _zip_kind(data: bytes, name: str, limits: ImportLimits) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _error(ImportFileCode.BAD_ZIP, name) from None
    check_zip(infos, name, limits)
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names:
        raise _error(ImportFileCode.PLAIN_ZIP, name)
    with archive:
        check_xml_parts(archive, name)
        types = parse_xml(archive.read("[Content_Types].xml"), name)
    overrides = " ".join(el.get("ContentType", "") for el in types.iter())
    if "wordprocessingml.document.main" in overrides or "word/document.xml" in names:
        return "docx"
    if "spreadsheetml.sheet.main" in overrides or "xl/workbook.xml" in names:
        return "xlsx"
    raise _error(ImportFileCode.NOT_WORD_OR_EXCEL, name)


def check_zip(infos: list[zipfile.ZipInfo], name: str, limits: ImportLimits) -> None:
    """Refuse zip bombs from the directory alone: too many members, too many bytes in total,
    or a member that expands more than `max_ratio` times."""
    if len(infos) > limits.max_members:
        raise _error(ImportFileCode.TOO_MANY_PARTS, name)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise _error(ImportFileCode.PASSWORD, name)
        total += info.file_size
        if info.file_size > _RATIO_FLOOR and (
            info.compress_size == 0 or info.file_size / info.compress_size > limits.max_ratio
        ):
            raise _error(ImportFileCode.ZIP_BOMB, name)
    if total > limits.max_unzipped_bytes:
        mb = limits.max_unzipped_bytes // MB
        raise _error(ImportFileCode.EXPANDS_TOO_MUCH, name, mb=mb)


def check_xml_parts(archive: zipfile.ZipFile, name: str) -> None:
    """No part of an Office file needs a DTD; one that declares a doctype or entities is an
    attack (billion laughs, external entities) or not an Office file: refuse it."""
    for info in archive.infolist():
        if not info.filename.endswith((".xml", ".rels")):
            continue
        with archive.open(info) as fh:
            head = fh.read(4096)
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise _error(ImportFileCode.XML_DECLARATION, f"{name}: {info.filename}")


def parse_xml(data: bytes, name: str) -> SafeET.Element:
    """Parse one XML part with defusedxml: no DTD, no entities, no external references."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True,
                                 forbid_external=True)
    except (DefusedXmlException, SafeET.ParseError):
        raise _error(ImportFileCode.XML_DAMAGED, name) from None
