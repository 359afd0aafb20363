"""The kind of a plan whose title is missing or unreadable comes from all the evidence:
columns, numbering, fallback indicators, the weights' total and the plan before it; the
close kinds are named with their reasons (issue 13, item 2)."""

from __future__ import annotations

import random

import pytest

from kormo.domain.plan import PlanKind
from kormo.importers import FlagCode
from kormo.importers.api import import_bytes
from kormo.importers.recognise.kinds import TableEvidence, table_evidence
from tests.importers.corpus import generate

LEVELS = ["অসাধারণ", "অতি উত্তম", "উত্তম", "চলতি মান", "চলতি মানের নিম্নে"]
OFFICE = "দপ্তর/সংস্থার নাম: জেলা তথ্য অফিস, সিলেট"


def _five_level(rows: list[list[str]], *, title: str = "", apa_columns: bool = False) -> bytes:
    head = ["কার্যক্রম", "কর্মসম্পাদন সূচক"]
    head += ["গণনা পদ্ধতি"] if apa_columns else []
    head += ["একক", "কর্মসম্পাদন সূচকের মান", *LEVELS]
    lines = [title, OFFICE, "", "\t".join(head)]
    for row in rows:
        if apa_columns and len(row) > 2:
            row = [*row[:2], "সমষ্টি", *row[2:]]
        lines.append("\t".join(row))
    return ("\n".join(lines) + "\n").encode()


def _rows(rng: random.Random, weights: list[int], *, brackets: bool,
          fallback: bool = False) -> list[list[str]]:
    rows = []
    for a, w in enumerate(weights, start=1):
        n = f"{a}.1"
        act = f"[{n}] সভা আয়োজন" if brackets else f"{n} সভা আয়োজন"
        ind = f"[{n}.1] সভা আয়োজিত" if brackets else "সভা আয়োজিত"
        top = rng.randint(5, 20)
        rows.append([act, ind, "সংখ্যা", str(w), *[str(top - k) for k in range(5)]])
        if fallback and a == 1:
            rows.append(["", "[1.1.1.1] যদি কোনো অভিযোগ পাওয়া না গেলে অংশীজনের সভা আয়োজিত",
                         "সংখ্যা", "", "২", "", "", "", ""])
    return rows


def _guess(data: bytes) -> tuple[PlanKind, str, str]:
    result = import_bytes(data, "plan.txt")
    plan = max(result.plans, key=lambda p: len(p.indicators))
    flag = next(f for f in result.flags if f.code is FlagCode.KIND_GUESSED)
    assert flag.kept == plan.kind.value
    return plan.kind, flag.reason_bn, flag.reason_en


def test_apa_columns_and_bracketed_numbers_make_an_apa() -> None:
    rng = random.Random(1)
    kind, bn, en = _guess(_five_level(_rows(rng, [25, 25, 20], brackets=True),
                                      apa_columns=True))
    assert kind is PlanKind.APA
    assert "calculation-method" in en and "the weights total 70" in en and "মোট মান ৭০" not in bn


def test_a_fallback_indicator_points_to_grievance_redress_and_names_the_close_kinds() -> None:
    rng = random.Random(2)
    kind, bn, en = _guess(_five_level(_rows(rng, [15, 10], brackets=True, fallback=True)))
    assert kind is PlanKind.GRIEVANCE_REDRESS
    assert "fallback indicator" in en and "the weights total 25" in en
    assert "close:" in en and "কাছাকাছি:" in bn


@pytest.mark.parametrize(("weights", "kind"), [
    ([30, 20], PlanKind.EGOV_INNOVATION),  # 50: the e-governance plan's total
    ([10, 10, 5], PlanKind.EGOV_INNOVATION),  # 25: three kinds; the first of them named
])
def test_the_weights_total_is_evidence(weights: list[int], kind: PlanKind) -> None:
    rng = random.Random(3)
    got, _bn, en = _guess(_five_level(_rows(rng, weights, brackets=False)))
    total = sum(weights)
    assert f"the weights total {total}" in en
    if total == 25:
        assert got in (PlanKind.GRIEVANCE_REDRESS, PlanKind.CITIZENS_CHARTER,
                       PlanKind.RIGHT_TO_INFORMATION)
        assert "grievance redress" in en and "citizen's charter" in en
    else:
        assert got is kind


def test_table_evidence_counts_numbering_fallbacks_and_weights() -> None:
    rows = [["[১.১] সভা", "[১.১.১] সভা আয়োজিত", "সংখ্যা", "৫"],
            ["", "[১.১.১.১] যদি অভিযোগ না থাকে সভা", "সংখ্যা", ""],
            ["২.১ প্রশিক্ষণ", "প্রশিক্ষিত", "জন", "২০"]]
    ev = table_evidence(rows, 3)
    assert ev == TableEvidence(numbers=4, bracketed=3, four_part=1, conditions=1,
                               total=ev.total)
    assert ev.total == 25


def _untitled(data: bytes, name: str) -> bytes | None:
    """A generated text copy without its title line (or with the title's words unreadable)."""
    if not name.endswith(".txt"):
        return None
    lines = data.decode().split("\n")
    return "\n".join(lines[1:]).encode()


def test_generated_plans_without_their_title_are_flagged_with_their_kind_among_the_close() -> None:
    seen = 0
    for sample in generate(1313, 60, formats=("txt",)):
        data = _untitled(sample.data, sample.name)
        assert data is not None
        result = import_bytes(data, sample.name)
        plan = max(result.plans, key=lambda p: len(p.indicators))
        flag = next((f for f in result.flags if f.code is FlagCode.KIND_GUESSED), None)
        seen += 1
        if flag is None:  # the APA's section 3 is known by its columns, its written parts
            # (cover, preamble) or its report's monthly columns, not guessed
            assert plan.kind is PlanKind.APA and (sample.layout.extras or
                                                  sample.expected.front is not None
                                                  or sample.expected.layout == "monthly")
            continue
        if plan.kind.value != sample.expected.kind:
            # never a silent wrong kind: the right one is named as close, with why
            names = {"apa": "APA", "integrity": "integrity",
                     "egov_innovation": "e-governance and innovation",
                     "grievance_redress": "grievance redress",
                     "citizens_charter": "citizen's charter",
                     "right_to_information": "right to information"}
            assert f"{names[sample.expected.kind]} (" in flag.reason_en, flag.reason_en
        if sample.expected.kind == "apa" and sample.layout.extras:
            assert plan.kind is PlanKind.APA
    assert seen == 60
