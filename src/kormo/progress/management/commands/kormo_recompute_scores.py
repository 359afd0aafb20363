"""manage.py kormo_recompute_scores YEAR [--chunk N]: recompute and store every office's score
of a fiscal year (after loading a country, changing the year's rule set, or a repair), and
score the year's five-level indicators with the columnar engine as a check
(kormo.progress.recompute). Prints the counts, the times and the engine's largest difference."""

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

    def handle(self, *args: Any, **o: Any) -> None:
        try:
            year = str(FiscalYear.parse(o["year"]))
        except InputError as exc:
            raise CommandError(exc.one_line()) from None
        r = year_recompute(year, chunk=max(1, o["chunk"]))
        self.stdout.write(
            f"{year}: {r.offices:,} offices, {r.plans:,} plans, {r.indicators:,} indicators "
            f"scored and stored in {r.seconds_rules:.1f} s; columnar engine: {r.columns:,} "
            f"five-level indicators loaded in {r.seconds_columns_load:.2f} s, scored in "
            f"{r.seconds_engine:.3f} s, {r.engine_checked:,} checked against the rules, "
            f"largest difference {r.engine_max_diff:.2g}")
        for note in r.notes:
            self.stdout.write(note)
        if r.engine_max_diff > 1e-6:
            raise CommandError("the columnar engine disagrees with the rules / কলামভিত্তিক "
                               "হিসাব নিয়মের সাথে মেলেনি")
