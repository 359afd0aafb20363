"""The API grants exactly what the pages grant, for every role and office relation.

A person holds one role at Rangpur (focal point, office head, supervisor, administrator) and
asks about the plan of an office in each relation to it: their own office, the office below
(Pirgacha), the office above (the directorate) and a sibling (Dinajpur); plus anonymous and a
superuser. For each, the pages (plan page, report page, office page, saving a report cell) and
the API (plan, progress, scores, office, writing a value) must agree; a table of the expected
answers keeps the comparison from passing vacuously.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kormo.offices.models import Role
from kormo.progress.models import ReportedValue

RELATIONS = {"own": "rangpur", "below": "pirgacha", "above": "directorate",
             "sibling": "dinajpur"}
WHO = [r.value for r in Role] + ["anonymous", "superuser"]


def _person(world, who):
    if who == "anonymous":
        return None
    if who == "superuser":
        return world.superuser
    return world.at_rangpur[Role(who)]


def _page_access(client, plan, office, user) -> dict[str, bool]:
    """What the pages let this person do (True: allowed; a refusal is a 404, or the login
    page for someone not logged in)."""
    client.logout()
    if user is not None:
        client.force_login(user)

    def ok(response) -> bool:
        if response.status_code == 302 and "/login/" in response["Location"]:
            return False
        assert response.status_code in (200, 302, 404), response.status_code
        return response.status_code != 404

    before = ReportedValue.objects.filter(plan=plan, indicator_ref="1.1.1",
                                          quarter="Q4").count()
    post = client.post(reverse("progress:value_save", args=[plan.pk]),
                       {"ref": "1.1.1", "quarter": "Q4", "period": "Q4", "value": "5"})
    wrote = ok(post) and ReportedValue.objects.filter(
        plan=plan, indicator_ref="1.1.1", quarter="Q4").count() == before + 1
    return {
        "plan": ok(client.get(reverse("plans:detail", args=[plan.pk]))),
        "progress": ok(client.get(reverse("progress:report", args=[plan.pk]))),
        "scores": ok(client.get(reverse("progress:report", args=[plan.pk]),
                                {"period": "year"})),
        "office": ok(client.get(reverse("offices:detail", args=[office.pk]))),
        "write": wrote,
    }


def _api_access(client, plan, office, headers) -> dict[str, bool]:
    client.logout()  # the API ignores the session: only the token counts

    def ok(response) -> bool:
        assert response.status_code in (200, 401, 404), (response.status_code,
                                                         response.content)
        if response.status_code != 200:
            body = response.json()["error"]
            assert body["code"] == {401: "UNAUTHENTICATED", 404: "NOT_FOUND"}[
                response.status_code]
            assert body["bn"] and body["en"]
        return response.status_code == 200

    base = f"/api/v1/plans/{plan.pk}"
    return {
        "plan": ok(client.get(base, **headers)),
        "progress": ok(client.get(f"{base}/progress", **headers)),
        "scores": ok(client.get(f"{base}/scores", **headers)),
        "office": ok(client.get(f"/api/v1/offices/{office.pk}", **headers)),
        "write": ok(client.put(f"{base}/progress/1.1.2/Q4", {"text": "90%"},
                               content_type="application/json", **headers)),
    }


def _expected(who: str, relation: str) -> dict[str, bool]:
    if who == "anonymous":
        read = write = False
    elif who == "superuser":
        read = write = True
    else:
        # offices.access: anyone with a role reads their office and everything below it;
        # only the office's focal points report its progress.
        read = relation in ("own", "below")
        write = who == Role.FOCAL_POINT.value and relation == "own"
    return {"plan": read, "progress": read, "scores": read, "office": read, "write": write}


@pytest.mark.parametrize("who", WHO)
def test_api_and_pages_grant_the_same(client, world, token_for, who):
    user = _person(world, who)
    headers = token_for(user) if user is not None else {}
    seen = {}
    for relation, name in RELATIONS.items():
        where = getattr(world, name)
        pages = _page_access(client, where.apa, where.office, user)
        api = _api_access(client, where.apa, where.office, headers)
        assert api == pages, (who, relation, pages, api)
        seen[relation] = api
    assert seen == {rel: _expected(who, rel) for rel in RELATIONS}


@pytest.mark.parametrize("who", [r.value for r in Role] + ["superuser"])
def test_the_office_and_plan_lists_match_the_pages(client, world, token_for, who):
    user = _person(world, who)
    headers = token_for(user)
    client.force_login(user)
    page = client.get(reverse("offices:list")).content.decode()
    page_ids = {int(i) for i in re.findall(r'href="/offices/(\d+)/"', page)}
    api = client.get("/api/v1/offices?limit=1000", **headers).json()
    assert {o["id"] for o in api["items"]} == page_ids
    assert api["count"] == len(page_ids)
    # Plans: those of the offices the person sees, as the office pages list them.
    plan_ids = set()
    for office_id in page_ids:
        html = client.get(reverse("offices:detail", args=[office_id])).content.decode()
        plan_ids |= {int(i) for i in re.findall(r'href="/plans/(\d+)/"', html)}
    listed = client.get("/api/v1/plans?limit=1000", **headers).json()
    assert {p["id"] for p in listed["items"]} == plan_ids
    if who != "superuser":
        assert {o["code"] for o in api["items"]} == {"t-rangpur", "t-pirgacha"}


def test_a_token_acts_only_for_its_person_whatever_the_session(client, world, token_for):
    """Logged in as a superuser in the browser, a focal point's token still sees only what the
    focal point sees: the API never falls back to the session."""
    client.force_login(world.superuser)
    headers = token_for(world.dinajpur.focal)
    assert client.get(f"/api/v1/plans/{world.rangpur.apa.pk}", **headers).status_code == 404
    assert client.get(f"/api/v1/plans/{world.rangpur.apa.pk}").status_code == 401
