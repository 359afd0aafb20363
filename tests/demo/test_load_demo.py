"""`kormo_load_demo`: seeds in, offices by name, idempotent, the demo superuser, and the demo
year played through the services (`kormo.demo.year`).

Loading the demo takes seconds: the loads twice and three times are one test each, and the
tests that only read what one load left share one load (tests/demo/test_load_demo_played.py).
"""

from __future__ import annotations

import dataclasses
import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from kormo.agreements.services import plan_revise
from kormo.audit.models import ChangeRecord
from kormo.demo import year as demo_year
from kormo.domain import plan as d
from kormo.domain.planformat import dumps, load_path
from kormo.domain.values import Number
from kormo.offices.models import Office
from kormo.plans import models as m
from kormo.plans.convert import plan_to_domain
from kormo.progress.models import Report
from tests.plans.builders import PLAN_TABLES, rich_plan, sized_plan

pytestmark = pytest.mark.django_db


SEEDS_DIR = Path(settings.BASE_DIR) / "data" / "seeds"


def load(seeds_dir: Path | None = None) -> str:
    out = io.StringIO()
    args = [] if seeds_dir is None else ["--seeds-dir", str(seeds_dir)]
    call_command("kormo_load_demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def copy_seeds(folder: Path) -> Path:
    """A copy of the seed folder as it is now (other work may add files meanwhile), with one
    plan file of every part and a sized plan."""
    folder.mkdir()
    for path in sorted(SEEDS_DIR.glob("*.json")):
        shutil.copy(path, folder / path.name)
    (folder / "900-rich.json").write_text(dumps([rich_plan(), sized_plan(4)]), encoding="utf-8")
    return folder


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    return copy_seeds(tmp_path / "seeds")


DEMO_ONLY = (demo_year.DINAJPUR_PLAN_ID, demo_year.PIRGACHA_PLAN_ID)


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


def test_the_real_seed_folder_loads_twice_without_duplicates_and_one_demo_superuser() -> None:
    # Whatever seeds exist right now (0 to 5 files); counted from the files themselves.
    expected = sum(len(load_path(str(p))) for p in sorted(SEEDS_DIR.glob("*.json")))
    first = load()
    second = load()
    demo_only = len(DEMO_ONLY) if list(SEEDS_DIR.glob("000-*.json")) else 0
    assert m.Plan.objects.filter(is_template=False).count() == expected + demo_only
    user = get_user_model().objects.get(username="demo")
    assert user.is_superuser and user.is_staff
    assert user.check_password("kormo-demo")
    # The demo people of kormo.demo.offices come with it, each once.
    assert get_user_model().objects.filter(username="demo").count() == 1
    assert get_user_model().objects.count() == 10
    assert "user 'demo': created" in first
    assert "user 'demo': already present" in second


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
    # No report played by a person: only the drafts holding the files' own progress.
    assert not Report.objects.filter(created_by__isnull=False).exists()


def test_without_seed_000_the_demo_year_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a-good.json").write_text(dumps([sized_plan(2)]), encoding="utf-8")
    output = load(tmp_path)
    assert "Demo year 2022-23: skipped" in output
    # The history holds the import (as the demo superuser), the year's deadlines and the
    # demo people's roles; nothing was played.
    assert list(ChangeRecord.objects.filter(action="plan.import").values_list(
        "actor__username", "after__file")) == [("demo", "a-good.json")]
    assert not ChangeRecord.objects.exclude(
        action__in=["year.deadlines", "plan.import", "membership.grant"]).exists()
    # No report played by a person: only the drafts holding the files' own progress.
    assert not Report.objects.filter(created_by__isnull=False).exists()


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


def but_history(tables: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in tables.items() if k != "audit.ChangeRecord"}


def test_loading_twice_leaves_the_same_rows_and_files_even_after_a_revision(
        seeds: Path, django_capture_on_commit_callbacks) -> None:
    expected = [p for path in sorted(seeds.glob("*.json")) for p in load_path(str(path))]
    load_played(seeds, django_capture_on_commit_callbacks)
    first, files = every_table(), len(stored_files())
    offices = list(Office.objects.values_list("pk", "name", "tier", "parent_id", "code"))
    assert files == 3
    last = ChangeRecord.objects.order_by("-pk").values_list("pk", flat=True)[0]
    output = load_played(seeds, django_capture_on_commit_callbacks)
    assert but_history(every_table()) == but_history(first)
    assert len(stored_files()) == files
    assert list(Office.objects.values_list("pk", "name", "tier", "parent_id", "code")) == offices
    # Each plan once: the seeds, and the demo year's two plans of its own.
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
    # History is never deleted (only the replayed demo year's): the second load adds the
    # imports and replacements of the seeds kept from the first, as the demo superuser.
    kept = ChangeRecord.objects.filter(pk__gt=last, plan__isnull=False).exclude(
        plan__external_id__in=[demo_year.RANGPUR_PLAN_ID, *DEMO_ONLY])
    assert set(kept.values_list("action", "actor__username")) == {
        ("plan.import", "demo"), ("plan.replace", "demo")}
    first = every_table()
    # Someone tried the demo: a revision of Rangpur's signed APA holds its original with a
    # PROTECT key, and carries the reports along. Loading again still starts afresh.
    rangpur = m.Plan.objects.get(external_id=demo_year.RANGPUR_PLAN_ID, is_current=True)
    plan_revise(plan=rangpur, actor=person("rangpur-focal"), reason="পরীক্ষা")
    load_played(seeds, django_capture_on_commit_callbacks)
    assert but_history(every_table()) == but_history(first)
    assert len(stored_files()) == files
