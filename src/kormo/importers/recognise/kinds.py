"""What kind of plan a table belongs to, from all the evidence: the title's words (read by
similarity, so a damaged title still counts), the table's columns (the APA's calculation
method, actuals and projections; quarterly target/achievement columns; the five levels) and
the plan before it in the same file, and the table's body: its numbering ([১.১.১] in the APA's
form, 1.1 in the action plans'), fallback indicators (grievance redress) and the total of its
weights (100, 70, 30, 50, 25: the usual totals of each kind). When the title names no kind,
the evidence is scored: the likeliest kind is taken and the close ones are named with their
reasons, for the review to confirm (`FlagCode.KIND_GUESSED`), never a silent default.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from kormo.domain.digits import to_latin_digits
from kormo.domain.plan import PlanKind
from kormo.importers.recognise.headers import Header, Role
from kormo.importers.recognise.similar import Match, contains
from kormo.importers.recognise.text import nfc, squash

# The words a title uses for each kind (DOMAIN.md glossary), most specific first.
KIND_WORDS: tuple[tuple[PlanKind, tuple[str, ...]], ...] = (
    (PlanKind.INTEGRITY, ("জাতীয় শুদ্ধাচার কৌশল", "শুদ্ধাচার")),
    (PlanKind.EGOV_INNOVATION, ("ই-গভর্ন্যান্স ও উদ্ভাবন", "ই-গভর্ন্যান্স", "ই-গভর্নেন্স")),
    (PlanKind.GRIEVANCE_REDRESS, ("অভিযোগ প্রতিকার", "জিআরএস")),
    (PlanKind.CITIZENS_CHARTER, ("সেবা প্রদান প্রতিশ্রুতি", "সিটিজেনস চার্টার")),
    (PlanKind.RIGHT_TO_INFORMATION, ("তথ্য অধিকার",)),
    (PlanKind.APA, ("বার্ষিক কর্মসম্পাদন চুক্তি",)),
)
# A title names a plan or a report of one (a monitoring report of an action plan).
PLAN_WORDS = ("পরিকল্পনা", "প্রতিবেদন", "পরিবীক্ষণ", "কর্মসম্পাদন চুক্তি")
ACTION_PLAN_NAMES = {
    PlanKind.INTEGRITY: ("শুদ্ধাচার", "integrity"),
    PlanKind.EGOV_INNOVATION: ("ই-গভর্ন্যান্স ও উদ্ভাবন", "e-governance and innovation"),
    PlanKind.GRIEVANCE_REDRESS: ("অভিযোগ প্রতিকার", "grievance redress"),
    PlanKind.CITIZENS_CHARTER: ("সেবা প্রদান প্রতিশ্রুতি", "citizen's charter"),
    PlanKind.RIGHT_TO_INFORMATION: ("তথ্য অধিকার", "right to information"),
    PlanKind.APA: ("এপিএ", "APA"),
}


def kind_of_title_similar(text: str) -> tuple[PlanKind | None, Match | None]:
    """The kind a (possibly damaged) title names, and the match when it was not exact."""
    t = nfc(squash(text))
    if not t or len(t) > 250:
        return None, None
    if not any(contains(t, w) for w in PLAN_WORDS):
        return None, None
    for kind, words in KIND_WORDS:
        for w in words:
            m = contains(t, w)
            if m is not None:
                return kind, (None if m.exact else m)
    return None, None


@dataclass(frozen=True, slots=True)
class KindGuess:
    """A kind taken without a title naming it: the kinds that were close and why."""

    kind: PlanKind
    close: tuple[PlanKind, ...]
    why_bn: str
    why_en: str


@dataclass(frozen=True, slots=True)
class TableEvidence:
    """What a table's body says about its plan's kind, beside its columns (`table_evidence`)."""

    numbers: int = 0  # numbered names ([১.১.১], 1.1, ১.)
    bracketed: int = 0  # of them in brackets: the APA's form ([১.১.১])
    four_part: int = 0  # [১.১.১.১]: a fallback indicator (grievance redress, DOMAIN.md §10)
    conditions: int = 0  # "যদি …", "… পাওয়া না গেলে": a fallback's condition
    total: Decimal | None = None  # the sum of the indicators' weights


_NUMBERED = re.compile(r"^\s*(\[)?\s*([0-9০-৯]+(?:\s*\.\s*[0-9০-৯]+)*)\s*\]?")
_CONDITION = re.compile(r"^\s*(?:\[[^\]]*\]\s*)?যদি|পাওয়া না গেলে|না পাওয়া গেলে")


def table_evidence(rows: list[list[str]], weight_col: int | None) -> TableEvidence:
    """Numbering shapes, fallback conditions and the weights' total of a table's body rows
    (cell texts, the header rows left out)."""
    numbers = bracketed = four = conditions = 0
    total = Decimal(0)
    weights = 0
    for row in rows:
        for text in row[:4]:
            t = nfc(squash(text))
            m = _NUMBERED.match(t)
            if m and "." in m[2] and len(t) > len(m[0]) + 2:
                numbers += 1
                bracketed += bool(m[1])
                four += m[2].count(".") >= 3
            if _CONDITION.search(t):
                conditions += 1
        if weight_col is not None and weight_col < len(row):
            try:
                w = Decimal(to_latin_digits(squash(row[weight_col])))
            except InvalidOperation:
                continue
            if 0 < w <= 100:
                total += w
                weights += 1
    return TableEvidence(numbers, bracketed, four, conditions, total if weights else None)


# The plans' usual totals (DOMAIN.md Scoring §4-5 and the seeds): an APA totals 100 (the
# office's own areas 70, the governance area 30); an integrity plan of 100 was seen, an
# e-governance plan of 50, grievance-redress, citizen's-charter and RTI plans of 25.
_TOTALS: dict[int, tuple[PlanKind, ...]] = {
    100: (PlanKind.APA, PlanKind.INTEGRITY), 70: (PlanKind.APA,), 30: (PlanKind.APA,),
    50: (PlanKind.EGOV_INNOVATION,),
    25: (PlanKind.GRIEVANCE_REDRESS, PlanKind.CITIZENS_CHARTER, PlanKind.RIGHT_TO_INFORMATION),
}
_ACTION = tuple(k for k, _ in KIND_WORDS if k is not PlanKind.APA)
_ALL = (PlanKind.APA, *_ACTION)


def guess_kind(header: Header, quarterly: bool, previous: PlanKind | None,
               evidence: TableEvidence | None = None) -> KindGuess:
    """The kind of a table whose title names none, from all the evidence: its columns, its
    numbering, fallbacks and weights' total, and the plan before it. Each piece of evidence
    gives points to the kinds it fits; the kind with the most is taken, and every kind within
    two points of it is named as close, each with its reasons."""
    ev = evidence or TableEvidence()
    points: dict[PlanKind, float] = dict.fromkeys(_ALL, 0.0)
    why: dict[PlanKind, list[tuple[str, str]]] = {k: [] for k in _ALL}

    def give(kinds: tuple[PlanKind, ...], n: float, bn: str, en: str) -> None:
        for k in kinds:
            points[k] += n
            why[k].append((bn, en))

    if header.cols(Role.MONTH) and header.col(Role.CUMULATIVE) is not None:
        return KindGuess(PlanKind.APA, (), "মাসিক অর্জনের কলাম ও ক্রমপুঞ্জিভূত অর্জনের কলাম আছে "
                         "(এপিএ-র মাসিক/ত্রৈমাসিক অগ্রগতি প্রতিবেদন)", "it has monthly "
                         "achievement columns and a cumulative to-date column (the APA's "
                         "monthly/quarterly progress report)")
    if header.col(Role.METHOD) is not None or header.cols(Role.ACTUAL) \
            or header.cols(Role.PROJECTION):
        give((PlanKind.APA,), 6, "গণনা পদ্ধতি, প্রকৃত অর্জন বা প্রক্ষেপণের কলাম (এপিএ-র সেকশন ৩)",
             "calculation-method, actual or projection columns (the APA's section 3)")
    elif quarterly:
        give((PlanKind.INTEGRITY,), 2, "ত্রৈমাসিক লক্ষ্যমাত্রা/অর্জনের কলাম: শুদ্ধাচার পরিকল্পনার "
             "ছক", "quarterly target/achievement columns: the integrity plan's form")
        give(_ACTION[1:], 1, "ত্রৈমাসিক পরিবীক্ষণের কলাম", "quarterly monitoring columns")
    else:
        # DOMAIN.md: the five levels are the form of the APA's section 3 and of the action
        # plans but the integrity plan (its form is quarterly monitoring)
        five = (PlanKind.APA, *_ACTION[1:])
        give(five, 1, "পাঁচ মানের লক্ষ্যমাত্রা", "the five target levels")
        give(_ACTION[1:], 1.5, "এপিএ-র কলাম (গণনা পদ্ধতি, প্রকৃত অর্জন) নেই",
             "no APA columns (method, actuals)")
    if ev.numbers:
        if ev.bracketed * 2 > ev.numbers:
            give((PlanKind.APA,), 1, "বন্ধনীতে নম্বর ([১.১.১]): এপিএ-র ধরন",
                 "numbers in brackets ([1.1.1]): the APA's style")
        else:
            give(_ACTION, 0.5, "বন্ধনী ছাড়া নম্বর (১.১): কর্মপরিকল্পনার ধরন",
                 "numbers without brackets (1.1): the action plans' style")
    if ev.four_part or ev.conditions:
        give((PlanKind.GRIEVANCE_REDRESS,), 2, "বিকল্প সূচক (চার অংশের নম্বর বা “যদি …” শর্ত)",
             "a fallback indicator (a four-part number or an “if …” condition)")
    if ev.total is not None and ev.total == ev.total.to_integral_value() \
            and int(ev.total) in _TOTALS:
        n = int(ev.total)
        give(_TOTALS[n], 1.5, f"মোট মান {n}", f"the weights total {n}")
    if previous is not None and previous is not PlanKind.APA:
        give((previous,), 2.5, "আগের কর্মপরিকল্পনার ধারাবাহিকতা", "continuing the plan before it")
    order = sorted(_ALL, key=lambda k: (-points[k], _ALL.index(k)))
    kind = order[0]
    close = tuple(k for k in order[1:] if points[k] > 0 and points[kind] - points[k] <= 2)

    def reasons(k: PlanKind, lang: int) -> str:
        return "; ".join(r[lang] for r in why[k]) or ("কিছু নেই", "nothing")[lang]

    close_bn = ", ".join(f"{ACTION_PLAN_NAMES[k][0]} ({reasons(k, 0)})" for k in close)
    close_en = ", ".join(f"{ACTION_PLAN_NAMES[k][1]} ({reasons(k, 1)})" for k in close)
    return KindGuess(
        kind, close,
        f"শিরোনামে পরিকল্পনার ধরন পাওয়া যায়নি; {ACTION_PLAN_NAMES[kind][0]} ধরা হয়েছে: "
        f"{reasons(kind, 0)}" + (f"; কাছাকাছি: {close_bn}" if close else "")
        + " (পর্যালোচনায় ঠিক করুন)",
        f"no title names the plan's kind; taken as {ACTION_PLAN_NAMES[kind][1]}: "
        f"{reasons(kind, 1)}" + (f"; close: {close_en}" if close else "")
        + " (choose on review)")
