"""The office table: one row per public office, linked to its supervising office.

Plans belong to an office (`plans.Plan.office`); the supervising office (ঊর্ধ্বতন অফিস, DOMAIN.md
glossary) is the parent in the tree. Tiers come from `kormo.domain.plan.Tier` so that the
database and the pure domain name them alike. Data and constraints only: writes go through
`offices.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from kormo.domain.plan import Tier

TIER_CHOICES = [(t.value, t.name.replace("_", " ").capitalize()) for t in Tier]


class Office(models.Model):
    """A public office: ministry, directorate, district or upazila office, institution."""

    name = models.TextField(help_text="The office's name as its documents write it (Bengali).")
    name_en = models.TextField(blank=True, default="")
    # Blank: tier not known (e.g. a supervising office named only in a plan's text).
    tier = models.CharField(max_length=20, choices=TIER_CHOICES, blank=True, default="")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subordinates",
        help_text="The supervising office.",
    )
    code = models.SlugField(max_length=100, unique=True, allow_unicode=True)
    # Materialised path of ids from the root, e.g. "/1/5/23/": the subtree of an office is one
    # indexed prefix query (supervisors see every office under them, at any depth). Kept by
    # `offices.services`, never written elsewhere.
    path = models.CharField(max_length=1000, blank=True, default="", db_index=True)
    # Where the office is (names as the onboarding file writes them): dashboards and open data
    # group and filter by them without walking the tree.
    district = models.CharField(max_length=100, blank=True, default="", db_index=True)
    upazila = models.CharField(max_length=100, blank=True, default="", db_index=True)

    class Meta:
        ordering = ("name", "pk")
        indexes = (models.Index(fields=["name"], name="office_name_idx"),)
        constraints = (
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="office_not_own_parent"
            ),
        )

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """What a person may do for an office (issue: offices, people and roles)."""

    FOCAL_POINT = "focal_point", "APA focal point"  # writes plans and reports progress
    OFFICE_HEAD = "office_head", "Office head"  # approves and signs for the office
    SUPERVISOR = "supervisor", "Supervisor"  # reviews the offices under this one
    ADMINISTRATOR = "administrator", "Administrator"  # sets up the year for this subtree


class Membership(models.Model):
    """A person holding a role at an office. One person may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    post = models.TextField(blank=True, default="", help_text="The person's post, e.g. প্রোগ্রামার.")

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["user", "office", "role"], name="membership_unique"),
        )

    def __str__(self) -> str:
        return f"{self.user} · {self.role} · {self.office}"


class Profile(models.Model):
    """What an onboarding file says of a person beyond the account: the mobile number."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kormo_profile"
    )
    mobile = models.CharField(max_length=20, blank=True, default="")

    def __str__(self) -> str:
        return f"{self.user} · {self.mobile}"
