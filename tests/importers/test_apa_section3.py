"""The APA's section 3 as offices print it (issue 13, item 1): the second header row (the
years over the actuals and projections, the level names) printed again on each page, the area
and activity printed again in each of their rows with other slips, a title row merged across
the table above its header, a wrapped name whose first line holds only its number."""

from __future__ import annotations

import io
from decimal import Decimal

from kormo.domain.plan import Plan
from kormo.domain.values import Number
from kormo.importers import FlagCode, ImportResult
from kormo.importers.api import import_bytes

TITLE = "জেলা তথ্য অফিস, নড়াইল এর বার্ষিক কর্মসম্পাদন চুক্তি (২০২২-২০২৩)"
TOP = ["কর্মসম্পাদনের ক্ষেত্র", "ক্ষেত্রের মান", "কার্যক্রম", "কর্মসম্পাদন সূচক", "গণনা পদ্ধতি",
       "একক", "সূচকের মান", "প্রকৃত অর্জন", "", "লক্ষ্যমাত্রা/নির্ণায়ক ২০২২-২৩", "", "", "",
       "", "প্রক্ষেপণ", ""]
LOW = ["", "", "", "", "", "", "", "২০২০-২১", "২০২১-২২", "অসাধারণ", "অতি উত্তম", "উত্তম",
       "চলতি মান", "চলতি মানের নিম্নে", "২০২৩-২৪", "২০২৪-২৫"]
VALUES = ["৮", "৯", "১০", "৯", "৮", "৭", "৬", "১১", "১২"]


def _tsv(rows: list[list[str]]) -> bytes:
    lines = [TITLE, ""] + ["\t".join(r).rstrip("\t") for r in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _row(area: str, aw: str, act: str, ind: str, unit: str = "সংখ্যা", weight: str = "৫",
         values: list[str] = VALUES) -> list[str]:
    return [area, aw, act, ind, "সমষ্টি", unit, weight, *values]


def _indicators(plan: Plan) -> list[tuple[str, str, Decimal | None]]:
    return [(i.number, i.name, i.weight) for i in plan.indicators]


def _codes(result: ImportResult) -> list[FlagCode]:
    return [f.code for f in result.flags]


def test_the_year_and_level_row_printed_again_is_a_header_not_an_indicator() -> None:
    rows = [TOP, LOW,
            _row("[১] সেবা সহজিকরণ", "১০", "[১.১] ই-নথি ব্যবহার", "[১.১.১] নোট নিষ্পত্তিকৃত"),
            TOP, LOW,  # the header on the next page, both its rows
            _row("", "", "[১.২] প্রশিক্ষণ", "[১.২.১] প্রশিক্ষিত কর্মচারী")]
    result = import_bytes(_tsv(rows), "apa.txt")
    (plan,) = result.plans
    assert _indicators(plan) == [("1.1.1", "নোট নিষ্পত্তিকৃত", Decimal(5)),
                                 ("1.2.1", "প্রশিক্ষিত কর্মচারী", Decimal(5))]
    second = plan.indicators[1]
    assert [(a.fiscal_year, a.value) for a in second.actuals] == [
        ("2020-21", Number(Decimal(8))), ("2021-22", Number(Decimal(9)))]
    assert [(p.fiscal_year, p.value) for p in second.projections] == [
        ("2023-24", Number(Decimal(11))), ("2024-25", Number(Decimal(12)))]
    assert second.levels.v100 == Number(Decimal(10))
    # nothing was read from the repeated years or level names
    assert FlagCode.UNREADABLE not in _codes(result)
    assert FlagCode.NAME_FROM_ACTIVITY not in _codes(result)


def test_an_activity_printed_again_with_other_slips_is_the_same_activity_and_flagged() -> None:
    rows = [TOP, LOW,
            _row("[১] সেবা সহজিকরণ", "১০", "[১.১] ই-নথির ব্যবহার বৃদ্ধি", "[১.১.১] নোট নিষ্পত্তিকৃত"),
            _row("[১] সেবা সহজকরণ", "১০", "[১.১] ই-নথর ব্যবহার বৃদ্ধি", "[১.১.২] ই-ফাইল খোলা হয়েছে"),
            _row("[১] সেবা সহজিকরণ", "১০", "[১.২] প্রশিক্ষণ", "[১.২.১] প্রশিক্ষিত কর্মচারী")]
    result = import_bytes(_tsv(rows), "apa.txt")
    (plan,) = result.plans
    (area,) = plan.areas
    assert [(a.number, a.name, [i.number for i in a.indicators]) for a in area.activities] == [
        ("1.1", "ই-নথির ব্যবহার বৃদ্ধি", ["1.1.1", "1.1.2"]),
        ("1.2", "প্রশিক্ষণ", ["1.2.1"])]
    (flag,) = [f for f in result.flags if f.code is FlagCode.NAME_REPEATED]
    assert flag.place.endswith("/ 1.1")
    assert flag.written == "ই-নথর ব্যবহার বৃদ্ধি" and flag.kept == "ই-নথির ব্যবহার বৃদ্ধি"
    assert "ই-নথর" in flag.reason_bn and "same activity" in flag.reason_en
    assert FlagCode.RENUMBERED not in _codes(result)


def test_two_different_activities_under_one_number_are_still_told_apart() -> None:
    rows = [TOP, LOW,
            _row("[১] সেবা সহজিকরণ", "১০", "[১.১] ই-নথির ব্যবহার বৃদ্ধি", "[১.১.১] নোট নিষ্পত্তিকৃত"),
            _row("", "", "[১.১] কর্মশালা আয়োজন", "[১.১.২] কর্মশালা আয়োজিত")]
    result = import_bytes(_tsv(rows), "apa.txt")
    (plan,) = result.plans
    assert [a.name for a in plan.areas[0].activities] == ["ই-নথির ব্যবহার বৃদ্ধি", "কর্মশালা আয়োজন"]
    assert FlagCode.NAME_REPEATED not in _codes(result)
    assert FlagCode.RENUMBERED in _codes(result)


def test_a_name_whose_first_line_is_only_its_number_is_joined_with_its_words() -> None:
    rows = [TOP, LOW,
            _row("১ সেবা সহজিকরণ", "১০", "১.১ ই-নথি ব্যবহার", "১.১.১"),
            ["", "", "", "নোট নিষ্পত্তিকৃত"]]
    result = import_bytes(_tsv(rows), "apa.txt")
    (plan,) = result.plans
    assert _indicators(plan) == [("1.1.1", "নোট নিষ্পত্তিকৃত", Decimal(5))]
    assert FlagCode.TEXT_JOINED in _codes(result)


def test_a_title_row_merged_across_the_table_in_word_is_not_read_into_the_columns() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    body = [_row("[১] সেবা সহজিকরণ", "১০", "[১.১] ই-নথি ব্যবহার", "[১.১.১] নোট নিষ্পত্তিকৃত",
                 weight="৪"),
            _row("", "", "[১.২] প্রশিক্ষণ", "[১.২.১] প্রশিক্ষিত কর্মচারী", weight="৬")]
    grid = [["সেকশন ৩: কর্মসম্পাদন পরিকল্পনা"] + [""] * (len(TOP) - 1), TOP, LOW, *body]
    table = document.add_table(rows=len(grid), cols=len(TOP))
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    title = table.cell(0, 0).merge(table.cell(0, len(TOP) - 1))
    title.text = grid[0][0]  # Word repeats it in every cell the merge spans
    out = io.BytesIO()
    document.save(out)
    result = import_bytes(out.getvalue(), "apa.docx")
    (plan,) = result.plans
    assert _indicators(plan) == [("1.1.1", "নোট নিষ্পত্তিকৃত", Decimal(4)),
                                 ("1.2.1", "প্রশিক্ষিত কর্মচারী", Decimal(6))]
    assert plan.areas[0].weight == Decimal(10)
    assert FlagCode.NOT_KEPT not in _codes(result)


def test_a_header_of_level_percents_printed_again_is_skipped() -> None:
    head = ["কর্মসম্পাদনের ক্ষেত্র", "মান", "কার্যক্রম", "কর্মসম্পাদন সূচক", "একক", "সূচকের মান",
            "১০০% ২০২২-২৩", "৯০%", "৮০%", "৭০%", "৬০%"]
    rows = [head,
            ["[১] সেবা সহজিকরণ", "১০", "[১.১] ই-নথি ব্যবহার", "[১.১.১] নোট নিষ্পত্তিকৃত", "সংখ্যা", "৫",
             "১০", "৯", "৮", "৭", "৬"],
            head,
            ["", "", "[১.২] প্রশিক্ষণ", "[১.২.১] প্রশিক্ষিত কর্মচারী", "জন", "৫", "২০", "১৮", "১৬",
             "১৪", "১২"]]
    result = import_bytes(_tsv(rows), "apa.txt")
    (plan,) = result.plans
    assert [i.number for i in plan.indicators] == ["1.1.1", "1.2.1"]
    assert plan.indicators[1].levels.v60 == Number(Decimal(12))
    assert FlagCode.UNREADABLE not in _codes(result)


def test_projections_slid_into_an_empty_level_are_moved_back_and_flagged() -> None:
    # the 60 % level is blank; the copy dropped its cell, so both projections slid left: the
    # last "level" (১২ after ১০, ৯, ৮, ৭) breaks the run, the last column is empty
    slid = _row("[১] সেবা সহজিকরণ", "১০", "[১.১] ই-নথি ব্যবহার", "[১.১.১] নোট নিষ্পত্তিকৃত",
                values=["৮", "৯", "১০", "৯", "৮", "৭", "১২", "১৪"])
    # a date a year on, in a row one cell short (dropped before the projections)
    dated = _row("", "", "[১.২] সভা", "[১.২.১] সভা আয়োজিত", unit="তারিখ",
                 values=["১০/১১/২০২০", "১০/১১/২০২১", "১০/১১/২০২২", "২০/১১/২০২২", "৩০/১১/২০২২",
                         "১০/১২/২০২২", "১০/১১/২০২৩", "১০/১১/২০২৪"])
    result = import_bytes(_tsv([TOP, LOW, slid, dated]), "apa.txt")
    (plan,) = result.plans
    first, second = plan.indicators
    assert first.levels.v70 == Number(Decimal(7)) and first.levels.v60 is None
    assert [p.value for p in first.projections] == [Number(Decimal(12)), Number(Decimal(14))]
    assert second.levels.v60 is None
    assert [p.fiscal_year for p in second.projections] == ["2023-24", "2024-25"]
    flags = {f.place.split(" / ", 1)[1]: f for f in result.flags
             if f.code is FlagCode.SHIFTED_PROJECTION}
    assert set(flags) == {"1.1.1 / levels.60", "1.2.1 / levels.60"}
    assert "breaks the run" in flags["1.1.1 / levels.60"].reason_en
    assert "next fiscal year" in flags["1.2.1 / levels.60"].reason_en


def test_a_name_wrapped_under_cells_word_merged_down_is_joined() -> None:
    """Word repeats the area and activity merged down over a wrapped name's second row; those
    copies are not the row's own text, so the row still continues the name above."""
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    head = [*TOP[:7], "অসাধারণ", "অতি উত্তম", "উত্তম", "চলতি মান", "চলতি মানের নিম্নে"]
    body = [["[১] সেবা সহজিকরণ", "১০", "[১.১] ই-নথি ব্যবহার", "[১.১.১] ই-ফাইলে নোট", "সমষ্টি",
             "সংখ্যা", "১০", "১০", "৯", "৮", "৭", "৬"],
            ["", "", "", "নিষ্পত্তিকৃত", "", "", "", "", "", "", "", ""]]
    table = document.add_table(rows=3, cols=len(head))
    for r, row in enumerate([head, *body]):
        for c, text in enumerate(row):
            if text:
                table.cell(r, c).text = text
    for c in (0, 1, 2):
        text = table.cell(1, c).text
        table.cell(1, c).merge(table.cell(2, c)).text = text
    out = io.BytesIO()
    document.save(out)
    result = import_bytes(out.getvalue(), "apa.docx")
    (plan,) = result.plans
    assert _indicators(plan) == [("1.1.1", "ই-ফাইলে নোট নিষ্পত্তিকৃত", Decimal(10))]
    assert FlagCode.TEXT_JOINED in _codes(result)
