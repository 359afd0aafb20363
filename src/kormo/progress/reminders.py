"""Deadline reminders: what waits for whom, told once, by the daily `kormo remind` run.

The state changes tell people at once (`kormo.progress.services`: a report submitted, returned,
accepted). Time passing tells nobody, so the operator runs the reminders once a day (cron or a
systemd timer; docs/operations.md):

- **due soon** (`REPORT_DUE_SOON`), to the office's focal points: a report of a plan in force
  that is not submitted yet (missing, a draft or returned) and is due within `due_within`
  days (today included);
- **overdue** (`REPORT_OVERDUE`), to the focal points and the office head: the same, once its
  due date has passed (for `overdue_within` days after it: a first run on an old database does
  not dig up last year's history);
- **waiting for review** (`REVIEW_WAITING`), to the supervisors of the supervising office
  (`kormo.offices.selectors.supervisors_above`, as `report_submit` notifies): a report submitted
  `review_after` days ago or more and still not reviewed;
- agreements waiting for approval or a signature: `kormo.agreements.reminders`, which also
  runs both halves every day (`remind`, `reminders_due`); this module holds the reports'
  half, the recipients (`reminders_for`) and the sending.

The periods are the four quarters and the year-end evaluation; the evaluation is reminded once
it can be submitted, when the four quarters are in (submitted or accepted), as `report_submit`
requires. Due dates come from `kormo.progress.services.report_due` given the deadlines loaded
once (`kormo.years.deadlines.deadline_map`), so that `reminders_due` runs a fixed number of
queries whatever the number of plans.

Each reminder of a report has a key ("overdue:<plan>:<period>:<due date>",
"review:<plan>:<period>:<day submitted>") where <plan> is the first version of the plan, so a
revision does not repeat them. A reminder of an agreement is about one version and one wait:
"approve:<plan id>:<day submitted>", "sign-office:<plan id>:<day approved>",
"sign-supervisor:<plan id>:<day approved>", so a plan returned and submitted again is a new
reminder, and a revision (a new version) too.

`notice_send` never gives one person two notices of one key (and the database refuses it), so
running the reminders twice a day, or every day, tells each person each thing once; a deadline
moved to a later day is a new reminder.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from kormo.audit.models import Notice, NoticeKind
from kormo.audit.services import notice_send
from kormo.domain import calendar
from kormo.domain.dates import format_date, parse_date
from kormo.domain.digits import to_bengali_digits
from kormo.domain.errors import InputError
from kormo.domain.numerals import parse_day_count
from kormo.offices.models import Role
from kormo.offices.selectors import people_at_offices, supervisors_above_offices
from kormo.plans import models as pm
from kormo.plans.words import notice_words
from kormo.progress.models import QUARTER_PERIODS, Report, ReportPeriod, ReportState
from kormo.progress.services import plan_in_force, report_due
from kormo.years.deadlines import deadline_map

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

DUE_WITHIN_DAYS = 7
REVIEW_AFTER_DAYS = 7
OVERDUE_WITHIN_DAYS = 30
AGREEMENT_AFTER_DAYS = 7

REMINDER_KINDS = (NoticeKind.REPORT_DUE_SOON, NoticeKind.REPORT_OVERDUE,
                  NoticeKind.REVIEW_WAITING, NoticeKind.AGREEMENT_APPROVAL_WAITING,
                  NoticeKind.AGREEMENT_SIGNATURE_WAITING)
NOT_SUBMITTED = frozenset({ReportState.DRAFT, ReportState.RETURNED})
IN = frozenset({ReportState.SUBMITTED, ReportState.ACCEPTED})

@dataclass(frozen=True, slots=True)
class Reminder:
    """One thing to tell some people: a notice each, and an e-mail. A reminder of an agreement
    has no report period and no due date (None)."""

    kind: NoticeKind
    key: str
    plan: pm.Plan
    period: ReportPeriod | None
    due_on: dt.date | None
    recipients: tuple[AbstractBaseUser, ...]
    text_bn: str
    text_en: str
    url: str


@dataclass
class RemindResult:
    """What a run sent (or, dry, would send): reminders and notices per kind."""

    today: dt.date
    dry_run: bool
    reminders: list[Reminder] = field(default_factory=list)
    notices: Counter[NoticeKind] = field(default_factory=Counter)

    @property
    def notice_count(self) -> int:
        return sum(self.notices.values())


# ---------------------------------------------------------------- input


def parse_day(text: str) -> dt.date:
    """The day to run as: any date `kormo.domain.dates.parse_date` reads ("2022-10-10",
    "১০.১০.২০২২", ...); a bilingual InputError naming the option when it is not a date."""
    try:
        return parse_date(text)
    except InputError as exc:
        raise InputError(exc.bn, exc.en, "--today") from None


# ---------------------------------------------------------------- words


def days_words(n: int) -> tuple[str, str]:
    return to_bengali_digits(str(n)), f"{n} day{'' if n == 1 else 's'}"


def _url(plan: pm.Plan, period: ReportPeriod) -> str:
    try:
        return f"{reverse('progress:report', args=[plan.pk])}?period={period.value}"
    except NoReverseMatch:
        return ""


def _due_soon_text(plan: pm.Plan, period: ReportPeriod, due: dt.date, left: int
                   ) -> tuple[str, str]:
    pbn, pen = notice_words(plan, period)
    nbn, nen = days_words(left)
    when_bn, when_en = ("আজ", "today") if left == 0 else (f"আর {nbn} দিন বাকি",
                                                        f"{nen} left")
    return (f"{pbn} জমা দেওয়ার শেষ তারিখ {format_date(due, 'bn', 'long')} ({when_bn})",
            f"{pen} is due on {format_date(due, 'en', 'long')} ({when_en})")


def _overdue_text(plan: pm.Plan, period: ReportPeriod, due: dt.date, late: int,
                  returned: bool) -> tuple[str, str]:
    pbn, pen = notice_words(plan, period)
    nbn, nen = days_words(late)
    what_bn = ("ফেরত দেওয়া প্রতিবেদনটি এখনো আবার জমা দেওয়া হয়নি" if returned
               else "এখনো জমা দেওয়া হয়নি")
    what_en = "was returned and is not resubmitted yet" if returned else "is not submitted yet"
    return (f"{pbn} জমা দেওয়ার শেষ তারিখ ছিল {format_date(due, 'bn', 'long')}; {what_bn} "
            f"({nbn} দিন পেরিয়ে গেছে)",
            f"{pen} was due on {format_date(due, 'en', 'long')} and {what_en} "
            f"({nen} overdue)")


def _review_text(plan: pm.Plan, period: ReportPeriod, submitted: dt.date, waited: int
                 ) -> tuple[str, str]:
    pbn, pen = notice_words(plan, period)
    nbn, nen = days_words(waited)
    return (f"{pbn} {format_date(submitted, 'bn', 'long')} তারিখে "
            f"জমা দেওয়া হয়েছে, {nbn} দিন ধরে আপনার পর্যালোচনার অপেক্ষায়",
            f"{pen} submitted on {format_date(submitted, 'en', 'long')} has waited {nen} for "
            f"your review")


# ---------------------------------------------------------------- selection


def _plans_in_force(fiscal_years: Sequence[str]) -> list[pm.Plan]:
    """The current versions of the plans in force of these years (one query): the model-level
    form of `plan_in_force`, which then confirms each."""
    rows = pm.Plan.objects.filter(
        fiscal_year__in=fiscal_years, is_current=True, is_template=False,
    ).filter(Q(state=pm.PlanState.SIGNED) | Q(revision_of__isnull=False)).select_related(
        "office").order_by("pk")
    return [p for p in rows if plan_in_force(p)]


def _first_versions(fiscal_years: Sequence[str]) -> dict[int, int]:
    """Plan id → the id of its first version, along `revision_of` (one query)."""
    earlier = dict(pm.Plan.objects.filter(fiscal_year__in=fiscal_years, is_template=False)
                   .values_list("pk", "revision_of_id"))
    first: dict[int, int] = {}
    for pk in earlier:
        root, seen = pk, {pk}
        while (up := earlier.get(root)) is not None and up not in seen:
            root = up
            seen.add(up)
        first[pk] = root
    return first


def local_day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment is not None else None


# Who is told: the office's focal points, its heads, the supervisors above it.
FOCAL, HEADS, SUPERVISORS = "focal", "heads", "supervisors"


@dataclass(frozen=True, slots=True)
class Wanted:
    """A reminder before its recipients are known (and those already told left out)."""

    kind: NoticeKind
    plan: pm.Plan
    period: ReportPeriod | None
    due_on: dt.date | None
    key: str
    texts: tuple[str, str]
    url: str
    to: tuple[str, ...]


def reminders_for(wanted: Sequence[Wanted], years: Sequence[str]) -> list[Reminder]:
    """The reminders `wanted`, each with its recipients, without the people who already have
    it (three queries at most, however many plans and offices)."""
    if not wanted:
        return []
    sent: set[tuple[str, int]] = set(Notice.objects.filter(
        kind__in=REMINDER_KINDS, plan__fiscal_year__in=years).exclude(key="").values_list(
        "key", "recipient_id"))

    offices = {w.plan.office_id: w.plan.office for w in wanted}
    audiences = {a for w in wanted for a in w.to}
    people: dict[str, dict[int, list[AbstractBaseUser]]] = {
        FOCAL: (people_at_offices(offices, [Role.FOCAL_POINT]) if FOCAL in audiences else {}),
        HEADS: (people_at_offices(offices, [Role.OFFICE_HEAD]) if HEADS in audiences else {}),
        SUPERVISORS: (supervisors_above_offices(offices.values())
                      if SUPERVISORS in audiences else {}),
    }

    reminders: list[Reminder] = []
    for w in wanted:
        told = [u for a in w.to for u in people[a].get(w.plan.office_id, [])]
        fresh = tuple(u for u in unique_people(told) if (w.key, u.pk) not in sent)
        if fresh:
            reminders.append(Reminder(w.kind, w.key, w.plan, w.period, w.due_on, fresh,
                                      *w.texts, w.url))
    return reminders


def reports_wanted(today: dt.date, years: Sequence[str], *, due_within: int,
                    review_after: int, overdue_within: int) -> list[Wanted]:
    """The reports of the plans in force of these years due soon, overdue or waiting for
    review (four queries at most)."""
    plans = _plans_in_force(years)
    if not plans:
        return []
    deadlines = deadline_map(years)
    first = _first_versions(years)
    reports: dict[tuple[int, str], Report] = {
        (r.plan_id, r.period): r for r in Report.objects.filter(
            plan__fiscal_year__in=years, plan__is_current=True, plan__is_template=False,
        ).only("pk", "plan_id", "period", "state", "submitted_at")
    }

    wanted: list[Wanted] = []
    for plan in plans:
        try:
            calendar.FiscalYear.parse(plan.fiscal_year)
        except InputError:  # a work plan of a calendar year ("2017") has no report calendar
            continue
        root = first.get(plan.pk, plan.pk)
        states = {p: reports[(plan.pk, p.value)].state if (plan.pk, p.value) in reports
                  else None for p in ReportPeriod}
        for period in ReportPeriod:
            if period is ReportPeriod.YEAR and not all(states[q] in IN for q in
                                                       QUARTER_PERIODS):
                continue
            report = reports.get((plan.pk, period.value))
            state = states[period]
            if state is None or state in NOT_SUBMITTED:
                due = report_due(plan, period, deadlines)
                days = (due - today).days
                if 0 <= days <= due_within:
                    wanted.append(Wanted(
                        NoticeKind.REPORT_DUE_SOON, plan, period, due,
                        f"due-soon:{root}:{period.value}:{due.isoformat()}",
                        _due_soon_text(plan, period, due, days), _url(plan, period), (FOCAL,)))
                elif 0 < -days <= overdue_within:
                    wanted.append(Wanted(
                        NoticeKind.REPORT_OVERDUE, plan, period, due,
                        f"overdue:{root}:{period.value}:{due.isoformat()}",
                        _overdue_text(plan, period, due, -days, state == ReportState.RETURNED),
                        _url(plan, period), (FOCAL, HEADS)))
            elif state == ReportState.SUBMITTED and report is not None:
                submitted = local_day(report.submitted_at) or today
                waited = (today - submitted).days
                if waited >= review_after:
                    wanted.append(Wanted(
                        NoticeKind.REVIEW_WAITING, plan, period,
                        report_due(plan, period, deadlines),
                        f"review:{root}:{period.value}:{submitted.isoformat()}",
                        _review_text(plan, period, submitted, waited), _url(plan, period),
                        (SUPERVISORS,)))
    return wanted


def unique_people(users: Iterable[AbstractBaseUser]) -> list[AbstractBaseUser]:
    seen: dict[int, AbstractBaseUser] = {}
    for u in users:
        seen.setdefault(u.pk, u)
    return list(seen.values())


# ---------------------------------------------------------------- sending


def reminders_send(reminders: Iterable[Reminder]) -> Counter[NoticeKind]:
    """Send each reminder in its own transaction (its e-mail goes after the commit), so a
    failure half-way keeps what was sent and the next run sends the rest. Notices per kind."""
    sent: Counter[NoticeKind] = Counter()
    for r in reminders:
        try:
            with transaction.atomic():
                notices = notice_send(recipients=r.recipients, kind=r.kind, plan=r.plan,
                                      text_bn=r.text_bn, text_en=r.text_en, url=r.url,
                                      key=r.key)
        except IntegrityError:  # another run sent it a moment ago
            continue
        sent[r.kind] += len(notices)
    return sent


# ---------------------------------------------------------------- output


_KIND_WORDS = {
    NoticeKind.REPORT_DUE_SOON: ("শেষ তারিখ আসন্ন", "due soon"),
    NoticeKind.REPORT_OVERDUE: ("শেষ তারিখ পেরিয়েছে", "overdue"),
    NoticeKind.REVIEW_WAITING: ("পর্যালোচনার অপেক্ষায়", "waiting for review"),
    NoticeKind.AGREEMENT_APPROVAL_WAITING: ("চুক্তি অনুমোদনের অপেক্ষায়",
                                            "agreements waiting for approval"),
    NoticeKind.AGREEMENT_SIGNATURE_WAITING: ("চুক্তি স্বাক্ষরের অপেক্ষায়",
                                             "agreements waiting for a signature"),
}


def listing_lines(result: RemindResult) -> list[str]:
    """One block per reminder: its key, who gets it, and its text in both languages."""
    lines: list[str] = []
    for r in result.reminders:
        names = ", ".join(u.get_username() for u in r.recipients)
        lines += [f"{r.key} → {names}", f"  {r.text_bn}", f"  {r.text_en}"]
    return lines


def summary_lines(result: RemindResult) -> list[str]:
    """The run in one line per language, e.g. "reminders of 2022-10-10: due soon 2, ..."."""
    per_kind = [(words, result.notices.get(kind, 0)) for kind, words in _KIND_WORDS.items()]
    total = result.notice_count
    bn_parts = ", ".join(f"{bn} {to_bengali_digits(str(n))}" for (bn, _), n in per_kind)
    en_parts = ", ".join(f"{en} {n}" for (_, en), n in per_kind)
    verb_bn = "পাঠানো হবে" if result.dry_run else "পাঠানো হয়েছে"
    verb_en = "would be sent" if result.dry_run else "sent"
    return [
        f"{format_date(result.today, 'bn', 'long')} এর অনুস্মারক: {bn_parts}; মোট "
        f"{to_bengali_digits(str(total))}টি নোটিশ {verb_bn}",
        f"reminders of {format_date(result.today, 'en', 'long')}: {en_parts}; "
        f"{total} notice{'' if total == 1 else 's'} {verb_en}",
    ]


def parse_days(text: str) -> int:
    """A number of days for an option (`kormo remind`, `manage.py kormo_remind`), in Bengali or
    Latin digits; a bad value is refused in both languages before anything runs."""
    try:
        return parse_day_count(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(f"{exc.bn} / {exc.en}") from None
