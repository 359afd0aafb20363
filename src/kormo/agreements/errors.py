"""The agreement's refusals: one coded catalogue, each with its Bengali and English message.

Pure Python (no Django): `kormo.agreements.rules` names the code a state refuses a step with,
the services raise `AgreementError`, pages and the API show its `bn`/`en` and `code`.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from kormo.domain.errors import InputError

__all__ = ["AgreementError", "AgreementErrorCode"]


class AgreementErrorCode(StrEnum):
    WRONG_STATE = "WRONG_STATE"
    PLAN_LOCKED = "PLAN_LOCKED"
    NOT_CURRENT = "NOT_CURRENT"
    STALE_VERSION = "STALE_VERSION"
    FINDINGS_BLOCK = "FINDINGS_BLOCK"
    COMMENT_REQUIRED = "COMMENT_REQUIRED"
    REASON_REQUIRED = "REASON_REQUIRED"
    SIGNER_REQUIRED = "SIGNER_REQUIRED"
    BAD_PARTY = "BAD_PARTY"
    ALREADY_SIGNED = "ALREADY_SIGNED"
    WINDOW_NOT_OPEN = "WINDOW_NOT_OPEN"


_MESSAGES: dict[AgreementErrorCode, tuple[str, str]] = {
    AgreementErrorCode.WRONG_STATE: (
        "পরিকল্পনাটি এখন “{state}” অবস্থায় আছে; এই কাজটি এখন করা যায় না",
        "the plan is {state}; this cannot be done now",
    ),
    AgreementErrorCode.PLAN_LOCKED: (
        "পরিকল্পনাটি জমা/অনুমোদিত/স্বাক্ষরিত; সম্পাদনা করা যায় না (সংশোধনী খুলুন)",
        "the plan is submitted, approved or signed and cannot be edited (start a revision)",
    ),
    AgreementErrorCode.NOT_CURRENT: (
        "এটি পরিকল্পনার পুরোনো সংস্করণ; কেবল পড়া যায়",
        "this is an earlier version of the plan; it can only be read",
    ),
    AgreementErrorCode.STALE_VERSION: (
        "অন্য কেউ এর মধ্যে পরিকল্পনাটি বদলেছেন; পাতাটি আবার খুলুন",
        "someone else changed the plan in the meantime; reload the page",
    ),
    AgreementErrorCode.FINDINGS_BLOCK: (
        "পরিকল্পনায় ত্রুটি আছে; ঠিক না করা পর্যন্ত জমা দেওয়া যাবে না",
        "the plan has errors; it cannot be submitted until they are fixed",
    ),
    AgreementErrorCode.COMMENT_REQUIRED: (
        "ফেরত পাঠানোর কারণ (মন্তব্য) লিখুন", "write why it is returned (a comment)"
    ),
    AgreementErrorCode.REASON_REQUIRED: (
        "সংশোধনের কারণ লিখুন", "write the reason for the revision"
    ),
    AgreementErrorCode.SIGNER_REQUIRED: (
        "স্বাক্ষরকারীর নাম, পদবি ও তারিখ দিন", "give the signer's name, post and date"
    ),
    AgreementErrorCode.BAD_PARTY: (
        "স্বাক্ষরকারী পক্ষ “office” বা “supervisor” হতে হবে",
        "the signing party must be “office” or “supervisor”",
    ),
    AgreementErrorCode.ALREADY_SIGNED: (
        "এই পক্ষ আগেই স্বাক্ষর করেছেন", "this party has already signed"
    ),
    AgreementErrorCode.WINDOW_NOT_OPEN: (
        "এই স্তরের অফিসের পরিকল্পনা জমার সময় শুরু হবে {date_bn}",
        "plan submission for this tier of office opens on {date_en}",
    ),
}


class AgreementError(InputError):
    """A refused agreement transition: a code, and why in Bengali and English."""

    def __init__(self, code: AgreementErrorCode, place: str = "", *,
                 findings: Sequence[Any] = (), **params: str) -> None:
        bn, en = _MESSAGES[code]
        self.code = code
        self.findings = tuple(findings)
        super().__init__(bn.format(**params), en.format(**params), place)
