"""The columnar engine over whole offices (`domain.bulk_plans`) against the rules
(`path.score_office_plans`, `path.office_path`) on thousands of generated offices: every value
kind (numbers, percents, money, dates, months, blanks, "not applicable"), levels in either
direction or out of order with blanks, single targets with quarterly dates, derived values,
governance indicators, fallbacks, tier exclusions, stated and unstated totals, offices with no
APA or two — under every switch of the rule sets. Totals must be equal to the bit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from decimal import Decimal

import pytest

from kormo.domain import plan as d
from kormo.domain.bulk_plans import PlanTotals, office_paths, score_offices, unsupported
from kormo.domain.path import office_path, score_office_plans
from kormo.domain.rules import (
    GovernanceFormula,
    LevelMethod,
    NumericDirection,
    QuarterlyDateRule,
    RuleSet,
)
from kormo.domain.values import (
    Blank,
    DateValue,
    Money,
    MonthValue,
    NotApplicable,
    Number,
    Percent,
)

FY = "2022-23"
AS_OF = dt.date(2023, 2, 10)
ACTION = sorted(d.ACTION_PLAN_KINDS)
RULE_SETS = [
    RuleSet(name=f"r{i}", level_method=method, numeric_direction=direction, cap_at_best=cap,
            governance_formula=formula, quarterly_date_rule=dates)
    for i, (method, direction, cap, formula, dates) in enumerate([
        (LevelMethod.INTERPOLATE, NumericDirection.FROM_LEVELS, True, GovernanceFormula.SCALED,
         QuarterlyDateRule.SHARE_ON_TIME),
        (LevelMethod.STEP, NumericDirection.MORE_IS_BETTER, True, GovernanceFormula.RAW_MARKS,
         QuarterlyDateRule.ANNUAL_ONLY),
        (LevelMethod.RATIO, NumericDirection.FROM_LEVELS, False, GovernanceFormula.SCALED,
         QuarterlyDateRule.SHARE_ON_TIME),
        (LevelMethod.RATIO, NumericDirection.MORE_IS_BETTER, True, GovernanceFormula.RAW_MARKS,
         QuarterlyDateRule.SHARE_ON_TIME),
        (LevelMethod.INTERPOLATE, NumericDirection.MORE_IS_BETTER, False,
         GovernanceFormula.SCALED, QuarterlyDateRule.ANNUAL_ONLY),
    ])
]


class Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def number(self) -> Decimal:
        return Decimal(self.r.randint(0, 4000)) / Decimal(self.r.choice((1, 4, 7, 100)))

    def date(self) -> dt.date:
        return dt.date(2022, 7, 1) + dt.timedelta(days=self.r.randint(0, 364))

    def value(self, kind: str) -> d.Value | None:
        r = self.r.random()
        if r < 0.06:
            return None
        if r < 0.11:
            return Blank()
        if r < 0.14:
            return NotApplicable()
        if kind == "date":
            if self.r.random() < 0.2:
                day = self.date()
                return MonthValue(day.year, day.month)
            return DateValue(self.date())
        return self.r.choice((Number, Percent, Money))(self.number())

    def levels(self, kind: str) -> d.TargetLevels:
        shape = self.r.random()
        if shape < 0.15:
            return d.TargetLevels()
        if kind == "date":
            start = self.date()
            values: list[d.Value | None] = [DateValue(start + dt.timedelta(days=20 * i))
                                            for i in range(5)]
        else:
            top = self.number() + 10
            step = Decimal(self.r.choice((1, 5, 10, 25)))
            values = [Number(top - step * i) for i in range(5)]
            if shape < 0.35:
                values.reverse()  # less is better
            elif shape < 0.42:
                self.r.shuffle(values)  # out of order: a plan under correction
        for i in range(5):
            x = self.r.random()
            if x < 0.15:
                values[i] = None
            elif x < 0.22:
                values[i] = Blank()
            elif x < 0.24:
                values[i] = NotApplicable()
        if shape < 0.5 and self.r.random() < 0.4:
            values[1:] = [None] * 4  # only the 100 % level
        return d.TargetLevels(*values)

    def indicator(self, number: str, refs: list[str], feeds: d.PlanKind | None
                  ) -> d.Indicator:
        kind = "date" if self.r.random() < 0.25 else "number"
        unit = d.Unit.DATE if kind == "date" else self.r.choice(
            (d.Unit.COUNT, d.Unit.PERCENT, d.Unit.MARKS, d.Unit.TAKA))
        method = self.r.choice((None, None, *d.CalculationMethod))
        quarterly = tuple((q, v) for q in d.Quarter if self.r.random() < 0.3
                          and (v := self.value(kind)) is not None)
        return d.Indicator(
            number=number, name=number, unit=unit,
            weight=None if self.r.random() < 0.08 else Decimal(self.r.randint(0, 12)) / 2,
            calculation_method=method, levels=self.levels(kind),
            annual_target=self.value(kind) if self.r.random() < 0.4 else None,
            quarterly_targets=quarterly, feeds_from=feeds,
            fallback_for=self.r.choice(refs) if refs and self.r.random() < 0.07 else None,
            derivation="enothi_disposal_rate" if self.r.random() < 0.03 else None)

    def plan(self, kind: d.PlanKind, n: int, parent: str) -> d.Plan:
        areas = []
        refs: list[str] = []
        for a in range(self.r.randint(0, 3)):
            governance = kind is d.PlanKind.APA and a == 2
            acts = []
            for b in range(self.r.randint(1, 3)):
                inds = []
                for c in range(self.r.randint(0, 4)):
                    feeds = self.r.choice(ACTION) if governance and self.r.random() < 0.7 \
                        else None
                    ind = self.indicator(f"{a + 1}.{b + 1}.{c + 1}", refs, feeds)
                    inds.append(ind)
                    refs.append(("G" if governance else "") + ind.number)
                tiers = (d.Tier.UPAZILA,) if self.r.random() < 0.1 else ()
                acts.append(d.Activity(f"{a + 1}.{b + 1}", "a", tuple(inds), tiers))
            weight = None if self.r.random() < 0.2 else Decimal(self.r.randint(5, 60))
            kind_a = d.AreaKind.GOVERNANCE if governance else d.AreaKind.OFFICE
            areas.append(d.Area(str(a + 1), "area", weight, kind_a, tuple(acts)))
        progress = []
        for ref in [*refs, "9.9.9"]:  # and a value of no indicator
            for q in d.Quarter:
                if self.r.random() < 0.45:
                    vkind = "date" if self.r.random() < 0.3 else "number"
                    inputs = (("e_disposals", self.number()),
                              ("hard_file_disposals", self.number())) \
                        if self.r.random() < 0.2 else ()
                    progress.append(d.ProgressValue(ref, q, self.value(vkind), inputs=inputs))
        return d.Plan(
            kind=kind, fiscal_year=FY, office="office", id=f"p{n}", parent=parent,
            office_tier=self.r.choice((None, d.Tier.UPAZILA, d.Tier.DISTRICT)),
            total_weight=None if self.r.random() < 0.4 else Decimal(self.r.randint(20, 100)),
            areas=tuple(areas), progress=tuple(progress))

    def office(self) -> dict[int, d.Plan]:
        kinds = [d.PlanKind.APA] * self.r.choice((0, 1, 1, 1, 2))
        kinds += self.r.sample(ACTION, k=self.r.randint(0, 5))
        kinds += [self.r.choice(ACTION)] if self.r.random() < 0.2 else []
        self.r.shuffle(kinds)
        return {n: self.plan(k, n, self.r.choice(("", "p0", "p1"))) for n, k in
                enumerate(kinds)}


def _totals(s: object) -> tuple[object, ...]:
    return (s.total, s.maximum, s.rated, s.full_marks_count, s.indicator_count,  # type: ignore[attr-defined]
            s.percent, s.rating)  # type: ignore[attr-defined]


@pytest.mark.parametrize("rules", RULE_SETS, ids=lambda r: r.name)
def test_the_engine_equals_the_rules_on_generated_offices(rules: RuleSet) -> None:
    gen = Gen(int(rules.name[1:]) + 100)
    offices = [gen.office() for _ in range(400)]
    modelled = [o for o in offices if not unsupported(o, rules)]
    assert len(modelled) > 350  # two indicators with one reference are rare
    engine = score_offices(modelled, rules)
    paths = office_paths(modelled, FY, rules, AS_OF)
    seen = {"scored": 0, "rated": 0, "paths": 0, "at_risk": 0}
    for office, got, path in zip(modelled, engine, paths, strict=True):
        expected = score_office_plans(office, rules)
        assert set(got) == set(expected)
        for pk, s in expected.items():
            assert isinstance(got[pk], PlanTotals)
            assert _totals(got[pk]) == _totals(s), (pk, office[pk])
            seen["scored"] += 1
            seen["rated"] += s.rated
        want = office_path(office, FY, rules, AS_OF)
        if want is None:
            assert path is None
            continue
        assert path is not None and path.through == want.through
        assert path.quarterly == want.quarterly and path.at_risk == want.at_risk
        assert (path.due is None) == (want.due is None)
        if want.due is not None:
            assert _totals(path.due) == _totals(want.due)
            assert path.due_percent == want.due_percent
        seen["paths"] += 1
        seen["at_risk"] += bool(want.at_risk)
    assert seen["scored"] > 1000 and seen["rated"] > 300 and seen["paths"] > 200
    assert seen["at_risk"] > 100


def test_two_indicators_with_one_reference_are_left_to_the_rules() -> None:
    ind = d.Indicator(number="1.1.1", name="x", unit=d.Unit.COUNT, weight=Decimal(5))
    area = d.Area("1", "a", Decimal(5), activities=(d.Activity("1.1", "a", (ind, ind)),))
    plan = d.Plan(kind=d.PlanKind.APA, fiscal_year=FY, office="o", areas=(area,))
    assert unsupported({1: plan}, RULE_SETS[0])
    assert not unsupported({1: dataclasses.replace(plan, areas=())}, RULE_SETS[0])
