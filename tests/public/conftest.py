"""Fixtures of the public-page and open-data tests: the world of `tests.public.world`, fast
password hashing, and the compiled Bengali translations of the public pages."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import transaction

from tests.public.world import World, make_world

LOCALE = Path(__file__).resolve().parents[2] / "src" / "kormo" / "public" / "locale"


@pytest.fixture(scope="session", autouse=True)
def _public_translations() -> None:
    """`make test` compiles every .po file first (`make messages`); a bare `pytest` run may
    not have, so the public app's own catalogue is compiled here when it is out of date."""
    for po in LOCALE.glob("*/LC_MESSAGES/django.po"):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            pytest.skip("msgfmt (Debian package gettext) is needed to compile the translations")
        subprocess.run([msgfmt, "-o", str(mo), str(po)], check=True)


@pytest.fixture(autouse=True)
def _fast(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path / "media")}},
    }


@pytest.fixture(scope="module")
def _world_rows(django_db_setup, django_db_blocker) -> Iterator[World]:
    """The world is built once per test module (it takes seconds: every plan is signed
    through the services) inside a transaction rolled back after the module, like Django's
    `TestCase.setUpTestData`; each test runs in a savepoint of it, so its changes vanish."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield make_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def world(_world_rows: World, db) -> World:
    return _world_rows
