"""`kormo_load_demo`: seeds in, offices by name, idempotent, the demo superuser."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from kormo.domain.planformat import dumps, load_path
from kormo.offices.models import Office
from kormo.plans import models as m
from kormo.plans.convert import plan_to_domain
from tests.plans.builders import PLAN_TABLES, rich_plan, row_counts, sized_plan

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_hasher(settings) -> None:
    # The loader creates the demo people (kormo.years.demo); Argon2 is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

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


def test_loading_twice_stores_each_plan_once(seeds: Path) -> None:
    expected = [p for path in sorted(seeds.glob("*.json")) for p in load_path(str(path))]
    load(seeds)
    first = row_counts()
    offices = list(Office.objects.values_list("pk", "name", "tier", "parent_id", "code"))
    output = load(seeds)
    assert row_counts() == first
    assert list(Office.objects.values_list("pk", "name", "tier", "parent_id", "code")) == offices
    assert m.Plan.objects.filter(is_template=False).count() == len(expected)
    assert f"{len(expected)} plan(s) stored ({len(expected)} replaced an earlier copy)" in output
    stored = [
        plan_to_domain(pk)
        for pk in m.Plan.objects.filter(is_template=False).order_by("pk").values_list(
            "pk", flat=True)
    ]
    assert sorted(map(dumps_one, stored)) == sorted(map(dumps_one, expected))


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
    # The demo people of kormo.years.demo come with it, each once.
    assert get_user_model().objects.filter(username="demo").count() == 1
    assert get_user_model().objects.count() == 8
    assert "user 'demo': created" in first
    assert "user 'demo': already present" in second


def test_the_real_seed_folder_loads_without_duplicates() -> None:
    # Whatever seeds exist right now (0 to 5 files); counted from the files themselves.
    expected = sum(len(load_path(str(p))) for p in sorted(SEEDS_DIR.glob("*.json")))
    load()
    load()
    assert m.Plan.objects.filter(is_template=False).count() == expected


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


def test_tables_list_covers_every_plan_model() -> None:
    # An upload under review is not part of any plan's tree (tests/plans/test_import_views.py).
    assert set(PLAN_TABLES) == set(apps.get_app_config("plans").get_models()) - {
        m.PendingImport}
