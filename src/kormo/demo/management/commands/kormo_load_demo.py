"""`manage.py kormo_load_demo`: fill the database with the seed plans and the demo people.

Creates the demo office tree, people and roles (`kormo.demo.offices`), loads every
data/seeds/*.json plan file (relative to settings.BASE_DIR, or --seeds-dir) — seed 000's APA
under the demo Rangpur district office, seed 002's under the Kaliganj cooperative office, any
other plan under offices found or created by name — replacing plans already loaded (same
office, kind, fiscal year and plan id) through `kormo.plans.importing.plan_import` as the demo
superuser, so each load is in the history like any import (`plan.import`, `plan.replace`),
opens 2022-23 with its templates, then plays the first half of 2022-23 through the real
services (`kormo.demo.year`: Rangpur's APA signed by both parties with Q1 accepted and Q2
waiting for review, Dinajpur's APA waiting for the directorate's signature, Pirgacha's waiting
for its head's approval), and prints what it holds and the logins. Running it twice leaves the
same rows (the history gains the second load's imports): what an earlier run played (history,
notices, evidence files, the demo plans) is removed before the seeds are loaded again. A file
that cannot be read or stored is reported and skipped without leaving any of its rows; the
command then ends with an error, as it does when the demo year cannot be played.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError

from kormo.demo import offices as demo
from kormo.demo import year as demo_year
from kormo.demo.users import DEMO_USERNAME, demo_user, demo_user_ensure
from kormo.domain.errors import InputError
from kormo.domain.plan import Plan as DomainPlan
from kormo.domain.planformat import load_path
from kormo.offices.access import AccessDenied
from kormo.offices.models import Office
from kormo.plans.importing import plan_import
from kormo.plans.models import Plan
from kormo.plans.services import plan_office_resolve


class Command(BaseCommand):
    help = "Load data/seeds/*.json plans (replacing earlier copies) and create the demo people."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seeds-dir",
            type=Path,
            default=None,
            help="folder of plan files (default: data/seeds under the project folder)",
        )
        parser.add_argument(
            "--force", action="store_true",
            help="load even though the database holds people other than the demo logins",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seeds_dir: Path = options["seeds_dir"] or Path(settings.BASE_DIR) / "data" / "seeds"
        # A real installation has people of its own: the demo's public passwords and its
        # replacing of plans must not reach it by a mistyped command.
        real = get_user_model()._default_manager.exclude(
            username__in=[DEMO_USERNAME, *(p[0] for p in demo.PEOPLE)])
        if real.exists() and not options["force"]:
            raise CommandError(
                "এই ডাটাবেজে ডেমোর বাইরের ব্যবহারকারী আছে; ডেমো ডেটা লোড করা হয়নি (--force দিলে হবে)। / "
                "This database holds people other than the demo logins: the demo was not "
                "loaded (--force loads it anyway).")
        offices = demo.demo_offices_ensure()
        user = "created" if demo_user_ensure() else "already present"
        actor = demo_user()
        # The plans an earlier load stored, to count the ones replaced below.
        earlier = set(Plan.objects.filter(is_template=False).values_list(
            "office_id", "kind", "fiscal_year", "external_id"))
        # Before the seeds replace their plans: what an earlier run of the demo year left
        # (its signed plans too: only drafts are replaced by an import).
        demo_year.demo_year_clear(offices)

        def resolve(plan: DomainPlan) -> Office:
            code = demo.SEED_OFFICES.get(plan.id)
            return offices[code] if code else plan_office_resolve(plan)

        files = sorted(seeds_dir.glob("*.json"))
        stored, replaced, failed = 0, 0, []
        for path in files:
            try:
                saved = plan_import(plans=load_path(str(path)), office=resolve, actor=actor,
                                    replace=True, source={"file": path.name, "via": "demo"})
            except (InputError, IntegrityError) as exc:
                failed.append(path.name)
                self.stderr.write(f"{path.name}: {exc}")
                continue
            stored += len(saved)
            replaced += sum((row.office_id, row.kind, row.fiscal_year, row.external_id)
                            in earlier for row in saved)
            self.stdout.write(f"{path.name}: {len(saved)} plan(s)")
        demo.demo_people_ensure(offices)
        templates = demo.demo_templates_ensure(seeds_dir, offices)
        try:
            year = demo_year.demo_year_play(offices)
        except (InputError, AccessDenied) as exc:
            failed.append(f"the demo year ({exc})")
            self.stderr.write(f"demo year {demo.DEMO_YEAR}: {exc}")
            year = None
        plans = Plan.objects.filter(is_template=False).count()
        self.stdout.write(
            f"{len(files)} file(s) in {seeds_dir}: {stored} plan(s) stored"
            f" ({replaced} replaced an earlier copy); offices: {Office.objects.count()};"
            f" plans in the database: {plans}; templates of {demo.DEMO_YEAR}:"
            f" {len(templates)}; user {DEMO_USERNAME!r}: {user}."
        )
        if year is not None:
            for line in year.summary():
                self.stdout.write(line)
        self.stdout.write(f"Demo logins (password {demo.DEMO_PASSWORD!r} for each):")
        self.stdout.write(f"  {DEMO_USERNAME:<15} superuser (sees everything)")
        for username, _full, code, role, _post in demo.PEOPLE:
            office = next(o for o in demo.OFFICES if o.code == code)
            self.stdout.write(f"  {username:<15} {role.label}, {office.name_en}")
        if failed:
            raise CommandError(f"could not load: {', '.join(failed)}")
