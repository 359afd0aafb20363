"""Open data: the JSON reads back with `planformat.loads` and equals the stored plan; the CSV's
columns and values are exact for seeds 000 and 004; the collections cost a fixed number of
queries whatever the number of plans."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kormo.domain import planformat
from kormo.domain.plan import Tier
from kormo.offices.models import Role
from kormo.offices.services import office_create
from kormo.plans.convert import plan_to_domain, plans_save_file, plans_to_domain
from kormo.plans.models import Plan
from kormo.progress.services import report_accept, report_get_or_create, report_submit
from kormo.public.opendata import CSV_COLUMNS, DataPlan, dumps_csv
from tests.public.world import World, place, report
from tests.world import person, sign

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
SEED_000 = SEEDS / "000-rangpur-ict-apa-2022-23.json"
SEED_004 = SEEDS / "004-dte-egov-innovation-2022-23.json"

# Columns from indicator_ref on, except the indicator's name (checked against the seed file):
# ref, unit, weight, levels 100..60, target, Q1..Q4, annual achievement, raw %, score, maximum,
# status.
SEED_000_ROWS = [
    ("1.1.1", "count", "4", "100", "90", "80", "70", "60", "100", "", "", "", "", "", "",
     "0.00", "4.00", "not_reported"),
    ("1.2.1", "count", "5", "350", "300", "250", "200", "150", "350", "", "", "", "", "", "",
     "0.00", "5.00", "not_reported"),
    ("1.3.1", "count", "5", "100", "90", "80", "70", "60", "100", "", "", "", "", "", "",
     "0.00", "5.00", "not_reported"),
    ("1.4.1", "count", "4", "90", "80", "70", "60", "50", "90", "", "", "", "", "", "",
     "0.00", "4.00", "not_reported"),
    ("1.5.1", "count", "4", "20", "15", "12", "10", "8", "20", "", "", "", "", "", "",
     "0.00", "4.00", "not_reported"),
    ("1.6.1", "count", "3", "8", "8", "7", "6", "5", "8", "", "", "", "", "", "",
     "0.00", "3.00", "not_reported"),
    ("2.1.1", "date", "9", "2022-12-12", "2023-01-31", "2023-02-28", "", "", "2022-12-12",
     "", "", "", "", "", "", "0.00", "9.00", "not_reported"),
    ("2.2.1", "count", "8", "8", "7", "6", "5", "4", "8", "", "", "", "", "", "",
     "0.00", "8.00", "not_reported"),
    # DOMAIN.md "Structure rules": seed 000 [২.৩.১] has only the 100 % date.
    ("2.3.1", "date", "8", "2022-10-18", "", "", "", "", "2022-10-18", "", "", "", "", "",
     "", "0.00", "8.00", "not_reported"),
    ("3.1.1", "count", "10", "25", "20", "15", "10", "8", "25", "", "", "", "", "", "",
     "0.00", "10.00", "not_reported"),
    ("3.2.1", "count", "10", "25", "20", "15", "10", "8", "25", "", "", "", "", "", "",
     "0.00", "10.00", "not_reported"),
    # Governance indicators fed by action plans that are not stored: "plan missing".
    ("G1.1.1", "marks", "10", "", "", "", "", "", "", "", "", "", "", "", "", "0.00",
     "10.00", "plan_missing"),
    ("G1.2.1", "marks", "10", "", "", "", "", "", "", "", "", "", "", "", "", "0.00",
     "10.00", "plan_missing"),
    ("G1.3.1", "marks", "4", "", "", "", "", "", "", "", "", "", "", "", "", "0.00",
     "4.00", "plan_missing"),
    ("G1.4.1", "marks", "3", "", "", "", "", "", "", "", "", "", "", "", "", "0.00",
     "3.00", "plan_missing"),
    ("G1.5.1", "marks", "3", "", "", "", "", "", "", "", "", "", "", "", "", "0.00",
     "3.00", "plan_missing"),
]

SEED_004_ROWS = [
    ("1.1.1", "date", "10", "2023-05-04", "2023-05-11", "2023-05-18", "2023-05-25",
     "2023-05-31", "2023-05-04", "", "", "", "", "", "", "0.00", "10.00", "not_reported"),
    ("1.2.1", "date", "2", "2022-10-13", "2022-10-27", "2022-11-10", "", "", "2022-10-13",
     "", "2022-10-10", "", "", "2022-10-10", "100.00", "2.00", "2.00", "scored"),
    ("1.2.2", "date", "7", "2023-05-04", "2023-05-11", "2023-05-18", "2023-05-25",
     "2023-05-31", "2023-05-04", "", "", "", "", "", "", "0.00", "7.00", "not_reported"),
    # The e-Nothi rate (DOMAIN.md): 2236 / (2236 + 1439) × 100, computed from the inputs at
    # full precision (the report typed 61 %); between the 70 % (70) and 60 % (60) levels.
    ("1.3.1", "percent", "4", "85", "80", "75", "70", "60", "85", "", "61", "", "",
     "60.84353741496598639455782313", "60.84", "2.43", "4.00", "scored"),
    ("1.4.1", "date", "4", "2022-10-31", "2022-11-16", "2022-11-30", "2022-12-15",
     "2022-12-29", "2022-10-31", "", "2022-10-10", "", "", "2022-10-10", "100.00", "4.00",
     "4.00", "scored"),
    ("1.4.2", "count", "3", "2", "", "1", "", "", "2", "", "", "", "", "", "", "0.00",
     "3.00", "not_reported"),
    ("2.1.1", "count", "6", "4", "3", "2", "1", "", "4", "", "", "", "", "", "", "0.00",
     "6.00", "not_reported"),
    ("2.2.1", "count", "3", "4", "", "3", "2", "", "4", "", "", "", "", "", "", "0.00",
     "3.00", "not_reported"),
    ("2.2.2", "percent", "3", "85", "70", "60", "55", "50", "85", "", "", "", "", "", "",
     "0.00", "3.00", "not_reported"),
    ("2.2.3", "date", "3", "2023-01-15", "2023-01-22", "2023-01-31", "2023-02-09",
     "2023-02-16", "2023-01-15", "", "", "", "", "", "", "0.00", "3.00", "not_reported"),
    ("2.2.4", "date", "2", "2023-01-31", "2023-02-09", "2023-02-16", "2023-02-23",
     "2023-02-28", "2023-01-31", "", "", "", "", "", "", "0.00", "2.00", "not_reported"),
    ("2.2.5", "date", "3", "2023-05-31", "2023-06-30", "", "", "", "2023-05-31", "", "", "",
     "", "", "", "0.00", "3.00", "not_reported"),
]


def _csv(text: str | bytes) -> list[dict[str, str]]:
    if isinstance(text, bytes):
        assert text.startswith(b"\xef\xbb\xbf"), "the CSV starts with a byte-order mark"
        text = text.decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    return list(reader)


def _tail(row: dict[str, str]) -> tuple[str, ...]:
    cols = CSV_COLUMNS[CSV_COLUMNS.index("indicator_ref"):]
    return tuple(row[c] for c in cols if c not in ("indicator_number", "indicator_name"))


def _seed_names(path: Path) -> list[tuple[str, str, str, str]]:
    """(area number, area name, indicator number, indicator name) in document order."""
    plan = json.loads(path.read_text("utf-8"))["plans"][0]
    return [(a["number"], a["name"], i["number"], i["name"])
            for a in plan["areas"] for act in a["activities"] for i in act["indicators"]]


def test_the_csv_columns_are_the_documented_ones():
    assert CSV_COLUMNS == (
        "office_code", "office", "fiscal_year", "plan_id", "plan_kind", "plan_revision",
        "area_number", "area_name", "area_kind", "indicator_ref", "indicator_number",
        "indicator_name", "unit", "weight", "level_100", "level_90", "level_80", "level_70",
        "level_60", "annual_target", "q1", "q2", "q3", "q4", "annual_achievement",
        "raw_percent", "score", "maximum", "status")


@pytest.mark.django_db
def test_seed_000_csv_is_exact():
    office = office_create(name="জেলা কার্যালয়, রংপুর", tier=Tier.DISTRICT, code="rangpur-ict")
    (row,) = plans_save_file(str(SEED_000), lambda _p: office)
    loaded = plans_to_domain(Plan.objects.filter(pk=row.pk))
    rows = _csv(dumps_csv([DataPlan(lp.row, lp.domain) for lp in loaded.values()]))
    assert [_tail(r) for r in rows] == SEED_000_ROWS
    assert [(r["area_number"], r["area_name"], r["indicator_number"], r["indicator_name"])
            for r in rows] == _seed_names(SEED_000)
    assert {(r["office_code"], r["office"], r["fiscal_year"], r["plan_id"], r["plan_kind"],
             r["plan_revision"]) for r in rows} == {
        ("rangpur-ict", "জেলা কার্যালয়, রংপুর", "2022-23", str(row.pk), "apa", "1")}
    assert [r["area_kind"] for r in rows] == ["office"] * 11 + ["governance"] * 5


def _publish_seed_004(world: World) -> Plan:
    """Seed 004 stored under a directorate of the world, signed through the services, its
    second-quarter report (the seed's progress) submitted and accepted."""
    office = office_create(name="কারিগরি শিক্ষা অধিদপ্তর", tier=Tier.DIRECTORATE,
                           parent=world.ministry.office, code="dte")
    focal = person("dte-focal", office, Role.FOCAL_POINT)
    head = person("dte-head", office, Role.OFFICE_HEAD)
    egov, register = plans_save_file(str(SEED_004), lambda _p: office)
    sign(register, head, world.ministry_supervisor, focal=focal)
    egov = sign(egov, head, world.ministry_supervisor, focal=focal)
    rep = report_get_or_create(plan=egov, period="Q2", actor=focal)
    report_accept(report=report_submit(report=rep, actor=focal),
                  actor=world.ministry_supervisor)
    return egov


def test_seed_004_csv_is_exact_on_the_public_url(client, world):
    egov = _publish_seed_004(world)
    rows = _csv(client.get(f"/public/plans/{egov.pk}/indicators.csv").content)
    assert [_tail(r) for r in rows] == SEED_004_ROWS
    assert [(r["area_number"], r["area_name"], r["indicator_number"], r["indicator_name"])
            for r in rows] == _seed_names(SEED_004)
    assert {(r["office_code"], r["fiscal_year"], r["plan_kind"]) for r in rows} == {
        ("dte", "2022-23", "egov_innovation")}
    # The office's file holds the same rows (the register has no indicators).
    assert _csv(client.get("/public/offices/dte/indicators.csv").content) == rows


def test_seed_004_json_reads_back_equal_to_the_stored_plans(client, world):
    egov = _publish_seed_004(world)
    response = client.get(f"/public/plans/{egov.pk}/plans.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    (plan,) = planformat.loads(response.content)
    assert plan == plan_to_domain(egov.pk)
    assert len(plan.progress) == 3
    stored = Plan.objects.filter(office__code="dte").order_by("pk")
    assert planformat.loads(client.get("/public/offices/dte/plans.json").content) == [
        plan_to_domain(p.pk) for p in stored]
    scores = client.get(f"/public/plans/{egov.pk}/scores.json").json()
    assert scores["format"] == "kormo-scores"
    (entry,) = scores["plans"]
    assert (entry["id"], entry["plan"], entry["office_code"], entry["total"],
            entry["maximum"], entry["percent"]) == (
        egov.pk, "dte-egov-innovation-2022-23", "dte", 8.43, 50.0, 16.87)


def test_a_fully_accepted_plan_reads_back_equal_to_the_stored_plan(client, world):
    apa, supervisor = world.rangpur.apa, world.dir_supervisor
    # Q2 is submitted: accept it; Q3 is a draft: submit and accept it.
    from kormo.progress.models import Report

    for period in ("Q2", "Q3"):
        rep = Report.objects.get(plan=apa, period=period)
        if rep.state == "draft":
            rep = report_submit(report=rep, actor=world.rangpur.focal)
        report_accept(report=rep, actor=supervisor)
    for plan in (apa, world.rangpur.integrity):
        (back,) = planformat.loads(client.get(f"/public/plans/{plan.pk}/plans.json").content)
        assert back == plan_to_domain(plan.pk)
    (back,) = planformat.loads(client.get(f"/public/plans/{apa.pk}/plans.json").content)
    assert sorted((p.quarter.value, str(p.value.value)) for p in back.progress) == [
        ("Q1", "20"), ("Q2", "30"), ("Q3", "40")]


COLLECTIONS = ("/public/data/plans.json", "/public/data/scores.json",
               "/public/data/indicators.csv", "/public/offices/t-directorate/",
               "/public/offices/t-rangpur/", "/public/offices/t-rangpur/indicators.csv",
               "/public/data/catalogue.json", "/public/")
# The pinned counts (SQLite and PostgreSQL alike): the loader's 17 queries, the accepted
# reports, the year's rule sets; the office pages also look up the office and its tree.
EXPECTED_QUERIES = {  # progress read from its one store: one table less than the mirror's
    "/public/data/plans.json": 17, "/public/data/scores.json": 18,
    "/public/data/indicators.csv": 18, "/public/offices/t-directorate/": 24,
    "/public/offices/t-rangpur/": 24, "/public/offices/t-rangpur/indicators.csv": 20,
    "/public/data/catalogue.json": 3, "/public/": 1,
}


def _counts(client) -> dict[str, int]:
    out = {}
    for url in COLLECTIONS:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200, url
        # Sessions and the language cookie cost nothing here (anonymous, no session).
        out[url] = len(ctx.captured_queries)
    return out


def test_collections_cost_the_same_queries_for_5_or_11_plans(client, world):
    before = _counts(client)
    # Three more district offices (with a subordinate each) with signed plans and reports.
    for n in range(3):
        d = place(f"t-extra-{n}", f"অতিরিক্ত জেলা {n}", Tier.DISTRICT, world.directorate.office,
                  world.dir_supervisor, integrity=n == 0)
        place(f"t-extra-{n}-u", f"অতিরিক্ত উপজেলা {n}", Tier.UPAZILA, d.office,
              world.dir_supervisor)
        report(d.apa, "Q1", "10", d.focal, accept_by=world.dir_supervisor)
    published = Plan.objects.filter(state="signed").count()
    assert published == 5 + 7
    assert _counts(client) == before == EXPECTED_QUERIES


def test_values_under_correction_are_left_out_at_no_extra_query(client, world):
    """The year-end evaluation of Dinajpur returned with one accepted item, which the office
    corrects: the value is under correction (left out of every file and page) until accepted
    again, and the collections still cost the pinned queries."""
    from kormo.progress.models import ReportedValue
    from kormo.progress.services import (
        progress_record,
        report_return,
        value_review,
    )

    o, supervisor = world.dinajpur, world.dir_supervisor
    for q in ("Q1", "Q2", "Q3", "Q4"):
        report(o.apa, q, "25", o.focal, accept_by=supervisor)
    year = report_submit(report=report_get_or_create(plan=o.apa, period="year", actor=o.focal),
                         actor=o.focal)
    value_review(value=ReportedValue.objects.get(plan=o.apa, quarter="Q1"), actor=supervisor,
                 accept=False, comment="ভুল")
    report_return(report=year, actor=supervisor, comment="সংশোধন করুন")
    progress_record(plan=o.apa, indicator_ref="1.1.1", quarter="Q1", actor=o.focal, text="5",
                    reason="সংশোধন")

    assert _counts(client) == EXPECTED_QUERIES
    text = client.get(f"/public/plans/{o.apa.pk}/indicators.csv").content.decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["indicator_ref"] == "1.1.1")
    assert (row["q1"], row["q2"], row["q3"], row["q4"]) == ("", "25", "25", "25")
    (back,) = planformat.loads(client.get(f"/public/plans/{o.apa.pk}/plans.json").content)
    assert sorted(p.quarter.value for p in back.progress) == ["Q2", "Q3", "Q4"]
    catalogue = client.get("/public/data/catalogue.json").json()
    entry = next(p for p in catalogue["plans"] if p["id"] == o.apa.pk)
    assert entry["published_quarters"] == ["Q1", "Q2", "Q3", "Q4"]
    html = client.get(f"/public/offices/{o.office.code}/").content.decode()
    assert "সংশোধনাধীন মান: ১টি" in html
