"""Fixtures of the API tests: the world of `tests.public.world` and a token per person."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kormo.api.tokens import api_token_create
from tests.public.conftest import _world_rows, world  # noqa: F401


@pytest.fixture
def token_for() -> Callable[[Any], dict[str, str]]:
    """token_for(user) → the request headers of a fresh token for that person."""

    def make(user: Any) -> dict[str, str]:
        _, token = api_token_create(user=user, name="test")
        return {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    return make
