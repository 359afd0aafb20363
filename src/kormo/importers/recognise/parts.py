"""The written parts around the tables: the APA's overview, preamble, vision, mission and
functions, the commitments, the notes under a plan ("টীকা") and the signature blocks.

The official forms print these under fixed headings (seed 000; DOCUMENTS in docs/documents.md
follows them): "… কর্মসম্পাদনের সার্বিক চিত্র", "প্রস্তাবনা", "১.১ রূপকল্প", "১.৪ কার্যাবলি",
"স্বাক্ষরিত:". A part whose heading is not found is left empty — these words are what a person
writes, so nothing is guessed. A signature block is read as its lines, "name / post / office /
তারিখ: dd.mm.yyyy" (a Word cell's lines, an Excel row; see `signature_lines`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kormo.domain.dates import DateError, parse_date
from kormo.domain.digits import to_latin_digits
from kormo.domain.errors import InputError
from kormo.domain.plan import Overview, Party, Signature
from kormo.importers.recognise.text import DIGIT, nfc, squash

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
_SECTION = re.compile(rf"^(?:সেকশন|Section)\s*[{DIGIT}]+\s*:")
_NUMBERED = re.compile(rf"^[{DIGIT}]+[.)]\s*")
_BULLET = re.compile(r"^[•●▪◦-]\s*")
_PROVISIONAL = re.compile(r"^\*\s*(?:সাময়িক|Provisional)")
_SIGNED = ("স্বাক্ষরিত:", "Signed:")
_SIGNATURE = re.compile(r"^(.*?)\s*/\s*(?:তারিখ|Date)\s*[:ঃ]\s*(.*)$")
NOTES_HEADINGS = ("টীকা", "Notes")


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


def _preamble(texts: list[str], signatures: Sequence[Signature]) -> tuple[str, tuple[Party, ...]]:
    start = _last(texts, lambda i: texts[i] in _PREAMBLE and i + 1 < len(texts)
                  and texts[i + 1] not in _PREAMBLE and not _SECTION.match(texts[i + 1]))
    if start is None:
        return "", ()
    end = next((i for i in range(start + 1, len(texts)) if _AGREE.search(texts[i])), None)
    if end is None:
        return "", ()
    # Hook (issue 12, item 13): the dotted blanks left to write the signing date by hand
    # ("২০২২ সালের ........ মাসের ........ তারিখে") are room on paper, not words of the preamble.
    lines = [re.sub(r"\s*\.{4,}\s*", " ", t) for t in texts[start + 1:end + 1]]
    parties: list[Party] = []
    known = [s.party for s in signatures]
    for k, line in enumerate(lines):
        if line in _AND and 0 < k < len(lines) - 1:
            parties = [_party(lines[k - 1], known),
                       _party(_SIGNED_SUFFIX.sub("", lines[k + 1]).strip(), known)]
            break
    return "\n".join(lines), tuple(parties)


def _section1(texts: list[str]) -> tuple[str, str, tuple[str, ...]]:
    subs: dict[str, int] = {}
    for i, t in enumerate(texts):
        m = _SUB.match(t)
        if m is None:
            continue
        number = to_latin_digits(m[1])
        # "১.১ রূপকল্প (Vision)", "1.1 Vision" … "১.৪ কার্যাবলি (Functions)"; 1.3.x: the areas
        if ("(" in m[2] or m[2] in ("Vision", "Mission", "Functions")) or number.startswith("1.3"):
            subs[number] = i

    def between(a: str, b: str | None) -> list[str]:
        if a not in subs:
            return []
        end = subs.get(b, len(texts)) if b else len(texts)
        out = []
        for t in texts[subs[a] + 1:end]:
            if _SECTION.match(t):
                break
            out.append(t)
        return out

    vision = "\n".join(between("1.1", "1.2"))
    mission = "\n".join(between("1.2", "1.3"))
    functions = tuple(_NUMBERED.sub("", t).strip() for t in between("1.4", None))
    return vision, mission, functions


def signature_lines(text: str) -> tuple[list[str], str] | None:
    """"name / post / office / তারিখ: ২৯.০৬.২০২২" → (lines, date text); None if not one."""
    m = _SIGNATURE.match(squash(text))
    if m is None:
        return None
    lines = [x.strip() for x in m[1].split(" / ") if x.strip() and not set(x.strip()) <= {"_"}]
    if not 1 <= len(lines) <= 3:
        return None
    return lines, m[2].strip()


def read_signatures(texts: Sequence[str], supervisor: str = "") -> list[Signature]:
    """The signature blocks among `texts`. A block for the supervising office (the APA's
    second party, `supervisor`) is the supervisor's; the others sign for the office."""
    out = []
    for t in texts:
        parsed = signature_lines(t)
        if parsed is None:
            continue
        lines, when = parsed
        if len(lines) == 3:
            name, post, office = lines
        else:  # the block prints no name when none is known
            name, post, office = "", lines[0], lines[1] if len(lines) > 1 else ""
        signed_on = None
        if when:
            try:
                signed_on = parse_date(to_latin_digits(when))
            except (DateError, InputError):
                signed_on = None
        role = "supervisor" if supervisor and nfc(f"{post}, {office}") == nfc(supervisor) \
            else "office"
        out.append(Signature(Party(post, office, name), signed_on, role))
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


def read_apa_text(front: Sequence[str], after_plan: Sequence[str], supervisor: str) -> ApaText:
    """`front`: the paragraphs before the first table (cover … section 1); `after_plan`: those
    between section 3 and the next table (commitments, signatures)."""
    texts = [squash(t) for t in front]
    after = [squash(t) for t in after_plan]
    signatures = tuple(read_signatures(after, supervisor))
    preamble, parties = _preamble(texts, signatures)
    vision, mission, functions = _section1(texts)
    return ApaText(_overview(texts), preamble, parties, vision, mission, functions,
                   read_commitments(after), signatures)


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
