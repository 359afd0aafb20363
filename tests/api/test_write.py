"""Writing a quarter's value through the API: the progress app's own service (as the report
page), so history and score recalculation happen the same way; bad input is a 4xx with a
code and a message in Bengali and English, and a refused write changes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kormo.audit.models import ChangeRecord
from kormo.progress.models import Report, ReportedValue
from kormo.progress.scores import office_snapshot
from kormo.progress.services import report_submit


def _put(client, headers, plan, ref, quarter, body: Any, raw: bool = False):
    data = body if raw else json.dumps(body, ensure_ascii=False)
    return client.put(f"/api/v1/plans/{plan.pk}/progress/{ref}/{quarter}", data,
                      content_type="application/json", **headers)


def _state() -> tuple[Any, ...]:
    """Everything a write could touch."""
    return (
        sorted(ReportedValue.objects.values_list("plan_id", "indicator_ref", "quarter",
                                                 "reported_kind", "reported_number",
                                                 "reported_date", "remarks", "lock_version")),
        ChangeRecord.objects.count(),
        sorted(Report.objects.values_list("plan_id", "period", "state", "lock_version")),
    )


@pytest.fixture
def focal(world, token_for):
    return token_for(world.rangpur.focal)


def test_a_value_typed_in_bengali_digits_is_recorded_scored_and_audited(client, world, focal):
    apa = world.rangpur.apa
    response = _put(client, focal, apa, "1.1.1", "Q4", {"text": "১০", "remarks": "চতুর্থ"})
    assert response.status_code == 200, response.content
    assert response.json() == {
        "indicator_ref": "1.1.1", "quarter": "Q4", "reported": 10, "verified": None,
        "effective": 10, "remarks": "চতুর্থ", "inputs": {}, "review_state": "pending",
        "lock_version": 1, "evidence": []}
    record = ChangeRecord.objects.filter(action="progress.record").latest("pk")
    assert (record.actor, record.plan_id, record.object_label) == (
        world.rangpur.focal, apa.pk, "1.1.1 Q4")
    # A draft counts in no score (issue 12 rule 10): Q3's 40 and Q4's 10 wait for their
    # reports' submission, so 20 + 30 = 50 for now.
    scores = client.get(f"/api/v1/plans/{apa.pk}/scores", **focal).json()["score"]
    assert scores["areas"][0]["indicators"][0]["annual_achievement"] == 50
    for period in ("Q3", "Q4"):
        report_submit(report=Report.objects.get(plan=apa, period=period),
                      actor=world.rangpur.focal)
    # The office's stored score followed (DOMAIN.md, Scoring §1: 20 + 30 + 40 + 10 = 100).
    scores = client.get(f"/api/v1/plans/{apa.pk}/scores", **focal).json()["score"]
    first = scores["areas"][0]["indicators"][0]
    assert (first["annual_achievement"], first["raw_percent"]) == (100, 100.0)
    # The stored score as every page reads it (the write marked it stale).
    snapshot = office_snapshot(office_id=world.rangpur.office.pk, fiscal_year="2022-23")
    assert round(snapshot.total, 2) == round(
        client.get(f"/api/v1/plans/{apa.pk}/scores", **focal).json()["score"]["total"], 2)


def test_the_api_and_the_report_page_record_the_same_way(client, world, focal):
    apa = world.rangpur.apa
    client.force_login(world.rangpur.focal)
    client.post(f"/progress/plans/{apa.pk}/report/value/",
                {"ref": "1.1.2", "quarter": "Q3", "period": "Q3", "value": "৯২%"})
    client.logout()
    assert _put(client, focal, apa, "1.1.2", "Q4", {"text": "৯২%"}).status_code == 200
    page, api = (ReportedValue.objects.get(plan=apa, indicator_ref="1.1.2", quarter=q)
                 for q in ("Q3", "Q4"))
    fields = ("reported_kind", "reported_number", "reported_date", "review_state",
              "lock_version", "created_by_id")
    assert [getattr(page, f) for f in fields] == [getattr(api, f) for f in fields]
    assert list(ChangeRecord.objects.filter(action="progress.record", plan=apa).order_by(
        "-pk").values_list("object_label", flat=True)[:2]) == ["1.1.2 Q4", "1.1.2 Q3"]


def test_typed_values_and_derived_inputs(client, world, focal):
    apa = world.rangpur.apa
    ok = _put(client, focal, apa, "1.2.1", "Q3", {"value": {"date": "2022-12-10"}})
    assert ok.json()["reported"] == {"date": "2022-12-10"}
    ok = _put(client, focal, apa, "1.1.2", "Q3", {"value": {"percent": 88.5}})
    assert ok.json()["reported"] == {"percent": 88.5}
    # DOMAIN.md: the e-Nothi rate of seed 004, 2236 / (2236 + 1439) × 100.
    ok = _put(client, focal, apa, "2.1.1", "Q3",
              {"inputs": {"e_disposals": 2236, "hard_file_disposals": "১৪৩৯"}})
    assert ok.status_code == 200, ok.content
    assert ok.json()["reported"] == {"percent": 60.843537}
    assert ok.json()["inputs"] == {"e_disposals": "2236", "hard_file_disposals": "1439"}
    # null clears a value (the effective value goes with it).
    cleared = _put(client, focal, apa, "1.2.1", "Q3", {"value": None})
    assert (cleared.json()["reported"], cleared.json()["effective"]) == (None, None)


def test_changing_a_value_safely_with_its_version(client, world, focal):
    apa = world.rangpur.apa
    first = _put(client, focal, apa, "1.1.1", "Q3", {"text": "41", "expected_version": 1})
    assert first.json()["lock_version"] == 2
    stale = _put(client, focal, apa, "1.1.1", "Q3", {"text": "42", "expected_version": 1})
    assert stale.status_code == 409
    assert stale.json()["error"]["code"] == "STALE_VERSION"


REFUSALS = [
    # (ref, quarter, body, status, code)
    ("1.2.1", "Q3", {"text": "২৫"}, 400, "VALUE_UNIT_MISMATCH"),
    ("1.1.1", "Q3", {"text": "অনেক"}, 400, "BAD_VALUE"),
    ("1.1.1", "Q3", {"text": "৩১/০২/২০২৩"}, 400, "BAD_VALUE"),
    ("1.1.1", "Q3", {"value": {"percent": "abc"}}, 400, "BAD_VALUE"),
    ("1.1.1", "Q3", {"value": {"date": "2023-02-30"}}, 400, "BAD_VALUE"),
    ("1.1.1", "Q3", {"value": {"weight": 3}}, 400, "BAD_VALUE"),
    ("1.1.1", "Q3", {"value": True}, 400, "BAD_VALUE"),
    ("1.1.1", "Q3", {"value": 1e30}, 400, "BAD_VALUE"),
    ("1.1.1", "Q3", {"value": 0.1234567}, 400, "BAD_VALUE"),
    ("1.1.1", "Q3", {"text": "5", "value": 5}, 400, "AMBIGUOUS_VALUE"),
    ("1.1.1", "Q3", {}, 400, "NOTHING_TO_RECORD"),
    ("2.1.1", "Q3", {"inputs": {"e_disposals": "x"}}, 400, "BAD_INPUTS"),
    ("9.9.9", "Q3", {"text": "5"}, 400, "UNKNOWN_INDICATOR"),
    ("G1.1.1", "Q3", {"text": "5"}, 400, "COMPUTED_INDICATOR"),
    ("1.1.1", "Q2", {"text": "5"}, 409, "REPORT_LOCKED"),  # submitted
    ("1.1.1", "Q1", {"text": "5", "reason": "ভুল"}, 409, "REPORT_LOCKED"),  # accepted
    ("1.1.1", "Q5", {"text": "5"}, 422, "INVALID_REQUEST"),
    ("1.1.1", "Q3", {"text": "5", "remarks": "a\x00b"}, 422, "INVALID_REQUEST"),
    ("1.1.1", "Q3", {"text": "5", "expected_version": -1}, 422, "INVALID_REQUEST"),
    ("1.1.1", "Q3", {"text": ["5"]}, 422, "INVALID_REQUEST"),
    ("1.1.1", "Q3", '{"text": "5"', 400, "BAD_REQUEST"),
    ("1.1.1", "Q3", "[1, 2]", 400, "BAD_REQUEST"),
    ("1.1.1", "Q3", '{"value": NaN}', 400, "BAD_REQUEST"),
]


@pytest.mark.parametrize(("ref", "quarter", "body", "status", "code"), REFUSALS)
def test_a_refused_write_says_why_in_both_languages_and_changes_nothing(
        client, world, focal, ref, quarter, body, status, code):
    before = _state()
    response = _put(client, focal, world.rangpur.apa, ref, quarter, body,
                    raw=isinstance(body, str))
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["code"] == code
    assert error["bn"] and error["en"] and error["bn"] != error["en"]
    assert any("\u0980" <= ch <= "\u09ff" for ch in error["bn"])  # Bengali script
    assert _state() == before


def test_a_value_that_went_up_needs_a_reason(client, world, focal):
    """A value of a report returned for corrections changes only with a reason (kept)."""
    from kormo.progress.services import report_return

    apa = world.rangpur.apa
    report_return(report=Report.objects.get(plan=apa, period="Q2"), actor=world.dir_supervisor,
                  comment="সংশোধন করুন")
    before = _state()
    refused = _put(client, focal, apa, "1.1.1", "Q2", {"text": "35"})
    assert (refused.status_code, refused.json()["error"]["code"]) == (400, "REASON_REQUIRED")
    assert _state() == before
    ok = _put(client, focal, apa, "1.1.1", "Q2", {"text": "35", "reason": "গণনার ভুল"})
    assert ok.json()["reported"] == 35
    assert ChangeRecord.objects.filter(action="progress.record").latest("pk").reason == \
        "গণনার ভুল"


def test_a_plan_that_is_not_signed_takes_no_progress(client, world, focal):
    before = _state()
    response = _put(client, focal, world.rangpur_draft_egov, "1.1.1", "Q1", {"text": "1"})
    assert (response.status_code, response.json()["error"]["code"]) == (409,
                                                                         "PLAN_NOT_IN_FORCE")
    assert _state() == before
