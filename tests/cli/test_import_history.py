"""`kormo import` saves through `plan_import`, the same service as the review page: the import is
in the history with its actor (--actor, or the system actor), a bad actor is refused in
Bengali and English, and `--replace` never touches a plan past its draft (a signed plan
changes only by a revision). Run in-process (`kormo.cli.main`) on the test database."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from kormo.audit.models import ChangeRecord
from kormo.cli import EXIT_BAD_INPUT, EXIT_OK, main
from kormo.documents.render import export
from kormo.importers import import_file
from kormo.offices.services import SYSTEM_USERNAME
from kormo.plans.convert import plan_to_domain
from kormo.plans.importing import ImportSaveError, plan_import
from kormo.plans.models import Plan, PlanState
from tests.importers import documents as D
from tests.plans.builders import row_counts
from tests.progress.world import make_world
from tests.world import save_as_current, sign

pytestmark = pytest.mark.django_db

OFFICE = "জেলা কার্যালয়, রংপুর"


@pytest.fixture
def docx(tmp_path: Path) -> str:
    path = tmp_path / "egov.docx"
    path.write_bytes(D.egov_docx())
    return str(path)


def imports() -> list[tuple[str, str]]:
    return [(r.actor_name, r.after["file"]) for r in
            ChangeRecord.objects.filter(action="plan.import").order_by("pk")]


def test_an_import_is_recorded_under_the_system_actor_by_default(docx: str, capsys) -> None:
    assert main(["import", docx, "--office", OFFICE, "--year", "2022-23"]) == EXIT_OK
    (row,) = Plan.objects.all()
    assert imports() == [(SYSTEM_USERNAME, "egov.docx")]
    record = ChangeRecord.objects.get(action="plan.import")
    assert (record.plan, record.after["kind"], record.after["fiscal_year"]) == (
        row, row.kind, "2022-23")
    assert row.created_by.username == SYSTEM_USERNAME
    assert not row.created_by.is_active  # the system actor cannot log in
    assert f"saved plan {row.pk}" in capsys.readouterr().out


def test_an_import_is_recorded_under_the_actor_named(docx: str) -> None:
    world = make_world(OFFICE, sign=False)
    focal = world.offices[OFFICE].focal
    assert main(["import", docx, "--office", OFFICE, "--actor", focal.username]) == EXIT_OK
    assert imports() == [(focal.username, "egov.docx")]


@pytest.mark.parametrize(("actor", "bn", "en"), [
    ("nobody-here", "নামে কোনো ব্যবহারকারী নেই", "there is no user named nobody-here"),
    ("stranger", "লিখতে পারেন না", "stranger may not write plans of this office"),
])
def test_a_bad_actor_is_refused_in_both_languages_and_nothing_is_saved(
        docx: str, capsys, actor: str, bn: str, en: str) -> None:
    make_world(OFFICE, sign=False)
    before = (row_counts(), ChangeRecord.objects.count())
    assert main(["import", docx, "--office", OFFICE, "--actor", actor]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert bn in err and en in err and err.count("\n") == 1
    assert (row_counts(), ChangeRecord.objects.count()) == before


def test_replacing_a_draft_is_recorded(docx: str) -> None:
    assert main(["import", docx, "--office", OFFICE, "--year", "2022-23"]) == EXIT_OK
    (first,) = Plan.objects.all()
    assert main(["import", docx, "--office", OFFICE, "--year", "2022-23",
                 "--replace"]) == EXIT_OK
    (second,) = Plan.objects.all()
    assert second.pk != first.pk
    replace = ChangeRecord.objects.get(action="plan.replace")
    assert (replace.plan, replace.before["plans"]) == (second, [
        {"id": first.pk, "state": "draft", "revision": first.revision}])
    assert len(imports()) == 2


def _signed_world_plan() -> tuple[object, Plan]:
    world = make_world(OFFICE)
    return world, world.offices[OFFICE].apa


def test_replacing_a_signed_plan_is_refused_and_nothing_changes() -> None:
    world, signed = _signed_world_plan()
    assert signed.state == PlanState.SIGNED
    before = (row_counts(), ChangeRecord.objects.count(), signed.lock_version)
    with pytest.raises(ImportSaveError) as refused:
        plan_import(plans=[plan_to_domain(signed.pk)], office=signed.office,
                    actor=world.offices[OFFICE].focal, replace=True)
    assert "খসড়া নয়" in refused.value.bn and "is not a draft" in refused.value.en
    signed.refresh_from_db()
    assert (row_counts(), ChangeRecord.objects.count(), signed.lock_version) == before
    assert signed.state == PlanState.SIGNED


def test_the_cli_replace_of_a_signed_plan_is_refused_and_nothing_changes(
        tmp_path: Path, capsys) -> None:
    # The office's APA as printed (DOCX) and read back by the importer, which gives it the
    # id it reads ("apa-2022-23"); the stored copy of that plan is signed by both parties.
    world = make_world(OFFICE, sign=False)
    people = world.offices[OFFICE]
    printed = tmp_path / "apa.docx"
    printed.write_bytes(export([plan_to_domain(people.apa.pk)], "docx"))
    (read,) = import_file(printed).plans
    stored = save_as_current(plan=dataclasses.replace(read, office=OFFICE),
                             office=people.office)
    signed = sign(stored, people.head, world.supervisor)
    assert signed.state == PlanState.SIGNED
    capsys.readouterr()
    before = (row_counts(), ChangeRecord.objects.count(), signed.lock_version)
    assert main(["import", str(printed), "--office", OFFICE, "--replace",
                 "--actor", people.focal.username]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "খসড়া নয়" in err and "is not a draft" in err and "Nothing was changed" in err
    signed.refresh_from_db()
    assert (row_counts(), ChangeRecord.objects.count(), signed.lock_version) == before
    assert signed.state == PlanState.SIGNED
    # The system actor is refused the same way: the rule is the service's, not the actor's.
    assert main(["import", str(printed), "--office", OFFICE, "--replace"]) == EXIT_BAD_INPUT
    assert Plan.objects.get(pk=signed.pk).state == PlanState.SIGNED
