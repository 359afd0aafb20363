"""The `kormo` command as users run it: real process, real files, exit codes and output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "seeds"
SEED_000 = SEEDS / "000-rangpur-ict-apa-2022-23.json"
KORMO = str(Path(sys.executable).with_name("kormo"))


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([KORMO, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_score_of_seed_000_has_maximum_100_and_linked_governance_indicators():
    result = run("score", str(SEED_000))
    assert result.returncode == 0, result.stderr
    (plan,) = json.loads(result.stdout)
    assert plan["maximum"] == 100.0
    assert plan["indicator_count"] == 16
    assert [a["weight"] for a in plan["areas"]] == [25, 25, 20, 30]
    governance = plan["areas"][3]["indicators"]
    assert [(g["ref"], g["weight"], g["feeds_from"]) for g in governance] == [
        ("G1.1.1", 10, "integrity"),
        ("G1.2.1", 10, "egov_innovation"),
        ("G1.3.1", 4, "grievance_redress"),
        ("G1.4.1", 3, "citizens_charter"),
        ("G1.5.1", 3, "right_to_information"),
    ]
    first = plan["areas"][0]["indicators"][0]
    assert set(first) >= {"weight", "annual_achievement", "raw_percent", "score"}
    assert (first["ref"], first["weight"], first["status"]) == ("1.1.1", 4, "not_reported")


def test_score_prints_the_per_indicator_figures_of_seed_004_progress():
    result = run("score", str(SEEDS / "004-dte-egov-innovation-2022-23.json"))
    assert result.returncode == 0, result.stderr
    (plan,) = json.loads(result.stdout)  # the register is not a scored plan
    inds = {i["ref"]: i for a in plan["areas"] for i in a["indicators"]}
    # e-Nothi rate 2236 / (2236 + 1439) × 100 = 60.84 %, between the 70 and 60 % levels.
    assert inds["1.3.1"]["raw_percent"] == 60.84
    assert inds["1.3.1"]["score"] == 2.43
    assert inds["1.2.1"]["annual_achievement"] == {"date": "2022-10-10"}
    assert plan["maximum"] == 50.0


def test_score_of_a_file_with_an_apa_and_its_action_plans_feeds_the_governance_area(tmp_path):
    apa = json.loads(SEED_000.read_text("utf-8"))
    nis = json.loads((SEEDS / "002-kaliganj-cooperative-nis-2020-21.json").read_text("utf-8"))
    action = nis["plans"][0] | {"office": apa["plans"][0]["office"], "fiscal_year": "2022-23",
                                "id": "nis", "parent": apa["plans"][0]["id"]}
    # The action plan's own dates belong to 2020-21; scoring does not look at that.
    path = tmp_path / "pair.json"
    path.write_text(json.dumps({**apa, "plans": [apa["plans"][0], action]}, ensure_ascii=False))
    result = run("score", str(path), "--through", "Q1")
    assert result.returncode == 0, result.stderr
    apa_score, nis_score = json.loads(result.stdout)
    g = apa_score["areas"][3]["indicators"][0]
    assert g["linked_plan"] == "nis"
    assert g["status"] == "scored"
    assert g["score"] == round(10 * nis_score["percent"] / 100, 2)


def test_score_with_a_rule_set_file(tmp_path):
    rules = tmp_path / "rules.json"
    rules.write_text(json.dumps({"name": "step-rules", "level_method": "step"}))
    result = run("score", str(SEEDS / "004-dte-egov-innovation-2022-23.json"), "--rules",
                 str(rules))
    assert result.returncode == 0, result.stderr
    (plan,) = json.loads(result.stdout)
    assert plan["rule_set"] == "step-rules"
    inds = {i["ref"]: i for a in plan["areas"] for i in a["indicators"]}
    assert inds["1.3.1"]["raw_percent"] == 60.0


def test_validate_exit_code_and_json_findings_for_a_broken_plan(tmp_path):
    doc = json.loads(SEED_000.read_text("utf-8"))
    doc["plans"][0]["areas"][0]["weight"] = 26
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(doc, ensure_ascii=False))
    result = run("validate", str(path), "--json")
    assert result.returncode == 1
    (entry,) = json.loads(result.stdout)
    codes = {(f["code"], f["severity"], f["place"]) for f in entry["findings"]}
    assert ("AREA_WEIGHT_MISMATCH", "error", "area 1") in codes
    finding = next(f for f in entry["findings"] if f["code"] == "AREA_WEIGHT_MISMATCH")
    assert finding["message_bn"] and finding["message_en"]


def test_validate_passes_a_plan_without_errors():
    result = run("validate", str(SEEDS / "003-kushtia-innovation-work-plan-2017.json"))
    assert result.returncode == 0, result.stdout + result.stderr


BAD_FILES = {
    "not-json.json": "this is not json",
    "empty.json": "",
    "wrong-schema.json": json.dumps({"format": "kormo-plan", "version": 1, "plans": [{}]}),
    "unknown-unit.json": json.dumps({"format": "kormo-plan", "version": 1, "plans": [
        {"kind": "apa", "fiscal_year": "2022-23", "office": "o", "areas": [
            {"number": "1", "name": "a", "activities": [{"number": "1.1", "name": "b",
             "indicators": [{"number": "1.1.1", "name": "c", "unit": "kilogram"}]}]}]}]}),
    "impossible-date.json": json.dumps({"format": "kormo-plan", "version": 1, "plans": [
        {"kind": "apa", "fiscal_year": "2022-23", "office": "o",
         "signatures": [{"signed_on": "2022-02-30"}]}]}),
    "binary.json": "\x00\x01\x02\xff",
}


@pytest.mark.parametrize("command", ["validate", "score"])
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_get_one_clear_line_and_exit_2(tmp_path, command, name):
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name].encode("utf-8", "surrogateescape"))
    result = run(command, str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "/" in lines[0] and any("\u0980" <= ch <= "\u09ff" for ch in lines[0])
    assert result.stdout == ""


def test_missing_file_exit_2(tmp_path):
    result = run("score", str(tmp_path / "absent.json"))
    assert result.returncode == 2
    assert "absent.json" in result.stderr


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.skipif(
    __import__("os").environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="serve --demo migrates and loads the demo: run once, on the embedded SQLite default",
)
@pytest.mark.slow
def test_serve_demo_migrates_loads_the_seeds_and_answers(tmp_path):
    import os
    import time
    import urllib.request

    port = _free_port()
    env = {**os.environ, "KORMO_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen([KORMO, "serve", "--demo", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        body = ""
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/login/",
                                            timeout=5) as resp:
                    assert resp.status == 200
                    body = resp.read().decode("utf-8")
                    break
            except OSError:
                time.sleep(0.5)
        assert "csrfmiddlewaretoken" in body
        assert (tmp_path / "kormo.sqlite3").exists()
        # The pages' stylesheet comes from the same server (no CDN), with DEBUG off.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/web/kormo.css",
                                    timeout=5) as resp:
            assert resp.status == 200 and b"{" in resp.read()
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert "demo" in out
