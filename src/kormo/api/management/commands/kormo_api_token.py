"""`manage.py kormo_api_token`: make, list and revoke API tokens.

    kormo_api_token create USERNAME --name "monthly export" [--days 90]
    kormo_api_token list [USERNAME]
    kormo_api_token revoke PREFIX

`create` prints the token once (only its SHA-256 is stored); use it as
`Authorization: Bearer <token>` (docs/api.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kormo.api.models import ApiToken
from kormo.api.tokens import api_token_create, api_token_revoke
from kormo.domain.errors import InputError


class Command(BaseCommand):
    help = "Make, list or revoke API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="make a token for a person (printed once)")
        create.add_argument("username")
        create.add_argument("--name", required=True, help="what the token is for")
        create.add_argument("--days", type=int, default=None,
                            help="expire after this many days (default: never)")
        listing = sub.add_parser("list", help="list tokens (never the tokens themselves)")
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke", help="revoke a token by its prefix")
        revoke.add_argument("prefix", help='the characters after "kormo_" shown by list')

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self._create(options["username"], options["name"], options["days"])
        elif action == "list":
            self._list(options.get("username"))
        else:
            self._revoke(options["prefix"])

    def _create(self, username: str, name: str, days: int | None) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user {username!r}")
        if days is not None and days < 1:
            raise CommandError("--days must be at least 1")
        expires = timezone.now() + dt.timedelta(days=days) if days else None
        try:
            _, token = api_token_create(user=user, name=name, expires_at=expires)
        except InputError as exc:
            raise CommandError(exc.one_line()) from None
        self.stdout.write(token)
        self.stderr.write("Copy the token now: it is not stored and cannot be shown again.")

    def _list(self, username: str | None) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "pk")
        if username:
            tokens = tokens.filter(user__username=username)
        for t in tokens:
            state = "revoked" if t.revoked_at else (
                "expired" if t.expires_at and t.expires_at <= timezone.now() else "active")
            used = t.last_used_at.isoformat(timespec="minutes") if t.last_used_at else "never"
            self.stdout.write(f"{t.prefix}  {t.user.get_username():<20} {state:<8} "
                              f"last used {used:<17} {t.name}")

    def _revoke(self, prefix: str) -> None:
        prefix = prefix.removeprefix("kormo_")[:8]
        matches = list(ApiToken.objects.filter(prefix=prefix, revoked_at__isnull=True))
        if len(matches) != 1:
            raise CommandError(f"{len(matches)} active tokens start with {prefix!r}; "
                               "give exactly one")
        api_token_revoke(token=matches[0])
        self.stdout.write(f"revoked {matches[0]}")
