"""The agreement's state machine as the agreements app asks it: `kormo.domain.agreement`
(written once, pure, asked by the plan editor below this app too) with its refusals given
the app's coded errors (`AgreementErrorCode`, whose messages the pages and the API show).
"""

from __future__ import annotations

from collections.abc import Iterable

from kormo.agreements.errors import AgreementErrorCode
from kormo.domain import agreement
from kormo.domain.agreement import (
    EDITABLE_STATES,
    POWERS,
    Party,
    Power,
    State,
    Step,
    content_editable,
    parties_missing,
    states_from,
    steps_open,
)

__all__ = [
    "EDITABLE_STATES",
    "POWERS",
    "Party",
    "Power",
    "State",
    "Step",
    "content_editable",
    "parties_missing",
    "refusal",
    "states_from",
    "steps_open",
]


def refusal(step: Step, state: str, is_current: bool,
            signed: Iterable[str] = ()) -> AgreementErrorCode | None:
    """Why `state` refuses `step` as a coded error (None: the state allows it)."""
    why = agreement.refusal(step, state, is_current, signed)
    return None if why is None else AgreementErrorCode(why.value)
