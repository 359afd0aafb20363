"""Why the API refused a request: a code and the words in Bengali and English, from one
catalogue (STYLE.md: errors carry a code and bilingual text).

Every refusal has the body `{"error": {"code": ..., "bn": ..., "en": ..., "place": ...}}`
(plus `detail` for a request that does not match the schema). Refusals of the services keep
their own codes (`kormo.progress.errors.ProgressErrorCode`: e.g. `REPORT_LOCKED`); this
catalogue adds the API's own: `ApiError`, a `CodedError` family like theirs, with its HTTP
status.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum, StrEnum
from typing import Any, ClassVar

from kormo.domain.errors import CodedError


class ApiErrorCode(StrEnum):
    UNAUTHENTICATED = "UNAUTHENTICATED"
    NOT_FOUND = "NOT_FOUND"
    INVALID_REQUEST = "INVALID_REQUEST"
    BAD_REQUEST = "BAD_REQUEST"
    BAD_VALUE = "BAD_VALUE"
    NOTHING_TO_RECORD = "NOTHING_TO_RECORD"
    AMBIGUOUS_VALUE = "AMBIGUOUS_VALUE"
    SERVER_ERROR = "SERVER_ERROR"


_MESSAGES: dict[ApiErrorCode, tuple[str, str]] = {
    ApiErrorCode.UNAUTHENTICATED: (
        "টোকেন নেই, অথবা টোকেনটি সঠিক, চালু বা মেয়াদের মধ্যে নেই "
        "(Authorization: Bearer <টোকেন>)",
        "no token, or the token is not valid, active or unexpired "
        "(Authorization: Bearer <token>)",
    ),
    ApiErrorCode.NOT_FOUND: (
        "পাওয়া যায়নি, অথবা এটি দেখার বা বদলানোর অনুমতি আপনার নেই",
        "not found, or you may not see or change it",
    ),
    ApiErrorCode.INVALID_REQUEST: (
        "অনুরোধটি নিয়মমাফিক নয়; যে অংশে ভুল: {where}",
        "the request does not match the schema: {detail}",
    ),
    ApiErrorCode.BAD_REQUEST: (
        "অনুরোধটি পড়া যায়নি (JSON লেখাটি ঠিক আছে কি না দেখুন)", "cannot read the request: {detail}"
    ),
    ApiErrorCode.BAD_VALUE: ("মানটি পড়া যায়নি", "the value cannot be read"),
    ApiErrorCode.NOTHING_TO_RECORD: (
        "লেখার কিছু নেই: text, value, inputs বা remarks-এর অন্তত একটি দিন",
        "nothing to record: give at least one of text, value, inputs or remarks",
    ),
    ApiErrorCode.AMBIGUOUS_VALUE: (
        "text ও value দুটো একসাথে দেওয়া যায় না; যেকোনো একটি দিন",
        "give either text or value, not both",
    ),
    ApiErrorCode.SERVER_ERROR: (
        "অপ্রত্যাশিত ত্রুটি; পরিচালকদের জানান", "unexpected error; please tell the operators"
    ),
}


class ApiError(CodedError):
    """A refusal of the API itself, with its HTTP status."""

    MESSAGES: ClassVar[Mapping[Enum, tuple[str, str]]] = _MESSAGES

    def __init__(self, code: ApiErrorCode, status: int = 400, place: str = "",
                 **params: str) -> None:
        self.status = status
        super().__init__(code, place, **params)


def error_body(code: str, bn: str, en: str, place: str = "",
               detail: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"code": code, "bn": bn, "en": en, "place": place}
    if detail is not None:
        body["detail"] = detail
    return {"error": body}


def catalogue_body(code: ApiErrorCode, place: str = "",
                   errors: list[dict[str, Any]] | None = None, **params: str) -> dict[str, Any]:
    """The body of a refusal from this catalogue; `errors`: the schema errors, if any."""
    said = ApiError(code, place=place, **params)
    return error_body(code.value, said.bn, said.en, place, errors)
