"""Small builders of plans for domain tests (no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kormo.domain.plan import (
    Activity,
    Area,
    AreaKind,
    CalculationMethod,
    Indicator,
    Plan,
    PlanKind,
    ProgressValue,
    Quarter,
    TargetLevels,
    Unit,
)
from kormo.domain.values import DateValue, Number, Percent, Value


def num(x: str | int | float) -> Number:
    return Number(Decimal(str(x)))


def pct(x: str | int | float) -> Percent:
    return Percent(Decimal(str(x)))


def day(text: str) -> DateValue:
    """dd.mm.yy as the forms print it."""
    d, m, y = (int(p) for p in text.split("."))
    return DateValue(dt.date(2000 + y if y < 100 else y, m, d))


def levels(*values: Value | None) -> TargetLevels:
    padded = (*values, *([None] * (5 - len(values))))
    return TargetLevels(*padded)


def indicator(
    number: str = "1.1.1",
    *,
    unit: Unit = Unit.COUNT,
    weight: str | int = 10,
    method: CalculationMethod | None = CalculationMethod.SUM,
    lv: TargetLevels | None = None,
    **kw: object,
) -> Indicator:
    return Indicator(
        number=number,
        name=f"indicator {number}",
        unit=unit,
        weight=Decimal(str(weight)),
        calculation_method=method,
        levels=lv or TargetLevels(),
        **kw,  # type: ignore[arg-type]
    )


def plan_with(
    *indicators: Indicator,
    kind: PlanKind = PlanKind.APA,
    progress: tuple[ProgressValue, ...] = (),
    area_kind: AreaKind = AreaKind.OFFICE,
    fiscal_year: str = "2022-23",
    office: str = "office",
    plan_id: str = "p",
    **kw: object,
) -> Plan:
    # A fallback's weight is not part of the total (it stands in for its main indicator).
    total = sum((i.weight or Decimal(0) for i in indicators if i.fallback_for is None),
                Decimal(0))
    area = Area(
        number="1",
        name="area",
        weight=total,
        kind=area_kind,
        activities=tuple(
            Activity(number=i.number.rsplit(".", 1)[0], name="activity", indicators=(i,))
            for i in indicators
        ),
    )
    return Plan(
        kind=kind,
        fiscal_year=fiscal_year,
        office=office,
        id=plan_id,
        total_weight=total,
        areas=(area,),
        progress=progress,
        **kw,  # type: ignore[arg-type]
    )


def report(ref: str, quarter: str, value: Value | None, **kw: object) -> ProgressValue:
    return ProgressValue(ref, Quarter(quarter), value, **kw)  # type: ignore[arg-type]
