"""`kormo_make_national`: a country with real tier proportions, the year's six plans copied to
every office with plans, quarterly values and reports — the same for the same seed."""

from __future__ import annotations

import io
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction

from kormo.offices.models import Membership, Office
from kormo.offices.national_tree import make_country
from kormo.plans.convert import plan_to_domain
from kormo.plans.models import Plan
from kormo.progress.models import Report, ReportedValue

pytestmark = pytest.mark.django_db

KINDS = {"apa", "integrity", "egov_innovation", "grievance_redress", "citizens_charter",
         "right_to_information"}


def test_the_national_tree_has_the_real_proportions() -> None:
    country = make_country(3)
    tiers = Counter(o["tier"] for o in country.offices)
    assert 24_000 <= len(country.offices) <= 25_000
    assert 48_000 <= len(country.people) <= 55_000
    assert tiers["upazila"] > tiers["district"] > tiers["institution"] > tiers["directorate"]
    assert tiers["ministry"] == 58 and tiers["directorate"] == 350
    assert make_country(3) == country and make_country(4) != country


def _snapshot() -> dict[tuple[str, str, str, str], Decimal]:
    return {(v.plan.office.code, v.plan.kind, v.indicator_ref, v.quarter): v.reported_number
            for v in ReportedValue.objects.select_related("plan__office")}


def test_a_small_country_gets_plans_values_and_reports_the_same_for_the_same_seed() -> None:
    runs = []
    for _ in range(2):
        with transaction.atomic():
            call_command("kormo_make_national", "--scale", "0.02", "--plans-for", "12",
                         "--seed", "5", stdout=io.StringIO())
            offices = Office.objects.count()
            assert offices > 500 and Membership.objects.count() > 2 * offices
            plans = Plan.objects.filter(fiscal_year="2022-23")
            assert plans.count() == 12 * 6
            assert set(plans.values_list("kind", flat=True)) == KINDS
            assert set(plans.values_list("state", flat=True)) == {"signed"}
            # Every copy has the source's indicators; its values are its own.
            source, copy = (Plan.objects.filter(kind="apa").order_by("office__code")[i]
                            for i in (0, 7))
            a, b = plan_to_domain(source.pk), plan_to_domain(copy.pk)
            assert list(a.indicator_refs()) == list(b.indicator_refs())
            assert {(p.indicator, p.quarter) for p in a.progress} >= {
                (p.indicator, p.quarter) for p in b.progress} != set()
            assert dict(Counter(Report.objects.values_list("period", "state"))) == {
                ("Q1", "accepted"): 72, ("Q2", "submitted"): 72}
            runs.append(_snapshot())
            transaction.set_rollback(True)
    assert runs[0] == runs[1] and len(set(runs[0].values())) > 20
