"""An activity (and its area) printed again on each of its rows, with other typing slips each
time, is one activity, not a second one with the same number renumbered."""

from __future__ import annotations

import random

from kormo.importers import FlagCode
from kormo.importers.api import import_bytes
from tests.importers import documents as D
from tests.importers.corpus.noise import damage

ACTIVITY = "তথ্য বাতায়নে সংযোজিত সংশ্লিষ্ট তথ্যসমূহ হালনাগাদকরণ"


def test_an_activity_repeated_with_other_slips_on_each_row_is_one() -> None:
    rng = random.Random(21)
    lines = [D.EGOV_TITLE, D.OFFICE_LINE, "", "\t".join([*D.HEADER, *D.LEVEL_NAMES])]
    for k in range(1, 4):
        act = damage(rng, ACTIVITY, 0.5)
        lines.append("\t".join(["[1] সেবা সহজিকরণ", "12", f"[1.1] {act}", f"[1.1.{k}] সভা আয়োজিত",
                                "সংখ্যা", "4", "8", "7", "6", "5", "4"]))
    result = import_bytes(("\n".join(lines) + "\n").encode(), "repeated.txt")
    (plan,) = result.plans
    assert [a.number for a in plan.areas[0].activities] == ["1.1"]
    assert [i.number for i in plan.indicators] == ["1.1.1", "1.1.2", "1.1.3"]
    assert FlagCode.RENUMBERED not in {f.code for f in result.flags}


def test_two_activities_with_one_number_and_other_words_are_still_told_apart() -> None:
    lines = [D.EGOV_TITLE, D.OFFICE_LINE, "", "\t".join([*D.HEADER, *D.LEVEL_NAMES])]
    for k, act in enumerate(("সভা আয়োজন", "কর্মশালা আয়োজন"), start=1):
        lines.append("\t".join(["[1] সেবা সহজিকরণ", "8", f"[1.1] {act}", f"[1.1.{k}] আয়োজিত",
                                "সংখ্যা", "4", "8", "7", "6", "5", "4"]))
    result = import_bytes(("\n".join(lines) + "\n").encode(), "two.txt")
    assert [a.number for a in result.plans[0].areas[0].activities] == ["1.1", "1.2"]
    assert FlagCode.RENUMBERED in {f.code for f in result.flags}
