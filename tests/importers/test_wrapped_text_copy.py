"""A name wrapped in a text copy whose continuation line lost its tabs (a one-cell row): the
column it continues is not known from its place, so the content decides (issue 13, item 3):
a name whose first line held only its number, a name left unfinished ("… সময়ের"), or the
column whose names end the way the line ends (an indicator's result "… প্রকাশিত", an
activity's action "… আয়োজন")."""

from __future__ import annotations

import random

import pytest

from kormo.importers import FlagCode
from kormo.importers.api import import_bytes
from tests.importers import documents as D

AREA, ACTIVITY = "[1] দপ্তরের সেবা সহজিকরণ", "[1.1] সেবা সহজিকরণ কার্যক্রম পরিচালনা"
# (first line, continuation) of indicator names; each continuation ends in a result word
INDICATORS = (
    ("নির্ধারিত সময়ের", "বার্ষিক প্রতিবেদন প্রকাশিত"),
    ("বাস্তবায়ন", "অগ্রগতি পরিবীক্ষণকৃত"),
    ("", "সেবাগ্রহীতার সংখ্যা"),
    ("জেলা ও উপজেলা পর্যায়ে ডিজিটাল", "বাংলাদেশ দিবস উদ্যাপিত"),
    ("আওতাধীন দপ্তর/", "সংস্থার প্রতিবেদন পর্যালোচনা সম্পন্ন"),
)


LAST = ["[2] সক্ষমতা বৃদ্ধি", "10", "[2.1] কর্মশালা আয়োজন", "[2.1.1] কর্মশালা আয়োজিত", "সংখ্যা",
        "10", "4", "3", "2", "1", ""]


def _tsv(rows: list[list[str]]) -> bytes:
    # a line without tabs at the very end of a table reads as a paragraph: rows follow
    lines = [D.EGOV_TITLE, D.OFFICE_LINE, "", "\t".join([*D.HEADER, *D.LEVEL_NAMES])]
    lines += ["\t".join(r).rstrip("\t") for r in [*rows, LAST]]
    return ("\n".join(lines) + "\n").encode()


def _values(rng: random.Random) -> list[str]:
    top = rng.randint(20, 60)
    return ["সংখ্যা", str(rng.randint(1, 9))] + [str(top - 2 * k) for k in range(5)]


@pytest.mark.parametrize("seed", range(6))
def test_an_indicator_continuation_without_tabs_joins_the_indicator(seed: int) -> None:
    rng = random.Random(seed)
    picks = rng.sample(INDICATORS, 3)
    rows: list[list[str]] = []
    for k, (first, rest) in enumerate(picks, start=1):
        lead = [AREA, "20", ACTIVITY] if k == 1 else ["", "", ""]
        rows.append([*lead, f"[1.1.{k}] {first}".strip(), *_values(rng)])
        rows.append([rest])  # the copy lost the tabs before the rest of the name
    result = import_bytes(_tsv(rows), "wrapped.txt")
    (plan,) = result.plans
    got = [(i.number, i.name) for i in plan.indicators]
    assert got[:3] == [(f"1.1.{k}", f"{a} {b}".strip())
                       for k, (a, b) in enumerate(picks, start=1)]
    assert plan.areas[0].name == "দপ্তরের সেবা সহজিকরণ"
    assert plan.areas[0].activities[0].name == "সেবা সহজিকরণ কার্যক্রম পরিচালনা"
    joined = [f for f in result.flags if f.code is FlagCode.TEXT_JOINED]
    assert [f.place.split(" / ")[-1] for f in joined] == ["1.1.1", "1.1.2", "1.1.3"]


def test_an_activity_continuation_without_tabs_joins_the_activity() -> None:
    rows = [[AREA, "20", "[1.1] সেবা সহজিকরণ বিষয়ক", "[1.1.1] কর্মশালা আয়োজিত",
             *_values(random.Random(1))],
            ["কর্মশালা আয়োজন"]]
    (plan,) = import_bytes(_tsv(rows), "activity.txt").plans
    assert plan.areas[0].activities[0].name == "সেবা সহজিকরণ বিষয়ক কর্মশালা আয়োজন"
    assert plan.indicators[0].name == "কর্মশালা আয়োজিত"
    assert plan.indicators[-1].name == "কর্মশালা আয়োজিত"


def test_a_line_that_says_nothing_of_its_column_stays_in_its_own() -> None:
    # neither name is unfinished and the line ends like neither kind of name: column 0
    rows = [[AREA, "20", ACTIVITY, "[1.1.1] কর্মশালা আয়োজিত", *_values(random.Random(2))],
            ["(জেলা পর্যায়)"]]
    (plan,) = import_bytes(_tsv(rows), "area.txt").plans
    assert plan.areas[0].name == "দপ্তরের সেবা সহজিকরণ (জেলা পর্যায়)"
    assert plan.indicators[0].name == "কর্মশালা আয়োজিত"


def test_a_docx_continuation_under_merged_area_cells_joins_the_indicator() -> None:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(D.EGOV_TITLE)
    document.add_paragraph(D.OFFICE_LINE)
    header = [*D.HEADER, *D.LEVEL_NAMES]
    body = [[AREA, "20", ACTIVITY, "[1.1.1]", *_values(random.Random(3))],
            ["", "", "", "পরিকল্পনা দাখিলকৃত", *[""] * 7]]
    table = document.add_table(rows=3, cols=len(header))
    for r, row in enumerate([header, *body]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for c in range(3):  # area, its weight and the activity merged over both rows
        table.cell(1, c).merge(table.cell(2, c)).text = body[0][c]
    out = io.BytesIO()
    document.save(out)
    (plan,) = import_bytes(out.getvalue(), "merged.docx").plans
    assert [(i.number, i.name) for i in plan.indicators] == [("1.1.1", "পরিকল্পনা দাখিলকৃত")]
