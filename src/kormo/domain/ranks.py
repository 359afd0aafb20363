"""Ranks as published (DOMAIN.md, Scoring §6; issue 12 rule 8).

Results are ranked densely: ties share a rank and the next office takes the next rank. A shared
rank is printed "৮ম (যৌথভাবে)" (8th, joint). Bengali ordinals are the digits with the ordinal
suffix the results lists use: ১ম, ২য়, ৩য়, ৪র্থ, ৫ম, ৬ষ্ঠ, ৭ম-১০ম, then তম (১১তম, ২৫তম).
Only rated offices are ranked: one with nothing reported yet is "not yet rated" (rule 7).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from kormo.domain.digits import to_bengali_digits

_BN_SUFFIX = {1: "ম", 2: "য়", 3: "য়", 4: "র্থ", 5: "ম", 6: "ষ্ঠ", 7: "ম", 8: "ম", 9: "ম", 10: "ম"}
JOINT_BN = "যৌথভাবে"
JOINT_EN = "joint"


@dataclass(frozen=True, slots=True)
class Rank:
    rank: int
    joint: bool = False  # shared with another office

    def label(self, lang: str = "bn") -> str:
        return rank_label(self.rank, self.joint, lang)


def ordinal(n: int, lang: str = "bn") -> str:
    """"৮ম" / "8th"."""
    if n < 1:
        raise ValueError(f"a rank starts at 1, not {n}")
    if lang == "bn":
        return to_bengali_digits(str(n)) + _BN_SUFFIX.get(n, "তম")
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_label(n: int, joint: bool = False, lang: str = "bn") -> str:
    """A rank as published: "৮ম", "৮ম (যৌথভাবে)"; English "8th", "8th (joint)"."""
    text = ordinal(n, lang)
    if joint:
        text += f" ({JOINT_BN if lang == 'bn' else JOINT_EN})"
    return text


def dense_ranks(scores: Mapping[str, float]) -> dict[str, Rank]:
    """Dense ranks with the joint mark, scores compared at two decimals (as published)."""
    rounded = {k: round(v, 2) for k, v in scores.items()}
    distinct = sorted(set(rounded.values()), reverse=True)
    position = {v: i + 1 for i, v in enumerate(distinct)}
    shared = Counter(rounded.values())
    return {k: Rank(position[v], shared[v] > 1) for k, v in rounded.items()}
