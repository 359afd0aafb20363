"""Tables of areas, activities and indicators → `Area` trees, targets and achievements.

Two layouts share this code (DOMAIN.md, "Structure rules"): the five-level table (APA section
3, action plans printed with the five levels, and their progress reports with an achievement
column) and the quarterly-monitoring table of integrity plans (annual target, a target row and
an achievement row with the four quarters).

Rows are read in two steps. First each row is taken apart by content, not position: numbered
marks say what is an area ([১]), an activity ([১.১], "1.1 …") or an indicator ([১.১.১]); the
unit word and the weight anchor the value cells, so a row whose cells slid left or right (a
merged cell lost, a PDF column split) is still read against the right header column. Then the
rows are assembled into areas, with the repairs a person would make — each flagged: duplicate
numbers renumbered, a row printed under the wrong area moved, a truncated area weight read
from its indicators, levels out of order reduced to the evident ones, projections that slid
into the levels moved back.

Modules by concept: `rows` (row records), `drafts` (areas, activities, indicators being read),
`structure` (numbering → the tree), `repairs` (each flagged repair), `levels` (an indicator's
values), `assemble` (drafts → domain areas and progress).
"""

from kormo.importers.recognise.indicators.assemble import read_indicator_tables

__all__ = ["read_indicator_tables"]
