"""The database's uniqueness backstops (`kormo.plans.uniqueness`) refuse with a code: the API
answers a client with that code and the words in both languages, and pages show the words of
their language (`web.i18n.message`), as for every other coded refusal."""

from __future__ import annotations

import json

import pytest
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from kormo.api.views import api
from kormo.plans import models as m
from kormo.plans.convert import plan_save_from_domain
from kormo.plans.uniqueness import (
    UniquenessCode,
    UniquenessError,
    is_duplicate_current,
    is_duplicate_number,
    numbers_once,
    one_current_plan,
)
from kormo.web.i18n import message
from tests.web.world import World, build_world
from tests.world import small_apa


@pytest.fixture
def world(settings: pytest.FixtureRequest) -> World:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return build_world()


def _api_answer(exc: UniquenessError) -> tuple[int, dict[str, str]]:
    """What the API's exception handlers answer a client for this refusal."""
    answer = api.on_exception(RequestFactory().put("/api/v1/"), exc)
    return answer.status_code, json.loads(answer.content)["error"]


def _duplicate_indicator(plan: m.Plan) -> None:
    """Store a second indicator with the plan's first indicator's number (a caller that skips
    the sheet's check, or a race)."""
    twin = m.Indicator.objects.filter(plan=plan).order_by("pk").first()
    assert twin is not None
    twin.pk = None
    twin.position += 1000
    with transaction.atomic():
        twin.save()


@pytest.mark.django_db
def test_a_second_current_plan_is_refused_with_its_code_in_both_languages(world: World
                                                                           ) -> None:
    x = world.offices["X"]
    second = small_apa(x)  # X already has its current APA of this year
    with pytest.raises(IntegrityError) as err, transaction.atomic():
        plan_save_from_domain(plan=second, office=x)
    assert is_duplicate_current(err.value) and not is_duplicate_number(err.value)

    with pytest.raises(UniquenessError) as refusal:
        one_current_plan(plan_save_from_domain)(plan=second, office=x)
    exc = refusal.value
    assert exc.code is UniquenessCode.CURRENT_PLAN_TAKEN
    assert message(exc, "bn").startswith("এই অফিসের এই অর্থবছরের এই ধরনের পরিকল্পনা")
    assert message(exc, "en").startswith("This office already has a plan of this kind")
    status, body = _api_answer(exc)
    assert (status, body["code"]) == (409, "CURRENT_PLAN_TAKEN")
    assert (body["bn"], body["en"]) == (exc.bn, exc.en)
    assert "কিছুই সংরক্ষণ করা হয়নি" in body["bn"] and "nothing was saved" in body["en"]
    assert m.Plan.objects.filter(office=x, kind="apa", fiscal_year="2022-23", is_current=True,
                                 is_template=False).count() == 1


@pytest.mark.django_db
def test_an_indicator_number_twice_is_refused_with_its_code_in_both_languages(world: World
                                                                              ) -> None:
    plan = world.plans["X"]
    before = m.Indicator.objects.filter(plan=plan).count()
    with pytest.raises(IntegrityError) as err:
        _duplicate_indicator(plan)
    assert is_duplicate_number(err.value) and not is_duplicate_current(err.value)

    with pytest.raises(UniquenessError) as refusal:
        numbers_once(_duplicate_indicator)(plan)
    exc = refusal.value
    assert exc.code is UniquenessCode.NUMBER_TWICE
    assert message(exc, "bn").startswith("দুটি সারিতে একই নম্বর আছে")
    assert message(exc, "en").startswith("Two rows have the same number")
    status, body = _api_answer(exc)
    assert (status, body["code"]) == (409, "NUMBER_TWICE")
    assert "প্রতিটি নম্বর একবারই" in body["bn"] and "each number may appear once" in body["en"]
    assert m.Indicator.objects.filter(plan=plan).count() == before


@pytest.mark.django_db
def test_other_integrity_errors_are_not_taken_for_a_duplicate(world: World) -> None:
    """A refusal the backstops do not know stays the database's error (a bug to see)."""
    plan = world.plans["X"]

    def broken() -> None:
        with transaction.atomic():
            m.Indicator.objects.create(plan=plan, activity_id=None, position=1, number="9",
                                       ref="9.9.9", name="x", unit="number")

    with pytest.raises(IntegrityError):
        numbers_once(one_current_plan(broken))()
