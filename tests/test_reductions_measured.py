"""Reductions whose condition is a measured value of the scheme (``applies_if``): the
numbers are typed bounds, the engine decides, no yes/no fact is asked."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commitgen.compute import facts_for
from commitgen.compute.terms import scheme_terms
from commitgen.model.policy import Policy
from commitgen.rules.engine import structural_problems
from tests.engine_support import MINIMAL, money, owed, policy_with, yaml_data

GRID = """{type: grid,
  rows: {measure: {fact: distance, name: Distance, unit: km},
         bands: [{at_most: 1500}, {above: 1500, at_most: 3500}, {above: 3500}]},
  columns: {measure: {fact: delay, name: Delay at arrival, unit: hours},
            bands: [{below: 3}, {at_least: 3}]},
  cells: [[0, 250 EUR], [0, 400 EUR], [0, 600 EUR]],
  reductions: [{when: The longest flights arriving less late, owed_percent: 50,
                applies_if: [{fact: distance, above: 3500}, {fact: delay, below: 4}]}]}"""


def test_the_reduction_applies_exactly_inside_its_bounds() -> None:
    policy = policy_with(GRID)
    assert owed(policy, {"distance": 3501, "delay": "3 hours 59 minutes"}).amount == \
        money("300 EUR")
    assert owed(policy, {"distance": 3501, "delay": "4 hours"}).amount == money("600 EUR")
    assert owed(policy, {"distance": 3500, "delay": "3 hours"}).amount == money("400 EUR")
    steps = [s.kind for s in owed(policy, {"distance": 4000, "delay": "3h"}).steps]
    assert steps[-1] == "reduction"


def test_no_yes_no_fact_is_asked() -> None:
    names = {spec.name for spec, _ in facts_for(policy_with(GRID), "outage")}
    assert "reduction_1" not in names and {"distance", "delay"} <= names


def test_the_terms_carry_the_bounds_with_their_measure() -> None:
    terms = scheme_terms(policy_with(GRID).worst_cases[0].compensation)
    condition = terms["reductions"][0]["applies_if"][1]
    assert condition["fact"] == "delay" and condition["minutes_per_unit"] == 60
    assert condition["upper"] == {"value": Decimal(4), "inclusive": False}


def test_a_condition_on_a_value_the_scheme_does_not_measure_is_an_error() -> None:
    data = yaml_data(MINIMAL.read_text("utf-8"))
    data["worst_cases"][0]["compensation"] = yaml_data(GRID.replace("{fact: delay, below",
                                                                    "{fact: speed, below"))
    problems = structural_problems(Policy.model_validate(data))
    found = [p for p in problems if "not a measure of this scheme" in p.message]
    assert found and found[0].path[-3:] == ("applies_if", 1, "fact")
    assert "distance, delay" in (found[0].hint or "")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(distance=st.integers(0, 9000), minutes=st.integers(0, 600))
def test_half_is_owed_exactly_when_every_bound_holds(distance: int, minutes: int) -> None:
    outcome = owed(policy_with(GRID), {"distance": distance, "delay": f"{minutes} minutes"})
    full = 0 if minutes < 180 else 250 if distance <= 1500 else 400 if distance <= 3500 \
        else 600
    reduced = distance > 3500 and minutes < 240
    assert outcome.amount is not None
    assert outcome.amount.amount == (Decimal(full) / 2 if reduced else Decimal(full))
