"""Rules of reported progress, pure (no Django): which plans take reports, which values the
office may still change, the computed value of a derived indicator.

The states are the stored codes of `kormo.progress.models` (report states draft / submitted /
returned / accepted; review states pending / accepted / returned), so the app passes its
columns as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from kormo.domain.derived import FORMULAS
from kormo.domain.values import Money, Number, Percent, Value

# A report the office may still change: a draft, or one returned with comments.
EDITABLE_REPORT_STATES = frozenset({"draft", "returned"})
_RETURNED = "returned"
_SIGNED = "signed"
# Derived values are kept to six places for display; scoring recomputes them at full precision.
_DISPLAY_STEP = Decimal("0.000001")


def plan_in_force(*, is_current: bool, is_template: bool, state: str, is_revision: bool
                  ) -> bool:
    """Progress is reported on the current version of a signed plan; a revision in progress
    (a draft copy of a signed plan) goes on receiving the year's reports. Templates never."""
    return is_current and not is_template and (state == _SIGNED or is_revision)


def value_open(quarter_state: str, year_state: str | None, returned_item: bool) -> bool:
    """Whether the office may change a value: while its quarter's report is a draft or
    returned; else, while the year-end evaluation is returned, only if the value is one of the
    items returned for correction (`returned_item`, whatever its quarter). Every other value of
    a submitted or accepted quarter stays locked, so accepted data never changes behind the
    supervisor's back; a value never entered in such a quarter cannot be added either (the
    supervisor returns that quarter's report for it)."""
    if quarter_state in EDITABLE_REPORT_STATES:
        return True
    return year_state == _RETURNED and returned_item


def derived_value(derivation: str, inputs: Mapping[str, Decimal]) -> Value | None:
    """The computed value of a derived indicator (DOMAIN.md, Scoring §8: the e-Nothi rate of
    seed 004 = e-disposals ÷ (e-disposals + hard-file disposals) × 100), to six places; None
    when the derivation is unknown or the inputs do not give a value."""
    formula = FORMULAS.get(derivation)
    value = None if formula is None else formula(inputs)
    if value is None:
        return None
    if isinstance(value, Number | Percent | Money):
        return type(value)(value.value.quantize(_DISPLAY_STEP).normalize())
    return value
