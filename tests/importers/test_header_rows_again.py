"""Header rows printed again inside a table with level percents (১০০% … ৬০%), and a weight
column named "মান" under a heading row that spans the table (issue 13, item 3)."""

from __future__ import annotations

from decimal import Decimal

from kormo.importers.api import import_bytes
from kormo.importers.recognise.indicators.repairs import is_repeated_header
from kormo.importers.recognise.similar import skeleton

HEADER = ["কার্যক্রমের নাম", "কর্মসম্পাদন সূচক", "একক", "সূচকের মান", "১০০% ২০২২-২৩", "৯০%", "৮০%",
          "৭০%", "৬০%"]


def test_a_header_with_level_percents_printed_again_is_not_data() -> None:
    words = {skeleton(t) for t in HEADER}
    assert is_repeated_header(HEADER, words)
    # a row of percents alone (levels of a wrapped indicator) is data, not the header
    assert not is_repeated_header(["", "", "", "", "১০০%", "৯০%", "৮০%", "৭০%", "৬০%"], words)
    assert not is_repeated_header(["[১.১.১] সভা", "সংখ্যা", "৯০%", "৮০%"], words)


def _plan(head: list[str], lead: str = "") -> bytes:
    lines = ["ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা ২০২২-২৩", ""]
    lines += [lead] if lead else []
    lines += ["\t".join(head)]
    lines += ["১ সেবা সহজিকরণ", "\t".join(["১.১ সভা আয়োজন", "১.১.১ সভা আয়োজিত", "সংখ্যা", "৫",
                                            "৪", "৩", "২", "১", ""])]
    lines += ["২ সক্ষমতা বৃদ্ধি", "\t".join(head),
              "\t".join(["২.১ কর্মশালা আয়োজন", "২.১.১ কর্মশালা আয়োজিত", "%", "৩", "১০০%", "৯০%",
                         "৮০%", "৭০%", "৬০%"])]
    return ("\n".join(lines) + "\n").encode()


def test_the_header_again_after_an_area_heading_is_skipped() -> None:
    (plan,) = import_bytes(_plan(HEADER), "again.txt").plans
    assert [(i.number, i.name, i.weight) for i in plan.indicators] == [
        ("1.1.1", "সভা আয়োজিত", Decimal(5)), ("2.1.1", "কর্মশালা আয়োজিত", Decimal(3))]


def test_a_weight_named_man_under_a_heading_row_spanning_the_table() -> None:
    head = ["কার্যক্রম", "কর্মসম্পাদন সূচক", "একক", "মান", *HEADER[4:]]
    lead = "\t".join(["কর্মসম্পাদন পরিকল্পনা"] * len(head))  # Word repeats a merged heading
    (plan,) = import_bytes(_plan(head, lead), "man.txt").plans
    assert [i.weight for i in plan.indicators] == [Decimal(5), Decimal(3)]


def test_a_quarter_whose_ordinal_lost_a_sign_and_joined_the_word_is_read() -> None:
    from kormo.importers.recognise.headers import _quarter_similar

    for text, q in (("তৃতয়কোয়ার্টার", 3), ("দ্বিতয়কোয়ার্টার", 2), ("চতুরথকোয়ার্টার", 4)):
        found = _quarter_similar(text)
        assert found is not None and found[0] == q
        assert not found[1].exact  # flagged as read by similarity
    assert _quarter_similar("মোটকোয়ার্টার") is None
