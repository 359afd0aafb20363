"""Benchmark: how long the seed-000 APA takes as a PDF, alone and in a batch of 64.

Run: .venv/bin/python bench/pdf.py [N]
  Prints the time to lay out the APA (`build_document`), to compile its first PDF in a fresh
  process (Typst loads the Noto fonts then), a warm compile of another office's APA, the same
  APA again, and a batch of N different APAs (default 64; file read, layout and PDF each)
  made one after another, then spread over the machine's cores.
  DOCX and XLSX of the same document are printed for comparison. It asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from multiprocessing import get_context
from pathlib import Path

from kormo.documents.render import build_document, render_docx, render_pdf, render_xlsx
from kormo.domain.plan import Plan
from kormo.domain.planformat import load_path

SEEDS = Path(__file__).resolve().parents[1] / "data" / "seeds"
SEED_000 = SEEDS / "000-rangpur-ict-apa-2022-23.json"


def _variant(plans: list[Plan], i: int) -> list[Plan]:
    """The APA of another office: every document of a batch differs, as in real use, so
    Typst's memo of the previous document helps only where the layout is really the same."""
    apa = plans[0]
    office = f"{apa.office} ({i})"
    return [replace(apa, office=office, vision=f"{apa.vision} {i}"), *plans[1:]]


def _one(i: int) -> int:
    plans = _variant(load_path(str(SEED_000)), i)
    return len(render_pdf(build_document(plans, "apa")))


def main() -> None:
    batch = int(sys.argv[1]) if len(sys.argv) > 1 else 64
    plans = load_path(str(SEED_000))

    start = time.perf_counter()
    doc = build_document(plans, "apa")
    layout = time.perf_counter() - start

    start = time.perf_counter()
    pdf = render_pdf(doc)
    cold = time.perf_counter() - start

    same_runs, other_runs = [], []
    for i in range(5):
        start = time.perf_counter()
        render_pdf(doc)
        same_runs.append(time.perf_counter() - start)
        other = build_document(_variant(plans, 1000 + i), "apa")
        start = time.perf_counter()
        render_pdf(other)
        other_runs.append(time.perf_counter() - start)
    same, warm = statistics.median(same_runs), statistics.median(other_runs)

    start = time.perf_counter()
    docx = render_docx(doc)
    docx_time = time.perf_counter() - start
    start = time.perf_counter()
    xlsx = render_xlsx(doc)
    xlsx_time = time.perf_counter() - start

    print(f"seed-000 APA: {len(doc.sections)} sections, {len(doc.tables())} tables, "
          f"PDF {len(pdf) / 1024:.0f} KiB")
    print(f"layout (build_document)        {layout * 1000:8.1f} ms")
    print(f"PDF, first in the process      {cold * 1000:8.1f} ms")
    print(f"PDF, another office's APA      {warm * 1000:8.1f} ms  (warm, median of 5)")
    print(f"PDF, the same APA again        {same * 1000:8.1f} ms  (memoised, median of 5)")
    print(f"DOCX                           {docx_time * 1000:8.1f} ms  "
          f"({len(docx) / 1024:.0f} KiB)")
    print(f"XLSX                           {xlsx_time * 1000:8.1f} ms  "
          f"({len(xlsx) / 1024:.0f} KiB)", flush=True)

    start = time.perf_counter()
    for i in range(batch):
        _one(i)
    sequential = time.perf_counter() - start
    print(f"batch of {batch} PDFs, one process  {sequential:8.2f} s   "
          f"({sequential / batch * 1000:.0f} ms each, load + layout + PDF)", flush=True)

    # "spawn", not fork: Typst runs its own threads, and a forked copy of a process that has
    # used them can hang.
    workers = os.cpu_count() or 1
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        sizes = list(pool.map(_one, range(batch)))
    parallel = time.perf_counter() - start
    print(f"batch of {batch} PDFs, {workers} processes   {parallel:8.2f} s   "
          f"({parallel / batch * 1000:.0f} ms each; {len(sizes)} files)")


if __name__ == "__main__":
    main()
