"""The plan tree as tables: one table per part of `kormo.domain.plan.Plan`.

Why tables and not a JSON blob: plans must be queried by office, fiscal year, kind, area and
indicator (e.g. every governance indicator of the district offices in 2022-23). Each domain
dataclass maps to a table here; ordered tuples keep their order in a `position` column; typed
cell values use the four columns of `kormo.plans.values`. `kormo.plans.convert` turns a whole
plan into rows and back, and is the only code that should write these tables directly. A plan's
progress is not here: it lives once, in `kormo.progress.models.ReportedValue`.

Data and constraints only (HackSoft): no business logic in `save()`, no signals; rules live in
`kormo.domain`, writes in `convert` and services.
"""

from __future__ import annotations

from enum import StrEnum

from django.conf import settings
from django.db import models

from kormo.domain.plan import AreaKind, CalculationMethod, PlanKind, Quarter, Unit
from kormo.offices.models import TIER_CHOICES, Office
from kormo.plans.values import decimal_field, typed_value_check, typed_value_fields

NUMBER_MAX_LENGTH = 50  # "1.1.1"; generous for the numbering of damaged documents
REF_MAX_LENGTH = NUMBER_MAX_LENGTH + 1  # "G" + number (kormo.domain.plan.indicator_ref)
EXTERNAL_ID_MAX_LENGTH = 200


def _choices(enum: type[StrEnum]) -> list[tuple[str, str]]:
    return [(m.value, m.name.replace("_", " ").capitalize()) for m in enum]


PLAN_KIND_CHOICES = _choices(PlanKind)
UNIT_CHOICES = _choices(Unit)
AREA_KIND_CHOICES = _choices(AreaKind)
CALCULATION_METHOD_CHOICES = _choices(CalculationMethod)
QUARTER_CHOICES = [(q.value, q.value) for q in Quarter]


def _position_unique(parent: str, name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=[parent, "position"], name=name)


# ---------------------------------------------------------------- the plan


class PlanState(models.TextChoices):
    """Where a plan stands in its agreement (issue "Agreement"): changed only by services."""

    DRAFT = "draft", "draft"
    SUBMITTED = "submitted", "submitted"
    RETURNED = "returned", "returned with comments"
    APPROVED = "approved", "approved"
    SIGNED = "signed", "signed"


def _user_fk(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


class Plan(models.Model):
    """One plan: an APA, an action plan, an innovation work plan or a register."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="plans")
    kind = models.CharField(max_length=30, choices=PLAN_KIND_CHOICES)
    fiscal_year = models.CharField(
        max_length=7, help_text='"2022-23"; work plans of a calendar year use "2017".'
    )
    external_id = models.CharField(
        max_length=EXTERNAL_ID_MAX_LENGTH,
        blank=True,
        default="",
        help_text='The plan\'s id in its plan file, e.g. "rangpur-ict-apa-2022-23".',
    )
    title = models.TextField(blank=True, default="")
    # The line the form prints under its title (domain Plan.subtitle).
    subtitle = models.TextField(blank=True, default="")
    # The office and its tier as the document writes them (domain Plan.office, .office_tier);
    # `office` is the row they were matched to and may be named differently.
    office_name = models.TextField(blank=True, default="")
    office_tier = models.CharField(max_length=20, choices=TIER_CHOICES, blank=True, default="")
    supervisor = models.TextField(blank=True, default="")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="annexes",
        help_text="The plan (APA) this action plan is an annex of.",
    )
    # Domain Plan.parent, kept even while the parent plan is not (yet) in the database.
    parent_external_id = models.CharField(max_length=EXTERNAL_ID_MAX_LENGTH, blank=True, default="")
    total_weight = decimal_field(null=True, blank=True)
    # The overview page (domain Overview); has_overview tells "no overview" from an empty one.
    has_overview = models.BooleanField(default=False)
    overview_achievements = models.TextField(blank=True, default="")
    overview_challenges = models.TextField(blank=True, default="")
    overview_future_plans = models.TextField(blank=True, default="")
    preamble = models.TextField(blank=True, default="")
    vision = models.TextField(blank=True, default="")
    mission = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # A template of the year (issue "Setting up a year"): a plan owned by the administrator's
    # office, to be copied by the offices of `template_tier` under it.
    is_template = models.BooleanField(default=False)
    template_tier = models.CharField(max_length=20, choices=TIER_CHOICES, blank=True, default="")

    # Agreement and revisions: a signed plan is never edited; a revision is a new row that
    # points at the version it revises, with its reason; only one version is current.
    state = models.CharField(max_length=20, choices=PlanState.choices, default=PlanState.DRAFT)
    revision = models.PositiveIntegerField(default=1)
    revision_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="revisions"
    )
    revision_reason = models.TextField(blank=True, default="")
    is_current = models.BooleanField(default=True)
    # Optimistic concurrency: every saved change increments it; a save that carries an older
    # number is refused instead of overwriting someone else's work.
    lock_version = models.PositiveIntegerField(default=0)
    # Who did what, kept apart (issue "One path for every change").
    created_by = _user_fk("+")
    updated_by = _user_fk("+")
    submitted_by = _user_fk("+")
    approved_by = _user_fk("+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Submitted after the year's plan_submission deadline for the office's tier (judged at the
    # first submission, as a report's lateness is; `kormo.agreements.services.plan_submit`).
    submitted_late = models.BooleanField(default=False)
    approved_at = models.DateTimeField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("fiscal_year", "kind", "pk")
        indexes = (
            models.Index(
                fields=["office", "fiscal_year", "kind"], name="plan_office_year_kind_idx"
            ),
            models.Index(fields=["fiscal_year", "kind"], name="plan_year_kind_idx"),
        )
        constraints = (
            # The backstop of `plans.uniqueness`: two racing requests leave one current plan.
            models.UniqueConstraint(
                fields=["office", "kind", "fiscal_year"],
                condition=models.Q(is_current=True, is_template=False),
                name="plan_one_current_unique",
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.fiscal_year}: {self.office_name or self.office_id}"


class PlanText(models.Model):
    """One item of an ordered list of texts of a plan."""

    class Section(models.TextChoices):
        FUNCTION = "function", "function"  # কার্যাবলি (section 1)
        EXPECTED_ACHIEVEMENT = "expected_achievement", "expected achievement"  # overview page
        COMMITMENT = "commitment", "commitment"  # the signatories' commitments
        NOTE = "note", "note"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="texts")
    section = models.CharField(max_length=30, choices=Section.choices)
    position = models.PositiveIntegerField()
    text = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("plan_id", "section", "position")
        constraints = (
            models.UniqueConstraint(
                fields=["plan", "section", "position"], name="plantext_position_unique"
            ),
        )

    def __str__(self) -> str:
        return self.text[:80]


class Party(models.Model):
    """A party of the preamble, or a signature (domain Party and Signature)."""

    class Section(models.TextChoices):
        PREAMBLE = "preamble", "preamble party"
        SIGNATURE = "signature", "signature"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="parties")
    section = models.CharField(max_length=20, choices=Section.choices)
    position = models.PositiveIntegerField()
    post = models.TextField(blank=True, default="")
    office_name = models.TextField(blank=True, default="")
    name = models.TextField(blank=True, default="")
    signed_on = models.DateField(null=True, blank=True)  # signatures only
    role = models.TextField(blank=True, default="")  # signatures only: "office" | "supervisor"

    class Meta:
        verbose_name_plural = "parties"
        ordering = ("plan_id", "section", "position")
        constraints = (
            models.UniqueConstraint(
                fields=["plan", "section", "position"], name="party_position_unique"
            ),
        )

    def __str__(self) -> str:
        return f"{self.post}, {self.office_name}"


class Outcome(models.Model):
    """Section 2 of an APA: one outcome/impact row."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    position = models.PositiveIntegerField()
    outcome = models.TextField()
    indicator_name = models.TextField()  # domain Outcome.indicator: the outcome's indicator
    unit = models.CharField(max_length=20, choices=UNIT_CHOICES)
    unit_label = models.TextField(blank=True, default="")
    target_kind, target_number, target_date, target_text = typed_value_fields()
    joint_responsibility = models.TextField(blank=True, default="")
    data_source = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("plan_id", "position")
        constraints = (
            _position_unique("plan", "outcome_position_unique"),
            typed_value_check("target", name="outcome_target_typed"),
        )

    def __str__(self) -> str:
        return self.outcome[:80]


class YearValueRole(models.TextChoices):
    ACTUAL = "actual", "actual"  # প্রকৃত অর্জন of an earlier year
    PROJECTION = "projection", "projection"  # প্রক্ষেপণ of a later year


class OutcomeValue(models.Model):
    """A past actual or a projection of an outcome (domain YearValue)."""

    outcome = models.ForeignKey(Outcome, on_delete=models.CASCADE, related_name="values")
    role = models.CharField(max_length=20, choices=YearValueRole.choices)
    position = models.PositiveIntegerField()
    fiscal_year = models.CharField(max_length=7)
    value_kind, value_number, value_date, value_text = typed_value_fields()
    provisional = models.BooleanField(default=False)  # the * mark

    class Meta:
        ordering = ("outcome_id", "role", "position")
        constraints = (
            models.UniqueConstraint(
                fields=["outcome", "role", "position"], name="outcomevalue_position_unique"
            ),
            typed_value_check("value", name="outcomevalue_value_typed"),
        )

    def __str__(self) -> str:
        return f"{self.role} {self.fiscal_year}"


class Acronym(models.Model):
    """Annex 1: an acronym and its meaning."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="acronyms")
    position = models.PositiveIntegerField()
    short = models.TextField()
    meaning = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("plan_id", "position")
        constraints = (_position_unique("plan", "acronym_position_unique"),)

    def __str__(self) -> str:
        return self.short


# ---------------------------------------------------------------- areas, activities, indicators


class Area(models.Model):
    """A performance area [1] (কর্মসম্পাদনের ক্ষেত্র) or a section of an action plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="areas")
    position = models.PositiveIntegerField()
    number = models.CharField(max_length=NUMBER_MAX_LENGTH)
    name = models.TextField()
    weight = decimal_field(null=True, blank=True)
    kind = models.CharField(max_length=20, choices=AREA_KIND_CHOICES, default=AreaKind.OFFICE.value)
    choose_at_least = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("plan_id", "position")
        constraints = (
            _position_unique("plan", "area_position_unique"),
            # The APA numbers its governance area from [1] again (seed 000), hence the kind.
            models.UniqueConstraint(fields=["plan", "number", "kind"], name="area_number_unique"),
        )

    def __str__(self) -> str:
        return f"[{self.number}] {self.name[:60]}"


class Activity(models.Model):
    """An activity [1.1] (কার্যক্রম) of an area."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveIntegerField()
    number = models.CharField(max_length=NUMBER_MAX_LENGTH)
    name = models.TextField()
    # Tiers (kormo.domain.plan.Tier values) to which the activity does not apply, comma
    # separated in document order: "upazila" or "upazila,district".
    not_applicable_tiers = models.CharField(max_length=200, blank=True, default="")
    remarks = models.TextField(blank=True, default="")

    class Meta:
        verbose_name_plural = "activities"
        ordering = ("area_id", "position")
        constraints = (_position_unique("area", "activity_position_unique"),)

    def __str__(self) -> str:
        return f"[{self.number}] {self.name[:60]}"


class Indicator(models.Model):
    """A performance indicator [1.1.1] (কর্মসম্পাদন সূচক) with its targets."""

    # Denormalised from activity.area.plan so that a plan's indicators are one simple query.
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField()
    number = models.CharField(max_length=NUMBER_MAX_LENGTH)
    # Plan-wide key: "1.1.1", or "G1.1.1" in the governance area (domain indicator_ref).
    ref = models.CharField(max_length=REF_MAX_LENGTH)
    name = models.TextField()
    unit = models.CharField(max_length=20, choices=UNIT_CHOICES)
    unit_label = models.TextField(blank=True, default="")
    weight = decimal_field(null=True, blank=True)
    calculation_method = models.CharField(
        max_length=20, choices=CALCULATION_METHOD_CHOICES, blank=True, default=""
    )
    # The single annual target of quarterly-monitoring action plans (seeds 001, 002).
    annual_target_kind, annual_target_number, annual_target_date, annual_target_text = (
        typed_value_fields()
    )
    responsible = models.TextField(blank=True, default="")
    implementing_unit = models.TextField(blank=True, default="")  # annex 2
    evidence = models.TextField(blank=True, default="")  # annex 2
    # Annex 3. NULL offices = no dependency (domain Indicator.dependency is None).
    dependency_offices = models.TextField(null=True, blank=True)
    dependency_strategy = models.TextField(blank=True, default="")
    dependency_activity_text = models.TextField(blank=True, default="")
    dependency_indicator_text = models.TextField(blank=True, default="")
    # A governance indicator fed by this action plan's score (DOMAIN.md, Scoring §5).
    feeds_from = models.CharField(max_length=30, choices=PLAN_KIND_CHOICES, blank=True, default="")
    # NULL and "" differ in the domain (None = not a fallback / not derived), so NULL is kept.
    fallback_for = models.TextField(null=True, blank=True)  # Scoring §8
    derivation = models.TextField(null=True, blank=True)  # the e-Nothi rate
    remarks = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("plan_id", "activity_id", "position")
        indexes = (models.Index(fields=["ref"], name="indicator_ref_idx"),)
        constraints = (
            _position_unique("activity", "indicator_position_unique"),
            models.UniqueConstraint(fields=["plan", "ref"], name="indicator_ref_unique"),
            typed_value_check("annual_target", name="indicator_annual_target_typed"),
        )

    def __str__(self) -> str:
        return f"[{self.ref}] {self.name[:60]}"


class IndicatorValue(models.Model):
    """One value of an indicator's sets: past actuals, projections, target levels, quarters."""

    class Role(models.TextChoices):
        ACTUAL = "actual", "actual"  # key: fiscal year
        PROJECTION = "projection", "projection"  # key: fiscal year
        LEVEL = "level", "target level"  # key: "100", "90", "80", "70", "60"
        QUARTERLY_TARGET = "quarterly_target", "quarterly target"  # key: "Q1".."Q4"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    role = models.CharField(max_length=20, choices=Role.choices)
    position = models.PositiveIntegerField()
    key = models.CharField(max_length=16)
    value_kind, value_number, value_date, value_text = typed_value_fields()
    provisional = models.BooleanField(default=False)  # actuals and projections: the * mark

    class Meta:
        ordering = ("indicator_id", "role", "position")
        indexes = (models.Index(fields=["role", "key"], name="indicatorvalue_role_key_idx"),)
        constraints = (
            models.UniqueConstraint(
                fields=["indicator", "role", "position"], name="indicatorvalue_position_unique"
            ),
            typed_value_check("value", name="indicatorvalue_value_typed"),
        )

    def __str__(self) -> str:
        return f"{self.role} {self.key}"


# ---------------------------------------------------------------- work plans and registers


class WorkItem(models.Model):
    """One item of an innovation team's work plan (seed 003)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="work_items")
    position = models.PositiveIntegerField()
    term = models.CharField(max_length=20)  # "short" | "medium" | "long" | "other"
    number = models.CharField(max_length=NUMBER_MAX_LENGTH)
    subject = models.TextField()
    implementation_plan = models.TextField(blank=True, default="")  # domain WorkItem.plan
    # Domain Quantity ("৭০ টি দপ্তর"); has_quantity tells "none" from an empty one.
    has_quantity = models.BooleanField(default=False)
    quantity_value = decimal_field(null=True, blank=True)
    quantity_unit_label = models.TextField(blank=True, default="")
    quantity_expression = models.TextField(blank=True, default="")
    quantity_text = models.TextField(blank=True, default="")
    period = models.TextField(blank=True, default="")
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("plan_id", "position")
        constraints = (_position_unique("plan", "workitem_position_unique"),)

    def __str__(self) -> str:
        return f"{self.term} {self.number}: {self.subject[:60]}"


class WorkItemAction(models.Model):
    """One bullet of ongoing work under a work item."""

    work_item = models.ForeignKey(WorkItem, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveIntegerField()
    text = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("work_item_id", "position")
        constraints = (_position_unique("work_item", "workitemaction_position_unique"),)

    def __str__(self) -> str:
        return self.text[:80]


class RegisterEntry(models.Model):
    """One earlier innovation or digitised service (seed 004's register)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="register_entries")
    position = models.PositiveIntegerField()
    number = models.CharField(max_length=NUMBER_MAX_LENGTH)
    name = models.TextField()
    description = models.TextField(blank=True, default="")
    working = models.BooleanField(null=True, blank=True)
    not_working_reason = models.TextField(blank=True, default="")
    recipients_get_result = models.BooleanField(null=True, blank=True)
    link = models.TextField(blank=True, default="")  # as written; not always a valid URL
    order_date = models.DateField(null=True, blank=True)
    remarks = models.TextField(blank=True, default="")

    class Meta:
        verbose_name_plural = "register entries"
        ordering = ("plan_id", "position")
        constraints = (_position_unique("plan", "registerentry_position_unique"),)

    def __str__(self) -> str:
        return f"{self.number}. {self.name[:60]}"


# ---------------------------------------------------------------- notes on the source


class SourceNote(models.Model):
    """Where the source document is damaged or doubtful: the place and what was kept."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="source_notes")
    position = models.PositiveIntegerField()
    place = models.TextField(blank=True, default="")
    note = models.TextField(blank=True, default="")

    class Meta:
        ordering = ("plan_id", "position")
        constraints = (_position_unique("plan", "sourcenote_position_unique"),)

    def __str__(self) -> str:
        return f"{self.place}: {self.note[:60]}"


# ---------------------------------------------------------------- an import under review


class PendingImport(models.Model):
    """A file uploaded for import, read but not yet saved as plans (issue "Import the documents
    offices already have": nothing is saved before the person confirms).

    Why a row and not the session or the file: the review takes several requests (check the
    corrections, confirm), may be resumed from another device, and must be opened by its owner
    only (`plans.access.access_pending_import`). The plans read are kept in the plan format
    and the document as read as JSON, so the review page never reads the file again (a PDF
    takes seconds) and its query count does not grow with the rows. The file's bytes are not
    kept, only its name and SHA-256. Confirming or cancelling deletes the row.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                              related_name="+")
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.CharField(max_length=7, blank=True, default="",
                                   help_text='The year chosen on upload ("2022-23"), or empty '
                                             "for the year read from the document.")
    file_name = models.CharField(max_length=255, blank=True, default="")
    sha256 = models.CharField(max_length=64)
    format = models.CharField(max_length=10, blank=True, default="")
    plans = models.TextField(help_text="The plans read (and corrected), in the plan format.")
    flags = models.JSONField(default=list)
    document = models.JSONField(default=dict)
    corrections = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("-created_at", "pk")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.office_id})"
