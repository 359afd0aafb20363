"""Fiscal years as an administrator opens them: deadlines and submission windows per tier.

DOMAIN.md ("Calendar seen"): quarterly reports are due about the 15th after a quarter ends,
the year's evaluation by 15 July, results by 30 August, and windows are staggered by tier
(upazila first, ministries last). These are data per year, never constants in code; the pure
defaults live in `kormo.domain.calendar`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kormo.offices.models import TIER_CHOICES


class Event(models.TextChoices):
    PLAN_SUBMISSION = "plan_submission", "plan submission"
    Q1_REPORT = "Q1", "first-quarter report"
    Q2_REPORT = "Q2", "second-quarter report (half-yearly self-assessment)"
    Q3_REPORT = "Q3", "third-quarter report"
    Q4_REPORT = "Q4", "fourth-quarter report"
    YEAR_EVALUATION = "year_evaluation", "year-end evaluation"
    RESULTS = "results", "results published"


class FiscalYearSetup(models.Model):
    """A fiscal year opened for planning ("2022-23")."""

    fiscal_year = models.CharField(max_length=7, unique=True)
    is_open = models.BooleanField(default=True)
    rule_set = models.CharField(
        max_length=100, blank=True, default="",
        help_text="Scoring rule-set name (kormo.domain.rules); blank: the default of the year.",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-fiscal_year",)

    def __str__(self) -> str:
        return self.fiscal_year


class Deadline(models.Model):
    """When an event opens and is due, for one tier of office (blank tier: every tier)."""

    year = models.ForeignKey(FiscalYearSetup, on_delete=models.CASCADE, related_name="deadlines")
    event = models.CharField(max_length=30, choices=Event.choices)
    tier = models.CharField(max_length=20, choices=TIER_CHOICES, blank=True, default="")
    opens_on = models.DateField(null=True, blank=True)
    due_on = models.DateField()

    class Meta:
        ordering = ("year", "event", "tier")
        constraints = (
            models.UniqueConstraint(fields=["year", "event", "tier"], name="deadline_unique"),
            models.CheckConstraint(
                condition=models.Q(opens_on__isnull=True) | models.Q(opens_on__lte=models.F(
                    "due_on")),
                name="deadline_opens_before_due",
            ),
        )

    def __str__(self) -> str:
        return f"{self.year} {self.event} {self.tier or '*'}: {self.due_on}"
