"""Plans' content as the progress pages read it, once per version of a plan.

The report page is shown again after every save at the reporting deadline, the office page
after every change of the office; the plans under them do not change meanwhile. A plan's
content changes only through an edit that takes its next lock version (`plans.authoring`) or
as a new plan row, so (id, lock version, last change) — the marks the office's score stamp
trusts too (`scores.score_stamp`) — name one content: a changed plan is read again, never
shown stale. The contents read lately are kept in this process (`MEMO_SIZE`, least recently
used out first); the plans missing are read together, in `CONTENT_QUERIES` queries whatever
their number.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from kormo.domain import plan as d
from kormo.domain.values import Value
from kormo.plans import models as pm
from kormo.plans.convert import plans_to_domain
from kormo.plans.convert.load import part_queries

# ~50 KB a plan of 16 indicators (its domain tree and rows): ~13 MB a process at most, for
# the plans of the people a server has served in the last minutes of a deadline.
MEMO_SIZE = 256
# The plans, their areas, activities, indicators and the indicators' targets.
CONTENT_QUERIES = part_queries(("areas",))


@dataclass(frozen=True)
class TableRow:
    """What the report page shows of one indicator of the plan itself (not its progress)."""

    ref: str
    number: str
    name: str
    area: str
    area_kind: str
    activity: str
    unit: str
    unit_label: str
    weight: Decimal | None
    fed: bool  # fed by another plan's score (Scoring §5)
    derivation: str | None
    annual_target: Value | None
    best_level: Value | None
    quarterly: tuple[tuple[str, Value | None], ...]


@dataclass(frozen=True)
class PlanContent:
    """A plan's area tree as scoring reads it (levels and quarterly targets; no progress, and
    `office` as the plan row stores it) and its indicators as the report page shows them, in
    document order."""

    domain: d.Plan
    rows: tuple[TableRow, ...]

    @property
    def fed(self) -> bool:
        """An indicator takes its score from another plan of the office (Scoring §5)."""
        return any(row.fed for row in self.rows)


_Key = tuple[int, int, dt.datetime | None]
_memo: OrderedDict[_Key, PlanContent] = OrderedDict()
_lock = threading.Lock()


def _key(plan: pm.Plan) -> _Key:
    return (plan.pk, plan.lock_version, plan.updated_at)


def _content(domain: d.Plan) -> PlanContent:
    rows = tuple(
        TableRow(ref=d.indicator_ref(area, ind), number=ind.number, name=ind.name,
                 area=area.name, area_kind=area.kind.value, activity=activity.name,
                 unit=ind.unit.value, unit_label=ind.unit_label, weight=ind.weight,
                 fed=ind.feeds_from is not None, derivation=ind.derivation,
                 annual_target=ind.annual_target, best_level=ind.levels.v100,
                 quarterly=tuple((q.value, v) for q, v in ind.quarterly_targets))
        for area in domain.areas for activity in area.activities for ind in activity.indicators)
    return PlanContent(domain, rows)


def plan_contents(plans: Iterable[pm.Plan]) -> dict[int, PlanContent]:
    """The content of each plan row (its id, lock version and last change read), by id: from
    this process's memo, the missing ones read together (`CONTENT_QUERIES` queries, none when
    all are known)."""
    plans = list(plans)
    out: dict[int, PlanContent] = {}
    with _lock:
        for plan in plans:
            known = _memo.get(_key(plan))
            if known is not None:
                _memo.move_to_end(_key(plan))
                out[plan.pk] = known
    missing = [p for p in plans if p.pk not in out]
    if not missing:
        return out
    role = pm.IndicatorValue.Role
    loaded = plans_to_domain(pm.Plan.objects.filter(pk__in=[p.pk for p in missing]),
                             ("areas",), value_roles=(role.LEVEL, role.QUARTERLY_TARGET))
    with _lock:
        for plan in missing:
            row = loaded.get(plan.pk)
            if row is None:  # deleted meanwhile: nothing to show
                continue
            # Keyed by what was read: a plan changed since the caller's row is read again.
            content = out[plan.pk] = _content(row.domain)
            _memo[_key(row.row)] = content
            while len(_memo) > MEMO_SIZE:
                _memo.popitem(last=False)
    return out
