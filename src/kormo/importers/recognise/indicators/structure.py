"""Numbering → areas, activities and indicators: the structure of the indicator tables,
with rows printed under the wrong area moved and duplicate numbers renumbered (flagged).
"""

from __future__ import annotations

import re
from decimal import Decimal

from kormo.domain.calendar import FiscalYear
from kormo.domain.digits import to_latin_digits
from kormo.domain.plan import (
    AreaKind,
    PlanKind,
    Quarter,
)
from kormo.domain.values import Number
from kormo.importers.readers.model import Cell, Row, Table
from kormo.importers.recognise.amounts import show_factor, unit_scale
from kormo.importers.recognise.headers import Header, Role
from kormo.importers.recognise.indicators.align import align_row
from kormo.importers.recognise.indicators.drafts import (
    ActivityDraft,
    AreaDraft,
    IndicatorDraft,
)
from kormo.importers.recognise.indicators.repairs import is_repeated_header, next_free_number
from kormo.importers.recognise.indicators.rows import (
    _AREA_WEIGHT_TAIL,
    _AT_LEAST,
    Named,
    RowRecord,
    _dec,
    read_row,
)
from kormo.importers.recognise.similar import alike, skeleton
from kormo.importers.recognise.text import (
    DIGIT,
    Fix,
    Item,
    column_number_run,
    fix_fiscal_years,
    fix_text,
    is_ditto,
    method_of,
    nfc,
    ocr_reason,
    squash,
    unit_of,
    units_in,
)
from kormo.importers.recognise.values import Sink, show
from kormo.importers.result import FlagCode

# How a name's last word shows it is not finished ("… ও", "নির্ধারিত সময়ের", "সেবা/"), and
# how the names of each column end (DOMAIN.md: an activity is an action, "… আয়োজন",
# "… হালনাগাদকরণ"; an indicator its result, "… আয়োজিত", "… প্রণীত", "… সম্পন্ন").
_UNFINISHED = re.compile(r"(?:\s(?:ও|এবং|বা|তথা)|ের|-এর|\sএর|[/,(\-–:])$")
_RESULT_END = re.compile(r"(?:িত|ীত|কৃত|ন্ন|ষ্ঠিত)[।.)]?$")
_ACTION_END = re.compile(r"(?:করণ|আয়োজন|প্রণয়ন|গ্রহণ|প্রেরণ|উদ্?যাপন|সংরক্ষণ|স্থাপন|প্রদান)[।.)]?$")


def _continued_name(names: list[tuple[int, Named, str]], tail: str, column: int,
                    lost_tabs: bool) -> Named | None:
    """Which name of the row above a continuation line (`tail`, in `column`) goes on.
    `names` are (column, name, role: "area"/"activity"/"indicator"). A name whose first line
    held only its number goes on in any case; when the line lost its tabs (a text copy: one
    cell), its column says nothing, so the content decides: a name left unfinished, else the
    column whose names end the way `tail` ends, else the column the text stands in."""
    number_only = [n for _, n, _ in names if n.item.number and not n.item.text]
    if number_only and (lost_tabs or any(k == column and not n.item.text
                                         for k, n, _ in names)):
        return number_only[-1]
    if lost_tabs:
        unfinished = [n for _, n, _ in names if _UNFINISHED.search(nfc(n.item.text))]
        if len(unfinished) == 1:
            return unfinished[0]
        t = nfc(tail)
        fits = "indicator" if _RESULT_END.search(t) else "activity" if _ACTION_END.search(t) \
            else ""
        by_role = [n for _, n, role in names if role == fits]
        if len(by_role) == 1:
            return by_role[0]
    return next((n for k, n, _ in names if k == column and n.item.text), None)


def _continues(above: RowRecord, rec: RowRecord) -> bool:
    """A name wrapped over several rows: a row whose only own text is an unnumbered name (no
    values, weight, serial or condition) continues a name in the row above (`_continued_name`
    says which). Joins it there (with a fix to flag) and says so; cells merged down from
    above (Word repeats them) are not the row's own text."""
    own_values = any(squash(c.text) and not c.merged for cells in rec.values.values()
                     for _, c in cells)
    if own_values or (rec.area_weight is not None and not rec.area_weight.merged) \
            or rec.serial is not None or rec.conditions or rec.stray:
        return False
    own = [n for n in ([rec.area] if rec.area else []) + rec.activities + rec.indicators
           if not n.cell.merged]
    filled = [c for c in rec.row.cells if squash(c.text) and not c.merged]
    if len(own) != 1 or len(filled) != 1 or own[0].cell is not filled[0]:
        return False
    tail = own[0]
    if tail.item.number:
        return False
    column = next(k for k, c in enumerate(rec.row.cells) if c is tail.cell)
    names: list[tuple[int, Named, str]] = []
    for role, group in (("area", [above.area] if above.area else []),
                        ("activity", above.activities), ("indicator", above.indicators)):
        for named in group:
            at = next((k for k, c in enumerate(above.row.cells) if c is named.cell), None)
            if at is not None and not named.cell.merged:
                names.append((at, named, role))
    lost_tabs = len(rec.row.cells) == 1 and len(above.row.cells) > 1
    named = _continued_name(names, tail.item.text, column, lost_tabs)
    if named is None:
        return False
    joined = f"{named.item.text} {tail.item.text}".strip()
    named.item = Item(named.item.number, joined, named.item.bracketed)
    named.fixes.extend(tail.fixes)
    named.fixes.append(Fix("wrap", tail.item.text, joined))
    return True


class IndicatorReader:
    """Reads the rows of one plan's indicator tables (the segments after their headers)."""

    def __init__(self, *, plan_kind: PlanKind, fy: FiscalYear | None,
                 report_quarter: Quarter | None, sink: Sink, quarterly: bool) -> None:
        self.plan_kind = plan_kind
        self.fy = fy
        self.report_quarter = report_quarter
        self.sink = sink
        self.quarterly = quarterly
        self.areas: list[AreaDraft] = []
        self.kind = AreaKind.OFFICE
        self.prev_offset: int | None = None
        self.last_item: IndicatorDraft | None = None
        self.last_responsible = ""
        self.skip_next_values = False

    # -- names ----------------------------------------------------------------------------

    def _name(self, named: Named, place: str) -> str:
        text = named.item.text
        if self.fy is not None:
            text, year_fixes = fix_fiscal_years(text, self.fy)
            named.fixes.extend(year_fixes)
        for fx in named.fixes:
            self._fix_flag(fx, place, named.cell)
        named.fixes.clear()
        return text.strip()

    def _fix_flag(self, fx: Fix, place: str, cell: Cell) -> None:
        if fx.code == "ocr":
            self.sink.add(FlagCode.OCR_CORRECTED, place, cell,
                          *ocr_reason(fx), kept=fx.after)
        elif fx.code == "year":
            self.sink.add(FlagCode.YEAR_CORRECTED, place, cell,
                          f"অর্থবছর “{fx.before}” স্ক্যানের ভুল ধরে “{fx.after}” পড়া হয়েছে",
                          f"fiscal year “{fx.before}” read as “{fx.after}” (a scanning slip)",
                          kept=fx.after)
        elif fx.code == "wrap":
            self.sink.add(FlagCode.TEXT_JOINED, place, cell,
                          f"পরের সারিতে শুধু নামের বাকি অংশ (“{fx.before}”): আগের সারির নামের সঙ্গে "
                          "জুড়ে দেওয়া হয়েছে",
                          f"the next row holds only the rest of the name (“{fx.before}”): joined "
                          "to the name in the row above", kept=fx.after)
        elif fx.code == "join":
            self.sink.add(FlagCode.TEXT_JOINED, place, cell,
                          "ঘরের ভেতরের লাইন-ভাঙা জুড়ে দেওয়া হয়েছে (“ই- …” → “ই-…”)",
                          "a line break inside the cell was joined (“ই- …” → “ই-…”)",
                          kept=fx.after)

    # -- structure ------------------------------------------------------------------------

    def _area(self) -> AreaDraft:
        if not self.areas:
            return self._new_area("1", "", None, None)
        return self.areas[-1]

    def _new_area(self, number: str, name: str, cell: Cell | None,
                  weight_cell: Cell | None) -> AreaDraft:
        area = AreaDraft(number or str(len([a for a in self.areas if a.kind is self.kind]) + 1),
                     name, cell, kind=self.kind)
        if weight_cell is not None:
            area.weight_cell = weight_cell
            area.weight = _dec(weight_cell.text)
        self.areas.append(area)
        return area

    def _area_heading(self, named: Named) -> tuple[str, Decimal | None, str]:
        """"1.প্রাতিষ্ঠানিক ব্যবস্থা.....11" → name, weight, note (DOMAIN.md: weights in the
        heading)."""
        text = named.item.text
        note = ""
        # Kormo's own documents: "১. প্রাতিষ্ঠানিক ব্যবস্থা (মান: ১১) — note" (docs/documents.md)
        head, dash, tail = text.partition(" — ")
        mk = re.match(rf"^(.*?)\s*\((?:মান|[Ww]eight)\s*[:ঃ]\s*([{DIGIT}.]+)\)\s*$", head)
        if mk and mk[1].strip():
            return mk[1].strip(), _dec(mk[2]), tail.strip() if dash else ""
        if dash and not re.search(rf"[{DIGIT}]", head[-3:]):
            return head.strip(), None, tail.strip()
        m = re.match(r"^(.*?)\s*\((.*)\)\s*$", text)
        head = text
        if m and re.search(rf"[{DIGIT}]\s*$", m[1]):
            head, note = m[1], m[2]
        mw = _AREA_WEIGHT_TAIL.match(head)
        weight = None
        name = head
        if mw and mw["name"].strip() and not re.search(rf"[{DIGIT}][\s,.]*$", mw["name"]):
            name, weight = mw["name"], _dec(mw["w"])
        name = re.sub(r"(?:\.{2,}|…[.…]*)\s*$", "", name).strip()  # "…" typeset for "..."
        return name, weight, note.strip()

    def _activity(self, area: AreaDraft, number: str, name: str, cell: Cell | None,
                  place_cell: Cell | None) -> ActivityDraft:
        for act in area.activities:
            # the same activity printed on each of its rows, as it was (or merged down)
            same = not name or not act.name or squash(act.name) == squash(name)
            if act.number == number and (same or (cell is not None and cell.merged)):
                if name and not act.name:
                    act.name = name
                return act
            if act.number == number and (skeleton(act.name) == skeleton(name)
                                         or alike(act.name, name)):
                # the activity printed again in each of its rows, each copy with its own
                # typing or scanning slips: one activity, its first spelling kept
                self.sink.add(FlagCode.NAME_REPEATED, number, place_cell,
                              f"কার্যক্রম [{number}] এই সারিতে আবার ছাপা, অন্য বানানে (“{name}”): "
                              f"একই কার্যক্রম ধরা হয়েছে, প্রথম বানান “{act.name}” রাখা হয়েছে",
                              f"activity [{number}] is printed again in this row, spelled "
                              f"differently (“{name}”): read as the same activity, its first "
                              f"spelling “{act.name}” kept", kept=act.name, written=name)
                return act
        existing = {a.number for ar in self.areas for a in ar.activities if ar.kind is area.kind}
        if number in existing:
            new = next_free_number(number, existing)
            self.sink.add(FlagCode.RENUMBERED, f"{new}", place_cell,
                          f"কার্যক্রম [{number}] দ্বিতীয়বার ছাপা; নম্বর অনন্য রাখতে {new} করা হয়েছে",
                          f"activity [{number}] is printed twice; renumbered {new} to keep "
                          "numbers unique", kept=new)
            number = new
        act = ActivityDraft(number, name, cell)
        area.activities.append(act)
        return act

    def _indicator_number(self, act: ActivityDraft, number: str, cell: Cell | None, *,
                          keep_prefix: bool = False) -> str:
        existing = {i.number for ar in self.areas if ar.kind is self.kind
                    for a in ar.activities for i in a.indicators}
        if not number:
            number = f"{act.number}.{len(act.indicators) + 1}"
        elif not keep_prefix and not number.startswith(act.number + ".") and act.number:
            new = f"{act.number}.{len(act.indicators) + 1}"
            self.sink.add(FlagCode.RENUMBERED, new, cell,
                          f"সূচক [{number}] কার্যক্রম {act.number}-এর; নম্বর {new} করা হয়েছে",
                          f"indicator [{number}] belongs to activity {act.number}; "
                          f"renumbered {new}",
                          kept=new)
            number = new
        if number in existing:
            new = next_free_number(number, existing)
            self.sink.add(FlagCode.RENUMBERED, new, cell,
                          f"সূচক [{number}] দ্বিতীয়বার ছাপা; নম্বর অনন্য রাখতে {new} করা হয়েছে",
                          f"indicator [{number}] is printed twice; renumbered {new} to keep "
                          "numbers unique", kept=new)
            number = new
        return number

    # -- rows -----------------------------------------------------------------------------

    def read(self, segments: list[tuple[Table, Header, int]]) -> None:
        recs: list[RowRecord] = []
        header_words = {skeleton(c.text) for table, _, start in segments
                        for row in table.rows[:start] for c in row.cells if c.text.strip()}
        for table, header, start in segments:
            for row in table.rows[start:]:
                texts = [squash(fix_text(c.text)[0]) for c in row.cells]
                filled = [t for t in texts if t]
                if not filled:
                    continue
                if is_repeated_header(filled, header_words):
                    continue  # the header printed again further down (a page break in Excel)
                # One text across the row: Word repeats a merged group row ("সুশাসন ও
                # সংস্কারমূলক …") in every cell it spans, Excel and text leave them empty.
                if len(set(filled)) == 1:
                    t = filled[0]
                    if "সুশাসন" in t and "সংস্কার" in t:
                        recs.append(RowRecord(row, 0, header=header, values={}))
                        recs[-1].area = Named(Item("", "__governance__", False), row.cells[0])
                        continue
                    if "স্বাক্ষরকারী অফিস" in t:
                        recs.append(RowRecord(row, 0, header=header))
                        recs[-1].area = Named(Item("", "__office__", False), row.cells[0])
                        continue
                    if len(filled) > 1:
                        # A merged heading row as Word gives it: keep the first copy only,
                        # as Excel and text do, so the row reads as a heading, not as values.
                        first = texts.index(t)
                        row = Row(tuple(c if k == first else Cell("", c.position, True,
                                                                  c.converted)
                                        for k, c in enumerate(row.cells)), row.position)
                rec = read_row(align_row(row, header), header, self.prev_offset)
                own = sum(1 for t, c in zip(texts, row.cells, strict=True) if t and not c.merged)
                if recs and own == 1 and _continues(recs[-1], rec):
                    continue
                if rec.indicators or rec.activities or rec.value(Role.UNIT) or \
                        rec.value(Role.WEIGHT):
                    self.prev_offset = rec.offset
                recs.append(rec)
        i = 0
        while i < len(recs):
            rec = recs[i]
            nxt = recs[i + 1] if i + 1 < len(recs) else None
            i += 1 + self._row(rec, nxt)

    def _is_column_numbers(self, rec: RowRecord) -> bool:
        texts = [c.text for c in rec.row.cells[1:]]
        return column_number_run(texts)

    def _row(self, rec: RowRecord, nxt: RowRecord | None) -> int:
        """Handle one row record; returns how many following records it consumed."""
        if rec.area is not None and rec.area.item.text in ("__governance__", "__office__"):
            self.kind = AreaKind.GOVERNANCE if rec.area.item.text == "__governance__" \
                else AreaKind.OFFICE
            return 0
        if self._is_column_numbers(rec):
            if rec.activities:
                area = self._area()
                named = rec.activities[0]
                act = self._activity(area, named.item.number, "", named.cell, named.cell)
                act.name = self._name(named, f"{act.number}")
                self.sink.add(FlagCode.COLUMN_NUMBERS, act.number, rec.row.cells[1],
                              "সারিতে কেবল কলামের নম্বর (১, ২, ৩ …): সূচক, মান, লক্ষ্যমাত্রা হারিয়ে গেছে; "
                              "কার্যক্রমটি সূচক ছাড়া রাখা হয়েছে",
                              "the row holds only column numbers (1, 2, 3 …): the indicator, "
                              "weight and targets are lost; the activity is kept without indicator")
                self.last_item = None
                self.skip_next_values = True
            return 0
        if self.quarterly and self._is_achievement_row(rec):
            self._achievement_row(rec)
            return 0
        self.skip_next_values = False
        # an area heading or an area row
        only_area = rec.area is not None and not rec.activities and not rec.indicators \
            and not rec.has_values()
        if only_area:
            self._start_area(rec)
            return 0
        if not rec.activities and not rec.indicators and not rec.has_values() \
                and rec.area is None:
            return 0
        # a numbered row without text or values ("3.1")
        if rec.activities and not rec.indicators and not rec.has_values() and \
                all(not n.item.text for n in rec.activities) and rec.area is None:
            self.sink.add(FlagCode.EMPTY_ROW, f"{rec.activities[0].item.number}",
                          rec.activities[0].cell,
                          "নম্বর ছাড়া আর কিছু নেই এমন সারি: রাখা হয়নি",
                          "a numbered row with no text and no values: not kept")
            return 0
        # a row that repeats numbers already used, followed by an area row of its own
        if nxt is not None and rec.area is None and self._duplicates(rec) and \
                nxt.area is not None and not nxt.activities and not nxt.indicators and \
                not nxt.has_values() and nxt.area.item.text not in ("__governance__", "__office__"):
            area = self._start_area(nxt)
            self._item_row(rec, area, moved=True)
            return 1
        area = self._start_area(rec) if rec.area is not None else None
        if area is None:
            area = self._area_for(rec)
        self._item_row(rec, area)
        return 0

    def _duplicates(self, rec: RowRecord) -> bool:
        acts = {a.number for ar in self.areas if ar.kind is self.kind for a in ar.activities}
        inds = {i.number for ar in self.areas if ar.kind is self.kind for i in ar.indicators()}
        nums_a = [n.item.number for n in rec.activities if n.item.number]
        nums_i = [n.item.number for n in rec.indicators if n.item.number]
        return bool(nums_a or nums_i) and all(n in acts or n[:3] in acts for n in nums_a) and \
            all(n in inds for n in nums_i)

    def _start_area(self, rec: RowRecord) -> AreaDraft:
        named = rec.area
        assert named is not None
        current = self.areas[-1] if self.areas else None
        if current is not None and (named.cell.merged or (
                named.item.number and named.item.number == current.number
                and current.kind is self.kind) or (
                not named.item.number and squash(named.item.text) == current.name)):
            return current
        number = named.item.number
        if not number:
            number = str(len([a for a in self.areas if a.kind is self.kind]) + 1)
        if named.item.bracketed or rec.area_weight is not None:
            name = self._name(named, f"area {number}")
            area = self._new_area(number, name, named.cell, rec.area_weight)
        else:
            raw = self._name(named, f"area {number}")
            name, weight, note = self._area_heading(Named(Item(number, raw), named.cell))
            area = self._new_area(number, name, named.cell, None)
            area.weight = weight
            area.weight_cell = named.cell if weight is not None else None
            if note:
                area.note = note
                m = _AT_LEAST.search(note)
                if m:
                    area.choose_at_least = int(to_latin_digits(m[1]))
        return area

    def _area_for(self, rec: RowRecord) -> AreaDraft:
        """The area of a row without an area cell: the current one, or one made from the
        serial number ("০১") or the activity's number when the table has no area column."""
        number = ""
        if rec.serial is not None:
            number = str(int(to_latin_digits(squash(rec.serial.text))))
        elif not self.areas:
            first = (rec.activities or rec.indicators or [None])[0]
            number = first.item.number.split(".")[0] if first and first.item.number else "1"
        if number and (not self.areas or self.areas[-1].number != number or
                       self.areas[-1].kind is not self.kind):
            area = self._new_area(number, "", None, None)
            self.sink.add(FlagCode.AREA_UNNAMED, f"area {number}",
                          rec.serial or (rec.activities or rec.indicators)[0].cell
                          if (rec.serial or rec.activities or rec.indicators) else None,
                          "ক্ষেত্রের নাম ও মান ছাপা নেই: নামহীন ক্ষেত্র হিসেবে রাখা হয়েছে",
                          "the area's name and weight are not printed: kept as an unnamed area")
            return area
        return self._area()

    def _item_row(self, rec: RowRecord, area: AreaDraft, moved: bool = False) -> None:
        acts: list[ActivityDraft] = []
        for named in rec.activities:
            number = named.item.number
            if number.count(".") >= 2:
                number = ".".join(number.split(".")[:2])
            if moved:
                new = f"{area.number}.{len(area.activities) + 1}"
                self.sink.add(FlagCode.MOVED, new, named.cell,
                              f"সারিটি পরের ক্ষেত্রের ({area.name}) সারির আগে ছাপা, নম্বর "
                              f"[{named.item.number}]: ক্ষেত্র {area.number}-এ {new} হিসেবে রাখা হয়েছে",
                              f"the row (printed [{named.item.number}]) stands just before the row "
                              f"of area {area.number} ({area.name}), which has no activity of its "
                              f"own: kept there as {new}", kept=new)
                number = new
            if not number:
                number = f"{area.number}.{len(area.activities) + 1}"
            name = self._name(named, number)
            act = self._activity(area, number, name, named.cell, named.cell)
            acts.append(act)
        if not acts:
            if rec.indicators and rec.indicators[0].item.number:
                prefix = ".".join(rec.indicators[0].item.number.split(".")[:2])
                act = next((a for a in area.activities if a.number == prefix), None)
                if act is None:
                    act = self._activity(area, prefix, "", None, None)
                acts = [act]
            elif area.activities:
                acts = [area.activities[-1]]
            else:
                acts = [self._activity(area, f"{area.number}.1", "", None, None)]
        indicators = rec.indicators
        if not indicators:
            if rec.has_values():
                # no indicator column in this row: the activity text names the indicator
                act = acts[0]
                number = self._indicator_number(act, f"{act.number}.1", None)
                ind = IndicatorDraft(number, act.name, None)
                self.sink.add(FlagCode.NAME_FROM_ACTIVITY, ind.number,
                              rec.activities[0].cell if rec.activities else None,
                              "সূচকের ঘর নেই: কার্যক্রমের লেখাই সূচকের নাম হিসেবে রাখা হয়েছে",
                              "no indicator cell: the activity's text is used as the indicator's "
                              "name", kept=act.name)
                self._attach(act, ind, rec, first=True)
            else:
                for act in acts:
                    if not act.indicators:
                        self.sink.add(FlagCode.NO_INDICATOR, act.number, act.cell,
                                      "এই কার্যক্রমের কোনো সূচক ছাপা নেই",
                                      "no indicator is printed for this activity")
            return
        pair_by_order = len(acts) == len(indicators) and len(acts) > 1 and any(
            not i.item.number.startswith(a.number + ".") for a, i in zip(acts, indicators,
                                                                         strict=True))
        for k, named in enumerate(indicators):
            if pair_by_order:
                act = acts[k]
            else:
                prefix = ".".join(named.item.number.split(".")[:2]) if named.item.number else ""
                act = next((a for a in acts if a.number == prefix), None) or acts[
                    min(k, len(acts) - 1)]
            number = named.item.number
            if moved:
                number = f"{act.number}.{len(act.indicators) + 1}"
            number = self._indicator_number(act, number, named.cell)
            ind = IndicatorDraft(number, "", named.cell)
            ind.name = self._name(named, number)
            self._attach(act, ind, rec, first=(k == 0), index=k, count=len(indicators))
        for cond in rec.conditions:
            target = next((i for a in acts for i in a.indicators
                           if i.number == cond.item.number), None)
            if target is not None:
                target.remarks = self._name(cond, target.number)
                target.fallback_for = ".".join(target.number.split(".")[:2])
                self.sink.add(FlagCode.FALLBACK, target.number, cond.cell,
                              "শর্ত (“যদি …”) অনুযায়ী এটি বিকল্প সূচক: শর্তটি মন্তব্যে রাখা হয়েছে",
                              "a condition (“if …”) makes this a fallback indicator: the "
                              "condition is kept in remarks", kept=target.remarks)
        for act in acts:
            if not act.indicators:
                self.sink.add(FlagCode.NO_INDICATOR, act.number, act.cell,
                              "এই কার্যক্রমের কোনো সূচক ছাপা নেই",
                              "no indicator is printed for this activity")

    def _attach(self, act: ActivityDraft, ind: IndicatorDraft, rec: RowRecord, *, first: bool,
                index: int = 0, count: int = 1) -> None:
        act.indicators.append(ind)
        ind.rec = rec
        ind.share_values = first
        unit_cell = rec.value(Role.UNIT)
        if unit_cell is not None:
            text = squash(unit_cell.text)
            parts = units_in(text)
            if count > 1 and len(parts) == count:
                ind.unit_label, ind.unit = parts[index]
            elif first or len(parts) == 1:  # one unit printed for the row: it is everyone's
                u = unit_of(text)
                ind.unit, ind.unit_label = (u, text) if u else (None, text)
                scaled = unit_scale(text)
                if scaled is not None and scaled.factor != 1:
                    ind.unit, ind.unit_label, ind.unit_factor = \
                        scaled.unit, scaled.label, scaled.factor
                    self.sink.add(FlagCode.MULTIPLIER, ind.number, unit_cell,
                                  f"একক “{text}”: মানগুলো {scaled.label} এককে রাখা হয়েছে "
                                  f"(লেখা মান × {show_factor(scaled.factor)})",
                                  f"unit “{text}”: the values are kept in {scaled.unit.value} "
                                  f"(each written value × {show_factor(scaled.factor)})",
                                  kept=scaled.label)
            ind.unit_cell = unit_cell
        method_cell = rec.value(Role.METHOD)
        if method_cell is not None and first:
            ind.method = method_of(method_cell.text)
        weight_cell = rec.value(Role.WEIGHT)
        if first and weight_cell is not None:
            ind.weight = _dec(weight_cell.text)
            ind.weight_cell = weight_cell
            if count > 1:
                self.sink.add(FlagCode.WEIGHT_SHARED, ind.number, weight_cell,
                              f"একটি মান ({squash(weight_cell.text)}) {count}টি সূচকের জন্য ছাপা: "
                              "প্রথমটিকে দেওয়া হয়েছে, বাকিগুলো মানহীন",
                              f"one weight ({squash(weight_cell.text)}) is printed for {count} "
                              "indicators: given to the first, the others have none",
                              kept=show(Number(ind.weight)) if ind.weight is not None else "")
        elif not first and count > 1:
            self.sink.add(FlagCode.WEIGHT_MISSING, ind.number, rec.indicators[index].cell,
                          "এই সূচকের মান ও লক্ষ্যমাত্রা আলাদা করে ছাপা নেই",
                          "no weight and no targets of its own are printed for this indicator")
        resp = rec.value(Role.RESPONSIBLE)
        if resp is not None and first:
            text = squash(resp.text)
            if is_ditto(text):
                if self.last_responsible:
                    self.sink.add(FlagCode.DITTO, ind.number + " / responsible", resp,
                                  "ঐ-চিহ্ন (\"): উপরের ঘরের লেখা নেওয়া হয়েছে",
                                  "a ditto mark (\"): the text of the cell above is used",
                                  kept=self.last_responsible)
                    text = self.last_responsible
                else:
                    text = ""
            ind.responsible = text
            if text:
                self.last_responsible = text
        if first:
            self.last_item = ind

    # -- achievement rows (quarterly layout) -----------------------------------------------

    def _is_achievement_row(self, rec: RowRecord) -> bool:
        label = rec.label
        if label and "অর্জন" in label and "লক্ষ্যমাত্রা" not in label:
            return True
        return (self.last_item is not None and not rec.activities and not rec.indicators
                and rec.area is None and rec.has_values() and not label)

    def _achievement_row(self, rec: RowRecord) -> None:
        item = self.last_item
        if item is None or self.skip_next_values:
            return  # the row after a lost row (column numbers) holds nothing readable
        item.achievement_rec = rec
        self.last_item = None


# ---------------------------------------------------------------- values
