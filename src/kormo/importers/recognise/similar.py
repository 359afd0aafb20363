"""Header and title words recognised by similarity, not by a list of known typos.

Offices type and scan their headings with slips in any word (DOMAIN.md §10): a vowel sign
missing or extra, a lost হসন্ত, ো for ৌ, nukta letters written as two characters, words joined
or split, Latin letters that look like Bengali signs ("l" for া), digits of either script.
`skeleton` removes exactly what those slips change (vowel signs, হসন্ত, nukta, spaces and
punctuation; Latin look-alikes; ণ/ন and শ/ষ/স, which people write for one another; digits
made Latin), so a damaged word and the word meant have
the same or a near skeleton; `find` then compares skeletons with rapidfuzz and says how
similar the closest vocabulary word is. A match that is not exact is returned as a `Match`
so the caller can flag what was read and what it was taken for.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from kormo.domain.digits import to_latin_digits

# vowel signs (া … ৌ, ৗ), হসন্ত, nukta; what OCR and typing lose or add most
_SIGNS = re.compile("[\u09be-\u09cc\u09d7\u09cd\u09bc\u0981]")
# Latin letters and marks that stand for a sign inside a Bengali word ("কর্মসম্পlদন")
_LOOKALIKE = re.compile(r"(?<=[\u0980-\u09ff])[lI|!]|[lI|!](?=[\u0980-\u09ff])")
_NOT_LETTER = re.compile(r"[\s\-–—_.,;:()\[\]/*\"'“”‘’৷।]+")
_INVISIBLE = re.compile("[\u200b-\u200d\ufeff]")
# letters people write for one another (spelling, not scanning): ণ/ন, the three sibilants
_SAME_SOUND = str.maketrans({"ণ": "ন", "শ": "স", "ষ": "স"})
# Short words are too easy to meet by chance inside others: under MIN_SKELETON skeleton
# letters only the word as written counts, under MIN_FUZZY only the same skeleton.
MIN_SKELETON = 4
MIN_FUZZY = 5
THRESHOLD = 88.0


def skeleton(text: str) -> str:
    """`text` without what typing and OCR slips change (see the module's docstring)."""
    t = unicodedata.normalize("NFD", _INVISIBLE.sub("", text))
    t = _LOOKALIKE.sub("", t)
    t = _SIGNS.sub("", t)
    t = _NOT_LETTER.sub("", t).translate(_SAME_SOUND)
    return to_latin_digits(unicodedata.normalize("NFC", t)).casefold()


@dataclass(frozen=True, slots=True)
class Match:
    word: str  # the vocabulary word taken
    read: str  # the text as written
    score: float  # 0-100; 100 when the skeletons are the same

    @property
    def exact(self) -> bool:
        return self.word in self.read


@lru_cache(maxsize=4096)
def _skel(text: str) -> str:
    return skeleton(text)


def contains(text: str, word: str, *, fuzzy: bool = True) -> Match | None:
    """Whether `text` holds `word`: exactly, with the same skeleton, or (`fuzzy`, for words of
    `MIN_FUZZY` skeleton letters or more) at least `THRESHOLD` % similar."""
    t = unicodedata.normalize("NFC", text)
    w = unicodedata.normalize("NFC", word)
    if w in t:
        return Match(w, t, 100.0)
    st, sw = _skel(t), _skel(w)
    if st and st == sw:  # the whole cell is the word, written with slips ("মlন" for মান)
        return Match(w, t, 100.0)
    if len(sw) < 3 or not st:
        return None
    if len(sw) < MIN_SKELETON:
        # a short word only as the start of a word of the text ("সচকের" for "সূচকের")
        for token in t.split():
            tk = _skel(token)
            if tk.startswith(sw) and len(tk) <= len(sw) + 3:
                return Match(w, t, 100.0)
        return None
    if sw in st:
        return Match(w, t, 100.0)
    if not fuzzy or len(sw) < MIN_FUZZY or len(st) < len(sw) - 2:
        return None
    score = fuzz.partial_ratio(sw, st)
    return Match(w, t, score) if score >= THRESHOLD else None


def best(text: str, words: tuple[str, ...]) -> Match | None:
    """The vocabulary word `text` is closest to as a whole (for cells that are one word or
    label: a level's name), if any is at least `THRESHOLD` % similar."""
    st = _skel(text)
    if not st:
        return None
    found: Match | None = None
    for w in words:
        sw = _skel(w)
        score = 100.0 if sw == st else fuzz.ratio(sw, st)
        if score >= THRESHOLD and (found is None or score > found.score):
            found = Match(unicodedata.normalize("NFC", w), unicodedata.normalize("NFC", text),
                          score)
    return found


def alike(a: str, b: str) -> bool:
    """Whether two names are the same name written with different slips (a name printed again
    in each row it spans, each copy typed or scanned anew): skeletons at least `THRESHOLD` %
    alike as a whole."""
    sa, sb = _skel(a), _skel(b)
    return bool(sa and sb) and (sa == sb or fuzz.ratio(sa, sb) >= THRESHOLD)
