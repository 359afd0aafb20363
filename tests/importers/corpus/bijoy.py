"""Cells typed with the Bijoy keyboard in SutonnyMJ (legacy ASCII-encoded Bengali), as old
office files hold them: a layout feature of the corpus (issue 13, item 7).

`encode` writes Unicode Bengali as SutonnyMJ glyph codes: consonant clusters (whole conjunct
glyphs where the font has them, else letters joined by the hasanta key), vowel signs drawn
left of their cluster stored before it, the reph after its cluster, phala signs. A text is
used only when `kormo.importers.bijoy` reads it back to the same text (`bijoy_text`), so the
corpus never asks the importer for a glyph SutonnyMJ would not have. `add_bijoy` picks the
cells of a grid to type in Bijoy from a generator of its own (seeded by the document), so the
feature changes nothing else in a generated document. The writers put them in a text copy as
they are, and in Word and Excel in the font SutonnyMJ.
"""

from __future__ import annotations

import random
import re
import unicodedata

from kormo.importers.bijoy import GLYPHS, looks_bijoy, to_unicode
from tests.importers.corpus.layout import Grid, Layout

# each letter's own key (the first in the table: "Z" for ত, not the conjunct part "Í")
_SINGLE: dict[str, str] = {}
for _key, _text in GLYPHS.items():
    if len(_text) == 1 and _text != "্":
        _SINGLE.setdefault(_text, _key)
_CONJUNCTS = {"ক্র": "\u00b5", "ক্ষ": "\u00ff", "ক্ত": "\u00b3", "জ্ঞ": "\u00c1", "ত্ত": "\u00cb",
              "ত্র": "\u00ce", "দ্দ": "\u00cf", "দ্ভ": "\u00d8", "প্ত": "\u00df", "ল্প": "\u00ed",
              "ন্ত": "\u0161", "ষ্ট": "\u00f3", "ষ্ঠ": "\u00f4", "স্ট": "\u00f7", "ঞ্চ": "\u00c2",
              "ঙ্ক": "\u00bc", "ঙ্গ": "\u00bd", "স্থ": "\u00af\u2019"}
_PHALA = {"্য": "\u00a8", "্র": "\u00d6", "্ব": "^"}
_NUKTA = {"য়": "q", "ড়": "o", "ঢ়": "p"}
_C = "[কখগঘঙচছজঝঞটঠডঢণতথদধনপফবভমযরলশষসহ]\u09bc?"
_CLUSTER = re.compile(rf"(র্(?={_C}))?({_C}(?:্{_C})*)([\u09be-\u09cc\u09d7]*)")
_PRE = {"ি": "w", "ে": "\u2020", "ৈ": "\u02c6"}
# half forms that join the second part of a conjunct (স্ ম্ ন্ before ত প ম)
_HALF = {"স": "\u00af", "ম": "\u00a4", "ন": "\u203a"}
_SECOND = {"ত": "\u00cd", "প": "\u00fa", "ম": "\u00a7"}


def _consonants(cluster: str) -> tuple[str, str]:
    """(glyphs of the cluster without a final phala, the phala's glyph)."""
    phala = ""
    for sign, glyph in _PHALA.items():
        if cluster.endswith(sign) and len(cluster) > 2:
            cluster, phala = cluster[: -len(sign)], glyph
            break
    out, i = "", 0
    while i < len(cluster):
        for n in (3,):
            part = cluster[i:i + n]
            if part in _CONJUNCTS:
                out += _CONJUNCTS[part]
                i += n
                break
        else:
            ch = cluster[i]
            pair = cluster[i:i + 3]
            if pair[1:2] == "্" and pair[0] in _HALF and pair[2:3] in _SECOND:
                out += _HALF[pair[0]] + _SECOND[pair[2]]  # স্ত "¯Í", ম্প "¤ú"
                i += 3
                continue
            if cluster[i:i + 2] == "্ন":  # ন-ফলা
                out += "\u0153"
                i += 2
                continue
            if cluster[i:i + 2] in _NUKTA:
                out += _NUKTA[cluster[i:i + 2]]
                i += 2
                continue
            out += "&" if ch == "্" else _SINGLE.get(ch, ch)
            i += 1
    return out, phala


def encode(text: str) -> str:
    """`text` (Unicode Bengali) as SutonnyMJ glyph codes."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text))
    text = text.replace("ো", "ো").replace("ৌ", "ৌ")
    out: list[str] = []
    i = 0
    while i < len(text):
        m = _CLUSTER.match(text, i)
        if m and m.end() > i:
            reph, cluster, signs = bool(m[1]), m[2], m[3]
            glyphs, phala = _consonants(cluster)
            pre = post = under = ""
            for s in signs:
                if s in _PRE:
                    pre += _PRE[s]
                elif s in "ুূৃ":
                    under += _SINGLE[s]
                else:
                    post += _SINGLE.get(s, s)
            if signs.startswith("ে") and signs[1:2] in ("া", "ৗ"):
                pre, post = "\u2020", ("v" if signs[1] == "া" else "\u0160") + post[2:]
            out.append(pre + glyphs + under + phala + post + ("\u00a9" if reph else ""))
            i = m.end()
            continue
        ch = text[i]
        if ch == "আ":  # অ with the া sign on the keyboard
            out.append("Av")
            i += 1
            continue
        out.append(_SINGLE.get(ch, ch) if not ch.isascii() else ch)
        i += 1
    return "".join(out)


def bijoy_text(text: str) -> str | None:
    """`text` typed in Bijoy, when SutonnyMJ can write it and reading it back gives it."""
    if not re.search("[\u0980-\u09ff]", text) or re.search("[A-Za-z]", text):
        return None
    coded = encode(text)
    want = unicodedata.normalize("NFC", text)
    # a text copy has no font to say so: only text that is evidently Bijoy
    return coded if to_unicode(coded) == want and looks_bijoy(coded) else None


DOCUMENT_SHARE = 0.25  # documents with Bijoy cells
CELL_SHARE = 0.3  # of their body cells with Bengali text


def add_bijoy(grid: Grid, layout: Layout, seed: str) -> None:
    """Type some body cells of one document in four in Bijoy (names, units, responsible
    posts): `grid.bijoy` gets their Bijoy text and `layout.bijoy` says so."""
    rng = random.Random(f"bijoy:{seed}")
    if rng.random() >= DOCUMENT_SHARE:
        return
    for r, row in enumerate(grid.rows[grid.header_rows:], start=grid.header_rows):
        for c, text in enumerate(row):
            if text and rng.random() < CELL_SHARE and (coded := bijoy_text(text)) is not None:
                grid.bijoy[(r, c)] = coded
    layout.bijoy = bool(grid.bijoy)
