"""Nothing unpublished is visible publicly: plans that are not signed, quarters whose report
is not accepted, offices with nothing signed — all 404, exactly like ids and codes that do not
exist (issue "Official documents, public pages, open data and API", part 2)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.urls import reverse

from kormo.agreements.services import plan_revise
from kormo.domain import planformat
from kormo.plans.models import Plan
from tests.public.world import World
from tests.world import sign

DATA = ("plans.json", "scores.json", "indicators.csv")


def plan_urls(pk: int) -> list[str]:
    return [
        *(f"/public/plans/{pk}/{what}" for what in DATA),
        *(f"/public/plans/{pk}/document.{fmt}" for fmt in ("pdf", "docx", "xlsx")),
        *(f"/public/plans/{pk}/reports/{period}.docx" for period in ("Q1", "Q2", "year")),
    ]


def office_urls(code: str) -> list[str]:
    return [f"/public/offices/{code}/", *(f"/public/offices/{code}/{what}" for what in DATA)]


def _unpublished_ids(world: World) -> dict[str, int]:
    ids = {state: p.pk for state, p in world.unpublished.items()}
    assert world.rangpur_draft_egov is not None
    ids["draft in a published office"] = world.rangpur_draft_egov.pk
    return ids


def test_every_unpublished_plan_is_404_on_every_public_url(client, world):
    ids = _unpublished_ids(world)
    assert set(Plan.objects.filter(pk__in=ids.values()).values_list("state", flat=True)) == {
        "draft", "submitted", "returned", "approved"}
    for pk in ids.values():
        for url in plan_urls(pk):
            assert client.get(url).status_code == 404, url


def test_guessed_ids_and_codes_answer_exactly_as_unpublished_ones(client, world):
    draft = world.unpublished["draft"].pk
    missing = Plan.objects.order_by("-pk").first().pk + 1000
    unpublished = client.get(f"/public/plans/{draft}/plans.json")
    for url in (f"/public/plans/{missing}/plans.json", "/public/plans/0/plans.json",
                f"/public/plans/{2**70}/plans.json", "/public/plans/abc/plans.json",
                "/public/plans/-1/plans.json"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.content == unpublished.content
    # Offices: nothing signed (Kushtia), no plan at all (the ministry), no such code.
    for code in ("t-kushtia", "t-ministry", "no-such-office", "t-rangpur-x", "%00"):
        for url in office_urls(code):
            assert client.get(url).status_code == 404, url


def test_the_office_page_lists_only_signed_plans(client, world):
    page = client.get("/public/offices/t-rangpur/").content.decode()
    assert f"/public/plans/{world.rangpur.apa.pk}/plans.json" in page
    assert f"/public/plans/{world.rangpur.integrity.pk}/plans.json" in page
    for pk in _unpublished_ids(world).values():
        assert f"/public/plans/{pk}/" not in page
    # The supervising office has a public page too; the offices below with signed plans.
    assert "/public/offices/t-directorate/" in page
    assert "/public/offices/t-pirgacha/" in page
    assert "/public/offices/t-kushtia/" not in client.get(
        "/public/offices/t-directorate/").content.decode()


def test_the_index_and_catalogue_hold_exactly_the_published_plans(client, world):
    published = {world.rangpur.apa.pk, world.rangpur.integrity.pk, world.pirgacha.apa.pk,
                 world.dinajpur.apa.pk, world.directorate.apa.pk}
    catalogue = client.get(reverse("public:catalogue")).json()
    assert {p["id"] for p in catalogue["plans"]} == published
    rangpur_apa = next(p for p in catalogue["plans"] if p["id"] == world.rangpur.apa.pk)
    assert rangpur_apa["published_quarters"] == ["Q1"]
    assert rangpur_apa["latest"] is True
    assert rangpur_apa["links"]["plans.json"].endswith(f"/public/plans/{rangpur_apa['id']}"
                                                       "/plans.json")
    index = client.get("/public/").content.decode()
    for code in ("t-rangpur", "t-pirgacha", "t-dinajpur", "t-directorate"):
        assert f"/public/offices/{code}/" in index
    for code in ("t-kushtia", "t-ministry"):
        assert f"/public/offices/{code}/" not in index


def test_all_offices_data_holds_only_published_plans(client, world):
    doc = planformat.loads(client.get("/public/data/plans.json").content)
    assert sorted(p.kind.value for p in doc) == ["apa", "apa", "apa", "apa", "integrity"]
    assert not any("কুষ্টিয়া" in p.office for p in doc)
    rows = list(csv.DictReader(io.StringIO(
        client.get("/public/data/indicators.csv").content.decode("utf-8-sig"))))
    assert {int(r["plan_id"]) for r in rows} == {
        world.rangpur.apa.pk, world.rangpur.integrity.pk, world.pirgacha.apa.pk,
        world.dinajpur.apa.pk, world.directorate.apa.pk}
    scores = client.get("/public/data/scores.json").json()
    assert {s["id"] for s in scores["plans"]} == {int(r["plan_id"]) for r in rows}


def test_only_accepted_quarters_are_published(client, world):
    apa = world.rangpur.apa
    (plan,) = planformat.loads(client.get(f"/public/plans/{apa.pk}/plans.json").content)
    assert [(p.indicator, p.quarter.value) for p in plan.progress] == [("1.1.1", "Q1")]
    # Score from Q1 only: 20 of the 100 of [1.1.1] (levels 100/90/80/70/60: below 60 → 0).
    scores = client.get(f"/public/plans/{apa.pk}/scores.json").json()["plans"][0]
    ind = next(i for a in scores["areas"] for i in a["indicators"] if i["ref"] == "1.1.1")
    assert ind["annual_achievement"] == 20
    assert ind["raw_percent"] == 0.0
    rows = list(csv.DictReader(io.StringIO(
        client.get(f"/public/plans/{apa.pk}/indicators.csv").content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["indicator_ref"] == "1.1.1")
    assert (row["q1"], row["q2"], row["q3"], row["q4"], row["annual_achievement"]) == (
        "20", "", "", "", "20")
    # Report documents: only the accepted quarter.
    assert client.get(f"/public/plans/{apa.pk}/reports/Q1.docx").status_code == 200
    for period in ("Q2", "Q3", "Q4", "year"):
        assert client.get(f"/public/plans/{apa.pk}/reports/{period}.docx").status_code == 404


def test_the_governance_score_uses_only_published_action_plan_progress(client, world):
    scores = client.get("/public/offices/t-rangpur/scores.json").json()["plans"]
    apa = next(s for s in scores if s["kind"] == "apa")
    g = next(i for a in apa["areas"] for i in a["indicators"] if i["ref"] == "G1.1.1")
    nis = next(s for s in scores if s["kind"] == "integrity")
    # Fed by the integrity plan's score (Scoring §5): 10 × its total ÷ its maximum.
    assert g["feeds_from"] == "integrity"
    assert g["score"] == round(10 * nis["total"] / nis["maximum"], 2)


def test_a_revision_in_draft_is_not_public_and_the_signed_version_stays(client, world):
    old = world.rangpur.apa
    new = plan_revise(plan=old, actor=world.rangpur.focal, reason="লক্ষ্যমাত্রা সংশোধন")
    for url in plan_urls(new.pk):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/public/plans/{old.pk}/plans.json").status_code == 200
    latest = {p["id"] for p in client.get("/public/data/catalogue.json").json()["plans"]
              if p["latest"]}
    assert old.pk in latest and new.pk not in latest
    # Signed, the revision replaces it in the collections; the old version stays readable.
    sign(new, world.rangpur.head, world.dir_supervisor, focal=world.rangpur.focal)
    ids = {int(r["id"]) for r in json.loads(
        client.get("/public/offices/t-rangpur/scores.json").content)["plans"]}
    assert new.pk in ids and old.pk not in ids
    assert client.get(f"/public/plans/{old.pk}/plans.json").status_code == 200
    client.cookies["django_language"] = "en"  # the language switch's cookie
    page = client.get("/public/offices/t-rangpur/").content.decode()
    assert "superseded by a later revision" in page


def test_templates_are_never_public(client, world):
    template = world.unpublished["draft"]
    Plan.objects.filter(pk=template.pk).update(is_template=True, state="signed")
    for url in plan_urls(template.pk):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_public_urls_answer_only_get_and_head(client, world, method):
    url = f"/public/plans/{world.rangpur.apa.pk}/plans.json"
    assert getattr(client, method)(url).status_code == 405
    assert client.head(url).status_code == 200
