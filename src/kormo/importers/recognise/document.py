"""A whole document → the plans it holds: which tables belong together, what each plan is,
its office, fiscal year and the quarter a report covers.

Tables are grouped by what they are (`headers.TableKind`) and by the headings between them: a
table with the header of the table before it (a header repeated on the next page), or with no
header at all and the same width (a table continued after a page break), continues it unless a
new plan's title stands between them. The plan's kind comes from its title ("… শুদ্ধাচার কৌশল
কর্মপরিকল্পনা …", "বার্ষিক কর্মসম্পাদন চুক্তি" …); its fiscal year from the title or the target
header, corrected when OCR misread it (২০২৬ for ২০২৩); its office from "… নাম: …", the APA's
cover or the title. The APA's section 2 and annexes attach to the APA; the e-Nothi evidence
sheet to the e-governance plan's achievement it proves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from kormo.domain.calendar import FiscalYear
from kormo.domain.dates import DateError, parse_month_range
from kormo.domain.derived import enothi_disposal_rate
from kormo.domain.digits import to_latin_digits
from kormo.domain.errors import InputError
from kormo.domain.plan import (
    Acronym,
    Area,
    AreaKind,
    Outcome,
    Plan,
    PlanKind,
    ProgressValue,
    Quarter,
    Signature,
    Tier,
)
from kormo.domain.values import Percent, numeric
from kormo.importers.readers.model import Document, Paragraph, Table
from kormo.importers.recognise.headers import Header, Role, TableKind, analyse
from kormo.importers.recognise.indicators import read_indicator_tables
from kormo.importers.recognise.kinds import guess_kind, kind_of_title_similar, table_evidence
from kormo.importers.recognise.others import (
    read_acronyms,
    read_annex2,
    read_annex3,
    read_enothi,
    read_outcomes,
    read_register,
    read_workplan,
    similarity,
)
from kormo.importers.recognise.parts import (
    ApaText,
    read_apa_text,
    read_notes,
    read_signatures,
    signature_cell,
    signature_lines,
)
from kormo.importers.recognise.similar import Match
from kormo.importers.recognise.text import (
    DIGIT,
    fiscal_years_in,
    fix_fiscal_years,
    fix_text,
    nfc,
    ocr_reason,
    plan_kind_of_title,
    squash,
    tier_of,
)
from kormo.importers.recognise.values import Sink, date_quarter
from kormo.importers.result import Flag, FlagCode, ImportResult

_CONTINUABLE = {TableKind.FIVE_LEVEL, TableKind.QUARTERLY, TableKind.MONTHLY,
                TableKind.WORKPLAN,
                TableKind.REGISTER, TableKind.ENOTHI, TableKind.ANNEX2, TableKind.ANNEX3,
                TableKind.OUTCOMES, TableKind.ACRONYMS}


@dataclass(slots=True)
class Segment:
    kind: TableKind
    parts: list[tuple[Table, Header, int]]
    before: list[Paragraph]
    after: list[Paragraph] = field(default_factory=list)
    # the paragraphs after each part (between a part and the next, or after the last)
    between: list[list[Paragraph]] = field(default_factory=list)

    @property
    def header(self) -> Header:
        return self.parts[0][1]


def _is_signature_table(table: Table) -> bool:
    """Word's signature blocks side by side: a table of one or two rows whose every filled
    cell is a block (a line to sign on or not; the date after "তারিখ:" or above the label)."""
    cells = [c.text.strip() for r in table.rows for c in r.cells if c.text.strip()]
    return bool(cells) and len(table.rows) <= 2 and len(cells) <= 4 and all(
        signature_lines(signature_cell(c)) is not None for c in cells)


def _own_after(after: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs after a plan's table that are still its own: up to the next plan's
    title (a plan title, a register's title, the line before an office-name line) or an
    annex heading."""
    texts = [squash(p.text) for p in after]
    for i, t in enumerate(texts):
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        if plan_kind_of_title(fix_text(t)[0]) or _NAME.search(t) or _NAME.search(nxt) or \
                re.match(rf"^(?:সংযোজনী|Annex)\s*[{DIGIT}]+(?:\s*-\s*[{DIGIT}]+)?\s*:", t):
            return after[:i]
    return after


def _segments(doc: Document, doc_sink: Sink) -> tuple[list[Segment], list[Paragraph]]:
    segments: list[Segment] = []
    pending: list[Paragraph] = []
    all_paragraphs: list[Paragraph] = []
    last: Segment | None = None
    for block in doc.blocks:
        if isinstance(block, Table) and _is_signature_table(block):
            # Word prints the signature blocks side by side in a table of one row; read each
            # block as the line Excel and text give ("name / post / office / তারিখ: …").
            for cell in (c for r in block.rows for c in r.cells if c.text.strip()):
                para = Paragraph(signature_cell(cell.text), cell.position, cell.converted)
                pending.append(para)
                all_paragraphs.append(para)
            continue
        if isinstance(block, Paragraph):
            pending.append(block)
            all_paragraphs.append(block)
            continue
        header = analyse(block)
        titled = any(plan_kind_of_title(fix_text(p.text)[0])
                     or kind_of_title_similar(fix_text(p.text)[0])[0] for p in pending)
        if last is not None:
            last.after = list(pending)
            last.between.append(list(pending))
        if header.kind is None:
            if header.rows == 0 and last is not None and last.kind in _CONTINUABLE \
                    and not titled and abs(block.width - last.header.columns.__len__()) <= 3:
                last.parts.append((block, last.parts[-1][1], 0))
                pending = []
                continue
            if block.width >= 3 and len(block.rows) >= 2:
                doc_sink.add(FlagCode.TABLE_SKIPPED, "document", block.position,
                             "এই সারণিটি কোনো জানা ধরনের (এপিএ, কর্মপরিকল্পনা, রেজিস্টার …) নয়: "
                             "আমদানি করা হয়নি",
                             "this table is of no known kind (APA, action plan, register …): "
                             "not imported",
                             written=" | ".join(squash(c.text) for c in block.rows[0].cells)[:200])
            pending = []
            if last is not None:
                last.between.pop()
            last = None
            continue
        if last is not None and last.kind is header.kind and not titled:
            last.parts.append((block, header, header.rows))
        else:
            last = Segment(header.kind, [(block, header, header.rows)], list(pending))
            segments.append(last)
        pending = []
    if last is not None:
        last.after = list(pending)
        last.between.append(list(pending))
    return segments, all_paragraphs


# ---------------------------------------------------------------- plan facts


def _title(seg: Segment) -> tuple[str, PlanKind | None, Paragraph | None, Match | None]:
    """The title naming the plan's kind: words as written first, then read by similarity (the
    match returned, to be flagged)."""
    for p in reversed(seg.before):
        text = fix_text(p.text)[0]
        kind = plan_kind_of_title(text)
        if kind is not None:
            return text, kind, p, None
    for p in reversed(seg.before):
        text = fix_text(p.text)[0]
        kind, match = kind_of_title_similar(text)
        if kind is not None:
            return text, kind, p, match
    return "", None, None, None


_NAME = re.compile(r"(?:নাম|Name)\s*[:ঃ]\s*(.+)$")


def _subtitle(before: list[Paragraph], title_para: Paragraph | None) -> str:
    """The line a form prints between its title and its table ("মাঠ (জেলা) পর্যায়ের অফিসের
    জন্য"), the office's name line apart: the plan's subtitle (issue 12, item 11)."""
    at = next((i for i, p in enumerate(before) if p is title_para), None)
    if at is None:
        return ""
    lines = (squash(fix_text(p.text)[0]) for p in before[at + 1:])
    return " ".join(t for t in lines if t and not _NAME.search(t))
_GLUED_OFFICE = re.compile(r"(কার্যালয়|অফিস|দপ্তর)(?=[\u0995-\u09b9])")


_OFFICE_WORDS = re.compile(r"কার্যালয়|অফিস|দপ্তর|অধিদপ্তর|অধিদফতর|মন্ত্রণালয়|বিভাগ|ইনস্টিটিউট|"
                           r"প্রতিষ্ঠান|পরিষদ|বোর্ড|কমিশন|ব্যাংক|হাসপাতাল|কলেজ|বিদ্যালয়|টিম")


def _strip_possessive(text: str) -> str:
    text = re.sub(r"\s*-?এর$", "", text.strip())
    if text.endswith("ের"):
        text = text[: -len("ের")]
    return text.strip(" ,।")


def _office_from(paragraphs: list[Paragraph], title: str) -> tuple[str, Paragraph | None]:
    for p in paragraphs:
        m = _NAME.search(squash(p.text))
        if m:
            return m[1].strip().rstrip("।").strip(), p
    t = title
    m = re.search(r"^(.*?)\s+কর্তৃক\s", t)
    if m:
        return m[1].strip(), None
    m = re.search(r"^(.*?)(?:-এর|এর|ের)\s+(?:জাতীয়\s+)?শুদ্ধাচার", t)
    if m:
        return _strip_possessive(m[0].split(" জাতীয়")[0].split(" শুদ্ধাচার")[0]), None
    # "<office> এর <plan>" / "<office>-এর <plan>": the words before a separate possessive,
    # when they name an office
    m = re.search(r"^(.*?)(?:\s*-এর|\s+এর)\s", t)
    if m and _OFFICE_WORDS.search(m[1]):
        return m[1].strip(" ,।"), None
    return "", None


# "(উপজেলা পর্যায়ের কার্যালয়ের ক্ষেত্রে প্রযোজ্য নয়)" after an activity's name: how Kormo's own
# documents print an activity's `not_applicable_tiers` (the forms say it in a note below).
_TIER_WORDS_EN = {"ministry": Tier.MINISTRY, "directorate": Tier.DIRECTORATE,
                  "divisional": Tier.DIVISION, "district": Tier.DISTRICT,
                  "upazila": Tier.UPAZILA, "institution": Tier.INSTITUTION,
                  "প্রতিষ্ঠান": Tier.INSTITUTION}
_NA_SUFFIX = re.compile(r"\s*\((.+?) পর্যায়ের কার্যালয়ের ক্ষেত্রে প্রযোজ্য (?:নয়|হবে না)\)\s*$"
                        r"|\s*\(not applicable to (.+?) offices\)\s*$")


def _tiers_from_names(area: Area) -> Area:
    acts = []
    for act in area.activities:
        m = _NA_SUFFIX.search(nfc(act.name))
        if m is None:
            acts.append(act)
            continue
        words = [w.strip() for w in re.split(r"[,،]| ও | and ", m[1] or m[2]) if w.strip()]
        found = [t for w in words if (t := tier_of(w) or _TIER_WORDS_EN.get(w)) is not None]
        if len(found) != len(words):
            acts.append(act)  # words of no known tier: the name stays as written
            continue
        tiers = tuple(dict.fromkeys((*act.not_applicable_tiers, *found)))
        acts.append(replace(act, name=nfc(act.name)[: m.start()].strip(),
                            not_applicable_tiers=tiers))
    return replace(area, activities=tuple(acts))


def _front(doc: Document, section3: Table | None = None) -> list[Paragraph]:
    """The paragraphs before the APA's section 3 (`section3`, else the first table): its
    cover, overview, preamble, section 1 (a contents list or section 2 may be tables before
    it)."""
    out = []
    for b in doc.blocks:
        if isinstance(b, Table):
            if section3 is None or b is section3:
                break
            continue
        out.append(b)
    return out


def _apa_cover(paragraphs: list[Paragraph]) -> tuple[str, str]:
    texts = [squash(p.text) for p in paragraphs[:40]]
    for i, t in enumerate(texts):
        if t == "এবং" and 0 < i < len(texts) - 1:
            office = texts[i - 1]
            supervisor = re.sub(r"-?এর মধ্যে.*$", "", texts[i + 1]).strip()
            return office, supervisor
    return "", ""


def _apa_title(paragraphs: list[Paragraph]) -> str:
    """The cover's "বার্ষিক কর্মসম্পাদন চুক্তি" and the period printed under it."""
    texts = [squash(p.text) for p in paragraphs[:40]]
    for i, t in enumerate(texts):
        if t == "বার্ষিক কর্মসম্পাদন চুক্তি":
            nxt = texts[i + 1] if i + 1 < len(texts) else ""
            return f"{t} ({nxt})" if re.search(rf"[{DIGIT}]{{4}}", nxt) and len(nxt) < 60 else t
    return ""


def _calendar_year(text: str) -> str | None:
    m = re.search(rf"(?<![{DIGIT}])([{DIGIT}]{{4}})(?![{DIGIT}]|\s*[-–]\s*[{DIGIT}])", text)
    return to_latin_digits(m[1]) if m else None


def _report_quarter(texts: list[str], fy: FiscalYear | None) -> Quarter | None:
    for text in texts:
        for inner in re.findall(r"\(([^()]*)\)", text):
            try:
                first, last = parse_month_range(inner)
            except (DateError, InputError, ValueError):
                continue
            if last.month in (3, 6, 9, 12) and first.month in (1, 4, 7, 10, last.month - 2):
                if fy is not None:
                    q = date_quarter(fy, last)
                    if q is not None:
                        return q
                return Quarter(f"Q{((last.month - 7) % 12) // 3 + 1}")
        m = re.search(r"([১-৪1-4])\s*(?:ম|য়|য়|র্থ)\s*ত্রৈমাসিক", text)
        if m:
            return Quarter(f"Q{to_latin_digits(m[1])}")
    return None


_NA = re.compile(rf"কার্যক্রম\s+([{DIGIT}.,\sও]+?)\s+(উপজেলা|জেলা|বিভাগীয়)\s+পর্যায়ের"
                 r".*প্রযোজ্য\s+(?:হবে\s+)?না")


def _not_applicable(after: list[Paragraph]) -> dict[str, Tier]:
    out: dict[str, Tier] = {}
    for p in after:
        m = _NA.search(squash(p.text))
        if m:
            tier = {"উপজেলা": Tier.UPAZILA, "জেলা": Tier.DISTRICT, "বিভাগীয়": Tier.DIVISION}[m[2]]
            for num in re.findall(rf"[{DIGIT}]+(?:\.[{DIGIT}]+)+", m[1]):
                out[to_latin_digits(num)] = tier
    return out


# ---------------------------------------------------------------- assembly


@dataclass(slots=True)
class Draft:
    kind: PlanKind
    sink: Sink
    title: str = ""
    subtitle: str = ""
    office: str = ""
    supervisor: str = ""
    fy: FiscalYear | None = None
    fiscal_year: str = ""
    areas: list[Area] = field(default_factory=list)
    progress: list[ProgressValue] = field(default_factory=list)
    total: Decimal | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    acronyms: list[Acronym] = field(default_factory=list)
    work_items: list = field(default_factory=list)
    register: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    report_quarter: Quarter | None = None
    office_source: Paragraph | None = None
    signatures: list[Signature] = field(default_factory=list)
    text: ApaText | None = None  # the APA's written parts
    after: list[Paragraph] = field(default_factory=list)  # the paragraphs after its table
    section3: Table | None = None  # an APA's first table of section 3


def _fy_for(seg: Segment, title: str, doc_fy: FiscalYear | None) -> FiscalYear | None:
    for _, fy in fiscal_years_in(title):
        if fy is not None:
            return fy
    for _, header, _ in seg.parts:
        if header.target_year is not None:
            return header.target_year
    return doc_fy


def recognise_document(doc: Document) -> ImportResult:
    doc_sink = Sink()
    segments, paragraphs = _segments(doc, doc_sink)
    drafts: list[Draft] = []
    apa: Draft | None = None
    doc_office = ""
    office_para: Paragraph | None = None
    for p in paragraphs:
        m = _NAME.search(squash(p.text))
        if m:
            doc_office, office_para = m[1].strip().rstrip("।").strip(), p
            break
    doc_fy: FiscalYear | None = None
    for seg in segments:
        for _, header, _ in seg.parts:
            if header.target_year is not None and doc_fy is None:
                doc_fy = header.target_year
    cover_office, cover_supervisor = _apa_cover(paragraphs)
    enothi_segments: list[Segment] = []
    annexes: list[Segment] = []
    for seg in segments:
        if seg.kind is TableKind.ENOTHI:
            enothi_segments.append(seg)
            continue
        if seg.kind in (TableKind.OUTCOMES, TableKind.ANNEX2, TableKind.ANNEX3,
                        TableKind.ACRONYMS):
            annexes.append(seg)
            continue
        title, kind, title_para, title_match = _title(seg)
        sink = Sink()
        if title_match is not None:
            sink.add(FlagCode.TITLE_SIMILAR, "title", title_para,
                     f"শিরোনামের “{title_match.read}” লেখায় “{title_match.word}” ধরা হয়েছে "
                     "(বানান মেলেনি, কাছাকাছি শব্দ)",
                     f"the title “{title_match.read}” was read as naming “{title_match.word}” "
                     "(not spelled so; the nearest words)", kept=title_match.word)
        if seg.kind is TableKind.WORKPLAN:
            kind = PlanKind.INNOVATION_WORK_PLAN
        elif seg.kind is TableKind.REGISTER:
            kind = PlanKind.INNOVATION_REGISTER
            if not title:  # "ইতঃপূর্বে বাস্তবায়িত উদ্ভাবনী ধারণা, … সেবার ডাটাবেজ"
                title_para = next((p for p in reversed(seg.before) if re.search(
                    r"ডাটাবে[জইস]|database", squash(p.text), re.IGNORECASE)), None)
                title = squash(fix_text(title_para.text)[0]) if title_para else ""
        elif seg.header.col(Role.METHOD) is not None and seg.header.cols(Role.ACTUAL):
            kind = PlanKind.APA
        elif kind is None:
            weight = seg.header.col(Role.WEIGHT)
            body = [r.texts() for table, _, start in seg.parts for r in table.rows[start:]]
            guess = guess_kind(seg.header, seg.kind is TableKind.QUARTERLY,
                               drafts[-1].kind if drafts else None,
                               table_evidence(body, weight.index if weight else None))
            kind = guess.kind
            sink.add(FlagCode.KIND_GUESSED, "kind", seg.parts[0][0].position, guess.why_bn,
                     guess.why_en, kept=kind.value)
        draft = Draft(kind, sink, after=seg.after, section3=seg.parts[0][0])
        fy = _fy_for(seg, title, doc_fy)
        if kind is PlanKind.INNOVATION_REGISTER:  # only a year of its own counts here
            fy = next((y for _, y in fiscal_years_in(title) if y is not None), None)
        if kind is PlanKind.INNOVATION_WORK_PLAN:
            year = _calendar_year(title)
            draft.fiscal_year = year or (str(fy) if fy else "")
        elif kind is PlanKind.INNOVATION_REGISTER:
            draft.fy = fy
        else:
            draft.fy = fy
            draft.fiscal_year = str(fy) if fy else ""
        if title and fy is not None:
            fixed, fixes = fix_fiscal_years(title, fy)
            for fx in fixes:
                sink.add(FlagCode.YEAR_CORRECTED, "title", title_para,
                         f"শিরোনামে অর্থবছর “{fx.before}” স্ক্যানের ভুল ধরে “{fx.after}” পড়া হয়েছে",
                         f"the title's fiscal year “{fx.before}” is read as “{fx.after}” "
                         "(a scanning slip)", kept=fx.after)
            title = fixed
        if title_para is not None:
            for fx in fix_text(title_para.text)[1]:
                if fx.code == "ocr":
                    sink.add(FlagCode.OCR_CORRECTED, "title", title_para,
                             *ocr_reason(fx), kept=fx.after)
        draft.title = title
        office, source = _office_from(seg.before, title)
        draft.office, draft.office_source = office, source or title_para
        texts = [title] + [squash(p.text) for p in seg.before]
        draft.report_quarter = _report_quarter(texts, fy)
        if kind is not PlanKind.APA:  # an APA's header is its cover page
            draft.subtitle = _subtitle(seg.before, title_para)
        if seg.kind in (TableKind.FIVE_LEVEL, TableKind.QUARTERLY, TableKind.MONTHLY):
            seen: set[tuple[object, str]] = set()
            for _, header, _ in seg.parts:
                for cell, fx in header.fixes:
                    if (cell.position, fx.before) in seen:
                        continue  # a header repeated on each page is flagged once per cell
                    seen.add((cell.position, fx.before))
                    if fx.code == "ocr":
                        sink.add(FlagCode.OCR_CORRECTED, "header", cell,
                                 *ocr_reason(fx), kept=fx.after)
                    elif fx.code == "similar":
                        sink.add(FlagCode.HEADER_SIMILAR, "header", cell,
                                 f"শিরোনামের “{fx.before}” লেখাটিকে “{fx.after}” ধরা হয়েছে "
                                 "(বানান মেলেনি, কাছাকাছি শব্দ)",
                                 f"the header “{fx.before}” was taken for “{fx.after}” (not "
                                 "spelled so; the nearest header word)", kept=fx.after,
                                 written=fx.before)
            res = read_indicator_tables(seg.parts, plan_kind=kind, fy=draft.fy,
                                        report_quarter=draft.report_quarter, sink=sink,
                                        quarterly=seg.kind is TableKind.QUARTERLY)
            tiers = _not_applicable(seg.after)
            areas = [_tiers_from_names(a) for a in res.areas]
            own = [p.text for p in _own_after(seg.after)]
            notes = read_notes(own)
            if tiers:
                areas = [replace(a, activities=tuple(
                    replace(act, not_applicable_tiers=tuple(dict.fromkeys(
                        (*act.not_applicable_tiers, tiers[act.number]))))
                    if act.number in tiers else act for act in a.activities)) for a in areas]
                if not notes:
                    notes = [squash(p.text) for p in seg.after if "প্রযোজ্য" in p.text]
            draft.notes.extend(notes)
            draft.areas, draft.progress, draft.total = areas, res.progress, res.total_weight
        elif seg.kind is TableKind.WORKPLAN:
            between = [[squash(p.text) for p in ps] for ps in seg.between]
            draft.work_items = read_workplan(seg.parts, between, sink)
        elif seg.kind is TableKind.REGISTER:
            draft.register = read_register(seg.parts, sink)
            for p in seg.before:
                m = re.match(r"^বিষয়\s*[:ঃ]\s*(.+)$", squash(p.text))
                if m:
                    draft.title = m[1].rstrip("।").strip()
        if kind is PlanKind.APA:
            apa = draft
            if not draft.title:
                draft.title = _apa_title(paragraphs)
        elif seg.kind not in (TableKind.FIVE_LEVEL, TableKind.QUARTERLY, TableKind.MONTHLY):
            draft.notes.extend(read_notes([p.text for p in _own_after(seg.after)]))
        drafts.append(draft)
    # facts shared across the document
    for draft in drafts:
        if not draft.office:
            if draft.kind is PlanKind.APA and cover_office:
                draft.office, draft.supervisor = cover_office, cover_supervisor
            else:
                draft.office, draft.office_source = doc_office, office_para
        if draft.kind is PlanKind.APA and not draft.supervisor:
            draft.supervisor = cover_supervisor  # the cover names both parties
        draft.office = _split_glued_office(draft)
        if draft.kind is PlanKind.INNOVATION_REGISTER and draft.fy is None:
            other = next((d for d in drafts if d.fy is not None and d is not draft), None)
            if other is not None:
                draft.fy = other.fy
                draft.fiscal_year = str(other.fy)
                draft.sink.add(FlagCode.YEAR_FROM_REPORT, "fiscal_year", None,
                               "রেজিস্টারে নিজস্ব বছর নেই: যে প্রতিবেদনের সাথে সংযুক্ত "
                               "তার অর্থবছর দেওয়া হয়েছে",
                               "the register has no year of its own: given the fiscal year of "
                               "the report it is attached to", kept=str(other.fy))
        elif draft.kind is PlanKind.INNOVATION_REGISTER:
            draft.fiscal_year = str(draft.fy)
        if not draft.fiscal_year and doc_fy is not None:
            draft.fy, draft.fiscal_year = doc_fy, str(doc_fy)
    for draft in drafts:
        own = [p.text for p in _own_after(draft.after)]
        if draft.kind is PlanKind.APA:
            own_paras = _own_after(draft.after)
            draft.text = read_apa_text(_front(doc, draft.section3), own_paras, draft.supervisor,
                                       draft.sink)
            draft.signatures = list(draft.text.signatures)
        else:
            draft.signatures = read_signatures([squash(t) for t in own], draft.supervisor)
    if annexes:
        if apa is None:
            apa = Draft(PlanKind.APA, Sink(), office=cover_office, supervisor=cover_supervisor,
                        fy=doc_fy, fiscal_year=str(doc_fy) if doc_fy else "")
            drafts.insert(0, apa)
        _apply_annexes(apa, annexes)
    if enothi_segments:
        _apply_enothi(drafts, enothi_segments, paragraphs)
    plans, flags = _plans(drafts)
    if doc.bijoy:
        converted = [c for t in doc.tables for r in t.rows for c in r.cells if c.converted] + [
            p for p in paragraphs if p.converted]
        for item in converted:  # each cell or line, where it stands in the file
            text = squash(item.text)
            doc_sink.add(FlagCode.BIJOY, "document", item,
                         f"বিজয় (SutonnyMJ) থেকে ইউনিকোডে রূপান্তরিত: “{text}” (নাম ও যুক্তবর্ণ "
                         "মিলিয়ে দেখুন)",
                         f"converted from Bijoy (SutonnyMJ) to Unicode: “{text}” (check names "
                         "and conjuncts)", kept=text)
    flags = [replace(f, place="document") for f in doc_sink.flags] + flags
    return ImportResult(plans=plans, flags=flags, document=doc, format=doc.format)


def _split_glued_office(draft: Draft) -> str:
    office = draft.office
    m = _GLUED_OFFICE.search(office)
    if m:
        fixed = office[: m.end()] + ", " + office[m.end():]
        draft.sink.add(FlagCode.OFFICE_SPLIT, "office", draft.office_source,
                       f"অফিসের নামে শব্দ জোড়া লেগে আছে: “{fixed}” পড়া হয়েছে",
                       f"words of the office's name run together: read as “{fixed}”",
                       kept=fixed, written=office)
        return fixed
    return office


def _apply_annexes(apa: Draft, annexes: list[Segment]) -> None:
    sink = apa.sink
    for seg in annexes:
        if seg.kind is TableKind.OUTCOMES:
            apa.outcomes.extend(read_outcomes(seg.parts, apa.fy, sink))
        elif seg.kind is TableKind.ACRONYMS:
            apa.acronyms.extend(read_acronyms(seg.parts))
        elif seg.kind is TableKind.ANNEX2:
            found = read_annex2(seg.parts)
            apa.areas = [_map_indicators(a, lambda i, f=found, k=a.kind: replace(
                i, implementing_unit=f[i.number][0], evidence=f[i.number][1])
                if i.number in f and k is AreaKind.OFFICE else i) for a in apa.areas]
        elif seg.kind is TableKind.ANNEX3:
            office_numbers = {i.number for a in apa.areas if a.kind is AreaKind.OFFICE
                              for i in a.indicators}
            for row in read_annex3(seg.parts):
                if row.number in office_numbers:  # a numbered annex: no guessing
                    apa.areas = [_map_indicators(a, lambda i, n=row.number, dep=row.dependency,
                                                 k=a.kind: replace(i, dependency=dep)
                                                 if i.number == n and k is AreaKind.OFFICE
                                                 else i) for a in apa.areas]
                    continue
                best, best_score = None, 0.0
                for area in apa.areas:
                    if area.kind is not AreaKind.OFFICE:
                        continue
                    for act in area.activities:
                        for ind in act.indicators:
                            score = max(similarity(row.activity, act.name),
                                        similarity(row.indicator, ind.name),
                                        similarity(row.indicator, act.name))
                            if score > best_score:
                                best, best_score = ind.number, score
                if best is None or best_score < 0.6:
                    sink.add(FlagCode.NOT_KEPT, "annex 3", row.cell,
                             "সংযোজনী ৩-এর সারিটি কোনো সূচকের সাথে মেলানো যায়নি",
                             "the annex 3 row matches no indicator")
                    continue
                number = best
                apa.areas = [_map_indicators(a, lambda i, n=number, dep=row.dependency, k=a.kind:
                                             replace(i, dependency=dep)
                                             if i.number == n and k is AreaKind.OFFICE else i)
                             for a in apa.areas]
                sink.add(FlagCode.MATCHED_BY_TEXT, f"{number} / dependency", row.cell,
                         f"সংযোজনী ৩-এ নম্বর নেই: লেখা মিলিয়ে সূচক [{number}]-এর সাথে যুক্ত",
                         f"annex 3 gives no numbers: matched to indicator [{number}] by its "
                         f"words ({best_score:.0%} alike)", kept=number)


def _map_indicators(area: Area, fn) -> Area:  # type: ignore[no-untyped-def]
    return replace(area, activities=tuple(
        replace(act, indicators=tuple(fn(i) for i in act.indicators)) for act in area.activities))


def _apply_enothi(drafts: list[Draft], segments: list[Segment], paragraphs: list[Paragraph]
                  ) -> None:
    target = next((d for d in drafts if d.kind is PlanKind.EGOV_INNOVATION), None)
    if target is None:
        return
    sink = target.sink
    texts = [squash(p.text) for p in paragraphs]
    for seg in segments:
        ev = read_enothi(seg.parts, texts, sink)
        if not ev.inputs:
            continue
        ref = None
        for area in target.areas:
            for act in area.activities:
                for ind in act.indicators:
                    words = ind.name + " " + act.name
                    if any(w in words for w in ("ই-নথি", "ই-ফাইল", "ই-নাথি", "ডি-নথি")):
                        ref = ind.number
                        break
                if ref:
                    break
            if ref:
                break
        if ref is None:
            continue
        target.areas = [_map_indicators(a, lambda i, r=ref: replace(
            i, derivation="enothi_disposal_rate") if i.number == r else i)
            for a in target.areas]
        quarter = target.report_quarter
        inputs = tuple((k, v) for k, v in ev.inputs.items())
        rate = enothi_disposal_rate(dict(inputs))
        new = []
        done = False
        for pv in target.progress:
            if pv.indicator == ref and (quarter is None or pv.quarter is quarter):
                pv = replace(pv, inputs=inputs)
                done = True
                reported = numeric(pv.value)
                computed = numeric(rate)
                if reported is not None and computed is not None and \
                        abs(reported - computed) >= Decimal("0.005"):
                    sink.add(FlagCode.DERIVED_DIFFERS, f"{ref} / progress.{pv.quarter.value}",
                             ev.total_cell,
                             f"প্রমাণক থেকে হিসাব: {computed:.2f}%; প্রতিবেদনে লেখা {reported}% "
                             "(পূর্ণসংখ্যায় রাউন্ড করা): লেখা মান রাখা হয়েছে, হিসাব ইনপুট হিসেবে",
                             f"computed from the evidence: {computed:.2f} %; the report writes "
                             f"{reported} % (rounded): the written value is kept, the inputs "
                             "are stored with it", kept=f"{reported}%")
            new.append(pv)
        if not done and quarter is not None:
            new.append(ProgressValue(ref, quarter, rate if isinstance(rate, Percent) else None,
                                     inputs=inputs))
        target.progress = new


def _plans(drafts: list[Draft]) -> tuple[list[Plan], list[Flag]]:
    plans: list[Plan] = []
    flags: list[Flag] = []
    ids: set[str] = set()
    for index, d in enumerate(drafts):
        base = f"{d.kind.value.replace('_', '-')}-{d.fiscal_year or 'undated'}"
        pid, n = base, 2
        while pid in ids:
            pid, n = f"{base}-{n}", n + 1
        ids.add(pid)
        plans.append(Plan(
            kind=d.kind, fiscal_year=d.fiscal_year, office=d.office, title=d.title,
            subtitle=d.subtitle, id=pid,
            office_tier=tier_of(d.office) if d.office else None, supervisor=d.supervisor,
            total_weight=d.total, outcomes=tuple(d.outcomes), areas=tuple(d.areas),
            acronyms=tuple(d.acronyms), work_items=tuple(d.work_items),
            register=tuple(d.register), progress=tuple(d.progress), notes=tuple(d.notes),
            signatures=tuple(d.signatures),
            **({} if d.text is None else {
                "overview": d.text.overview, "preamble": d.text.preamble,
                "preamble_parties": d.text.preamble_parties, "vision": d.text.vision,
                "mission": d.text.mission, "functions": d.text.functions,
                "commitments": d.text.commitments}),
        ))
        flags.extend(replace(f, place=f"plan {index} / {f.place}") for f in d.sink.flags)
    return plans, flags
