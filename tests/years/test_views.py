"""Year setup pages: upload of a bad file shows a bilingual message and saves nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kormo.plans import models as pm
from tests.plans.builders import row_counts
from tests.web.world import World, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def test_a_bad_upload_is_reported_in_the_pages_language(world: World) -> None:
    client = Client()
    client.force_login(world.users["admin_top"])
    url = reverse("years:template_upload", args=[world.offices["T"].pk])
    before = row_counts()
    page = client.post(url, {"fiscal_year": "2022-23", "tier": "",
                             "file": SimpleUploadedFile("x.json", b"{broken")}, follow=True)
    assert "ফাইলটি বৈধ JSON নয়" in page.content.decode()
    client.cookies["django_language"] = "en"
    page = client.post(url, {"fiscal_year": "2022-23", "tier": "",
                             "file": SimpleUploadedFile("x.json", b"{broken")}, follow=True)
    assert "the file is not valid JSON" in page.content.decode()
    assert row_counts() == before


def test_the_administrator_opens_a_year_and_sets_deadlines(world: World) -> None:
    client = Client()
    client.force_login(world.users["admin_top"])
    response = client.post(reverse("years:list"), {"fiscal_year": "২০২৩-২৪"})
    assert response.status_code == 302 and response["Location"] == "/years/2023-24/?fill=start"
    page = client.get(response["Location"]).content.decode()
    assert page.count('name="due_on"') == 7 * 7  # every event × (every tier + all tiers)
    assert pm.Plan.objects.filter(is_template=True).count() == 5


@pytest.mark.parametrize(("lang", "said"), [("bn", "সময়সীমাগুলো সংরক্ষণ করা হয়েছে।"),
                                            ("en", "The deadlines are saved.")])
def test_saved_deadlines_are_confirmed_in_the_pages_language(world: World, lang: str,
                                                             said: str) -> None:
    client = Client()
    client.force_login(world.users["admin_top"])
    client.cookies["django_language"] = lang
    page = client.post(reverse("years:detail", args=["2022-23"]), {
        "event": ["Q1"], "tier": ["district"], "opens_on": ["02.10.2022"],
        "due_on": ["17.10.2022"]}, follow=True)
    assert [str(m) for m in page.context["messages"]] == [said]
    assert said in page.content.decode()
