"""The progress app's tables: reports, reported values, evidence files and stored scores.

Defined in `kormo.plans.progress_tables` (see its docstring: the plan loader reads and writes
the one store of progress, and `plans` sits below `progress`), with the app label "progress";
named here so that Django finds them as this app's models and the code above imports them from
their app.
"""

from __future__ import annotations

from kormo.plans.progress_tables import (
    QUARTER_PERIODS,
    Evidence,
    EvidenceKind,
    Report,
    ReportedValue,
    ReportPeriod,
    ReportState,
    ReviewState,
    ScoreSnapshot,
)

__all__ = [
    "QUARTER_PERIODS",
    "Evidence",
    "EvidenceKind",
    "Report",
    "ReportPeriod",
    "ReportState",
    "ReportedValue",
    "ReviewState",
    "ScoreSnapshot",
]
