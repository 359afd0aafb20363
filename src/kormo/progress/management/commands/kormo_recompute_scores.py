"""manage.py kormo_recompute_scores YEAR [--chunk N] [--check]: recompute and store every
office's score of a fiscal year with the dashboard's figures (after loading a country, changing
the year's rule set, or a repair), by the columnar engine (kormo.progress.recompute). `--check`
scores every office by the rules as well and fails if any stored row would differ."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kormo.domain.calendar import FiscalYear
from kormo.domain.errors import InputError
from kormo.progress.recompute import CHUNK_OFFICES, year_recompute


class Command(BaseCommand):
    help = "Recompute and store the scores of every office for a fiscal year."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("year", help="the fiscal year, e.g. 2022-23 (Bengali digits too)")
        parser.add_argument("--chunk", type=int, default=CHUNK_OFFICES,
                            help="offices loaded and stored at a time")
        parser.add_argument("--check", action="store_true",
                            help="score every office by the rules too and compare")

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            year = str(FiscalYear.parse(o["year"]))
        except InputError as exc:
            raise CommandError(exc.one_line()) from None
        r = year_recompute(year, chunk=max(1, o["chunk"]), check=o["check"])
        self.stdout.write(
            f"{year}: {r.offices:,} offices, {r.plans:,} plans, {r.indicators:,} indicators "
            f"scored and stored in {r.seconds:.1f} s (columnar engine {r.seconds_scoring:.1f} "
            f"s; {r.by_rules:,} offices scored by the rules)")
        if o["check"]:
            self.stdout.write(f"checked against the rules: {r.checked:,} offices, "
                              f"{r.differing:,} differ")
            if r.differing:
                raise CommandError("the columnar engine disagrees with the rules / কলামভিত্তিক "
                                   "হিসাব নিয়মের সাথে মেলেনি")
