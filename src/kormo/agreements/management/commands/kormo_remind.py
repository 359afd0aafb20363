"""`manage.py kormo_remind`: the daily deadline reminders (`kormo.agreements.reminders.remind`).

    kormo_remind [--today 2022-10-10] [--due-within 7] [--review-after 7]
                 [--overdue-within 30] [--agreement-after 7] [--dry-run]

Run once a day (docs/operations.md); a second run on the same day sends nothing new.
`--dry-run` lists what would be sent and sends nothing. A bad `--today` is refused in Bengali
and English with exit status 2, before anything is read or sent.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kormo.agreements.reminders import remind
from kormo.domain.errors import InputError
from kormo.progress import reminders as r
from kormo.progress.reminders import parse_days


class Command(BaseCommand):
    help = ("Send the day's reminders: reports due soon or overdue, reports waiting for review, "
            "agreements waiting for approval or a signature.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", metavar="YYYY-MM-DD",
                            help="run as on this day (Bengali or Latin digits; default: today)")
        parser.add_argument("--due-within", type=parse_days, default=r.DUE_WITHIN_DAYS,
                            metavar="N", help="remind of reports due within N days "
                            f"(default {r.DUE_WITHIN_DAYS})")
        parser.add_argument("--review-after", type=parse_days, default=r.REVIEW_AFTER_DAYS,
                            metavar="M", help="remind supervisors of reports waiting M days "
                            f"or more (default {r.REVIEW_AFTER_DAYS})")
        parser.add_argument("--overdue-within", type=parse_days, default=r.OVERDUE_WITHIN_DAYS,
                            metavar="D", help="remind of reports overdue by at most D days "
                            f"(default {r.OVERDUE_WITHIN_DAYS})")
        parser.add_argument("--agreement-after", type=parse_days, default=r.AGREEMENT_AFTER_DAYS,
                            metavar="A", help="remind of agreements waiting A days or more for "
                            "approval or a signature "
                            f"(default {r.AGREEMENT_AFTER_DAYS})")
        parser.add_argument("--dry-run", action="store_true",
                            help="list what would be sent; send nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = r.parse_day(options["today"]) if options["today"] else None
        except InputError as exc:
            raise CommandError(exc.one_line(), returncode=2) from None
        result = remind(today=today, due_within=options["due_within"],
                          review_after=options["review_after"],
                          overdue_within=options["overdue_within"],
                          agreement_after=options["agreement_after"],
                          dry_run=options["dry_run"])
        if options["dry_run"] or options["verbosity"] > 1:
            for line in r.listing_lines(result):
                self.stdout.write(line)
        if options["verbosity"] > 0:
            for line in r.summary_lines(result):
                self.stdout.write(line)
