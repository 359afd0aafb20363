"""The `kormo` command: argument parsing and exit codes only.

`validate` and `score` work on a plan file without a database; `serve` runs the Django app.
A bad file never shows a traceback: one line in Bengali and English and exit status 2.
Exit status: 0 success, 1 the plan has validation errors, 2 bad input, 3 unexpected failure.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from kormo.domain.errors import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_FAILURE = 0, 1, 2, 3


def _print_json(data: Any) -> None:
    def default(o: Any) -> Any:
        if isinstance(o, Decimal):
            return int(o) if o == o.to_integral_value() else float(o)
        raise TypeError(type(o).__name__)

    print(json.dumps(data, ensure_ascii=False, indent=2, default=default))


# ---------------------------------------------------------------- validate


def cmd_validate(args: argparse.Namespace) -> int:
    from kormo.domain import planformat
    from kormo.domain.validation import findings_to_json, has_errors, validate_plan

    plans = planformat.load_path(args.file)
    report = []
    any_errors = False
    for plan in plans:
        findings = validate_plan(plan)
        any_errors = any_errors or has_errors(findings)
        report.append({"plan": plan.id, "kind": plan.kind.value, "office": plan.office,
                       "fiscal_year": plan.fiscal_year, "findings": findings_to_json(findings)})
    if args.json:
        _print_json(report)
    else:
        for entry in report:
            count = len(entry["findings"])
            print(f"{entry['plan'] or entry['office']} ({entry['kind']} {entry['fiscal_year']}):"
                  f" {count} finding(s)")
            for f in entry["findings"]:
                message = f["message_en"] if args.lang == "en" else f["message_bn"]
                print(f"  {f['severity'].upper():7} {f['place']:10} {f['code']}: {message}")
    return EXIT_FINDINGS if any_errors else EXIT_OK


# ---------------------------------------------------------------- score


def _r2(x: float | None) -> float | None:
    return None if x is None else round(x, 2)


def score_report(plans: Sequence[Any], rules: Any = None, through: Any = None) -> list[dict]:
    """The JSON of `kormo score`: per plan, per area, per indicator (figures at two decimals)."""
    from kormo.domain.planformat import value_to_json
    from kormo.domain.scoring import score_plans

    out = []
    for s in score_plans([p for p in plans if p.areas], rules, through=through):
        out.append({
            "plan": s.plan_id,
            "kind": s.kind.value,
            "office": s.office,
            "fiscal_year": s.fiscal_year,
            "rule_set": s.rule_set,
            "total": _r2(s.total),
            "maximum": _r2(s.maximum),
            "percent": _r2(s.percent),
            "rating": s.rating,
            "indicators_at_100_percent": s.full_marks_count,
            "indicator_count": len(s.indicators),
            "areas": [
                {
                    "number": a.number,
                    "name": a.name,
                    "kind": a.kind.value,
                    "weight": a.weight,
                    "score": _r2(a.score),
                    "maximum": _r2(a.maximum),
                    "indicators": [
                        {
                            "ref": i.ref,
                            "number": i.number,
                            "name": i.name,
                            "weight": i.weight,
                            "annual_achievement": value_to_json(i.achievement.value),
                            "raw_percent": _r2(i.raw_percent),
                            "score": _r2(i.score),
                            "maximum": _r2(i.maximum),
                            "status": i.status.value,
                            **({"linked_plan": i.linked_plan} if i.linked_plan else {}),
                            **({"published_score": i.published_score,
                                "published_differs": i.published_differs}
                               if i.published_score is not None else {}),
                        }
                        for i in a.indicators
                    ],
                }
                for a in s.areas
            ],
        })
    # Governance links are stated even when the action plan is missing from the file.
    by_id = {p.id: p for p in plans}
    for entry in out:
        plan = by_id.get(entry["plan"])
        if plan is None:
            continue
        refs = {ref: ind for ref, ind in plan.indicator_refs().items() if ind.feeds_from}
        for area in entry["areas"]:
            for ind in area["indicators"]:
                if ind["ref"] in refs:
                    ind["feeds_from"] = refs[ind["ref"]].feeds_from.value
    return out


def _rules_from_arg(value: str | None) -> Any:
    from kormo.domain.rules import RuleSet, rule_set_named

    if value is None:
        return None
    if value.endswith(".json"):
        try:
            with open(value, encoding="utf-8") as fh:
                raw = json.load(fh)
        except (OSError, json.JSONDecodeError) as exc:
            raise InputError("নিয়মসমূহের ফাইল পড়া যায়নি",
                             f"cannot read the rule-set file: {exc}") from None
        if not isinstance(raw, dict):
            raise InputError("নিয়মসমূহের ফাইল অবোধগম্য", "unreadable rule-set file")
        return RuleSet.from_dict(raw)
    return rule_set_named(value)


def cmd_score(args: argparse.Namespace) -> int:
    from kormo.domain import planformat
    from kormo.domain.plan import Quarter

    plans = planformat.load_path(args.file)
    through = Quarter(args.through) if args.through else None
    _print_json(score_report(plans, _rules_from_arg(args.rules), through))
    return EXIT_OK


# ---------------------------------------------------------------- serve


def cmd_serve(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kormo.project.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    if args.demo:
        call_command("kormo_load_demo")
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False)
    return EXIT_OK


# ---------------------------------------------------------------- entry point


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kormo", description="Kormo: plan, report and score APAs and action plans")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check a plan file; exit 0 only without errors")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.add_argument("--lang", choices=("bn", "en"), default="bn")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("score", help="print the scores of the plans in a file as JSON")
    p.add_argument("file")
    p.add_argument("--rules", help="a rule-set name or a rule-set JSON file")
    p.add_argument("--through", choices=("Q1", "Q2", "Q3", "Q4"),
                   help="count progress up to this quarter only")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("serve", help="run the web app")
    p.add_argument("--demo", action="store_true", help="load the demo data first")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default="8000")
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except InputError as exc:
        print(f"kormo: {exc.one_line()}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except BrokenPipeError:  # the reader (e.g. `head`) closed the pipe: nothing to report
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # never a traceback for users; KORMO_TRACEBACK=1 shows it
        if os.environ.get("KORMO_TRACEBACK"):
            raise
        print(f"kormo: অপ্রত্যাশিত ত্রুটি / unexpected error: {type(exc).__name__}: {exc}",
              file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
