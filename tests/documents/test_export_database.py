"""`kormo export --plan ID`: a plan stored in the database, with its annexed action plans,
exported through `kormo.plans.convert.plan_to_domain` (run in-process, on the test database)."""

from __future__ import annotations

import csv
import io

import pytest

from kormo.cli import main
from kormo.domain.planformat import loads
from kormo.offices.services import office_ensure
from kormo.plans.convert import plan_save_from_domain
from tests.documents.conftest import combined_plans

pytestmark = pytest.mark.django_db


def test_export_by_database_id_includes_the_annexed_action_plans(tmp_path, capsys):
    office = office_ensure(name="জেলা কার্যালয়, রংপুর")
    plans = combined_plans()
    rows = [plan_save_from_domain(plan=p, office=office) for p in plans]
    out = tmp_path / "apa.json"
    assert main(["export", "--plan", str(rows[0].pk), "--format", "json", "-o", str(out)]) == 0
    back = loads(out.read_bytes())
    assert [p.id for p in back] == [p.id for p in plans]
    out = tmp_path / "scores.csv"
    assert main(["export", "--plan", str(rows[0].pk), "--format", "csv", "-o", str(out)]) == 0
    scores = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    governance = next(r for r in scores if r["indicator_ref"] == "G1.1.1")
    assert governance["linked_plan"] == "kaliganj-cooperative-nis-2020-21"
    out = tmp_path / "apa.docx"
    assert main(["export", "--plan", str(rows[0].pk), "--format", "docx", "-o", str(out)]) == 0
    assert out.stat().st_size > 10_000
    capsys.readouterr()


@pytest.mark.parametrize("plan_id", ["999999", "not-a-number"])
def test_unknown_database_plan_is_bad_input(tmp_path, capsys, plan_id):
    assert main(["export", "--plan", plan_id, "--format", "pdf",
                 "-o", str(tmp_path / "x.pdf")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("kormo: ") and " / " in err[0]
