"""The agreement's transitions: submit, return, approve, sign and revise a plan.

One function per transition (STYLE.md "How one feature flows"), used by the pages, bulk actions,
the API and imports alike. Each one, inside one `transaction.atomic`:

1. reloads the plan row under `select_for_update` (two people acting at once: the later sees
   the state the earlier left, and an `expected_version` older than the row is refused);
2. asks `kormo.agreements.rules` whether the actor's powers for the office and the plan's
   state allow the step (a stranger gets `AccessDenied`, a 404; a state that refuses it an
   `AgreementError` with its code from `kormo.agreements.errors`);
3. stamps who and when (created/submitted/approved/updated are kept apart);
4. records the change with `kormo.audit.services.record_change` (before, after, reason);
5. sends notices (in the app, and by e-mail after commit);
6. recalculates what depends on it: the office's stored score (`kormo.progress.scores`).

States (issue "Agreement"): draft → submitted → approved → signed, and back to returned
(with a comment) from submitted or approved. A plan is signed when both parties signed, as the
signature block of seed 000 shows (the office's head and the supervising office's head). A
signed plan is never edited (`rules.content_editable`). A change after signing is a revision:
`plan_revise` copies the plan into a new version (revision + 1, `revision_of`, the reason),
which becomes the current one and goes through the same path; every earlier version stays
readable, and `kormo.agreements.selectors.plan_compare` says what changed between two.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from kormo.agreements import rules
from kormo.agreements.errors import AgreementError, AgreementErrorCode
from kormo.agreements.rules import Party as SigningParty
from kormo.agreements.rules import Power, Step
from kormo.audit.models import NoticeKind
from kormo.audit.services import notice_send, record_change
from kormo.domain.dates import format_date
from kormo.domain.digits import to_bengali_digits
from kormo.domain.validation import has_errors, validate_plan
from kormo.offices.access import AccessDenied, Action, grants_for
from kormo.offices.models import Office, Role
from kormo.offices.selectors import people_at, supervisors_above
from kormo.plans.convert import plan_save_from_domain, plan_to_domain
from kormo.plans.models import Party, Plan, PlanState
from kormo.plans.words import notice_words
from kormo.progress.scores import score_refresh
from kormo.progress.services import progress_copy_to_revision
from kormo.years.deadlines import deadline_for
from kormo.years.models import Event

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    User = AbstractBaseUser

__all__ = [
    "AgreementError",
    "AgreementErrorCode",
    "BulkResult",
    "SigningParty",
    "plan_approve",
    "plan_ensure_editable",
    "plan_is_editable",
    "plan_return",
    "plan_revise",
    "plan_sign",
    "plan_submit",
    "plans_bulk",
    "powers_at",
]

# ---------------------------------------------------------------- guards: ask the rules


def plan_is_editable(plan: Plan) -> bool:
    """May the plan's content be changed at all (by anyone)? Draft or returned, current."""
    return rules.content_editable(plan.state, plan.is_current)


def plan_ensure_editable(plan: Plan) -> None:
    """Refuse an edit of a plan that is submitted, approved or signed, or of an old version
    (issue "Agreement": a signed plan cannot be edited; a change after signing is a revision).
    """
    if not plan.is_current:
        raise AgreementError(AgreementErrorCode.NOT_CURRENT)
    if not rules.content_editable(plan.state):
        raise AgreementError(AgreementErrorCode.PLAN_LOCKED)


def powers_at(actor: User, office: Office) -> frozenset[Power]:
    """What `actor` may do for `office`, as the rules name it (no query: the grants are
    loaded once per request by `offices.access`)."""
    grants = grants_for(actor)
    return frozenset(Power(a.value) for a in _POWER_ACTIONS if grants.can(a, office))


_POWER_ACTIONS = (Action.WRITE, Action.APPROVE, Action.REVIEW)


def _guard(actor: User, row: Plan, *steps: Step, signed: Iterable[str] = ()) -> None:
    """The actor must hold a power for one of `steps` (else a 404, as the gate answers), and
    the plan's state must allow that step (else the coded refusal of `rules.refusal`)."""
    held = powers_at(actor, row.office)
    step = next((s for s in steps if held & rules.POWERS[s]), None)
    if step is None:
        raise AccessDenied()
    code = rules.refusal(step, row.state, row.is_current, signed)
    if code is AgreementErrorCode.WRONG_STATE:
        raise AgreementError(code, state=row.get_state_display())
    if code is not None:
        raise AgreementError(code)


def _locked(plan: Plan, expected_version: int | None) -> Plan:
    """The plan row, locked for this transaction; refused if someone changed it since."""
    row = Plan.objects.select_for_update(of=("self",)).select_related(
        "office", "office__parent").get(pk=plan.pk)
    if expected_version is not None and row.lock_version != expected_version:
        raise AgreementError(AgreementErrorCode.STALE_VERSION)
    return row


def _state_of(plan: Plan) -> dict[str, Any]:
    return {
        "state": plan.state,
        "revision": plan.revision,
        "is_current": plan.is_current,
        "lock_version": plan.lock_version,
    }


def _save(plan: Plan, actor: User, fields: Iterable[str]) -> None:
    plan.lock_version += 1
    plan.updated_by = actor
    plan.save(update_fields=[*fields, "lock_version", "updated_by", "updated_at"])


def _url(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def _notify(plan: Plan, actor: User, kind: NoticeKind, recipients: Iterable[Any],
            bn_tail: str, en_tail: str) -> None:
    bn, en = notice_words(plan)
    notice_send(recipients=recipients, kind=kind, plan=plan, exclude=actor,
                text_bn=f"{bn} — {bn_tail}", text_en=f"{en} — {en_tail}",
                url=_url("agreements:detail", plan.pk))


def _refresh_scores(plan: Plan) -> None:
    # Explicit recalculation (STYLE.md: no signals): the office's stored score for the year.
    score_refresh(office_id=plan.office_id, fiscal_year=plan.fiscal_year)


def _signature_rows(plan: Plan) -> list[Party]:
    return list(Party.objects.filter(plan=plan, section=Party.Section.SIGNATURE)
                .order_by("position"))


def _clear_signatures(plan: Plan) -> list[dict[str, Any]]:
    """Remove the version's signatures (kept in the history as the change's `before`)."""
    rows = _signature_rows(plan)
    before = [{"role": s.role, "name": s.name, "post": s.post, "office": s.office_name,
               "signed_on": s.signed_on} for s in rows]
    Party.objects.filter(pk__in=[s.pk for s in rows]).delete()
    return before


# ---------------------------------------------------------------- transitions


def _submission_window(plan: Plan) -> tuple[dt.date | None, dt.date | None]:
    """The year's plan_submission window (opens, due) for the office's tier (or every tier)."""
    deadline = deadline_for(fiscal_year=plan.fiscal_year, event=Event.PLAN_SUBMISSION,
                            tier=plan.office.tier or plan.office_tier)
    if deadline is None:
        return None, None
    return deadline.opens_on, deadline.due_on


@transaction.atomic
def plan_submit(*, plan: Plan, actor: User, expected_version: int | None = None,
                now: dt.datetime | None = None) -> Plan:
    """The focal point submits a draft (or a returned plan) to the office head.

    DOMAIN.md, Scoring §9: errors of the quality checks block submission; warnings do not.
    A first submission after the year's plan_submission deadline for the office's tier is
    marked late (`submitted_late`); a resubmission after a return keeps the first judgement,
    and a revision of a signed plan is not judged (the deadline is the year's agreement's).
    A first submission before the window opens (the deadline's `opens_on`) is refused, as
    reports are: windows are staggered by tier (DOMAIN.md "Calendar seen").
    """
    row = _locked(plan, expected_version)
    _guard(actor, row, Step.SUBMIT)
    findings = validate_plan(plan_to_domain(row.pk))
    if has_errors(findings):
        raise AgreementError(AgreementErrorCode.FINDINGS_BLOCK,
                             findings=[f for f in findings if f.blocks_submission])
    moment = now or timezone.now()
    opens, due = _submission_window(row)
    first = row.submitted_at is None and row.revision_of_id is None
    if first and opens is not None and timezone.localdate(moment) < opens:
        raise AgreementError(AgreementErrorCode.WINDOW_NOT_OPEN,
                             date_bn=format_date(opens, "bn", "long"),
                             date_en=format_date(opens, "en", "long"))
    before = _state_of(row)
    if first:
        row.submitted_late = due is not None and timezone.localdate(moment) > due
    row.state = PlanState.SUBMITTED
    row.submitted_by = actor
    row.submitted_at = moment
    _save(row, actor, ["state", "submitted_by", "submitted_at", "submitted_late"])
    after = {**_state_of(row), "submitted_late": row.submitted_late}
    if due is not None:
        after["due_on"] = due
    record_change(actor=actor, action="plan.submit", obj=row, plan=row, before=before,
                  after=after)
    late_bn, late_en = (" (দেরিতে)", " (late)") if row.submitted_late else ("", "")
    _notify(row, actor, NoticeKind.PLAN_SUBMITTED, people_at(row.office, [Role.OFFICE_HEAD]),
            f"অনুমোদনের জন্য জমা দেওয়া হয়েছে{late_bn}", f"submitted for your approval{late_en}")
    _refresh_scores(row)
    return row


@transaction.atomic
def plan_return(*, plan: Plan, actor: User, comment: str,
                expected_version: int | None = None) -> Plan:
    """The office head (or the supervising office, before it signs) returns the plan with a
    comment; signatures already given to this version are withdrawn."""
    row = _locked(plan, expected_version)
    _guard(actor, row, Step.RETURN, Step.RETURN_SUPERVISOR)
    if not comment.strip():
        raise AgreementError(AgreementErrorCode.COMMENT_REQUIRED)
    before = _state_of(row)
    before["signatures"] = _clear_signatures(row)
    row.state = PlanState.RETURNED
    _save(row, actor, ["state"])
    record_change(actor=actor, action="plan.return", obj=row, plan=row, before=before,
                  after=_state_of(row), reason=comment.strip())
    _notify(row, actor, NoticeKind.PLAN_RETURNED, people_at(row.office, [Role.FOCAL_POINT]),
            f"মন্তব্যসহ ফেরত পাঠানো হয়েছে: {comment.strip()}",
            f"returned with a comment: {comment.strip()}")
    _refresh_scores(row)
    return row


@transaction.atomic
def plan_approve(*, plan: Plan, actor: User, expected_version: int | None = None) -> Plan:
    """The office head approves a submitted plan; it then waits for both signatures.

    Signature rows that came with an imported file are withdrawn here (kept in the history):
    a version counts as signed only by signatures given through `plan_sign`.
    """
    row = _locked(plan, expected_version)
    _guard(actor, row, Step.APPROVE)
    before = _state_of(row)
    cleared = _clear_signatures(row)
    if cleared:
        before["signatures"] = cleared
    row.state = PlanState.APPROVED
    row.approved_by = actor
    row.approved_at = timezone.now()
    _save(row, actor, ["state", "approved_by", "approved_at"])
    record_change(actor=actor, action="plan.approve", obj=row, plan=row, before=before,
                  after=_state_of(row))
    _notify(row, actor, NoticeKind.PLAN_APPROVED,
            [*people_at(row.office, [Role.OFFICE_HEAD]), *supervisors_above(row.office)],
            "অনুমোদিত; স্বাক্ষরের অপেক্ষায়", "approved; waiting for the signatures")
    _refresh_scores(row)
    return row


@transaction.atomic
def plan_sign(
    *,
    plan: Plan,
    actor: User,
    party: SigningParty | str,
    name: str,
    post: str,
    signed_on: dt.date,
    office_name: str = "",
    expected_version: int | None = None,
) -> Plan:
    """One party signs an approved plan; with both signatures the plan is signed.

    The office's side is signed by its head (Action.APPROVE), the supervising office's side by
    a supervisor above (Action.REVIEW) — the two signatures of seed 000's signature block.
    """
    try:
        party = SigningParty(party)
    except ValueError:
        raise AgreementError(AgreementErrorCode.BAD_PARTY) from None
    row = _locked(plan, expected_version)
    existing = _signature_rows(row)
    _guard(actor, row, Step.SIGN_OFFICE if party is SigningParty.OFFICE else Step.SIGN_SUPERVISOR,
           signed={s.role for s in existing})
    if not (name.strip() and post.strip() and isinstance(signed_on, dt.date)):
        raise AgreementError(AgreementErrorCode.SIGNER_REQUIRED)
    if not office_name:
        if party is SigningParty.OFFICE:
            office_name = row.office_name or row.office.name
        else:
            office_name = row.supervisor or (row.office.parent.name if row.office.parent else "")
    position = (Party.objects.filter(plan=row, section=Party.Section.SIGNATURE)
                .aggregate(m=Max("position"))["m"])
    signature = Party.objects.create(
        plan=row, section=Party.Section.SIGNATURE,
        position=0 if position is None else position + 1,
        post=post.strip(), office_name=office_name, name=name.strip(), signed_on=signed_on,
        role=party.value,
    )
    before = _state_of(row)
    roles = {s.role for s in existing} | {party.value}
    fields: list[str] = []
    if not rules.parties_missing(roles):
        row.state = PlanState.SIGNED
        row.signed_at = timezone.now()
        fields = ["state", "signed_at"]
    _save(row, actor, fields)
    after = _state_of(row)
    after["signature"] = {"role": party.value, "name": signature.name, "post": signature.post,
                          "office": office_name, "signed_on": signed_on}
    record_change(actor=actor, action="plan.sign", obj=row, plan=row, before=before, after=after)
    if row.state == PlanState.SIGNED:
        _notify(row, actor, NoticeKind.PLAN_SIGNED,
                people_at(row.office, [Role.FOCAL_POINT, Role.OFFICE_HEAD]),
                "উভয় পক্ষ স্বাক্ষর করেছেন; চুক্তি কার্যকর",
                "signed by both parties; the agreement is in force")
    elif party is SigningParty.OFFICE:
        _notify(row, actor, NoticeKind.PLAN_APPROVED, supervisors_above(row.office),
                "অফিস স্বাক্ষর করেছে; ঊর্ধ্বতন অফিসের স্বাক্ষরের অপেক্ষায়",
                "signed by the office; waiting for the supervising office's signature")
    _refresh_scores(row)
    return row


@transaction.atomic
def plan_revise(*, plan: Plan, actor: User, reason: str,
                expected_version: int | None = None) -> Plan:
    """Start a revision of a signed plan: a new version, current from now on.

    The copy goes through the domain (`plan_to_domain` → `plan_save_from_domain`), so it holds
    everything the signed version holds but its signatures and progress: the revision is
    submitted, approved and signed the same way. The reports, reported and verified values and
    evidence of the signed version move along (`kormo.progress.services`, progress's one
    store), so reporting goes on without a gap; the signed version stays readable as it was.
    """
    row = _locked(plan, expected_version)
    _guard(actor, row, Step.REVISE)
    if not reason.strip():
        raise AgreementError(AgreementErrorCode.REASON_REQUIRED)
    domain = dataclasses.replace(plan_to_domain(row.pk), signatures=(), progress=())
    before = _state_of(row)
    # The signed version stops being current before its revision is stored: one current plan
    # per office, kind and year (plans.uniqueness).
    row.is_current = False
    _save(row, actor, ["is_current"])
    new = plan_save_from_domain(plan=domain, office=row.office)
    new.parent_id = row.parent_id
    new.is_template = row.is_template
    new.template_tier = row.template_tier
    new.revision = row.revision + 1
    new.revision_of = row
    new.revision_reason = reason.strip()
    new.is_current = True
    new.state = PlanState.DRAFT
    new.created_by = actor
    new.updated_by = actor
    new.save()
    # The current annexes (action plans) now belong to the current version of the APA.
    Plan.objects.filter(parent=row, is_current=True).update(parent=new)
    progress_copy_to_revision(old=row, new=new, actor=actor)
    record_change(actor=actor, action="plan.revise", obj=row, plan=row, before=before,
                  after=_state_of(row), reason=reason.strip())
    record_change(actor=actor, action="plan.revision_created", obj=new, plan=new,
                  before=None, after={**_state_of(new), "revision_of": row.pk},
                  reason=reason.strip())
    _notify(new, actor, NoticeKind.PLAN_REVISED,
            people_at(new.office, [Role.FOCAL_POINT, Role.OFFICE_HEAD]),
            f"সংশোধনী {to_bengali_digits(str(new.revision))} খোলা হয়েছে: {reason.strip()}",
            f"revision {new.revision} started: {reason.strip()}")
    _refresh_scores(new)
    return new


# ---------------------------------------------------------------- bulk


@dataclass(frozen=True)
class BulkResult:
    """What a bulk action did: the plans changed, and the refusals with their reasons."""

    done: list[Plan] = field(default_factory=list)
    refused: list[tuple[Plan, Exception]] = field(default_factory=list)


def plans_bulk(transition: Callable[..., Plan], *, plans: Iterable[Plan],
               versions: Mapping[int, int] | None = None, **kwargs: Any) -> BulkResult:
    """Apply one transition to many plans by calling the very same function for each (STYLE.md
    pitfall "side effects in one entry point"): a refused plan is reported and changes
    nothing, and does not undo the others. `versions` (plan id → the lock_version the person
    saw) refuses a plan changed since the page was drawn, as the single action does."""
    result = BulkResult()
    for plan in plans:
        if versions is not None:
            kwargs["expected_version"] = versions.get(plan.pk)
        try:
            result.done.append(transition(plan=plan, **kwargs))
        except (AgreementError, AccessDenied) as exc:
            result.refused.append((plan, exc))
    return result


