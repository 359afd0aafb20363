"""`kormo import`: the dry run prints the plan format with the flags (in a subprocess, as a user
runs it); saving is tested in-process on the test database (the subprocess would use the real
one), all plans of a file in one transaction. History, actors and --replace:
tests/cli/test_import_history.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from kormo.domain import planformat
from kormo.domain.plan import PlanKind
from kormo.importers import import_bytes, import_file
from tests.importers import documents as D
from tests.importers.test_seeds import SEEDS

ROOT = Path(__file__).resolve().parents[2]
KORMO = str(Path(sys.executable).with_name("kormo"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KORMO, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not here")
def test_dry_run_json_prints_the_plan_format_and_the_flags() -> None:
    seed = next(SEEDS.glob("004_*.txt"))
    proc = run("import", str(seed), "--dry-run", "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert (out["format"], out["version"]) == ("kormo-plan", 1)
    plans = planformat.plans_from_document({k: out[k] for k in ("format", "version", "plans")})
    assert [p.kind for p in plans] == [PlanKind.EGOV_INNOVATION, PlanKind.INNOVATION_REGISTER]
    assert plans == import_file(seed).plans
    first = out["flags"][0]
    assert set(first) == {"code", "place", "source", "reason_bn", "reason_en", "kept", "written"}
    assert any(f["code"] == "weight_truncated" and f["source"]["line"] == 13
               for f in out["flags"])


def test_dry_run_text_lists_the_flags(tmp_path: Path) -> None:
    path = tmp_path / "wp.xlsx"
    path.write_bytes(D.workplan_xlsx())
    proc = run("import", str(path), "--dry-run", "--lang", "en")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0].startswith("innovation_work_plan 2024 নড়াইল জেলা ইনোভেশন টিম")
    assert "merged_cell" in proc.stdout


def test_bad_input_is_one_bilingual_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "photo.docx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    proc = run("import", str(path), "--dry-run")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.strip().count("\n") == 0
    assert " / the file is an image (PNG)" in proc.stderr


def test_bad_year_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(D.egov_docx())
    proc = run("import", str(path), "--office", "x", "--year", "2022-25")
    assert proc.returncode == 2 and "fiscal year" in proc.stderr


# ---------------------------------------------------------------- saving (Django)


@pytest.mark.django_db
def test_import_stores_every_plan_under_the_office(tmp_path: Path) -> None:
    from kormo.cli import main
    from kormo.offices.models import Office
    from kormo.plans.convert import plan_to_domain
    from kormo.plans.models import Plan as PlanRow

    imported = import_bytes(D.egov_docx(), "plan.docx")
    path = tmp_path / "plan.docx"
    path.write_bytes(D.egov_docx())
    assert main(["import", str(path), "--office", "জেলা প্রশাসকের কার্যালয়, নড়াইল",
                 "--year", "2023-24"]) == 0
    rows = list(PlanRow.objects.all())
    assert len(rows) == 1
    office = Office.objects.get(name="জেলা প্রশাসকের কার্যালয়, নড়াইল")
    assert office.tier == "district"
    back = plan_to_domain(rows[0].pk)
    assert back.areas == imported.plans[0].areas
    assert back.fiscal_year == "2023-24"


@pytest.mark.django_db
def test_import_is_all_or_nothing() -> None:
    from dataclasses import replace

    from kormo.offices.services import office_ensure, system_actor_ensure
    from kormo.plans.importing import plan_import
    from kormo.plans.models import Plan as PlanRow
    from kormo.plans.values import ValueStoreError

    good = import_bytes(D.egov_docx(), "plan.docx").plans[0]
    area = good.areas[0]
    bad_indicator = replace(area.activities[0].indicators[0],
                            weight=Decimal(10) ** 30)  # too big for its column
    # Another year's plan (one current plan per office, kind and year), broken only in its value.
    bad = replace(good, id="bad", fiscal_year="2019-20", areas=(replace(area, activities=(replace(
        area.activities[0], indicators=(bad_indicator,)),)),))
    before = PlanRow.objects.count()
    with pytest.raises(ValueStoreError):
        plan_import(plans=[good, bad], office=office_ensure(name="x"),
                    actor=system_actor_ensure())
    assert PlanRow.objects.count() == before


# ---------------------------------------------------------------- never an empty success


SCHEMA = json.loads((ROOT / "docs" / "plan.schema.json").read_text(encoding="utf-8"))


def _dry_run_json(path: Path, capsys: pytest.CaptureFixture[str], *extra: str
                  ) -> tuple[int, str, str]:
    from kormo.cli import main

    code = main(["import", str(path), "--dry-run", "--json", *extra])
    out = capsys.readouterr()
    return code, out.out, out.err


def _valid(doc: dict) -> list[str]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]


def test_dry_run_json_of_generated_documents_validates_against_the_schema(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.importers.corpus import generate

    checked = 0
    for sample in generate(5, 16, formats=("txt", "docx", "xlsx")):
        path = tmp_path / sample.name
        path.write_bytes(sample.data)
        code, out, err = _dry_run_json(path, capsys)
        if code != 0:  # refused: one bilingual line, nothing on stdout
            assert out == "" and " / " in err, (sample.name, err)
            continue
        doc = json.loads(out)
        assert _valid(doc) == [], sample.name
        assert all(p["fiscal_year"] and p["office"] for p in doc["plans"])
        checked += 1
    assert checked >= 12


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not here")
def test_dry_run_json_of_every_seed_validates(capsys: pytest.CaptureFixture[str]) -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        code, out, err = _dry_run_json(seed, capsys)
        assert code == 0, err
        assert _valid(json.loads(out)) == [], seed.name


def test_a_file_without_a_plan_table_exits_2_listing_what_was_seen(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "minutes.txt"
    path.write_text("সভার কার্যবিবরণী\n\nউপস্থিত\tপদবি\nজনাব করিম\tসভাপতি\n", encoding="utf-8")
    code, out, err = _dry_run_json(path, capsys)
    assert code == 2 and out == ""
    assert "পাওয়া যায়নি" in err and "no APA, action plan" in err
    # what was seen: the table's first words and the counts, in both languages
    assert "১টি সারণি" in err and "1 table(s)" in err and "উপস্থিত | পদবি" in err


PLAN_ROWS = ("কার্যক্রম\tকর্মসম্পাদন সূচক\tসূচকের মান\tএকক\tঅসাধারণ\tঅতি উত্তম\tউত্তম\tচলতি মান\t"
             "চলতি মানের নিম্নে\n[১] সক্ষমতা (মান: ৫)\n"
             "[১.১] সভা\t[১.১.১] সভা আয়োজিত\t৫\tসংখ্যা\t৪\t৩\t২\t১\t-\n")


def test_a_fiscal_year_or_office_that_cannot_be_read_is_asked_for(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা\n\n" + PLAN_ROWS, encoding="utf-8")
    code, out, err = _dry_run_json(path, capsys)
    assert code == 2 and out == ""
    assert "অর্থবছর পড়া যায়নি" in err and "--year" in err
    assert "the fiscal year could not be read" in err and "--office" in err

    code, out, err = _dry_run_json(path, capsys, "--year", "২০২৩-২৪", "--office",
                                   "জেলা তথ্য অফিস, সিলেট")
    assert code == 0, err
    doc = json.loads(out)
    assert _valid(doc) == []
    (plan,) = doc["plans"]
    assert (plan["fiscal_year"], plan["office"]) == ("2023-24", "জেলা তথ্য অফিস, সিলেট")
    assert plan["kind"] == "egov_innovation"
