"""A plan exported to DOCX or XLSX imports back to the same plan (issue "Import the documents
offices already have").

Every seed plan of data/seeds/ is printed by `kormo.documents.render` in its official form (the
APA with its annexes; each action plan, work plan and register in its own form), the bytes are
imported with `kormo.importers.api.import_bytes`, and the plans read are compared with the
originals over every field of the plan format. Nothing is skipped silently: what a form does
not print is listed below with the reason, and the two places where a format writes the same
value differently are normalised, each with its reason.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from kormo.documents.render import export
from kormo.documents.render.labels import unit_name
from kormo.documents.render.tables import has_quarterly_targets
from kormo.domain.digits import to_latin_digits
from kormo.domain.plan import Plan, PlanKind, Unit
from kormo.domain.planformat import load_path, plan_to_dict
from kormo.importers import FlagCode, ImportResult
from kormo.importers.api import import_bytes
from tests.importers.compare import _walk

SEEDS = sorted((Path(__file__).resolve().parents[2] / "data" / "seeds").glob("*.json"))
FORMATS = ("docx", "xlsx")

# Fields no form prints, for every plan.
NOT_PRINTED: dict[str, str] = {
    "id": "the plan's id in a Kormo plan file: an identifier of the file, printed nowhere",
    "source_notes": "notes on where a transcribed source was damaged: about the source, not "
                    "part of the plan's document",
}
# Fields a particular form does not print.
NOT_PRINTED_BY_APA: dict[str, str] = {
    "notes": "the APA form has no notes (seed 000's notes are the transcriber's remarks)",
}
# The five-level form (the APA's section 3, the e-governance, GRS, citizen's charter and RTI
# plans) prints targets only; achievements are printed by the progress report, a document of
# its own that is not an import source.
NOT_PRINTED_BY_FIVE_LEVEL_FORM: dict[str, str] = {
    "progress": "achievements: printed in the progress report, not in the plan's form",
    "derivation": "a derived indicator's formula (e-Nothi rate) comes with the evidence of a "
                  "progress report, not with the plan's form",
}


def _seed_id(path: Path) -> str:
    return path.name.split("-", 1)[0]


@pytest.fixture(scope="module", params=[(s, f) for s in SEEDS for f in FORMATS],
                ids=lambda p: f"{_seed_id(p[0])}-{p[1]}")
def round_trip(request: pytest.FixtureRequest) -> tuple[list[Plan], ImportResult, str]:
    seed, fmt = request.param
    plans = load_path(str(seed))
    data = export(plans, fmt)
    return plans, import_bytes(data, f"{seed.stem}.{fmt}"), fmt


def _indicators(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [i for a in d.get("areas", []) for act in a.get("activities", [])
            for i in act.get("indicators", [])]


def _comparable(plan: Plan, fmt: str) -> dict[str, Any]:
    """The plan format of `plan` without what its form does not print (see above)."""
    d = copy.deepcopy(plan_to_dict(plan))
    drop = set(NOT_PRINTED)
    if plan.kind is PlanKind.APA:
        drop |= set(NOT_PRINTED_BY_APA)
    five_level = not has_quarterly_targets(plan)
    if five_level and plan.kind is not PlanKind.INNOVATION_WORK_PLAN:
        drop.add("progress")
        for ind in _indicators(d):
            ind.pop("derivation", None)
    for key in drop:
        d.pop(key, None)
    for ind in _indicators(d):
        # Normalised: a unit without words of its own is printed with the unit's name
        # ("তারিখ"), which is read back as its words; both mean the same unit.
        if ind.get("unit_label") == unit_name(Unit(ind["unit"]), "bn"):
            ind.pop("unit_label")
    if fmt == "xlsx":
        # Normalised: the XLSX holds a quantity as a real number with its unit in the number
        # format (docs/documents.md), so the digits come back Latin ("৭০ টি দপ্তর" → "70 টি
        # দপ্তর"); the value and the words are the same.
        for item in d.get("work_items", []):
            q = item.get("quantity") or {}
            if "text" in q:
                q["text"] = to_latin_digits(q["text"])
    return d


def test_every_plan_comes_back_the_same(round_trip) -> None:
    plans, result, fmt = round_trip
    assert [p.kind for p in result.plans] == [p.kind for p in plans]
    for want, got in zip(plans, result.plans, strict=True):
        differences: dict[str, tuple[Any, Any]] = {}
        _walk("", _comparable(got, fmt), _comparable(want, fmt), differences)
        assert differences == {}, f"{want.kind.value}: {differences}"


def test_nothing_is_left_unread(round_trip) -> None:
    """Every table of a Kormo document is of a known kind and no cell is unreadable."""
    _, result, _ = round_trip
    codes = {f.code for f in result.flags}
    assert not codes & {FlagCode.TABLE_SKIPPED, FlagCode.UNREADABLE, FlagCode.SHIFTED,
                        FlagCode.EMPTY_ROW}, [f for f in result.flags
                                              if f.code in (FlagCode.TABLE_SKIPPED,
                                                            FlagCode.UNREADABLE)]


def test_the_round_trip_compares_the_written_parts_too() -> None:
    """The comparison above is not empty-handed: the APA's written parts are there and equal."""
    apa = load_path(str(SEEDS[0]))[0]
    got = import_bytes(export([apa], "docx"), "apa.docx").plans[0]
    assert apa.vision and got.vision == apa.vision
    assert len(got.functions) == len(apa.functions) == 7
    assert got.overview == apa.overview and got.preamble == apa.preamble
    assert [(s.party, s.signed_on, s.role) for s in got.signatures] == [
        (s.party, s.signed_on, s.role) for s in apa.signatures]
    assert [s.role for s in got.signatures] == ["office", "supervisor"]
