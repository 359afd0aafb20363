"""The JSON API (django-ninja): read plans, progress and scores; write a quarter's progress.

Thin views (STYLE.md): parse (ninja validates against `kormo.api.schemas`) → the one gate,
`kormo.offices.access`, with exactly the pages' actions (reading: `Action.READ`, as the plan and
office pages; writing progress: `Action.WRITE`, as the report page) → a selector or the
progress app's own service (`progress_record`, the function the pages call, so history,
notices and score recalculation happen the same way) → the answer.

Every refusal is a 4xx with `{"error": {"code", "bn", "en", "place"}}` (`kormo.api.errors`);
a stranger's plan is a 404 exactly like a plan that does not exist.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from decimal import Decimal
from typing import Annotated, Any

from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Query
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer

from kormo.api import schemas as s
from kormo.api import selectors
from kormo.api.errors import ApiError, ApiErrorCode, catalogue_body, error_body
from kormo.api.tokens import api_token_user
from kormo.domain.errors import InputError
from kormo.domain.planformat import dumps as plan_dumps
from kormo.domain.planformat import value_from_json
from kormo.offices.access import Action, access_office, visible_offices
from kormo.offices.selectors import membership_list_for_user
from kormo.plans.access import access_plan, visible_plans
from kormo.plans.convert import plan_to_domain
from kormo.plans.uniqueness import UniquenessError
from kormo.progress.errors import ProgressError, ProgressErrorCode
from kormo.progress.services import UNSET, progress_record

logger = logging.getLogger(__name__)

# A refused progress action that conflicts with the state of the data (try again after
# reloading, or after the report is returned) rather than with the request itself.
_CONFLICTS = frozenset({ProgressErrorCode.STALE_VERSION, ProgressErrorCode.REPORT_LOCKED,
                        ProgressErrorCode.WRONG_STATE, ProgressErrorCode.PLAN_NOT_IN_FORCE,
                        ProgressErrorCode.QUARTERS_OPEN})


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`: the token's person becomes `request.user`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token.strip())
        if user is not None:
            request.user = user
        return user


class ObjectParser(Parser):
    """Request bodies are JSON objects; anything else (an array, a number, NaN) is refused
    as unreadable (400) rather than read as an empty object."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body, parse_constant=_refuse_constant)
        if not isinstance(data, dict):
            raise ValueError("the body must be a JSON object")
        return data


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


api = NinjaAPI(
    title="Kormo API",
    version="1",
    description=(
        "Plans, progress and scores of Annual Performance Agreements and action plans, and "
        "the writing of a quarter's progress. Authentication: `Authorization: Bearer <token>` "
        "(tokens: `manage.py kormo_api_token create USER --name ...` or the admin). Errors: "
        '`{"error": {"code", "bn", "en", "place"}}`. See docs/api.md.'
    ),
    auth=BearerToken(),
    parser=ObjectParser(),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs_decorator=require_safe,  # the description and its page answer GET and HEAD only
)

READ_ERRORS: dict[int, Any] = {401: s.ErrorOut, 404: s.ErrorOut, 422: s.ErrorOut}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 400: s.ErrorOut, 409: s.ErrorOut}


def _native(data: Any) -> Any:
    """Plain JSON types (decimals as numbers, as the plan format writes them)."""
    def default(o: Any) -> Any:
        if isinstance(o, Decimal):
            return int(o) if o == o.to_integral_value() else float(o)
        if isinstance(o, dt.date):  # dates and datetimes
            return o.isoformat()
        raise TypeError(type(o).__name__)

    return json.loads(json.dumps(data, default=default))


# ---------------------------------------------------------------- errors


def _reply(request: HttpRequest, body: dict[str, Any], status: int) -> HttpResponse:
    return api.create_response(request, body, status=status)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = _reply(request, catalogue_body(ApiErrorCode.UNAUTHENTICATED), 401)
    response["WWW-Authenticate"] = 'Bearer realm="kormo"'
    return response


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _reply(request, catalogue_body(ApiErrorCode.NOT_FOUND), 404)


def _where(loc: Any) -> str:
    return ".".join(str(p) for p in loc) if isinstance(loc, list | tuple) else str(loc)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
               "type": str(e.get("type", ""))} for e in exc.errors]
    summary = "; ".join(f"{_where(d['loc'])}: {d['msg']}" for d in detail[:5])[:500]
    place = _where(detail[0]["loc"]) if detail else ""
    return _reply(request, catalogue_body(ApiErrorCode.INVALID_REQUEST, place, detail,
                                          detail=summary, where=place or "-"), 422)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _reply(request, catalogue_body(ApiErrorCode.BAD_REQUEST, detail=str(exc)),
                  exc.status_code)


@api.exception_handler(InputError)
def _refused(request: HttpRequest, exc: InputError) -> HttpResponse:
    code = getattr(exc, "code", ApiErrorCode.BAD_VALUE)
    if isinstance(exc, ApiError):
        status = exc.status
    elif isinstance(exc, ProgressError):
        status = 409 if exc.code in _CONFLICTS else 400
    elif isinstance(exc, UniquenessError):
        status = 409  # a stored plan or number is in the way
    else:
        status = 400
    return _reply(request, error_body(str(code), exc.bn, exc.en, exc.place), status)


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
    return _reply(request, catalogue_body(ApiErrorCode.SERVER_ERROR), 500)


# ---------------------------------------------------------------- who am I


@api.get("/me", response={200: s.MeOut, **READ_ERRORS}, tags=["people"],
         summary="The person the token acts for, with their roles")
def me(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    rows = membership_list_for_user(user)
    return {
        "username": user.get_username(),
        "full_name": getattr(user, "get_full_name", lambda: "")(),
        "is_superuser": bool(getattr(user, "is_superuser", False)),
        "memberships": [{"office_id": m.office_id, "office_code": m.office.code, "role": m.role}
                        for m in rows],
    }


# ---------------------------------------------------------------- offices


def _office_out(o: Any) -> dict[str, Any]:
    return {"id": o.pk, "code": o.code, "name": o.name, "name_en": o.name_en, "tier": o.tier,
            "parent_id": o.parent_id}


@api.get("/offices", response={200: s.OfficePage, **READ_ERRORS}, tags=["offices"],
         summary="The offices you may see (yours and every office under them)")
def office_list(request: HttpRequest,
                limit: Annotated[int, Query(ge=1, le=1000)] = 100,
                offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> dict[str, Any]:
    offices = visible_offices(request.user).order_by("path", "pk")
    return {"count": offices.count(),
            "items": [_office_out(o) for o in offices[offset:offset + limit]]}


@api.get("/offices/{office_id}", response={200: s.OfficeOut, **READ_ERRORS}, tags=["offices"],
         summary="One office")
def office_detail(request: HttpRequest,
                  office_id: s.OfficeId) -> dict[str, Any]:
    return _office_out(access_office(request.user, office_id, Action.READ))


# ---------------------------------------------------------------- plans


@api.get("/plans", response={200: s.PlanPage, **READ_ERRORS}, tags=["plans"],
         summary="The plans you may see (templates excluded), newest first")
def plan_list(request: HttpRequest,
              office_id: Annotated[int | None, Query(ge=1, le=s.MAX_ID)] = None,
              fiscal_year: Annotated[str | None, Query(pattern=s.YEAR_PATTERN)] = None,
              kind: s.PlanKindName | None = None,
              state: s.PlanStateName | None = None,
              current: Annotated[bool | None, Query(description="only current versions")] = None,
              limit: Annotated[int, Query(ge=1, le=1000)] = 100,
              offset: Annotated[int, Query(ge=0, le=10**9)] = 0) -> dict[str, Any]:
    plans = visible_plans(request.user).filter(is_template=False).select_related("office")
    if office_id is not None:
        plans = plans.filter(office_id=office_id)
    if fiscal_year is not None:
        plans = plans.filter(fiscal_year=fiscal_year)
    if kind is not None:
        plans = plans.filter(kind=kind)
    if state is not None:
        plans = plans.filter(state=state)
    if current is not None:
        plans = plans.filter(is_current=current)
    plans = plans.order_by("-fiscal_year", "office_id", "kind", "-revision", "pk")
    return {"count": plans.count(),
            "items": [selectors.plan_out(p) for p in plans[offset:offset + limit]]}


@api.get("/plans/{plan_id}", response={200: s.PlanDetailOut, **READ_ERRORS}, tags=["plans"],
         summary="One plan, with the whole plan in the plan format")
def plan_detail(request: HttpRequest,
                plan_id: s.PlanId) -> dict[str, Any]:
    plan = access_plan(request.user, plan_id, Action.READ)
    document = json.loads(plan_dumps([plan_to_domain(plan.pk)]))
    return {"plan": selectors.plan_out(plan), "document": document}


@api.get("/plans/{plan_id}/progress", response={200: s.ProgressOut, **READ_ERRORS},
         tags=["progress"], summary="The plan's reports and every quarter's values")
def plan_progress(request: HttpRequest,
                  plan_id: s.PlanId) -> dict[str, Any]:
    plan = access_plan(request.user, plan_id, Action.READ)
    return _native(selectors.progress_out(plan))  # type: ignore[no-any-return]


@api.get("/plans/{plan_id}/scores", response={200: s.ScoresOut, **READ_ERRORS},
         tags=["scores"], summary="The plan's scores from the current data")
def plan_scores(request: HttpRequest,
                plan_id: s.PlanId) -> dict[str, Any]:
    plan = access_plan(request.user, plan_id, Action.READ)
    return {"plan_id": plan.pk, "score": _native(selectors.plan_scores(plan))}


@api.put("/plans/{plan_id}/progress/{indicator_ref}/{quarter}",
         response={200: s.ValueOut, **WRITE_ERRORS}, tags=["progress"],
         summary="Record a quarter's achievement of one indicator")
def progress_put(request: HttpRequest, body: s.ProgressIn,
                 plan_id: s.PlanId, indicator_ref: s.IndicatorRef,
                 quarter: s.QuarterName) -> dict[str, Any]:
    """The same as saving the cell on the report page (`progress_record`): the value is
    checked against the indicator's unit, the change is recorded with its reason and the
    office's score is recalculated. Nobody is notified: the supervising office hears of the
    report when it is submitted (`report_submit`) or from the daily reminders. Only the
    office's focal points may write (anyone else: 404)."""
    plan = access_plan(request.user, plan_id, Action.WRITE)
    given = body.model_fields_set
    if "text" in given and body.text is not None and "value" in given:
        raise ApiError(ApiErrorCode.AMBIGUOUS_VALUE, 400, "value")
    value: Any = UNSET
    if "value" in given:
        try:
            value = value_from_json(body.value, "value")
        except InputError:
            raise
        except (TypeError, ValueError, ArithmeticError):
            raise ApiError(ApiErrorCode.BAD_VALUE, 400, "value") from None
    if body.text is None and value is UNSET and body.inputs is None and body.remarks is None:
        raise ApiError(ApiErrorCode.NOTHING_TO_RECORD, 400)
    inputs = None if body.inputs is None else {k: str(v) for k, v in body.inputs.items()}
    with transaction.atomic():
        progress_record(plan=plan, indicator_ref=indicator_ref, quarter=quarter,
                        actor=request.user, text=body.text, value=value, remarks=body.remarks,
                        inputs=inputs, reason=body.reason,
                        expected_version=body.expected_version)
        return _native(selectors.value_out(plan, indicator_ref, quarter))  # type: ignore
