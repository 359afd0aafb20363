"""An indicator's values: unit, the five levels, quarterly targets and achievements, actuals
and projections (slid projections moved back, levels out of order reduced; flagged).
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise

from kormo.domain.digits import to_latin_digits
from kormo.domain.numerals import is_blank_mark
from kormo.domain.plan import (
    Quarter,
    Unit,
    YearValue,
)
from kormo.domain.values import Blank, DateValue, Number, Percent, Value, as_date, numeric
from kormo.importers.readers.model import Cell
from kormo.importers.recognise.headers import Role
from kormo.importers.recognise.indicators.drafts import (
    AreaDraft,
    IndicatorDraft,
)
from kormo.importers.recognise.indicators.monthly import read_months
from kormo.importers.recognise.indicators.rows import (
    QUARTERS,
    RowRecord,
    _dec,
)
from kormo.importers.recognise.indicators.structure import IndicatorReader
from kormo.importers.recognise.text import (
    nfc,
    parse_fy,
    squash,
    unit_of,
)
from kormo.importers.recognise.values import Sink, date_quarter, read_value, show
from kormo.importers.result import FlagCode

# What a computed score cell says when there is no score (Kormo's own documents print the
# status of `kormo.domain.scoring`): computed, so not kept, and not a remark either.
_SCORE_STATUSES = frozenset(nfc(t).casefold() for t in (
    "প্রতিবেদন নেই", "not reported", "প্রযোজ্য নয়", "not applicable", "লক্ষ্যমাত্রা নেই",
    "no target", "বিকল্প সূচক: গণনায় নেই", "fallback: not counted",
    "কর্মপরিকল্পনা পাওয়া যায়নি", "action plan not found"))


class ValueReader:
    """Turns each indicator's row record into levels, targets, actuals and achievements."""

    def __init__(self, reader: IndicatorReader) -> None:
        self.r = reader
        self.sink = reader.sink
        self.fy = reader.fy

    def read(self, ind: IndicatorDraft, area: AreaDraft) -> None:
        rec = ind.rec
        if rec is None:
            return
        self._unit(ind)
        if not ind.share_values:
            return
        if self.r.quarterly:
            if self._quarterly(ind, rec):
                return  # a fill artefact: the other cells repeat the target
        else:
            self._five_level(ind, rec)
            if rec.values.get(Role.MONTH):
                read_months(ind, rec, fy=self.fy, sink=self.sink)
        self._remarks(ind, rec)
        for cell in rec.stray:
            self.sink.add(FlagCode.NOT_KEPT, ind.number, cell,
                          "সারণির কলামের বাইরের ঘর: রাখা হয়নি",
                          "a cell outside the table's columns: not kept")

    def _unit(self, ind: IndicatorDraft) -> None:
        if ind.unit is not None:
            return
        rec = ind.rec
        cells = []
        if rec is not None and ind.share_values:
            for role in (Role.LEVEL, Role.TARGET, Role.QUARTER):
                cells.extend(c for _, c in rec.values.get(role, []))
        guesses = [read_value(c, unit=None, fy=None, place="", sink=Sink()) for c in cells]
        kinds = {type(v).__name__ for v in guesses if v is not None and not isinstance(v, Blank)}
        unit = Unit.DATE if kinds == {"DateValue"} else Unit.PERCENT if kinds == {"Percent"} \
            else Unit.COUNT
        if ind.unit_label and unit_of(ind.unit_label) is None:
            ind.unit = unit
            return
        ind.unit = unit
        if ind.unit_cell is None or not squash(ind.unit_cell.text):
            self.sink.add(FlagCode.UNIT_INFERRED, ind.number, ind.cell,
                          "এককের ঘর খালি: লক্ষ্যমাত্রার মান দেখে একক ধরা হয়েছে",
                          f"the unit cell is empty: the unit ({unit.value}) is taken from the "
                          "target values", kept=unit.value)

    def _remarks(self, ind: IndicatorDraft, rec: RowRecord) -> None:
        texts = []
        for _, cell in rec.values.get(Role.REMARKS, []):
            t = squash(cell.text)
            if t and not is_blank_mark(t):
                texts.append(t)
        for role in (Role.TOTAL, Role.SCORE):
            for _, cell in rec.values.get(role, []):
                t = squash(cell.text)
                if not t or is_blank_mark(t):
                    continue
                if re.search(r"[\u0980-\u09ffA-Za-z]{3,}", t) and _dec(t) is None and \
                        nfc(t).casefold() not in _SCORE_STATUSES:
                    texts.append(t)
                    self.sink.add(FlagCode.SHIFTED, f"{ind.number} / remarks", cell,
                                  "হিসাবের কলামে লেখা: মন্তব্য হিসেবে রাখা হয়েছে",
                                  "text in a computed column: kept as a remark", kept=t)
                else:
                    self.sink.add(FlagCode.NOT_KEPT, f"{ind.number} / {role.value}", cell,
                                  "মোট/অর্জিত মান হিসাব করে বের হয়, লেখা মান রাখা হয়নি "
                                  "(ভুল জায়গায় লেখা লক্ষ্যমাত্রাও হতে পারে)",
                                  "totals and scores are computed, the written value is not "
                                  "kept (it may also be a target written in the wrong column)")
        if texts:
            ind.remarks = "; ".join(dict.fromkeys(texts)) if not ind.remarks else ind.remarks

    # -- quarterly ------------------------------------------------------------------------

    def _quarterly(self, ind: IndicatorDraft, rec: RowRecord) -> bool:
        unit = ind.unit
        place = ind.number
        target_cell = rec.value(Role.TARGET)
        q_cells = {Quarter(f"Q{col_q}"): cell for col_q, cell in self._quarters(rec)}
        filled = [squash(c.text) for c in ([target_cell] if target_cell else []) +
                  list(q_cells.values()) +
                  [c for role in (Role.TOTAL, Role.SCORE, Role.REMARKS, Role.LABEL)
                   for _, c in rec.values.get(role, [])] + rec.stray if squash(c.text)]
        if len(filled) >= 5 and len(set(filled)) == 1:
            self._fill_artefact(ind, rec, filled[0], target_cell or next(iter(q_cells.values())))
            return True
        ind.annual_target = read_value(target_cell, unit=unit, fy=self.fy,
                                       place=f"{place} / annual_target", sink=self.sink,
                                       factor=ind.unit_factor)
        for q, cell in q_cells.items():
            v = read_value(cell, unit=unit, fy=self.fy, place=f"{place} / {q.value}",
                           sink=self.sink, factor=ind.unit_factor, quarter=q)
            if v is not None:
                ind.quarterly[q] = v
        ach = ind.achievement_rec
        if ach is not None:
            for col_q, cell in self._quarters(ach):
                q = Quarter(f"Q{col_q}")
                v = read_value(cell, unit=unit, fy=self.fy, place=f"{place} / progress.{q.value}",
                               sink=self.sink, factor=ind.unit_factor, quarter=q)
                if v is not None:
                    ind.achievements[q] = (v, cell)
        return False

    def _quarters(self, rec: RowRecord) -> list[tuple[int, Cell]]:
        header = rec.header
        assert header is not None
        out = []
        for col, cell in rec.values.get(Role.QUARTER, []):
            q = header.columns[col].quarter
            if q is not None:
                out.append((q, cell))
        return out

    def _fill_artefact(self, ind: IndicatorDraft, rec: RowRecord, text: str, cell: Cell) -> None:
        value = read_value(cell, unit=ind.unit, fy=self.fy, place=f"{ind.number} / annual_target",
                           sink=self.sink, factor=ind.unit_factor)
        ind.annual_target = value
        d = as_date(value)
        if isinstance(value, DateValue) and self.fy is not None and d is not None:
            q = date_quarter(self.fy, d)
            quarters = [q] if q else []
        else:
            quarters = list(QUARTERS)
        for q in quarters:
            if value is not None:
                ind.quarterly[q] = value
        self.sink.add(FlagCode.FILL_ARTEFACT, ind.number, cell,
                      f"একই মান “{text}” সারির সব ঘরে (লক্ষ্যমাত্রা, চার কোয়ার্টার, মোট, মান, মন্তব্য): "
                      "বার্ষিক লক্ষ্যমাত্রা ও " + ("তারিখটির কোয়ার্টারের লক্ষ্যমাত্রা" if len(quarters) == 1
                                                   else "চার কোয়ার্টারের লক্ষ্যমাত্রা") + " হিসেবে রাখা হয়েছে",
                      f"the same value “{text}” fills every cell of the row (target, quarters, "
                      "total, score, remarks): kept as the annual target and as the target of "
                      + ("the quarter the date falls in" if len(quarters) == 1 else "each quarter"),
                      kept=show(value))
        if ind.achievement_rec is not None and ind.achievement_rec.has_values():
            first = next((c for cells in ind.achievement_rec.values.values() for _, c in cells
                          if squash(c.text)), None)
            self.sink.add(FlagCode.NOT_KEPT, f"{ind.number} / progress", first,
                          "পরের সারিতেও একই মান: অর্জন হিসেবে রাখা হয়নি",
                          "the next row repeats the same value: not kept as achievements")
            ind.achievement_rec = None

    # -- five levels ----------------------------------------------------------------------

    def _five_level(self, ind: IndicatorDraft, rec: RowRecord) -> None:
        header = rec.header
        assert header is not None
        unit = ind.unit
        place = ind.number
        level_cells: dict[int, Cell | None] = {}
        for col, cell in rec.values.get(Role.LEVEL, []):
            lvl = header.columns[col].level
            if lvl is not None and lvl not in level_cells:
                level_cells[lvl] = cell
        projections = [(header.columns[col], cell) for col, cell in
                       rec.values.get(Role.PROJECTION, [])]
        missing = [c for c in header.cols(Role.PROJECTION) if c not in [p for p, _ in projections]]
        if projections and len(missing) == 1 and missing[0].index > projections[-1][0].index:
            # a short row (a text copy dropped an empty cell) ends before the last column
            projections.append((missing[0], Cell("", projections[-1][1].position)))
        actuals = [(header.columns[col], cell) for col, cell in rec.values.get(Role.ACTUAL, [])]
        # projections that slid one column left into the levels (seed 000 [২.১.১])
        self._slid_projections(ind, level_cells, projections)
        levels: dict[int, Value | None] = {}
        for lvl in (100, 90, 80, 70, 60):
            cell = level_cells.get(lvl)
            levels[lvl] = read_value(cell, unit=unit, fy=self.fy, place=f"{place} / levels.{lvl}",
                                     sink=self.sink, factor=ind.unit_factor)
        ach_cell = rec.value(Role.ACHIEVEMENT)
        ach = None
        if ach_cell is not None and self.r.report_quarter is not None:
            ach = read_value(ach_cell, unit=unit, fy=self.fy,
                             place=f"{place} / progress.{self.r.report_quarter.value}",
                             sink=self.sink, factor=ind.unit_factor)
        levels, ach = self._check_levels(ind, levels, level_cells, ach, ach_cell)
        ind.levels = levels
        if ach is not None and ach_cell is not None and self.r.report_quarter is not None:
            ind.achievements[self.r.report_quarter] = (ach, ach_cell)
        for col, cell in actuals:
            year = col.year or ""
            fy = parse_fy(year)
            ind.actuals.append(YearValue(year, read_value(
                cell, unit=unit, fy=fy, place=f"{place} / actuals.{year}", sink=self.sink,
                factor=ind.unit_factor),
                col.provisional))
        for col, cell in projections:
            year = col.year or ""
            fy = parse_fy(year)
            ind.projections.append(YearValue(year, read_value(
                cell, unit=unit, fy=fy, place=f"{place} / projections.{year}", sink=self.sink,
                factor=ind.unit_factor)))
        target = rec.value(Role.TARGET)
        if target is not None:
            ind.annual_target = read_value(target, unit=unit, fy=self.fy,
                                           place=f"{place} / annual_target", sink=self.sink,
                                           factor=ind.unit_factor)

    def _slid_projections(self, ind: IndicatorDraft, level_cells: dict[int, Cell | None],
                          projections: list) -> None:
        if len(projections) < 2 or self.fy is None:
            return
        (c1, p1), (c2, p2) = projections[0], projections[1]
        # the last column left empty; or, in a text copy realigned by content, the first
        if squash(p2.text) and squash(p1.text):
            return
        second = p1 if not squash(p2.text) else p2
        last = next((lvl for lvl in (60, 70, 80, 90) if level_cells.get(lvl) is not None
                     and squash(level_cells[lvl].text)), None)
        if last is None:
            return
        probe = read_value(level_cells[last], unit=None, fy=None, place="", sink=Sink())
        d = as_date(probe)
        fy1 = parse_fy(c1.year or "")
        if d is not None:
            if fy1 is None or not fy1.contains(d):
                return
            why_bn = f"{last}% ঘরে পরের অর্থবছরের তারিখ"
            why_en = f"the {last} % cell holds a date of the next fiscal year"
        elif _breaks_run(level_cells, last):
            # a text copy dropped the empty level: the numbers after the run are projections
            why_bn = f"{last}% ঘরের সংখ্যা আগের মাত্রাগুলোর ক্রম ভাঙে"
            why_en = f"the {last} % cell's number breaks the run of the levels before it"
        else:
            return
        moved = level_cells[last]
        assert moved is not None
        projections[0] = (c1, moved)
        projections[1] = (c2, second)
        level_cells[last] = None
        gap_bn = "শেষ কলাম" if second is p1 else "প্রথম প্রক্ষেপণের কলাম"
        gap_en = "the last column" if second is p1 else "the first projection's column"
        self.sink.add(FlagCode.SHIFTED_PROJECTION, f"{ind.number} / levels.{last}", moved,
                      f"{why_bn} আর {gap_bn} খালি: প্রক্ষেপণ দুটি এক কলাম "
                      "বাঁয়ে সরে গেছে; প্রক্ষেপণ হিসেবে রাখা হয়েছে, এই মাত্রা খালি",
                      f"{why_en} and {gap_en} is empty: the two projections slid one "
                      f"column left; kept as projections, the {last} % level left empty",
                      kept=f"projections {squash(moved.text)}, {squash(second.text)}")

    def _check_levels(self, ind: IndicatorDraft, levels: dict[int, Value | None],
                      cells: dict[int, Cell | None], ach: Value | None,
                      ach_cell: Cell | None) -> tuple[dict[int, Value | None], Value | None]:
        place = ind.number
        keyed = [(lvl, v, _key(v)) for lvl, v in levels.items()]
        given = [(lvl, v, k) for lvl, v, k in keyed if k is not None]
        # "৬৪" where the run 3/2/1 wants 4 (seed 001 [৫.১.২]-style levels)
        if len(given) >= 3 and given[0][0] == 100 and all(
                isinstance(v, Number) for _, v, _ in given):
            rest = [k for _, _, k in given[1:]]
            steps = {b - a for a, b in pairwise(rest)}
            if len(steps) == 1 and steps != {0}:
                want = rest[0] - steps.pop()
                first = given[0][2]
                if first != want and want > 0 and str(int(first)).endswith(str(int(want))) \
                        and want == int(want):
                    levels[100] = Number(Decimal(int(want)))
                    self.sink.add(FlagCode.LEVEL_DIGIT_EXTRA, f"{place} / levels.100", cells[100],
                                  f"১০০% মাত্রা “{squash(cells[100].text)}” বাকি মাত্রার ধারায় "
                                  f"মেলে না; স্পষ্ট মান {int(want)} রাখা হয়েছে",
                                  f"the 100 % level “{to_latin_digits(squash(cells[100].text))}” "
                                  f"breaks the run of the other levels; the evident value "
                                  f"{int(want)} is kept", kept=str(int(want)))
                    given[0] = (100, levels[100], Decimal(int(want)))
        # a gap in the levels and an achievement that continues them: the cells slid
        if ach is not None and isinstance(ach, Number) and len(given) >= 2 and \
                all(isinstance(v, Number) for _, v, _ in given):
            gaps = [lvl for lvl, v, _ in keyed if v is None]
            inner_gap = any(lvl > given[-1][0] for lvl in gaps)
            seq = [k for _, _, k in given] + [ach.value]
            steps = {b - a for a, b in pairwise(seq)}
            if inner_gap and len(seq) <= 5 and len(steps) == 1 and steps != {0}:
                new = dict.fromkeys((100, 90, 80, 70, 60))
                for lvl, value in zip((100, 90, 80, 70, 60), seq, strict=False):
                    new[lvl] = Number(value)
                self.sink.add(FlagCode.SHIFTED, f"{place} / levels", ach_cell,
                              "মাত্রার ঘরে ফাঁক আর অর্জনের ঘরের মান মাত্রার ধারা পূর্ণ করে: ঘরগুলো সরে "
                              "গেছে; মাত্রা " + "/".join(str(int(v)) for v in seq) +
                              " রাখা হয়েছে, অর্জন নয়",
                              "the levels have gaps and the achievement cell continues their run: "
                              "the cells slid; kept levels " + "/".join(str(int(v)) for v in seq)
                              + ", no achievement", kept="/".join(str(int(v)) for v in seq))
                return new, None
        keys = [k for _, _, k in given]
        if len(keys) >= 2:
            up = all(b >= a for a, b in pairwise(keys))
            down = all(b <= a for a, b in pairwise(keys))
            if not (up or down):
                dropped = [lvl for lvl, _, _ in given if lvl != given[0][0]]
                for lvl in dropped:
                    levels[lvl] = None
                first_cell = cells.get(given[0][0])
                self.sink.add(FlagCode.LEVELS_DOUBTFUL, f"{place} / levels", first_cell,
                              "মাত্রাগুলো কোনো ক্রমে নেই (" + ", ".join(
                                  squash(cells[lvl].text) for lvl, _, _ in given if cells.get(lvl))
                              + "): কেবল প্রথম (১০০%) মাত্রা রাখা হয়েছে",
                              "the levels are in no order (" + ", ".join(
                                  to_latin_digits(squash(cells[lvl].text)) for lvl, _, _ in given
                                  if cells.get(lvl)) + "): only the first (100 %) level is kept",
                              kept=show(levels[given[0][0]]))
            elif len(set(keys)) < len(keys):
                self.sink.add(FlagCode.LEVELS_REPEATED, f"{place} / levels", cells.get(given[0][0]),
                              "মাত্রার একটি মান পুনরাবৃত্ত (সারিটি এক কলাম সরে থাকতে পারে): যেমন লেখা "
                              "তেমন রাখা হয়েছে",
                              "a level value repeats (the row may be shifted by a column): kept as "
                              "written", kept="/".join(show(v) for _, v, _ in given))
        return levels, ach


def _breaks_run(level_cells: dict[int, Cell | None], last: int) -> bool:
    """Whether the number in level `last` breaks the strict run (rising or falling) of at least
    three numbers in the levels before it: it belongs to no level."""
    def number(lvl: int) -> Decimal | None:
        cell = level_cells.get(lvl)
        if cell is None or not squash(cell.text):
            return None
        return numeric(read_value(cell, unit=None, fy=None, place="", sink=Sink()))

    before = [number(lvl) for lvl in (100, 90, 80, 70, 60) if lvl > last]
    value = number(last)
    if value is None or len(before) < 3 or any(n is None for n in before):
        return False
    run = [n for n in before if n is not None]
    pairs = list(pairwise([*run, value]))
    falling = all(a > b for a, b in pairs[:-1])
    rising = all(a < b for a, b in pairs[:-1])
    a, b = pairs[-1]
    return (falling and b >= a) or (rising and b <= a)


def _key(value: Value | None) -> Decimal | None:
    if isinstance(value, Number | Percent):
        return numeric(value)
    d = as_date(value)
    if d is not None:
        return Decimal(d.toordinal())
    return None
