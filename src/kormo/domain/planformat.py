"""The Kormo plan format: JSON ↔ domain objects (docs/plan-format.md).

A file holds one or more plans with their progress. Values are typed (DOMAIN.md "Structure
rules"): a JSON number is a quantity, and objects mark the other kinds — {"percent": 85},
{"money": 12000}, {"date": "2022-12-12"}, {"month": "2023-04"}, {"blank": "-"},
{"not_applicable": true}; null is an empty cell. Numbers are read as Decimal so that nothing is
lost between the file, the database and the scores.

Reading checks the JSON Schema first, then the meaning (valid dates, known units) and raises
`PlanFormatError` with a message in Bengali and English; it never lets a traceback escape for a
bad file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from kormo.domain.errors import InputError
from kormo.domain.plan import (
    Acronym,
    Activity,
    Area,
    AreaKind,
    CalculationMethod,
    Dependency,
    Indicator,
    Outcome,
    Overview,
    Party,
    Plan,
    PlanKind,
    ProgressValue,
    Quantity,
    Quarter,
    RegisterEntry,
    Signature,
    SourceNote,
    TargetLevels,
    Tier,
    Unit,
    WorkItem,
    YearValue,
)
from kormo.domain.values import (
    Blank,
    DateValue,
    Money,
    MonthValue,
    NotApplicable,
    Number,
    Percent,
    Value,
)

FORMAT_NAME = "kormo-plan"
FORMAT_VERSION = 1


class PlanFormatError(InputError):
    """A plan file that cannot be read."""


@cache
def plan_schema() -> dict[str, Any]:
    text = resources.files("kormo.domain").joinpath("plan.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


# ---------------------------------------------------------------- values


def value_from_json(raw: Any, place: str = "") -> Value | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise PlanFormatError("অবোধগম্য মান", "unreadable value", place)
    if isinstance(raw, int | Decimal | float):
        return Number(Decimal(str(raw)) if isinstance(raw, float) else Decimal(raw))
    if isinstance(raw, dict) and len(raw) == 1:
        ((key, inner),) = raw.items()
        if key == "percent":
            return Percent(Decimal(inner))
        if key == "money":
            return Money(Decimal(inner))
        if key == "date":
            return DateValue(_date(inner, place))
        if key == "month":
            year, month = _month(inner, place)
            return MonthValue(year, month)
        if key == "blank":
            return Blank(str(inner))
        if key == "not_applicable" and inner is True:
            return NotApplicable()
    raise PlanFormatError("অবোধগম্য মান", "unreadable value", place)


def value_to_json(value: Value | None) -> Any:
    match value:
        case None:
            return None
        case Number(v):
            return v
        case Percent(v):
            return {"percent": v}
        case Money(v):
            return {"money": v}
        case DateValue(d):
            return {"date": d.isoformat()}
        case MonthValue(y, m):
            return {"month": f"{y:04d}-{m:02d}"}
        case Blank(mark):
            return {"blank": mark}
        case NotApplicable():
            return {"not_applicable": True}
    raise TypeError(f"not a value: {value!r}")


def _date(raw: Any, place: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise PlanFormatError(
            f"অসম্ভব তারিখ: {raw}", f"impossible date: {raw}", place
        ) from None


def _opt_date(raw: Any, place: str) -> dt.date | None:
    return None if raw is None else _date(raw, place)


def _month(raw: Any, place: str) -> tuple[int, int]:
    try:
        y, m = str(raw).split("-")
        year, month = int(y), int(m)
        dt.date(year, month, 1)
    except ValueError:
        raise PlanFormatError(f"অসম্ভব মাস: {raw}", f"impossible month: {raw}", place) from None
    return year, month


def _dec(raw: Any) -> Decimal | None:
    return None if raw is None else Decimal(raw)


def _enum(enum: type, raw: Any, place: str, what_bn: str, what_en: str) -> Any:
    try:
        return enum(raw)
    except ValueError:
        raise PlanFormatError(
            f"অজানা {what_bn}: {raw}", f"unknown {what_en}: {raw}", place
        ) from None


# ---------------------------------------------------------------- reading


def _year_values(raw: Iterable[dict[str, Any]], place: str) -> tuple[YearValue, ...]:
    return tuple(
        YearValue(
            fiscal_year=r["fiscal_year"],
            value=value_from_json(r.get("value"), place),
            provisional=bool(r.get("provisional", False)),
        )
        for r in raw
    )


def _indicator(raw: dict[str, Any]) -> Indicator:
    place = raw["number"]
    levels_raw = raw.get("levels") or {}
    dep = raw.get("dependency")
    return Indicator(
        number=raw["number"],
        name=raw["name"],
        unit=_enum(Unit, raw["unit"], place, "একক", "unit"),
        weight=_dec(raw.get("weight")),
        unit_label=raw.get("unit_label", ""),
        calculation_method=(
            None
            if raw.get("calculation_method") is None
            else _enum(CalculationMethod, raw["calculation_method"], place, "গণনা পদ্ধতি",
                       "calculation method")
        ),
        actuals=_year_values(raw.get("actuals", ()), place),
        levels=TargetLevels(
            *(value_from_json(levels_raw.get(str(p)), place) for p in (100, 90, 80, 70, 60))
        ),
        annual_target=value_from_json(raw.get("annual_target"), place),
        quarterly_targets=tuple(
            (Quarter(q), v)
            for q, r in sorted((raw.get("quarterly_targets") or {}).items())
            if (v := value_from_json(r, place)) is not None
        ),
        projections=_year_values(raw.get("projections", ()), place),
        responsible=raw.get("responsible", ""),
        implementing_unit=raw.get("implementing_unit", ""),
        evidence=raw.get("evidence", ""),
        dependency=None
        if dep is None
        else Dependency(dep["offices"], dep.get("strategy", ""), dep.get("activity_text", ""),
                        dep.get("indicator_text", "")),
        feeds_from=(
            None
            if raw.get("feeds_from") is None
            else _enum(PlanKind, raw["feeds_from"], place, "পরিকল্পনার ধরন", "plan kind")
        ),
        fallback_for=raw.get("fallback_for"),
        derivation=raw.get("derivation"),
        remarks=raw.get("remarks", ""),
    )


def _area(raw: dict[str, Any]) -> Area:
    return Area(
        number=raw["number"],
        name=raw["name"],
        weight=_dec(raw.get("weight")),
        kind=AreaKind(raw.get("kind", "office")),
        choose_at_least=raw.get("choose_at_least"),
        note=raw.get("note", ""),
        activities=tuple(
            Activity(
                number=a["number"],
                name=a["name"],
                indicators=tuple(_indicator(i) for i in a.get("indicators", ())),
                not_applicable_tiers=tuple(Tier(t) for t in a.get("not_applicable_tiers", ())),
                remarks=a.get("remarks", ""),
            )
            for a in raw.get("activities", ())
        ),
    )


def _party(raw: dict[str, Any]) -> Party:
    return Party(post=raw.get("post", ""), office=raw.get("office", ""), name=raw.get("name", ""))


def _work_item(raw: dict[str, Any]) -> WorkItem:
    q = raw.get("quantity")
    place = f"{raw['term']} {raw['number']}"
    return WorkItem(
        term=raw["term"],
        number=raw["number"],
        subject=raw["subject"],
        plan=raw.get("plan", ""),
        actions=tuple(raw.get("actions", ())),
        quantity=None
        if q is None
        else Quantity(
            value=_dec(q.get("value")),
            unit_label=q.get("unit_label", ""),
            expression=q.get("expression", ""),
            text=q.get("text", ""),
        ),
        period=raw.get("period", ""),
        period_start=_opt_date(raw.get("period_start"), place),
        period_end=_opt_date(raw.get("period_end"), place),
    )


def _register_entry(raw: dict[str, Any]) -> RegisterEntry:
    return RegisterEntry(
        number=raw["number"],
        name=raw["name"],
        description=raw.get("description", ""),
        working=raw.get("working"),
        not_working_reason=raw.get("not_working_reason", ""),
        recipients_get_result=raw.get("recipients_get_result"),
        link=raw.get("link", ""),
        order_date=_opt_date(raw.get("order_date"), raw["number"]),
        remarks=raw.get("remarks", ""),
    )


def _progress(raw: dict[str, Any]) -> ProgressValue:
    place = f"{raw['indicator']} {raw['quarter']}"
    return ProgressValue(
        indicator=raw["indicator"],
        quarter=Quarter(raw["quarter"]),
        value=value_from_json(raw.get("value"), place),
        evidence=tuple(raw.get("evidence", ())),
        remarks=raw.get("remarks", ""),
        inputs=tuple((k, Decimal(v)) for k, v in (raw.get("inputs") or {}).items()),
        published_score=_dec(raw.get("published_score")),
    )


def plan_from_dict(raw: dict[str, Any]) -> Plan:
    ov = raw.get("overview")
    return Plan(
        id=raw.get("id", ""),
        kind=PlanKind(raw["kind"]),
        fiscal_year=raw["fiscal_year"],
        office=raw["office"],
        office_tier=None if raw.get("office_tier") is None else Tier(raw["office_tier"]),
        supervisor=raw.get("supervisor", ""),
        title=raw.get("title", ""),
        subtitle=raw.get("subtitle", ""),
        parent=raw.get("parent", ""),
        total_weight=_dec(raw.get("total_weight")),
        overview=None
        if ov is None
        else Overview(
            achievements=ov.get("achievements", ""),
            challenges=ov.get("challenges", ""),
            future_plans=ov.get("future_plans", ""),
            expected_achievements=tuple(ov.get("expected_achievements", ())),
        ),
        preamble_parties=tuple(_party(p) for p in raw.get("preamble_parties", ())),
        preamble=raw.get("preamble", ""),
        vision=raw.get("vision", ""),
        mission=raw.get("mission", ""),
        functions=tuple(raw.get("functions", ())),
        outcomes=tuple(
            Outcome(
                outcome=o["outcome"],
                indicator=o["indicator"],
                unit=_enum(Unit, o["unit"], o["indicator"], "একক", "unit"),
                unit_label=o.get("unit_label", ""),
                actuals=_year_values(o.get("actuals", ()), o["indicator"]),
                target=value_from_json(o.get("target"), o["indicator"]),
                projections=_year_values(o.get("projections", ()), o["indicator"]),
                joint_responsibility=o.get("joint_responsibility", ""),
                data_source=o.get("data_source", ""),
            )
            for o in raw.get("outcomes", ())
        ),
        areas=tuple(_area(a) for a in raw.get("areas", ())),
        acronyms=tuple(Acronym(a["short"], a["meaning"]) for a in raw.get("acronyms", ())),
        commitments=tuple(raw.get("commitments", ())),
        signatures=tuple(
            Signature(
                party=_party(s),
                signed_on=_opt_date(s.get("signed_on"), "signature"),
                role=s.get("role", ""),
            )
            for s in raw.get("signatures", ())
        ),
        work_items=tuple(_work_item(w) for w in raw.get("work_items", ())),
        register=tuple(_register_entry(r) for r in raw.get("register", ())),
        progress=tuple(_progress(p) for p in raw.get("progress", ())),
        notes=tuple(raw.get("notes", ())),
        source_notes=tuple(SourceNote(n["place"], n["note"]) for n in raw.get("source_notes", ())),
    )


def _schema_error_place(error: jsonschema.ValidationError) -> str:
    return "/".join(str(p) for p in error.absolute_path)


def plans_from_document(doc: Any) -> list[Plan]:
    """Check a parsed JSON document against the schema and build its plans."""
    validator = jsonschema.Draft202012Validator(
        plan_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    if error is not None:
        raise PlanFormatError(
            "ফাইলটি পরিকল্পনা-ফরম্যাটের সাথে মেলে না",
            f"the file does not match the plan format: {error.message}",
            _schema_error_place(error),
        )
    return [plan_from_dict(p) for p in doc["plans"]]


def loads(text: str | bytes) -> list[Plan]:
    """Read a plan file's text; raises PlanFormatError for anything that is not a valid file."""
    try:
        doc = json.loads(text, parse_float=Decimal)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PlanFormatError(
            "ফাইলটি বৈধ JSON নয়", f"the file is not valid JSON: {exc}"
        ) from None
    return plans_from_document(doc)


def load_path(path: str) -> list[Plan]:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise PlanFormatError(
            f"ফাইলটি খোলা যায়নি: {path}", f"cannot open the file: {exc.strerror}"
        ) from None
    return loads(data)


# ---------------------------------------------------------------- writing


def _year_values_out(values: Iterable[YearValue]) -> list[dict[str, Any]]:
    out = []
    for yv in values:
        d: dict[str, Any] = {"fiscal_year": yv.fiscal_year, "value": value_to_json(yv.value)}
        if yv.provisional:
            d["provisional"] = True
        out.append(d)
    return out


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    """Leave out defaults so files stay readable; required keys are always kept by callers."""
    return {k: v for k, v in d.items() if v not in (None, "", [], {}, ())}


def _indicator_out(i: Indicator) -> dict[str, Any]:
    levels = {str(p): value_to_json(v) for p, v in i.levels.as_pairs() if v is not None}
    d = _drop_empty(
        {
            "calculation_method": i.calculation_method,
            "unit_label": i.unit_label,
            "weight": i.weight,
            "actuals": _year_values_out(i.actuals),
            "levels": levels,
            "annual_target": value_to_json(i.annual_target),
            "quarterly_targets": {q.value: value_to_json(v) for q, v in i.quarterly_targets},
            "projections": _year_values_out(i.projections),
            "responsible": i.responsible,
            "implementing_unit": i.implementing_unit,
            "evidence": i.evidence,
            "dependency": None
            if i.dependency is None
            else {"offices": i.dependency.offices, "strategy": i.dependency.strategy,
                  **_drop_empty({"activity_text": i.dependency.activity_text,
                                 "indicator_text": i.dependency.indicator_text})},
            "feeds_from": i.feeds_from,
            "fallback_for": i.fallback_for,
            "derivation": i.derivation,
            "remarks": i.remarks,
        }
    )
    return {"number": i.number, "name": i.name, "unit": i.unit.value, **d}


def _str_enums(d: Any) -> Any:
    if isinstance(d, dict):
        return {k: _str_enums(v) for k, v in d.items()}
    if isinstance(d, list):
        return [_str_enums(v) for v in d]
    if hasattr(d, "value") and isinstance(getattr(d, "value", None), str):
        return d.value
    return d


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    ov = plan.overview
    body = _drop_empty(
        {
            "office_tier": plan.office_tier,
            "supervisor": plan.supervisor,
            "title": plan.title,
            "subtitle": plan.subtitle,
            "parent": plan.parent,
            "total_weight": plan.total_weight,
            "overview": None
            if ov is None
            else _drop_empty(
                {
                    "achievements": ov.achievements,
                    "challenges": ov.challenges,
                    "future_plans": ov.future_plans,
                    "expected_achievements": list(ov.expected_achievements),
                }
            ),
            "preamble_parties": [_drop_empty(vars_of(p)) for p in plan.preamble_parties],
            "preamble": plan.preamble,
            "vision": plan.vision,
            "mission": plan.mission,
            "functions": list(plan.functions),
            "outcomes": [
                {
                    "outcome": o.outcome,
                    "indicator": o.indicator,
                    "unit": o.unit.value,
                    **_drop_empty(
                        {
                            "unit_label": o.unit_label,
                            "actuals": _year_values_out(o.actuals),
                            "target": value_to_json(o.target),
                            "projections": _year_values_out(o.projections),
                            "joint_responsibility": o.joint_responsibility,
                            "data_source": o.data_source,
                        }
                    ),
                }
                for o in plan.outcomes
            ],
            "areas": [
                {
                    "number": a.number,
                    "name": a.name,
                    "weight": a.weight,
                    "kind": a.kind.value,
                    **_drop_empty({"choose_at_least": a.choose_at_least, "note": a.note}),
                    "activities": [
                        {
                            "number": act.number,
                            "name": act.name,
                            **_drop_empty(
                                {
                                    "not_applicable_tiers": [t.value for t in
                                                             act.not_applicable_tiers],
                                    "remarks": act.remarks,
                                }
                            ),
                            "indicators": [_indicator_out(i) for i in act.indicators],
                        }
                        for act in a.activities
                    ],
                }
                for a in plan.areas
            ],
            "acronyms": [{"short": a.short, "meaning": a.meaning} for a in plan.acronyms],
            "commitments": list(plan.commitments),
            "signatures": [
                _drop_empty(
                    {
                        **vars_of(s.party),
                        "signed_on": None if s.signed_on is None else s.signed_on.isoformat(),
                        "role": s.role,
                    }
                )
                for s in plan.signatures
            ],
            "work_items": [
                {
                    "term": w.term,
                    "number": w.number,
                    "subject": w.subject,
                    **_drop_empty(
                        {
                            "plan": w.plan,
                            "actions": list(w.actions),
                            "quantity": None
                            if w.quantity is None
                            else _drop_empty(vars_of(w.quantity)) | {"value": w.quantity.value},
                            "period": w.period,
                            "period_start": None if w.period_start is None
                            else w.period_start.isoformat(),
                            "period_end": None if w.period_end is None
                            else w.period_end.isoformat(),
                        }
                    ),
                }
                for w in plan.work_items
            ],
            "register": [
                {
                    "number": r.number,
                    "name": r.name,
                    **_drop_empty(
                        {
                            "description": r.description,
                            "not_working_reason": r.not_working_reason,
                            "link": r.link,
                            "order_date": None if r.order_date is None
                            else r.order_date.isoformat(),
                            "remarks": r.remarks,
                        }
                    ),
                    "working": r.working,
                    "recipients_get_result": r.recipients_get_result,
                }
                for r in plan.register
            ],
            "progress": [
                {
                    "indicator": p.indicator,
                    "quarter": p.quarter.value,
                    "value": value_to_json(p.value),
                    **_drop_empty(
                        {
                            "evidence": list(p.evidence),
                            "remarks": p.remarks,
                            "inputs": dict(p.inputs),
                            "published_score": p.published_score,
                        }
                    ),
                }
                for p in plan.progress
            ],
            "notes": list(plan.notes),
            "source_notes": [{"place": n.place, "note": n.note} for n in plan.source_notes],
        }
    )
    head = {"id": plan.id, "kind": plan.kind.value, "fiscal_year": plan.fiscal_year,
            "office": plan.office}
    out: dict[str, Any] = _str_enums({**_drop_empty(head), **head, **body})
    return out


def vars_of(obj: Any) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in obj.__slots__}


class _DecimalEncoder(json.JSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            # Integral decimals are written as integers; others keep every digit.
            return int(o) if o == o.to_integral_value() else float(o)
        return super().default(o)


def document(plans: Iterable[Plan]) -> dict[str, Any]:
    return {"format": FORMAT_NAME, "version": FORMAT_VERSION,
            "plans": [plan_to_dict(p) for p in plans]}


def dumps(plans: Iterable[Plan]) -> str:
    return json.dumps(document(plans), ensure_ascii=False, indent=2, cls=_DecimalEncoder)
