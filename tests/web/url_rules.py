"""Who may use each URL of the web layer, offices, plans and years: the permission walk's
declarations (tests/web/test_permission_walk.py).

Other apps declare theirs the same way in `tests/<app>/url_rules.py` (a `RULES` dict of URL
name → `Rule`); the walk merges them and fails for any URL that nobody declared. A rule names
the object whose id the URL carries and the action needed on its office; `ALLOWED` says, by
hand, for which office relations each person may do each action.
"""

from __future__ import annotations

from dataclasses import dataclass

READ, WRITE, APPROVE, REVIEW, SETUP = "read", "write", "approve", "review", "setup"
TEMPLATE, YEARS = "template", "years"  # read a template; open years and deadlines
CALENDAR = "calendar"  # read the national calendar (years and deadlines), no forms
ALL = {"own", "below", "above", "sibling"}

# Person (a role at office X, or at the top T) → action → office relations to X where allowed.
ALLOWED: dict[str, dict[str, set[str]]] = {
    "focal": {READ: {"own", "below"}, WRITE: {"own"}, APPROVE: set(), REVIEW: set(),
              SETUP: set(), TEMPLATE: {"own", "below", "above"}, YEARS: set(),
             CALENDAR: set()},
    "head": {READ: {"own", "below"}, WRITE: set(), APPROVE: {"own"}, REVIEW: set(),
             SETUP: set(), TEMPLATE: {"own", "below", "above"}, YEARS: set(),
             CALENDAR: set()},
    "supervisor": {READ: {"own", "below"}, WRITE: set(), APPROVE: set(), REVIEW: {"below"},
                   SETUP: set(), TEMPLATE: {"own", "below", "above"}, YEARS: set(),
             CALENDAR: set()},
    "admin": {READ: {"own", "below"}, WRITE: set(), APPROVE: set(), REVIEW: set(),
              SETUP: {"own", "below"}, TEMPLATE: {"own", "below", "above"}, YEARS: set(),
              CALENDAR: {"own"}},
    "admin_top": {READ: ALL, WRITE: set(), APPROVE: set(), REVIEW: set(), SETUP: ALL,
                  TEMPLATE: ALL, YEARS: ALL, CALENDAR: ALL},
    "nobody": {READ: set(), WRITE: set(), APPROVE: set(), REVIEW: set(), SETUP: set(),
               TEMPLATE: set(), YEARS: set(), CALENDAR: set()},
}


@dataclass(frozen=True)
class Rule:
    """What a URL needs.

    kind: "office" / "plan" / "template" (the id in the URL is of that office's object; the
    walk tries X, U below, D above, Y a sibling), "years" (no id), "login" (any logged-in
    person), "public" (anyone); kinds walked by another test are listed in the walk's
    DELEGATED ("api": bearer tokens; "published": only signed plans answer).
    action: a key of ALLOWED's rows. methods: those it answers. write_action: what a POST
    needs when it differs from what reading needs (the calendar: read by every administrator,
    changed only by its keepers).
    """

    kind: str
    action: str = READ
    methods: tuple[str, ...] = ("GET",)
    write_action: str | None = None


RULES: dict[str, Rule] = {
    "home": Rule("login"),
    "login": Rule("public", methods=("GET", "POST")),
    "logout": Rule("public", methods=("POST",)),
    "set_language": Rule("public", methods=("GET", "POST")),
    "font": Rule("public"),
    "offices:list": Rule("login"),
    "offices:detail": Rule("office", READ),
    "offices:people": Rule("people", READ, ("GET", "POST")),
    "plans:detail": Rule("plan", READ),
    "plans:export": Rule("plan", READ),
    "plans:document": Rule("plan", READ),
    "plans:edit": Rule("plan", WRITE, ("GET", "POST")),
    "plans:validate": Rule("plan", WRITE, ("POST",)),
    "plans:sections": Rule("plan", WRITE, ("GET", "POST")),
    "plans:create": Rule("office", WRITE, ("POST",)),
    "plans:carry_forward": Rule("office", WRITE, ("POST",)),
    "plans:import": Rule("office", WRITE, ("GET", "POST")),
    # An upload under review is its uploader's only (plans.access.access_pending_import):
    # walked per person and office in tests/plans/test_import_views.py.
    "plans:import_review": Rule("pending_import", WRITE, ("GET", "POST")),
    "plans:import_confirm": Rule("pending_import", WRITE, ("POST",)),
    "plans:import_cancel": Rule("pending_import", WRITE, ("POST",)),
    "years:list": Rule("years", CALENDAR, ("GET", "POST"), write_action=YEARS),
    "years:detail": Rule("years", CALENDAR, ("GET", "POST"), write_action=YEARS),
    "years:templates": Rule("office", SETUP),
    "years:template_create": Rule("office", SETUP, ("POST",)),
    "years:template_upload": Rule("office", SETUP, ("POST",)),
    "years:template_export": Rule("template", TEMPLATE),
}
