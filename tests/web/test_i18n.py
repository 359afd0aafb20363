"""Language and look: Bengali by default, English on a switch, digits in the page's script,
the Bengali font served by the app with long cache headers, translations compiled."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.web.world import World

SRC = Path(__file__).resolve().parents[2] / "src" / "kormo"
# Every catalogue: the project's (src/kormo/locale) and each app's own (audit, progress, ...).
CATALOGUES = sorted(SRC.glob("**/locale/*/LC_MESSAGES/django.po"))
BENGALI = [po for po in CATALOGUES if po.parts[-3] == "bn"]


def _name(po: Path) -> str:
    return str(po.relative_to(SRC))


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


def test_every_catalogue_is_found() -> None:
    assert {_name(po) for po in BENGALI} >= {
        "locale/bn/LC_MESSAGES/django.po", "audit/locale/bn/LC_MESSAGES/django.po",
        "progress/locale/bn/LC_MESSAGES/django.po", "public/locale/bn/LC_MESSAGES/django.po"}
    assert "locale/en/LC_MESSAGES/django.po" in {_name(po) for po in CATALOGUES}


def _msgfmt(po: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # LC_ALL=C: msgfmt's statistics are words, and they must be English words to be read.
    return subprocess.run(["msgfmt", *args, "-o", "/dev/null", str(po)], capture_output=True,
                          text=True, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})


@pytest.mark.parametrize("po", CATALOGUES, ids=_name)
def test_the_translations_are_valid_and_compiled(po: Path) -> None:
    check = _msgfmt(po, "--check")
    assert check.returncode == 0, check.stderr
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, "run `make messages`"


@pytest.mark.parametrize("po", BENGALI, ids=_name)
def test_every_bengali_message_is_translated(po: Path) -> None:
    stats = _msgfmt(po, "--statistics")
    assert stats.returncode == 0, stats.stderr
    assert "translated message" in stats.stderr, stats.stderr
    assert "untranslated" not in stats.stderr and "fuzzy" not in stats.stderr, stats.stderr


def test_every_message_in_the_code_has_a_bengali_translation(tmp_path: Path) -> None:
    """Extract every msgid from the templates and code as `makemessages` sees them (with the
    `%%` doubling Django applies to template strings) and look each up in the Bengali
    catalogues Django merges at run time. A msgid missing there shows English on a Bengali
    page, and `msgfmt --statistics` on the catalogues alone cannot see it."""
    tree = tmp_path / "kormo"
    shutil.copytree(SRC, tree, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.mo"))
    (tree / "locale").mkdir()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "kormo.project.settings"}
    # -P: the copied apps (one has a module named like the standard library's) stay off sys.path.
    made = subprocess.run([sys.executable, "-P", "-m", "django", "makemessages", "-l", "bn",
                           "--no-location"], cwd=tree, env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    union = tmp_path / "union.po"
    subprocess.run(["msgcat", "--use-first", "-o", str(union), *map(str, BENGALI)], check=True)
    merged = tmp_path / "merged.po"
    subprocess.run(["msgmerge", "-q", "--no-fuzzy-matching", "-o", str(merged), str(union),
                    str(tree / "locale/bn/LC_MESSAGES/django.po")], check=True)
    missing = subprocess.run(["msgattrib", "--untranslated", "--no-obsolete", str(merged)],
                             capture_output=True, text=True, check=True).stdout
    assert "msgid" not in missing.replace('msgid ""\nmsgstr ""', "", 1), missing


@pytest.mark.django_db
def test_the_header_links_the_notices_in_the_pages_language(world: World) -> None:
    from kormo.audit.models import NoticeKind
    from kormo.audit.services import notice_send

    client = Client()
    client.force_login(world.users["focal"])
    page = client.get(reverse("offices:list")).content.decode()
    assert f'href="{reverse("audit:notices")}"' in page and ">বিজ্ঞপ্তি<" in page
    assert 'data-testid="unread"' not in page
    notice_send(recipients=[world.users["focal"]], kind=NoticeKind.PLAN_RETURNED,
                text_bn="ফেরত", text_en="Returned", url="/")
    page = client.get(reverse("offices:list")).content.decode()
    assert '<span class="tag" data-testid="unread">১</span>' in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("offices:list")).content.decode()
    assert ">Notices <span" in page and 'data-testid="unread">1</span>' in page
    anonymous = Client().get(reverse("login")).content.decode()
    assert reverse("audit:notices") not in anonymous


def test_one_message_function_picks_the_pages_language() -> None:
    from django.utils import translation

    from kormo.domain.errors import InputError
    from kormo.web.i18n import both, message

    said = InputError("সংরক্ষণ করা যায়নি", "could not save")
    with translation.override("bn"):
        assert message(said) == "সংরক্ষণ করা যায়নি"
        assert both(said) == ("সংরক্ষণ করা যায়নি", "could not save")
    with translation.override("en"):
        assert message(said) == "could not save"
        assert both(said) == ("could not save", "সংরক্ষণ করা যায়নি")
        assert message(said, "bn") == "সংরক্ষণ করা যায়নি"
