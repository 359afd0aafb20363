"""The national recompute's columnar engine stores exactly what the rule-by-rule path stores.

A generated country (every plan kind of the templates: five-level APA indicators, single-target
action plans with quarterly and dated targets, governance indicators fed by the action plans,
a fallback, an activity not for upazila offices) plus an office of the test world, then varied
by a seeded generator: blank levels, levels reversed (less is better), "not applicable" as a
level, as the annual target and as progress, blank and verified values, plans left unsigned,
reports in every state, offices without any value. Each rule set of `kormo.domain.rules`
(interpolate, step, ratio capped and not, more-is-better, raw governance marks, the annual date
only) scores the same data both ways; every stored column must be equal, floats to the bit.
"""

from __future__ import annotations

import io
import random
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kormo.domain.rules import (
    GovernanceFormula,
    LevelMethod,
    NumericDirection,
    QuarterlyDateRule,
    RuleSet,
    register_rule_set,
)
from kormo.offices.models import Office
from kormo.plans import models as m
from kormo.progress.models import Report, ReportedValue, ScoreSnapshot
from kormo.progress.recompute import year_recompute
from kormo.progress.scores import SNAPSHOT_FIELDS, current_plans, office_stamps, snapshots_compute
from kormo.years.models import FiscalYearSetup
from tests.progress.world import make_world

pytestmark = pytest.mark.django_db
FY = "2022-23"
COMPARED = tuple(f for f in SNAPSHOT_FIELDS if f != "computed_at")
RULE_SETS = (
    RuleSet(name="t-interpolate"),
    RuleSet(name="t-step", level_method=LevelMethod.STEP),
    RuleSet(name="t-ratio", level_method=LevelMethod.RATIO),
    RuleSet(name="t-ratio-uncapped", level_method=LevelMethod.RATIO, cap_at_best=False),
    RuleSet(name="t-more-is-better", numeric_direction=NumericDirection.MORE_IS_BETTER),
    RuleSet(name="t-raw-marks", governance_formula=GovernanceFormula.RAW_MARKS,
            quarterly_date_rule=QuarterlyDateRule.ANNUAL_ONLY),
)


def _vary(rng: random.Random) -> None:
    """The generated year made uneven, row by row with the seeded generator."""
    levels = list(m.IndicatorValue.objects.filter(role="level").order_by("pk"))
    by_indicator: dict[int, list[m.IndicatorValue]] = {}
    for v in levels:
        by_indicator.setdefault(v.indicator_id, []).append(v)
    changed = []
    for rows in by_indicator.values():
        draw = rng.random()
        numbers = [v for v in rows if v.value_kind in ("number", "percent")]
        if draw < 0.15 and len(numbers) >= 2:  # less is better: the levels reversed
            values = [v.value_number for v in numbers][::-1]
            for v, x in zip(numbers, values, strict=True):
                v.value_number = x
        elif draw < 0.22:  # "not applicable" written as a level
            v = rng.choice(rows)
            v.value_kind, v.value_number, v.value_date, v.value_text = \
                "not_applicable", None, None, ""
        for v in rows:
            if rng.random() < 0.12:  # a blank level
                v.value_kind, v.value_number, v.value_date, v.value_text = \
                    "blank", None, None, "-"
        changed += rows
    m.IndicatorValue.objects.bulk_update(
        changed, ["value_kind", "value_number", "value_date", "value_text"])
    single = list(m.Indicator.objects.exclude(annual_target_kind="").order_by("pk"))
    for ind in rng.sample(single, k=max(1, len(single) // 8)):
        ind.annual_target_kind, ind.annual_target_number, ind.annual_target_date = \
            "not_applicable", None, None
    m.Indicator.objects.bulk_update(single, ["annual_target_kind", "annual_target_number",
                                             "annual_target_date"])
    values = list(ReportedValue.objects.order_by("pk"))
    for rv in values:
        draw = rng.random()
        if draw < 0.05:
            rv.reported_kind, rv.reported_number, rv.reported_date = "not_applicable", None, None
            rv.reported_text = ""
        elif draw < 0.12:
            rv.reported_kind, rv.reported_number, rv.reported_date = "blank", None, None
            rv.reported_text = "-"
        elif draw < 0.25 and rv.reported_kind in ("number", "percent"):
            # A supervisor's correction: the verified value is the one that counts.
            rv.verified, rv.verified_kind = True, rv.reported_kind
            rv.verified_number = (rv.reported_number or Decimal(0)) * Decimal("0.7") + 1
        elif draw < 0.35 and rv.reported_kind in ("number", "percent"):
            rv.reported_number = Decimal(rng.randint(0, 4000)) / Decimal(7)
            rv.reported_number = rv.reported_number.quantize(Decimal("0.000001"))
        elif rv.reported_kind in ("number", "percent") and rv.plan_id % 3 == 0:
            rv.reported_number = (rv.reported_number or Decimal(0)) * 3  # a good year
    ReportedValue.objects.bulk_update(values, [
        "reported_kind", "reported_number", "reported_date", "reported_text", "verified",
        "verified_kind", "verified_number"])
    reports = list(Report.objects.order_by("pk"))
    for r in reports:
        r.state = rng.choice(("draft", "submitted", "accepted", "returned", r.state))
    Report.objects.bulk_update(reports, ["state"])
    plans = list(m.Plan.objects.filter(is_template=False).order_by("pk"))
    for p in rng.sample(plans, k=len(plans) // 6):
        p.state = m.PlanState.DRAFT  # not in force: no path, no rank
    m.Plan.objects.bulk_update(plans, ["state"])
    silent = Office.objects.filter(plans__isnull=False).distinct().order_by("pk").first()
    ReportedValue.objects.filter(plan__office=silent).delete()  # nothing reported yet


def _stored() -> dict[int, tuple]:
    return {s.office_id: tuple(getattr(s, f) for f in COMPARED)
            for s in ScoreSnapshot.objects.filter(fiscal_year=FY)}


@pytest.fixture
def country() -> None:
    call_command("kormo_make_national", "--scale", "0.02", "--plans-for", "12", "--seed", "3",
                 stdout=io.StringIO())
    make_world("জেলা কার্যালয়, কুড়িগ্রাম")  # signed through the services, built by the rules
    _vary(random.Random(15))


@pytest.mark.parametrize("rules", RULE_SETS, ids=lambda r: r.name)
def test_the_engine_stores_what_the_rules_store(country: None, rules: RuleSet) -> None:
    register_rule_set(rules)
    FiscalYearSetup.objects.update_or_create(fiscal_year=FY, defaults={"rule_set": rules.name})
    result = year_recompute(FY, chunk=5)
    assert result.offices == 13 and result.by_rules == 0  # all by the engine
    engine = _stored()
    ScoreSnapshot.objects.all().delete()
    ids = sorted(engine)
    snapshots_compute(office_ids=ids, fiscal_year=FY,
                      stamps=office_stamps(plans=current_plans(office_ids=ids, fiscal_year=FY)))
    assert _stored() == engine
    # The data is varied enough to mean something: offices differ, some are not rated.
    assert len({v[COMPARED.index("percent")] for v in engine.values()}) >= 6
    ratings = {v[COMPARED.index("rating")] for v in engine.values()}
    assert "not_rated" in ratings and ratings - {"not_rated"}
    assert any(v[COMPARED.index("score_key")] is None for v in engine.values())
    assert any(v[COMPARED.index("at_risk")] for v in engine.values())


def test_check_finds_no_difference_and_queries_do_not_grow_with_offices(
        country: None) -> None:
    def queries(chunk: int) -> int:
        with CaptureQueriesContext(connection) as q:
            year_recompute(FY, chunk=chunk)
        return len(q)

    # 13 offices in one chunk, in 3 chunks (5 + 5 + 3) or in 13 chunks of one: each chunk
    # costs the same queries whatever its number of offices.
    whole, three, single = queries(13), queries(5), queries(1)
    per_chunk = (three - whole) / 2
    assert per_chunk > 5 and single - whole == 12 * per_chunk
    out = io.StringIO()
    call_command("kormo_recompute_scores", FY, "--check", stdout=out)
    assert "13 offices" in out.getvalue() and "13 offices, 0 differ" in out.getvalue()
