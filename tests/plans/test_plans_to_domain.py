"""The bulk loader reads many plans as `plan_to_domain` reads one, in a fixed number of
queries (STYLE.md: query counts pinned at two sizes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kormo.domain.plan import Tier
from kormo.offices.services import office_create
from kormo.plans.convert import (
    PLAN_TO_DOMAIN_QUERIES,
    plan_to_domain,
    plans_save_file,
    plans_to_domain,
)
from kormo.plans.models import Plan

SEEDS = sorted((Path(__file__).resolve().parents[2] / "data" / "seeds").glob("*.json"))

pytestmark = pytest.mark.django_db


def _store_seeds(copies: int = 1, first: int = 0) -> list[Plan]:
    rows: list[Plan] = []
    for n in range(first, first + copies):
        office = office_create(name=f"অফিস {n}", tier=Tier.DISTRICT, code=f"seed-office-{n}")
        for path in SEEDS:
            rows += plans_save_file(str(path), lambda _plan, o=office: o)
    return rows


def test_every_seed_plan_loads_equal_to_plan_to_domain():
    rows = _store_seeds()
    assert len(rows) >= 9
    loaded = plans_to_domain(Plan.objects.all())
    assert sorted(loaded) == sorted(r.pk for r in rows)
    for row in rows:
        assert loaded[row.pk].domain == plan_to_domain(row.pk)
        assert loaded[row.pk].row.office.code == "seed-office-0"


def test_the_query_count_does_not_grow_with_the_number_of_plans(django_assert_num_queries):
    small = _store_seeds(1)
    with django_assert_num_queries(PLAN_TO_DOMAIN_QUERIES):
        assert len(plans_to_domain(Plan.objects.filter(pk__in=[r.pk for r in small]))) == \
            len(small)
    _store_seeds(3, first=1)
    with django_assert_num_queries(PLAN_TO_DOMAIN_QUERIES):
        assert len(plans_to_domain(Plan.objects.all())) == 4 * len(small)


def test_no_plan_costs_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert plans_to_domain(Plan.objects.filter(pk=-1)) == {}


def test_the_order_of_the_queryset_is_kept():
    rows = _store_seeds()
    ordered = Plan.objects.order_by("-pk")
    assert list(plans_to_domain(ordered)) == sorted((r.pk for r in rows), reverse=True)
