"""Field-by-field comparison of an imported plan with the hand transcription of the same seed.

Both plans go through the plan format (`planformat.plan_to_dict`), so values compare by their
typed JSON form ({"date": …}, {"percent": …}). What is compared is what an import can read from
the tables (areas, activities, indicators with their units, weights, levels, actuals,
projections, targets; progress; register entries; work items; section 2 and the annexes);
what only a person writes (ids, source notes, signatures, overview, vision …) is not.

Two normalisations, both about "nothing": a year value whose cell is empty (null) is the same
as no year value, and a level that is null the same as a level not given.
"""

from __future__ import annotations

from typing import Any

from kormo.domain.plan import Plan
from kormo.domain.planformat import plan_to_dict

PLAN_KEYS = ("kind", "fiscal_year", "office", "office_tier", "title", "subtitle",
             "total_weight")
LIST_KEYS = ("progress", "register", "work_items", "outcomes", "acronyms")
SKIP_IN_PROGRESS = ("evidence", "remarks")


def _norm_indicator(raw: dict[str, Any]) -> dict[str, Any]:
    out = dict(raw)
    for key in ("actuals", "projections"):
        values = [v for v in out.get(key, []) if v.get("value") is not None]
        if values:
            out[key] = values
        else:
            out.pop(key, None)
    levels = {k: v for k, v in (out.get("levels") or {}).items() if v is not None}
    if levels:
        out["levels"] = levels
    else:
        out.pop("levels", None)
    return out


def _walk(path: str, a: Any, b: Any, out: dict[str, tuple[Any, Any]]) -> None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b), key=str):
            _walk(f"{path}.{key}" if path else str(key), a.get(key), b.get(key), out)
        return
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _walk(f"{path}[{i}]", x, y, out)
        return
    if a != b:
        out[path] = (a, b)


def plan_differences(got: Plan, want: Plan) -> dict[str, tuple[Any, Any]]:
    """{path: (imported, hand)} for every field that differs."""
    g, w = plan_to_dict(got), plan_to_dict(want)
    out: dict[str, tuple[Any, Any]] = {}
    for key in PLAN_KEYS:
        _walk(key, g.get(key), w.get(key), out)
    g_areas, w_areas = g.get("areas", []), w.get("areas", [])
    if len(g_areas) != len(w_areas):
        out["areas"] = ([a["number"] for a in g_areas], [a["number"] for a in w_areas])
    for ga, wa in zip(g_areas, w_areas, strict=False):
        prefix = ("G" if wa.get("kind") == "governance" else "") + f"area {wa['number']}"
        for key in ("number", "name", "weight", "kind", "choose_at_least", "note"):
            _walk(f"{prefix}.{key}", ga.get(key), wa.get(key), out)
        g_acts = {a["number"]: a for a in ga.get("activities", [])}
        w_acts = {a["number"]: a for a in wa.get("activities", [])}
        if list(g_acts) != list(w_acts):
            out[f"{prefix}.activities"] = (list(g_acts), list(w_acts))
        for number in [n for n in w_acts if n in g_acts]:
            gact, wact = g_acts[number], w_acts[number]
            for key in ("name", "not_applicable_tiers"):
                _walk(f"{prefix} / {number}.{key}", gact.get(key), wact.get(key), out)
            g_inds = {i["number"]: _norm_indicator(i) for i in gact.get("indicators", [])}
            w_inds = {i["number"]: _norm_indicator(i) for i in wact.get("indicators", [])}
            if list(g_inds) != list(w_inds):
                out[f"{prefix} / {number}.indicators"] = (list(g_inds), list(w_inds))
            for inum in [n for n in w_inds if n in g_inds]:
                _walk(f"{prefix} / {inum}", g_inds[inum], w_inds[inum], out)
    for key in LIST_KEYS:
        gl, wl = g.get(key, []), w.get(key, [])
        if key == "progress":
            gl = [{k: v for k, v in p.items() if k not in SKIP_IN_PROGRESS} for p in gl]
            wl = [{k: v for k, v in p.items() if k not in SKIP_IN_PROGRESS} for p in wl]
        if len(gl) != len(wl):
            out[key] = (len(gl), len(wl))
        _walk(key, gl[: len(wl)] if len(gl) > len(wl) else gl, wl[: len(gl)], out)
    return out


def all_differences(got: Plan, want: Plan) -> dict[str, tuple[Any, Any]]:
    """{path: (imported, original)} over every field of the plan format, nothing skipped:
    the round trip (tests/importers/test_round_trip.py) removes what it excludes itself."""
    out: dict[str, tuple[Any, Any]] = {}
    _walk("", plan_to_dict(got), plan_to_dict(want), out)
    return out
