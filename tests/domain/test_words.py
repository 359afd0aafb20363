"""The domain's nouns (kormo.domain.words): every plan kind, tier and report period has a name
in Bengali script and one in English, so no notice, reminder or document falls back to a
code."""

from __future__ import annotations

import re

import pytest

from kormo.domain import words
from kormo.domain.plan import PlanKind, Tier

BENGALI = re.compile(r"[\u0980-\u09FF]")


@pytest.mark.parametrize(("catalogue", "members"), [
    (words.KINDS, list(PlanKind)), (words.TIERS, list(Tier)),
    (words.PERIODS, ["Q1", "Q2", "Q3", "Q4", "year"]),
])
def test_every_noun_is_named_in_both_scripts(catalogue, members) -> None:
    assert set(catalogue) == set(members)
    for bn, en in catalogue.values():
        assert BENGALI.search(bn) and en.isascii() and en


def test_names_are_picked_by_language() -> None:
    assert words.kind_name(PlanKind.APA, "en") == "Annual Performance Agreement"
    assert words.tier_name(Tier.DISTRICT) == "জেলা"
    assert words.period_name("year", "en") == "year-end evaluation"
    assert words.period_name("Q1", "en") == "first-quarter report"
    assert words.late_word("bn") == "দেরিতে"
    with pytest.raises(ValueError):
        words.kind_name(PlanKind.APA, "fr")


@pytest.mark.parametrize("kind", list(PlanKind))
@pytest.mark.parametrize("period", [None, "Q1", "Q2", "Q3", "Q4", "year"])
def test_every_notice_names_the_plan_and_report_in_one_format(kind, period) -> None:
    bn, en = words.notice_words(office="জেলা কার্যালয়, রংপুর", office_en="Rangpur",
                                kind=kind.value, fiscal_year="2022-23", period=period)
    kind_bn, kind_en = words.KINDS[kind]
    tail_bn = "" if period is None else f": {words.period_name(period, 'bn')}"
    tail_en = "" if period is None else f": {words.period_name(period, 'en')}"
    assert bn == f"জেলা কার্যালয়, রংপুর: {kind_bn} ২০২২-২৩{tail_bn}"
    assert en == f"Rangpur: {kind_en} 2022-23{tail_en}"
    assert not any(c.isdigit() and c.isascii() for c in bn)  # Bengali digits only


def test_notice_words_fall_back_to_the_bengali_office_name_and_the_kind_code() -> None:
    bn, en = words.notice_words(office="অফিস", office_en="", kind="retired_kind",
                                fiscal_year="2030-31")
    assert (bn, en) == ("অফিস: retired_kind ২০৩০-৩১", "অফিস: retired_kind 2030-31")
