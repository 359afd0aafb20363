"""What differs between two domain plans: one pure engine, two views of its result.

The engine, `cell_changes`, flattens each plan into cells keyed by a readable place (areas,
activities and indicators by their number as printed: "[1.1.1] levels 100", "[G1.1.1] actuals
2021-22"; other lists by position: "outcomes 2 target"), skips the parts equal in both, and
lists the cells that differ. The history keeps them as they are (`plan_changes`: at most
`MAX_PLAN_CHANGES` in one record); the compare page of two versions groups them by area and
indicator (`diff_plans` → `PlanDiff`: items added, removed and changed, each change a field
with its value before and after as plain data).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kormo.domain import plan as d
from kormo.domain.planformat import plan_to_dict, value_to_json

__all__ = [
    "MAX_PLAN_CHANGES",
    "CellChange",
    "FieldChange",
    "ItemChange",
    "PlanChanges",
    "PlanDiff",
    "cell_changes",
    "diff_plans",
    "plan_changes",
]


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class ItemChange:
    """An added, removed or changed area or indicator: its key ("1.1.1", "G1.1.1") and name."""

    key: str
    name: str
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanDiff:
    """What differs between two versions of a plan (`plan_compare`)."""

    plan_fields: tuple[FieldChange, ...] = ()
    areas_added: tuple[ItemChange, ...] = ()
    areas_removed: tuple[ItemChange, ...] = ()
    areas_changed: tuple[ItemChange, ...] = ()
    indicators_added: tuple[ItemChange, ...] = ()
    indicators_removed: tuple[ItemChange, ...] = ()
    indicators_changed: tuple[ItemChange, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in dataclasses.fields(self))


_PLAN_FIELDS = ("title", "subtitle", "office", "office_tier", "supervisor", "total_weight",
                "preamble", "vision", "mission", "functions", "commitments")
_AREA_FIELDS = ("name", "weight", "choose_at_least", "note")
_INDICATOR_FIELDS = ("name", "unit", "unit_label", "weight", "calculation_method", "levels",
                     "annual_target", "quarterly_targets", "actuals", "projections",
                     "responsible", "implementing_unit", "evidence", "feeds_from",
                     "fallback_for", "derivation", "remarks")


def _plain(value: Any) -> Any:
    """A field's value as plain data for the diff (typed values as the plan format writes)."""
    if isinstance(value, d.TargetLevels):
        return {str(p): value_to_json(v) for p, v in value.as_pairs() if v is not None}
    if isinstance(value, d.YearValue):
        return {"fiscal_year": value.fiscal_year, "value": value_to_json(value.value),
                "provisional": value.provisional}
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, StrEnum):
        return value.value
    if dataclasses.is_dataclass(value):
        return value_to_json(value)  # type: ignore[arg-type]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _field_changes(a: Any, b: Any, names: Iterable[str]) -> tuple[FieldChange, ...]:
    out = []
    for name in names:
        before, after = _plain(getattr(a, name)), _plain(getattr(b, name))
        if before != after:
            out.append(FieldChange(name, before, after))
    return tuple(out)


# ---------------------------------------------------------------- the engine

# A whole plan rewritten (a pasted table) is kept as its first cells and a count, so one
# record stays small enough for the history page.
MAX_PLAN_CHANGES = 200
_LABEL_PLACES = 6
# The plan format writes a typed value as a one-key object ({"percent": 85}): one cell.
_TYPED_KEYS = frozenset({"percent", "money", "date", "month", "blank", "not_applicable"})
# Kept apart from the plan's content: progress has its own records (progress.record).
_NOT_CONTENT = frozenset({"progress"})


@dataclass(frozen=True, slots=True)
class CellChange:
    """One cell of a plan's content that differs: its place ("[1.1.1] weight") and values."""

    place: str
    before: Any
    after: Any


@dataclass(frozen=True, slots=True)
class PlanChanges:
    """The changed cells of a plan: place → value before, place → value after (None: absent),
    in plan order, at most MAX_PLAN_CHANGES of them (`more` counts the rest)."""

    before: dict[str, Any]
    after: dict[str, Any]
    places: tuple[str, ...]
    more: int = 0

    def __bool__(self) -> bool:
        return bool(self.places)

    @property
    def label(self) -> str:
        """The changed places for the history page's "Item" column ("[1.1.1] weight, ...")."""
        shown = ", ".join(self.places[:_LABEL_PLACES])
        rest = len(self.places) - _LABEL_PLACES + self.more
        return f"{shown} … (+{rest})" if rest > 0 else shown


def _plan_cells(plan: d.Plan) -> dict[str, Any]:
    """The plan as flat cells keyed by a readable place: areas, activities and indicators by
    their number as printed ("[1.1.1] levels 100", "[G1.1.1] actuals 2021-22"), year values
    by fiscal year, other lists by position from 1 ("outcomes 2 target")."""
    cells: dict[str, Any] = {}

    def put(place: str, value: Any) -> None:
        key, n = place, 1
        while key in cells:  # a number repeated in a damaged document
            n += 1
            key = f"{place} #{n}"
        cells[key] = value

    def walk(place: str, value: Any) -> None:
        if isinstance(value, Mapping) and not (len(value) == 1 and set(value) <= _TYPED_KEYS):
            for k, v in value.items():
                walk(f"{place} {k}".strip(), v)
        elif isinstance(value, list):
            if value and all(isinstance(v, Mapping) and "fiscal_year" in v for v in value):
                # An empty year (a column the editor adds) says nothing, provisional or not.
                for v in value:
                    if v.get("value") is not None:
                        walk(f"{place} {v['fiscal_year']}",
                             {k: x for k, x in v.items() if k != "fiscal_year"})
            else:
                for i, v in enumerate(value, 1):
                    walk(f"{place} {i}", v)
        else:
            put(place, value)

    doc = plan_to_dict(plan)
    for key, value in doc.items():
        if key == "areas" or key in _NOT_CONTENT:
            continue
        walk(key, value)
    for area in doc.get("areas", []):
        g = "G" if area.get("kind") == d.AreaKind.GOVERNANCE.value else ""
        for k, v in area.items():
            if k not in ("number", "activities"):
                walk(f"[{g}{area['number']}] {k}", v)
        for act in area.get("activities", []):
            for k, v in act.items():
                if k not in ("number", "indicators"):
                    walk(f"[{g}{act['number']}] {k}", v)
            for ind in act.get("indicators", []):
                for k, v in ind.items():
                    if k != "number":
                        walk(f"[{g}{ind['number']}] {k}", v)
    return cells


def _pruned(before: d.Plan, after: d.Plan) -> tuple[d.Plan, d.Plan]:
    """Both plans without the areas, activities and indicators equal at the same position in
    both: they change no cell, and a plan of 2,000 rows with one edit is then compared in
    milliseconds, not seconds. Where the counts differ, the part is kept whole."""
    if len(before.areas) != len(after.areas):
        return before, after
    old_areas: list[d.Area] = []
    new_areas: list[d.Area] = []
    for x, y in zip(before.areas, after.areas, strict=True):
        if x == y:
            continue
        if len(x.activities) == len(y.activities):
            old_acts: list[d.Activity] = []
            new_acts: list[d.Activity] = []
            for ax, ay in zip(x.activities, y.activities, strict=True):
                if ax == ay:
                    continue
                if len(ax.indicators) == len(ay.indicators):
                    pairs = [(i, j) for i, j in zip(ax.indicators, ay.indicators, strict=True)
                             if i != j]
                    ax = dataclasses.replace(ax, indicators=tuple(i for i, _ in pairs))
                    ay = dataclasses.replace(ay, indicators=tuple(j for _, j in pairs))
                old_acts.append(ax)
                new_acts.append(ay)
            x = dataclasses.replace(x, activities=tuple(old_acts))
            y = dataclasses.replace(y, activities=tuple(new_acts))
        old_areas.append(x)
        new_areas.append(y)
    return (dataclasses.replace(before, areas=tuple(old_areas)),
            dataclasses.replace(after, areas=tuple(new_areas)))


def cell_changes(before: d.Plan, after: d.Plan) -> list[CellChange]:
    """The engine: every cell of the plan's content that differs from `before` to `after`, in
    plan order (progress left out: it has its own records). Both views below read it."""
    if before == after:
        return []
    before, after = _pruned(dataclasses.replace(before, progress=()),
                            dataclasses.replace(after, progress=()))
    old, new = _plan_cells(before), _plan_cells(after)
    places = [p for p in old if old[p] != new.get(p)]
    places += [p for p in new if p not in old and new[p] is not None]
    return [CellChange(p, old.get(p), new.get(p)) for p in places]


# ---------------------------------------------------------------- view 1: the history's cells


def plan_changes(before: d.Plan, after: d.Plan) -> PlanChanges:
    """What changed from `before` to `after`, cell by cell, capped for one history record."""
    changes = cell_changes(before, after)
    kept = changes[:MAX_PLAN_CHANGES]
    return PlanChanges(before={c.place: c.before for c in kept},
                       after={c.place: c.after for c in kept},
                       places=tuple(c.place for c in kept), more=len(changes) - len(kept))


# ---------------------------------------------------------------- view 2: the compare page


def _place_item(place: str) -> tuple[str, str]:
    """"[G1.1.1] levels 100" → ("G1.1.1", "levels"); "title" → ("", "title")."""
    if place.startswith("["):
        key, _, rest = place[1:].partition("] ")
        return key, rest.split(" ", 1)[0]
    return "", place.split(" ", 1)[0]


def diff_plans(a: d.Plan, b: d.Plan) -> PlanDiff:
    """The difference between two domain plans by area and indicator, read from the same
    changed cells as the history (`cell_changes`); values shown as plain data."""
    areas_a = {_area_key(x): x for x in a.areas}
    areas_b = {_area_key(x): x for x in b.areas}
    inds_a, inds_b = a.indicator_refs(), b.indicator_refs()
    touched: dict[str, set[str]] = {}
    for change in cell_changes(a, b):
        key, field_name = _place_item(change.place)
        touched.setdefault(key, set()).add(field_name)

    def changed(x: Any, y: Any, key: str, names: tuple[str, ...]) -> tuple[FieldChange, ...]:
        return _field_changes(x, y, [n for n in names if n in touched.get(key, ())])

    return PlanDiff(
        plan_fields=changed(a, b, "", _PLAN_FIELDS),
        areas_added=tuple(ItemChange(k, x.name) for k, x in areas_b.items() if k not in areas_a),
        areas_removed=tuple(ItemChange(k, x.name) for k, x in areas_a.items()
                            if k not in areas_b),
        areas_changed=tuple(ItemChange(k, x.name, ch) for k, x in areas_b.items() if k in areas_a
                            if (ch := changed(areas_a[k], x, k, _AREA_FIELDS))),
        indicators_added=tuple(ItemChange(r, i.name) for r, i in inds_b.items()
                               if r not in inds_a),
        indicators_removed=tuple(ItemChange(r, i.name) for r, i in inds_a.items()
                                 if r not in inds_b),
        indicators_changed=tuple(ItemChange(r, i.name, ch) for r, i in inds_b.items()
                                 if r in inds_a
                                 if (ch := changed(inds_a[r], i, r, _INDICATOR_FIELDS))),
    )


def _area_key(area: d.Area) -> str:
    return ("G" if area.kind == d.AreaKind.GOVERNANCE else "") + area.number
