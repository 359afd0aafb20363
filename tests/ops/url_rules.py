"""Who may use the operations and account URLs (merged by tests/web/test_permission_walk.py)."""

from __future__ import annotations

from tests.web.url_rules import Rule

BOTH = ("GET", "POST")

RULES: dict[str, Rule] = {
    "healthz": Rule("public"),
    "readyz": Rule("public"),
    "metrics": Rule("ops"),  # operators only: tests/ops/test_observability.py
    "password_change": Rule("login", methods=BOTH),
    "password_change_done": Rule("login"),
    "password_reset": Rule("public", methods=BOTH),
    "password_reset_done": Rule("public"),
    "password_reset_confirm": Rule("ops"),  # a signed link: tests/ops/test_accounts.py
    "password_reset_complete": Rule("public"),
}
