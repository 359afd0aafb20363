"""Drafts of areas, activities and indicators while their rows are read (mutable; turned into
the frozen domain `Area`/`Activity`/`Indicator` by `assemble`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kormo.domain.plan import (
    Area,
    AreaKind,
    CalculationMethod,
    ProgressValue,
    Quarter,
    Tier,
    Unit,
    YearValue,
)
from kormo.domain.values import Value
from kormo.importers.readers.model import Cell
from kormo.importers.recognise.indicators.rows import (
    RowRecord,
)

# ---------------------------------------------------------------- builders


@dataclass(slots=True)
class IndicatorDraft:
    number: str
    name: str
    cell: Cell | None
    unit: Unit | None = None
    unit_label: str = ""
    unit_cell: Cell | None = None
    unit_factor: Decimal = Decimal(1)  # "কোটি টাকা": values × 100 to lakh taka (amounts.py)
    weight: Decimal | None = None
    weight_cell: Cell | None = None
    method: CalculationMethod | None = None
    responsible: str = ""
    remarks: str = ""
    fallback_for: str | None = None
    rec: RowRecord | None = None  # the row holding this indicator's values
    share_values: bool = True  # False: a second indicator in a shared row (no values)
    achievement_rec: RowRecord | None = None
    annual_target: Value | None = None
    quarterly: dict[Quarter, Value] = field(default_factory=dict)
    levels: dict[int, Value | None] = field(default_factory=dict)
    actuals: list[YearValue] = field(default_factory=list)
    projections: list[YearValue] = field(default_factory=list)
    achievements: dict[Quarter, tuple[Value, Cell]] = field(default_factory=dict)


@dataclass(slots=True)
class ActivityDraft:
    number: str
    name: str
    cell: Cell | None
    indicators: list[IndicatorDraft] = field(default_factory=list)
    tiers: list[Tier] = field(default_factory=list)


@dataclass(slots=True)
class AreaDraft:
    number: str
    name: str
    cell: Cell | None
    weight: Decimal | None = None
    weight_cell: Cell | None = None
    kind: AreaKind = AreaKind.OFFICE
    activities: list[ActivityDraft] = field(default_factory=list)
    choose_at_least: int | None = None
    note: str = ""

    def indicators(self) -> list[IndicatorDraft]:
        return [i for a in self.activities for i in a.indicators]


@dataclass(slots=True)
class TableResult:
    areas: list[Area]
    progress: list[ProgressValue]
    total_weight: Decimal | None
    activities: dict[str, ActivityDraft]
