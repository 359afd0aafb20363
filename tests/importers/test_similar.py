"""Header words and titles recognised by similarity after Bengali normalisation (issue 13 item 1),
each deciding match flagged with what was read and what it was taken for; kinds from all the
evidence, a guess named as one (item 2)."""

from __future__ import annotations

import pytest

from kormo.domain.plan import PlanKind
from kormo.importers import FlagCode
from kormo.importers.api import import_bytes
from kormo.importers.readers.model import Cell, Position, Row, Table
from kormo.importers.recognise.headers import Role, analyse
from kormo.importers.recognise.kinds import kind_of_title_similar
from kormo.importers.recognise.similar import contains, skeleton


@pytest.mark.parametrize(("written", "meant"), [
    ("কর্মসম্পাদন সচক", "কর্মসম্পাদন সূচক"),  # a vowel sign lost
    ("তথয অধিকার", "তথ্য অধিকার"),  # হসন্ত lost
    ("মৌট অর্জন", "মোট অর্জন"),  # ো for ৌ
    ("কার্যক্র মসমূহ", "কার্যক্রম"),  # a word split
    ("কর্মসম্পlদন", "কর্মসম্পাদন"),  # a Latin look-alike for া
    ("দায়িত্বপ্রাপ্ত", "দায়িত্বপ্রাপ্ত"),  # nukta letter in two characters
])
def test_slips_of_typing_and_scanning_are_read_as_the_word_meant(written: str, meant: str) -> None:
    assert skeleton(written) == skeleton(meant) or contains(written, meant) is not None


def test_short_and_unrelated_words_are_not_matched() -> None:
    assert contains("সূচকের মান", "ক্ষেত্রের মান") is None
    assert contains("মন্তব্য", "মান") is None  # two letters: only as written
    assert contains("লক্ষ্যমাত্রা/অর্জন", "অর্জিত মান") is None


def _table(*rows: tuple[str, ...]) -> Table:
    return Table(0, tuple(Row(tuple(Cell(t, Position(table=0, row=r, column=c))
                                    for c, t in enumerate(row)), Position(table=0, row=r))
                          for r, row in enumerate(rows)), Position(table=0))


def test_damaged_header_gets_its_roles_and_each_similar_match_is_recorded() -> None:
    header = analyse(_table(
        ("কার্যক্র মসমূহ", "কর্মসম্পাদন সচক", "সূচকের মান", "একক", "অসাধারন", "অতি উত্তম",
         "উত্তম", "চলতি মান", "চলত মানের নম্নে"),
        ("[১.১] সভা", "[১.১.১] সভা আয়োজিত", "৫", "সংখ্যা", "৪", "৩", "২", "১", "-"),
    ))
    roles = [c.role for c in header.columns]
    assert roles[:4] == [Role.ACTIVITY, Role.INDICATOR, Role.WEIGHT, Role.UNIT]
    assert [c.level for c in header.columns[4:]] == [100, 90, 80, 70, 60]
    similar = {(f.before, f.after) for _, f in header.fixes if f.code == "similar"}
    assert ("কর্মসম্পাদন সচক", "কর্মসম্পাদন সূচক") in similar or \
        ("কর্মসম্পাদন সচক", "সূচক") in similar
    assert ("চলত মানের নম্নে", "চলতি মানের নিম্নে") in similar
    # words read as written claim no slip
    assert not any(before == "একক" for before, _ in similar)


def test_damaged_title_names_its_kind() -> None:
    assert kind_of_title_similar("তথয অধিকার কর্মপরিকল্পনা ২০২২-২৩")[0] \
        is PlanKind.RIGHT_TO_INFORMATION
    kind, match = kind_of_title_similar("অভিযোগ প্রতিকর ব্যবস্থা কর্মপরিকল্পনার পরিবীক্ষণ প্রতিবেদন")
    assert kind is PlanKind.GRIEVANCE_REDRESS and match is not None
    assert kind_of_title_similar("সভার কার্যবিবরণী")[0] is None


HEADER = "কার্যক্রম\tকর্মসম্পাদন সচক\tসূচকের মান\tএকক\tঅসাধারণ\tঅতি উত্তম\tউত্তম\tচলতি মান\tচলতি মানের নিম্নে"
ROW = "[১.১] সভা\t[১.১.১] সভা আয়োজিত\t৫\tসংখ্যা\t৪\t৩\t২\t১\t-"


def test_import_flags_the_similar_header_and_a_guessed_kind_names_the_close_kinds() -> None:
    text = f"দপ্তর/সংস্থার নাম: জেলা তথ্য অফিস, সিলেট\n\n{HEADER}\n[১] সক্ষমতা (মান: ৫)\n{ROW}\n"
    result = import_bytes(text.encode(), "plan.txt")
    (plan,) = result.plans
    assert plan.indicators[0].name == "সভা আয়োজিত"
    codes = {f.code for f in result.flags}
    assert FlagCode.HEADER_SIMILAR in codes
    header_flag = next(f for f in result.flags if f.code is FlagCode.HEADER_SIMILAR)
    assert header_flag.written == "কর্মসম্পাদন সচক" and "সূচক" in header_flag.kept
    guessed = next(f for f in result.flags if f.code is FlagCode.KIND_GUESSED)
    assert guessed.kept == plan.kind.value
    # the close kinds are named, in both languages
    assert "grievance redress" in guessed.reason_en and "অভিযোগ প্রতিকার" in guessed.reason_bn


def test_title_naming_the_kind_leaves_no_guess() -> None:
    text = (f"অভিযোগ প্রতিকার ব্যবস্থা কর্মপরিকল্পনা ২০২৩-২৪\n\n{HEADER}\n"
            f"[১] সক্ষমতা (মান: ৫)\n{ROW}\n")
    result = import_bytes(text.encode(), "plan.txt")
    assert result.plans[0].kind is PlanKind.GRIEVANCE_REDRESS
    assert FlagCode.KIND_GUESSED not in {f.code for f in result.flags}


def test_quarter_number_comes_from_its_ordinal_not_from_the_year_above_it() -> None:
    header = analyse(_table(
        ("কার্যক্রম", "সূচক", "মান", "একক", "পরিবীক্ষণ ২০২৩-২৪", "", "", ""),
        ("", "", "", "", "১ম কোয়ার্টর", "২য় কোয়ার্টার", "৩য় কোয়ার্টার", "৪র্থ কয়ার্টার"),
        ("১.১ সভা", "সভা আয়োজিত", "৪", "সংখ্যা", "১", "১", "১", "১"),
    ))
    assert [c.quarter for c in header.columns[4:]] == [1, 2, 3, 4]


def test_a_longer_level_name_with_a_slip_is_not_taken_for_the_shorter_one_inside_it() -> None:
    header = analyse(_table(
        ("কর্মসম্পাদন সূচক", "একক", "অসাধা রণ ২০২৩-২৪", "অত উত্তম", "উত্তম", "চলতি মান",
         "চলতি মনের নিম্নে"),
        ("[১.১.১] সভা আয়োজিত", "সংখ্যা", "৫", "৪", "৩", "২", "১"),
    ))
    assert [c.level for c in header.columns[2:]] == [100, 90, 80, 70, 60]


def test_strategic_objective_is_the_area_column_and_a_bare_damaged_weight_word_the_weight(
) -> None:
    header = analyse(_table(
        ("কৌশলগত উদ্দেশ্য", "কার্যক্রম", "কর্মসম্পাদন সূচক", "একক", "মlন", "অসাধারণ"),
        ("[১] সেবা", "[১.১] সভা", "[১.১.১] সভা আয়োজিত", "সংখ্যা", "৫", "৪"),
    ))
    assert [c.role for c in header.columns[:5]] == [Role.AREA, Role.ACTIVITY, Role.INDICATOR,
                                                    Role.UNIT, Role.WEIGHT]


def test_percent_level_with_its_year_and_an_ordinal_that_lost_its_hasanta() -> None:
    levels = analyse(_table(
        ("কর্মসম্পাদন সূচক", "একক", "১০০% ২০২৩-২৪", "৯০%", "৮০%", "৭০%", "৬০%"),
        ("[১.১.১] সভা আয়োজিত", "সংখ্যা", "৫", "৪", "৩", "২", "১"),
    ))
    assert [c.level for c in levels.columns[2:]] == [100, 90, 80, 70, 60]
    quarters = analyse(_table(
        ("কার্যক্রম", "সূচক", "৩য় কোয়ার্টার", "৪রথ কোয়ার্টার"),
        ("১.১ সভা", "সভা আয়োজিত", "১", "১"),
    ))
    assert [c.quarter for c in quarters.columns[2:]] == [3, 4]
