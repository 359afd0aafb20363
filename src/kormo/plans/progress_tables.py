"""The tables of the progress app (app label "progress"): data and constraints only (writes:
`kormo.progress.services`).

They are defined here, beside the plan tables, because they hold the one store of a plan's
progress that `kormo.plans.convert` reads and writes with the plan: the layers put `plans` below
`progress`, and a table definition has no behaviour to keep above. `kormo.progress.models`
re-exports them, so Django, the migrations (still the progress app's) and the code above see
them there.

- `Report`: one per plan version and period — a quarter (Q2 is also the half-yearly
  self-assessment) or the year-end evaluation — with its state (draft → submitted → returned /
  accepted), its due date (from `years.Deadline` for the office's tier, else the calendar's
  default) and whether it came late.
- `ReportedValue`: one indicator's achievement in one quarter, as the office reported it (typed
  on the report page, or imported with a plan) and, apart from it, as the supervising office
  verified it. It is the only store of progress: `kormo.plans.convert` builds the domain's
  progress from it with the *effective* value (verified where it exists, DOMAIN.md issue rule
  "the final score uses verified values"), so `plan_to_domain`, `kormo score` and the pages all
  score the same data.
- `Evidence`: a file proving an achievement (প্রমাণক), stored through Django's storage API with
  its SHA-256; never served from a public URL.
- `ScoreSnapshot`: the office's score for a year as last computed, with the dashboard's figures
  (due so far, indicators at risk, plans signed, reports, district and upazila): what every page
  shows (the dashboard, the office page); the pages read it as stored (a stale one is
  marked "being updated"), never recomputing it. A write only changes its inputs (a report's
  `updated_at`, a plan's `lock_version`), which changes the office's stamp, and queues its
  refresh: the task queue and `kormo_recompute_scores` store it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kormo.offices.models import Office
from kormo.plans.models import QUARTER_CHOICES, REF_MAX_LENGTH, Plan
from kormo.plans.values import decimal_field, typed_value_check, typed_value_fields


def _user_fk() -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )


class ReportPeriod(models.TextChoices):
    Q1 = "Q1", "first quarter"
    Q2 = "Q2", "second quarter (half-yearly self-assessment)"
    Q3 = "Q3", "third quarter"
    Q4 = "Q4", "fourth quarter"
    YEAR = "year", "year-end evaluation"


QUARTER_PERIODS = (ReportPeriod.Q1, ReportPeriod.Q2, ReportPeriod.Q3, ReportPeriod.Q4)


class ReportState(models.TextChoices):
    DRAFT = "draft", "draft"
    SUBMITTED = "submitted", "submitted"
    RETURNED = "returned", "returned with comments"
    ACCEPTED = "accepted", "accepted"


class Report(models.Model):
    """A plan's report for one period."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reports")
    period = models.CharField(max_length=4, choices=ReportPeriod.choices)
    state = models.CharField(max_length=20, choices=ReportState.choices,
                             default=ReportState.DRAFT)
    due_on = models.DateField()
    # Judged at the first submission: a resubmission after a return is not late again.
    is_late = models.BooleanField(default=False)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = _user_fk()
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = _user_fk()
    return_comment = models.TextField(blank=True, default="")
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = _user_fk()
    accept_comment = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = _user_fk()
    # Touched by every change to the report or to one of its values (the dashboard's stamp).
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = _user_fk()
    lock_version = models.PositiveIntegerField(default=0)
    # The year-end evaluation, when accepted: the final score as computed then.
    final_total = models.FloatField(null=True, blank=True)
    final_maximum = models.FloatField(null=True, blank=True)
    final_percent = models.FloatField(null=True, blank=True)

    class Meta:
        app_label = "progress"
        ordering = ("plan_id", "period")
        constraints = (
            models.UniqueConstraint(fields=["plan", "period"], name="report_plan_period_unique"),
        )

    def __str__(self) -> str:
        return f"{self.plan_id} {self.period} ({self.state})"


class ReviewState(models.TextChoices):
    PENDING = "pending", "waiting for review"
    ACCEPTED = "accepted", "accepted"
    RETURNED = "returned", "returned with a comment"


class ReportedValue(models.Model):
    """One indicator's achievement in one quarter: reported, and perhaps verified."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="values")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    indicator_ref = models.CharField(max_length=REF_MAX_LENGTH)
    quarter = models.CharField(max_length=2, choices=QUARTER_CHOICES)
    reported_kind, reported_number, reported_date, reported_text = typed_value_fields()
    remarks = models.TextField(blank=True, default="")
    # Inputs of a derived indicator (the e-Nothi rate): name → decimal as text.
    inputs = models.JSONField(default=dict, blank=True)
    # Evidence named in an imported document or plan file (প্রমাণক as texts); files uploaded in
    # Kormo are `Evidence` rows. The domain's ProgressValue.evidence is both, texts first.
    evidence_texts = models.JSONField(default=list, blank=True)
    # A score typed in the source, kept apart from computed scores (DOMAIN.md, Scoring §7).
    published_score = decimal_field(null=True, blank=True)
    verified = models.BooleanField(default=False)
    verified_kind, verified_number, verified_date, verified_text = typed_value_fields()
    verified_by = _user_fk()
    verified_at = models.DateTimeField(null=True, blank=True)
    verify_comment = models.TextField(blank=True, default="")
    review_state = models.CharField(max_length=20, choices=ReviewState.choices,
                                    default=ReviewState.PENDING)
    review_comment = models.TextField(blank=True, default="")
    reviewed_by = _user_fk()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = _user_fk()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = _user_fk()
    # When the value first went up in a submitted report: from then on a change needs a reason.
    reported_at = models.DateTimeField(null=True, blank=True)
    change_reason = models.TextField(blank=True, default="")  # of the last change; all in audit
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        app_label = "progress"
        ordering = ("plan_id", "indicator_ref", "quarter")
        constraints = (
            models.UniqueConstraint(fields=["plan", "indicator_ref", "quarter"],
                                    name="reportedvalue_unique"),
            typed_value_check("reported", name="reportedvalue_reported_typed"),
            typed_value_check("verified", name="reportedvalue_verified_typed"),
        )

    def __str__(self) -> str:
        return f"[{self.indicator_ref}] {self.quarter}"


class EvidenceKind(models.TextChoices):
    PDF = "pdf", "PDF"
    PNG = "png", "PNG image"
    JPEG = "jpeg", "JPEG image"
    DOCX = "docx", "Word document"
    XLSX = "xlsx", "Excel workbook"


class Evidence(models.Model):
    """An evidence file of a reported value. Removal keeps the row and the file (history)."""

    value = models.ForeignKey(ReportedValue, on_delete=models.CASCADE, related_name="files")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    file = models.FileField(max_length=300)
    original_name = models.CharField(max_length=255)
    kind = models.CharField(max_length=10, choices=EvidenceKind.choices)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = _user_fk()
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = _user_fk()
    remove_reason = models.TextField(blank=True, default="")

    class Meta:
        app_label = "progress"
        verbose_name_plural = "evidence"
        ordering = ("value_id", "uploaded_at", "pk")

    def __str__(self) -> str:
        return self.original_name


class ScoreSnapshot(models.Model):
    """An office's score for a fiscal year (its APA, fed by its action plans), as computed."""

    # `snapshots`: the dashboard lists offices joined to their snapshot of the year (offices
    # without one listed too, as not yet rated).
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="snapshots")
    fiscal_year = models.CharField(max_length=7)
    stamp = models.CharField(max_length=64)
    has_score = models.BooleanField(default=False)
    total = models.FloatField(default=0.0)
    maximum = models.FloatField(default=0.0)
    percent = models.FloatField(default=0.0)
    rating = models.CharField(max_length=20, blank=True, default="")
    indicators_at_100 = models.PositiveIntegerField(default=0)
    indicator_count = models.PositiveIntegerField(default=0)
    # The dashboard's figures of the office, stored with its score (`scores.snapshots_compute`)
    # so that a supervisor's dashboard pages, sorts and rolls up 25,000 offices in SQL.
    district = models.CharField(max_length=100, blank=True, default="")  # place names
    upazila = models.CharField(max_length=100, blank=True, default="")
    plans = models.PositiveIntegerField(default=0)  # current plans (not the register)
    plans_signed = models.PositiveIntegerField(default=0)  # of them, signed by both parties
    through = models.CharField(max_length=4, blank=True, default="")  # latest quarter reported
    due_percent = models.FloatField(null=True, blank=True)  # score due so far by `through`
    path_quarterly = models.BooleanField(default=False)  # path from quarterly targets
    at_risk = models.PositiveIntegerField(null=True, blank=True)  # None: nothing reported
    # {period: [submitted, late, returned, accepted]} of the current plans' reports.
    reports = models.JSONField(default=dict, blank=True)
    # Quarter reports not submitted of the quarters ended by the day of the computation.
    reports_missing = models.PositiveIntegerField(default=0)
    # The score in hundredths of a percent (DOMAIN.md §6 ranks at two decimals) when the
    # office is ranked (a score and a plan in force), else None: the dashboard's rank and sort
    # on an integer, indexed with the year.
    score_key = models.IntegerField(null=True, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "progress"
        constraints = (
            models.UniqueConstraint(fields=["office", "fiscal_year"],
                                    name="scoresnapshot_office_year_unique"),
        )
        indexes = (models.Index(fields=["fiscal_year", "score_key"],
                                name="scoresnapshot_year_key_idx"),)

    def __str__(self) -> str:
        return f"{self.office_id} {self.fiscal_year}: {self.percent:.2f}"
