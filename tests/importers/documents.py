"""Documents the tests write themselves: DOCX and XLSX laid out unlike the seeds (Latin digits,
other column orders and widths, merged cells, header rows repeated on the next page), a PDF
rendered by typst, and damaged or hostile files.

Each builder returns the file's bytes, so tests can import them without touching the disk.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

LEVEL_NAMES = ("অসাধারণ", "অতি উত্তম", "উত্তম", "চলতি মান", "চলতি মানের নিম্নে")
EGOV_TITLE = "ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা 2023-24"
OFFICE_LINE = "দপ্তর/সংস্থার নাম: জেলা প্রশাসকের কার্যালয়, নড়াইল"
HEADER = ("কর্মসম্পাদনের ক্ষেত্র", "মান", "কার্যক্রম", "কর্মসম্পাদন সূচক", "একক",
          "কর্মসম্পাদন সূচকের মান")

# (area, area weight, activity, indicator, unit, weight, five levels) — Latin digits
EGOV_ROWS = (
    ("[1] দপ্তরের সেবা সহজিকরণ", "20", "[1.1] সেবা সহজিকরণ",
     "[1.1.1] ন্যূনতম একটি উদ্ভাবনী ধারণা বাস্তবায়িত", "তারিখ", "12",
     ("15/03/2024", "22/03/2024", "31/03/2024", "07/04/2024", "14/04/2024")),
    ("[1] দপ্তরের সেবা সহজিকরণ", "20", "[1.2] ই-নথির ব্যবহার বৃদ্ধি",
     "[1.2.1] ই-ফাইলে নোট নিষ্পত্তিকৃত", "%", "8", ("80%", "75%", "70%", "65%", "60%")),
    ("[2] সক্ষমতা বৃদ্ধি", "10", "[2.1] কর্মশালা আয়োজন",
     "[2.1.1] কর্মশালা আয়োজিত", "সংখ্যা", "10", ("4", "3", "2", "1", "-")),
)


def egov_docx(repeat_header: bool = True) -> bytes:
    """An e-governance action plan in Word: two header rows (the target year spans the five
    level columns), area cells merged down over their activities, and the table split over
    two pages with the header repeated."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_paragraph(EGOV_TITLE)
    document.add_paragraph(OFFICE_LINE)

    def table(rows: tuple) -> None:
        t = document.add_table(rows=2 + len(rows), cols=len(HEADER) + 5)
        for c, text in enumerate(HEADER):
            t.cell(0, c).text = text
            t.cell(0, c).merge(t.cell(1, c))
        top = t.cell(0, len(HEADER)).merge(t.cell(0, len(HEADER) + 4))
        top.text = "লক্ষ্যমাত্রা 2023-24"
        for k, name in enumerate(LEVEL_NAMES):
            t.cell(1, len(HEADER) + k).text = name
        for r, (area, aw, act, ind, unit, w, levels) in enumerate(rows, start=2):
            for c, text in enumerate((area, aw, act, ind, unit, w, *levels)):
                t.cell(r, c).text = text
        # merge the area and area-weight cells of consecutive rows of one area
        for c in (0, 1):
            r = 2
            while r < 2 + len(rows):
                end = r
                while end + 1 < 2 + len(rows) and rows[end + 1 - 2][0] == rows[r - 2][0]:
                    end += 1
                if end > r:
                    text = t.cell(r, c).text
                    merged = t.cell(r, c).merge(t.cell(end, c))
                    merged.text = text
                r = end + 1

    if repeat_header:
        table(EGOV_ROWS[:2])
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        table(EGOV_ROWS[2:])
    else:
        table(EGOV_ROWS)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


NIS_TITLE = ("উপজেলা ভূমি অফিস, সদর, নড়াইলের জাতীয় শুদ্ধাচার কৌশল কর্ম-পরিকল্পনা "
             "(জুলাই-সেপ্টেম্বর/২০২৩), অর্থ বছর 2023-24")


def nis_xlsx() -> bytes:
    """An integrity (NIS) plan with first-quarter achievements in Excel: the header in another
    column order (unit before weight, no responsible-post column), area headings merged across
    the row, real dates and percent-formatted numbers, and the header repeated on a second
    sheet that continues the table."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "page 1"
    header1 = ["কার্যক্রমের নাম", "কর্মসম্পাদন সূচক", "একক", "সূচকের মান",
               "2023-24 অর্থবছরের লক্ষ্যমাত্রা", "বাস্তবায়ন অগ্রগতি পরিবীক্ষণ", None, None, None,
               None, "মন্তব্য"]
    header2 = [None, None, None, None, None, "লক্ষ্যমাত্রা/অর্জন", "1ম কোয়ার্টার",
               "2য় কোয়ার্টার", "3য় কোয়ার্টার", "4র্থ কোয়ার্টার", None]
    ws.append([NIS_TITLE])
    ws.append(header1)
    ws.append(header2)
    ws.append(["1. প্রাতিষ্ঠানিক ব্যবস্থা ..... 6"])
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=11)
    ws.append(["1.1 নৈতিকতা কমিটির সভা", "অনুষ্ঠিত সভা", "সংখ্যা", 4, 4, "লক্ষ্যমাত্রা",
               1, 1, 1, 1, None])
    ws.append([None, None, None, None, None, "অর্জন", 1, None, None, None, None])
    ws.append(["1.2 সভার সিদ্ধান্ত বাস্তবায়ন", "বাস্তবায়িত সিদ্ধান্ত", "%", 2, 1.0,
               "লক্ষ্যমাত্রা", 1.0, 1.0, 1.0, 1.0, None])
    for cell in ws[7][4:10]:
        if isinstance(cell.value, float):
            cell.number_format = "0%"
    ws.append([None, None, None, None, None, "অর্জন", 0.9, None, None, None, None])
    ws["G8"].number_format = "0%"
    ws2 = wb.create_sheet("page 2")
    ws2.append(header1)
    ws2.append(header2)
    ws2.append(["2. ই-গভর্ন্যান্স ..... 3"])
    ws2.append(["2.1 ওয়েবসাইটে সেবাবক্স হালনাগাদকরণ", "সেবাবক্স হালনাগাদকৃত", "তারিখ", 3,
                dt.datetime(2024, 6, 30), "লক্ষ্যমাত্রা", dt.datetime(2023, 9, 30), None, None,
                dt.datetime(2024, 6, 30), None])
    ws2.append([None, None, None, None, None, "অর্জন", dt.datetime(2023, 9, 28), None, None,
                None, None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def workplan_xlsx() -> bytes:
    """An innovation team's work plan: term and period cells merged down their group."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["নড়াইল জেলা ইনোভেশন টিম কর্তৃক গৃহীত বার্ষিক কর্মপরিকল্পনা-2024"])
    ws.append(["কর্ম পরিকল্পনা", "ক্রমিক নং", "বিষয়", "বাস্তবায়ন পরিকল্পনা", "সংখ্যা", "বাস্তবায়নকাল"])
    ws.append(["স্বল্প মেয়াদী", 1, "সেবা সহজিকরণ", "দুটি সেবা সহজ করা", "2 টি সেবা",
               "জানুয়ারি-মার্চ 2024"])
    ws.append([None, 2, "প্রশিক্ষণ", "কর্মকর্তাদের প্রশিক্ষণ", "4×25=100 জন", None])
    ws.append(["দীর্ঘমেয়াদী", 1, "মাসিক সভা", "প্রতি মাসে সভা", "12টি", "জানুয়ারি-ডিসেম্বর 2024"])
    ws.merge_cells("A3:A4")
    ws.merge_cells("F3:F4")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def egov_pdf(tmp: Path) -> bytes:
    """The e-governance plan rendered as a PDF by typst (Bengali text, Latin digits)."""
    import typst

    def cell(text: str) -> str:
        return "[" + text.replace("[", "\\[").replace("]", "\\]").replace("%", "\\%") + "]"

    header = [*HEADER, *LEVEL_NAMES]
    rows = [[a, aw, act, ind, unit, w, *levels] for a, aw, act, ind, unit, w, levels in EGOV_ROWS]
    body = ", ".join(cell(t) for row in [header, *rows] for t in row)
    source = (
        '#set page(width: 297mm, height: 210mm, margin: 10mm)\n'
        '#set text(font: "Noto Sans Bengali", size: 8pt)\n'
        f"{EGOV_TITLE}\n\n{OFFICE_LINE}\n\n"
        f"#table(columns: {len(header)}, stroke: 0.5pt, {body})\n"
    )
    path = tmp / "plan.typ"
    path.write_text(source, encoding="utf-8")
    return bytes(typst.compile(str(path), font_paths=["/usr/share/fonts/truetype/noto"]))


# ---------------------------------------------------------------- bad files


def zip_bomb(size: int) -> bytes:
    """A DOCX-looking zip whose one part expands to `size` bytes of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("word/document.xml", "w") as fh:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return out.getvalue()


def docx_with_entities() -> bytes:
    """A DOCX whose document part declares entities (the "billion laughs" pattern)."""
    good = egov_docx(repeat_header=False)
    src = zipfile.ZipFile(io.BytesIO(good))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                decl, _, rest = data.partition(b"?>")
                data = (decl + b'?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
                        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' + rest)
            z.writestr(info, data)
    return out.getvalue()


def encrypted_docx(password: str = "kormo") -> bytes:
    """A real password-protected Word file (ECMA-376 agile encryption, msoffcrypto-tool)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = io.BytesIO(egov_docx(repeat_header=False))
    out = io.BytesIO()
    OOXMLFile(plain).encrypt(password, out)
    return out.getvalue()


def encrypted_pdf(tmp: Path) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(egov_pdf(tmp))))
    writer.encrypt(user_password="kormo", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
