"""Bijoy (SutonnyMJ and the other "…MJ" fonts) legacy text → Unicode Bengali.

Why: many office files were typed with the Bijoy keyboard in an ANSI font. Such text is stored
as Latin letters and Windows-1252 symbols that only the font draws as Bengali ("Avgvi †mvbvi
evsjv" is আমার সোনার বাংলা), so a reader sees gibberish and no number, date or name in it can be
matched. This module maps the glyph codes back to Unicode and puts the characters in Unicode's
logical order.

How the encoding is laid out (the public description of the SutonnyMJ glyph positions):

- Letters sit on the Latin letters in the Bengali alphabet's order: A-J are the vowels অ ই ঈ উ
  ঊ ঋ এ ঐ ও ঔ (আ is A followed by the া sign v), K-Z and _ ` a-r the consonants ক … ৎ, s t u the
  signs ং ঃ ঁ, v-z ~ the vowel signs া ি ী ু ু ূ; the digits 0-9 are ০-৯ and | is the দাঁড়ি ।.
- ু ূ ৃ are typed right after the consonant, before a য-ফলা or র-ফলা that follows it ("b~¨bZg"
  is ন্যূনতম); Unicode puts the phala first.
- Signs drawn to the left of a consonant (ি w, ে † ‡, ৈ ˆ ‰) are stored *before* it, in visual
  order; Unicode wants them after the whole consonant cluster, and ো ৌ are ে + া / ে + ৗ around
  the consonant. The reph (র্ on top, ©) is stored *after* the consonant it sits on; Unicode
  wants র্ before it.
- Conjuncts use extra glyphs in the upper half of the code page: phala signs (য-ফলা ¨, র-ফলা
  Ö ª ¿, ন-ফলা œ, ব-ফলা ^ ¡), half forms that join what follows (স্ ¯, ম্ ¤, ন্ ›) with their second
  parts (ত Í, প ú, ম §), and whole conjuncts (ক্র µ, ক্ষ ÿ ¶, ক্ত ³, জ্ঞ Á, ত্ত Ë, ত্র Î, দ্দ Ï, দ্ভ Ø,
  প্ত ß, ল্প í, ন্ত š, ষ্ট ó, ষ্ঠ ô, স্ট ÷, ঞ্চ Â, ঙ্ক ¼, ঙ্গ ½).

Limits, honestly: the table covers the letters, vowel signs, digits, punctuation and the
conjunct glyphs listed above, which is what ordinary office text uses most. SutonnyMJ has more
conjunct glyphs (and fonts of other vendors move some of them); a glyph not in the table is
left as it is, and `convert` reports it so that the importer can flag the cell. Mixed Bijoy and
English inside one run of text without font information cannot always be told apart: English
words are recognised by their letters (`looks_bijoy`), which can misjudge very short words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_REPH = "\ue000"  # placeholder for র্ until it is moved before its consonant cluster

# One glyph code → its Unicode text (pre-base signs included; they are reordered afterwards).
GLYPHS: dict[str, str] = {
    # vowels
    "A": "অ", "B": "ই", "C": "ঈ", "D": "উ", "E": "ঊ", "F": "ঋ", "G": "এ", "H": "ঐ",
    "I": "ও", "J": "ঔ",
    # consonants
    "K": "ক", "L": "খ", "M": "গ", "N": "ঘ", "O": "ঙ", "P": "চ", "Q": "ছ", "R": "জ",
    "S": "ঝ", "T": "ঞ", "U": "ট", "V": "ঠ", "W": "ড", "X": "ঢ", "Y": "ণ", "Z": "ত",
    "_": "থ", "`": "দ", "a": "ধ", "b": "ন", "c": "প", "d": "ফ", "e": "ব", "f": "ভ",
    "g": "ম", "h": "য", "i": "র", "j": "ল", "k": "শ", "l": "ষ", "m": "স", "n": "হ",
    "o": "\u09a1\u09bc", "p": "\u09a2\u09bc", "q": "\u09af\u09bc", "r": "ৎ",
    # signs
    "s": "ং", "t": "ঃ", "u": "ঁ",
    # vowel signs (w † ‡ ˆ ‰ are drawn left of the consonant and stored before it)
    "v": "া", "w": "ি", "x": "ী", "y": "ু", "z": "ু", "\u201c": "ু", "~": "ূ", "\u0192": "ূ",
    "\u201e": "ৃ", "\u2026": "ৃ", "\u2020": "ে", "\u2021": "ে", "\u02c6": "ৈ", "\u2030": "ৈ",
    "\u0160": "ৗ",
    # hasanta, reph and the phala signs
    "&": "্", "\u00a9": _REPH, "\u00a8": "্য", "\u00d6": "্র", "\u00aa": "্র", "\u00bf": "্র",
    "\u0153": "্ন", "^": "্ব", "\u00a1": "্ব",
    # half forms and second parts of conjuncts
    "\u00af": "স্", "\u00a4": "ম্", "\u203a": "ন্", "\u00cd": "ত", "\u00fa": "প", "\u00a7": "ম",
    # whole conjuncts
    "\u00b5": "ক্র", "\u00ff": "ক্ষ", "\u00b6": "ক্ষ", "\u00b3": "ক্ত", "\u00c1": "জ্ঞ",
    "\u00cb": "ত্ত", "\u00ce": "ত্র", "\u00cf": "দ্দ", "\u00d8": "দ্ভ", "\u00df": "প্ত",
    "\u00ed": "ল্প", "\u0161": "ন্ত", "\u00f3": "ষ্ট", "\u00f4": "ষ্ঠ", "\u00f7": "স্ট",
    "\u00c2": "ঞ্চ", "\u00bc": "ঙ্ক", "\u00bd": "ঙ্গ",
    # digits and punctuation
    "0": "০", "1": "১", "2": "২", "3": "৩", "4": "৪", "5": "৫", "6": "৬", "7": "৭",
    "8": "৮", "9": "৯", "|": "।", "\u00d2": "“", "\u00d3": "”", "\u00d1": "—",
}

# "স্থ" is স্ (¯) + a थ-glyph (’) that is a quote mark everywhere else.
_SEQUENCES: dict[str, str] = {"\u00af\u2019": "স্থ"}

# Characters that only Bijoy text has (never ordinary English or Unicode Bengali).
SIGNATURE = frozenset("\u2020\u2021\u00a9\u00a8\u00d6\u00ff\u00af\u00cd\u02c6\u2030\u00b5"
                      "\u00ed\u0161\u00bf\u0153\u00a4\u00fa\u00ce\u00b3\u00c1\u00f7\u00f3"
                      "\u00f4\u00df\u00cb\u201e\u2026\u0192")

_PRE_BASE = "িেৈ"
_CONSONANTS = set("কখগঘঙচছজঝঞটঠডঢণতথদধনপফবভমযরলশষসহৎ")
_SIGNS_AFTER = set("ািীুূৃেৈোৌংঃঁৗ")
_HASANTA = "্"
_NUKTA = "\u09bc"  # ড় ঢ় য় are a consonant + nukta after NFC
_BENGALI = re.compile("[\u0980-\u09ff]")
_ENGLISH_WORDS = frozenset((
    "the", "and", "for", "of", "to", "in", "on", "with", "by", "from", "is", "are", "was",
    "online", "approval", "leave", "http", "https", "www", "com", "org", "gov", "net", "edu",
    "principal", "principals", "service", "system", "portal", "office", "email", "signature",
    "handwritten", "provisional", "vision", "mission", "acronyms", "outcome", "impact",
))


@dataclass(frozen=True, slots=True)
class Conversion:
    text: str
    unknown: tuple[str, ...] = ()  # glyph codes outside the table, left unconverted


def is_bijoy_font(name: str | None) -> bool:
    """SutonnyMJ, SulekhaMJ, … ("…MJ" ANSI fonts); SutonnyOMJ is the Unicode version."""
    if not name:
        return False
    n = name.replace(" ", "")
    return n.upper().endswith("MJ") and not n.upper().endswith("OMJ")


def looks_bijoy(text: str) -> bool:
    """True for text that is evidently Bijoy-encoded Bengali rather than English or Unicode.

    Bijoy text has no Bengali code points and either a glyph only Bijoy uses (†, ©, ¨, Ö …) or
    the letters of the commonest signs (v for া, w for ি) far more often than English has them.
    """
    if _BENGALI.search(text) or "://" in text or "@" in text:
        return False
    if any(ch in SIGNATURE for ch in text):
        return True
    words = re.findall(r"[A-Za-z`_~|]+", text)
    letters = sum(len(w) for w in words)
    if letters < 4:
        return False
    if any(w.casefold() in _ENGLISH_WORDS for w in words):
        return False
    signs = sum(w.count("v") + w.count("w") for w in words)
    return bool(signs / letters >= 0.15)


def convert(text: str) -> Conversion:
    """Convert Bijoy text to Unicode Bengali (NFC); unknown glyph codes are kept and reported."""
    out: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(text):
        pair = text[i:i + 2]
        if pair in _SEQUENCES:
            out.append(_SEQUENCES[pair])
            i += 2
            continue
        ch = text[i]
        mapped = GLYPHS.get(ch)
        if mapped is None:
            if ord(ch) > 0x7F and not ch.isspace() and ch not in "\u2013\u2014\u2018\u2019":
                unknown.append(ch)
            out.append(ch)
        else:
            out.append(mapped)
        i += 1
    chars = list("".join(out).replace(_HASANTA * 2, _HASANTA))
    chars = _reorder_pre_base(chars)
    chars = _place_reph(chars)
    # ু ূ ৃ are drawn under the consonant and typed before a য-/র-ফলা ("b~¨bZg" ন্যূনতম):
    # Unicode wants the phala first.
    result = re.sub("([ুূৃ])(্[যর])", r"\2\1", "".join(chars))
    result = result.replace("অা", "আ").replace("ো", "ো").replace("ৌ", "ৌ")
    return Conversion(unicodedata.normalize("NFC", result), tuple(dict.fromkeys(unknown)))


def to_unicode(text: str) -> str:
    return convert(text).text


def _cluster_end(chars: list[str], start: int) -> int:
    """Index after the consonant cluster that starts at `start` (C (্ C)*), reph marks skipped."""
    j = start
    if j >= len(chars) or chars[j] not in _CONSONANTS:
        return start
    j += 1
    if j < len(chars) and chars[j] == _NUKTA:
        j += 1
    while j + 1 < len(chars) and chars[j] == _HASANTA and chars[j + 1] in _CONSONANTS:
        j += 2
        if j < len(chars) and chars[j] == _NUKTA:
            j += 1
    return j


def _reorder_pre_base(chars: list[str]) -> list[str]:
    """Move ি ে ৈ from before their consonant cluster to after it; ে + া → ো, ে + ৗ → ৌ."""
    out = list(chars)
    i = 0
    while i < len(out):
        sign = out[i]
        if sign in _PRE_BASE:
            end = _cluster_end(out, i + 1)
            if end > i + 1:
                cluster = out[i + 1:end]
                out[i:end] = [*cluster, sign]
                i = end - 1
                if sign == "ে" and i + 1 < len(out) and out[i + 1] in ("া", "ৗ"):
                    out[i:i + 2] = ["ো" if out[i + 1] == "া" else "ৌ"]
        i += 1
    return out


def _place_reph(chars: list[str]) -> list[str]:
    """Move each reph from after its consonant cluster (and that cluster's signs) to before it."""
    out = list(chars)
    i = 0
    while i < len(out):
        if out[i] != _REPH:
            i += 1
            continue
        del out[i]
        j = i
        while j > 0 and out[j - 1] in _SIGNS_AFTER:
            j -= 1
        # walk back over one cluster: C (্ C)*, a nukta belonging to its consonant
        if j > 0 and out[j - 1] == _NUKTA:
            j -= 1
        if j > 0 and out[j - 1] in _CONSONANTS:
            j -= 1
            while j >= 2 and out[j - 1] == _HASANTA and out[j - 2] in _CONSONANTS:
                j -= 2
            out[j:j] = ["র", _HASANTA]
            i += 2
        else:
            out[i:i] = ["র", _HASANTA]
            i += 2
    return out
