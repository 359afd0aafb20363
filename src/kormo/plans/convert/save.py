"""Domain plans (`kormo.domain.plan.Plan`) into the plan tables: a new plan, or an edit in place.

`plan_save_from_domain` stores a whole plan: each table with one `bulk_create` (one INSERT per
table, or per batch of 999 parameters on SQLite), so the number of queries does not grow with
the number of rows. Its progress goes to the one store of progress,
`kormo.progress.models.ReportedValue` (as reported, in draft reports), where the report page
and the review see it like a value typed in Kormo.

`plan_replace_content` makes a stored plan hold an edited plan by writing only what changed:
texts, parties, outcomes and the other lists in place by position; areas, activities and
indicators matched by their numbers, so they keep their primary keys (history, progress and
evidence point at them); inserts and deletes only for rows really added or removed. A one-cell
edit costs one UPDATE. Both build the rows with the same functions below, so this module stays
the only code that knows the tables' columns.

`plan_to_domain(plan_save_from_domain(plan=p, office=o).pk) == p` for every plan whose numbers
fit the columns (see `kormo.plans.values`); anything else is refused, never rounded.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.db import transaction
from django.db.models import F, Model

from kormo.domain import calendar
from kormo.domain import plan as d
from kormo.domain.errors import InputError
from kormo.domain.planformat import load_path
from kormo.offices.models import Office
from kormo.plans import models as m
from kormo.plans.convert.load import PlanRows
from kormo.plans.progress_tables import Report, ReportedValue, ReportPeriod
from kormo.plans.values import ValueStoreError, decimal_to_db, value_to_columns

_M = TypeVar("_M", bound=Model)
Row = dict[str, Any]  # column values of one row, by attribute name (`plan_id`, not `plan`)

_TEXT_SECTIONS = (
    m.PlanText.Section.FUNCTION,
    m.PlanText.Section.EXPECTED_ACHIEVEMENT,
    m.PlanText.Section.COMMITMENT,
    m.PlanText.Section.NOTE,
)
# Plan columns that hold the plan's content (the rest is state, people and bookkeeping).
CONTENT_FIELDS = ("external_id", "title", "subtitle", "office_name", "office_tier", "supervisor",
                  "parent_external_id", "total_weight", "has_overview", "overview_achievements",
                  "overview_challenges", "overview_future_plans", "preamble", "vision",
                  "mission")
# Moved rows wait above every real position while their places are swapped (the unique
# constraints on positions are checked row by row, on SQLite and PostgreSQL alike).
_PARKED = 1_000_000


# ---------------------------------------------------------------- rows of each part


def _bulk(model: type[_M], rows: list[_M]) -> list[_M]:
    """Insert `rows` in one statement; their primary keys are set afterwards (RETURNING).

    Children refer to these rows by id, so a database that cannot return the ids of a bulk
    insert (SQLite before 3.35, MySQL) is refused rather than left with orphans.
    """
    if not rows:
        return rows
    created = model._default_manager.bulk_create(rows)
    if any(r.pk is None for r in created):
        raise RuntimeError("the database did not return the ids of inserted rows")
    return created


def _year_value_rows(values: Sequence[d.YearValue], role: str, year_field: str, place: str
                     ) -> list[Row]:
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


def _plan_content(plan: d.Plan) -> Row:
    overview = plan.overview
    return {
        "external_id": plan.id,
        "title": plan.title,
        "subtitle": plan.subtitle,
        "office_name": plan.office,
        "office_tier": "" if plan.office_tier is None else d.Tier(plan.office_tier).value,
        "supervisor": plan.supervisor,
        "parent_external_id": plan.parent,
        "total_weight": decimal_to_db(plan.total_weight, "total_weight"),
        "has_overview": overview is not None,
        "overview_achievements": "" if overview is None else overview.achievements,
        "overview_challenges": "" if overview is None else overview.challenges,
        "overview_future_plans": "" if overview is None else overview.future_plans,
        "preamble": plan.preamble,
        "vision": plan.vision,
        "mission": plan.mission,
    }


def _parent(external_id: str, office_id: int) -> m.Plan | None:
    if not external_id:
        return None
    return m.Plan.objects.filter(office_id=office_id, external_id=external_id).order_by(
        "-pk").first()


def _text_rows(plan: d.Plan) -> list[Row]:
    overview_items = () if plan.overview is None else plan.overview.expected_achievements
    items = zip(_TEXT_SECTIONS, (plan.functions, overview_items, plan.commitments, plan.notes),
                strict=True)
    return [{"section": section, "position": pos, "text": text}
            for section, texts in items for pos, text in enumerate(texts)]


def _party_rows(plan: d.Plan) -> list[Row]:
    preamble = [{"section": m.Party.Section.PREAMBLE, "position": pos, "post": p.post,
                 "office_name": p.office, "name": p.name, "signed_on": None, "role": ""}
                for pos, p in enumerate(plan.preamble_parties)]
    signatures = [{"section": m.Party.Section.SIGNATURE, "position": pos, "post": s.party.post,
                   "office_name": s.party.office, "name": s.party.name,
                   "signed_on": s.signed_on, "role": s.role}
                  for pos, s in enumerate(plan.signatures)]
    return preamble + signatures


def _outcome_rows(plan: d.Plan) -> list[tuple[Row, list[Row]]]:
    out = []
    for pos, o in enumerate(plan.outcomes):
        place = f"outcome {pos + 1}"
        values = [
            kw
            for role, year_values in ((m.YearValueRole.ACTUAL, o.actuals),
                                      (m.YearValueRole.PROJECTION, o.projections))
            for kw in _year_value_rows(year_values, role, "fiscal_year", place)
        ]
        out.append(({"position": pos, "outcome": o.outcome, "indicator_name": o.indicator,
                     "unit": d.Unit(o.unit).value, "unit_label": o.unit_label,
                     "joint_responsibility": o.joint_responsibility,
                     "data_source": o.data_source,
                     **value_to_columns(o.target, "target", place)}, values))
    return out


def _acronym_rows(plan: d.Plan) -> list[Row]:
    return [{"position": pos, "short": a.short, "meaning": a.meaning}
            for pos, a in enumerate(plan.acronyms)]


def _work_item_rows(plan: d.Plan) -> list[tuple[Row, list[Row]]]:
    out = []
    for pos, w in enumerate(plan.work_items):
        q = w.quantity
        out.append(({
            "position": pos, "term": w.term, "number": w.number, "subject": w.subject,
            "implementation_plan": w.plan, "has_quantity": q is not None,
            "quantity_value": None if q is None else decimal_to_db(q.value,
                                                                   f"{w.term} {w.number}"),
            "quantity_unit_label": "" if q is None else q.unit_label,
            "quantity_expression": "" if q is None else q.expression,
            "quantity_text": "" if q is None else q.text,
            "period": w.period, "period_start": w.period_start, "period_end": w.period_end,
        }, [{"position": i, "text": text} for i, text in enumerate(w.actions)]))
    return out


def _register_rows(plan: d.Plan) -> list[Row]:
    return [{"position": pos, "number": r.number, "name": r.name,
             "description": r.description, "working": r.working,
             "not_working_reason": r.not_working_reason,
             "recipients_get_result": r.recipients_get_result, "link": r.link,
             "order_date": r.order_date, "remarks": r.remarks}
            for pos, r in enumerate(plan.register)]


def _note_rows(plan: d.Plan) -> list[Row]:
    return [{"position": pos, "place": n.place, "note": n.note}
            for pos, n in enumerate(plan.source_notes)]


def _area_row(pos: int, a: d.Area) -> Row:
    return {"position": pos, "number": a.number, "name": a.name,
            "weight": decimal_to_db(a.weight, f"[{a.number}]"), "kind": d.AreaKind(a.kind).value,
            "choose_at_least": a.choose_at_least, "note": a.note}


def _activity_row(pos: int, activity: d.Activity) -> Row:
    return {"position": pos, "number": activity.number, "name": activity.name,
            "not_applicable_tiers": ",".join(d.Tier(t).value
                                             for t in activity.not_applicable_tiers),
            "remarks": activity.remarks}


def _indicator_row(pos: int, area: d.Area, ind: d.Indicator) -> Row:
    ref = d.indicator_ref(area, ind)
    dep = ind.dependency
    return {
        "position": pos, "number": ind.number, "ref": ref, "name": ind.name,
        "unit": d.Unit(ind.unit).value, "unit_label": ind.unit_label,
        "weight": decimal_to_db(ind.weight, f"[{ref}]"),
        "calculation_method": "" if ind.calculation_method is None
        else d.CalculationMethod(ind.calculation_method).value,
        "responsible": ind.responsible, "implementing_unit": ind.implementing_unit,
        "evidence": ind.evidence,
        "dependency_offices": None if dep is None else dep.offices,
        "dependency_strategy": "" if dep is None else dep.strategy,
        "dependency_activity_text": "" if dep is None else dep.activity_text,
        "dependency_indicator_text": "" if dep is None else dep.indicator_text,
        "feeds_from": "" if ind.feeds_from is None else d.PlanKind(ind.feeds_from).value,
        "fallback_for": ind.fallback_for, "derivation": ind.derivation, "remarks": ind.remarks,
        **value_to_columns(ind.annual_target, "annual_target", f"[{ref}]"),
    }


def _indicator_value_rows(indicator: d.Indicator, ref: str) -> list[Row]:
    role = m.IndicatorValue.Role
    out: list[Row] = []
    for role_value, values in ((role.ACTUAL, indicator.actuals),
                               (role.PROJECTION, indicator.projections)):
        out += _year_value_rows(values, role_value, "key", ref)
    # Position = the level's place in the five (100 % first); blank levels have no row.
    out += [{"role": role.LEVEL, "position": pos, "key": str(percent), "provisional": False,
             **value_to_columns(value, "value", f"{ref} {percent}%")}
            for pos, (percent, value) in enumerate(indicator.levels.as_pairs())
            if value is not None]
    out += [{"role": role.QUARTERLY_TARGET, "position": pos, "key": d.Quarter(quarter).value,
             "provisional": False, **value_to_columns(value, "value", f"{ref} {quarter}")}
            for pos, (quarter, value) in enumerate(indicator.quarterly_targets)]
    return out


def _tree_rows(plan: d.Plan) -> tuple[list[tuple[Hashable, Row]],
                                      list[tuple[Hashable, Hashable, Row]],
                                      list[tuple[str, Hashable, Row]],
                                      list[tuple[Hashable, str, Row]]]:
    """The area tree as keyed rows: areas by (kind, number), activities by (area, number,
    occurrence), indicators by reference, their values by (reference, role, position)."""
    areas, activities, indicators, values = [], [], [], []
    for pos, area in enumerate(plan.areas):
        akey = (d.AreaKind(area.kind).value, area.number)
        areas.append((akey, _area_row(pos, area)))
        seen: Counter[str] = Counter()
        for apos, activity in enumerate(area.activities):
            ckey = (akey, activity.number, seen[activity.number])
            seen[activity.number] += 1
            activities.append((ckey, akey, _activity_row(apos, activity)))
            for ipos, ind in enumerate(activity.indicators):
                row = _indicator_row(ipos, area, ind)
                indicators.append((row["ref"], ckey, row))
                values += [((row["ref"], v["role"], v["position"]), row["ref"], v)
                           for v in _indicator_value_rows(ind, row["ref"])]
    return areas, activities, indicators, values


# ---------------------------------------------------------------- a new plan


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
        m.Plan.objects.filter(office=office, kind=d.PlanKind(plan.kind).value,
                              fiscal_year=plan.fiscal_year, external_id=plan.id).delete()
    row = m.Plan(office=office, kind=d.PlanKind(plan.kind).value, fiscal_year=plan.fiscal_year,
                 parent=_parent(plan.parent, office.pk), **_plan_content(plan))
    # A template, or a scratch copy, is one from its first insert: it never counts as the
    # office's current plan (one current plan per office, kind and year: plans.uniqueness).
    row.is_template, row.is_current = template, current
    row.save(force_insert=True)
    if plan.id:
        # Annexes saved before this plan (or orphaned by a replace) point at it again.
        m.Plan.objects.filter(
            office=office, parent_external_id=plan.id, parent__isnull=True
        ).exclude(pk=row.pk).update(parent=row)
    empty = PlanRows(frozenset())
    _sync_lists(row, plan, empty, ("texts", "parties", "outcomes", "acronyms", "work_items",
                                   "register", "notes"))
    _sync_tree(row, plan, empty)
    _save_progress(plan, row)
    return row


def _due_on(fiscal_year: str, quarter: d.Quarter) -> Any:
    """The calendar's default due date of a quarter's report (the year's deadline for the
    office's tier is set when the report is submitted, `progress.services.report_submit`)."""
    try:
        return calendar.quarter_report_due(fiscal_year, quarter)
    except InputError:
        # A calendar-year work plan ("2017") has no fiscal quarters: due when its year ends.
        return calendar.quarter_report_due(f"{fiscal_year}-{str(int(fiscal_year) + 1)[2:]}",
                                           quarter)


def _save_progress(plan: d.Plan, row: m.Plan) -> None:
    """The plan's progress as reported values in draft reports, one per quarter."""
    if not plan.progress:
        return
    seen: set[tuple[str, str]] = set()
    for p in plan.progress:
        key = (p.indicator, d.Quarter(p.quarter).value)
        if key in seen:
            raise ValueStoreError(
                f"একই সূচকের একই কোয়ার্টারের অর্জন দুবার দেওয়া আছে: {key[0]} {key[1]}",
                f"the same indicator's achievement is given twice for one quarter: "
                f"{key[0]} {key[1]}", f"{key[0]} {key[1]}")
        seen.add(key)
    quarters = [q for q in d.Quarter if q.value in {k[1] for k in seen}]
    reports = {r.period: r for r in _bulk(Report, [
        Report(plan=row, period=ReportPeriod(q.value), due_on=_due_on(row.fiscal_year, q))
        for q in quarters])}
    _bulk(ReportedValue, [
        ReportedValue(
            report=reports[d.Quarter(p.quarter).value], plan=row, indicator_ref=p.indicator,
            quarter=d.Quarter(p.quarter).value, remarks=p.remarks,
            inputs={name: str(decimal_to_db(value, f"{p.indicator} {p.quarter} {name}"))
                    for name, value in p.inputs},
            evidence_texts=list(p.evidence),
            published_score=decimal_to_db(p.published_score, f"{p.indicator} {p.quarter}"),
            **value_to_columns(p.value, "reported", f"{p.indicator} {p.quarter}"),
        )
        for p in plan.progress
    ])


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


# ---------------------------------------------------------------- an edit in place

# The parts `plan_replace_content` writes (progress is never part of an edit).
CONTENT_PARTS = ("texts", "parties", "outcomes", "acronyms", "areas", "work_items", "register",
                 "notes")


def plan_replace_content(row: m.Plan, plan: d.Plan, rows: PlanRows) -> None:
    """Make `row` hold `plan`'s content, writing only what changed (see the module's
    docstring). `rows` are the rows `row` was read from (`plans_to_domain(...,
    keep_rows=True)`); only the parts read there are written, so an edit that read the
    texts alone writes the texts alone. The plan's progress, state and people are untouched.
    """
    content = _plan_content(plan)
    changed = {k: v for k, v in content.items() if getattr(row, k) != v}
    if "parent_external_id" in changed:
        parent = _parent(plan.parent, row.office_id)
        changed["parent_id"] = None if parent is None or parent.pk == row.pk else parent.pk
    if changed:
        m.Plan.objects.filter(pk=row.pk).update(**changed)
        for k, v in changed.items():
            setattr(row, k, v)
    _sync_lists(row, plan, rows, [p for p in rows.parts if p != "areas"])
    if "areas" in rows.parts:
        _sync_tree(row, plan, rows)


def _sync(model: type[_M], old: Iterable[_M], new: Sequence[Row], key: Sequence[str]
          ) -> list[_M]:
    """Rows of `model` in the order of `new`: `old` rows matched by `key` updated where a
    column differs, the others inserted; unmatched `old` rows deleted first. Keys hold the
    position, so a matched row keeps its place."""
    by_key = {tuple(getattr(o, k) for k in key): o for o in old}
    keyed = [(tuple(kw[k] for k in key), kw) for kw in new]
    gone = by_key.keys() - {k for k, _ in keyed}
    if gone:
        model._default_manager.filter(pk__in=[by_key[k].pk for k in gone]).delete()
    return list(_upsert(model, by_key, keyed).values())


def _upsert(model: type[_M], old: Mapping[Hashable, _M], new: Sequence[tuple[Hashable, Row]]
            ) -> dict[Hashable, _M]:
    """Each of `new`'s rows by its key, in `new`'s order: the `old` row of that key updated
    where a column differs, else a new row. One UPDATE of the changed columns, one INSERT
    (the new rows get their ids, for their children); deleting is the caller's."""
    changed, created = _Changed(), []
    out: dict[Hashable, _M] = {}
    for k, kw in new:
        if k in old:
            out[k] = changed.update(old[k], kw)
        else:
            out[k] = model(**kw)
            created.append(out[k])
    changed.write(model)
    _bulk(model, created)
    return out


def _sync_lists(row: m.Plan, plan: d.Plan, rows: PlanRows, parts: Collection[str]) -> None:
    """The plan's lists (everything but the area tree), position by position."""
    plan_id = {"plan_id": row.pk}
    if "texts" in parts:
        _sync(m.PlanText, rows.texts, [{**plan_id, **r} for r in _text_rows(plan)],
              ("section", "position"))
    if "parties" in parts:
        _sync(m.Party, rows.parties, [{**plan_id, **r} for r in _party_rows(plan)],
              ("section", "position"))
    if "outcomes" in parts:
        pairs = _outcome_rows(plan)
        outcomes = _sync(m.Outcome, rows.outcomes, [{**plan_id, **o} for o, _ in pairs],
                         ("position",))
        _sync(m.OutcomeValue, rows.outcome_values,
              [{"outcome_id": orow.pk, **v} for orow, (_, values) in zip(outcomes, pairs,
                                                                         strict=True)
               for v in values], ("outcome_id", "role", "position"))
    if "acronyms" in parts:
        _sync(m.Acronym, rows.acronyms, [{**plan_id, **r} for r in _acronym_rows(plan)],
              ("position",))
    if "work_items" in parts:
        pairs = _work_item_rows(plan)
        items = _sync(m.WorkItem, rows.work_items, [{**plan_id, **w} for w, _ in pairs],
                      ("position",))
        _sync(m.WorkItemAction, rows.actions,
              [{"work_item_id": wrow.pk, **a} for wrow, (_, actions) in zip(items, pairs,
                                                                            strict=True)
               for a in actions], ("work_item_id", "position"))
    if "register" in parts:
        _sync(m.RegisterEntry, rows.register, [{**plan_id, **r} for r in _register_rows(plan)],
              ("position",))
    if "notes" in parts:
        _sync(m.SourceNote, rows.notes, [{**plan_id, **r} for r in _note_rows(plan)],
              ("position",))


class _Changed:
    """Matched rows whose columns differ, and which columns: one UPDATE of those columns only
    (a one-cell edit writes one column of one row)."""

    def __init__(self) -> None:
        self.rows: list[Any] = []
        self.fields: set[str] = set()

    def update(self, row: _M, kw: Row) -> _M:
        diff = [f for f, v in kw.items() if getattr(row, f) != v]
        if diff:
            for f in diff:
                setattr(row, f, kw[f])
            self.rows.append(row)
            self.fields.update(diff)
        return row

    def write(self, model: type[Model]) -> None:
        if self.rows:
            model._default_manager.bulk_update(self.rows, sorted(self.fields))


def _sync_tree(row: m.Plan, plan: d.Plan, rows: PlanRows) -> None:
    """Areas, activities, indicators and their values, matched by number: a matched row keeps
    its primary key (an indicator even when it moves to another activity), a changed one is
    updated, new ones inserted, the rest deleted — children first, once nothing points at
    them any more. Rows that change place wait at a parked position first, so no two rows
    ever share a place."""
    new_areas, new_acts, new_inds, new_vals = _tree_rows(plan)
    area_key = {a.pk: (a.kind, a.number) for a in rows.areas}
    old_areas = {area_key[a.pk]: a for a in rows.areas}
    act_key: dict[int, Hashable] = {}
    seen: Counter[tuple[Hashable, str]] = Counter()
    for act in rows.activities:  # in (area, position) order, as read
        k = (area_key[act.area_id], act.number)
        act_key[act.pk] = (*k, seen[k])
        seen[k] += 1
    old_acts = {act_key[a.pk]: a for a in rows.activities}
    ref_of = {i.pk: i.ref for i in rows.indicators}
    old_inds = {i.ref: i for i in rows.indicators}
    old_vals = {(ref_of[v.indicator_id], v.role, v.position): v for v in rows.indicator_values}

    # Parked: rows that move to another place, and rows about to go.
    keep_areas = {k for k, _ in new_areas}
    keep_acts = {k for k, _, _ in new_acts}
    keep_inds = {k for k, _, _ in new_inds}
    parked = {
        m.Area: [a.pk for k, a in old_areas.items() if k not in keep_areas]
        + [old_areas[k].pk for k, kw in new_areas
           if k in old_areas and old_areas[k].position != kw["position"]],
        m.Activity: [a.pk for k, a in old_acts.items() if k not in keep_acts]
        + [old_acts[k].pk for k, _, kw in new_acts
           if k in old_acts and old_acts[k].position != kw["position"]],
        m.Indicator: [i.pk for k, i in old_inds.items() if k not in keep_inds]
        + [old_inds[k].pk for k, ck, kw in new_inds if k in old_inds and (
            old_inds[k].position != kw["position"] or act_key[old_inds[k].activity_id] != ck)],
    }
    in_memory = {m.Area: rows.areas, m.Activity: rows.activities, m.Indicator: rows.indicators}
    for model, pks in parked.items():
        if pks:
            model._default_manager.filter(pk__in=pks).update(position=F("position") + _PARKED)
            ids = set(pks)
            for r in in_memory[model]:  # as stored now, so the final position is written
                if r.pk in ids:
                    r.position += _PARKED

    areas = _upsert(m.Area, old_areas, [(k, {"plan_id": row.pk, **kw}) for k, kw in new_areas])
    acts = _upsert(m.Activity, old_acts,
                   [(k, {"area_id": areas[ak].pk, **kw}) for k, ak, kw in new_acts])
    inds = _upsert(m.Indicator, old_inds,
                   [(ref, {"plan_id": row.pk, "activity_id": acts[ck].pk, **kw})
                    for ref, ck, kw in new_inds])
    vals = _upsert(m.IndicatorValue, old_vals,
                   [(k, {"indicator_id": inds[ref].pk, **kw}) for k, ref, kw in new_vals])

    # Children first, once nothing points at them any more.
    for model, before, kept in ((m.IndicatorValue, old_vals, vals), (m.Indicator, old_inds, inds),
                                (m.Activity, old_acts, acts), (m.Area, old_areas, areas)):
        gone = [r.pk for k, r in before.items() if k not in kept]
        if gone:
            model._default_manager.filter(pk__in=gone).delete()
