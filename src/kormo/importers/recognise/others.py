"""The other tables the documents carry: an innovation team's work plan, the register of
earlier innovations, the e-Nothi evidence sheet, and the APA's section 2 and annexes 1-3.

Each reader takes the table rows after the header (already classified by `headers.analyse`)
and returns domain objects; every repair is flagged the same way as in `indicators`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher

from kormo.domain.calendar import FiscalYear
from kormo.domain.dates import DateError, parse_date, parse_month_range
from kormo.domain.digits import to_latin_digits
from kormo.domain.errors import InputError
from kormo.domain.numerals import is_blank_mark, parse_quantity
from kormo.domain.plan import (
    Acronym,
    Dependency,
    Outcome,
    Quantity,
    RegisterEntry,
    Unit,
    WorkItem,
    YearValue,
)
from kormo.importers.readers.model import Cell, Row, Table
from kormo.importers.recognise.headers import Header, Role
from kormo.importers.recognise.text import (
    DIGIT,
    bracket_items,
    fix_text,
    number_of,
    parse_fy,
    squash,
    unit_of,
)
from kormo.importers.recognise.values import Sink, read_value
from kormo.importers.result import FlagCode

Segments = list[tuple[Table, Header, int]]


def _cells(row: Row, header: Header) -> dict[Role, Cell]:
    out: dict[Role, Cell] = {}
    for index, cell in enumerate(row.cells):
        col = header.role_at(index)
        if col is not None and col.role is not None and col.role not in out:
            out[col.role] = cell
    return out


def _t(cell: Cell | None) -> str:
    return fix_text(cell.text)[0] if cell is not None else ""


# ---------------------------------------------------------------- work plan (seed 003)

_TERMS = (("স্বল্প", "short"), ("মধ্য", "medium"), ("দীর্ঘ", "long"), ("অন্যান্য", "other"))
_TAGS = re.compile(r"<[^>]+>")


def _term(text: str) -> str | None:
    for word, term in _TERMS:
        if word in text:
            return term
    return None


def _period(text: str) -> tuple[dt.date, dt.date] | None:
    try:
        return parse_month_range(text)
    except (DateError, InputError, ValueError):
        return None


@dataclass(slots=True)
class _WorkRow:
    term: str
    number: str
    subject: str
    plan: str
    actions: tuple[str, ...]
    quantity: Quantity | None
    period: str
    period_cell: Cell | None
    first_cell: Cell


def read_workplan(segments: Segments, after_text: list[list[str]], sink: Sink) -> list[WorkItem]:
    """Rows of (term, number, subject, plan, quantity, period). The term and the period are
    merged cells in the original: printed on a group's first row, they apply to the group."""
    rows: list[_WorkRow] = []
    term = "other"
    part_of: list[int] = []  # the part (table) each row came from
    for part, (table, header, start) in enumerate(segments):
        for row in table.rows[start:]:
            c = _cells(row, header)
            if all(not squash(x.text) for x in row.cells):
                continue
            t = _term(_t(c.get(Role.TERM)))
            if t:
                term = t
            number = number_of(_t(c.get(Role.SERIAL))) if _t(c.get(Role.SERIAL)) else \
                str(len([r for r in rows if r.term == term]) + 1)
            plan_raw = c.get(Role.PLAN).text if c.get(Role.PLAN) else ""
            actions: tuple[str, ...] = ()
            plan_text = squash(plan_raw)
            if re.search(r"[●•]|<li|<ul", plan_raw):
                # a bullet list of ongoing work; text before the first bullet is the plan
                head, *items = re.split(r"[●•]", _TAGS.sub(" ", plan_raw))
                actions = tuple(squash(a) for a in items if squash(a))
                plan_text = squash(head)
            qcell = c.get(Role.QUANTITY)
            pcell = c.get(Role.PERIOD)
            period = _t(pcell)
            quantity = None
            qtext = _t(qcell)
            if qtext and _period(qtext) and not period:
                period, pcell = qtext, qcell
                sink.add(FlagCode.SHIFTED, f"work item {term} {number} / period", qcell,
                         "সারিতে সংখ্যার ঘর নেই: সময়কাল সংখ্যার কলামে পড়েছে",
                         "the row has no quantity cell: the period stands in the quantity column",
                         kept=period)
                qtext = ""
            if qtext:
                quantity = _quantity(qtext, qcell, f"work item {term} {number} / quantity", sink)
            rows.append(_WorkRow(term, number, _t(c.get(Role.SUBJECT)), plan_text, actions,
                                 quantity, period, pcell if period else None, row.cells[0]))
            part_of.append(part)
    # merged period cells: a group's period applies to its rows without one
    out: list[WorkItem] = []
    by_term: dict[str, list[_WorkRow]] = {}
    for r in rows:
        by_term.setdefault(r.term, []).append(r)
    for term_rows in by_term.values():
        last_part = part_of[rows.index(term_rows[-1])]
        lines = after_text[last_part] if last_part < len(after_text) else []
        after = [" ".join(lines[i:j]) for i in range(len(lines))
                 for j in range(i + 1, min(i + 3, len(lines)) + 1)]
        period = next((r for r in term_rows if r.period), None)
        for r in term_rows:
            if r.period:
                continue
            if period is not None:
                r.period = period.period
                sink.add(FlagCode.MERGED_CELL, f"work item {r.term} {r.number} / period",
                         period.period_cell,
                         f"একত্র-করা ঘর: দলের প্রথম সারির সময়কাল “{period.period}” এই সারিতেও",
                         f"merged cell: the period of the group's first row “{period.period}” "
                         "applies to this row", kept=period.period)
            else:
                found = next((a for a in after if _period(a)), None)
                if found:
                    r.period = found
                    sink.add(FlagCode.PERIOD_AFTER_TABLE, f"work item {r.term} {r.number} / period",
                             r.first_cell,
                             f"এই দলের সময়কালের ঘর খালি; সারণির পরে লেখা “{found}” ধরা হয়েছে",
                             f"the group's period cell is empty; “{found}”, written after the "
                             "table, is applied", kept=found)
    for r in rows:
        span = _period(r.period) if r.period else None
        out.append(WorkItem(term=r.term, number=r.number, subject=r.subject, plan=r.plan,
                            actions=r.actions, quantity=r.quantity, period=r.period,
                            period_start=span[0] if span else None,
                            period_end=span[1] if span else None))
    return out


def _quantity(text: str, cell: Cell | None, place: str, sink: Sink) -> Quantity | None:
    core = re.sub(r"\s*\(.*\)\s*$", "", text).strip()
    try:
        q = parse_quantity(core)
    except InputError:
        m = re.match(rf"^([{DIGIT}][{DIGIT},.]*)\s*([^{DIGIT}]+)$", core)
        if m:  # "২০ টি নতুন ইনোভেশন আইডিয়া": a number and the words of its unit
            q = Quantity(Decimal(to_latin_digits(m[1]).replace(",", "")), m[2].strip(), "", core)
            return Quantity(q.value, q.unit_label, "", text)
        sink.add(FlagCode.UNREADABLE, place, cell, "সংখ্যাটি পড়া যায়নি: লেখা হিসেবে রাখা হয়েছে",
                 "the quantity could not be read: kept as text only", kept=text)
        return Quantity(None, "", "", text)
    if core != text:
        sink.add(FlagCode.QUANTITY_TEXT, place, cell,
                 "বন্ধনীর ভেতরের কথা কেবল লেখায় রাখা হয়েছে; মান প্রথম সংখ্যাটি",
                 "the words in brackets are kept in the text only; the value is the leading "
                 "number", kept=f"{q.value} {q.unit_label}".strip())
    return Quantity(q.value, q.unit_label, q.expression, text)


# ---------------------------------------------------------------- register (seed 004)

_YES = ("আছে", "হ্যাঁ", "চালু", "কার্যকর", "yes")
_GETS = ("পাচ্ছে", "হ্যাঁ", "yes")
_NO = ("নেই", "না", "no", "পাচ্ছে না", "চালু নেই")
_DATE_IN_TEXT = re.compile(rf"[{DIGIT}]{{1,2}}[/.\-][{DIGIT}]{{1,2}}[/.\-][{DIGIT}]{{2,4}}")


def read_register(segments: Segments, sink: Sink) -> list[RegisterEntry]:
    entries: list[dict[str, object]] = []
    for table, header, start in segments:
        for row in table.rows[start:]:
            c = _cells(row, header)
            if all(not squash(x.text) for x in row.cells):
                continue
            serial = _t(c.get(Role.SERIAL))
            if not serial and entries:
                last = entries[-1]
                for role, key in ((Role.NAME, "name"), (Role.DESCRIPTION, "description"),
                                  (Role.REMARKS, "remarks"), (Role.LINK, "link")):
                    more = _t(c.get(role))
                    if more:
                        last[key] = f"{last[key]} {more}".strip()
                sink.add(FlagCode.TEXT_JOINED, f"register {last['number']}", row.cells[0],
                         "পরের পাতায় বাকি অংশ (ক্রমিক নম্বর ছাড়া): আগের সারির সাথে জোড়া হয়েছে",
                         "continued on the next page (a row without a number): joined to the row "
                         "before")
                continue
            entries.append({
                "number": number_of(serial) if re.search(f"[{DIGIT}]", serial) else serial,
                "name": _t(c.get(Role.NAME)),
                "description": _t(c.get(Role.DESCRIPTION)),
                "working": _t(c.get(Role.WORKING)),
                "working_cell": c.get(Role.WORKING),
                "result": _t(c.get(Role.RESULT)),
                "link": _t(c.get(Role.LINK)).replace(" ", ""),
                "remarks": _t(c.get(Role.REMARKS)),
            })
    out = []
    for e in entries:
        working_text = str(e["working"])
        working: bool | None
        reason = ""
        if not working_text or is_blank_mark(working_text):
            working = None
        elif any(working_text.startswith(w) for w in _NO):
            working = False
            # "নেই — পাইলটিং কার্যক্রম চলমান": Kormo's own register prints the reason after
            # the answer
            _, dash, why = working_text.partition(" — ")
            reason = why.strip() if dash else ""
        elif any(working_text.startswith(w) for w in _YES):
            working = True
        else:
            working, reason = False, working_text
            sink.add(FlagCode.REGISTER_REASON, f"register {e['number']} / working",
                     e["working_cell"],  # type: ignore[arg-type]
                     "“কার্যকর আছে কি-না / না থাকলে কারণ” কলামে একটি কারণ লেখা: কার্যকর নয় ধরা হয়েছে",
                     "the “working? / if not, why” column holds a reason: read as not working",
                     kept=reason)
        result_text = str(e["result"])
        result: bool | None = None
        if result_text and not is_blank_mark(result_text):
            if any(result_text.startswith(w) for w in ("পাচ্ছে না", "না", "no")):
                result = False
            elif any(result_text.startswith(w) for w in _GETS):
                result = True
        remarks = str(e["remarks"])
        order_date = None
        if "আদেশ" in remarks:
            m = _DATE_IN_TEXT.search(remarks)
            if m:
                try:
                    order_date = parse_date(m[0])
                except InputError:
                    order_date = None
        out.append(RegisterEntry(
            number=str(e["number"]), name=str(e["name"]), description=str(e["description"]),
            working=working, not_working_reason=reason, recipients_get_result=result,
            link=str(e["link"]), order_date=order_date, remarks=remarks))
    return out


# ---------------------------------------------------------------- e-Nothi evidence (seed 004)

@dataclass(slots=True)
class ENothi:
    inputs: dict[str, Decimal] = field(default_factory=dict)
    total_cell: Cell | None = None


_ENOTHI_COUNT = re.compile(rf"নিষ্পত্তির\s*সংখ্যা\s*[=:]\s*([{DIGIT},]+)")


def read_enothi(segments: Segments, paragraphs: list[str], sink: Sink) -> ENothi:
    """Hard files per branch, their total, and the e-disposal count written under the table
    (DOMAIN.md: e-Nothi rate = e / (e + h) × 100)."""
    ev = ENothi()
    branch_sum = Decimal(0)
    total: Decimal | None = None
    for table, header, start in segments:
        for row in table.rows[start:]:
            c = _cells(row, header)
            files = _t(c.get(Role.HARD_FILES))
            value = _plain(files)
            if value is None:
                continue
            serial = _t(c.get(Role.SERIAL))
            branch = _t(c.get(Role.BRANCH))
            if not serial and ("মোট" in branch or "total" in branch.casefold()):
                total = value
                ev.total_cell = c.get(Role.HARD_FILES)
                continue
            n = number_of(serial) if serial else str(len(ev.inputs) + 1)
            ev.inputs[f"hard_files_branch_{n}"] = value
            branch_sum += value
    if total is not None:
        if total != branch_sum:
            sink.add(FlagCode.TOTAL_DIFFERS, "e-Nothi / hard_file_disposals", ev.total_cell,
                     f"শাখাগুলোর যোগফল {branch_sum}, কিন্তু সর্বমোট লেখা {total}: লেখা সর্বমোট রাখা হয়েছে",
                     f"the branches add up to {branch_sum} but the total reads {total}: the "
                     "written total is kept", kept=str(total))
        ev.inputs["hard_file_disposals"] = total
    elif ev.inputs:
        ev.inputs["hard_file_disposals"] = branch_sum
    for text in paragraphs:
        m = _ENOTHI_COUNT.search(text)
        if m:
            e = _plain(m[1])
            if e is not None:
                ev.inputs = {"e_disposals": e, **ev.inputs}
                break
    return ev


def _plain(text: str) -> Decimal | None:
    t = to_latin_digits(text).replace(",", "").strip()
    return Decimal(t) if re.fullmatch(r"\d+(?:\.\d+)?", t) else None


# ---------------------------------------------------------------- APA section 2 and annexes


def read_outcomes(segments: Segments, fy: FiscalYear | None, sink: Sink) -> list[Outcome]:
    out: list[Outcome] = []
    outcome = ""
    for table, header, start in segments:
        for r, row in enumerate(table.rows[start:]):
            c = _cells(row, header)
            if all(not squash(x.text) for x in row.cells):
                continue
            if _t(c.get(Role.OUTCOME)):
                outcome = _t(c.get(Role.OUTCOME))
            ind = _t(c.get(Role.INDICATOR))
            if not ind:
                continue
            unit_text = _t(c.get(Role.UNIT))
            unit = unit_of(unit_text) or Unit.COUNT
            place = f"outcome {len(out) + 1}"
            actuals, projections = [], []
            for index, cell in enumerate(row.cells):
                col = header.role_at(index)
                if col is None or col.role not in (Role.ACTUAL, Role.PROJECTION):
                    continue
                year = col.year or ""
                value = read_value(cell, unit=unit, fy=parse_fy(year), place=f"{place} / {year}",
                                   sink=sink)
                if col.role is Role.ACTUAL:
                    actuals.append(YearValue(year, value, col.provisional))
                else:
                    projections.append(YearValue(year, value))
            out.append(Outcome(
                outcome=outcome, indicator=ind, unit=unit, unit_label=unit_text,
                actuals=tuple(actuals),
                target=read_value(c.get(Role.TARGET), unit=unit, fy=fy, place=f"{place} / target",
                                  sink=sink),
                projections=tuple(projections),
                joint_responsibility=_t(c.get(Role.JOINT)),
                data_source=_t(c.get(Role.DATA_SOURCE)),
            ))
            del r
    return out


def read_acronyms(segments: Segments) -> list[Acronym]:
    out = []
    for table, header, start in segments:
        for row in table.rows[start:]:
            c = _cells(row, header)
            short, meaning = _t(c.get(Role.SHORT)), _t(c.get(Role.MEANING))
            if short:
                out.append(Acronym(short, meaning))
    return out


def read_annex2(segments: Segments) -> dict[str, tuple[str, str]]:
    """Indicator number → (implementing unit, evidence)."""
    out: dict[str, tuple[str, str]] = {}
    for table, header, start in segments:
        for row in table.rows[start:]:
            c = _cells(row, header)
            items = bracket_items(_t(c.get(Role.INDICATOR)))
            for item in items:
                if item.depth == 3:
                    out[item.number] = (_t(c.get(Role.IMPL_UNIT)), _t(c.get(Role.EVIDENCE)))
    return out


@dataclass(frozen=True, slots=True)
class Annex3Row:
    activity: str
    indicator: str
    dependency: Dependency
    cell: Cell
    number: str = ""  # the indicator's number, when the annex prints one ("[১.১.১] …")


def _unnumbered(text: str) -> tuple[str, str]:
    """("[১.১.১] প্রশিক্ষণার্থী") → ("1.1.1", "প্রশিক্ষণার্থী"); text without a number as is."""
    items = bracket_items(text)
    if len(items) == 1 and items[0].bracketed:
        return items[0].number, items[0].text
    return "", text


def read_annex3(segments: Segments) -> list[Annex3Row]:
    """The rows of annex 3. The form prints no numbers (seed 000: rows are matched to
    indicators by their words); Kormo's own documents print them, and then they decide."""
    out = []
    for table, header, start in segments:
        for row in table.rows[start:]:
            c = _cells(row, header)
            offices = _t(c.get(Role.DEP_OFFICES))
            if not offices:
                continue
            _, activity = _unnumbered(_t(c.get(Role.ACTIVITY)))
            number, indicator = _unnumbered(_t(c.get(Role.INDICATOR)))
            out.append(Annex3Row(activity, indicator,
                                 Dependency(offices, _t(c.get(Role.DEP_STRATEGY)),
                                            activity_text=activity, indicator_text=indicator),
                                 c.get(Role.ACTIVITY) or row.cells[0],
                                 number if number.count(".") == 2 else ""))
    return out


def similarity(a: str, b: str) -> float:
    """How alike two names are (0-1), spelling variants (উদ্যাপন/উদযাপন) counting as near."""
    return SequenceMatcher(None, squash(a), squash(b)).ratio()
