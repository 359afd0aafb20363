"""Every URL of the project, for every role and office relation, with GET and POST.

The test enumerates the URL patterns from Django's resolver, so a page added later is walked
too; a URL name without an entry in `RULES` fails `test_every_url_has_a_declared_rule` until
its author declares who may use it. For each person (focal point, office head, supervisor,
administrator at office X; an administrator at the top; a person without roles; anonymous) and
each office relation (X itself, U below, D above, Y a sibling branch), the ids in the URL are
those of that office's objects. Who may do what is written out by hand in `ALLOWED` (not
derived from `offices.access`), and every refused POST is checked to have changed nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.web.url_rules import ALLOWED, RULES, Rule
from tests.web.world import World
from tests.world import YEAR

pytestmark = pytest.mark.django_db

RELATIONS = ("own", "below", "above", "sibling")
OFFICE_OF = {"own": "X", "below": "U", "above": "D", "sibling": "Y"}
PEOPLE = ("focal", "head", "supervisor", "admin", "admin_top", "nobody", "anonymous")


WALKED = {"office", "plan", "template", "years", "login", "public"}
# Kinds of URL that a session cannot exercise, and the test that walks them instead.
DELEGATED = {
    "api": "tests/api/test_permissions.py (bearer tokens, not sessions)",
    "published": "tests/public/test_publication.py (answers only for signed plans)",
    "ops": "tests/ops (metrics for operators only; password-reset links)",
    "pending_import": "tests/plans/test_import_views.py (an upload under review: its uploader "
                      "only)",
    "people": "tests/offices/test_people_page.py (the office's head gives head and focal-point "
              "roles, administrators any role; everyone else 404)",
    "open_data_file": "tests/public/test_opendata_files.py (the country's and offices' data "
                      "files: public, with ETag and Last-Modified)",
}


def _all_rules() -> dict[str, Rule]:
    """Our RULES and those other apps declare in their own `tests/<app>/url_rules.py`."""
    rules = dict(RULES)
    for path in sorted(Path(__file__).resolve().parents[1].glob("*/url_rules.py")):
        module = importlib.import_module(f"tests.{path.parent.name}.url_rules")
        rules.update(getattr(module, "RULES", {}))
    return rules


def _patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            yield from _patterns(p, f"{namespace}{ns}:" if ns else namespace)
        elif p.name:
            yield f"{namespace}{p.name}", p


def _url_names() -> set[str]:
    return {name for name, _ in _patterns(get_resolver())}


def test_every_url_has_a_declared_rule() -> None:
    rules = _all_rules()
    undeclared = {n for n in _url_names() if n not in rules and not n.startswith("admin:")}
    assert undeclared == set(), (
        "declare who may use these URLs: RULES in tests/<app>/url_rules.py (see tests/web/"
        "url_rules.py)")
    assert set(rules) <= _url_names()
    unknown = {n: r.kind for n, r in rules.items() if r.kind not in WALKED | set(DELEGATED)}
    assert unknown == {}, "a kind nobody walks: add it to WALKED or DELEGATED"


def _kwargs(world: World, name: str, relation: str) -> dict[str, object]:
    _, pattern = next((n, p) for n, p in _patterns(get_resolver()) if n == name)
    office = OFFICE_OF[relation]
    values = {
        "office_id": world.offices[office].pk,
        "plan_id": (world.templates if _all_rules()[name].kind == "template" else world.plans)[
            office].pk,
        "fiscal_year": YEAR,
        "name": "NotoSansBengali-Regular.ttf",
    }
    params = pattern.pattern.converters if hasattr(pattern.pattern, "converters") else {}
    return {k: values[k] for k in params}


def _snapshot() -> tuple:
    """Row counts of every plan, office, year and auth table, and every plan's state: two
    queries (one SELECT of subqueries for the counts), since every refused POST takes two."""
    models = [m for app in ("plans", "offices", "years", "auth")
              for m in apps.get_app_config(app).get_models()]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(
            f"(SELECT COUNT(*) FROM {quote(m._meta.db_table)})" for m in models))
        counts = tuple(zip((m._meta.label for m in models), cursor.fetchone(), strict=True))
    from kormo.plans.models import Plan

    plans = tuple(Plan.objects.order_by("pk").values_list("pk", "lock_version", "state",
                                                          "updated_at", "title"))
    return counts, plans


def _expected(person: str, rule: Rule, relation: str, method: str = "GET") -> str:
    """"ok" (the page or action runs), "login" (sent to log in) or "refused" (404)."""
    if rule.kind == "public":
        return "ok"
    if person == "anonymous":
        return "login"
    if rule.kind == "login":
        return "ok"
    action = rule.write_action if method == "POST" and rule.write_action else rule.action
    return "ok" if relation in ALLOWED[person][action] else "refused"


def _post_data(world: World, relation: str) -> dict[str, str]:
    office = OFFICE_OF[relation]
    return {
        "template_id": str(world.templates["T"].pk),
        "previous_plan_id": str(world.plans[office].pk),
        "fiscal_year": "2023-24",
        "lock_version": "0",
        "kind": "integrity",
        "tier": "",
        "sections": "general",
        "title": "changed by the walk",
        "number": "1.1.1",
        "name": "x",
        "language": "en",
    }


def _outcome(response, person: str) -> str:
    status = response.status_code
    if status == 404:
        return "refused"
    if status == 302 and response["Location"].startswith("/login/"):
        return "login"
    assert status in (200, 302, 400, 405, 409), (status, response.content[:300])
    return "ok"


@pytest.mark.parametrize("person", PEOPLE)
def test_each_person_gets_exactly_their_pages(world: World, person: str) -> None:
    client = Client()
    if person != "anonymous":
        client.force_login(world.users[person])
    checked = 0
    for name, rule in _all_rules().items():
        if rule.kind in DELEGATED:
            continue  # walked by the test named in DELEGATED
        relations = RELATIONS if rule.kind in ("office", "plan", "template") else ("own",)
        for relation in relations:
            url = reverse(name, kwargs=_kwargs(world, name, relation))
            for method in ("GET", "POST"):
                expected = _expected(person, rule, relation, method)
                # A GET changes nothing by construction (the views write only on POST); a
                # POST is checked when it must change nothing (refused, or the wrong method).
                must_not_change = method == "POST" and (
                    method not in rule.methods or expected != "ok")
                before = _snapshot() if must_not_change else None
                with transaction.atomic():
                    if method == "GET":
                        response = client.get(url)
                    else:
                        response = client.post(url, _post_data(world, relation))
                    changed = before is not None and _snapshot() != before
                    transaction.set_rollback(True)
                if response.streaming:
                    # Read a streamed file (the font) to the end: the test client then closes
                    # it without closing the test's database connection.
                    b"".join(response.streaming_content)
                if method not in rule.methods:
                    # The wrong method: 405 for anyone who gets past the login, nothing done.
                    if expected == "login":
                        assert _outcome(response, person) == "login", (name, method)
                    elif rule.kind == "public":
                        # A public read (e.g. an OpenAPI schema) may answer any method; it
                        # must still change nothing.
                        assert response.status_code in (200, 302, 405), (name, method)
                    else:
                        assert response.status_code == 405, (name, relation, method)
                    assert not changed, (name, relation, method)
                    checked += 1
                    continue
                got = _outcome(response, person)
                if name == "logout":
                    # Logging out answers with the login page for everyone; log in again.
                    assert response.status_code == 302
                    got = "ok"
                    if person != "anonymous":
                        client.force_login(world.users[person])
                assert (name, relation, method, got) == (name, relation, method, expected)
                if got != "ok" and method == "POST":
                    assert not changed, (name, relation, "a refused POST changed data")
                checked += 1
    assert checked > 60


def test_admin_pages_are_for_staff_only(world: World) -> None:
    client = Client()
    client.force_login(world.users["admin_top"])  # a Kormo administrator, not Django staff
    names = sorted(n for n in _url_names() if n.startswith("admin:"))
    assert names
    for name in ("admin:index", "admin:plans_plan_changelist", "admin:offices_office_changelist"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/admin/login/" in response["Location"], name
        anonymous = Client().get(reverse(name))
        assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"], name


def test_ids_in_hidden_fields_are_checked_too(world: World) -> None:
    """A focal point of X cannot start a plan from a sibling's template, carry forward a
    sibling's plan, or save another office's plan by changing the plan id in the URL."""
    client = Client()
    client.force_login(world.users["focal"])
    x = world.offices["X"]
    before = _snapshot()
    foreign = client.post(reverse("plans:create", kwargs={"office_id": x.pk}),
                          {"template_id": world.templates["Y"].pk})
    assert foreign.status_code == 404
    sibling = client.post(reverse("plans:carry_forward", kwargs={"office_id": x.pk}),
                          {"previous_plan_id": world.plans["Y"].pk, "fiscal_year": "2023-24"})
    assert sibling.status_code == 404
    # A plan of the office below may be read, but it is not this office's: refused by the
    # service with a message, nothing created.
    below = client.post(reverse("plans:carry_forward", kwargs={"office_id": x.pk}),
                        {"previous_plan_id": world.plans["U"].pk, "fiscal_year": "2023-24"},
                        follow=True)
    assert below.status_code == 200
    assert "আগের পরিকল্পনাটি এই অফিসের নয়" in below.content.decode()
    not_a_template = client.post(reverse("plans:create", kwargs={"office_id": x.pk}),
                                 {"template_id": world.plans["X"].pk})
    assert not_a_template.status_code == 404
    garbage = client.post(reverse("plans:create", kwargs={"office_id": x.pk}),
                          {"template_id": "1 OR 1=1"})
    assert garbage.status_code == 404
    assert _snapshot() == before
