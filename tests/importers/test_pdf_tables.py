"""PDF tables as offices print them (issue 13, item 3): merged cells, Bengali words whose space
PDFium loses, cells wrapped over lines, tables over several pages with or without their header
repeated. The PDFs are rendered here by typst (as Word or LibreOffice would print them: Bengali
clusters marked with their text, ruled tables)."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pytest

from kormo.domain.plan import PlanKind
from kormo.importers.api import import_bytes
from kormo.importers.readers.model import Table
from kormo.importers.readers.pdf import read_pdf
from kormo.importers.readers.pdf_grid import grid_of
from kormo.importers.readers.pdf_text import Glyph, logical_order, text_of
from kormo.importers.readers.pdf_unruled import find_unruled
from tests.importers import documents as D
from tests.importers.corpus.writers import typst_content, typst_escape

FONTS = "/usr/share/fonts/truetype/noto"

needs_typst = pytest.mark.skipif(
    not Path(FONTS, "NotoSansBengali-Regular.ttf").exists(),
    reason="Noto Sans Bengali (Debian fonts-noto-core) is not installed")




def _pdf(rows: list[list[str]], *, spans: dict[tuple[int, int], tuple[int, int]] | None = None,
         title: tuple[str, ...] = (), header_rows: int = 0, columns: str = "",
         page: str = "width: 297mm, height: 210mm", stroke: str = "0.5pt",
         align: str = "left") -> bytes:
    """A ruled table rendered by typst. `spans`: (row, col) → (rowspan, colspan), the slots it
    covers left out of `rows`; `header_rows`: rows typst repeats on every page."""
    import typst

    spans = spans or {}
    width = max(len(r) for r in rows)
    covered = {(r + i, c + k) for (r, c), (rs, cs) in spans.items()
               for i in range(rs) for k in range(cs)} - set(spans)
    out = []
    for r, row in enumerate(rows):
        for c in range(width):
            if (r, c) in covered:
                continue
            text = typst_content(row[c] if c < len(row) else "")
            rs, cs = spans.get((r, c), (1, 1))
            out.append(f"table.cell(rowspan: {rs}, colspan: {cs}, {text})"
                       if (rs, cs) != (1, 1) else text)
    head, body = out[:header_rows * width], out[header_rows * width:]
    cells = ([f"table.header({', '.join(head)})"] if head else []) + body
    source = (f"#set page({page}, margin: 10mm)\n"
              '#set text(font: "Noto Sans Bengali", size: 8pt)\n'
              + "".join(f"{typst_escape(line)}\n\n" for line in title)
              + f"#table(columns: {columns or width}, stroke: {stroke}, align: {align}, "
                f"{', '.join(cells)})\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.typ"
        path.write_text(source, encoding="utf-8")
        return bytes(typst.compile(str(path), font_paths=[FONTS]))


def _rows(data: bytes) -> list[list[tuple[str, bool]]]:
    doc = read_pdf(data, "t.pdf")
    return [[(c.text, c.merged) for c in row.cells] for t in doc.tables for row in t.rows]


# ---------------------------------------------------------------- the grid (no PDF needed)


def test_a_slot_under_a_merged_cell_takes_that_cell_marked_merged() -> None:
    title = (0, 0, 30, 10)  # one cell over three columns
    area = (0, 10, 10, 30)  # one cell over two rows
    cells = [title, area, (10, 10, 20, 20), (20, 10, 30, 20), (10, 20, 20, 30), (20, 20, 30, 30)]
    grid = grid_of(cells)
    assert [[(s.box, s.merged) for s in row] for row in grid] == [
        [(title, False), (title, True), (title, True)],
        [(area, False), ((10, 10, 20, 20), False), ((20, 10, 30, 20), False)],
        [(area, True), ((10, 20, 20, 30), False), ((20, 20, 30, 30), False)],
    ]


def test_a_slot_no_cell_covers_stays_empty_and_not_merged() -> None:
    (_, row1) = grid_of([(0, 0, 10, 10), (10, 0, 20, 10), (0, 10, 10, 20)])
    assert row1[1].box is None and not row1[1].merged


def _g(text: str, x0: float, x1: float, top: float = 0) -> Glyph:
    return Glyph(text, x0, top, x1, top + 8)


def test_a_space_glyph_between_two_characters_is_put_back() -> None:
    # "৪র্থ ত্রৈ": PDFium gives no space after the reph cluster; the PDF has a space glyph there
    glyphs = [_g("৪", 0, 4), _g("র", 4, 5.5), _g("্", 5.5, 7), _g("থ", 7, 8.5),
              _g("ত", 10, 12), _g("্", 12, 14), _g("র", 14, 16), _g("ৈ", 16, 18)]
    assert text_of(glyphs, [_g(" ", 8.2, 10)]) == "৪র্থ ত্রৈ"
    assert text_of(glyphs, []) == "৪র্থত্রৈ"
    # a space glyph on another line, or before the first character, adds nothing
    assert text_of(glyphs, [_g(" ", 8.2, 10, top=20), _g(" ", -3, -1)]) == "৪র্থত্রৈ"


def test_the_lines_of_a_wrapped_cell_are_joined_by_a_space() -> None:
    glyphs = [_g("ক", 0, 4), _g("খ", 4, 8), _g("\r", 8, 8), _g("\n", 8, 8),
              _g("গ", 0, 4, top=10), _g("ঘ", 4, 8, top=10)]
    assert text_of(glyphs, []) == "কখ গঘ"
    # a new line seen from the characters' places alone
    assert text_of([_g("ক", 0, 4), _g("খ", 4, 8), _g("গ", 0, 4, top=10)], []) == "কখ গ"
    # PDFium's own space between the lines is not doubled
    assert text_of([_g("ক", 0, 4), _g(" ", 4, 4), _g("খ", 0, 4, top=10)], []) == "ক খ"


def test_a_minus_sign_printed_for_a_typed_hyphen_is_read_as_the_hyphen() -> None:
    glyphs = [_g(ch, 5 * k, 5 * k + 5) for k, ch in enumerate("২০২৩\u2212২৪")]
    assert text_of(glyphs, []) == "২০২৩-২৪"


@pytest.mark.parametrize(("drawn", "logical"), [
    ("িবভাগীয় কাযালয়", "বিভাগীয় কাযালয়"),
    ("েকাড", "কোড"),  # ে … া is ো
    ("েমৗিলক", "মৌলিক"),  # ে … ৗ is ৌ
    ("ৈনিতকতা", "নৈতিকতা"),
    ("েপ্রাগ্রাম", "প্রোগ্রাম"),  # the sign goes after the whole conjunct
    ("জলা েপ্রাগ্রামার", "জলা প্রোগ্রামার"),
])
def test_vowel_signs_in_drawn_order_are_put_in_logical_order(drawn: str, logical: str) -> None:
    assert logical_order(drawn) == logical


@pytest.mark.parametrize("text", ["বিভাগীয় সমিতি", "কোড", "নৈতিকতা ও শুদ্ধাচার", "৪র্থ"])
def test_text_in_logical_order_is_left_as_it_is(text: str) -> None:
    assert logical_order(text) == text


# ---------------------------------------------------------------- rendered PDFs


@needs_typst
def test_merged_cells_of_a_rendered_pdf_are_repeated_as_word_repeats_them() -> None:
    rows = [["সেকশন ৩: কর্মসম্পাদন পরিকল্পনা"],
            ["ক্ষেত্র", "সূচক", "একক"],
            ["[1] সেবা সহজিকরণ", "[1.1.1] উদ্ভাবনী ধারণা বাস্তবায়িত", "তারিখ"],
            ["", "[1.2.1] ই-ফাইলে নোট নিষ্পত্তিকৃত", "%"]]
    read = _rows(_pdf(rows, spans={(0, 0): (1, 3), (2, 0): (2, 1)}))
    title = "সেকশন ৩: কর্মসম্পাদন পরিকল্পনা"
    assert read[0] == [(title, False), (title, True), (title, True)]
    assert read[2][0] == ("[1] সেবা সহজিকরণ", False)
    assert read[3][0] == ("[1] সেবা সহজিকরণ", True)
    assert read[3][1:] == [("[1.2.1] ই-ফাইলে নোট নিষ্পত্তিকৃত", False), ("%", False)]


@needs_typst
def test_words_after_a_reph_or_hasanta_keep_their_space() -> None:
    words = ["৪র্থ ত্রৈমাসিক", "আয়োজিত কর্ম শালা", "স্মার্ট বাংলাদেশ", "ব্যবস্ থা",
             "চতুর্থ কোয়ার্টার", "অর্থ বরাদ্দ", "ইতঃপূর্বে বাস্তবায়িত", "কর্মকর্তা"]
    read = _rows(_pdf([words[:4], words[4:]]))
    assert [[t for t, _ in row] for row in read] == [words[:4], words[4:]]


@needs_typst
def test_a_cell_wrapped_over_several_lines_is_one_cell() -> None:
    name = ("[1.1.1] আওতাধীন দপ্তর/সংস্থার অর্ধবার্ষিক মূল্যায়ন প্রতিবেদন পর্যালোচনা সংক্রান্ত "
            "প্রতিবেদন মন্ত্রিপরিষদ বিভাগে প্রেরিত")
    read = _rows(_pdf([["সূচক", "একক"], [name, "সংখ্যা"]], columns="(30mm, 20mm)"))
    assert [[t for t, _ in row] for row in read] == [["সূচক", "একক"], [name, "সংখ্যা"]]


def _plan_rows(count: int) -> list[list[str]]:
    """`count` indicators of an e-governance plan, two per activity, five per area."""
    out = []
    for i in range(count):
        a, k = i // 5 + 1, i % 5 + 1
        out.append([f"[{a}] ক্ষেত্র {a}", "10", f"[{a}.{k}] কার্যক্রম {a}.{k}",
                    f"[{a}.{k}.1] সভা আয়োজিত {a}.{k}", "সংখ্যা", "2",
                    str(4 + i), str(3 + i), str(2 + i), str(1 + i), str(i)])
    return out


def _indicators(data: bytes) -> list[tuple[str, str, Decimal | None, object]]:
    (plan,) = import_bytes(data, "p.pdf").plans
    assert plan.kind is PlanKind.EGOV_INNOVATION
    return [(i.number, i.name, i.weight, i.levels.v100)
            for a in plan.areas for act in a.activities for i in act.indicators]


@needs_typst
@pytest.mark.parametrize("repeat_header", [True, False])
def test_a_table_over_several_pages_is_read_once_in_order(repeat_header: bool) -> None:
    header = [*D.HEADER, *D.LEVEL_NAMES]
    rows = _plan_rows(40)
    data = _pdf([header, *rows], title=(D.EGOV_TITLE, D.OFFICE_LINE),
                header_rows=1 if repeat_header else 0, page="width: 297mm, height: 120mm")
    doc = read_pdf(data, "p.pdf")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) > 2 and len({t.position.page for t in tables}) == len(tables)
    header_copies = sum(1 for t in tables for r in t.rows if r.texts()[0] == D.HEADER[0])
    assert header_copies == (len(tables) if repeat_header else 1)
    got = _indicators(data)
    assert [g[0] for g in got] == [r[3][1:].split("]")[0] for r in rows]
    assert all(g[1].startswith("সভা আয়োজিত") and g[2] == Decimal(2) for g in got)
    assert [g[3] for g in got][:3] != [g[3] for g in got][3:6]  # values stay with their rows


@needs_typst
def test_a_plan_whose_table_starts_with_a_row_over_all_columns_is_found() -> None:
    """The section's title in the table's first row, merged over the table, and the areas in a
    merged column: before, the title row's one filled slot hid the header and the import
    said no plan table was found."""
    header = [*D.HEADER, *D.LEVEL_NAMES]
    rows = [["সেকশন ৩: কর্মসম্পাদন পরিকল্পনা"], header]
    spans = {(0, 0): (1, len(header))}
    for area, aw, act, ind, unit, w, levels in D.EGOV_ROWS:
        rows.append([area, aw, act, ind, unit, w, *levels])
    spans[(2, 0)], spans[(2, 1)] = (2, 1), (2, 1)  # area 1 and its weight over two rows
    rows[3][0] = rows[3][1] = ""
    data = _pdf(rows, spans=spans, title=(D.EGOV_TITLE, D.OFFICE_LINE))
    (plan,) = import_bytes(data, "p.pdf").plans
    assert (plan.kind, plan.fiscal_year) == (PlanKind.EGOV_INNOVATION, "2023-24")
    assert [(a.weight, [i.number for act in a.activities for i in act.indicators])
            for a in plan.areas] == [(Decimal(20), ["1.1.1", "1.2.1"]), (Decimal(10), ["2.1.1"])]


# ---------------------------------------------------------------- tables drawn without lines


def _line(top: float, *cells: tuple[float, str]) -> list[Glyph]:
    """Glyphs of one line: each cell's text from its x, 5 points a character."""
    out = []
    for x, text in cells:
        for k, ch in enumerate(text):
            out.append(Glyph(ch, x + 5 * k, top, x + 5 * (k + 1), top + 8))
    return out


def test_columns_come_from_the_gutters_of_the_body_rows() -> None:
    glyphs = [
        *_line(0, (0, "AAAA"), (40, "BBB"), (80, "TTTTTTTTTTTTTTT")),  # T merged over 3 columns
        *_line(10, (80, "L1"), (120, "L2"), (160, "L3")),
        *_line(20, (0, "a1"), (40, "b1"), (80, "1"), (130, "22"), (160, "333")),  # numbers
        *_line(30, (0, "a2"), (40, "b2"), (82, "4"), (125, "555"), (165, "6")),  # not aligned
        *_line(40, (0, "a3"), (40, "b3"), (80, "7"), (122, "8"), (160, "9")),
    ]
    table = find_unruled(glyphs, [])
    assert table is not None
    assert table.rows == [["AAAA", "BBB", "TTTTTTTTTTTTTTT", "", ""],
                          ["", "", "L1", "L2", "L3"],
                          ["a1", "b1", "1", "22", "333"],
                          ["a2", "b2", "4", "555", "6"],
                          ["a3", "b3", "7", "8", "9"]]


def test_a_line_close_under_a_padded_row_continues_its_cell() -> None:
    glyphs = [*_line(0, (0, "HH"), (40, "II"), (80, "JJ")),
              *_line(20, (0, "n1"), (40, "x"), (80, "y")),
              *_line(29, (0, "n1b")),  # the name's second line: 1 point under, rows 12 apart
              *_line(49, (0, "n2"), (40, "z"), (80, "w"))]
    table = find_unruled(glyphs, [])
    assert table is not None
    assert table.rows == [["HH", "II", "JJ"], ["n1 n1b", "x", "y"], ["n2", "z", "w"]]


def test_two_lines_side_by_side_are_text_not_a_table() -> None:
    """A signature block: names and posts side by side."""
    glyphs = [*_line(0, (0, "name1"), (100, "name2"), (200, "name3")),
              *_line(10, (0, "post1"), (100, "post2"), (200, "post3"))]
    assert find_unruled(glyphs, []) is None


def _egov_rows() -> list[list[str]]:
    return [[*D.HEADER, *D.LEVEL_NAMES],
            *([area, aw, act, ind, unit, w, *levels]
              for area, aw, act, ind, unit, w, levels in D.EGOV_ROWS)]


@needs_typst
@pytest.mark.parametrize("align", ["left", "center", "(x, y) => if x >= 4 { right } else { left }"])
def test_a_plan_printed_without_lines_imports_as_the_ruled_one(align: str) -> None:
    title = (D.EGOV_TITLE, D.OFFICE_LINE)
    ruled = import_bytes(_pdf(_egov_rows(), title=title), "a.pdf").plans
    plain = _pdf(_egov_rows(), title=title, stroke="none", align=align)
    doc = read_pdf(plain, "b.pdf")
    assert [b.text for b in doc.blocks if not isinstance(b, Table)] == list(title)
    (table,) = doc.tables
    assert table.rows[0].texts() == [*D.HEADER, *D.LEVEL_NAMES]
    assert import_bytes(plain, "b.pdf").plans == ruled


@needs_typst
def test_an_area_heading_whose_dots_were_typeset_as_an_ellipsis_keeps_its_name_and_weight() -> None:
    """typst (like Word's autocorrect) prints "....." as "….."."""
    header = ["কার্যক্রম", "কর্মসম্পাদন সূচক", "একক", "কর্মসম্পাদন সূচকের মান", *D.LEVEL_NAMES]
    width = len(header)
    rows = [header,
            ["১. দপ্তরের সেবা সহজিকরণ.....২০"],
            ["[1.1] সেবা সহজিকরণ", "[1.1.1] উদ্ভাবনী ধারণা বাস্তবায়িত", "সংখ্যা", "12",
             "5", "4", "3", "2", "1"],
            ["২. সক্ষমতা বৃদ্ধি....১০"],
            ["[2.1] কর্মশালা আয়োজন", "[2.1.1] কর্মশালা আয়োজিত", "সংখ্যা", "10",
             "4", "3", "2", "1", "-"]]
    data = _pdf(rows, spans={(1, 0): (1, width), (3, 0): (1, width)},
                title=(D.EGOV_TITLE, D.OFFICE_LINE))
    assert "…" in read_pdf(data, "p.pdf").tables[0].rows[1].texts()[0]
    (plan,) = import_bytes(data, "p.pdf").plans
    assert [(a.name, a.weight) for a in plan.areas] == [
        ("দপ্তরের সেবা সহজিকরণ", Decimal(20)), ("সক্ষমতা বৃদ্ধি", Decimal(10))]
