"""Setting up a fiscal year: open it, set its deadlines (one service each).

Deadlines per event and tier are rows of `Deadline` (DOMAIN.md "Calendar seen": data per year);
`kormo.years.deadlines` finds the one that applies to an office's tier. The year's templates
are plans, so they live with plans (`kormo.plans.templates`).

Every change is kept in the history (`kormo.audit.services.record_change`) in the same
transaction: a year opened, the deadlines that changed (before and after, per event and tier).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, ClassVar, TypeVar

from django.db import transaction

from kormo.audit.services import record_change
from kormo.domain import plan as d
from kormo.domain.calendar import FiscalYear
from kormo.domain.cells import CellProblem, SheetError
from kormo.domain.dates import parse_date
from kormo.domain.digits import normalize_text
from kormo.domain.errors import CodedError, InputError
from kormo.years.models import Deadline, Event, FiscalYearSetup

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

T = TypeVar("T")


class YearErrorCode(StrEnum):
    ALREADY_OPEN = "ALREADY_OPEN"


class YearError(CodedError):
    """A refused setup action; nothing was changed."""

    MESSAGES: ClassVar[Mapping[Enum, tuple[str, str]]] = {
        YearErrorCode.ALREADY_OPEN: ("এই অর্থবছরটি আগেই খোলা হয়েছে।",
                                     "This fiscal year is already open."),
    }


@transaction.atomic
def year_open(*, fiscal_year: str, actor: AbstractBaseUser | None) -> FiscalYearSetup:
    """Open `fiscal_year` ("2022-23" or "২০২২-২৩") for planning; refused if already open."""
    fy = str(FiscalYear.parse(fiscal_year))
    if FiscalYearSetup.objects.filter(fiscal_year=fy).exists():
        raise YearError(YearErrorCode.ALREADY_OPEN)
    year = FiscalYearSetup.objects.create(fiscal_year=fy, opened_by=actor)
    record_change(actor=actor, action="year.open", obj=year, before=None,
                  after={"fiscal_year": fy, "is_open": True}, label=fy)
    return year


def _deadline_cells(deadlines: Sequence[Deadline]) -> dict[str, dict[str, object]]:
    return {f"{x.event} {x.tier or '*'}": {"opens_on": x.opens_on, "due_on": x.due_on}
            for x in deadlines}


@transaction.atomic
def year_deadlines_save(
    *, year: FiscalYearSetup, rows: Sequence[Mapping[str, str]], actor: AbstractBaseUser | None
) -> list[Deadline]:
    """Replace the year's deadlines by `rows` (event, tier, opens_on, due_on as typed).

    Rows without a due date are dropped; dates accept Bengali or Latin digits. A bad row
    raises SheetError naming it, and the stored deadlines stay as they were.
    """
    problems: list[CellProblem] = []
    parsed: list[Deadline] = []
    seen: set[tuple[str, str]] = set()
    tiers = {t.value for t in d.Tier} | {""}
    for i, row in enumerate(rows):
        event, tier = str(row.get("event", "")).strip(), str(row.get("tier", "")).strip()
        opens, due = str(row.get("opens_on", "")), str(row.get("due_on", ""))
        if not normalize_text(due) and not normalize_text(opens):
            continue
        if event not in Event.values:
            problems.append(CellProblem(i, "event", "অজানা ঘটনা", "unknown event"))
            continue
        if tier not in tiers:
            problems.append(CellProblem(i, "tier", "অজানা স্তর", "unknown tier"))
            continue
        if (event, tier) in seen:
            problems.append(CellProblem(i, "tier", "একই ঘটনা ও স্তর দুবার দেওয়া হয়েছে",
                                        "the same event and tier are given twice"))
            continue
        seen.add((event, tier))
        dates = {}
        for name, text in (("opens_on", opens), ("due_on", due)):
            if not normalize_text(text):
                dates[name] = None
                continue
            try:
                dates[name] = parse_date(text, year.fiscal_year)
            except InputError as exc:
                problems.append(CellProblem(i, name, exc.bn, exc.en))
        if "due_on" in dates and dates["due_on"] is None:
            problems.append(CellProblem(i, "due_on", "শেষ তারিখ দিন", "give the due date"))
        elif dates.get("opens_on") and dates.get("due_on") and dates["opens_on"] > dates["due_on"]:
            problems.append(CellProblem(i, "opens_on", "শুরুর তারিখ শেষ তারিখের পরে",
                                        "the opening date is after the due date"))
        else:
            parsed.append(Deadline(year=year, event=event, tier=tier,
                                   opens_on=dates.get("opens_on"), due_on=dates.get("due_on")))
    if problems:
        raise SheetError(problems)
    old = _deadline_cells(list(Deadline.objects.filter(year=year)))
    Deadline.objects.filter(year=year).delete()
    saved = Deadline.objects.bulk_create(parsed)
    new = _deadline_cells(saved)
    changed = [k for k in old if old[k] != new.get(k)] + [k for k in new if k not in old]
    if changed:
        record_change(actor=actor, action="year.deadlines", obj=year,
                      before={k: old.get(k) for k in changed},
                      after={k: new.get(k) for k in changed},
                      label=f"{year.fiscal_year}: {', '.join(changed)}")
    return saved


