"""What the report page keeps between renders (its queries written once, its live score, the
plan's side of its rows, the fixed parts of its frame) never shows stale data: the reads give
what the ORM gives on this database, and every change — a value saved, submitted or
verified, a file attached or removed, the plan edited, the office renamed, another language —
shows up in the next render."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db.models import F

from kormo.domain.path import score_office_plans
from kormo.offices.models import Office
from kormo.plans import models as pm
from kormo.progress.models import Evidence, Report, ReportedValue
from kormo.progress.report_reads import ShownFile, ShownValue, plan_reports, plan_values
from kormo.progress.scores import current_plans, load_scoring_plans
from kormo.progress.selectors import report_page
from kormo.progress.services import (
    evidence_attach,
    evidence_remove,
    progress_record,
    report_submit,
    value_verify,
)
from kormo.years.deadlines import rules_for_year
from tests.progress.clients import report_html, report_row
from tests.progress.world import OfficeWorld, World

pytestmark = pytest.mark.django_db
FY = "2022-23"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _rendered(settings: Any) -> None:
    """Every page rendered (the page cache off): what is kept here is in-process."""
    settings.KORMO_PAGE_CACHE_SECONDS = 0


def _engine_score(place: OfficeWorld) -> Any:
    plans = current_plans(office_ids=[place.office.pk], fiscal_year=FY)
    return score_office_plans(load_scoring_plans(plans), rules_for_year(FY))[place.apa.pk]


def test_the_pages_reads_give_what_the_orm_gives(world: World, rangpur: OfficeWorld) -> None:
    """Values of every kind (a count, a percent, a date, a derived indicator's inputs, a
    remark, a verified value) and their files, one of them removed, read by the prepared
    queries as the models read them."""
    plan, focal = rangpur.apa, rangpur.focal
    count = progress_record(plan=plan, indicator_ref="1.1.1", quarter="Q1", actor=focal,
                            text="১২৩৪.৫", remarks='"ক" & <খ>')
    progress_record(plan=plan, indicator_ref="1.1.2", quarter="Q1", actor=focal, text="৮৭.২৫")
    progress_record(plan=plan, indicator_ref="1.2.1", quarter="Q2", actor=focal,
                    text="১৫.১২.২০২২")
    progress_record(plan=plan, indicator_ref="2.1.1", quarter="Q1", actor=focal,
                    inputs={"e_disposals": "300", "hard_file_disposals": "100"})
    kept = evidence_attach(value=count, actor=focal, file=ContentFile(PNG, "প্রথম.png"))
    gone = evidence_attach(value=count, actor=focal, file=ContentFile(PNG, "দ্বিতীয়.png"))
    evidence_attach(value=count, actor=focal, file=ContentFile(PNG, "তৃতীয়.png"))
    evidence_remove(evidence=gone, actor=focal)
    report_submit(report=Report.objects.get(plan=plan, period="Q1"), actor=focal)
    value_verify(value=ReportedValue.objects.get(pk=count.pk), actor=world.supervisor,
                 text="১০০০.২৫", comment="")

    values, files = plan_values(plan.pk)
    models = list(ReportedValue.objects.filter(plan=plan).order_by("pk"))
    assert len(values) == len(models) == 4
    for shown, model in zip(values, models, strict=True):
        assert shown == ShownValue(*(getattr(model, name) for name in ShownValue._fields))
    assert files == {count.pk: [
        ShownFile(*(getattr(ev, name) for name in ShownFile._fields))
        for ev in Evidence.objects.filter(value=count, removed_at__isnull=True)
        .order_by("uploaded_at", "pk")]}
    assert [f.pk for f in files[count.pk]] == [kept.pk, files[count.pk][1].pk] != [gone.pk] * 2
    assert gone.pk not in {f.pk for f in files[count.pk]}

    reports = {r.pk: r for r in Report.objects.filter(plan=plan)}
    read = plan_reports(plan.pk)
    assert {r.pk for r in read} == set(reports)
    for report in read:
        model = reports[report.pk]
        assert all(getattr(report, f.attname) == getattr(model, f.attname)
                   for f in Report._meta.concrete_fields)


def test_the_live_score_follows_every_change_that_counts(world: World,
                                                         rangpur: OfficeWorld) -> None:
    """The score is kept for the counted values it was computed from: a draft value leaves
    it, a submitted report or a verified value changes it in the next render, to the
    engine's score of the stored data."""
    plan, focal = rangpur.apa, rangpur.focal
    # No action plan beside the APA: its score is the one kept between renders.
    pm.Plan.objects.filter(pk=rangpur.integrity.pk).update(is_current=False)
    progress_record(plan=plan, indicator_ref="1.1.1", quarter="Q1", actor=focal, text="৭৫")
    first = report_page(plan=plan, period="Q1").plan_score
    assert first == _engine_score(rangpur) and first is not None and first.total == 0
    # A draft value of another quarter counts for nothing: the same score.
    progress_record(plan=plan, indicator_ref="1.1.1", quarter="Q2", actor=focal, text="২০")
    assert report_page(plan=plan, period="Q2").plan_score == first

    report_submit(report=Report.objects.get(plan=plan, period="Q1"), actor=focal)
    submitted = report_page(plan=plan, period="Q1").plan_score
    assert submitted == _engine_score(rangpur) and submitted is not None
    assert submitted.total > 0
    value_verify(value=ReportedValue.objects.get(plan=plan, indicator_ref="1.1.1",
                                                 quarter="Q1"),
                 actor=world.supervisor, text="৯৫", comment="")
    verified = report_page(plan=plan, period="Q1").plan_score
    assert verified == _engine_score(rangpur) and verified is not None
    assert verified.total > submitted.total
    # The page of another office's plan of the same shape is its own.
    other = world.offices["জেলা কার্যালয়, দিনাজপুর"].apa
    assert report_page(plan=other, period="Q1").plan_score != verified


def test_the_rows_and_frame_follow_the_plan_the_office_and_the_language(
        world: World, rangpur: OfficeWorld) -> None:
    plan, focal = rangpur.apa, rangpur.focal
    rv = progress_record(plan=plan, indicator_ref="1.1.1", quarter="Q1", actor=focal,
                         text="৭")
    before = report_html(focal, plan.pk, "Q1")
    assert "প্রশিক্ষণার্থী" in report_row(before, "1.1.1")
    assert '<span data-testid="reported">৭</span>' in report_row(before, "1.1.1")

    # The plan edited (an edit takes the plan's next lock version, plans.authoring): the
    # indicator's new name and quarter target; the office renamed; a file attached.
    pm.Indicator.objects.filter(plan=plan, ref="1.1.1").update(name="প্রশিক্ষিত <জন>")
    pm.Plan.objects.filter(pk=plan.pk).update(lock_version=F("lock_version") + 1)
    Office.objects.filter(pk=rangpur.office.pk).update(name="জেলা কার্যালয়, নতুন নাম")
    evidence_attach(value=rv, actor=focal, file=ContentFile(PNG, "ছবি.png"))
    progress_record(plan=plan, indicator_ref="1.1.1", quarter="Q1", actor=focal, text="৯")
    after = report_html(focal, plan.pk, "Q1")
    row = report_row(after, "1.1.1")
    assert "প্রশিক্ষিত &lt;জন&gt;" in row and "প্রশিক্ষণার্থী" not in row
    assert '<span data-testid="reported">৯</span>' in row
    assert 'data-testid="evidence-link">ছবি.png</a>' in row
    heading = after.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert "জেলা কার্যালয়, নতুন নাম" in heading and "রংপুর" not in heading

    # The same plan in English: its own labels and digits, nothing of the Bengali page.
    english = report_html(focal, plan.pk, "Q1", "en")
    row = report_row(english, "1.1.1")
    assert 'data-label="Weight"' in row and '<span data-testid="reported">9</span>' in row
    assert "<th>Indicator</th>" in english and ">Q1</a>" in english
    # Another period: its own heading, links and cells.
    year = report_html(focal, plan.pk, "year")
    assert report_row(year, "1.1.1").count('<div class="cell" data-quarter="') == 4
    assert "?period=year\">PDF</a>" in year and "?period=Q1\">PDF</a>" not in year
    # Back in Bengali, the first page as it is now.
    assert "প্রশিক্ষিত &lt;জন&gt;" in report_row(report_html(focal, plan.pk, "Q1"), "1.1.1")
