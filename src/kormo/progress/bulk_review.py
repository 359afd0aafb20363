"""Reviewing many reports at once from the supervisor's dashboard: each ticked report is accepted
or returned by the very same service a single review uses (`report_accept`, `report_return`),
after the gate (`kormo.progress.access`); a refused one is reported and changes nothing, and
does not undo the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kormo.domain.errors import InputError
from kormo.offices.access import AccessDenied, Action
from kormo.offices.models import Office
from kormo.progress import services
from kormo.progress.access import reports_for_action

BULK_LIMIT = 200


@dataclass(frozen=True, slots=True)
class BulkItem:
    """One item of a bulk review: what was asked (the raw id), on what, and what happened."""

    raw_id: str
    office_name: str = ""
    period: str = ""
    error: Exception | None = None

    @property
    def done(self) -> bool:
        return self.error is None


def _pk(raw: str) -> int | None:
    try:
        return int(str(raw))
    except ValueError:
        return None


def reports_bulk(*, actor: Any, office: Office, report_ids: Sequence[str], accept: bool,
                 comment: str = "") -> list[BulkItem]:
    """Accept (or return, with one comment) several submitted reports — quarters or the
    year-end evaluation — by calling the very same service for each (`report_accept` /
    `report_return`, each in its own transaction), so one refusal (a `ProgressError`, kept in
    its item) changes nothing of its own and undoes none of the others. The ticked reports
    are loaded through the gate, `reports_for_action(actor, Action.REVIEW)` (one query), and
    must be of an office below `office`; any other id (another branch, unknown, not a
    number) is refused like "not found"."""
    wanted = {raw: _pk(raw) for raw in report_ids}  # in the order ticked, once each
    reviewable = {r.pk: r for r in reports_for_action(actor, Action.REVIEW).filter(
        pk__in=[pk for pk in wanted.values() if pk is not None],
        plan__office__path__startswith=office.path).exclude(plan__office=office)}
    items: list[BulkItem] = []
    for raw, pk in wanted.items():
        report = reviewable.get(pk) if pk is not None else None
        if report is None:
            items.append(BulkItem(raw, error=AccessDenied()))
            continue
        plan = report.plan
        try:
            if accept:
                services.report_accept(report=report, actor=actor, comment=comment)
            else:
                services.report_return(report=report, actor=actor, comment=comment)
        except (InputError, AccessDenied) as exc:
            items.append(BulkItem(raw, plan.office.name, report.period, exc))
        else:
            items.append(BulkItem(raw, plan.office.name, report.period))
    return items
