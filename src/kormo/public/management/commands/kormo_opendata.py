"""manage.py kormo_opendata [--office CODE] [--folder DIR]: write the open data files (run
nightly; docs/open-data.md). With --office only that office's files."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kormo.offices.models import Office
from kormo.public.opendata_files import files_write_all, files_write_office, open_data_dir


class Command(BaseCommand):
    help = "Write the open data files (country-wide and per office) from the published plans."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--office", metavar="CODE", help="only this office's files")
        parser.add_argument("--folder", help="write here instead of the open data folder")

    def handle(self, *args: Any, **o: Any) -> None:
        folder = Path(o["folder"]) if o["folder"] else open_data_dir()
        start = time.perf_counter()
        if o["office"]:
            office = Office.objects.filter(code=o["office"]).first()
            if office is None:
                raise CommandError(f"অফিস “{o['office']}” নেই / no office “{o['office']}”")
            result = files_write_office(office.pk, folder)
        else:
            result = files_write_all(folder)
        self.stdout.write(f"{result.offices} office(s), {result.plans} plan(s), "
                          f"{len(result.files)} file(s) in {folder} "
                          f"({time.perf_counter() - start:.1f} s)")
