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
    assert words.late_word("bn") == "দেরিতে"
    with pytest.raises(ValueError):
        words.kind_name(PlanKind.APA, "fr")
