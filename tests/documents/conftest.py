"""Fixtures for the document tests: the seed plans, rendered documents (cached per session,
since a PDF takes a fraction of a second), and poppler-utils to read PDFs back.

Reading back goes through the real tools a person would use: `pdftotext`, `pdffonts`,
`pdfinfo` and `pdftoppm` from Debian's poppler-utils, python-docx and openpyxl.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from kormo.documents.render import build_document, render
from kormo.domain import planformat
from kormo.domain.plan import Plan

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "seeds"
SEED_FILES = {
    "000": SEEDS / "000-rangpur-ict-apa-2022-23.json",
    "001": SEEDS / "001-polytechnic-action-plans-2023-24.json",
    "002": SEEDS / "002-kaliganj-cooperative-nis-2020-21.json",
    "003": SEEDS / "003-kushtia-innovation-work-plan-2017.json",
    "004": SEEDS / "004-dte-egov-innovation-2022-23.json",
}
ARTIFACTS = ROOT / "test-artifacts" / "documents"

def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The database test needs pytest-django; the rest runs without it (`-p no:django`)."""
    if collection_path.name == "test_export_database.py" and \
            not config.pluginmanager.hasplugin("django"):
        return True
    return None


_missing = [t for t in ("pdftotext", "pdffonts", "pdfinfo", "pdftoppm") if not shutil.which(t)]
needs_poppler = pytest.mark.skipif(bool(_missing),
                                   reason="poppler-utils is not installed (make test installs it)")


def load(seed: str) -> list[Plan]:
    return planformat.load_path(str(SEED_FILES[seed]))


def combined_plans() -> list[Plan]:
    """Seed 000's APA with action plans annexed to it (parent = the APA's id): seed 002's
    integrity plan and seed 001's other four, so that annexes 4-8 are all filled."""
    (apa,) = load("000")
    others = [p for p in load("001") if p.kind.value != "integrity"]
    nis = load("002")[0]
    return [apa, *(replace(p, parent=apa.id) for p in [nis, *others])]


_DOCS: dict[tuple[object, ...], bytes] = {}


@pytest.fixture(scope="session")
def rendered() -> Callable[..., bytes]:
    """rendered(plans_key, fmt, kind="auto", lang="bn", **options) → bytes, cached."""

    def make(key: str, fmt: str, kind: str = "auto", lang: str = "bn", **options: str) -> bytes:
        cache_key = (key, fmt, kind, lang, tuple(sorted(options.items())))
        if cache_key not in _DOCS:
            plans = combined_plans() if key == "combined" else load(key)
            doc = build_document(plans, kind, lang=lang, **options)
            _DOCS[cache_key] = render(doc, fmt)
        return _DOCS[cache_key]

    return make


def pdf_text(pdf: bytes, *, first: int | None = None, last: int | None = None,
             layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if first is not None:
        args += ["-f", str(first)]
    if last is not None:
        args += ["-l", str(last)]
    result = subprocess.run([*args, "-", "-"], input=pdf, capture_output=True, check=True,
                            timeout=60)
    return result.stdout.decode("utf-8")


def pdf_pages(pdf: bytes) -> int:
    result = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True,
                            timeout=60)
    match = re.search(r"^Pages:\s+(\d+)", result.stdout.decode(), re.MULTILINE)
    assert match is not None
    return int(match[1])


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of every page."""
    count = pdf_pages(pdf)
    result = subprocess.run(["pdfinfo", "-f", "1", "-l", str(count), "-"], input=pdf,
                            capture_output=True, check=True, timeout=60)
    sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", result.stdout.decode(),
                       re.MULTILINE)
    return [(float(w), float(h)) for w, h in sizes]


def squash(text: str) -> str:
    """Text without any whitespace: table cells wrap names over lines, and poppler puts a
    space after some vowel signs (its word-gap guess; the glyphs are in order)."""
    return re.sub(r"\s+", "", text)


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def has_words_in_order(text: str, phrase: str, window: int = 4000) -> bool:
    """Whether the words of `phrase` occur in `text` in order, each word whole, within
    `window` characters: a table cell wraps its name over lines that pdftotext interleaves
    with the neighbouring cells, but it never breaks a word or reorders a cell's words."""
    flat = squash(text)
    words = [squash(w) for w in phrase.split() if w.strip()]
    start = flat.find(words[0])
    while start != -1:
        pos = start + len(words[0])
        for word in words[1:]:
            pos = flat.find(word, pos)
            if pos == -1 or pos - start > window:
                break
            pos += len(word)
        else:
            return True
        start = flat.find(words[0], start + 1)
    return False
