"""The agreement's state machine, written once (issue "Agreement"; DOMAIN.md glossary).

States: draft → submitted → approved → signed, and back to returned (with a comment) from
submitted or approved; a signed plan changes only by a revision (a new draft version). A plan
is signed when both parties signed: the office (its head) and the supervising office (a
supervisor above), as seed 000's signature block shows.

Who may take a step is a power the person holds for the plan's office (`Power`: the values of
`kormo.offices.access.Action`); when a step is open is the plan's state, whether it is the
current version, and which parties signed. `steps_open` answers both for a page, `refusal`
says why a state refuses one step, `content_editable` whether a plan's content may change.
It lives in the domain so every layer asks the same function: the plan editor
(`kormo.plans`, below the agreements app), the agreement's services, pages and queue
(`kormo.agreements.rules` adds the coded errors), the reminders and the templates. Pure
Python, no Django (tested as a table).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

__all__ = [
    "EDITABLE_STATES",
    "POWERS",
    "Party",
    "Power",
    "Refusal",
    "State",
    "Step",
    "content_editable",
    "parties_missing",
    "refusal",
    "states_from",
    "steps_open",
]


class Refusal(StrEnum):
    """Why a state refuses a step (the codes of `kormo.agreements.errors.AgreementErrorCode`)."""

    NOT_CURRENT = "NOT_CURRENT"  # an earlier version is read-only
    WRONG_STATE = "WRONG_STATE"
    ALREADY_SIGNED = "ALREADY_SIGNED"


class State(StrEnum):
    """A plan's agreement state (the values of `plans.models.PlanState`)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    SIGNED = "signed"
    RETURNED = "returned"


class Power(StrEnum):
    """What a person may do for an office (the values of `offices.access.Action`)."""

    WRITE = "write"  # a focal point of the office
    APPROVE = "approve"  # the office's head
    REVIEW = "review"  # a supervisor of an office above


class Party(StrEnum):
    """Who signs: the office (its head) or the supervising office (DOMAIN.md glossary)."""

    OFFICE = "office"
    SUPERVISOR = "supervisor"


class Step(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"  # by the office's head
    RETURN_SUPERVISOR = "return_supervisor"  # by the supervising office, before it signs
    SIGN_OFFICE = "sign_office"
    SIGN_SUPERVISOR = "sign_supervisor"
    REVISE = "revise"


# The content of a plan is edited only in these states (and only in its current version).
EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED})

# Who may take each step: any one of these powers for the plan's office.
POWERS: dict[Step, frozenset[Power]] = {
    Step.SUBMIT: frozenset({Power.WRITE}),
    Step.APPROVE: frozenset({Power.APPROVE}),
    Step.RETURN: frozenset({Power.APPROVE}),
    Step.RETURN_SUPERVISOR: frozenset({Power.REVIEW}),
    Step.SIGN_OFFICE: frozenset({Power.APPROVE}),
    Step.SIGN_SUPERVISOR: frozenset({Power.REVIEW}),
    Step.REVISE: frozenset({Power.WRITE}),
}

# The states each step starts from.
_FROM: dict[Step, frozenset[State]] = {
    Step.SUBMIT: EDITABLE_STATES,
    Step.APPROVE: frozenset({State.SUBMITTED}),
    Step.RETURN: frozenset({State.SUBMITTED, State.APPROVED}),
    Step.RETURN_SUPERVISOR: frozenset({State.SUBMITTED, State.APPROVED}),
    Step.SIGN_OFFICE: frozenset({State.APPROVED}),
    Step.SIGN_SUPERVISOR: frozenset({State.APPROVED}),
    Step.REVISE: frozenset({State.SIGNED}),
}

# Steps that only the current version may take (an earlier version is read-only).
_CURRENT_ONLY = frozenset({Step.SUBMIT, Step.REVISE})

_SIGNS = {Step.SIGN_OFFICE: Party.OFFICE, Step.SIGN_SUPERVISOR: Party.SUPERVISOR}


def refusal(step: Step, state: str, is_current: bool,
            signed: Iterable[str] = ()) -> Refusal | None:
    """Why `state` refuses `step` (None: the state allows it). Who may take it is `POWERS`."""
    if step in _CURRENT_ONLY and not is_current:
        return Refusal.NOT_CURRENT
    if state not in _FROM[step]:
        return Refusal.WRONG_STATE
    party = _SIGNS.get(step)
    if party is not None and party in set(signed):
        return Refusal.ALREADY_SIGNED
    return None


def content_editable(state: str, is_current: bool = True) -> bool:
    """May the plan's content change at all (by anyone)? Only a current draft or returned
    plan: a submitted, approved or signed one changes by a return or a revision."""
    return is_current and state in EDITABLE_STATES


def steps_open(state: str, is_current: bool, powers: Iterable[str],
               signed: Iterable[str] = ()) -> frozenset[Step]:
    """The steps a person holding `powers` for the plan's office may take now."""
    held = set(powers)
    signed = frozenset(signed)
    return frozenset(step for step in Step
                     if held & POWERS[step] and refusal(step, state, is_current, signed) is None)


def states_from(step: Step) -> frozenset[State]:
    """The states `step` starts from (for queries that load only the candidates)."""
    return _FROM[step]


def parties_missing(signed: Iterable[str]) -> frozenset[Party]:
    """The parties that have not signed yet; none missing means the plan is signed."""
    return frozenset(Party) - frozenset(signed)
