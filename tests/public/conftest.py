"""Fixtures of the public-page and open-data tests: the world of `tests.public.world`, built
once per module (translations, fast hashing and temporary media: tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction

from tests.public.world import World, make_world


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
