"""The report page's live score, kept for the data it was computed from.

The report page shows its plan scored from the current data (`selectors.report_page`), and
is rendered again after nearly every save at the reporting deadline. Most of those saves are
values typed into a draft report, which scoring does not count (DOMAIN.md Scoring): the score
stays the same. So the scores of a plan are kept in this process under everything they are
computed from — the plan's content (the same `plan_content.PlanContent` object: one version
of the plan), the plan as scored (the office's name and the counted values as the domain's
progress, every field scoring reads) and the year's rule set — and computed again as soon as
any of it differs. A plan fed by other plans (Scoring §5) is not kept: their data is read
and scored on each render. `MEMO_SIZE` plans, least recently used out first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING

from kormo.domain import plan as d
from kormo.domain.rules import RuleSet
from kormo.progress.plan_content import PlanContent

if TYPE_CHECKING:
    from kormo.progress.selectors import PlanScores

# One entry per plan (its latest data): the plans of the people a server serves at a peak.
MEMO_SIZE = 512

_Key = tuple[int, str, tuple[d.ProgressValue, ...], str]
_memo: OrderedDict[int, tuple[_Key, PlanContent, RuleSet, PlanScores]] = OrderedDict()
_lock = threading.Lock()


def scored(content: PlanContent, plan: d.Plan, plan_id: int, rules: RuleSet,
           compute: Callable[[], PlanScores]) -> PlanScores:
    """`compute()`, the scores of `plan` (row `plan_id`, of `content` with its office and
    progress) under `rules`; the ones kept when they were computed from the same data."""
    key: _Key = (plan_id, plan.office, plan.progress, rules.name)
    with _lock:
        kept = _memo.get(plan_id)
        if kept is not None and kept[0] == key and kept[1] is content and kept[2] is rules:
            _memo.move_to_end(plan_id)
            return kept[3]
    scores = compute()
    with _lock:
        _memo[plan_id] = (key, content, rules, scores)
        _memo.move_to_end(plan_id)
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)
    return scores


__all__ = ["MEMO_SIZE", "scored"]
