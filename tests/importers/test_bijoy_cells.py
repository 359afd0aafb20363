"""Cells typed in Bijoy (SutonnyMJ) inside otherwise Unicode documents, as the corpus writes
them in text copies, Word and Excel: each is found on its own, converted and flagged."""

from __future__ import annotations

import random
import unicodedata

import pytest

from kormo.domain.plan import Plan
from kormo.importers import FlagCode
from kormo.importers.api import import_bytes
from kormo.importers.bijoy import looks_bijoy, to_unicode
from kormo.importers.readers import read_document
from tests.importers.corpus import Sample, generate
from tests.importers.corpus.bijoy import bijoy_text, encode
from tests.importers.corpus.layout import Layout
from tests.importers.corpus.plans import _vocabulary, make_plan
from tests.importers.corpus.samples import document_grid, sample
from tests.importers.corpus.writers import write_docx, write_tsv, write_xlsx


def test_the_corpus_encoder_writes_what_the_importer_reads_back() -> None:
    names = [n for group in _vocabulary() for n in group]
    coded = {n: bijoy_text(n) for n in names}
    written = [n for n, c in coded.items() if c is not None]
    assert len(written) > 0.9 * len(names)
    for name in written:
        assert to_unicode(coded[name]) == unicodedata.normalize("NFC", name)
        assert looks_bijoy(coded[name])
    # conjuncts are written with the font's own glyphs, not letter by letter
    assert encode("সম্পদ") == "m¤ú`" and encode("উন্নয়ন") == "Dbœqb"


def _twins(seed: int, count: int, fmt: str) -> list[tuple[Sample, bytes]]:
    """Generated documents with Bijoy cells, each with its twin: the same document written
    without them (the feature draws from a generator of its own, so the rest is the same)."""
    rng = random.Random(seed)
    out = []
    for index in range(count):
        rng.choice((fmt,))  # as `generate` draws the format
        state = rng.getstate()
        with_bijoy = sample(rng, index, fmt)
        if not with_bijoy.layout.bijoy:
            continue
        twin = random.Random()
        twin.setstate(state)
        plan, layout = make_plan(twin), Layout.draw(twin)
        grid = document_grid(plan, layout, twin, index)
        if fmt == "txt":
            data = write_tsv(grid, layout, twin)
        elif fmt == "docx":
            data = write_docx(grid)
        else:
            data = write_xlsx(grid, twin)
        out.append((with_bijoy, data))
    return out


def _read(plans: tuple[Plan, ...]) -> list[tuple[str, str, object, object]]:
    return [(i.number, i.name, i.unit, i.levels) for p in plans for i in p.indicators]


@pytest.mark.parametrize("fmt", ["txt", "docx", "xlsx"])
def test_bijoy_cells_are_converted_and_flagged_each(fmt: str) -> None:
    twins = _twins(2626, 16, fmt)
    assert twins
    for bijoy_sample, unicode_data in twins:
        result = import_bytes(bijoy_sample.data, bijoy_sample.name)
        flags = [f for f in result.flags if f.code is FlagCode.BIJOY]
        assert flags and all(f.source.table is not None for f in flags)
        doc = read_document(bijoy_sample.data, bijoy_sample.name)
        texts = {" ".join(unicodedata.normalize("NFC", c.text).split())
                 for t in doc.tables for r in t.rows for c in r.cells if c.converted}
        assert {f.kept for f in flags} == texts
        assert not any(looks_bijoy(c.text) for t in doc.tables for r in t.rows for c in r.cells)
        # read exactly as the same document typed in Unicode
        twin = import_bytes(unicode_data, bijoy_sample.name)
        assert _read(result.plans) == _read(twin.plans), bijoy_sample.name
        assert FlagCode.BIJOY not in {f.code for f in twin.flags}


def test_documents_without_the_feature_have_no_bijoy_cells() -> None:
    for doc_sample in generate(2626, 20, formats=("txt",)):
        if not doc_sample.layout.bijoy:
            assert not read_document(doc_sample.data, doc_sample.name).bijoy
