"""Whole plans between the domain (`kormo.domain.plan.Plan`) and the plan tables.

Why one module: every other part of Kormo works on the pure domain object (scoring,
validation, documents), and pages need a whole plan at once. Saving writes each table with one
`bulk_create` (one INSERT per table, or per batch of 999 parameters on SQLite), so the number of
queries does not grow with the number of rows; loading reads each table with one query, so
`plan_to_domain` costs exactly `PLAN_TO_DOMAIN_QUERIES` queries whatever the plan's size, and
`plans_to_domain` the same for any number of plans (the open data and the API read an office's
or the country's plans at once; STYLE.md: fixed query counts, pinned in
tests/plans/test_convert.py and tests/plans/test_plans_to_domain.py).

`plan_to_domain(plan_save_from_domain(plan=p, office=o).pk) == p` for every plan whose numbers
fit the columns (see `kormo.plans.values`); anything else is refused, never rounded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import Model, QuerySet

from kormo.domain import plan as d
from kormo.domain.planformat import load_path
from kormo.offices.models import Office
from kormo.plans import models as m
from kormo.plans.values import (
    decimal_from_db,
    decimal_to_db,
    value_from_columns,
    value_to_columns,
)

# One query per table, for one plan or many (`plans_to_domain`): plans (with their office),
# texts, parties, outcomes, outcome values, acronyms, areas, activities, indicators, indicator
# values, work items, work item actions, register entries, progress values, progress evidence,
# progress inputs, source notes.
PLAN_TO_DOMAIN_QUERIES = 17

_M = TypeVar("_M", bound=Model)

_TEXT_SECTIONS = (
    m.PlanText.Section.FUNCTION,
    m.PlanText.Section.EXPECTED_ACHIEVEMENT,
    m.PlanText.Section.COMMITMENT,
    m.PlanText.Section.NOTE,
)


# ---------------------------------------------------------------- saving


def _bulk(model: type[_M], rows: list[_M]) -> list[_M]:
    """Insert `rows` in one statement; their primary keys are set afterwards (RETURNING).

    Children refer to these rows by id, so a database that cannot return the ids of a bulk
    insert (SQLite before 3.35, MySQL) is refused rather than left with orphans.
    """
    created = model._default_manager.bulk_create(rows)
    if any(r.pk is None for r in created):
        raise RuntimeError("the database did not return the ids of inserted rows")
    return created


def _year_value_kwargs(
    values: Sequence[d.YearValue], role: str, year_field: str, place: str
) -> list[dict[str, Any]]:
    """Column values of a series of YearValue rows (actuals or projections)."""
    return [
        {
            "role": role,
            "position": pos,
            year_field: yv.fiscal_year,
            "provisional": yv.provisional,
            **value_to_columns(yv.value, "value", f"{place} {yv.fiscal_year}"),
        }
        for pos, yv in enumerate(values)
    ]


def _indicator_value_rows(indicator: d.Indicator, row: m.Indicator) -> list[m.IndicatorValue]:
    place = row.ref
    out: list[m.IndicatorValue] = []
    role = m.IndicatorValue.Role
    for role_value, values in (
        (role.ACTUAL, indicator.actuals),
        (role.PROJECTION, indicator.projections),
    ):
        out += [
            m.IndicatorValue(indicator=row, **kw)
            for kw in _year_value_kwargs(values, role_value, "key", place)
        ]
    # Position = the level's place in the five (100 % first); blank levels have no row.
    for pos, (percent, value) in enumerate(indicator.levels.as_pairs()):
        if value is not None:
            out.append(
                m.IndicatorValue(
                    indicator=row,
                    role=role.LEVEL,
                    position=pos,
                    key=str(percent),
                    **value_to_columns(value, "value", f"{place} {percent}%"),
                )
            )
    for pos, (quarter, value) in enumerate(indicator.quarterly_targets):
        out.append(
            m.IndicatorValue(
                indicator=row,
                role=role.QUARTERLY_TARGET,
                position=pos,
                key=d.Quarter(quarter).value,
                **value_to_columns(value, "value", f"{place} {quarter}"),
            )
        )
    return out


def _plan_row(plan: d.Plan, office: Office) -> m.Plan:
    overview = plan.overview
    parent = None
    if plan.parent:
        parent = (
            m.Plan.objects.filter(office=office, external_id=plan.parent).order_by("-pk").first()
        )
    return m.Plan(
        office=office,
        kind=d.PlanKind(plan.kind).value,
        fiscal_year=plan.fiscal_year,
        external_id=plan.id,
        title=plan.title,
        office_name=plan.office,
        office_tier="" if plan.office_tier is None else d.Tier(plan.office_tier).value,
        supervisor=plan.supervisor,
        parent=parent,
        parent_external_id=plan.parent,
        total_weight=decimal_to_db(plan.total_weight, "total_weight"),
        has_overview=overview is not None,
        overview_achievements="" if overview is None else overview.achievements,
        overview_challenges="" if overview is None else overview.challenges,
        overview_future_plans="" if overview is None else overview.future_plans,
        preamble=plan.preamble,
        vision=plan.vision,
        mission=plan.mission,
    )


def _plan_delete_same(plan: d.Plan, office: Office) -> int:
    """Delete the stored plans that `plan` replaces: same office, kind, year and file id."""
    deleted, _ = m.Plan.objects.filter(
        office=office,
        kind=d.PlanKind(plan.kind).value,
        fiscal_year=plan.fiscal_year,
        external_id=plan.id,
    ).delete()
    return deleted


@transaction.atomic
def plan_save_from_domain(*, plan: d.Plan, office: Office, replace: bool = False,
                          template: bool = False, current: bool = True) -> m.Plan:
    """Store `plan` (with its progress) as rows of `office`; all or nothing.

    `replace=True` first deletes the plans with the same office, kind, fiscal year and file id
    (`Plan.id`), which makes loading a file twice idempotent. A value that cannot be stored
    exactly raises `kormo.plans.values.ValueStoreError`, a broken constraint IntegrityError;
    either way no row of this call remains.
    """
    if replace:
        _plan_delete_same(plan, office)
    row = _plan_row(plan, office)
    # A template, or a scratch copy, is one from its first insert: it never counts as the
    # office's current plan (the plan_one_current_unique constraint).
    row.is_template, row.is_current = template, current
    row.save(force_insert=True)
    if plan.id:
        # Annexes saved before this plan (or orphaned by a replace) point at it again.
        m.Plan.objects.filter(
            office=office, parent_external_id=plan.id, parent__isnull=True
        ).exclude(pk=row.pk).update(parent=row)

    overview_items = () if plan.overview is None else plan.overview.expected_achievements
    section_items = dict(
        zip(
            _TEXT_SECTIONS,
            (plan.functions, overview_items, plan.commitments, plan.notes),
            strict=True,
        )
    )
    _bulk(
        m.PlanText,
        [
            m.PlanText(plan=row, section=section, position=pos, text=text)
            for section, items in section_items.items()
            for pos, text in enumerate(items)
        ],
    )
    _bulk(
        m.Party,
        [
            *(
                m.Party(
                    plan=row,
                    section=m.Party.Section.PREAMBLE,
                    position=pos,
                    post=p.post,
                    office_name=p.office,
                    name=p.name,
                )
                for pos, p in enumerate(plan.preamble_parties)
            ),
            *(
                m.Party(
                    plan=row,
                    section=m.Party.Section.SIGNATURE,
                    position=pos,
                    post=s.party.post,
                    office_name=s.party.office,
                    name=s.party.name,
                    signed_on=s.signed_on,
                    role=s.role,
                )
                for pos, s in enumerate(plan.signatures)
            ),
        ],
    )
    _save_outcomes(plan, row)
    _bulk(
        m.Acronym,
        [
            m.Acronym(plan=row, position=pos, short=a.short, meaning=a.meaning)
            for pos, a in enumerate(plan.acronyms)
        ],
    )
    indicators_by_ref = _save_areas(plan, row)
    _save_work_items(plan, row)
    _bulk(
        m.RegisterEntry,
        [
            m.RegisterEntry(
                plan=row,
                position=pos,
                number=r.number,
                name=r.name,
                description=r.description,
                working=r.working,
                not_working_reason=r.not_working_reason,
                recipients_get_result=r.recipients_get_result,
                link=r.link,
                order_date=r.order_date,
                remarks=r.remarks,
            )
            for pos, r in enumerate(plan.register)
        ],
    )
    _save_progress(plan, row, indicators_by_ref)
    _bulk(
        m.SourceNote,
        [
            m.SourceNote(plan=row, position=pos, place=n.place, note=n.note)
            for pos, n in enumerate(plan.source_notes)
        ],
    )
    return row


def _save_outcomes(plan: d.Plan, row: m.Plan) -> None:
    outcome_rows = _bulk(
        m.Outcome,
        [
            m.Outcome(
                plan=row,
                position=pos,
                outcome=o.outcome,
                indicator_name=o.indicator,
                unit=d.Unit(o.unit).value,
                unit_label=o.unit_label,
                joint_responsibility=o.joint_responsibility,
                data_source=o.data_source,
                **value_to_columns(o.target, "target", f"outcome {pos + 1}"),
            )
            for pos, o in enumerate(plan.outcomes)
        ],
    )
    values: list[m.OutcomeValue] = []
    for outcome, orow in zip(plan.outcomes, outcome_rows, strict=True):
        place = f"outcome {orow.position + 1}"
        for role, year_values in (
            (m.YearValueRole.ACTUAL, outcome.actuals),
            (m.YearValueRole.PROJECTION, outcome.projections),
        ):
            values += [
                m.OutcomeValue(outcome=orow, **kw)
                for kw in _year_value_kwargs(year_values, role, "fiscal_year", place)
            ]
    _bulk(m.OutcomeValue, values)


def _save_areas(plan: d.Plan, row: m.Plan) -> dict[str, m.Indicator]:
    area_rows = _bulk(
        m.Area,
        [
            m.Area(
                plan=row,
                position=pos,
                number=a.number,
                name=a.name,
                weight=decimal_to_db(a.weight, f"[{a.number}]"),
                kind=d.AreaKind(a.kind).value,
                choose_at_least=a.choose_at_least,
                note=a.note,
            )
            for pos, a in enumerate(plan.areas)
        ],
    )
    pairs = [
        (
            area,
            activity,
            m.Activity(
                area=arow,
                position=pos,
                number=activity.number,
                name=activity.name,
                not_applicable_tiers=",".join(
                    d.Tier(t).value for t in activity.not_applicable_tiers
                ),
                remarks=activity.remarks,
            ),
        )
        for area, arow in zip(plan.areas, area_rows, strict=True)
        for pos, activity in enumerate(area.activities)
    ]
    _bulk(m.Activity, [p[2] for p in pairs])
    indicators: list[tuple[d.Indicator, m.Indicator]] = []
    for area, activity, act_row in pairs:
        for pos, ind in enumerate(activity.indicators):
            ref = d.indicator_ref(area, ind)
            dep = ind.dependency
            indicators.append(
                (
                    ind,
                    m.Indicator(
                        plan=row,
                        activity=act_row,
                        position=pos,
                        number=ind.number,
                        ref=ref,
                        name=ind.name,
                        unit=d.Unit(ind.unit).value,
                        unit_label=ind.unit_label,
                        weight=decimal_to_db(ind.weight, f"[{ref}]"),
                        calculation_method=""
                        if ind.calculation_method is None
                        else d.CalculationMethod(ind.calculation_method).value,
                        responsible=ind.responsible,
                        implementing_unit=ind.implementing_unit,
                        evidence=ind.evidence,
                        dependency_offices=None if dep is None else dep.offices,
                        dependency_strategy="" if dep is None else dep.strategy,
                        dependency_activity_text="" if dep is None else dep.activity_text,
                        dependency_indicator_text="" if dep is None else dep.indicator_text,
                        feeds_from=""
                        if ind.feeds_from is None
                        else d.PlanKind(ind.feeds_from).value,
                        fallback_for=ind.fallback_for,
                        derivation=ind.derivation,
                        remarks=ind.remarks,
                        **value_to_columns(ind.annual_target, "annual_target", f"[{ref}]"),
                    ),
                )
            )
    _bulk(m.Indicator, [r for _, r in indicators])
    _bulk(m.IndicatorValue, [v for ind, r in indicators for v in _indicator_value_rows(ind, r)])
    return {r.ref: r for _, r in indicators}


def _save_work_items(plan: d.Plan, row: m.Plan) -> None:
    item_rows = _bulk(
        m.WorkItem,
        [
            m.WorkItem(
                plan=row,
                position=pos,
                term=w.term,
                number=w.number,
                subject=w.subject,
                implementation_plan=w.plan,
                has_quantity=w.quantity is not None,
                quantity_value=None
                if w.quantity is None
                else decimal_to_db(w.quantity.value, f"{w.term} {w.number}"),
                quantity_unit_label="" if w.quantity is None else w.quantity.unit_label,
                quantity_expression="" if w.quantity is None else w.quantity.expression,
                quantity_text="" if w.quantity is None else w.quantity.text,
                period=w.period,
                period_start=w.period_start,
                period_end=w.period_end,
            )
            for pos, w in enumerate(plan.work_items)
        ],
    )
    _bulk(
        m.WorkItemAction,
        [
            m.WorkItemAction(work_item=wrow, position=pos, text=text)
            for w, wrow in zip(plan.work_items, item_rows, strict=True)
            for pos, text in enumerate(w.actions)
        ],
    )


def _save_progress(plan: d.Plan, row: m.Plan, indicators_by_ref: dict[str, m.Indicator]) -> None:
    progress_rows = _bulk(
        m.ProgressValue,
        [
            m.ProgressValue(
                plan=row,
                indicator=indicators_by_ref.get(p.indicator),
                indicator_ref=p.indicator,
                quarter=d.Quarter(p.quarter).value,
                position=pos,
                remarks=p.remarks,
                published_score=decimal_to_db(p.published_score, f"{p.indicator} {p.quarter}"),
                **value_to_columns(p.value, "value", f"{p.indicator} {p.quarter}"),
            )
            for pos, p in enumerate(plan.progress)
        ],
    )
    pairs = list(zip(plan.progress, progress_rows, strict=True))
    _bulk(
        m.ProgressEvidence,
        [
            m.ProgressEvidence(progress=prow, position=pos, text=text)
            for p, prow in pairs
            for pos, text in enumerate(p.evidence)
        ],
    )
    _bulk(
        m.ProgressInput,
        [
            m.ProgressInput(
                progress=prow,
                position=pos,
                name=name,
                value=decimal_to_db(value, f"{p.indicator} {p.quarter} {name}"),
            )
            for p, prow in pairs
            for pos, (name, value) in enumerate(p.inputs)
        ],
    )


def plans_save_file(
    path: str, office_resolver: Callable[[d.Plan], Office], *, replace: bool = False
) -> list[m.Plan]:
    """Store every plan of a plan file, each under the office `office_resolver` gives it.

    One transaction for the file: a bad plan file (`PlanFormatError`) stores nothing, and
    neither does a plan that fails to store.
    """
    plans = load_path(path)
    with transaction.atomic():
        return [
            plan_save_from_domain(plan=p, office=office_resolver(p), replace=replace) for p in plans
        ]


# ---------------------------------------------------------------- loading


def _year_values(rows: Iterable[Any], role: str, year_attr: str) -> tuple[d.YearValue, ...]:
    return tuple(
        d.YearValue(
            fiscal_year=getattr(r, year_attr),
            value=value_from_columns(r, "value"),
            provisional=r.provisional,
        )
        for r in rows
        if r.role == role
    )


@dataclass(frozen=True, slots=True)
class LoadedPlan:
    """A stored plan row (with its office) and the same plan as the domain object."""

    row: m.Plan
    domain: d.Plan


def _by(rows: Iterable[Any], *keys: str) -> defaultdict[Any, list[Any]]:
    """Rows (already in document order) grouped by one or more attributes."""
    out: defaultdict[Any, list[Any]] = defaultdict(list)
    for r in rows:
        key = tuple(getattr(r, k) for k in keys)
        out[key if len(keys) > 1 else key[0]].append(r)
    return out


def plans_to_domain(plans: QuerySet[m.Plan]) -> dict[int, LoadedPlan]:
    """Every plan of `plans` (in its order), by id, in `PLAN_TO_DOMAIN_QUERIES` queries."""
    rows = list(plans.select_related("office"))
    if not rows:
        # Nothing to read: the children's queries are skipped (the count is then 1).
        return {}
    ids = plans.values("pk")
    texts = _by(m.PlanText.objects.filter(plan__in=ids).order_by("plan_id", "position"),
                "plan_id", "section")
    parties = _by(m.Party.objects.filter(plan__in=ids).order_by("plan_id", "position"),
                  "plan_id", "section")
    outcomes = _by(m.Outcome.objects.filter(plan__in=ids).order_by("plan_id", "position"),
                   "plan_id")
    outcome_values = _by(m.OutcomeValue.objects.filter(outcome__plan__in=ids).order_by(
        "outcome_id", "position"), "outcome_id")
    acronyms = _by(m.Acronym.objects.filter(plan__in=ids).order_by("plan_id", "position"),
                   "plan_id")
    areas = _by(m.Area.objects.filter(plan__in=ids).order_by("plan_id", "position"), "plan_id")
    activities = _by(m.Activity.objects.filter(area__plan__in=ids).order_by(
        "area_id", "position"), "area_id")
    indicators = _by(m.Indicator.objects.filter(plan__in=ids).order_by(
        "activity_id", "position"), "activity_id")
    indicator_values = _by(m.IndicatorValue.objects.filter(indicator__plan__in=ids).order_by(
        "indicator_id", "position"), "indicator_id")
    work_items = _by(m.WorkItem.objects.filter(plan__in=ids).order_by("plan_id", "position"),
                     "plan_id")
    actions = _by(m.WorkItemAction.objects.filter(work_item__plan__in=ids).order_by(
        "work_item_id", "position"), "work_item_id")
    register = _by(m.RegisterEntry.objects.filter(plan__in=ids).order_by("plan_id", "position"),
                   "plan_id")
    progress = _by(m.ProgressValue.objects.filter(plan__in=ids).order_by("plan_id", "position"),
                   "plan_id")
    evidence = _by(m.ProgressEvidence.objects.filter(progress__plan__in=ids).order_by(
        "progress_id", "position"), "progress_id")
    inputs = _by(m.ProgressInput.objects.filter(progress__plan__in=ids).order_by(
        "progress_id", "position"), "progress_id")
    notes = _by(m.SourceNote.objects.filter(plan__in=ids).order_by("plan_id", "position"),
                "plan_id")

    sections = m.PlanText.Section
    out: dict[int, LoadedPlan] = {}
    for row in rows:
        pk = row.pk

        def text_list(section: str, pk: int = pk) -> tuple[str, ...]:
            return tuple(t.text for t in texts[(pk, section)])

        domain = d.Plan(
            kind=d.PlanKind(row.kind),
            fiscal_year=row.fiscal_year,
            office=row.office_name,
            title=row.title,
            id=row.external_id,
            office_tier=d.Tier(row.office_tier) if row.office_tier else None,
            supervisor=row.supervisor,
            parent=row.parent_external_id,
            total_weight=decimal_from_db(row.total_weight),
            overview=d.Overview(
                achievements=row.overview_achievements,
                challenges=row.overview_challenges,
                future_plans=row.overview_future_plans,
                expected_achievements=text_list(sections.EXPECTED_ACHIEVEMENT),
            ) if row.has_overview else None,
            preamble_parties=tuple(
                d.Party(post=p.post, office=p.office_name, name=p.name)
                for p in parties[(pk, m.Party.Section.PREAMBLE)]
            ),
            preamble=row.preamble,
            vision=row.vision,
            mission=row.mission,
            functions=text_list(sections.FUNCTION),
            outcomes=tuple(
                d.Outcome(
                    outcome=o.outcome,
                    indicator=o.indicator_name,
                    unit=d.Unit(o.unit),
                    unit_label=o.unit_label,
                    actuals=_year_values(outcome_values[o.pk], m.YearValueRole.ACTUAL,
                                         "fiscal_year"),
                    target=value_from_columns(o, "target"),
                    projections=_year_values(outcome_values[o.pk], m.YearValueRole.PROJECTION,
                                             "fiscal_year"),
                    joint_responsibility=o.joint_responsibility,
                    data_source=o.data_source,
                )
                for o in outcomes[pk]
            ),
            areas=tuple(
                d.Area(
                    number=a.number,
                    name=a.name,
                    weight=decimal_from_db(a.weight),
                    kind=d.AreaKind(a.kind),
                    activities=tuple(
                        d.Activity(
                            number=act.number,
                            name=act.name,
                            indicators=tuple(_indicator(i, indicator_values[i.pk])
                                             for i in indicators[act.pk]),
                            not_applicable_tiers=tuple(
                                d.Tier(t) for t in act.not_applicable_tiers.split(",") if t),
                            remarks=act.remarks,
                        )
                        for act in activities[a.pk]
                    ),
                    choose_at_least=a.choose_at_least,
                    note=a.note,
                )
                for a in areas[pk]
            ),
            acronyms=tuple(d.Acronym(short=a.short, meaning=a.meaning) for a in acronyms[pk]),
            commitments=text_list(sections.COMMITMENT),
            signatures=tuple(
                d.Signature(
                    party=d.Party(post=s.post, office=s.office_name, name=s.name),
                    signed_on=s.signed_on,
                    role=s.role,
                )
                for s in parties[(pk, m.Party.Section.SIGNATURE)]
            ),
            work_items=tuple(
                d.WorkItem(
                    term=w.term,
                    number=w.number,
                    subject=w.subject,
                    plan=w.implementation_plan,
                    actions=tuple(a.text for a in actions[w.pk]),
                    quantity=d.Quantity(
                        value=decimal_from_db(w.quantity_value),
                        unit_label=w.quantity_unit_label,
                        expression=w.quantity_expression,
                        text=w.quantity_text,
                    ) if w.has_quantity else None,
                    period=w.period,
                    period_start=w.period_start,
                    period_end=w.period_end,
                )
                for w in work_items[pk]
            ),
            register=tuple(
                d.RegisterEntry(
                    number=r.number,
                    name=r.name,
                    description=r.description,
                    working=r.working,
                    not_working_reason=r.not_working_reason,
                    recipients_get_result=r.recipients_get_result,
                    link=r.link,
                    order_date=r.order_date,
                    remarks=r.remarks,
                )
                for r in register[pk]
            ),
            progress=tuple(
                d.ProgressValue(
                    indicator=p.indicator_ref,
                    quarter=d.Quarter(p.quarter),
                    value=value_from_columns(p, "value"),
                    evidence=tuple(e.text for e in evidence[p.pk]),
                    remarks=p.remarks,
                    inputs=tuple((i.name, decimal_from_db(i.value)) for i in inputs[p.pk]),
                    published_score=decimal_from_db(p.published_score),
                )
                for p in progress[pk]
            ),
            notes=text_list(sections.NOTE),
            source_notes=tuple(d.SourceNote(place=n.place, note=n.note) for n in notes[pk]),
        )
        out[pk] = LoadedPlan(row, domain)
    return out


def plan_to_domain(plan_id: int) -> d.Plan:
    """The stored plan `plan_id` as the domain object, in `PLAN_TO_DOMAIN_QUERIES` queries.

    Raises `kormo.plans.models.Plan.DoesNotExist` for an unknown id.
    """
    loaded = plans_to_domain(m.Plan.objects.filter(pk=plan_id))
    if plan_id not in loaded:
        raise m.Plan.DoesNotExist(f"no plan {plan_id}")
    return loaded[plan_id].domain


def _indicator(row: m.Indicator, values: list[m.IndicatorValue]) -> d.Indicator:
    role = m.IndicatorValue.Role
    levels = {v.key: value_from_columns(v, "value") for v in values if v.role == role.LEVEL}
    return d.Indicator(
        number=row.number,
        name=row.name,
        unit=d.Unit(row.unit),
        weight=decimal_from_db(row.weight),
        unit_label=row.unit_label,
        calculation_method=d.CalculationMethod(row.calculation_method)
        if row.calculation_method
        else None,
        actuals=_year_values(values, role.ACTUAL, "key"),
        levels=d.TargetLevels(*(levels.get(str(p)) for p in d.LEVEL_PERCENTS)),
        annual_target=value_from_columns(row, "annual_target"),
        quarterly_targets=tuple(
            (d.Quarter(v.key), value_from_columns(v, "value"))
            for v in values
            if v.role == role.QUARTERLY_TARGET
        ),
        projections=_year_values(values, role.PROJECTION, "key"),
        responsible=row.responsible,
        implementing_unit=row.implementing_unit,
        evidence=row.evidence,
        dependency=None
        if row.dependency_offices is None
        else d.Dependency(
            offices=row.dependency_offices,
            strategy=row.dependency_strategy,
            activity_text=row.dependency_activity_text,
            indicator_text=row.dependency_indicator_text,
        ),
        feeds_from=d.PlanKind(row.feeds_from) if row.feeds_from else None,
        fallback_for=row.fallback_for,
        derivation=row.derivation,
        remarks=row.remarks,
    )
