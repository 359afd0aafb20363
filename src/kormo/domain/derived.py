"""Derived indicators: values computed from their inputs (DOMAIN.md, Structure rules; Scoring §8).

The e-Nothi disposal rate (seed 004) = e-disposals ÷ (e-disposals + hard-file disposals) × 100.
Inputs travel with the progress value; the computed value replaces a typed one, which stays
visible as what the office wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal

from kormo.domain.plan import Indicator, ProgressValue
from kormo.domain.values import Percent, Value

HARD_FILE_BRANCH_PREFIX = "hard_files_branch_"


def enothi_disposal_rate(inputs: Mapping[str, Decimal]) -> Value | None:
    """e / (e + h) × 100, with h the hard-file total or the sum of the per-branch counts."""
    e = inputs.get("e_disposals")
    h = inputs.get("hard_file_disposals")
    if h is None:
        branches = [v for k, v in inputs.items() if k.startswith(HARD_FILE_BRANCH_PREFIX)]
        h = sum(branches, Decimal(0)) if branches else None
    if e is None or h is None or e + h == 0:
        return None
    return Percent(e / (e + h) * 100)


FORMULAS: dict[str, Callable[[Mapping[str, Decimal]], Value | None]] = {
    "enothi_disposal_rate": enothi_disposal_rate,
}


def derive_value(indicator: Indicator, progress: ProgressValue) -> Value | None:
    """The computed value of a derived indicator, or None when it is not derived or lacks
    inputs (then the reported value stands)."""
    if indicator.derivation is None or not progress.inputs:
        return None
    formula = FORMULAS.get(indicator.derivation)
    if formula is None:
        return None
    return formula(dict(progress.inputs))
