"""Last year's indicator as this year's starting point (issue "Writing a plan"; DOMAIN.md).

Pure: the caller (`kormo.progress.carry_forward`) reads last year's plan, its progress, whether
its year-end evaluation was accepted and the governance values scored from its action plans;
this module only says what the carried indicator holds.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from kormo.domain import plan as d
from kormo.domain.calendar import FiscalYear
from kormo.domain.scoring import annual_achievement
from kormo.domain.values import DateValue, MonthValue, Value

__all__ = ["GOVERNANCE_NOT_COMPUTED", "carry_indicator"]

# Left in a governance indicator's remarks when last year's value cannot be computed.
GOVERNANCE_NOT_COMPUTED = (
    "গত বছরের প্রকৃত অর্জন গণনা করা যায়নি: সংশ্লিষ্ট কর্মপরিকল্পনার নম্বর পাওয়া যায়নি।",
    "Last year's actual could not be computed: the feeding action plan has no score.",
)


def carry_indicator(ind: d.Indicator, progress: Sequence[d.ProgressValue],
                     fy: FiscalYear, *, final: bool,
                     computed: Value | None = None) -> d.Indicator:
    """Last year's indicator as this year's starting point (issue "Writing a plan"):
    the actual of two years ago stays; last year's annual achievement becomes last year's
    actual — provisional (the * of the forms) unless last year's evaluation was accepted
    (`final`); last year's projection for this year becomes the 100 % target; the projection
    for next year stays; a new year is added. A governance indicator's actual is `computed`
    (DOMAIN.md, Scoring §5, §7: its value is the action plan's score, never typed); without
    one it stays empty with a note in the remarks."""
    last, before = str(fy.previous), str(fy.previous.previous)
    nxt, after = str(fy.next), str(fy.next.next)
    old_actuals = {yv.fiscal_year: yv.value for yv in ind.actuals}
    projections = {yv.fiscal_year: yv.value for yv in ind.projections}
    achieved = computed if ind.feeds_from is not None else \
        annual_achievement(ind, progress).value
    has_years = bool(ind.actuals or ind.projections)
    target = projections.get(str(fy))
    # Last year's note goes; it comes back only if this year's value is missing too.
    note = " / ".join(GOVERNANCE_NOT_COMPUTED)
    remarks = ind.remarks.replace(note, "").strip()
    if ind.feeds_from is not None and has_years and computed is None:
        remarks = f"{remarks} {note}".strip()

    def undated(value: Value | None) -> Value | None:
        # A date target of last year is never this year's (DOMAIN.md, Scoring §9: dates
        # inside the fiscal year).
        return None if isinstance(value, DateValue | MonthValue) else value

    return dataclasses.replace(
        ind,
        actuals=(d.YearValue(before, old_actuals.get(before)),
                 d.YearValue(last, achieved, not final))
        if has_years else (),
        levels=d.TargetLevels(v100=target) if has_years else d.TargetLevels(
            *(undated(v) for _, v in ind.levels.as_pairs())),
        projections=(d.YearValue(nxt, projections.get(nxt)), d.YearValue(after, None))
        if has_years else (),
        annual_target=undated(ind.annual_target),
        quarterly_targets=tuple((q, v) for q, v in ind.quarterly_targets
                                if undated(v) is not None),
        remarks=remarks,
    )
