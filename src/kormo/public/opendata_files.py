"""Open data as files: the country's and each office's published plans, scores and indicators,
written to a folder and served as static files (`opendata_serve`), not rebuilt per request.

Layout under `open_data_dir()` (docs/open-data.md):

    plans.json  scores.json  indicators.csv               every office's latest published plans
    offices/<code>/plans.json  scores.json  indicators.csv   one office's

each with a gzip copy (`.gz`) for clients that accept it. The contents are those of the live
endpoints (`kormo.public.views.data_all`, `data_office`): the same writers of
`kormo.public.opendata` and the same publication gate.

`files_write_all()` (nightly: `manage.py kormo_opendata`) goes through the offices in chunks,
so memory stays bounded by a chunk, and streams every plan to the files as it is scored (the
country's files are never one string in memory). `files_write_office(office_id)` rewrites one
office's files when its plans are published.
TODO(issue 14): call files_write_office from the task queue when a plan is published.

A file is written beside its final name and renamed over it, so a reader never gets half.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import shutil
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.conf import settings

from kormo.domain.planformat import FORMAT_NAME, FORMAT_VERSION, plan_to_dict
from kormo.ops.replica import replica_alias, replica_reads
from kormo.public import opendata, selectors
from kormo.public.publication import published_latest

FILES = ("plans.json", "scores.json", "indicators.csv")
CHUNK_OFFICES = 200


def open_data_dir() -> Path:
    """Where the files live: KORMO_OPEN_DATA_DIR, else the data folder's opendata/."""
    folder = getattr(settings, "KORMO_OPEN_DATA_DIR", "") or Path(settings.DATA_DIR) / "opendata"
    return Path(folder)


def _dump(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, default=opendata._json_default)


class _Files:
    """The three files of one scope (the country or an office), written as plans arrive."""

    def __init__(self, folder: Path, stack: ExitStack) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.paths = {name: folder / f".{name}.part" for name in FILES}
        self.out: dict[str, IO[str]] = {
            name: stack.enter_context(path.open("w", encoding="utf-8", newline=""))
            for name, path in self.paths.items()}
        self.first = {"plans.json": True, "scores.json": True}
        self.out["plans.json"].write(
            f'{{\n  "format": "{FORMAT_NAME}",\n  "version": {FORMAT_VERSION},\n  "plans": [')
        self.out["scores.json"].write(
            f'{{\n  "format": "{opendata.SCORES_FORMAT}",\n  '
            f'"version": {opendata.SCORES_VERSION},\n  "plans": [')
        self.out["indicators.csv"].write("\ufeff")  # Excel reads the Bengali names as UTF-8
        self.csv = csv.writer(self.out["indicators.csv"], lineterminator="\r\n")
        self.csv.writerow(opendata.CSV_COLUMNS)

    def _item(self, name: str, obj: Any) -> None:
        text = _dump(obj).replace("\n", "\n    ")
        self.out[name].write(("\n    " if self.first[name] else ",\n    ") + text)
        self.first[name] = False

    def add(self, plans: Sequence[opendata.DataPlan], scores: dict[int, Any]) -> None:
        for p in plans:
            self._item("plans.json", plan_to_dict(p.plan))
            if p.row.pk in scores:
                self._item("scores.json", opendata.score_json(p, scores[p.row.pk]))
        self.csv.writerows(opendata.csv_rows(plans, scores))

    def finish(self) -> list[Path]:
        for name in ("plans.json", "scores.json"):
            self.out[name].write("\n  ]\n}\n" if not self.first[name] else "]\n}\n")
        written = []
        for name, part in self.paths.items():
            self.out[name].close()
            final = self.folder / name
            gz_part = self.folder / f".{name}.gz.part"
            with part.open("rb") as src, gzip.open(gz_part, "wb", compresslevel=6) as dst:
                shutil.copyfileobj(src, dst)
            os.replace(part, final)
            os.replace(gz_part, self.folder / f"{name}.gz")
            written.append(final)
        return written


@dataclass(frozen=True, slots=True)
class WriteResult:
    offices: int
    plans: int
    files: list[Path]


def _chunks(ids: Sequence[int], size: int) -> Iterable[Sequence[int]]:
    for i in range(0, len(ids), size):
        yield ids[i:i + size]


def _write(office_ids: Sequence[int], folder: Path, *, country: bool) -> WriteResult:
    with replica_reads():  # published data, read from the replica where there is one
        return _write_files(office_ids, folder, country=country)


def _write_files(office_ids: Sequence[int], folder: Path, *, country: bool) -> WriteResult:
    plans = published_latest()
    files: list[Path] = []
    count = 0
    with ExitStack() as stack:
        everyone = _Files(folder, stack) if country else None
        for chunk in _chunks(office_ids, CHUNK_OFFICES):
            data = selectors.public_data(
                plans.filter(office_id__in=chunk).order_by(*selectors.PLAN_ORDER))
            scores = opendata.scores_of(data)
            by_office: dict[str, list[opendata.DataPlan]] = {}
            for p in data:
                by_office.setdefault(p.row.office.code, []).append(p)
            for code, office_plans in by_office.items():
                with ExitStack() as inner:
                    one = _Files(folder / "offices" / code, inner)
                    one.add(office_plans, scores)
                    files += one.finish()
            if everyone is not None:
                everyone.add(data, scores)
            count += len(data)
        if everyone is not None:
            files += everyone.finish()
    return WriteResult(len(office_ids), count, files)


def files_write_all(folder: Path | None = None) -> WriteResult:
    """Every office's files and the country's (the nightly run)."""
    ids = list(published_latest().using(replica_alias()).order_by("office__code").values_list(
        "office_id", flat=True).distinct())
    ids = list(dict.fromkeys(ids))
    return _write(ids, folder or open_data_dir(), country=True)


def files_write_office(office_id: int, folder: Path | None = None) -> WriteResult:
    """One office's files (when its plans are published); the country's wait for the night."""
    return _write([office_id], folder or open_data_dir(), country=False)
