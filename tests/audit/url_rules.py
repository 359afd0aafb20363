"""Who may use the history and notice URLs (merged by tests/web/test_permission_walk.py)."""

from __future__ import annotations

from tests.web.url_rules import READ, Rule

RULES: dict[str, Rule] = {
    "audit:history": Rule("plan", READ),
    "audit:notices": Rule("login"),
    "audit:notice_count": Rule("login"),
    "audit:notice_read": Rule("login", methods=("POST",)),
}
