"""Importing plans: `plan_import`, the one way plans read from a file are stored, and the
browser's steps upload → review (with corrections) → confirm or cancel.

`plan_import` is used by every caller (the review page's confirm, `kormo import`, the demo
loader): it checks the actor at the gate (`kormo.offices.access.can`, write for each office),
refuses to replace a plan that is not a draft (a signed plan changes only by a revision through
the agreement workflow), stores the plans all or nothing and records `plan.import` (and
`plan.replace` when earlier copies were deleted) with the actor.

One service per step of the page (STYLE.md: one named function per user action), each in one
transaction:

- `pending_import_create`: read the file (`kormo.importers.import_bytes`) and keep what was read
  as a `PendingImport` — nothing is saved as a plan yet (issue "Import the documents offices
  already have": "nothing is saved before that");
- `pending_import_correct`: read the corrections typed on the review page
  (`kormo.importers.review.apply_corrections`, Bengali or Latin digits) into the pending plans;
- `pending_import_confirm`: the same, then save the plans as drafts of the chosen office and
  year through `plan_import` (one transaction), with every flag the
  person accepted and every correction as the plans' source notes; the pending row is deleted;
- `pending_import_cancel`: delete it.

A bad file, an unreadable correction or a plan that already exists raises an `InputError`
(Bengali and English) and changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Mapping, Sequence
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, ClassVar

from django.db import transaction
from django.utils import timezone

from kormo.audit.services import record_change
from kormo.domain.calendar import FiscalYear
from kormo.domain.errors import CodedError, InputError
from kormo.domain.plan import Plan, PlanKind, Tier
from kormo.domain.planformat import dumps, loads
from kormo.importers import Flag, import_bytes
from kormo.importers.readers.model import Document, document_from_json, document_to_json
from kormo.importers.review import Change, apply_corrections, merge_changes, source_notes
from kormo.offices.access import AccessDenied, Action, can
from kormo.offices.models import Office
from kormo.plans import models as m
from kormo.plans.convert import plan_save_from_domain
from kormo.plans.uniqueness import lock_office, one_current_plan

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

# Uploads left under review longer than this are removed when their owner uploads again.
PENDING_KEPT = dt.timedelta(days=14)


class ImportSaveCode(StrEnum):
    TWO_OF_A_KIND = "TWO_OF_A_KIND"
    PLAN_EXISTS = "PLAN_EXISTS"
    NOT_A_DRAFT = "NOT_A_DRAFT"


class ImportSaveError(CodedError):
    """Saving imported plans was refused; nothing was saved or changed."""

    MESSAGES: ClassVar[Mapping[Enum, tuple[str, str]]] = {
        ImportSaveCode.TWO_OF_A_KIND: (
            "ফাইলে {year_bn} অর্থবছরের একই ধরনের দুটি পরিকল্পনা আছে; কিছুই সংরক্ষণ করা হয়নি।",
            "The file holds two plans of one kind ({kind}) for {year}; nothing was saved."),
        ImportSaveCode.PLAN_EXISTS: (
            "এই অফিসের {year_bn} অর্থবছরের এই ধরনের পরিকল্পনা আগেই আছে; কিছুই সংরক্ষণ করা "
            "হয়নি।",
            "This office already has a plan of this kind ({kind}) for {year}; nothing was "
            "saved."),
        ImportSaveCode.NOT_A_DRAFT: (
            "{year_bn} অর্থবছরের এই পরিকল্পনাটি (নম্বর {plan}) খসড়া নয় ({state}); তা বদলানো "
            "যায় শুধু চুক্তির ধাপে সংশোধনী খুলে। কিছুই বদলানো হয়নি।",
            "Plan {plan} ({kind} {year}) is not a draft ({state}); a plan past its draft "
            "changes only by a revision through the agreement workflow. Nothing was changed."),
    }


# Where a plan goes: one office for every plan (the page, `kormo import --office`), or the
# office found for each plan (the demo loader, `kormo import` without --office).
OfficeFor = Office | Callable[[Plan], Office]


def _placed(plan: Plan, office: OfficeFor, fiscal_year: str | None) -> tuple[Plan, Office]:
    """The plan as it is stored (the chosen office's name and tier, the chosen year; a work
    plan of a calendar year keeps its year) and its office row."""
    if isinstance(office, Office):
        row = office
        plan = dataclasses.replace(
            plan, office=office.name,
            office_tier=Tier(office.tier) if office.tier else plan.office_tier)
    else:
        row = office(plan)
    if fiscal_year and plan.kind is not PlanKind.INNOVATION_WORK_PLAN:
        plan = dataclasses.replace(plan, fiscal_year=fiscal_year)
    return plan, row


def _replaced(plan: Plan, office: Office) -> list[m.Plan]:
    """The stored plans `plan` would replace: same office, kind, year and file id."""
    return list(m.Plan.objects.filter(office=office, kind=plan.kind.value,
                                      fiscal_year=plan.fiscal_year, external_id=plan.id)
                .order_by("pk"))


def _refuse_signed(rows: Sequence[m.Plan]) -> None:
    for row in rows:
        if row.state != m.PlanState.DRAFT:
            raise ImportSaveError(
                ImportSaveCode.NOT_A_DRAFT, row.external_id, plan=row.pk, kind=row.kind,
                year=row.fiscal_year, year_bn=_year_label(row.fiscal_year),
                state=row.get_state_display())


@transaction.atomic
def plan_import(*, plans: Sequence[Plan], office: OfficeFor, actor: AbstractBaseUser,
                replace: bool = False, fiscal_year: str | None = None,
                source: Mapping[str, Any] | None = None,
                details: Sequence[Mapping[str, Any]] | None = None) -> list[m.Plan]:
    """Store plans read from a file as drafts, all or nothing, with history.

    `office` is the office of every plan, or a function giving each plan's office (which may
    create it); `fiscal_year` ("2022-23") replaces the year read. The actor must be allowed to
    write for each office (else `AccessDenied`). `replace=True` first deletes the stored plans
    with the same office, kind, year and file id, and is refused (`ImportSaveError`, nothing
    changed) when any of them is not a draft. Each saved plan gets a `plan.import` record
    (with `source`, e.g. the file's name and checksum, and the plan's own `details`) and,
    when it replaced earlier copies, a `plan.replace` record naming them.
    """
    fy = str(FiscalYear.parse(fiscal_year)) if fiscal_year else None
    placed = [_placed(plan, office, fy) for plan in plans]
    for _plan, row in placed:
        if not can(actor, Action.WRITE, row):
            raise AccessDenied()
    earlier = [_replaced(plan, row) if replace else [] for plan, row in placed]
    for rows in earlier:
        _refuse_signed(rows)
    saved: list[m.Plan] = []
    for index, ((plan, row), old) in enumerate(zip(placed, earlier, strict=True)):
        new = plan_save_from_domain(plan=plan, office=row, replace=replace)
        m.Plan.objects.filter(pk=new.pk).update(created_by=actor, updated_by=actor)
        new.created_by = new.updated_by = actor
        after = {"kind": new.kind, "fiscal_year": new.fiscal_year, "office": row.name,
                 "source_notes": len(plan.source_notes), **(source or {}),
                 **(details[index] if details else {})}
        record_change(actor=actor, action="plan.import", obj=new, plan=new, after=after)
        if old:
            record_change(actor=actor, action="plan.replace", obj=new, plan=new,
                          before={"plans": [{"id": o.pk, "state": o.state,
                                             "revision": o.revision} for o in old]},
                          after={"id": new.pk})
        saved.append(new)
    return saved


@dataclasses.dataclass(frozen=True, slots=True)
class Pending:
    """A pending import as the review page uses it: the plans, flags, document, corrections."""

    row: m.PendingImport
    plans: list[Plan]
    flags: list[Flag]
    document: Document
    changes: list[Change]


def pending_import_read(pending: m.PendingImport) -> Pending:
    """The stored parts of a pending import as domain objects (no query)."""
    return Pending(pending, loads(pending.plans), [Flag.from_json(f) for f in pending.flags],
                   document_from_json(pending.document),
                   [Change.from_json(c) for c in pending.corrections])


def _fiscal_year(text: str) -> str:
    text = text.strip()
    return str(FiscalYear.parse(text)) if text else ""


def _with_year(plans: list[Plan], fiscal_year: str) -> list[Plan]:
    """The chosen year replaces the year read; a work plan of a calendar year keeps its year
    (as the old `import_save` did)."""
    if not fiscal_year:
        return plans
    return [p if p.kind is PlanKind.INNOVATION_WORK_PLAN
            else dataclasses.replace(p, fiscal_year=fiscal_year) for p in plans]


@transaction.atomic
def pending_import_create(*, owner: AbstractBaseUser, office: Office, data: bytes,
                          file_name: str, fiscal_year: str = "") -> m.PendingImport:
    """Read an uploaded file and keep it for review. Raises `ImportFileError` (a bad file) or
    `FiscalYearError` (a year that is not one); then nothing is kept."""
    fy = _fiscal_year(fiscal_year)
    result = import_bytes(data, file_name)
    # The owner's forgotten uploads go when they upload again (no scheduler needed).
    m.PendingImport.objects.filter(owner=owner,
                                   updated_at__lt=timezone.now() - PENDING_KEPT).delete()
    return m.PendingImport.objects.create(
        owner=owner, office=office, fiscal_year=fy, file_name=file_name[:255],
        sha256=hashlib.sha256(data).hexdigest(), format=result.format,
        plans=dumps(_with_year(result.plans, fy)),
        flags=[f.to_json() for f in result.flags],
        document=document_to_json(result.document) if result.document else {},
    )


def _corrected(pending: Pending, typed: Mapping[str, str]) -> tuple[list[Plan], list[Change]]:
    plans, changes = apply_corrections(pending.plans, typed)
    return plans, merge_changes(pending.changes, changes)


@transaction.atomic
def pending_import_correct(*, pending: m.PendingImport,
                           typed: Mapping[str, str]) -> m.PendingImport:
    """Read the typed corrections into the pending plans (raises `CorrectionError` naming each
    unreadable cell; then nothing changes). Nothing is saved as a plan."""
    current = pending_import_read(pending)
    plans, changes = _corrected(current, typed)
    pending.plans = dumps(plans)
    pending.corrections = [c.to_json() for c in changes]
    pending.save(update_fields=["plans", "corrections", "updated_at"])
    return pending


def _year_label(year: str) -> str:
    try:
        return FiscalYear.parse(year).label("bn")
    except InputError:
        return year  # a work plan's calendar year


def _refuse_existing(office: Office, plans: list[Plan]) -> None:
    """One current plan per office, kind and year (as `authoring` keeps it): a file holding two
    plans of one kind, or a plan the office already has, is refused."""
    keys = [(p.kind.value, p.fiscal_year) for p in plans]
    lock_office(office)  # a double confirm waits here (plans.uniqueness)
    existing = set(m.Plan.objects.filter(
        office=office, is_template=False, is_current=True,
        kind__in={k for k, _ in keys}, fiscal_year__in={y for _, y in keys},
    ).values_list("kind", "fiscal_year"))
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        kind, year = twice[0]
        raise ImportSaveError(ImportSaveCode.TWO_OF_A_KIND, kind=kind, year=year,
                              year_bn=_year_label(year))
    clash = sorted(set(keys) & existing)
    if clash:
        kind, year = clash[0]
        raise ImportSaveError(ImportSaveCode.PLAN_EXISTS, kind=kind, year=year,
                              year_bn=_year_label(year))


@one_current_plan
@transaction.atomic
def pending_import_confirm(*, pending: m.PendingImport, typed: Mapping[str, str],
                           actor: AbstractBaseUser) -> list[m.Plan]:
    """Save the reviewed plans as drafts of the pending import's office and year, all or
    nothing, and delete the pending import. The flags (the readings the person accepted) and
    the corrections become each plan's source notes."""
    current = pending_import_read(pending)
    plans, changes = _corrected(current, typed)
    office = pending.office
    plans = _with_year(plans, pending.fiscal_year)
    plans = [dataclasses.replace(p, source_notes=source_notes(p, i, current.flags, changes))
             for i, p in enumerate(plans)]
    _refuse_existing(office, plans)
    saved = plan_import(
        plans=plans, office=office, actor=actor,
        source={"file": pending.file_name, "sha256": pending.sha256},
        details=[{"corrections": sum(1 for c in changes if c.plan == index)}
                 for index in range(len(plans))])
    pending.delete()
    return saved


def pending_import_list_for(*, owner: AbstractBaseUser, office: Office
                            ) -> list[m.PendingImport]:
    """The person's uploads of this office still waiting for review (one query)."""
    return list(m.PendingImport.objects.filter(owner=owner, office=office)
                .only("pk", "file_name", "created_at", "fiscal_year", "office_id"))


def pending_import_clashes(pending: Pending) -> set[tuple[str, str]]:
    """(kind, year) of the pending plans that the office already has (one query): the review
    page warns before "Confirm" refuses."""
    keys = {(p.kind.value, p.fiscal_year) for p in _with_year(pending.plans,
                                                              pending.row.fiscal_year)}
    return set(m.Plan.objects.filter(
        office_id=pending.row.office_id, is_template=False, is_current=True,
        kind__in={k for k, _ in keys}, fiscal_year__in={y for _, y in keys},
    ).values_list("kind", "fiscal_year")) & keys


@transaction.atomic
def pending_import_cancel(*, pending: m.PendingImport) -> None:
    """Forget an upload: nothing of it stays."""
    pending.delete()
