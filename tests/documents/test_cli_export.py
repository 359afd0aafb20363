"""`kormo export` as users run it: a real process, real files, exit codes and messages."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.documents.conftest import SEED_FILES, load, needs_poppler, pdf_text

KORMO = str(Path(sys.executable).with_name("kormo"))


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([KORMO, *args], capture_output=True, timeout=300, cwd=cwd)


@needs_poppler
def test_export_pdf_writes_the_apa(tmp_path):
    out = tmp_path / "apa.pdf"
    result = run("export", "--from", str(SEED_FILES["000"]), "--format", "pdf", "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().startswith(str(out))
    text = pdf_text(out.read_bytes())
    assert "বার্ষিক কর্মসম্পাদন চুক্তি" in text and "জুলাই ১, ২০২২ - জুন ৩০, ২০২৩" in text


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_export_office_formats_write_zip_packages(tmp_path, fmt):
    out = tmp_path / f"nis.{fmt}"
    result = run("export", "--from", str(SEED_FILES["002"]), "--format", fmt,
                 "--document", "evaluation", "--lang", "en", "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    with zipfile.ZipFile(out) as package:
        names = package.namelist()
    assert ("word/document.xml" if fmt == "docx" else "xl/workbook.xml") in names


def test_export_json_and_csv(tmp_path):
    out = tmp_path / "plans.json"
    result = run("export", "--from", str(SEED_FILES["001"]), "--format", "json",
                 "--plan-id", "kendri-polytechnic-rti-2023-24", "-o", str(out))
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(out.read_text("utf-8"))
    assert [p["id"] for p in doc["plans"]] == ["kendri-polytechnic-rti-2023-24"]
    result = run("export", "--from", str(SEED_FILES["002"]), "--format", "csv", "-o", "-")
    assert result.returncode == 0
    lines = result.stdout.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("plan_id,plan_kind,office")
    assert len(lines) == 1 + len(load("002")[0].indicators)


def test_export_names_the_output_after_the_input_when_no_o_is_given(tmp_path):
    result = run("export", "--from", str(SEED_FILES["003"]), "--format", "xlsx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    assert (tmp_path / "003-kushtia-innovation-work-plan-2017.xlsx").exists()


@pytest.mark.parametrize(("args", "words"), [
    (["--from", "/no/such/file.json", "--format", "pdf"], "cannot open the file"),
    (["--from", "{bad}", "--format", "pdf"], "not valid JSON"),
    (["--from", str(SEED_FILES["000"]), "--format", "pdf", "--plan-id", "nope"], "no plan “nope”"),
    (["--from", str(SEED_FILES["002"]), "--format", "pdf", "--document", "apa"], "no APA"),
    (["--from", str(SEED_FILES["000"]), "--format", "docx", "-o", "/no/such/dir/x.docx"],
     "cannot write the output file"),
])
def test_bad_input_gives_one_bilingual_line_and_exit_2(tmp_path, args, words):
    if args[1] == "{bad}":
        bad = tmp_path / "bad.json"
        bad.write_text('{"format": "kormo-plan", "plans": [', "utf-8")
        args = ["--from", str(bad), *args[2:]]
    if "-o" not in args:
        args += ["-o", str(tmp_path / "out")]
    result = run("export", *args)
    assert result.returncode == 2
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kormo: ") and words in lines[0]
    assert " / " in lines[0] and any("\u0980" <= ch <= "\u09ff" for ch in lines[0])
    assert not (tmp_path / "out").exists()


def test_unwritable_output_file_is_refused_before_rendering(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    target = folder / "x.pdf"
    target.mkdir()  # a directory where the file should go: the write itself fails
    result = run("export", "--from", str(SEED_FILES["002"]), "--format", "csv",
                 "-o", str(target))
    assert result.returncode == 2
    assert "cannot write the output file" in result.stderr.decode()


def test_export_to_stdout_streams_the_bytes():
    result = run("export", "--from", str(SEED_FILES["002"]), "--format", "docx", "-o", "-")
    assert result.returncode == 0
    assert zipfile.is_zipfile(io.BytesIO(result.stdout))
