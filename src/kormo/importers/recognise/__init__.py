"""Recognisers: the common table model → plans, with a flag for every doubtful cell.

`recognise_document(document)` finds what each table is from its header words and numbering
(never from fixed positions: columns move, headers repeat on each page, rows lose or gain
cells), assembles the plans the document holds and returns them with the flags.
"""

from kormo.importers.recognise.document import recognise_document

__all__ = ["recognise_document"]
