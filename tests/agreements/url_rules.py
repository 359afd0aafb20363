"""Who may use the agreement URLs (the permission walk's declarations, merged by
tests/web/test_permission_walk.py). Office heads approve and sign for the office; supervisors
of an office above return and sign for the supervising office."""

from __future__ import annotations

from tests.web.url_rules import APPROVE, READ, REVIEW, WRITE, Rule

RULES: dict[str, Rule] = {
    # A person's own queue; each ticked plan is checked by the transition itself
    # (tests/agreements/test_queue.py).
    "agreements:waiting": Rule("login"),
    "agreements:waiting_bulk": Rule("login", methods=("POST",)),
    "agreements:detail": Rule("plan", READ),
    "agreements:submit": Rule("plan", WRITE, ("POST",)),
    "agreements:approve": Rule("plan", APPROVE, ("POST",)),
    "agreements:return": Rule("plan", APPROVE, ("POST",)),
    "agreements:return_supervisor": Rule("plan", REVIEW, ("POST",)),
    "agreements:sign_office": Rule("plan", APPROVE, ("POST",)),
    "agreements:sign_supervisor": Rule("plan", REVIEW, ("POST",)),
    "agreements:revise": Rule("plan", WRITE, ("POST",)),
    "agreements:compare": Rule("plan", READ),
}
