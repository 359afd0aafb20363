"""The OCR and typing noise DOMAIN.md §10 describes, applied to words of a generated document:
missing or extra vowel signs, a lost হসন্ত, ো for ৌ, nukta letters decomposed, words joined or
split, Latin look-alikes inside Bengali words, and digits of either script (even mixed in one
number). Values keep their meaning: only their digits' script changes."""

from __future__ import annotations

import random

VOWEL_SIGNS = "ািীুূেৈোৌ"
BN_DIGITS = "০১২৩৪৫৬৭৮৯"


def _damage_word(rng: random.Random, word: str) -> str:
    ops = []
    if any(c in VOWEL_SIGNS for c in word):
        ops += ["drop_vowel", "drop_vowel"]
    if "্" in word:
        ops.append("drop_hasanta")
    if "ৌ" in word or "ো" in word:
        ops.append("o_au")
    if "য়" in word or "ড়" in word:
        ops.append("nukta")
    if "া" in word:
        ops.append("latin")
    if len(word) > 4:
        ops.append("split")
    if not ops:
        return word
    op = rng.choice(ops)
    if op == "drop_vowel":
        idx = [i for i, c in enumerate(word) if c in VOWEL_SIGNS]
        i = rng.choice(idx)
        return word[:i] + word[i + 1:]
    if op == "drop_hasanta":
        i = word.index("্")
        return word[:i] + word[i + 1:]
    if op == "o_au":
        return word.replace("ৌ", "ো") if "ৌ" in word else word.replace("ো", "ৌ", 1)
    if op == "nukta":
        return word.replace("য়", "য\u09bc").replace("ড়", "ড\u09bc")
    if op == "latin":
        return word.replace("া", "l", 1)
    i = rng.randint(2, len(word) - 2)
    if word[i] in VOWEL_SIGNS or word[i] in "্ঁংঃ":  # never start a word with a sign
        return word
    return word[:i] + " " + word[i:]


def damage(rng: random.Random, text: str, rate: float) -> str:
    """`text` with each Bengali word damaged with probability `rate`; a space may be lost."""
    if rate <= 0 or not text:
        return text
    words = text.split(" ")
    out: list[str] = []
    for w in words:
        if any("\u0980" <= c <= "\u09ff" for c in w) and rng.random() < rate:
            w = _damage_word(rng, w)
        out.append(w)
    joined = out[0] if out else ""
    for w in out[1:]:
        joined += ("" if rng.random() < rate / 3 else " ") + w
    return joined


def digits(rng: random.Random, text: str, script: str) -> str:
    """The digits of `text` in `script`: "bn", "latin" or "mixed" (each digit either)."""
    out = []
    for c in text:
        if c.isdigit():
            n = int(c) if c.isascii() else BN_DIGITS.index(c)
            bn = script == "bn" or (script == "mixed" and rng.random() < 0.5)
            out.append(BN_DIGITS[n] if bn else str(n))
        else:
            out.append(c)
    return "".join(out)
