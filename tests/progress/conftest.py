"""Fixtures of the progress tests: a world of signed plans (fast hashing and a temporary
folder for evidence come from tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.progress.world import World, make_world


@pytest.fixture
def world(db) -> World:
    return make_world()


@pytest.fixture
def rangpur(world):
    return world.offices["জেলা কার্যালয়, রংপুর"]


@pytest.fixture
def dinajpur(world):
    return world.offices["জেলা কার্যালয়, দিনাজপুর"]
