"""Whole plans through the tables: round trips, fixed query counts, all-or-nothing saves."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from kormo.domain.plan import Activity, Area, Plan, PlanKind, ProgressValue, Quarter
from kormo.domain.planformat import dumps, load_path
from kormo.domain.values import Number
from kormo.offices.models import Office
from kormo.offices.services import office_ensure
from kormo.plans import models as m
from kormo.plans.convert import (
    PLAN_TO_DOMAIN_QUERIES,
    plan_save_from_domain,
    plan_to_domain,
    plans_save_file,
)
from kormo.plans.services import plan_office_resolve
from kormo.plans.values import ValueStoreError
from kormo.progress.models import ReportedValue
from tests.plans.builders import rich_plan, row_counts, sized_plan

pytestmark = pytest.mark.django_db

SEED_FILES = sorted((Path(settings.BASE_DIR) / "data" / "seeds").glob("*.json"))


@pytest.fixture
def office() -> Office:
    return office_ensure(name="জেলা কার্যালয়, রংপুর")


def assert_same_plan(back: Plan, original: Plan) -> None:
    # Field by field first, so that a failure names the part that differs.
    for f in dataclasses.fields(original):
        assert getattr(back, f.name) == getattr(original, f.name), f.name
    assert back == original
    assert dumps([back]) == dumps([original])


def test_rich_plan_reads_back_equal(office: Office) -> None:
    plan = rich_plan()
    row = plan_save_from_domain(plan=plan, office=office)
    assert_same_plan(plan_to_domain(row.pk), plan)


def test_rich_plan_fills_every_table(office: Office) -> None:
    plan_save_from_domain(plan=rich_plan(), office=office)
    assert row_counts() == {
        "Plan": 1,
        "PlanText": 3 + 2 + 2 + 2,  # functions, expected achievements, commitments, notes
        "Party": 2 + 3,
        "Outcome": 2,
        "OutcomeValue": 3,
        "Acronym": 2,
        "Area": 3,
        "Activity": 4,
        "Indicator": 6,
        # 1.1.1: 2 actuals + 5 levels + 4 quarters + 2 projections; 1.1.2: 3 levels;
        # 1.2.1: 1 actual + 2 levels; G1.1.1: 1 level; G1.1.2: 1 quarter; G1.1.3: 1 + 2.
        "IndicatorValue": 13 + 3 + 3 + 1 + 1 + 3,
        "WorkItem": 3,
        "WorkItemAction": 2,
        "RegisterEntry": 3,
        # Progress goes to its one store: a draft report per quarter given, a reported value
        # per cell (inputs and evidence texts on the value).
        "Report": 4,
        "ReportedValue": 10,
        "SourceNote": 1,
    }


def test_rich_plan_columns_hold_the_values(office: Office) -> None:
    row = plan_save_from_domain(plan=rich_plan(), office=office)
    assert row.subtitle == "জেলা পর্যায়ের কার্যালয়ের জন্য"  # the plan's own column
    g113 = m.Indicator.objects.get(plan=row, ref="G1.1.3")
    assert (g113.annual_target_kind, g113.annual_target_number) == ("money", Decimal("12000"))
    i112 = m.Indicator.objects.get(plan=row, ref="1.1.2")
    assert (i112.annual_target_kind, i112.annual_target_text) == ("month", "2023-04")
    assert (i112.dependency_offices, i112.fallback_for, i112.derivation) == ("", "", "")
    g112 = m.Indicator.objects.get(plan=row, ref="G1.1.2")
    assert (g112.dependency_offices, g112.fallback_for, g112.derivation) == (None, "G1.1.1", None)
    levels = m.IndicatorValue.objects.filter(indicator__ref="1.1.2", role="level")
    assert [(v.key, v.value_kind) for v in levels.order_by("position")] == [
        ("100", "date"),
        ("90", "date"),
        ("70", "month"),
    ]
    activity = m.Activity.objects.get(area__plan=row, area__kind="office", number="1.1")
    assert activity.not_applicable_tiers == "upazila,district"
    # A reference to no indicator is kept as written (validation, not storage, reports it).
    dangling = ReportedValue.objects.get(plan=row, indicator_ref="9.9.9")
    assert (dangling.reported_kind, dangling.reported_number) == ("number", Decimal("1"))
    derived = ReportedValue.objects.get(plan=row, indicator_ref="1.2.1")
    assert derived.inputs == {"e_disposals": "2236", "hard_file_disposals": "1439"}
    first = ReportedValue.objects.get(plan=row, indicator_ref="1.1.1", quarter="Q1")
    assert (first.evidence_texts, first.published_score, first.report.state) == (
        ["হাজিরা.pdf", "ছবি.jpg"], Decimal("9.5"), "draft")


@pytest.mark.parametrize(
    "source",
    ["rich_plan", *SEED_FILES],
    ids=lambda s: s if isinstance(s, str) else s.name,
)
def test_round_trip_equals_the_original(source: str | Path) -> None:
    plans = [rich_plan()] if source == "rich_plan" else load_path(str(source))
    assert plans
    for plan in plans:
        row = plan_save_from_domain(plan=plan, office=plan_office_resolve(plan))
        assert_same_plan(plan_to_domain(row.pk), plan)


@pytest.mark.parametrize("n_indicators", [2, 40])
def test_plan_to_domain_takes_16_queries_whatever_the_size(
    n_indicators: int, office: Office, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    plan = sized_plan(n_indicators)
    row = plan_save_from_domain(plan=plan, office=office)
    assert m.Indicator.objects.filter(plan=row).count() == n_indicators
    assert PLAN_TO_DOMAIN_QUERIES == 16  # 15 tables and the evidence files' names
    with django_assert_num_queries(16):
        back = plan_to_domain(row.pk)
    assert back == plan


def test_plan_to_domain_of_an_empty_plan_takes_the_same_queries(
    office: Office, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    row = plan_save_from_domain(
        plan=Plan(kind=PlanKind.APA, fiscal_year="2022-23", office="x"), office=office
    )
    with django_assert_num_queries(16):
        assert plan_to_domain(row.pk) == Plan(kind=PlanKind.APA, fiscal_year="2022-23", office="x")


def test_save_query_count_does_not_grow_with_rows(office: Office) -> None:
    # 2 and 8 indicators fit one INSERT per table even with SQLite's 999 parameters.
    counts = []
    for n, year in ((2, "2022-23"), (8, "2023-24")):  # one current APA per office and year
        plan = dataclasses.replace(sized_plan(n, plan_id=f"p{n}"), fiscal_year=year)
        with CaptureQueriesContext(connection) as ctx:
            plan_save_from_domain(plan=plan, office=office)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_a_value_that_cannot_be_stored_leaves_no_rows(office: Office) -> None:
    plan = rich_plan()
    # Progress is written last, so the plan, its areas and indicators are already inserted.
    bad = ProgressValue(indicator="1.1.1", quarter=Quarter.Q4, value="12")  # type: ignore[arg-type]
    plan = dataclasses.replace(plan, progress=(*plan.progress, bad))
    with pytest.raises(ValueStoreError):
        plan_save_from_domain(plan=plan, office=office)
    assert set(row_counts().values()) == {0}


def test_a_number_with_seven_decimals_is_refused_not_rounded(office: Office) -> None:
    bad = ProgressValue(indicator="1.1.1", quarter=Quarter.Q4, value=Number(Decimal("1.0000001")))
    plan = dataclasses.replace(rich_plan(), progress=(bad,))
    with pytest.raises(ValueStoreError):
        plan_save_from_domain(plan=plan, office=office)
    assert set(row_counts().values()) == {0}


def test_a_duplicate_indicator_reference_leaves_no_rows(office: Office) -> None:
    plan = rich_plan()
    area = plan.areas[0]
    twin = dataclasses.replace(area.activities[0], number="1.4")  # repeats 1.1.1 and 1.1.2
    doubled = dataclasses.replace(area, activities=(*area.activities, twin))
    plan = dataclasses.replace(plan, areas=(doubled, *plan.areas[1:]))
    with pytest.raises(IntegrityError):
        plan_save_from_domain(plan=plan, office=office)
    assert set(row_counts().values()) == {0}


def test_replace_keeps_one_copy_and_relinks_annexes(office: Office) -> None:
    apa = dataclasses.replace(rich_plan(), parent="")
    annex = Plan(
        kind=PlanKind.INTEGRITY, fiscal_year="2022-23", office=apa.office, id="nis", parent=apa.id
    )
    annex_row = plan_save_from_domain(plan=annex, office=office)
    assert annex_row.parent is None  # its APA is not stored yet
    first = plan_save_from_domain(plan=apa, office=office)
    annex_row.refresh_from_db()
    assert annex_row.parent == first
    second = plan_save_from_domain(plan=apa, office=office, replace=True)
    assert list(m.Plan.objects.filter(kind="apa").values_list("pk", flat=True)) == [second.pk]
    annex_row.refresh_from_db()
    assert annex_row.parent == second
    assert plan_to_domain(annex_row.pk) == annex


def test_an_annex_saved_after_its_plan_is_linked_at_once(office: Office) -> None:
    apa = plan_save_from_domain(plan=dataclasses.replace(rich_plan(), parent=""), office=office)
    annex = Plan(
        kind=PlanKind.INTEGRITY, fiscal_year="2022-23", office="x", parent="rich-apa-2022-23"
    )
    assert plan_save_from_domain(plan=annex, office=office).parent == apa


def test_plans_save_file_stores_every_plan_of_a_file(office: Office, tmp_path: Path) -> None:
    plans = [rich_plan(), sized_plan(3)]
    path = tmp_path / "plans.json"
    path.write_text(dumps(plans), encoding="utf-8")
    # A file of two APAs of one year names two offices (one current APA per office and year).
    other = office_ensure(name="y")
    rows = plans_save_file(str(path), lambda p: office if p.id == "rich-apa-2022-23" else other)
    assert [r.external_id for r in rows] == ["rich-apa-2022-23", "sized"]
    assert plan_to_domain(rows[1].pk) == plans[1]


def test_an_unknown_plan_id_raises_does_not_exist() -> None:
    with pytest.raises(m.Plan.DoesNotExist):
        plan_to_domain(12345)


def test_activities_and_areas_keep_document_order(office: Office) -> None:
    plan = Plan(
        kind=PlanKind.INTEGRITY,
        fiscal_year="2020-21",
        office="x",
        areas=tuple(
            Area(
                number=n,
                name=n,
                weight=None,
                activities=(
                    Activity(number=f"{n}.9", name="a"),
                    Activity(number=f"{n}.1", name="b"),
                ),
            )
            for n in ("3", "1", "2")
        ),
    )
    row = plan_save_from_domain(plan=plan, office=office)
    assert plan_to_domain(row.pk) == plan
