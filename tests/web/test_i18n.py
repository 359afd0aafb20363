"""Language and look: Bengali by default, English on a switch, digits in the page's script,
the Bengali font served by the app with long cache headers, translations compiled."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.web.world import World

LOCALE = Path(__file__).resolve().parents[2] / "src" / "kormo" / "locale"


@pytest.mark.django_db
def test_pages_are_bengali_by_default_and_english_on_the_switch(world: World) -> None:
    client = Client()
    client.force_login(world.users["focal"])
    page = client.get(reverse("offices:list")).content.decode()
    assert '<html lang="bn">' in page and "<h1>অফিসসমূহ</h1>" in page and "২টি অফিস" in page
    switched = client.post(reverse("set_language"), {"language": "en", "next": "/offices/"})
    assert switched.status_code == 302
    page = client.get(reverse("offices:list")).content.decode()
    assert '<html lang="en">' in page and "<h1>Offices</h1>" in page and "2 offices" in page


@pytest.mark.parametrize(("lang", "expected"), [
    ("bn", "১.১.১ | ১২,৩৪,৫৬৭.৫ | ২০২২-২৩ | ১২.১২.২০২২"),
    ("en", "1.1.1 | 12,34,567.5 | 2022-23 | 12.12.2022"),
])
def test_numbers_and_dates_follow_the_pages_language(lang: str, expected: str) -> None:
    import datetime as dt
    from decimal import Decimal

    template = Template("{% load kormo %}{{ a|digits }} | {{ b|num }} | {{ c|fy }} | {{ e|day }}")
    with translation.override(lang):
        text = template.render(Context({"a": "1.1.1", "b": Decimal("1234567.5"),
                                        "c": "2022-23", "e": dt.date(2022, 12, 12)}))
    assert text == expected


@pytest.mark.django_db
def test_the_font_is_served_by_the_app_with_a_year_long_cache(client: Client) -> None:
    response = client.get(reverse("font", args=["NotoSansBengali-Regular.ttf"]))
    body = b"".join(response.streaming_content)  # read to the end: the client closes it
    assert response.status_code == 200 and response["Content-Type"] == "font/ttf"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert body[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO")
    assert client.get("/fonts/..%2Fpasswd").status_code == 404
    assert client.get(reverse("font", args=["Other.ttf"])).status_code == 404


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_the_translations_are_valid_and_compiled(lang: str) -> None:
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    check = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, "run `make messages`"


def test_every_bengali_message_is_translated() -> None:
    po = (LOCALE / "bn" / "LC_MESSAGES" / "django.po").read_text("utf-8")
    stats = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", "-"], input=po,
                           capture_output=True, text=True)
    assert "untranslated" not in stats.stderr and "fuzzy" not in stats.stderr, stats.stderr
