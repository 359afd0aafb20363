"""Fixtures of the page tests: the world of `tests.web.world`, with a fast password hasher
(Argon2 is deliberately slow; the hasher is not what these tests are about)."""

from __future__ import annotations

import pytest

from tests.web.world import World, build_world

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_hasher(settings: pytest.FixtureRequest) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture
def world(db: None) -> World:
    return build_world()
