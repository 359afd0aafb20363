"""The data exports: the plan format (JSON) and one CSV row per indicator with its scores."""

from __future__ import annotations

import csv
import io

import pytest

from kormo.documents.render import FORMATS, export
from kormo.documents.render.scores_csv import COLUMNS
from kormo.domain import planformat
from kormo.domain.errors import InputError
from kormo.domain.scoring import score_plans
from tests.documents.conftest import combined_plans, load


def test_json_export_is_the_plan_format_and_reads_back_equal():
    plans = load("001")
    assert planformat.loads(export(plans, "json")) == plans
    (one,) = planformat.loads(export(plans, "json", plan_id="kendri-polytechnic-cc-2023-24"))
    assert one == plans[3]


def test_csv_export_has_one_row_per_indicator_with_the_engines_scores():
    plans = combined_plans()
    data = export(plans, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Bengali as UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    scores = score_plans(plans)
    assert len(rows) == sum(len(s.indicators) for s in scores)
    by_ref = {(r["plan_id"], r["indicator_ref"]): r for r in rows}
    for s in scores:
        for i in s.indicators:
            row = by_ref[(s.plan_id, i.ref)]
            assert float(row["score"]) == pytest.approx(i.score)
            assert row["status"] == i.status.value
    governance = by_ref[("rangpur-ict-apa-2022-23", "G1.1.1")]
    assert governance["linked_plan"] == "kaliganj-cooperative-nis-2020-21"
    assert governance["area_kind"] == "governance" and governance["unit"] == "marks"
    dated = by_ref[("rangpur-ict-apa-2022-23", "2.1.1")]
    assert dated["target"] == "2022-12-12" and dated["weight"] == "9"


def test_csv_export_through_a_quarter_counts_only_the_quarters_so_far():
    plans = load("004")
    q1 = list(csv.DictReader(io.StringIO(export(plans, "csv", quarter="Q1").decode("utf-8-sig"))))
    q2 = list(csv.DictReader(io.StringIO(export(plans, "csv", quarter="Q2").decode("utf-8-sig"))))
    enothi = next(r for r in q1 if r["indicator_ref"] == "1.3.1")
    assert enothi["status"] == "not_reported"
    enothi = next(r for r in q2 if r["indicator_ref"] == "1.3.1")
    assert enothi["status"] == "scored" and float(enothi["raw_percent"]) == pytest.approx(
        60.8435, abs=1e-3)


def test_unknown_plan_id_is_refused_in_every_format():
    for fmt in FORMATS:
        with pytest.raises(InputError):
            export(load("000"), fmt, plan_id="nope")
