"""The editor's one cell reader (`kormo.plans.sheet.CellReader`): every bad cell is named with
its row and field in both languages, and reading goes on past it (no database)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kormo.domain.plan import Quantity, Unit
from kormo.plans.sheet import CellReader


def test_dates_choices_and_quantities_are_read_and_bad_ones_named():
    r = CellReader("2022-23")
    assert r.date(0, "register.order_date", "১৫.০১.২০২৩") == dt.date(2023, 1, 15)
    assert r.date(0, "register.order_date", "  ") is None
    assert r.choice(1, "outcomes.unit", "", Unit, Unit.PERCENT) is Unit.PERCENT
    assert r.choice(1, "outcomes.unit", "furlongs", Unit, Unit.PERCENT) is Unit.PERCENT
    assert r.quantity(2, "work_items.quantity", "৭০ টি দপ্তর", "", "", "") == Quantity(
        value=Decimal(70), unit_label="টি দপ্তর", text="৭০ টি দপ্তর")
    assert r.quantity(3, "work_items.quantity", "অনেক", "x", "টি", "") == Quantity(
        value=None, unit_label="টি", text="অনেক")
    assert r.date(4, "work_items.period_end", "৩২/১৩/২০২২") is None
    places = [(p.row, p.field) for p in r.problems]
    assert places == [(1, "outcomes.unit"), (3, "work_items.quantity_value"),
                      (4, "work_items.period_end")]
    assert all(p.bn and p.en and p.bn != p.en for p in r.problems)
