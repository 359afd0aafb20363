"""The corpus scorer counts a name right only when it is the name as printed or the clean
name (some words repaired), never a name cut short, run on or taken from another row."""

from __future__ import annotations

import random

from tests.importers.corpus.noise import damage
from tests.importers.corpus.score import same_name

NAME = "নির্ধারিত সময়ে বার্ষিক প্রতিবেদন প্রকাশিত"


def test_the_name_as_the_noise_model_printed_it_counts_right() -> None:
    rng = random.Random(5)
    printed = {damage(rng, NAME, 0.6) for _ in range(30)} - {NAME}
    assert len(printed) > 5
    for text in printed:
        assert same_name(text, NAME), text
    # some words repaired, others left as printed
    assert same_name("নির্ধারিত সময়ে বার্ষিক প্রতবেদন প্রকাশিত", NAME)


def test_a_name_cut_short_or_from_another_row_counts_wrong() -> None:
    assert not same_name("নির্ধারিত সময়ে", NAME)
    assert not same_name("কর্মশালা আয়োজিত", NAME)
    assert not same_name("", NAME)
    assert not same_name("নির্ধারিত সময়ে বার্ষিক প্রতিবেদন প্রেরিত", NAME)
