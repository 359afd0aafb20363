"""Reminders of agreements waiting too long, and the daily run that sends every reminder.

- **agreement waiting for approval** (`AGREEMENT_APPROVAL_WAITING`), to the office head: the
  current version of a plan submitted `agreement_after` days ago or more and not approved;
- **agreement waiting for a signature** (`AGREEMENT_SIGNATURE_WAITING`): a plan approved
  `agreement_after` days ago or more without the office's signature (to the office head) or
  the supervising office's (to the supervisors above). Both link to the "agreements waiting
  for me" page (`kormo.agreements.selectors.plans_waiting`).

Which step a plan waits for is `kormo.agreements.rules.steps_open`, the rule the pages and the
services ask. The reports' reminders, the recipients and the sending are
`kormo.progress.reminders`; `remind` here runs both halves (`kormo remind`, `kormo_remind`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db.models import Exists, OuterRef
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from kormo.agreements import rules
from kormo.agreements.rules import Power, Step
from kormo.audit.models import NoticeKind
from kormo.domain import calendar
from kormo.domain.dates import format_date
from kormo.plans import models as pm
from kormo.plans.words import notice_words
from kormo.progress.reminders import (
    AGREEMENT_AFTER_DAYS,
    DUE_WITHIN_DAYS,
    HEADS,
    OVERDUE_WITHIN_DAYS,
    REVIEW_AFTER_DAYS,
    SUPERVISORS,
    Reminder,
    RemindResult,
    Wanted,
    days_words,
    local_day,
    reminders_for,
    reminders_send,
    reports_wanted,
)

# The steps a plan can wait for, and the word each reminder's key starts with (keys are
# stored with the notices: a run never repeats a reminder another run sent).
_WAITING = {Step.APPROVE: "approve", Step.SIGN_OFFICE: "sign-office",
            Step.SIGN_SUPERVISOR: "sign-supervisor"}
_ANYONE = frozenset(Power)  # a step waits when the rules open it to whoever holds its power


def _agreements_url() -> str:
    try:
        return reverse("agreements:waiting")
    except NoReverseMatch:
        return ""


# What an agreement waits for: (Bengali, English), after "waited N days for ...".
_STEP_WORDS = {
    "approve": ("আপনার অনুমোদনের", "your approval"),
    "sign-office": ("অফিসের স্বাক্ষরের", "the office's signature"),
    "sign-supervisor": ("ঊর্ধ্বতন অফিসের স্বাক্ষরের", "the supervising office's signature"),
}


def _agreement_text(plan: pm.Plan, step: str, since: dt.date, waited: int
                    ) -> tuple[str, str]:
    pbn, pen = notice_words(plan)
    nbn, nen = days_words(waited)
    what_bn, what_en = _STEP_WORDS[step]
    if step == "approve":
        done_bn, done_en = "অনুমোদনের জন্য জমা দেওয়া হয়েছে", "submitted for approval"
    else:
        done_bn, done_en = "অনুমোদিত হয়েছে", "approved"
    return (f"{pbn}: {format_date(since, 'bn', 'long')} তারিখে {done_bn}, {nbn} দিন ধরে "
            f"{what_bn} অপেক্ষায়",
            f"{pen}: {done_en} on {format_date(since, 'en', 'long')}, has waited {nen} for "
            f"{what_en}")




def _plans_waiting(fiscal_years: Sequence[str]) -> list[pm.Plan]:
    """The current versions of these years' plans in a state a waiting step starts from, each
    with `office_signed` and `supervisor_signed` (one query; the signatures are `Party` rows,
    as `kormo.agreements.selectors.plans_waiting` reads them)."""
    def signed(role: str) -> Exists:
        return Exists(pm.Party.objects.filter(plan=OuterRef("pk"),
                                              section=pm.Party.Section.SIGNATURE, role=role))

    states = {s.value for step in _WAITING for s in rules.states_from(step)}
    return list(pm.Plan.objects.filter(
        fiscal_year__in=fiscal_years, is_current=True, is_template=False, state__in=states,
    ).annotate(office_signed=signed("office"), supervisor_signed=signed("supervisor"))
        .select_related("office").order_by("pk"))


def _agreements_wanted(today: dt.date, years: Sequence[str], *, agreement_after: int
                       ) -> list[Wanted]:
    """The agreements of these years waiting `agreement_after` days or more (one query)."""
    wanted: list[Wanted] = []
    url = _agreements_url()
    for plan in _plans_waiting(years):
        signed = [p for p, done in ((rules.Party.OFFICE, plan.office_signed),
                                    (rules.Party.SUPERVISOR, plan.supervisor_signed)) if done]
        open_steps = rules.steps_open(plan.state, plan.is_current, _ANYONE, signed)
        # Approval waits since the submission, a signature since the approval.
        since_of = {Step.APPROVE: local_day(plan.submitted_at)}
        steps = [(_WAITING[step], since_of.get(step, local_day(plan.approved_at)))
                 for step in _WAITING if step in open_steps]
        for step, since in steps:
            if since is None:  # no day to count from (an old row): nothing to remind of
                continue
            waited = (today - since).days
            if waited < agreement_after:
                continue
            kind = (NoticeKind.AGREEMENT_APPROVAL_WAITING if step == "approve"
                    else NoticeKind.AGREEMENT_SIGNATURE_WAITING)
            wanted.append(Wanted(kind, plan, None, None, f"{step}:{plan.pk}:{since.isoformat()}",
                                  _agreement_text(plan, step, since, waited), url,
                                  (SUPERVISORS,) if step == "sign-supervisor" else (HEADS,)))
    return wanted


def reminders_due(*, today: dt.date, due_within: int = DUE_WITHIN_DAYS,
                  review_after: int = REVIEW_AFTER_DAYS,
                  overdue_within: int = OVERDUE_WITHIN_DAYS,
                  agreement_after: int = AGREEMENT_AFTER_DAYS) -> list[Reminder]:
    """Every reminder to send on `today`, without the people who already have it (reads only;
    nine queries at most, however many plans, offices and reports)."""
    this_year = calendar.FiscalYear.of_date(today)
    # Last year's Q4 report and evaluation fall due in this year's first months.
    years = [str(this_year.previous), str(this_year)]
    wanted = [*reports_wanted(today, years, due_within=due_within, review_after=review_after,
                              overdue_within=overdue_within),
              *_agreements_wanted(today, years, agreement_after=agreement_after)]
    return reminders_for(wanted, years)


def remind(*, today: dt.date | None = None, due_within: int = DUE_WITHIN_DAYS,
           review_after: int = REVIEW_AFTER_DAYS, overdue_within: int = OVERDUE_WITHIN_DAYS,
           agreement_after: int = AGREEMENT_AFTER_DAYS, dry_run: bool = False) -> RemindResult:
    """The daily run: select the reminders of `today` (default: today in Dhaka) and send them,
    or with `dry_run` only count who would get what."""
    day = today or timezone.localdate()
    reminders = reminders_due(today=day, due_within=due_within, review_after=review_after,
                              overdue_within=overdue_within, agreement_after=agreement_after)
    result = RemindResult(today=day, dry_run=dry_run, reminders=reminders)
    if dry_run:
        for r in reminders:
            result.notices[r.kind] += len(r.recipients)
    else:
        result.notices = reminders_send(reminders)
    return result
