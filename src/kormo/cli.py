"""The `kormo` command: argument parsing and exit codes only.

`validate` and `score` work on a plan file without a database; `serve` runs the Django app and
`remind` sends the day's deadline reminders from its database.
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
from kormo.domain.numerals import parse_day_count

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


def score_report(plans: Sequence[Any], rules: Any = None, through: Any = None) -> list[dict]:
    """The JSON of `kormo score` (kormo.domain.scorejson): per plan, per area, per indicator."""
    from kormo.domain.scorejson import scores_json
    from kormo.domain.scoring import score_plans

    return scores_json(plans, score_plans([p for p in plans if p.areas], rules, through=through))


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


# ---------------------------------------------------------------- export


def _plans_from_database(plan_id: str) -> list[Any]:
    """A stored plan and its annexed action plans, as domain plans (needs the database)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kormo.project.settings")
    import django

    django.setup()
    from django.db import DatabaseError

    from kormo.plans.convert import plan_to_domain
    from kormo.plans.models import Plan as PlanRow

    if not plan_id.isdigit():
        raise InputError("পরিকল্পনার নম্বর একটি সংখ্যা হতে হবে",
                         "the plan id must be a number", plan_id)
    try:
        plan = plan_to_domain(int(plan_id))
        annexes = PlanRow.objects.filter(parent_id=int(plan_id)).order_by("pk")
        return [plan, *(plan_to_domain(pk) for pk in annexes.values_list("pk", flat=True))]
    except PlanRow.DoesNotExist:
        raise InputError(f"ডাটাবেজে {plan_id} নম্বরের কোনো পরিকল্পনা নেই",
                         f"no plan {plan_id} in the database", plan_id) from None
    except DatabaseError as exc:
        raise InputError("ডাটাবেজ পড়া যায়নি", f"cannot read the database: {exc}") from None


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from kormo.documents.render import export
    from kormo.domain import planformat

    output = args.output
    if output is None:
        stem = args.plan_id or (Path(args.source).stem if args.source else f"plan-{args.plan}")
        if args.document != "auto":
            stem += f"-{args.document}"
        output = f"{stem}{'-en' if args.lang == 'en' else ''}.{args.format}"
    if output != "-":
        folder = os.path.dirname(os.path.abspath(output))
        if not os.path.isdir(folder) or not os.access(folder, os.W_OK):
            raise InputError(f"ফলাফলের ফাইল লেখা যাবে না: {output}",
                             f"cannot write the output file: {output}", output)
    if args.source is not None:
        plans = planformat.load_path(args.source)
        plan_id = args.plan_id
    else:
        plans = _plans_from_database(args.plan)
        plan_id = None
    data = export(plans, args.format, kind=args.document, lang=args.lang, plan_id=plan_id,
                  quarter=args.quarter, rules=_rules_from_arg(args.rules))
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    try:
        with open(output, "wb") as fh:
            fh.write(data)
    except OSError as exc:
        raise InputError(f"ফলাফলের ফাইল লেখা যায়নি: {output}",
                         f"cannot write the output file: {exc.strerror or exc}", output) from None
    print(f"{output} ({len(data)} bytes)")
    return EXIT_OK


# ---------------------------------------------------------------- import


def _actor(username: str | None) -> Any:
    """The person `kormo import` acts as: --actor, or the system actor (kormo-system)."""
    from django.contrib.auth import get_user_model

    from kormo.offices.services import SYSTEM_USERNAME, system_actor_ensure

    if username is None or username == SYSTEM_USERNAME:
        return system_actor_ensure()
    user = get_user_model()._default_manager.filter(username=username).first()
    if user is None:
        raise InputError(f"{username} নামে কোনো ব্যবহারকারী নেই",
                         f"there is no user named {username}", "--actor")
    if not user.is_active:
        raise InputError(f"{username} ব্যবহারকারীর অ্যাকাউন্ট বন্ধ",
                         f"the account of {username} is inactive", "--actor")
    return user


def _import_office(name: str | None, plans: Sequence[Any]) -> Any:
    """--office (found or created by name), else each plan's own office, by name."""
    from kormo.importers.recognise.text import tier_of
    from kormo.offices.services import office_ensure

    def by_name(office_name: str, tier: Any) -> Any:
        office_name = office_name.strip()
        return office_ensure(name=office_name, tier=tier or tier_of(office_name))

    if name is not None:
        return by_name(name, plans[0].office_tier if plans else None)
    return lambda plan: by_name(plan.office, plan.office_tier)


def cmd_import(args: argparse.Namespace) -> int:
    """Read an office's document (DOCX, XLSX, PDF, text) into plans; print or save them.

    Never an empty success: a file with no plan table exits 2 listing what was seen, and a
    fiscal year or office that could not be read must be given (--year/--office) before the
    plans are printed or saved, so every dry-run JSON is a valid plan file."""
    from kormo.domain import planformat
    from kormo.domain.calendar import FiscalYear
    from kormo.importers import import_file
    from kormo.importers.completing import (
        MissingFactsError,
        missing_facts,
        with_office_and_year,
    )

    if args.year:
        FiscalYear.parse(args.year)  # refuse a bad year before reading the file
    result = import_file(args.file)
    plans = list(with_office_and_year(result.plans, office=args.office, fiscal_year=args.year))
    missing = missing_facts(plans)
    if missing:
        raise MissingFactsError(missing)
    if args.dry_run:
        if args.json:
            _print_json({**planformat.document(plans), "source": args.file,
                         "flags": [f.to_json() for f in result.flags]})
        else:
            for plan in plans:
                print(f"{plan.kind.value} {plan.fiscal_year} {plan.office}: "
                      f"{len(plan.indicators)} indicator(s), {len(plan.work_items)} work "
                      f"item(s), {len(plan.register)} register entr(ies)")
            for f in result.flags:
                reason = f.reason_en if args.lang == "en" else f.reason_bn
                print(f"  {f.code.value:20} {f.place}: {reason} [{f.source.label()}]")
        return EXIT_OK
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kormo.project.settings")
    import django

    django.setup()
    from django.db import DatabaseError

    from kormo.offices.access import AccessDenied
    from kormo.plans.importing import plan_import

    try:
        actor = _actor(args.actor)
        office = _import_office(args.office, plans)
        try:
            saved = plan_import(plans=plans, office=office, actor=actor, replace=args.replace,
                                fiscal_year=args.year,
                                source={"file": os.path.basename(args.file), "via": "kormo"})
        except AccessDenied:
            raise InputError(
                f"{actor.get_username()} এই পরিকল্পনার অফিসের জন্য লিখতে পারেন না",
                f"{actor.get_username()} may not write plans of this office") from None
    except DatabaseError as exc:
        raise InputError("ডাটাবেজে সংরক্ষণ করা যায়নি", f"cannot save to the database: {exc}") from None
    report = {"saved": [{"id": row.pk, "kind": p.kind.value, "fiscal_year": row.fiscal_year}
                        for row, p in zip(saved, plans, strict=True)],
              "flags": [f.to_json() for f in result.flags]}
    if args.json:
        _print_json(report)
    else:
        for entry in report["saved"]:
            print(f"saved plan {entry['id']}: {entry['kind']} {entry['fiscal_year']}")
        print(f"{len(result.flags)} cell(s) flagged for review")
    return EXIT_OK


# ---------------------------------------------------------------- serve


def cmd_serve(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kormo.project.settings")
    import django
    from django.core.management import call_command

    # The development server is the demo: it may run on the public demo key (kormo.ops.startup).
    os.environ.setdefault("KORMO_DEMO", "1")
    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    if args.demo:
        call_command("kormo_load_demo")
    # insecure_serving: the development server serves static files with DEBUG off as well
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False,
                 insecure_serving=True)
    return EXIT_OK


# ---------------------------------------------------------------- worker


def cmd_worker(args: argparse.Namespace) -> int:
    """The background worker: sends queued e-mails (django-tasks' db_worker; docs/deployment.md)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kormo.project.settings")
    import django
    from django.core.management import call_command

    django.setup()
    options: dict[str, Any] = {"interval": args.interval, "batch": args.batch,
                               "startup_delay": False}
    if args.max_tasks:
        options["max_tasks"] = args.max_tasks
    call_command("db_worker", **options)
    return EXIT_OK


# ---------------------------------------------------------------- remind


def cmd_remind(args: argparse.Namespace) -> int:
    """The daily deadline reminders (manage.py kormo_remind; docs/operations.md)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kormo.project.settings")
    import django

    django.setup()
    from django.db import DatabaseError

    from kormo.agreements.reminders import remind
    from kormo.progress import reminders

    today = reminders.parse_day(args.today) if args.today else None
    try:
        result = remind(today=today, due_within=args.due_within,
                        review_after=args.review_after, overdue_within=args.overdue_within,
                        agreement_after=args.agreement_after, dry_run=args.dry_run)
    except DatabaseError as exc:
        raise InputError("ডাটাবেজ পড়া যায়নি", f"cannot read the database: {exc}") from None
    lines = reminders.listing_lines(result) if args.dry_run else []
    for line in [*lines, *reminders.summary_lines(result)]:
        print(line)
    return EXIT_OK


def cmd_onboard(args: argparse.Namespace) -> int:
    """Offices and people from CSV or XLSX (manage.py kormo_onboard; docs/onboarding.md)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kormo.project.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError

    files = [args.offices, *([args.people] if args.people else [])]
    try:
        call_command("kormo_onboard", *files, dry_run=args.dry_run, invite=args.invite,
                     json=args.json)
    except CommandError as exc:
        print(f"kormo: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def parse_days(text: str) -> int:
    """A number of days for an option of `kormo remind` (the rule: `numerals.parse_day_count`);
    a bad value is refused in both languages before anything runs."""
    try:
        return parse_day_count(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(f"{exc.bn} / {exc.en}") from None


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

    p = sub.add_parser("export", help="write an APA, action plan or report as PDF, DOCX, "
                                      "XLSX, or the plans as JSON / scores as CSV")
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--from", dest="source", metavar="FILE", help="a plan file")
    source.add_argument("--plan", metavar="ID", help="a plan stored in the database (its id)")
    p.add_argument("--format", required=True, choices=("pdf", "docx", "xlsx", "json", "csv"))
    p.add_argument("--document", default="auto",
                   choices=("auto", "apa", "plan", "progress", "evaluation"),
                   help="auto: the APA if the file has one, else each plan in its own form")
    p.add_argument("--plan-id", help="the plan of the file to export (its id in the file)")
    p.add_argument("--quarter", choices=("Q1", "Q2", "Q3", "Q4"),
                   help="the progress report's quarter (default: the latest reported)")
    p.add_argument("--lang", choices=("bn", "en"), default="bn")
    p.add_argument("--rules", help="a rule-set name or a rule-set JSON file")
    p.add_argument("-o", "--output", metavar="OUT", help="the file to write ('-': stdout)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="read an office's DOCX, XLSX, PDF or text document "
                       "into plans; --dry-run prints them, otherwise they are saved")
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="print, do not save")
    p.add_argument("--json", action="store_true",
                   help="print the plan format with the flags as JSON")
    p.add_argument("--office", help="save under this office (default: the office read)")
    p.add_argument("--year", help="fiscal year to save under, e.g. 2022-23 (default: read)")
    p.add_argument("--replace", action="store_true",
                   help="replace draft plans of the same office, kind, year and plan id (a "
                        "plan past its draft is refused: it changes only by a revision)")
    p.add_argument("--actor", metavar="USERNAME",
                   help="the person the import is recorded under (default: the system actor "
                        "kormo-system); they must be allowed to write for the office")
    p.add_argument("--lang", choices=("bn", "en"), default="bn")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("serve", help="run the web app")
    p.add_argument("--demo", action="store_true", help="load the demo data first")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default="8000")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("worker", help="run the background worker (e-mails); stops on SIGTERM "
                       "after the task it is running")
    p.add_argument("--interval", type=float, default=1.0,
                   help="seconds between looks at the queue when it is empty (default 1)")
    p.add_argument("--batch", action="store_true", help="run what is due now, then exit")
    p.add_argument("--max-tasks", type=int, default=0, help="exit after this many tasks")
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("remind", help="send the day's deadline reminders (run once a day); "
                       "--dry-run lists them")
    p.add_argument("--today", metavar="YYYY-MM-DD", help="run as on this day (default: today)")
    p.add_argument("--due-within", type=parse_days, default=7, metavar="N",
                   help="remind of reports due within N days (default 7)")
    p.add_argument("--review-after", type=parse_days, default=7, metavar="M",
                   help="remind supervisors of reports waiting M days or more (default 7)")
    p.add_argument("--overdue-within", type=parse_days, default=30, metavar="D",
                   help="remind of reports overdue by at most D days (default 30)")
    p.add_argument("--agreement-after", type=parse_days, default=7, metavar="A",
                   help="remind of plans waiting A days or more for approval or a signature "
                        "(default 7)")
    p.add_argument("--dry-run", action="store_true", help="list what would be sent; send nothing")
    p.set_defaults(func=cmd_remind)

    p = sub.add_parser("onboard", help="load offices and people with roles from CSV or XLSX; "
                       "--dry-run lists every row's problem")
    p.add_argument("offices", help='the offices file, or "-" for none')
    p.add_argument("people", nargs="?", help="the people file")
    p.add_argument("--dry-run", action="store_true", help="check only; save nothing")
    p.add_argument("--invite", action="store_true", help="e-mail new people a password link")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_onboard)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command not in ("serve", "worker"):
        # Their output is the command's own (a file with -o -): log lines go to stderr.
        os.environ.setdefault("KORMO_LOG_STREAM", "stderr")
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
