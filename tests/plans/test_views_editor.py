"""The plan editor's pages: typed values survive a refused save, conflicts answer 409, the live
checks name cells, and the editor's query count does not grow with the plan."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from kormo.plans.convert import plan_save_from_domain, plan_to_domain
from kormo.plans.sheet import default_columns, sheet_rows
from tests.plans.builders import sized_plan
from tests.web.world import World, build_world, seed_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


@pytest.fixture
def focal(world: World) -> Client:
    client = Client()
    client.force_login(world.users["focal"])
    return client


def _post(plan_pk: int, lang: str = "bn", **changes: dict[int, dict[str, str]]):
    domain = plan_to_domain(plan_pk)
    columns = default_columns(domain)
    rows = sheet_rows(domain, columns, lang)
    for i, cells in changes.get("rows", {}).items():
        rows[i] |= cells
    data: dict[str, list[str]] = {f: [r[f] for r in rows] for f in rows[0]}
    for i, c in enumerate(columns.actuals):
        data[f"actual_year_{i}"] = [c.fiscal_year]
        if c.provisional:
            data[f"actual_prov_{i}"] = ["on"]
    for i, c in enumerate(columns.projections):
        data[f"projection_year_{i}"] = [c.fiscal_year]
    data["total_weight"] = ["১০০"]
    return data


def test_the_editor_saves_and_redirects(world: World, focal: Client) -> None:
    plan = plan_save_from_domain(plan=seed_plan("000"), office=world.offices["X"])
    data = _post(plan.pk, rows={0: {"weight": "৪"}}) | {"lock_version": ["0"]}
    response = focal.post(reverse("plans:edit", args=[plan.pk]), data)
    assert response.status_code == 302 and response["Location"].endswith("?saved=1")
    assert plan_to_domain(plan.pk) == seed_plan("000")


def test_a_bad_cell_comes_back_with_everything_typed_and_marked(world: World,
                                                                 focal: Client) -> None:
    plan = plan_save_from_domain(plan=seed_plan("000"), office=world.offices["X"])
    data = _post(plan.pk, rows={1: {"weight": "পাঁচ", "name": "নতুন নাম যা হারাবে না"}})
    response = focal.post(reverse("plans:edit", args=[plan.pk]), data | {"lock_version": ["0"]})
    page = response.content.decode()
    assert response.status_code == 400
    assert "নতুন নাম যা হারাবে না" in page
    assert re.search(r'<input name="weight" value="পাঁচ"[^>]*class="cell-error"', page)
    assert plan_to_domain(plan.pk) == seed_plan("000")


def test_the_later_of_two_saves_is_refused_and_keeps_its_typing(world: World,
                                                                 focal: Client) -> None:
    plan = plan_save_from_domain(plan=seed_plan("000"), office=world.offices["X"])
    first = _post(plan.pk, rows={0: {"name": "প্রথম জনের লেখা"}}) | {"lock_version": ["0"]}
    second = _post(plan.pk, rows={0: {"name": "দ্বিতীয় জনের লেখা"}}) | {"lock_version": ["0"]}
    assert focal.post(reverse("plans:edit", args=[plan.pk]), first).status_code == 302
    response = focal.post(reverse("plans:edit", args=[plan.pk]), second)
    page = response.content.decode()
    assert response.status_code == 409
    assert "অন্য কেউ এই পরিকল্পনাটি এর মধ্যে সংরক্ষণ করেছেন" in page
    assert "দ্বিতীয় জনের লেখা" in page
    assert plan_to_domain(plan.pk).indicators[0].name == "প্রথম জনের লেখা"
    english = Client()
    english.force_login(world.users["focal"])
    english.cookies["django_language"] = "en"
    response = english.post(reverse("plans:edit", args=[plan.pk]), second)
    assert "Someone else saved this plan" in response.content.decode()


def test_the_live_checks_name_the_weight_cells(world: World, focal: Client) -> None:
    plan = plan_save_from_domain(plan=seed_plan("000"), office=world.offices["X"])
    data = _post(plan.pk, rows={0: {"weight": "৯"}})
    response = focal.post(reverse("plans:validate", args=[plan.pk]), data,
                          HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-code="AREA_WEIGHT_MISMATCH"' in page
    assert '{"row": 0, "field": "area_weight"}' in page
    assert "সূচকসমূহের মানের যোগফল ৩০, কিন্তু ক্ষেত্রের মান ২৫" in page
    assert plan_to_domain(plan.pk) == seed_plan("000")  # checking saves nothing


def _editor_queries(client: Client, plan_pk: int, django_assert_num_queries, n: int) -> None:
    with django_assert_num_queries(n):
        assert client.get(reverse("plans:edit", args=[plan_pk])).status_code == 200


def test_the_editor_costs_the_same_queries_for_5_or_60_indicators(
        world: World, focal: Client, django_assert_max_num_queries,
        django_assert_num_queries) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (5, 60):
        plan = plan_save_from_domain(plan=sized_plan(size, plan_id=f"s{size}"),
                                     office=world.offices["X"])
        focal.get(reverse("plans:edit", args=[plan.pk]))  # warm the session
        with CaptureQueriesContext(connection) as ctx:
            focal.get(reverse("plans:edit", args=[plan.pk]))
        counts.append(len(ctx.captured_queries))
        with CaptureQueriesContext(connection) as ctx:
            focal.post(reverse("plans:validate", args=[plan.pk]), _post(plan.pk))
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[2] and counts[1] == counts[3]
    _editor_queries(focal, plan.pk, django_assert_num_queries, counts[2])
