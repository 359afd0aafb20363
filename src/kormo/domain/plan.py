"""The plan model: every part of an APA, an action plan, a work plan or a register.

Frozen dataclasses only, with a few simple derived values; rules live in `scoring` and
`validation`. Names follow the glossary of DOMAIN.md. Numbers of areas, activities and
indicators are kept as Latin-digit strings ("1.1.1"); they are shown with Bengali digits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from kormo.domain.values import Value


class PlanKind(StrEnum):
    APA = "apa"
    INTEGRITY = "integrity"  # শুদ্ধাচার (NIS) action plan
    EGOV_INNOVATION = "egov_innovation"  # ই-গভর্ন্যান্স ও উদ্ভাবন
    GRIEVANCE_REDRESS = "grievance_redress"  # অভিযোগ প্রতিকার (GRS)
    CITIZENS_CHARTER = "citizens_charter"  # সেবা প্রদান প্রতিশ্রুতি
    RIGHT_TO_INFORMATION = "right_to_information"  # তথ্য অধিকার
    INNOVATION_WORK_PLAN = "innovation_work_plan"  # ইনোভেশন টিমের বার্ষিক কর্মপরিকল্পনা
    INNOVATION_REGISTER = "innovation_register"  # উদ্ভাবনী ধারণা/সহজীকৃত সেবার ডাটাবেজ

    @property
    def is_action_plan(self) -> bool:
        return self in ACTION_PLAN_KINDS


ACTION_PLAN_KINDS = frozenset(
    {
        PlanKind.INTEGRITY,
        PlanKind.EGOV_INNOVATION,
        PlanKind.GRIEVANCE_REDRESS,
        PlanKind.CITIZENS_CHARTER,
        PlanKind.RIGHT_TO_INFORMATION,
    }
)


class Tier(StrEnum):
    """Tiers of office, top to bottom."""

    MINISTRY = "ministry"  # মন্ত্রণালয়/বিভাগ
    DIRECTORATE = "directorate"  # অধিদপ্তর/সংস্থা
    DIVISION = "division"  # বিভাগীয় কার্যালয়
    DISTRICT = "district"  # জেলা কার্যালয়
    UPAZILA = "upazila"  # উপজেলা কার্যালয়
    INSTITUTION = "institution"  # প্রতিষ্ঠান


class CalculationMethod(StrEnum):
    """গণনা পদ্ধতি (DOMAIN.md glossary)."""

    SUM = "sum"  # সমষ্টি
    AVERAGE = "average"  # গড়
    CUMULATIVE = "cumulative"  # ক্রমপুঞ্জিভূত
    DATE = "date"  # তারিখ


class Unit(StrEnum):
    """একক. `unit_label` on the indicator keeps the document's own words."""

    COUNT = "count"  # সংখ্যা
    PERCENT = "percent"  # %
    DATE = "date"  # তারিখ
    MARKS = "marks"  # প্রাপ্ত নম্বর
    LAKH_TAKA = "lakh_taka"  # লক্ষ টাকা
    TAKA = "taka"  # টাকা
    PERSONS = "persons"  # জন
    ITEMS = "items"  # টি


class AreaKind(StrEnum):
    OFFICE = "office"  # the signing office's own areas
    GOVERNANCE = "governance"  # সুশাসন ও সংস্কারমূলক (mandatory)


class Quarter(StrEnum):
    Q1 = "Q1"
    Q2 = "Q2"
    Q3 = "Q3"
    Q4 = "Q4"


LEVEL_PERCENTS: tuple[int, ...] = (100, 90, 80, 70, 60)


@dataclass(frozen=True, slots=True)
class TargetLevels:
    """The five target levels, best first (DOMAIN.md, Scoring §2). Any may be blank."""

    v100: Value | None = None
    v90: Value | None = None
    v80: Value | None = None
    v70: Value | None = None
    v60: Value | None = None

    def as_pairs(self) -> tuple[tuple[int, Value | None], ...]:
        # Written out: scoring calls this for every indicator of a national recompute.
        return ((100, self.v100), (90, self.v90), (80, self.v80), (70, self.v70),
                (60, self.v60))

    def is_empty(self) -> bool:
        return (self.v100 is None and self.v90 is None and self.v80 is None
                and self.v70 is None and self.v60 is None)


@dataclass(frozen=True, slots=True)
class YearValue:
    """A value tied to a fiscal year: a past actual or a projection."""

    fiscal_year: str  # "2020-21"
    value: Value | None
    provisional: bool = False  # the * mark: সাময়িক (provisional) figure


@dataclass(frozen=True, slots=True)
class Dependency:
    """Annex 3: an indicator that depends on other offices, and how to coordinate.

    The annex names the activity and indicator in its own words, which may differ from
    section 3; they are kept as written.
    """

    offices: str
    strategy: str
    activity_text: str = ""
    indicator_text: str = ""


@dataclass(frozen=True, slots=True)
class Indicator:
    number: str  # "1.1.1"
    name: str
    unit: Unit
    weight: Decimal | None = None
    unit_label: str = ""  # the document's own unit words, e.g. "জন", "টি দপ্তর"
    calculation_method: CalculationMethod | None = None
    actuals: tuple[YearValue, ...] = ()
    levels: TargetLevels = field(default_factory=TargetLevels)
    annual_target: Value | None = None  # single-target action plans (seeds 001, 002)
    quarterly_targets: tuple[tuple[Quarter, Value], ...] = ()
    projections: tuple[YearValue, ...] = ()
    responsible: str = ""  # বাস্তবায়নের দায়িত্বপ্রাপ্ত ব্যক্তি/পদ
    implementing_unit: str = ""  # annex 2
    evidence: str = ""  # annex 2: লক্ষ্যমাত্রা অর্জনের প্রমাণক
    dependency: Dependency | None = None  # annex 3
    feeds_from: PlanKind | None = None  # governance indicator fed by this action plan's score
    fallback_for: str | None = None  # counts only when the named indicator cannot (Scoring §8)
    derivation: str | None = None  # name of a formula computing it from inputs (e-Nothi rate)
    remarks: str = ""

    def quarterly_target(self, quarter: Quarter) -> Value | None:
        for q, v in self.quarterly_targets:
            if q == quarter:
                return v
        return None


@dataclass(frozen=True, slots=True)
class Activity:
    number: str  # "1.1"
    name: str
    indicators: tuple[Indicator, ...] = ()
    not_applicable_tiers: tuple[Tier, ...] = ()  # "উপজেলা পর্যায়ের কার্যালয়ের ক্ষেত্রে প্রযোজ্য হবে না"
    remarks: str = ""


@dataclass(frozen=True, slots=True)
class Area:
    number: str  # "1"
    name: str
    weight: Decimal | None
    kind: AreaKind = AreaKind.OFFICE
    activities: tuple[Activity, ...] = ()
    choose_at_least: int | None = None  # "at least N activities chosen from a list"
    note: str = ""

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for a in self.activities for i in a.indicators)


@dataclass(frozen=True, slots=True)
class Party:
    """A signing party: a post at an office (the preamble, the signature block)."""

    post: str
    office: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Signature:
    party: Party
    signed_on: dt.date | None = None
    role: str = ""  # "office" | "supervisor" | free text


@dataclass(frozen=True, slots=True)
class Overview:
    """The overview page: recent achievements, challenges, future plans, expected results."""

    achievements: str = ""
    challenges: str = ""
    future_plans: str = ""
    expected_achievements: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """Section 2: one outcome/impact row."""

    outcome: str
    indicator: str
    unit: Unit
    unit_label: str = ""
    actuals: tuple[YearValue, ...] = ()
    target: Value | None = None
    projections: tuple[YearValue, ...] = ()
    joint_responsibility: str = ""
    data_source: str = ""


@dataclass(frozen=True, slots=True)
class Acronym:
    short: str
    meaning: str


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity as work plans write it: "৭০ টি দপ্তর", "৬×২০=১২০ জন"."""

    value: Decimal | None
    unit_label: str = ""
    expression: str = ""  # the working, e.g. "6×20"
    text: str = ""  # the cell as written


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One item of an innovation team's work plan (seed 003)."""

    term: str  # "short" | "medium" | "long" | "other"
    number: str
    subject: str
    plan: str = ""
    actions: tuple[str, ...] = ()  # bullet lists of ongoing work
    quantity: Quantity | None = None
    period: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """One earlier innovation or digitised service (seed 004's register)."""

    number: str
    name: str
    description: str = ""
    working: bool | None = None
    not_working_reason: str = ""
    recipients_get_result: bool | None = None
    link: str = ""
    order_date: dt.date | None = None  # date of the government order (সরকারি আদেশ)
    remarks: str = ""


@dataclass(frozen=True, slots=True)
class ProgressValue:
    """An achievement for one indicator in one quarter (cumulative methods: value so far)."""

    indicator: str  # the indicator's reference: "1.1.1", or "G1.1.1" in the governance area
    quarter: Quarter
    value: Value | None
    evidence: tuple[str, ...] = ()
    remarks: str = ""
    inputs: tuple[tuple[str, Decimal], ...] = ()  # inputs of a derived indicator
    published_score: Decimal | None = None  # a score typed in the source (Scoring §7)


@dataclass(frozen=True, slots=True)
class SourceNote:
    """Where the source document is damaged or doubtful: the place and what was kept."""

    place: str
    note: str


@dataclass(frozen=True, slots=True)
class Plan:
    kind: PlanKind
    fiscal_year: str  # "2022-23"; work plans of a calendar year use "2017"
    office: str
    title: str = ""
    # The line the form prints under its title ("মাঠ (জেলা) পর্যায়ের অফিসের জন্য", "২য় ত্রৈমাসিক
    # অগ্রগতি প্রতিবেদন (অক্টোবর-ডিসেম্বর, ২০২২)"): part of the header, not a note.
    subtitle: str = ""
    id: str = ""  # stable identifier within a plan file, e.g. "rangpur-ict-apa-2022-23"
    office_tier: Tier | None = None
    supervisor: str = ""
    parent: str = ""  # id of the plan this action plan is an annex of
    total_weight: Decimal | None = None
    overview: Overview | None = None
    preamble_parties: tuple[Party, ...] = ()
    preamble: str = ""  # the preamble's wording as printed (its date may be left blank)
    vision: str = ""
    mission: str = ""
    functions: tuple[str, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    areas: tuple[Area, ...] = ()
    acronyms: tuple[Acronym, ...] = ()
    commitments: tuple[str, ...] = ()
    signatures: tuple[Signature, ...] = ()
    work_items: tuple[WorkItem, ...] = ()
    register: tuple[RegisterEntry, ...] = ()
    progress: tuple[ProgressValue, ...] = ()
    notes: tuple[str, ...] = ()
    source_notes: tuple[SourceNote, ...] = ()

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for a in self.areas for i in a.indicators)

    def indicator_refs(self) -> dict[str, Indicator]:
        """Every indicator by its reference (see `indicator_ref`), in document order."""
        return {indicator_ref(a, i): i for a in self.areas for i in a.indicators}

    def indicator(self, ref: str) -> Indicator | None:
        return self.indicator_refs().get(ref)


def indicator_ref(area: Area, indicator: Indicator) -> str:
    """A plan-wide key for an indicator.

    The APA numbers its governance area from [1] again (seed 000: office [1.1.1] and governance
    [1.1.1] both exist), so governance indicators are referred to as "G1.1.1".
    """
    return ("G" if area.kind is AreaKind.GOVERNANCE else "") + indicator.number
