"""Issue 12 rule 5 in the importer: a monitoring page printing only the অসাধারণ (100 %) column
is read as that one level (as the seeds hold it: seed 001's grievance plan), which scoring
takes as a single-target activity (`scoring.is_single_target`), never five levels with four
blank."""

from __future__ import annotations

import io
from dataclasses import replace

import openpyxl
import pytest

from kormo.documents.render import export
from kormo.domain.plan import ProgressValue, Quarter
from kormo.domain.scoring import is_single_target, score_plan, single_target
from kormo.domain.values import Number
from kormo.importers.api import import_bytes
from tests.importers.documents import NIS_TITLE


def _monitoring_page(level_heading: str, target: int, quarters: list[int]) -> bytes:
    """An integrity plan's monitoring page with only the 100 % column before the quarters."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([NIS_TITLE])
    ws.append(["কার্যক্রমের নাম", "কর্মসম্পাদন সূচক", "একক", "সূচকের মান", "লক্ষ্যমাত্রা ২০২৩-২৪",
               "বাস্তবায়ন অগ্রগতি পরিবীক্ষণ", None, None, None, None, "মন্তব্য"])
    ws.append([None, None, None, None, level_heading, "লক্ষ্যমাত্রা/অর্জন", "1ম কোয়ার্টার",
               "2য় কোয়ার্টার", "3য় কোয়ার্টার", "4র্থ কোয়ার্টার", None])
    ws.append(["1. প্রাতিষ্ঠানিক ব্যবস্থা ..... 2"])
    ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=11)
    ws.append(["1.1 নৈতিকতা কমিটির সভা", "অনুষ্ঠিত সভা", "সংখ্যা", 2, target, "লক্ষ্যমাত্রা",
               *quarters, None])
    ws.append([None, None, None, None, None, "অর্জন", 1, 2, None, None, None])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("heading", "target", "quarters"), [
    ("অসাধারণ", 4, [1, 1, 1, 1]), ("অসাধারণ ১০০%", 12, [3, 3, 3, 3]), ("অসাধারণ", 7, [1, 2, 2, 2])])
def test_only_the_100_percent_column_is_read_as_the_single_target(heading, target, quarters):
    result = import_bytes(_monitoring_page(heading, target, quarters), "monitoring.xlsx")
    plan = result.plans[0]
    ind = plan.indicators[0]
    assert ind.annual_target is None and ind.levels.v100 == Number(target)
    assert ind.levels.v90 is ind.levels.v80 is ind.levels.v70 is ind.levels.v60 is None
    assert is_single_target(ind, plan.kind)
    # Scored by arithmetic deduction: 3 done of the target, on 2 marks.
    done = replace(plan, progress=(ProgressValue("1.1.1", Quarter.Q1, Number(1)),
                                   ProgressValue("1.1.1", Quarter.Q2, Number(2))))
    assert score_plan(done).indicator("1.1.1").score == pytest.approx(2 * min(3 / target, 1))
    # Printed in the action plan's form and read back: the same single target.
    for fmt in ("xlsx", "docx"):
        again = import_bytes(export([plan], fmt), f"again.{fmt}").plans[0]
        assert single_target(again.indicators[0]) == Number(target), fmt
