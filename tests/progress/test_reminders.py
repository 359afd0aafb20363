"""Deadline reminders (kormo.progress.reminders, kormo.agreements.reminders, `kormo_remind`):
who is told what, when, once.

The world's plans are of 2022-23 and signed; without deadlines the calendar's defaults apply
(Q1 due 15 October 2022, Q2 15 January 2023, ... the year-end evaluation 15 July 2023).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kormo.agreements.reminders import remind, reminders_due
from kormo.agreements.services import plan_approve, plan_return, plan_sign, plan_submit
from kormo.audit.models import Notice, NoticeKind
from kormo.domain.plan import Tier
from kormo.plans.models import Plan
from kormo.progress.models import Report, ReportPeriod
from kormo.progress.reminders import parse_day
from kormo.progress.services import (
    progress_record,
    report_accept,
    report_due,
    report_get_or_create,
    report_return,
    report_submit,
)
from kormo.years.deadlines import deadline_map
from kormo.years.models import Deadline, FiscalYearSetup
from tests.progress.world import make_world, office_world
from tests.world import sign

pytestmark = pytest.mark.django_db
DHAKA = ZoneInfo("Asia/Dhaka")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def world(world):
    """The progress world without the notices of its signing: only reminders are left."""
    Notice.objects.all().delete()
    return world


def day(y, m, d):
    return dt.date(y, m, d)


def at(y, m, d, h=12):
    return dt.datetime(y, m, d, h, tzinfo=DHAKA)


def _got(kind=None):
    """(recipient username, plan id, kind) of every notice, sorted."""
    rows = Notice.objects.all() if kind is None else Notice.objects.filter(kind=kind)
    return sorted((n.recipient.username, n.plan_id, n.kind) for n in rows)


def _submit(o, period="Q1", now=None, plan=None):
    plan = plan or o.apa
    progress_record(plan=plan, indicator_ref="1.1.1", quarter=period, actor=o.focal,
                    text="২৫")
    report = Report.objects.get(plan=plan, period=period)
    return report_submit(report=report, actor=o.focal, now=now)


# ---------------------------------------------------------------- due soon, overdue


def test_due_soon_reaches_the_focal_points_only_n_days_before_and_not_earlier(
        world, rangpur, dinajpur):
    assert remind(today=day(2022, 10, 7)).notice_count == 0  # 8 days before: too early
    assert not Notice.objects.exists()
    result = remind(today=day(2022, 10, 8))
    offices = (rangpur, dinajpur)
    assert _got() == sorted((o.focal.username, p.pk, NoticeKind.REPORT_DUE_SOON)
                            for o in offices for p in (o.apa, o.integrity))
    assert result.notice_count == 4 and len(result.reminders) == 4
    notice = Notice.objects.get(plan=rangpur.apa)
    assert notice.text_bn == (
        "জেলা কার্যালয়, রংপুর: বার্ষিক কর্মসম্পাদন চুক্তি ২০২২-২৩: ১ম কোয়ার্টারের প্রতিবেদন "
        "জমা দেওয়ার শেষ তারিখ ১৫ অক্টোবর ২০২২ (আর ৭ দিন বাকি)")
    assert notice.text_en.endswith(
        "Annual Performance Agreement 2022-23: first-quarter report is due on "
        "15 October 2022 (7 days left)")
    assert notice.url == reverse("progress:report", args=[rangpur.apa.pk]) + "?period=Q1"
    assert notice.key == f"due-soon:{rangpur.apa.pk}:Q1:2022-10-15"
    # A shorter window (the option) reminds later; on the due day it says "today".
    Notice.objects.all().delete()
    assert remind(today=day(2022, 10, 11), due_within=3).notice_count == 0
    assert remind(today=day(2022, 10, 12), due_within=3).notice_count == 4
    Notice.objects.all().delete()
    remind(today=day(2022, 10, 15))
    assert Notice.objects.filter(plan=rangpur.apa).get().text_en.endswith("(today)")


def test_overdue_reaches_the_focal_points_and_the_head(world, rangpur, dinajpur):
    # A draft report is not submitted either.
    report_get_or_create(plan=rangpur.apa, period="Q1", actor=rangpur.focal)
    remind(today=day(2022, 10, 17))
    got = _got(NoticeKind.REPORT_OVERDUE)
    assert got == sorted((u.username, p.pk, NoticeKind.REPORT_OVERDUE)
                         for o in (rangpur, dinajpur) for u in (o.focal, o.head)
                         for p in (o.apa, o.integrity))
    assert world.supervisor.username not in {g[0] for g in got}
    notice = Notice.objects.filter(plan=rangpur.apa, recipient=rangpur.head).get()
    assert notice.text_bn.endswith(
        "১ম কোয়ার্টারের প্রতিবেদন জমা দেওয়ার শেষ তারিখ ছিল ১৫ অক্টোবর ২০২২; "
        "এখনো জমা দেওয়া হয়নি (২ দিন পেরিয়ে গেছে)")
    assert notice.text_en.endswith(
        "2022-23: first-quarter report was due on 15 October 2022 and is not submitted yet "
        "(2 days overdue)")
    # Long past (more than --overdue-within days): history, not a reminder.
    Notice.objects.all().delete()
    assert remind(today=day(2022, 11, 15), overdue_within=30).notice_count == 0
    assert remind(today=day(2022, 11, 14), overdue_within=30).notice_count == 8


def test_a_returned_report_is_reminded_as_not_resubmitted(world, rangpur):
    report = _submit(rangpur, now=at(2022, 10, 10))
    report_return(report=report, actor=world.supervisor, comment="প্রমাণক দিন")
    remind(today=day(2022, 10, 17))
    notice = Notice.objects.get(plan=rangpur.apa, recipient=rangpur.focal,
                                kind=NoticeKind.REPORT_OVERDUE)
    assert "ফেরত দেওয়া প্রতিবেদনটি এখনো আবার জমা দেওয়া হয়নি" in notice.text_bn
    assert "was returned and is not resubmitted yet" in notice.text_en


# ---------------------------------------------------------------- review


def test_a_submitted_report_waits_m_days_then_its_supervisors_are_told(world, rangpur):
    _submit(rangpur, now=at(2022, 10, 10))
    Notice.objects.all().delete()  # the notice of the submission itself
    remind(today=day(2022, 10, 12))
    # The office is not reminded of the submitted report, only of its other plan's.
    assert not Notice.objects.filter(plan=rangpur.apa).exists()
    assert Notice.objects.filter(plan=rangpur.integrity, recipient=rangpur.focal).exists()
    remind(today=day(2022, 10, 16))  # six days: not yet
    assert not Notice.objects.filter(kind=NoticeKind.REVIEW_WAITING).exists()
    assert not Notice.objects.filter(plan=rangpur.apa).exists()  # submitted: not overdue
    remind(today=day(2022, 10, 17))
    notice = Notice.objects.get(kind=NoticeKind.REVIEW_WAITING)
    assert (notice.recipient, notice.plan_id) == (world.supervisor, rangpur.apa.pk)
    assert notice.text_bn.endswith(
        "১ম কোয়ার্টারের প্রতিবেদন ১০ অক্টোবর ২০২২ তারিখে জমা দেওয়া হয়েছে, ৭ দিন ধরে "
        "আপনার পর্যালোচনার অপেক্ষায়")
    assert notice.text_en.endswith(
        "2022-23: first-quarter report submitted on 10 October 2022 has waited 7 days for your "
        "review")
    assert notice.key == f"review:{rangpur.apa.pk}:Q1:2022-10-10"
    assert remind(today=day(2022, 10, 18), review_after=7).notice_count == 0  # told once


def test_an_accepted_report_gets_nothing(world, rangpur):
    report = _submit(rangpur, now=at(2022, 10, 10))
    report_accept(report=report, actor=world.supervisor)
    Notice.objects.all().delete()
    for d in (day(2022, 10, 12), day(2022, 10, 17), day(2022, 10, 30)):
        remind(today=d)
    assert not Notice.objects.filter(plan=rangpur.apa).exists()


def test_the_year_end_evaluation_is_reminded_once_the_quarters_are_in(world, rangpur):
    evaluation = [r for r in reminders_due(today=day(2023, 7, 10))
                  if r.period is ReportPeriod.YEAR]
    assert evaluation == []  # the quarters are not in: only Q4 is reminded
    for q in ("Q1", "Q2", "Q3", "Q4"):
        report_accept(report=_submit(rangpur, q), actor=world.supervisor)
    (due,) = [r for r in reminders_due(today=day(2023, 7, 10))
              if r.period is ReportPeriod.YEAR]
    assert (due.kind, due.plan.pk, due.due_on) == (NoticeKind.REPORT_DUE_SOON,
                                                    rangpur.apa.pk, day(2023, 7, 15))
    assert "বছর শেষের মূল্যায়ন জমা দেওয়ার শেষ তারিখ ১৫ জুলাই ২০২৩" in due.text_bn
    assert "2022-23: year-end evaluation is due on 15 July 2023" in due.text_en


# ---------------------------------------------------------------- deadlines per tier


def _q1_deadlines():
    year = FiscalYearSetup.objects.create(fiscal_year="2022-23")
    for tier, due in (("upazila", day(2022, 10, 5)), ("district", day(2022, 10, 12)),
                      ("", day(2022, 10, 20))):
        Deadline.objects.create(year=year, event="Q1", tier=tier, due_on=due)


def test_per_tier_deadlines_remind_an_upazila_office_before_a_district_one(world, rangpur):
    upazila = office_world(rangpur.office, "উপজেলা কার্যালয়, পীরগাছা", world.supervisor,
                           tier=Tier.UPAZILA)
    _q1_deadlines()
    Notice.objects.all().delete()
    remind(today=day(2022, 9, 28))
    assert {n.plan.office_id for n in Notice.objects.all()} == {upazila.office.pk}
    assert "৫ অক্টোবর ২০২২" in Notice.objects.filter(plan=upazila.apa).get().text_bn
    remind(today=day(2022, 10, 5))
    district = Notice.objects.get(plan=rangpur.apa)
    assert "due on 12 October 2022 (7 days left)" in district.text_en
    remind(today=day(2022, 10, 6))
    assert Notice.objects.filter(plan=upazila.apa, kind=NoticeKind.REPORT_OVERDUE).count() == 2
    # The due dates are those of the services, for every plan and period.
    deadlines = deadline_map(["2022-23"])
    for plan in (upazila.apa, rangpur.apa, rangpur.integrity):
        for period in ReportPeriod:
            assert report_due(plan, period, deadlines) == report_due(plan, period)


# ---------------------------------------------------------------- once, by e-mail, cheaply


def test_running_twice_sends_nothing_new(world, rangpur):
    first = remind(today=day(2022, 10, 8))
    assert first.notice_count == 4
    again = remind(today=day(2022, 10, 8))
    assert (again.notice_count, again.reminders) == (0, [])
    assert remind(today=day(2022, 10, 9)).notice_count == 0  # the next day: the same thing
    assert Notice.objects.count() == 4
    # A deadline moved to a later day is a new reminder.
    year = FiscalYearSetup.objects.create(fiscal_year="2022-23")
    Deadline.objects.create(year=year, event="Q1", tier="", due_on=day(2022, 10, 16))
    assert remind(today=day(2022, 10, 10)).notice_count == 4


def test_a_dry_run_sends_nothing(world, rangpur):
    result = remind(today=day(2022, 10, 8), dry_run=True)
    assert result.notice_count == 4 and len(result.reminders) == 4
    assert not Notice.objects.exists()


def test_reminders_go_out_by_e_mail_after_the_commit(
        world, rangpur, dinajpur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        remind(today=day(2022, 10, 17))
    # One per plan and person (the focal point and the head), each to one address only.
    assert len(mail.outbox) == 8 and all(len(m.to) == 1 for m in mail.outbox)
    rangpur_mails = [m for m in mail.outbox if "বার্ষিক কর্মসম্পাদন চুক্তি" in m.subject
                     and "রংপুর" in m.subject]
    assert sorted(m.to[0] for m in rangpur_mails) == sorted([rangpur.focal.email,
                                                             rangpur.head.email])
    message = rangpur_mails[0]
    assert message.subject.startswith("Kormo: জেলা কার্যালয়, রংপুর")
    assert "was due on 15 October 2022" in message.body
    assert f"/progress/plans/{rangpur.apa.pk}/report/?period=Q1" in message.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        remind(today=day(2022, 10, 17))
    assert mail.outbox == []


def _offices_with_one_plan(world, n, agreement=""):
    for _ in range(n):
        name = f"জেলা কার্যালয় {len(world.offices)}"
        o = world.offices[name] = office_world(world.directorate, name, world.supervisor,
                                               sign=False)
        sign(o.apa, o.head, world.supervisor)
        _submit(o, now=at(2022, 10, 1))  # Q1 waits for review; Q2 onwards not submitted
        if agreement:  # the integrity plan waits since 1 October: to be approved, or signed
            plan_submit(plan=o.integrity, actor=o.focal, now=at(2022, 10, 1))
            if agreement == "approved":
                _approved(o, o.integrity, at(2022, 10, 1))


def _queries(today):
    with CaptureQueriesContext(connection) as ctx:
        reminders = reminders_due(today=today)
    return len(ctx.captured_queries), reminders


@pytest.mark.parametrize(("today", "agreement", "per_plan"), [
    (day(2022, 10, 17), "", 1),  # Q1 waits for review
    (day(2023, 1, 10), "", 2),  # ... and Q2 is due soon
    (day(2022, 10, 17), "submitted", 2),  # ... and the integrity plan waits for approval
    (day(2022, 10, 17), "approved", 3),  # ... or for both signatures
])
def test_the_queries_do_not_grow_with_the_plans(db, today, agreement, per_plan,
                                                django_assert_max_num_queries):
    world = make_world("জেলা কার্যালয়, রংপুর", sign=False)  # no plan in force yet
    _offices_with_one_plan(world, 1, agreement)
    with django_assert_max_num_queries(9):
        one = reminders_due(today=today)
    count_one, _ = _queries(today)
    _offices_with_one_plan(world, 9, agreement)
    with django_assert_max_num_queries(9):
        ten = reminders_due(today=today)
    count_ten, _ = _queries(today)
    assert (len(one), len(ten)) == (per_plan, 10 * per_plan)
    assert count_one == count_ten


def test_the_notices_page_shows_the_reminders(world, rangpur):
    remind(today=day(2022, 10, 17))
    client = Client()
    client.force_login(rangpur.head)
    page = client.get(reverse("audit:notices")).content.decode()
    assert "১ম কোয়ার্টারের প্রতিবেদন জমা দেওয়ার শেষ তারিখ ছিল ১৫ অক্টোবর ২০২২" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("audit:notices")).content.decode()
    assert "was due on 15 October 2022 and is not submitted yet" in page


# ---------------------------------------------------------------- agreements waiting


RANGPUR = "জেলা কার্যালয়, রংপুর"
AGREEMENT_KINDS = (NoticeKind.AGREEMENT_APPROVAL_WAITING, NoticeKind.AGREEMENT_SIGNATURE_WAITING)


@pytest.fixture
def unsigned(db):
    """One office whose plans are saved and not submitted: no plan in force, so no report is
    reminded, and no notice yet."""
    world = make_world(RANGPUR, sign=False)
    assert not Notice.objects.exists()
    return world


def _approved(o, plan, moment):
    """Approve the plan (the services stamp now) as if on `moment`."""
    plan = plan_approve(plan=plan, actor=o.head)
    Plan.objects.filter(pk=plan.pk).update(approved_at=moment)
    return plan


def _sign(plan, actor, party):
    return plan_sign(plan=plan, actor=actor, party=party, name="স্বাক্ষরকারী", post="পরিচালক",
                     signed_on=day(2022, 10, 2))


def _agreement_notices():
    return _got(NoticeKind.AGREEMENT_APPROVAL_WAITING) + _got(
        NoticeKind.AGREEMENT_SIGNATURE_WAITING)


def test_a_submitted_agreement_waits_n_days_then_the_office_head_is_told_once(
        unsigned, django_capture_on_commit_callbacks):
    o = unsigned.offices[RANGPUR]
    plan_submit(plan=o.apa, actor=o.focal, now=at(2022, 10, 1))
    Notice.objects.all().delete()  # the notice of the submission itself
    assert remind(today=day(2022, 10, 7)).notice_count == 0  # six days: not yet
    assert not Notice.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        result = remind(today=day(2022, 10, 8))
    assert _got() == [(o.head.username, o.apa.pk, NoticeKind.AGREEMENT_APPROVAL_WAITING)]
    assert result.notices == {NoticeKind.AGREEMENT_APPROVAL_WAITING: 1}
    notice = Notice.objects.get()
    assert notice.key == f"approve:{o.apa.pk}:2022-10-01"
    assert notice.url == reverse("agreements:waiting")
    assert notice.text_bn == (
        "জেলা কার্যালয়, রংপুর: বার্ষিক কর্মসম্পাদন চুক্তি ২০২২-২৩: ১ অক্টোবর ২০২২ তারিখে "
        "অনুমোদনের জন্য জমা দেওয়া হয়েছে, ৭ দিন ধরে আপনার অনুমোদনের অপেক্ষায়")
    assert notice.text_en.endswith(
        "Annual Performance Agreement 2022-23: submitted for approval on 1 October 2022, has "
        "waited 7 days for your approval")
    (message,) = mail.outbox
    assert message.to == [o.head.email]
    assert reverse("agreements:waiting") in message.body
    # Told once: a second run the same day, and the next days, send nothing.
    for d in (day(2022, 10, 8), day(2022, 10, 9), day(2022, 10, 30)):
        assert remind(today=d).notice_count == 0
    assert Notice.objects.count() == 1
    # --agreement-after: a shorter wait reminds sooner.
    Notice.objects.all().delete()
    assert remind(today=day(2022, 10, 3), agreement_after=3).notice_count == 0
    assert remind(today=day(2022, 10, 4), agreement_after=3).notice_count == 1
    # Only the current and the previous fiscal year are looked at.
    Notice.objects.all().delete()
    Plan.objects.filter(pk=o.apa.pk).update(fiscal_year="2020-21")
    assert remind(today=day(2022, 10, 8)).notice_count == 0


def test_an_agreement_signed_by_the_office_reminds_only_the_supervisors(unsigned):
    o = unsigned.offices[RANGPUR]
    plan = plan_submit(plan=o.apa, actor=o.focal, now=at(2022, 9, 20))
    plan = _approved(o, plan, at(2022, 10, 1))
    _sign(plan, o.head, "office")
    Notice.objects.all().delete()
    assert remind(today=day(2022, 10, 7)).notice_count == 0
    remind(today=day(2022, 10, 8))
    assert _got() == [(unsigned.supervisor.username, o.apa.pk,
                       NoticeKind.AGREEMENT_SIGNATURE_WAITING)]
    notice = Notice.objects.get()
    assert notice.key == f"sign-supervisor:{o.apa.pk}:2022-10-01"
    assert notice.text_bn.endswith(
        "২০২২-২৩: ১ অক্টোবর ২০২২ তারিখে অনুমোদিত হয়েছে, ৭ দিন ধরে ঊর্ধ্বতন অফিসের "
        "স্বাক্ষরের অপেক্ষায়")
    assert notice.text_en.endswith(
        "2022-23: approved on 1 October 2022, has waited 7 days for the supervising office's "
        "signature")
    assert remind(today=day(2022, 10, 9)).notice_count == 0


def test_an_agreement_signed_by_nobody_reminds_the_head_and_the_supervisors(unsigned):
    o = unsigned.offices[RANGPUR]
    plan = plan_submit(plan=o.integrity, actor=o.focal, now=at(2022, 9, 20))
    plan = _approved(o, plan, at(2022, 10, 1))
    Notice.objects.all().delete()
    assert remind(today=day(2022, 10, 7)).notice_count == 0
    result = remind(today=day(2022, 10, 8))
    assert result.notices == {NoticeKind.AGREEMENT_SIGNATURE_WAITING: 2}
    assert sorted(Notice.objects.values_list("recipient__username", "key")) == sorted([
        (o.head.username, f"sign-office:{o.integrity.pk}:2022-10-01"),
        (unsigned.supervisor.username, f"sign-supervisor:{o.integrity.pk}:2022-10-01"),
    ])
    head = Notice.objects.get(recipient=o.head)
    assert head.text_en.endswith("has waited 7 days for the office's signature")
    assert head.text_bn.endswith("৭ দিন ধরে অফিসের স্বাক্ষরের অপেক্ষায়")
    # The office signs: the supervisors were told already, nobody is told again.
    _sign(plan, o.head, "office")
    assert remind(today=day(2022, 10, 9)).notice_count == 0
    # The notices page shows the text in the reader's language.
    client = Client()
    client.force_login(o.head)
    page = client.get(reverse("audit:notices")).content.decode()
    assert "৭ দিন ধরে অফিসের স্বাক্ষরের অপেক্ষায়" in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("audit:notices")).content.decode()
    assert "has waited 7 days for the office&#x27;s signature" in page


def test_a_returned_and_resubmitted_agreement_is_a_new_reminder(unsigned):
    o = unsigned.offices[RANGPUR]
    plan_submit(plan=o.apa, actor=o.focal, now=at(2022, 10, 1))
    Notice.objects.all().delete()
    assert remind(today=day(2022, 10, 8)).notice_count == 1
    plan_return(plan=o.apa, actor=o.head, comment="লক্ষ্যমাত্রা সংশোধন করুন")
    assert remind(today=day(2022, 10, 9)).notice_count == 0  # returned: not waiting for them
    plan_submit(plan=o.apa, actor=o.focal, now=at(2022, 10, 10))
    assert remind(today=day(2022, 10, 16)).notice_count == 0
    assert remind(today=day(2022, 10, 17)).notice_count == 1
    assert sorted(Notice.objects.filter(recipient=o.head).exclude(key="").values_list(
        "key", flat=True)) == [
        f"approve:{o.apa.pk}:2022-10-01", f"approve:{o.apa.pk}:2022-10-10"]
    assert remind(today=day(2022, 10, 18)).notice_count == 0


def test_a_signed_or_draft_agreement_gets_no_agreement_reminder(unsigned):
    o = unsigned.offices[RANGPUR]
    sign(o.apa, o.head, unsigned.supervisor)
    Plan.objects.filter(pk=o.apa.pk).update(submitted_at=at(2022, 9, 1),
                                            approved_at=at(2022, 9, 1))
    Notice.objects.all().delete()
    for d in (day(2022, 10, 8), day(2022, 10, 20), day(2023, 1, 10)):
        remind(today=d)
    assert _agreement_notices() == []
    assert Notice.objects.exists()  # the signed plan is in force: its reports are reminded


# ---------------------------------------------------------------- the command


def test_the_command_takes_bengali_digits_and_lists_a_dry_run(world, rangpur, capsys):
    call_command("kormo_remind", "--today", "২০২২-১০-০৮", "--dry-run")
    out = capsys.readouterr().out
    assert f"due-soon:{rangpur.apa.pk}:Q1:2022-10-15 → {rangpur.focal.username}" in out
    assert "৮ অক্টোবর ২০২২ এর অনুস্মারক: শেষ তারিখ আসন্ন ৪, শেষ তারিখ পেরিয়েছে ০, " \
           "পর্যালোচনার অপেক্ষায় ০, চুক্তি অনুমোদনের অপেক্ষায় ০, চুক্তি স্বাক্ষরের অপেক্ষায় ০; " \
           "মোট ৪টি নোটিশ পাঠানো হবে" in out
    assert "reminders of 8 October 2022: due soon 4, overdue 0, waiting for review 0, " \
           "agreements waiting for approval 0, agreements waiting for a signature 0; " \
           "4 notices would be sent" in out
    assert not Notice.objects.exists()
    call_command("kormo_remind", "--today", "2022-10-08", "--due-within", "৭")
    out = capsys.readouterr().out
    assert "4 notices sent" in out and Notice.objects.count() == 4


def test_the_command_lists_agreements_waiting_in_a_dry_run(unsigned, capsys):
    o = unsigned.offices[RANGPUR]
    plan_submit(plan=o.apa, actor=o.focal, now=at(2022, 10, 1))
    Notice.objects.all().delete()
    call_command("kormo_remind", "--today", "2022-10-04", "--agreement-after", "৩",
                 "--dry-run")
    out = capsys.readouterr().out
    assert f"approve:{o.apa.pk}:2022-10-01 → {o.head.username}" in out
    assert "৩ দিন ধরে আপনার অনুমোদনের অপেক্ষায়" in out and "has waited 3 days" in out
    assert "চুক্তি অনুমোদনের অপেক্ষায় ১, চুক্তি স্বাক্ষরের অপেক্ষায় ০; মোট ১টি নোটিশ " \
           "পাঠানো হবে" in out
    assert "agreements waiting for approval 1, agreements waiting for a signature 0; " \
           "1 notice would be sent" in out
    assert not Notice.objects.exists()
    call_command("kormo_remind", "--today", "2022-10-04")  # the default, 7 days: not yet
    assert "0 notices sent" in capsys.readouterr().out and not Notice.objects.exists()
    # `kormo remind` takes the same option.
    from kormo.cli import main

    assert main(["remind", "--today", "২০২২-১০-০৪", "--agreement-after", "3"]) == 0
    assert "1 notice sent" in capsys.readouterr().out
    assert Notice.objects.get().key == f"approve:{o.apa.pk}:2022-10-01"


@pytest.mark.parametrize("text", ["2022-13-01", "২০২২-০২-৩০", "tomorrow", "৩১.০২.২০২২"])
def test_the_command_refuses_a_bad_date_in_both_languages_and_sends_nothing(world, text):
    with pytest.raises(CommandError) as refused:
        call_command("kormo_remind", "--today", text)
    assert refused.value.returncode == 2
    said = str(refused.value)
    assert ("তারিখটি অসম্ভব" in said or "তারিখ হিসেবে পড়া যায়নি" in said) and (
        "impossible date" in said or "could not be read as a date" in said), said
    assert not Notice.objects.exists()


def test_parse_day_reads_bengali_and_latin_digits():
    assert parse_day("২০২২-১০-০৮") == parse_day(" 2022-10-08 ") == day(2022, 10, 8)
    assert parse_day("০৮.১০.২০২২") == parse_day("8/10/2022") == day(2022, 10, 8)


@pytest.mark.parametrize("argv", [
    [sys.executable, "-m", "django", "kormo_remind", "--today", "২০২২-১৩-০১"],
    [str(Path(sys.executable).with_name("kormo")), "remind", "--today", "2022-02-30"],
])
def test_a_bad_date_exits_with_status_2(tmp_path, argv):
    env = {**os.environ, "KORMO_DATA_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "kormo.project.settings"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 2, result.stderr
    assert "তারিখটি অসম্ভব" in result.stderr and "impossible date" in result.stderr


@pytest.mark.parametrize("option", ["--due-within", "--review-after", "--overdue-within",
                                    "--agreement-after"])
def test_a_bad_number_of_days_is_refused_in_both_languages_and_sends_nothing(
        world, rangpur, option, capsys):
    from kormo.cli import main

    with pytest.raises(CommandError) as refused:
        call_command("kormo_remind", option, "-১")
    assert "দিনের সংখ্যা নয়" in str(refused.value)
    assert "is not a number of days" in str(refused.value)
    with pytest.raises(SystemExit) as exited:
        main(["remind", option, "সাত"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "“সাত” দিনের সংখ্যা নয়" in err and "is not a number of days" in err
    assert not Notice.objects.exists()
