"""The shapes of the API's requests and answers (pydantic, via django-ninja): the OpenAPI
description at /api/v1/openapi.json is generated from these type hints.

Values of plans and reports use the plan format's typed JSON (docs/plan-format.md, "Values"):
a number, `{"percent": 85}`, `{"money": 12000}`, `{"date": "2022-12-12"}`,
`{"month": "2023-04"}`, `{"blank": "-"}`, `{"not_applicable": true}` or null.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from ninja import Field, Path, Schema
from pydantic import AfterValidator

from kormo.domain.plan import PlanKind
from kormo.plans.models import PlanState

PlanKindName = Literal[tuple(k.value for k in PlanKind)]  # type: ignore[valid-type]
PlanStateName = Literal[tuple(s.value for s in PlanState)]  # type: ignore[valid-type]
QuarterName = Literal["Q1", "Q2", "Q3", "Q4"]
MAX_ID = 2**63 - 1  # the largest id a database column holds (bigger ids are 422, not 500)
YEAR_PATTERN = r"^[0-9]{4}(-[0-9]{2})?$"

# Path parameters (each alias used only for required parameters: ninja keeps one Param).
PlanId = Annotated[int, Path(ge=1, le=MAX_ID, description="A plan's id.")]
OfficeId = Annotated[int, Path(ge=1, le=MAX_ID, description="An office's id.")]
IndicatorRef = Annotated[str, Path(min_length=1, max_length=51, pattern=r"^[^\x00-\x1f/]+$",
                                   description='"1.1.1", or "G1.1.1" in the governance area.')]


def _storable(text: str) -> str:
    """Text every database can store: no NUL character, no lone surrogate."""
    if "\x00" in text:
        raise ValueError("the text contains a NUL character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("the text is not valid Unicode") from None
    return text


Text = Annotated[str, AfterValidator(_storable)]

VALUE_DESCRIPTION = (
    'A typed value of the plan format: a number, {"percent": n}, {"money": n}, '
    '{"date": "YYYY-MM-DD"}, {"month": "YYYY-MM"}, {"blank": "-"}, {"not_applicable": true} '
    "or null."
)


# ---------------------------------------------------------------- errors


class ErrorDetail(Schema):
    code: str = Field(description="A stable code, e.g. NOT_FOUND, REPORT_LOCKED.")
    bn: str = Field(description="Why, in Bengali.")
    en: str = Field(description="Why, in English.")
    place: str = Field("", description="Where: an indicator, a field.")
    detail: list[dict[str, Any]] | None = None


class ErrorOut(Schema):
    error: ErrorDetail


# ---------------------------------------------------------------- people and offices


class MembershipOut(Schema):
    office_id: int
    office_code: str
    role: str


class MeOut(Schema):
    username: str
    full_name: str
    is_superuser: bool
    memberships: list[MembershipOut]


class OfficeOut(Schema):
    id: int
    code: str
    name: str
    name_en: str
    tier: str
    parent_id: int | None


class OfficePage(Schema):
    count: int
    items: list[OfficeOut]


# ---------------------------------------------------------------- plans


class PlanOut(Schema):
    id: int
    office_id: int
    office_code: str
    kind: str
    fiscal_year: str
    title: str
    subtitle: str = Field(description="The line the form prints under its title; \"\" when "
                                      "the plan has none.")
    external_id: str = Field(description="The plan's id in its plan file.")
    state: str
    revision: int
    revision_of_id: int | None
    is_current: bool
    is_template: bool
    parent_id: int | None = Field(description="The APA this action plan is an annex of.")
    lock_version: int
    signed_at: dt.datetime | None
    updated_at: dt.datetime


class PlanPage(Schema):
    count: int
    items: list[PlanOut]


class PlanDetailOut(Schema):
    plan: PlanOut
    document: dict[str, Any] = Field(
        description="The plan in the plan format (docs/plan-format.md): "
                    "kormo.domain.planformat.loads reads it.")


# ---------------------------------------------------------------- progress


class ReportOut(Schema):
    period: str = Field(description='"Q1".."Q4", or "year" for the year-end evaluation.')
    state: str = Field(description='"none" (not opened yet), draft, submitted, returned, '
                                   "accepted.")
    due_on: dt.date
    is_late: bool
    submitted_at: dt.datetime | None
    accepted_at: dt.datetime | None
    lock_version: int | None


class ValueOut(Schema):
    indicator_ref: str = Field(description='"1.1.1", or "G1.1.1" in the governance area.')
    quarter: str
    reported: Any = Field(None, description="As the office reported it. " + VALUE_DESCRIPTION)
    verified: Any = Field(None, description="As the supervising office verified it.")
    effective: Any = Field(None, description="What scoring uses: verified where it exists.")
    remarks: str
    inputs: dict[str, str] = Field(description="Inputs of a derived indicator.")
    review_state: str | None
    lock_version: int | None = Field(
        description="Send it back as expected_version to change the value safely.")
    evidence: list[str] = Field(description="Names of the evidence files.")


class ProgressOut(Schema):
    plan_id: int
    reports: list[ReportOut]
    values: list[ValueOut]


class ProgressIn(Schema):
    """A quarter's achievement of one indicator, as the office reports it."""

    text: Text | None = Field(None, max_length=200, description=(
        'The value as typed on the report page, Bengali or Latin digits: "৩২০", "85%", '
        '"১২.১২.২২", "১২,০০০/-", "-".'))
    value: Any = Field(None, description="Instead of text: " + VALUE_DESCRIPTION +
                       " null clears the value.")
    remarks: Text | None = Field(None, max_length=5000)
    inputs: dict[Annotated[str, Field(max_length=100)], Text | int | float] | None = Field(
        None, description='Inputs of a derived indicator, e.g. {"e_disposals": 2236, '
                          '"hard_file_disposals": 1439}; the value is computed from them.')
    reason: Text = Field("", max_length=2000, description=(
        "Why a value already reported, accepted or verified changes (required then)."))
    expected_version: int | None = Field(None, ge=0, le=MAX_ID, description=(
        "The lock_version you read (0 for a value that did not exist): a change made by "
        "someone else since then is refused (409) instead of overwritten."))


# ---------------------------------------------------------------- scores


class IndicatorScoreOut(Schema):
    ref: str
    number: str
    name: str
    weight: float | None
    annual_achievement: Any = Field(None, description=VALUE_DESCRIPTION)
    raw_percent: float | None
    score: float | None
    maximum: float | None
    status: str
    linked_plan: str | None
    feeds_from: str | None
    published_score: float | None


class AreaScoreOut(Schema):
    number: str
    name: str
    kind: str
    weight: float | None
    score: float | None
    maximum: float | None
    indicators: list[IndicatorScoreOut]


class PlanScoreOut(Schema):
    id: int
    plan: str
    kind: str
    office: str
    office_code: str
    fiscal_year: str
    revision: int
    rule_set: str
    total: float | None
    maximum: float | None
    percent: float | None
    rating: str
    indicators_at_100_percent: int
    indicator_count: int
    areas: list[AreaScoreOut]


class ScoresOut(Schema):
    plan_id: int
    score: PlanScoreOut | None = Field(description="null for a plan without indicators.")
