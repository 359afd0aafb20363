"""Issue 12's forms read back from real files: each action-plan kind in its own official
layout, the quarterly progress report in seed 004's layout, in PDF (pdftotext), DOCX
(python-docx) and XLSX (openpyxl); DOCX fields, properties and keep-together; XLSX row heights
and sheet names; PDF table text at least 8 pt. Page images (PDF via pdftoppm, DOCX converted
by LibreOffice headless) are kept under test-artifacts/documents/forms/.

Expected words come from the plans themselves (the first indicator of each plan, its unit,
weight and 100 % level), not from copies typed into the test.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from kormo.documents.render import build_document, labels, render
from kormo.documents.render.common import value_cell
from kormo.documents.render.pdf import typst_source
from kormo.documents.render.tables import FIVE_LEVEL_FORMS
from kormo.domain.numerals import format_number
from kormo.domain.plan import Plan, PlanKind
from tests.documents.conftest import (
    ARTIFACTS,
    has_words_in_order,
    load,
    needs_poppler,
    pdf_text,
    squash,
)

FORMS = ARTIFACTS / "forms"
SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None,
                                       reason="LibreOffice is not installed (make test does)")

# The action plans of seed 001 (one per kind) and seed 002's integrity plan.
PLAN_CASES = [(p.id, "001") for p in load("001")] + [(load("002")[0].id, "002")]

# The column headings every five-level form prints, by kind (issue 12, item 11).
FIVE_LEVEL_HEADINGS = {
    PlanKind.EGOV_INNOVATION: ["ক্রম", "কার্যক্রম", "কর্মসম্পাদন সূচক", "একক",
                               "কর্মসম্পাদন সূচকের মান", "অসাধারণ", "চলতি মানের নিম্নে"],
    PlanKind.GRIEVANCE_REDRESS: ["কার্যক্রমের ক্ষেত্র", "মান", "কার্যক্রম", "কর্মসম্পাদন সূচক",
                                 "একক", "প্রকৃত অর্জন", "অসাধারণ", "চলতি মানের নিম্নে"],
    PlanKind.CITIZENS_CHARTER: ["কার্যক্রমের ক্ষেত্র", "মান", "কার্যক্রম", "কর্মসম্পাদন সূচক",
                                "একক", "অসাধারণ", "চলতি মানের নিম্নে"],
    PlanKind.RIGHT_TO_INFORMATION: ["কার্যক্রমের ক্ষেত্র", "মান", "কার্যক্রম",
                                    "কর্মসম্পাদন সূচক", "একক", "প্রকৃত অর্জন", "অসাধারণ"],
}
QUARTERLY_HEADINGS = ["কার্যক্রমের নাম", "কর্মসম্পাদন সূচক", "সূচকের মান", "একক",
                      "লক্ষ্যমাত্রা/ অর্জন", "১ম কোয়ার্টার", "৪র্থ কোয়ার্টার", "মোট অর্জন",
                      "অর্জিত মান", "মন্তব্য"]


def plan_of(seed: str, plan_id: str) -> Plan:
    return next(p for p in load(seed) if p.id == plan_id)


def headings_of(plan: Plan) -> list[str]:
    return FIVE_LEVEL_HEADINGS.get(plan.kind, QUARTERLY_HEADINGS)


def first_row_words(plan: Plan) -> list[str]:
    """The first indicator's name, unit and weight as the form prints them, and its 100 %
    level (five-level forms) or annual target (monitoring forms)."""
    ind = plan.indicators[0]
    target = ind.levels.v100 if ind.levels.v100 is not None else ind.annual_target
    words = [ind.name, labels.unit_name(ind.unit, "bn", ind.unit_label)]
    if ind.weight is not None:
        words.append(format_number(ind.weight, "bn"))
    if target is not None:
        words.append(value_cell(target, "bn").text)
    return words


_CACHE: dict[tuple[str, ...], bytes] = {}


def made(seed: str, plan_id: str, fmt: str, kind: str = "plan", **options: str) -> bytes:
    key = (seed, plan_id, fmt, kind, *sorted(options.values()))
    if key not in _CACHE:
        _CACHE[key] = render(build_document(load(seed), kind, plan_id=plan_id, **options), fmt)
    return _CACHE[key]


def keep(data: bytes, name: str) -> Path:
    FORMS.mkdir(parents=True, exist_ok=True)
    path = FORMS / name
    path.write_bytes(data)
    return path


def page_images(pdf: Path, stem: str, dpi: int = 60) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(FORMS / stem)],
                   check=True, timeout=120)
    return sorted(FORMS.glob(f"{stem}-*.png"))


def docx_to_pdf(path: Path) -> Path:
    out = FORMS / "lo"
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{FORMS / 'lo-profile'}",
                    "--convert-to", "pdf", "--outdir", str(out), str(path)],
                   check=True, timeout=240, capture_output=True)
    return out / (path.stem + ".pdf")


# ---------------------------------------------------------------- each action-plan kind


@needs_poppler
@pytest.mark.parametrize(("plan_id", "seed"), PLAN_CASES)
def test_action_plan_pdf_has_its_forms_columns_and_values(plan_id, seed):
    plan = plan_of(seed, plan_id)
    pdf = made(seed, plan_id, "pdf")
    page_images(keep(pdf, f"{plan.kind.value}-{seed}.pdf"), f"{plan.kind.value}-{seed}")
    text = pdf_text(pdf)
    for words in headings_of(plan):
        assert has_words_in_order(text, words), words
    for words in first_row_words(plan):
        assert has_words_in_order(text, words), words
    if plan.kind in FIVE_LEVEL_HEADINGS:
        # the column-number row runs to the last column; the signature place is always there
        form = FIVE_LEVEL_FORMS[plan.kind]
        columns = (5 if form.serial else 6) + 5 + (2 if form.actuals else 0)
        numbers = r"\s+".join(format_number(i, "bn") for i in range(1, columns + 1))
        assert re.search(numbers, pdf_text(pdf, layout=True)), numbers
    assert "তারিখ:" in text
    for message in ("প্রতিবেদন নেই", "লক্ষ্যমাত্রা নেই", "ফাইলে নেই"):
        assert message not in text  # no software messages on an official page


@pytest.mark.parametrize(("plan_id", "seed"), PLAN_CASES)
def test_action_plan_docx_table_has_its_forms_columns_and_values(plan_id, seed):
    plan = plan_of(seed, plan_id)
    document = docx.Document(io.BytesIO(made(seed, plan_id, "docx")))
    table = document.tables[0]
    header = " | ".join(c.text for row in table.rows[:3] for c in row.cells)
    for words in headings_of(plan):
        assert words in header, words
    cells = [c.text for row in table.rows for c in row.cells]
    ind = plan.indicators[0]
    row = next(r for r in table.rows if any(ind.name in c.text for c in r.cells))
    texts = [c.text for c in row.cells]
    for words in first_row_words(plan)[1:]:
        assert words in texts, (words, texts)
    assert cells  # a real Word table, read back


@pytest.mark.parametrize(("plan_id", "seed"), PLAN_CASES)
def test_action_plan_xlsx_sheet_has_its_forms_columns_and_values(plan_id, seed):
    plan = plan_of(seed, plan_id)
    book = openpyxl.load_workbook(io.BytesIO(made(seed, plan_id, "xlsx")))
    ws = book[labels.sheet_title(plan.kind, "bn")]
    rows = [tuple("" if v is None else v for v in r) for r in ws.iter_rows(values_only=True)]
    header = " | ".join(str(v) for r in rows[:3] for v in r)
    for words in headings_of(plan):
        assert words in header, words
    ind = plan.indicators[0]
    row = next(r for r in rows if any(isinstance(v, str) and ind.name in v for v in r))
    if ind.weight is not None:
        assert float(ind.weight) in [v for v in row if isinstance(v, int | float)]
    # every row of the sheet has a height that fits its wrapped text
    assert all(ws.row_dimensions[i].height for i in range(1, ws.max_row + 1))


# ---------------------------------------------------------------- progress report (seed 004)

PROGRESS = ("004", "dte-egov-innovation-2022-23")
PROGRESS_HEADINGS = ["ক্রম", "কার্যক্রমের ক্ষেত্র", "মান", "কার্যক্রম", "কর্মসম্পাদন সূচক",
                     "একক", "কর্মসম্পাদন সূচকের মান",
                     "লক্ষ্যমাত্রা ২০২২-২০২৩", "অসাধারণ", "অর্জন (২য় কোয়ার্টার)",
                     "এ পর্যন্ত অর্জন", "প্রমাণক"]
# [১.৩.১] the e-Nothi rate: levels 85 … 60 %, Q2 2236 / (2236 + 1439) = 60.84 % (DOMAIN.md)
ENOTHI_ROW = ["[১.৩.১] ই-ফাইলে নোট নিষ্পত্তিকৃত", "৮৫%", "৬০%", "৬০.৮৪%"]


@needs_poppler
def test_progress_report_pdf_is_seed_004s_layout():
    pdf = made(*PROGRESS, "pdf", kind="progress", quarter="Q2")
    page_images(keep(pdf, "progress-004-q2.pdf"), "progress-004-q2")
    text = pdf_text(pdf)
    for words in ["২য় কোয়ার্টার (অক্টোবর-ডিসেম্বর) অগ্রগতি প্রতিবেদন", *PROGRESS_HEADINGS]:
        assert has_words_in_order(text, words), words
    flat = squash(text)
    assert squash(" ".join(ENOTHI_ROW[1:])) in flat or all(squash(w) in flat
                                                         for w in ENOTHI_ROW[1:])
    assert flat.count("৬০.৮৪%") == 2 and "৬১%" not in flat  # one figure on the row
    assert "প্রতিবেদননেই" not in flat  # indicators not yet due stay blank


def test_progress_report_docx_and_xlsx_tables():
    document = docx.Document(io.BytesIO(made(*PROGRESS, "docx", kind="progress",
                                             quarter="Q2")))
    table = document.tables[0]
    header = [c.text for c in table.rows[0].cells]
    for words in PROGRESS_HEADINGS:
        if words != "অসাধারণ":
            assert words in header, words
    row = next([c.text for c in r.cells] for r in table.rows
               if any(c.text == ENOTHI_ROW[0] for c in r.cells))
    assert row[-3:-1] == ["৬০.৮৪%", "৬০.৮৪%"] and "৮৫%" in row

    book = openpyxl.load_workbook(io.BytesIO(made(*PROGRESS, "xlsx", kind="progress",
                                                  quarter="Q2")))
    ws = book[labels.sheet_title(PlanKind.EGOV_INNOVATION, "bn")]
    rows = list(ws.iter_rows(values_only=True))
    assert [v for v in rows[0] if v] == [w for w in PROGRESS_HEADINGS if w != "অসাধারণ"]
    enothi = next(r for r in rows if ENOTHI_ROW[0] in r)
    levels = enothi.index(0.85)
    assert enothi[levels:levels + 5] == (0.85, 0.8, 0.75, 0.7, 0.6)
    assert enothi[levels + 5] == pytest.approx(2236 / (2236 + 1439)) == enothi[levels + 6]


# ---------------------------------------------------------------- DOCX details (item 14)


def test_docx_properties_are_the_documents_not_python_docx():
    data = made("000", "rangpur-ict-apa-2022-23", "docx", kind="apa")
    props = docx.Document(io.BytesIO(data)).core_properties
    (plan,) = load("000")
    assert props.title == "বার্ষিক কর্মসম্পাদন চুক্তি ২০২২-২৩"
    assert props.subject == props.author == plan.office
    assert props.last_modified_by == "Kormo" and "python-docx" not in (props.comments or "")
    assert props.created.year >= dt.date.today().year
    assert not [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "thumbnail" in n]


def test_docx_names_the_bengali_font_in_every_run_and_keeps_groups_together():
    data = made("002", load("002")[0].id, "docx")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    runs = re.findall(r"<w:r>(.*?)</w:r>", xml, re.S)
    text_runs = [r for r in runs if "<w:t" in r]
    assert text_runs and all('w:cs="Noto Sans Bengali"' in r for r in text_runs)
    # the target row of every activity is kept with its achievement row
    document = docx.Document(io.BytesIO(data))
    table = document.tables[0]
    for row in table.rows:
        first = row.cells[6].text if len(row.cells) > 6 else ""
        if first == "লক্ষ্যমাত্রা":
            paragraphs = row._tr.xpath(".//w:pPr")
            assert paragraphs and all(p.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}keepNext")
                is not None for p in paragraphs)


def test_docx_contents_has_a_page_field_per_heading():
    data = made("000", "rangpur-ict-apa-2022-23", "docx", kind="apa")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    # each entry's number is built from PAGEREF fields to its heading's bookmark (in Bengali
    # digits for Word: tests/documents/test_docx_page_numbers.py)
    refs = list(dict.fromkeys(re.findall(r"PAGEREF (_TocKormo\d+)", xml)))
    marks = re.findall(r'w:bookmarkStart w:id="\d+" w:name="(_TocKormo\d+)"', xml)
    assert len(refs) >= 9 and refs == marks  # every entry points at its heading
    settings = zipfile.ZipFile(io.BytesIO(data)).read("word/settings.xml").decode()
    assert '<w:updateFields w:val="true"/>' in settings


@needs_poppler
@needs_libreoffice
def test_docx_converted_by_libreoffice_prints_contents_page_numbers_and_page_images():
    docx_path = keep(made("000", "rangpur-ict-apa-2022-23", "docx", kind="apa"),
                     "apa-000.docx")
    pdf = docx_to_pdf(docx_path)
    contents = pdf_text(pdf.read_bytes(), first=2, last=2, layout=True)
    numbered = [line for line in contents.splitlines() if re.search(r"\.{3,}\s*\d+\s*$", line)]
    assert len(numbered) >= 9, contents
    pages = [int(re.search(r"(\d+)\s*$", line)[1]) for line in numbered]
    assert pages == sorted(pages) and pages[0] >= 3
    page_images(pdf, "lo-apa-000")
    for plan_id, seed in PLAN_CASES[1:5]:
        plan = plan_of(seed, plan_id)
        converted = docx_to_pdf(keep(made(seed, plan_id, "docx"),
                                     f"{plan.kind.value}-{seed}.docx"))
        text = pdf_text(converted.read_bytes())
        assert has_words_in_order(text, plan.indicators[0].name)
        page_images(converted, f"lo-{plan.kind.value}-{seed}")


# ---------------------------------------------------------------- XLSX and PDF sizes


@pytest.mark.parametrize("seed", ["000", "001", "003", "004"])
def test_xlsx_sheet_names_are_short_whole_and_unique(seed):
    book = openpyxl.load_workbook(io.BytesIO(render(build_document(load(seed)), "xlsx")))
    names = book.sheetnames
    assert len(names) == len({n.lower() for n in names})
    assert all(len(n) <= 31 for n in names)
    titles = {labels.sheet_title(k, "bn") for k in PlanKind}
    for plan in load(seed):
        if plan.kind is not PlanKind.APA:
            assert labels.sheet_title(plan.kind, "bn") in names
    assert all(n in titles or n.startswith(("নথি", "সেকশন", "সংযোজনী")) for n in names)


@pytest.mark.parametrize("seed", ["000", "001", "002", "004"])
def test_pdf_table_text_is_at_least_8_pt(seed):
    source = typst_source(build_document(load(seed)))
    sizes = [float(s) for s in re.findall(r"size: ([\d.]+)pt", source)]
    table_sizes = [float(s) for s in re.findall(r"set text\(size: ([\d.]+)pt\)", source)]
    assert table_sizes and min(table_sizes) >= 8.0
    assert min(sizes) >= 8.0


@needs_poppler
def test_the_preamble_leaves_room_to_write_the_signing_date():
    # Seed 000's preamble reads "২০২২ সালের মাসের তারিখে": the day and month are to be written
    # by hand, so the form prints the dotted blanks the text copy lost.
    text = pdf_text(made("000", "rangpur-ict-apa-2022-23", "pdf", kind="apa"))
    assert "২০২২ সালের ........ মাসের ........ তারিখে" in text



def test_xlsx_row_heights_fit_the_wrapped_text_and_share_row_spans():
    from kormo.documents.render.model import Cell
    from kormo.documents.render.xlsx import LINE_HEIGHT, row_heights

    size = 9.5
    long = "কর্মসম্পাদন সূচক " * 12  # wraps over several lines in a 20-character column
    rows = [
        (Cell("শিরোনাম"), Cell("এক")),
        (Cell(long), Cell("দুই")),
        (Cell("ক", rowspan=2), Cell(long * 2)),
        (Cell("খ"),),
    ]
    heights = row_heights(rows, [20.0, 20.0], size)
    line = size * LINE_HEIGHT
    assert heights[0] < 2 * line  # one line
    assert heights[1] >= 6 * line  # the long text's lines, not one
    assert heights[2] > heights[1]  # twice the text
    # a cell spanning rows 3-4 with short text does not stretch them
    assert heights[3] < 2 * line
    wide = row_heights(rows, [80.0, 80.0], size)
    assert wide[1] < heights[1]  # a wider column needs fewer lines
