"""What the plan pages post, read into the plain values the authoring services take.

The editor is a spreadsheet, not a Django formset: every row's inputs share their field's name
(`name="weight"` on every row), so the browser can add, move and delete rows, or paste a block
from Excel, without renumbering anything, and `QueryDict.getlist` returns each column in page
order. These functions only collect the texts as typed; reading them (Bengali or Latin digits,
dates, money) is the services' job (`kormo.plans.sheet`, `kormo.plans.authoring`), so the same
rules hold for every caller. Column headers are declared here, with translated names.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kormo.domain.errors import InputError
from kormo.plans.sheet import (
    ACTUAL_FIELDS,
    MAX_ROWS,
    MAX_YEAR_COLUMNS,
    PROJECTION_FIELDS,
    ROW_FIELDS,
    Columns,
    columns_parse,
)


@dataclass(frozen=True, slots=True)
class Field:
    """One column of an editable grid."""

    name: str
    header: Promise | str
    group: str = ""  # "", "more", "years", "levels", "quarters": columns shown or hidden together
    width: str = "s"  # xs, s, m, l
    kind: str = "text"  # text, select, textarea, hidden
    choices: str = ""  # a group of kormo.web.labels for selects


def plan_fields(columns: Columns) -> list[Field]:
    """The grid columns of the plan table, with the plan's year columns."""
    years_a = [Field(ACTUAL_FIELDS[i], _("Actual"), "years", "s")
               for i in range(len(columns.actuals))]
    years_p = [Field(PROJECTION_FIELDS[i], _("Projection"), "years", "s")
               for i in range(len(columns.projections))]
    return [
        Field("area_number", _("Area no."), "", "xs"),
        Field("area_name", _("Performance area / section"), "", "l", "textarea"),
        Field("area_weight", _("Area weight"), "", "xs"),
        Field("area_kind", _("Area kind"), "more", "s", "select", "area_kind"),
        Field("area_choose", _("Choose at least"), "more", "xs"),
        Field("area_note", _("Area note"), "more", "m"),
        Field("activity_number", _("Activity no."), "", "xs"),
        Field("activity_name", _("Activity"), "", "l", "textarea"),
        Field("activity_na_tiers", _("Not for tiers"), "more", "s"),
        Field("activity_remarks", _("Activity remarks"), "more", "m"),
        Field("number", _("Indicator no."), "", "xs"),
        Field("name", _("Performance indicator"), "", "l", "textarea"),
        Field("method", _("Calculation method"), "", "s", "select", "method"),
        Field("unit", _("Unit"), "", "s", "select", "unit"),
        Field("unit_label", _("Unit as written"), "more", "s"),
        Field("weight", _("Indicator weight"), "", "xs"),
        *years_a,
        Field("level_100", _("Excellent 100%"), "levels", "s"),
        Field("level_90", _("Very good 90%"), "levels", "s"),
        Field("level_80", _("Good 80%"), "levels", "s"),
        Field("level_70", _("Fair 70%"), "levels", "s"),
        Field("level_60", _("Poor 60%"), "levels", "s"),
        Field("annual_target", _("Annual target"), "quarters", "s"),
        Field("q1", _("Q1 target"), "quarters", "s"),
        Field("q2", _("Q2 target"), "quarters", "s"),
        Field("q3", _("Q3 target"), "quarters", "s"),
        Field("q4", _("Q4 target"), "quarters", "s"),
        *years_p,
        Field("responsible", _("Responsible person/post"), "quarters", "m"),
        Field("feeds_from", _("Fed by action plan"), "more", "s", "select", "feeds"),
        Field("remarks", _("Remarks"), "more", "m"),
    ]


def _post_rows(post: QueryDict, fields: Sequence[str], prefix: str = "") -> list[dict[str, str]]:
    columns = {f: post.getlist(prefix + f)[:MAX_ROWS + 1] for f in fields}
    count = max((len(v) for v in columns.values()), default=0)
    return [{f: (columns[f][i] if i < len(columns[f]) else "") for f in fields}
            for i in range(count)]


def table_rows_from_post(post: QueryDict) -> list[dict[str, str]]:
    """The grid's rows as typed, in page order."""
    return _post_rows(post, ROW_FIELDS)


@dataclass(frozen=True, slots=True)
class PostedRow:
    """One grid row of a compact post: `origin` is its index in the rows the page was given
    (None: a new row), `changed` whether the browser sent its cells (else the stored ones)."""

    origin: int | None
    changed: bool
    cells: dict[str, str]


BAD_TABLE = InputError("ছকের তথ্য পড়া যায়নি; পাতাটি আবার খুলুন (যা লিখেছেন তা এই ব্রাউজারে রাখা আছে)।",
                       "The table could not be read; open the page again (what you typed is kept "
                       "in this browser).")


def table_rows_from_payload(text: str, base: Sequence[Mapping[str, str]]) -> list[PostedRow]:
    """The editor's compact post (`table`, JSON): `{"fields": [...], "rows": [...]}` where a
    row is `{"o": i}` (row i of the page as loaded, unchanged) or `{"o": i|null, "v": [...]}`
    (its cells, in `fields` order). Unchanged rows are taken from `base`, the rows the page
    was given, so a save of one typed cell in 2,000 rows sends one row's cells. Raises
    InputError (BAD_TABLE) for anything else."""
    try:
        data = json.loads(text)
        names = [str(f) for f in data["fields"]]
        raw = data["rows"][:MAX_ROWS + 1]
    except (ValueError, KeyError, TypeError) as exc:
        raise BAD_TABLE from exc
    known = [(i, n) for i, n in enumerate(names) if n in ROW_FIELDS]
    out: list[PostedRow] = []
    for row in raw:
        if not isinstance(row, dict):
            raise BAD_TABLE
        origin = row.get("o")
        if origin is not None and not (isinstance(origin, int) and 0 <= origin < len(base)):
            raise BAD_TABLE
        values = row.get("v")
        if values is None:
            if origin is None:
                raise BAD_TABLE
            out.append(PostedRow(origin, False, dict(base[origin])))
            continue
        if not isinstance(values, list):
            raise BAD_TABLE
        cells = dict.fromkeys(ROW_FIELDS, "")
        for i, name in known:
            if i < len(values):
                cells[name] = "" if values[i] is None else str(values[i])
        out.append(PostedRow(origin, True, cells))
    return out


def columns_from_post(post: QueryDict) -> Columns:
    n = MAX_YEAR_COLUMNS
    return columns_parse(
        [post.get(f"actual_year_{i}", "") for i in range(n)],
        [post.get(f"actual_prov_{i}") == "on" for i in range(n)],
        [post.get(f"projection_year_{i}", "") for i in range(n)],
        [post.get(f"projection_prov_{i}") == "on" for i in range(n)],
    )


def lock_version_from_post(post: QueryDict) -> int:
    try:
        return int(post.get("lock_version", ""))
    except ValueError:
        return -1  # refused as a conflict: never matches a stored version


# ---------------------------------------------------------------- the other parts

PARTY_FIELDS = ("post", "office", "name")
OUTCOME_FIELDS = ("outcome", "indicator", "unit", "unit_label",
                  *(f"actual_{i}" for i in range(MAX_YEAR_COLUMNS)), "target",
                  *(f"projection_{i}" for i in range(MAX_YEAR_COLUMNS)),
                  "joint_responsibility", "data_source")
ACRONYM_FIELDS = ("short", "meaning")
WORK_ITEM_FIELDS = ("term", "number", "subject", "plan", "actions", "quantity",
                    "quantity_value", "quantity_unit", "quantity_expression", "period",
                    "period_start", "period_end")
REGISTER_FIELDS = ("number", "name", "description", "working", "not_working_reason",
                   "recipients_get_result", "link", "order_date", "remarks")
ANNEX2_FIELDS = ("implementing_unit", "evidence")
ANNEX3_FIELDS = ("offices", "strategy", "activity_text", "indicator_text")

SECTION_TABLES: dict[str, list[Field]] = {
    "parties": [Field("post", _("Post"), width="m"), Field("office", _("Office"), width="l"),
                Field("name", _("Name"), width="m")],
    "acronyms": [Field("short", _("Acronym"), width="s"),
                 Field("meaning", _("Meaning"), width="l")],
    "work_items": [Field("term", _("Term"), width="s", kind="select", choices="term"),
                   Field("number", _("No."), width="xs"),
                   Field("subject", _("Subject"), width="l", kind="textarea"),
                   Field("plan", _("Implementation plan"), width="l", kind="textarea"),
                   Field("actions", _("Ongoing work (one per line)"), width="l", kind="textarea"),
                   Field("quantity", _("Quantity as written"), width="m"),
                   Field("quantity_value", _("Number"), width="xs"),
                   Field("quantity_unit", _("Unit words"), width="s"),
                   Field("quantity_expression", _("Working (e.g. 6×20)"), width="s"),
                   Field("period", _("Period as written"), width="m"),
                   Field("period_start", _("From"), width="s"),
                   Field("period_end", _("To"), width="s")],
    "register": [Field("number", _("No."), width="xs"),
                 Field("name", _("Innovation / service"), width="l", kind="textarea"),
                 Field("description", _("Description"), width="l", kind="textarea"),
                 Field("working", _("Working?"), width="s", kind="select", choices="yes_no"),
                 Field("not_working_reason", _("If not, why"), width="m"),
                 Field("recipients_get_result", _("Recipients get the result?"), width="s",
                       kind="select", choices="yes_no"),
                 Field("link", _("Link"), width="m"),
                 Field("order_date", _("Government order date"), width="s"),
                 Field("remarks", _("Remarks"), width="m")],
}


def outcome_fields(columns: Columns) -> list[Field]:
    return [
        Field("outcome", _("Outcome/impact"), width="l", kind="textarea"),
        Field("indicator", _("Performance indicator"), width="l", kind="textarea"),
        Field("unit", _("Unit"), width="s", kind="select", choices="unit"),
        Field("unit_label", _("Unit as written"), width="s"),
        *(Field(f"actual_{i}", _("Actual"), width="s") for i in range(len(columns.actuals))),
        Field("target", _("Target"), width="s"),
        *(Field(f"projection_{i}", _("Projection"), width="s")
          for i in range(len(columns.projections))),
        Field("joint_responsibility", _("Jointly responsible"), width="m"),
        Field("data_source", _("Data source"), width="m"),
    ]


def sections_from_post(post: QueryDict, refs: Sequence[str]) -> dict[str, Any]:
    """Every part of the sections page as typed (see `authoring.plan_save_sections`)."""

    def by_ref(prefix: str, fields: Sequence[str]) -> dict[str, dict[str, str]]:
        return {ref: {f: post.get(f"{prefix}-{ref}-{f}", "") for f in fields} for ref in refs
                if any(f"{prefix}-{ref}-{f}" in post for f in fields)}

    sections = {
        "general": {"title": post.get("title", ""), "subtitle": post.get("subtitle", ""),
                    "supervisor": post.get("supervisor", "")},
        "overview": {k: post.get(f"overview_{k}", "") for k in
                     ("achievements", "challenges", "future_plans", "expected_achievements")},
        "preamble": {"text": post.get("preamble", ""),
                     "parties": _post_rows(post, PARTY_FIELDS, "parties-")},
        "section1": {"vision": post.get("vision", ""), "mission": post.get("mission", ""),
                     "functions": post.get("functions", "")},
        "outcomes": _post_rows(post, OUTCOME_FIELDS, "outcomes-"),
        "acronyms": _post_rows(post, ACRONYM_FIELDS, "acronyms-"),
        "annex2": by_ref("annex2", ANNEX2_FIELDS),
        "annex3": by_ref("annex3", ANNEX3_FIELDS),
        "commitments": post.get("commitments", ""),
        "work_items": _post_rows(post, WORK_ITEM_FIELDS, "work_items-"),
        "register": _post_rows(post, REGISTER_FIELDS, "register-"),
        "notes": post.get("notes", ""),
    }
    # Only the parts the page showed (`sections` markers): a part left off the page is kept.
    shown = set(post.getlist("sections"))
    return {name: value for name, value in sections.items() if name in shown}
