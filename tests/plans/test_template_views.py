"""Year setup messages in the page's digits: Bengali digits on Bengali pages, Latin on English."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.web.world import World, build_world

pytestmark = pytest.mark.django_db

SEED_001 = next((Path(django_settings.BASE_DIR) / "data" / "seeds").glob("001-*.json"))


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.mark.parametrize(("lang", "message"), [
    ("bn", "৫টি টেমপ্লেট সংরক্ষণ করা হয়েছে।"),
    ("en", "5 templates saved."),
])
def test_the_count_of_uploaded_templates_is_written_in_the_pages_digits(
        world: World, lang: str, message: str) -> None:
    client = Client()
    client.force_login(world.users["admin_top"])
    client.cookies["django_language"] = lang
    url = reverse("years:template_upload", args=[world.offices["T"].pk])
    page = client.post(url, {"fiscal_year": "2022-23", "tier": "",
                             "file": SimpleUploadedFile("t.json", SEED_001.read_bytes())},
                       follow=True)
    assert message in page.content.decode()


def test_one_uploaded_template_is_counted_in_the_singular(world: World) -> None:
    """The count is a gettext plural: "1 template saved." in English."""
    import json

    one = json.loads(SEED_001.read_text("utf-8"))
    one["plans"] = one["plans"][:1]
    client = Client()
    client.force_login(world.users["admin_top"])
    client.cookies["django_language"] = "en"
    url = reverse("years:template_upload", args=[world.offices["T"].pk])
    page = client.post(url, {"fiscal_year": "2022-23", "tier": "", "file": SimpleUploadedFile(
        "t.json", json.dumps(one).encode())}, follow=True)
    assert [str(m) for m in page.context["messages"]] == ["1 template saved."]
