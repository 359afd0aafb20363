"""Login lockout (django-axes): per account and per address, on the site's and the admin's login.

`AXES_FAILURE_LIMIT` wrong passwords lock the account (from any address) and the address (for
any account) for `AXES_COOLOFF_TIME`; the locked page says so in Bengali and English
(accounts/locked.html). A login that does not come from a request (the shell, a test client's
`login()`) is not a web login and is not counted.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    def authenticate(self, request: HttpRequest | None, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
