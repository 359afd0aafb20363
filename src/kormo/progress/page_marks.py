"""What the progress pages show, marked (kormo.audit.marks) so that a cached page
(kormo.web.page_cache) is served only while all of it is unchanged. Each mark is one query.

- The report page shows every value, file and review of its plan: it is marked by the last
  change recorded on the office's plans of its year (the APA's governance indicators are
  scored from the office's action plans), their versions and their reports' last changes.
- The office's year shows its plans, their reports' states, the scores of the values that
  count (submitted or accepted) and its stored score: it is marked by the versions of those
  rows only (`states_marks`), so a value typed into a draft report leaves it as stored.
- The dashboard: the stored scores under the office (their number and last store), and,
  checked again on every use of a stored page, the plans and reports of the offices on that
  page (`dashboard_rows_mark`: whether each row's figures are stale, its reports waiting for
  review).

A version digest of rows is their number, the sum of their `lock_version` (every change of
such a row raises it by one) and, where rows have one, their last `updated_at`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connections, router

from kormo.audit.marks import Marks, last_change_of_plans, person_marks
from kormo.offices.models import Office
from kormo.plans.convert.load_scoring import COUNTED_REPORT_STATES
from kormo.plans.models import Party, Plan
from kormo.progress.models import Report, ReportedValue, ScoreSnapshot

PLANS = Plan._meta.db_table
REPORTS = Report._meta.db_table
VALUES = ReportedValue._meta.db_table
PARTIES = Party._meta.db_table
SNAPSHOTS = ScoreSnapshot._meta.db_table
OFFICES = Office._meta.db_table


def versions(marks: Marks, table: str, where: str, params: Sequence[Any], *,
             updated: bool = False) -> Marks:
    """The version digest of the rows of `table` matching `where`, as one text (one subquery
    to plan: planning a dozen subqueries cost the database more than running them)."""
    digest = "COUNT(*) || ':' || COALESCE(SUM(lock_version), 0)"
    if updated:
        digest += " || ':' || COALESCE(CAST(MAX(updated_at) AS TEXT), '')"
    return marks.add(f"(SELECT {digest} FROM {table} WHERE {where})", *params)


def plans_marks(marks: Marks, scope: str, params: Sequence[Any]) -> Marks:
    """The plans `scope` selects (their ids): the last change recorded on them, their last
    versions and their reports' last changes (every value saved touches its report)."""
    sql, p = last_change_of_plans(scope, params)
    return (marks.add(sql, *p)
            .add(f"(SELECT MAX(updated_at) FROM {PLANS} WHERE id IN ({scope}))", *params)
            .add(f"(SELECT MAX(updated_at) FROM {REPORTS} WHERE plan_id IN ({scope}))",
                 *params))


def states_marks(marks: Marks, scope: str, params: Sequence[Any], *,
                 counted_values: bool = True) -> Marks:
    """What the plans `scope` selects show outside their report page: the plans' versions
    and signatures, their reports' states and, unless `counted_values` is false (a page
    that shows no value's figure), the versions of the values that count."""
    versions(marks, PLANS, f"id IN ({scope})", params, updated=True)
    versions(marks, REPORTS, f"plan_id IN ({scope})", params)
    if counted_values:
        counted = ", ".join(["%s"] * len(COUNTED_REPORT_STATES))
        versions(marks, VALUES, f"report_id IN (SELECT id FROM {REPORTS} WHERE plan_id IN "
                 f"({scope}) AND state IN ({counted}))", [*params, *COUNTED_REPORT_STATES])
    return marks.add(f"(SELECT MAX(id) FROM {PARTIES} WHERE plan_id IN ({scope}))", *params)


def _year_plans(marks: Marks, office_id: int, fiscal_year: str) -> str:
    """The office's plans of the year, as a scope of `marks`."""
    return marks.scope("year_plans", f"SELECT id FROM {PLANS} WHERE office_id = %s AND "
                       f"fiscal_year = %s", [office_id, fiscal_year])


def report_page_mark(plan: Plan, user: Any) -> str:
    """The report page of `plan` (any period)."""
    marks = person_marks(user)
    return plans_marks(marks, _year_plans(marks, plan.office_id, plan.fiscal_year), ()).read()


def office_page_mark(office: Office, fiscal_year: str, user: Any) -> str:
    """The office's page of a year: its plans and their reports' states, the values that
    count, its stored score."""
    marks = person_marks(user)
    marks = states_marks(marks, _year_plans(marks, office.pk, fiscal_year), ())
    for column in ("computed_at", "stamp"):
        marks.add(f"(SELECT {column} FROM {SNAPSHOTS} WHERE office_id = %s AND "
                  f"fiscal_year = %s)", office.pk, fiscal_year)
    return marks.read()


def subtrees(paths: Sequence[str], alias: str = "o") -> tuple[str, list[Any]]:
    """Offices under any of `paths` (themselves included), as
    `kormo.progress.dashboard.subtree`: a range on SQLite, whose index serves it, a prefix
    match elsewhere. `alias` names the offices table in the caller's SQL."""
    db = router.db_for_read(Office) or "default"
    if connections[db].vendor == "sqlite":
        parts = [(f"({alias}.path >= %s AND {alias}.path < %s)", [p, p[:-1] + "0"])
                 for p in paths]
    else:
        parts = [(f"{alias}.path LIKE %s", [p + "%"]) for p in paths]
    return ("(" + " OR ".join(sql for sql, _ in parts) + ")" if parts else "(1 = 0)",
            [v for _, params in parts for v in params])


def dashboard_mark(office: Office, fiscal_year: str, user: Any) -> str:
    """The stored scores of the offices under `office`: how many and when last stored."""
    under, params = subtrees([office.path])
    # The offices by their path's index, then each one's row by the snapshots' (office, year)
    # key: a join of the two tables has SQLite scan every stored score of the year. Both
    # figures from one pass (a ministry's dashboard: 24,000 offices and their rows).
    return (person_marks(user)
            .add(f"(SELECT COUNT(*) || ':' || COALESCE(CAST(MAX(s.computed_at) AS TEXT), '') "
                 f"FROM {SNAPSHOTS} s WHERE s.fiscal_year = %s AND s.office_id IN "
                 f"(SELECT o.id FROM {OFFICES} o WHERE {under}))", fiscal_year, *params)
            .read())


def dashboard_rows_mark(office_ids: Sequence[int], fiscal_year: str) -> str:
    """The plans of the offices of one dashboard page and their reports (whether each row's
    stored figures are stale, its reports waiting for review): their versions and last
    changes."""
    ids = ", ".join(["%s"] * len(office_ids))
    marks = Marks()
    scope = marks.scope("row_plans", f"SELECT id FROM {PLANS} WHERE office_id IN ({ids}) "
                        f"AND fiscal_year = %s", [*office_ids, fiscal_year])
    marks = versions(marks, PLANS, f"id IN ({scope})", (), updated=True)
    return versions(marks, REPORTS, f"plan_id IN ({scope})", (), updated=True).read()


__all__ = ["dashboard_mark", "dashboard_rows_mark", "office_page_mark", "plans_marks",
           "report_page_mark", "states_marks", "subtrees", "versions"]
