"""`generate(seed, count)`: the documents of a corpus, reproducible from the seed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass

from tests.importers.corpus.bijoy import add_bijoy
from tests.importers.corpus.front import add_front_matter
from tests.importers.corpus.layout import Grid, Layout, build_grid
from tests.importers.corpus.monthly import monthly_report
from tests.importers.corpus.plans import Expected, make_plan
from tests.importers.corpus.writers import write_docx, write_pdf, write_tsv, write_xlsx

FORMATS = ("txt", "docx", "xlsx", "pdf")
MONTHLY_SHARE = 0.3  # APAs written as their monthly/quarterly progress report


@dataclass(frozen=True, slots=True)
class Sample:
    name: str
    data: bytes
    expected: Expected
    layout: Layout


def document_grid(plan: Expected, layout: Layout, rng: random.Random, index: int) -> Grid:
    """The document's table, and an APA's written parts or its monthly report instead."""
    grid = build_grid(plan, layout, rng)
    if plan.kind == "apa":
        # its own generator, so the rest of the corpus stays as it was
        apa_rng = random.Random(f"front-{index}-{plan.title}")
        if apa_rng.random() < MONTHLY_SHARE:
            grid = monthly_report(plan, layout, apa_rng)
        else:
            add_front_matter(plan, grid, layout, apa_rng)
    return grid


def sample(rng: random.Random, index: int, fmt: str | None = None,
           kind: str | None = None) -> Sample:
    plan = make_plan(rng, kind)
    layout = Layout.draw(rng)
    fmt = fmt or rng.choice(FORMATS)
    grid = document_grid(plan, layout, rng, index)
    if fmt != "pdf":  # (a PDF would need the SutonnyMJ font itself)
        add_bijoy(grid, layout, f"{index}:{plan.title}")
    if fmt == "txt":
        data = write_tsv(grid, layout, rng)
    elif fmt == "docx":
        data = write_docx(grid)
    elif fmt == "xlsx":
        data = write_xlsx(grid, rng)
    else:
        data = write_pdf(grid)
    return Sample(f"{index:04d}-{plan.kind}-{plan.layout}.{fmt}", data, plan, layout)


def generate(seed: int, count: int, *, formats: tuple[str, ...] = FORMATS,
             kinds: tuple[str, ...] = ()) -> Iterator[Sample]:
    """`count` documents; `kinds` (plan kinds, e.g. ("apa",)) limits them to those kinds
    (a different corpus: the kind is drawn first)."""
    rng = random.Random(seed)
    for i in range(count):
        fmt = rng.choice(formats)
        yield sample(rng, i, fmt, kind=rng.choice(kinds) if kinds else None)
