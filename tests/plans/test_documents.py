"""Documents for signed-in readers: a plan (drafts too) and its progress reports as PDF, DOCX and
XLSX through `offices.access` (READ), linked from the plan page and the report page."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from kormo.documents.render import MEDIA_TYPES
from kormo.documents.render.pdf import FONT_DIR, REQUIRED_FONTS
from kormo.domain import plan as d
from kormo.plans.convert import plan_save_from_domain
from tests.web.world import World, build_world

pytestmark = pytest.mark.django_db

DOCX_PART = "word/document.xml"
XLSX_PART = "xl/workbook.xml"


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def _client(world: World, who: str, lang: str = "bn") -> Client:
    client = Client()
    client.force_login(world.users[who])
    if lang != "bn":
        client.post(reverse("set_language"), {"language": lang, "next": "/"})
    return client


def _needs_fonts() -> None:
    if not all((Path(FONT_DIR) / f).exists() for f in REQUIRED_FONTS):
        pytest.skip("Debian's fonts-noto-core is not installed (make test installs it)")


def _zip_parts(body: bytes) -> set[str]:
    return set(zipfile.ZipFile(io.BytesIO(body)).namelist())


def test_the_focal_point_downloads_a_drafts_pdf(world: World) -> None:
    _needs_fonts()
    plan = world.plans["X"]
    assert plan.state == "draft"
    url = reverse("plans:document", kwargs={"plan_id": plan.pk, "fmt": "pdf"})
    assert url == f"/plans/{plan.pk}/document.pdf"
    response = _client(world, "focal").get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="kormo-plan-{plan.pk}-apa-2022-23-bn.pdf"')


@pytest.mark.parametrize(("fmt", "part"), [("docx", DOCX_PART), ("xlsx", XLSX_PART)])
def test_docx_and_xlsx_in_the_page_language_or_the_asked_one(world: World, fmt: str,
                                                             part: str) -> None:
    plan = world.plans["X"]
    url = reverse("plans:document", kwargs={"plan_id": plan.pk, "fmt": fmt})
    english_page = _client(world, "focal", lang="en").get(url)
    assert english_page.status_code == 200 and english_page["Content-Type"] == MEDIA_TYPES[fmt]
    assert part in _zip_parts(english_page.content)
    assert english_page["Content-Disposition"].endswith(f'-2022-23-en.{fmt}"')
    asked = _client(world, "focal").get(url, {"lang": "en"})
    assert asked["Content-Disposition"] == english_page["Content-Disposition"]
    bengali = _client(world, "focal").get(url)
    assert bengali["Content-Disposition"].endswith(f'-2022-23-bn.{fmt}"')


def test_a_sibling_office_or_a_stranger_gets_404(world: World) -> None:
    sibling_plan = world.plans["Y"]
    for who in ("focal", "head", "supervisor", "nobody"):
        client = _client(world, who)
        for name, extra in (("plans:document", {}), ("progress:report_document",
                                                     {"period": "Q1"})):
            url = reverse(name, kwargs={"plan_id": sibling_plan.pk, "fmt": "xlsx"})
            assert client.get(url, extra).status_code == 404, (who, name)
    # The office above reads the plans below: the supervisor of X gets the file of U.
    below = reverse("plans:document", kwargs={"plan_id": world.plans["U"].pk, "fmt": "xlsx"})
    assert _client(world, "supervisor").get(below).status_code == 200


@pytest.mark.parametrize(("period", "stem"), [("Q1", "progress-q1"), ("year", "evaluation")])
def test_the_quarterly_report_and_the_year_end_evaluation_of_a_draft(
        world: World, period: str, stem: str) -> None:
    plan = world.plans["X"]
    url = reverse("progress:report_document", kwargs={"plan_id": plan.pk, "fmt": "docx"})
    assert url == f"/progress/plans/{plan.pk}/report.docx"
    response = _client(world, "focal").get(url, {"period": period})
    assert response.status_code == 200
    assert response["Content-Type"] == MEDIA_TYPES["docx"]
    assert response["Content-Disposition"] == (
        f'attachment; filename="kormo-plan-{plan.pk}-{stem}-bn.docx"')
    assert DOCX_PART in _zip_parts(response.content)


def test_an_unknown_period_is_refused_in_both_languages(world: World) -> None:
    url = reverse("progress:report_document",
                  kwargs={"plan_id": world.plans["X"].pk, "fmt": "pdf"})
    for query in ({}, {"period": "Q5"}):
        response = _client(world, "focal").get(url, query)
        text = response.content.decode()
        assert response.status_code == 400
        assert "কোন প্রতিবেদন?" in text and "Which report?" in text


def test_a_report_the_renderer_cannot_make_is_explained_in_both_languages(world: World) -> None:
    # An action plan with nothing in it yet: its plan document is made (blank tables), a
    # report on it has no indicator to report on.
    empty = plan_save_from_domain(plan=d.Plan(
        kind=d.PlanKind.INTEGRITY, fiscal_year="2022-23", office=world.offices["X"].name,
        id="empty-nis"), office=world.offices["X"])
    client = _client(world, "focal")
    url = reverse("plans:document", kwargs={"plan_id": empty.pk, "fmt": "xlsx"})
    assert client.get(url).status_code == 200
    report = reverse("progress:report_document", kwargs={"plan_id": empty.pk, "fmt": "xlsx"})
    response = client.get(report, {"period": "Q1"})
    assert response.status_code == 400
    assert response.content.decode() == (
        "প্রতিবেদনের জন্য কোনো সূচকসহ পরিকল্পনা নেই\nno plan with indicators to report on\n")


def test_only_get_is_answered(world: World) -> None:
    url = reverse("plans:document", kwargs={"plan_id": world.plans["X"].pk, "fmt": "pdf"})
    assert _client(world, "focal").post(url).status_code == 405


def test_the_plan_page_and_the_report_page_link_the_documents(world: World) -> None:
    plan = world.plans["X"]
    client = _client(world, "focal")
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    for fmt in ("pdf", "docx", "xlsx"):
        assert f'href="/plans/{plan.pk}/document.{fmt}"' in page
    report = client.get(reverse("progress:report", args=[plan.pk]), {"period": "Q2"})
    text = report.content.decode()
    for fmt in ("pdf", "docx", "xlsx"):
        assert f'href="/progress/plans/{plan.pk}/report.{fmt}?period=Q2"' in text
