"""The year-end evaluation returned for corrections: only the items the supervisor returned
open, accepted values stay locked, the public pages and open data never show a value changed
after its acceptance until it is accepted again, and accepting the evaluation again accepts the
corrected items and fixes the final score with verified values."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from kormo.audit.models import ChangeRecord, Notice, NoticeKind
from kormo.domain import planformat
from kormo.domain.values import Number
from kormo.plans.convert import plan_to_domain
from kormo.progress.bulk_review import reports_bulk
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.models import Report, ReportedValue
from kormo.progress.scores import office_year_scores
from kormo.progress.selectors import report_page
from kormo.progress.services import (
    evidence_attach,
    progress_record,
    report_accept,
    report_get_or_create,
    report_return,
    report_submit,
    value_review,
    value_verify,
)

pytestmark = pytest.mark.django_db

QUARTERS = ("Q1", "Q2", "Q3", "Q4")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _record(o, ref="1.1.1", q="Q1", text="২৫", **kw):
    return progress_record(plan=o.apa, indicator_ref=ref, quarter=q, actor=o.focal, text=text,
                           **kw)


def _value(o, ref="1.1.1", q="Q1"):
    return ReportedValue.objects.get(plan=o.apa, indicator_ref=ref, quarter=q)


def _year(o):
    return Report.objects.get(plan=o.apa, period="year")


def _submitted_year(world, o, *, accept_quarters=QUARTERS):
    """[1.1.1] 25 and [1.1.2] 90 % in every quarter; the quarters in `accept_quarters`
    accepted, the others only submitted; the year-end evaluation submitted."""
    for q in QUARTERS:
        _record(o, q=q, text="২৫")
        _record(o, ref="1.1.2", q=q, text="৯০%")
        report = report_submit(report=report_get_or_create(plan=o.apa, period=q, actor=o.focal),
                               actor=o.focal)
        if q in accept_quarters:
            report_accept(report=report, actor=world.supervisor)
    year = report_get_or_create(plan=o.apa, period="year", actor=o.focal)
    return report_submit(report=year, actor=o.focal)


def _returned_year(world, o, *, ref="1.1.1", q="Q1"):
    """The evaluation submitted with every quarter accepted, then returned with one item."""
    year = _submitted_year(world, o)
    value_review(value=_value(o, ref, q), actor=world.supervisor, accept=False,
                 comment="উপস্থিতির তালিকার সাথে মেলে না")
    return report_return(report=year, actor=world.supervisor, comment="চিহ্নিত মান সংশোধন করুন")


def _locked(call):
    with pytest.raises(ProgressError) as err:
        call()
    assert err.value.code is ProgressErrorCode.REPORT_LOCKED
    # The message is the catalogue's, in both languages.
    assert "বদলানো যায় না" in err.value.bn
    assert "cannot be changed" in err.value.en


# ---------------------------------------------------------------- what opens


def test_accepted_values_not_returned_stay_locked_after_the_year_end_return(world, rangpur):
    _returned_year(world, rangpur)
    assert _year(rangpur).state == "returned"
    before = {(v.indicator_ref, v.quarter): (v.reported_number, v.lock_version)
              for v in ReportedValue.objects.filter(plan=rangpur.apa)}
    # Another quarter's value of the same indicator, another indicator of the same quarter.
    _locked(lambda: _record(rangpur, q="Q2", text="৩০", reason="ভুল ছিল"))
    _locked(lambda: _record(rangpur, ref="1.1.2", q="Q1", text="৮০%", reason="ভুল ছিল"))
    # A value never entered in an accepted quarter cannot be added either.
    _locked(lambda: _record(rangpur, ref="2.1.2", q="Q3", text="১০", reason="বাদ পড়েছিল"))
    # Nor evidence added to an accepted value.
    _locked(lambda: evidence_attach(value=_value(rangpur, "1.1.1", "Q2"), actor=rangpur.focal,
                                    file=ContentFile(PDF, name="tally.pdf")))
    after = {(v.indicator_ref, v.quarter): (v.reported_number, v.lock_version)
             for v in ReportedValue.objects.filter(plan=rangpur.apa)}
    assert after == before
    assert {v.review_state for v in ReportedValue.objects.filter(plan=rangpur.apa)} == {
        "accepted", "returned"}


def test_a_returned_item_changes_with_a_reason_and_may_be_corrected_again(world, rangpur):
    _returned_year(world, rangpur)
    rv = _value(rangpur)
    with pytest.raises(ProgressError) as err:
        _record(rangpur, text="২০")  # it was reported and accepted: a reason is needed
    assert err.value.code is ProgressErrorCode.REASON_REQUIRED
    rv = _record(rangpur, text="২০", reason="উপস্থিতির তালিকা অনুযায়ী",
                 expected_version=rv.lock_version)
    assert (rv.reported_number, rv.change_reason) == (Decimal(20), "উপস্থিতির তালিকা অনুযায়ী")
    # Still returned (open) until the evaluation goes up again: a second correction is allowed.
    assert rv.review_state == "returned"
    rv = _record(rangpur, text="২১", reason="একজন বাদ পড়েছিলেন")
    assert rv.reported_number == Decimal(21)
    evidence_attach(value=rv, actor=rangpur.focal, file=ContentFile(PDF, name="list.pdf"))
    # The effective (scored) value follows the office's correction.
    effective = {(p.indicator, p.quarter.value): p.value
                 for p in plan_to_domain(rangpur.apa.pk).progress}
    assert effective[("1.1.1", "Q1")] == Number(Decimal(21))
    # The report page offers exactly the returned item for editing.
    page = report_page(plan=rangpur.apa, period="year")
    open_cells = {(row.ref, c.quarter) for row in page.rows for c in row.cells if c.editable}
    assert open_cells == {("1.1.1", "Q1")}


def test_submitting_the_evaluation_again_locks_the_corrected_items(world, rangpur):
    year = _returned_year(world, rangpur)
    rv = _record(rangpur, text="২০", reason="উপস্থিতির তালিকা অনুযায়ী")
    assert rv.review_state == "returned"
    year = report_submit(report=year, actor=rangpur.focal)
    assert _value(rangpur).review_state == "pending"  # waits for the reviewer again
    record = ChangeRecord.objects.filter(action="report.submit").latest("pk")
    assert record.after["items"] == ["1.1.1 Q1"]
    _locked(lambda: _record(rangpur, text="২২", reason="আবার"))


def test_accepting_the_evaluation_again_accepts_the_corrections_and_uses_verified_values(
        world, rangpur):
    year = _returned_year(world, rangpur)
    record = ChangeRecord.objects.get(action="report.return")
    assert record.after["items"] == ["1.1.1 Q1"]
    _record(rangpur, text="২০", reason="উপস্থিতির তালিকা অনুযায়ী")
    _locked(lambda: _record(rangpur, q="Q4", text="৩০", reason="চূড়ান্ত হিসাব"))
    year = report_submit(report=year, actor=rangpur.focal)
    # The supervisor verifies the correction at the second review, then accepts.
    value_verify(value=_value(rangpur), actor=world.supervisor, text="১৫",
                 comment="৫ জন অনুপস্থিত")
    year = report_accept(report=year, actor=world.supervisor)
    assert year.state == "accepted"
    values = ReportedValue.objects.filter(plan=rangpur.apa)
    assert {v.review_state for v in values} == {"accepted"}
    rv = _value(rangpur)
    assert (rv.reported_number, rv.verified_number) == (Decimal(20), Decimal(15))
    final = office_year_scores(office=rangpur.office, fiscal_year="2022-23").scores[
        rangpur.apa.pk]
    assert (year.final_total, year.final_percent) == (pytest.approx(final.total),
                                                      pytest.approx(final.percent))
    # 15 + 25 + 25 + 25 = 90 of 100 → the 90 % level: 20 × 0.9 = 18 marks.
    assert final.indicator("1.1.1").score == pytest.approx(18.0)
    # Accepted again: locked again.
    _locked(lambda: _record(rangpur, text="২৫", reason="আবার"))


# ---------------------------------------------------------------- a return with no item marked


def test_a_return_with_no_item_marked_is_refused_when_every_value_is_accepted(world, rangpur):
    year = _submitted_year(world, rangpur)
    with pytest.raises(ProgressError) as err:
        report_return(report=year, actor=world.supervisor, comment="সংশোধন করুন")
    assert err.value.code is ProgressErrorCode.YEAR_RETURN_NO_ITEMS
    assert "চিহ্নিত" in err.value.bn and "one by one" in err.value.en
    assert _year(rangpur).state == "submitted"
    assert {v.review_state for v in ReportedValue.objects.filter(plan=rangpur.apa)} == {
        "accepted"}
    # The bulk return says so for that report and changes nothing.
    (item,) = reports_bulk(actor=world.supervisor, office=world.directorate,
                           report_ids=[str(year.pk)], accept=False, comment="সংশোধন করুন")
    assert not item.done and item.error.code is ProgressErrorCode.YEAR_RETURN_NO_ITEMS
    assert _year(rangpur).state == "submitted"


def test_a_bulk_return_with_no_item_marked_opens_only_the_values_not_yet_accepted(
        world, rangpur):
    """Q4 went up with the evaluation, not accepted on its own: the return opens Q4's values
    (marked returned with the comment); the accepted quarters stay locked."""
    year = _submitted_year(world, rangpur, accept_quarters=("Q1", "Q2", "Q3"))
    (item,) = reports_bulk(actor=world.supervisor, office=world.directorate,
                           report_ids=[str(year.pk)], accept=False, comment="চতুর্থ কোয়ার্টার দেখুন")
    assert item.done
    assert _year(rangpur).state == "returned"
    states = {(v.indicator_ref, v.quarter): (v.review_state, v.review_comment)
              for v in ReportedValue.objects.filter(plan=rangpur.apa, quarter="Q4")}
    assert states == {("1.1.1", "Q4"): ("returned", "চতুর্থ কোয়ার্টার দেখুন"),
                      ("1.1.2", "Q4"): ("returned", "চতুর্থ কোয়ার্টার দেখুন")}
    # The focal point is told which items, each indicator once.
    notice = Notice.objects.get(kind=NoticeKind.REPORT_RETURNED)
    assert "(সূচক: ১.১.১, ১.১.২)" in notice.text_bn
    _record(rangpur, q="Q4", text="৩০", reason="চূড়ান্ত হিসাব")
    _locked(lambda: _record(rangpur, q="Q3", text="৩০", reason="চূড়ান্ত হিসাব"))


# ---------------------------------------------------------------- the public pages


def _public_q1(client, o):
    (plan,) = planformat.loads(
        client.get(reverse("public:plan_plans_json", args=[o.apa.pk])).content)
    return {(p.indicator, p.quarter.value): p.value for p in plan.progress}


def _csv_q1(client, o):
    text = client.get(reverse("public:plan_indicators_csv", args=[o.apa.pk])).content.decode(
        "utf-8-sig")
    return {row["indicator_ref"]: row["q1"] for row in csv.DictReader(io.StringIO(text))}


def test_public_data_never_shows_a_change_before_it_is_accepted_again(client, world, rangpur):
    year = _submitted_year(world, rangpur)
    assert _public_q1(client, rangpur)[("1.1.1", "Q1")] == Number(Decimal(25))
    score_before = client.get(reverse("public:plan_scores_json", args=[rangpur.apa.pk])).json()
    value_review(value=_value(rangpur), actor=world.supervisor, accept=False,
                 comment="উপস্থিতির তালিকার সাথে মেলে না")
    year = report_return(report=year, actor=world.supervisor, comment="সংশোধন করুন")
    _record(rangpur, text="২০", reason="উপস্থিতির তালিকা অনুযায়ী")

    # Changed after its acceptance, not yet accepted again: under correction, left out.
    shown = _public_q1(client, rangpur)
    assert ("1.1.1", "Q1") not in shown
    assert shown[("1.1.1", "Q2")] == Number(Decimal(25))  # the rest of the quarter stays
    assert _csv_q1(client, rangpur)["1.1.1"] == ""
    html = client.get(reverse("public:office", args=[rangpur.office.code])).content.decode()
    assert "সংশোধনাধীন মান: ১টি" in html
    scores = client.get(reverse("public:plan_scores_json", args=[rangpur.apa.pk])).json()
    assert scores != score_before  # the score moved with published values only
    # Submitted again: still waiting for the supervisor, still left out.
    year = report_submit(report=year, actor=rangpur.focal)
    assert ("1.1.1", "Q1") not in _public_q1(client, rangpur)

    report_accept(report=year, actor=world.supervisor)
    assert _public_q1(client, rangpur)[("1.1.1", "Q1")] == Number(Decimal(20))
    assert _csv_q1(client, rangpur)["1.1.1"] == "20"
    html = client.get(reverse("public:office", args=[rangpur.office.code])).content.decode()
    assert "সংশোধনাধীন" not in html
