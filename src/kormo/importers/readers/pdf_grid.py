"""A ruled PDF table → its grid of cells, merged cells repeated as Word repeats them.

pdfplumber finds a ruled table's cells from its lines and lays them on a grid (one column per
distinct left edge, one row per distinct top edge); a slot covered by a merged cell (a row or
column span) comes as None. The recognisers read merged cells the way Word gives them: the
merged cell's text in every slot it covers, the copies marked `merged` (a title row spanning the
table, an area cell spanning its activities, a target-year cell over the five levels). So each
empty slot takes the cell whose box covers the slot's middle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True, slots=True)
class Slot:
    box: Box | None  # the cell shown in this slot; None: no cell covers it
    merged: bool  # a copy of a cell that starts in an earlier slot


def _covering(cells: Sequence[Box], x: float, y: float) -> Box | None:
    for c in cells:
        if c[0] <= x <= c[2] and c[1] <= y <= c[3]:
            return c
    return None


def grid_of(cells: Sequence[Box]) -> list[list[Slot]]:
    """Rows of slots of a table given as its cells' boxes (pdfplumber's `Table.cells`)."""
    if not cells:
        return []
    xs = sorted({c[0] for c in cells})
    tops = sorted({c[1] for c in cells})
    right = max(c[2] for c in cells)
    bottom = max(c[3] for c in cells)
    starts = {(c[1], c[0]): c for c in cells}
    rows: list[list[Slot]] = []
    for r, top in enumerate(tops):
        below = tops[r + 1] if r + 1 < len(tops) else bottom
        row: list[Slot] = []
        for k, x0 in enumerate(xs):
            own = starts.get((top, x0))
            if own is not None:
                row.append(Slot(own, False))
                continue
            x1 = xs[k + 1] if k + 1 < len(xs) else right
            cover = _covering(cells, (x0 + x1) / 2, (top + below) / 2)
            row.append(Slot(cover, cover is not None))
        rows.append(row)
    return rows
