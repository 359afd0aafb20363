"""The written parts around the tables: the APA's overview, preamble, vision, mission and
functions, the commitments, the notes under a plan ("টীকা") and the signature blocks.

The official forms print these under fixed headings (seed 000; DOCUMENTS in docs/documents.md
follows them): "… কর্মসম্পাদনের সার্বিক চিত্র", "প্রস্তাবনা", "১.১ রূপকল্প", "১.৪ কার্যাবলি",
"স্বাক্ষরিত:". A part whose heading is not found is left empty — these words are what a person
writes, so nothing is guessed. A signature block is read as its lines, "name / post / office /
তারিখ: dd.mm.yyyy" (a Word cell's lines, an Excel row; see `signature_lines`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kormo.domain.dates import DateError, parse_date
from kormo.domain.digits import to_latin_digits
from kormo.domain.errors import InputError
from kormo.domain.plan import Overview, Party, Signature
from kormo.importers.readers.model import Paragraph
from kormo.importers.recognise.similar import Match, best, contains
from kormo.importers.recognise.text import DIGIT, nfc, plan_kind_of_title, squash
from kormo.importers.recognise.values import Sink
from kormo.importers.result import FlagCode

_OVERVIEW = re.compile(r"কর্মসম্পাদনের সার্বিক চিত্র|^Overview of the Performance")
_OVERVIEW_SUB = ("সাম্প্রতিক অর্জন, চ্যালেঞ্জ এবং ভবিষ্যৎ পরিকল্পনা",
                 "Recent achievements, challenges and future plans")
_OVERVIEW_PARTS = {
    "সাম্প্রতিক বছরসমূহের (৩ বছর) প্রধান অর্জনসমূহ:": "achievements",
    "Main achievements of recent years (3 years):": "achievements",
    "সমস্যা এবং চ্যালেঞ্জসমূহ:": "challenges",
    "Problems and challenges:": "challenges",
    "ভবিষ্যৎ পরিকল্পনা:": "future_plans",
    "Future plans:": "future_plans",
}
_EXPECTED = re.compile(r"অর্থবছরের সম্ভাব্য প্রধান অর্জনসমূহ:$|^Expected main achievements of "
                       r"fiscal year .*:$")
_PREAMBLE = ("প্রস্তাবনা (Preamble)", "প্রস্তাবনা", "Preamble")
_AGREE = re.compile(r"উভয়পক্ষ নিম্নলিখিত বিষয়সমূহে সম্মত হলেন:?$|agree to the following:?$")
_AND = ("এবং", "and")
_SIGNED_SUFFIX = re.compile(r"\s*-?এর মধ্যে .*$")
_SUB = re.compile(rf"^([{DIGIT}]+(?:\.[{DIGIT}]+)+)\s+(.*)$")
_SECTION = re.compile(rf"^(?:সেকশন|Section)\s*[{DIGIT}]+\s*(?::|$)")
_NUMBERED = re.compile(rf"^[{DIGIT}]+[.)]\s*")
_BULLET = re.compile(r"^[•●▪◦-]\s*")
_PROVISIONAL = re.compile(r"^\*\s*(?:সাময়িক|Provisional)")
_SIGNED = ("স্বাক্ষরিত:", "Signed:")
_SIGNATURE = re.compile(r"^(.*?)\s*/\s*(?:তারিখ|Date)\s*[:ঃ]\s*(.*)$")
NOTES_HEADINGS = ("টীকা", "Notes")
_OFFICE_LINE = re.compile(r"(?:নাম|Name)\s*[:ঃ]\s*\S")


@dataclass
class ApaText:
    overview: Overview | None = None
    preamble: str = ""
    preamble_parties: tuple[Party, ...] = ()
    vision: str = ""
    mission: str = ""
    functions: tuple[str, ...] = ()
    commitments: tuple[str, ...] = ()
    signatures: tuple[Signature, ...] = field(default_factory=tuple)


def _last(texts: Sequence[str], test, start: int = 0) -> int | None:  # type: ignore[no-untyped-def]
    found = None
    for i in range(start, len(texts)):
        if test(i):
            found = i
    return found


def _overview(texts: list[str]) -> Overview | None:
    # The heading followed by its sub-heading (the contents repeat the heading alone).
    start = _last(texts, lambda i: bool(_OVERVIEW.search(texts[i])) and i + 1 < len(texts)
                  and texts[i + 1] in _OVERVIEW_SUB)
    if start is None:
        return None
    parts: dict[str, list[str]] = {"achievements": [], "challenges": [], "future_plans": [],
                                   "expected": []}
    current: str | None = None
    for t in texts[start + 2:]:
        if t in _PREAMBLE or _SECTION.match(t):
            break
        if t in _OVERVIEW_PARTS:
            current = _OVERVIEW_PARTS[t]
        elif _EXPECTED.search(t):
            current = "expected"
        elif current is not None:
            parts[current].append(_BULLET.sub("", t) if current == "expected" else t)
    return Overview("\n".join(parts["achievements"]), "\n".join(parts["challenges"]),
                    "\n".join(parts["future_plans"]), tuple(parts["expected"]))


def _party(text: str, known: Sequence[Party]) -> Party:
    """"post, office" as printed; the signature blocks, printed line by line, tell where the
    post ends and the office begins (an office's name holds commas)."""
    for p in known:
        if ", ".join(x for x in (p.name, p.post, p.office) if x) == text:
            return p
        if ", ".join(x for x in (p.post, p.office) if x) == text:
            return Party(p.post, p.office)
    post, _, office = text.partition(", ")
    return Party(post.strip(), office.strip())


def _preamble(texts: list[str], signatures: Sequence[Signature],
              paras: Sequence[Paragraph | str] = (), sink: Sink | None = None
              ) -> tuple[str, tuple[Party, ...]]:
    def is_heading(i: int) -> bool:
        return texts[i] in _PREAMBLE or _heading(texts[i], ("preamble",)) is not None

    start = _last(texts, lambda i: is_heading(i) and i + 1 < len(texts)
                  and not is_heading(i + 1) and not _SECTION.match(texts[i + 1]))
    if start is None:
        return "", ()
    if texts[start] not in _PREAMBLE and sink is not None:
        found = _heading(texts[start], ("preamble",))
        if found is not None and found[2] is not None:
            _flag_heading(sink, Heading("preamble", start, "", found[2]),
                          paras[start] if start < len(paras) else "")
    end = next((i for i in range(start + 1, len(texts)) if _AGREE.search(texts[i])
                or contains(texts[i], "নিম্নলিখিত বিষয়সমূহে সম্মত")), None)
    if end is None:
        return "", ()
    # Hook (issue 12, item 13): the dotted blanks left to write the signing date by hand
    # ("২০২২ সালের ........ মাসের ........ তারিখে") are room on paper, not words of the preamble.
    # (typst and Word's autocorrect print them as "……..")
    lines = [re.sub(r"\s*[.…]{4,}\s*", " ", t) for t in texts[start + 1:end + 1]]
    parties: list[Party] = []
    known = [s.party for s in signatures]
    for k, line in enumerate(lines):
        if line in _AND and 0 < k < len(lines) - 1:
            parties = [_party(lines[k - 1], known),
                       _party(_SIGNED_SUFFIX.sub("", lines[k + 1]).strip(), known)]
            break
    return "\n".join(lines), tuple(parties)


# The parts of section 1 by their heading words (DOMAIN.md glossary), with or without their
# number ("১.১"), the English word in brackets or a colon with the text after it.
_PART_WORDS: dict[str, tuple[str, ...]] = {
    "vision": ("রূপকল্প", "Vision"),
    "mission": ("অভিলক্ষ্য", "Mission"),
    "areas": ("কর্মসম্পাদনের ক্ষেত্র", "কৌশলগত উদ্দেশ্যসমূহ", "কৌশলগত উদ্দেশ্য",
              "Performance areas", "Strategic objectives"),
    "functions": ("কার্যাবলি", "কার্যাবলী", "প্রধান কার্যাবলি", "Functions"),
    "preamble": ("প্রস্তাবনা", "Preamble"),
}
_PART_NAMES = {"vision": ("রূপকল্প", "vision"), "mission": ("অভিলক্ষ্য", "mission"),
               "areas": ("কর্মসম্পাদনের ক্ষেত্র", "performance areas"),
               "functions": ("কার্যাবলি", "functions"), "preamble": ("প্রস্তাবনা", "preamble")}
_HEAD_NUMBER = re.compile(rf"^[{DIGIT}]+(?:\.[{DIGIT}]+)*\.?\s*")
_HEAD_COLON = re.compile(r"\s*[:ঃ]\s*")
_ENGLISH = re.compile(r"\s*\([A-Za-z /]+\)")
_MAX_HEADING = 40  # a heading is a few words; a sentence that starts with one is text


@dataclass(frozen=True, slots=True)
class Heading:
    part: str
    index: int
    inline: str  # text after the heading's colon ("রূপকল্প: …")
    match: Match | None  # the words as read, when not as written (to flag)


def _heading(text: str, parts: Sequence[str]) -> tuple[str, str, Match | None] | None:
    """(part, text after a colon, the match when read by similarity) when `text` is one of
    `parts`' headings."""
    body = _HEAD_NUMBER.sub("", text, count=1)
    head, _, inline = body.partition(":") if ":" in body else body.partition("ঃ")
    head = _ENGLISH.sub("", head).strip()
    if not head or len(head) > _MAX_HEADING:
        return None
    for part in parts:
        words = _PART_WORDS.get(part, ())
        if any(nfc(w) == head or (w.isascii() and w.casefold() == head.casefold())
               for w in words):
            return part, inline.strip(), None
    for part in parts:
        found = best(head, tuple(w for w in _PART_WORDS.get(part, ()) if not w.isascii()))
        if found is not None:
            return part, inline.strip(), found
    return None


def _headings(texts: Sequence[str]) -> list[Heading]:
    out = []
    for i, t in enumerate(texts):
        found = _heading(t, tuple(_PART_WORDS))
        if found is not None:
            out.append(Heading(found[0], i, found[1], found[2]))
    return out


def _flag_heading(sink: Sink | None, h: Heading, para: Paragraph | str) -> None:
    if sink is None or h.match is None:
        return
    bn, en = _PART_NAMES[h.part]
    sink.add(FlagCode.HEADING_SIMILAR, h.part, para if isinstance(para, Paragraph) else None,
             f"শিরোনাম “{h.match.read}” বানানে মেলেনি: “{h.match.word}” ({bn}) ধরা হয়েছে",
             f"the heading “{h.match.read}” is not spelled so: taken for “{h.match.word}” "
             f"(the {en})", kept=h.match.word, written=h.match.read)


def _ends_part(text: str) -> bool:
    """A line no part of section 1 runs into: a section heading, the preamble's heading, a
    plan's title or its office line (the title of the table that follows)."""
    return bool(_SECTION.match(text) or text in _PREAMBLE or _OFFICE_LINE.search(text)
                or _heading(text, ("preamble",)) or plan_kind_of_title(text))


def _section1(texts: list[str], paras: Sequence[Paragraph | str] = (),
              sink: Sink | None = None) -> tuple[str, str, tuple[str, ...]]:
    heads = _headings(texts)
    found: dict[str, Heading] = {}
    for h in heads:
        found[h.part] = h  # the last one: the contents list names the parts first
    starts = sorted(h.index for h in heads)

    def body(part: str) -> list[str]:
        h = found.get(part)
        if h is None:
            return []
        _flag_heading(sink, h, paras[h.index] if h.index < len(paras) else "")
        end = next((i for i in starts if i > h.index), len(texts))
        out = [h.inline] if h.inline else []
        for t in texts[h.index + 1:end]:
            if _ends_part(t):
                break
            out.append(t)
        return out

    vision = "\n".join(body("vision"))
    mission = "\n".join(body("mission"))
    functions: list[str] = []
    lines = body("functions")
    numbered = bool(lines) and bool(_NUMBERED.match(lines[0]) or _BULLET.match(lines[0]))
    for t in lines:
        if numbered and not (_NUMBERED.match(t) or _BULLET.match(t)):
            break  # the numbered list has ended
        functions.append(_BULLET.sub("", _NUMBERED.sub("", t)).strip())
    return vision, mission, tuple(f for f in functions if f)


def signature_lines(text: str) -> tuple[list[str], str] | None:
    """"name / post / office / তারিখ: ২৯.০৬.২০২২" → (lines, date text); None if not one."""
    m = _SIGNATURE.match(squash(text))
    if m is None:
        return None
    lines = [x.strip() for x in m[1].split(" / ") if x.strip() and not set(x.strip()) <= {"_"}]
    if not 1 <= len(lines) <= 3:
        return None
    return lines, m[2].strip()


def signature_cell(text: str) -> str:
    """A signature block printed in a cell, line by line → its one-line form "name / post /
    office / তারিখ: …": the line to sign on dropped, a date printed above its label "তারিখ"
    (the form's layout) put after it."""
    lines = [squash(x) for x in text.split("\n") if squash(x) and not set(x.strip()) <= {"_"}]
    if len(lines) >= 2 and _DATE_LABEL.match(lines[-1]) and not _DATE_LABEL.match(lines[-1])[1] \
            and _DATE_ONLY.match(lines[-2]):
        lines = [*lines[:-2], f"তারিখ: {lines[-2]}"]
    return " / ".join(lines)


def _signed_on(when: str) -> dt.date | None:
    try:
        return parse_date(to_latin_digits(when)) if when else None
    except (DateError, InputError):
        return None


def _block_party(lines: list[str]) -> Party | None:
    if len(lines) == 3:
        name, post, office = lines
        return Party(post, office, name)
    if len(lines) == 2:  # the block prints no name when none is known
        return Party(lines[0], lines[1])
    if len(lines) == 1 and ", " in lines[0]:
        post, _, office = lines[0].partition(", ")
        return Party(post.strip(), office.strip())
    return None


_DATE_ONLY = re.compile(
    rf"^[{DIGIT}]{{1,2}}\s*[./-]\s*[{DIGIT}]{{1,2}}\s*[./-]\s*[{DIGIT}]{{2,4}}$")
_DATE_LABEL = re.compile(r"^(?:তারিখ|Date)\s*[:ঃ]?\s*(.*)$")
_ANNEX = re.compile(rf"^(?:সংযোজনী|Annex)\s*[-–]?\s*[{DIGIT}]")


def _line_blocks(texts: Sequence[str]) -> list[tuple[list[str], str, int]]:
    """Signature blocks printed line by line after "স্বাক্ষরিত:" (a text copy of the form,
    seed 000): the post and office (a name above them when known), then the date and the label
    "তারিখ" under it (or "তারিখ: …"). → (lines, date text, index of the block's first line).
    A block with neither a date nor the label is not one."""
    start = next((i for i, t in enumerate(texts) if t in _SIGNED), None)
    if start is None:
        return []
    blocks: list[tuple[list[str], str, int]] = []
    lines: list[str] = []
    first, when = start + 1, ""
    for i in range(start + 1, len(texts)):
        t = texts[i]
        if _SECTION.match(t) or _ANNEX.match(t) or signature_lines(t) is not None:
            break
        label = _DATE_LABEL.match(t)
        if label is not None or _DATE_ONLY.match(t):
            when = (label[1] if label is not None else t) or when
            if label is not None and lines:
                blocks.append((lines, when, first))
                lines, when = [], ""
            continue
        if when and lines:  # a date without its label ended the block above
            blocks.append((lines, when, first))
            lines, when = [], ""
        if not lines:
            first = i
        lines.append(t)
    if lines and when:
        blocks.append((lines, when, first))
    return blocks


def read_signatures(texts: Sequence[str], supervisor: str = "",
                    paras: Sequence[Paragraph | str] = (), sink: Sink | None = None,
                    *, apa: bool = False) -> list[Signature]:
    """The signature blocks among `texts`: one line each ("name / post / office / তারিখ: …",
    Kormo's documents and Word's signature table), or line by line after "স্বাক্ষরিত:". A
    block for the supervising office (the APA's second party, `supervisor`) is the
    supervisor's; the others sign for the office. In an APA whose supervising office is named
    nowhere, the second of two blocks is the supervisor's by the form's order (flagged)."""
    found: list[tuple[list[str], str, int]] = []
    for i, t in enumerate(texts):
        parsed = signature_lines(t)
        if parsed is not None:
            found.append((parsed[0], parsed[1], i))
    if not found:
        found = _line_blocks(texts)
    out: list[Signature] = []
    for k, (lines, when, at) in enumerate(found):
        party = _block_party(lines)
        if party is None:
            continue
        signed_on = _signed_on(when)
        source = paras[at] if at < len(paras) and isinstance(paras[at], Paragraph) else None
        if when and signed_on is None and sink is not None:
            sink.add(FlagCode.UNREADABLE, f"signatures[{k}] / signed_on", source,
                     f"স্বাক্ষরের তারিখ “{when}” পড়া যায়নি: তারিখ ছাড়া রাখা হয়েছে",
                     f"the signing date “{when}” could not be read: kept without a date",
                     written=when)
        role = "supervisor" if supervisor and nfc(f"{party.post}, {party.office}") == \
            nfc(supervisor) else "office"
        out.append(Signature(party, signed_on, role))
    if apa and len(out) == 2 and all(s.role == "office" for s in out):
        out[1] = Signature(out[1].party, out[1].signed_on, "supervisor")
        if sink is not None:
            who = ", ".join(x for x in (out[1].party.post, out[1].party.office) if x)
            if supervisor:
                bn = (f"কোনো স্বাক্ষর প্রচ্ছদ বা প্রস্তাবনার ঊর্ধ্বতন অফিসের (“{supervisor}”) "
                      "নামে নয়")
                en = (f"no signature block names the supervising office as the cover or the "
                      f"preamble does (“{supervisor}”)")
            else:
                bn = "ঊর্ধ্বতন অফিসের নাম প্রচ্ছদে বা প্রস্তাবনায় পাওয়া যায়নি"
                en = "the supervising office is named neither on the cover nor in the preamble"
            sink.add(FlagCode.SIGNATURE_ROLE, "signatures[1] / role", None,
                     f"{bn}: ফরমের ক্রম অনুযায়ী দ্বিতীয় স্বাক্ষর ({who}) ঊর্ধ্বতন অফিসের ধরা হয়েছে",
                     f"{en}: the second signature ({who}) is taken as the supervisor's, by the "
                     "form's order", kept="supervisor")
    return out


def read_commitments(texts: Sequence[str]) -> tuple[str, ...]:
    """The commitments printed after section 3 (after its provisional-figures note) and
    before "স্বাক্ষরিত:"."""
    out: list[str] = []
    started = False
    for t in texts:
        if t in _SIGNED or signature_lines(t) is not None:
            break
        if _PROVISIONAL.match(t):
            started = True
            out = []
            continue
        if started:
            out.append(t)
    return tuple(out)


def read_apa_text(front: Sequence[Paragraph | str], after_plan: Sequence[Paragraph | str],
                  supervisor: str, sink: Sink | None = None) -> ApaText:
    """`front`: the paragraphs before section 3 (cover … section 1); `after_plan`: those
    between section 3 and the next table (commitments, signatures). Headings read by
    similarity and signature roles taken from the form's order are flagged in `sink`."""
    texts = [squash(_text(t)) for t in front]
    after = [squash(_text(t)) for t in after_plan]
    parties_first = _preamble(texts, (), front)[1]
    if not supervisor and len(parties_first) == 2:
        supervisor = ", ".join(x for x in (parties_first[1].post, parties_first[1].office) if x)
    signatures = tuple(read_signatures(after, supervisor, after_plan, sink, apa=True))
    preamble, parties = _preamble(texts, signatures, front, sink)
    vision, mission, functions = _section1(texts, front, sink)
    return ApaText(_overview(texts), preamble, parties, vision, mission, functions,
                   read_commitments(after), signatures)


def _text(p: Paragraph | str) -> str:
    return p.text if isinstance(p, Paragraph) else p


def read_notes(texts: Sequence[str]) -> list[str]:
    """The notes printed under a plan's table after "টীকা", up to its signatures."""
    out: list[str] = []
    started = False
    for t in (squash(x) for x in texts):
        if t in NOTES_HEADINGS:
            started = True
            continue
        if not started:
            continue
        if t in _SIGNED or signature_lines(t) is not None:
            break
        out.append(t)
    return out
