"""Amounts with a multiplier word (lakh, crore, thousand; DOMAIN.md §10): units and values
read as numbers in the plan format's units, every conversion flagged."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from kormo.domain.plan import Unit
from kormo.domain.values import Money, Number
from kormo.importers import FlagCode
from kormo.importers.api import import_bytes
from kormo.importers.recognise.amounts import unit_scale, with_multiplier
from tests.importers import documents as D
from tests.importers.corpus import generate
from tests.importers.corpus.amounts import unit_text
from tests.importers.corpus.score import compare


@pytest.mark.parametrize(("text", "unit", "factor"), [
    ("লক্ষ টাকা", Unit.LAKH_TAKA, 1), ("টাকা (লক্ষ)", Unit.LAKH_TAKA, 1),
    ("লাখ টাকা", Unit.LAKH_TAKA, 1), ("Tk. (lakh)", Unit.LAKH_TAKA, 1),
    ("কোটি টাকা", Unit.LAKH_TAKA, 100), ("টাকা (কোটি)", Unit.LAKH_TAKA, 100),
    ("হাজার টাকা", Unit.TAKA, 1000), ("লক্ষ জন", Unit.PERSONS, 100000),
])
def test_units_with_a_multiplier(text: str, unit: Unit, factor: int) -> None:
    scale = unit_scale(text)
    assert scale is not None and (scale.unit, scale.factor) == (unit, factor)


@pytest.mark.parametrize("text", ["টাকা", "সংখ্যা", "লক্ষ্যমাত্রা", "লক্ষ কোটি", "৫ লক্ষ"])
def test_cells_that_are_no_unit_with_a_multiplier(text: str) -> None:
    assert unit_scale(text) is None


def test_values_with_a_multiplier_word_in_either_script() -> None:
    rng = random.Random(11)
    for _ in range(40):
        whole, frac = rng.randint(1, 999), rng.choice(("", ".5", ".25"))
        number = f"{whole}{frac}"
        word, mult = rng.choice((("লক্ষ", 10**5), ("লাখ", 10**5), ("কোটি", 10**7),
                                 ("crore", 10**7), ("হাজার", 10**3)))
        bn = number.translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))
        for text in (f"{number} {word}", f"{bn} {word} টাকা"):
            got = with_multiplier(text)
            assert got is not None and got.number == Decimal(number) and got.multiplier == mult
    assert with_multiplier("১২,০০০/-") is None
    assert with_multiplier("৫ লক্ষাধিক") is None
    assert with_multiplier("৫ জন") is None


def _plan(unit: str, values: tuple[str, ...]) -> tuple:
    lines = [D.EGOV_TITLE, D.OFFICE_LINE, "", "\t".join([*D.HEADER, *D.LEVEL_NAMES]),
             "\t".join(["[1] বাজেট বাস্তবায়ন", "10", "[1.1] বরাদ্দ ব্যয়", "[1.1.1] ব্যয়িত অর্থ",
                        unit, "10", *values]),
             "\t".join(["[2] সক্ষমতা বৃদ্ধি", "5", "[2.1] কর্মশালা আয়োজন", "[2.1.1] কর্মশালা আয়োজিত",
                        "সংখ্যা", "5", "4", "3", "2", "1", ""])]
    result = import_bytes(("\n".join(lines) + "\n").encode(), "money.txt")
    ind = result.plans[0].indicator("1.1.1")
    assert ind is not None
    return ind, [f for f in result.flags if f.code is FlagCode.MULTIPLIER]


def test_a_crore_unit_keeps_the_values_in_lakh_and_says_so() -> None:
    ind, flags = _plan("কোটি টাকা", ("১.৫", "১.২", "১", "০.৮", "০.৫"))
    assert (ind.unit, ind.unit_label) == (Unit.LAKH_TAKA, "লক্ষ টাকা")
    assert ind.levels.v100 == Number(Decimal(150)) and ind.levels.v60 == Number(Decimal(50))
    assert [f.place for f in flags] == ["plan 0 / 1.1.1"]
    assert "× 100" in flags[0].reason_en and "কোটি টাকা" in flags[0].reason_bn


def test_lakh_written_in_the_unit_keeps_the_values_as_written() -> None:
    ind, flags = _plan("টাকা (লক্ষ)", ("৫০", "৪০", "৩০", "২০", "১০"))
    assert (ind.unit, ind.unit_label) == (Unit.LAKH_TAKA, "টাকা (লক্ষ)")
    assert ind.levels.v100 == Number(Decimal(50)) and flags == []


def test_a_value_with_its_own_multiplier_is_converted_to_the_unit_and_flagged() -> None:
    ind, flags = _plan("লক্ষ টাকা", ("১.৫ কোটি", "১২০ লক্ষ", "1 crore", "৮০", "৫০ হাজার"))
    assert [ind.levels.v100, ind.levels.v90, ind.levels.v80, ind.levels.v70, ind.levels.v60] \
        == [Number(Decimal(150)), Number(Decimal(120)), Number(Decimal(100)),
            Number(Decimal(80)), Number(Decimal("0.5"))]
    assert [f.place.rsplit(" / ", 1)[-1] for f in flags] == [
        "levels.100", "levels.90", "levels.80", "levels.60"]
    assert flags[0].written == "১.৫ কোটি" and flags[0].kept == "150"


def test_thousand_taka_is_kept_as_taka() -> None:
    ind, flags = _plan("হাজার টাকা", ("৫০", "৪০", "৩০", "২০", "১০"))
    assert ind.unit is Unit.TAKA and ind.levels.v100 == Money(Decimal(50000))
    assert len(flags) == 1


def test_generated_amounts_in_lakh_and_crore_import_in_lakh() -> None:
    seen: set[str] = set()
    checked = 0
    for sample in generate(404, 120, formats=("txt", "xlsx")):
        lakh = [i for i in sample.expected.indicators if i.unit == "lakh_taka"]
        if not lakh:
            continue
        score = compare(sample.expected, list(import_bytes(sample.data, sample.name).plans))
        for ind in lakh:
            seen.add(unit_text(ind))
            if f"{ind.number} name" in score.misses or f"{ind.number} missing" in score.misses:
                continue  # the row itself was not found (another matter than its amounts)
            misses = [m for m in score.misses if (m.split()[0] == ind.number
                      and m.split()[1] in ("unit", "annual", "Q1", "Q2", "Q3", "Q4"))
                      or m.startswith(f"{ind.number} levels")]
            assert misses == [], (sample.name, misses)
            checked += 1
    assert checked > 20 and {"কোটি টাকা", "টাকা (লক্ষ)", "লাখ টাকা"} <= seen
