"""Fixtures of the page tests: the world of `tests.web.world` (fast hashing: tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.web.world import World, build_world


@pytest.fixture
def world(db: None) -> World:
    return build_world()
