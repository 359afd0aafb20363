"""The corrections a person types on the review page read back into the plans (Bengali or Latin
digits through `numerals.parse_cell`), and the source notes a saved plan keeps.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import ClassVar

from kormo.domain.calendar import FiscalYear
from kormo.domain.cells import parse_cell
from kormo.domain.digits import normalize_text, to_bengali_digits
from kormo.domain.errors import CodedError, InputError
from kormo.domain.numerals import parse_number
from kormo.domain.plan import (
    LEVEL_PERCENTS,
    Indicator,
    Plan,
    ProgressValue,
    Quarter,
    SourceNote,
    TargetLevels,
    Unit,
    YearValue,
    indicator_ref,
)
from kormo.domain.values import Value
from kormo.importers.result import Flag
from kormo.importers.review.grid import (
    _area_label,
    _text_of,
    indicator_value,
)
from kormo.importers.review.places import (
    _FIELD,
    KEY_PREFIX,
    QUARTERS,
    TEXT_FIELDS,
    field_names,
    flag_place,
    plan_place,
)


@dataclass(frozen=True, slots=True)
class Problem:
    """A correction that cannot be read: the cell's key and why, naming the cell."""

    key: str
    bn: str
    en: str


@dataclass(frozen=True, slots=True)
class Change:
    """A correction made on the review page: the cell, its place as flags write it, and the
    value before and after (as Latin text, for the plan's source notes)."""

    key: str
    plan: int
    place: str
    before: str
    after: str

    def to_json(self) -> dict[str, object]:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> Change:
        return cls(str(raw["key"]), int(raw["plan"]),  # type: ignore[call-overload]
                   str(raw["place"]), str(raw["before"]), str(raw["after"]))


class CorrectionCode(StrEnum):
    UNREADABLE = "UNREADABLE"


class CorrectionError(CodedError):
    """Some typed corrections cannot be read (`problems`, one per cell); nothing was changed."""

    MESSAGES: ClassVar[Mapping[Enum, tuple[str, str]]] = {
        CorrectionCode.UNREADABLE: ("{first_bn}{more_bn}", "{first_en}{more_en}"),
    }

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        first, more = self.problems[0], len(self.problems) - 1
        super().__init__(
            CorrectionCode.UNREADABLE, first.key, first_bn=first.bn, first_en=first.en,
            more_bn=f" (এবং আরও {to_bengali_digits(str(more))}টি)" if more else "",
            more_en=f" (and {more} more)" if more else "")


def _unchanged(typed: str, value: object) -> bool:
    """The text still is what the page showed (in either language's digits)."""
    norm = normalize_text(typed)
    return any(norm == normalize_text(_text_of(value, lang)) for lang in ("bn", "en"))


def _fy_of(year: str) -> FiscalYear | None:
    try:
        return FiscalYear.parse(year)
    except InputError:
        return None


def _read(text: str, kind: str, unit: Unit | None, year: str) -> object:
    norm = normalize_text(text)
    if kind == "text":
        return " ".join(text.split())
    if not norm:
        return None
    if kind == "number":
        return parse_number(norm)
    # With the unit লক্ষ টাকা a typed "১২,০০০/-" stays money as written (as in the editor,
    # `plans.sheet`): converting it to lakhs would change what the office wrote.
    hint = None if unit is Unit.LAKH_TAKA else unit
    return parse_cell(norm, hint, _fy_of(year))


def _ref_text(target: str, plan: Plan) -> tuple[str, str]:
    if target == "plan":
        return "", ""
    if target.startswith("area"):
        area = plan.areas[int(target[4:])]
        label = _area_label(area)
        return f"ক্ষেত্র [{to_bengali_digits(label)}] ", f"area [{label}] "
    return f"[{to_bengali_digits(target)}] ", f"[{target}] "


def _with_indicator(plan: Plan, ref: str, fn) -> Plan:  # type: ignore[no-untyped-def]
    areas = []
    for area in plan.areas:
        acts = []
        for act in area.activities:
            inds = tuple(fn(i) if indicator_ref(area, i) == ref else i for i in act.indicators)
            acts.append(dataclasses.replace(act, indicators=inds))
        areas.append(dataclasses.replace(area, activities=tuple(acts)))
    return dataclasses.replace(plan, areas=tuple(areas))


def _set_year(values: Sequence[YearValue], year: str, value: Value | None) -> tuple[YearValue, ...]:
    out = [dataclasses.replace(v, value=value) if v.fiscal_year == year else v for v in values]
    if not any(v.fiscal_year == year for v in values):
        out.append(YearValue(year, value))
    return tuple(out)


def _set_indicator(ind: Indicator, fld: str, value: object) -> Indicator:
    if fld in ("weight", *TEXT_FIELDS):
        return dataclasses.replace(ind, **{fld: value})
    if fld.startswith("levels."):
        pairs = dict(ind.levels.as_pairs())
        pairs[int(fld.split(".", 1)[1])] = value  # type: ignore[assignment]
        return dataclasses.replace(ind, levels=TargetLevels(*(pairs[p] for p in LEVEL_PERCENTS)))
    if fld == "annual_target":
        return dataclasses.replace(ind, annual_target=value)
    if re.fullmatch(r"Q[1-4]", fld):
        q = Quarter(fld)
        targets = dict(ind.quarterly_targets)
        if value is None:
            targets.pop(q, None)
        else:
            targets[q] = value  # type: ignore[assignment]
        return dataclasses.replace(ind, quarterly_targets=tuple(
            (x, targets[x]) for x in QUARTERS if x in targets))
    kind, _, year = fld.partition(".")
    return dataclasses.replace(ind, **{kind: _set_year(getattr(ind, kind), year, value)})


def _set_progress(plan: Plan, ref: str, quarter: str, value: Value | None) -> Plan:
    q = Quarter(quarter)
    found = False
    out: list[ProgressValue] = []
    for p in plan.progress:
        if p.indicator == ref and p.quarter is q:
            found = True
            if value is not None:
                out.append(dataclasses.replace(p, value=value))
        else:
            out.append(p)
    if not found and value is not None:
        out.append(ProgressValue(ref, q, value))
    return dataclasses.replace(plan, progress=tuple(out))


def _latin(value: object) -> str:
    return _text_of(value, "en")


def apply_corrections(plans: Sequence[Plan], typed: Mapping[str, str]
                      ) -> tuple[list[Plan], list[Change]]:
    """The plans with the typed corrections, and what changed. Only cells whose text differs
    from what the page showed are read; an unreadable one raises `CorrectionError` naming every
    such cell, and then nothing is changed."""
    out = list(plans)
    changes: list[Change] = []
    problems: list[Problem] = []
    for key, text in typed.items():
        if not key.startswith(KEY_PREFIX):
            continue
        parts = key[len(KEY_PREFIX):].split(":")
        if len(parts) != 3 or not parts[0].isdigit() or int(parts[0]) >= len(out):
            continue
        index, target, fld = int(parts[0]), parts[1], parts[2]
        plan = out[index]
        bn, en = _ref_text(target, plan)
        names = field_names(fld)
        try:
            if target == "plan" and fld == "total_weight":
                if _unchanged(text, plan.total_weight):
                    continue
                new = _read(text, "number", None, plan.fiscal_year)
                changes.append(Change(key, index, "total_weight", _latin(plan.total_weight),
                                      _latin(new)))
                out[index] = dataclasses.replace(plan, total_weight=new)  # type: ignore[arg-type]
                continue
            if target.startswith("area") and target[4:].isdigit() and fld == "weight":
                ai = int(target[4:])
                if ai >= len(plan.areas):
                    continue
                area = plan.areas[ai]
                if _unchanged(text, area.weight):
                    continue
                new = _read(text, "number", None, plan.fiscal_year)
                changes.append(Change(key, index, f"area {area.number} / weight",
                                      _latin(area.weight), _latin(new)))
                areas = list(plan.areas)
                areas[ai] = dataclasses.replace(area, weight=new)  # type: ignore[arg-type]
                out[index] = dataclasses.replace(plan, areas=tuple(areas))
                continue
            ind = plan.indicator(target)
            if ind is None or not _FIELD.match(fld):
                continue
            old = indicator_value(plan, target, ind, fld)
            if _unchanged(text, old):
                continue
            kind = "number" if fld == "weight" else "text" if fld in TEXT_FIELDS else "value"
            year = fld.split(".", 1)[1] if fld.startswith(("actuals.", "projections.")) \
                else plan.fiscal_year
            new = _read(text, kind, ind.unit, year)
            if fld == "name" and not new:
                raise InputError("সূচকের নাম খালি রাখা যায় না", "the indicator's name cannot be "
                                 "empty")
            changes.append(Change(key, index, f"{target} / {fld}", _latin(old), _latin(new)))
            if fld.startswith("progress."):
                out[index] = _set_progress(plan, target, fld.split(".", 1)[1],
                                           new)  # type: ignore[arg-type]
            else:
                out[index] = _with_indicator(plan, target,
                                             lambda i, f=fld, v=new: _set_indicator(i, f, v))
        except InputError as exc:
            problems.append(Problem(key, f"{bn}{names[0]}: {exc.bn}", f"{en}{names[1]}: {exc.en}"))
    if problems:
        raise CorrectionError(problems)
    return out, changes


def merge_changes(earlier: Sequence[Change], later: Sequence[Change]) -> list[Change]:
    """Corrections of several rounds of checking: one per cell, from the first value read to
    the last one typed."""
    merged: dict[str, Change] = {c.key: c for c in earlier}
    for c in later:
        first = merged.get(c.key)
        merged[c.key] = dataclasses.replace(c, before=first.before) if first else c
    return [c for c in merged.values() if c.before != c.after]


# ---------------------------------------------------------------- what the plan keeps


def source_notes(plan: Plan, index: int, flags: Sequence[Flag],
                 changes: Sequence[Change]) -> tuple[SourceNote, ...]:
    """The plan's source notes after review: its own, one per flag of the plan or of the
    document (the reason in English and Bengali, the value kept, the cell as written and where),
    and one per correction made on the review page."""
    notes = list(plan.source_notes)
    mine = [c for c in changes if c.plan == index]
    corrected = {c.place: c for c in mine}
    done: set[str] = set()
    for f in flags:
        p = flag_place(f.place)
        if p.plan not in (index, None):
            continue
        place = plan_place(f.place)
        parts = [f.reason_en]
        if f.kept:
            parts.append(f"kept “{f.kept}”")
        if f.written and f.written != f.kept:
            parts.append(f"written “{f.written}”")
        label = f.source.label()
        if label != "document":
            parts.append(label)
        text = "; ".join(parts) + f". — {f.reason_bn} [{f.code.value}]"
        change = corrected.get(place)
        if change is not None:
            done.add(place)
            text = f"Corrected on review from “{change.before}” to “{change.after}”. " + text
        notes.append(SourceNote(place, text))
    for c in mine:
        if c.place not in done:
            notes.append(SourceNote(c.place, f"Corrected on review from “{c.before}” to "
                                             f"“{c.after}”."))
    return tuple(notes)
