"""What every test shares, so a bare `pytest` on a fresh checkout works:

- the translation catalogues (every `src/kormo/**/locale/*/LC_MESSAGES/django.po`) compiled to
  `.mo` when missing or older than their `.po`, before any test runs (`make messages` does the
  same for the server; the `.mo` files are not in git);
- a fast password hasher for the whole session (Argon2 is slow on purpose; the hasher is not
  what any test is about), in place before module-scoped worlds create their people;
- uploaded files (evidence, the demo's files) in a temporary folder per test, never in the
  data folder.

The pure domain tests run without Django too (`pytest -p no:django tests/domain`): the Django
parts here are skipped then. Shared builders of plans and people: `tests/world.py`.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "kormo"
# Tasks run in the caller (Django's immediate backend), so a test sees the e-mail of a notice in
# `mail.outbox` once the transaction commits; the worker with the database queue and a real SMTP
# server is tested in tests/ops.
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def catalogues_compile() -> list[Path]:
    """Compile the out-of-date catalogues with Debian's msgfmt; returns the `.mo` written."""
    written = []
    for po in sorted(SRC.glob("**/locale/*/LC_MESSAGES/django.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        msgfmt = shutil.which("msgfmt")
        if msgfmt is None:
            raise pytest.UsageError(
                "msgfmt (Debian package gettext) is needed to compile the translations")
        subprocess.run([msgfmt, "--check-format", "-o", str(mo), str(po)], check=True)
        written.append(mo)
    return written


def pytest_configure(config: pytest.Config) -> None:
    # Before collection. pytest-django has set Django up already, and a module read then may
    # have used a catalogue: Django caches catalogues (a missing one too), so its cache is
    # emptied as Django's own test signals do when LOCALE_PATHS changes.
    if catalogues_compile() and config.pluginmanager.hasplugin("django"):
        from asgiref.local import Local
        from django.utils.translation import trans_real

        trans_real._translations = {}
        trans_real._default = None
        trans_real._active = Local()


def _django(request: pytest.FixtureRequest) -> bool:
    return request.config.pluginmanager.hasplugin("django")


@pytest.fixture(scope="session", autouse=True)
def _fast_hasher(request: pytest.FixtureRequest) -> Iterator[None]:
    if not _django(request):
        yield
        return
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


@pytest.fixture(autouse=True)
def _media(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Stored files go to a fresh temporary folder (MEDIA_ROOT and the default storage)."""
    if not _django(request):
        return
    settings = request.getfixturevalue("settings")
    media = tmp_path_factory.mktemp("media")
    settings.MEDIA_ROOT = media
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(media)}},
    }


@pytest.fixture(autouse=True)
def _tasks_run_in_process(request: pytest.FixtureRequest) -> Iterator[None]:
    if not _django(request):
        yield
        return
    from django.test import override_settings

    with override_settings(TASKS=IMMEDIATE_TASKS):
        yield


@pytest.fixture(autouse=True)
def _pages_not_kept_between_tests(request: pytest.FixtureRequest) -> None:
    """Every test starts with an empty page cache (kormo.web.page_cache): a page stored by one
    test is never served in another, whose database has been rolled back."""
    if not _django(request):
        return
    from django.core.cache import caches

    caches["pages"].clear()

