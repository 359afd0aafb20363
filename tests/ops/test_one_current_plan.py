"""One current plan per office, kind and year, also when requests race (a double click), on
SQLite (writers wait: IMMEDIATE transactions) and PostgreSQL (the office row is locked)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import close_old_connections, connection

from kormo.plans import models as m
from kormo.plans.authoring import AuthoringError, plan_create_from_template
from tests.web.world import World, build_world

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def world(settings: pytest.FixtureRequest) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


def race(world: World, racers: int = 6) -> list[object]:
    """`racers` threads create the same plan at the same moment; what each got."""
    x, focal, template = world.offices["X"], world.users["focal"], world.templates["T"]
    start = threading.Barrier(racers)
    outcomes: list[object] = []

    def create() -> None:
        try:
            start.wait()
            outcomes.append(plan_create_from_template(
                office=x, template=template, fiscal_year="2022-23", actor=focal))
        except Exception as exc:  # AuthoringError expected; anything else fails the test
            outcomes.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(racers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


def check(world: World, outcomes: list[object], racers: int = 6) -> None:
    x, template = world.offices["X"], world.templates["T"]
    created = [o for o in outcomes if isinstance(o, m.Plan)]
    refused = [o for o in outcomes if isinstance(o, AuthoringError)]
    assert len(outcomes) == racers
    assert (len(created), len(refused)) == (1, racers - 1), outcomes
    assert all(e.bn and e.en for e in refused)
    assert m.Plan.objects.filter(office=x, kind=template.kind, fiscal_year="2022-23",
                                 is_current=True, is_template=False).count() == 1


# On SQLite the file database of a real installation: the test database in memory shares one
# cache between threads, which locks tables instead of waiting.
SQLITE_RACE = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from tests.ops.test_one_current_plan import race, check
from tests.web.world import build_world
world = build_world()
check(world, race(world))
print("one current plan")
"""


@pytest.mark.django_db(transaction=True)
def test_concurrent_creates_leave_one_current_plan(world: World, tmp_path: Path) -> None:
    if connection.vendor == "sqlite":
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["KORMO_DATA_DIR"] = str(tmp_path)
        out = subprocess.run([sys.executable, "-c", SQLITE_RACE], env=env, cwd=ROOT,
                             capture_output=True, text=True, timeout=300)
        assert out.returncode == 0 and "one current plan" in out.stdout, out.stderr[-3000:]
        return
    check(world, race(world))


# ---------------------------------------------------------------- 500s of the review: messages


@pytest.mark.django_db
def test_two_rows_with_one_indicator_number_get_a_message(world: World) -> None:
    from django.test import Client

    from kormo.plans.convert import plan_to_domain
    from kormo.plans.sheet import default_columns, sheet_rows

    plan = world.plans["X"]
    domain = plan_to_domain(plan.pk)
    columns = default_columns(domain)
    rows = sheet_rows(domain, columns, "en")
    rows[1]["number"] = rows[0]["number"]  # the same indicator number twice
    data: dict[str, object] = {"lock_version": str(plan.lock_version), "total_weight": "100"}
    for field in rows[0]:  # the grid posts each field once per row, in row order
        data[field] = [row.get(field, "") for row in rows]
    client = Client()
    client.force_login(world.users["focal"])
    before = plan_to_domain(plan.pk)
    answer = client.post(f"/plans/{plan.pk}/edit/", data)
    page = answer.content.decode()
    assert answer.status_code in (400, 409), page[:500]
    assert "একই" in page or "same number" in page
    assert plan_to_domain(plan.pk) == before


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["bn", "en"])
def test_progress_pages_of_a_calendar_year_plan_refuse_with_their_message(world: World,
                                                                          lang: str) -> None:
    """A calendar year's plan (an innovation team's work plan "2017") has no fiscal quarters,
    so its progress pages answer 400 with the message saying so, in the page's language
    first, and a write through them stores nothing; a fiscal year's plan opens as before."""
    import dataclasses
    import re

    from django.test import Client

    from kormo.domain.plan import PlanKind
    from kormo.plans.convert import plan_save_from_domain
    from kormo.progress.models import ReportedValue
    from tests.world import small_apa

    x = world.offices["X"]
    plan = plan_save_from_domain(plan=dataclasses.replace(
        small_apa(x, "2017"), id="iwp-2017", kind=PlanKind.INNOVATION_WORK_PLAN), office=x)
    client = Client()
    client.force_login(world.users["focal"])
    client.cookies["django_language"] = lang
    first, second = (("bn", "en") if lang == "bn" else ("en", "bn"))
    words = {"bn": "এই পরিকল্পনাটি “২০১৭” সালের, কোনো অর্থবছরের নয়; অগ্রগতি রাখা হয় "
                   "অর্থবছরের ত্রৈমাসিক ধরে, তাই এর অগ্রগতির পাতা নেই।",
             "en": "This plan is for “2017”, not a fiscal year; progress is kept by the "
                   "quarters of a fiscal year, so it has no progress pages."}
    stored = ReportedValue.objects.count()
    for method, url in (("get", f"/progress/plans/{plan.pk}/"),
                        ("get", f"/progress/plans/{plan.pk}/report/?period=Q1"),
                        ("post", f"/progress/plans/{plan.pk}/report/values/")):
        answer = getattr(client, method)(url, {"period": "Q1"} if method == "post" else None)
        page = answer.content.decode()
        assert answer.status_code == 400, (url, answer.status_code)
        texts = re.findall(r'<p lang="(bn|en)">([^<]*)</p>', page)
        assert [t[0] for t in texts[:2]] == [first, second], url
        for said_lang, text in texts[:2]:
            assert text.startswith(words[said_lang]), (url, text)
    assert ReportedValue.objects.count() == stored
    fiscal = client.get(f"/progress/plans/{world.plans['X'].pk}/")
    assert fiscal.status_code == 200


@pytest.mark.django_db
def test_pages_offer_progress_links_only_for_a_fiscal_years_plan(world: World) -> None:
    """The office page and the plan page link a calendar year's plan to no progress page (it
    has none), and a fiscal year's plan to its progress as before."""
    import dataclasses

    from django.test import Client

    from kormo.domain.plan import PlanKind
    from kormo.plans.convert import plan_save_from_domain
    from tests.world import small_apa

    x = world.offices["X"]
    calendar = plan_save_from_domain(plan=dataclasses.replace(
        small_apa(x, "2017"), id="iwp-2017", kind=PlanKind.INNOVATION_WORK_PLAN), office=x)
    fiscal = world.plans["X"]
    client = Client()
    client.force_login(world.users["focal"])
    office_page = client.get(f"/offices/{x.pk}/").content.decode()
    assert f'href="/progress/plans/{fiscal.pk}/"' in office_page
    assert f'href="/progress/plans/{calendar.pk}/"' not in office_page
    assert f'href="/agreement/{calendar.pk}/"' in office_page  # its other pages stay
    for plan, linked in ((fiscal, True), (calendar, False)):
        page = client.get(f"/plans/{plan.pk}/").content.decode()
        assert ('data-testid="nav-progress"' in page) is linked, plan.fiscal_year
        assert ('data-testid="nav-scores"' in page) is linked, plan.fiscal_year
        assert 'data-testid="nav-history"' in page


# ---------------------------------------------------------------- the database's backstop


@pytest.mark.django_db
def test_the_database_refuses_a_second_current_plan_with_the_message(world: World) -> None:
    """Past the services' checks (a path that forgets the office lock), the partial unique
    index still keeps one current plan, and `one_current_plan` gives its loser the message."""
    from django.db import IntegrityError, transaction

    from kormo.domain.errors import InputError
    from kormo.plans.convert import plan_save_from_domain
    from kormo.plans.uniqueness import is_duplicate_current, one_current_plan
    from tests.world import small_apa

    x = world.offices["X"]
    second = small_apa(x)  # the world's X already has its current APA of this year
    with pytest.raises(IntegrityError) as err, transaction.atomic():
        plan_save_from_domain(plan=second, office=x)
    assert is_duplicate_current(err.value)
    guarded = one_current_plan(plan_save_from_domain)
    with pytest.raises(InputError) as refusal:
        guarded(plan=second, office=x)
    assert "পরিকল্পনা" in refusal.value.bn and "already has a plan" in refusal.value.en
    # Not current (an earlier revision), a template, or another year: all may be stored.
    plan_save_from_domain(plan=second, office=x, current=False)
    plan_save_from_domain(plan=second, office=x, template=True, current=False)
    plan_save_from_domain(plan=small_apa(x, "2023-24"), office=x)
    assert m.Plan.objects.filter(office=x, kind="apa", fiscal_year="2022-23", is_current=True,
                                 is_template=False).count() == 1
