"""Who may use the agreement and progress URLs (the permission walk's declarations, merged by
tests/web/test_permission_walk.py). Office heads approve and sign for the office; supervisors
of an office above review, verify, return, accept and sign for the supervising office."""

from __future__ import annotations

from tests.web.url_rules import APPROVE, READ, REVIEW, WRITE, Rule

RULES: dict[str, Rule] = {
    # A person's own queue; each ticked plan is checked by the transition itself
    # (tests/progress/test_agreement_queue.py).
    "progress:agreements_waiting": Rule("login"),
    "progress:agreements_waiting_bulk": Rule("login", methods=("POST",)),
    "progress:agreement": Rule("plan", READ),
    "progress:agreement_submit": Rule("plan", WRITE, ("POST",)),
    "progress:agreement_approve": Rule("plan", APPROVE, ("POST",)),
    "progress:agreement_return": Rule("plan", APPROVE, ("POST",)),
    "progress:agreement_return_supervisor": Rule("plan", REVIEW, ("POST",)),
    "progress:agreement_sign_office": Rule("plan", APPROVE, ("POST",)),
    "progress:agreement_sign_supervisor": Rule("plan", REVIEW, ("POST",)),
    "progress:agreement_revise": Rule("plan", WRITE, ("POST",)),
    "progress:agreement_compare": Rule("plan", READ),
    "progress:plan": Rule("plan", READ),
    "progress:report": Rule("plan", READ),
    "progress:report_document": Rule("plan", READ),
    "progress:value_save": Rule("plan", WRITE, ("POST",)),
    # GET returns a writer to the report (after a login); only writers get that far.
    "progress:values_save": Rule("plan", WRITE, ("GET", "POST")),
    "progress:evidence_upload": Rule("plan", WRITE, ("POST",)),
    "progress:evidence_remove": Rule("plan", WRITE, ("POST",)),
    "progress:report_submit": Rule("plan", WRITE, ("POST",)),
    "progress:value_review": Rule("plan", REVIEW, ("POST",)),
    "progress:report_return": Rule("plan", REVIEW, ("POST",)),
    "progress:report_accept": Rule("plan", REVIEW, ("POST",)),
    "progress:evidence_download": Rule("plan", READ),
    "progress:indicator": Rule("plan", READ),
    "progress:office_year": Rule("office", READ),
    "progress:dashboard": Rule("office", READ),
    # The office gate is the dashboard's (READ); each selected report is then checked with
    # access_plan(REVIEW) (tests/progress/test_dashboard_bulk.py).
    "progress:dashboard_bulk": Rule("office", READ, ("POST",)),
    "progress:dashboard_csv": Rule("office", READ),
    "progress:dashboard_xlsx": Rule("office", READ),
}
