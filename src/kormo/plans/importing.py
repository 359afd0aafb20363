"""Importing a file in the browser: upload → review (with corrections) → confirm or cancel.

One service per step (STYLE.md: one named function per user action), each in one transaction:

- `pending_import_create`: read the file (`kormo.importers.import_bytes`) and keep what was read
  as a `PendingImport` — nothing is saved as a plan yet (issue "Import the documents offices
  already have": "nothing is saved before that");
- `pending_import_correct`: read the corrections typed on the review page
  (`kormo.importers.review.apply_corrections`, Bengali or Latin digits) into the pending plans;
- `pending_import_confirm`: the same, then save the plans as drafts of the chosen office and
  year through `kormo.importers.services.import_save` (one transaction), with every flag the
  person accepted and every correction as the plans' source notes; the pending row is deleted;
- `pending_import_cancel`: delete it.

A bad file, an unreadable correction or a plan that already exists raises an `InputError`
(Bengali and English) and changes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from kormo.audit.services import record_change
from kormo.domain.calendar import FiscalYear
from kormo.domain.errors import InputError
from kormo.domain.plan import Plan, PlanKind
from kormo.domain.planformat import dumps, loads
from kormo.importers import Flag, import_bytes
from kormo.importers.readers.model import Document, document_from_json, document_to_json
from kormo.importers.review import Change, apply_corrections, merge_changes, source_notes
from kormo.importers.services import import_save
from kormo.offices.models import Office
from kormo.plans import models as m
from kormo.plans.uniqueness import lock_office, one_current_plan

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

# Uploads left under review longer than this are removed when their owner uploads again.
PENDING_KEPT = dt.timedelta(days=14)


class ImportSaveError(InputError):
    """Confirming an import was refused; nothing was saved."""


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
    (as `import_save` does)."""
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
        raise ImportSaveError(
            f"ফাইলে {_year_label(year)} অর্থবছরের একই ধরনের দুটি পরিকল্পনা আছে; কিছুই সংরক্ষণ "
            "করা হয়নি।",
            f"The file holds two plans of one kind ({kind}) for {year}; nothing was saved.")
    clash = sorted(set(keys) & existing)
    if clash:
        kind, year = clash[0]
        raise ImportSaveError(
            f"এই অফিসের {_year_label(year)} অর্থবছরের এই ধরনের পরিকল্পনা আগেই আছে; কিছুই "
            "সংরক্ষণ করা হয়নি।",
            f"This office already has a plan of this kind ({kind}) for {year}; nothing was "
            "saved.",
        )


@one_current_plan(ImportSaveError)
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
    saved = import_save(plans=plans, office=office, fiscal_year=pending.fiscal_year or None,
                        actor=actor)
    for index, row in enumerate(saved):
        record_change(actor=actor, action="plan.import", obj=row, plan=row, after={
            "file": pending.file_name, "sha256": pending.sha256, "kind": row.kind,
            "fiscal_year": row.fiscal_year, "source_notes": len(plans[index].source_notes),
            "corrections": sum(1 for c in changes if c.plan == index),
        })
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
