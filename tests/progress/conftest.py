"""Fixtures of the progress tests: a world of signed plans, evidence stored in a temporary
folder, e-mail in memory."""

from __future__ import annotations

import pytest

from tests.progress.world import World, make_world


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path / "media")}},
    }


@pytest.fixture
def world(db) -> World:
    return make_world()


@pytest.fixture
def rangpur(world):
    return world.offices["জেলা কার্যালয়, রংপুর"]


@pytest.fixture
def dinajpur(world):
    return world.offices["জেলা কার্যালয়, দিনাজপুর"]
