"""Refuse to serve with the public demo secret key unless debug is on or this is the demo
server (`kormo serve`, which sets KORMO_DEMO=1): sessions and password-reset links signed
with a published key can be forged by anyone."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def demo_key_in_production() -> bool:
    return (settings.SECRET_KEY == settings.DEMO_SECRET_KEY and not settings.DEBUG
            and os.environ.get("KORMO_DEMO") != "1")


def refuse_demo_key() -> None:
    if demo_key_in_production():
        raise ImproperlyConfigured(
            "KORMO_SECRET_KEY is not set: Kormo does not start with the public demo key when "
            "debug is off (docs/deployment.md). / KORMO_SECRET_KEY সেট করা নেই: ডিবাগ বন্ধ "
            "থাকলে প্রকাশ্য ডেমো কী দিয়ে কর্ম চালু হয় না।")
