"""Writes of progress: one function per user action (STYLE.md "How one feature flows").

    progress_record    the focal point enters a quarter's achievement (typed, or derived);
                       values_batch: many of one plan in one transaction (the report page)
    evidence_attach    ... attaches an evidence file;  evidence_remove removes one (kept)
    report_submit      the office submits a quarter's report (or the year-end evaluation)
    value_review       the supervising office accepts or returns one item, with a comment
    value_verify       ... sets a verified achievement beside the self-reported one
    report_return      ... returns the report;  report_accept accepts it
    progress_copy_to_revision   a plan revision carries the year's reporting along

One module per concept: `values` (the focal point's entries), `evidence`, `reports` (open,
submit, return, accept; due dates), `review` (the supervisor's review and verification),
`revision`; `common` holds the checks they share. The pure rules (which plans take reports,
which values are open, derived values) are `kormo.domain.progress`.

Every function, inside one `transaction.atomic`: checks the actor's `Action` through
`kormo.offices.access` (AccessDenied, a 404, for strangers) and the state (`ProgressError` with
a code), stamps who and when, records the change (`kormo.audit.services.record_change`, with
the reason), sends notices and touches the report, which marks the office's stored score
stale (it is recomputed by the next page that shows it). `ReportedValue` is the one store of
progress: plans read their progress from it (`kormo.plans.convert`). Pages, bulk actions and
the API call these same functions.

Concurrency: every write locks its plan's row first (alone, or in the query that reads the
value it changes), so the writes of one plan wait for each other and a report's state needs
no lock of its own; what must be read as it is after the lock is read in a later statement
(a value save's indicator, report and value: `rows.cells_read`). A value carries a
`lock_version`; a save that read an older version is refused (compare-and-set with a
conditional UPDATE, so it holds on PostgreSQL and SQLite alike), and two first saves of one
value meet the unique constraint: the later is refused, never merged.
"""

from kormo.progress.services.common import (
    EDITABLE_REPORT_STATES,
    UNSET,
    plan_in_force,
    value_open,
)
from kormo.progress.services.evidence import evidence_attach, evidence_remove
from kormo.progress.services.reports import (
    report_accept,
    report_due,
    report_get_or_create,
    report_return,
    report_submit,
)
from kormo.progress.services.review import value_review, value_verify
from kormo.progress.services.revision import progress_copy_to_revision
from kormo.progress.services.values import ValuesBatch, progress_record, values_batch

__all__ = [
    "EDITABLE_REPORT_STATES",
    "UNSET",
    "ValuesBatch",
    "evidence_attach",
    "evidence_remove",
    "plan_in_force",
    "progress_copy_to_revision",
    "progress_record",
    "report_accept",
    "report_due",
    "report_get_or_create",
    "report_return",
    "report_submit",
    "value_open",
    "value_review",
    "value_verify",
    "values_batch",
]
