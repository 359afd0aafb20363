"""What the report page shows and sends, row by row (its rows are written by
`kormo.progress.report_rows`): each indicator with its fields named by entry, the value shown
in the page's digits, the derived indicator's inputs, the computed governance rows, the files
and the forms, the review forms for the supervising office, every label in the page's language,
and everything typed by people escaped."""

from __future__ import annotations

import re

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from kormo.progress.models import Report
from kormo.progress.services import evidence_attach, progress_record, report_submit
from tests.progress.clients import report_html, report_row
from tests.progress.world import OfficeWorld, World

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
REFS = ("1.1.1", "1.1.2", "1.2.1", "2.1.1", "2.1.2", "G1.1.1", "G1.2.1", "G1.3.1", "G1.4.1",
        "G1.5.1")


def _reported(rangpur: OfficeWorld) -> None:
    """Q2 under way: a count with a remark a person typed (markup in it), a file, the derived
    indicator's inputs."""
    rv = progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q2",
                         actor=rangpur.focal, text="১২৩৪", remarks='<b>"ক" & খ</b>')
    evidence_attach(value=rv, actor=rangpur.focal, file=ContentFile(PNG, "<ছবি>.png"))
    progress_record(plan=rangpur.apa, indicator_ref="2.1.1", quarter="Q2", actor=rangpur.focal,
                    inputs={"e_disposals": "300", "hard_file_disposals": "100"})


def test_a_focal_points_open_quarter_row_by_row_in_bengali(world: World,
                                                         rangpur: OfficeWorld) -> None:
    _reported(rangpur)
    page = report_html(rangpur.focal, rangpur.apa.pk, "Q2")
    assert [m for m in re.findall(r'<tr id="i-([^"]+)"', page)] == list(REFS)
    row = report_row(page, "1.1.1")
    # The indicator's link and number in Bengali digits, its labels in Bengali.
    assert f'href="{reverse("progress:indicator", args=[rangpur.apa.pk])}?ref=1.1.1">[১.১.১]</a>' \
        in row
    assert 'data-label="মান"' in row and 'data-label="লক্ষ্যমাত্রা"' in row
    # The value as reported, in the page's digits, bound to the page's one form by entry.
    key = "1.1.1|Q2"
    assert f'<input type="hidden" form="report-values" name="entry" value="{key}">' in row
    assert re.search(rf'name="version-{re.escape(key)}" value="[1-9]\d*"', row)
    assert f'name="value-{key}" size="10" value="১,২৩৪" data-testid="value-input"' in row
    assert f'name="orig-value-{key}" value="১,২৩৪"' in row
    assert '<span data-testid="reported">১,২৩৪</span>' in row
    # What people typed comes back escaped: the remark and the file's name.
    assert f'name="remarks-{key}" value="&lt;b&gt;&quot;ক&quot; &amp; খ&lt;/b&gt;"' in row
    assert "<b>" not in row and "<ছবি>" not in row
    assert 'data-testid="evidence-link">&lt;ছবি&gt;.png</a>' in row
    # The file's remove form and the upload form, each with its CSRF field.
    assert row.count('name="csrfmiddlewaretoken"') == 2
    assert 'data-testid="upload-evidence">' in row
    # A value not yet submitted changes without a reason.
    assert "name=\"reason-" not in row
    # The derived indicator takes its two inputs, as stored.
    derived = report_row(page, "2.1.1")
    assert 'name="input_e_disposals-2.1.1|Q2" size="6" value="300"' in derived
    assert 'name="input_hard_file_disposals-2.1.1|Q2" size="6" value="100"' in derived
    assert 'data-testid="value-input"' not in derived
    # A governance indicator is computed from its action plan: no field.
    governance = report_row(page, "G1.1.1")
    assert "form=" not in governance and 'class="muted small"' in governance
    # An indicator with nothing reported yet: an empty field, version 0.
    empty = report_row(page, "1.2.1")
    assert 'name="version-1.2.1|Q2" value="0"' in empty
    assert 'name="value-1.2.1|Q2" size="10" value=""' in empty
    assert 'data-testid="evidence-file"' not in empty  # a file needs a value first


def test_the_same_rows_in_english_with_latin_digits(world: World,
                                                   rangpur: OfficeWorld) -> None:
    _reported(rangpur)
    row = report_row(report_html(rangpur.focal, rangpur.apa.pk, "Q2", "en"), "1.1.1")
    assert ">[1.1.1]</a>" in row and 'value="1,234" data-testid="value-input"' in row
    assert 'data-label="Weight"' in row and 'data-label="Target"' in row
    assert "<label>Achievement <input" in row and "<label>Remarks <input" in row
    assert 'data-testid="upload-evidence">Attach</button>' in row
    assert "PDF, PNG, JPEG, DOCX or XLSX; at most" in row


def test_a_refused_value_comes_back_as_typed_with_its_reason(world: World,
                                                           rangpur: OfficeWorld) -> None:
    client = Client()
    client.force_login(rangpur.focal)
    key = "1.1.1|Q2"
    response = client.post(
        reverse("progress:values_save", args=[rangpur.apa.pk]) + "?period=Q2",
        {"period": "Q2", "entry": key, f"version-{key}": "0", f"value-{key}": '১২"ক',
         f"orig-value-{key}": "", f"remarks-{key}": "", f"orig-remarks-{key}": ""})
    assert response.status_code == 400
    row = report_row(response.content.decode(), "1.1.1")
    assert f'name="value-{key}" size="10" value="১২&quot;ক" data-testid="value-input" ' \
        f'aria-invalid="true" aria-describedby="err-{key}"' in row
    assert f'<div class="entry small refused" data-entry="{key}">' in row
    assert re.search(rf'id="err-{re.escape(key)}" data-testid="value-error">[^<]+</p>', row)


def test_the_supervising_office_reviews_each_submitted_value(world: World,
                                                           rangpur: OfficeWorld) -> None:
    _reported(rangpur)
    report_submit(report=Report.objects.get(plan=rangpur.apa, period="Q2"), actor=rangpur.focal)
    page = report_html(world.supervisor, rangpur.apa.pk, "Q2")
    reviews = re.findall(r'<tr class="review">(.*?)</tr>', page, re.S)
    assert len(reviews) == 2  # the two values reported
    first = reviews[0]
    assert '<input type="hidden" name="ref" value="1.1.1">' in first
    assert '<input type="hidden" name="quarter" value="Q2">' in first
    assert "<strong>[১.১.১] " in first and 'value="" data-testid="verify-input"' in first
    assert {'value="verify" data-testid="verify"', 'value="accept"',
            'value="return" data-testid="return-item"'} <= {
        m for m in re.findall(r'value="(?:verify|accept|return)"(?: data-testid="[^"]+")?',
                              first)}
    # The supervising office changes no value: no field of the page's form.
    assert 'form="report-values"' not in page
    # The year-end evaluation shows each quarter's cell, named by its short name.
    year = report_row(report_html(rangpur.focal, rangpur.apa.pk, "year"), "1.1.1")
    assert year.count('<div class="cell" data-quarter="') == 4
