"""The national recompute: every office's stored score of a year, equal to what the services
store for one office, and following a changed value (tests/progress/test_recompute_engine.py
compares the engine with the rules on varied data and every rule set)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kormo.plans.models import Indicator
from kormo.progress.models import ReportedValue, ScoreSnapshot
from kormo.progress.recompute import year_columns, year_recompute
from kormo.progress.scores import score_refresh

pytestmark = pytest.mark.django_db
FIELDS = ("has_score", "total", "maximum", "percent", "rating", "indicators_at_100",
          "indicator_count", "stamp")


@pytest.fixture
def country() -> None:
    call_command("kormo_make_national", "--scale", "0.02", "--plans-for", "9", "--seed", "2",
                 stdout=io.StringIO())


def _stored() -> dict[int, tuple]:
    return {s.office_id: tuple(getattr(s, f) for f in FIELDS)
            for s in ScoreSnapshot.objects.filter(fiscal_year="2022-23")}


def test_the_recompute_stores_what_the_services_store(country: None) -> None:
    out = io.StringIO()
    call_command("kormo_recompute_scores", "২০২২-২৩", "--chunk", "4", stdout=out)
    assert "9 offices, 54 plans" in out.getvalue()
    bulk = _stored()
    assert len(bulk) == 9 and len({v[2] for v in bulk.values()}) >= 1
    assert len({v[1] for v in bulk.values()}) > 3  # offices score differently
    ScoreSnapshot.objects.all().delete()
    for office_id in bulk:
        score_refresh(office_id=office_id, fiscal_year="2022-23")
    assert _stored() == bulk


def test_the_recompute_follows_a_changed_value(country: None) -> None:
    first = year_recompute("2022-23", chunk=5)
    assert first.offices == 9 and first.by_rules == 0
    cols = year_columns("2022-23")
    assert len(cols.ref) > first.indicators / 2  # most indicators have five levels
    ind = Indicator.objects.get(pk=int(cols.indicator_id[0]))
    pv = ReportedValue.objects.filter(plan_id=ind.plan_id, indicator_ref=ind.ref).first()
    pv.reported_number = pv.reported_number * 3 + Decimal(7)
    pv.save()
    before = _stored()
    year_recompute("2022-23")
    changed = [o for o, v in _stored().items() if v != before[o]]
    assert changed == [pv.plan.office_id]


def test_a_bad_year_is_refused_in_both_languages() -> None:
    with pytest.raises(CommandError) as raised:
        call_command("kormo_recompute_scores", "2022-25")
    assert "/" in str(raised.value)
