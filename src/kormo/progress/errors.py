"""Why a progress action was refused: a code, and the words in Bengali and English, from one
catalogue (STYLE.md: "findings and errors carry a code and bilingual text")."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum, StrEnum
from typing import ClassVar

from kormo.domain.errors import CodedError


class ProgressErrorCode(StrEnum):
    PLAN_NOT_IN_FORCE = "PLAN_NOT_IN_FORCE"
    REPORT_LOCKED = "REPORT_LOCKED"
    WRONG_STATE = "WRONG_STATE"
    UNKNOWN_INDICATOR = "UNKNOWN_INDICATOR"
    COMPUTED_INDICATOR = "COMPUTED_INDICATOR"
    VALUE_UNIT_MISMATCH = "VALUE_UNIT_MISMATCH"
    BAD_INPUTS = "BAD_INPUTS"
    REASON_REQUIRED = "REASON_REQUIRED"
    VERIFY_REASON_REQUIRED = "VERIFY_REASON_REQUIRED"
    COMMENT_REQUIRED = "COMMENT_REQUIRED"
    STALE_VERSION = "STALE_VERSION"
    QUARTERS_OPEN = "QUARTERS_OPEN"
    WINDOW_NOT_OPEN = "WINDOW_NOT_OPEN"
    FILE_TYPE_REFUSED = "FILE_TYPE_REFUSED"
    FILE_TOO_LARGE = "FILE_TOO_LARGE"
    FILE_EMPTY = "FILE_EMPTY"
    ALREADY_REMOVED = "ALREADY_REMOVED"
    YEAR_RETURN_NO_ITEMS = "YEAR_RETURN_NO_ITEMS"
    NOT_A_FISCAL_YEAR_PLAN = "NOT_A_FISCAL_YEAR_PLAN"


_MESSAGES: dict[ProgressErrorCode, tuple[str, str]] = {
    ProgressErrorCode.PLAN_NOT_IN_FORCE: (
        "এই পরিকল্পনার অগ্রগতি এখন দেওয়া যায় না (পরিকল্পনাটি স্বাক্ষরিত ও চলতি সংস্করণ হতে হবে)",
        "progress cannot be reported on this plan now (it must be signed and current)",
    ),
    ProgressErrorCode.REPORT_LOCKED: (
        "প্রতিবেদনটি জমা দেওয়া বা গৃহীত হয়েছে; প্রতিবেদন বা এই মানটি সংশোধনের জন্য ফেরত না "
        "আসা পর্যন্ত বদলানো যায় না",
        "the report is submitted or accepted; it cannot be changed unless the report, or this "
        "item, is returned for correction",
    ),
    ProgressErrorCode.WRONG_STATE: (
        "প্রতিবেদনটি এখন “{state}” অবস্থায় আছে; এই কাজটি এখন করা যায় না",
        "the report is {state}; this cannot be done now",
    ),
    ProgressErrorCode.UNKNOWN_INDICATOR: (
        "পরিকল্পনায় এই সূচকটি নেই", "the plan has no such indicator"
    ),
    ProgressErrorCode.COMPUTED_INDICATOR: (
        "এই সূচকের মান কর্মপরিকল্পনার নম্বর থেকে গণনা করা হয়; হাতে লেখা যায় না",
        "this indicator's value is computed from its action plan's score; it is not typed",
    ),
    ProgressErrorCode.VALUE_UNIT_MISMATCH: (
        "মানটি সূচকের একক ({unit})-এর সাথে মেলে না", "the value does not fit the unit ({unit})"
    ),
    ProgressErrorCode.BAD_INPUTS: (
        "গণনার উপাত্ত সঠিক নয়: {detail}", "the inputs of the computation are wrong: {detail}"
    ),
    ProgressErrorCode.REASON_REQUIRED: (
        "প্রতিবেদিত বা অনুমোদিত মান বদলাতে কারণ লিখুন",
        "write a reason to change a value that was reported or approved",
    ),
    ProgressErrorCode.VERIFY_REASON_REQUIRED: (
        "যাচাইকৃত মান বদলাতে বা প্রত্যাহার করতে মন্তব্যে কারণ লিখুন",
        "write in the comment why the verified value is changed or withdrawn",
    ),
    ProgressErrorCode.COMMENT_REQUIRED: (
        "ফেরত পাঠানোর কারণ (মন্তব্য) লিখুন", "write why it is returned (a comment)"
    ),
    ProgressErrorCode.STALE_VERSION: (
        "অন্য কেউ এর মধ্যে এটি বদলেছেন; পাতাটি আবার খুলে দেখুন",
        "someone else changed this in the meantime; reload the page and check",
    ),
    ProgressErrorCode.QUARTERS_OPEN: (
        "বছর শেষের মূল্যায়নের আগে চার কোয়ার্টারের প্রতিবেদন জমা দিন",
        "submit the four quarterly reports before the year-end evaluation",
    ),
    ProgressErrorCode.WINDOW_NOT_OPEN: (
        "জমা দেওয়ার সময় শুরু হবে {date_bn} তারিখে",
        "the submission window opens on {date_en}",
    ),
    ProgressErrorCode.FILE_TYPE_REFUSED: (
        "কেবল PDF, PNG, JPEG, DOCX বা XLSX ফাইল দেওয়া যায় (ফাইলের ভেতরের ধরন দেখে যাচাই করা হয়)",
        "only PDF, PNG, JPEG, DOCX or XLSX files are accepted (checked by their content)",
    ),
    ProgressErrorCode.FILE_TOO_LARGE: (
        "ফাইলটি অনেক বড়; সর্বোচ্চ {limit_bn}", "the file is too large; at most {limit}"
    ),
    ProgressErrorCode.FILE_EMPTY: ("ফাইলটি খালি", "the file is empty"),
    ProgressErrorCode.ALREADY_REMOVED: (
        "প্রমাণকটি আগেই সরানো হয়েছে", "the evidence file was already removed"
    ),
    ProgressErrorCode.YEAR_RETURN_NO_ITEMS: (
        "বছর শেষের মূল্যায়নের সব মান গৃহীত হয়েছে; ফেরত পাঠানোর আগে যে মানগুলো সংশোধন করতে "
        "হবে সেগুলো একটি একটি করে চিহ্নিত করে ফেরত দিন",
        "every value of the year-end evaluation is accepted; before returning it, return the "
        "items to correct one by one",
    ),
    # A plan of a calendar year (an innovation team's work plan "2017"): progress is kept by
    # the quarters of a fiscal year, which such a plan does not have.
    ProgressErrorCode.NOT_A_FISCAL_YEAR_PLAN: (
        "এই পরিকল্পনাটি “{year_bn}” সালের, কোনো অর্থবছরের নয়; অগ্রগতি রাখা হয় অর্থবছরের "
        "ত্রৈমাসিক ধরে, তাই এর অগ্রগতির পাতা নেই। পরিকল্পনাটি তার নিজের পাতায় দেখুন।",
        "This plan is for “{year}”, not a fiscal year; progress is kept by the quarters of a "
        "fiscal year, so it has no progress pages. See the plan on its own page.",
    ),
}


class ProgressError(CodedError):
    """A refused progress action (nothing was changed)."""

    MESSAGES: ClassVar[Mapping[Enum, tuple[str, str]]] = _MESSAGES
    code: ProgressErrorCode
