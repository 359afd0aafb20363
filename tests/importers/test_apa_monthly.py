"""The APA's progress report with monthly columns and a cumulative to-date column (issue 13,
item 2; DOMAIN.md §10): recognised as the APA's, each quarter's achievement read from its
months by the indicator's calculation method, the to-date column checked against them, and
every inference flagged (the method when none is printed, the kind when no title names it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from kormo.domain.plan import CalculationMethod, Plan, PlanKind, Quarter
from kormo.domain.values import DateValue, Number, Percent, Value
from kormo.importers import FlagCode, ImportResult
from kormo.importers.api import import_bytes

TITLE = "জেলা তথ্য অফিস, নড়াইল এর বার্ষিক কর্মসম্পাদন চুক্তির ২য় ত্রৈমাসিক অগ্রগতি প্রতিবেদন, ২০২২-২৩"
MONTHS = ["জুলাই", "আগস্ট", "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর"]


def _report(rows: list[list[str]], *, title: str = TITLE, method: bool = True,
            months: list[str] = MONTHS, cumulative: str = "ক্রমপুঞ্জিভূত অর্জন") -> bytes:
    head = ["কার্যক্রম", "কর্মসম্পাদন সূচক", *(["গণনা পদ্ধতি"] if method else []), "একক",
            "সূচকের মান", "বার্ষিক লক্ষ্যমাত্রা ২০২২-২৩"]
    top = [*head, "মাসিক অর্জন", *[""] * (len(months) - 1), cumulative]
    low = [""] * len(head) + months + [""]
    body = [r if method else r[:2] + r[3:] for r in rows]
    lines = [title, "", *("\t".join(r) for r in (top, low, ["[১] সেবা সহজিকরণ (মান: ২০)"], *body))]
    return ("\n".join(lines) + "\n").encode("utf-8")


COUNT = ["[১.১] প্রশিক্ষণ", "[১.১.১] প্রশিক্ষিত কর্মচারী", "সমষ্টি", "জন", "১০", "৪০",
         "৩", "২", "-", "৫", "৪", "১", "১৫"]
PERCENT = ["[১.২] ই-নথি", "[১.২.১] ই-নথিতে নিষ্পত্তি", "গড়", "%", "৫", "৮০%",
           "৭০%", "৮০%", "৯০%", "৬০%", "৭০%", "৮০%", "৭৫%"]
DATE = ["[১.৩] সভা", "[১.৩.১] সভা আয়োজিত", "তারিখ", "তারিখ", "৫", "৩০/১১/২০২২",
        "-", "-", "-", "-", "১৫/১১/২০২২", "-", "১৫/১১/২০২২"]


def _progress(plan: Plan) -> dict[tuple[str, Quarter], Value | None]:
    return {(p.indicator, p.quarter): p.value for p in plan.progress}


def _codes(result: ImportResult) -> list[FlagCode]:
    return [f.code for f in result.flags]


def test_each_quarter_is_read_from_its_months_by_the_calculation_method() -> None:
    result = import_bytes(_report([COUNT, PERCENT, DATE]), "report.txt")
    (plan,) = result.plans
    assert plan.kind is PlanKind.APA and plan.fiscal_year == "2022-23"
    assert [(i.number, i.annual_target) for i in plan.indicators] == [
        ("1.1.1", Number(Decimal(40))), ("1.2.1", Percent(Decimal(80))),
        ("1.3.1", DateValue(dt.date(2022, 11, 30)))]
    assert _progress(plan) == {
        ("1.1.1", Quarter.Q1): Number(Decimal(5)),  # 3 + 2, September not reported
        ("1.1.1", Quarter.Q2): Number(Decimal(10)),
        ("1.2.1", Quarter.Q1): Percent(Decimal(80)),
        ("1.2.1", Quarter.Q2): Percent(Decimal(70)),
        ("1.3.1", Quarter.Q2): DateValue(dt.date(2022, 11, 15))}
    assert not {FlagCode.METHOD_INFERRED, FlagCode.TOTAL_DIFFERS,
                FlagCode.KIND_GUESSED} & set(_codes(result))


def test_without_a_method_column_the_to_date_column_tells_the_method_and_it_is_flagged() -> None:
    result = import_bytes(_report([COUNT, PERCENT], method=False), "report.txt")
    (plan,) = result.plans
    assert [i.calculation_method for i in plan.indicators] == [
        CalculationMethod.SUM, CalculationMethod.AVERAGE]
    flags = {f.place.split(" / ")[1]: f for f in result.flags
             if f.code is FlagCode.METHOD_INFERRED}
    assert set(flags) == {"1.1.1", "1.2.1"}
    assert "sum" in flags["1.1.1"].reason_en and "১৫" in flags["1.1.1"].reason_bn
    assert flags["1.2.1"].kept == "average"
    assert _progress(plan)[("1.2.1", Quarter.Q2)] == Percent(Decimal(70))


def test_a_to_date_value_the_months_do_not_give_is_flagged_and_the_months_kept() -> None:
    wrong = [*COUNT[:-1], "১৮"]
    result = import_bytes(_report([wrong]), "report.txt")
    (plan,) = result.plans
    assert _progress(plan)[("1.1.1", Quarter.Q2)] == Number(Decimal(10))
    (flag,) = [f for f in result.flags if f.code is FlagCode.TOTAL_DIFFERS]
    assert flag.place.endswith("1.1.1 / cumulative") and flag.kept == "15"
    assert "18" in flag.reason_en


def test_a_report_whose_title_names_no_kind_is_taken_for_the_apas_by_its_columns() -> None:
    result = import_bytes(_report([COUNT], title="অগ্রগতি প্রতিবেদন ২০২২-২৩", method=False,
                                  cumulative="ডিসেম্বর পর্যন্ত মোট অর্জন"), "report.txt")
    (plan,) = result.plans
    assert plan.kind is PlanKind.APA
    (flag,) = [f for f in result.flags if f.code is FlagCode.KIND_GUESSED]
    assert "monthly achievement columns" in flag.reason_en and "মাসিক" in flag.reason_bn


def test_month_names_typed_with_slips_are_read_and_flagged() -> None:
    months = ["জুলাই/২২", "আগষ্ট", "সেপ্ টেম্বর", "অকটোবর", "নভম্বর", "ডিসেম্বর"]
    result = import_bytes(_report([COUNT], months=months), "report.txt")
    (plan,) = result.plans
    assert _progress(plan)[("1.1.1", Quarter.Q1)] == Number(Decimal(5))
    assert _progress(plan)[("1.1.1", Quarter.Q2)] == Number(Decimal(10))
    similar = {f.written for f in result.flags if f.code is FlagCode.HEADER_SIMILAR}
    # আগষ্ট and অকটোবর are spellings the month table knows: read as written
    assert any("সেপ্ টেম্বর" in w for w in similar) and any("নভম্বর" in w for w in similar)
    assert not any("আগষ্ট" in w or "অকটোবর" in w for w in similar)


def test_generated_monthly_reports_are_read_with_every_quarter_they_report() -> None:
    """The corpus (tests/importers/corpus/monthly.py) writes these reports in many layouts:
    every quarter's achievement, target and weight is read, and the kind is the APA's."""
    import random

    from tests.importers.corpus.samples import sample
    from tests.importers.corpus.score import compare

    rng = random.Random(5)
    reports = 0
    for i in range(40):
        s = sample(rng, i, ("txt", "docx", "xlsx")[i % 3], kind="apa")
        if s.expected.layout != "monthly":
            continue
        reports += 1
        score = compare(s.expected, list(import_bytes(s.data, s.name).plans))
        assert score.kind_right, s.name
        assert not [m for m in score.misses if "progress" in m or "annual" in m], \
            (s.name, score.misses)
    assert reports >= 5
