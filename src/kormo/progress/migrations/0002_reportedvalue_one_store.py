"""`ReportedValue` becomes the one store of progress (issue 11, "one store per fact").

Until now `plans.ProgressValue` (with its inputs and evidence texts) mirrored the effective
values and also held progress that came only with a plan file or an import. Those mirror-only
rows are copied here into `ReportedValue` (as reported, in the plan's draft report of the
quarter, created when missing) with their inputs, evidence texts and published scores, so
nothing is lost when `plans` drops the mirror (plans 0006). Rows that mirror a reported value
are not copied: the reported value is the original.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import migrations, models

from kormo.domain import calendar
from kormo.domain.errors import InputError
from kormo.domain.plan import Quarter


def _due_on(fiscal_year: str, quarter: str) -> dt.date:
    try:
        return calendar.quarter_report_due(fiscal_year, Quarter(quarter))
    except InputError:  # a calendar-year work plan ("2017")
        return dt.date(int(fiscal_year[:4]), 12, 31)


def copy_mirror_only_progress(apps: Any, schema_editor: Any) -> None:
    ProgressValue = apps.get_model("plans", "ProgressValue")
    Report = apps.get_model("progress", "Report")
    ReportedValue = apps.get_model("progress", "ReportedValue")
    have = set(ReportedValue.objects.values_list("plan_id", "indicator_ref", "quarter"))
    # The last row of a cell wins, as it did when the mirror was read.
    chosen = {}
    for pv in ProgressValue.objects.order_by("plan_id", "position", "pk"):
        key = (pv.plan_id, pv.indicator_ref, pv.quarter)
        if key not in have:
            chosen[key] = pv
    reports = {(r.plan_id, r.period): r for r in Report.objects.all()}
    for (plan_id, ref, quarter), pv in chosen.items():
        report = reports.get((plan_id, quarter))
        if report is None:
            report = Report.objects.create(
                plan_id=plan_id, period=quarter,
                due_on=_due_on(pv.plan.fiscal_year, quarter))
            reports[(plan_id, quarter)] = report
        ReportedValue.objects.create(
            report=report, plan_id=plan_id, indicator_ref=ref, quarter=quarter,
            reported_kind=pv.value_kind, reported_number=pv.value_number,
            reported_date=pv.value_date, reported_text=pv.value_text, remarks=pv.remarks,
            inputs={i.name: format(Decimal(i.value).normalize(), "f")
                    for i in pv.inputs.order_by("position")},
            evidence_texts=[e.text for e in pv.evidence.order_by("position")],
            published_score=pv.published_score, lock_version=1,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0005_plan_submitted_late'),
        ('progress', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='reportedvalue',
            name='evidence_texts',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='reportedvalue',
            name='published_score',
            field=models.DecimalField(blank=True, decimal_places=6, max_digits=20, null=True),
        ),
        migrations.RunPython(copy_mirror_only_progress, migrations.RunPython.noop),
    ]
