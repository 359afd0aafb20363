"""Digits and text normalisation: the bottom of the domain, imported by numbers, dates and cells.

The documents mix Bengali (০-৯) and Latin (0-9) digits, even inside one number ("20২০-2021"),
and copy-paste leaves invisible characters and odd spaces behind. Every reader normalises text
here first; every writer turns digits back into the user's script here.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "BENGALI_DIGITS",
    "LATIN_DIGITS",
    "normalize_text",
    "to_bengali_digits",
    "to_latin_digits",
]

BENGALI_DIGITS = "০১২৩৪৫৬৭৮৯"
LATIN_DIGITS = "0123456789"
_TO_LATIN = str.maketrans(BENGALI_DIGITS, LATIN_DIGITS)
_TO_BENGALI = str.maketrans(LATIN_DIGITS, BENGALI_DIGITS)

# Characters that copy-paste from Word/PDF leaves behind and that carry no meaning here.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")


def to_latin_digits(text: str) -> str:
    """Replace Bengali digits by Latin digits; everything else is kept."""
    return text.translate(_TO_LATIN)


def to_bengali_digits(text: str) -> str:
    """Replace Latin digits by Bengali digits; everything else is kept."""
    return text.translate(_TO_BENGALI)


def normalize_text(text: str) -> str:
    """NFC, no invisible characters, Latin digits, single spaces, no surrounding spaces.

    NFC matters for Bengali: "য়" arrives both as one code point and as য + nukta.
    """
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return _SPACES.sub(" ", to_latin_digits(text)).strip()
