"""API tokens: data and constraints only (writes: `kormo.api.tokens`).

A token is shown once, when it is made; only its SHA-256 is kept (the token is 256 random
bits, so a fast hash is enough: nobody can guess their way back from the digest, unlike a
password). The prefix (the first characters after "kormo_") lets a person and the admin tell
tokens apart without seeing them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """A bearer token acting for one person, with exactly that person's roles."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="kormo_api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. a script.")
    prefix = models.CharField(max_length=16, db_index=True)
    digest = models.CharField(max_length=64, unique=True)  # SHA-256 of the whole token, hex
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "API token"
        ordering = ("user_id", "-created_at", "pk")

    def __str__(self) -> str:
        return f"{self.name} (kormo_{self.prefix}…)"
