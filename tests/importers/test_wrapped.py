"""Names wrapped over several rows (issue 13, item 3): a row whose only text is the rest of a
name in the name column continues the row above; it is joined there and flagged, never read
as an indicator of its own."""

from __future__ import annotations

import io

from kormo.importers import FlagCode
from kormo.importers.api import import_bytes
from tests.importers import documents as D


def _xlsx(rows: list[list[str]]) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([D.EGOV_TITLE])
    ws.append([D.OFFICE_LINE])
    ws.append([*D.HEADER, *D.LEVEL_NAMES])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _row(area: str, aw: str, act: str, ind: str, unit: str, w: str, levels: tuple) -> list[str]:
    return [area, aw, act, ind, unit, w, *levels]


def test_indicator_and_activity_names_wrapped_over_rows_are_joined_and_flagged() -> None:
    (a1, a2, a3) = D.EGOV_ROWS
    rows = [
        _row(a1[0], a1[1], "[1.1] সেবা", "[1.1.1] ন্যূনতম একটি উদ্ভাবনী", *a1[4:]),
        ["", "", "সহজিকরণ", "", "", "", "", "", "", "", ""],
        ["", "", "", "ধারণা", "", "", "", "", "", "", ""],
        ["", "", "", "বাস্তবায়িত", "", "", "", "", "", "", ""],
        _row("", "", *a2[2:]),
        _row(*a3),
    ]
    result = import_bytes(_xlsx(rows), "wrapped.xlsx")
    (plan,) = result.plans
    inds = [(i.number, i.name) for a in plan.areas for ac in a.activities for i in ac.indicators]
    assert inds == [("1.1.1", "ন্যূনতম একটি উদ্ভাবনী ধারণা বাস্তবায়িত"),
                    ("1.2.1", "ই-ফাইলে নোট নিষ্পত্তিকৃত"), ("2.1.1", "কর্মশালা আয়োজিত")]
    assert plan.areas[0].activities[0].name == "সেবা সহজিকরণ"
    joined = [f for f in result.flags if f.code is FlagCode.TEXT_JOINED]
    assert {f.place.split(" / ")[-1] for f in joined} == {"1.1", "1.1.1"}
    assert all("ধারণা" in f.reason_en or "সহজিকরণ" in f.reason_en or "বাস্তবায়িত" in f.reason_en
               for f in joined)


def test_a_numbered_row_after_a_name_is_not_taken_for_its_continuation() -> None:
    # a row with its own number is an indicator of its own, even without values
    (a1, _a2, a3) = D.EGOV_ROWS
    rows = [_row(*a1), ["", "", "", "[1.1.2] ওয়েবসাইট হালনাগাদ", "", "", "", "", "", "", ""],
            _row(*a3)]
    (plan,) = import_bytes(_xlsx(rows), "numbered.xlsx").plans
    inds = [i.number for a in plan.areas for ac in a.activities for i in ac.indicators]
    assert "1.1.2" in inds
    assert plan.areas[0].activities[0].indicators[0].name == a1[3].split("] ", 1)[1]
