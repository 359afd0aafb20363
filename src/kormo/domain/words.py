"""The domain's nouns in both scripts: plan kinds, office tiers, report periods and "late".

One catalogue for every place that names them to people: the documents
(`kormo.documents.render.labels`), the notices of the services and the reminders. Pure: no
Django, no gettext (page chrome is gettext's; these words are data shared with documents,
e-mails and the API). Official names as the forms print them (DOMAIN.md glossary).
"""

from __future__ import annotations

from typing import Literal

from kormo.domain.digits import to_bengali_digits
from kormo.domain.plan import PlanKind, Tier

Lang = Literal["bn", "en"]

KINDS: dict[PlanKind, tuple[str, str]] = {
    PlanKind.APA: ("বার্ষিক কর্মসম্পাদন চুক্তি", "Annual Performance Agreement"),
    PlanKind.INTEGRITY: ("জাতীয় শুদ্ধাচার কৌশল কর্মপরিকল্পনা",
                         "National Integrity Strategy action plan"),
    PlanKind.EGOV_INNOVATION: ("ই-গভর্ন্যান্স ও উদ্ভাবন কর্মপরিকল্পনা",
                               "E-governance and innovation action plan"),
    PlanKind.GRIEVANCE_REDRESS: ("অভিযোগ প্রতিকার ব্যবস্থা সংক্রান্ত কর্মপরিকল্পনা",
                                 "Grievance redress system action plan"),
    PlanKind.CITIZENS_CHARTER: ("সেবা প্রদান প্রতিশ্রুতি বিষয়ক কর্মপরিকল্পনা",
                                "Citizen's charter action plan"),
    PlanKind.RIGHT_TO_INFORMATION: ("তথ্য অধিকার বিষয়ক কর্মপরিকল্পনা",
                                    "Right to information action plan"),
    PlanKind.INNOVATION_WORK_PLAN: ("ইনোভেশন টিমের বার্ষিক কর্মপরিকল্পনা",
                                    "Innovation team's annual work plan"),
    PlanKind.INNOVATION_REGISTER: ("উদ্ভাবনী ধারণা, সহজিকৃত ও ডিজিটাইজকৃত সেবার ডাটাবেজ",
                                   "Register of innovations and simplified/digitised services"),
}

TIERS: dict[Tier, tuple[str, str]] = {
    Tier.MINISTRY: ("মন্ত্রণালয়", "ministry"),
    Tier.DIRECTORATE: ("অধিদপ্তর", "directorate"),
    Tier.DIVISION: ("বিভাগীয়", "divisional"),
    Tier.DISTRICT: ("জেলা", "district"),
    Tier.UPAZILA: ("উপজেলা", "upazila"),
    Tier.INSTITUTION: ("প্রতিষ্ঠান", "institution"),
}

# A report of a period (the values of `progress.models.ReportPeriod`): DOMAIN.md "Calendar".
PERIODS: dict[str, tuple[str, str]] = {
    "Q1": ("১ম কোয়ার্টারের প্রতিবেদন", "first-quarter report"),
    "Q2": ("২য় কোয়ার্টারের (অর্ধবার্ষিক স্ব-মূল্যায়ন) প্রতিবেদন",
           "second-quarter (half-yearly self-assessment) report"),
    "Q3": ("৩য় কোয়ার্টারের প্রতিবেদন", "third-quarter report"),
    "Q4": ("৪র্থ কোয়ার্টারের প্রতিবেদন", "fourth-quarter report"),
    "year": ("বছর শেষের মূল্যায়ন", "year-end evaluation"),
}

LATE: tuple[str, str] = ("দেরিতে", "late")  # as the pages say it


def _pick(pair: tuple[str, str], lang: str) -> str:
    if lang not in ("bn", "en"):
        raise ValueError(f"lang must be 'bn' or 'en', not {lang!r}")
    return pair[0] if lang == "bn" else pair[1]


def kind_name(kind: PlanKind, lang: str = "bn") -> str:
    return _pick(KINDS[kind], lang)


def tier_name(tier: Tier, lang: str = "bn") -> str:
    return _pick(TIERS[tier], lang)


def period_name(period: str, lang: str = "bn") -> str:
    """A report's period ("Q1" … "Q4", "year") as notices and reminders name it."""
    return _pick(PERIODS[str(period)], lang)


def late_word(lang: str = "bn") -> str:
    return _pick(LATE, lang)


def notice_words(*, office: str, office_en: str, kind: str, fiscal_year: str,
                 period: str | None = None) -> tuple[str, str]:
    """How every notice and reminder names a plan, and a report of it: (Bengali, English).

    "<office>: <plan kind> <fiscal year>", then ": <report period>" when the notice is about a
    report; the Bengali with Bengali digits, the English with the office's English name
    (`office_en`, or the Bengali one when it has none). The services, the reminders and the
    agreement's transitions all start their texts with these words, so a person reads one
    format whatever sent it. A kind outside the catalogue (a row older than the enum) is named
    by its code rather than failing a notice.
    """
    try:
        kind_bn, kind_en = KINDS[PlanKind(kind)]
    except ValueError:
        kind_bn = kind_en = str(kind)
    bn = f"{office}: {kind_bn} {to_bengali_digits(fiscal_year)}"
    en = f"{office_en or office}: {kind_en} {fiscal_year}"
    if period is not None:
        bn, en = f"{bn}: {period_name(period, 'bn')}", f"{en}: {period_name(period, 'en')}"
    return bn, en
