"""`check --deploy` reports the demo secret key as an error (Django's own W009 does not
recognise a long key that happens to be public)."""

from __future__ import annotations

from typing import Any

from django.core import checks

from kormo.ops.startup import demo_key_in_production


@checks.register(checks.Tags.security, deploy=True)
def demo_secret_key(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    if demo_key_in_production():
        return [checks.Error("KORMO_SECRET_KEY is not set: the public demo key is in use.",
                             hint="Set KORMO_SECRET_KEY (docs/deployment.md).", id="kormo.E001")]
    return []
