"""What kind of plan a table belongs to, from all the evidence: the title's words (read by
similarity, so a damaged title still counts), the table's columns (the APA's calculation
method, actuals and projections; quarterly target/achievement columns; the five levels) and
the plan before it in the same file. When the title names no kind, the columns leave several
kinds open: the likeliest is taken and the others are named with the reason, for the review
to confirm (`FlagCode.KIND_GUESSED`), never a silent default.
"""

from __future__ import annotations

from dataclasses import dataclass

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


def guess_kind(header: Header, quarterly: bool, previous: PlanKind | None) -> KindGuess:
    """The kind of a table whose title names none, from its columns and the plan before it."""
    if header.cols(Role.MONTH) and header.col(Role.CUMULATIVE) is not None:
        return KindGuess(PlanKind.APA, (), "মাসিক অর্জনের কলাম ও ক্রমপুঞ্জিভূত অর্জনের কলাম আছে "
                         "(এপিএ-র মাসিক/ত্রৈমাসিক অগ্রগতি প্রতিবেদন)", "it has monthly "
                         "achievement columns and a cumulative to-date column (the APA's "
                         "monthly/quarterly progress report)")
    if header.col(Role.METHOD) is not None or header.cols(Role.ACTUAL) \
            or header.cols(Role.PROJECTION):
        return KindGuess(PlanKind.APA, (), "গণনা পদ্ধতি, প্রকৃত অর্জন বা প্রক্ষেপণের কলাম আছে "
                         "(এপিএ-র সেকশন ৩)", "it has calculation-method, actual or projection "
                         "columns (the APA's section 3)")
    action = tuple(k for k, _ in KIND_WORDS if k is not PlanKind.APA)
    if previous is not None and previous is not PlanKind.APA:
        kind = previous
        why_bn = "আগের কর্মপরিকল্পনার ধারাবাহিকতা ধরা হয়েছে"
        why_en = "taken as continuing the plan before it"
    elif quarterly:
        kind = PlanKind.INTEGRITY
        why_bn = ("ত্রৈমাসিক লক্ষ্যমাত্রা/অর্জনের কলাম আছে; এ ছক শুদ্ধাচার কর্মপরিকল্পনায় সবচেয়ে "
                  "বেশি দেখা যায়")
        why_en = ("it has quarterly target/achievement columns, most often the form of the "
                  "integrity plan")
    else:
        kind = PlanKind.EGOV_INNOVATION
        why_bn = "পাঁচ মানের লক্ষ্যমাত্রার কলাম আছে, এপিএ-র কলাম নেই"
        why_en = "it has the five target levels and no APA columns"
    names_bn = ", ".join(ACTION_PLAN_NAMES[k][0] for k in action if k is not kind)
    names_en = ", ".join(ACTION_PLAN_NAMES[k][1] for k in action if k is not kind)
    return KindGuess(
        kind, tuple(k for k in action if k is not kind),
        f"শিরোনামে পরিকল্পনার ধরন পাওয়া যায়নি; {why_bn}: "
        f"{ACTION_PLAN_NAMES[kind][0]} ধরা হয়েছে; কাছাকাছি: {names_bn} (পর্যালোচনায় ঠিক করুন)",
        f"no title names the plan's kind; {why_en}: taken as {ACTION_PLAN_NAMES[kind][1]}; "
        f"close: {names_en} (choose on review)")
