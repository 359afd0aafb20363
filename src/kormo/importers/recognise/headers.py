"""Header rows → what each column holds, and what kind of table it is.

A header is the rows at the top of a table whose cells are header words (DOMAIN.md glossary),
level labels, quarter labels, years or a row of column numbers. A header cell that spans
columns in the original (its text printed once, the columns below it filled) is recognised by
the empty cells beside it over a lower row that has text, and its words are given to each
column it spans ("প্রক্ষেপণ" over "২০২৩-২০২৪" and "২০২৪-২০২৫").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from kormo.domain.calendar import FiscalYear
from kormo.domain.dates import MONTHS_BN, month_number
from kormo.domain.digits import to_latin_digits
from kormo.importers.readers.model import Cell, Position, Row, Table
from kormo.importers.recognise.similar import Match, best, contains, skeleton
from kormo.importers.recognise.text import (
    DIGIT,
    Fix,
    bracket_items,
    column_number_run,
    fiscal_years_in,
    fix_text,
    leading_number,
    level_of,
    nfc,
    quarter_of_header,
    squash,
)
from kormo.importers.recognise.words import repair_ordinal_run


class Role(StrEnum):
    SERIAL = "serial"
    AREA = "area"
    AREA_WEIGHT = "area_weight"
    ACTIVITY = "activity"
    INDICATOR = "indicator"
    METHOD = "method"
    UNIT = "unit"
    WEIGHT = "weight"
    RESPONSIBLE = "responsible"
    ACTUAL = "actual"
    TARGET = "target"
    LEVEL = "level"
    PROJECTION = "projection"
    LABEL = "label"
    QUARTER = "quarter"
    TOTAL = "total"
    SCORE = "score"
    ACHIEVEMENT = "achievement"
    REMARKS = "remarks"
    OUTCOME = "outcome"
    JOINT = "joint"
    DATA_SOURCE = "data_source"
    IMPL_UNIT = "implementing_unit"
    EVIDENCE = "evidence"
    DEP_OFFICES = "dependency_offices"
    DEP_STRATEGY = "dependency_strategy"
    SHORT = "short"
    MEANING = "meaning"
    TERM = "term"
    SUBJECT = "subject"
    PLAN = "plan"
    QUANTITY = "quantity"
    PERIOD = "period"
    NAME = "name"
    DESCRIPTION = "description"
    WORKING = "working"
    RESULT = "result"
    LINK = "link"
    BRANCH = "branch"
    HARD_FILES = "hard_files"
    SIGNATURE = "signature"
    MONTH = "month"  # a month's achievement (the APA's monthly/quarterly progress report)
    CUMULATIVE = "cumulative"  # the achievement from the year's start to date


class TableKind(StrEnum):
    FIVE_LEVEL = "five_level"  # APA section 3, action plans with the five levels, their reports
    QUARTERLY = "quarterly"  # single-target action plans with quarterly targets/achievements
    OUTCOMES = "outcomes"  # APA section 2
    ANNEX2 = "annex2"  # implementing unit and evidence per indicator
    ANNEX3 = "annex3"  # indicators depending on other offices
    ACRONYMS = "acronyms"  # annex 1
    WORKPLAN = "workplan"  # an innovation team's work plan
    REGISTER = "register"  # earlier innovations and digitised services
    ENOTHI = "enothi"  # e-Nothi evidence: hard files per branch
    MONTHLY = "monthly"  # the APA's progress report with monthly columns and a to-date one


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    role: Role | None
    text: str
    level: int | None = None
    quarter: int | None = None
    year: str | None = None
    provisional: bool = False
    month: int | None = None  # 1-12, a MONTH column's calendar month


@dataclass(slots=True)
class Header:
    kind: TableKind | None
    columns: list[Column]
    rows: int
    fixes: list[tuple[Cell, Fix]] = field(default_factory=list)
    target_year: FiscalYear | None = None
    signature: tuple[str, ...] = ()

    def col(self, role: Role) -> Column | None:
        return next((c for c in self.columns if c.role is role), None)

    def cols(self, role: Role) -> list[Column]:
        return [c for c in self.columns if c.role is role]

    def role_at(self, index: int) -> Column | None:
        if 0 <= index < len(self.columns):
            return self.columns[index]
        return None


VOCABULARY = tuple(nfc(w) for w in (
        "ক্ষেত্র", "মান", "কার্যক্রম", "সূচক", "গণনা", "একক", "অর্জন", "লক্ষ্যমাত্রা", "নির্ণায়ক",
        "প্রক্ষেপণ", "অসাধারণ", "উত্তম", "চলতি", "দায়িত্ব", "কোয়ার্টার", "ত্রৈমাসিক", "মন্তব্য",
        "ক্রম", "পরিবীক্ষণ", "ফলাফল", "উপাত্ত", "যৌথ", "বাস্তবায়নকারী", "প্রমাণক", "কৌশল",
        "শব্দসংক্ষেপ", "বিবরণ", "পরিকল্পনা", "বিষয়", "বাস্তবায়নকাল", "নাম", "লিংক",
        "হার্ড ফাইল", "স্বাক্ষর", "সিরিয়াল", "সংখ্যা", "Acronyms",
))
_VOCAB = re.compile("|".join(VOCABULARY))
LEVEL_WORDS = {nfc("অসাধারণ"): 100, nfc("অতি উত্তম"): 90, nfc("উত্তম"): 80, nfc("চলতি মান"): 70,
               nfc("চলতি মানের নিম্নে"): 60}
QUARTER_WORDS = (nfc("কোয়ার্টার"), nfc("ত্রৈমাসিক"))
# an ordinal of a quarter ("৩য়", "4th"), never a digit of a year
_ORDINAL = re.compile(r"(?<![0-9০-৯])([1-4১-৪])\s*(?:ম|য়|য়|য|র্থ|রথ|st|nd|rd|th)")
_YEAR_ONLY = re.compile(rf"^[{DIGIT}]{{4}}(\s*[-–]\s*[{DIGIT}]{{2,4}})?$")


def _headerish(text: str) -> bool:
    t = squash(text)
    if not t or len(t) > 90:
        return False
    if bracket_items(t) or leading_number(t) is not None:
        return False
    return bool(_VOCAB.search(t) or level_of(t) or quarter_of_header(t) or _YEAR_ONLY.match(t)
                or t == "%" or any(contains(t, w) for w in VOCABULARY)
                or month_of_header(t) is not None)


_LEVEL_BY_VALUE = {v: k for k, v in LEVEL_WORDS.items()}


def _level_similar(text: str) -> tuple[int, Match] | None:
    """A level's name read with slips ("চলত মানের নম্নে", "অসাধা রণ ২০২৩-২৪"): the level name
    closest to the cell's last words (years and marks aside)."""
    words = [w for w in re.split(r"[\s()/,]+", text) if w and not re.search(rf"[{DIGIT}]", w)]
    found: Match | None = None
    for k in range(1, min(4, len(words)) + 1):
        m = best(" ".join(words[-k:]), tuple(LEVEL_WORDS))
        if m is not None and (found is None or m.score > found.score
                              or (m.score == found.score and len(m.word) > len(found.word))):
            found = m
    if found is None:
        return None
    return LEVEL_WORDS[found.word], Match(found.word, text, found.score)


_MONTH_SPLIT = re.compile(r"[\s,/()\-–]+")
_MONTH_WORDS = tuple(nfc(m) for m in MONTHS_BN)


def month_of_header(text: str) -> tuple[int, Match | None] | None:
    """The calendar month a header cell names by its last word ("জুলাই", "আগষ্ট ২০২২",
    "মাসিক অর্জন সেপ্টেম্বর", with slips "সেপ্টম্বর"), when it names one month only (a
    quarter's range "জুলাই-সেপ্টেম্বর" is no month); the match when read by similarity."""
    words = [w for w in _MONTH_SPLIT.split(nfc(text)) if w and not re.fullmatch(
        rf"[{DIGIT}]+", w)]
    if not words:
        return None
    months = [m for w in words if (m := month_number(w)) is not None]
    last = month_number(words[-1])
    if last is not None:
        return (last, None) if len(months) == 1 else None
    if months:
        return None
    # the last word, or the last two split by a slip ("সেপ্ টেম্বর"), read by similarity
    for tail in (words[-1], "".join(words[-2:])):
        if len(skeleton(tail)) < 4:
            continue
        found = best(tail, _MONTH_WORDS)
        if found is not None:
            return MONTHS_BN.index(found.word) + 1, Match(found.word, text, found.score)
    return None


def _quarter_similar(text: str) -> tuple[int, Match] | None:
    """A quarter header read with slips ("৩য় কোয়ার্টর")."""
    for word in QUARTER_WORDS:
        m = contains(text, word)
        if m is not None:
            n = _ORDINAL.search(text)
            if n:
                return int(to_latin_digits(n[1])), m
            ordinals = (("প্রথম", 1), ("দ্বিতীয়", 2), ("তৃতীয়", 3), ("চতুর্থ", 4))
            for ordinal, q in ordinals:
                if nfc(ordinal) in nfc(text):
                    return q, m
                # "তৃতী য়", "দ্বিতয়": the ordinal with a slip (flagged as read by similarity)
                if contains(text, ordinal) or nfc(ordinal) in nfc(text).replace(" ", ""):
                    return q, Match(nfc(f"{ordinal} {word}"), text, m.score)
            # "তৃতয়কোয়ার্টার": the ordinal with a slip, joined to the quarter word
            st, sq = skeleton(text), skeleton(word)
            before = st[: st.find(sq)] if sq in st else ""
            for ordinal, q in ordinals:
                if before and before == skeleton(ordinal):
                    return q, Match(nfc(f"{ordinal} {word}"), text, m.score)
    return None


def _title_row(row: Row) -> bool:
    """A row above the header whose one text spans the table ("সেকশন ৩: কর্মসম্পাদন
    পরিকল্পনা"; Word repeats a merged cell's text in every cell it spans): the table's title,
    not words of its columns. Only a text that names no column counts."""
    texts = [fix_text(c.text)[0] for c in row.cells]
    filled = [t for t in texts if t]
    return len(row.cells) >= 3 and bool(texts[0]) and len(set(filled)) == 1 \
        and _headerish(texts[0]) and _classify(texts[0], None, "").role is None


def header_rows(table: Table) -> int:
    """How many rows at the top of `table` form its header (0 for a continuation)."""
    count = 0
    for row in table.rows:
        texts = repair_ordinal_run([fix_text(c.text)[0] for c in row.cells])[0]
        filled = [t for t in texts if t]
        if not filled:
            if count:
                count += 1
                continue
            break
        if column_number_run(texts) or (not count and _title_row(row)):
            count += 1
            continue
        if any(bracket_items(t) or leading_number(t) for t in filled):
            break  # a numbered row is data
        if len(set(filled)) == 1 and count:
            # a section heading row ("সুশাসন ও সংস্কারমূলক …") after the header; Word repeats
            # a merged one in every cell
            break
        good = sum(1 for t in filled if _headerish(t))
        if good / len(filled) >= 0.5 and good >= 1 and (len(filled) >= 2 or count):
            count += 1
            continue
        break
    return count


def _classify(text: str, prev: Role | None, kind_hint: str,
              similar: list[Match] | None = None) -> Column:
    """What a header cell's words say the column holds. Words are matched as written first,
    then by similarity (`similar`); each match by similarity that decided the role is appended
    to `similar` so the caller can flag it."""
    found: list[Match] = []
    column = _classify_words(nfc(text), prev, kind_hint, found, fuzzy=False)
    if column.role is None:  # near words only when the words and their skeletons say nothing
        found.clear()
        column = _classify_words(nfc(text), prev, kind_hint, found, fuzzy=True)
    if similar is not None and column.role is not None:
        similar.extend(m for m in found if not m.exact)
    return column


def _classify_words(t: str, prev: Role | None, kind_hint: str, found: list[Match], *,
                    fuzzy: bool) -> Column:
    """Words as written or with the same skeleton; with `fuzzy` also near words. Each match
    not as written is appended to `found`."""
    fys = [fy for _, fy in fiscal_years_in(t) if fy is not None]
    year = str(fys[-1]) if fys else None
    if any(nfc(w) in t for w in ("অসাধারণ", "উত্তম", "চলতি", "নিম্নে")):
        lvl = level_of(t)
    else:
        # the last word that is not a year: "১০০% ২০২৩-২৪" is the 100 % level of that year
        words = [w.strip("()") for w in t.split(" ") if not _YEAR_ONLY.match(w.strip("()"))]
        lvl = level_of(words[-1]) if words else None
    near = _level_similar(t)
    if near is not None and (lvl is None or len(near[1].word) > len(_LEVEL_BY_VALUE[lvl])):
        # "অত উত্তম" holds উত্তম as written but is অতি উত্তম with a slip: the longer name wins
        lvl, match = near
        found.append(match)
    if lvl is not None:
        return Column(-1, Role.LEVEL, t, level=lvl)
    month = month_of_header(t)
    if month is not None:
        if month[1] is not None:
            found.append(month[1])
        return Column(-1, Role.MONTH, t, month=month[0])
    q = quarter_of_header(t)
    if q is None and (nearq := _quarter_similar(t)) is not None:
        q, match = nearq
        found.append(match)
    if q is not None:
        return Column(-1, Role.QUARTER, t, quarter=q)

    def has(*words: str) -> bool:
        if any(nfc(w) in t for w in words):
            return True
        for w in words:
            m = contains(t, w, fuzzy=fuzzy)
            if m is not None:
                found.append(m)
                return True
        return False

    if kind_hint == "workplan":
        for words, role in ((("বাস্তবায়নকাল",), Role.PERIOD), (("বাস্তবায়ন পরিকল্পনা",), Role.PLAN),
                            (("ক্রমিক",), Role.SERIAL), (("কর্ম পরিকল্পনা", "মেয়াদ"), Role.TERM),
                            (("বিষয়",), Role.SUBJECT), (("সংখ্যা", "পরিমাণ"), Role.QUANTITY)):
            if has(*words):
                return Column(-1, role, t)
    if kind_hint == "register":
        for words, role in ((("ক্রমিক",), Role.SERIAL), (("কার্যকর",), Role.WORKING),
                            (("প্রত্যাশিত ফলাফল", "ফলাফল পাচ্ছে"), Role.RESULT),
                            (("লিংক", "লিঙ্ক"), Role.LINK), (("বিবরণ",), Role.DESCRIPTION),
                            (("মন্তব্য",), Role.REMARKS), (("নাম",), Role.NAME)):
            if has(*words):
                return Column(-1, role, t)
    if kind_hint == "enothi":
        for words, role in ((("সিরিয়াল", "ক্রমিক"), Role.SERIAL), (("হার্ড ফাইল",), Role.HARD_FILES),
                            (("শাখা",), Role.BRANCH), (("স্বাক্ষর",), Role.SIGNATURE)):
            if has(*words):
                return Column(-1, role, t)
    if kind_hint == "acronyms":
        for words, role in ((("শব্দসংক্ষেপ",), Role.SHORT), (("বিবরণ",), Role.MEANING),
                            (("ক্রমিক",), Role.SERIAL)):
            if has(*words):
                return Column(-1, role, t)
    def has_whole(word: str) -> bool:
        m = contains(t, word, fuzzy=False)
        if m is not None and len(skeleton(t)) == len(skeleton(word)):
            found.append(m)
            return True
        return False

    if has("কৌশলগত উদ্দেশ্য"):  # the strategic objective: the area (DOMAIN.md glossary)
        return Column(-1, Role.AREA, t)
    rules: tuple[tuple[tuple[str, ...], Role], ...] = (
        (("চূড়ান্ত ফলাফল",), Role.OUTCOME),
        (("যৌথভাবে",), Role.JOINT),
        (("উপাত্তসূত্র",), Role.DATA_SOURCE),
        (("বাস্তবায়নকারী",), Role.IMPL_UNIT),
        (("প্রমাণক",), Role.EVIDENCE),
        (("সমন্বয়ের কৌশল", "কৌশল"), Role.DEP_STRATEGY),
        (("যেসকল অফিস", "অফিসের সাথে সংশ্লিষ্ট"), Role.DEP_OFFICES),
        (("ক্রমপুঞ্জিভূত", "পর্যন্ত মোট", "পর্যন্ত অর্জন", "শুরু থেকে"), Role.CUMULATIVE),
        (("মোট অর্জন", "মোট"), Role.TOTAL),
        (("অর্জিত মান", "প্রাপ্ত মান"), Role.SCORE),
        (("প্রকৃত অর্জন",), Role.ACTUAL),
        (("প্রক্ষেপণ",), Role.PROJECTION),
        (("গণনা পদ্ধতি",), Role.METHOD),
        (("একক",), Role.UNIT),
        (("দায়িত্বপ্রাপ্ত", "দায়িত্ব"), Role.RESPONSIBLE),
        (("ক্ষেত্রের মান",), Role.AREA_WEIGHT),
        (("সূচকের মান",), Role.WEIGHT),
    )
    for words, role in rules[:7]:
        if has(*words):
            return Column(-1, role, t, year=year)
    mark = len(found)
    if has("লক্ষ্যমাত্রা") and has("অর্জন") and "/" in t:
        return Column(-1, Role.LABEL, t)
    del found[mark:]  # a half-met pair decided nothing
    for words, role in rules[7:]:
        if has(*words):
            return Column(-1, role, t, year=year, provisional="*" in t)
    if re.search(nfc("সূচকে$"), t):
        return Column(-1, Role.WEIGHT, t)
    # "মান" alone, or under a heading row spanning the table ("কর্মসম্পাদন পরিকল্পনা মান")
    if squash(t) == nfc("মান") or has_whole("মান") or squash(t).endswith(" " + nfc("মান")):
        return Column(-1, Role.AREA_WEIGHT if prev is Role.AREA else Role.WEIGHT, t)
    if has("ক্ষেত্র", "কর্মসম্পাদনের ক্ষেত্র", "কৌশলগত উদ্দেশ্য"):
        return Column(-1, Role.AREA, t)
    if has("সূচক", "কর্মসম্পাদন সূচক"):
        return Column(-1, Role.INDICATOR, t)
    if has("কার্যক্রম"):
        return Column(-1, Role.ACTIVITY, t)
    if has("ক্রমিক", "ক্রম", "সিরিয়াল"):
        return Column(-1, Role.SERIAL, t)
    if has("লক্ষ্যমাত্রা"):
        return Column(-1, Role.TARGET, t, year=year)
    if has("অর্জন"):
        return Column(-1, Role.ACHIEVEMENT, t)
    if has("মন্তব্য"):
        return Column(-1, Role.REMARKS, t)
    if all(_YEAR_ONLY.match(tok) for tok in squash(t).split()):
        return Column(-1, Role.TARGET, t, year=year)
    return Column(-1, None, t)


def _kind_hint(text: str) -> str:
    t = nfc(text)
    if "হার্ড ফাইল" in t:
        return "enothi"
    if "কার্যকর আছে" in t or ("লিংক" in t and ("আইডিয়া" in t or "সেবা" in t)):
        return "register"
    if "বাস্তবায়নকাল" in t or "মেয়াদী" in t:
        return "workplan"
    if "শব্দসংক্ষেপ" in t:
        return "acronyms"
    return ""


def _header_cells(rows: list[Row], width: int) -> list[Cell]:
    """The lowest header cell with text over each column (where a flag on the header points)."""
    out: list[Cell] = []
    for c in range(width):
        cell = next((r.cells[c] for r in reversed(rows) if c < len(r.cells) and r.cells[c].text),
                    None)
        out.append(cell or (rows[0].cells[0] if rows and rows[0].cells else Cell("", Position())))
    return out


def analyse(table: Table) -> Header:
    n = header_rows(table)
    rows: list[Row] = [r for k, r in enumerate(table.rows[:n])
                       if not column_number_run(r.texts()) and not (k == 0 and _title_row(r))]
    width = table.width
    fixes: list[tuple[Cell, Fix]] = []
    grid: list[list[str]] = []
    for r, row in enumerate(rows):
        line = []
        # A lower header row that is short and starts with text is a text copy that dropped
        # the empty cells under the header's merged-down columns: its sub-headings belong under
        # the last columns (the level or quarter names), so it is aligned to the right.
        pad = width - len(row.cells) if r and row.cells and row.cells[0].text.strip() else 0
        quarters = dict(repair_ordinal_run([c.text for c in row.cells])[1])
        for c in range(width):
            cell = row.cells[c - pad] if 0 <= c - pad < len(row.cells) else None
            if cell is None:
                line.append("")
                continue
            text, fx = fix_text(cell.text)
            fixes.extend((cell, f) for f in fx)
            if (rep := quarters.get(c - pad)) is not None:  # "১ম অর্ডাল … ৪র্থ অর্ডাল"
                text = " ".join(rep.word if w == rep.read else w for w in text.split())
                fixes.append((cell, Fix("ocr", rep.read, rep.word, rep.how)))
            line.append("" if cell.merged and c > 0 and line and line[-1] == text else text)
        grid.append(line)
    parts: list[list[str]] = [[] for _ in range(width)]
    for r, line in enumerate(grid):
        lower = grid[r + 1:]
        for c, text in enumerate(line):
            if not text or (parts[c] and parts[c][-1] == text):
                continue  # empty, or a cell merged down that Word repeats in every row
            parts[c].append(text)
            k = c + 1
            while k < width and not line[k] and any(low[k] for low in lower):
                parts[k].append(text)
                k += 1
    texts = [" ".join(p) for p in parts]
    hint = _kind_hint(" ".join(texts))
    columns: list[Column] = []
    prev: Role | None = None
    cells = _header_cells(rows, width)
    for c, text in enumerate(texts):
        similar: list[Match] = []
        col = _classify(text, prev, hint, similar) if text else Column(c, None, "")
        for m in similar:
            fixes.append((cells[c], Fix("similar", m.read, m.word)))
        col = Column(c, col.role, col.text, col.level, col.quarter, col.year, col.provisional,
                     col.month)
        columns.append(col)
        prev = col.role if col.role is not None else prev
    roles = {c.role for c in columns}
    kind: TableKind | None = None
    joined = nfc(" ".join(texts))
    if hint:
        kind = TableKind(hint)
    elif Role.OUTCOME in roles:
        kind = TableKind.OUTCOMES
    elif Role.IMPL_UNIT in roles and Role.EVIDENCE in roles:
        kind = TableKind.ANNEX2
    elif Role.DEP_STRATEGY in roles and ("সংশ্লিষ্ট" in joined):
        kind = TableKind.ANNEX3
    elif Role.LEVEL in roles and (Role.INDICATOR in roles or Role.ACTIVITY in roles):
        kind = TableKind.FIVE_LEVEL
    elif Role.MONTH in roles and (Role.INDICATOR in roles or Role.ACTIVITY in roles):
        kind = TableKind.MONTHLY
    elif Role.QUARTER in roles and (Role.INDICATOR in roles or Role.ACTIVITY in roles):
        kind = TableKind.QUARTERLY
    target_year = None
    for col in columns:
        if col.role in (Role.TARGET, Role.LEVEL, Role.LABEL, Role.QUARTER):
            for _, fy in fiscal_years_in(col.text):
                if fy is not None:
                    target_year = fy
                    break
        if target_year is not None:
            break
    return Header(kind, columns, n, fixes, target_year,
                  tuple(squash(t) for t in texts))
