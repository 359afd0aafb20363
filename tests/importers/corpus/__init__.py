"""A seeded generator of plans as offices make them (issue 13): synthetic APAs and action plans
of every kind written as text (TSV), DOCX, XLSX and PDF in many layouts, with OCR noise.

`generate(seed, count)` yields `Sample`s: the file's bytes and name and what it must import
to (`Expected`). `score.compare` counts the cells read right. The same seed always gives the
same documents; bench/import_corpus.py uses a seed the tests never use.
"""

from tests.importers.corpus.plans import Expected, ExpectedIndicator
from tests.importers.corpus.samples import Sample, generate

__all__ = ["Expected", "ExpectedIndicator", "Sample", "generate"]
