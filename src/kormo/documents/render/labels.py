"""Every fixed word the documents print, in Bengali (the default) and English.

One catalogue so that a heading is worded the same in the PDF, the DOCX and the XLSX, and so
that a translation is a change of one line. The Bengali follows the official forms (seed 000,
001, 002 of shared/seeds): "কর্মসম্পাদনের ক্ষেত্র", "লক্ষ্যমাত্রা/নির্ণায়ক", "প্রক্ষেপণ" and so on.
Text taken from a plan (names, commitments, remarks) is data and is never translated.

Entries may hold `{name}` fields, filled by `label(key, lang, name=...)`.
"""

from __future__ import annotations

from kormo.domain import words
from kormo.domain.plan import CalculationMethod, PlanKind, Tier, Unit

LANGS = ("bn", "en")

_LABELS: dict[str, tuple[str, str]] = {
    # cover, contents
    "government": ("গণপ্রজাতন্ত্রী বাংলাদেশ সরকার", "Government of the People's Republic of Bangladesh"),
    "apa": ("বার্ষিক কর্মসম্পাদন চুক্তি", "Annual Performance Agreement"),
    "and": ("এবং", "and"),
    "between": ("", "between"),
    "signed_between_suffix": ("-এর মধ্যে স্বাক্ষরিত", ""),
    "contents": ("সূচিপত্র", "Contents"),
    "page": ("পৃষ্ঠা", "Page"),
    "fiscal_year": ("অর্থবছর", "Fiscal year"),
    "office": ("অফিস", "Office"),
    # The forms' own words above an action plan's table ("দপ্তর/সংস্থার নাম: …"), which the
    # importer reads the office from.
    "office_name": ("দপ্তর/সংস্থার নাম", "Office name"),
    "period": ("সময়কাল", "Period"),
    # overview
    "overview": ("{who} কর্মসম্পাদনের সার্বিক চিত্র (Overview of the Performance)",
                 "Overview of the Performance of the {who}"),
    "overview_sub": ("সাম্প্রতিক অর্জন, চ্যালেঞ্জ এবং ভবিষ্যৎ পরিকল্পনা",
                     "Recent achievements, challenges and future plans"),
    "recent_achievements": ("সাম্প্রতিক বছরসমূহের (৩ বছর) প্রধান অর্জনসমূহ:",
                            "Main achievements of recent years (3 years):"),
    "challenges": ("সমস্যা এবং চ্যালেঞ্জসমূহ:", "Problems and challenges:"),
    "future_plans": ("ভবিষ্যৎ পরিকল্পনা:", "Future plans:"),
    "expected_achievements": ("{fy} অর্থবছরের সম্ভাব্য প্রধান অর্জনসমূহ:",
                              "Expected main achievements of fiscal year {fy}:"),
    # preamble
    "preamble": ("প্রস্তাবনা (Preamble)", "Preamble"),
    "preamble_text": (
        "মন্ত্রণালয়/বিভাগসমূহ এবং আওতাধীন দপ্তর/সংস্থাসমূহের প্রাতিষ্ঠানিক দক্ষতা বৃদ্ধি, স্বচ্ছতা ও "
        "জবাবদিহি জোরদার করা, সুশাসন সংহতকরণ এবং সম্পদের যথাযথ ব্যবহার নিশ্চিতকরণের মাধ্যমে "
        "রূপকল্প ২০৪১ এর যথাযথ বাস্তবায়নের লক্ষ্যে-",
        "To raise the institutional efficiency of ministries, divisions and their subordinate "
        "offices, strengthen transparency and accountability, consolidate good governance and "
        "ensure the proper use of resources, so that Vision 2041 is properly implemented -",
    ),
    "preamble_signed": ("-এর মধ্যে {when} এই বার্ষিক কর্মসম্পাদন চুক্তি স্বাক্ষরিত হল।",
                        "signed this Annual Performance Agreement {when}."),
    "preamble_when": ("{year} সালের {month} মাসের {day} তারিখে", "on {month} {day}, {year}"),
    "preamble_agree": ("এই চুক্তিতে স্বাক্ষরকারী উভয়পক্ষ নিম্নলিখিত বিষয়সমূহে সম্মত হলেন:",
                       "Both parties signing this agreement agree to the following:"),
    # section 1
    "section": ("সেকশন {n}", "Section {n}"),
    "section1_title": ("{who} রূপকল্প (Vision), অভিলক্ষ্য (Mission), কর্মসম্পাদনের ক্ষেত্র এবং কার্যাবলি",
                       "Vision, Mission, Areas of Performance and Functions of the {who}"),
    "vision": ("রূপকল্প (Vision)", "Vision"),
    "mission": ("অভিলক্ষ্য (Mission)", "Mission"),
    "areas": ("কর্মসম্পাদনের ক্ষেত্র", "Areas of performance"),
    "office_areas_of": ("{who} কর্মসম্পাদনের ক্ষেত্র", "Areas of performance of the {who}"),
    "governance_areas": ("সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্র",
                         "Areas of good governance and reform"),
    "functions": ("কার্যাবলি (Functions)", "Functions"),
    # section 2
    "section2_title": ("{who} বিভিন্ন কার্যক্রমের চূড়ান্ত ফলাফল/প্রভাব (Outcome/Impact)",
                       "Outcomes/Impact of the activities of the {who}"),
    "outcome": ("চূড়ান্ত ফলাফল/প্রভাব", "Outcome/impact"),
    "indicators": ("কর্মসম্পাদন সূচকসমূহ", "Performance indicators"),
    "unit": ("একক", "Unit"),
    "actual": ("প্রকৃত অর্জন {fy}", "Actual {fy}"),
    "target_fy": ("লক্ষ্যমাত্রা {fy}", "Target {fy}"),
    "projection": ("প্রক্ষেপণ", "Projection"),
    "projection_fy": ("প্রক্ষেপণ {fy}", "Projection {fy}"),
    "joint_responsibility": (
        "নির্ধারিত লক্ষ্যমাত্রা অর্জনের ক্ষেত্রে যৌথভাবে দায়িত্বপ্রাপ্ত মন্ত্রণালয়/বিভাগ/ সংস্থাসমূহের নাম",
        "Ministries/divisions/agencies jointly responsible for the target"),
    "data_source": ("উপাত্তসূত্র", "Source of data"),
    "provisional_note": ("*সাময়িক (provisional) তথ্য", "*Provisional figures"),
    # section 3
    "section3_title": ("কর্মসম্পাদন পরিকল্পনা", "Performance plan"),
    "area": ("কর্মসম্পাদনের ক্ষেত্র", "Area of performance"),
    "area_weight": ("কর্মসম্পাদনের ক্ষেত্রের মান", "Weight of area"),
    "weight": ("মান", "Weight"),
    "activity": ("কার্যক্রম", "Activity"),
    "activity_name": ("কার্যক্রমের নাম", "Activity"),
    "indicator": ("কর্মসম্পাদন সূচক", "Performance indicator"),
    "calculation_method": ("গণনা পদ্ধতি", "Calculation method"),
    "indicator_weight": ("কর্মসম্পাদন সূচকের মান", "Weight of indicator"),
    "indicator_weight_short": ("সূচকের মান", "Weight"),
    "levels_fy": ("লক্ষ্যমাত্রা/নির্ণায়ক {fy}", "Target/criteria value {fy}"),
    "office_area_group": ("এপিএ স্বাক্ষরকারী অফিসের কর্মসম্পাদনের ক্ষেত্র",
                          "Areas of performance of the signing office"),
    "governance_area_group": ("সুশাসন ও সংস্কারমূলক কর্মসম্পাদনের ক্ষেত্র",
                              "Areas of good governance and reform"),
    # commitments, signatures
    "commitments": ("অঙ্গীকার", "Commitments"),
    "signed": ("স্বাক্ষরিত:", "Signed:"),
    "date": ("তারিখ", "Date"),
    "name": ("নাম", "Name"),
    "post": ("পদবি", "Post"),
    # annexes
    "annex": ("সংযোজনী {n}", "Annex {n}"),
    "annex1_title": ("শব্দসংক্ষেপ (Acronyms)", "Acronyms"),
    "serial": ("ক্রমিক নম্বর", "No."),
    "serial_kram": ("ক্রম", "No."),
    "action_area": ("কার্যক্রমের ক্ষেত্র", "Area of activity"),
    "action_area_weight": ("মান", "Weight"),
    "action_levels_fy": ("লক্ষ্যমাত্রা {fy}", "Target {fy}"),
    "acronym": ("শব্দসংক্ষেপ (Acronyms)", "Acronym"),
    "meaning": ("বিবরণ", "Meaning"),
    "annex2_title": ("কর্মসম্পাদন ব্যবস্থাপনা ও প্রমাণক", "Performance management and evidence"),
    "implementing_unit": ("বাস্তবায়নকারী অনুবিভাগ, অধিশাখা, শাখা", "Implementing wing/branch/section"),
    "evidence": ("লক্ষ্যমাত্রা অর্জনের প্রমাণক", "Evidence of achieving the target"),
    "annex3_title": ("অন্য অফিসের সঙ্গে সংশ্লিষ্ট কর্মসম্পাদন সূচকসমূহ",
                     "Performance indicators that involve other offices"),
    "related_offices": ("যেসকল অফিসের সাথে সংশ্লিষ্ট", "Offices involved"),
    "coordination": ("সংশ্লিষ্ট অফিসের সাথে কার্যক্রম সমন্বয়ের কৌশল",
                     "Strategy for coordinating with those offices"),
    "annex4_8_title": ("সংস্কার ও সুশাসনমূলক কার্যক্রমের বাস্তবায়ন সংক্রান্ত কর্মপরিকল্পনাসমূহ",
                       "Action plans for implementing reform and good-governance activities"),
    # An annex kept in another file is attached by reference, as offices write it (item 13).
    "annex_missing": ("আলাদাভাবে সংযুক্ত", "Attached separately"),
    "none_given": ("(নেই)", "(none)"),
    # action plans: quarterly monitoring (seeds 001, 002)
    "responsible": ("বাস্তবায়নের দায়িত্বপ্রাপ্ত ব্যক্তি/পদ", "Responsible person/post"),
    "annual_target_fy": ("{fy} অর্থবছরের লক্ষ্যমাত্রা", "Target for {fy}"),
    "monitoring_fy": ("বাস্তবায়ন অগ্রগতি পরিবীক্ষণ, {fy}", "Implementation progress monitoring, {fy}"),
    "target_or_achievement": ("লক্ষ্যমাত্রা/ অর্জন", "Target/ achievement"),
    "target": ("লক্ষ্যমাত্রা", "Target"),
    "achievement": ("অর্জন", "Achievement"),
    "total_achievement": ("মোট অর্জন", "Total achievement"),
    "score_obtained": ("অর্জিত মান", "Score obtained"),
    "remarks": ("মন্তব্য", "Remarks"),
    "notes": ("টীকা", "Notes"),
    "choose_at_least": ("কমপক্ষে {n}টি কার্যক্রম নির্বাচন করতে হবে", "choose at least {n} activities"),
    "not_applicable_tiers": ("{tiers} পর্যায়ের কার্যালয়ের ক্ষেত্রে প্রযোজ্য নয়",
                             "not applicable to {tiers} offices"),
    # progress and evaluation reports
    "progress_title": ("{quarter} অগ্রগতি প্রতিবেদন", "Progress report, {quarter}"),
    "progress_through": ("{quarter} পর্যন্ত অর্জন", "Achievement up to {quarter}"),
    "achievement_so_far": ("এ পর্যন্ত অর্জন", "Achievement so far"),
    "achievement_rate": ("অর্জনের হার", "Achievement rate"),
    "score_so_far": ("এ পর্যন্ত প্রাপ্ত নম্বর", "Score so far"),
    "score": ("প্রাপ্ত নম্বর", "Score"),
    "maximum": ("সর্বোচ্চ নম্বর", "Maximum"),
    "status": ("অবস্থা", "Status"),
    "evidence_short": ("প্রমাণক", "Evidence"),
    "evaluation_title": ("বার্ষিক মূল্যায়ন প্রতিবেদন {fy}", "Year-end evaluation report {fy}"),
    "annual_achievement": ("বার্ষিক অর্জন", "Annual achievement"),
    "area_total": ("ক্ষেত্রের মোট", "Area total"),
    "total": ("সর্বমোট", "Total"),
    "summary": ("সারসংক্ষেপ", "Summary"),
    "plan": ("পরিকল্পনা", "Plan"),
    "percent": ("শতকরা হার", "Percent"),
    "total_score_line": ("মোট প্রাপ্ত নম্বর: {score} / {maximum} ({percent})",
                         "Total score: {score} / {maximum} ({percent})"),
    "full_marks_line": ("{count}টি সূচকের মধ্যে {full}টিতে শতভাগ অর্জন",
                        "{full} of {count} indicators at 100 %"),
    "rating_line": ("মানদণ্ড (অনানুষ্ঠানিক, কেবল তথ্যের জন্য): {rating}",
                    "Band (unofficial, for information only): {rating}"),
    "rule_set_line": ("প্রযুক্ত নিয়মাবলি: {name}", "Rule set applied: {name}"),
    "linked_plan": ("কর্মপরিকল্পনা থেকে", "from the action plan"),
    # innovation work plan and register (seeds 003, 004)
    "work_plan_term": ("কর্ম পরিকল্পনা", "Term"),
    "serial_short": ("ক্রমিক নং", "No."),
    "subject": ("বিষয়", "Subject"),
    "implementation_plan": ("বাস্তবায়ন পরিকল্পনা", "Implementation plan"),
    "quantity": ("সংখ্যা", "Quantity"),
    "implementation_period": ("বাস্তবায়নকাল", "Period"),
    "register_name": ("ইতঃপূর্বে বাস্তবায়িত উদ্ভাবনী ধারণা, সহজিকৃত ও ডিজিটাইজকৃত সেবা/আইডিয়ার নাম",
                      "Innovation, simplified or digitised service/idea implemented earlier"),
    "register_description": ("সেবা/আইডিয়ার সংক্ষিপ্ত বিবরণ", "Short description"),
    "register_working": ("সেবা/আইডিয়াটি কার্যকর আছে কি-না/ না থাকলে কারণ",
                         "Working? If not, why"),
    "register_result": ("সেবা গ্রহীতাগণ প্রত্যাশিত ফলাফল পাচ্ছে কি-না",
                        "Do recipients get the expected result?"),
    "register_link": ("সেবার লিংক", "Link"),
    "register_order": ("সরকারি আদেশের তারিখ", "Date of the government order"),
    "yes_working": ("আছে", "Yes"),
    "not_working": ("নেই", "No"),
    "yes_result": ("পাচ্ছে", "Yes"),
    "no_result": ("পাচ্ছে না", "No"),
    # sheet names and the spreadsheet's first sheet
    "document_sheet": ("নথি", "Document"),
}

# Plan kinds and tiers: the domain's one catalogue (kormo.domain.words).
_KINDS = words.KINDS

_UNITS: dict[Unit, tuple[str, str]] = {
    Unit.COUNT: ("সংখ্যা", "count"),
    Unit.PERCENT: ("%", "%"),
    Unit.DATE: ("তারিখ", "date"),
    Unit.MARKS: ("প্রাপ্ত নম্বর", "marks"),
    Unit.LAKH_TAKA: ("লক্ষ টাকা", "lakh taka"),
    Unit.TAKA: ("টাকা", "taka"),
    Unit.PERSONS: ("জন", "persons"),
    Unit.ITEMS: ("টি", "items"),
}

_METHODS: dict[CalculationMethod, tuple[str, str]] = {
    CalculationMethod.SUM: ("সমষ্টি", "Sum"),
    CalculationMethod.AVERAGE: ("গড়", "Average"),
    CalculationMethod.CUMULATIVE: ("ক্রমপুঞ্জিভূত", "Cumulative"),
    CalculationMethod.DATE: ("তারিখ", "Date"),
}

# The five levels, best first, with the names the forms print (DOMAIN.md glossary).
_LEVELS: dict[int, tuple[str, str]] = {
    100: ("অসাধারণ", "Excellent"),
    90: ("অতি উত্তম", "Very good"),
    80: ("উত্তম", "Good"),
    70: ("চলতি মান", "Fair"),
    60: ("চলতি মানের নিম্নে", "Poor"),
}

# scoring.rating() names → the same words (shown only as a secondary, unofficial band).
_RATINGS: dict[str, tuple[str, str]] = {
    "excellent": _LEVELS[100],
    "very_good": _LEVELS[90],
    "good": _LEVELS[80],
    "fair": _LEVELS[70],
    "poor": _LEVELS[60],
    # Nothing reported yet: no band (issue 12 rule 7).
    "not_rated": ("এখনো মূল্যায়িত হয়নি", "not yet rated"),
}

# scoring.Status values → how a report shows an indicator that has no score.
_STATUSES: dict[str, tuple[str, str]] = {
    "scored": ("", ""),
    "not_reported": ("প্রতিবেদন নেই", "not reported"),
    "not_applicable": ("প্রযোজ্য নয়", "not applicable"),
    "no_target": ("লক্ষ্যমাত্রা নেই", "no target"),
    "fallback_unused": ("বিকল্প সূচক: গণনায় নেই", "fallback: not counted"),
    "plan_missing": ("কর্মপরিকল্পনা পাওয়া যায়নি", "action plan not found"),
}

_TERMS: dict[str, tuple[str, str]] = {
    "short": ("স্বল্প মেয়াদী", "Short term"),
    "medium": ("মধ্য মেয়াদী", "Medium term"),
    "long": ("দীর্ঘমেয়াদী", "Long term"),
    "other": ("অন্যান্য", "Other"),
}

# "জেলা / সার্কেল অফিসের" in seed 000: the office's tier names the office in headings.
_OFFICE_NOUNS: dict[Tier | None, tuple[str, str]] = {
    Tier.MINISTRY: ("মন্ত্রণালয়/বিভাগের", "Ministry/Division"),
    Tier.DIRECTORATE: ("দপ্তর/সংস্থার", "Department/Agency"),
    Tier.DIVISION: ("বিভাগীয় অফিসের", "Divisional Office"),
    Tier.DISTRICT: ("জেলা / সার্কেল অফিসের", "District/Circle Office"),
    Tier.UPAZILA: ("উপজেলা অফিসের", "Upazila Office"),
    Tier.INSTITUTION: ("প্রতিষ্ঠানের", "Institution"),
    None: ("অফিসের", "Office"),
}

_TIER_NAMES = words.TIERS


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be 'bn' or 'en', not {lang!r}")
    return lang


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if check_lang(lang) == "bn" else pair[1]


def label(key: str, lang: str = "bn", **fields: str) -> str:
    """The catalogue entry `key` in `lang`, with its `{fields}` filled."""
    text = _pick(_LABELS[key], lang)
    return text.format(**fields) if fields else text


def kind_name(kind: PlanKind, lang: str = "bn") -> str:
    return _pick(_KINDS[kind], lang)


# Sheet names of the XLSX (Excel allows 31 characters): short and whole, never a title cut
# mid-phrase (issue 12, item 15).
_SHEETS: dict[PlanKind, tuple[str, str]] = {
    PlanKind.APA: ("বার্ষিক কর্মসম্পাদন চুক্তি", "Annual performance agreement"),
    PlanKind.INTEGRITY: ("শুদ্ধাচার কর্মপরিকল্পনা", "Integrity plan"),
    PlanKind.EGOV_INNOVATION: ("ই-গভর্ন্যান্স ও উদ্ভাবন", "E-governance and innovation"),
    PlanKind.GRIEVANCE_REDRESS: ("অভিযোগ প্রতিকার", "Grievance redress"),
    PlanKind.CITIZENS_CHARTER: ("সেবা প্রদান প্রতিশ্রুতি", "Citizen's charter"),
    PlanKind.RIGHT_TO_INFORMATION: ("তথ্য অধিকার", "Right to information"),
    PlanKind.INNOVATION_WORK_PLAN: ("ইনোভেশন টিমের কর্মপরিকল্পনা", "Innovation work plan"),
    PlanKind.INNOVATION_REGISTER: ("উদ্ভাবন ও সেবার ডাটাবেজ", "Innovations register"),
}


def sheet_title(kind: PlanKind, lang: str = "bn") -> str:
    return _pick(_SHEETS[kind], lang)


def unit_name(unit: Unit, lang: str = "bn", unit_label: str = "") -> str:
    """The unit as printed: the document's own words in Bengali where it has them."""
    if lang == "bn" and unit_label:
        return unit_label
    return _pick(_UNITS[unit], lang)


def method_name(method: CalculationMethod | None, lang: str = "bn") -> str:
    return _pick(_METHODS[method], lang) if method is not None else ""


def level_name(percent: int, lang: str = "bn") -> str:
    return _pick(_LEVELS[percent], lang)


def rating_name(rating: str, lang: str = "bn") -> str:
    return _pick(_RATINGS[rating], lang)


def status_name(status: str, lang: str = "bn") -> str:
    return _pick(_STATUSES[status], lang)


def term_name(term: str, lang: str = "bn") -> str:
    return _pick(_TERMS[term], lang) if term in _TERMS else term


def office_noun(tier: Tier | None, lang: str = "bn") -> str:
    return _pick(_OFFICE_NOUNS.get(tier, _OFFICE_NOUNS[None]), lang)


def tier_name(tier: Tier, lang: str = "bn") -> str:
    return _pick(_TIER_NAMES[tier], lang)
