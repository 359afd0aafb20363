"""Who may use the API's URLs (the permission walk's declarations, merged by
tests/web/test_permission_walk.py).

The API authenticates with a bearer token only, never the session, and answers 401 (not a
login redirect) without one; its ids are checked by the same `offices.access` actions as the
pages' (kind "api": the walk, which logs in with the session, leaves them to
tests/api/test_permissions.py, which compares the API with the pages for every role and office
relation). The OpenAPI description and its docs page are public.
"""

from __future__ import annotations

from tests.web.url_rules import READ, WRITE, Rule

RULES: dict[str, Rule] = {
    "api:openapi-json": Rule("public"),
    "api:openapi-view": Rule("public"),
    "api:api-root": Rule("api", READ),
    "api:me": Rule("api", READ),
    "api:office_list": Rule("api", READ),
    "api:office_detail": Rule("api", READ),
    "api:plan_list": Rule("api", READ),
    "api:plan_detail": Rule("api", READ),
    "api:plan_progress": Rule("api", READ),
    "api:plan_scores": Rule("api", READ),
    "api:progress_put": Rule("api", WRITE, ("PUT",)),
}
