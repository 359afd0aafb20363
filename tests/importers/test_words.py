"""Damaged words of the forms are taken for the vocabulary word they are near (words.py), by
mechanism, with generated damage; real words near a vocabulary word are left as written."""

from __future__ import annotations

import random

import pytest

from kormo.importers import import_bytes
from kormo.importers.recognise.similar import skeleton
from kormo.importers.recognise.text import fix_text
from kormo.importers.recognise.words import (
    MIN_SKELETON,
    VOCABULARY,
    repair_ordinal_run,
    repair_word,
    repair_words,
)
from kormo.importers.result import FlagCode

SIGNS = "ািীুূেৈোৌ্"
LOOKALIKE_PAIRS = {"ন": "ল", "ল": "ন", "ব": "র", "র": "ব", "ড": "ভ", "ভ": "ড", "খ": "থ", "থ": "খ"}


def _sign_dropped(rng: random.Random, word: str) -> str | None:
    idx = [i for i, c in enumerate(word) if c in SIGNS]
    if not idx:
        return None
    i = rng.choice(idx)
    return word[:i] + word[i + 1:]


def _lookalike(rng: random.Random, word: str) -> str | None:
    idx = [i for i, c in enumerate(word) if c in LOOKALIKE_PAIRS]
    if not idx:
        return None
    i = rng.choice(idx)
    return word[:i] + LOOKALIKE_PAIRS[word[i]] + word[i + 1:]


@pytest.mark.parametrize("damage", [_sign_dropped, _lookalike])
def test_damaged_vocabulary_words_are_taken_for_them_and_say_how(damage) -> None:
    rng = random.Random(1313)
    tried = 0
    for word in VOCABULARY:
        if damage is _sign_dropped and len(skeleton(word)) < MIN_SKELETON:
            continue  # short words are repaired only by look-alike letters
        for _ in range(3):
            bad = damage(rng, word)
            if bad is None or bad == word or bad in VOCABULARY:
                continue
            tried += 1
            fixed, rep = repair_word(bad)
            assert fixed == word, (bad, fixed)
            assert rep is not None and bad.startswith(rep.read) and rep.word == word
            assert rep.how == ("signs" if damage is _sign_dropped else "lookalike")
    assert tried > 40


def test_an_inflected_damaged_word_keeps_its_ending() -> None:
    assert repair_word("নক্ষ্যমাত্রার")[0] == "লক্ষ্যমাত্রার"
    assert repair_word("কর্মক্রমের")[0] == "কার্যক্রমের"  # two signs/letters inside the word


@pytest.mark.parametrize("word", [
    "বাস্তবায়িত", "প্রশিক্ষণ", "উদ্ভাবনী", "কার্যক্রমের", "পরিকল্পিত", "প্রতিবেদক", "কর্মকর্তা",
    "কর্মচারী", "সভা", "সেবা", "নিয়মিত", "ডিজিটাল", "বাস্তবায়নকারী", "অর্জনের",
])
def test_real_words_near_a_vocabulary_word_are_left_as_written(word: str) -> None:
    assert repair_word(word) == (word, None)


def test_repairs_in_a_sentence_report_each_word() -> None:
    text, reps = repair_words("১.১ লৈতিকতা কমিটির সভা ও নক্ষ্যমাত্রা নির্ধারণ")
    assert text == "১.১ নৈতিকতা কমিটির সভা ও লক্ষ্যমাত্রা নির্ধারণ"
    assert [(r.read, r.word) for r in reps] == [("লৈতিকতা", "নৈতিকতা"),
                                                ("নক্ষ্যমাত্রা", "লক্ষ্যমাত্রা")]


@pytest.mark.parametrize("damaged", ["খুঁটাতার", "শুদ্ধচর", "সুদ্ধাচার"])
def test_a_plan_name_with_one_unreadable_word_is_read_from_the_rest(damaged: str) -> None:
    text, fixes = fix_text(f"জেলা কার্যালয়ের {damaged} কৌশল কর্ম পরিকল্পনা, ২০২৩-২৪")
    assert "শুদ্ধাচার কৌশল" in text
    assert [f.after for f in fixes] == ["শুদ্ধাচার"]


def test_a_strategy_that_is_not_integrity_is_not_renamed() -> None:
    # the rest of the name is not there: nothing to read the word from
    assert fix_text("যোগাযোগ কৌশল প্রণয়ন")[1] == []


@pytest.mark.parametrize("word", ["অর্ডাল", "কোযাটার", "qtr"])
def test_columns_numbered_first_to_fourth_with_one_unknown_word_are_quarters(word: str) -> None:
    texts = ["একক", f"১ম {word}", f"২য় {word}", f"৩য় {word}", f"৪র্থ {word}", f"মোট {word}"]
    fixed, fixes = repair_ordinal_run(texts)
    if word == "qtr":  # not a Bengali word: left to the header words
        assert fixes == []
        return
    assert fixed[1:5] == ["১ম কোয়ার্টার", "২য় কোয়ার্টার", "৩য় কোয়ার্টার", "৪র্থ কোয়ার্টার"]
    assert [c for c, _ in fixes] == [1, 2, 3, 4, 5]


def test_ordinals_out_of_order_or_too_few_name_nothing() -> None:
    assert repair_ordinal_run(["১ম অর্ডাল", "২য় অর্ডাল", "মোট"])[1] == []
    assert repair_ordinal_run(["৩য় অর্ডাল", "১ম অর্ডাল", "২য় অর্ডাল"])[1] == []


def test_an_import_flags_each_repair_with_what_was_read_and_how() -> None:
    lines = [
        "খুঁটাতার কৌশল কর্ম পরিকল্পনা, ২০২৩-২০২৪",
        "",
        "\t".join(["কর্মক্রমের নাম", "কর্মসম্পাদন সূচক", "সূচকের মান", "একক",
                   "বাস্তবায়নের দায়িত্বপ্রাপ্ত ব্যক্তি/পদ", "২০২৩-২০২৪ অর্থবছরের লক্ষ্যমাত্রা",
                   "নক্ষ্যমাত্রা/অর্জন", "১ম অর্ডাল", "২য় অর্ডাল", "৩য় অর্ডাল", "৪র্থ অর্ডাল"]),
        "১. প্রাতিষ্ঠানিক ব্যবস্থা....৪",
        "\t".join(["১.১ লৈতিকতা কমিটির সভা আয়োজন", "সভা আয়োজিত", "৪", "সংখ্যা", "ফোকাল পয়েন্ট",
                   "৪", "লক্ষ্যমাত্রা", "১", "১", "১", "১"]),
        "\t".join(["", "", "", "", "", "", "অর্জন", "-", "-", "-", "-"]),
    ]
    result = import_bytes(("\n".join(lines) + "\n").encode(), "plan.txt")
    plan = result.plans[0]
    assert plan.kind.value == "integrity"
    assert plan.areas[0].activities[0].name == "নৈতিকতা কমিটির সভা আয়োজন"
    ind = plan.indicator("1.1.1")
    assert ind is not None and len(ind.quarterly_targets) == 4
    ocr = [f for f in result.flags if f.code is FlagCode.OCR_CORRECTED]
    assert {f.kept for f in ocr} == {"শুদ্ধাচার", "কার্যক্রম", "লক্ষ্যমাত্রা", "কোয়ার্টার",
                                     "নৈতিকতা"}
    title = next(f for f in ocr if f.place.endswith("title"))
    assert "খুঁটাতার" in title.reason_bn and "খুঁটাতার" in title.reason_en
    assert "the rest of the plan's name stands" in title.reason_en
    lookalike = next(f for f in ocr if f.kept == "নৈতিকতা")
    assert "letters that print alike" in lookalike.reason_en
