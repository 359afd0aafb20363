"""Stored plans back into domain plans (`kormo.domain.plan.Plan`), in a fixed number of queries.

Each table is read with one query for any number of plans (`plan__in=<the plans' query>`
subqueries, never per-plan queries or long id lists), so `plans_to_domain` costs
`PLAN_TO_DOMAIN_QUERIES` queries whatever the plans' size and number (STYLE.md: fixed query
counts, pinned in tests/plans/test_convert.py and tests/plans/test_plans_to_domain.py).

`parts` reads only some parts of the plans (`PARTS`); the others come back empty. The editor
reads the parts it edits (`kormo.plans.authoring`), scoring reads the area tree and progress
(`load_scoring.load_scoring_plans`): one reader, so a new column is read in one place.

Progress is read from its one store, `kormo.progress.models.ReportedValue`: the *effective*
value of each (verified where the supervising office verified it, else as reported; the final
score uses verified values), the inputs of a derived indicator unless a verified value replaces
them, and as evidence the texts a document named followed by the files uploaded in Kormo.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.db.models import Model, QuerySet

from kormo.domain import plan as d
from kormo.plans import models as m
from kormo.plans.progress_tables import Evidence, ReportedValue
from kormo.plans.values import decimal_from_db, value_from_columns

# The parts of a plan that have tables of their own, each read by its own queries.
PARTS: tuple[str, ...] = ("texts", "parties", "outcomes", "acronyms", "areas", "work_items",
                          "register", "progress", "notes")
# Queries per part (the plans themselves, with their office, take one more).
PART_QUERIES: dict[str, int] = {"texts": 1, "parties": 1, "outcomes": 2, "acronyms": 1,
                                "areas": 4, "work_items": 2, "register": 1, "progress": 2,
                                "notes": 1}
# One query per table, for one plan or many: plans (with their office), texts, parties,
# outcomes, outcome values, acronyms, areas, activities, indicators, indicator values, work
# items, work item actions, register entries, reported values, evidence files, source notes.
PLAN_TO_DOMAIN_QUERIES = 1 + sum(PART_QUERIES.values())


def part_queries(parts: Collection[str]) -> int:
    """The queries `plans_to_domain(..., parts=parts)` costs."""
    return 1 + sum(PART_QUERIES[p] for p in parts)


@dataclass
class PlanRows:
    """The rows a plan was read from, by part (for edits in place: `save.plan_replace_content`)."""

    parts: frozenset[str]
    texts: list[m.PlanText] = field(default_factory=list)
    parties: list[m.Party] = field(default_factory=list)
    outcomes: list[m.Outcome] = field(default_factory=list)
    outcome_values: list[m.OutcomeValue] = field(default_factory=list)
    acronyms: list[m.Acronym] = field(default_factory=list)
    areas: list[m.Area] = field(default_factory=list)
    activities: list[m.Activity] = field(default_factory=list)
    indicators: list[m.Indicator] = field(default_factory=list)
    indicator_values: list[m.IndicatorValue] = field(default_factory=list)
    work_items: list[m.WorkItem] = field(default_factory=list)
    actions: list[m.WorkItemAction] = field(default_factory=list)
    register: list[m.RegisterEntry] = field(default_factory=list)
    notes: list[m.SourceNote] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class LoadedPlan:
    """A stored plan row (with its office), the same plan as the domain object, and the rows
    it was read from."""

    row: m.Plan
    domain: d.Plan
    rows: PlanRows | None = field(default=None, compare=False)


def _by(rows: Iterable[Any], *keys: str) -> defaultdict[Any, list[Any]]:
    """Rows (already in document order) grouped by one or more attributes."""
    out: defaultdict[Any, list[Any]] = defaultdict(list)
    for r in rows:
        key = tuple(getattr(r, k) for k in keys)
        out[key if len(keys) > 1 else key[0]].append(r)
    return out


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


def effective_value(rv: ReportedValue | SimpleNamespace) -> Any:
    """The value that counts: verified where it exists, else as reported."""
    return value_from_columns(rv, "verified") if rv.verified else value_from_columns(
        rv, "reported")


def progress_value(rv: ReportedValue | SimpleNamespace, files: Iterable[str] = ()
                   ) -> d.ProgressValue:
    """A reported value as the domain's progress value (see the module's docstring)."""
    return d.ProgressValue(
        indicator=rv.indicator_ref,
        quarter=d.Quarter(rv.quarter),
        value=effective_value(rv),
        evidence=(*rv.evidence_texts, *files),
        remarks=rv.remarks,
        inputs=() if rv.verified else tuple(
            (str(k), decimal_from_db(Decimal(str(v)))) for k, v in rv.inputs.items()),
        published_score=decimal_from_db(rv.published_score),
    )


def _read(rows: QuerySet[Any], as_models: bool) -> list[Any]:
    """The rows as model instances (to be written back by an edit), or as light records with
    the same attributes (reading only: several times faster for thousands of rows)."""
    if as_models:
        return list(rows)
    return [SimpleNamespace(**r) for r in rows.values()]


def _children(plans: QuerySet[m.Plan], parts: frozenset[str], value_roles: Collection[str] | None,
              as_models: bool) -> PlanRows:
    ids = plans.values("pk")
    rows = PlanRows(parts)

    def read(model: type[Model], plan: str, parent: str, **extra: Any) -> list[Any]:
        """One query: `model`'s rows of the plans, in document order under their parent."""
        query = model._default_manager.filter(**{f"{plan}__in": ids}, **extra)
        return _read(query.order_by(parent, "position"), as_models)

    if "texts" in parts:
        rows.texts = read(m.PlanText, "plan", "plan_id")
    if "parties" in parts:
        rows.parties = read(m.Party, "plan", "plan_id")
    if "outcomes" in parts:
        rows.outcomes = read(m.Outcome, "plan", "plan_id")
        rows.outcome_values = read(m.OutcomeValue, "outcome__plan", "outcome_id")
    if "acronyms" in parts:
        rows.acronyms = read(m.Acronym, "plan", "plan_id")
    if "areas" in parts:
        rows.areas = read(m.Area, "plan", "plan_id")
        rows.activities = read(m.Activity, "area__plan", "area_id")
        rows.indicators = read(m.Indicator, "plan", "activity_id")
        roles = {} if value_roles is None else {"role__in": list(value_roles)}
        rows.indicator_values = read(m.IndicatorValue, "indicator__plan", "indicator_id",
                                     **roles)
    if "work_items" in parts:
        rows.work_items = read(m.WorkItem, "plan", "plan_id")
        rows.actions = read(m.WorkItemAction, "work_item__plan", "work_item_id")
    if "register" in parts:
        rows.register = read(m.RegisterEntry, "plan", "plan_id")
    if "notes" in parts:
        rows.notes = read(m.SourceNote, "plan", "plan_id")
    return rows


# What `progress_value` reads (the value's people, times and review stay unread).
_PROGRESS_COLUMNS = ("plan_id", "indicator_ref", "quarter", "reported_kind", "reported_number",
                     "reported_date", "reported_text", "verified", "verified_kind",
                     "verified_number", "verified_date", "verified_text", "remarks", "inputs",
                     "evidence_texts", "published_score")


def _progress(plans: QuerySet[m.Plan], files: bool, report_states: Collection[str] | None = None
              ) -> dict[int, tuple[d.ProgressValue, ...]]:
    """Every plan's progress from its reported values (plus one query for the files' names);
    with `report_states`, only the values whose report is in one of them."""
    ids = plans.values("pk")
    names: defaultdict[int, list[str]] = defaultdict(list)
    if files:
        for value_id, name in Evidence.objects.filter(
                plan__in=ids, removed_at__isnull=True).order_by(
                "uploaded_at", "pk").values_list("value_id", "original_name"):
            names[value_id].append(name)
    out: defaultdict[int, list[d.ProgressValue]] = defaultdict(list)
    # In the order they were first stored: a plan file's order, then the order of entry.
    values = ReportedValue.objects.filter(plan__in=ids)
    if report_states is not None:
        values = values.filter(report__state__in=list(report_states))
    for row in values.order_by("plan_id", "pk").values("pk", *_PROGRESS_COLUMNS):
        rv = SimpleNamespace(**row)
        out[rv.plan_id].append(progress_value(rv, names.get(rv.pk, ())))
    return {pk: tuple(v) for pk, v in out.items()}


def plans_to_domain(plans: QuerySet[m.Plan], parts: Collection[str] | None = None, *,
                    evidence_files: bool = True, keep_rows: bool = False,
                    value_roles: Collection[str] | None = None,
                    report_states: Collection[str] | None = None) -> dict[int, LoadedPlan]:
    """Every plan of `plans` (in its order), by id, in `part_queries(parts)` queries
    (`PLAN_TO_DOMAIN_QUERIES` for every part, the default).

    `evidence_files=False` leaves the uploaded files' names out of the progress (one query
    less; scoring does not read evidence). `value_roles` reads only those roles of the
    indicators' values (scoring reads levels and quarterly targets, not past actuals and
    projections). `report_states` reads only the progress whose report is in one of those
    states (scoring: submitted or accepted). `keep_rows` keeps the rows read on each
    `LoadedPlan.rows`, for an edit in place (never with `value_roles`: the rows must be whole
    to be written back).
    """
    assert not (keep_rows and value_roles is not None)
    chosen = frozenset(PARTS if parts is None else parts)
    unknown = chosen - set(PARTS)
    if unknown:
        raise ValueError(f"unknown plan parts: {sorted(unknown)}")
    plan_rows = list(plans.select_related("office"))
    if not plan_rows:
        # Nothing to read: the children's queries are skipped (the count is then 1).
        return {}
    rows = _children(plans, chosen, value_roles, keep_rows)
    progress = _progress(plans, evidence_files, report_states) if "progress" in chosen else {}
    texts = _by(rows.texts, "plan_id", "section")
    parties = _by(rows.parties, "plan_id", "section")
    outcomes = _by(rows.outcomes, "plan_id")
    outcome_values = _by(rows.outcome_values, "outcome_id")
    acronyms = _by(rows.acronyms, "plan_id")
    areas = _by(rows.areas, "plan_id")
    activities = _by(rows.activities, "area_id")
    indicators = _by(rows.indicators, "activity_id")
    indicator_values = _by(rows.indicator_values, "indicator_id")
    work_items = _by(rows.work_items, "plan_id")
    actions = _by(rows.actions, "work_item_id")
    register = _by(rows.register, "plan_id")
    notes = _by(rows.notes, "plan_id")

    sections = m.PlanText.Section
    out: dict[int, LoadedPlan] = {}
    for row in plan_rows:
        pk = row.pk

        def text_list(section: str, pk: int = pk) -> tuple[str, ...]:
            return tuple(t.text for t in texts[(pk, section)])

        domain = d.Plan(
            kind=d.PlanKind(row.kind),
            fiscal_year=row.fiscal_year,
            office=row.office_name,
            title=row.title,
            subtitle=row.subtitle,
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
                    actuals=_year_values(outcome_values[o.id], m.YearValueRole.ACTUAL,
                                         "fiscal_year"),
                    target=value_from_columns(o, "target"),
                    projections=_year_values(outcome_values[o.id], m.YearValueRole.PROJECTION,
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
                            indicators=tuple(indicator_to_domain(i, indicator_values[i.id])
                                             for i in indicators[act.id]),
                            not_applicable_tiers=tuple(
                                d.Tier(t) for t in act.not_applicable_tiers.split(",") if t),
                            remarks=act.remarks,
                        )
                        for act in activities[a.id]
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
                    actions=tuple(a.text for a in actions[w.id]),
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
            progress=progress.get(pk, ()),
            notes=text_list(sections.NOTE),
            source_notes=tuple(d.SourceNote(place=n.place, note=n.note) for n in notes[pk]),
        )
        out[pk] = LoadedPlan(row, domain, rows if keep_rows else None)
    return out


def plan_to_domain(plan_id: int) -> d.Plan:
    """The stored plan `plan_id` as the domain object, in `PLAN_TO_DOMAIN_QUERIES` queries.

    Raises `kormo.plans.models.Plan.DoesNotExist` for an unknown id.
    """
    loaded = plans_to_domain(m.Plan.objects.filter(pk=plan_id))
    if plan_id not in loaded:
        raise m.Plan.DoesNotExist(f"no plan {plan_id}")
    return loaded[plan_id].domain


def indicator_to_domain(row: m.Indicator, values: list[m.IndicatorValue]) -> d.Indicator:
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
