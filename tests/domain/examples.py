"""DOMAIN.md's worked examples and rule points as a table (the httpx WHATWG-table pattern).

Each row: an id, the five levels (best first, None for blank), the achievement, and the raw
percent DOMAIN.md gives or implies, with the section it comes from.
"""

from __future__ import annotations

from decimal import Decimal

from tests.domain.builders import day, num, pct

ENOTHI_RATE = Decimal(2236) / (Decimal(2236) + Decimal(1439)) * 100

LEVEL_EXAMPLES = [
    # Scoring §2 example: 350/300/250/200/150, achieved 320 → 90 + 20/50 × 10 = 94 %.
    ("s2-example-numbers", (num(350), num(300), num(250), num(200), num(150)), num(320), 94.0),
    # Scoring §2 example: 12.12.22 / 31.01.23 / 28.02.23, done 15.01.23 → 100 - 34/50 × 10.
    ("s2-example-dates", (day("12.12.22"), day("31.01.23"), day("28.02.23")), day("15.01.23"),
     93.2),
    # Exactly at a level gives that level's percent.
    ("at-v100", (num(350), num(300), num(250), num(200), num(150)), num(350), 100.0),
    ("at-v90", (num(350), num(300), num(250), num(200), num(150)), num(300), 90.0),
    ("at-v80", (num(350), num(300), num(250), num(200), num(150)), num(250), 80.0),
    ("at-v70", (num(350), num(300), num(250), num(200), num(150)), num(200), 70.0),
    ("at-v60", (num(350), num(300), num(250), num(200), num(150)), num(150), 60.0),
    # Better than v100 is capped at 100 (inferred: no published total exceeds 100).
    ("above-best", (num(350), num(300), num(250), num(200), num(150)), num(400), 100.0),
    # Worse than the worst given level earns 0 (confirmed).
    ("below-worst", (num(350), num(300), num(250), num(200), num(150)), num(149), 0.0),
    # Uneven spacing occurs: 85/70/60/55/50 % (seed 004 [2.2.2]); 65 % lies between 70 and 60.
    ("uneven-percents", (pct(85), pct(70), pct(60), pct(55), pct(50)), pct(65), 85.0),
    # Seed 004 [1.3.1]: 85/80/75/70/60 %, e-Nothi rate 2236/(2236+1439) = 60.84 % lies between
    # the 70 % level (70) and the 60 % level (60), so the raw score equals the rate itself.
    ("enothi-rate", (pct(85), pct(80), pct(75), pct(70), pct(60)), pct(ENOTHI_RATE),
     float(ENOTHI_RATE)),
    # Less is better (v100 < v60, inferred): 2/4/6/8/10 days, achieved 5 → 80 + 1/2 × 10.
    ("less-is-better", (num(2), num(4), num(6), num(8), num(10)), num(5), 85.0),
    ("less-is-better-worse", (num(2), num(4), num(6), num(8), num(10)), num(11), 0.0),
    # Blank levels are skipped: seed 000 [2.1.1] has 100/90/80 % dates only.
    ("blank-levels-date-between", (day("12.12.22"), day("31.01.23"), day("28.02.23"), None, None),
     day("14.02.23"), 85.0),
    ("blank-levels-late", (day("12.12.22"), day("31.01.23"), day("28.02.23"), None, None),
     day("01.03.23"), 0.0),
    # Only the 100 % level (seed 000 [2.3.1]): on or before it 100, after it 0.
    ("single-date-on-time", (day("18.10.22"),), day("18.10.22"), 100.0),
    ("single-date-early", (day("18.10.22"),), day("01.10.22"), 100.0),
    ("single-date-late", (day("18.10.22"),), day("19.10.22"), 0.0),
    # A gap in the middle: 100 and 60 only, interpolated over the whole span.
    ("gap-levels", (num(100), None, None, None, num(60)), num(80), 80.0),
    # Seed 001 e-gov [2.1.1]: 4/3/2/1/– — the blank 60 % level is skipped.
    ("dash-level", (num(4), num(3), num(2), num(1)), num(1), 70.0),
]
