"""Where things are: a cell's key on the review page, field names in both languages, a flag's
place in the plan ("plan 0 / 2.1.1 / levels.70") and in the file, and the cell a flag is on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kormo.domain.digits import to_bengali_digits
from kormo.domain.plan import (
    LEVEL_PERCENTS,
    Plan,
    Quarter,
)
from kormo.importers.readers.model import Position
from kormo.importers.result import Flag

QUARTERS = tuple(Quarter)
LEVEL_FIELDS = tuple(f"levels.{p}" for p in LEVEL_PERCENTS)
TARGET_FIELDS = ("annual_target", *(q.value for q in QUARTERS))
PROGRESS_FIELDS = tuple(f"progress.{q.value}" for q in QUARTERS)
TEXT_FIELDS = ("name", "responsible")
_FIELD = re.compile(r"^(weight|name|responsible|annual_target|Q[1-4]|levels\.(100|90|80|70|60)"
                    r"|progress\.Q[1-4]|(actuals|projections)\.\d{4}-\d{2})$")
KEY_PREFIX = "cell:"


def cell_key(plan: int, target: str, field_name: str) -> str:
    return f"{KEY_PREFIX}{plan}:{target}:{field_name}"


def anchor(text: str) -> str:
    """An HTML id made of the key's parts (ids must not hold spaces; dots confuse CSS)."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", text)


# ---------------------------------------------------------------- names of fields


def field_names(field_name: str) -> tuple[str, str]:
    """(Bengali, English) name of a field, for messages that name the cell."""
    if field_name.startswith("levels."):
        p = field_name.split(".", 1)[1]
        return f"লক্ষ্যমাত্রা {to_bengali_digits(p)}%", f"target {p}%"
    if field_name.startswith("progress.Q"):
        n = field_name[-1]
        return f"{to_bengali_digits(n)}ম কোয়ার্টারের অর্জন", f"achievement Q{n}"
    if re.fullmatch(r"Q[1-4]", field_name):
        n = field_name[-1]
        return f"{to_bengali_digits(n)}ম কোয়ার্টারের লক্ষ্যমাত্রা", f"target Q{n}"
    if field_name.startswith("actuals."):
        y = field_name.split(".", 1)[1]
        return f"প্রকৃত অর্জন {to_bengali_digits(y)}", f"actual {y}"
    if field_name.startswith("projections."):
        y = field_name.split(".", 1)[1]
        return f"প্রক্ষেপণ {to_bengali_digits(y)}", f"projection {y}"
    return {
        "weight": ("মান", "weight"),
        "name": ("সূচকের নাম", "indicator's name"),
        "responsible": ("দায়িত্বপ্রাপ্ত ব্যক্তি/পদ", "responsible person/post"),
        "annual_target": ("বার্ষিক লক্ষ্যমাত্রা", "annual target"),
        "total_weight": ("মোট মান", "total weight"),
    }.get(field_name, (field_name, field_name))


# ---------------------------------------------------------------- flags → places


@dataclass(frozen=True, slots=True)
class FlagPlace:
    """Where a flag points in the plans: plan index (None: the document), the target and the
    field as the flag's place writes them ("plan 0 / 2.1.1 / levels.70" → 0, "2.1.1",
    "levels.70")."""

    plan: int | None
    target: str
    field: str


def flag_place(place: str) -> FlagPlace:
    m = re.match(r"^plan (\d+)(?: / (.*))?$", place)
    if not m:
        return FlagPlace(None, place, "")
    rest = (m[2] or "").split(" / ", 1)
    return FlagPlace(int(m[1]), rest[0], rest[1] if len(rest) > 1 else "")


def plan_place(place: str) -> str:
    """A flag's place within its plan ("plan 0 / 2.1.1 / Q1" → "2.1.1 / Q1")."""
    p = flag_place(place)
    if p.plan is None:
        return place
    return " / ".join(x for x in (p.target, p.field) if x) or "plan"


_ROW_FIELDS = {
    "levels": ("লক্ষ্যমাত্রা", "target levels"),
    "dependency": ("সংযোজনী ৩", "annex 3"),
    "remarks": ("মন্তব্য", "remarks"),
    "progress": ("অর্জন", "achievements"),
    "score": ("অর্জিত মান", "score"),
    "total": ("মোট অর্জন", "total achievement"),
    "weight": ("মান", "weight"),
}


def place_label(place: str, lang: str) -> str:
    """A flag's place as a person reads it: "[২.১.১] লক্ষ্যমাত্রা ৭০%" / "[2.1.1] target 70%";
    places of other kinds ("office", "work item long 1") as written, in the page's digits."""
    p = flag_place(place)
    fld = p.field.split(" / ")[0]
    i = 0 if lang == "bn" else 1
    if p.plan is not None and re.fullmatch(r"G?\d+(\.\d+)*", p.target):
        target = f"[{p.target}]"
        if fld and _FIELD.match(fld):
            text = f"{target} {field_names(fld)[i]}"
        elif fld in _ROW_FIELDS:
            text = f"{target} {_ROW_FIELDS[fld][i]}"
        else:
            text = " / ".join(x for x in (target, p.field) if x)
    elif p.plan is not None and p.target == "total_weight":
        text = field_names("total_weight")[i]
    elif p.plan is not None and re.fullmatch(r"area \d+", p.target):
        words = ("ক্ষেত্র", "area")[i]
        text = f"{words} [{p.target[5:]}]" + (f" {_ROW_FIELDS[fld][i]}" if fld in _ROW_FIELDS
                                              else f" / {p.field}" if p.field else "")
    elif place == "document":
        text = ("নথি", "document")[i]
    else:
        text = plan_place(place)
    return to_bengali_digits(text) if lang == "bn" else text


def position_label(position: Position, lang: str) -> str:
    """Where a cell is in the file, for people (counted from 1): "সারণি ৫, সারি ৫, কলাম ১৪
    (লাইন ১৪৩)" / "table 5, row 5, column 14 (line 143)"; page (PDF) and sheet (Excel) too."""
    words = {"sheet": ("শিট", "sheet"), "page": ("পৃষ্ঠা", "page"), "table": ("সারণি", "table"),
             "row": ("সারি", "row"), "column": ("কলাম", "column"), "line": ("লাইন", "line")}
    i = 0 if lang == "bn" else 1
    parts = []
    if position.sheet:
        parts.append(f"{words['sheet'][i]} {position.sheet}")
    if position.page is not None:
        parts.append(f"{words['page'][i]} {position.page}")
    for key in ("table", "row", "column"):
        value = getattr(position, key)
        if value is not None:
            parts.append(f"{words[key][i]} {value + 1}")
    text = ", ".join(parts)
    if position.line is not None:
        line = f"{words['line'][i]} {position.line}"
        text = f"{text} ({line})" if text else line
    return to_bengali_digits(text) if lang == "bn" else text


def _area_targets(plan: Plan) -> dict[str, int]:
    """"area 1" (and "Garea 1" for the governance area) → the area's index; the office's own
    area wins when both number from 1 (the flags of areas carry no G)."""
    out: dict[str, int] = {}
    for i, area in enumerate(plan.areas):
        out.setdefault(f"area {area.number}", i)
        if area.kind.value == "governance":
            out.setdefault(f"Garea {area.number}", i)
    return out


@dataclass(frozen=True, slots=True)
class Spot:
    """Where a flag lands in the grid: a cell (`key`), or only a row (`row`), or neither."""

    key: str = ""
    row: str = ""


def flag_spot(plan: Plan, index: int, flag: Flag) -> Spot:
    """The grid cell (or row) a flag of plan `index` points at."""
    p = flag_place(flag.place)
    if p.plan != index:
        return Spot()
    refs = plan.indicator_refs()
    if p.target in refs:
        row = f"{index}:{p.target}"
        fld = p.field.split(" / ")[0]
        if _FIELD.match(fld):
            return Spot(cell_key(index, p.target, fld), row)
        return Spot("", row)
    areas = _area_targets(plan)
    if p.target in areas:
        row = f"{index}:area{areas[p.target]}"
        if p.field == "weight":
            return Spot(cell_key(index, f"area{areas[p.target]}", "weight"), row)
        return Spot("", row)
    if p.target == "total_weight":
        return Spot(cell_key(index, "plan", "total_weight"), "")
    for area in plan.areas:
        for act in area.activities:
            if act.number == p.target:
                return Spot("", f"{index}:act{act.number}")
    return Spot()
