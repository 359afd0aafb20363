"""The agreement: submit, return, approve, sign and revise a plan; compare two versions.

One function per transition (STYLE.md "How one feature flows"), used by the pages, bulk actions,
the API and imports alike. Each one, inside one `transaction.atomic`:

1. reloads the plan row under `select_for_update` (two people acting at once: the later sees
   the state the earlier left, and an `expected_version` older than the row is refused);
2. checks the actor's `Action` through `kormo.offices.access` (a stranger gets `AccessDenied`,
   a 404) and the state (`AgreementError` with a code from the catalogue below);
3. stamps who and when (created/submitted/approved/updated are kept apart);
4. records the change with `kormo.audit.services.record_change` (before, after, reason);
5. sends notices (in the app, and by e-mail after commit);
6. recalculates what depends on it: the office's stored score (`kormo.progress.scores`).

States (issue "Agreement"): draft → submitted → approved → signed, and back to returned
(with a comment) from submitted or approved. A plan is signed when both parties signed, as the
signature block of seed 000 shows (the office's head and the supervising office's head). A
signed plan is never edited: every edit service calls `plan_ensure_editable`. A change after
signing is a revision: `plan_revise` copies the plan into a new version (revision + 1,
`revision_of`, the reason), which becomes the current one and goes through the same path;
every earlier version stays readable, and `plan_compare` says what changed between two.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from kormo.audit.models import NoticeKind
from kormo.audit.services import notice_send, people_at, record_change, supervisors_above
from kormo.domain import plan as d
from kormo.domain.dates import format_date
from kormo.domain.errors import InputError
from kormo.domain.numerals import to_bengali_digits
from kormo.domain.planformat import value_to_json
from kormo.domain.validation import Finding, has_errors, validate_plan
from kormo.offices.access import AccessDenied, Action, can
from kormo.offices.models import Role
from kormo.plans.convert import plan_save_from_domain, plan_to_domain
from kormo.plans.models import Party, Plan, PlanState

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    User = AbstractBaseUser

# ---------------------------------------------------------------- errors (one catalogue)


class AgreementErrorCode(StrEnum):
    WRONG_STATE = "WRONG_STATE"
    PLAN_LOCKED = "PLAN_LOCKED"
    NOT_CURRENT = "NOT_CURRENT"
    STALE_VERSION = "STALE_VERSION"
    FINDINGS_BLOCK = "FINDINGS_BLOCK"
    COMMENT_REQUIRED = "COMMENT_REQUIRED"
    REASON_REQUIRED = "REASON_REQUIRED"
    SIGNER_REQUIRED = "SIGNER_REQUIRED"
    BAD_PARTY = "BAD_PARTY"
    ALREADY_SIGNED = "ALREADY_SIGNED"
    WINDOW_NOT_OPEN = "WINDOW_NOT_OPEN"


_MESSAGES: dict[AgreementErrorCode, tuple[str, str]] = {
    AgreementErrorCode.WRONG_STATE: (
        "পরিকল্পনাটি এখন “{state}” অবস্থায় আছে; এই কাজটি এখন করা যায় না",
        "the plan is {state}; this cannot be done now",
    ),
    AgreementErrorCode.PLAN_LOCKED: (
        "পরিকল্পনাটি জমা/অনুমোদিত/স্বাক্ষরিত; সম্পাদনা করা যায় না (সংশোধনী খুলুন)",
        "the plan is submitted, approved or signed and cannot be edited (start a revision)",
    ),
    AgreementErrorCode.NOT_CURRENT: (
        "এটি পরিকল্পনার পুরোনো সংস্করণ; কেবল পড়া যায়",
        "this is an earlier version of the plan; it can only be read",
    ),
    AgreementErrorCode.STALE_VERSION: (
        "অন্য কেউ এর মধ্যে পরিকল্পনাটি বদলেছেন; পাতাটি আবার খুলুন",
        "someone else changed the plan in the meantime; reload the page",
    ),
    AgreementErrorCode.FINDINGS_BLOCK: (
        "পরিকল্পনায় ত্রুটি আছে; ঠিক না করা পর্যন্ত জমা দেওয়া যাবে না",
        "the plan has errors; it cannot be submitted until they are fixed",
    ),
    AgreementErrorCode.COMMENT_REQUIRED: (
        "ফেরত পাঠানোর কারণ (মন্তব্য) লিখুন", "write why it is returned (a comment)"
    ),
    AgreementErrorCode.REASON_REQUIRED: (
        "সংশোধনের কারণ লিখুন", "write the reason for the revision"
    ),
    AgreementErrorCode.SIGNER_REQUIRED: (
        "স্বাক্ষরকারীর নাম, পদবি ও তারিখ দিন", "give the signer's name, post and date"
    ),
    AgreementErrorCode.BAD_PARTY: (
        "স্বাক্ষরকারী পক্ষ “office” বা “supervisor” হতে হবে",
        "the signing party must be “office” or “supervisor”",
    ),
    AgreementErrorCode.ALREADY_SIGNED: (
        "এই পক্ষ আগেই স্বাক্ষর করেছেন", "this party has already signed"
    ),
    AgreementErrorCode.WINDOW_NOT_OPEN: (
        "এই স্তরের অফিসের পরিকল্পনা জমার সময় শুরু হবে {date_bn}",
        "plan submission for this tier of office opens on {date_en}",
    ),
}


class AgreementError(InputError):
    """A refused agreement transition: a code, and why in Bengali and English."""

    def __init__(self, code: AgreementErrorCode, place: str = "", *,
                 findings: Sequence[Finding] = (), **params: str) -> None:
        bn, en = _MESSAGES[code]
        self.code = code
        self.findings = tuple(findings)
        super().__init__(bn.format(**params), en.format(**params), place)


class SigningParty(StrEnum):
    """Who signs: the office (its head) or the supervising office (DOMAIN.md glossary)."""

    OFFICE = "office"
    SUPERVISOR = "supervisor"

EDITABLE_STATES = frozenset({PlanState.DRAFT, PlanState.RETURNED})

# ---------------------------------------------------------------- guards used by every service


def plan_is_editable(plan: Plan) -> bool:
    """May the plan's content be changed at all (by anyone)? Draft or returned, current."""
    return plan.is_current and plan.state in EDITABLE_STATES


def plan_ensure_editable(plan: Plan) -> None:
    """Refuse an edit of a plan that is submitted, approved or signed, or of an old version.

    Every service that changes a plan's content calls this first (issue "Agreement": a signed
    plan cannot be edited; a change after signing is a revision).
    """
    if not plan.is_current:
        raise AgreementError(AgreementErrorCode.NOT_CURRENT)
    if plan.state not in EDITABLE_STATES:
        raise AgreementError(AgreementErrorCode.PLAN_LOCKED)


def _require(actor: User, plan: Plan, *actions: Action) -> None:
    """The actor must be allowed one of `actions` for the plan's office, else a 404."""
    if not any(can(actor, a, plan.office) for a in actions):
        raise AccessDenied()


def _require_state(plan: Plan, *states: PlanState) -> None:
    if plan.state not in states:
        raise AgreementError(AgreementErrorCode.WRONG_STATE, state=plan.get_state_display())


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


def _plan_words(plan: Plan) -> tuple[str, str]:
    kind = d.PlanKind(plan.kind)
    return (
        f"{plan.office.name}: {_KIND_BN.get(kind, kind.value)} "
        f"{to_bengali_digits(plan.fiscal_year)}",
        f"{plan.office.name_en or plan.office.name}: {kind.value.replace('_', ' ')} "
        f"{plan.fiscal_year}",
    )


_KIND_BN = {
    d.PlanKind.APA: "বার্ষিক কর্মসম্পাদন চুক্তি",
    d.PlanKind.INTEGRITY: "শুদ্ধাচার কর্মপরিকল্পনা",
    d.PlanKind.EGOV_INNOVATION: "ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা",
    d.PlanKind.GRIEVANCE_REDRESS: "অভিযোগ প্রতিকার ব্যবস্থা কর্মপরিকল্পনা",
    d.PlanKind.CITIZENS_CHARTER: "সেবা প্রদান প্রতিশ্রুতি কর্মপরিকল্পনা",
    d.PlanKind.RIGHT_TO_INFORMATION: "তথ্য অধিকার কর্মপরিকল্পনা",
    d.PlanKind.INNOVATION_WORK_PLAN: "উদ্ভাবন কর্মপরিকল্পনা",
    d.PlanKind.INNOVATION_REGISTER: "উদ্ভাবনী ধারণার ডাটাবেজ",
}


def _notify(plan: Plan, actor: User, kind: NoticeKind, recipients: Iterable[Any],
            bn_tail: str, en_tail: str) -> None:
    bn, en = _plan_words(plan)
    notice_send(recipients=recipients, kind=kind, plan=plan, exclude=actor,
                text_bn=f"{bn} — {bn_tail}", text_en=f"{en} — {en_tail}",
                url=_url("progress:agreement", plan.pk))


def _refresh_scores(plan: Plan) -> None:
    # Explicit recalculation (STYLE.md: no signals): the office's stored score for the year.
    from kormo.progress.scores import score_refresh

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
    from kormo.years.models import Event
    from kormo.years.services import deadline_for

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
    _require(actor, row, Action.WRITE)
    if not row.is_current:
        raise AgreementError(AgreementErrorCode.NOT_CURRENT)
    _require_state(row, PlanState.DRAFT, PlanState.RETURNED)
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
    _require(actor, row, Action.APPROVE, Action.REVIEW)
    _require_state(row, PlanState.SUBMITTED, PlanState.APPROVED)
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
    _require(actor, row, Action.APPROVE)
    _require_state(row, PlanState.SUBMITTED)
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
    _require(actor, row, Action.APPROVE if party is SigningParty.OFFICE else Action.REVIEW)
    _require_state(row, PlanState.APPROVED)
    if not (name.strip() and post.strip() and isinstance(signed_on, dt.date)):
        raise AgreementError(AgreementErrorCode.SIGNER_REQUIRED)
    existing = _signature_rows(row)
    if any(s.role == party.value for s in existing):
        raise AgreementError(AgreementErrorCode.ALREADY_SIGNED)
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
    if {p.value for p in SigningParty} <= roles:
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
    from kormo.progress.services import progress_copy_to_revision

    row = _locked(plan, expected_version)
    _require(actor, row, Action.WRITE, Action.APPROVE)
    if not row.is_current:
        raise AgreementError(AgreementErrorCode.NOT_CURRENT)
    _require_state(row, PlanState.SIGNED)
    if not reason.strip():
        raise AgreementError(AgreementErrorCode.REASON_REQUIRED)
    domain = dataclasses.replace(plan_to_domain(row.pk), signatures=(), progress=())
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
    before = _state_of(row)
    row.is_current = False
    _save(row, actor, ["is_current"])
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


# ---------------------------------------------------------------- comparing versions


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class ItemChange:
    """An added, removed or changed area or indicator: its key ("1.1.1", "G1.1.1") and name."""

    key: str
    name: str
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanDiff:
    """What differs between two versions of a plan (`plan_compare`)."""

    plan_fields: tuple[FieldChange, ...] = ()
    areas_added: tuple[ItemChange, ...] = ()
    areas_removed: tuple[ItemChange, ...] = ()
    areas_changed: tuple[ItemChange, ...] = ()
    indicators_added: tuple[ItemChange, ...] = ()
    indicators_removed: tuple[ItemChange, ...] = ()
    indicators_changed: tuple[ItemChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in dataclasses.fields(self))


_PLAN_FIELDS = ("title", "office", "office_tier", "supervisor", "total_weight", "preamble",
                "vision", "mission", "functions", "commitments")
_AREA_FIELDS = ("name", "weight", "choose_at_least", "note")
_INDICATOR_FIELDS = ("name", "unit", "unit_label", "weight", "calculation_method", "levels",
                     "annual_target", "quarterly_targets", "actuals", "projections",
                     "responsible", "implementing_unit", "evidence", "feeds_from",
                     "fallback_for", "derivation", "remarks")


def _plain(value: Any) -> Any:
    """A field's value as plain data for the diff (typed values as the plan format writes)."""
    if isinstance(value, d.TargetLevels):
        return {str(p): value_to_json(v) for p, v in value.as_pairs() if v is not None}
    if isinstance(value, d.YearValue):
        return {"fiscal_year": value.fiscal_year, "value": value_to_json(value.value),
                "provisional": value.provisional}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, StrEnum):
        return value.value
    if dataclasses.is_dataclass(value):
        return value_to_json(value)  # type: ignore[arg-type]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _field_changes(a: Any, b: Any, names: Iterable[str]) -> tuple[FieldChange, ...]:
    out = []
    for name in names:
        before, after = _plain(getattr(a, name)), _plain(getattr(b, name))
        if before != after:
            out.append(FieldChange(name, before, after))
    return tuple(out)


def diff_plans(a: d.Plan, b: d.Plan) -> PlanDiff:
    """The structured difference between two domain plans (pure)."""
    areas_a = {(x.kind.value, x.number): x for x in a.areas}
    areas_b = {(x.kind.value, x.number): x for x in b.areas}

    def area_key(k: tuple[str, str]) -> str:
        return ("G" if k[0] == d.AreaKind.GOVERNANCE.value else "") + k[1]

    inds_a, inds_b = a.indicator_refs(), b.indicator_refs()
    return PlanDiff(
        plan_fields=_field_changes(a, b, _PLAN_FIELDS),
        areas_added=tuple(ItemChange(area_key(k), areas_b[k].name)
                          for k in areas_b if k not in areas_a),
        areas_removed=tuple(ItemChange(area_key(k), areas_a[k].name)
                            for k in areas_a if k not in areas_b),
        areas_changed=tuple(
            ItemChange(area_key(k), areas_b[k].name, ch)
            for k in areas_b if k in areas_a
            if (ch := _field_changes(areas_a[k], areas_b[k], _AREA_FIELDS))
        ),
        indicators_added=tuple(ItemChange(r, i.name) for r, i in inds_b.items()
                               if r not in inds_a),
        indicators_removed=tuple(ItemChange(r, i.name) for r, i in inds_a.items()
                                 if r not in inds_b),
        indicators_changed=tuple(
            ItemChange(r, i.name, ch)
            for r, i in inds_b.items() if r in inds_a
            if (ch := _field_changes(inds_a[r], i, _INDICATOR_FIELDS))
        ),
    )


def plan_compare(a: Plan, b: Plan) -> PlanDiff:
    """What changed from version `a` to version `b` (any two stored plans; usually a plan and
    its revision). Reads both whole, in a fixed number of queries each."""
    return diff_plans(plan_to_domain(a.pk), plan_to_domain(b.pk))


def plan_versions(plan: Plan) -> list[Plan]:
    """Every version of the plan, oldest first (one query when the plan has a file id)."""
    if plan.external_id:
        return list(Plan.objects.filter(
            office_id=plan.office_id, kind=plan.kind, fiscal_year=plan.fiscal_year,
            external_id=plan.external_id, is_template=plan.is_template,
        ).order_by("revision", "pk"))
    versions = [plan]
    current = plan
    while current.revision_of_id is not None:
        current = Plan.objects.get(pk=current.revision_of_id)
        versions.append(current)
    return sorted(versions, key=lambda p: (p.revision, p.pk))
