"""Importing a document in the browser's pages (issue "Import the documents offices already
have"): upload → review beside the file as read → correct → confirm, with nothing saved before
the confirmation; bad files and bad corrections lose nothing and save nothing; an upload under
review is its uploader's only; the review page's query count does not grow with the rows.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kormo.audit.models import ChangeRecord
from kormo.domain.plan import PlanKind, Quarter
from kormo.domain.planformat import loads
from kormo.domain.values import DateValue, Money, Number
from kormo.offices.models import Role
from kormo.plans.convert import plan_to_domain
from kormo.plans.models import PendingImport, Plan, PlanState
from tests.web.world import World, build_world
from tests.world import person

pytestmark = pytest.mark.django_db

SEED_002 = Path("/work/shared/seeds/002_120f2a24ce1055b0.txt")


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def focal(world: World) -> Client:
    return _client(world.users["focal"])


def _seed_002() -> bytes:
    if not SEED_002.exists():
        pytest.skip("the shared seed documents are not on this machine")
    return SEED_002.read_bytes()


def _upload(client: Client, world: World, data: bytes, name: str, year: str = ""):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(reverse("plans:import", args=[world.offices["X"].pk]),
                       {"file": SimpleUploadedFile(name, data), "fiscal_year": year})


def _pending_id(response) -> int:
    assert response.status_code == 302, response.content[:500]
    return int(re.search(r"/plans/import/(\d+)/$", response["Location"])[1])


def _inputs(html: str) -> dict[str, str]:
    """Every correction input of the review page: name → value (what a browser would post)."""
    return {m[1]: m[2] for m in re.finditer(
        r'<input name="(cell:[^"]+)" id="[^"]*" value="([^"]*)"', html)}


def _plan_count() -> int:
    return Plan.objects.filter(is_template=False).count()


def test_upload_review_correct_and_confirm_seed_002(world: World, focal: Client) -> None:
    before = _plan_count()
    pid = _pending_id(_upload(focal, world, _seed_002(), "kaliganj-nis.txt", "২০২০-২১"))
    pending = PendingImport.objects.get(pk=pid)
    assert (pending.fiscal_year, pending.format, pending.file_name) == (
        "2020-21", "tsv", "kaliganj-nis.txt")
    assert _plan_count() == before  # nothing saved before the confirmation

    page = focal.get(reverse("plans:import_review", args=[pid]))
    html = page.content.decode()
    assert page.status_code == 200
    # The flag on [10.1.1]'s annual target ("১২,০০০/-" under the unit লক্ষ টাকা) is marked in
    # the plan read (its input) and in the file as read (table 3, row 0, column 5).
    assert re.search(r'<input name="cell:0:10.1.1:annual_target" id="p-cell_0_10_1_1_annual_'
                     r'target" value="১২,০০০/-" class="value flagged"', html)
    assert re.search(r'<td id="s-t3-r0-c5" class="flagged">১২,০০০/-', html)
    # The reason in the page's language, in the list of the 23 cells to check; the input's
    # title carries it too.
    reason = "একক লক্ষ টাকা, কিন্তু ঘরে টাকার অঙ্ক লেখা (&quot;/-&quot;): টাকা হিসেবে রাখা হয়েছে"
    assert html.count(reason) == 10  # 5 flags: the list and the titles
    # 23 cells: three of them "৩০/৬/২1", Bengali and Latin digits in one number (issue 12).
    assert "যাচাই করার ঘর: ২৩টি" in html
    assert re.search(r'<tr id="f15">\s*<td class="n">১৬</td>\s*<td><a href="#p-cell_0_10_1_1_'
                     r'annual_target">\[১০\.১\.১\] বার্ষিক লক্ষ্যমাত্রা</a>', html)
    assert '<a href="#s-t3-r0-c5">সারণি ৪, সারি ১, কলাম ৬ (লাইন ৮৭)</a>' in html

    # Correct the flagged cell (Bengali digits: 0.12 lakh = 12,000 taka) and a progress date,
    # check, then confirm.
    form = _inputs(html)
    form["cell:0:10.1.1:annual_target"] = "০.১২"
    form["cell:0:4.2.1:progress.Q1"] = "26.09.2020"
    checked = focal.post(reverse("plans:import_review", args=[pid]), form)
    assert checked.status_code == 302 and checked["Location"].endswith("?checked=1")
    assert _plan_count() == before
    again = focal.get(checked["Location"]).content.decode()
    assert 'value="০.১২" class="value flagged"' in again

    saved = focal.post(reverse("plans:import_confirm", args=[pid]), _inputs(again))
    assert saved.status_code == 302
    plan_pk = int(re.search(r"/plans/(\d+)/$", saved["Location"])[1])
    assert not PendingImport.objects.filter(pk=pid).exists()
    assert _plan_count() == before + 1
    row = Plan.objects.get(pk=plan_pk)
    assert (row.office_id, row.fiscal_year, row.kind, row.state, row.created_by_id) == (
        world.offices["X"].pk, "2020-21", "integrity", PlanState.DRAFT,
        world.users["focal"].pk)

    plan = plan_to_domain(plan_pk)
    assert plan.office == world.offices["X"].name
    ind = plan.indicator("10.1.1")
    assert ind is not None and ind.annual_target == Number(Decimal("0.12"))
    assert ind.quarterly_target(Quarter.Q1) == Money(Decimal(3000))  # left as read
    assert [p.value for p in plan.progress if p.indicator == "4.2.1"] == [
        DateValue(dt.date(2020, 9, 26))]
    notes = {n.place: n.note for n in plan.source_notes}
    assert notes["10.1.1 / annual_target"].startswith(
        "Corrected on review from “Tk 12,000” to “0.12”. the unit is lakh taka")
    assert notes["4.2.1 / progress.Q1"].startswith(
        "Corrected on review from “26.02.2020” to “26.09.2020”.")
    assert "[money_in_lakh_unit]" in notes["10.1.1 / Q1"]
    assert "ঐ-চিহ্ন" in notes["1.2.1 / responsible"]  # the Bengali reason stays too
    assert len(plan.source_notes) == 23  # one per flag of the file
    change = ChangeRecord.objects.get(action="plan.import")
    assert change.after["corrections"] == 2 and change.actor_id == world.users["focal"].pk

    # The plan's page, where the confirmation leads.
    assert focal.get(saved["Location"]).status_code == 200


def test_a_bad_file_shows_the_importers_message_in_both_languages(world: World,
                                                                  focal: Client) -> None:
    before = (_plan_count(), PendingImport.objects.count())
    page = _upload(focal, world, b"PK\x03\x04 not really a zip", "plan.docx")
    html = page.content.decode()
    assert page.status_code == 400
    assert 'id="upload-error"' in html
    assert re.search(r'<p class="msg" lang="bn">[^<]*ক্ষতিগ্রস্ত', html)
    assert re.search(r'<p class="small msg" lang="en">[^<]*damaged', html)
    assert (_plan_count(), PendingImport.objects.count()) == before

    no_file = focal.post(reverse("plans:import", args=[world.offices["X"].pk]),
                         {"fiscal_year": "2022-23"})
    assert no_file.status_code == 400 and "no file was chosen" in no_file.content.decode()
    bad_year = _upload(focal, world, _seed_002(), "a.txt", "২০২২-২৫")
    assert bad_year.status_code == 400
    assert 'value="২০২২-২৫"' in bad_year.content.decode()  # what was typed stays
    assert (_plan_count(), PendingImport.objects.count()) == before


def test_an_invalid_correction_names_the_cell_keeps_everything_typed_and_saves_nothing(
        world: World, focal: Client) -> None:
    pid = _pending_id(_upload(focal, world, _seed_002(), "nis.txt"))
    form = _inputs(focal.get(reverse("plans:import_review", args=[pid])).content.decode())
    form["cell:0:10.1.1:annual_target"] = "০.১২"  # a good one
    form["cell:0:2.1.1:Q2"] = "বারো"  # not a value
    form["cell:0:1.1.1:weight"] = "চার"  # not a number
    before = (_plan_count(), PendingImport.objects.get(pk=pid).plans)
    for url in ("plans:import_review", "plans:import_confirm"):
        page = focal.post(reverse(url, args=[pid]), form)
        html = page.content.decode()
        assert page.status_code == 400
        assert "[২.১.১] ২ম কোয়ার্টারের লক্ষ্যমাত্রা: “বারো” ঘরটি বোঝা যায়নি" in html
        assert "[১.১.১] মান:" in html
        assert 'value="বারো" class="value cell-error" aria-invalid="true"' in html
        assert 'value="০.১২" class="value flagged"' in html  # the good one is kept on the page
        assert (_plan_count(), PendingImport.objects.get(pk=pid).plans) == before
    en = _client(world.users["focal"])
    en.cookies["django_language"] = "en"
    html = en.post(reverse("plans:import_review", args=[pid]), form).content.decode()
    assert "[2.1.1] target Q2: cell “বারো” not understood" in html


def test_cancel_deletes_the_pending_import(world: World, focal: Client) -> None:
    pid = _pending_id(_upload(focal, world, _seed_002(), "nis.txt"))
    before = _plan_count()
    response = focal.post(reverse("plans:import_cancel", args=[pid]))
    assert response.status_code == 302
    assert response["Location"] == reverse("offices:detail", args=[world.offices["X"].pk])
    assert not PendingImport.objects.filter(pk=pid).exists()
    assert _plan_count() == before
    assert focal.get(reverse("plans:import_review", args=[pid])).status_code == 404


def test_confirming_a_plan_the_office_has_is_refused(world: World, focal: Client) -> None:
    pid = _pending_id(_upload(focal, world, _seed_002(), "nis.txt"))
    html = focal.get(reverse("plans:import_review", args=[pid])).content.decode()
    focal.post(reverse("plans:import_confirm", args=[pid]), _inputs(html))
    before = _plan_count()
    again = _pending_id(_upload(focal, world, _seed_002(), "nis.txt"))
    page = focal.get(reverse("plans:import_review", args=[again])).content.decode()
    assert "এই অফিসের এই অর্থবছরের এই ধরনের পরিকল্পনা আগেই আছে: নিশ্চিত করলে" in page
    refused = focal.post(reverse("plans:import_confirm", args=[again]), _inputs(page))
    assert refused.status_code == 409
    assert "এই অফিসের ২০২০-২১ অর্থবছরের এই ধরনের পরিকল্পনা আগেই আছে" in refused.content.decode()
    assert _plan_count() == before and PendingImport.objects.filter(pk=again).exists()


def test_only_the_uploader_may_open_an_upload_under_review(world: World, focal: Client) -> None:
    """The permission walk delegates these URLs here: another focal point of the same office,
    the office's head and supervisor, people of other offices and strangers get 404 for every
    method, and their POSTs change nothing."""
    pid = _pending_id(_upload(focal, world, _seed_002(), "nis.txt"))
    colleague = person("focal2", world.offices["X"], Role.FOCAL_POINT)
    sibling = person("focal-y", world.offices["Y"], Role.FOCAL_POINT)
    above = person("focal-d", world.offices["D"], Role.FOCAL_POINT)
    others = [colleague, sibling, above, *(world.users[k] for k in (
        "head", "supervisor", "admin", "admin_top", "nobody"))]
    stored = PendingImport.objects.get(pk=pid).plans
    for user in others:
        client = _client(user)
        for name, method in (("plans:import_review", "get"), ("plans:import_review", "post"),
                             ("plans:import_confirm", "post"), ("plans:import_cancel", "post")):
            response = getattr(client, method)(reverse(name, args=[pid]),
                                               {"cell:0:1.1.1:weight": "9"})
            assert response.status_code == 404, (user.username, name, method)
    assert PendingImport.objects.get(pk=pid).plans == stored
    assert Plan.objects.filter(kind="integrity", fiscal_year="2020-21").count() == 0
    anonymous = Client().get(reverse("plans:import_review", args=[pid]))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/login/")
    # The uploader who has lost the focal point's role loses the upload too.
    from kormo.offices.services import membership_revoke

    membership_revoke(user=world.users["focal"], office=world.offices["X"],
                      role=Role.FOCAL_POINT)
    assert _client(world.users["focal"]).get(
        reverse("plans:import_review", args=[pid])).status_code == 404
    # Wrong methods on the owner's own upload.
    assert focal.get(reverse("plans:import_confirm", args=[0])).status_code in (404, 405)


def _five_level_tsv(n: int) -> bytes:
    """An e-governance action plan as tab-separated text with `n` indicators (one of them
    flagged: a date outside the fiscal year)."""
    lines = ["ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা 2023-24",
             "দপ্তর/সংস্থার নাম: জেলা প্রশাসকের কার্যালয়, নড়াইল", "",
             "\t".join(("কর্মসম্পাদনের ক্ষেত্র", "মান", "কার্যক্রম", "কর্মসম্পাদন সূচক", "একক",
                        "কর্মসম্পাদন সূচকের মান", "অসাধারণ", "অতি উত্তম", "উত্তম", "চলতি মান",
                        "চলতি মানের নিম্নে"))]
    for k in range(1, n + 1):
        levels = ("4", "3", "2", "1", "-") if k > 1 else ("15/03/2025", "22/03/2024",
                                                           "31/03/2024", "07/04/2024", "-")
        unit = "সংখ্যা" if k > 1 else "তারিখ"
        lines.append("\t".join(("[1] সেবা সহজিকরণ" if k == 1 else "", str(n) if k == 1 else "",
                                f"[1.{k}] কার্যক্রম {k}", f"[1.{k}.1] সূচক {k}", unit, "1",
                                *levels)))
    return "\n".join(lines).encode()


def test_the_review_pages_query_count_does_not_grow_with_the_rows(world: World,
                                                                  focal: Client) -> None:
    counts = []
    for n in (3, 40):
        pid = _pending_id(_upload(focal, world, _five_level_tsv(n), f"egov-{n}.tsv"))
        pending = PendingImport.objects.get(pk=pid)
        assert len(loads(pending.plans)[0].indicators) == n
        assert pending.flags  # the date outside the year
        with CaptureQueriesContext(connection) as queries:
            page = focal.get(reverse("plans:import_review", args=[pid]))
        assert page.status_code == 200 and 'class="value flagged"' in page.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 8, counts


def test_the_office_page_links_to_the_import_for_its_focal_points(world: World,
                                                                   focal: Client) -> None:
    url = reverse("plans:import", args=[world.offices["X"].pk])
    office_page = reverse("offices:detail", args=[world.offices["X"].pk])
    assert url in focal.get(office_page).content.decode()
    assert url not in _client(world.users["head"]).get(office_page).content.decode()
    page = focal.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page and 'accept=".docx,.xlsx,.pdf,.tsv,.txt"' in page


def test_a_file_with_several_plans_is_saved_whole(world: World, focal: Client) -> None:
    seed = Path("/work/shared/seeds/004_6855e44dd3650a70.txt")
    if not seed.exists():
        pytest.skip("the shared seed documents are not on this machine")
    before = _plan_count()
    pid = _pending_id(_upload(focal, world, seed.read_bytes(), "dte.txt", "2022-23"))
    html = focal.get(reverse("plans:import_review", args=[pid])).content.decode()
    saved = focal.post(reverse("plans:import_confirm", args=[pid]), _inputs(html))
    assert saved.status_code == 302
    assert saved["Location"] == reverse("offices:detail", args=[world.offices["X"].pk])
    assert _plan_count() == before + 2
    kinds = set(Plan.objects.filter(office=world.offices["X"], fiscal_year="2022-23")
                .values_list("kind", flat=True))
    assert {PlanKind.EGOV_INNOVATION.value, PlanKind.INNOVATION_REGISTER.value} <= kinds


def test_a_workbook_kormo_printed_is_reviewed_and_saved_whole(world: World,
                                                              focal: Client) -> None:
    """Seed 001's five action plans as the XLSX `kormo export` writes (one sheet per table):
    the review shows every sheet's table, and confirming saves the five plans as they were."""
    from kormo.documents.render import export
    from kormo.domain.planformat import load_path

    seed = next((Path(__file__).resolve().parents[2] / "data" / "seeds").glob("001-*.json"))
    plans = load_path(str(seed))
    pid = _pending_id(_upload(focal, world, export(plans, "xlsx"), "nis-and-more.xlsx"))
    page = focal.get(reverse("plans:import_review", args=[pid]))
    html = page.content.decode()
    assert page.status_code == 200 and html.count('class="data small source-table"') == 5
    saved = focal.post(reverse("plans:import_confirm", args=[pid]), _inputs(html))
    assert saved.status_code == 302
    rows = Plan.objects.filter(office=world.offices["X"], fiscal_year="2023-24").order_by("pk")
    assert [r.kind for r in rows] == [p.kind.value for p in plans]
    for row, want in zip(rows, plans, strict=True):
        got = plan_to_domain(row.pk)
        assert [(i.number, i.weight, i.levels, i.annual_target, i.quarterly_targets)
                for i in got.indicators] == [
            (i.number, i.weight, i.levels, i.annual_target, i.quarterly_targets)
            for i in want.indicators]


@pytest.mark.parametrize("subtitle", ["মাঠ (জেলা) পর্যায়ের অফিসের জন্য",
                                      "উপজেলা <পর্যায়> & ইউনিয়ন অফিসের জন্য"])
def test_the_review_shows_an_action_plans_subtitle_under_its_title(world: World, focal: Client,
                                                                   subtitle: str) -> None:
    """The line the form prints between its title and its table is read as the plan's
    subtitle and shown, escaped, under the title; a plan without one shows none."""
    lines = _five_level_tsv(3).decode().split("\n")
    with_subtitle = "\n".join([lines[0], subtitle, *lines[1:]]).encode()
    pid = _pending_id(_upload(focal, world, with_subtitle, "egov-subtitle.tsv"))
    assert loads(PendingImport.objects.get(pk=pid).plans)[0].subtitle == subtitle
    html = focal.get(reverse("plans:import_review", args=[pid])).content.decode()
    shown = re.findall(r'<span data-testid="review-subtitle">(.*?)</span>', html)
    escaped = subtitle.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert shown == [escaped]
    # Under the title, before the office as written, in the plan's heading.
    heading = re.search(r'<div class="review-plan" id="plan-0">.*?<p class="small">(.*?)</p>',
                        html, re.S)[1]
    assert heading.index("ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা") < heading.index(escaped) \
        < heading.index("নড়াইল")

    plain = _pending_id(_upload(focal, world, _five_level_tsv(3), "egov-plain.tsv"))
    html = focal.get(reverse("plans:import_review", args=[plain])).content.decode()
    assert 'data-testid="review-subtitle"' not in html
