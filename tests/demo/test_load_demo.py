"""`kormo_load_demo`: seeds in, offices by name, idempotent, the demo superuser, and the demo
year played through the services (`kormo.demo.year`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from kormo.agreements.services import plan_revise
from kormo.audit.models import ChangeRecord, Notice
from kormo.demo import year as demo_year
from kormo.domain import plan as d
from kormo.domain.planformat import dumps, load_path
from kormo.domain.validation import has_errors, validate_plan
from kormo.domain.values import Number
from kormo.offices.models import Office
from kormo.plans import models as m
from kormo.plans.convert import plan_to_domain
from kormo.progress.dashboard import dashboard_page
from kormo.progress.evidence import evidence_kind
from kormo.progress.models import Evidence, Report, ReportedValue, ReportState
from tests.plans.builders import PLAN_TABLES, rich_plan, row_counts, sized_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hasher(settings, tmp_path) -> None:
    # The loader creates the demo people (kormo.demo.offices); Argon2 is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The demo year stores evidence files: in a temporary folder, never in data/media.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path / "media")}},
    }

SEEDS_DIR = Path(settings.BASE_DIR) / "data" / "seeds"


def load(seeds_dir: Path | None = None) -> str:
    out = io.StringIO()
    args = [] if seeds_dir is None else ["--seeds-dir", str(seeds_dir)]
    call_command("kormo_load_demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A copy of the seed folder as it is now (other work may add files meanwhile)."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in sorted(SEEDS_DIR.glob("*.json")):
        shutil.copy(path, folder / path.name)
    (folder / "900-rich.json").write_text(dumps([rich_plan(), sized_plan(4)]), encoding="utf-8")
    return folder


DEMO_ONLY = (demo_year.DINAJPUR_PLAN_ID, demo_year.PIRGACHA_PLAN_ID)


def test_loading_twice_stores_each_plan_once(seeds: Path) -> None:
    expected = [p for path in sorted(seeds.glob("*.json")) for p in load_path(str(path))]
    load(seeds)
    first = row_counts()
    offices = list(Office.objects.values_list("pk", "name", "tier", "parent_id", "code"))
    output = load(seeds)
    assert row_counts() == first
    assert list(Office.objects.values_list("pk", "name", "tier", "parent_id", "code")) == offices
    # The seeds, and the demo year's two plans of its own.
    assert m.Plan.objects.filter(is_template=False).count() == len(expected) + len(DEMO_ONLY)
    assert f"{len(expected)} plan(s) stored ({len(expected)} replaced an earlier copy)" in output
    stored = {
        p.id: p for p in (
            plan_to_domain(pk)
            for pk in m.Plan.objects.filter(is_template=False).exclude(
                external_id__in=DEMO_ONLY).order_by("pk").values_list("pk", flat=True))
    }
    # Seed 000 as the demo year left it: the corrected levels of [1.6.1], the two signatures
    # given through plan_sign and its reported progress; nothing else differs from the file.
    rangpur = stored[demo_year.RANGPUR_PLAN_ID]
    wanted = [_as_played(p, rangpur) if p.id == demo_year.RANGPUR_PLAN_ID else p
              for p in expected]
    assert sorted(map(dumps_one, stored.values())) == sorted(map(dumps_one, wanted))


def _as_played(seed: d.Plan, played: d.Plan) -> d.Plan:
    ref, _ = demo_year.LEVELS_FIX
    levels = d.TargetLevels(*(Number(Decimal(n)) for n in demo_year.LEVELS_FIX_NUMBERS))

    def fix(area: d.Area, ind: d.Indicator) -> d.Indicator:
        return dataclasses.replace(ind, levels=levels) if d.indicator_ref(area, ind) == ref \
            else ind

    areas = tuple(dataclasses.replace(area, activities=tuple(
        dataclasses.replace(act, indicators=tuple(fix(area, i) for i in act.indicators))
        for act in area.activities)) for area in seed.areas)
    return dataclasses.replace(seed, areas=areas, signatures=played.signatures,
                               progress=played.progress)


def dumps_one(plan: object) -> str:
    return dumps([plan])  # type: ignore[list-item]


def test_offices_are_created_by_name_under_their_supervisor(seeds: Path) -> None:
    load(seeds)
    plan = rich_plan()
    office = Office.objects.get(name=plan.office)
    assert office.tier == "district"
    assert office.parent is not None
    assert (office.parent.name, office.parent.tier) == (plan.supervisor, "")
    assert m.Plan.objects.get(external_id=plan.id).office == office
    sized = m.Plan.objects.get(external_id="sized")
    assert (sized.office.name, sized.office.tier, sized.office.parent) == ("অফিস", "", None)


def test_the_demo_superuser_is_created_once() -> None:
    first = load()
    second = load()
    user = get_user_model().objects.get(username="demo")
    assert user.is_superuser and user.is_staff
    assert user.check_password("kormo-demo")
    # The demo people of kormo.demo.offices come with it, each once.
    assert get_user_model().objects.filter(username="demo").count() == 1
    assert get_user_model().objects.count() == 10
    assert "user 'demo': created" in first
    assert "user 'demo': already present" in second


def test_the_real_seed_folder_loads_without_duplicates() -> None:
    # Whatever seeds exist right now (0 to 5 files); counted from the files themselves.
    expected = sum(len(load_path(str(p))) for p in sorted(SEEDS_DIR.glob("*.json")))
    load()
    load()
    demo_only = len(DEMO_ONLY) if list(SEEDS_DIR.glob("000-*.json")) else 0
    assert m.Plan.objects.filter(is_template=False).count() == expected + demo_only


def test_a_bad_file_is_reported_and_leaves_none_of_its_rows(tmp_path: Path) -> None:
    (tmp_path / "a-good.json").write_text(dumps([sized_plan(2)]), encoding="utf-8")
    bad = dumps([rich_plan(), sized_plan(3, plan_id="second")]).replace(
        '"2022-12-12"', '"2022-13-12"'
    )
    (tmp_path / "b-bad.json").write_text(bad, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"b-bad\.json"):
        call_command(
            "kormo_load_demo", "--seeds-dir", str(tmp_path), stdout=io.StringIO(), stderr=err
        )
    assert "b-bad.json" in err.getvalue()
    assert list(m.Plan.objects.values_list("external_id", flat=True)) == ["sized"]
    assert get_user_model().objects.filter(username="demo").exists()
    # Without seed 000 there is no demo year to play; the loader says so.
    assert not Report.objects.exists()


def test_without_seed_000_the_demo_year_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a-good.json").write_text(dumps([sized_plan(2)]), encoding="utf-8")
    output = load(tmp_path)
    assert "Demo year 2022-23: skipped" in output
    assert not ChangeRecord.objects.exclude(action="year.deadlines").exists()
    assert not Report.objects.exists()


def test_tables_list_covers_every_plan_model() -> None:
    # An upload under review is not part of any plan's tree (tests/plans/test_import_views.py).
    assert set(PLAN_TABLES) == set(apps.get_app_config("plans").get_models()) - {
        m.PendingImport}


# ---------------------------------------------------------------- the demo year in progress


def person(username: str):
    return get_user_model().objects.get(username=username)


def every_table() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def stored_files() -> list[Path]:
    return sorted(p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


def load_played(seeds_dir: Path, capture) -> str:
    # The loader deletes an earlier run's files after its commit: run those callbacks here.
    with capture(execute=True):
        return load(seeds_dir)


def test_the_demo_year_is_half_a_year_played_through_the_services(
        seeds: Path, django_capture_on_commit_callbacks) -> None:
    from kormo.agreements.selectors import plans_waiting

    output = load_played(seeds, django_capture_on_commit_callbacks)
    assert "Rangpur APA: signed by both parties; reports: Q1 accepted, Q2 submitted" in output
    rangpur = m.Plan.objects.get(external_id=demo_year.RANGPUR_PLAN_ID, is_current=True)
    assert rangpur.state == m.PlanState.SIGNED
    assert not has_errors(validate_plan(plan_to_domain(rangpur.pk)))

    # Both signatures, with the posts, offices and dates of seed 000's signature block.
    seed = load_path(str(next(seeds.glob("000-*.json"))))[0]
    signed = list(m.Party.objects.filter(plan=rangpur, section=m.Party.Section.SIGNATURE)
                  .order_by("position").values_list("role", "name", "post", "office_name",
                                                    "signed_on"))
    assert [(r, p, o, on) for r, _n, p, o, on in signed] == [
        (s.role, s.party.post, s.party.office, s.signed_on) for s in seed.signatures]
    assert [n for _r, n, *_ in signed] == [person("rangpur-head").get_full_name(),
                                           person("dg-supervisor").get_full_name()]

    # Q1 accepted (after one return for an item's evidence), Q2 waiting for the review; both
    # on time.
    reports = {r.period: r for r in Report.objects.filter(plan=rangpur)}
    assert set(reports) == {"Q1", "Q2"}
    assert (reports["Q1"].state, reports["Q2"].state) == (ReportState.ACCEPTED,
                                                          ReportState.SUBMITTED)
    assert not reports["Q1"].is_late and not reports["Q2"].is_late
    # The year's windows are staggered by tier: Rangpur is a district office.
    assert (reports["Q1"].due_on, reports["Q2"].due_on) == (dt.date(2022, 10, 15),
                                                            dt.date(2023, 1, 15))
    assert not rangpur.submitted_late
    pirgacha = m.Plan.objects.get(external_id=demo_year.PIRGACHA_PLAN_ID)
    assert pirgacha.submitted_late  # an upazila office, due 5 June, submitted on 20 June
    assert reports["Q1"].return_comment and reports["Q2"].submitted_by == person(
        "rangpur-focal")
    q1 = ReportedValue.objects.filter(report=reports["Q1"])
    assert q1.count() >= 5 and set(q1.values_list("review_state", flat=True)) == {"accepted"}
    assert q1.get(indicator_ref="1.2.1").verified
    assert ReportedValue.objects.filter(report=reports["Q2"]).count() >= 5
    actions = set(ChangeRecord.objects.filter(plan=rangpur).values_list("action", flat=True))
    assert {"plan.edit_table", "plan.submit", "plan.approve", "plan.sign", "progress.record",
            "evidence.attach", "report.submit", "progress.review", "report.return",
            "progress.verify", "report.accept"} <= actions

    # Real evidence files in storage, with their checksums and kinds.
    evidence = list(Evidence.objects.filter(plan=rangpur))
    assert {e.kind for e in evidence} == {"pdf", "png"}
    for e in evidence:
        with default_storage.open(e.file.name, "rb") as f:
            data = f.read()
            assert evidence_kind(f) == e.kind
        assert (hashlib.sha256(data).hexdigest(), len(data)) == (e.sha256, e.size)

    # The supervisor's dashboard shows Rangpur with a score, Q1 accepted, Q2 to review.
    directorate = Office.objects.get(code="demo-ict-directorate")
    row = next(r for r in dashboard_page(office=directorate, fiscal_year="2022-23").rows
               if r.office_id == rangpur.office_id)
    assert row.has_score and row.percent and row.percent > 0 and row.rank == 1
    assert (row.periods["Q1"].label, row.periods["Q2"].label) == ("accepted", "submitted")
    assert [p[2] for p in row.pending] == ["Q2"]
    assert Notice.objects.filter(recipient=person("dg-supervisor"), plan=rangpur,
                                 kind="report_submitted").exists()

    # Agreements waiting: Pirgacha's for its head's approval, Dinajpur's for the DG's
    # signature (after one return to its focal point); nothing for Rangpur's head.
    def waiting(username: str) -> dict[str, list[str]]:
        return {step: [w.plan.external_id for w in items]
                for step, items in plans_waiting(person(username)).items() if items}

    assert waiting("pirgacha-head") == {"approve": [demo_year.PIRGACHA_PLAN_ID]}
    assert waiting("dg-supervisor") == {"sign_supervisor": [demo_year.DINAJPUR_PLAN_ID]}
    assert waiting("rangpur-head") == {}
    dinajpur = m.Plan.objects.get(external_id=demo_year.DINAJPUR_PLAN_ID)
    assert ChangeRecord.objects.filter(plan=dinajpur, action="plan.return").exists()


def test_loading_twice_leaves_the_same_rows_and_files_even_after_a_revision(
        seeds: Path, django_capture_on_commit_callbacks) -> None:
    load_played(seeds, django_capture_on_commit_callbacks)
    first, files = every_table(), len(stored_files())
    assert files == 3
    load_played(seeds, django_capture_on_commit_callbacks)
    assert every_table() == first
    assert len(stored_files()) == files
    # Someone tried the demo: a revision of Rangpur's signed APA holds its original with a
    # PROTECT key, and carries the reports along. Loading again still starts afresh.
    rangpur = m.Plan.objects.get(external_id=demo_year.RANGPUR_PLAN_ID, is_current=True)
    plan_revise(plan=rangpur, actor=person("rangpur-focal"), reason="পরীক্ষা")
    load_played(seeds, django_capture_on_commit_callbacks)
    assert every_table() == first
    assert len(stored_files()) == files
