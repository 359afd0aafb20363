"""Text copies that dropped their empty cells (issue 13, item 3): rows shorter than the header
are put back under it by the content of their cells and the known column order; a line that
lost all its tabs between two rows stays in the table; a lower header row that lost its
leading empty cells sits under the last columns."""

from __future__ import annotations

from decimal import Decimal

from kormo.domain.plan import Quarter
from kormo.importers.api import import_bytes
from kormo.importers.readers.model import Cell, Position, Row
from kormo.importers.readers.tsv import read_tsv
from kormo.importers.recognise.headers import Column, Header, Role, TableKind
from kormo.importers.recognise.indicators.align import align_row

QUARTERLY = "\n".join([
    "শুদ্ধাচার কর্মপরিকল্পনা ২০২৩-২০২৪",
    "দপ্তর/সংস্থার নাম: উপজেলা কৃষি অফিস, দিনাজপুর",
    "",
    "কার্যক্রম\tকর্মসম্পাদন সূচক\tসূচকের মান\tএকক\tদায়িত্বপ্রাপ্ত ব্যক্তি/পদ\t"
    "২০২৩-২৪ অর্থবছরের লক্ষ্যমাত্রা\tলক্ষ্যমাত্রা/ অর্জন\t১ম কোয়ার্টার\t২য় কোয়ার্টার\t"
    "৩য় কোয়ার্টার\t৪র্থ কোয়ার্টার",
    "১. প্রাতিষ্ঠানিক ব্যবস্থা ..... ১০",
    "১.১ নৈতিকতা কমিটির সভা আয়োজন\tসভা আয়োজিত\t৪\tসংখ্যা\tফোকাল পয়েন্ট\t৪\tলক্ষ্যমাত্রা"
    "\t১\t১\t১\t১",
    "অর্জন\t১\t-\t-\t-",
    "১.২ সুশাসন প্রতিষ্ঠার নিমিত্ত অংশীজনের সভা\tসভা আয়োজিত\t৬\tসংখ্যা\tঅফিস প্রধান\t৮\t"
    "লক্ষ্যমাত্রা\t২\t২\t২\t২",
    "অর্জন\t২\t২\t-\t-",
    "",
])


def test_achievement_rows_that_lost_their_leading_cells_are_read_under_the_quarters() -> None:
    (plan,) = import_bytes(QUARTERLY.encode(), "dropped.txt").plans
    inds = [i for a in plan.areas for ac in a.activities for i in ac.indicators]
    assert [(i.number, i.weight, getattr(i.annual_target, "value", None)) for i in inds] == [
        ("1.1.1", Decimal(4), Decimal(4)), ("1.2.1", Decimal(6), Decimal(8))]
    # the achievements sit under Q1 and Q2, not under the annual target and the label
    q = {(p.indicator, p.quarter): getattr(p.value, "value", None) for p in plan.progress}
    assert q[("1.1.1", Quarter.Q1)] == Decimal(1)
    assert q[("1.2.1", Quarter.Q1)] == Decimal(2) and q[("1.2.1", Quarter.Q2)] == Decimal(2)
    assert plan.areas[0].weight == Decimal(10)


def test_a_line_without_tabs_between_rows_is_a_one_cell_row_of_the_table() -> None:
    doc = read_tsv("a\tb\nheading\nc\td\n\nafter\n")
    (table, para) = doc.blocks
    assert [r.texts() for r in table.rows] == [["a", "b"], ["heading"], ["c", "d"]]
    assert para.text == "after"


def test_a_lower_header_row_that_dropped_its_leading_cells_sits_under_the_last_columns() -> None:
    text = "\n".join([
        "ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা ২০২৩-২৪",
        "কার্যক্রম\tকর্মসম্পাদন সূচক\tএকক\tকর্মসম্পাদন সূচকের মান\tলক্ষ্যমাত্রা ২০২৩-২৪",
        "অসাধারণ\tঅতি উত্তম\tউত্তম\tচলতি মান\tচলতি মানের নিম্নে",
        "[১.১] ই-নথির ব্যবহার বৃদ্ধি\t[১.১.১] ই-ফাইলে নোট নিষ্পত্তিকৃত\t%\t৫\t৮০%\t৭০%\t৬০%\t"
        "৫০%\t৪০%",
        "",
    ])
    (plan,) = import_bytes(text.encode(), "levels.txt").plans
    (ind,) = [i for a in plan.areas for ac in a.activities for i in ac.indicators]
    assert ind.weight == Decimal(5)
    levels = ind.levels
    assert [getattr(v, "value", None) for v in (levels.v100, levels.v90, levels.v80,
                                                levels.v70, levels.v60)] == [
        Decimal(80), Decimal(70), Decimal(60), Decimal(50), Decimal(40)]


def test_alignment_follows_content_and_leaves_full_rows_alone() -> None:
    roles = [Role.ACTIVITY, Role.INDICATOR, Role.UNIT, Role.WEIGHT, Role.LABEL,
             Role.QUARTER, Role.QUARTER]
    header = Header(TableKind.QUARTERLY, [Column(k, r, "") for k, r in enumerate(roles)], 1,
                    [], None, tuple("" for _ in roles))

    def row(*texts: str) -> Row:
        return Row(tuple(Cell(t, Position(column=k)) for k, t in enumerate(texts)), Position())

    short = align_row(row("অর্জন", "৩", "-"), header)
    assert short.texts() == ["", "", "", "", "অর্জন", "৩", "-"]
    slid = align_row(row("১.১ কাজ", "সূচক", "৫", "লক্ষ্যমাত্রা", "১", "১"), header)
    assert slid.texts() == ["১.১ কাজ", "সূচক", "", "৫", "লক্ষ্যমাত্রা", "১", "১"]
    full = row("১.১ কাজ", "সূচক", "সংখ্যা", "৫", "লক্ষ্যমাত্রা", "১", "১")
    assert align_row(full, header) is full
    kept_gaps = row("১.১ কাজ", "", "সংখ্যা", "৫")
    assert align_row(kept_gaps, header) is kept_gaps


def test_an_indicator_numbered_without_brackets_loses_its_number_from_the_name() -> None:
    # "1.1.1 name" in the indicator column: the number is the indicator's, not part of its name
    text = "\n".join([
        "ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা ২০২৩-২৪",
        "কার্যক্রম\tকর্মসম্পাদন সূচক\tএকক\tকর্মসম্পাদন সূচকের মান\tঅসাধারণ\tঅতি উত্তম\tউত্তম\t"
        "চলতি মান\tচলতি মানের নিম্নে",
        "১.১ ই-নথির ব্যবহার বৃদ্ধি\t১.১.১ ই-ফাইলে নোট নিষ্পত্তিকৃত\t%\t৫\t৮০%\t৭০%\t৬০%\t৫০%\t৪০%",
        "১.২ সভা\t1.2.1 ২ টি সভা আয়োজিত\tসংখ্যা\t৩\t৪\t৩\t২\t১\t-",
        "",
    ])
    (plan,) = import_bytes(text.encode(), "numbers.txt").plans
    inds = [(i.number, i.name) for a in plan.areas for ac in a.activities for i in ac.indicators]
    assert inds == [("1.1.1", "ই-ফাইলে নোট নিষ্পত্তিকৃত"), ("1.2.1", "২ টি সভা আয়োজিত")]
