"""kormo.domain.progress: which plans take reports, which values stay open, derived values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kormo.domain.progress import derived_value, plan_in_force, value_open
from kormo.domain.values import Percent


@pytest.mark.parametrize(("current", "template", "state", "revision", "expected"), [
    (True, False, "signed", False, True),
    (True, False, "draft", True, True),  # a revision in progress goes on taking reports
    (True, False, "draft", False, False),
    (True, False, "approved", False, False),
    (False, False, "signed", False, False),  # superseded
    (True, True, "signed", False, False),  # a template
])
def test_plans_in_force(current, template, state, revision, expected):
    assert plan_in_force(is_current=current, is_template=template, state=state,
                         is_revision=revision) is expected


@pytest.mark.parametrize(("quarter", "year", "returned", "expected"), [
    ("draft", None, False, True),
    ("returned", "submitted", False, True),
    ("submitted", None, False, False),
    ("accepted", "returned", False, False),  # accepted data never changes behind the review
    ("accepted", "returned", True, True),  # ... unless returned for correction with the year
    ("accepted", "submitted", True, False),
])
def test_values_open_to_the_office(quarter, year, returned, expected):
    assert value_open(quarter, year, returned) is expected


def test_the_enothi_rate_is_derived_to_six_places_or_not_at_all():
    rate = derived_value("enothi_disposal_rate", {"e_disposals": Decimal(2236),
                                                  "hard_file_disposals": Decimal(1439)})
    assert rate == Percent(Decimal("60.843537"))
    assert derived_value("enothi_disposal_rate", {"e_disposals": Decimal(1)}) is None
    assert derived_value("no_such_formula", {"e_disposals": Decimal(1)}) is None
