"""The office table: one row per public office, linked to its supervising office.

Plans belong to an office (`plans.Plan.office`); the supervising office (ঊর্ধ্বতন অফিস, DOMAIN.md
glossary) is the parent in the tree. Tiers come from `kormo.domain.plan.Tier` so that the
database and the pure domain name them alike. Data and constraints only: writes go through
`offices.services`.
"""

from __future__ import annotations

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
