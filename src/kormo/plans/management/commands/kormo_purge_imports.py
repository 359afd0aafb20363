"""`manage.py kormo_purge_imports [--days N]`: forget uploads left under review for N days.

An upload read for import (`PendingImport`) waits until its uploader confirms or cancels it;
one never finished stays forever otherwise. Run daily (docs/operations.md, "Daily clean-up").
Only the review rows go: nothing of them was saved as plans.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kormo.domain.errors import InputError
from kormo.domain.numerals import parse_day_count
from kormo.plans.models import PendingImport


class Command(BaseCommand):
    help = "Delete uploads left under review (not confirmed or cancelled) for N days (7)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", default="7",
                            help="age in days of the uploads to forget (default 7)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            days = parse_day_count(str(options["days"]))
        except InputError as exc:  # refused in Bengali and English
            raise CommandError(f"{exc.bn} / {exc.en}") from None
        old = PendingImport.objects.filter(created_at__lt=timezone.now() - timedelta(days=days))
        count, _ = old.delete()
        self.stdout.write(f"{count} upload(s) under review for more than {days} day(s) removed")
