"""Reports: submit (due dates per tier, lateness), review, verify, return-and-fix, accept,
the half-yearly self-assessment and the year-end evaluation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from kormo.audit.models import ChangeRecord, Notice, NoticeKind
from kormo.domain.values import Number
from kormo.offices.access import AccessDenied
from kormo.plans.convert import plan_to_domain
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.models import Report, ReportedValue
from kormo.progress.scores import office_year_scores
from kormo.progress.services import (
    progress_record,
    report_accept,
    report_get_or_create,
    report_return,
    report_submit,
    value_review,
    value_verify,
)
from kormo.years.models import Deadline, FiscalYearSetup

pytestmark = pytest.mark.django_db
DHAKA = ZoneInfo("Asia/Dhaka")


def at(y, m, d, h=12):
    return dt.datetime(y, m, d, h, tzinfo=DHAKA)


def _record(o, ref="1.1.1", q="Q1", text="২৫", **kw):
    return progress_record(plan=o.apa, indicator_ref=ref, quarter=q, actor=o.focal, text=text,
                           **kw)


def _report(o, period="Q1"):
    return Report.objects.get(plan=o.apa, period=period)


def test_due_date_from_the_year_deadline_of_the_office_tier(rangpur):
    year = FiscalYearSetup.objects.create(fiscal_year="2022-23")
    Deadline.objects.create(year=year, event="Q1", tier="upazila", due_on=dt.date(2022, 10, 10))
    Deadline.objects.create(year=year, event="Q1", tier="district",
                            due_on=dt.date(2022, 10, 12))
    Deadline.objects.create(year=year, event="Q1", tier="", due_on=dt.date(2022, 10, 20))
    report = report_get_or_create(plan=rangpur.apa, period="Q1", actor=rangpur.focal)
    assert report.due_on == dt.date(2022, 10, 12)


def test_due_date_falls_back_to_the_calendar(rangpur):
    report = report_get_or_create(plan=rangpur.apa, period="Q2", actor=rangpur.focal)
    assert report.due_on == dt.date(2023, 1, 15)
    year = report_get_or_create(plan=rangpur.apa, period="year", actor=rangpur.focal)
    assert year.due_on == dt.date(2023, 7, 15)


def test_submitted_on_time_is_not_late_and_the_supervisor_is_told(
        world, rangpur, django_capture_on_commit_callbacks):
    _record(rangpur)
    with django_capture_on_commit_callbacks(execute=True):
        report = report_submit(report=_report(rangpur), actor=rangpur.focal,
                               now=at(2022, 10, 15, 23))
    assert (report.state, report.is_late, report.submitted_by) == ("submitted", False,
                                                                   rangpur.focal)
    notice = Notice.objects.get(kind=NoticeKind.REPORT_SUBMITTED)
    assert notice.recipient == world.supervisor
    assert mail.outbox[-1].to == [world.supervisor.email]
    assert ReportedValue.objects.get().reported_at == at(2022, 10, 15, 23)


def test_submitted_after_the_due_date_is_marked_late(rangpur):
    _record(rangpur)
    report = report_submit(report=_report(rangpur), actor=rangpur.focal, now=at(2022, 10, 16, 9))
    assert report.is_late is True
    assert ChangeRecord.objects.get(action="report.submit").after["is_late"] is True
    assert "দেরিতে" in Notice.objects.get(kind=NoticeKind.REPORT_SUBMITTED).text_bn


def test_a_second_submit_and_a_strangers_submit_are_refused(world, rangpur):
    _record(rangpur)
    report = report_submit(report=_report(rangpur), actor=rangpur.focal)
    with pytest.raises(ProgressError) as err:
        report_submit(report=report, actor=rangpur.focal)
    assert err.value.code is ProgressErrorCode.WRONG_STATE
    with pytest.raises(AccessDenied):
        report_submit(report=report, actor=world.stranger)
    assert _report(rangpur).lock_version == 1


def test_return_and_fix_cycle_with_verified_values_kept_apart(
        world, rangpur, django_capture_on_commit_callbacks):
    rv = _record(rangpur, text="২৫")
    rv2 = _record(rangpur, ref="1.1.2", text="৯০%")
    report = report_submit(report=_report(rangpur), actor=rangpur.focal, now=at(2022, 10, 1))
    # Only the supervising office reviews.
    with pytest.raises(AccessDenied):
        value_review(value=rv, actor=rangpur.head, accept=False, comment="না")
    with pytest.raises(ProgressError) as err:
        value_review(value=rv, actor=world.supervisor, accept=False, comment=" ")
    assert err.value.code is ProgressErrorCode.COMMENT_REQUIRED
    value_review(value=rv, actor=world.supervisor, accept=False,
                 comment="উপস্থিতির তালিকা দিন")
    value_verify(value=rv2, actor=world.supervisor, text="৮৫%", comment="নমুনা যাচাই")
    with pytest.raises(ProgressError) as err:
        report_return(report=report, actor=world.supervisor, comment="")
    assert err.value.code is ProgressErrorCode.COMMENT_REQUIRED
    with django_capture_on_commit_callbacks(execute=True):
        report = report_return(report=report, actor=world.supervisor, comment="প্রমাণক দিন")
    assert report.state == "returned"
    notice = Notice.objects.get(kind=NoticeKind.REPORT_RETURNED)
    assert notice.recipient == rangpur.focal and "১.১.১" in notice.text_bn
    assert mail.outbox[-1].to == [rangpur.focal.email]
    # The fix: the value was reported, so the change carries a reason.
    rv = _record(rangpur, text="২৪", reason="উপস্থিতির তালিকা অনুযায়ী", expected_version=2)
    assert rv.review_state == "pending"
    report = report_submit(report=report, actor=rangpur.focal, now=at(2022, 10, 20))
    assert report.is_late is False  # judged at the first submission
    report = report_accept(report=report, actor=world.supervisor)
    assert report.state == "accepted"
    values = {v.indicator_ref: v for v in ReportedValue.objects.all()}
    assert {r: v.review_state for r, v in values.items()} == {"1.1.1": "accepted",
                                                               "1.1.2": "accepted"}
    # Both kept: self-reported 90 %, verified 85 %; the effective (scored) value is 85 %.
    assert (values["1.1.2"].reported_number, values["1.1.2"].verified_number) == (
        Decimal(90), Decimal(85))
    effective = {p.indicator: p.value for p in plan_to_domain(rangpur.apa.pk).progress}
    assert effective == {"1.1.1": Number(Decimal(24)), "1.1.2": _percent(85)}
    score = office_year_scores(office=rangpur.office, fiscal_year="2022-23")
    assert score.scores[rangpur.apa.pk].indicator("1.1.2").raw_percent == pytest.approx(80.0)


def _percent(n):
    from kormo.domain.values import Percent

    return Percent(Decimal(n))


def test_verify_only_while_under_review(world, rangpur):
    rv = _record(rangpur)
    with pytest.raises(ProgressError) as err:
        value_verify(value=rv, actor=world.supervisor, text="২০")
    assert err.value.code is ProgressErrorCode.WRONG_STATE
    assert ReportedValue.objects.get().verified is False


def test_year_end_evaluation_needs_the_four_quarters_and_fixes_the_final_score(
        world, rangpur):
    year = report_get_or_create(plan=rangpur.apa, period="year", actor=rangpur.focal)
    with pytest.raises(ProgressError) as err:
        report_submit(report=year, actor=rangpur.focal)
    assert err.value.code is ProgressErrorCode.QUARTERS_OPEN
    for q in ("Q1", "Q2", "Q3", "Q4"):
        _record(rangpur, q=q, text="২৫")
        report_submit(report=_report(rangpur, q), actor=rangpur.focal)
        report_accept(report=_report(rangpur, q), actor=world.supervisor)
    year = report_submit(report=year, actor=rangpur.focal)
    rv = ReportedValue.objects.get(quarter="Q4")
    value_verify(value=rv, actor=world.supervisor, text="১৫", comment="১০ জন অনুপস্থিত")
    year = report_accept(report=year, actor=world.supervisor)
    scores = office_year_scores(office=rangpur.office, fiscal_year="2022-23")
    final = scores.scores[rangpur.apa.pk]
    assert (year.final_total, year.final_percent) == (pytest.approx(final.total),
                                                      pytest.approx(final.percent))
    # 25 + 25 + 25 + 15 = 90 of 100 → the 90 % level: 20 × 0.9 = 18 marks.
    assert final.indicator("1.1.1").score == pytest.approx(18.0)


# ---------------------------------------------------------------- submission windows


def test_submission_windows_open_per_tier_upazila_before_ministry(world, rangpur):
    """DOMAIN.md "Calendar seen": windows are staggered by tier, upazila first, ministries
    last. Before its tier's window opens a report is refused, in both languages, with the
    date in Bengali digits; a tier without a window of its own takes the every-tier row."""
    from kormo.domain.plan import Tier
    from kormo.offices.models import Role
    from tests.progress.world import office_world
    from tests.world import person

    upazila = office_world(rangpur.office, "উপজেলা কার্যালয়, পীরগাছা", world.supervisor,
                           tier=Tier.UPAZILA)
    minister = person("ministry-supervisor", world.ministry, Role.SUPERVISOR)
    ministry = office_world(world.ministry, "মন্ত্রণালয়ের আইসিটি সেল", minister,
                            tier=Tier.MINISTRY)
    year = FiscalYearSetup.objects.create(fiscal_year="2022-23")
    Deadline.objects.create(year=year, event="Q1", tier="upazila", opens_on=dt.date(2022, 10, 1),
                            due_on=dt.date(2022, 10, 10))
    Deadline.objects.create(year=year, event="Q1", tier="ministry",
                            opens_on=dt.date(2022, 10, 16), due_on=dt.date(2022, 10, 25))
    Deadline.objects.create(year=year, event="Q1", tier="", due_on=dt.date(2022, 10, 15))
    for o in (upazila, ministry, rangpur):
        _record(o)

    early = report_submit(report=_report(upazila), actor=upazila.focal, now=at(2022, 10, 5))
    assert (early.state, early.is_late) == ("submitted", False)
    district = report_submit(report=_report(rangpur), actor=rangpur.focal, now=at(2022, 10, 5))
    assert district.state == "submitted"  # the every-tier row has no window

    waiting = _report(ministry)
    before = (waiting.state, waiting.lock_version, ChangeRecord.objects.count())
    with pytest.raises(ProgressError) as err:
        report_submit(report=waiting, actor=ministry.focal, now=at(2022, 10, 5))
    assert err.value.code is ProgressErrorCode.WINDOW_NOT_OPEN
    assert err.value.bn == "জমা দেওয়ার সময় শুরু হবে ১৬ অক্টোবর ২০২২ তারিখে"
    assert err.value.en == "the submission window opens on 16 October 2022"
    waiting.refresh_from_db()
    assert (waiting.state, waiting.lock_version, ChangeRecord.objects.count()) == before
    assert waiting.submitted_at is None and waiting.first_submitted_at is None

    on_time = report_submit(report=waiting, actor=ministry.focal, now=at(2022, 10, 16, 9))
    assert (on_time.state, on_time.is_late, on_time.due_on) == (
        "submitted", False, dt.date(2022, 10, 25))


# ---------------------------------------------------------------- changing a verified value


def test_changing_or_withdrawing_a_verified_value_needs_a_reason(world, rangpur):
    rv = _record(rangpur, text="২৫")
    report_submit(report=_report(rangpur), actor=rangpur.focal, now=at(2022, 10, 1))
    rv = value_verify(value=rv, actor=world.supervisor, text="২০")  # the first needs none
    assert (rv.verified, rv.verified_number) == (True, Decimal(20))

    def state():
        row = ReportedValue.objects.get(pk=rv.pk)
        return (row.verified, row.verified_number, row.verify_comment, row.lock_version,
                ChangeRecord.objects.count())

    before = state()
    for text in ("১৮", ""):
        with pytest.raises(ProgressError) as err:
            value_verify(value=rv, actor=world.supervisor, text=text, comment="  ")
        assert err.value.code is ProgressErrorCode.VERIFY_REASON_REQUIRED
        assert err.value.bn == "যাচাইকৃত মান বদলাতে বা প্রত্যাহার করতে মন্তব্যে কারণ লিখুন"
        assert err.value.en == ("write in the comment why the verified value is changed or "
                                "withdrawn")
        assert err.value.place == "1.1.1"
        assert state() == before
    # The same value again is no change: no reason asked.
    value_verify(value=rv, actor=world.supervisor, text="20")
    rv = value_verify(value=rv, actor=world.supervisor, text="১৮", comment="দুজনের নাম দুবার")
    assert (rv.verified_number, rv.verify_comment) == (Decimal(18), "দুজনের নাম দুবার")
    record = ChangeRecord.objects.filter(action="progress.verify").latest("pk")
    assert (record.actor, record.reason, record.before["verified"], record.after["verified"]) \
        == (world.supervisor, "দুজনের নাম দুবার", "20", "18")
    rv = value_verify(value=rv, actor=world.supervisor, text="", comment="যাচাই প্রত্যাহার")
    assert (rv.verified, rv.verified_by) == (False, None)
