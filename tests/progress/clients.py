"""A person's browser in the progress tests: logged in, in their language, and the header
report.js sends when it wants the JSON answer instead of a page."""

from __future__ import annotations

from typing import Any

from django.test import Client

JSON = {"HTTP_ACCEPT": "application/json"}


def client_of(user: Any, lang: str = "bn") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = lang
    return client
