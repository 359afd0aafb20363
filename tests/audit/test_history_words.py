"""The history page in words: each change a sentence with translated field names and the
page's digits, people by name and post, no raw dicts or bookkeeping fields."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from kormo.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def rangpur(settings) -> Plan:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("kormo_load_demo", verbosity=0)
    return Plan.objects.get(office__code="demo-rangpur", kind="apa", is_current=True,
                            is_template=False)


def _history(plan: Plan, lang: str, django_assert_max_num_queries=None) -> str:
    client = Client()
    client.force_login(get_user_model().objects.get(username="rangpur-focal"))
    client.cookies["django_language"] = lang
    return client.get(reverse("audit:history", args=[plan.pk])).content.decode()


def test_the_history_says_each_change_in_bengali_words(rangpur: Plan) -> None:
    page = _history(rangpur, "bn")
    # The focal point's correction of [1.6.1]'s levels, each level a sentence.
    assert "[১.৬.১]-এর ৯০% লক্ষ্যমাত্রা ৮ থেকে ৭ করা হয়েছে" in page
    assert "[১.৬.১]-এর ৬০% লক্ষ্যমাত্রা ৫ থেকে ৪ করা হয়েছে" in page
    # States by their labels; people by name and post, not login names.
    assert "অবস্থা খসড়া থেকে" in page
    assert "রংপুর এপিএ ফোকাল পয়েন্ট</strong>, প্রোগ্রামার" in page
    assert "rangpur-focal" not in page
    for raw in ("{'", "lock_version", "is_current", "Apa "):
        assert raw not in page, raw


def test_the_history_in_english(rangpur: Plan) -> None:
    page = _history(rangpur, "en")
    assert "The 90% target of [1.6.1] changed from 8 to 7" in page
    assert "The state changed from draft to submitted" in page
    assert "lock_version" not in page


def test_the_history_costs_the_same_queries_however_long(rangpur: Plan,
                                                         django_assert_max_num_queries) -> None:
    client = Client()
    client.force_login(get_user_model().objects.get(username="rangpur-focal"))
    client.get(reverse("audit:history", args=[rangpur.pk]))
    with django_assert_max_num_queries(12):
        client.get(reverse("audit:history", args=[rangpur.pk]))
