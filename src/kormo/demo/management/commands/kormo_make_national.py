"""manage.py kormo_make_national [--seed N] [--year 2022-23] [--plans-for N] [--quarters Q]:
a synthetic country for benchmarks, load tests and demos, the same for the same seed.

1. the office tree and people of `offices.national_tree` (~24,300 offices with real tier
   proportions, ~52,000 people with roles), loaded through `kormo onboard`'s own code;
2. the year's six plans (the APA of seed 000 and the five action plans of seed 001, moved to
   the year), stored once through the real service for the first office, then copied to the
   other offices by bulk inserts (`demo.national_plans`), signed;
3. quarterly values of every numeric indicator (each office around its own factor of the
   targets) and a report per quarter: earlier quarters accepted, the last one waiting for
   review.
Run it on an empty database (or one made by it): ids are taken above the largest ones.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kormo.demo.national_plans import year_plans
from kormo.domain.calendar import FiscalYear
from kormo.domain.errors import InputError
from kormo.offices.models import Office
from kormo.offices.national_tree import make_country, write_country
from kormo.offices.onboarding import onboard, report_lines


def country(seed: int, scale: float) -> Any:
    """The country at `scale` (1.0: the national defaults of `make_country`)."""
    if scale == 1.0:
        return make_country(seed)

    def part(n: int) -> int:
        return max(1, round(n * scale))

    return make_country(seed, ministries=part(58), directorates=part(350),
                        field_directorates=part(40), upazila_directorates=part(40),
                        institutions=part(1_200))


class Command(BaseCommand):
    help = "Generate a national data set (offices, people, a year of plans and progress)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--year", default="2022-23", help="the fiscal year of the plans")
        parser.add_argument("--plans-for", type=int, default=None, metavar="N",
                            help="give plans to the first N offices only (default: all)")
        parser.add_argument("--quarters", type=int, default=2, choices=(0, 1, 2, 3, 4),
                            help="quarters reported (default 2: Q1 accepted, Q2 waiting)")
        parser.add_argument("--scale", type=float, default=1.0,
                            help="a smaller country (0.1: a tenth of the ministries, "
                                 "directorates and institutions; at least one field directorate)")
        parser.add_argument("--kinds", default="", help="only these plan kinds, e.g. apa,integrity")
        parser.add_argument("--seeds-dir", default=str(Path(settings.BASE_DIR) / "data/seeds"))

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            year = str(FiscalYear.parse(o["year"]))
        except InputError as exc:
            raise CommandError(exc.one_line()) from None
        start = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            offices_csv, people_csv = write_country(country(o["seed"], o["scale"]), tmp)
            result = onboard(offices=str(offices_csv), people=str(people_csv))
        if result.problems:
            raise CommandError("\n".join(report_lines(result)))
        self.stdout.write(f"{report_lines(result)[-1]} ({time.perf_counter() - start:.1f} s)")
        offices = list(Office.objects.order_by("code").only("pk", "name", "tier"))
        if o["plans_for"] is not None:
            offices = offices[:o["plans_for"]]
        if not offices:
            return
        t = time.perf_counter()
        counts = year_plans(year, offices, seed=o["seed"], quarters=o["quarters"],
                            seeds_dir=o["seeds_dir"], kinds=o["kinds"])
        rows = sum(counts.values())
        self.stdout.write(f"plans of {len(offices):,} offices: {rows:,} rows in "
                          f"{time.perf_counter() - t:.1f} s ({counts})")
