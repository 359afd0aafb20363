"""Each flagged repair of the indicator tables, on single rows (`recognise.indicators.repairs`)."""

from __future__ import annotations

from decimal import Decimal

from kormo.importers import FlagCode
from kormo.importers.readers.model import Cell, Position
from kormo.importers.recognise.indicators.drafts import (
    ActivityDraft,
    AreaDraft,
    IndicatorDraft,
)
from kormo.importers.recognise.indicators.repairs import (
    check_area_weights,
    is_repeated_header,
    next_free_number,
)
from kormo.importers.recognise.similar import skeleton
from kormo.importers.recognise.values import Sink


def test_duplicate_number_takes_the_next_free_one() -> None:
    assert next_free_number("1.2", ["1.1", "1.2"]) == "1.3"
    assert next_free_number("1.2", ["1.2", "1.3", "1.4"]) == "1.5"
    assert next_free_number("3", ["1", "2", "3"]) == "4"


def test_number_that_lost_its_last_part_gets_one_instead_of_failing() -> None:
    # "1." printed for an activity whose number was cut: the import goes on
    assert next_free_number("1.", ["1.1"]) == "1.2"
    assert next_free_number("2.", []) == "2.1"


def _area(printed: str, weight: Decimal, indicator_weights: list[int]) -> AreaDraft:
    cell = Cell(printed, Position(table=0, row=3, column=1))
    act = ActivityDraft("1.1", "কার্যক্রম", None)
    act.indicators = [IndicatorDraft(f"1.1.{k}", "সূচক", None, weight=Decimal(w))
                      for k, w in enumerate(indicator_weights, start=1)]
    return AreaDraft("1", "ক্ষেত্র", None, weight=weight, weight_cell=cell, activities=[act])


def test_area_weight_with_a_digit_cut_off_is_read_from_its_indicators_and_flagged() -> None:
    area = _area("৩", Decimal(3), [10, 12, 8])
    sink = Sink()
    check_area_weights([area], sink)
    assert area.weight == Decimal(30)
    (flag,) = sink.flags
    assert flag.code is FlagCode.WEIGHT_TRUNCATED
    assert flag.place == "area 1 / weight" and flag.kept == "30"
    assert "৩" in flag.reason_bn and "30" in flag.reason_en


def test_area_weight_that_simply_differs_is_kept_as_printed_without_a_claim() -> None:
    # 25 against 30 is an error for validation to report, not a cut digit
    area = _area("২৫", Decimal(25), [10, 12, 8])
    sink = Sink()
    check_area_weights([area], sink)
    assert area.weight == Decimal(25)
    assert sink.flags == []


HEADER_WORDS = {skeleton(t) for t in ("কার্যক্রম", "কর্মসম্পাদন সূচক", "সূচকের মান", "একক",
                                      "লক্ষ্যমাত্রা/ অর্জন", "১ম কোয়ার্টার")}


def test_header_printed_again_is_not_data_even_with_other_slips() -> None:
    assert is_repeated_header(["কার্যক্রম", "কর্মসম্পাদন সচক", "সূচকের মান", "একক"], HEADER_WORDS)
    assert is_repeated_header(["১", "২", "৩", "৪", "৫"], HEADER_WORDS)  # its column numbers


def test_rows_of_values_are_never_taken_for_a_header() -> None:
    assert not is_repeated_header(["অর্জন", "১", "-", "-", "-"], HEADER_WORDS)
    assert not is_repeated_header(["[১.১] কার্যক্রম", "একক"], HEADER_WORDS)  # numbered
    assert not is_repeated_header(["সভা আয়োজন", "সংখ্যা", "৪"], HEADER_WORDS)
