"""Who may use the home page: anyone logged in (it shows only their own work)."""

from __future__ import annotations

from tests.web.url_rules import Rule

RULES: dict[str, Rule] = {
    "home:today": Rule("login"),
}
