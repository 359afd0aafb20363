"""progress 0002 + plans 0006: the progress mirror is retired without losing a value. Rows only
the mirror held (imported achievements) become reported values, with their inputs, evidence
texts and published scores; rows mirroring a reported value are not copied twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("plans", "0005_plan_submitted_late"), ("progress", "0001_initial"),
          ("offices", "0002_roles_and_office_path")]
AFTER = [("plans", "0006_retire_progress_mirror"), ("progress", "0002_reportedvalue_one_store")]


def _migrate(targets: list[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_mirror_only_progress_becomes_reported_values() -> None:
    old = _migrate(BEFORE)
    office = old.get_model("offices", "Office").objects.create(name="অফিস", path="/")
    plan = old.get_model("plans", "Plan").objects.create(
        office=office, kind="apa", fiscal_year="2022-23")
    pv_model = old.get_model("plans", "ProgressValue")
    imported = pv_model.objects.create(
        plan=plan, indicator_ref="1.1.1", quarter="Q2", position=0, value_kind="number",
        value_number=Decimal("42"), remarks="আমদানি", published_score=Decimal("9.5"))
    old.get_model("plans", "ProgressInput").objects.create(
        progress=imported, position=0, name="e_disposals", value=Decimal("2000"))
    old.get_model("plans", "ProgressEvidence").objects.create(
        progress=imported, position=0, text="ছবি.jpg")
    report = old.get_model("progress", "Report").objects.create(
        plan=plan, period="Q1", due_on=dt.date(2022, 10, 15))
    old.get_model("progress", "ReportedValue").objects.create(
        report=report, plan=plan, indicator_ref="1.1.1", quarter="Q1", reported_kind="number",
        reported_number=Decimal("5"))
    pv_model.objects.create(plan=plan, indicator_ref="1.1.1", quarter="Q1", position=1,
                            value_kind="number", value_number=Decimal("5"))  # its mirror
    try:
        new = _migrate(AFTER)
        rows = new.get_model("progress", "ReportedValue").objects.order_by("quarter")
        assert [(r.quarter, r.reported_number, r.remarks, r.inputs, r.evidence_texts,
                 r.published_score, r.report.period, r.report.state) for r in rows] == [
            ("Q1", Decimal("5"), "", {}, [], None, "Q1", "draft"),
            ("Q2", Decimal("42"), "আমদানি", {"e_disposals": "2000"}, ["ছবি.jpg"],
             Decimal("9.5"), "Q2", "draft"),
        ]
        assert rows[1].report.due_on == dt.date(2023, 1, 15)
    finally:
        call_command("migrate", verbosity=0)  # every app back at its latest migration
