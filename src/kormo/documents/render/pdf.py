"""PDF through Typst: the document model written as Typst source, compiled in-process.

Why Typst (docs/documents.md, shared TOOLING.md): it shapes Bengali correctly (reph,
conjuncts such as ক্ষ, ন্ত্র, র্ম) *and* writes a text layer that extracts back to the same
words, so search, copy-paste, screen readers and our own tests read the PDF; WeasyPrint and
ReportLab do not. It is a self-contained wheel and renders a whole APA in well under a second.

Fonts come only from Debian's fonts-noto-core (/usr/share/fonts/truetype/noto), never from
the repository. Noto *Sans* Bengali is used throughout: the Debian build of Noto *Serif*
Bengali maps some reph ligatures to the wrong text ("কর্মসম্পাদন" extracts as "কর্মর্মসম্পাদন").

All user text reaches Typst through `typst_string` only: it becomes a Typst string literal,
which Typst never parses as markup, so "#", "*", "[", "$", "@", "<" and "\\" in a plan are
printed as they are.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import Any

from kormo.documents.render.model import (
    Align,
    Block,
    Bullets,
    Cell,
    Contents,
    Document,
    Heading,
    Paragraph,
    Section,
    Signatures,
    Table,
)

FONT_DIR = "/usr/share/fonts/truetype/noto"
REQUIRED_FONTS = ("NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf",
                  "NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
FONTS = {"bn": ("Noto Sans Bengali", "Noto Sans"), "en": ("Noto Sans", "Noto Sans Bengali")}
# Typst's numbering pattern "১" counts in Bengali digits: page numbers and the contents.
PAGE_NUMBERING = {"bn": "১", "en": "1"}
BODY_SIZE = 10.5
HEADING_SIZES = {1: 13.0, 2: 11.5, 3: 11.0}
UNBREAKABLE_ROWSPAN = 8  # taller spans (a long area) may break across pages


class FontsMissingError(RuntimeError):
    """The Noto fonts are not installed (Debian package fonts-noto-core)."""


def check_fonts(font_dir: str = FONT_DIR) -> None:
    missing = [f for f in REQUIRED_FONTS if not os.path.exists(os.path.join(font_dir, f))]
    if missing:
        raise FontsMissingError(
            f"Noto ফন্ট পাওয়া যায়নি: fonts-noto-core প্যাকেজটি ইনস্টল করুন / Noto fonts not "
            f"found in {font_dir} ({', '.join(missing)}): install the Debian package "
            f"fonts-noto-core")


def typst_string(text: str) -> str:
    """`text` as a Typst string literal: the one place where user text is escaped."""
    out = ['"']
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r" or ord(ch) < 32:
            continue
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _pt(size: float) -> str:
    return f"{size:g}pt"


_ALIGN = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}


def _styled(text: str, *, bold: bool = False, size: float | None = None) -> str:
    args = []
    if bold:
        args.append('weight: "bold"')
    if size is not None:
        args.append(f"size: {_pt(size)}")
    if not args:
        return typst_string(text)
    return f"text({', '.join(args)}, {typst_string(text)})"


def _cell(cell: Cell, size: float | None = None) -> str:
    body = _styled(cell.text, bold=cell.bold, size=size) if cell.text else "[]"
    args = []
    if cell.colspan > 1:
        args.append(f"colspan: {cell.colspan}")
    if cell.rowspan > 1:
        args.append(f"rowspan: {cell.rowspan}")
        if cell.rowspan <= UNBREAKABLE_ROWSPAN:
            # keep an activity's rows (target and achievement, its indicators) on one page
            args.append("breakable: false")
    if cell.align is not Align.LEFT:
        args.append(f"align: {_ALIGN[cell.align]} + horizon")
    if cell.shaded:
        args.append("fill: luma(232)")
    if not args:
        return body
    return f"table.cell({', '.join(args)}, {body})"


MIN_TABLE_SIZE = 8.0  # points: table text is never smaller on paper (issue 12, item 16)


def _table(table: Table) -> Iterator[str]:
    columns = ", ".join(f"{w:g}fr" for w in table.columns)
    size = max(table.font_size, MIN_TABLE_SIZE)
    yield "#block(width: 100%, {"
    yield f"  set text(size: {_pt(size)})"
    yield "  set par(justify: false, leading: 0.45em)"
    yield f"  table(columns: ({columns},), align: left + horizon,"
    header = ", ".join(_cell(c, max(size - 0.5, MIN_TABLE_SIZE))
                       for row in table.header for c in row)
    yield f"    table.header(repeat: true, {header}),"
    groups = table.group_rows()
    for index, row in enumerate(table.body):
        cells = ", ".join(_cell(c) for c in row)
        if index in groups:  # a sub-header: never left alone at the foot of a page
            yield f"    table.header(level: 2, repeat: true, {cells}),"
        else:
            yield f"    {cells},"
    yield "  )"
    yield "})"
    for note in table.notes:
        yield f"#block(above: 0.4em, {_styled(note, size=size + 0.5)})"


def _paragraph(p: Paragraph) -> str:
    inner = f"par(justify: {str(p.align is Align.LEFT).lower()}, " \
            f"{_styled(p.text, bold=p.bold, size=p.size)})"
    if p.align is not Align.LEFT:
        inner = f"align({_ALIGN[p.align]}, {inner})"
    above = f"above: {p.space_before + 0.65:g}em, " if p.space_before else ""
    return f"#block({above}width: 100%, {inner})"


def _bullets(b: Bullets) -> str:
    if b.numbered:
        pairs = ", ".join(f"{typst_string(n)}, {typst_string(t)}"
                          for n, t in zip(b.numbers, b.items, strict=True))
        return f"#grid(columns: (auto, 1fr), column-gutter: 0.6em, row-gutter: 0.55em, {pairs})"
    items = ", ".join(typst_string(t) for t in b.items)
    return f"#list(spacing: 0.6em, {items})" if b.items else ""


def _signatures(s: Signatures) -> Iterator[str]:
    if s.title:
        yield f"#block(above: 1.5em, {_styled(s.title, bold=True)})"
    blocks = []
    for block in s.blocks:
        parts = ["v(3.5em)", "line(length: 85%, stroke: 0.5pt)"]
        parts += [typst_string(line) for line in block.lines]
        if block.date_label:
            parts.append(typst_string(f"{block.date_label}: {block.date_text}".rstrip()))
        blocks.append(f"stack(dir: ttb, spacing: 0.55em, {', '.join(parts)})")
    if blocks:
        columns = ", ".join("1fr" for _ in blocks)
        yield f"#grid(columns: ({columns},), column-gutter: 2.5em, {', '.join(blocks)})"


def _block(block: Block) -> Iterator[str]:
    match block:
        case Heading(text, level, outlined):
            yield (f"#heading(level: {min(level, 3)}, outlined: {str(outlined).lower()}, "
                   f"{typst_string(text)})")
        case Paragraph():
            yield _paragraph(block)
        case Bullets():
            yield _bullets(block)
        case Table():
            yield from _table(block)
        case Contents(title):
            yield f"#outline(title: {typst_string(title)}, depth: 1)"
        case Signatures():
            yield from _signatures(block)


def _section_start(section: Section, lang: str, first: bool) -> Iterator[str]:
    numbering = "none" if section.cover else typst_string(PAGE_NUMBERING[lang])
    flipped = str(section.landscape).lower()
    if not first:
        yield "#pagebreak(weak: true)"
    margin = "(x: 10mm, y: 12mm)" if section.landscape else "(x: 18mm, y: 16mm)"
    yield f"#set page(flipped: {flipped}, margin: {margin}, numbering: {numbering})"
    if section.cover:
        yield "#v(12%)"


def typst_source(doc: Document) -> str:
    """The Typst source of a document (useful to inspect a layout)."""
    lang = doc.lang
    fonts = ", ".join(typst_string(f) for f in FONTS[lang])
    lines = [
        f"#set document(title: {typst_string(doc.title)})",
        f'#set text(font: ({fonts}), lang: "{lang}", size: {_pt(BODY_SIZE)})',
        '#set page(paper: "a4", number-align: center + bottom)',
        "#set par(leading: 0.7em, spacing: 0.9em)",
        "#set table(stroke: 0.4pt + luma(80), inset: (x: 3pt, y: 3pt))",
        "#set list(indent: 0.6em)",
        "#show heading: set block(above: 1.1em, below: 0.7em)",
        "#show outline.entry.where(level: 1): set block(above: 0.9em)",
    ]
    lines += [f"#show heading.where(level: {lvl}): set text(size: {_pt(size)})"
              for lvl, size in HEADING_SIZES.items()]
    for index, section in enumerate(doc.sections):
        lines += _section_start(section, lang, index == 0)
        for block in section.blocks:
            lines += _block(block)
    return "\n".join(lines) + "\n"


class _Compilers:
    """One Typst compiler per font folder, reused: it keeps the fonts loaded and memoises
    layout between compiles, so a second document of the same shape compiles about ten
    times faster (bench/pdf.py). It is renewed every `RENEW_AFTER` documents so that the
    memo does not grow without bound in a long-running server; a lock serialises use,
    since one compiler must not run two compiles at once."""

    RENEW_AFTER = 200

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._compilers: dict[str, tuple[Any, int]] = {}

    def compile(self, source: bytes, font_dir: str) -> bytes:
        import typst

        with self._lock:
            compiler, uses = self._compilers.get(font_dir, (None, 0))
            if compiler is None or uses >= self.RENEW_AFTER:
                compiler, uses = typst.Compiler(font_paths=[font_dir],
                                                ignore_system_fonts=True), 0
            self._compilers[font_dir] = (compiler, uses + 1)
            return compiler.compile(input=source)  # type: ignore[no-any-return]


_COMPILERS = _Compilers()


def render_pdf(doc: Document, font_dir: str = FONT_DIR) -> bytes:
    """The document as PDF bytes (A4; landscape sections for wide tables)."""
    check_fonts(font_dir)
    return _COMPILERS.compile(typst_source(doc).encode("utf-8"), font_dir)
