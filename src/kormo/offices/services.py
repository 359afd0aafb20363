"""Writes to the office table: one function per action (HackSoft services).

For now only what loading plans needs: find an office by the name a plan file gives, or create
it. Plan files name offices in words, not codes, so the code is made from the name.
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils.text import slugify

from kormo.domain.plan import Tier
from kormo.offices.models import Office

CODE_MAX_LENGTH = 100


def office_code_for(name: str) -> str:
    """A stable code for an office known only by name.

    ASCII names give a readable slug; Bengali names (whose vowel signs a slug would drop) give
    "office-" and a short hash of the name, so the same name always gets the same code.
    """
    slug = slugify(name)[: CODE_MAX_LENGTH - 13].strip("-")
    digest = hashlib.sha256(name.strip().encode("utf-8")).hexdigest()[:12]
    return f"{slug}-{digest}" if slug else f"office-{digest}"


@transaction.atomic
def office_ensure(*, name: str, tier: Tier | None = None, parent: Office | None = None) -> Office:
    """The office with this name, created if absent; a missing tier or parent is filled in.

    Known values are never overwritten: a later plan that guesses differently does not move an
    office in the tree.
    """
    name = name.strip()
    office = Office.objects.filter(name=name).order_by("pk").first()
    if office is None:
        return Office.objects.create(
            name=name,
            tier=tier.value if tier is not None else "",
            parent=parent,
            code=office_code_for(name),
        )
    changed: list[str] = []
    if not office.tier and tier is not None:
        office.tier = tier.value
        changed.append("tier")
    if office.parent_id is None and parent is not None and parent.pk != office.pk:
        office.parent = parent
        changed.append("parent")
    if changed:
        office.save(update_fields=changed)
    return office
