"""The plan format: reading, writing, and refusing bad files with a bilingual message."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from kormo.domain import planformat
from kormo.domain.planformat import PlanFormatError
from kormo.domain.values import Blank, DateValue, Money, MonthValue, NotApplicable, Number, Percent

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "data" / "seeds").glob("*.json"))


def test_docs_schema_is_the_packaged_schema():
    docs = json.loads((ROOT / "docs" / "plan.schema.json").read_text("utf-8"))
    assert docs == planformat.plan_schema()


def test_all_five_seeds_are_present():
    assert [p.name[:3] for p in SEEDS] == ["000", "001", "002", "003", "004"]


@pytest.mark.parametrize("path", SEEDS, ids=[p.name for p in SEEDS])
def test_seed_files_round_trip_unchanged(path):
    plans = planformat.load_path(str(path))
    again = planformat.loads(planformat.dumps(plans))
    assert again == plans


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (350, Number(Decimal(350))),
        (4.5, Number(Decimal("4.5"))),
        ({"percent": 85}, Percent(Decimal(85))),
        ({"money": 12000}, Money(Decimal(12000))),
        ({"date": "2022-12-12"}, DateValue(__import__("datetime").date(2022, 12, 12))),
        ({"month": "2023-04"}, MonthValue(2023, 4)),
        ({"blank": "---"}, Blank("---")),
        ({"not_applicable": True}, NotApplicable()),
        (None, None),
    ],
)
def test_typed_values_read_and_write_back(raw, value):
    assert planformat.value_from_json(raw) == value
    assert planformat.value_to_json(value) == raw


def _doc(**plan):
    return json.dumps({"format": "kormo-plan", "version": 1, "plans": [
        {"kind": "apa", "fiscal_year": "2022-23", "office": "o", **plan}]})


def _indicator(**fields):
    ind = {"number": "1.1.1", "name": "x", "unit": "count", **fields}
    return {"areas": [{"number": "1", "name": "a", "activities": [
        {"number": "1.1", "name": "b", "indicators": [ind]}]}]}


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("not json at all", ""),
        ("", ""),
        ("[]", ""),
        ('{"format": "kormo-plan", "version": 1, "plans": []}', "plans"),
        (_doc(kind="budget"), "plans/0/kind"),
        (_doc(**_indicator(unit="kg")), "plans/0/areas/0/activities/0/indicators/0/unit"),
        (_doc(**_indicator(weight="four")), "plans/0/areas/0/activities/0/indicators/0/weight"),
        (_doc(**_indicator(levels={"100": {"date": "2023-02-30"}})),
         "plans/0/areas/0/activities/0/indicators/0/levels/100/date"),
        (_doc(signatures=[{"signed_on": "29.06.2022"}]), "plans/0/signatures/0/signed_on"),
        (_doc(fiscal_year="২০২২-২৩"), "plans/0/fiscal_year"),
        (_doc(progress=[{"indicator": "1.1.1", "quarter": "Q5"}]),
         "plans/0/progress/0/quarter"),
    ],
)
def test_bad_files_get_a_bilingual_message_with_the_place(text, place):
    with pytest.raises(PlanFormatError) as err:
        planformat.loads(text)
    assert err.value.bn and err.value.en
    assert any("\u0980" <= ch <= "\u09ff" for ch in err.value.bn)
    assert err.value.place == place


def test_impossible_month_is_refused():
    with pytest.raises(PlanFormatError):
        planformat.loads(_doc(**_indicator(levels={"100": {"month": "2023-13"}})))


def test_missing_file_is_a_format_error_not_an_oserror(tmp_path):
    with pytest.raises(PlanFormatError) as err:
        planformat.load_path(str(tmp_path / "nope.json"))
    assert "nope.json" in err.value.bn
