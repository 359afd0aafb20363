"""DOCX through python-docx: the same document model as a Word file offices can edit.

Offices still edit and sign these documents in Word or LibreOffice, so the file uses only
plain features both read: real tables (merged cells for spans, header rows marked to repeat
on every page, rows that do not split), one section per orientation (landscape for the wide
tables), a PAGE field in the footer and built-in heading styles.

Bengali is a "complex script" in Word: its font and size come from the `w:cs` font and
`w:szCs`, not from the Latin ones, so both are set in the styles and on every run. The fonts
named are Noto Sans Bengali / Noto Sans (Debian fonts-noto-core); a machine without them
substitutes its own Bengali font. Page numbers (the footer's and the contents page's) are
fields that follow the pagination; in a Bengali document they are built to print Bengali digits
in Word (`docx_fields`: OOXML has no Bengali number format), LibreOffice shows them in Latin
digits.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

from kormo.documents.render.docx_fields import bengali_number_fields, plain_number_field
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
    place_cells,
)

LATIN_FONT = "Noto Sans"
BENGALI_FONT = "Noto Sans Bengali"
BODY_SIZE = 10.5
HEADING_SIZES = {1: 13.0, 2: 11.5, 3: 11.0}
LANG_TAGS = {"bn": "bn-BD", "en": "en-GB"}
A4 = (Mm(210), Mm(297))
PORTRAIT_MARGINS = (Mm(18), Mm(16))  # x, y
LANDSCAPE_MARGINS = (Mm(10), Mm(12))
SHADE = "E8E8E8"

_ALIGN = {Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT, Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
          Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT}


def _child(parent: Any, tag: str) -> Any:
    """The child `tag` of an XML element, created if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.append(found)
    return found


def _set_run_props(rpr: Any, *, size: float | None = None, bold: bool = False,
                   lang: str | None = None) -> None:
    """Fonts for Latin and complex-script text, and the complex-script size and weight."""
    fonts = _child(rpr, "w:rFonts")
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if fonts.get(qn(attr)) is not None:
            del fonts.attrib[qn(attr)]
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), LATIN_FONT)
    fonts.set(qn("w:cs"), BENGALI_FONT)
    if bold:
        _child(rpr, "w:b")
        _child(rpr, "w:bCs")
    if size is not None:
        half_points = str(round(size * 2))
        _child(rpr, "w:sz").set(qn("w:val"), half_points)
        _child(rpr, "w:szCs").set(qn("w:val"), half_points)
    if lang is not None:
        tag = _child(rpr, "w:lang")
        tag.set(qn("w:val"), LANG_TAGS[lang])
        tag.set(qn("w:bidi"), LANG_TAGS["bn"])


def _style_document(doc: Any, lang: str) -> None:
    normal = doc.styles["Normal"]
    _set_run_props(normal.element.get_or_add_rPr(), size=BODY_SIZE, lang=lang)
    normal.paragraph_format.space_after = Pt(4)
    for level, size in HEADING_SIZES.items():
        style = doc.styles[f"Heading {level}"]
        _set_run_props(style.element.get_or_add_rPr(), size=size, bold=True)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(10)
        style.paragraph_format.space_after = Pt(5)


def _add_run(paragraph: Any, text: str, *, bold: bool = False,
             size: float | None = None) -> None:
    # The fonts are named on every run, not only in the styles: a run pasted into another
    # document keeps its Bengali font (issue 12, item 14).
    run = paragraph.add_run(text)
    _set_run_props(run._r.get_or_add_rPr(), size=size, bold=bold)


def _set_page(section: Any, landscape: bool) -> None:
    width, height = A4
    margin_x, margin_y = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = margin_x
    section.top_margin = section.bottom_margin = margin_y


def _field_run_props(lang: str) -> str:
    """The run properties of the page-number fields' runs: the fonts and, for Bengali, the
    complex-script language (what the Bengali digits are shaped and measured by)."""
    fonts = (f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" '
             f'w:eastAsia="{LATIN_FONT}" w:cs="{BENGALI_FONT}"/>')
    return f'<w:rPr>{fonts}<w:lang w:val="{LANG_TAGS[lang]}" w:bidi="{LANG_TAGS["bn"]}"/></w:rPr>'


def _append_number_field(paragraph: Any, source: str, lang: str, shown: str = "") -> None:
    """A page number (`source`: "PAGE" or "PAGEREF <bookmark>") in the document's digits:
    Bengali digits in a Bengali document (`docx_fields`: nested fields, since OOXML has no
    Bengali number format), a plain field in an English one."""
    rpr = _field_run_props(lang)
    runs = (bengali_number_fields(source, rpr, shown) if lang == "bn"
            else plain_number_field(source, rpr, shown))
    for run in parse_xml(f'<w:p xmlns:w="{_W}">{runs}</w:p>'):
        paragraph._p.append(run)


def _page_number_footer(section: Any, lang: str) -> None:
    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _append_number_field(paragraph, "PAGE", lang)


def _text_width(section: Any) -> int:
    return int(section.page_width - section.left_margin - section.right_margin)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_JC = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}
_EMU_PER_TWIP = 635


def _xml_text(text: str) -> str:
    """Text for a w:t element: XML-escaped, control characters dropped."""
    clean = "".join(ch for ch in text if ch >= " " or ch == "\t")
    return escape(clean)


def _cell_xml(cell: Cell | None, width: int, span: int, merge: str, run_props: str,
              bold_props: str, keep_next: bool = False) -> str:
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        props.append(f'<w:gridSpan w:val="{span}"/>')
    if merge:
        props.append(f'<w:vMerge w:val="{merge}"/>')
    if cell is not None and cell.shaded:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{SHADE}"/>')
    props.append('<w:vAlign w:val="center"/>')
    paragraphs = []
    lines = cell.text.split("\n") if cell is not None and merge != "continue" else [""]
    jc = _JC[cell.align] if cell is not None else "left"
    rpr = bold_props if cell is not None and cell.bold else run_props
    for line in lines:
        run = (f'<w:r>{rpr}<w:t xml:space="preserve">{_xml_text(line)}</w:t></w:r>'
               if line else "")
        keep = "<w:keepNext/>" if keep_next else ""
        paragraphs.append(f'<w:p><w:pPr>{keep}<w:spacing w:before="0" w:after="0"/>'
                          f'<w:jc w:val="{jc}"/></w:pPr>{run}</w:p>')
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{''.join(paragraphs)}</w:tc>"


def _table(doc: Any, table: Table, width: int) -> None:
    """A real Word table, written as WordprocessingML: w:gridSpan for column spans, w:vMerge
    for row spans, w:tblHeader on the header rows (repeated on every page), w:cantSplit on
    every row. Built as one XML string because python-docx's cell API re-scans the table on
    every call and takes seconds for an APA; the markup is what Word itself writes."""
    rows = (*table.header, *table.body)
    ncols = len(table.columns)
    total = sum(table.columns)
    widths = [int(width * w / total / _EMU_PER_TWIP) for w in table.columns]
    half_points = round(table.font_size * 2)
    fonts = (f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" '
             f'w:eastAsia="{LATIN_FONT}" w:cs="{BENGALI_FONT}"/>')
    size = f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
    run_props = f"<w:rPr>{fonts}{size}</w:rPr>"
    bold_props = f"<w:rPr>{fonts}<w:b/><w:bCs/>{size}</w:rPr>"

    starts: dict[tuple[int, int], Cell] = {}
    continued: dict[tuple[int, int], Cell] = {}  # row-span continuations, by first column
    # Rows kept with the next one (w:keepNext on their paragraphs): a row a row-span runs on
    # from (an activity's target and achievement rows, an area's indicators), a group row
    # (an area heading) and the header. Word and LibreOffice then move the group to the next
    # page whole instead of splitting it (issue 12, item 14; documents review D6).
    keep: set[int] = set(range(len(table.header)))
    groups = {len(table.header) + i for i in table.group_rows()}
    keep |= groups
    for r, c, placed in place_cells(rows):
        starts[(r, c)] = placed
        for dr in range(1, placed.rowspan):
            continued[(r + dr, c)] = placed
        keep.update(range(r, r + placed.rowspan - 1))
    parts = [
        f'<w:tbl xmlns:w="{_W}"><w:tblPr>'
        f'<w:tblStyle w:val="{doc.styles["Table Grid"].style_id}"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr><w:tblGrid>',
        *(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    for r in range(len(rows)):
        header = "<w:tblHeader/>" if r < len(table.header) else ""
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        c = 0
        while c < ncols:
            cell = starts.get((r, c))
            cont = continued.get((r, c)) if cell is None else None
            source = cell or cont
            span = source.colspan if source is not None else 1
            merge = ("restart" if cell is not None and cell.rowspan > 1 else
                     "continue" if cont is not None else "")
            parts.append(_cell_xml(source, sum(widths[c:c + span]), span, merge, run_props,
                                   bold_props, keep_next=r in keep and r + 1 < len(rows)))
            c += span
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    doc.element.body._insert_tbl(parse_xml("".join(parts)))
    for note in table.notes:
        p = doc.add_paragraph()
        _add_run(p, note, size=table.font_size + 0.5)


def _paragraph(doc: Any, block: Paragraph) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if block.align is Align.LEFT else \
        _ALIGN[block.align]
    size = block.size or BODY_SIZE
    if block.space_before:
        p.paragraph_format.space_before = Pt(block.space_before * size)
    for index, line in enumerate(block.text.split("\n")):
        if index:
            p.add_run().add_break()
        _add_run(p, line, bold=block.bold, size=block.size)


def _bullets(doc: Any, block: Bullets) -> None:
    for index, item in enumerate(block.items):
        if block.numbered:
            p = doc.add_paragraph()
            p.paragraph_format.left_indent = Mm(7)
            p.paragraph_format.first_line_indent = Mm(-7)
            _add_run(p, f"{block.numbers[index]}\t{item}")
        else:
            p = doc.add_paragraph(style=doc.styles["List Bullet"])
            _add_run(p, item)
        p.paragraph_format.space_after = Pt(2)


def _signatures(doc: Any, block: Signatures, width: int) -> None:
    if block.title:
        p = doc.add_paragraph()
        p.paragraph_format.space_before = Pt(12)
        _add_run(p, block.title, bold=True)
    if not block.blocks:
        return
    grid = doc.add_table(rows=1, cols=len(block.blocks))
    grid.autofit = False
    for cell, sig in zip(grid.rows[0].cells, block.blocks, strict=True):
        cell.width = Emu(width // len(block.blocks))
        first = cell.paragraphs[0]
        first.paragraph_format.space_before = Pt(36)
        _add_run(first, "_" * 28)
        for line in sig.lines:
            _add_run(cell.add_paragraph(), line)
        if sig.date_label:
            _add_run(cell.add_paragraph(), f"{sig.date_label}: {sig.date_text}".rstrip())


def _toc_bookmark(index: int) -> str:
    return f"_TocKormo{index}"


def _bookmark(paragraph: Any, name: str, index: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(index))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(index))
    paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _contents(doc: Any, block: Contents, document: Document, width: int) -> None:
    """A contents page whose page numbers are fields: each entry carries a PAGEREF field to a
    bookmark on its heading, so Word and LibreOffice both print the page from their own
    pagination (the settings ask Word to update fields when the file opens). Not a TOC field:
    LibreOffice imports a TOC as an index with its cached text and drops the page fields
    inside it. In a Bengali document the numbers are Bengali digits in Word (`docx_fields`)."""
    for run in doc.add_heading(block.title, level=1).runs:
        _set_run_props(run._r.get_or_add_rPr())
    entries = [h.text for h in document.headings(level=1) if h.outlined] or [""]
    for index, text in enumerate(entries):
        p = doc.add_paragraph()
        p.paragraph_format.space_after = Pt(3)
        p.paragraph_format.tab_stops.add_tab_stop(Emu(width), WD_TAB_ALIGNMENT.RIGHT,
                                                  WD_TAB_LEADER.DOTS)
        _add_run(p, f"{text}\t")
        if text:
            _append_number_field(p, f"PAGEREF {_toc_bookmark(index)}", document.lang)
    settings = doc.settings.element
    update = _child(settings, "w:updateFields")
    update.set(qn("w:val"), "true")


def _properties(out: Any, doc: Document) -> None:
    """Document properties: title, office, dates and Kormo as the writer (never python-docx's
    template values), and no template thumbnail (issue 12, item 14; review D12)."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props = out.core_properties
    props.title = doc.title
    props.subject = doc.subject
    props.author = doc.subject or "Kormo"
    props.last_modified_by = "Kormo"
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.created = props.modified = now
    props.last_printed = now
    props.revision = 1
    props.language = LANG_TAGS[doc.lang]
    package = out.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[key]


def _block(doc: Any, block: Block, document: Document, width: int) -> None:
    match block:
        case Heading(text, level, outlined):
            p = doc.add_heading(text, level=min(level, 3))
            for run in p.runs:
                _set_run_props(run._r.get_or_add_rPr())
            if level == 1 and outlined:  # the contents' PAGEREF target
                index = doc.kormo_toc_count = getattr(doc, "kormo_toc_count", -1) + 1
                _bookmark(p, _toc_bookmark(index), 1000 + index)
        case Paragraph():
            _paragraph(doc, block)
        case Bullets():
            _bullets(doc, block)
        case Table():
            _table(doc, block, width)
        case Contents():
            _contents(doc, block, document, width)
        case Signatures():
            _signatures(doc, block, width)


def _start_section(doc: Any, section: Section, index: int) -> Any:
    out = doc.sections[0] if index == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
    _set_page(out, section.landscape)
    return out


def render_docx(doc: Document) -> bytes:
    """The document as DOCX bytes: A4, landscape sections for the wide tables."""
    out = new_docx()
    _style_document(out, doc.lang)
    _properties(out, doc)
    numbered = False
    for index, section in enumerate(doc.sections):
        target = _start_section(out, section, index)
        if not section.cover and not numbered:
            _page_number_footer(target, doc.lang)  # later sections inherit this footer
            numbered = True
        if section.cover:
            out.add_paragraph().paragraph_format.space_before = Pt(90)
        width = _text_width(target)
        for block in section.blocks:
            _block(out, block, doc, width)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
