"""The public pages: Bengali by default with the English switch, no login, the documents of
the documents renderer and the data files linked from an office's page."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from docx import Document as DocxDocument
from openpyxl import load_workbook

from kormo.documents.render.pdf import FONT_DIR, REQUIRED_FONTS

PAGE = "/public/offices/t-rangpur/"


def test_the_office_page_is_bengali_by_default_without_login(client, world):
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="bn">' in html
    assert "প্রকাশিত পরিকল্পনা ও প্রতিবেদন" in html
    assert "অর্থবছর ২০২২-২৩" in html  # the fiscal year in Bengali digits
    assert "জেলা কার্যালয়, রংপুর" in html
    # The accepted Q1 reports (of the APA and the integrity plan), and no other.
    assert html.count("অগ্রগতি প্রতিবেদন, ১ম কোয়ার্টার (জুলাই-সেপ্টেম্বর)") == 2
    assert "২য় কোয়ার্টার" not in html
    assert "http://testserver/public/offices/t-rangpur/" in html  # the address to link


def test_the_english_switch(client, world):
    response = client.post("/i18n/setlang/", {"language": "en", "next": PAGE})
    assert response.status_code == 302 and response["Location"] == PAGE
    html = client.get(PAGE).content.decode()
    assert '<html lang="en">' in html
    assert "Published plans and reports" in html
    assert "Fiscal year 2022-23" in html
    assert "Rangpur office" in html  # the office's English name
    assert "Progress report, Q1 (Jul–Sep)" in html


def test_every_link_of_the_office_page_answers(client, world):
    html = client.get(PAGE).content.decode()
    links = sorted(set(re.findall(r'href="(/public/[^"]+)"', html)))
    assert len(links) >= 12
    for link in links:
        if ".pdf" in link:
            continue  # a PDF takes a while: test_a_signed_plan_as_pdf makes one
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200, link


def test_documents_are_the_renderer_s_in_the_asked_language(client, world):
    apa = world.rangpur.apa
    response = client.get(f"/public/plans/{apa.pk}/document.docx?lang=en")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert response["Content-Disposition"] == (
        f'attachment; filename="kormo-plan-{apa.pk}-apa-2022-23-en.docx"')
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(response.content)).paragraphs)
    assert "Annual Performance Agreement" in text or "annual performance agreement" in \
        text.lower()
    book = load_workbook(io.BytesIO(client.get(
        f"/public/plans/{apa.pk}/reports/Q1.xlsx").content))
    cells = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows()
                     for c in row if c.value is not None)
    assert "প্রশিক্ষণার্থী" in cells  # Bengali by default


@pytest.mark.skipif(not all(shutil.os.path.exists(f"{FONT_DIR}/{f}") for f in REQUIRED_FONTS),
                    reason="the Noto fonts (Debian fonts-noto-core) are not installed")
def test_a_signed_plan_as_pdf(client, world):
    response = client.get(f"/public/plans/{world.rangpur.integrity.pk}/document.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_the_index_links_every_public_office_and_the_open_data(client, world):
    html = client.get("/public/").content.decode()
    assert html.count('class="name" href="/public/offices/') == 4
    for url in ("/public/data/plans.json", "/public/data/scores.json",
                "/public/data/indicators.csv", "/public/data/catalogue.json"):
        assert f'href="{url}"' in html
