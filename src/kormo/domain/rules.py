"""Scoring rule sets: the rules in force for a fiscal year, as data (DOMAIN.md, Scoring).

DOMAIN.md marks some rules "inferred" and asks that each be switchable to its alternative
without code changes; rules also change by year, and for 2025-26 the government replaced the APA
with GPMS. So the engine reads a `RuleSet` chosen per fiscal year: its `framework` names the
engine that scores a plan (only "apa" exists today; a GPMS engine registers another name), and
its switches choose among the alternatives DOMAIN.md names. A rule set can be read from a plain
dict (JSON) so that an administrator can add a year without a release.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from enum import StrEnum
from typing import Any

from kormo.domain.errors import InputError


class LevelMethod(StrEnum):
    """How an achievement between two target levels scores (Scoring §2, inferred)."""

    INTERPOLATE = "interpolate"  # linear between adjacent given levels (dates in days)
    STEP = "step"  # the percent of the best level reached
    RATIO = "ratio"  # achievement ÷ the 100 % target (dates fall back to STEP)


class NumericDirection(StrEnum):
    """Which way numeric levels run (Scoring §2: "inferred")."""

    FROM_LEVELS = "from_levels"  # v100 < v60 means less is better
    MORE_IS_BETTER = "more_is_better"  # always more is better


class GovernanceFormula(StrEnum):
    """How an action plan feeds a governance indicator (Scoring §5, formula inferred)."""

    SCALED = "scaled"  # weight × plan score ÷ plan maximum
    RAW_MARKS = "raw_marks"  # the plan's marks as they are, capped at the weight


class QuarterlyDateRule(StrEnum):
    """Date activities with a date per quarter (seed 002's website updates; inferred)."""

    SHARE_ON_TIME = "share_on_time"  # share of quarterly dates met on time
    ANNUAL_ONLY = "annual_only"  # only the annual target date counts


class ScoreSoFar(StrEnum):
    """What a quarterly "score so far" measures against (issue 12 rule 10)."""

    ANNUAL_TARGET = "annual_target"  # the year's targets: the score the office has today
    DUE_TO_DATE = "due_to_date"  # the targets due by the end of the quarter reported


@dataclass(frozen=True, slots=True)
class RuleSet:
    name: str
    framework: str = "apa"
    level_method: LevelMethod = LevelMethod.INTERPOLATE
    numeric_direction: NumericDirection = NumericDirection.FROM_LEVELS
    cap_at_best: bool = True  # at or better than v100 → 100 (inferred)
    governance_formula: GovernanceFormula = GovernanceFormula.SCALED
    quarterly_date_rule: QuarterlyDateRule = QuarterlyDateRule.SHARE_ON_TIME
    score_so_far: ScoreSoFar = ScoreSoFar.ANNUAL_TARGET
    fiscal_years: tuple[str, ...] = ()  # years this set is the default for

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> RuleSet:
        known = {f.name for f in fields(cls)}
        unknown = set(raw) - known
        if unknown or "name" not in raw:
            raise InputError(
                "নিয়মসমূহের বিবরণ অবোধগম্য",
                f"unreadable rule set (unknown keys: {sorted(unknown)}; 'name' required)",
            )
        try:
            return cls(
                name=raw["name"],
                framework=raw.get("framework", "apa"),
                level_method=LevelMethod(raw.get("level_method", "interpolate")),
                numeric_direction=NumericDirection(raw.get("numeric_direction", "from_levels")),
                cap_at_best=bool(raw.get("cap_at_best", True)),
                governance_formula=GovernanceFormula(raw.get("governance_formula", "scaled")),
                quarterly_date_rule=QuarterlyDateRule(
                    raw.get("quarterly_date_rule", "share_on_time")
                ),
                score_so_far=ScoreSoFar(raw.get("score_so_far", "annual_target")),
                fiscal_years=tuple(raw.get("fiscal_years", ())),
            )
        except ValueError as exc:
            raise InputError("নিয়মসমূহের বিবরণে ভুল মান", f"bad value in rule set: {exc}") from None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["fiscal_years"] = list(self.fiscal_years)
        return {k: (v.value if isinstance(v, StrEnum) else v) for k, v in d.items()}


# The APA rules of DOMAIN.md, confirmed for 2021-22 to 2023-24 and used for the years around them.
APA_RULES = RuleSet(
    name="apa-2020",
    fiscal_years=tuple(f"{y}-{(y + 1) % 100:02d}" for y in range(2016, 2025)),
)

_REGISTRY: dict[str, RuleSet] = {APA_RULES.name: APA_RULES}


def register_rule_set(rule_set: RuleSet) -> None:
    """Add or replace a rule set (e.g. read from an administrator's JSON)."""
    _REGISTRY[rule_set.name] = rule_set


def rule_set_named(name: str) -> RuleSet:
    try:
        return _REGISTRY[name]
    except KeyError:
        raise InputError(f"অজানা নিয়মসমূহ: {name}", f"unknown rule set: {name}") from None


def rule_set_for(fiscal_year: str) -> RuleSet:
    """The rule set in force for a fiscal year; the APA rules where none is registered.

    Later registrations win, so a year's own rule set overrides the default.
    """
    for rule_set in reversed(list(_REGISTRY.values())):
        if fiscal_year in rule_set.fiscal_years:
            return rule_set
    return APA_RULES
