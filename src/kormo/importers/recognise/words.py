"""Words of the forms repaired where scanning or typing damaged them, by similarity to the
forms' own vocabulary, never by a list of known typos.

The forms (DOMAIN.md glossary) print a small vocabulary again and again: the header words,
the level and quarter labels, the units and calculation methods, the plans' names. A word of
a cell that is none of them but is close to one of them is taken for it, in one of these
ways, each returned as a `Fix` saying what was read, what it was taken for and how:

- **look-alike letters** (`LOOKALIKE`): the word is a vocabulary word with letters that print
  almost alike swapped (ন/ল, ব/র, ড/ভ, খ/থ), its vowel signs as they are;
- **vowel signs** (`similar.skeleton`): the same letters with vowel signs, হসন্ত or nukta lost,
  added or changed, for words of at least `MIN_SKELETON` skeleton letters;
- **two characters**: a long word (`MIN_LONG` skeleton letters, `MIN_LONG_CHARS` characters)
  with at most two letters or signs added, lost or changed, none at its end (where two real
  words differ: বাস্তবায়ন, বাস্তবায়িত), and no other vocabulary word as near;
- **a plan's name with one word unreadable** (`PHRASES`): the rest of the name intact
  around a word of about the same length ("খুঁটাতার কৌশল কর্ম পরিকল্পনা");
- **quarter columns** (`repair_ordinal_run`): header cells numbered ১ম … ৪র্থ that share one
  unknown word name the quarters.

A word is compared with its inflection ("…ের", "…সমূহ") set aside; a word that is a
vocabulary word, or near two of them equally, is left as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from kormo.importers.recognise.similar import skeleton


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# The words the forms print (DOMAIN.md glossary: headers, labels, units, methods, plan names).
VOCABULARY: tuple[str, ...] = tuple(_nfc(w) for w in (
    "লক্ষ্যমাত্রা", "নির্ণায়ক", "কোয়ার্টার", "ত্রৈমাসিক", "অর্ধবার্ষিক", "কার্যক্রম", "কর্মসম্পাদন",
    "ক্ষেত্র", "সূচক", "একক", "গণনা", "পদ্ধতি", "প্রক্ষেপণ", "প্রকৃত", "অর্জন", "অর্জিত", "অসাধারণ",
    "উত্তম", "চলতি", "নিম্নে", "দায়িত্বপ্রাপ্ত", "বাস্তবায়ন", "বাস্তবায়নকারী", "মন্তব্য", "পরিবীক্ষণ",
    "পরিকল্পনা", "কর্মপরিকল্পনা", "প্রতিবেদন", "অর্থবছর", "প্রমাণক", "শুদ্ধাচার",
    "নৈতিকতা", "কৌশল", "গভর্ন্যান্স", "উদ্ভাবন", "অভিযোগ", "প্রতিকার", "প্রতিশ্রুতি", "অধিকার",
    "সমষ্টি", "ক্রমপুঞ্জিভূত", "সংখ্যা", "শতাংশ", "তারিখ", "প্রাপ্ত", "নম্বর", "বার্ষিক", "চুক্তি",
    "লক্ষ", "কোটি", "হাজার",
))
_VOCAB_SET = frozenset(VOCABULARY)

# Plan names (DOMAIN.md glossary) whose first word may be unreadable while the rest stands.
PHRASES: tuple[tuple[str, str], ...] = tuple((_nfc(a), _nfc(b)) for a, b in (
    ("শুদ্ধাচার", "কৌশল কর্মপরিকল্পনা"),
    ("অভিযোগ", "প্রতিকার ব্যবস্থা"),
))

# Letters that print almost alike, which OCR of Bengali text reads for one another.
LOOKALIKE = str.maketrans({"ল": "ন", "র": "ব", "ভ": "ড", "থ": "খ"})
# Endings a form's word takes in a sentence ("কার্যক্রমের", "লক্ষ্যমাত্রাসমূহ").
SUFFIXES = tuple(_nfc(s) for s in ("সমূহের", "সমূহ", "গুলো", "ের", "এর", "র", "ে", "য়", "টি", ""))
# A vowel sign after a vocabulary word makes another word (উদ্ভাবনী, the adjective): kept.
_SIGN_ENDINGS = tuple(_nfc(s) for s in ("ী", "ি", "া", "ু"))
MIN_SKELETON = 5
MIN_LONG = 6  # skeleton letters
MIN_LONG_CHARS = 8
_WORD = re.compile("[\u0980-\u09e5\u09f0-\u09ff\u200c\u200d]+")


@dataclass(frozen=True, slots=True)
class Repair:
    """A word taken for a vocabulary word: what was read, what it was taken for, and how."""

    read: str
    word: str
    how: str  # "lookalike" | "signs" | "letter" | "phrase" | "ordinal"


HOW: dict[str, tuple[str, str]] = {
    "lookalike": ("কাছাকাছি দেখতে অক্ষর বদলে গেছে", "letters that print alike were swapped"),
    "signs": ("কার-চিহ্ন/হসন্ত বাদ পড়েছে বা বদলেছে", "vowel signs or হসন্ত lost or changed"),
    "letter": ("দুটি পর্যন্ত অক্ষর বা চিহ্ন ভুল", "up to two letters or signs wrong"),
    "phrase": ("পরিকল্পনার নামের বাকি শব্দগুলো ঠিক আছে", "the rest of the plan's name stands"),
    "ordinal": ("১ম-৪র্থ ক্রমের কলামগুলোর একই শব্দ", "the word shared by columns numbered 1st-4th"),
}


@lru_cache(maxsize=8192)
def _skel(text: str) -> str:
    return skeleton(text)


def _two_inner_edits_apart(a: str, b: str) -> bool:
    """At most two characters (letters or signs) added, lost or changed, none among the last
    two of either word: words that differ at their end are usually two words (বাস্তবায়ন,
    বাস্তবায়িত), not one with a slip."""
    ops = Levenshtein.editops(a, b)
    return 0 < len(ops) <= 2 and all(o.src_pos < len(a) - 2 and o.dest_pos < len(b) - 2
                                     for o in ops)


def _match(stem: str) -> Repair | None:
    """The vocabulary word `stem` (a word without its ending) is a damaged form of, if any."""
    if stem in _VOCAB_SET:
        return None
    sk = _skel(stem)
    found: list[Repair] = []
    for w in VOCABULARY:
        if len(w) >= 3 and stem != w and stem.translate(LOOKALIKE) == w.translate(LOOKALIKE):
            found.append(Repair(stem, w, "lookalike"))
            continue
        sw = _skel(w)
        if len(sw) >= MIN_SKELETON and sk == sw:
            found.append(Repair(stem, w, "signs"))
        elif len(sw) >= MIN_LONG and len(stem) >= MIN_LONG_CHARS \
                and _two_inner_edits_apart(stem, w):
            found.append(Repair(stem, w, "letter"))
    words = {r.word for r in found}
    if len(words) != 1:
        return None  # near none, or near two: left as written
    order = ("lookalike", "signs", "letter")
    return min(found, key=lambda r: order.index(r.how))


@lru_cache(maxsize=8192)
def repair_word(token: str) -> tuple[str, Repair | None]:
    """`token` (one word) with its stem taken for a vocabulary word, when it is a damaged one."""
    if token in _VOCAB_SET or any(token.endswith(e) and token[:-len(e)] in _VOCAB_SET
                                  for e in _SIGN_ENDINGS):
        return token, None
    for suffix in SUFFIXES:
        if suffix and not token.endswith(suffix):
            continue
        stem = token[: len(token) - len(suffix)] if suffix else token
        if len(stem) < 3 or (suffix and stem in _VOCAB_SET):
            if suffix and stem in _VOCAB_SET:
                return token, None  # a vocabulary word with its ending
            continue
        rep = _match(stem)
        if rep is not None:
            return rep.word + suffix, rep
    return token, None


def repair_words(text: str) -> tuple[str, list[Repair]]:
    """Every word of `text` that is a damaged vocabulary word, taken for it."""
    repairs: list[Repair] = []

    def one(m: re.Match[str]) -> str:
        new, rep = repair_word(m[0])
        if rep is not None:
            repairs.append(rep)
        return new

    out = _WORD.sub(one, text)
    out = _repair_phrases(out, repairs)
    return out, repairs


def _repair_phrases(text: str, repairs: list[Repair]) -> str:
    for first, rest in PHRASES:
        if first in text:
            continue
        sr = _skel(rest)
        for m in _WORD.finditer(text):
            word = m[0]
            if word in _VOCAB_SET or not _skel(text[m.end():]).startswith(sr):
                continue
            if abs(len(_skel(word)) - len(_skel(first))) > 1:
                continue
            repairs.append(Repair(word, first, "phrase"))
            return text[: m.start()] + first + text[m.end():]
    return text


_ORDINAL_WORD = re.compile(r"^\s*([1-4১-৪])\s*(?:ম|য়|য়|র্থ)\s+(\S+)\s*$")
QUARTER = _nfc("কোয়ার্টার")
_PERIOD_WORDS = frozenset(_nfc(w) for w in ("কোয়ার্টার", "ত্রৈমাসিক", "quarter", "কিস্তি"))


def repair_ordinal_run(texts: list[str]) -> tuple[list[str], list[tuple[int, Repair]]]:
    """A header row with cells "১ম X", "২য় X", "৩য় X", "৪র্থ X" (X one unknown word in at
    least three of them, numbered in order) names the quarters: X is taken for কোয়ার্টার in
    every cell of the row. Returns the texts and (cell index, repair) for each cell changed."""
    runs: dict[str, list[tuple[int, int]]] = {}
    for c, t in enumerate(texts):
        m = _ORDINAL_WORD.match(_nfc(t))
        if m:
            n = int(m[1]) if m[1].isascii() else "০১২৩৪".index(m[1])
            runs.setdefault(m[2], []).append((c, n))
    out = list(texts)
    fixes: list[tuple[int, Repair]] = []
    for word, cells in runs.items():
        numbers = [n for _, n in cells]
        if word in _PERIOD_WORDS or word in _VOCAB_SET or len(cells) < 3 \
                or numbers != sorted(set(numbers)) or not re.search("[\u0980-\u09ff]", word):
            continue
        for c, t in enumerate(out):
            if word in t.split():
                out[c] = " ".join(QUARTER if w == word else w for w in t.split())
                fixes.append((c, Repair(word, QUARTER, "ordinal")))
    return out, fixes
