"""manage.py kormo_onboard OFFICES [PEOPLE] [--dry-run] [--invite] [--json]: the office tree and
the people with their roles from CSV or XLSX (kormo.offices.onboarding; docs/onboarding.md).
OFFICES may be "-" to load people only. Exit status 2 when a row has a problem (nothing saved).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kormo.domain.errors import InputError
from kormo.offices.invitations import invitations_send
from kormo.offices.onboarding import onboard, report_lines


class Command(BaseCommand):
    help = "Load offices and people with roles from CSV or XLSX (upserts by code and e-mail)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("offices", help='the offices file (CSV or XLSX), or "-" for none')
        parser.add_argument("people", nargs="?", help="the people file (CSV or XLSX)")
        parser.add_argument("--dry-run", action="store_true",
                            help="check every row and print the problems; save nothing")
        parser.add_argument("--invite", action="store_true",
                            help="e-mail each new person a link to set a password")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = onboard(offices=None if options["offices"] == "-" else options["offices"],
                             people=options["people"], dry_run=options["dry_run"])
        except InputError as exc:
            raise CommandError(exc.one_line(), returncode=2) from None
        invited = 0
        if result.saved and options["invite"]:
            invited = invitations_send(user_ids=result.new_user_ids)
        if options["json"]:
            self.stdout.write(json.dumps({**result.to_json(), "invited": invited},
                                         ensure_ascii=False, indent=2))
        else:
            for line in report_lines(result):
                self.stdout.write(line)
            if invited:
                self.stdout.write(f"আমন্ত্রণ পাঠানো হয়েছে / invitations sent: {invited}")
        if result.problems:
            raise CommandError("onboarding refused / অনবোর্ডিং হয়নি", returncode=2)
