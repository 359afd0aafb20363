"""Live scores equal `kormo score` for the same data, load in a fixed number of queries, and
move as soon as progress is submitted (a draft value never counts: issue 12 rule 10)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from kormo.cli import score_report
from kormo.domain.planformat import dumps, load_path
from kormo.domain.scoring import score_plans
from kormo.offices.services import office_ensure
from kormo.plans.convert import plan_save_from_domain, plan_to_domain
from kormo.plans.models import Plan
from kormo.progress.models import Report, ScoreSnapshot
from kormo.progress.plan_content import CONTENT_QUERIES
from kormo.progress.scores import (
    OFFICE_SCORES_QUERIES,
    SCORING_LOAD_QUERIES,
    load_scoring_plans,
    office_year_scores,
    score_refresh,
)
from kormo.progress.services import progress_record, report_submit, value_verify

pytestmark = pytest.mark.django_db
SEEDS = Path(settings.BASE_DIR) / "data" / "seeds"


def _report_the_year(o, world):
    for q, count, rate_e, rate_h in (("Q1", "২০", 300, 100), ("Q2", "৩০", 2236, 1439),
                                     ("Q3", "২৫", 500, 100), ("Q4", "১০", 600, 50)):
        progress_record(plan=o.apa, indicator_ref="1.1.1", quarter=q, actor=o.focal, text=count)
        progress_record(plan=o.apa, indicator_ref="1.1.2", quarter=q, actor=o.focal, text="৯২%")
        progress_record(plan=o.apa, indicator_ref="2.1.1", quarter=q, actor=o.focal,
                        inputs={"e_disposals": str(rate_e), "hard_file_disposals": str(rate_h)})
        progress_record(plan=o.apa, indicator_ref="2.1.2", quarter=q, actor=o.focal,
                        text=str(10 * (int(q[1]) + 8)))
        progress_record(plan=o.integrity, indicator_ref="1.1.1", quarter=q, actor=o.focal,
                        text="১")
        progress_record(plan=o.integrity, indicator_ref="1.2.1", quarter=q, actor=o.focal,
                        text="৮০%")
    progress_record(plan=o.apa, indicator_ref="1.2.1", quarter="Q3", actor=o.focal,
                    text="২০.০১.২০২৩")
    progress_record(plan=o.integrity, indicator_ref="1.1.2", quarter="Q2", actor=o.focal,
                    text="৩০.১০.২০২২")
    for report in Report.objects.filter(plan__in=[o.apa, o.integrity]).order_by("plan", "period"):
        report_submit(report=report, actor=o.focal)  # only submitted values count
    report = Report.objects.get(plan=o.apa, period="Q2")
    value_verify(value=report.values.get(indicator_ref="1.1.1"), actor=world.supervisor,
                 text="২৮", comment="যাচাই")


def _cli_report(plans) -> list[dict]:
    """`kormo score` in a subprocess on the plans exported with the plan format."""
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        f.write(dumps(plans))
    out = subprocess.run([sys.executable, "-m", "kormo.cli", "score", f.name],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_app_scores_equal_kormo_score_for_the_same_data(world, rangpur):
    _report_the_year(rangpur, world)
    scores = office_year_scores(office=rangpur.office, fiscal_year="2022-23")
    exported = [plan_to_domain(p.pk) for p in (rangpur.apa, rangpur.integrity)]
    cli = {r["plan"]: r for r in _cli_report(exported)}
    for plan in (rangpur.apa, rangpur.integrity):
        mine = scores.scores[plan.pk]
        theirs = cli[plan.external_id]
        assert (round(mine.total, 2), round(mine.maximum, 2), round(mine.percent, 2),
                mine.rating) == (theirs["total"], theirs["maximum"], theirs["percent"],
                                 theirs["rating"])
        assert {i.ref: round(i.score, 2) for i in mine.indicators} == {
            i["ref"]: i["score"] for a in theirs["areas"] for i in a["indicators"]}
    # The integrity plan fed the APA's governance indicator (DOMAIN.md, Scoring §5).
    g = scores.scores[rangpur.apa.pk].indicator("G1.1.1")
    assert g.linked_plan == rangpur.integrity.external_id and g.score > 0
    # The verified 28 (not the reported 30) counts: 20 + 28 + 25 + 10.
    first = cli[rangpur.apa.external_id]["areas"][0]["indicators"][0]
    assert (first["ref"], first["annual_achievement"]) == ("1.1.1", 83)
    assert [r["total"] for r in score_report(exported)] == [r["total"] for r in cli.values()]


@pytest.mark.parametrize("seed", ["000", "001", "002", "004"])
def test_the_scoring_loader_equals_plan_to_domain_on_the_seeds(seed):
    path = next(SEEDS.glob(f"{seed}-*.json"))
    office = office_ensure(name=f"অফিস {seed}")
    plans = load_path(str(path))
    for p in plans:
        plan_save_from_domain(plan=p, office=office)
    import dataclasses

    # An imported plan's progress is in draft reports: the loader leaves it out ...
    drafts = load_scoring_plans(Plan.objects.filter(office=office))
    assert all(p.progress == () for p in drafts.values())
    # ... and reads it all once the reports are submitted.
    Report.objects.filter(plan__office=office).update(state="submitted")
    loaded = load_scoring_plans(Plan.objects.filter(office=office))
    rows = list(Plan.objects.filter(office=office).order_by("pk"))
    assert sum(len(p.progress) for p in loaded.values()) == sum(len(p.progress) for p in plans)

    by_loader = score_plans([loaded[r.pk] for r in rows if loaded[r.pk].areas])
    by_convert = score_plans([dataclasses.replace(plan_to_domain(r.pk), office=office.name)
                              for r in rows if plan_to_domain(r.pk).areas])
    assert by_loader == by_convert


def test_scoring_loads_any_number_of_plans_in_a_fixed_number_of_queries(
        world, django_assert_num_queries):
    from tests.progress.world import office_world

    def count():
        with django_assert_num_queries(SCORING_LOAD_QUERIES):
            load_scoring_plans(Plan.objects.filter(is_current=True))

    count()
    for i in range(3):
        office_world(world.directorate, f"নতুন অফিস {i}", world.supervisor, sign=False)
    count()


def test_office_scores_take_a_fixed_number_of_queries(world, rangpur, dinajpur,
                                                      django_assert_num_queries):
    # The plans, the rule set, their progress and the stored score as stored (the plans'
    # reports, which stamp the data read, and the row): the same whether the stored score is
    # fresh or stale, and nothing written — the change queued the refresh (`progress.tasks`).
    # The plans' content is read once per version of a plan, for all the plans together.
    reads = OFFICE_SCORES_QUERIES
    score_refresh(office_id=dinajpur.office.pk, fiscal_year="2022-23")
    with django_assert_num_queries(reads + CONTENT_QUERIES):
        office_year_scores(office=dinajpur.office, fiscal_year="2022-23")
    with django_assert_num_queries(reads):
        fresh = office_year_scores(office=dinajpur.office, fiscal_year="2022-23")
    assert not fresh.stale and fresh.stored is not None
    score_refresh(office_id=rangpur.office.pk, fiscal_year="2022-23")
    before = ScoreSnapshot.objects.get(office=rangpur.office, fiscal_year="2022-23")
    office_year_scores(office=rangpur.office, fiscal_year="2022-23")  # its plans' content read
    _report_the_year(rangpur, world)
    with django_assert_num_queries(reads):
        stale = office_year_scores(office=rangpur.office, fiscal_year="2022-23")
    # Shown as stored, marked stale; the live score of the plans moved, the stored one not.
    assert stale.stale and stale.stored.computed_at == before.computed_at
    assert stale.stored.percent == before.percent != stale.percent
    score_refresh(office_id=rangpur.office.pk, fiscal_year="2022-23")  # as the task would
    with django_assert_num_queries(reads):
        again = office_year_scores(office=rangpur.office, fiscal_year="2022-23")
    assert not again.stale and again.stored.percent == pytest.approx(again.percent)


def test_a_draft_value_moves_no_score_until_its_report_is_submitted(
        world, rangpur, django_capture_on_commit_callbacks):
    score_refresh(office_id=rangpur.office.pk, fiscal_year="2022-23")
    before = office_year_scores(office=rangpur.office, fiscal_year="2022-23")
    assert before.percent == 0.0 and before.projected is None
    stored = ScoreSnapshot.objects.get(office=rangpur.office, fiscal_year="2022-23")
    with django_capture_on_commit_callbacks(execute=True):  # the refresh the change queues
        progress_record(plan=rangpur.apa, indicator_ref="1.1.2", quarter="Q1",
                        actor=rangpur.focal, text="৯৫%")
    draft = office_year_scores(office=rangpur.office, fiscal_year="2022-23")
    # A draft counts nowhere: not in the score, the stored score, the projection or the risks
    # (issue 12 rule 10: "never drafts").
    assert not draft.scores[rangpur.apa.pk].indicator("1.1.2").achievement.reported
    assert draft.percent == before.percent
    assert (draft.projected, draft.at_risk, draft.by_quarter) == (None, (), ())
    again = ScoreSnapshot.objects.get(office=rangpur.office, fiscal_year="2022-23")
    assert (again.has_score, again.total, again.percent) == (
        stored.has_score, stored.total, stored.percent)
    with django_capture_on_commit_callbacks(execute=True):
        report_submit(report=Report.objects.get(plan=rangpur.apa, period="Q1"),
                      actor=rangpur.focal)
    submitted = office_year_scores(office=rangpur.office, fiscal_year="2022-23")
    assert submitted.scores[rangpur.apa.pk].indicator("1.1.2").achievement.reported
    assert submitted.percent > (before.percent or 0.0)
    snap = ScoreSnapshot.objects.get(office=rangpur.office, fiscal_year="2022-23")
    assert snap.has_score and snap.percent == pytest.approx(submitted.percent)


def test_scores_move_once_progress_is_submitted_and_the_projection_and_risks(
        world, rangpur, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the refresh the changes queue
        progress_record(plan=rangpur.apa, indicator_ref="1.1.1", quarter="Q1",
                        actor=rangpur.focal, text="২০")
        report_submit(report=Report.objects.get(plan=rangpur.apa, period="Q1"),
                      actor=rangpur.focal)
    after = office_year_scores(office=rangpur.office, fiscal_year="2022-23")
    # 20 of the 100 trainees: below the 60 % level → 0 so far; projected 20 / 25 × 100 = 80
    # → the 80 % level of 20 marks = 16.
    assert after.scores[rangpur.apa.pk].indicator("1.1.1").score == 0.0
    assert after.projected_by_plan[rangpur.apa.pk].indicator("1.1.1").score == \
        pytest.approx(16.0)
    risks = {(r.ref, r.why) for r in after.at_risk if r.plan_id == rangpur.apa.pk}
    assert ("1.1.1", "behind") in risks  # 20 done, 25 due by the end of Q1
    assert ("1.1.2", "not_reported") in risks
    snap = ScoreSnapshot.objects.get(office=rangpur.office, fiscal_year="2022-23")
    assert snap.percent == pytest.approx(after.percent)
