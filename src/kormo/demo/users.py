"""The demo superuser, created by `kormo_load_demo` so that `kormo serve --demo` has a login."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "kormo-demo"


def demo_user_ensure() -> bool:
    """Create the demo superuser `demo` / `kormo-demo` if absent; True when created."""
    users = get_user_model()._default_manager
    if users.filter(username=DEMO_USERNAME).exists():
        return False
    users.create_superuser(username=DEMO_USERNAME, email="", password=DEMO_PASSWORD)
    return True


def demo_user() -> Any:
    """The demo superuser (after `demo_user_ensure`): the actor of the demo's imports."""
    return get_user_model()._default_manager.get(username=DEMO_USERNAME)
