"""The agreement's state machine (`kormo.agreements.rules`) as a table: for each state, version
and signatures, which steps a person holding each power may take, and why a state refuses a
step. The services, the agreement page, the queue and the reminders all ask these functions,
so this table is the one place the rule is written down and checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kormo.agreements import rules
from kormo.agreements.errors import AgreementError
from kormo.agreements.errors import AgreementErrorCode as Code
from kormo.agreements.rules import Power, State, Step
from kormo.domain import agreement
from kormo.offices.access import Action
from kormo.plans.models import PlanState

W, A, R = Power.WRITE, Power.APPROVE, Power.REVIEW
ALL = frozenset(Power)

# (state, is_current, signed parties, powers) -> the steps open
STEPS_OPEN = [
    (State.DRAFT, True, (), {W}, {Step.SUBMIT}),
    (State.RETURNED, True, (), {W}, {Step.SUBMIT}),
    (State.DRAFT, False, (), {W}, set()),  # an earlier version is read-only
    (State.DRAFT, True, (), {A, R}, set()),  # only a focal point submits
    (State.SUBMITTED, True, (), {A}, {Step.APPROVE, Step.RETURN}),
    (State.SUBMITTED, True, (), {R}, {Step.RETURN_SUPERVISOR}),
    (State.SUBMITTED, True, (), {W}, set()),
    (State.APPROVED, True, (), {A}, {Step.RETURN, Step.SIGN_OFFICE}),
    (State.APPROVED, True, (), {R}, {Step.RETURN_SUPERVISOR, Step.SIGN_SUPERVISOR}),
    (State.APPROVED, True, ("office",), {A}, {Step.RETURN}),
    (State.APPROVED, True, ("office",), {R}, {Step.RETURN_SUPERVISOR, Step.SIGN_SUPERVISOR}),
    (State.APPROVED, True, ("supervisor",), {R}, {Step.RETURN_SUPERVISOR}),
    (State.APPROVED, True, ("supervisor",), {A, R}, {Step.RETURN, Step.RETURN_SUPERVISOR,
                                                      Step.SIGN_OFFICE}),
    (State.SIGNED, True, ("office", "supervisor"), {W}, {Step.REVISE}),
    (State.SIGNED, True, ("office", "supervisor"), {A, R}, set()),
    (State.SIGNED, False, ("office", "supervisor"), ALL, set()),  # revise the current one
    (State.DRAFT, True, (), set(), set()),  # a reader takes no step
]


@pytest.mark.parametrize(("state", "current", "signed", "powers", "expected"), STEPS_OPEN)
def test_the_steps_open_to_each_power_in_each_state(state, current, signed, powers, expected):
    assert rules.steps_open(state, current, powers, signed) == frozenset(expected)


# (step, state, is_current, signed) -> the refusal code (None: allowed)
REFUSALS = [
    (Step.SUBMIT, State.DRAFT, True, (), None),
    (Step.SUBMIT, State.SUBMITTED, True, (), Code.WRONG_STATE),
    (Step.SUBMIT, State.DRAFT, False, (), Code.NOT_CURRENT),
    (Step.REVISE, State.SIGNED, False, (), Code.NOT_CURRENT),
    (Step.REVISE, State.APPROVED, True, (), Code.WRONG_STATE),
    (Step.APPROVE, State.APPROVED, True, (), Code.WRONG_STATE),
    (Step.RETURN, State.SIGNED, True, (), Code.WRONG_STATE),
    (Step.RETURN_SUPERVISOR, State.DRAFT, True, (), Code.WRONG_STATE),
    (Step.SIGN_OFFICE, State.SUBMITTED, True, (), Code.WRONG_STATE),
    (Step.SIGN_OFFICE, State.APPROVED, True, ("office",), Code.ALREADY_SIGNED),
    (Step.SIGN_SUPERVISOR, State.APPROVED, True, ("office",), None),
    (Step.SIGN_SUPERVISOR, State.APPROVED, True, ("supervisor",), Code.ALREADY_SIGNED),
]


@pytest.mark.parametrize(("step", "state", "current", "signed", "code"), REFUSALS)
def test_why_a_state_refuses_a_step(step, state, current, signed, code):
    assert rules.refusal(step, state, current, signed) is code


def test_every_step_has_its_powers_and_its_states():
    assert set(rules.POWERS) == set(Step)
    assert all(rules.POWERS[s] and rules.states_from(s) for s in Step)


def test_a_plan_is_signed_when_no_party_is_missing():
    assert rules.parties_missing(()) == {rules.Party.OFFICE, rules.Party.SUPERVISOR}
    assert rules.parties_missing(("office",)) == {rules.Party.SUPERVISOR}
    assert rules.parties_missing(("supervisor", "office")) == frozenset()


def test_the_rules_speak_the_apps_words():
    """The pure rules name states and powers by the values the tables and the gate store."""
    assert {s.value for s in State} == set(PlanState.values)
    assert {p.value for p in Power} <= {a.value for a in Action}
    assert {State.DRAFT, State.RETURNED} == rules.EDITABLE_STATES


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("current", [True, False])
def test_only_a_current_draft_or_returned_plan_may_change_its_content(state, current):
    expected = current and state in (State.DRAFT, State.RETURNED)
    assert rules.content_editable(state, current) is expected
    # The editor below the agreements app asks the same domain function.
    assert agreement.content_editable(state.value, current) is expected


def test_every_refusal_of_the_domain_has_a_coded_message():
    for why in agreement.Refusal:
        error = AgreementError(Code(why.value), state="signed")
        assert error.bn and error.en and error.code == why.value


def test_the_state_rules_are_written_once():
    """No unit keeps its own list of editable states or compares a plan's state to a literal:
    they ask kormo.domain.agreement (issue 11, item 2)."""
    src = Path(__file__).resolve().parents[2] / "src" / "kormo"
    own_list = re.compile(r"^\s*EDITABLE_STATES\s*=", re.M)
    literal = re.compile(r"""\.state\s*(==|!=)\s*["'](draft|returned|submitted|approved|signed)""")
    offenders = [str(p.relative_to(src)) for p in src.rglob("*.py")
                 if p.name != "agreement.py" and (own_list.search(t := p.read_text())
                                                  or literal.search(t))]
    assert offenders == []
