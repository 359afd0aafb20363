"""The demo's year in progress (2022-23), played through the real services.

`kormo_load_demo` loads the seed plans as drafts; this module then plays the first half of the
year as the demo people would, calling the very services the pages call
(`kormo.plans.authoring`, `kormo.agreements.services`, `kormo.progress.services`), so the history,
notices, signatures, reports, evidence files and scores are real:

- Rangpur district office's APA (seed 000). Its quality check blocks submission (indicator
  [1.6.1] repeats 8 at the 100 % and 90 % levels; the seed's source note reads the row as
  shifted, levels 8/7/6/5/4), so `rangpur-focal` corrects the levels in the editor's table
  first, then submits; `rangpur-head` approves and signs for the office, `dg-supervisor` for
  the directorate (posts, offices and dates of the seed's signature block; the seed names no
  signer, so the demo people's names are used). Seed 000 has no action plans (its annexes 4-8
  are only a heading), so there are none to sign.
  Q1: nine achievements, two evidence files (PDF); submitted on time, one item returned by
  `dg-supervisor` for its evidence, fixed with a reason and resubmitted; one value verified
  beside the self-reported one; accepted. Q2: eleven achievements (the two day-celebration
  dates among them) and a photo (PNG); submitted on time, waiting for `dg-supervisor`'s review.
- Dinajpur district office's APA: returned once by `dinajpur-head` with a comment,
  resubmitted, approved and signed for the office: waiting for `dg-supervisor`'s signature.
- Pirgacha upazila office's APA: submitted, waiting for `pirgacha-head`'s approval.

Dinajpur's and Pirgacha's APAs are demo plans: seed 000's structure (names, units, weights,
methods, the corrected levels) without Rangpur's own actuals, projections, overview and notes,
as if the directorate had given every office the same agreement.

`demo_year_clear` undoes an earlier run before the seeds are loaded again: the demo plans'
evidence files, their history and notices (a demo that is played again, not a record of real
work), the demo-only plans and any revision of a demo plan (a revision holds its original
with a PROTECT key) and the demo plans themselves — seed 000's APA as well, which the demo
signed: an import replaces drafts only (`kormo.plans.importing.plan_import`). The loader then
loads the seeds again, so loading twice leaves the same rows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from kormo.agreements.errors import AgreementError, AgreementErrorCode
from kormo.agreements.services import plan_approve, plan_return, plan_sign, plan_submit
from kormo.audit.models import ChangeRecord, Notice
from kormo.domain import plan as d
from kormo.domain.values import DateValue, Number, Value
from kormo.offices.models import Office
from kormo.plans import models as pm
from kormo.plans.authoring import plan_save_table
from kormo.plans.convert import plan_save_from_domain, plan_to_domain
from kormo.plans.sheet import default_columns, sheet_rows
from kormo.progress.models import Evidence, Report, ReportedValue, ReportPeriod
from kormo.progress.scores import current_plans, office_stamps, score_stamp, snapshots_compute
from kormo.progress.services import (
    evidence_attach,
    progress_record,
    report_accept,
    report_return,
    report_submit,
    value_review,
    value_verify,
)

DEMO_YEAR = "2022-23"
RANGPUR_PLAN_ID = "rangpur-ict-apa-2022-23"  # seed 000
DINAJPUR_PLAN_ID = "demo-dinajpur-ict-apa-2022-23"
PIRGACHA_PLAN_ID = "demo-pirgacha-ict-apa-2022-23"
# (office code, plan id) of every plan the demo year plays; the last two exist only here.
DEMO_PLANS = (("demo-rangpur", RANGPUR_PLAN_ID), ("demo-dinajpur", DINAJPUR_PLAN_ID),
              ("demo-pirgacha", PIRGACHA_PLAN_ID))

# Seed 000 [1.6.1]: 8/8/7/6/5 repeats a level; its source note reads 8/7/6/5/4.
LEVELS_FIX = ("1.6.1", ("৮", "৭", "৬", "৫", "৪"))
LEVELS_FIX_NUMBERS = (8, 7, 6, 5, 4)

# Achievements of Rangpur's office indicators per quarter (within the year's targets: about
# half of each annual target by the half year). Dates are the days the events were held.
Q1_VALUES: dict[str, tuple[Value, str]] = {
    "1.1.1": (Number(Decimal(24)), "ডি-নথি প্রশিক্ষণ, ২টি ব্যাচ"),
    "1.2.1": (Number(Decimal(80)), ""),
    "1.3.1": (Number(Decimal(20)), ""),
    "1.4.1": (Number(Decimal(18)), ""),
    "1.5.1": (Number(Decimal(5)), ""),
    "1.6.1": (Number(Decimal(2)), "পীরগাছা ও মিঠাপুকুর"),
    "2.2.1": (Number(Decimal(2)), ""),
    "3.1.1": (Number(Decimal(6)), ""),
    "3.2.1": (Number(Decimal(5)), ""),
}
Q2_VALUES: dict[str, tuple[Value, str]] = {
    "1.1.1": (Number(Decimal(28)), ""),
    "1.2.1": (Number(Decimal(95)), ""),
    "1.3.1": (Number(Decimal(31)), ""),
    "1.4.1": (Number(Decimal(25)), ""),
    "1.5.1": (Number(Decimal(6)), ""),
    "1.6.1": (Number(Decimal(2)), "কাউনিয়া ও বদরগঞ্জ"),
    "2.1.1": (DateValue(dt.date(2022, 12, 12)), "জেলা ও সকল উপজেলায় উদ্‌যাপিত"),
    "2.2.1": (Number(Decimal(2)), ""),
    "2.3.1": (DateValue(dt.date(2022, 10, 18)), "জেলা ও সকল উপজেলায় উদ্‌যাপিত"),
    "3.1.1": (Number(Decimal(8)), ""),
    "3.2.1": (Number(Decimal(8)), ""),
}


def _at(year: int, month: int, day: int, hour: int = 11) -> dt.datetime:
    """A moment of the demo year, in the project's time zone (Asia/Dhaka)."""
    return timezone.make_aware(dt.datetime(year, month, day, hour, 0))


# ---------------------------------------------------------------- tiny evidence files


def demo_pdf(text: str) -> bytes:
    """A one-page PDF saying `text` (ASCII, Helvetica): small, valid, with a correct xref."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 14 Tf 56 780 Td ({safe}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def demo_png(width: int = 24, height: int = 16) -> bytes:
    """A small PNG: a green field with a red disc (the flag's colours), valid and tiny."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    cx, cy, r = width * 0.45, height / 2, height * 0.3
    rows = b"".join(
        b"\x00" + b"".join(
            b"\xf4\x2a\x41" if (x - cx) ** 2 + (y - cy) ** 2 <= r * r else b"\x00\x6a\x4e"
            for x in range(width))
        for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


# ---------------------------------------------------------------- undoing an earlier run


def _demo_plans(offices: dict[str, Office]) -> QuerySet[pm.Plan]:
    scope = Q(pk__in=[])
    for code, plan_id in DEMO_PLANS:
        if code in offices:
            scope |= Q(office=offices[code], external_id=plan_id)
    return pm.Plan.objects.filter(scope, fiscal_year=DEMO_YEAR, is_template=False)


@transaction.atomic
def demo_year_clear(offices: dict[str, Office]) -> int:
    """Remove what an earlier run of the demo year left (see the module's docstring), the
    demo plans included. Returns the number of plans deleted."""
    plans = _demo_plans(offices)
    ids = list(plans.values_list("pk", flat=True))
    if not ids:
        return 0
    names = set(Evidence.objects.filter(plan_id__in=ids).values_list("file", flat=True))
    ChangeRecord.objects.filter(plan_id__in=ids).delete()
    Notice.objects.filter(plan_id__in=ids).delete()
    deleted = 0
    # Revisions first (newest first: each holds the version before it), then the plans.
    for row in plans.filter(revision_of__isnull=False).order_by("-revision", "-pk"):
        row.delete()
        deleted += 1
    deleted += plans.delete()[1].get("plans.Plan", 0)
    for name in names:
        # After the rows: a failure above keeps the files of the rows that stay.
        transaction.on_commit(lambda n=name: default_storage.delete(n))
    return deleted


# ---------------------------------------------------------------- playing the year


@dataclass
class DemoYear:
    """What the demo year holds, for the loader's summary and the tests."""

    rangpur: pm.Plan | None = None
    dinajpur: pm.Plan | None = None
    pirgacha: pm.Plan | None = None
    reports: dict[str, Report] = field(default_factory=dict)
    values: int = 0
    evidence: list[Evidence] = field(default_factory=list)
    skipped: str = ""

    def summary(self) -> list[str]:
        if self.skipped:
            return [f"Demo year {DEMO_YEAR}: skipped ({self.skipped})."]
        lines = [f"Demo year {DEMO_YEAR} (played through the services):"]
        if self.rangpur is not None:
            states = ", ".join(f"{p} {r.get_state_display()}" for p, r in self.reports.items())
            lines.append(
                f"  Rangpur APA: {self.rangpur.get_state_display()} by both parties; reports:"
                f" {states}; {self.values} achievement(s), {len(self.evidence)} evidence"
                f" file(s)")
        if self.dinajpur is not None:
            lines.append("  Dinajpur APA: approved and signed by the office, waiting for"
                         " dg-supervisor's signature")
        if self.pirgacha is not None:
            lines.append("  Pirgacha APA: submitted, waiting for pirgacha-head's approval")
        return lines


def _person(username: str) -> Any:
    return get_user_model()._default_manager.get(username=username)


def _fix_levels(plan: pm.Plan, actor: Any) -> pm.Plan:
    """The focal point corrects [1.6.1]'s levels in the editor's table (one history record)."""
    domain = plan_to_domain(plan.pk)
    rows = sheet_rows(domain, default_columns(domain), "bn")
    ref, levels = LEVELS_FIX
    for row in rows:
        if row.get("key") == ref:
            row.update(zip(("level_100", "level_90", "level_80", "level_70", "level_60"),
                           levels, strict=True))
    return plan_save_table(plan=plan, rows=rows, expected_lock_version=plan.lock_version,
                           actor=actor)


def _submit(plan: pm.Plan, focal: Any, now: dt.datetime) -> pm.Plan:
    """Submit; when the quality check blocks it on the seed's repeated level, fix and retry."""
    try:
        return plan_submit(plan=plan, actor=focal, now=now)
    except AgreementError as exc:
        codes = {f.code.value for f in exc.findings}
        if exc.code is not AgreementErrorCode.FINDINGS_BLOCK or codes != {"LEVELS_REPEATED"}:
            raise
    plan = _fix_levels(plan, focal)
    return plan_submit(plan=plan, actor=focal, now=now)


def _signature_block(plan: pm.Plan) -> dict[str, pm.Party]:
    """The signature rows the plan file came with, by party (approval withdraws them)."""
    return {p.role: p for p in pm.Party.objects.filter(plan=plan,
                                                        section=pm.Party.Section.SIGNATURE)}


def _sign_both(plan: pm.Plan, head: Any, dg: Any, block: dict[str, pm.Party]) -> pm.Plan:
    """Both signatures, with the posts, offices and dates of the plan's own signature block
    (the seed names no signer: the demo people's names stand in)."""
    for party, actor in (("office", head), ("supervisor", dg)):
        sig = block.get(party)
        plan = plan_sign(
            plan=plan, actor=actor, party=party, name=sig.name if sig and sig.name else
            actor.get_full_name() or actor.username,
            post=sig.post if sig and sig.post else "প্রোগ্রামার",
            office_name=sig.office_name if sig else "",
            signed_on=sig.signed_on if sig and sig.signed_on else dt.date(2022, 6, 29))
    return plan


def _record(plan: pm.Plan, focal: Any, quarter: str, values: dict[str, tuple[Value, str]]
            ) -> dict[str, ReportedValue]:
    refs = set(pm.Indicator.objects.filter(plan=plan).values_list("ref", flat=True))
    return {
        ref: progress_record(plan=plan, indicator_ref=ref, quarter=quarter, actor=focal,
                             value=value, remarks=remarks or None)
        for ref, (value, remarks) in values.items() if ref in refs
    }


def _attach(value: ReportedValue | None, focal: Any, content: bytes, name: str
            ) -> Evidence | None:
    if value is None:
        return None
    return evidence_attach(value=value, actor=focal, file=ContentFile(content, name=name),
                           name=name)


def _play_rangpur(plan: pm.Plan, year: DemoYear) -> None:
    focal, head, dg = _person("rangpur-focal"), _person("rangpur-head"), _person("dg-supervisor")
    block = _signature_block(plan)
    plan = _submit(plan, focal, _at(2022, 6, 15))
    plan = plan_approve(plan=plan, actor=head)
    plan = _sign_both(plan, head, dg, block)

    # Q1 (July-September): recorded with evidence, submitted 9 October (due 15 October).
    q1 = _record(plan, focal, "Q1", Q1_VALUES)
    year.evidence += filter(None, [_attach(
        q1.get("1.1.1"), focal, demo_pdf("Kormo demo: D-Nothi training attendance, Q1 2022-23"),
        "প্রশিক্ষণের উপস্থিতি (১ম কোয়ার্টার).pdf")])
    report = Report.objects.get(plan=plan, period=ReportPeriod.Q1)
    report = report_submit(report=report, actor=focal, now=_at(2022, 10, 9))
    if "1.4.1" in q1:
        # The reviewer asks for the inspection reports; the office attaches them, corrects
        # the count with a reason and resubmits (still on time).
        value_review(value=q1["1.4.1"], actor=dg, accept=False,
                     comment="পরিদর্শন প্রতিবেদনের কপি সংযুক্ত করুন")
        report = report_return(report=report, actor=dg,
                               comment="১.৪.১: প্রমাণক নেই; পরিদর্শন প্রতিবেদন সংযুক্ত করুন")
        fixed = progress_record(plan=plan, indicator_ref="1.4.1", quarter="Q1", actor=focal,
                                value=Number(Decimal(17)),
                                reason="একটি পরিদর্শন দুবার গোনা হয়েছিল; প্রতিবেদন অনুযায়ী ১৭")
        year.evidence += filter(None, [_attach(
            fixed, focal, demo_pdf("Kormo demo: inspection reports, Sheikh Russel labs, Q1"),
            "ল্যাব পরিদর্শন প্রতিবেদন (১ম কোয়ার্টার).pdf")])
        report = report_submit(report=report, actor=focal, now=_at(2022, 10, 13))
    if "1.2.1" in q1:
        # Verified beside the self-reported value; the score uses the verified one.
        value_verify(value=q1["1.2.1"], actor=dg, verified=Number(Decimal(78)),
                     comment="রেজিস্টারে ৭৮টি সেবা পাওয়া গেছে")
    year.reports["Q1"] = report_accept(report=report, actor=dg, comment="সন্তোষজনক")

    # Q2 (October-December, the half-yearly self-assessment): submitted 12 January (due 15).
    q2 = _record(plan, focal, "Q2", Q2_VALUES)
    year.evidence += filter(None, [_attach(q2.get("2.3.1"), focal, demo_png(),
                                           "শেখ রাসেল দিবস ২০২২.png")])
    report = Report.objects.get(plan=plan, period=ReportPeriod.Q2)
    year.reports["Q2"] = report_submit(report=report, actor=focal, now=_at(2023, 1, 12))
    year.values = len(q1) + len(q2)
    plan.refresh_from_db()
    year.rangpur = plan


def _office_copy(seed: d.Plan, office: Office, plan_id: str) -> d.Plan:
    """Seed 000's structure for another office of the directorate (module docstring)."""
    ref, _ = LEVELS_FIX

    def bare(area: d.Area, ind: d.Indicator) -> d.Indicator:
        ind = dataclasses.replace(ind, actuals=(), projections=(), remarks="")
        if d.indicator_ref(area, ind) == ref:
            ind = dataclasses.replace(ind, levels=d.TargetLevels(
                *(Number(Decimal(n)) for n in LEVELS_FIX_NUMBERS)))
        return ind

    areas = tuple(
        dataclasses.replace(area, activities=tuple(
            dataclasses.replace(act, indicators=tuple(bare(area, i) for i in act.indicators))
            for act in area.activities))
        for area in seed.areas)
    return dataclasses.replace(
        seed, id=plan_id, office=office.name, office_tier=d.Tier(office.tier), areas=areas,
        overview=None, preamble="", preamble_parties=(), outcomes=(), signatures=(),
        progress=(), notes=(), source_notes=())


def _play_others(seed: d.Plan, offices: dict[str, Office], year: DemoYear) -> None:
    dinajpur = plan_save_from_domain(
        plan=_office_copy(seed, offices["demo-dinajpur"], DINAJPUR_PLAN_ID),
        office=offices["demo-dinajpur"])
    focal, head = _person("dinajpur-focal"), _person("dinajpur-head")
    dinajpur = plan_submit(plan=dinajpur, actor=focal, now=_at(2022, 6, 12))
    dinajpur = plan_return(plan=dinajpur, actor=head,
                           comment="২.২.১: সেমিনারের সংখ্যা জেলা সমন্বয় সভার সিদ্ধান্তের সাথে"
                                   " মিলিয়ে দেখুন")
    dinajpur = plan_submit(plan=dinajpur, actor=focal, now=_at(2022, 6, 19))
    dinajpur = plan_approve(plan=dinajpur, actor=head)
    dinajpur = plan_sign(plan=dinajpur, actor=head, party="office",
                         name=head.get_full_name() or head.username, post="প্রোগ্রামার",
                         signed_on=dt.date(2022, 6, 28))
    year.dinajpur = dinajpur  # the directorate's signature is left waiting

    pirgacha = plan_save_from_domain(
        plan=_office_copy(seed, offices["demo-pirgacha"], PIRGACHA_PLAN_ID),
        office=offices["demo-pirgacha"])
    year.pirgacha = plan_submit(plan=pirgacha, actor=_person("pirgacha-focal"),
                                now=_at(2022, 6, 20))


@transaction.atomic
def demo_year_play(offices: dict[str, Office]) -> DemoYear:
    """Play the first half of 2022-23 on the freshly loaded seed 000 (module docstring)."""
    year = DemoYear()
    rangpur = pm.Plan.objects.filter(
        office=offices["demo-rangpur"], external_id=RANGPUR_PLAN_ID, fiscal_year=DEMO_YEAR,
        is_template=False, is_current=True).first()
    if rangpur is None:
        year.skipped = f"seed plan {RANGPUR_PLAN_ID!r} not loaded"
        return year
    if rangpur.state != pm.PlanState.DRAFT:
        year.skipped = f"seed plan {RANGPUR_PLAN_ID!r} is no longer a draft"
        return year
    seed = plan_to_domain(rangpur.pk)
    _play_rangpur(rangpur, year)
    _play_others(seed, offices, year)
    demo_scores_store([office.pk for office in offices.values()])
    return year


def demo_scores_store(office_ids: Sequence[int]) -> None:
    """The stored scores and dashboard figures of the year, as the worker would store them
    after each change (fresh from the first page, even before a worker has run): for every
    office at once, in the same number of queries for ten offices or thousands."""
    stamps = office_stamps(plans=current_plans(office_ids=office_ids, fiscal_year=DEMO_YEAR))
    snapshots_compute(office_ids=office_ids, fiscal_year=DEMO_YEAR, stamps={
        oid: stamps.get(oid, score_stamp([], [])) for oid in office_ids})
