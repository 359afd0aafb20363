"""A person's browser in the progress tests: logged in, in their language, and the header
report.js sends when it wants the JSON answer instead of a page; the report page as they see
it, and one indicator's row of it."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

JSON = {"HTTP_ACCEPT": "application/json"}


def client_of(user: Any, lang: str = "bn") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = lang
    return client


def report_html(who: Any, plan_id: int, period: str, lang: str = "bn") -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=lang)
    client.force_login(who)
    client.cookies["django_language"] = lang
    response = client.get(reverse("progress:report", args=[plan_id]) + f"?period={period}")
    assert response.status_code == 200
    return response.content.decode()


def report_row(page: str, ref: str) -> str:
    """The markup of one indicator's row (up to the next row)."""
    match = re.search(rf'<tr id="i-{re.escape(ref)}" data-ref="{re.escape(ref)}">(.*?)</tr>',
                      page, re.S)
    assert match, ref
    return match.group(1)
