"""`manage.py kormo_load_demo`: fill the database with the seed plans and a demo login.

Loads every data/seeds/*.json plan file (relative to settings.BASE_DIR, or --seeds-dir),
creating offices by name, and replaces plans already loaded (same office, kind, fiscal year and
plan id), so running it twice leaves the same rows. A file that cannot be read or stored is
reported and skipped without leaving any of its rows; the command then ends with an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError

from kormo.domain.errors import InputError
from kormo.offices.models import Office
from kormo.plans.convert import plans_save_file
from kormo.plans.models import Plan
from kormo.plans.services import DEMO_USERNAME, demo_user_ensure, plan_office_resolve


class Command(BaseCommand):
    help = "Load data/seeds/*.json plans (replacing earlier copies) and create the demo user."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seeds-dir",
            type=Path,
            default=None,
            help="folder of plan files (default: data/seeds under the project folder)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seeds_dir: Path = options["seeds_dir"] or Path(settings.BASE_DIR) / "data" / "seeds"
        files = sorted(seeds_dir.glob("*.json"))
        before = Plan.objects.count()
        stored, failed = 0, []
        for path in files:
            try:
                saved = plans_save_file(str(path), plan_office_resolve, replace=True)
            except (InputError, IntegrityError) as exc:
                failed.append(path.name)
                self.stderr.write(f"{path.name}: {exc}")
                continue
            stored += len(saved)
            self.stdout.write(f"{path.name}: {len(saved)} plan(s)")
        replaced = stored - (Plan.objects.count() - before)
        user = "created" if demo_user_ensure() else "already present"
        self.stdout.write(
            f"{len(files)} file(s) in {seeds_dir}: {stored} plan(s) stored"
            f" ({replaced} replaced an earlier copy); offices: {Office.objects.count()};"
            f" plans in the database: {Plan.objects.count()}; user {DEMO_USERNAME!r}: {user}."
        )
        if failed:
            raise CommandError(f"could not load: {', '.join(failed)}")
