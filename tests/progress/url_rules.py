"""Who may use the progress URLs (the permission walk's declarations, merged by
tests/web/test_permission_walk.py). Focal points report; supervisors
of an office above review, verify, return and accept."""

from __future__ import annotations

from tests.web.url_rules import READ, REVIEW, WRITE, Rule

RULES: dict[str, Rule] = {
    "progress:plan": Rule("plan", READ),
    "progress:report": Rule("plan", READ),
    "progress:report_document": Rule("plan", READ),
    "progress:value_save": Rule("plan", WRITE, ("POST",)),
    # GET returns a writer to the report (after a login); only writers get that far.
    "progress:values_save": Rule("plan", WRITE, ("GET", "POST")),
    "progress:evidence_upload": Rule("plan", WRITE, ("GET", "POST")),
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
